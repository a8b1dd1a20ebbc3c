"""`edition pdf` on the command line: exit codes, stdout and stderr, files written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from edition.cli import main

FIX = Path(__file__).parent / "fixtures" / "print"

SMALL = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>A letter</title><author>Somebody</author></titleStmt>
<publicationStmt><date when="2020-05-01">2020</date></publicationStmt>
<sourceDesc><p>Invented for a test.</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Dear <persName>Anna</persName>, the <madeUp>strange words</madeUp> stay.</p></body></text></TEI>
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["pdf", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_pdf_per_file_then_unchanged(tmp_path: Path) -> None:
    code, out, err = run(str(FIX / "fbm.xml"), "--register", str(FIX / "register.xml"), "-o", str(tmp_path))
    assert (code, err) == (0, "")
    target = tmp_path / "fbm.pdf"
    pages = len(pypdf.PdfReader(str(target)).pages)
    assert out == f"pdf {target}: {pages} pages, written\n"
    before = target.stat().st_mtime_ns
    code, out, err = run(str(FIX / "fbm.xml"), "--register", str(FIX / "register.xml"), "-o", str(tmp_path))
    assert (code, out, err) == (0, f"pdf {target}: {pages} pages, unchanged\n", "")
    assert target.stat().st_mtime_ns == before


def test_any_tei_document_with_unknown_elements(tmp_path: Path) -> None:
    src = tmp_path / "letter.xml"
    src.write_text(SMALL, encoding="utf-8")
    code, out, err = run(str(src), "-o", str(tmp_path / "out"), "--page-size", "letter")
    assert code == 0
    assert out.startswith(f"pdf {tmp_path / 'out' / 'letter.pdf'}: ")
    assert "warning: print: no rule for <madeUp>" in err
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "letter.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "strange words" in text and "Index of persons" in text
    box = pypdf.PdfReader(str(tmp_path / "out" / "letter.pdf")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_page_size_a4_and_print_html(tmp_path: Path) -> None:
    src = tmp_path / "letter.xml"
    src.write_text(SMALL, encoding="utf-8")
    code, out, _ = run(str(src), "-o", str(tmp_path), "--page-size", "A4", "--html")
    assert code == 0 and out.splitlines()[1] == f"html {tmp_path / 'letter.print.html'}: written"
    assert "strange words" in (tmp_path / "letter.print.html").read_text(encoding="utf-8")
    box = pypdf.PdfReader(str(tmp_path / "letter.pdf")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.parametrize("args, message", [
    (["--page-size", "B5"], "Invalid value for '--page-size'"),
    (["nothere.xml"], "nothere.xml: no such file"),
    (["--register", str(FIX / "register.xml")], "--register applies to FILE arguments"),
])
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    code, out, err = run(*args, "-o", str(tmp_path))
    assert code == 2 and out == "" and message in err
    assert list(tmp_path.iterdir()) == []


def test_not_xml_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><text>", encoding="utf-8")
    code, out, err = run(str(bad), "-o", str(tmp_path / "out"))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {bad}:1:") and "not well-formed" in err
    assert not (tmp_path / "out").exists()


def test_not_tei_exits_1(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<html/>", encoding="utf-8")
    code, out, err = run(str(other), "-o", str(tmp_path / "out"))
    assert (code, out) == (1, "")
    assert f"{other}:1:" in err and "root element is html" in err and "a TEI document's root is TEI" in err


def test_pdf_ua_variant(tmp_path: Path) -> None:
    src = tmp_path / "letter.xml"
    src.write_text(SMALL, encoding="utf-8")
    code, _, _ = run(str(src), "-o", str(tmp_path), "--pdf-ua")
    assert code == 0
    reader = pypdf.PdfReader(str(tmp_path / "letter.pdf"))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def make_project(root: Path, with_texts: bool = True) -> None:
    """A minimal edition project: pyproject, texts.toml and the print fixtures as its tei/."""
    (root / "pyproject.toml").write_text("[tool.edition]\ntei_dir = \"tei\"\n", encoding="utf-8")
    (root / "editorial").mkdir()
    (root / "editorial" / "texts.toml").write_text(
        '[[texts]]\nid = "sas"\nseed = "000.txt"\nprofile = "wikitext"\ntei = "sas.xml"\ntitle = "S"\n\n'
        '[[texts]]\nid = "fbm"\nseed = "003.txt"\nprofile = "memoir"\ntei = "fbm.xml"\ntitle = "F"\n',
        encoding="utf-8")
    (root / "tei").mkdir()
    names = ("register.xml", "sas.xml", "fbm.xml") if with_texts else ("register.xml",)
    for name in names:
        (root / "tei" / name).write_bytes((FIX / name).read_bytes())


def test_the_whole_edition_as_one_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run()
    target = tmp_path / "output" / "pdf" / "edition.pdf"
    assert (code, err) == (0, "")
    reader = pypdf.PdfReader(str(target))
    assert out == f"pdf {target}: {len(reader.pages)} pages, written\n"
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:2] == ["Introduction", "Editorial principles"]
    assert "Soviet–Albanian split" in titles and "From Bucharest to Moscow" in titles
    assert titles.index("Soviet–Albanian split") < titles.index("From Bucharest to Moscow")


def test_build_step_reports_missing_tei(tmp_path: Path) -> None:
    from edition.config import load_project
    from edition.errors import EditionError
    from edition.publish.stage import run_pdf as step_pdf

    make_project(tmp_path, with_texts=False)
    with pytest.raises(EditionError, match=r"tei/sas\.xml: TEI of text 'sas' is missing"):
        step_pdf(load_project(tmp_path))
    assert not (tmp_path / "output").exists()
