"""The search index in shards, and a delta index, so that an edit re-indexes the edited page only.

A small site (no more texts than `[tool.edition] search_shard_texts`, default 20) keeps one Pagefind
index `pagefind/`. A larger one gets one index per group of that many texts (`pagefind-1/`, `pagefind-2/` …:
their reading pages) and the main index `pagefind/` for the other pages. Every index is made as the one
index of a small site is (`search.build_index`): the reading pages passage by passage, the other pages whole;
each passage of a reading page carries its page as the hidden filter `page` (`search.KEY_FILTER`).

Indexing a group anew costs ≈ 0.5 ms per passage (≈ 2.4 s for 20 letters of ≈ 200 passages); made again over
its earlier index, whose unchanged files it takes over (`search_reuse.py`), ≈ 1.1 s. So an edited reading page
goes into the **delta index** `pagefind-delta/` instead: an index of only the reading pages
edited since their group was indexed. `pagefind/shards.json` lists the groups and the delta with the pages
it supersedes, `{"shards": ["pagefind-1/", …], "delta": {"index": "pagefind-delta/", "supersedes": […]}}`; the
site script merges every listed index into the main one (Pagefind's `mergeIndex`) and searches with the
filter `not: {page: supersedes}`, so that the older records of those pages (which carry their page as filter,
where the delta's records do not) are not found. An edit re-indexes the delta (its cost bounded by
`[tool.edition] search_delta_passages`, default 600 passages, ≈ 0.7 s); when it would hold more, the groups
with the most passages in it are indexed again and their pages leave it (folded back). `search_delta_passages
= 0`: no delta, the group is indexed again. A clean build has no delta. A group is indexed again when its list
of pages (`pages.json` in its directory) is not the planned one, and the main index when one of its pages
changed; each index is written beside the site and swapped in whole.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EditionError
from ..xmlio import atomic_write

DEFAULT_SHARD_TEXTS = 20  # ≈ 4,000 passages of letters: one re-index ≈ 1.1 s over the earlier one (bench/RESULTS.md)
DEFAULT_DELTA_PASSAGES = 600  # the delta re-indexed on each edit: ≤ ≈ 0.7 s wall (bench/RESULTS.md)
DELTA = "pagefind-delta"
INDEX_JOBS = 2  # Pagefind processes at once (`_each`)


def _count(settings: dict, name: str, default: int, least: int) -> int:
    value = settings.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise EditionError(f"[tool.edition] {name} = {value!r}: a number (≥ {least})")
    return value


def shard_size(settings: dict) -> int:
    return _count(settings, "search_shard_texts", DEFAULT_SHARD_TEXTS, 1)


def delta_bound(settings: dict) -> int:
    return _count(settings, "search_delta_passages", DEFAULT_DELTA_PASSAGES, 0)


def plan(reading: list[str], others: list[str], size: int) -> dict[str, list[str]]:
    """Index directory → the pages it indexes; one entry ('pagefind': every page) for a small site."""
    if len(reading) <= size:
        return {"pagefind": [*reading, *others]}
    shards = {"pagefind": list(others)}
    for k in range(0, len(reading), size):
        shards[f"pagefind-{k // size + 1}"] = reading[k:k + size]
    return shards


def _each(work: Callable[[Any], None], jobs: list[Any]) -> None:
    """`work` on each job, `INDEX_JOBS` at a time: each Pagefind run is a process of its own, which uses about
    one and a half CPUs, so two at once (a group folded back and the delta, or the groups of a clean build) finish
    sooner than one after the other."""
    if len(jobs) <= 1 or INDEX_JOBS <= 1:
        for job in jobs:
            work(job)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=INDEX_JOBS) as pool:
        list(pool.map(work, jobs))


def listing(site: Path) -> dict:
    """The site's pagefind/shards.json ({} when absent or unreadable)."""
    try:
        found = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _pages_file(index: Path) -> Path:
    return index / "pages.json"


def _indexed_pages(index: Path) -> list[str] | None:
    try:
        return json.loads(_pages_file(index).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def update(site: Path, reading: list[str], others: list[str], changed: set[str], size: int, *, everything: bool,
           workdir: Path | None = None, live: Path | None = None, delta: int = DEFAULT_DELTA_PASSAGES) -> list[str]:
    """Bring the site's search indexes up to date after the pages `changed` were written (every index anew with
    `everything`); return the names of the indexes made. `workdir`: where each index's staged pages are kept
    between runs (`search.build_index`); `live`: the published site when `site` is its staging copy without the
    indexes (`staging.staged_directory(carry=…)`); `delta`: the bound of the delta index in passages (0: none)."""
    from .search import build_index, stage_passages, staged_facets

    live = live or site
    shards = plan(reading, others, size)
    home = {page: name for name, pages in shards.items() for page in pages}
    reading_set = set(reading)
    before = listing(live)
    supersedes = [] if everything else [p for p in (before.get("delta") or {}).get("supersedes", []) if p in reading_set]
    redo = {name for name, pages in shards.items()
            if everything or not (live / name / "pagefind.js").exists() or _indexed_pages(live / name) != pages
            or (set(pages) & changed & set(others))}  # the pages indexed whole go into their index at once
    fresh = sorted({p for p in changed & reading_set if home[p] not in redo} | set(supersedes))
    supersedes = [p for p in fresh if home[p] not in redo]
    if supersedes and (not delta or workdir is None):  # no delta (nor without the staged passages, below)
        redo |= {home[p] for p in supersedes}
        supersedes = []
    if supersedes:
        counts = stage_passages(site, workdir / DELTA, supersedes, key=False)  # staged once: build_index finds them
        if not sum(counts[p] for p in supersedes):  # Pagefind makes no index of nothing
            redo |= {home[p] for p in supersedes}
            supersedes = []
        while supersedes and sum(counts[p] for p in supersedes) > delta:  # fold back the largest share first
            share: dict[str, int] = {}
            for p in supersedes:
                share[home[p]] = share.get(home[p], 0) + counts[p]
            fold = max(sorted(share), key=lambda name: share[name])
            redo.add(fold)
            supersedes = [p for p in supersedes if home[p] != fold]
    # The facet counts of the superseded records (the site script takes them from Pagefind's totals), from the
    # passages as their index holds them: staged in its workdir; where they are not, that index is made again.
    facets = {p: staged_facets(workdir / home[p], p) for p in supersedes} if workdir else {}
    redo |= {home[p] for p, f in facets.items() if f is None}
    supersedes = [p for p in supersedes if home[p] not in redo]
    uncount: dict[str, dict[str, int]] = {}
    for p in supersedes:
        for key, values in (facets[p] or {}).items():
            for value, n in values.items():
                uncount.setdefault(key, {})[value] = uncount.get(key, {}).get(value, 0) + n
    jobs: list[tuple[str, list[str], list[str] | None, bool]] = []  # (index, its passages' pages, pages whole, key)
    for name in [n for n in shards if n in redo]:
        reading_here = [p for p in shards[name] if p in reading_set]
        jobs.append((name, reading_here, [p for p in shards[name] if p not in reading_set] if len(shards) > 1 else None,
                     True))
    kept = (supersedes == (before.get("delta") or {}).get("supersedes") and not changed & set(supersedes)
            and (site / DELTA).is_dir())  # the same pages as they were: the delta stays as it is
    if supersedes and not kept:
        jobs.append((DELTA, supersedes, [], False))

    def index(job: tuple[str, list[str], list[str] | None, bool]) -> None:
        name, pages, whole, key = job
        build_index(site, pages, whole=whole, name=name, workdir=workdir / name if workdir else None, key=key,
                    reuse=live / name)
        if name != DELTA:
            atomic_write(_pages_file(site / name), json.dumps(shards[name]) + "\n")

    _each(index, jobs)
    done = [job[0] for job in jobs]
    if not supersedes:
        shutil.rmtree(site / DELTA, ignore_errors=True)
        if workdir:
            shutil.rmtree(workdir / DELTA, ignore_errors=True)
    now = {"shards": [name + "/" for name in shards if name != "pagefind"]}
    if supersedes:
        now["delta"] = {"index": DELTA + "/", "supersedes": supersedes,
                        "uncount": {k: dict(sorted(v.items())) for k, v in sorted(uncount.items())}}
    if "pagefind" not in done and now != before:  # the main index is carried over: link it in to write its list
        from .staging import link_tree

        if not (site / "pagefind").exists() and (live / "pagefind").is_dir():
            link_tree(live / "pagefind", site / "pagefind")
    if "pagefind" in done or now != before:
        atomic_write(site / "pagefind" / "shards.json", json.dumps(now) + "\n")
    for stale in site.glob("pagefind-*"):
        if stale.is_dir() and stale.name not in shards and stale.name != DELTA:
            shutil.rmtree(stale, ignore_errors=True)
    return done
