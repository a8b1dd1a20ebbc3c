"""Warm reading-page transform, side by side: one or more copies of xslt/html/site.xsl, compiled once each,
run alternately on every text of the edition (entry text, with the register), in ms per 200 KB of TEI.

    python bench/warm_page_bench.py [--runs 20] [--floor] [SITE_XSL ...]

Without arguments it times this repository's site.xsl. To compare with another state of the stylesheets,
extract it first (e.g. `git archive main xslt | tar -x -C /tmp/main`) and pass both site.xsl files:
alternating the runs in one process keeps the other sessions' load on this shared machine from favouring
either. Reported: median and minimum wall time and median CPU time (this process) after a warm-up run; the
target of issue 13 is <= 20 ms per 200 KB.

`--floor` times, in the same alternation, what no reading-page stylesheet can go below under this Saxon:
  * "emit the page": a stylesheet that deep-copies the finished page (the first stylesheet's output, parsed)
    and serialises it with the site's xsl:output: building and serialising that many elements, attributes
    and characters, with no rule, look-up or computation at all;
  * "walk the TEI": one template rule per element of the TEI, each making a span (the least a rendering
    mode does: dispatch every node once);
  * "count": the edition model's accumulator pass (xslt/common/numbering.xsl, f:counts) alone, which the
    page's ids and numbers need.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

_HEAD = ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
         'xmlns:f="urn:x-edition:functions" xpath-default-namespace="http://www.tei-c.org/ns/1.0" '
         'exclude-result-prefixes="#all">'
         '<xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>')
FLOORS = {
    "floor: emit the page": _HEAD + '<xsl:template match="/"><xsl:copy-of select="."/></xsl:template></xsl:stylesheet>',
    "floor: walk the TEI": _HEAD + ('<xsl:mode on-no-match="shallow-skip"/><xsl:template match="*"><span class="{local-name()}">'
                                    '<xsl:apply-templates/></span></xsl:template></xsl:stylesheet>'),
    "floor: count": _HEAD + ('<xsl:include href="{common}/params.xsl"/><xsl:include href="{common}/functions.xsl"/>'
                             '<xsl:include href="{common}/coverage.xsl"/><xsl:include href="{common}/numbering.xsl"/>'
                             '<xsl:include href="{common}/pointers.xsl"/>'
                             '<xsl:mode use-accumulators="#all"/><xsl:template match="/"><r>'
                             '<xsl:value-of select="(//*)[last()]/accumulator-before(\'f:counts\')?p"/></r></xsl:template>'
                             '</xsl:stylesheet>'),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stylesheets", nargs="*", type=Path, help="site.xsl files (default: this repository's)")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--floor", action="store_true", help="also time the floors (see above)")
    args = ap.parse_args()
    from lxml import etree, html as lxml_html

    from edition.publish.saxon import Transformer, xdm_document
    from edition.xmlio import parse_file

    paths = args.stylesheets or [REPO / "xslt" / "html" / "site.xsl"]
    names = [str(p) for p in paths]
    xsls = [Transformer.get(p) for p in paths]
    floors: dict[str, object] = {}
    if args.floor:
        with tempfile.TemporaryDirectory(prefix="warm-floor-") as tmp:  # compiled, then no longer needed
            for i, (name, text) in enumerate(FLOORS.items()):
                f = Path(tmp) / f"floor{i}.xsl"
                f.write_text(text.replace("{common}", (REPO / "xslt" / "common").as_uri()), encoding="utf-8")
                floors[name] = Transformer.get(f)
    register = xdm_document(parse_file(REPO / "tei" / "register.xml"))
    for src in sorted((REPO / "tei").glob("*.xml")):
        if src.name == "register.xml":
            continue
        kb = src.stat().st_size / 1024
        doc = xdm_document(parse_file(src))
        params = {"entry": "text", "page-name": src.stem + ".html", "register": register}
        jobs = [(name, xsl, doc, params) for name, xsl in zip(names, xsls)]
        if floors:
            page = xsls[0].run(doc, params=params).main
            page_doc = xdm_document(etree.tostring(lxml_html.document_fromstring(page), encoding="unicode"))
            jobs += [(name, xsl, page_doc if "emit" in name else doc, {}) for name, xsl in floors.items()]
        wall: dict[str, list[float]] = {name: [] for name, *_ in jobs}
        cpu: dict[str, list[float]] = {name: [] for name, *_ in jobs}
        for name, xsl, source, p in jobs:
            xsl.run(source, params=p)  # warm-up
        for _ in range(args.runs):
            for name, xsl, source, p in jobs:
                t, c = time.perf_counter(), time.process_time()
                xsl.run(source, params=p)
                wall[name].append((time.perf_counter() - t) * 1000 * 200 / kb)
                cpu[name].append((time.process_time() - c) * 1000 * 200 / kb)
        print(f"{src.name} ({kb:.1f} KB), ms per 200 KB:")
        for name in wall:
            print(f"  {name:60s} wall median {statistics.median(wall[name]):6.1f}  min {min(wall[name]):6.1f}"
                  f"  CPU median {statistics.median(cpu[name]):6.1f}")


if __name__ == "__main__":
    main()
