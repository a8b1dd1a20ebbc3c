"""xslt/timeline: an SVG of every date in both texts, each mark linking to its paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from edition.config import load_project
from edition.convert import convert_seed
from edition.enrich import enrich_files

SVG = "{http://www.w3.org/2000/svg}"
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    project = load_project(repo_root)
    out = tmp_path_factory.mktemp("timeline")
    for meta in project.texts:
        convert_seed(project, project.seeds_dir / meta.seed, profile=meta.profile, out_dir=out)
    enrich_files(project, [out / m.tei for m in project.texts], repo_root / "tei" / "register.xml")
    return out


def _svg(repo_root: Path, texts: Path) -> etree._Element:
    saxonche = pytest.importorskip("saxonche")
    with saxonche.PySaxonProcessor(license=False) as proc:
        ex = proc.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(repo_root / "xslt" / "timeline" / "timeline.xsl"))
        ex.set_parameter("texts", proc.make_string_value("from-bucharest-to-moscow.xml"))
        out = ex.transform_to_string(source_file=str(texts / "soviet-albanian-split.xml"))
    return etree.fromstring(out.encode("utf-8"))


def test_every_date_in_range_is_a_linked_mark(repo_root: Path, texts: Path) -> None:
    svg = _svg(repo_root, texts)
    expected = {}
    for name in ("soviet-albanian-split.xml", "from-bucharest-to-moscow.xml"):
        root = etree.parse(str(texts / name)).getroot()
        for d in root.iter(f"{TEI}date"):
            if not any(a.tag == f"{TEI}text" for a in d.iterancestors()):
                continue
            if any(a.tag == f"{TEI}note" and a.get("type") == "editorial" for a in d.iterancestors()):
                continue
            start = (d.get("when") or d.get("from") or d.get("notBefore") or "")[:4]
            end = (d.get("to") or d.get("notAfter") or start)[:4]
            if start.isdigit() and int(end) >= 1941 and int(start) <= 1991:
                p = next(a for a in d.iterancestors()
                         if a.tag == f"{TEI}p" and a.get("{http://www.w3.org/XML/1998/namespace}id"))
                pid = p.get("{http://www.w3.org/XML/1998/namespace}id")
                page = name.replace(".xml", ".html")
                expected[f"{page}#{pid}"] = expected.get(f"{page}#{pid}", 0) + 1
    links = {}
    for a in svg.iter(f"{SVG}a"):
        links[a.get("href")] = links.get(a.get("href"), 0) + 1
        assert a.find(f"{SVG}circle") is not None
        assert a.findtext(f"{SVG}title").strip()
    assert expected and links == expected
    assert {h.split("#")[0] for h in links} == {"soviet-albanian-split.html", "from-bucharest-to-moscow.html"}


def test_no_script_and_axis_spans_1941_to_1991(repo_root: Path, texts: Path) -> None:
    svg = _svg(repo_root, texts)
    assert not list(svg.iter(f"{SVG}script"))
    labels = [t.text for t in svg.iter(f"{SVG}text") if (t.text or "").isdigit()]
    assert labels[0] == "1945" and labels[-1] == "1990" and "1958" in labels  # the zoomed years are labelled


def test_tooltip_is_the_dates_sentence(repo_root: Path, texts: Path) -> None:
    svg = _svg(repo_root, texts)
    titles = [a.findtext(f"{SVG}title") for a in svg.iter(f"{SVG}a")]
    bari = [t for t in titles if "Bari" in t]
    assert bari and all(t.count("Bari") == 1 for t in bari)
    assert all("?" not in t.split(":", 1)[1][:40] or "–" in t for t in titles if "1955" in t)
