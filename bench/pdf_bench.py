"""Benchmark (on demand): the full PDF build against WeasyPrint's own time on the same print HTML.

    python3 bench/pdf_bench.py [--page-size A5] [--repeat 3] [TEI ...] [--register FILE]

Without TEI arguments: the edition's texts in tei/ (or, if they are not built yet, the print test
fixtures). "Full build" is `edition.publish.pdf.make_book`: parse the TEI, XSLT 3.0, the layout
passes (see the module docstring) and writing the PDF. "WeasyPrint" is one
`HTML(string=book.html).write_pdf()` of the final print HTML (index and contents with their
literal page numbers) with the same CSS and fonts: what WeasyPrint alone needs for this book.
The aim is an overhead of at most 30 %. Runs alternate; the median of each is reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

from edition.config import load_project  # noqa: E402
from edition.errors import EditionError  # noqa: E402
from edition.publish import pdf as pdfmod  # noqa: E402


def sources(args: argparse.Namespace) -> tuple[list[Path], Path | None, str]:
    if args.tei:
        return [Path(p) for p in args.tei], (Path(args.register) if args.register else None), "given TEI"
    try:
        texts, register = pdfmod.edition_sources(load_project(REPO))
        return texts, register, "edition (tei/)"
    except EditionError:
        fix = REPO / "tests" / "fixtures" / "print"
        return [fix / "sas.xml", fix / "fbm.xml"], fix / "register.xml", "print test fixtures"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tei", nargs="*")
    ap.add_argument("--register")
    ap.add_argument("--page-size", default=pdfmod.DEFAULT_PAGE_SIZE, choices=tuple(pdfmod.PAGE_SIZES))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from weasyprint import HTML

    texts, register, what = sources(args)
    typesetter = pdfmod.Typesetter(args.page_size)
    book = pdfmod.make_book(texts, register, typesetter=typesetter)  # warm-up: fonts, XSLT compilation
    full: list[float] = []
    weasy: list[float] = []
    layouts: list[str] = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        weasy_pdf = HTML(string=book.html, base_url=str(pdfmod.PRINT_DIR) + "/").write_pdf(
            stylesheets=typesetter.css, font_config=typesetter.font_config)
        weasy.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        book = pdfmod.make_book(texts, register, typesetter=typesetter)
        full.append(time.perf_counter() - t0)
        layouts.append("".join(book.passes))
    f, w = statistics.median(full), statistics.median(weasy)
    print(f"texts: {what}: {', '.join(p.name for p in texts)}; page size {args.page_size}; "
          f"{book.pages} pages (WeasyPrint alone: {len(weasy_pdf)} bytes); {args.repeat} runs")
    print(f"full build (TEI → PDF):      median {f:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in full)}; "
          f"layout passes {', '.join(sorted(set(layouts)))})")
    print(f"WeasyPrint on the print HTML: median {w:.2f} s  (runs: {', '.join(f'{x:.2f}' for x in weasy)})")
    print(f"overhead of the project: {100 * (f / w - 1):+.0f} %  (aim: ≤ +30 %)")


if __name__ == "__main__":
    main()
