"""Validate an edition file by file, reusing the findings of the files whose inputs did not change.

The build's validate step (and `edition serve`) check every TEI file of the edition; for an edition of
thousands of letters most of them are unchanged between two builds. A file's findings depend on

* its own bytes, the grammar, the rules (this package's code), the register, the seeds, `max_errors`
  (the *common* key);
* the files its pointers name (`other.xml#id`): their ids and the elements they are on;
* for rule id-unique, which of its ids an earlier file (or the register) already holds, and where.

Each file's entry (the sha256 of its bytes — which the build state keeps by size, mtime and inode: an
unchanged file is not read —, the files its pointers name, its findings) is kept in
output/.cache/validate/entries.json, and its summary (its ids with their positions and elements) in a file
of its own named by the summary's sha256 (summaries/), read only when needed; each file's findings are
kept with a key over the first two items, and are reused while the key holds. Rule id-unique is worked
out from the summaries alone (no parsing), with the engine's own message, when the files' summaries (or
their order) changed since the last run, and its findings kept with a hash of them; the other rules run
only on the files whose key changed, through `engine.validate` (with the same caps per check and per file).
So a word edited in one letter of thousands reads and writes the small entries file and that letter.
The result is the same as `engine.validate` over all files (tests/test_validate_cache.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from lxml import etree

from ..buildstate import FileHashes
from ..stage import package_dir
from ..xmlio import TEI_NS, XML_ID, atomic_write
from .diagnostics import ERROR, MAX_PER_CHECK, Diagnostic, quote
from .documents import Document, load
from .engine import Result, _cap, _dedupe, validate
from .grammar import schema_path as resolve_schema
from .registry import RULES

VERSION = 3  # 2: every file's entry in one file (entries.json), with the files its pointers name; 3: summaries apart
ENTRIES = "entries.json"
BATCH = 100  # files validated by one engine call (it holds their documents; the pointers outside are loaded as needed)
_FILE_POINTER = re.compile(rb"([A-Za-z0-9_.-]+\.xml)#")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _summary(doc: Document) -> dict[str, Any]:
    """A file's ids (position of the xml:id attribute, element, in the header or not) in document order."""
    header = doc.root.find(f"{{{TEI_NS}}}teiHeader")
    in_header = set(header.iter()) if header is not None else set()
    ids = {xid: [*doc.position(el, XML_ID), etree.QName(el).localname, el in in_header] for xid, el in doc.ids.items()}
    return {"ids": ids, "tag": doc.root.tag}


class ValidationCache:
    """Summaries and findings of an edition's files under `cache_dir` (one JSON file for all, read at once:
    thousands of small files cost more to open than one to parse)."""

    def __init__(self, cache_dir: Path, output_dir: Path | None = None):
        self.dir = cache_dir
        # the files' sha256 as the build state in `output_dir` keeps them (by size, mtime and inode): unchanged
        # files are not read
        self.hashes = FileHashes(output_dir) if output_dir is not None else None
        self._summaries: dict[str, dict[str, Any]] = {}

    def _put_summary(self, summary: dict[str, Any]) -> str:
        """Keep a summary (in summaries/, named by its sha256); return that name."""
        text = json.dumps(summary, ensure_ascii=False, sort_keys=True)
        name = _sha(text.encode())
        self._summaries[name] = summary
        path = self.dir / "summaries" / f"{name}.json"
        if not path.exists():
            atomic_write(path, text + "\n")
        return name

    def summary(self, entry: dict[str, Any] | None) -> dict[str, Any] | None:
        """The summary of a file's entry (None for an unreadable file, or one whose summary is gone)."""
        name = (entry or {}).get("idsum")
        if not name:
            return None
        if name not in self._summaries:
            try:
                self._summaries[name] = json.loads((self.dir / "summaries" / f"{name}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        return self._summaries[name]

    def _read(self) -> tuple[dict[str, dict[str, Any]], str]:
        """The entries, and the hash of the summaries id-unique was last worked out from."""
        try:
            data = json.loads((self.dir / ENTRIES).read_text(encoding="utf-8"))
            files = data["files"] if data.get("version") == VERSION else {}
            return {k: v for k, v in files.items() if isinstance(v, dict)}, str(data.get("id_state", ""))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}, ""

    def _kept(self) -> set[str]:
        """The names of the summaries' files (one listing, not a stat of each file's: thousands of files)."""
        try:
            return set(os.listdir(self.dir / "summaries"))
        except OSError:
            return set()

    def _write(self, entries: dict[str, dict[str, Any]], id_state: str, listed: set[str]) -> None:
        """Write the entries; remove the summaries no entry names any more (of those `listed` before this run's:
        the summaries this run wrote are named by its entries)."""
        atomic_write(self.dir / ENTRIES, json.dumps({"version": VERSION, "id_state": id_state, "files": entries},
                                                    ensure_ascii=False) + "\n")
        used = {f"{e.get('idsum')}.json" for e in entries.values()}
        for old in listed - used:
            if old.endswith(".json"):
                try:
                    os.unlink(self.dir / "summaries" / old)
                except OSError:
                    pass

    def validate(self, paths: list[Path], *, register: Path | None, seeds_dirs: list[Path],
                 max_errors: int = MAX_PER_CHECK, schema_path: Path | None = None) -> Result:
        """`engine.validate(paths, register=…)`, reusing what is still valid (see the module doc)."""
        hashes = self.hashes or FileHashes(None)
        shas = {p: hashes.sha(p) or _sha(p.read_bytes()) for p in paths}  # (read_bytes: its error for a missing file)
        reg_sha = (hashes.sha(register) or "") if register is not None and register.is_file() else ""
        code = package_dir()
        rng = resolve_schema(schema_path)
        common = _sha(json.dumps([  # contents and relative names only: the same in every copy of the project
            hashes.tree([rng.parent], base=rng.parent.parent), hashes.tree([code], base=code.parent),
            [hashes.tree([d], base=d.parent) for d in seeds_dirs], reg_sha, max_errors, sorted(RULES)]).encode())
        stored, id_state = self._read()
        entries = {p: stored.get(_cache_name(p), {}) for p in paths}
        changed: set[Path] = set()  # entries to write
        kept = self._kept()
        for p in paths:
            entry = entries[p]
            if entry.get("sha") != shas[p] or "idsum" not in entry or (
                    entry["idsum"] and f"{entry['idsum']}.json" not in kept):
                doc = load(p)
                # None: unreadable, checked again (cheap: the parser stops early)
                idsum = self._put_summary(_summary(doc)) if isinstance(doc, Document) else None
                entry.update(sha=shas[p], idsum=idsum, points=_points(p))
                entry.pop("key", None)
                changed.add(p)
            elif "points" not in entry:  # an entry of an earlier version of this cache
                entry["points"] = _points(p)
                changed.add(p)
        keys = {p: self._key(p, entries, common, hashes) for p in paths}
        todo = [p for p in paths if entries[p].get("key") != keys[p] or entries[p].get("idsum") is None]
        fresh: dict[str, list[Diagnostic]] = {}
        for k in range(0, len(todo), BATCH):  # in batches: the engine holds the documents it validates at once
            result = validate(todo[k:k + BATCH], register=register, seeds_dirs=seeds_dirs, max_errors=max_errors,
                              schema_path=schema_path, only_rules=set(RULES) - {"id-unique"})
            for d in result.diagnostics:
                fresh.setdefault(d.path, []).append(d)
        names: list[str] = []
        diagnostics: list[Diagnostic] = []
        shown = _displays(paths)
        # the register (when not among the files) by its bytes: parsed only when id-unique is worked out again
        outside = register is not None and register.is_file() and not _among(register, paths)
        reg_part = [_display(register), reg_sha] if outside and register is not None else None
        state = _sha(json.dumps([reg_part, [(shown[p], entries[p].get("idsum")) for p in paths], max_errors]).encode())
        firsts = (self._first_ids(paths, entries, register, self._register_summary(paths, register), shown)
                  if state != id_state else None)
        for p in paths:
            entry = entries[p]
            name = shown[p]
            names.append(name)
            if p in todo:
                found = fresh.get(name, [])
                entry["key"] = keys[p]
                entry["diagnostics"] = [[d.line, d.col, d.severity, d.message, d.rule] for d in found]
                changed.add(p)
            else:
                found = [Diagnostic(name, *d) for d in entry.get("diagnostics", [])]
            if firsts is not None:  # the summaries changed: id-unique worked out again, and kept
                same = self._id_unique(name, self.summary(entry), firsts, max_errors)
                if [[d.line, d.col, d.message] for d in same] != entry.get("id_unique", []):
                    entry["id_unique"] = [[d.line, d.col, d.message] for d in same]
                    changed.add(p)
            else:
                same = [Diagnostic(name, line, col, ERROR, message, "id-unique")
                        for line, col, message in entry.get("id_unique", [])]
            found += same
            diagnostics += _cap(name, found, max_errors) if found else []
        now = {_cache_name(p): entries[p] for p in paths}
        if changed or now.keys() != stored.keys() or state != id_state:
            self._write(now, state, kept)
        order = {n: i for i, n in enumerate(names)}
        diagnostics.sort(key=lambda d: (order.get(d.path, len(order)), d.line, d.col, d.rule, d.message))
        return Result(names, _dedupe(diagnostics))

    def _key(self, path: Path, entries: dict[Path, dict[str, Any]], common: str, hashes: FileHashes) -> str:
        """What the file's findings (all but id-unique) depend on: its bytes, the common inputs, and the
        ids of the files its pointers name."""
        pointed = []
        for other in entries[path]["points"]:
            target = path.parent / other
            summary = self.summary(entries.get(target))
            if summary is not None:
                pointed.append([other, {k: v[2] for k, v in summary["ids"].items()}])
            else:  # a file outside the set validated: its bytes
                pointed.append([other, hashes.sha(target)])
        return _sha(json.dumps([common, entries[path]["sha"], pointed]).encode())

    @staticmethod
    def _register_summary(paths: list[Path], register: Path | None) -> dict[str, Any] | None:
        """The summary of a register not among the files validated (its ids come first for id-unique)."""
        if register is not None and register.is_file() and not _among(register, paths):
            doc = load(register)
            if isinstance(doc, Document):
                return _summary(doc)
        return None

    def _first_ids(self, paths: list[Path], entries: dict[Path, dict[str, Any]], register: Path | None,
                   reg_summary: dict[str, Any] | None, shown: dict[Path, str]) -> dict[str, tuple[str, int]]:
        """Every id outside the headers → (display name, line) of its first occurrence: the register first,
        then the files in order (as crossfile._first_ids)."""
        order = [(shown[p], self.summary(entries[p])) for p in paths]
        if reg_summary is not None and register is not None:  # a register not among the files validated comes first
            order.insert(0, (_display(register), reg_summary))
        first: dict[str, tuple[str, int]] = {}
        for name, summary in order:
            for xid, (line, _col, _tag, in_header) in (summary or {}).get("ids", {}).items():
                if not in_header:
                    first.setdefault(xid, (name, line))
        return first

    @staticmethod
    def _id_unique(name: str, summary: dict[str, Any] | None, first: dict[str, tuple[str, int]],
                   max_errors: int) -> list[Diagnostic]:
        """Rule id-unique of crossfile.py, from the summaries (the same messages, the same cap per rule)."""
        summary = summary or {}
        if summary.get("tag") != f"{{{TEI_NS}}}TEI":  # the engine checks no rule on another root
            return []
        out = []
        for xid, (line, col, _tag, in_header) in summary.get("ids", {}).items():
            owner = first.get(xid)
            if not in_header and owner is not None and owner[0] != name:
                out.append(Diagnostic(name, line, col, ERROR, f"xml:id {quote(xid)} is already used in {owner[0]}:"
                                      f"{owner[1]}; ids must be unique across the edition", "id-unique"))
        if len(out) > max_errors:
            last = out[max_errors - 1]
            out = out[:max_errors] + [Diagnostic(name, last.line, last.col, ERROR, f"and {len(out) - max_errors} more "
                                                 "problems of this kind in this file, not shown", "id-unique")]
        return out


def _points(path: Path) -> list[str]:
    """The files a file's pointers name (`other.xml#id`), but itself."""
    return sorted({m.decode() for m in _FILE_POINTER.findall(path.read_bytes())} - {path.name})


def _among(register: Path, paths: list[Path]) -> bool:
    """Whether one of `paths` is `register` once resolved (only a file of its name or a symbolic link can be)."""
    real = register.resolve()
    return any(p.resolve() == real for p in paths if p.name == real.name or os.path.islink(p))


def _cache_name(path: Path) -> str:
    """The cache entry of a file: its directory's name and its own (tei--letter.xml, editorial--events.xml)."""
    return f"{path.parent.name}--{path.name}"


def _displays(paths: list[Path]) -> dict[Path, str]:
    """`_display` of each path: a path under the working directory, as written, is the rest of it (os.path.relpath
    works out the working directory and both paths' parts again for each of thousands of files)."""
    cwd = os.path.join(os.getcwd(), "")
    out = {}
    for p in paths:
        name = os.fspath(p)
        out[p] = name[len(cwd):] if name.startswith(cwd) and os.path.normpath(name) == name else _display(p)
    return out


def _display(path: Path) -> str:
    from .documents import display_path

    return display_path(path)
