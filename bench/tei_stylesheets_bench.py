"""`edition html FILE` against the TEI Consortium Stylesheets' html.xsl, same file, same saxonche (issue 13).

Run on demand:  python bench/tei_stylesheets_bench.py --tei-stylesheets /tmp/Stylesheets [--runs 5] [FILE]

The TEI Stylesheets are not part of this repository: fetch them yourself (github.com/TEIC/Stylesheets)
into a directory outside it and pass it. Each run is a fresh process, as a user runs it, the two
commands interleaved so that the machine's other load falls on both alike:
* TEI html.xsl: a Python process that compiles html/html.xsl with saxonche and transforms FILE to one
  HTML page;
* edition html FILE -o DIR --no-search: the reading page and the site's other pages (home, register,
  encoding, corrections, downloads, search page; the timeline when the text has dates);
* edition html FILE -o DIR: the same with the Pagefind index.
Wall time (perf_counter around the process) and CPU time (user + system of the child) are reported as
medians. Without FILE, a ~50 KB TEI is cut from tei/from-bucharest-to-moscow.xml (its header and the
first paragraphs of the body). The warm reading-page transform (compiled once) is measured by
bench/warm_page_bench.py.

`--before DIR`: also `edition html FILE --no-search` with the code and stylesheets of DIR (a source tree of the
toolkit, e.g. a `git worktree` of an older commit: DIR/tools/edition, DIR/xslt) and, launched the same way,
with this repository's: the two interleaved with the others, so that a change is measured side by side.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
TEI = "http://www.tei-c.org/ns/1.0"
# `edition` from a source tree (argv[1]: its tools/ directory), as the console script runs it
EDITION_RUN = """
import sys
sys.path.insert(0, sys.argv.pop(1))
from edition.cli import main
sys.argv[0] = "edition"
sys.exit(main())
"""
TEI_RUN = """
import sys
from saxonche import PySaxonProcessor
proc = PySaxonProcessor(license=False)
exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=sys.argv[1])
open(sys.argv[3], "w", encoding="utf-8").write(exe.transform_to_string(source_file=sys.argv[2]))
"""


def sample(target: Path, size: int = 50 * 1024) -> Path:
    """A TEI document of about `size` bytes: the memoir's header and the first paragraphs of its body."""
    tree = etree.parse(str(REPO / "tei" / "from-bucharest-to-moscow.xml"))
    root = tree.getroot()
    for so in root.findall(f"{{{TEI}}}standOff"):
        root.remove(so)
    body = root.find(f".//{{{TEI}}}body")
    while len(etree.tostring(root)) > size and len(body) > 1:
        body.remove(body[-1])
    while len(etree.tostring(root)) > size:
        ps = body[-1].findall(f".//{{{TEI}}}p")
        ps[-1].getparent().remove(ps[-1])
    tree.write(str(target), encoding="utf-8", xml_declaration=True)
    return target


# As a user's Python runs: bytecode cached (a machine that sets PYTHONDONTWRITEBYTECODE, as this one does, would
# otherwise compile the toolkit's modules from source in every run, ≈ 35 ms; the warm-up run writes the cache).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=CHILD_ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path)
    ap.add_argument("--tei-stylesheets", type=Path, required=True, help="a checkout of TEIC/Stylesheets")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", type=Path, help="a source tree of an older state of the toolkit, to compare")
    args = ap.parse_args()
    html_xsl = args.tei_stylesheets / "html" / "html.xsl"
    if not html_xsl.is_file():
        sys.exit(f"{html_xsl}: not found (pass the TEI Stylesheets' directory)")
    edition = str(Path(sys.executable).with_name("edition"))
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        src = args.file or sample(tmp / "sample.xml")
        def commands(run: int) -> dict[str, list[str]]:  # a new output directory each run: every page is written
            return {
                "TEI Stylesheets html.xsl (saxonche)": [sys.executable, "-c", TEI_RUN, str(html_xsl), str(src),
                                                        str(tmp / f"tei-{run}.html")],
                "edition html FILE --no-search": [edition, "html", str(src), "-o", str(tmp / f"site-{run}"), "--no-search"],
                "edition html FILE (with Pagefind)": [edition, "html", str(src), "-o", str(tmp / f"search-{run}")],
                **({f"{label} --no-search ({tree.name})": [sys.executable, "-c", EDITION_RUN, str(tree / "tools"), "html",
                                                            str(src), "-o", str(tmp / f"{label.split(':')[0]}-{run}"), "--no-search"]
                    for label, tree in (("before: edition html FILE", args.before), ("after: edition html FILE", REPO))}
                   if args.before else {}),
            }
        results: dict[str, list[tuple[float, float]]] = {k: [] for k in commands(0)}
        for name, cmd in commands(0).items():  # warm-up: the OS's file cache, bytecode, Pagefind's first start
            timed(cmd)
        for run in range(1, args.runs + 1):
            for name, cmd in commands(run).items():
                results[name].append(timed(cmd))
        print(f"input: {src.name}, {src.stat().st_size / 1024:.1f} KB; {args.runs} runs each, interleaved; medians")
        width = max(len(name) for name in results)
        print(f"{'command':{width}} {'wall s':>8} {'CPU s':>8}")
        for name, rows in results.items():
            print(f"{name:{width}} {statistics.median(r[0] for r in rows):8.2f} {statistics.median(r[1] for r in rows):8.2f}")


if __name__ == "__main__":
    main()
