"""What every browser test needs: Debian's Chromium, the flags it runs with here, axe-core."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "html"
# Headless as root in a sandbox without network: no GPU, no background traffic to Google's hosts.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def axe_source() -> str:
    """The axe-core script the accessibility audit injects (setup installs it: its absence fails)."""
    import pytest

    if not AXE.exists():
        pytest.fail(f"axe-core missing at {AXE}: run `make setup` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright for the block. Setup installs both (scripts/setup.sh):
    their absence fails the test, it is never a reason to skip."""
    import pytest

    if not CHROMIUM.exists():
        pytest.fail(f"Debian chromium not installed at {CHROMIUM}: run `make setup`")
    import playwright.sync_api as api
    with api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
