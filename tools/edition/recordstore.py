"""The texts' register records, kept between builds in one SQLite file (output/.cache/records.sqlite).

A text's records are the items the pages over all texts show for it (`publish.records`): one row per
item, with its kind and the id it is listed under. The per-document build (`incremental.py`) stores a
text's records once per version of it (`key`: the text's bytes, its page name, the stylesheets and the
code), and reads back only what a page needs: the digests (per text, kind and id: how many items and a hash of
them) to decide which pages an edit changed, and the items a page lists. SQLite (the standard library's) rather
than a file per text, so that an entry's page reads its own items, not every text's.

Per register id, what the register pages need to know of its mentions and sayings over all texts (`RefSummary`:
counts, the texts giving its first items, hashes of those and of all) is kept too, and worked out again only
for the ids whose digests an edit changed (`put` marks them), not over every text's digests: a word beside a
name costs the items of that name, whatever the number of texts.

The file is a cache: deleting it makes every text's records again; a damaged one is replaced.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from .publish.records import Item

_SCHEMA = """
CREATE TABLE IF NOT EXISTS texts (file TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (file TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
                                  xml TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS items_ref ON items (ref, file, seq);
CREATE INDEX IF NOT EXISTS items_kind ON items (kind, file, seq);
CREATE INDEX IF NOT EXISTS items_file ON items (file);
CREATE TABLE IF NOT EXISTS digests (file TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL, n INTEGER NOT NULL,
                                    sha TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS digests_file ON digests (file);
CREATE INDEX IF NOT EXISTS digests_ref ON digests (ref);
CREATE INDEX IF NOT EXISTS digests_kind ON digests (kind);
CREATE TABLE IF NOT EXISTS dirty (ref TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS refs (ref TEXT PRIMARY KEY, m INTEGER NOT NULL, s INTEGER NOT NULL, first TEXT NOT NULL,
                                 key TEXT NOT NULL, parts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_TABLES = ("texts", "items", "digests", "dirty", "refs", "meta")
VERSION = 7  # PRAGMA user_version: another layout is dropped and made again
_LISTED = ("m", "s")  # the kinds of item a register entry lists


class RefSummary(NamedTuple):
    """A register id's mentions (m) and sayings (s) over all texts: how many; the texts giving the first `cap`
    of each, in the texts' order; a hash of those texts' items of it (`key`); and per chunk of `part` texts that
    holds some of its items (`parts`: the pages of its mentions, publish.records.mention_parts) the chunk, its
    numbers of mentions and sayings and a hash of its items."""

    m: int
    s: int
    first: list[str]
    key: str
    parts: list[tuple[int, int, int, str]]


def _hash(value: object) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()


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
            db.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in _TABLES))
            db.execute(f"PRAGMA user_version = {VERSION}")
        db.executescript(_SCHEMA)
        return db

    def keys(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT file, key FROM texts"))

    def put(self, file: str, key: str, items: list[Item]) -> None:
        """Replace a text's records (one transaction)."""
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for kind, ref, xml in items:
            groups[(kind, ref)].append(xml)
        digests = [(file, kind, ref, len(xmls), hashlib.sha256("\x00".join(xmls).encode()).hexdigest())
                   for (kind, ref), xmls in groups.items()]
        old = {(k, r): (n, sha) for k, r, n, sha in
               self.db.execute("SELECT kind, ref, n, sha FROM digests WHERE file = ?", (file,))}
        new = {(k, r): (n, sha) for _, k, r, n, sha in digests}
        changed = {(r,) for k, r in old.keys() | new.keys() if k in _LISTED and old.get((k, r)) != new.get((k, r))}
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", sorted(changed))
            self._drop(file)
            self.db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?)",
                                [(file, i, k, ref, x) for i, (k, ref, x) in enumerate(items)])
            self.db.executemany("INSERT INTO digests VALUES (?, ?, ?, ?, ?)", digests)
            self.db.execute("INSERT INTO texts VALUES (?, ?)", (file, key))

    def _drop(self, file: str) -> None:
        for table in _TABLES[:3]:
            self.db.execute(f"DELETE FROM {table} WHERE file = ?", (file,))

    def prune(self, files: set[str]) -> None:
        """Forget the texts not in `files` (taken out of the edition)."""
        gone = set(self.keys()) - files
        if gone:
            with self.db:
                self.db.execute("BEGIN")
                for file in gone:
                    self.db.execute("INSERT OR IGNORE INTO dirty SELECT DISTINCT ref FROM digests WHERE file = ? "
                                    "AND kind IN ('m', 's')", (file,))
                    self._drop(file)

    def ref_summaries(self, order: list[str], cap: int, part: int) -> dict[str, RefSummary]:
        """Every register id's summary over the texts `order` (in that order), the first `cap` items of each
        kind listed, its pages of mentions in chunks of `part` texts. Worked out again for the ids whose digests
        changed since the last call (all of them when the texts or their order, `cap` or `part` changed), in one
        transaction with keeping them."""
        base = _hash([VERSION, cap, part, order])
        pos = {f: i for i, f in enumerate(order)}
        with self.db:
            self.db.execute("BEGIN")
            if self.db.execute("SELECT value FROM meta WHERE name = 'base'").fetchone() != (base,):
                self.db.execute("DELETE FROM refs")
                self.db.execute("INSERT OR IGNORE INTO dirty SELECT DISTINCT ref FROM digests WHERE kind IN ('m', 's')")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('base', ?)", (base,))
            rows: dict[str, list[tuple[int, str, str, int, str]]] = defaultdict(list)
            for ref, file, kind, n, sha in self.db.execute(
                    "SELECT d.ref, d.file, d.kind, d.n, d.sha FROM dirty CROSS JOIN digests d ON d.ref = dirty.ref "
                    "WHERE d.kind IN ('m', 's')"):  # (CROSS JOIN: the dirty ids first, never a scan of all digests)
                if file in pos:
                    rows[ref].append((pos[file], kind, file, n, sha))
            self.db.execute("DELETE FROM refs WHERE ref IN (SELECT ref FROM dirty)")
            self.db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)",
                                [(ref, *_summary(sorted(mine), cap, part)) for ref, mine in sorted(rows.items())])
            self.db.execute("DELETE FROM dirty")
        return {ref: RefSummary(m, s, json.loads(first), key, [tuple(p) for p in json.loads(parts)])
                for ref, m, s, first, key, parts in self.db.execute("SELECT * FROM refs")}

    def digests_of(self, kinds: str) -> list[tuple[str, str, str, int, str]]:
        """The digests (file, kind, id, how many, hash) of the items of `kinds`."""
        marks = ",".join("?" * len(kinds))
        return self.db.execute(f"SELECT file, kind, ref, n, sha FROM digests WHERE kind IN ({marks})", [*kinds]).fetchall()

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


def _summary(rows: list[tuple[int, str, str, int, str]], cap: int, part: int) -> tuple[int, int, str, str, str]:
    """(m, s, first as JSON, key, parts as JSON) of one id from its digests (position, kind, file, n, sha),
    sorted: a text gives first items while fewer than `cap` of that kind come before it; its chunk is its
    position // `part`."""
    counts = {"m": 0, "s": 0}
    first: list[str] = []
    chunks: dict[int, tuple[dict[str, int], list[tuple[str, str, str]]]] = {}
    for pos, kind, file, n, sha in rows:
        if counts[kind] < cap and (not first or first[-1] != file):
            first.append(file)
        counts[kind] += n
        mine = chunks.setdefault(pos // part, ({"m": 0, "s": 0}, []))
        mine[0][kind] += n
        mine[1].append((file, kind, sha))
    chosen = set(first)
    key = _hash([(file, kind, sha) for _, kind, file, _, sha in rows if file in chosen])
    parts = [(k, c["m"], c["s"], _hash(items)) for k, (c, items) in sorted(chunks.items())]
    return counts["m"], counts["s"], json.dumps(first), key, json.dumps(parts)
