"""The ids the published HTML pages use for themselves, which TEI ids must not take.

The reading pages carry TEI ids as they are (so that `page.html#sas-q51` works) beside ids of
their own: fixed ones (`main`, `view-diplomatic`, …) and ones made from a TEI id or a number
with a prefix (`card-ID` for a register card, `h-ID`, `ref-ID`, …). A TEI id equal to one of
them would give two elements one id. `edition validate` (rule id-reserved) and so `edition build` refuse
such ids in the edition's own TEI; `edition html FILE`, given other projects' TEI, publishes them under
another id (`rename_reserved`: tei.ID, with every pointer to it) and warns, or refuses them with --strict.
tests/test_robust_spoofing.py checks the stylesheets and script against these lists, so a new page id
cannot be forgotten here.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from lxml import etree

from .errors import EditionError

PAGE_IDS = frozenset({
    "main", "view-diplomatic", "view-corrected", "texts-h", "project-h", "odd-h", "more-h", "intro-h",
    "search-status", "search-results", "search-noscript", "search-input", "search-filters",
    "hl-place", "hl-person", "hl-org", "hl-foreign", "hl-date", "hl-choice",
    "entry-nav-h", "reading-options", "speaker-select", "timeline-events-h", "timeline-list-h",
})
# Prefixes of the ids the pages generate from TEI ids or numbers (card-ID, h-ID, ref-ID, …).
PAGE_ID_PREFIXES = ("card-", "hl-", "view-", "search-", "toc-heading-", "notes-heading-", "notes-editorial-",
                    "notes-authorial-", "ref-", "enc-", "corr-", "h-", "text-", "reading-", "dates-")


def _quote(value: str) -> str:
    return '"' + "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in value[:80]) + '"'


def reserved(xml_id: str) -> str | None:
    """Why `xml_id` cannot be used on the published pages, or None."""
    if xml_id in PAGE_IDS:
        return "is an id of the published page itself"
    prefix = next((p for p in PAGE_ID_PREFIXES if xml_id.startswith(p)), None)
    if prefix:
        return f"starts with {_quote(prefix)}, a prefix the published pages make their own ids with"
    return None


def refuse_reserved(tree: etree._ElementTree, name: str) -> None:
    """Raise EditionError at the first element whose xml:id the pages reserve."""
    for el in tree.getroot().iter():
        xid = el.get("{http://www.w3.org/XML/1998/namespace}id") if isinstance(el.tag, str) else None
        why = reserved(xid) if xid else None
        if why:
            raise EditionError(f"{name}:{el.sourceline or 0}: xml:id {_quote(xid)} {why}; it would clash with the "
                               "page's own element (run `edition validate`, rule id-reserved), so nothing is published")


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


class Renamed(NamedTuple):
    """An xml:id the pages reserve, published under another (`rename_reserved`)."""

    name: str  # the document
    line: int
    old: str
    new: str
    why: str  # `reserved`'s reason

    def warning(self) -> str:
        return (f"{self.name}:{self.line}: xml:id {_quote(self.old)} {self.why}; published as {_quote(self.new)} "
                "(the pointers to it follow; `edition html --strict` refuses it instead)")

    def refusal(self) -> str:
        return f"{self.name}:{self.line}: xml:id {_quote(self.old)} {self.why}; it would clash with the page's own element"


def rename_reserved(docs: list[tuple[etree._ElementTree, str]]) -> list[list[Renamed]]:
    """Give each xml:id of these documents that the pages reserve a free id of the form tei.ID (tei2.ID, … when
    that is taken: no page id starts so), in place, and every pointer to it in any attribute of them (#ID, and
    FILE#ID from another of the documents) the new id. What was renamed, one list per document."""
    found: list[list[Renamed]] = []
    renames: dict[str, str] = {}  # old → new, over the documents (a text points at the register's ids by #ID)
    by_file: dict[tuple[str, str], str] = {}
    for tree, name in docs:
        taken = {xid for el in tree.iter() if isinstance(el.tag, str) and (xid := el.get(_XML_ID))}
        mine = []
        for el in tree.iter():
            xid = el.get(_XML_ID) if isinstance(el.tag, str) else None
            why = reserved(xid) if xid else None
            if not why or xid is None:
                continue
            n, new = 1, f"tei.{xid}"
            while new in taken:
                n += 1
                new = f"tei{n}.{xid}"
            taken.add(new)
            el.set(_XML_ID, new)
            renames.setdefault(xid, new)
            by_file[(Path(name).name, xid)] = new
            mine.append(Renamed(name, el.sourceline or 0, xid, new, why))
        found.append(mine)
    if renames:
        for tree, _name in docs:
            for el in tree.iter():
                if not isinstance(el.tag, str):
                    continue
                for attr, value in el.attrib.items():
                    if "#" in value and attr != _XML_ID:
                        tokens = value.split()
                        new_tokens = [_renamed(t, renames, by_file) for t in tokens]
                        if new_tokens != tokens:
                            el.set(attr, " ".join(new_tokens))
    return found


def _renamed(token: str, renames: dict[str, str], by_file: dict[tuple[str, str], str]) -> str:
    head, sep, frag = token.partition("#")
    if not sep:
        return token
    new = renames.get(frag) if not head else by_file.get((head.rsplit("/", 1)[-1], frag))
    return f"{head}#{new}" if new else token
