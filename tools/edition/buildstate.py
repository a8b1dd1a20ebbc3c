"""Content-hash bookkeeping that makes `edition build` incremental.

A step is skipped when the sha256 of everything it reads (its *inputs*: files and
directories, plus the toolkit's own source) and of everything it produced (its *outputs*)
are what they were when the step last finished. Hashes, not modification times: a
checkout, a copy or `touch` never triggers work, and an edit always does. The state lives
in `output/.build-state.json` and is written atomically after each step, so a build that
is killed part-way redoes only the steps it had not finished.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from .xmlio import atomic_write

STATE_NAME = ".build-state.json"
_IGNORED_SUFFIXES = (".pyc", ".tmp", ".bak")
_IGNORED_NAMES = {STATE_NAME, ".build.lock", "__pycache__", ".DS_Store"}


def _files(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and not (set(p.parts) & _IGNORED_NAMES) and not p.name.endswith(_IGNORED_SUFFIXES):
                if not p.name.startswith("."):
                    yield p


def tree_hash(paths: Iterable[Path], *, base: Path | None = None) -> str:
    """One sha256 over the names and contents of files (directories are walked, sorted).

    A missing path contributes its name and a marker, so creating it changes the hash.
    """
    h = hashlib.sha256()
    for path in paths:
        path = Path(path)
        found = False
        for f in _files(path):
            found = True
            name = str(f.relative_to(base)) if base and f.is_relative_to(base) else str(f)
            h.update(name.encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
        if not found:
            h.update(f"{path}\0<missing>\0".encode())
    return h.hexdigest()


class BuildState:
    """What each step last consumed and produced, by hash."""

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / STATE_NAME
        self.base = Path(output_dir).resolve().parent
        try:
            self.steps: dict[str, dict[str, str]] = json.loads(self.path.read_text(encoding="utf-8"))["steps"]
        except (OSError, ValueError, KeyError, TypeError):
            self.steps = {}

    def digest(self, paths: Iterable[Path]) -> str:
        return tree_hash(paths, base=self.base)

    def is_fresh(self, step: str, inputs: str, outputs: list[Path]) -> bool:
        rec = self.steps.get(step)
        return bool(rec) and rec.get("inputs") == inputs and rec.get("outputs") == self.digest(outputs)

    def record(self, step: str, inputs: str, outputs: list[Path]) -> None:
        self.steps[step] = {"inputs": inputs, "outputs": self.digest(outputs)}
        body = json.dumps({"comment": "edition build state; delete to force a full rebuild",
                           "steps": dict(sorted(self.steps.items()))}, indent=2) + "\n"
        atomic_write(self.path, body)

    def forget(self, step: str) -> None:
        self.steps.pop(step, None)
