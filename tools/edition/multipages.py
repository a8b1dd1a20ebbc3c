"""The pages over all texts in the per-document build (`incremental.SiteGraph`): what each depends on, and
making them, never from the whole corpus.

| key          | pages                                                     | made from                                   |
|--------------|-----------------------------------------------------------|---------------------------------------------|
| `MULTI`      | downloads, search, encoding (and the register's download)  | the texts' header copies, the register, ODD |
| `TIMELINE`   | timeline                                                  | the texts' corpus copies (their dates)      |
| `REGISTER`   | register, persons, places, organisations                  | the register; each entry's first items      |
| mentions-ID  | an entry's page of all its mentions (more than the cap)   | the register entry; all its items           |
| `HOME`       | index (home)                                              | headers; the texts' home items, corrections |
| `CORRECTIONS`| corrections                                               | headers; the texts' rows of corrections     |
| `EVENTS`     | events (with a register of events)                        | the events' paragraphs                      |

"Items" are the texts' records (`publish.records`), kept per text in `recordstore`; each page's key is a
hash of what it is made from (the items by their digests), so an edit redoes the pages whose items or
copies it changed: a word beside a name the register pages that list that mention, a date the
timeline, a correction the list of corrections.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .incremental import SiteGraph

MULTI = "(multi-text pages)"
TIMELINE = "(timeline)"
REGISTER = "(register pages)"
HOME = "(home)"
CORRECTIONS = "(corrections)"
EVENTS = "(events)"
KEYS = (MULTI, TIMELINE, REGISTER, HOME, CORRECTIONS, EVENTS)


def static_keys(g: SiteGraph) -> dict[str, str]:
    """The keys of the pages made from copies (known before any record is made)."""
    from .incremental import _sha

    heads = [g.extracts[p.name].head_sha for p in g.paths]
    keys = {MULTI: _sha(g.everything, g._sha(g.register), g._sha(g.odd), heads)}
    if g.timeline:
        keys[TIMELINE] = _sha(g.everything, [g.extracts[p.name].corpus_sha for p in g.paths])
    return keys


def record_keys(g: SiteGraph) -> dict[str, str]:
    """The keys of the pages made from records, from the stored digests; sets `g.mention_pages` (page → entry id),
    `g.reg_first` (entry id → the texts giving its first items), `g.reg_totals` (entry id → counts) and
    `g.corrections` (how many corrections the texts have). All of it is kept in the site graph
    (`g.records_cache`) with a hash of every text's digests: while none changed, it is taken from there."""
    from .incremental import _sha
    from .publish import records
    from .publish.records import mentions_page

    cap = records.MENTION_CAP
    texts = g.store.text_digests()
    state = _sha(g.everything, g._sha(g.register), cap, g.events is not None,
                 [(texts.get(p.name), g.extracts[p.name].head_sha) for p in g.paths])
    kept = g.records_cache
    if kept.get("state") == state:  # no text's items changed (an edit of words no such page shows): as last time
        g.mention_pages, g.reg_first, g.corrections = kept["mention_pages"], kept["reg_first"], kept["corrections"]
        g.reg_totals = {ref: (m, s) for ref, (m, s) in kept["reg_totals"].items()}
        return dict(kept["keys"])
    digests = g.store.digests()
    ids = set(g.entity_ids)
    acc: dict[str, tuple[list[int], list[str], list[tuple[str, str]]]] = {}
    home, rows, named = [], [], defaultdict(list)
    corrections = 0
    for p in g.paths:
        mine = digests.get(p.name, {})
        for (kind, ref), (n, sha) in mine.items():  # in (kind, id) order (RecordStore.digests)
            if kind in "ms" and ref in ids:
                counts, first, every = acc.setdefault(ref, ([0, 0], [], []))
                k = "ms".index(kind)
                if counts[k] < cap and (not first or first[-1] != p.name):
                    first.append(p.name)
                counts[k] += n
                every.append((p.name, kind, sha))
            elif kind == "e":
                named[ref].append((p.name, sha))
        home.append(mine.get(("h", ""), (0, ""))[1])
        n_c, sha_c = mine.get(("c", ""), (0, ""))
        corrections += n_c
        rows.append(sha_c)
    g.corrections = corrections
    g.reg_first = {ref: first for ref, (_, first, _) in acc.items()}
    g.reg_totals = {ref: (counts[0], counts[1]) for ref, (counts, _, _) in acc.items()}
    firsts = {ref: [e for e in every if e[0] in chosen] for ref, (_, first, every) in acc.items() for chosen in [set(first)]}
    heads = [g.extracts[p.name].head_sha for p in g.paths]
    keys = {REGISTER: _sha(g.everything, g._sha(g.register), sorted((r, g.reg_totals[r], firsts[r]) for r in acc)),
            HOME: _sha(g.everything, g._sha(g.register), heads, home, corrections),
            CORRECTIONS: _sha(g.everything, heads, rows)}
    if g.events is not None:
        keys[EVENTS] = _sha(g.everything, g._sha(g.register), sorted(named.items()))
    g.mention_pages = {}
    for ref in g.entity_ids:
        if ref in acc and max(g.reg_totals[ref]) > cap:
            name = mentions_page(ref)
            g.mention_pages[name] = ref
            keys[name] = _sha(g.everything, g.reg_head, g.reg_entries.get(ref), acc[ref][2])
    g.records_cache = {"state": state, "keys": keys, "mention_pages": g.mention_pages, "reg_first": g.reg_first,
                       "reg_totals": g.reg_totals, "corrections": g.corrections}
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


def make(g: SiteGraph, keys: list[str]) -> dict[str, tuple[dict[str, str | bytes], list[Any]]]:
    """The pages of `keys` (those of this module's table): key → (file → content, [(file, messages)])."""
    from .incremental import REGISTER_HREF, _common, _xdm
    from .publish import records
    from .publish.html import TIMELINE_PAGE, _corpus, multi_pages, render_multi_page, timeline_document
    from .publish.inputs import load_tei
    from .publish.records import (CORRECTIONS_PAGE, EVENTS_PAGE, HOME_PAGE, REGISTER_PAGES, Item, corrections_records,
                                  events_records, gather, home_records, records_xml)
    from .publish.saxon import Transformer, xdm_document

    out: dict[str, tuple[dict[str, str | bytes], list[Any]]] = {}
    if not keys:
        return out
    site_xsl = Transformer.get(g.xslt_root / "html" / "site.xsl")
    common = _common(g.shared)
    reg_tree = _xdm(g.shared.register)[0]
    register_href = REGISTER_HREF if g.register else ""
    order = [p.name for p in g.paths]

    def pages(key: str, made: list[tuple[str, str, str]], corpus: Any, params: dict[str, Any], recs: Any = None) -> None:
        """The pages `made` of `key`; with `recs` (their $records, parsed once for them all) from records."""
        files: dict[str, str | bytes] = {}
        messages: list[Any] = []
        for page in made:
            if recs is not None:
                html, msgs = records.render(site_xsl, params, corpus, recs, page)
            else:
                html, msgs = render_multi_page(site_xsl, params, corpus, page)
            files[page[2]] = html
            messages.append((page[2], msgs))
        out[key] = (files, messages)

    if TIMELINE in keys:
        texts = _texts(g, heads=False)
        params = dict(common)
        copies = [g.extracts[p.name].corpus_path(g.cache_dir) for p in g.paths]
        params["timeline"] = timeline_document(g.timeline_xsl, copies, texts[0].data.decode("utf-8"), params)
        pages(TIMELINE, [TIMELINE_PAGE], xdm_document(_corpus(texts, reg_tree, register_href)), params)
    rest = [k for k in keys if k != TIMELINE]
    if not rest:
        return out
    # the register pages and the pages of mentions read the register alone: the texts' headers only for the others
    heads = any(k in (MULTI, HOME, CORRECTIONS, EVENTS) for k in rest)
    corpus = xdm_document(_corpus(_texts(g, heads=True) if heads else [], reg_tree, register_href))
    if MULTI in keys:
        params = dict(common)
        if g.odd is not None:
            params["odd"] = xdm_document(load_tei(g.odd).tree)
        pages(MULTI, multi_pages(timeline=False), corpus, params)
        if g.register:
            from .xmlio import read_xml_bytes

            out[MULTI][0][REGISTER_HREF] = read_xml_bytes(g.register)
    if REGISTER in keys:
        by_file: dict[str, list[Item]] = defaultdict(list)
        for ref, files in g.reg_first.items():
            for file, items in g.store.items(ref, files).items():
                by_file[file] += items
        gathered = gather([by_file[f] for f in order if f in by_file], cap=records.MENTION_CAP, kinds="ms")
        for ref, got in gathered.items():  # the counts over every text, not only those listed
            got.counts["m"], got.counts["s"] = g.reg_totals[ref]
        pages(REGISTER, list(REGISTER_PAGES), corpus, common, xdm_document(records_xml(gathered)))
    if HOME in keys:
        items = g.store.of_kind("h")
        pages(HOME, [HOME_PAGE], corpus, common, home_records([(f, items.get(f, [])) for f in order], g.corrections))
    if CORRECTIONS in keys:
        items = g.store.of_kind("c")
        pages(CORRECTIONS, [CORRECTIONS_PAGE], corpus, common, corrections_records([(f, items.get(f, [])) for f in order]))
    if EVENTS in keys:
        items = g.store.of_kind("e")
        pages(EVENTS, [EVENTS_PAGE], corpus, common, events_records([items.get(f, []) for f in order]))
    for key in keys:
        if key in g.mention_pages:
            ref = g.mention_pages[key]
            items = g.store.items(ref)
            gathered = gather([items[f] for f in order if f in items], cap=None, only={ref}, kinds="ms")
            html, msgs = records.render(site_xsl, common, corpus, records_xml(gathered), ("register", "mentions", key), ref)
            out[key] = ({key: html}, [(key, msgs)])
    return out
