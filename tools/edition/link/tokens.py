"""Words of a TEI text, in reading order, with where each word stands.

The reading is the edited one (`corr`/`reg` rather than `sic`/`orig`); notes (authorial and
editorial) are left out, since neither text quotes the other's footnotes. Each word knows its
block (the `p` with an xml:id it stands in), the outermost `quote` around it (if any), whether
it stands inside square brackets (an editor's interpolation in a quotation) and whether an
ellipsis ("..." or "…") precedes it since the previous word.

Empty elements (milestone, the anchors `edition link` puts around the collation's differences)
add nothing to the reading, so offsets are the same with or without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..xmlio import TEI_NS, XML_ID

SKIPPED = {"note", "sic", "orig"}
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\.\.\.|…|\[|\]")


@dataclass(frozen=True)
class Word:
    """One word of a block. `norm` is what alignment compares (lower case, plain apostrophe)."""

    norm: str
    text: str
    block: str
    quote: str | None
    bracket: bool
    ellipsis_before: bool
    start: int  # offsets of the word in its block's reading (see `reading`)
    end: int


def normalise(word: str) -> str:
    return word.lower().replace("’", "'")


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _segments(el: etree._Element, quote: str | None, out: list[tuple[str, str | None]]) -> None:
    """Append (text, outermost quote id) pieces of `el`'s reading to `out`."""
    if el.text:
        out.append((el.text, quote))
    for child in el:
        local = _local(child)
        if local and local not in SKIPPED:
            inner = quote or (child.get(XML_ID) if local == "quote" else None)
            _segments(child, inner, out)
        if child.tail:
            out.append((child.tail, quote))


def _pieces(block: etree._Element) -> list[tuple[str, str | None]]:
    pieces: list[tuple[str, str | None]] = []
    _segments(block, None, pieces)
    return pieces


def reading(block: etree._Element) -> str:
    """The block's reading text (what `Word.start`/`Word.end` index)."""
    return "".join(p for p, _ in _pieces(block))


def block_words(block: etree._Element) -> list[Word]:
    """The words of one block, with brackets and ellipses folded into flags."""
    bid = block.get(XML_ID) or ""
    owners: list[tuple[int, str | None]] = []  # (start offset, quote id) per piece
    pos = 0
    pieces = _pieces(block)
    for piece, quote in pieces:
        owners.append((pos, quote))
        pos += len(piece)
    text = "".join(p for p, _ in pieces)
    words: list[Word] = []
    depth, ellipsis, k = 0, False, 0
    for m in WORD.finditer(text):
        tok = m.group()
        while k + 1 < len(owners) and owners[k + 1][0] <= m.start():
            k += 1
        if tok == "[":
            depth += 1
        elif tok == "]":
            depth = max(0, depth - 1)
        elif tok in ("...", "…"):
            ellipsis = True
        else:
            words.append(Word(normalise(tok), tok, bid, owners[k][1] if owners else None, depth > 0, ellipsis,
                              m.start(), m.end()))
            ellipsis = False
    return words


def blocks(root: etree._Element) -> list[etree._Element]:
    """The addressable blocks of a text: every `p` with an xml:id inside `text`, in document order."""
    return [p for p in root.iterfind(f".//{{{TEI_NS}}}text//{{{TEI_NS}}}p") if p.get(XML_ID)]


def text_words(root: etree._Element) -> list[Word]:
    """Every word of the text's blocks, in reading order."""
    return [w for b in blocks(root) for w in block_words(b)]

