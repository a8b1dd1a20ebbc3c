"""Benchmark of the HTML transform (run on demand: `python bench/html_bench.py [--runs N] [TEI...]`).

Times (CPU time of this process, robust to other load on the machine) the reading-page stylesheet (xslt/html/text.xsl, compiled once, saxonche) on each text, after a
warm-up, and compares it with the TEI Stylesheets' figure measured on the same engine: about 190 ms
per 200 KB of TEI. The goal is at least 5× faster. Without arguments it uses the edition's TEI
(tei/*.xml from editorial/texts.toml; texts not yet in tei/ are converted and enriched into a
temporary directory first). Also times a whole `edition html` site build without the search index.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from edition.cli import main
from edition.config import load_project
from edition.publish.html import XSLT_DIR, publish
from edition.publish.saxon import Transformer, xdm_document
from edition.xmlio import parse_file

REPO = Path(__file__).resolve().parent.parent
REFERENCE_MS_PER_200KB = 190.0


def edition_tei(tmp: Path) -> list[Path]:
    project = load_project(REPO)
    paths = []
    for meta in project.texts:
        path = project.tei_dir / meta.tei
        if not path.exists():
            runner = CliRunner()
            r = runner.invoke(main, ["convert", str(project.seeds_dir / meta.seed), "-o", str(tmp)])
            if r.exit_code != 0:
                sys.exit(f"convert failed: {r.stderr}")
            path = tmp / meta.tei
            r = runner.invoke(main, ["enrich", str(path), "--register", str(project.tei_dir / "register.xml")])
            if r.exit_code != 0:
                sys.exit(f"enrich failed: {r.stderr}")
        paths.append(path)
    return paths


def main_bench() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tei", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        paths = args.tei or edition_tei(tmp)
        register_path = REPO / "tei" / "register.xml"
        register = xdm_document(parse_file(register_path)) if register_path.exists() else None
        t0 = time.process_time()
        xsl = Transformer.get(XSLT_DIR / "text.xsl")
        print(f"compile text.xsl: {(time.process_time() - t0) * 1000:.0f} ms (once per process)")
        print(f"{'text':40} {'KB':>7} {'median ms':>10} {'ms/200KB':>9} {'vs TEI XSL':>10}")
        for path in paths:
            size_kb = path.stat().st_size / 1024
            tree = parse_file(path)
            params = {"page-name": path.stem + ".html"} | ({"register": register} if register is not None else {})
            doc = xdm_document(tree)
            xsl.run(doc, params=params)  # warm-up
            times = []
            for _ in range(args.runs):
                t = time.process_time()
                xsl.run(doc, params=params)
                times.append((time.process_time() - t) * 1000)
            med = statistics.median(times)
            per200 = med * 200 / size_kb
            print(f"{path.name:40} {size_kb:7.1f} {med:10.1f} {per200:9.1f} {REFERENCE_MS_PER_200KB / per200:9.1f}×")
        out = tmp / "site"
        t = time.process_time()
        publish(paths, out, register=register_path if register_path.exists() else None, search=False)
        print(f"whole site (all pages, no search index): {(time.process_time() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    main_bench()
