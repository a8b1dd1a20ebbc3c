"""PDF volumes of a letters-like edition: time per page and peak memory, one book against volumes.

    python bench/volumes_bench.py [--n 12] [--per-volume 3] [--min-kb 8 --max-kb 12] [--no-book]

Generates N letters (bench/letters.py), then builds the print edition twice as a user does
(`edition build --only pdf`, fresh process under /usr/bin/time; the site is built first, untimed):
once as one book (`pdf_volumes = "one"`), once as volumes of K texts (laid out in parallel,
`jobs` = the machine's CPUs, plus the combined index). Prints wall, CPU (with the workers), peak
RSS of the largest process, pages, and CPU seconds per page.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import letters  # noqa: E402


def _edition(root: Path, *args: str) -> tuple[str, str]:
    cmd = ["/usr/bin/time", "-f", "TIME %e %U %S %M", sys.executable, "-c",
           "from edition.cli import main; main(prog_name='edition')", *args]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"edition {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout, proc.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--per-volume", type=int, default=3)
    ap.add_argument("--min-kb", type=int, default=8)
    ap.add_argument("--max-kb", type=int, default=12)
    ap.add_argument("--no-book", action="store_true", help="volumes only (a large N as one book takes long)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="volumes-"))
    try:
        root = tmp / "p"
        paths = letters.generate(args.n, root, min_kb=args.min_kb, max_kb=args.max_kb)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        conf = root / "pyproject.toml"
        base = conf.read_text(encoding="utf-8").replace('steps = ["validate", "html"]', 'steps = ["html", "pdf"]')
        print(f"{args.n} letters, {mb:.2f} MB TEI")
        print("| layout | wall s | CPU s | peak RSS MB | pages | CPU s per page |")
        print("|---|---|---|---|---|---|")
        layouts = [("one book", '"one"'), (f"volumes of {args.per_volume}", str(args.per_volume))]
        for label, setting in layouts[1:] if args.no_book else layouts:
            conf.write_text(base + f"pdf_volumes = {setting}\n", encoding="utf-8")
            shutil.rmtree(root / "output" / "pdf", ignore_errors=True)
            shutil.rmtree(root / "output" / ".cache", ignore_errors=True)
            _edition(root, "build", "--only", "html")
            out, err = _edition(root, "build", "--only", "pdf", "-v")
            t = re.search(r"TIME (\S+) (\S+) (\S+) (\d+)", err)
            assert t, err
            pages = sum(int(m.group(1)) for m in re.finditer(r"pdf \S+?(?<!index)\.pdf: (\d+) pages", out))
            cpu = float(t.group(2)) + float(t.group(3))
            print(f"| {label} | {float(t.group(1)):.1f} | {cpu:.1f} | {int(t.group(4)) / 1024:.0f} | {pages} | "
                  f"{cpu / max(pages, 1):.2f} |", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
