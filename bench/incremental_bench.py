"""Clean, no-op and one-document builds of letters-like editions, side by side at several sizes.

    python bench/incremental_bench.py [--sizes 25,50,100,200] [--min-kb 50 --max-kb 130]

For each N: generates N letters (bench/letters.py: 50–130 KB each by default; steps validate and
html, no PDF), then runs `edition build` as a user does, each as a fresh process under
/usr/bin/time (wall, CPU = user + system of it and its children, peak RSS of the largest process):

* clean   — no output/ yet;
* no-op   — nothing changed;
* edit    — one word changed in a paragraph without names, dates or corrections of one letter
            (its page and the search index are made again);
* mention — one word changed beside a name in another letter (the register and other multi-text
            pages quote it, so they are made again too).

The search index is sharded by `--shard-texts` letters (default 20); an edit goes into the delta index
(`--delta-passages`, the [tool.edition] search_delta_passages bound; 0: the shard is indexed again).
*search*: the wall and CPU seconds (its Pagefind processes included) of the search index's update in the
build (`publish.search_shards.update`, timed by a wrapper).

`--before DIR`: the same builds also with the code of DIR (a source tree of the toolkit, e.g. `git archive`
of an older commit: DIR/tools/edition and its stylesheets DIR/xslt), on a copy of the same corpus, side by
side: each build of the one code then of the other (`--repeat` edits each, alternating). (Before session 7
the copy of the "before" side kept the link to this repository's xslt/: both sides ran the newer
stylesheets.)

Prints one Markdown table row per build, with the validate and html steps' own times (from the
build's summary), and the least-squares slope of the clean build's CPU time per letter.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import letters  # noqa: E402


_TIMED = """
import atexit, os, sys, time
import edition.publish.search_shards as shards
_update, _spent = shards.update, [0.0, 0.0]
def _cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
def update(*args, **kwargs):
    t0, c0 = time.perf_counter(), _cpu()
    try:
        return _update(*args, **kwargs)
    finally:
        _spent[0] += time.perf_counter() - t0
        _spent[1] += _cpu() - c0
shards.update = update
atexit.register(lambda: sys.stderr.write(f"SEARCH {_spent[0]:.3f} {_spent[1]:.3f}\\n"))
from edition.cli import main
main(prog_name="edition")
"""


def _build(root: Path, code: Path | None = None) -> dict[str, float | str]:
    cmd = ["/usr/bin/time", "-f", "TIME %e %U %S %M", sys.executable, "-c", _TIMED, "build", "-v"]
    env = dict(os.environ, PYTHONPATH=str(code / "tools")) if code else None
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"edition build failed in {root}:\n{proc.stdout}\n{proc.stderr}")
    t = re.search(r"TIME (\S+) (\S+) (\S+) (\d+)", proc.stderr)
    assert t, proc.stderr
    steps = {m.group(1): m.group(2) for m in re.finditer(r"^\s+(validate|html)\s+(unchanged, skipped|[\d.]+ s)",
                                                         proc.stdout, re.M)}
    made = re.search(r"\((\d+) made", proc.stdout)
    search = re.search(r"SEARCH (\S+) (\S+)", proc.stderr)
    return {"search": f"{float(search.group(1)):.2f} / {float(search.group(2)):.2f}" if search else "-",
            "wall": float(t.group(1)), "cpu": float(t.group(2)) + float(t.group(3)),
            "rss": int(t.group(4)) / 1024, "validate": steps.get("validate", "-"), "html": steps.get("html", "-"),
            "made": made.group(1) if made else "0"}


def _edit(path: Path, near_name: bool, tag: str) -> None:
    text = path.read_text(encoding="utf-8")
    if near_name:
        new = text.replace("</persName> ", f"</persName> {tag} ", 1)
    else:
        p = next(m for m in re.finditer(r'<p xml:id="[^"]+">[^<]+\.</p>', text))
        word = re.findall(r" ([a-z]{4,}) ", p.group(0))[0]
        new = text[:p.start()] + p.group(0).replace(f" {word} ", f" {tag} ", 1) + text[p.end():]
    assert new != text
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,50,100,200")
    ap.add_argument("--min-kb", type=int, default=50)
    ap.add_argument("--max-kb", type=int, default=130)
    ap.add_argument("--shard-texts", type=int, default=20, help="[tool.edition] search_shard_texts")
    ap.add_argument("--delta-passages", type=int, default=None, help="[tool.edition] search_delta_passages")
    ap.add_argument("--builds", default="clean,no-op,edit,mention",
                    help="which builds to run after the clean one (mention remakes the multi-text pages: long)")
    ap.add_argument("--before", type=Path, default=None, help="a source tree of the code to compare with")
    ap.add_argument("--repeat", type=int, default=1, help="edits (and mentions) of each side")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    sides: list[tuple[str, Path | None]] = [("before", args.before.resolve()), ("after", None)] if args.before \
        else [("", None)]
    print("| N | TEI MB | code | build | wall s | CPU s | peak RSS MB | validate | html | search wall / CPU s | pages made |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    clean: list[tuple[int, float]] = []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"letters{n}-"))
        try:
            root = tmp / "p"
            paths = letters.generate(n, root, min_kb=args.min_kb, max_kb=args.max_kb)
            mb = sum(p.stat().st_size for p in paths) / 1e6
            conf = root / "pyproject.toml"
            conf.write_text(conf.read_text(encoding="utf-8") + f"search_shard_texts = {args.shard_texts}\n"
                            + (f"search_delta_passages = {args.delta_passages}\n" if args.delta_passages is not None
                               else ""), encoding="utf-8")
            plain = [p for p in paths if re.search(r'<p xml:id="[^"]+">[^<]+\.</p>', p.read_text(encoding="utf-8"))]
            roots = {side: tmp / f"p-{side}" for side, _ in sides}
            for side, code in sides:
                shutil.copytree(root, roots[side], symlinks=True)
                if code is not None and (code / "xslt").is_dir():  # the code of DIR includes its stylesheets
                    (roots[side] / "xslt").unlink()
                    os.symlink(code / "xslt", roots[side] / "xslt")
            rows = [("clean", None, 0), ("no-op", None, 0)]
            rows += [("edit", (plain[k % len(plain)], False), k) for k in range(args.repeat)]
            rows += [("mention", (paths[(n // 2 + k) % n], True), k) for k in range(args.repeat)]
            wanted = {"clean", *args.builds.split(",")}
            for name, edit, k in (r for r in rows if r[0] in wanted):
                for side, code in sides:
                    here = roots[side]
                    if edit:
                        _edit(here / edit[0].relative_to(root), edit[1], f"zq{name}{k}")
                    r = _build(here, code)
                    if name == "clean" and side != "before":
                        clean.append((n, float(r["cpu"])))
                    print(f"| {n} | {mb:.1f} | {side or '-'} | {name} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | "
                          f"{r['validate']} | {r['html']} | {r['search']} | {r['made']} |", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if len(clean) > 1:
        xs, ys = [c[0] for c in clean], [c[1] for c in clean]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        ss = sum((y - my) ** 2 for y in ys)
        r2 = 1 - sum((y - (my + b * (x - mx))) ** 2 for x, y in zip(xs, ys)) / ss if ss else 1.0
        print(f"\nclean build CPU ≈ {my - b * mx:.2f} s + {b:.3f} s × N (r² = {r2:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
