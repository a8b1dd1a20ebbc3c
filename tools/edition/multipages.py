"""The pages over all texts in the per-document build (`incremental.SiteGraph`): what each depends on, and
making them, never from the whole corpus.

| key          | pages                                                     | made from                                   |
|--------------|-----------------------------------------------------------|---------------------------------------------|
| `MULTI`      | downloads, search, encoding (and the register's download)  | the texts' header copies, the register, ODD |
| `TIMELINE`   | timeline                                                  | the texts' corpus copies (their dates)      |
| `REGISTER_INDEX` | register (its index)                                  | the register; each entry's count            |
| `PERSONS` …  | persons, places, organisations (one key each)             | the register; its entries' first items      |
| mentions-ID  | an entry's pages of all its mentions (more than the cap), | the register entry; its items in those      |
|              | one per chunk of 100 texts that hold some                 | texts; the list of its pages                |
| `HOME`       | index (home)                                              | headers; the texts' home items, corrections |
| `CORRECTIONS`| corrections                                               | headers; the texts' rows of corrections     |
| `EVENTS`     | events (with a register of events)                        | the events' paragraphs                      |

"Items" are the texts' records (`publish.records`), kept per text in `recordstore`; each page's key is a
hash of what it is made from (the items by their digests), so an edit redoes the pages whose items or
copies it changed: a word beside a person's name the persons page (and that person's page of mentions), a
date the timeline, a correction the list of corrections. The register pages' keys come from the store's
summaries per register id (`RecordStore.ref_summaries`), worked out again only for the ids an edit touched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .incremental import SiteGraph

MULTI = "(multi-text pages)"
TIMELINE = "(timeline)"
REGISTER_INDEX = "(register index)"
PERSONS = "(register: persons)"
PLACES = "(register: places)"
ORGS = "(register: organisations)"
HOME = "(home)"
CORRECTIONS = "(corrections)"
EVENTS = "(events)"
REGISTER = (REGISTER_INDEX, PERSONS, PLACES, ORGS)  # the keys of publish.records.REGISTER_PAGES, in that order
KIND_KEYS = {"person": PERSONS, "place": PLACES, "org": ORGS}  # an entry's kind (f:entity-kind) → its page's key
KEYS = (MULTI, TIMELINE, *REGISTER, HOME, CORRECTIONS, EVENTS)


def static_keys(g: SiteGraph) -> dict[str, str]:
    """The keys of the pages made from copies (known before any record is made)."""
    from .incremental import _sha

    heads = [g.extracts[p.name].head_sha for p in g.paths]
    keys = {MULTI: _sha(g.everything, g._sha(g.register), g._sha(g.odd), heads)}
    if g.timeline:
        keys[TIMELINE] = _sha(g.everything, [g.extracts[p.name].corpus_sha for p in g.paths])
    return keys


def record_keys(g: SiteGraph) -> dict[str, str]:
    """The keys of the pages made from records, from the stored digests; sets `g.mention_pages` (page → (entry id,
    its part, all its parts)),
    `g.reg_first` (entry id → the texts giving its first items), `g.reg_totals` (entry id → counts) and
    `g.corrections` (how many corrections the texts have)."""
    from .incremental import _sha
    from .publish import records
    cap = records.MENTION_CAP
    order = [p.name for p in g.paths]
    summaries = g.store.ref_summaries(order, cap, records.MENTION_PART_TEXTS)
    ids = [r for r in g.entity_kinds if r in summaries]  # in the register's order
    g.reg_first = {r: summaries[r].first for r in ids}
    g.reg_totals = {r: (summaries[r].m, summaries[r].s) for r in ids}
    reg = g._sha(g.register)
    keys = {REGISTER_INDEX: _sha(g.everything, reg, sorted((r, summaries[r].m) for r in ids))}
    for kind, key in KIND_KEYS.items():
        keys[key] = _sha(g.everything, reg, sorted((r, g.reg_totals[r], summaries[r].key) for r in ids
                                                   if g.entity_kinds[r] == kind))
    pos = {f: i for i, f in enumerate(order)}
    home, rows = [""] * len(order), [""] * len(order)
    named: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    corrections = 0
    for file, kind, ref, n, sha in g.store.digests_of("hce"):
        if file not in pos:
            continue
        if kind == "h":
            home[pos[file]] = sha
        elif kind == "c":
            rows[pos[file]] = sha
            corrections += n
        else:
            named[ref].append((pos[file], file, sha))
    g.corrections = corrections
    heads = [g.extracts[f].head_sha for f in order]
    keys[HOME] = _sha(g.everything, reg, heads, home, corrections)
    keys[CORRECTIONS] = _sha(g.everything, heads, rows)
    if g.events is not None:
        keys[EVENTS] = _sha(g.everything, reg, sorted((ref, [e[1:] for e in sorted(v)]) for ref, v in named.items()))
    g.mention_pages = {}
    for ref in ids:
        if max(g.reg_totals[ref]) > cap:
            parts = summaries[ref].parts
            every = records.mention_parts(ref, [(k, m, s) for k, m, s, _ in parts], len(order))
            listed = [(p.name, p.label) for p in every] if len(every) > 1 else []
            # what all its parts show (hashed once per entry, not once per part: 3,000 parts at N = 2,000)
            shared = _sha(g.everything, g.reg_head, g.reg_entries.get(ref), g.reg_totals[ref], listed)
            for part, (_, _, _, sha) in zip(every, parts):
                g.mention_pages[part.name] = (ref, part, every)
                keys[part.name] = _sha(shared, part.label, part.first_m, part.first_s, sha)
    return keys


def _texts(g: SiteGraph, heads: bool) -> list[Any]:
    """The texts as the site corpus holds them: their header copies, or their corpus copies."""
    from .publish.html import SiteText
    from .xmlio import parse_bytes

    out = []
    for p in g.paths:
        ex = g.extracts[p.name]
        copy = ex.head_path(g.cache_dir) if heads else ex.corpus_path(g.cache_dir)
        data = copy.read_bytes()
        name = g.names[p.name]
        out.append(SiteText(p, data, parse_bytes(data, str(copy)), g.ids[p.name], f"{name}.html", f"tei/{name}.xml",
                            g.pdf_hrefs.get(p.name, ""), g.labels[p.name]))
    return out


@dataclass(frozen=True)
class Job:
    """The pages of one key, as plain data (so that the build's warm worker can make them, prewarm.py): the pages
    (entry, $page, file), the index in the job list's `sources` of the site corpus they read and of their $records
    text (pages from records), the entry of a page of mentions, the ODD the multi-text pages read."""

    key: str
    pages: tuple[tuple[str, str, str], ...]
    corpus: int
    records: int | None = None
    entity: str = ""
    odd: str | None = None


def make(g: SiteGraph, keys: list[str]) -> dict[str, tuple[dict[str, str | bytes], list[Any]]]:
    """The pages of `keys` (those of this module's table): key → (file → content, [(file, messages)]). Planned here
    (`plan`), made in the build's warm worker when it has one (which compiled site.xsl for the reading pages: a word
    beside a name would otherwise compile it again here, ≈ 0.3 s), else here (`render_jobs`)."""
    from . import prewarm

    sources, jobs = plan(g, keys)
    out: dict[str, tuple[dict[str, str | bytes], list[Any]]] = {}
    if jobs:
        warm = prewarm.worker(g.project)
        made = None
        if warm is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                made = warm.pool.submit(render_jobs, g.shared, sources, jobs).result()
                warm.jobs += len(jobs)
            except BrokenProcessPool:  # the worker died (killed, out of memory): made here
                made = None
        out.update(made if made is not None else render_jobs(g.shared, sources, jobs))  # type: ignore[arg-type]
    if MULTI in out and g.register:
        from .incremental import REGISTER_HREF
        from .xmlio import read_xml_bytes

        out[MULTI][0][REGISTER_HREF] = read_xml_bytes(g.register)
    return out


def render_jobs(shared: Any, sources: list[str], jobs: list[Job]) -> dict[str, tuple[dict[str, str], list[Any]]]:
    """Make the pages of `jobs` (`shared`: the site's `incremental.Shared`; `sources`: the corpora and $records texts
    they read, each parsed once). A pure function of its inputs, run in the build's warm worker or in its process."""
    from pathlib import Path

    from .incremental import _common
    from .publish import records
    from .publish.html import render_multi_page
    from .publish.inputs import load_tei
    from .publish.saxon import Transformer, xdm_document

    site_xsl = Transformer.get(Path(shared.xslt_root) / "html" / "site.xsl")
    common = _common(shared)
    docs: dict[int, Any] = {}

    def doc(i: int) -> Any:
        if i not in docs:
            docs[i] = xdm_document(sources[i])
        return docs[i]

    out: dict[str, tuple[dict[str, str], list[Any]]] = {}
    for job in jobs:
        params = dict(common)
        if job.odd is not None:
            params["odd"] = xdm_document(load_tei(Path(job.odd)).tree)
        files: dict[str, str] = {}
        messages: list[Any] = []
        for page in job.pages:
            if job.records is not None:
                html, msgs = records.render(site_xsl, params, doc(job.corpus), doc(job.records), page, job.entity)
            else:
                html, msgs = render_multi_page(site_xsl, params, doc(job.corpus), page)
            files[page[2]] = html
            messages.append((page[2], msgs))
        out[job.key] = (files, messages)
    return out


def plan(g: SiteGraph, keys: list[str]) -> tuple[list[str], list[Job]]:
    """What the pages of `keys` are made from (`Job`), without Saxon: the site corpora and $records texts (`sources`)
    and the jobs that read them."""
    from .incremental import REGISTER_HREF
    from .publish import records
    from .publish.html import TIMELINE_PAGE, _corpus, multi_pages
    from .publish.inputs import load_tei
    from .publish.records import (CORRECTIONS_PAGE, EVENTS_PAGE, HOME_PAGE, REGISTER_PAGES, Gathered, Item,
                                  corrections_records, events_records, gather, home_records, records_xml)

    sources: list[str] = []
    jobs: list[Job] = []
    if not keys:
        return sources, jobs

    def source(text: str) -> int:
        sources.append(text)
        return len(sources) - 1

    g.ensure_copies()
    reg_tree = load_tei(g.register).tree if g.register is not None else None
    register_href = REGISTER_HREF if g.register else ""
    order = [p.name for p in g.paths]
    if TIMELINE in keys:
        jobs.append(Job(TIMELINE, (TIMELINE_PAGE,), source(_corpus(_texts(g, heads=False), reg_tree, register_href))))
    rest = [k for k in keys if k != TIMELINE]
    if not rest:
        return sources, jobs
    # the register pages and the pages of mentions read the register alone: the texts' headers only for the others
    heads = any(k in (MULTI, HOME, CORRECTIONS, EVENTS) for k in rest)
    corpus = source(_corpus(_texts(g, heads=True) if heads else [], reg_tree, register_href))
    if MULTI in keys:
        jobs.append(Job(MULTI, tuple(multi_pages(timeline=False)), corpus,
                        odd=str(g.odd) if g.odd is not None else None))
    wanted = [(key, page) for key, page in zip(REGISTER, REGISTER_PAGES) if key in keys]
    if wanted:  # one $records for them: every entry's counts (the index), the first items of the pages' kinds
        kinds = {kind for kind, key in KIND_KEYS.items() if key in keys}
        by_file: dict[str, list[Item]] = defaultdict(list)
        for ref, files in g.reg_first.items():
            if g.entity_kinds[ref] in kinds:
                for file, items in g.store.items(ref, files).items():
                    by_file[file] += items
        gathered = gather([by_file[f] for f in order if f in by_file], cap=records.MENTION_CAP, kinds="ms")
        for ref, (m, s) in g.reg_totals.items():  # the counts over every text, not only those listed
            got = gathered.setdefault(ref, Gathered())
            got.counts["m"], got.counts["s"] = m, s
        recs = source(records_xml(gathered))
        jobs += [Job(key, (page,), corpus, recs) for key, page in wanted]
    if HOME in keys:
        items = g.store.of_kind("h")
        jobs.append(Job(HOME, (HOME_PAGE,), corpus,
                        source(home_records([(f, items.get(f, [])) for f in order], g.corrections))))
    if CORRECTIONS in keys:
        items = g.store.of_kind("c")
        jobs.append(Job(CORRECTIONS, (CORRECTIONS_PAGE,), corpus,
                        source(corrections_records([(f, items.get(f, [])) for f in order]))))
    if EVENTS in keys:
        items = g.store.of_kind("e")
        jobs.append(Job(EVENTS, (EVENTS_PAGE,), corpus, source(events_records([items.get(f, []) for f in order]))))
    for key in keys:
        if key in g.mention_pages:
            ref, part, every = g.mention_pages[key]
            size = records.MENTION_PART_TEXTS
            items = g.store.items(ref, order[part.chunk * size:(part.chunk + 1) * size])
            got = gather([items[f] for f in order if f in items], cap=None, only={ref}, kinds="ms")[ref]
            jobs.append(Job(key, (("register", "mentions", part.name),), corpus,
                            source(records.part_records(ref, got, g.reg_totals[ref], part, every)), ref))
    return sources, jobs
