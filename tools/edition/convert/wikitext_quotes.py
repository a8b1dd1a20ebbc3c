"""Pairing straight quotation marks in a WikiText paragraph, only where the pairing is certain.

Each straight mark has a *shape* read from the seed's spacing: `O` (attached to the following
word only: `"word`), `C` (attached to the preceding word or punctuation only: `word"`), `F`
(free-standing, as the corpus tokenises: ` " `) or `G` (attached on both sides). The rules,
also stated in the TEI header (editorialDecl/quotation):

1. Double marks: two consecutive marks shaped `O` then `C` are a pair. The marks left over fall
   into segments between such pairs; a segment is paired left to right (open, close, open…)
   when it has an even number of marks and every mark's shape allows its role: an opening
   mark must not be shaped `C`; a closing mark must not be shaped `O`, except directly after
   punctuation (`, "when`: the extraction moved the space of `," when`), nor follow the words
   *the*, *a*, *an*, *of*. In a paragraph
   the extraction cut off, an odd last segment is closed by the cut. Any other segment's marks
   stay straight and are reported.
2. Single marks are paired the same way inside each double-quoted span, and outside them.
   A single mark after a word ending in *s* and before a word (`workers ' parties`) may be a
   plural possessive apostrophe: each reading is tried and the one leaving fewest marks
   unpaired is taken; among those, the one with most apostrophes (a quotation does not end on
   a bare plural before a noun), then the one with the nearest closing mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from .wikitext_tokens import (
    CLITIC, CLOSE, DOLLAR, DQ, ELLIPSIS, OPEN, PUNCT, QMARK, SQ, WORD, Tok,
)

_LEFT_ATTACH = {WORD, PUNCT, QMARK, CLOSE, ELLIPSIS, CLITIC, DQ, SQ}
_RIGHT_ATTACH = {WORD, OPEN, DOLLAR, DQ, SQ}
MAX_CANDIDATES = 8
QUOTE_MIN_WORDS = 5  # a quotation this long is <quote>, a shorter quoted expression <q>
NO_CLOSE_AFTER = frozenset({"the", "a", "an", "of"})  # a quotation does not end on these words


@dataclass
class Span:
    """A paired quotation: token indices of its marks (end None: closed by the extraction's cut)."""

    start: int
    end: int | None
    mark: str  # DQ or SQ
    element: str = "q"  # "quote" or "q"
    ident: str | None = None


def shape(toks: list[Tok], i: int) -> str:
    t = toks[i]
    left = i > 0 and t.glued and toks[i - 1].kind in _LEFT_ATTACH
    right = i + 1 < len(toks) and toks[i + 1].glued and toks[i + 1].kind in _RIGHT_ATTACH
    return {(False, True): "O", (True, False): "C", (False, False): "F", (True, True): "G"}[(left, right)]


def _fits(toks: list[Tok], i: int, role: str) -> bool:
    s = shape(toks, i)
    if role == "open":
        return s != "C"
    if i > 0 and toks[i - 1].kind == WORD and toks[i - 1].plain.lower() in NO_CLOSE_AFTER:
        return False
    if s != "O":
        return True
    return i > 0 and toks[i - 1].kind in (PUNCT, QMARK)


def pair_marks(toks: list[Tok], marks: list[int], cut: bool) -> list[tuple[int, int | None]]:
    """Pairs (open, close) among `marks` (token indices, in order) by the rules above."""
    pairs: list[tuple[int, int | None]] = []
    taken: set[int] = set()
    for a, b in zip(marks, marks[1:]):
        if a not in taken and shape(toks, a) == "O" and shape(toks, b) == "C":
            pairs.append((a, b))
            taken.update((a, b))
    segments: list[list[int]] = [[]]
    for m in marks:
        if m in taken:
            if segments[-1]:
                segments.append([])
        else:
            segments[-1].append(m)
    segments = [s for s in segments if s]
    for k, seg in enumerate(segments):
        last = k == len(segments) - 1 and (not marks or seg[-1] == marks[-1])
        cand: list[int | None] = list(seg)
        if len(cand) % 2 and cut and last:
            cand.append(None)
        if len(cand) % 2:
            continue
        roles_ok = all(
            _fits(toks, m, "open" if n % 2 == 0 else "close") for n, m in enumerate(cand) if m is not None
        )
        if roles_ok:
            pairs.extend((cand[n], cand[n + 1]) for n in range(0, len(cand), 2))  # type: ignore[misc]
    pairs.sort(key=lambda p: p[0])
    return pairs


def _possessive_candidate(toks: list[Tok], i: int) -> bool:
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return (
        prev is not None and prev.kind == WORD and prev.plain[-1:] in ("s", "S")
        and nxt is not None and nxt.kind == WORD
    )


def _pair_singles(toks: list[Tok], marks: list[int], cut: bool) -> tuple[list[tuple[int, int | None]], set[int]]:
    """Pairs of single marks in one region, and the marks read as possessive apostrophes."""
    cands = [m for m in marks if _possessive_candidate(toks, m)][:MAX_CANDIDATES]
    best: tuple[tuple[int, int], list[tuple[int, int | None]], set[int]] | None = None
    for choice in product((False, True), repeat=len(cands)):  # False: a quotation mark (tried first)
        apos = {c for c, is_apos in zip(cands, choice) if is_apos}
        rest = [m for m in marks if m not in apos]
        pairs = pair_marks(toks, rest, cut=False)
        paired = sum(1 for p in pairs for x in p if x is not None)
        unpaired = len(rest) - paired
        key = (unpaired, -len(apos))
        if best is None or key < best[0]:
            best = (key, pairs, apos)
    assert best is not None
    return best[1], best[2]


def pair_quotes(toks: list[Tok], cut: bool) -> tuple[list[Span], list[int]]:
    """Set roles on the paragraph's marks; return the spans (document order) and unpaired marks."""
    spans: list[Span] = []
    dq = [i for i, t in enumerate(toks) if t.kind == DQ]
    dpairs = pair_marks(toks, dq, cut)
    inside: set[int] = set()
    regions: list[tuple[list[int], bool]] = []
    for a, b in dpairs:
        spans.append(Span(a, b, DQ))
        end = b if b is not None else len(toks)
        inside.update(range(a, end + 1))
        regions.append(([i for i in range(a + 1, end) if toks[i].kind == SQ], False))
    regions.append(([i for i, t in enumerate(toks) if t.kind == SQ and i not in inside], False))
    for marks, region_cut in regions:
        spairs, apos = _pair_singles(toks, marks, region_cut)
        for i in apos:
            toks[i].role = "apos"
        spans.extend(Span(a, b, SQ) for a, b in spairs)
    spans.sort(key=lambda s: s.start)
    for n, s in enumerate(spans):
        toks[s.start].role, toks[s.start].span = "open", n
        if s.end is not None:
            toks[s.end].role, toks[s.end].span = "close", n
        end = s.end if s.end is not None else len(toks)
        words = sum(1 for t in toks[s.start + 1 : end] if t.kind == WORD)
        s.element = "quote" if words >= QUOTE_MIN_WORDS else "q"
    unpaired = [i for i, t in enumerate(toks) if t.kind in (DQ, SQ) and t.role is None]
    return spans, unpaired

