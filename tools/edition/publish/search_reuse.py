"""Making a Pagefind index again at the cost of what changed in it.

Pagefind names its fragments, word-index chunks, filter chunks and metadata by a hash of their content, and
writes such a file only when it is absent (Pagefind's `WriteBehavior::Immutable`: "for hashed files, don't
re-write them as the contents should be unchanged"); compressing and writing them is most of an index's cost
(4,081 passages: 2.4 s written anew, 0.9 s when all but the changed ones are there; bench/RESULTS.md).

So a new index is written into a directory `seed`ed with hard links of the previous index's hashed files (never
its other files, which Pagefind writes in place: a link would change the published index before the new one
is swapped in), and then `prune`d of the hashed files the new index does not use. What is used is read from the
index itself: pagefind-entry.json names each language's metadata file, and a language's metadata (gzip) holds
the hash of every fragment and chunk of that language as text. A file is kept when its name is found there;
when the index cannot be read so, nothing is removed (an unused file is harmless, a missing one is not).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

HASHED = ("fragment", "index", "filter")  # the directories of hashed files (and the *.pf_meta beside them)


def seed(new: Path, old: Path) -> int:
    """Hard-link the hashed files of the index `old` into `new` (made here); how many (fewer when a link
    cannot be made, e.g. across file systems: Pagefind then writes the rest)."""
    linked = 0
    if not (old / "pagefind-entry.json").is_file():
        return 0
    new.mkdir(parents=True, exist_ok=True)
    try:
        for sub in HASHED:
            if not (old / sub).is_dir():
                continue
            (new / sub).mkdir(exist_ok=True)
            for entry in os.scandir(old / sub):
                if entry.is_file(follow_symlinks=False):
                    os.link(entry.path, new / sub / entry.name)
                    linked += 1
        for meta in old.glob("pagefind.*.pf_meta"):
            os.link(meta, new / meta.name)
            linked += 1
    except OSError:
        pass
    return linked


def prune(index: Path) -> int:
    """Remove the hashed files the index `index` does not use; how many (0 when it cannot be read)."""
    try:
        languages = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        metas = {lang: gzip.decompress((index / f"pagefind.{info['hash']}.pf_meta").read_bytes())
                 for lang, info in languages.items()}
        keep = {f"pagefind.{info['hash']}.pf_meta" for info in languages.values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, gzip.BadGzipFile):
        return 0
    gone: list[Path] = [m for m in index.glob("pagefind.*.pf_meta") if m.name not in keep]
    for sub in HASHED:
        if not (index / sub).is_dir():
            continue
        for entry in os.scandir(index / sub):
            stem = entry.name.rsplit(".", 1)[0]
            meta = metas.get(stem.rsplit("_", 1)[0])
            if meta is None or stem.encode() not in meta:
                gone.append(Path(entry.path))
    for path in gone:
        path.unlink()
    return len(gone)
