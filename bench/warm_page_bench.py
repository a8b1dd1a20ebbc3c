"""Warm reading-page transform, side by side: one or more copies of xslt/html/site.xsl, compiled once each,
run alternately on every text of the edition (entry text, with the register), in ms per 200 KB of TEI.

    python bench/warm_page_bench.py [--runs 20] [SITE_XSL ...]

Without arguments it times this repository's site.xsl. To compare with another state of the stylesheets,
extract it first (e.g. `git archive main xslt | tar -x -C /tmp/main`) and pass both site.xsl files:
alternating the runs in one process keeps the other sessions' load on this shared machine from favouring
either. Reported: median and minimum wall time and median CPU time (this process) after a warm-up run; the
target of issue 13 is <= 20 ms per 200 KB. bench/tei_stylesheets_bench.py reports the same transform (wall
median, this repository's stylesheets only) beside its `edition html` comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stylesheets", nargs="*", type=Path, help="site.xsl files (default: this repository's)")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    from edition.publish.saxon import Transformer, xdm_document
    from edition.xmlio import parse_file

    paths = args.stylesheets or [REPO / "xslt" / "html" / "site.xsl"]
    xsls = [Transformer.get(p) for p in paths]
    register = xdm_document(parse_file(REPO / "tei" / "register.xml"))
    for src in sorted((REPO / "tei").glob("*.xml")):
        if src.name == "register.xml":
            continue
        kb = src.stat().st_size / 1024
        doc = xdm_document(parse_file(src))
        params = {"entry": "text", "page-name": src.stem + ".html", "register": register}
        wall: list[list[float]] = [[] for _ in xsls]
        cpu: list[list[float]] = [[] for _ in xsls]
        for xsl in xsls:
            xsl.run(doc, params=params)  # warm-up
        for _ in range(args.runs):
            for i, xsl in enumerate(xsls):
                t, c = time.perf_counter(), time.process_time()
                xsl.run(doc, params=params)
                wall[i].append((time.perf_counter() - t) * 1000 * 200 / kb)
                cpu[i].append((time.process_time() - c) * 1000 * 200 / kb)
        print(f"{src.name} ({kb:.1f} KB), ms per 200 KB:")
        for i, path in enumerate(paths):
            print(f"  {str(path):60s} wall median {statistics.median(wall[i]):6.1f}  min {min(wall[i]):6.1f}"
                  f"  CPU median {statistics.median(cpu[i]):6.1f}")


if __name__ == "__main__":
    main()
