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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

STATE_NAME = ".build-state.json"
_IGNORED_SUFFIXES = (".pyc", ".tmp", ".bak")
_IGNORED_NAMES = {STATE_NAME, ".build.lock", "__pycache__", ".DS_Store"}


SETTLED = 2.0  # seconds
#: hashes found anew that a build which ran no step does not save the state for (`BuildState.save_hashes`)
FEW_FILES, FEW_BYTES = 32, 4_000_000


def _files(path: Path | str) -> list[tuple[str, os.stat_result | None]]:
    """The files of `path` (itself, or a directory walked without following symbolic links to directories),
    sorted by their names' components; names in _IGNORED_NAMES, hidden files and temporary suffixes left out.
    Each with its stat when it came with it (the path itself: it was stat'ed to tell a file from a directory),
    else None."""
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except (OSError, ValueError):
        return []
    if stat.S_ISREG(st.st_mode):
        return [(name, st)]
    if not stat.S_ISDIR(st.st_mode):
        return []
    found: list[tuple[str, os.stat_result | None]] = []
    _walk(name, found)
    return found


def _walk(top: str, found: list[tuple[str, os.stat_result | None]]) -> None:
    """Append the files under the directory `top` to `found` in the order of their names' components (each
    directory's entries sorted by name, a subdirectory's files where its name falls), as os.walk would find them
    (symbolic links to directories neither listed nor followed, unreadable directories skipped) and sorted after,
    in a third of the time: the listing of a directory of 2,000 texts is part of every build."""
    try:
        with os.scandir(top) as it:
            entries = sorted(((e.name, e) for e in it if e.name not in _IGNORED_NAMES), key=lambda x: x[0])
    except OSError:
        return
    for entry_name, entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink():
                _walk(entry.path, found)
        elif not entry_name.startswith(".") and not entry_name.endswith(_IGNORED_SUFFIXES):
            found.append((entry.path, None))


def _file_digest(name: str, cache: dict[str, list] | None, seen: set[str] | None, now_ns: int,
                 memo: dict[str, bytes | None] | None = None, key: str | None = None,
                 st: os.stat_result | None = None) -> bytes | None:
    """sha256 of a regular file (None for anything else), from `cache` while its size, mtime and inode hold.
    `memo`: digests already found in this run (name → digest), trusted without a stat. `key`: the name
    the file has in `cache`, if not `name` (a hard link of it, as in a staging copy of the site). `st`: its
    stat, if just taken."""
    if memo is not None and name in memo:
        if seen is not None and memo[name] is not None:
            seen.add(name)
        return memo[name]
    digest = _stat_digest(name, cache, seen, now_ns, key or name, st)
    if memo is not None:
        memo[name] = digest
    return digest


def _stat_digest(name: str, cache: dict[str, list] | None, seen: set[str] | None, now_ns: int,
                 key: str, st: os.stat_result | None = None) -> bytes | None:
    if st is None:
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


def tree_hash(paths: Iterable[Path | str], *, base: Path | None = None, cache: dict[str, list] | None = None,
              seen: set[str] | None = None, memo: dict[str, bytes | None] | None = None) -> str:
    """One sha256 over the names and contents of files (directories are walked, sorted).

    A missing path contributes its name and a marker, so creating it changes the hash. `cache`: file
    name → [size, mtime_ns, inode, sha256 hex] of earlier runs (see the module doc), updated here;
    `seen` collects the names looked at; `memo`: see `_file_digest`.

    A build that finds nothing to do spends most of its time here, on ≈ 11,000 files at N = 2,000: mostly
    their stat calls (the listing is `_walk`'s, bench/RESULTS.md round 10).
    """
    now_ns = time.time_ns()
    prefix = os.path.join(str(base), "") if base else None
    cut = len(prefix) if prefix else 0
    parts: list[bytes] = []  # name, NUL, digest of each file: hashed at once (the same sha256 as one by one)
    add = parts.append
    for path in paths:
        path = os.fspath(path)  # (a Path made again of a Path costs more than the stat of its file)
        found = False
        for f, st in _files(path):
            digest = _file_digest(f, cache, seen, now_ns, memo, st=st)
            if digest is None:
                continue
            found = True
            add((f[cut:] if prefix and f.startswith(prefix) else f).encode() + b"\0" + digest)
        if not found:
            add(f"{path}\0<missing>\0".encode())
    return hashlib.sha256(b"".join(parts)).hexdigest()


def _read_state(path: Path) -> dict:
    """The parsed state file (read once per version in this process: the build and its steps all read it)."""
    try:
        st = os.stat(path)
        sig = (st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        return {}
    kept = _PARSED.get(str(path))
    if kept is None or kept[0] != sig:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        kept = _PARSED[str(path)] = (sig, data if isinstance(data, dict) else {})
    return kept[1]


_PARSED: dict[str, tuple[tuple[int, int, int], dict]] = {}
#: output directory → (path, [size, mtime_ns, inode], data) of the editorial/texts.toml load_project parsed
_TOML: dict[str, tuple[str, list, dict]] = {}


def kept_toml(output_dir: Path, path: Path) -> dict | None:
    """The data of the TOML file `path` as the build state keeps it, while its size, mtime and inode are those
    it had when parsed (parsing the texts.toml of thousands of texts costs more than the rest of a no-op build);
    None when not kept, and then `keep_toml` once parsed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    kept = _read_state(Path(output_dir) / STATE_NAME).get("toml")
    sig = [st.st_size, st.st_mtime_ns, st.st_ino]
    if isinstance(kept, dict) and kept.get("path") == str(path) and kept.get("sig") == sig and isinstance(
            kept.get("data"), dict):
        return kept["data"]  # type: ignore[no-any-return]
    return None


def keep_toml(output_dir: Path, path: Path, data: dict) -> None:
    """Have the next state written keep `data` parsed from `path` (if settled: see the module doc)."""
    try:
        st = os.stat(path)
    except OSError:
        return
    _TOML.pop(os.fspath(output_dir), None)
    try:
        json.dumps(data, allow_nan=False)
    except (TypeError, ValueError):  # TOML dates have no JSON form: not kept
        return
    if st.st_mtime_ns < time.time_ns() - int(SETTLED * 1e9):
        _TOML[os.fspath(output_dir)] = (str(path), [st.st_size, st.st_mtime_ns, st.st_ino], data)


#: output directory → the file hashes of the BuildState made for it last in this process (each entry is checked
#: against the file's size, mtime and inode before use, so an entry another process changed since is only missed)
_LIVE: dict[str, dict[str, list]] = {}
#: output directory → the digests the build running in this process found (`BuildState.memo`), from the
#: BuildState's `running` block: the steps' FileHashes take a file the build already stat'ed from there
#: (what a step may write is dropped from it when the step ran: `BuildState.changed`)
_RUN: dict[str, dict[str, bytes | None]] = {}


class FileHashes:
    """File name → sha256 for a step that must tell which of its thousands of files changed (the site graph's
    texts and pages, the validation's files) without reading them: the build state's hashes (`BuildState.files`,
    read only: the state is written by the build alone, which records every file a step reads or writes), each
    trusted while the file's size, mtime and inode are those recorded; other files are hashed here."""

    def __init__(self, output_dir: Path | None):
        """`output_dir`: the build's (None: no hashes known)."""
        #: digests of this build's run (None outside a build): trusted without a stat, as the build trusts them
        self.memo = _RUN.get(os.fspath(output_dir)) if output_dir is not None else None
        live = _LIVE.get(os.fspath(output_dir)) if output_dir is not None else None
        if live is not None:  # the state of the build running in this process: its dict, not a second copy
            self.files = live
            return
        try:
            if output_dir is None:
                raise OSError
            files = _read_state(Path(output_dir) / STATE_NAME)["files"]
            self.files: dict[str, list] = dict(files) if isinstance(files, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            self.files = {}

    def sha(self, path: Path | str, key: Path | str | None = None) -> str | None:
        """sha256 (hex) of a regular file, None for a missing file or anything else. `key`: see `_file_digest`."""
        if key is not None:  # a staging copy's file: never from the run's digests (they are by name)
            digest = _file_digest(str(path), self.files, None, time.time_ns(), key=str(key))
        else:
            digest = _file_digest(str(path), self.files, None, time.time_ns(), self.memo)
        return digest.hex() if digest is not None else None

    def tree(self, paths: Iterable[Path], base: Path | None = None) -> str:
        """`tree_hash` of `paths` through these hashes."""
        return tree_hash(paths, base=base, cache=self.files, memo=self.memo)


_json_key = json.encoder.encode_basestring_ascii  # json.dumps of a str, without json.dumps's per-call cost


def _json_entry(v: list) -> str:
    """json.dumps(v) of a file's entry, [size, mtime_ns, inode, sha256 hex], in 1.3 µs instead of 4.1 (a state of
    8,000 files is written twice in an edit's build); anything else through json.dumps."""
    if (len(v) == 4 and type(v[0]) is int and type(v[1]) is int and type(v[2]) is int and type(v[3]) is str
            and v[3].isalnum() and v[3].isascii()):
        return f'[{v[0]}, {v[1]}, {v[2]}, "{v[3]}"]'
    return json.dumps(v)


def _under(names: Iterable[str], paths: Iterable[Path | str]) -> list[str]:
    """The names that are one of `paths` or lie under one (a site's outputs are thousands of paths: each name's
    directories are looked up, rather than each name tried against every path)."""
    tops = {os.fspath(p).rstrip(os.sep) or os.sep for p in paths}
    if not tops:
        return []
    root = os.path.commonprefix(list(tops))  # every top starts with it (a string's prefix, not always a directory)
    out = []
    for name in names:
        if not name.startswith(root):
            continue
        n = name
        while len(n) >= len(root):
            if n in tops:
                out.append(name)
                break
            parent = os.path.dirname(n)
            if parent == n:
                break
            n = parent
    return out


class BuildState:
    """What each step last consumed and produced, by hash."""

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / STATE_NAME
        self.base = Path(output_dir).resolve().parent
        data = _read_state(self.path)
        try:
            self.steps: dict[str, dict[str, str]] = dict(data["steps"])
            files = data.get("files", {})
            self.files: dict[str, list] = dict(files) if isinstance(files, dict) else {}
        except (KeyError, TypeError, AttributeError, ValueError):
            self.steps, self.files = {}, {}
        self.output_dir = os.fspath(output_dir)
        toml = data.get("toml")
        self.toml = toml if isinstance(toml, dict) else None  # see kept_toml
        self.loaded = dict(self.files)
        _LIVE[os.fspath(output_dir)] = self.files
        self.seen: set[str] = set()
        self.memo: dict[str, bytes | None] = {}  # digests of this run, until a step runs (`changed`)
        self._lines: dict[str, tuple[list, str]] = {}  # name → (its entry, its line) as last saved (`_line`)

    @contextmanager
    def running(self) -> Iterator[BuildState]:
        """The build's run: its digests are shared with the FileHashes made meanwhile, and with none made after it
        (a preview server runs steps again and again in one process, each on the files as they are then)."""
        _RUN[self.output_dir] = self.memo
        try:
            yield self
        finally:
            if _RUN.get(self.output_dir) is self.memo:
                del _RUN[self.output_dir]

    def digest(self, paths: Iterable[Path | str]) -> str:
        return tree_hash(paths, base=self.base, cache=self.files, seen=self.seen, memo=self.memo)

    def changed(self, written: Iterable[Path | str] | None = None) -> None:
        """Steps ran: the digests of what they may have written (`written`: files and directories; None:
        anything) are taken afresh (from the stat cache)."""
        if written is None:
            self.memo.clear()
            return
        for name in _under(self.memo, written):
            del self.memo[name]

    def is_fresh(self, step: str, inputs: str, outputs: Iterable[Path | str]) -> bool:
        rec = self.steps.get(step)
        return bool(rec) and rec.get("inputs") == inputs and rec.get("outputs") == self.digest(outputs)

    def record(self, step: str, inputs: str, outputs: Iterable[Path | str]) -> None:
        self.steps[step] = {"inputs": inputs, "outputs": self.digest(outputs)}
        self.save()

    def save(self) -> None:
        new = _TOML.get(self.output_dir)
        if new is not None:
            self.toml = {"path": new[0], "sig": new[1], "data": new[2]}
        head = json.dumps({"comment": "edition build state; delete to force a full rebuild",
                           "steps": dict(sorted(self.steps.items()))}, indent=2)
        toml = f'  "toml": {json.dumps(self.toml)},\n' if self.toml else ""
        kept = {k: v for k, v in self.files.items() if k in self.seen}
        files = ",\n".join(self._line(k, v) for k, v in sorted(kept.items()))
        body = head[:-2] + ",\n" + toml + '  "files": {\n' + files + "\n  }\n}\n"  # one line per file
        from .xmlio import atomic_write  # (lxml: not for a build that finds nothing to do)

        atomic_write(self.path, body)
        self.loaded = kept

    def _line(self, name: str, entry: list) -> str:
        """A file's line of the state (its entries are replaced, never changed in place: a line made for the same
        entry, by an earlier save of this build, is that entry's line; an edit's build saves thousands twice)."""
        made = self._lines.get(name)
        if made is not None and made[0] is entry:
            return made[1]
        line = f"  {_json_key(name)}: {_json_entry(entry)}"
        self._lines[name] = (entry, line)
        return line

    def save_hashes(self) -> None:
        """Keep the hashes a build that ran no step found anew (after a copy or checkout, say), so the
        next one does not read those files again; not when they are a few small files (an edit's build wrote its
        page, its download and its search entry just before it hashed them, too recently to be kept: see the
        module doc): reading those again costs a later build a millisecond, where writing the state of 11,000
        files costs this one ≈ 80 ms (bench/RESULTS.md, round 10)."""
        new = _TOML.get(self.output_dir)
        found = [v for k, v in self.files.items() if k in self.seen and self.loaded.get(k) != v]
        if ((len(found) > FEW_FILES or sum(v[0] for v in found) > FEW_BYTES)
                or (new is not None and self.toml != {"path": new[0], "sig": new[1], "data": new[2]})):
            self.save()

    def forget(self, step: str) -> None:
        self.steps.pop(step, None)
