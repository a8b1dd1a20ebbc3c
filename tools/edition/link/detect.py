"""From word alignments to linked units: which quotation (or passage) of A reuses which part of B.

A unit of A is the outermost `quote` the reused words stand in, or, for reused words outside
any quotation, the paragraph. Alignments are split by unit (one alignment can run across two
quotations and the words between them); a unit is linked when the evidence is strong enough
(see `Params`), so stock phrases shared by chance ("the Central Committee of the Communist
Party of the Soviet Union") are not taken for quotation.
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


def detect(a: list[Word], b: list[Word], p: Params = Params()) -> list[Unit]:
    """The units of A that reuse text of B, in A's order."""
    found = align([w.norm for w in a], [w.norm for w in b], p)
    units: dict[tuple[str, str], Unit] = {}
    for al in found:
        groups: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for ai, bj in al.pairs:
            groups[_unit_key(a[ai])].append((ai, bj))
        for key, pairs in groups.items():
            piece = Piece(min(x for x, _ in pairs), max(x for x, _ in pairs) + 1,
                          min(y for _, y in pairs), max(y for _, y in pairs) + 1, len(pairs))
            unit = units.setdefault(key, Unit(key[0], key[1], a[pairs[0][0]].block, []))
            unit.pieces.append(piece)
    sizes: dict[str, int] = defaultdict(int)
    for w in a:
        if w.quote:
            sizes[w.quote] += 1
    linked = []
    for (kind, uid), unit in units.items():
        unit.pieces = [pc for pc in unit.pieces if pc.matched >= p.min_words]
        if not unit.pieces:
            continue
        longest = max(pc.matched for pc in unit.pieces)
        if kind == "quote":
            ok = longest >= p.quote_words or unit.matched >= p.quote_cover * sizes[uid]
        else:
            ok = longest >= p.reuse_words
        if ok:
            unit.pieces.sort(key=lambda pc: pc.a_start)
            linked.append(unit)
    return sorted(linked, key=lambda u: u.pieces[0].a_start)
