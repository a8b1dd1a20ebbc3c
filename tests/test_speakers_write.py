"""Speaker attribution written into TEI: what it adds, what it never touches, idempotency."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.config import load_project
from edition.speakers import attribute_file
from edition.speakers.attribute import attribute
from edition.speakers.rules import load_rules
from edition.manifest import Manifest
from edition.xmlio import TEI_NS, parse_tei_file, serialize_tei, tei

HEADER = ('<teiHeader><fileDesc><titleStmt><title>T</title><respStmt xml:id="editors"><resp>ed</resp>'
          '<name>E</name></respStmt></titleStmt></fileDesc></teiHeader>')


def doc(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}" xml:id="fbm">{HEADER}'
            f"<text><body>{body}</body></text></TEI>\n")


def make(path: Path, body: str) -> Path:
    """Write a TEI file as a tool would have written it (serialised, recorded in the manifest)."""
    path.write_bytes(serialize_tei(etree.fromstring(doc(body).split("\n", 1)[1].encode())))
    manifest = Manifest(path.parent)
    manifest.record(path, tool="convert")
    manifest.save()
    return path


def P(pid: str, content: str) -> str:
    return f'<p xml:id="{pid}">{content}</p>'


def who(path: Path) -> list[tuple[str | None, str | None]]:
    return [(s.get("who"), s.get("cert")) for s in parse_tei_file(path).getroot().iter(tei("said"))]


MIKOYAN = '<persName ref="#anastas-mikoyan">Mikoyan</persName>'
MEHMET = '<persName ref="#mehmet-shehu">Mehmet</persName>'


@pytest.fixture()
def project(repo_root: Path):  # type: ignore[no-untyped-def]
    return load_project(repo_root)


def test_rules_explicit_narrator_pronoun_continuation_turns(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "t.xml",
        P("fbm-p1", f"<said>“Sit down,”</said> said {MIKOYAN}, <said>“and listen.”</said>")
        + P("fbm-p2", f"<said>“We shall see,”</said> I replied.")
        + P("fbm-p3", f"{MEHMET} stood up. <said>“No,”</said> he said.")
        + P("fbm-p4", f"Then {MIKOYAN} turned to {MEHMET} and told him:")
        + P("fbm-p5", "<said>“Go home.”</said>")
        + P("fbm-p6", "<said>“I shall not.”</said>")
        + P("fbm-p7", "<said>“Then stay.”</said>")
        + P("fbm-p8", "<said>“The people are here,”</said> they said."))
    attribute_file(project, path)
    assert who(path) == [
        ("#anastas-mikoyan", None), ("#anastas-mikoyan", None),   # explicit; the split sentence
        ("#enver-hoxha", None),                                    # I replied: the narrator
        ("#mehmet-shehu", "medium"),                               # he said: the last person named
        ("#anastas-mikoyan", None),                                # introduced by the previous paragraph
        ("#mehmet-shehu", "medium"),                               # turn-taking: the one addressed
        ("#anastas-mikoyan", "medium"),                            # turn-taking: answers the one who spoke to him
        (None, None)]                                              # "they": no person


def test_scholar_attribution_is_never_touched_and_second_run_is_byte_identical(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "t.xml", P("fbm-p1", f'<said who="#enver-hoxha">“Sit,”</said> said {MIKOYAN}. '
                                                f'<said resp="#editors">“Now,”</said> said {MIKOYAN}.'))
    run = attribute_file(project, path)
    assert who(path) == [("#enver-hoxha", None), (None, None)]
    assert run.status == "unchanged" and not run.attributions


def test_rederived_when_untouched_kept_when_edited_by_hand(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "t.xml", P("fbm-p1", f"<said>“Sit,”</said> said {MIKOYAN}."))
    assert attribute_file(project, path).status == "written"
    first = path.read_bytes()
    assert attribute_file(project, path).status == "unchanged" and path.read_bytes() == first
    root = parse_tei_file(path).getroot()
    assert any(r.get("{http://www.w3.org/XML/1998/namespace}id") == "fbm-speakers" for r in root.iter(tei("respStmt")))
    assert next(root.iter(tei("said"))).get("resp") == "#fbm-speakers"
    path.write_text(path.read_text(encoding="utf-8").replace('who="#anastas-mikoyan"', 'who="#mehmet-shehu"'),
                    encoding="utf-8")
    attribute_file(project, path)  # edited by hand since the tool wrote it: the correction stays
    assert who(path) == [("#mehmet-shehu", None)]
    attribute_file(project, path, reattribute=True)
    assert who(path) == [("#anastas-mikoyan", None)]


def test_possessive_and_preposition_are_not_speakers(repo_root: Path) -> None:
    body = (P("fbm-p1", f"<said>“They told me so,”</said> replied {MIKOYAN}’s man, but I repeated:")
            + P("fbm-p2", "<said>“No.”</said>")
            + P("fbm-p3", f"{MEHMET} knew nothing of the plans of {MIKOYAN}, but he told him coldly:")
            + P("fbm-p4", "<said>“We shall see.”</said>"))
    root = etree.fromstring(doc(body).split("\n", 1)[1].encode())
    found = attribute(list(root.iter(tei("p"))), load_rules(repo_root / "editorial"), "enver-hoxha")
    assert [(a.who, a.cert) for a in found] == [
        (None, None), ("#enver-hoxha", None), ("#mehmet-shehu", "medium")]
