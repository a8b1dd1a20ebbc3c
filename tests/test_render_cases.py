"""Text-loss corpus: every TEI family of tests/cases/render/<case>/ through both outputs.

Each case folder holds input.xml (a small TEI document written for the test) and expect.toml (XPath 1.0
expressions that must be true on the HTML reading page and on the print HTML). Besides those checks:
* every word of the document's <text>, <sourceDoc> and <facsimile> is on the reading page and in the
  print book (its print HTML; in the PDF itself, through pdftotext, in the slow test), except the words
  inside the deliberate suppressions of xslt/common/suppressed.xml;
* the HTML and the print book agree on the notes: same ids, same numbers;
* no traceback: both run in this process (stylesheets compiled once), and any exception fails the case.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from edition.publish import html as htmlmod
from edition.publish import pdf as pdfmod
from edition.publish import textloss
from edition.publish.inputs import assemble
from edition.publish.print_params import print_params

REPO = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (REPO / "tests" / "cases" / "render").iterdir() if (p / "input.xml").exists())
SUPPRESSED = textloss.suppressed(REPO / "xslt")
missing = textloss.missing
XHTML = "http://www.w3.org/1999/xhtml"


def source_words(path: Path) -> list[str]:
    return textloss.source_words(etree.parse(str(path)).getroot(), SUPPRESSED)


def local_names(root: etree._Element) -> etree._Element:
    """The print HTML without its XHTML namespace, so that one XPath dialect serves both outputs."""
    root = etree.fromstring(etree.tostring(root, encoding="unicode"))
    for el in root.iter(etree.Element):
        if etree.QName(el).namespace == XHTML:
            el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(root)
    return root


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every case through edition html (reading page) and the print stylesheet, in this one process."""
    out: dict[str, dict] = {}
    for case in CASES:
        src = case / "input.xml"
        site = tmp_path_factory.mktemp(case.name)
        report = htmlmod.publish([src], site, search=False)
        page = etree.parse(str(site / "input.html"), etree.HTMLParser()).getroot()
        pub = assemble([src])
        root, messages = pdfmod.print_html(pdfmod.corpus([t.tree for t in pub.texts], None, paths=pub.paths),
                                           params=print_params(pub.paths, [t.root for t in pub.texts]))
        out[case.name] = {"html": page, "print": local_names(root), "html_warnings": report.warnings,
                          "print_warnings": messages, "print_root": root}
    return out


def _checks() -> Iterator[tuple[str, str, str]]:
    for case in CASES:
        expect = tomllib.loads((case / "expect.toml").read_text(encoding="utf-8"))
        for output in ("html", "print"):
            for xpath in expect.get(output, []):
                yield case.name, output, xpath


@pytest.mark.parametrize(("case", "output", "xpath"), list(_checks()))
def test_expected_rendering(published: dict[str, dict], case: str, output: str, xpath: str) -> None:
    assert published[case][output].xpath(f"boolean({xpath})"), f"{case} ({output}): {xpath} is false"


@pytest.mark.parametrize("case", [c.name for c in CASES])
def test_every_word_is_on_the_reading_page_and_in_the_print_html(published: dict[str, dict], case: str) -> None:
    expected = source_words(REPO / "tests" / "cases" / "render" / case / "input.xml")
    assert expected
    main = published[case]["html"].xpath("//main")[0]
    assert missing(expected, "".join(main.itertext())) == []
    body = published[case]["print"].xpath("//body")[0]
    assert missing(expected, "".join(body.itertext())) == []


def _notes_html(page: etree._Element) -> list[tuple[str, str]]:
    return [(li.get("id"), "".join(li.xpath("./span[contains(@class, 'note-label')]//text()")))
            for li in page.xpath("//main//li[contains(@class, 'note')][@id]")]


def _notes_print(root: etree._Element) -> list[tuple[str, str]]:
    notes = root.xpath("//span[contains(concat(' ', @class, ' '), ' fn ')][not(contains(@class, 'fn-app'))]"
                       "[not(contains(@class, 'fn-src'))]")
    auth = [(n.get("id"), n.get("data-mark")) for n in notes if "fn-auth" in n.get("class")]
    ed = [(n.get("id"), n.get("data-mark")) for n in notes if "fn-ed" in n.get("class")]
    longer = [(n.get("id"), n.findtext(".//{*}span[@class='long-note-mark']")) for n in root.xpath("//div[@class = 'long-note']")]
    return auth + ed + longer


@pytest.mark.parametrize("case", [c.name for c in CASES])
def test_both_outputs_agree_on_the_notes(published: dict[str, dict], case: str) -> None:
    html_notes = _notes_html(published[case]["html"])
    print_notes = _notes_print(published[case]["print"])
    if published[case]["print"].xpath("//span[contains(@class, 'fn-app')]"):
        # the print book letters corrections and editors' notes in one series (its principles say so):
        # compare the ids and the numbered series only
        print_notes = [(i, m if m.isdigit() else "") for i, m in print_notes]
        html_notes = [(i, m if m.isdigit() else "") for i, m in html_notes]
    assert sorted(html_notes) == sorted(print_notes)


def test_the_corpus_covers_the_families_of_the_issue() -> None:
    names = {c.name for c in CASES}
    assert {"transcr-breaks", "transcr-edits", "choice-abbr", "textcrit", "drama", "verse", "figures", "linking",
            "sourcedoc", "facsimile", "gaiji", "corpus", "dictionary", "spoken", "analysis", "index", "binary",
            "xinclude", "foreign-namespace", "notes"} <= names


def test_suppressions_and_inclusions_are_reported(published: dict[str, dict]) -> None:
    html = published["analysis"]["html_warnings"]
    assert [w for w in html if "element <interpGrp> not rendered: A group of interp elements. (1×)" in w]
    assert any("xi:include href=\"chapter2.xml\"" in w and "not expanded" in w for w in published["xinclude"]["html_warnings"])
    assert any("xi:include href=\"chapter2.xml\"" in w for w in published["xinclude"]["print_warnings"])
    assert any("<binaryObject> not rendered" in w for w in published["binary"]["print_warnings"])
    assert any("ingredient" in w for w in published["foreign-namespace"]["html_warnings"])


@pytest.mark.slow
def test_every_word_is_in_the_pdf(published: dict[str, dict], tmp_path: Path) -> None:
    """All cases typeset by one WeasyPrint set-up; pdftotext reads the words back."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed for this test")
    typesetter = pdfmod.Typesetter("A5")
    lost: dict[str, list[str]] = {}
    for case in CASES:
        book = pdfmod.typeset(published[case.name]["print_root"], typesetter)
        pdf = tmp_path / f"{case.name}.pdf"
        pdf.write_bytes(book.pdf)
        gone = missing(source_words(case / "input.xml"), textloss.pdf_text(pdf), marks_apart=True)
        if gone:
            lost[case.name] = gone
    assert lost == {}


def test_every_tei_element_of_the_cases_has_a_rule_in_both_outputs(published: dict[str, dict]) -> None:
    """No TEI element of the corpus falls back on the "no rule" path in either output (print: "no rule for <x>",
    HTML: "has no template"): a rule in one output and none in the other is how the outputs drift apart (epigraph,
    postscript, fw, noteGrp had rules on the reading page only, until a sweep of TEI Simple and SARIT found them).
    Elements in other namespaces are reported by design (case foreign-namespace)."""
    fallbacks = {}
    for case, out in published.items():
        said = [w for w in out["print_warnings"] if "no rule for <" in w and ":" not in w.split("no rule for <")[1][:40]]
        said += [w for w in out["html_warnings"] if "has no template" in w and ":" not in w.split("element <")[1][:40]]
        if said:
            fallbacks[case] = said
    assert fallbacks == {}
