"""Collate a quotation with its source, word by word: what the quoting text changed.

Words are compared case-insensitively and without punctuation (changed punctuation is not
a difference). Each difference is classified:

* `omission`: source words left out where the quotation marks the cut with an ellipsis;
* `silent-omission`: source words left out without an ellipsis;
* `interpolation`: words in square brackets that the source does not have;
* `bracketed-substitution`: words in square brackets standing for different source words;
* `addition`: unbracketed words the source does not have;
* `variant`: changed words.

An editor's bracketed words never match a source word (they are compared as placeholders), and
each `[`…`]` group is one difference whose reading is the whole group with both brackets: a
bracketed-substitution when it faces source words, an interpolation when it faces none. A group
opening (closing) a quotation stands for the source's words before its first (after its last)
matched word, within that word's sentence — or its clause, from a ", who"/", which" — ("[we]
suspected" for "I, personally, and the other comrades … who knew about it, suspected").

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
RELATIVE = {"who", "which", "whom", "whose"}  # ", who …" opens a clause of its own


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
    """Where A's reading of words lo..hi-1 stands, with the brackets of a bracket group around them;
    an empty range gives the ellipsis between the neighbours, or (no ellipsis) the point after the
    word before (after its closing bracket when it ends a bracket group)."""
    if lo < hi:
        first, last = a[lo], a[hi - 1]
        text = texts[first.block]
        start = first.start
        if first.bracket:
            opening = text.rfind("[", 0, first.start)
            start = opening if opening >= 0 else start
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
        point = before.end
        if before.bracket:
            close = texts[before.block].find("]", point)
            point = close + 1 if close >= 0 else point
        return before.block, point, before.block, point
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


def bracket_groups(a: list[Word], texts: dict[str, str], lo: int, hi: int) -> list[int | None]:
    """For each word lo..hi-1: the number of the `[`…`]` group it stands in (None: unbracketed).
    Two bracketed words are one group unless a "]" (or a paragraph break) stands between them."""
    out: list[int | None] = []
    group = 0
    for i in range(lo, hi):
        w = a[i]
        if not w.bracket:
            out.append(None)
            continue
        prev = a[i - 1] if i > lo else None
        if not (prev is not None and prev.bracket and prev.block == w.block
                and "]" not in texts[w.block][prev.end:w.start]):
            group += 1
        out.append(group)
    return out


def compared(a: list[Word], lo: int, hi: int) -> list[str]:
    """What alignment compares of A's words lo..hi-1: bracketed words (an editor's) are unique
    placeholders that match no word of the source."""
    return [f"\0[{i}]" if a[i].bracket else a[i].norm for i in range(lo, hi)]


def _sentence_start(b: list[Word], texts: dict[str, str], k: int) -> bool:
    """Word k of B opens a sentence or a paragraph."""
    return k == 0 or b[k - 1].block != b[k].block or bool(re.search(r"[.!?]", texts[b[k].block][b[k - 1].end:b[k].start]))


def _sentence_before(b: list[Word], texts: dict[str, str], j: int) -> int:
    """The first word of B's sentence that word j stands in, or of its non-restrictive relative clause
    (", who …"): a bracket group opening a quotation at word j stands for B's words from there to j."""
    while not _sentence_start(b, texts, j):
        if b[j].norm in RELATIVE and "," in texts[b[j].block][b[j - 1].end:b[j].start]:
            break
        j -= 1
    return j


def _sentence_after(b: list[Word], texts: dict[str, str], j: int) -> int:
    """Past the last word of B's sentence that word j - 1 stands in: a bracket group closing a
    quotation after word j - 1 stands for B's words from j to there."""
    while j < len(b) and not _sentence_start(b, texts, j):
        j += 1
    return j


def _split(op: tuple[str, int, int, int, int], groups: list[int | None]) -> list[tuple[str, int, int, int, int]]:
    """One opcode per bracket group: a changed stretch of A mixing a bracket group with other words
    is cut so that the group is a difference of its own (its unbracketed neighbours are matched with
    as many source words at their end of the stretch; the group gets the source words between)."""
    tag, i1, i2, j1, j2 = op
    if i1 == i2:
        return [op]
    runs: list[list[int]] = []  # [start, end] of runs of one group (or of unbracketed words)
    for i in range(i1, i2):
        if runs and groups[i] == groups[runs[-1][0]]:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    if len(runs) == 1:
        return [op]
    first_g = next(k for k, r in enumerate(runs) if groups[r[0]] is not None)
    last_g = max(k for k, r in enumerate(runs) if groups[r[0]] is not None)
    lo, hi = j1, j2
    spans: dict[int, tuple[int, int]] = {}
    for k in range(first_g):  # unbracketed words before the first group
        n = min(runs[k][1] - runs[k][0], hi - lo)
        spans[k] = (lo, lo + n)
        lo += n
    for k in range(len(runs) - 1, last_g, -1):  # … after the last one
        n = min(runs[k][1] - runs[k][0], hi - lo)
        spans[k] = (hi - n, hi)
        hi -= n
    for k in range(first_g, last_g + 1):  # the first group gets what is left
        spans[k] = (lo, hi) if k == first_g else (hi, hi)
    out = []
    for k, (s, e) in enumerate(runs):
        b_lo, b_hi = spans[k]
        out.append(("replace" if b_hi > b_lo else "delete", s, e, b_lo, b_hi))
    return out


def collate(a: list[Word], b: list[Word], a_texts: dict[str, str], b_texts: dict[str, str],
            unit: Unit) -> list[Difference]:
    """The differences between the unit's words in A and the source passage in B."""
    a0, a1 = unit_words(a, unit)
    first, last = unit.pieces[0].a_start, max(p.a_end for p in unit.pieces)
    b_first, b_last = min(p.b_start for p in unit.pieces), max(p.b_end for p in unit.pieces)
    # unmatched words at the quotation's edges are compared with as many source words around the
    # passage; a bracket group opening (closing) the quotation stands for the source's words before
    # the first (after the last) matched word, within its sentence; other bracketed words at an
    # edge stand for an unknown stretch of source
    if a0 < first and a[a0].bracket:
        b0 = _sentence_before(b, b_texts, b_first)
    elif any(w.bracket for w in a[a0:first]):
        b0 = b_first
    else:
        b0 = max(0, b_first - (first - a0))
    if last < a1 and a[a1 - 1].bracket:
        b1 = _sentence_after(b, b_texts, b_last)
    elif any(w.bracket for w in a[last:a1]):
        b1 = b_last
    else:
        b1 = min(len(b), b_last + (a1 - last))
    groups = bracket_groups(a, a_texts, a0, a1)
    sm = SequenceMatcher(None, compared(a, a0, a1), [w.norm for w in b[b0:b1]], autojunk=False)
    codes = sm.get_opcodes()
    ops = [op for op in codes if op[0] != "equal"]
    if codes and codes[0][0] == "insert":  # source words before the quotation begins
        ops = [op for op in ops if op != codes[0]]
    if codes and codes[-1][0] == "insert":  # … and after it ends
        ops = [op for op in ops if op != codes[-1]]
    ops = [part for op in ops for part in _split(op, groups)]
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
