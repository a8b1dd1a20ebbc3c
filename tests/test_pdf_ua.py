"""The PDF/UA-1 variant of the whole edition, checked by an independent validator.

`pdfua` (PyPI; built on pikepdf, no JVM) checks the machine-checkable subset of PDF/UA-1 and
WCAG 2.1 — not a certification, but a check that does not trust our own tagging code. The book
must have no ERROR finding. Its only WARNING kind, UA-15-003 ("header cells carry neither /Scope
nor /Headers"), is a heuristic that looks at the header cells only: WeasyPrint associates each
data cell with its headers through the data cell's /Headers and the header cells' /ID, which
PDF/UA-1 (7.5) accepts. That association is verified here cell by cell, so the warning stays
explained rather than silenced.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main

import pdfua  # noqa: E402  (the test extra; setup installs it)
import pikepdf  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pdf-ua")]  # one worker typesets the book once

EXPLAINED_WARNINGS = {"UA-15-003"}


@pytest.fixture(scope="module")
def ua_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ua")
    result = CliRunner().invoke(main, ["pdf", "--pdf-ua", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return out / "edition.pdf"


def _struct_elements(pdf: "pikepdf.Pdf") -> list["pikepdf.Dictionary"]:
    out, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/S" in node:
            out.append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            todo.extend(kids)
        elif kids is not None:
            todo.append(kids)
    return out


def test_no_errors_and_only_explained_warnings(ua_book: Path) -> None:
    report = pdfua.validate(str(ua_book))
    errors = [f for f in report.findings if f.severity.name == "ERROR"]
    assert errors == [], [f"{f.rule_id} p.{f.location.page}: {f.message}" for f in errors]
    others = {f.rule_id for f in report.findings if f.severity.name == "WARNING"} - EXPLAINED_WARNINGS
    assert others == set(), [f.message for f in report.findings if f.rule_id in others]


def test_every_data_cell_names_its_header_cells(ua_book: Path) -> None:
    """What UA-15-003 cannot see: TD/Headers → TH/ID, for every data cell of every table."""
    with pikepdf.open(ua_book) as pdf:
        elements = _struct_elements(pdf)
        header_ids = {str(e.ID) for e in elements if e.S == "/TH" and "/ID" in e}
        cells = [e for e in elements if e.S == "/TD"]
        assert cells, "the book has tables (the list of corrections)"
        assert header_ids
        unassociated = []
        for cell in cells:
            attrs = cell.get("/A")
            headers = attrs.get("/Headers") if isinstance(attrs, pikepdf.Dictionary) else None
            if headers is None or not {str(h) for h in headers} <= header_ids or not len(headers):
                unassociated.append(cell)
        assert unassociated == []


def test_document_level_requirements(ua_book: Path) -> None:
    """Tagged, titled (shown in the title bar), a natural language, PDF/UA identification."""
    with pikepdf.open(ua_book) as pdf:
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang).startswith("en")
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.get("/Title", "")).strip()
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        figures = [e for e in _struct_elements(pdf) if e.S == "/Figure"]
        assert all(str(e.get("/Alt", "")).strip() for e in figures), "every figure has alternative text"
