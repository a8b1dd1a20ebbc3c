"""`edition serve` on the real edition: time from a one-word save to the updated page being served.

    python bench/serve_bench.py [--repeat 5]

Copies the repository's project (tei/, editorial/, seeds/, xslt/, pyproject.toml) to a temporary
directory, starts `edition serve --port 0` there (its first build is not timed), then, `--repeat`
times: replaces one word of the running text of a paragraph of soviet-albanian-split.xml (a different
word each time, always in the original file, so every save differs from the last by one word), records the time just after
the file is written, and polls the text's page (every 20 ms) until the new word is served. Prints
each time, the median and the server's own rebuild time (/__edition/state).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXT = "soviet-albanian-split.xml"
PAGE = "soviet-albanian-split.html"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    root = tmp / "edition"
    root.mkdir()
    for name in ("tei", "editorial", "seeds", "xslt"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    proc = subprocess.Popen([sys.executable, "-c", "from edition.cli import main; main(prog_name='edition')",
                             "serve", "--port", "0"], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        t_start = time.perf_counter()
        line = proc.stdout.readline()  # type: ignore[union-attr]
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise SystemExit(f"edition serve did not start: {line!r}")
        print(f"serve ready (first build, not timed): {time.perf_counter() - t_start:.2f} s")
        base = f"http://127.0.0.1:{m.group(1)}/"
        path = root / "tei" / TEXT
        original = path.read_text(encoding="utf-8")
        # words of running text: lower-case words of 6+ letters between spaces, not inside markup
        body = original[original.index("<body"):]
        words = list(dict.fromkeys(w for chunk in re.findall(r"<p\b[^>]*>([^<]+)", body)
                                   for w in re.findall(r" ([a-z]{6,}) ", chunk)))[:200]
        times, server = [], []
        for k in range(args.repeat):
            word = words[k * 7 % len(words)]
            new = f"zq{k}{word}"
            text = original.replace(f" {word} ", f" {new} ", 1)
            t0 = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            while new not in _get(base + PAGE):
                if time.perf_counter() - t0 > 60:
                    raise SystemExit(f"save {k + 1}: '{new}' not served after 60 s")
                time.sleep(0.02)
            times.append(time.perf_counter() - t0)
            state = json.loads(_get(base + "__edition/state"))
            server.append(state["seconds"])
            print(f"save {k + 1}: '{word}' → '{new}': page served after {times[-1]:.2f} s "
                  f"(server rebuild {state['seconds']:.2f} s; pages made {state['pages']})")
            time.sleep(1.0)
        print(f"median save → updated page: {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}); server rebuild median {statistics.median(server):.2f} s")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
