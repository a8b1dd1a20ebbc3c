"""Where each collation difference stands: the anchors `edition link` puts into the quotation.

Every app of the collation has @from/@to naming two anchors in the quotation its @corresp names,
around the quotation's reading of the difference (a silent omission: one anchor). The anchors are
re-derived on each run; a scholar's anchors stay; enrich reads across them as if they were not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.config import load_project
from edition.enrich import enrich_files
from edition.link import link_texts
from edition.link.anchors import remove_anchor, strip_anchors
from edition.validate import validate
from edition.xmlio import XML_ID, parse_tei_file, serialize_tei, tei

SAS, FBM = "soviet-albanian-split.xml", "from-bucharest-to-moscow.xml"
SKIP = {"note", "sic", "orig"}
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture()
def texts(seed_copies: Path) -> Path:
    return seed_copies  # conftest: both seeds converted and enriched, copied for this test


@pytest.fixture()
def project(scratch_project):  # type: ignore[no-untyped-def]
    return scratch_project  # conftest: the edition's project with an editorial directory of its own


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def between(root: etree._Element, start: str, end: str) -> str:
    """The reading text (no note, sic, orig) between the anchors with xml:id `start` and `end`."""
    out: list[str] = []
    on, skip = False, 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        name = _local(el)
        if event == "start":
            if name == "anchor" and el.get(XML_ID) == start:
                on = True
            elif name == "anchor" and el.get(XML_ID) == end:
                return "".join(out)
            if name in SKIP:
                skip += 1
            elif on and not skip and el.text:
                out.append(el.text)
        else:
            if name in SKIP:
                skip -= 1
            if on and not skip and el.tail:
                out.append(el.tail)
    raise AssertionError(f"anchors {start} … {end} not found in order")


def _apps(root: etree._Element) -> list[etree._Element]:
    return root.findall(f".//{tei('listApp')}/{tei('app')}")


def _anchors(root: etree._Element, resp: str = "#sas-linker") -> list[etree._Element]:
    return [a for a in root.iter(tei("anchor")) if a.get("resp") == resp]


def _by_id(root: etree._Element, xid: str) -> etree._Element:
    return root.xpath("//*[@xml:id = $id]", id=xid)[0]


def test_anchors_enclose_each_difference_of_the_seeds(project, texts: Path, repo_root: Path) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    root = parse_tei_file(texts / SAS).getroot()
    apps = _apps(root)
    assert len(apps) == 5
    points = 0
    for app in apps:
        aid, frm, to = app.get(XML_ID), app.get("from"), app.get("to")
        quote = _by_id(root, app.get("corresp")[1:])
        if app.get("type") == "silent-omission":
            assert frm == to == f"#{aid}-at"
            points += 1
        else:
            assert (frm, to) == (f"#{aid}-from", f"#{aid}-to")
            lem = "".join(app.find(tei("lem")).itertext())
            assert " ".join(between(root, frm[1:], to[1:]).split()) == lem
        for ptr in {frm, to}:
            anchor = _by_id(root, ptr[1:])
            assert _local(anchor) == "anchor" and anchor.get("resp") == "#sas-linker"
            assert quote in anchor.iterancestors()
    assert len(_anchors(root)) == 2 * len(apps) - points
    # sas-q51: the bracketed [we], then two omissions each marked by one "..."
    assert between(root, "sas-q51-app1-from", "sas-q51-app1-to") == "[we]"
    for k in (2, 3):
        assert between(root, f"sas-q51-app{k}-from", f"sas-q51-app{k}-to") == "..."
    assert between(root, "sas-q86-app1-from", "sas-q86-app1-to") == "..."
    assert between(root, "sas-q51-app1-to", "sas-q51-app2-from").startswith(" suspected that the problem")
    # the anchors are valid (grammar and every rule, app-anchors among them)
    result = validate([texts / SAS, texts / FBM], register=repo_root / "tei" / "register.xml")
    assert [d.text() for d in result.diagnostics if d.severity == "error"] == []


def test_second_run_changes_nothing_and_stripping_gives_the_text_back(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    before = parse_tei_file(texts / SAS).getroot()
    run = link_texts(project, texts / SAS, texts / FBM)
    assert run.status[str(texts / SAS)].startswith("written")
    first = (texts / SAS).read_bytes()
    again = link_texts(project, texts / SAS, texts / FBM)
    assert again.status[str(texts / SAS)] == "unchanged"
    assert (texts / SAS).read_bytes() == first
    # without the tool's anchors (and the @source it set) the text is exactly what it was
    after = parse_tei_file(texts / SAS).getroot()
    assert strip_anchors(after, "#sas-linker") == 10
    for q in after.iter(tei("quote")):
        q.attrib.pop("source", None)
    assert etree.tostring(after.find(tei("text")), with_tail=False) == etree.tostring(before.find(tei("text")), with_tail=False)


def test_enrich_after_link_changes_nothing(project, texts: Path, repo_root: Path) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    linked = (texts / SAS).read_bytes()
    run = enrich_files(load_project(repo_root), [texts / SAS], repo_root / "tei" / "register.xml")
    assert run.reports[0].status == "unchanged"
    assert (texts / SAS).read_bytes() == linked


def test_enrich_finds_names_and_dates_across_anchors(project, texts: Path, repo_root: Path) -> None:  # type: ignore[no-untyped-def]
    """An anchor inside a word is nothing to enrich: every name and date is found as before."""
    path = texts / SAS
    root = parse_tei_file(path).getroot()
    original = etree.tostring(root.find(tei("text")))
    tagged = [el for el in root.find(tei("text")).iter() if el.get("resp") == "#sas-enrich" and len(el.text or "") > 3]
    assert len(tagged) > 500
    for k, el in enumerate(tagged):  # "Hys<anchor/>ni Kapo", "Nov<anchor/>ember 10, 1960"
        anchor = etree.Element(tei("anchor"))
        anchor.set(XML_ID, f"sas-probe{k}")
        cut = len(el.text) // 2
        el.text, anchor.tail = el.text[:cut], el.text[cut:]
        el.insert(0, anchor)
    path.write_bytes(serialize_tei(root))
    enrich_files(load_project(repo_root), [path], repo_root / "tei" / "register.xml", retag=True)
    after = parse_tei_file(path).getroot()
    probes = [a for a in after.iter(tei("anchor")) if (a.get(XML_ID) or "").startswith("sas-probe")]
    assert len(probes) == len(tagged)  # a scholar's anchors (no @resp of the tool) are kept
    for a in probes:
        assert a.getparent().get("resp") == "#sas-enrich"  # each name or date was found again around it
    for a in probes:
        remove_anchor(a)
    assert etree.tostring(after.find(tei("text"))) == original


def test_a_scholars_anchor_is_kept(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    path = texts / SAS
    root = parse_tei_file(path).getroot()
    q51 = _by_id(root, "sas-q51")
    mine = etree.Element(tei("anchor"))
    mine.set(XML_ID, "sas-q51-mine")
    mine.set("resp", "#editors")
    head, sep, rest = q51.text.partition("suspected")
    q51.text, mine.tail = head, sep + rest
    q51.insert(0, mine)
    path.write_bytes(serialize_tei(root))
    link_texts(project, path, texts / FBM, relink=True)
    root = parse_tei_file(path).getroot()
    kept = _by_id(root, "sas-q51-mine")
    assert kept.get("resp") == "#editors" and kept.tail.startswith("suspected that the problem")
    assert kept.getprevious().get(XML_ID) == "sas-q51-app1-to"
    assert between(root, "sas-q51-app1-from", "sas-q51-app1-to") == "[we]"
    first = path.read_bytes()
    link_texts(project, path, texts / FBM, relink=True)
    assert path.read_bytes() == first


def test_a_hand_set_source_still_gets_anchors(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    path = texts / SAS
    root = parse_tei_file(path).getroot()
    _by_id(root, "sas-q51").set("source", f"{FBM}#fbm-p034")
    path.write_bytes(serialize_tei(root))
    run = link_texts(project, path, texts / FBM, relink=True)
    assert any(n.startswith("sas-q51: @source") for n in run.notes)
    root = parse_tei_file(path).getroot()
    assert _by_id(root, "sas-q51").get("source") == f"{FBM}#fbm-p034"
    assert between(root, "sas-q51-app1-from", "sas-q51-app1-to") == "[we]"


def test_a_file_edited_by_hand_keeps_its_anchors(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    path = texts / SAS
    link_texts(project, path, texts / FBM)
    edited = path.read_bytes().replace(b"were not to be taken", b"were not to be made")
    path.write_bytes(edited)
    root = parse_tei_file(path).getroot()
    anchor = _by_id(root, "sas-q51-app2-from")
    anchor.getparent().remove(anchor)  # … though a scholar removed one: the tool does not put it back
    path.write_bytes(serialize_tei(root))
    kept = path.read_bytes()
    run = link_texts(project, path, texts / FBM)
    assert run.status[str(path)].startswith("kept")
    assert path.read_bytes() == kept


# ---- a small pair of texts: a difference inside a name, a silent omission, an ellipsis that is none

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{tid}">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>{tid}</title></titleStmt>
      <publicationStmt><p>test</p></publicationStmt>
      <sourceDesc><p>test</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <p xml:id="{tid}-p1">{body}</p>
    </body>
  </text>
</TEI>
"""
QUOTING = ('He wrote that <quote xml:id="ta-q1">“Therefore our Party sent Comrade <persName ref="#hk">Hysni Kapa</persName> '
           'to Bucharest to discuss only the date ... meeting, and nothing<note place="foot">A note ... here.</note> else '
           'was decided there by anyone at all ...”</quote> and left.')
SOURCE = ('Therefore our Party sent Comrade Hysni Kapo to Bucharest to discuss only the date of the future meeting, '
          'and nothing else was to be decided there by anyone at all. We stayed at home and waited.')


def test_fragment_offsets_inside_a_name_and_at_a_point(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_text(TEMPLATE.format(tid="ta", body=QUOTING), encoding="utf-8")
    b.write_text(TEMPLATE.format(tid="tb", body=SOURCE), encoding="utf-8")
    run = link_texts(project, a, b)
    (unit, _, diffs), = run.linked
    assert [(d.kind, d.quoted) for d in diffs] == [("variant", "Kapa"), ("omission", "..."), ("silent-omission", "")]
    root = parse_tei_file(a).getroot()
    # the changed word stands inside the persName: the anchor before it goes in there
    start, end = _by_id(root, "ta-q1-app1-from"), _by_id(root, "ta-q1-app1-to")
    assert _local(start.getparent()) == "persName" and start.getparent().text == "Hysni "
    assert end.getprevious() is start.getparent()  # the name ends with the word: the end anchor follows it
    assert between(root, "ta-q1-app1-from", "ta-q1-app1-to") == "Kapa"
    # one omission, of two "..." in the quotation (the other ends it; the note's is not read)
    assert between(root, "ta-q1-app2-from", "ta-q1-app2-to") == "..."
    assert _by_id(root, "ta-q1-app2-from").tail == "..." and _by_id(root, "ta-q1-app2-to").tail.startswith(" meeting")
    # the silent omission: one point, after "was" (a note in between is no place for it)
    at = _by_id(root, "ta-q1-app3-at")
    assert _local(at.getparent()) == "quote" and at.getprevious() is not None
    assert between(root, "ta-q1-app2-to", "ta-q1-app3-at").endswith(" else was")
    app3 = _by_id(root, "ta-q1-app3")
    assert (app3.get("from"), app3.get("to")) == ("#ta-q1-app3-at", "#ta-q1-app3-at")
    assert len(root.findall(f".//{tei('anchor')}")) == 5
    assert root.find(f".//{tei('note')}").find(tei("anchor")) is None
