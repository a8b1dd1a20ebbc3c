"""The texts' register records, kept between builds in one SQLite file (output/.cache/records.sqlite).

A text's records are the items the pages over all texts show for it (`publish.records`): one row per
item, with its kind and the id it is listed under. The per-document build (`incremental.py`) stores a
text's records once per version of it (`key`: the text's bytes, its page name, the stylesheets and the
code), and reads back only what a page needs: the digests (per text, kind and id: how many items and a hash of
them) to decide which pages an edit changed, and the items a page lists. SQLite (the standard library's) rather than a file per text, so that an entry's
page reads its own items, not every text's.

The file is a cache: deleting it makes every text's records again; a damaged one is replaced.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import defaultdict
from pathlib import Path

from .publish.records import Item

_SCHEMA = """
CREATE TABLE IF NOT EXISTS texts (file TEXT PRIMARY KEY, key TEXT NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (file TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
                                  xml TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS items_ref ON items (ref);
CREATE INDEX IF NOT EXISTS items_file ON items (file);
CREATE TABLE IF NOT EXISTS digests (file TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL, n INTEGER NOT NULL,
                                    sha TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS digests_file ON digests (file);
"""
VERSION = 3  # PRAGMA user_version: another layout is dropped and made again

Digest = tuple[int, str]  # (how many items, sha256 of them)


class RecordStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:  # not a database, or damaged: it is only a cache
            self.path.unlink(missing_ok=True)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        if db.execute("PRAGMA user_version").fetchone()[0] != VERSION:
            db.executescript("DROP TABLE IF EXISTS texts; DROP TABLE IF EXISTS items; DROP TABLE IF EXISTS digests;")
            db.execute(f"PRAGMA user_version = {VERSION}")
        db.executescript(_SCHEMA)
        return db

    def keys(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT file, key FROM texts"))

    def text_digests(self) -> dict[str, str]:
        """Per text, one hash of all its digests: the pages made from records change only when one of these does."""
        return dict(self.db.execute("SELECT file, digest FROM texts"))

    def put(self, file: str, key: str, items: list[Item]) -> None:
        """Replace a text's records (one transaction)."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for kind, ref, xml in items:
            groups[(kind, ref)].append(xml)
        digests = [(file, kind, ref, len(xmls), hashlib.sha256("\x00".join(xmls).encode()).hexdigest())
                   for (kind, ref), xmls in groups.items()]
        whole = hashlib.sha256(repr(sorted(d[1:] for d in digests)).encode()).hexdigest()  # all of them, in one
        with self.db:
            self.db.execute("BEGIN")
            self._drop(file)
            self.db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                                [(file, i, k, ref, x) for i, (k, ref, x) in enumerate(items)])
            self.db.executemany("INSERT INTO digests VALUES (?, ?, ?, ?, ?)", digests)
            self.db.execute("INSERT INTO texts VALUES (?, ?, ?)", (file, key, whole))

    def _drop(self, file: str) -> None:
        for table in ("texts", "items", "digests"):
            self.db.execute(f"DELETE FROM {table} WHERE file = ?", (file,))

    def prune(self, files: set[str]) -> None:
        """Forget the texts not in `files` (taken out of the edition)."""
        gone = set(self.keys()) - files
        if gone:
            with self.db:
                self.db.execute("BEGIN")
                for file in gone:
                    self._drop(file)

    def digests(self) -> dict[str, dict[tuple[str, str], Digest]]:
        """Per text, per (kind, id) in that order: how many items and a hash of them."""
        out: dict[str, dict[tuple[str, str], Digest]] = defaultdict(dict)
        for file, kind, ref, n, sha in self.db.execute("SELECT file, kind, ref, n, sha FROM digests ORDER BY file, kind, ref"):
            out[file][(kind, ref)] = (n, sha)
        return out

    def items(self, ref: str, files: list[str] | None = None, kinds: str = "ms") -> dict[str, list[Item]]:
        """The items of `kinds` listed under `ref`, per text (of `files`, when given), each text's in order."""
        marks = ",".join("?" * len(kinds))
        sql = f"SELECT file, kind, xml FROM items WHERE ref = ? AND kind IN ({marks})"
        args: list[str] = [ref, *kinds]
        if files is not None:
            sql += f" AND file IN ({','.join('?' * len(files))})"
            args += files
        out: dict[str, list[Item]] = defaultdict(list)
        for file, kind, xml in self.db.execute(sql + " ORDER BY file, seq", args):
            out[file].append((kind, ref, xml))
        return out

    def of_kind(self, kind: str) -> dict[str, list[Item]]:
        """Every item of one kind, per text, each text's in order."""
        out: dict[str, list[Item]] = defaultdict(list)
        for file, ref, xml in self.db.execute("SELECT file, ref, xml FROM items WHERE kind = ? ORDER BY file, seq", (kind,)):
            out[file].append((kind, ref, xml))
        return out
