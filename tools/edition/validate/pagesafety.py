"""Rules that keep the published page sound whatever the TEI holds: ids and bidi controls.

* id-reserved: the HTML pages put TEI ids on their elements as they are, beside ids of their
  own (`main`, `view-diplomatic`, the register cards `card-ID`, …). A TEI or register id equal
  to one of those, or starting with a prefix the pages generate ids with, would make two
  elements share an id: a spoofed `<p xml:id="card-enver-hoxha">` would then show in place of
  that person's card. Such ids are refused (in texts and the register alike).
* bidi-control: the explicit directional embedding, override and isolate characters
  (U+202A–U+202E, U+2066–U+2069) reorder whatever follows them, in the reading page as in a
  terminal (the "Trojan Source" trick); the edition needs none of them, so each is flagged
  with its code point (a warning: the page isolates names anyway).

edition.pageids lists the ids xslt/html and its script use; tests/test_robust_spoofing.py
checks the stylesheets against them, so a new page id cannot be forgotten here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..pageids import reserved
from ..xmlio import XML_ID
from .diagnostics import WARNING, quote
from .documents import Document
from .registry import Context, Finding, rule

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@rule("id-reserved")
def id_reserved(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in doc.root.iter():
        xid = el.get(XML_ID) if isinstance(el.tag, str) else None
        why = reserved(xid) if xid else None
        if why:
            yield (el, XML_ID, f"xml:id {quote(xid)} {why} (it would clash with the page's own element there); "
                   "choose another id")


def _controls(value: str) -> str:
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in BIDI_CONTROLS.findall(value)}))


@rule("bidi-control", WARNING)
def bidi_control(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        for att, value in el.attrib.items():
            if BIDI_CONTROLS.search(value):
                yield el, att, f"attribute value holds the bidirectional control character(s) {_controls(value)}"
        for text in (el.text, *(c.tail for c in el)):
            if text and BIDI_CONTROLS.search(text):
                yield (el, None, f"<{el.tag.rsplit('}', 1)[-1]}> holds the bidirectional control character(s) "
                       f"{_controls(text)}, which reorder the text after them; remove them (or use markup)")
