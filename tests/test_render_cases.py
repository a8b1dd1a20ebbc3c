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

import re
import shutil
import subprocess
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from edition.publish import html as htmlmod
from edition.publish import pdf as pdfmod
from edition.publish.inputs import assemble
from edition.publish.print_params import print_params
from edition.xmlio import TEI_NS

REPO = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (REPO / "tests" / "cases" / "render").iterdir() if (p / "input.xml").exists())
SUPPRESSED = {e.get("name") for e in etree.parse(str(REPO / "xslt" / "common" / "suppressed.xml")).getroot()}
XHTML = "http://www.w3.org/1999/xhtml"


def _t(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


def source_words(path: Path) -> list[str]:
    """The words of the text, transcription and facsimile of a TEI document, as a reader sees them: breaks
    inside a word join it, elements standing side by side without text between them (list items,
    the parts of a manuscript identifier) are separate words, phrase markup inside a word is not, and
    the deliberate suppressions are left out."""
    root = etree.parse(str(path)).getroot()
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        qn = etree.QName(el)
        if qn.namespace == TEI_NS and qn.localname in SUPPRESSED:
            return
        parent = el.getparent()
        apart = (parent is None or qn.localname in ("note", "index")  # printed away from their place
                 or not ((parent.text or "").strip() or any((c.tail or "").strip() for c in parent)))
        joins = qn.localname in ("lb", "pb", "cb") and (el.get("break") == "no" or el.get("type") == "hyphenInWord")
        parts.append(" " if apart or (qn.localname in ("lb", "pb", "cb") and not joins) else "")
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        parts.append(" " if apart else "")

    for el in root.iter(_t("text"), _t("sourceDoc"), _t("facsimile")):
        if not any(a.tag in (_t("text"), _t("sourceDoc"), _t("facsimile")) for a in el.iterancestors()):
            walk(el)
    return words("".join(parts))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text))


def missing(expected: list[str], text: str) -> list[str]:
    """The expected words not found in `text` (compared without white space: a word the output runs
    together with its neighbour is not lost)."""
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    return [w for w in expected if w not in flat]


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
        root, messages = pdfmod.print_html(pdfmod.corpus([t.tree for t in pub.texts], None),
                                           params=print_params(pub.paths, [t.root for t in pub.texts], {}))
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
    return auth + ed


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
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        text = re.sub(r"(\w)[-\u00ad\u2010]\n(\w)", r"\1\2", text)  # words hyphenated at a line end
        gone = missing(source_words(case / "input.xml"), text)
        if gone:
            lost[case.name] = gone
    assert lost == {}
