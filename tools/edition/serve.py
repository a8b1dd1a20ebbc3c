"""`edition serve`: a local preview of the edition that follows the editor's saves.

* Serves output/html/ on 127.0.0.1 (by default) with the standard library's http.server.
* Watches tei/ and editorial/ with `watchfiles`. On a save it runs the stages' `documents` step for
  the saved files (stage.py): validate checks them, and — when they are valid — html makes the
  pages the change affects (the per-document build graph, incremental.py; no search index, which
  the next `edition build` brings up to date). The stages that rewrite TEI (enrich, speakers, link)
  do not run: the file is open in the editor.
* Every HTML page it serves gets a small script (only in what is served, never in output/) that
  listens to server-sent events (/__edition/events) and reloads the page when a rebuild made it.
* While a saved file has errors, every page is replaced by a list of them (file, line, message)
  instead of a stale page; the next valid save brings the pages back.
"""

from __future__ import annotations

import html
import http.server
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .config import Project, load_project
from .stage import Diagnostic

LIVE_JS = b"""(function () {
  var page = location.pathname.split('/').pop() || 'index.html';
  var es = new EventSource('/__edition/events');
  es.onmessage = function (ev) {
    var d = JSON.parse(ev.data);
    if (d.errors || d.pages.indexOf(page) >= 0 || d.pages.indexOf('*') >= 0) { location.reload(); }
  };
})();
"""
SCRIPT_TAG = b'<script src="/__edition/live.js"></script>'


@dataclass
class State:
    """What the preview shows: the version of the site, the pages the last rebuild made, the errors."""

    version: int = 0
    pages: list[str] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, pages: list[str], errors: list[Diagnostic], seconds: float) -> None:
        with self.changed:
            self.version += 1
            self.pages, self.errors, self.seconds = pages, errors, seconds
            self.changed.notify_all()


def error_page(errors: list[Diagnostic]) -> bytes:
    rows = "".join(f"<li><code>{html.escape(str(d.file or ''))}:{d.line or ''}</code> {html.escape(d.message)}"
                   f"{' [' + html.escape(d.rule) + ']' if d.rule else ''}</li>" for d in errors)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Errors — edition serve</title>'
            f'</head><body><main><h1>The saved file has {len(errors)} error(s)</h1><p>The page is shown again as soon '
            f'as the file is valid. Fix and save.</p><ol class="errors">{rows}</ol></main>{SCRIPT_TAG.decode()}'
            f"</body></html>\n").encode("utf-8")


class Preview:
    """The project being previewed: rebuilds on changes, remembers what to show."""

    def __init__(self, root: Path):
        self.root = root
        self.state = State()
        self.lock = threading.Lock()

    @property
    def project(self) -> Project:
        return load_project(self.root)

    def rebuild(self, changed: Iterable[Path]) -> State:
        """Validate the changed TEI files, then make the pages they affect; record what to show."""
        from .pipeline import BY_NAME

        t0 = time.perf_counter()
        with self.lock:
            project = self.project
            tei = [p for p in changed if p.suffix == ".xml" and p.parent == project.tei_dir and p.exists()]
            errors: list[Diagnostic] = []
            if tei:
                report = BY_NAME["validate"].documents(project, tei)  # type: ignore[misc]
                errors = [d for d in report.diagnostics if d.level == "error"]
            if errors:
                self.state.publish([], errors, time.perf_counter() - t0)
                return self.state
            from .errors import EditionError
            from .incremental import SiteGraph
            from .multipages import KEYS
            from .lock import build_lock

            try:
                # First the pages of the saved texts (the page the editor looks at), then the rest the
                # save affects (texts quoting them, register and other multi-text pages): same graph,
                # same pages as `edition build` makes, in two passes.
                with build_lock(project):
                    report = BY_NAME["html"].documents(project, tei)  # type: ignore[misc]
                made = [line.removeprefix("made ") for line in report.lines if line.startswith("made ")]
                if made:
                    self.state.publish(made, [], time.perf_counter() - t0)
                with build_lock(project):
                    rest = ["*" if p in KEYS else p for p in SiteGraph(project, index=False).build().made]
                # a save that changed nothing the site shows (or a second event for the same save) is
                # not announced, unless it clears the errors shown
                if rest or (not made and self.state.errors):
                    self.state.publish([*made, *rest], [], time.perf_counter() - t0)
            except EditionError as exc:
                self.state.publish([], [Diagnostic("error", str(exc))], time.perf_counter() - t0)
        return self.state

    def watch(self, stop: threading.Event, ready: threading.Event | None = None) -> None:
        """Rebuild on every batch of changes under tei/ and editorial/ until `stop` is set; `ready`
        is set once the watcher runs (it yields, empty, every half second)."""
        from watchfiles import watch

        project = self.project
        from .incremental import SiteGraph

        SiteGraph(project, index=False).warm()  # compile before the first save, not after it
        dirs = [d for d in (project.tei_dir, project.editorial_dir) if d.is_dir()]
        for changes in watch(*dirs, stop_event=stop, debounce=400, step=30, raise_interrupt=False,
                             yield_on_timeout=True, rust_timeout=500):
            if ready is not None:
                ready.set()
            paths = {Path(p) for _, p in changes if not Path(p).name.startswith(".") and not p.endswith((".tmp", "~"))}
            if paths:
                try:
                    self.rebuild(paths)
                except Exception as exc:  # a bug, not the file: shown in the page and on stderr, watching goes on
                    import traceback

                    traceback.print_exc()
                    self.state.publish([], [Diagnostic("error", f"edition serve failed: {exc!r}")], 0.0)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; injects the reload script into HTML; replaces pages by errors; SSE events."""

    preview: Preview

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal shows rebuilds
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/__edition/live.js":
            return self._send(200, "text/javascript", LIVE_JS)
        if path == "/__edition/events":
            return self._events()
        if path == "/__edition/state":
            s = self.preview.state
            import json

            body = json.dumps({"version": s.version, "pages": s.pages, "seconds": s.seconds,
                               "errors": [d.text() for d in s.errors]}).encode()
            return self._send(200, "application/json", body)
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        if local.suffix == ".html":
            if self.preview.state.errors:
                return self._send(200, "text/html; charset=utf-8", error_page(self.preview.state.errors))
            try:
                body = local.read_bytes()
            except OSError:
                return self.send_error(404)
            at = body.rfind(b"</body>")
            body = body[:at] + SCRIPT_TAG + body[at:] if at >= 0 else body + SCRIPT_TAG
            return self._send(200, "text/html; charset=utf-8", body)
        return super().do_GET()

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        import json

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.preview.state
        seen = state.version
        try:
            while True:
                with state.changed:
                    state.changed.wait_for(lambda: state.version != seen, timeout=15)
                if state.version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = state.version
                    data = json.dumps({"version": seen, "pages": state.pages, "errors": bool(state.errors)})
                    self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000) -> tuple[http.server.ThreadingHTTPServer, Preview]:
    """The preview server for the project at `root` (not yet serving); builds the site first."""
    preview = Preview(root)
    project = preview.project
    from .incremental import publish_incremental
    from .lock import build_lock

    with build_lock(project):
        publish_incremental(project, index=False)
    site = project.output_dir / "html"
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer((host, port), partial(handler, directory=str(site)))
    server.daemon_threads = True
    return server, preview


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, *, on_ready=None) -> None:
    """Serve and watch until interrupted (Ctrl-C)."""
    server, preview = make_server(root, host, port)
    stop = threading.Event()
    ready = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop, ready), daemon=True)
    watcher.start()
    ready.wait(timeout=30)
    if on_ready:
        on_ready(server.server_address)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
