"""What the site graph (`incremental.SiteGraph`) knows of each text, kept between builds so that an edit of one
text of thousands works out again only what depends on it.

* **The extracts' index** (output/.cache/site-extracts.json): every text's extract (`extracts.Extract`) by the
  sha256 of the text, read as one file; a text whose sha256 is not the one recorded is extracted again. The ids a
  text points at (`refs`, ≈ 150 a letter) are kept as one string per text, not a JSON list of strings: 2,000
  letters' index parses in a quarter of the time.
* **The reading pages' keys** (output/.cache/site-keys.json): a reading page's key is a hash of everything every
  page depends on, of the sha256 of the text and of its neighbours (`extracts.neighbours`), and of the register
  entries the text points at (`page_key`). Each key is kept with its *base* (everything and the whole register, by
  hash) and the page's neighbours with their sha256; it is taken again only while the base is the same and the
  page's neighbours are the same texts with the same sha256 (a text that starts or stops pointing at another
  changes its own sha256, and so the key of both pages). Otherwise it is worked out again, by the same function:
  the kept keys are always the keys `page_key` gives (tests/test_sitetexts.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .buildstate import FileHashes
from .extracts import VERSION as EXTRACTS_VERSION, Extract, extract
from .xmlio import atomic_write

EXTRACTS = Path(".cache") / "site-extracts.json"  # every text's extract in one file, by the text's sha256
KEYS = Path(".cache") / "site-keys.json"  # the reading pages' keys, with what they were worked out from
FORMAT = 2  # of the extracts' index: 2, `refs` as one string


def sha(*parts: Any) -> str:
    """The hash of a key's parts (as sorted JSON): every key of the site graph (incremental, multipages) and here."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def load_extracts(output_dir: Path, cache_dir: Path, paths: list[Path], hashes: FileHashes) -> dict[str, Extract]:
    """Every text's extract: from the index while the text's sha256 is as recorded, else from `extract` (which
    reads the text); the index written again when one was made or the texts changed. Its copies are looked for
    only when the pages over all texts read them (`ensure_copies`)."""
    path = output_dir / EXTRACTS
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        known = index["texts"] if index.get("version") == EXTRACTS_VERSION and index.get("format") == FORMAT else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        known = {}
    known = known if isinstance(known, dict) else {}
    out: dict[str, Extract] = {}
    made = False
    for p in paths:
        digest = hashes.sha(p)
        rec = known.get(p.name)
        try:
            if isinstance(rec, dict) and rec["sha"] == digest and rec["file"] == p.name and isinstance(rec["refs"], str):
                out[p.name] = Extract(**{**rec, "points_to": tuple(rec["points_to"])})  # (refs: split when asked)
                continue
        except (KeyError, TypeError, AttributeError):
            pass
        out[p.name] = extract(p, p.read_bytes(), cache_dir)
        made = True
    if made or known.keys() != out.keys():
        texts = {name: {**vars(ex), "points_to": list(ex.points_to)} for name, ex in out.items()}
        atomic_write(path, json.dumps({"version": EXTRACTS_VERSION, "format": FORMAT, "texts": texts}) + "\n")
    return out


def ensure_copies(cache_dir: Path, paths: list[Path], extracts: dict[str, Extract]) -> None:
    """Make again the corpus and header copies of the texts whose copies are gone (the cache emptied by hand, say):
    their extracts taken anew, in `extracts`."""
    cache = os.fspath(cache_dir)
    for p in paths:
        if not (os.path.isfile(os.path.join(cache, p.name)) and os.path.isfile(os.path.join(cache, p.name + ".head"))):
            extracts[p.name] = extract(p, p.read_bytes(), cache_dir)  # (it makes the copies it does not find)


def page_key(everything: str, extracts: dict[str, Extract], near: list[str], reg_head: str,
             reg_entries: dict[str, str]) -> str:
    """The key of the reading page of the text near[0] (`near`: it and its neighbours)."""
    ex = extracts[near[0]]
    entries = {r: reg_entries[r] for r in ex.ref_ids if r in reg_entries}
    return sha(everything, [extracts[n].sha for n in near], reg_head, entries)


def page_keys(output_dir: Path, everything: str, extracts: dict[str, Extract], near: dict[str, list[str]],
              pages: dict[str, str], reg_head: str, reg_entries: dict[str, str]) -> dict[str, str]:
    """Page name → key of the reading page of each text (`pages`: text file name → its page's name), the kept ones
    while they hold (see the module doc), the file of kept keys written again when one was worked out anew."""
    path = output_dir / KEYS
    base = sha(everything, reg_head, sorted(reg_entries.items()))
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        old = kept["pages"] if kept.get("base") == base and isinstance(kept.get("pages"), dict) else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        old = {}
    keys: dict[str, str] = {}
    rows: dict[str, list[str]] = {}
    fresh = 0
    for name, page in pages.items():
        mine = near[name]
        inputs = " ".join(f"{n}\0{extracts[n].sha}" for n in mine)
        rec = old.get(page)
        if isinstance(rec, list) and len(rec) == 2 and rec[0] == inputs:
            keys[page] = rec[1]
        else:
            keys[page] = page_key(everything, extracts, mine, reg_head, reg_entries)
            fresh += 1
        rows[page] = [inputs, keys[page]]
    if fresh or old.keys() != rows.keys():
        atomic_write(path, json.dumps({"base": base, "pages": rows}) + "\n")
    return keys
