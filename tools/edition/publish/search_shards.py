"""The search index in shards, so that an edit re-indexes the pages of one group of texts only.

A small site (no more texts than `[tool.edition] search_shard_texts`, default 100) keeps one
Pagefind index, made by the Pagefind CLI over the whole site (`html.run_pagefind`). A larger one
gets one index per group of that many texts (`pagefind-1/`, `pagefind-2/` …: their reading pages)
and the main index `pagefind/` for the other pages; `pagefind/shards.json` lists the groups and the
site script merges them into the main index in the browser (Pagefind's `mergeIndex`). A group is
indexed again only when one of its pages changed; each is written beside the site and swapped in
whole. Every index is made as the one index of a small site is (`search.build_index`): the reading
pages passage by passage, the other pages whole.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..errors import EditionError
from ..xmlio import atomic_write

DEFAULT_SHARD_TEXTS = 20  # ≈ 4,000 passages of letters: one re-index ≈ 3 CPU s (bench/RESULTS.md)


def shard_size(settings: dict) -> int:
    size = settings.get("search_shard_texts", DEFAULT_SHARD_TEXTS)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise EditionError(f"[tool.edition] search_shard_texts = {size!r}: a number of texts (≥ 1)")
    return size


def plan(reading: list[str], others: list[str], size: int) -> dict[str, list[str]]:
    """Index directory → the pages it indexes; one entry ('pagefind': every page) for a small site."""
    if len(reading) <= size:
        return {"pagefind": [*reading, *others]}
    shards = {"pagefind": list(others)}
    for k in range(0, len(reading), size):
        shards[f"pagefind-{k // size + 1}"] = reading[k:k + size]
    return shards


def update(site: Path, reading: list[str], others: list[str], changed: set[str], size: int, *, everything: bool,
           workdir: Path | None = None, live: Path | None = None) -> list[str]:
    """Re-index the shards holding a changed page (all with `everything`); return their names. `workdir`: where
    each index's staged pages are kept between runs (`search.build_index`); `live`: the published site when
    `site` is its staging copy without the indexes (`staging.staged_directory(carry=…)`)."""
    from .html import run_pagefind
    from .search import build_index

    shards = plan(reading, others, size)
    if len(shards) == 1:
        run_pagefind(site, reading, workdir=workdir / "pagefind" if workdir else None)
        done = ["pagefind"]
    else:
        listing = json.dumps([name + "/" for name in shards if name != "pagefind"]) + "\n"
        try:
            listed_now = ((live or site) / "pagefind" / "shards.json").read_text(encoding="utf-8")
        except OSError:
            listed_now = ""
        done = [name for name, pages in shards.items()
                if everything or set(pages) & changed or not ((live or site) / name / "pagefind.js").exists()
                or (name == "pagefind" and listed_now != listing)]  # the main index carries the list of shards
        for name in done:
            if name == "pagefind":
                build_index(site, [], whole=shards[name], name=name, workdir=workdir / name if workdir else None)
            else:
                build_index(site, shards[name], whole=[], name=name, workdir=workdir / name if workdir else None)
    if "pagefind" in done:  # else the main index, with its list, is carried over unchanged
        atomic_write(site / "pagefind" / "shards.json",
                     json.dumps([name + "/" for name in shards if name != "pagefind"]) + "\n")
    for stale in site.glob("pagefind-*"):
        if stale.is_dir() and stale.name not in shards:
            shutil.rmtree(stale, ignore_errors=True)
    return done
