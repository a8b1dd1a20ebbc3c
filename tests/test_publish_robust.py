"""`edition html` and `edition pdf` on awkward but well-formed TEI: no traceback, nothing refused that
is only a validity problem (issue 13). Each case is a tiny document written here."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.publish import pdf as pdfmod
from edition.publish.inputs import assemble
from edition.publish.print_params import print_params

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Case</title>{title_extra}</titleStmt>
<publicationStmt><p>Unpublished.</p></publicationStmt><sourceDesc><p>Written for a test.</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text></TEI>
"""


def tei(tmp: Path, name: str, body: str, title_extra: str = "") -> Path:
    path = tmp / f"{name}.xml"
    path.write_text(HEAD.format(body=body, title_extra=title_extra), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(str(path)).pages)


def test_html_keeps_elements_and_attributes_with_non_ascii_names(tmp_path: Path) -> None:
    src = tei(tmp_path, "accents", '<p rendé="x">Un <hé>mot</hé> ici.</p>')
    code, out, err = run("html", str(src), "-o", str(tmp_path / "site"), "--no-search")
    assert code == 0, err
    assert out.startswith("html: ")
    assert "element <hé> has no template; rendered as plain text (1×)" in err
    page = etree.parse(str(tmp_path / "site" / "accents.html"), etree.HTMLParser())
    assert " ".join("".join(page.xpath("//main//p[contains(., 'mot')]//text()")).split()) == "Un mot ici."


def test_pdf_sets_a_note_of_two_paragraphs_on_separate_lines(tmp_path: Path) -> None:
    src = tei(tmp_path, "note", "<p>And <note><p>alpha</p>\n<p>beta</p></note>omega</p>")
    code, out, err = run("pdf", str(src), "-o", str(tmp_path), "--register", str(src))
    assert code == 0, err
    assert out == f"pdf {tmp_path / 'note.pdf'}: " + out.split(": ", 1)[1]
    words = pdf_text(tmp_path / "note.pdf").split()
    assert {"alpha", "beta", "omega"} <= {w.strip(".1") for w in words}


def test_print_names_a_responsibility_with_two_resp(tmp_path: Path) -> None:
    src = tei(tmp_path, "resp", "<p>Words.</p>",
              "<respStmt><resp>Encoded by</resp><resp>and checked by</resp><name>Ann Smith</name></respStmt>")
    pub = assemble([src])
    root, messages = pdfmod.print_html(pdfmod.corpus([pub.texts[0].tree], None, paths=pub.paths[:1]),
                                       params=print_params(pub.paths, [pub.texts[0].root]))
    imprint = " ".join("".join(root.xpath("//*[@id='imprint']//text()")).split())
    assert "Encoded by and checked by: Ann Smith." in imprint
    assert messages == []


@pytest.mark.parametrize("command", ["html", "pdf"])
def test_a_duplicate_id_is_reported_and_publishing_goes_on(tmp_path: Path, command: str) -> None:
    src = tei(tmp_path, "dup", '<p xml:id="a">one</p>\n<p xml:id="a">two</p>')
    out_dir = tmp_path / "out"
    extra = ["--no-search"] if command == "html" else ["--register", str(src)]
    code, out, err = run(command, str(src), "-o", str(out_dir), *extra)
    assert code == 0, err
    assert f"{src}:5: xml:id 'a' used again (first at line 4); ids must be unique" in err
    assert "not well-formed" not in err
    assert (out_dir / ("dup.html" if command == "html" else "dup.pdf")).exists()

    strict_dir = tmp_path / "strict"
    code, out, err = run(command, str(src), "-o", str(strict_dir), "--strict", *extra)
    assert code == 1 and out == ""
    assert f"{src}:5: xml:id 'a' used again (first at line 4)" in err and "--strict" in err
    assert not strict_dir.exists() or not any(strict_dir.iterdir())


@pytest.mark.parametrize("command", ["html", "pdf"])
def test_strict_refuses_an_element_without_a_rule(tmp_path: Path, command: str) -> None:
    src = tei(tmp_path, "odd", "<p>Plain <madeUp>invented words</madeUp> here.</p>")
    extra = ["--no-search"] if command == "html" else ["--register", str(src)]
    code, out, err = run(command, str(src), "-o", str(tmp_path / "lax"), *extra)
    assert code == 0 and "madeUp" in err
    code, out, err = run(command, str(src), "-o", str(tmp_path / "strict"), "--strict", *extra)
    assert code == 1 and out == ""
    assert "madeUp" in err and "--strict" in err
    assert not (tmp_path / "strict").exists() or not any((tmp_path / "strict").rglob("*.*"))


def test_odd_specifications_in_a_text_are_rendered_on_its_reading_page(tmp_path: Path) -> None:
    src = tei(tmp_path, "odd", '<p>Prose.</p><schemaSpec ident="s"><desc>This schema exists to test.</desc>'
                               '<elementSpec ident="e" mode="add"><desc>An element for tests.</desc></elementSpec></schemaSpec>')
    code, out, err = run("html", str(src), "-o", str(tmp_path / "site"), "--no-search")
    assert code == 0, err
    page = (tmp_path / "site" / "odd.html").read_text(encoding="utf-8")
    assert "This schema exists to test." in page and "An element for tests." in page
