"""Pages over all texts made from per-text records, never from the texts themselves: the register pages
(persons, places, organisations, the register index, an entry's page of all its mentions), the home page's
list of texts, the list of corrections and the events page.

Each text's *records* are the items those pages show for it, made by the site stylesheet's entry `records`
from a site corpus holding that text alone (`text_records`; xslt/html/modules/records.xsl, mode
h:records), so a text's items depend on that text (and its names in the site) only, and are made once per
version of it (the per-document build keeps them: `edition.recordstore`). The kinds of item:

* `m` a mention, `s` an attributed said, listed under a register id (their `ref`);
* `e` a paragraph naming an event of the register of events, under the event's id;
* `h` the text's item in the home page's list; `c` a row of the list of corrections.

`gather` joins the texts' `m`, `s` and `e` items per id, in the texts' order, with their counts; `records_xml`
writes what a page reads as `$records`. A register entry lists its first `MENTION_CAP` mentions and
sayings, and an entry with more gets pages of its own listing them all (`mentions-ID.html`), in parts when
they stand in more than one chunk of `MENTION_PART_TEXTS` texts (`mention_parts`: `mentions-ID~2.html` …, each
those of one chunk, linked to the others). So each page costs what it shows, whatever the number of texts,
and an edit redoes only the pages whose items it changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from html import escape

from lxml import etree

from ..xmlio import parse_bytes
from .inputs import SITE_NS

MENTION_CAP = 50  # items an entry lists on its register page (xslt/common/params.xsl $mention-cap)
REGISTER_PAGES: tuple[tuple[str, str, str], ...] = (
    # (entry stylesheet, $page, output file)
    ("register", "index", "register.html"),
    ("register", "persons", "persons.html"),
    ("register", "places", "places.html"),
    ("register", "orgs", "organisations.html"),
)
HOME_PAGE = ("home", "home", "index.html")
CORRECTIONS_PAGE = ("corrections", "", "corrections.html")
EVENTS_PAGE = ("register", "events", "events.html")  # when the edition has a register of events
MENTIONS_PREFIX = "mentions-"  # an entry's page of mentions: mentions-ID.html (its later parts mentions-ID~2.html …)
MENTION_PART_TEXTS = 100  # an entry's pages of mentions list those of this many texts (in the edition's order) each
_ENTITIES = ("person", "personGrp", "place", "org")

Item = tuple[str, str, str]  # (kind, id it is listed under ("" for h and c), the item as XML)


def quoteattr(value: str) -> str:
    """`value` as an XML attribute value in double quotes, escaped (as xml.sax.saxutils.quoteattr, without that
    module's import of urllib.request and http.client at every command's start)."""
    return f'"{escape(value, quote=True)}"'


def mentions_page(entry_id: str, part: int = 1) -> str:
    """The page of an entry's mentions (its `part`-th, when they come in parts; "~" is in no XML id)."""
    return f"{MENTIONS_PREFIX}{entry_id}.html" if part == 1 else f"{MENTIONS_PREFIX}{entry_id}~{part}.html"


@dataclass(frozen=True)
class Part:
    """One page of an entry's mentions: those in the texts of `chunk` (the edition's texts
    chunk × MENTION_PART_TEXTS + 1 … (chunk + 1) × MENTION_PART_TEXTS), numbered from `first_m` and `first_s`."""

    name: str
    chunk: int
    label: str
    first_m: int
    first_s: int


def mention_parts(entry_id: str, chunks: list[tuple[int, int, int]], n_texts: int) -> list[Part]:
    """The pages of an entry's mentions, from the chunks of texts that hold its items: (chunk, mentions,
    sayings), in order. One page, as before, when they all stand in one chunk (every edition of up to
    MENTION_PART_TEXTS texts): a page per chunk costs what it shows, however many texts the edition has."""
    out: list[Part] = []
    m = s = 1
    size = MENTION_PART_TEXTS
    for i, (chunk, n_m, n_s) in enumerate(chunks, 1):
        label = f"texts {chunk * size + 1}–{min((chunk + 1) * size, n_texts)}"
        out.append(Part(mentions_page(entry_id, i), chunk, label, m, s))
        m, s = m + n_m, s + n_s
    return out


def text_records(site_xsl: Any, common: dict[str, Any], corpus: str, source_name: str) -> bytes:
    """One text's records: `corpus` is a site corpus (publish.html._corpus) holding that text alone."""
    from .saxon import xdm_document

    result = site_xsl.run(xdm_document(corpus), params=dict(common, entry="records"), source_name=source_name)
    docs = list(result.strings.values())
    if len(docs) != 1:
        raise AssertionError(f"{source_name}: the records entry wrote {len(docs)} documents")
    return docs[0].encode("utf-8")


def parse_items(data: bytes) -> list[Item]:
    """The items of a text's records, in order."""
    root = parse_bytes(data, "records").getroot()
    out: list[Item] = []
    for e in root:
        inner = "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in e)
        out.append((etree.QName(e).localname, e.get("ref") or "", (e.text or "") + inner))
    return out


@dataclass
class Gathered:
    """An id's items over the texts (the first `cap` of each kind, or all) and how many there are."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    items: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def gather(per_text: Iterable[list[Item]], *, cap: int | None, only: set[str] | None = None,
           kinds: str = "mse") -> dict[str, Gathered]:
    """Join the texts' items of `kinds` (in the texts' order) per id (of `only`, when given), the first `cap`
    of each kind (None: all)."""
    out: dict[str, Gathered] = {}
    for items in per_text:
        for kind, ref, xml in items:
            if kind not in kinds or (only is not None and ref not in only):
                continue
            g = out.setdefault(ref, Gathered())
            g.counts[kind] += 1
            if cap is None or len(g.items[kind]) < cap:
                g.items[kind].append(xml)
    return out


def records_xml(gathered: dict[str, Gathered] | None = None, *, texts: Iterable[tuple[str, list[Item]]] = (),
                corrections: int = 0, part: tuple[Part, list[Part]] | None = None) -> str:
    """The $records document a page reads: the gathered ids (site:entry for the register's mentions and
    sayings, site:event for an event's paragraphs), and per text (file name, items) its home item (site:h)
    and its rows of corrections (site:rows). `part`: a page of mentions that is one of several (this one, all
    of them): its texts, the numbers of its first items and the pages of the others (site:part)."""
    gathered = gathered or {}
    parts = [f'<site:records xmlns:site="{SITE_NS}" corrections="{corrections}">']
    for ref in sorted(gathered):
        g = gathered[ref]
        if g.counts["m"] or g.counts["s"]:
            attrs, nav = "", ""
            if part is not None and len(part[1]) > 1:
                here, every = part
                attrs = f' part={quoteattr(here.label)} first-m="{here.first_m}" first-s="{here.first_s}"'
                nav = "".join(f'<site:part href={quoteattr(p.name)} label={quoteattr(p.label)}'
                              + (' current="yes"/>' if p == here else "/>") for p in every)
            parts.append(f'<site:entry ref={quoteattr(ref)} mentions="{g.counts["m"]}" sayings="{g.counts["s"]}"{attrs}>'
                         + nav)
            parts += [f"<site:m>{x}</site:m>" for x in g.items["m"]]
            parts += [f"<site:s>{x}</site:s>" for x in g.items["s"]]
            parts.append("</site:entry>")
    for ref in sorted(gathered):
        if gathered[ref].counts["e"]:
            parts.append(f"<site:event ref={quoteattr(ref)}>")
            parts += [f"<site:e>{x}</site:e>" for x in gathered[ref].items["e"]]
            parts.append("</site:event>")
    rows = []
    for file, items in texts:
        parts += [f"<site:h>{x}</site:h>" for kind, _, x in items if kind == "h"]
        mine = [f"<site:c>{x}</site:c>" for kind, _, x in items if kind == "c"]
        if mine:
            rows += [f"<site:rows file={quoteattr(file)}>", *mine, "</site:rows>"]
    parts += rows
    parts.append("</site:records>")
    return "".join(parts)


def home_records(texts: Iterable[tuple[str, list[Item]]], corrections: int) -> str:
    """The home page's $records: each text's item in the list (in the texts' order), and the number of corrections."""
    return records_xml(texts=[(f, [i for i in items if i[0] == "h"]) for f, items in texts], corrections=corrections)


def corrections_records(texts: Iterable[tuple[str, list[Item]]]) -> str:
    """The list of corrections' $records: each text's rows."""
    return records_xml(texts=[(f, [i for i in items if i[0] == "c"]) for f, items in texts])


def events_records(per_text: Iterable[list[Item]]) -> str:
    """The events page's $records: each event's paragraphs, in the texts' order."""
    return records_xml(gather(per_text, cap=None, kinds="e"))


def entity_kinds(register: etree._ElementTree | None) -> dict[str, str]:
    """The register's entries (the register pages' entries), in document order: id → kind as f:entity-kind
    gives it (person, place, org: the page listing it)."""
    if register is None:
        return {}
    ns = "{http://www.tei-c.org/ns/1.0}"
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    kind = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
    return {e.get(xml_id): kind[etree.QName(e).localname] for e in register.getroot().iter(*(ns + n for n in _ENTITIES))
            if e.get(xml_id)}


def entity_ids(register: etree._ElementTree | None) -> list[str]:
    """The ids of the register's entries, in document order."""
    return list(entity_kinds(register))


def over_cap(gathered: dict[str, Gathered], ids: Iterable[str]) -> list[str]:
    """The register entries that get a page of all their mentions (more mentions or sayings than MENTION_CAP)."""
    return [i for i in ids if i in gathered and max(gathered[i].counts["m"], gathered[i].counts["s"]) > MENTION_CAP]


def render(site_xsl: Any, common: dict[str, Any], corpus: Any, records: Any, page: tuple[str, str, str],
           entity: str = "") -> tuple[str, list[str]]:
    """One page from its records (`corpus`: a site corpus as a Saxon document, with the register and the
    texts' headers at least; `records`: the $records text of `records_xml`, or that document parsed once by
    `saxon.xdm_document` for several pages)."""
    from .html import render_multi_page
    from .saxon import xdm_document

    recs = xdm_document(records) if isinstance(records, str) else records
    params = dict(common, records=recs, **{"mention-cap": MENTION_CAP, "entity": entity})
    return render_multi_page(site_xsl, params, corpus, page)


def render_part(site_xsl: Any, common: dict[str, Any], corpus: Any, entry_id: str, got: Gathered,
                totals: tuple[int, int], part: Part, every: list[Part]) -> tuple[str, list[str]]:
    """One page of an entry's mentions (`part` of `every`): `got`, its items in the part's texts, shown with the
    entry's `totals` (mentions, sayings) over all texts."""
    return render(site_xsl, common, corpus, part_records(entry_id, got, totals, part, every),
                  ("register", "mentions", part.name), entry_id)


def part_records(entry_id: str, got: Gathered, totals: tuple[int, int], part: Part, every: list[Part]) -> str:
    """The $records of one page of an entry's mentions (`render_part`): `got` with the entry's `totals`."""
    got.counts["m"], got.counts["s"] = totals
    return records_xml({entry_id: got}, part=(part, every))


def render_all(site_xsl: Any, common: dict[str, Any], corpus: Any, register: etree._ElementTree | None,
               texts: list[tuple[str, list[Item]]], *, events: bool) -> list[tuple[str, str, list[str]]]:
    """Every page made from records, for a whole site: (file, HTML, messages)."""
    from .saxon import xdm_document

    per_text = [items for _, items in texts]
    capped = gather(per_text, cap=MENTION_CAP, kinds="ms")
    register_doc = xdm_document(records_xml(capped))  # parsed once for the four register pages
    out = [(page[2], *render(site_xsl, common, corpus, register_doc, page)) for page in REGISTER_PAGES]
    over = over_cap(capped, entity_ids(register))
    size, n = MENTION_PART_TEXTS, len(per_text)
    chunks = [gather(per_text[k:k + size], cap=None, only=set(over), kinds="ms") for k in range(0, n, size)] if over else []
    for entry_id in over:
        present = [(k, got[entry_id]) for k, got in enumerate(chunks) if entry_id in got]
        every = mention_parts(entry_id, [(k, g.counts["m"], g.counts["s"]) for k, g in present], n)
        totals = (capped[entry_id].counts["m"], capped[entry_id].counts["s"])
        for part, (_, got) in zip(every, present):
            out.append((part.name, *render_part(site_xsl, common, corpus, entry_id, got, totals, part, every)))
    corrections = sum(kind == "c" for items in per_text for kind, _, _ in items)
    out.append((HOME_PAGE[2], *render(site_xsl, common, corpus, home_records(texts, corrections), HOME_PAGE)))
    out.append((CORRECTIONS_PAGE[2], *render(site_xsl, common, corpus, corrections_records(texts), CORRECTIONS_PAGE)))
    if events:
        out.append((EVENTS_PAGE[2], *render(site_xsl, common, corpus, events_records(per_text), EVENTS_PAGE)))
    return out
