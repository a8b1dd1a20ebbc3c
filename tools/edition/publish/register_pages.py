"""The register pages (persons, places, organisations, the register index, and an entry's page of all its
mentions) from per-text records, never from the texts themselves.

Each text's *records* are the list items the register shows for it: one per mention and register id
(site:m) and one per attributed said and speaker (site:s), made by the site stylesheet's entry `records`
from a site corpus holding that text alone (`text_records`), so a text's items depend on that text and
its page name only, and are made once per version of it (the per-document build caches them:
`edition.records`). `gather` joins the texts' items per register id, in the texts' order, with their
counts; the register pages read those (`$records`), each entry listing its first `MENTION_CAP` mentions
and sayings, and an entry with more gets a page of its own listing them all (`mentions-ID.html`). So a
register page costs what it shows, whatever the number of texts, and an edit redoes only the pages
whose items it changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import quoteattr

from lxml import etree

from ..xmlio import parse_bytes

SITE_NS = "urn:x-edition:site"
MENTION_CAP = 50  # items an entry lists on its register page (xslt/common/params.xsl $mention-cap)
PAGES: tuple[tuple[str, str, str], ...] = (
    # (entry stylesheet, $page, output file)
    ("register", "index", "register.html"),
    ("register", "persons", "persons.html"),
    ("register", "places", "places.html"),
    ("register", "orgs", "organisations.html"),
)
MENTIONS_PREFIX = "mentions-"  # an entry's page of mentions: mentions-ID.html
_ENTITIES = ("person", "personGrp", "place", "org")

Item = tuple[str, str, str]  # (kind "m" | "s", register id, the list item as XML)


def mentions_page(entry_id: str) -> str:
    return f"{MENTIONS_PREFIX}{entry_id}.html"


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
        kind = etree.QName(e).localname
        inner = "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in e)
        out.append((kind, e.get("ref") or "", (e.text or "") + inner))
    return out


@dataclass
class Gathered:
    """A register id's items over the texts (the first `cap` of each kind, or all) and their counts."""

    mentions: int = 0
    sayings: int = 0
    items: dict[str, list[str]] = field(default_factory=lambda: {"m": [], "s": []})


def gather(per_text: Iterable[list[Item]], *, cap: int | None, only: set[str] | None = None) -> dict[str, Gathered]:
    """Join the texts' items (in the texts' order) per register id (of `only`, when given), the first `cap`
    of each kind (None: all)."""
    out: dict[str, Gathered] = {}
    for items in per_text:
        for kind, ref, xml in items:
            if only is not None and ref not in only:
                continue
            g = out.setdefault(ref, Gathered())
            if kind == "m":
                g.mentions += 1
            else:
                g.sayings += 1
            if cap is None or len(g.items[kind]) < cap:
                g.items[kind].append(xml)
    return out


def records_xml(gathered: dict[str, Gathered]) -> str:
    """The $records document of the register pages."""
    parts = [f'<site:records xmlns:site="{SITE_NS}">']
    for ref in sorted(gathered):
        g = gathered[ref]
        parts.append(f'<site:entry ref={quoteattr(ref)} mentions="{g.mentions}" sayings="{g.sayings}">')
        parts += [f"<site:m>{x}</site:m>" for x in g.items["m"]]
        parts += [f"<site:s>{x}</site:s>" for x in g.items["s"]]
        parts.append("</site:entry>")
    parts.append("</site:records>")
    return "".join(parts)


def entity_ids(register: etree._ElementTree | None) -> list[str]:
    """The ids of the register's entries (the register pages' entries), in document order."""
    if register is None:
        return []
    ns = "{http://www.tei-c.org/ns/1.0}"
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    return [e.get(xml_id) for e in register.getroot().iter(*(ns + n for n in _ENTITIES)) if e.get(xml_id)]


def over_cap(gathered: dict[str, Gathered], ids: Iterable[str]) -> list[str]:
    """The register entries that get a page of all their mentions (more mentions or sayings than MENTION_CAP)."""
    return [i for i in ids if i in gathered and max(gathered[i].mentions, gathered[i].sayings) > MENTION_CAP]


def render(site_xsl: Any, common: dict[str, Any], corpus: Any, gathered: dict[str, Gathered], page: tuple[str, str, str],
           entity: str = "") -> tuple[str, list[str]]:
    """One register page (`corpus`: a site corpus holding the register, as a Saxon document)."""
    from .html import render_multi_page
    from .saxon import xdm_document

    params = dict(common, records=xdm_document(records_xml(gathered)), **{"mention-cap": MENTION_CAP, "entity": entity})
    return render_multi_page(site_xsl, params, corpus, page)


def render_all(site_xsl: Any, common: dict[str, Any], corpus: Any, register: etree._ElementTree | None,
               per_text: list[list[Item]]) -> list[tuple[str, str, list[str]]]:
    """Every register page of a site: (file, HTML, messages)."""
    capped = gather(per_text, cap=MENTION_CAP)
    out = [(page[2], *render(site_xsl, common, corpus, capped, page)) for page in PAGES]
    full: dict[str, Gathered] | None = None
    for entry_id in over_cap(capped, entity_ids(register)):
        if full is None:
            full = gather(per_text, cap=None)
        name = mentions_page(entry_id)
        out.append((name, *render(site_xsl, common, corpus, {entry_id: full[entry_id]},
                                  ("register", "mentions", name), entry_id)))
    return out
