"""The records of one text (xslt/html/modules/records.xsl, entry `records`: the register's items, the home
page's item, the rows of corrections), side by side for several stylesheet trees, compiled once each and run
alternately in one process on the same text; CPU ms per run (median after two warm-up runs).

    python bench/records_bench.py [--runs 12] [--register FILE] TEI XSLT_DIR [XSLT_DIR ...]

XSLT_DIR is an xslt/ tree (this repository's, or an earlier state extracted with
`git archive REV xslt | tar -x -C /tmp/old`). The records are made once per text at every build and at every
edit of it (edition.incremental): at N = 2,000 letters, once per letter in a clean build. The outputs of the
trees are compared: "same" when they are byte-identical to the first tree's.
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
    ap.add_argument("tei", type=Path)
    ap.add_argument("xslt", type=Path, nargs="+")
    ap.add_argument("--runs", type=int, default=12)
    ap.add_argument("--register", type=Path, default=REPO / "tei" / "register.xml")
    args = ap.parse_args()
    from edition.publish.html import _corpus, _site_texts, common_params
    from edition.publish.inputs import assemble
    from edition.publish.records import text_records
    from edition.publish.saxon import Transformer, xdm_document

    pub = assemble([args.tei], register=args.register if args.register.exists() else None)
    texts = _site_texts(pub.texts, "")
    common = common_params({}, "T", 1, search=True, timeline_page=False)
    if pub.register is not None:
        common["register"] = xdm_document(pub.register.tree)
    corpus = _corpus(texts, None, "")
    sheets = [Transformer.get(d / "html" / "site.xsl") for d in args.xslt]
    times: dict[int, list[float]] = {i: [] for i in range(len(sheets))}
    outs: dict[int, bytes] = {}
    for _ in range(args.runs + 2):
        for i, x in enumerate(sheets):
            t = time.process_time()
            out = text_records(x, common, corpus, str(args.tei))
            times[i].append(time.process_time() - t)
            outs.setdefault(i, out)
    kb = args.tei.stat().st_size / 1024
    print(f"{args.tei.name} ({kb:.1f} KB), records, CPU ms per run, median of {args.runs}:")
    for i, d in enumerate(args.xslt):
        same = "same" if outs[i] == outs[0] else "DIFFERENT"
        print(f"  {str(d):50} {statistics.median(times[i][2:]) * 1000:7.1f}  {same}")


if __name__ == "__main__":
    main()
