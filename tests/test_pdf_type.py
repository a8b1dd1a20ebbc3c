"""The type of the print edition: the fonts the colophon names are the fonts embedded, small caps and
running heads read back as words, the PDF carries XMP metadata and is tagged by default."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from lxml import etree

from edition.errors import EditionError
from edition.publish import pdf as pdfmod
from edition.publish import typefaces
from edition.xmlio import NS, parse_file

FIX = Path(__file__).parent / "fixtures" / "print"
TEXTS = [FIX / "sas.xml", FIX / "fbm.xml"]

pytestmark = pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = pdfmod.make_book(TEXTS, FIX / "register.xml", page_size="A5")
    assert result.warnings == []
    path = tmp_path_factory.mktemp("type") / "book.pdf"
    path.write_bytes(result.pdf)
    path.with_suffix(".html").write_text(result.html, encoding="utf-8")
    return path


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_embedded_fonts_are_the_colophons(book: Path) -> None:
    colophon = " ".join(re.search(r"set in (.*?) for characters it lacks", " ".join(pdftotext(book).split())).group(1).split())
    named = [name for _family, name, _where in typefaces.TYPEFACES]
    assert all(name in colophon for name in named), colophon
    rows = subprocess.run(["pdffonts", str(book)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        font = row.split()[0].split("+", 1)[-1]  # subset tag off: Linux-Libertine-O-Italic
        assert any(font.replace("-", " ").startswith(name) for name in named), f"{font} is not named in the colophon"
        assert row.split()[-5] == "yes", row


def test_small_caps_and_running_heads_read_as_words(book: Path) -> None:
    pages = pdftotext(book).split("\f")
    authors = {" ".join("".join(a.itertext()).split()) for t in TEXTS
               for a in parse_file(t).iterfind(".//tei:titleStmt/tei:author", NS)}
    text = " ".join(" ".join(pages).split())
    assert all(author in text for author in authors)  # set in small caps on the title page and the texts' heads
    fbm_title = parse_file(TEXTS[1]).findtext(".//tei:titleStmt/tei:title[@type='main']", namespaces=NS) or \
        parse_file(TEXTS[1]).findtext(".//tei:titleStmt/tei:title", namespaces=NS)
    heads = [p.strip().splitlines()[0] for p in pages if p.strip()]
    assert any(fbm_title in head for head in heads), heads  # a verso's running head, in small caps


def test_xmp_metadata_and_tags(book: Path) -> None:
    with pikepdf.open(book) as pdf:
        xmp = etree.fromstring(pdf.Root.Metadata.read_bytes())
        info = pdf.docinfo
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        title = xmp.xpath("//dc:title//rdf:li/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/",
                                                                     "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"})
        assert title == [str(info.Title)]
        creators = xmp.xpath("//dc:creator//rdf:li/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/",
                                                                        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"})
        assert creators == str(info.Author).split(", ")
        assert str(info.Subject).startswith("Critical edition of ")
        assert xmp.xpath("//*[local-name() = 'part']/text() | //@*[local-name() = 'part']") == ["1"]  # PDF/UA-1


def test_untagged_pdf_gets_xmp_too() -> None:
    result = pdfmod.make_book(TEXTS[:1], FIX / "register.xml", page_size="A5", pdf_variant=None)
    import io

    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        xmp = etree.fromstring(pdf.Root.Metadata.read_bytes())
        ns = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
        assert xmp.xpath("//dc:title//rdf:li/text()", namespaces=ns) == [str(pdf.docinfo.Title)]
        assert xmp.xpath("//dc:language//rdf:li/text()", namespaces=ns) == ["en"]


def test_a_missing_typeface_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typefaces, "installed_families", lambda: frozenset({"DejaVu Serif", "Noto Serif"}))
    with pytest.raises(EditionError, match="'Linux Libertine O'.*'Junicode Two Beta'"):
        pdfmod.Typesetter("A5")
    warnings = pdfmod.Typesetter("A5", font_fallback=True).warnings
    assert len(warnings) == 1 and "Linux Libertine O" in warnings[0] and "substitutes" in warnings[0]


def test_pdf_command_names_the_missing_typeface(monkeypatch: pytest.MonkeyPatch) -> None:
    from edition.cli import main

    monkeypatch.setattr(typefaces, "installed_families", lambda: frozenset({"DejaVu Serif"}))
    result = CliRunner().invoke(main, ["pdf", str(FIX / "sas.xml"), "-o", "/nonexistent-never-written"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Linux Libertine O" in result.stderr and "Noto Serif" in result.stderr


def test_hyphenation_hyphens_are_soft(book: Path) -> None:
    """A word broken at a line's end is copied whole: its hyphen reads as U+00AD (ISO 32000 14.8.2.2.3)."""
    text = pdftotext(book)
    assert "\u2010" not in text
    broken = re.findall(r"(\w+)\u00ad\n(\w+)", text)
    assert broken
    html = etree.fromstring(book.with_suffix(".html").read_bytes(), etree.HTMLParser())
    words = set(re.findall(r"\w+", " ".join(html.itertext())))  # the words of the book, as the print HTML has them
    for head, tail in broken:
        assert head + tail in words, head + tail
