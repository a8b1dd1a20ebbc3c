"""The margin's line numbers, drawn on the finished PDF (edition.publish.pdf_finish).

The numbers are not part of the layout (edition.publish.lines measures the lines): they are drawn on
the pages as artifacts (not text of the edition; a screen reader skips them), in the book's type. The
ten figures are set once by WeasyPrint, each alone on a page of the book's size (`digits`, kept for the
next book of the same type and size); each figure's page becomes a form XObject, and a number is its
figures' forms placed one after the other (tabular figures: each the width WeasyPrint gave it), its
baseline on the line's baseline — on the right of the text column, or ending left of it
(`LineNumbering.side`). Every marked page gets one form of its own holding its numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from .lines import LineMap, LineNumbering, _line_boxes

#: CSS px → PDF points (WeasyPrint's user space).
PT_PER_PX = 0.75


@dataclass
class Digits:
    """The ten figures set by WeasyPrint: a PDF of one page per figure, where each stands, its width."""

    pdf: bytes
    baseline: float  # CSS px from the page's top (the figure set at top 0)
    widths: list[float]  # CSS px, figure 0…9
    font_config: Any = None


_digits: dict[tuple[int, LineNumbering, str], Digits] = {}


def _digits_html(numbering: LineNumbering, size_css: str) -> str:
    pages = "".join(f'<div class="p"><div class="n">{d}</div></div>' for d in range(10))
    return ("<!DOCTYPE html><html><head><style>"
            f"@page {{ {size_css} margin: 0 }} html, body {{ margin: 0 }}"
            ".p { position: relative; height: 100vh; break-after: page; }"
            f".n {{ position: absolute; top: 0; left: 0; font: {numbering.size}pt/1 'Linux Libertine O', serif;"
            " font-variant-numeric: lining-nums tabular-nums; color: #555; }"
            "</style></head><body>" + pages + "</body></html>")


def digits(numbering: LineNumbering, size_css: str, font_config: Any) -> Digits:
    """The ten figures in the numbers' type, set by WeasyPrint (once per type, page size and fonts)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    key = (id(font_config), numbering, size_css)
    found = _digits.get(key)
    if found is not None and found.font_config is font_config:
        return found
    doc = HTML(string=_digits_html(numbering, size_css)).render(font_config=font_config)
    baseline, widths = 0.0, []
    for d, page in enumerate(doc.pages):
        line = next(line for line, _skip, _block in _line_boxes(page._page_box) if isinstance(line, boxes.LineBox))
        text = [b for b in line.descendants() if isinstance(b, boxes.TextBox)]
        if len(text) != 1 or text[0].text != str(d):
            raise ValueError(f"margin numbers: figure {d} set as {[t.text for t in text]!r}")
        baseline = line.position_y + line.baseline
        widths.append(text[0].width)
    found = _digits[key] = Digits(doc.write_pdf(), baseline, widths, font_config)
    return found


def _numbers_stream(marks: list[tuple[float, float, str]], digits: Digits) -> bytes:
    """Content of a page's form: each (x, baseline, text) in CSS px from the page's top left, x where the
    number begins; the figures' forms /D0…/D9 drawn there."""
    ops = []
    for x, baseline, text in marks:
        dy = (baseline - digits.baseline) * PT_PER_PX
        for ch in text:
            ops.append(f"q 1 0 0 1 {x * PT_PER_PX:.3f} {-dy:.3f} cm /D{ch} Do Q")
            x += digits.widths[int(ch)]
    return ("\n".join(ops) + "\n").encode()


def stamp(book: Any, lines: LineMap, numbering: LineNumbering, size_css: str, font_config: Any) -> None:
    """Draw the margin's line numbers on the pages of `book` (a pikepdf.Pdf, changed in place) as
    artifacts."""
    import pikepdf

    if not lines.lines:
        return
    figures = digits(numbering, size_css, font_config)
    source = pikepdf.open(io.BytesIO(figures.pdf))
    forms = None  # the figures' forms, copied into the book when first needed
    gap = numbering.gap * 4 / 3
    by_page: dict[int, list[tuple[float, float, str]]] = {}
    for line in lines.lines:
        if line.number % numbering.every:
            continue
        page = line.page
        left, right = lines.columns.get(page, (0.0, 0.0))
        side = numbering.side if numbering.side != "outer" else ("right" if page % 2 else "left")
        text = str(line.number)
        width = sum(figures.widths[int(ch)] for ch in text)
        x = right + gap if side == "right" else left - gap - width
        by_page.setdefault(page, []).append((x, line.baseline, text))
    for index in sorted(by_page):
        if forms is None:
            forms = pikepdf.Dictionary({f"/D{d}": book.copy_foreign(source.pages[d].as_form_xobject())
                                        for d in range(10)})
        page = book.pages[index - 1]
        form = pikepdf.Stream(book, _numbers_stream(by_page[index], figures))
        form["/Type"] = pikepdf.Name.XObject
        form["/Subtype"] = pikepdf.Name.Form
        form["/BBox"] = page.MediaBox
        form["/Resources"] = pikepdf.Dictionary({"/XObject": forms})
        # a name of its own (pages may share one /Resources; a generated name is random: not reproducible)
        name = pikepdf.Name(f"/LineNumbers{index}")
        page.add_resource(book.make_indirect(form), pikepdf.Name.XObject, name)
        # the page's own content may leave its coordinate system changed: wrap it in q … Q
        page.contents_add(pikepdf.Stream(book, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(book, f"\nQ /Artifact BMC q {name} Do Q EMC\n".encode()), prepend=False)
