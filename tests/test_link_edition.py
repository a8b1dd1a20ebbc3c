"""`edition link` on the edition's two texts: the quotations of the memoir chapter in the article.

The verified pairs were established by reading: every quotation of the article attributed to
Hoxha's memoirs was looked up in the chapter (docs/links.md says how); these six come from it,
the others from other works. Precision and recall are measured against them (quotation →
source paragraph pairs).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.link import link_texts
from edition.manifest import Manifest
from edition.xmlio import XML_ID, parse_tei_file, tei

VERIFIED = {
    ("sas-q50", "fbm-p003"),  # "The revisionist renegades needed another meeting …"
    ("sas-q51", "fbm-p034"), ("sas-q51", "fbm-p035"),  # "[we] suspected … Hysni Kapo to Bucharest"
    ("sas-q70", "fbm-p226"),  # "They distributed this voluminous material …"
    ("sas-q71", "fbm-p230"), ("sas-q71", "fbm-p231"),  # "In his speech Khrushchev … conductor's baton"
    ("sas-q86", "fbm-p271"),  # "… Hysni and Ramiz stayed on in Moscow …"
    ("sas-q87", "fbm-p271"),  # "… from Bari returned safe and sound to Tirana …"
}
SAS, FBM = "soviet-albanian-split.xml", "from-bucharest-to-moscow.xml"


@pytest.fixture()
def texts(seed_copies: Path) -> Path:
    return seed_copies  # conftest: both seeds converted and enriched, copied for this test


@pytest.fixture()
def project(scratch_project):  # type: ignore[no-untyped-def]
    return scratch_project  # conftest: the edition's project with an editorial directory of its own


def _pairs(root: etree._Element) -> set[tuple[str, str]]:
    return {(q.get(XML_ID), src.split("#")[1]) for q in root.iter(tei("quote")) if q.get("source")
            for src in q.get("source").split()}


def test_precision_and_recall_on_the_verified_pairs(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    found = _pairs(parse_tei_file(texts / SAS).getroot())
    true = found & VERIFIED
    precision, recall = len(true) / len(found), len(true) / len(VERIFIED)
    print(f"\nlink detector: {len(found)} pairs found, {len(true)} verified; "
          f"precision {precision:.2f}, recall {recall:.2f}")
    assert precision == 1.0 and recall == 1.0


def test_links_both_ways_with_stable_ids_and_apparatus(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    sas, fbm = parse_tei_file(texts / SAS).getroot(), parse_tei_file(texts / FBM).getroot()
    q50 = sas.find(f".//{tei('quote')}[@{{http://www.w3.org/XML/1998/namespace}}id='sas-q50']")
    assert q50.get("source") == f"{FBM}#fbm-p003"
    links = {ln.get(XML_ID): ln.get("target") for ln in fbm.iter(tei("link"))}
    assert links["fbm-p003-quoted-sas-q50"] == f"#fbm-p003 {SAS}#sas-q50"
    assert {ln.get(XML_ID) for ln in sas.iter(tei("link"))} >= {"sas-q50-source", "sas-q87-source"}
    apps = {a.get(XML_ID): a for a in sas.iter(tei("app"))}
    omission = apps["sas-q86-app1"]
    assert omission.get("type") == "omission" and omission.findtext(tei("lem")) == "..."
    assert omission.findtext(tei("rdg")).startswith("We sent the comrades of the embassy")
    assert omission.find(tei("rdg")).get("source") == f"{FBM}#fbm-p271"
    # "[we]" stands for the subject of "suspected" in fbm-p034 (the quotation opens with it)
    assert apps["sas-q51-app1"].get("type") == "bracketed-substitution" and apps["sas-q51-app1"].findtext(tei("lem")) == "[we]"
    assert apps["sas-q51-app1"].findtext(tei("rdg")) == "I, personally, and the other comrades of the Political Bureau who knew about it"
    for root in (sas, fbm):  # the respStmt the @resp points to
        resp = {r.get(XML_ID) for r in root.iter(tei("respStmt"))}
        assert {g.get("resp").lstrip("#") for g in root.iter(tei("linkGrp"))} <= resp


def test_second_run_changes_nothing_and_output_is_valid_tei(project, texts: Path, tei_all) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    first = {n: (texts / n).read_bytes() for n in (SAS, FBM)}
    run = link_texts(project, texts / SAS, texts / FBM)
    assert set(run.status.values()) == {"unchanged"}
    assert {n: (texts / n).read_bytes() for n in (SAS, FBM)} == first
    for n in (SAS, FBM):
        doc = etree.parse(str(texts / n))
        assert tei_all.validate(doc), tei_all.error_log


def test_text_outside_the_new_markup_is_unchanged(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    def reading(path: Path) -> str:
        body = parse_tei_file(path).getroot().find(tei("text"))
        return "".join(body.itertext())
    before = {n: reading(texts / n) for n in (SAS, FBM)}
    link_texts(project, texts / SAS, texts / FBM)
    assert {n: reading(texts / n) for n in (SAS, FBM)} == before


def test_source_set_by_hand_is_kept(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    data = (texts / SAS).read_text(encoding="utf-8")
    edited = data.replace(f'xml:id="sas-q50" source="{FBM}#fbm-p003"', f'xml:id="sas-q50" source="{FBM}#fbm-p004"')
    assert edited != data
    (texts / SAS).write_text(edited, encoding="utf-8")
    run = link_texts(project, texts / SAS, texts / FBM, relink=True)
    assert any("sas-q50" in n for n in run.notes)
    assert f'xml:id="sas-q50" source="{FBM}#fbm-p004"' in (texts / SAS).read_text(encoding="utf-8")


def test_hand_edited_file_keeps_the_links_unless_relink(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    link_texts(project, texts / SAS, texts / FBM)
    data = (texts / FBM).read_text(encoding="utf-8").replace("fbm-p003-quoted-sas-q50", "fbm-p003-quoted-sas-q50-x")
    (texts / FBM).write_text(data, encoding="utf-8")
    assert Manifest(texts).is_hand_edited(texts / FBM)
    run = link_texts(project, texts / SAS, texts / FBM)
    assert run.status[str(texts / FBM)].startswith("kept")
    assert "fbm-p003-quoted-sas-q50-x" in (texts / FBM).read_text(encoding="utf-8")
    link_texts(project, texts / SAS, texts / FBM, relink=True)
    assert "fbm-p003-quoted-sas-q50-x" not in (texts / FBM).read_text(encoding="utf-8")


def test_rejected_pairs_are_data(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    (project.editorial_dir / "links").mkdir()
    (project.editorial_dir / "links" / "rejected.tsv").write_text(
        "# pairs the editors rejected\nunit\tsource\tnote\nsas-q87\tfbm-p271\ttest\n", encoding="utf-8")
    run = link_texts(project, texts / SAS, texts / FBM)
    assert ("sas-q87", "fbm-p271") in run.rejected
    pairs = _pairs(parse_tei_file(texts / SAS).getroot())
    assert ("sas-q87", "fbm-p271") not in pairs and ("sas-q86", "fbm-p271") in pairs


def test_dry_run_writes_nothing(project, texts: Path) -> None:  # type: ignore[no-untyped-def]
    before = (texts / SAS).read_bytes()
    run = link_texts(project, texts / SAS, texts / FBM, dry_run=True)
    assert run.status[str(texts / SAS)].startswith("would change")
    assert (texts / SAS).read_bytes() == before
