"""No-op and one-document builds of a large edition, before and after a change of the toolkit, side by side.

    python bench/noop_bench.py --project BUILT --before OLD_TOOLS [--after TOOLS] [--rounds 5] [--mention]
                               [--raise-site-limit]

BUILT is a letters project (bench/letters.py) whose site is built; OLD_TOOLS a copy of an earlier
tools/ directory (e.g. `git archive COMMIT tools | tar -x -C /tmp/old`, then /tmp/old/tools), run by
putting it first on PYTHONPATH; the "after" side runs TOOLS likewise (default: this checkout's tools/; before
session 8 it ran the installed package, which is another checkout's when run from a worktree). Each side gets
a copy of BUILT (cp -a) and one warm-up build there (the other code's site: every page is made again, or only
the build state is recorded), then the
rounds alternate before, after, before, … so that both sides share the machine's load:

* no-op — `edition build` with nothing changed;
* edit  — one word changed in a paragraph without names, dates or corrections of letter 7 (its
          page and its search shard are made again);
* mention — with `--mention`: one word added beside the first name in letter 1,000 (the middle one), so the
          pages of that register entry which quote the passage are made again as well.

Every build is a fresh process under /usr/bin/time (wall, CPU = user + system of it and its children).
Edits run through a small runner that also times, inside the process, the making of the changed
page (`SiteGraph._render`) and the re-indexing of its search shard (`search_shards.update`): the
*overhead* of an edit is its wall time without those two (the page's: the build's wait for it when a warm
worker makes it, prewarm.py). `--raise-site-limit` lifts
`PUBLISH_LIMITS["site pages"]` in the runner (for N beyond the limit; never in the product).
Prints medians, and every run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

RUNNER = r'''
import atexit, sys, time
T = {"render": 0.0, "search": 0.0}
if RAISE:
    from edition.publish import inputs
    inputs.PUBLISH_LIMITS["site pages"] = (10**9, 10**12)
if TIMED:
    import edition.incremental as inc
    import edition.publish.search_shards as ss

    def timed(owner, name, label):
        f = getattr(owner, name)
        def g(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                T[label] += time.perf_counter() - t
        setattr(owner, name, g)

    def timed_items(owner, name, label):  # a generator: its items' making, not its creation, is timed
        f = getattr(owner, name)
        def g(*a, **k):
            items = f(*a, **k)
            while True:
                t = time.perf_counter()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    T[label] += time.perf_counter() - t
                yield item
        setattr(owner, name, g)

    timed_items(inc.SiteGraph, "_render", "render")
    timed(ss, "update", "search")
if __name__ == "__main__":  # (not in a spawned worker, which runs this file as __mp_main__: its zeros would be read)
    if TIMED:
        atexit.register(lambda: print(f"EXCLUDED {T['render']:.4f} {T['search']:.4f}", file=sys.stderr))
    import edition.cli as cli
    cli.run() if hasattr(cli, "run") else cli.main(prog_name="edition")  # (the console script's entry)
'''


def _run(root: Path, tools: Path | None, runner: Path | None) -> dict[str, float]:
    env = dict(os.environ)
    if tools is not None:
        env["PYTHONPATH"] = str(tools)
    else:
        env.pop("PYTHONPATH", None)
    entry = [str(runner)] if runner else [
        "-c", "import edition.cli as c; c.run() if hasattr(c, 'run') else c.main(prog_name='edition')"]
    cmd = ["/usr/bin/time", "-f", "TIME %e %U %S", sys.executable, *entry, "build", "-v"]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"edition build failed in {root}:\n{proc.stdout}\n{proc.stderr}")
    t = re.search(r"TIME (\S+) (\S+) (\S+)", proc.stderr)
    assert t, proc.stderr
    out = {"wall": float(t.group(1)), "cpu": float(t.group(2)) + float(t.group(3))}
    e = re.search(r"EXCLUDED (\S+) (\S+)", proc.stderr)
    if e:
        out["render"], out["search"] = float(e.group(1)), float(e.group(2))
        out["overhead"] = out["wall"] - out["render"] - out["search"]
    made = re.search(r"\((\d+) made", proc.stdout)
    out["made"] = float(made.group(1)) if made else 0.0
    return out


def _mention(path: Path, tag: str) -> None:
    text = path.read_text(encoding="utf-8")  # a word after the first name: the register quotes its passage
    new = text.replace("</persName> ", f"</persName> {tag} ", 1)
    assert new != text, path
    path.write_text(new, encoding="utf-8")


def _edit(path: Path, tag: str) -> None:
    text = path.read_text(encoding="utf-8")  # the first plain paragraph with a word left to change
    p = next(m for m in re.finditer(r'<p xml:id="[^"]+">[^<]+\.</p>', text) if re.search(r" [a-z]{4,} ", m.group(0)))
    word = re.findall(r" ([a-z]{4,}) ", p.group(0))[0]
    path.write_text(text[:p.start()] + p.group(0).replace(f" {word} ", f" {tag} ", 1) + text[p.end():], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, required=True)
    ap.add_argument("--before", type=Path, required=True, help="an earlier tools/ directory")
    ap.add_argument("--after", type=Path, default=Path(__file__).resolve().parent.parent / "tools",
                    help="the tools/ directory of the code to measure (default: this checkout's, not the installed one)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--raise-site-limit", action="store_true")
    ap.add_argument("--mention", action="store_true", help="also edit beside a name in the middle letter")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="noop-bench-"))
    try:
        sides = {"before": args.before.resolve(), "after": args.after.resolve()}
        roots, runners = {}, {}
        for side, tools in sides.items():
            roots[side] = tmp / side
            subprocess.run(["cp", "-a", str(args.project), str(roots[side])], check=True)
            runners[side] = tmp / f"runner-{side}.py"
            runners[side].write_text(f"RAISE = {args.raise_site_limit}\nTIMED = True\n" + RUNNER, encoding="utf-8")
            plain = tmp / f"plain-{side}.py"
            plain.write_text(f"RAISE = {args.raise_site_limit}\nTIMED = False\n" + RUNNER, encoding="utf-8")
            warm = _run(roots[side], tools, plain)  # the other code's site, or a copy's new inodes
            print(f"warm-up {side}: {warm['wall']:.2f} s wall, {warm['cpu']:.2f} s CPU, {warm['made']:.0f} pages made",
                  flush=True)
            _run(roots[side], tools, None)  # a no-op that keeps the hashes (after) or finds the state (before)
        os.sync()  # the copies' gigabytes written back now, not during the rounds (it slowed them by a third)
        letters = sorted((roots["before"] / "tei").glob("l*.xml"))
        letter, middle = letters[7].name, letters[len(letters) // 2].name
        runs: dict[tuple[str, str], list[dict[str, float]]] = {}
        for k in range(args.rounds):
            for kind in ("no-op", "edit", *(("mention",) if args.mention else ())):
                for side in (("before", "after") if k % 2 == 0 else ("after", "before")):
                    if kind == "edit":
                        _edit(roots[side] / "tei" / letter, f"zq{k}x")
                    elif kind == "mention":
                        _mention(roots[side] / "tei" / middle, f"zqm{k}x")
                    r = _run(roots[side], sides[side], runners[side] if kind != "no-op" else None)
                    runs.setdefault((kind, side), []).append(r)
                    extra = (f", page {r['render']:.2f} s, search {r['search']:.2f} s, overhead {r['overhead']:.2f} s"
                             if "overhead" in r else "")
                    print(f"  {kind:5} {side:6} wall {r['wall']:.2f} s, CPU {r['cpu']:.2f} s{extra}", flush=True)
        print("\n| build | code | wall s (median) | CPU s (median) | page s | search s | overhead s (wall − page − search) |")
        print("|---|---|---|---|---|---|---|")
        for (kind, side), rs in runs.items():
            med = {key: statistics.median(r[key] for r in rs) for key in rs[0] if key != "made"}
            cols = [f"{med[c]:.2f}" if c in med else "–" for c in ("render", "search", "overhead")]
            print(f"| {kind} | {side} | {med['wall']:.2f} | {med['cpu']:.2f} | {' | '.join(cols)} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
