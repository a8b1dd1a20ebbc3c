"""Content-hash bookkeeping that makes `edition build` incremental.

A step is skipped when the sha256 of everything it reads (its *inputs*: files and
directories, plus the toolkit's own source) and of everything it produced (its *outputs*)
are what they were when the step last finished. Hashes, not modification times: a
checkout, a copy or `touch` never triggers work, and an edit always does. The state lives
in `output/.build-state.json` and is written atomically after each step, so a build that
is killed part-way redoes only the steps it had not finished.

So that a build of thousands of files does not read them all to find nothing changed, the state
also keeps each file's sha256 with its size, modification time and inode when it was hashed: a file
whose three are unchanged is not read again. Only files last modified more than `SETTLED` seconds
before they were hashed are kept so (as git does for its index): a file saved again within the same
clock tick, with the same size, is always read.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from .xmlio import atomic_write

STATE_NAME = ".build-state.json"
_IGNORED_SUFFIXES = (".pyc", ".tmp", ".bak")
_IGNORED_NAMES = {STATE_NAME, ".build.lock", "__pycache__", ".DS_Store"}


SETTLED = 2.0  # seconds


def _files(path: Path) -> Iterable[str]:
    """The files of `path` (itself, or a directory walked without following symbolic links to directories),
    sorted; names in _IGNORED_NAMES, hidden files and temporary suffixes left out."""
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISREG(mode):
        yield name
    elif stat.S_ISDIR(mode):
        found: list[str] = []
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if d not in _IGNORED_NAMES]
            found += [os.path.join(dirpath, f) for f in filenames
                      if f not in _IGNORED_NAMES and not f.startswith(".") and not f.endswith(_IGNORED_SUFFIXES)]
        yield from sorted(found, key=lambda f: f.split(os.sep))


def _file_digest(name: str, cache: dict[str, list] | None, seen: set[str] | None, now_ns: int,
                 memo: dict[str, bytes | None] | None = None, key: str | None = None) -> bytes | None:
    """sha256 of a regular file (None for anything else), from `cache` while its size, mtime and inode hold.
    `memo`: digests already found in this run (name → digest), trusted without a stat. `key`: the name
    the file has in `cache`, if not `name` (a hard link of it, as in a staging copy of the site)."""
    if memo is not None and name in memo:
        if seen is not None and memo[name] is not None:
            seen.add(name)
        return memo[name]
    digest = _stat_digest(name, cache, seen, now_ns, key or name)
    if memo is not None:
        memo[name] = digest
    return digest


def _stat_digest(name: str, cache: dict[str, list] | None, seen: set[str] | None, now_ns: int,
                 key: str) -> bytes | None:
    try:
        st = os.stat(name)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    sig = [st.st_size, st.st_mtime_ns, st.st_ino]
    if seen is not None:
        seen.add(key)
    entry = cache.get(key) if cache is not None else None
    if entry is not None and entry[:3] == sig:
        return bytes.fromhex(entry[3])
    with open(name, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").digest()
    if cache is not None:
        if st.st_mtime_ns < now_ns - int(SETTLED * 1e9):
            cache[key] = [*sig, digest.hex()]
        else:
            cache.pop(key, None)
    return digest


def tree_hash(paths: Iterable[Path], *, base: Path | None = None, cache: dict[str, list] | None = None,
              seen: set[str] | None = None, memo: dict[str, bytes | None] | None = None) -> str:
    """One sha256 over the names and contents of files (directories are walked, sorted).

    A missing path contributes its name and a marker, so creating it changes the hash. `cache`: file
    name → [size, mtime_ns, inode, sha256 hex] of earlier runs (see the module doc), updated here;
    `seen` collects the names looked at; `memo`: see `_file_digest`.
    """
    h = hashlib.sha256()
    now_ns = time.time_ns()
    prefix = os.path.join(str(base), "") if base else None
    for path in paths:
        path = Path(path)
        found = False
        for f in _files(path):
            digest = _file_digest(f, cache, seen, now_ns, memo)
            if digest is None:
                continue
            found = True
            name = f[len(prefix):] if prefix and f.startswith(prefix) else f
            h.update(name.encode() + b"\0")
            h.update(digest)
        if not found:
            h.update(f"{path}\0<missing>\0".encode())
    return h.hexdigest()


class FileHashes:
    """File name → sha256 for a step that must tell which of its thousands of files changed (the site graph's
    texts and pages, the validation's files) without reading them: the build state's hashes (`BuildState.files`,
    read only: the state is written by the build alone, which records every file a step reads or writes), each
    trusted while the file's size, mtime and inode are those recorded; other files are hashed here."""

    def __init__(self, output_dir: Path | None):
        """`output_dir`: the build's (None: no hashes known)."""
        try:
            if output_dir is None:
                raise OSError
            files = json.loads((Path(output_dir) / STATE_NAME).read_text(encoding="utf-8"))["files"]
            self.files: dict[str, list] = files if isinstance(files, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.files = {}

    def sha(self, path: Path | str, key: Path | str | None = None) -> str | None:
        """sha256 (hex) of a regular file, None for a missing file or anything else. `key`: see `_file_digest`."""
        digest = _file_digest(str(path), self.files, None, time.time_ns(), key=str(key) if key else None)
        return digest.hex() if digest is not None else None

    def tree(self, paths: Iterable[Path], base: Path | None = None) -> str:
        """`tree_hash` of `paths` through these hashes."""
        return tree_hash(paths, base=base, cache=self.files)


class BuildState:
    """What each step last consumed and produced, by hash."""

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / STATE_NAME
        self.base = Path(output_dir).resolve().parent
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.steps: dict[str, dict[str, str]] = data["steps"]
            files = data.get("files", {})
            self.files: dict[str, list] = files if isinstance(files, dict) else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.steps, self.files = {}, {}
        self.loaded = dict(self.files)
        self.seen: set[str] = set()
        self.memo: dict[str, bytes | None] = {}  # digests of this run, until a step runs (`changed`)

    def digest(self, paths: Iterable[Path]) -> str:
        return tree_hash(paths, base=self.base, cache=self.files, seen=self.seen, memo=self.memo)

    def changed(self, written: list[Path] | None = None) -> None:
        """Steps ran: the digests of what they may have written (`written`: files and directories; None:
        anything) are taken afresh (from the stat cache)."""
        if written is None:
            self.memo.clear()
            return
        prefixes = tuple(os.fspath(p) for p in written)
        for name in [n for n in self.memo if n.startswith(prefixes)]:
            del self.memo[name]

    def is_fresh(self, step: str, inputs: str, outputs: list[Path]) -> bool:
        rec = self.steps.get(step)
        return bool(rec) and rec.get("inputs") == inputs and rec.get("outputs") == self.digest(outputs)

    def record(self, step: str, inputs: str, outputs: list[Path]) -> None:
        self.steps[step] = {"inputs": inputs, "outputs": self.digest(outputs)}
        self.save()

    def save(self) -> None:
        head = json.dumps({"comment": "edition build state; delete to force a full rebuild",
                           "steps": dict(sorted(self.steps.items()))}, indent=2)
        kept = {k: v for k, v in self.files.items() if k in self.seen}
        files = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(kept.items()))
        body = head[:-2] + ',\n  "files": {\n' + files + "\n  }\n}\n"  # one line per file
        atomic_write(self.path, body)
        self.loaded = kept

    def save_hashes(self) -> None:
        """Keep the hashes a build that ran no step found anew (after a copy or checkout, say), so the
        next one does not read those files again."""
        if any(self.loaded.get(k) != v for k, v in self.files.items() if k in self.seen):
            self.save()

    def forget(self, step: str) -> None:
        self.steps.pop(step, None)
