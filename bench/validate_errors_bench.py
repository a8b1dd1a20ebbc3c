"""Benchmark (run on demand): `edition validate` on files with very many grammar errors (issue 15).

    python bench/validate_errors_bench.py [--sizes 10000,40000,100000,300000] [--kinds unknown,misplaced,attribute]

For each size n and kind, a TEI file with n invalid elements (each in a paragraph of its own):
  unknown    <p><bogus/></p>      an element the schema does not declare
  misplaced  <p><div/></p>        a declared element where its parent can never hold it
  attribute  <p foo="1">x</p>     an attribute the element can never carry
  order      <div><p>x</p><head>x</head></div>   allowed elements in an order the model refuses (the
             pre-check cannot see it; RELAX NG runs in windows over the long sibling run, windows.py)
is validated by a fresh `edition validate` process, under /usr/bin/time (wall, CPU = user + system,
peak RSS). Reported: the figures, the seconds per 10,000 errors (flat = linear), the number of
lines printed (bounded by --max-errors, default 1000) and the exit status. Before issue 15 the
same files took 56 s at 40,000 (quadratic: lxml records each error's node path, counting its
preceding siblings); `--raw-rng` also times lxml's RELAX NG validation alone, for comparison.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>Errors</title></titleStmt><publicationStmt><p>Bench</p>"
          "</publicationStmt><sourceDesc><p>Bench</p></sourceDesc></fileDesc></teiHeader>")
KINDS = {"unknown": "<p><bogus/></p>\n", "misplaced": "<p><div/></p>\n", "attribute": '<p foo="1">x</p>\n',
         "order": "<div><p>x</p><head>x</head></div>\n"}


def make(path: Path, kind: str, n: int) -> None:
    body = KINDS[kind] * n
    path.write_text(f'<TEI xmlns="{TEI_NS}" xml:id="b" xml:lang="en">{HEADER}<text><body>{body}</body></text></TEI>\n',
                    encoding="utf-8")


def measure(path: Path) -> tuple[float, float, float, int, int]:
    """(wall s, CPU s, peak RSS MB, lines on stderr, exit status) of `edition validate path`."""
    fmt = "%e %U %S %M"
    cmd = ["/usr/bin/time", "-f", fmt, "-o", str(path) + ".time", sys.executable, "-c",
           "from edition.cli import main; main(prog_name='edition')", "validate", str(path)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=3600)
    wall, user, system, rss = (path.with_name(path.name + ".time").read_text().split()[-4:])
    return float(wall), float(user) + float(system), int(rss) / 1024, len(proc.stderr.splitlines()), proc.returncode


def raw_rng(path: Path) -> float:
    from lxml import etree

    from edition.validate.grammar import schema

    rng = schema(REPO / "tei" / "schema" / "edition.rng")
    doc = etree.parse(str(path))
    t = time.perf_counter()
    rng.validate(doc)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,40000,100000,300000")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--raw-rng", action="store_true", help="also time lxml's RELAX NG alone (slow: quadratic)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("| kind | errors | file MB | wall s | CPU s | CPU s per 10k errors | peak RSS MB | lines | exit |"
          + (" lxml RNG alone s |" if args.raw_rng else ""))
    print("|---|---|---|---|---|---|---|---|---|" + ("---|" if args.raw_rng else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            for n in sizes:
                path = Path(tmp) / f"{kind}-{n}.xml"
                make(path, kind, n)
                wall, cpu, rss, lines, code = measure(path)
                mb = path.stat().st_size / 1e6
                extra = f" {raw_rng(path):.2f} |" if args.raw_rng else ""
                print(f"| {kind} | {n:,} | {mb:.1f} | {wall:.2f} | {cpu:.2f} | {cpu / n * 10000:.2f} | {rss:.0f} | "
                      f"{lines} | {code} |{extra}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
