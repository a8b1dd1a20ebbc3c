"""`edition serve`: started on a free port, it shows a save in the page, and errors instead of a stale page."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _letters(dest: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_letters", REPO / "bench" / "letters.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    mod.generate(3, dest, min_kb=3, max_kb=5, seed=3)
    return dest


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def _poll(url: str, pred, timeout: float = 60) -> str:
    end = time.monotonic() + timeout
    body = ""
    while time.monotonic() < end:
        body = _get(url)
        if pred(body):
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url}: not as expected after {timeout} s; last body starts {body[:300]!r}")


@pytest.mark.slow
def test_serve_follows_saves_and_shows_errors(tmp_path: Path) -> None:
    root = _letters(tmp_path / "p")
    proc = subprocess.Popen([sys.executable, "-c", "from edition.cli import main; main(prog_name='edition')",
                             "serve", "--port", "0"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, (line, proc.stderr.read() if proc.poll() is not None else "")  # type: ignore[union-attr]
        base = f"http://127.0.0.1:{m.group(1)}/"
        page = base + "l00001.html"
        body = _get(page)
        assert '<script src="/__edition/live.js"></script>' in body
        published = (root / "output" / "html" / "l00001.html").read_text(encoding="utf-8")
        assert "/__edition/" not in published  # the reload script is in what is served only
        assert "EventSource" in _get(base + "__edition/live.js")

        letter = root / "tei" / "l00001.xml"
        text = letter.read_text(encoding="utf-8")
        word = re.search(r'<p xml:id="l00001-p1">([a-z]+)', text).group(1)
        letter.write_text(text.replace(f'<p xml:id="l00001-p1">{word}', '<p xml:id="l00001-p1">zebrafinch', 1),
                          encoding="utf-8")
        _poll(page, lambda b: "zebrafinch" in b)
        # the server announces the pages a save made once it has made them (after the page is written)
        state = json.loads(_poll(base + "__edition/state", lambda b: "l00001.html" in json.loads(b)["pages"]))
        assert state["errors"] == []
        assert "l00000.html" not in state["pages"]  # the other letters were not made again

        # a save with an error: the page lists it (file, line, message) instead of the stale page
        broken = letter.read_text(encoding="utf-8").replace("<p xml:id=\"l00001-p1\">", "<p xml:id=\"l00001-p1\"><bogus/>", 1)
        letter.write_text(broken, encoding="utf-8")
        body = _poll(page, lambda b: "error(s)" in b)
        line_no = next(i for i, ln in enumerate(broken.splitlines(), 1) if "<bogus/>" in ln)
        assert f"l00001.xml:{line_no}" in body and "bogus" in body and "zebrafinch" not in body
        assert "error(s)" in _get(base + "l00000.html")

        letter.write_text(broken.replace("<bogus/>", "", 1), encoding="utf-8")  # fixed: the page is back
        _poll(page, lambda b: "zebrafinch" in b and "error(s)" not in b)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
