"""From word alignments to linked units: which quotation (or passage) of A reuses which part of B.

A unit of A is the outermost `quote` the reused words stand in, or, for reused words outside
any quotation, the paragraph. Alignments are split by unit (one alignment can run across two
quotations and the words between them); a unit is linked when the evidence is strong enough
(see `Params`), so stock phrases shared by chance ("the Central Committee of the Communist
Party of the Soviet Union") are not taken for quotation. A short quotation linked only because
it is (nearly) all reused must be the source's own: its reused words must occur once in B and
nowhere in A outside quotation marks — a phrase B has twice, or A uses unquoted too ("the meeting
of the communist and workers' parties" in scare quotes), is the period's idiom, not a quotation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .align import Params, align
from .tokens import Word


@dataclass(frozen=True)
class Piece:
    """Part of one alignment inside one unit: A words a_start..a_end reuse B words b_start..b_end."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int


@dataclass
class Unit:
    """A quotation (kind "quote", id = the quote's xml:id) or a paragraph (kind "reuse") of A."""

    kind: str
    id: str
    block: str
    pieces: list[Piece]

    @property
    def matched(self) -> int:
        return sum(p.matched for p in self.pieces)

    def source_blocks(self, b: list[Word]) -> list[str]:
        """B's paragraphs the unit reuses, in B's order."""
        seen: dict[str, None] = {}
        for p in sorted(self.pieces, key=lambda p: p.b_start):
            for w in b[p.b_start:p.b_end]:
                seen.setdefault(w.block, None)
        return list(seen)


def _unit_key(w: Word) -> tuple[str, str]:
    return ("quote", w.quote) if w.quote else ("reuse", w.block)


def _occurs(seq: list[str], words: list[str], where: list[int]) -> int:
    """How many of the positions `where` start `seq` in `words`."""
    return sum(1 for k in where if words[k:k + len(seq)] == seq)


def _idiom(unit: Unit, a: list[Word], a_norms: list[str], b_norms: list[str]) -> bool:
    """The unit's largest piece of reuse is a phrase B has more than once, or A has unquoted."""
    piece = max(unit.pieces, key=lambda pc: pc.matched)
    seq = a_norms[piece.a_start:piece.a_end]
    in_b = _occurs(seq, b_norms, [k for k, x in enumerate(b_norms) if x == seq[0]])
    elsewhere = [k for k, x in enumerate(a_norms) if x == seq[0] and a[k].quote is None]
    return in_b > 1 or _occurs(seq, a_norms, elsewhere) > 0


def detect(a: list[Word], b: list[Word], p: Params = Params()) -> list[Unit]:
    """The units of A that reuse text of B, in A's order."""
    a_norms, b_norms = [w.norm for w in a], [w.norm for w in b]
    # where A marks that it leaves source words out: an ellipsis, or a bracketed substitution
    marks = [i for i, w in enumerate(a) if w.ellipsis_before or (i and a[i - 1].bracket and not w.bracket)]
    found = align(a_norms, b_norms, p, omissions=marks)
    units: dict[tuple[str, str], Unit] = {}
    for al in found:
        groups: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for ai, bj in al.pairs:
            groups[_unit_key(a[ai])].append((ai, bj))
        for key, pairs in groups.items():
            # an editor's bracketed word at either end matching across a paragraph break is no evidence
            while len(pairs) > 1 and a[pairs[0][0]].bracket and b[pairs[0][1]].block != b[pairs[1][1]].block:
                pairs.pop(0)
            while len(pairs) > 1 and a[pairs[-1][0]].bracket and b[pairs[-1][1]].block != b[pairs[-2][1]].block:
                pairs.pop()
            piece = Piece(min(x for x, _ in pairs), max(x for x, _ in pairs) + 1,
                          min(y for _, y in pairs), max(y for _, y in pairs) + 1, len(pairs))
            unit = units.setdefault(key, Unit(key[0], key[1], a[pairs[0][0]].block, []))
            unit.pieces.append(piece)
    sizes: dict[str, int] = defaultdict(int)
    for w in a:
        if w.quote and not w.bracket:  # an editor's bracketed words are not the source's
            sizes[w.quote] += 1
    linked = []
    for (kind, uid), unit in units.items():
        unit.pieces = [pc for pc in unit.pieces if pc.matched >= p.min_words]
        if not unit.pieces:
            continue
        longest = max(pc.matched for pc in unit.pieces)
        if kind == "quote":
            ok = longest >= p.quote_words or (unit.matched >= p.quote_cover * sizes[uid]
                                              and not _idiom(unit, a, a_norms, b_norms))
        else:
            ok = longest >= p.reuse_words
        if ok:
            unit.pieces.sort(key=lambda pc: pc.a_start)
            linked.append(unit)
    return sorted(linked, key=lambda u: u.pieces[0].a_start)
