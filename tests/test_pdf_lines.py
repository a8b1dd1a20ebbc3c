"""Line numbers and the apparatus keyed to them, read back from the PDF's text positions.

The book is typeset once (the print fixtures; the real edition as a slow case). pdftotext -bbox gives
every word with its box. On each page the lines of the reading text are the lines of words set in the
text's type (not the smaller notes, numbers in the margin or running heads, not the larger titles),
counted from the top: line k of the page. Every apparatus entry "12 lemma] reading source" must
name the line that holds its lemma; every number printed in the margin must stand on the line of
that number; the series at the foot of the page must be blocks in the configured order.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from edition.publish import pdf as pdfmod
from edition.publish.print_params import APPARATUS_ORDER, LINE_NUMBERING
from edition.xmlio import NS, parse_file

FIX = Path(__file__).parent / "fixtures" / "print"

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

#: An entry of the critical apparatus as pdftotext reads the run-on block: its line (or range, or
#: "|" for the same line as the entry before), lemma, bracket, transmitted reading, "source".
ENTRY = re.compile(r"(?:(?P<a>\d+)(?:–(?P<b>\d+))?|(?P<same>\|)) (?P<lem>[^\[\]|]{1,80}?)\] (?P<rdg>[^\]]{0,80}?) source\b")


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def words_by_page(path: Path) -> list[list[Word]]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter("{*}page"):
        pages.append([Word(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
                           w.text or "") for w in page.iter("{*}word")])
    return pages


def cluster(words: list[Word], tolerance: float = 2.0) -> list[list[Word]]:
    """Words in lines (by the foot of their boxes), top to bottom, each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.y1):
        if lines and abs(lines[-1][-1].y1 - w.y1) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


@dataclass
class Page:
    number: int
    body: list[list[Word]]  # the numbered lines, top to bottom
    margin: list[Word]  # the line numbers printed in the margin
    notes: list[list[Word]]  # the lines at the foot of the page


def analyse(words: list[Word], number: int, page_height: float) -> Page:
    heights = [w.height for w in words if len(w.text) > 2]
    if not heights:
        return Page(number, [], [], [])
    body_h = statistics.median(heights)
    top, bottom = 17 / 25.4 * 72, page_height - 19 / 25.4 * 72  # A5: the page's content box (page_geometry)
    inside = [w for w in words if top <= w.y0 and w.y1 <= bottom]
    text_words = [w for w in inside if 0.88 * body_h <= w.height <= 1.3 * body_h]
    if not text_words:
        return Page(number, [], [], [])
    left = min(w.x0 for w in text_words)
    right = max(w.x1 for w in text_words)
    margin = [w for w in inside if w.text.isdigit() and len(w.text) <= 3 and w.height < 0.88 * body_h and (w.x1 < left or w.x0 > right)]
    body = cluster(text_words)
    last_body = max(w.y1 for w in text_words)
    notes = cluster([w for w in inside if w.y0 > last_body and w.height < 0.88 * body_h and w not in margin])
    return Page(number, body, margin, notes)


def line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def squeeze(text: str) -> str:
    """Letters and digits only: hyphenation and spacing do not matter."""
    return re.sub(r"[\W_]", "", text)


def lemma_on_line(lemma: str, line: list[Word], next_line: list[Word] | None, first: bool = True) -> bool:
    """The line holds the lemma's first (or last) word, possibly hyphenated onto the next line."""
    tokens = lemma.split()
    token = squeeze(tokens[0] if first else tokens[-1])
    if not token:  # punctuation: the mark itself
        return (tokens[0] if first else tokens[-1]).strip() in line_text(line)
    here = squeeze(line_text(line))
    return token in here or (next_line is not None and token in here + squeeze(line_text(next_line)[: len(token) + 2]))


def expected_entries(texts: list[Path]) -> int:
    """Corrections with an apparatus entry: those outside notes, less the grouped ones (xslt/print/notes.xsl)."""
    n = 0
    for path in texts:
        choices = [c for c in parse_file(path).iterfind(".//tei:text//tei:choice", NS)
                   if (c.find("tei:sic", NS) is not None and c.find("tei:corr", NS) is not None
                       or c.find("tei:orig", NS) is not None and c.find("tei:reg", NS) is not None)
                   and not any(a.tag == f"{{{NS['tei']}}}note" for a in c.iterancestors())]
        kinds: dict[tuple[str, str], int] = {}
        for c in choices:
            key = ("".join((c.find("tei:sic", NS) if c.find("tei:sic", NS) is not None else c.find("tei:orig", NS)).itertext()),
                   "".join((c.find("tei:corr", NS) if c.find("tei:corr", NS) is not None else c.find("tei:reg", NS)).itertext()))
            kinds[key] = kinds.get(key, 0) + 1
        n += sum(count for count in kinds.values() if count < 5)
    return n


EDITION = pytest.param("edition", marks=[pytest.mark.slow, pytest.mark.xdist_group("edition-book")])


@pytest.fixture(scope="module", params=["fixture", EDITION])
def laid_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    if request.param == "fixture":
        texts = [FIX / "sas.xml", FIX / "fbm.xml"]
        book = pdfmod.make_book(texts, FIX / "register.xml", page_size="A5")
    else:  # the committed tei/ as `edition pdf` typesets it, once per session (conftest)
        texts, _register, _labels, book = request.getfixturevalue("edition_book")
    path = tmp_path_factory.mktemp("lines") / "book.pdf"
    path.write_bytes(book.pdf)
    height = 210 / 25.4 * 72
    pages = [analyse(words, i + 1, height) for i, words in enumerate(words_by_page(path))]
    return {"pages": pages, "texts": texts, "path": path, "html": book.html, "book": book}


def entries(page: Page) -> list[tuple[int, int, str]]:
    """(first line, last line, lemma) of each critical apparatus entry at the foot of `page`."""
    found = []
    text = " ".join(line_text(line) for line in page.notes)
    last = 0
    for m in ENTRY.finditer(text):
        if m.group("same"):
            a = b = last
        else:
            a = int(m.group("a"))
            b = int(m.group("b") or a)
        last = a
        found.append((a, b, m.group("lem")))
    return found


def test_every_entry_points_to_the_line_of_its_lemma(laid_out: dict) -> None:
    checked = 0
    for page in laid_out["pages"]:
        for a, b, lemma in entries(page):
            assert 1 <= a <= b <= len(page.body), f"p. {page.number}: entry {a} {lemma}] beyond the page's lines"
            following = page.body[a] if a < len(page.body) else None
            assert lemma_on_line(lemma, page.body[a - 1], following), (
                f"p. {page.number}: entry {a} {lemma}] but line {a} reads: {line_text(page.body[a - 1])!r}")
            if b != a:
                assert lemma_on_line(lemma, page.body[b - 1], None, first=False), (
                    f"p. {page.number}: entry {a}–{b} {lemma}] but line {b} reads: {line_text(page.body[b - 1])!r}")
            checked += 1
    assert checked == expected_entries(laid_out["texts"]) > 0


#: A note of the apparatus of quotations keyed to a quotation: marker, lines, lemma, bracket, "Source:".
SOURCE_NOTE = re.compile(r"^[α-ω]+ (?P<a>\d+)(?:–(?P<b>\d+))? (?P<lem>.+?)\] Source: ")


def test_quotation_notes_point_to_the_lines_of_their_quotation(laid_out: dict) -> None:
    checked = 0
    for page in laid_out["pages"]:
        for i, line in enumerate(page.notes):
            m = SOURCE_NOTE.match(" ".join(line_text(n) for n in page.notes[i:i + 2]))  # the key may run on
            if not m:
                continue
            a, lemma = int(m.group("a")), m.group("lem").strip("“”\"")
            assert 1 <= a <= len(page.body), f"p. {page.number}: quotation at line {a}, beyond the page"
            following = page.body[a] if a < len(page.body) else None
            assert lemma_on_line(lemma, page.body[a - 1], following), (
                f"p. {page.number}: note {a} {lemma}] but line {a} reads: {line_text(page.body[a - 1])!r}")
            if m.group("b") and int(m.group("b")) > a:  # ending on this page: the last words on line b
                b = int(m.group("b"))
                assert lemma_on_line(lemma, page.body[b - 1], None, first=False), (
                    f"p. {page.number}: note {a}–{b} {lemma}] but line {b} reads: {line_text(page.body[b - 1])!r}")
            checked += 1
    assert checked == laid_out["html"].count('class="fn fn-src" id="src-')  # every quotation's note


def test_margin_numbers_stand_on_their_lines(laid_out: dict) -> None:
    every = LINE_NUMBERING.every
    numbered = 0
    for page in laid_out["pages"]:
        printed = sorted((w.y1, int(w.text)) for w in page.margin)
        if not printed:
            continue
        numbered += 1
        assert [n for _, n in printed] == list(range(every, every * len(printed) + 1, every)), f"p. {page.number}"
        for y, n in printed:
            line = page.body[n - 1]
            assert abs(line[0].y1 - y) < 2.5, f"p. {page.number}: number {n} beside {line_text(line)!r}"
        assert len(page.body) < every * (len(printed) + 1), f"p. {page.number}: a multiple of {every} unnumbered"
    assert numbered > 2


def test_series_are_separate_blocks_in_order(laid_out: dict) -> None:
    kinds = {"fn-auth": re.compile(r"^\d+\.$"), "fn-src": re.compile(r"^[α-ω]+$"), "fn-ed": re.compile(r"^[a-z]+\)$")}
    seen_all = 0
    for page in laid_out["pages"]:
        rows: dict[str, list[float]] = {k: [] for k in APPARATUS_ORDER}
        for line in page.notes:
            for kind, pattern in kinds.items():
                if pattern.match(line[0].text):
                    rows[kind].append(line[0].y1)
        for line in page.notes:
            if ENTRY.search(line_text(line)):
                rows["fn-crit"].append(line[0].y1)
        present = [k for k in APPARATUS_ORDER if rows[k]]
        for upper, lower in zip(present, present[1:]):
            assert max(rows[upper]) < min(rows[lower]), f"p. {page.number}: {upper} and {lower} interleave"
        seen_all = max(seen_all, len(present))
    assert seen_all >= 3


def test_corrections_have_no_mark_in_the_text(laid_out: dict) -> None:
    html = etree.fromstring(laid_out["html"].encode(), etree.HTMLParser())
    assert not html.xpath("//span[contains(@class, 'fn-crit')][@data-mark]")
    ed_notes = sum(len(parse_file(p).findall(".//tei:text//tei:note[@type='editorial']", NS)) for p in laid_out["texts"])
    markers = [w for page in laid_out["pages"] for line in page.notes for w in line[:1] if re.match(r"^[a-z]+\)$", w.text)]
    assert len(markers) == ed_notes


def test_apparatus_numbers_start_their_lines_without_padding(laid_out: dict) -> None:
    """A critical apparatus entry that begins a line of the run-on block stands at the block's left edge:
    its number is not padded to its placeholder's width (lines.unpad_line_refs)."""
    checked = 0
    for page in laid_out["pages"]:
        if not page.body:
            continue
        left = min(line[0].x0 for line in page.body)
        for line in page.notes:
            if ENTRY.match(line_text(line)) and not line_text(line).startswith("|"):
                assert abs(line[0].x0 - left) < 0.5, (
                    f"p. {page.number}: {line_text(line)[:30]!r} starts {line[0].x0 - left:.1f} pt from the edge")
                checked += 1
    assert checked > 0
