"""xslt/timeline: an SVG of every date in both texts, each mark linking to the date in its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree


SVG = "{http://www.w3.org/2000/svg}"
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def texts(enriched_seeds: Path) -> Path:
    """Both seeds converted and enriched (conftest: once per session); only read here."""
    return enriched_seeds


def _svg(repo_root: Path, texts: Path) -> etree._Element:
    import saxonche
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
        in_text = [d for d in root.iter(f"{TEI}date") if any(a.tag == f"{TEI}text" for a in d.iterancestors())]
        for n, d in enumerate(in_text, 1):
            if any(a.tag == f"{TEI}note" and a.get("type") == "editorial" for a in d.iterancestors()):
                continue
            start = (d.get("when") or d.get("from") or d.get("notBefore") or "")[:4]
            end = (d.get("to") or d.get("notAfter") or start)[:4]
            if start.isdigit() and int(end) >= 1941 and int(start) <= 1991:
                page = name.replace(".xml", ".html")
                expected[f"{page}#date-{n}"] = 1  # the date's position among the text's dates
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
    # the first and last years, every fifth year between (none crowding them), the zoomed years
    assert labels[0] == "1941" and labels[-1] == "1991" and "1958" in labels
    assert "1940" not in labels and "1990" not in labels and "1945" in labels and "1985" in labels


def test_tooltip_is_the_dates_sentence(repo_root: Path, texts: Path) -> None:
    svg = _svg(repo_root, texts)
    titles = [a.findtext(f"{SVG}title") for a in svg.iter(f"{SVG}a")]
    bari = [t for t in titles if "Bari" in t]
    assert bari and all(t.count("Bari") == 1 for t in bari)
    assert all("?" not in t.split(":", 1)[1][:40] or "–" in t for t in titles if "1955" in t)


def test_each_mark_lands_on_its_date_in_the_published_page(repo_root: Path, tmp_path: Path) -> None:
    """The timeline page of the HTML edition: every link names an element of the target page that is
    the date itself (f:date-id in xslt/common/numbering.xsl agrees with the timeline's count)."""
    import lxml.html
    from click.testing import CliRunner

    from edition.cli import main

    tei = repo_root / "tei"
    files = [str(tei / "soviet-albanian-split.xml"), str(tei / "from-bucharest-to-moscow.xml")]
    result = CliRunner().invoke(main, ["html", *files, "--register", str(tei / "register.xml"),
                                       "-o", str(tmp_path), "--no-search"])
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(tmp_path / "timeline.html"))
    hrefs = [h for h in page.xpath("//*[local-name()='svg']//*[local-name()='a']/@href") if "#date-" in h]
    assert len(hrefs) == len(set(hrefs)) > 100
    # the list view below the chart links the same dates
    assert sorted(page.xpath("//table[@class='dates']//a/@href")) == sorted(hrefs)
    pages: dict[str, lxml.html.HtmlElement] = {}
    for href in hrefs:
        name, frag = href.split("#")
        doc = pages.setdefault(name, lxml.html.parse(str(tmp_path / name)).getroot())
        target = doc.xpath(f"//*[@id='{frag}']")
        assert target and "date" in target[0].get("class", "").split(), href


def test_no_mark_hides_another_and_all_stay_in_their_row(repo_root: Path, texts: Path) -> None:
    svg = _svg(repo_root, texts)
    marks = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r"))) for c in svg.iter(f"{SVG}circle")]
    assert len(marks) > 100
    for i, (x, y, r) in enumerate(marks):
        for x2, y2, r2 in marks[i + 1:]:
            assert (x - x2) ** 2 + (y - y2) ** 2 >= (r + r2) ** 2, f"marks at ({x:.1f}, {y}) and ({x2:.1f}, {y2}) touch"
    axis = max(float(line.get("y1")) for line in svg.iter(f"{SVG}line") if line.get("stroke") == "#333")
    assert all(40 + r <= y <= axis - r for _, y, r in marks)  # between the top of the first row and the axis


def test_the_site_corpus_gives_the_same_rows_and_the_sites_page_names(repo_root: Path, texts: Path) -> None:
    """Run on the site corpus (the input shape of the HTML and print stylesheets), the timeline draws what it
    draws from the files, row by row (the stacking of marks starts afresh in each text), and links each
    mark to the page the site names (site:text/@page), not to a name guessed from the file."""
    from edition.publish.inputs import CorpusText, site_corpus
    from edition.publish.timeline import timeline_svg

    names = ["soviet-albanian-split.xml", "from-bucharest-to-moscow.xml"]
    roots = [etree.parse(str(texts / n)).getroot() for n in names]
    corpus = site_corpus([CorpusText(n, r.get("{http://www.w3.org/XML/1998/namespace}id", ""), r, page=f"p{i}.html")
                          for i, (n, r) in enumerate(zip(names, roots))])
    by_corpus = timeline_svg(repo_root / "xslt" / "timeline" / "timeline.xsl", corpus, [texts / n for n in names])
    by_files = _svg(repo_root, texts)
    hrefs = {"soviet-albanian-split.html": "p0.html", "from-bucharest-to-moscow.html": "p1.html"}
    for a in by_files.iter(f"{SVG}a"):
        page, _, target = a.get("href").partition("#")
        a.set("href", f"{hrefs[page]}#{target}")
    assert etree.tostring(by_corpus) == etree.tostring(by_files)
    assert len(list(by_corpus.iter(f"{SVG}circle"))) > 50
