"""The timeline plate of the print book, read from the PDF: a linear axis, labelled events, no word
on the plate touching another (the plate once printed "19411945")."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from edition.publish import pdf as pdfmod
from test_pdf_lines import Word, words_by_page

FIX = Path(__file__).parent / "fixtures" / "print"
SVG = {"svg": "http://www.w3.org/2000/svg"}

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


EDITION = pytest.param("edition", marks=[pytest.mark.slow, pytest.mark.xdist_group("edition-book")])


@pytest.fixture(scope="module", params=["fixture", EDITION])
def plate(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    if request.param == "fixture":
        book = pdfmod.make_book([FIX / "sas.xml", FIX / "fbm.xml"], FIX / "register.xml", page_size="A5")
    else:  # the edition as `edition pdf` typesets it, with its register of events, once per session (conftest)
        book = request.getfixturevalue("edition_book")[3]
    path = tmp_path_factory.mktemp("plate") / "book.pdf"
    path.write_bytes(book.pdf)
    pages = words_by_page(path)
    found = [i for i, words in enumerate(pages) if "Timeline of dated mentions" in " ".join(w.text for w in words)
             and any(w.text.isdigit() and len(w.text) == 4 for w in words)]
    svg = etree.fromstring(book.html.encode(), etree.HTMLParser()).xpath("//section[@id='timeline']//svg")
    assert found and svg
    return {"words": pages[found[-1]], "svg": svg[0], "kind": request.param}


def overlap(a: Word, b: Word, slack: float = 0.3) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > slack) and (min(a.y1, b.y1) - max(a.y0, b.y0) > slack)


def test_no_word_of_the_plate_touches_another(plate: dict) -> None:
    words = plate["words"]
    clashes = [(a.text, b.text) for i, a in enumerate(words) for b in words[i + 1:] if overlap(a, b)]
    assert clashes == []
    assert not [w.text for w in words if re.fullmatch(r"\d{8,}", w.text)]  # two years run together


def test_the_axis_is_linear(plate: dict) -> None:
    years = [(int(t.text), float(t.get("x"))) for t in plate["svg"].xpath(".//text[@class='year']")]
    assert len(years) >= 3
    (y0, x0), (y1, x1) = years[0], years[-1]
    per_year = (x1 - x0) / (y1 - y0)
    for year, x in years:
        assert abs(x0 + (year - y0) * per_year - x) < 0.01, year
    assert not plate["svg"].xpath(".//rect[@fill='#f3f0e6']")  # no zoomed band


def test_events_are_labelled(plate: dict) -> None:
    rows = plate["svg"].xpath(".//g[@class='text']")
    assert rows
    for row in rows:
        placed, events = map(int, row.get("data-labelled").split("/"))
        labels = row.xpath(".//text[@class='label']")
        assert len(labels) == placed and placed >= 0.8 * events
        for label in labels:  # "Nov 1960 (10)", headed by a registered event's short name ("Meeting of 81, …")
            assert re.fullmatch(r"(?:[^,]+, )?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\xa0)?\d{4}(?:\xa0\(\d+\))?",
                                "".join(label.itertext()))
    named = [t for t in plate["svg"].xpath(".//text[@class='label']/*[@font-weight='bold']/text()")]
    if plate["kind"] == "edition":  # editorial/events.xml: label type="short"
        assert "Bucharest meeting" in named and "Meeting of 81" in named
    else:
        assert named == []
