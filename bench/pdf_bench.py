"""Benchmark (on demand): the full PDF build against WeasyPrint's own time on the same print HTML.

    python3 bench/pdf_bench.py [--page-size A5] [--repeat 3] [TEI ...] [--register FILE]

Without TEI arguments: the edition's texts in tei/ (or, if they are not built yet, the print test
fixtures). "Full build" is `edition.publish.pdf.make_book`: parse the TEI, XSLT 3.0, the layout
passes (see the module docstring) and writing the PDF. "WeasyPrint" is one
`HTML(string=book.html).write_pdf()` of the final print HTML (index and contents with their
literal page numbers) with the same CSS and fonts: what WeasyPrint alone needs for this book.
The aim is an overhead of at most 30 %. Runs alternate; the median of each is reported, as wall
time and as CPU time of this process (the figure to trust on a shared machine).

    --baseline-html FILE --baseline-css FILE

adds a third timing: WeasyPrint alone on another print HTML with its own print.css (e.g. the
print HTML of the edition before line numbers and apparatus series, made by an older checkout with
`edition pdf --html`), so the full build can be compared with what laying out the old book cost.
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
    ap.add_argument("--baseline-html", help="another print HTML, laid out by WeasyPrint alone for comparison")
    ap.add_argument("--baseline-css", help="the print.css of --baseline-html")
    ap.add_argument("--untagged", action="store_true", help="build an untagged PDF (default: the pdf module's default)")
    args = ap.parse_args()

    from weasyprint import HTML

    texts, register, what = sources(args)
    typesetter = pdfmod.Typesetter(args.page_size)
    variant = {"pdf_variant": None} if args.untagged else {}
    book = pdfmod.make_book(texts, register, typesetter=typesetter, **variant)  # warm-up: fonts, XSLT compilation
    full: list[tuple[float, float]] = []
    weasy: list[tuple[float, float]] = []
    base: list[tuple[float, float]] = []
    layouts: list[str] = []

    def timed(run) -> tuple[float, float]:  # type: ignore[no-untyped-def]
        w0, c0 = time.perf_counter(), time.process_time()
        run()
        return time.perf_counter() - w0, time.process_time() - c0

    for _ in range(args.repeat):
        weasy.append(timed(lambda: HTML(string=book.html, base_url=str(pdfmod.PRINT_DIR) + "/").write_pdf(
            stylesheets=typesetter.css, font_config=typesetter.font_config)))
        if args.baseline_html:
            from weasyprint import CSS

            from edition.publish.page_geometry import page_css

            css = [CSS(filename=args.baseline_css, font_config=typesetter.font_config),
                   CSS(string=page_css(args.page_size), font_config=typesetter.font_config)]
            html = Path(args.baseline_html).read_text(encoding="utf-8")
            base.append(timed(lambda: HTML(string=html, base_url=str(Path(args.baseline_css).parent) + "/").write_pdf(
                stylesheets=css, font_config=typesetter.font_config)))
        result: list = []
        full.append(timed(lambda: result.append(pdfmod.make_book(texts, register, typesetter=typesetter, **variant))))
        book = result[0]
        layouts.append(" ".join(book.passes))

    def med(xs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(x[i] for x in xs)

    def runs(xs: list[tuple[float, float]]) -> str:
        return ", ".join(f"{w:.2f}/{c:.2f}" for w, c in xs)

    print(f"texts: {what}: {', '.join(p.name for p in texts)}; page size {args.page_size}; "
          f"{book.pages} pages; {args.repeat} runs; {'untagged' if args.untagged else 'default variant'}; "
          "times wall/CPU s")
    print(f"full build (TEI → PDF):          median {med(full, 0):.2f}/{med(full, 1):.2f}  (runs {runs(full)}; "
          f"layout passes: {'; '.join(sorted(set(layouts)))})")
    print(f"WeasyPrint on its print HTML:    median {med(weasy, 0):.2f}/{med(weasy, 1):.2f}  (runs {runs(weasy)})")
    print(f"full build / WeasyPrint:         {med(full, 0) / med(weasy, 0):.2f} wall, {med(full, 1) / med(weasy, 1):.2f} CPU")
    if base:
        print(f"WeasyPrint on the baseline HTML: median {med(base, 0):.2f}/{med(base, 1):.2f}  (runs {runs(base)})")
        print(f"full build / baseline WeasyPrint: {med(full, 0) / med(base, 0):.2f} wall, "
              f"{med(full, 1) / med(base, 1):.2f} CPU  (aim: ≤ 1.3)")


if __name__ == "__main__":
    main()
