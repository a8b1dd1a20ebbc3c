"""Collate a quotation with its source, word by word: what the quoting text changed.

Words are compared case-insensitively and without punctuation (changed punctuation is not
a difference). Each difference is classified:

* `omission`: source words left out where the quotation marks the cut with an ellipsis;
* `silent-omission`: source words left out without an ellipsis;
* `interpolation`: words in square brackets that the source does not have;
* `bracketed-substitution`: words in square brackets standing for different source words;
* `addition`: unbracketed words the source does not have;
* `variant`: changed words.

Readings are quoted as they stand: the quotation's from its own text (ellipsis and
brackets included), the source's from the source paragraph (punctuation included).

Each difference also says where its quoted reading stands: `block`/`start` and `end_block`/`end`
are offsets in the block readings (tokens.reading) of its first and past its last character
(the "..." of an omission, the brackets of an interpolation, the changed words); a silent
omission is a point (start == end, right after the last word before the gap). The writer
turns them into anchors in the quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .detect import Unit
from .tokens import Word

MAX_SOURCE_WORDS = 60  # longer omitted passages are abbreviated in the apparatus
KEEP_HEAD, KEEP_TAIL = 25, 10


@dataclass(frozen=True)
class Difference:
    kind: str
    quoted: str          # the quotation's reading ("" when it has nothing there)
    source: str          # the source's reading ("" when it has nothing there)
    source_words: int    # how many source words `source` stands for
    source_blocks: tuple[str, ...]
    block: str = ""      # where the quoted reading starts: block id and offset in its reading
    start: int = 0
    end_block: str = ""  # where it ends (offset past its last character; a point: == block/start)
    end: int = 0

    @property
    def is_point(self) -> bool:
        return self.block == self.end_block and self.start == self.end


def unit_words(a: list[Word], unit: Unit) -> tuple[int, int]:
    """Index range in A of the unit's words (a quotation: all its words)."""
    if unit.kind == "quote":
        idx = [i for i, w in enumerate(a) if w.quote == unit.id]
        return idx[0], idx[-1] + 1
    return unit.pieces[0].a_start, max(p.a_end for p in unit.pieces)


def _slice(words: list[Word], texts: dict[str, str], lo: int, hi: int) -> str:
    """The reading from word lo to word hi-1 (across paragraphs: joined with ' ¶ ')."""
    if lo >= hi:
        return ""
    parts, i = [], lo
    while i < hi:
        j = i
        while j + 1 < hi and words[j + 1].block == words[i].block:
            j += 1
        parts.append(texts[words[i].block][words[i].start:words[j].end])
        i = j + 1
    return " ¶ ".join(re.sub(r"\s+", " ", p) for p in parts)


Span = tuple[str, int, str, int]  # (block, start, end block, end) in the block readings


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`/`end` moved inward past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _where(a: list[Word], texts: dict[str, str], lo: int, hi: int, next_i: int | None) -> Span | None:
    """Where A's reading of words lo..hi-1 stands, with any bracket around them; an empty range
    gives the ellipsis between the neighbours, or (no ellipsis) the point after the word before."""
    if lo < hi:
        first, last = a[lo], a[hi - 1]
        text = texts[first.block]
        start = first.start
        while start > 0 and text[start - 1] in "[ " and "[" in text[max(0, start - 2):first.start]:
            start -= 1
        end_text = texts[last.block]
        end = last.end
        if last.bracket:
            close = end_text.find("]", end)
            if close >= 0:
                end = close + 1
        if first.block == last.block:
            start, end = _trim(text, start, end)
        else:
            start = _trim(text, start, len(text))[0]
            end = _trim(end_text, 0, end)[1]
        return first.block, start, last.block, end
    if next_i is not None and lo > 0:
        before, after = a[lo - 1], a[next_i]
        if after.ellipsis_before:
            text = texts[after.block]
            origin = before.end if before.block == after.block else 0
            m = re.search(r"\.\.\.|…", text[origin:after.start])
            if m:
                return after.block, origin + m.start(), after.block, origin + m.end()
        return before.block, before.end, before.block, before.end
    return None


def _quoted(texts: dict[str, str], span: Span | None) -> str:
    """The reading at `span` (white space collapsed; across paragraphs joined with ' ¶ ')."""
    if span is None:
        return ""
    block, start, end_block, end = span
    if block == end_block:
        return re.sub(r"\s+", " ", texts[block][start:end])
    return " ¶ ".join(re.sub(r"\s+", " ", p) for p in (texts[block][start:], texts[end_block][:end]))


def _kind(tag: str, qwords: list[Word], ellipsis: bool) -> str:
    """Opcodes are difflib's from the quotation (a) to the source (b): "insert" = source words the
    quotation lacks, "delete" = quotation words the source lacks."""
    if tag == "insert":
        return "omission" if ellipsis else "silent-omission"
    bracketed = all(w.bracket for w in qwords)
    if tag == "delete":
        return "interpolation" if bracketed else "addition"
    return "bracketed-substitution" if bracketed else "variant"


def _abbreviate(b: list[Word], texts: dict[str, str], lo: int, hi: int) -> str:
    if hi - lo <= MAX_SOURCE_WORDS:
        return _slice(b, texts, lo, hi)
    return f"{_slice(b, texts, lo, lo + KEEP_HEAD)} […{hi - lo - KEEP_HEAD - KEEP_TAIL} words…] {_slice(b, texts, hi - KEEP_TAIL, hi)}"


def collate(a: list[Word], b: list[Word], a_texts: dict[str, str], b_texts: dict[str, str],
            unit: Unit) -> list[Difference]:
    """The differences between the unit's words in A and the source passage in B."""
    a0, a1 = unit_words(a, unit)
    first, last = unit.pieces[0].a_start, max(p.a_end for p in unit.pieces)
    # unmatched words at the quotation's edges are compared with as many source words around the
    # passage, unless they are bracketed (an interpolation stands for an unknown stretch of source)
    head = 0 if any(w.bracket for w in a[a0:first]) else first - a0
    tail = 0 if any(w.bracket for w in a[last:a1]) else a1 - last
    b0 = max(0, min(p.b_start for p in unit.pieces) - head)
    b1 = min(len(b), max(p.b_end for p in unit.pieces) + tail)
    sm = SequenceMatcher(None, [w.norm for w in a[a0:a1]], [w.norm for w in b[b0:b1]], autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    codes = sm.get_opcodes()
    if codes and codes[0][0] == "insert":  # source words before the quotation begins
        ops = [op for op in ops if op != codes[0]]
    if codes and codes[-1][0] == "insert":  # … and after it ends
        ops = [op for op in ops if op != codes[-1]]
    diffs = []
    for tag, i1, i2, j1, j2 in ops:
        lo, hi = a0 + i1, a0 + i2
        nxt = hi if hi < a1 else None
        ellipsis = tag == "insert" and nxt is not None and a[nxt].ellipsis_before
        span = _where(a, a_texts, lo, hi, nxt)
        kind = _kind(tag, a[lo:hi], ellipsis)
        if kind == "silent-omission" and span is not None:  # a point: no quoted reading
            span = (span[0], span[1], span[0], span[1])
        quoted = "" if kind == "silent-omission" else _quoted(a_texts, span)
        blocks = tuple(dict.fromkeys(w.block for w in b[b0 + j1:b0 + j2]))
        where = span or ("", 0, "", 0)
        diffs.append(Difference(kind, quoted, _abbreviate(b, b_texts, b0 + j1, b0 + j2), j2 - j1, blocks,
                                *where))
    return diffs
