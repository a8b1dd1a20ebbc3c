"""The ids the published HTML pages use for themselves, which TEI ids must not take.

The reading pages carry TEI ids as they are (so that `page.html#sas-q51` works) beside ids of
their own: fixed ones (`main`, `view-diplomatic`, …) and ones made from a TEI id or a number
with a prefix (`card-ID` for a register card, `h-ID`, `ref-ID`, …). A TEI id equal to one of
them would give two elements one id. `edition validate` (rule id-reserved) and `edition html`
refuse such ids; tests/test_robust_spoofing.py checks the stylesheets and script against these
lists, so a new page id cannot be forgotten here.
"""

from __future__ import annotations

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
