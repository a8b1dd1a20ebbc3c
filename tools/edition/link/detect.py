"""From word alignments to linked units: which quotation (or passage) of A reuses which part of B.

A unit of A is the outermost `quote` the reused words stand in, or, for reused words outside
any quotation, the paragraph. Alignments are split by unit (one alignment can run across two
quotations and the words between them); a unit is linked when the evidence is strong enough
(see `Params`), so stock phrases shared by chance ("the Central Committee of the Communist
Party of the Soviet Union") are not taken for quotation. A short quotation linked only because
it is (nearly) all reused must point to one place of B: when its reused words occur more than once
in B, the occurrence whose surroundings share the most telling words with the quotation and the
text around it is taken; when none stands out, the quotation is not linked but reported as
ambiguous (`detect(…, ambiguous=[])`), for a scholar to decide. That A also uses the phrase
outside quotation marks says nothing (articles echo their own quotations).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
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


def _occurrences(seq: list[str], words: list[str]) -> list[int]:
    """Where `seq` starts in `words`."""
    return [k for k, x in enumerate(words) if x == seq[0] and words[k:k + len(seq)] == seq]


CONTEXT = 12  # words either side of a quotation read to tell which occurrence of its phrase it quotes


def _context(words: list[Word], lo: int, hi: int, block: str, telling: Callable[[str], bool]) -> set[str]:
    """The telling words within CONTEXT words of lo..hi-1, in `block`."""
    return {w.norm for w in words[max(0, lo - CONTEXT):hi + CONTEXT] if w.block == block and telling(w.norm)}


def _resolve(unit: Unit, a: list[Word], b: list[Word], a_norms: list[str], b_norms: list[str],
             rare: int) -> bool | None:
    """A quotation linked only by cover whose largest piece of reuse is a phrase B has more than once:
    the occurrence whose surroundings share the most telling words with the quotation and the text
    around it in A — telling words: of 4 letters or more (or figures) occurring at most `rare` times in B,
    so that the period's vocabulary ("party", "that") tells nothing. True: linked (the unit's pieces moved to that occurrence if need be); None: no
    occurrence stands out (ambiguous); False: not a repeated phrase."""
    piece = max(unit.pieces, key=lambda pc: pc.matched)
    seq = a_norms[piece.a_start:piece.a_end]
    where = _occurrences(seq, b_norms)
    if len(where) < 2:
        return False
    a_lo = min(i for i, w in enumerate(a) if w.quote == unit.id) if unit.kind == "quote" else piece.a_start
    a_hi = max(i for i, w in enumerate(a) if w.quote == unit.id) + 1 if unit.kind == "quote" else piece.a_end
    freq = Counter(b_norms)

    def telling(w: str) -> bool:
        return (len(w) >= 4 or w.isdigit()) and 0 < freq[w] <= rare

    told = _context(a, a_lo, a_hi, unit.block, telling) - set(seq)
    scores = {k: len(told & _context(b, k, k + len(seq), b[k].block, telling)) for k in where}
    best = max(scores.values())
    winners = [k for k, v in scores.items() if v == best]
    if best < 2 or len(winners) > 1:
        return None
    shift = winners[0] - piece.b_start
    if shift:
        unit.pieces = [Piece(pc.a_start, pc.a_end, pc.b_start + shift, pc.b_end + shift, pc.matched)
                       if pc is piece else pc for pc in unit.pieces]
    return True


def detect(a: list[Word], b: list[Word], p: Params = Params(),
           ambiguous: list[tuple[Unit, list[str]]] | None = None) -> list[Unit]:
    """The units of A that reuse text of B, in A's order. Quotations left out because the phrase
    they quote stands in B more than once and nothing tells which is meant are appended to
    `ambiguous` (with B's paragraphs where the phrase stands) when a list is given."""
    # an editor's bracketed words are not the source's: placeholders that match no word of B
    a_norms, b_norms = [f"\0[{i}]" if w.bracket else w.norm for i, w in enumerate(a)], [w.norm for w in b]
    # where A marks that it leaves source words out: an ellipsis, or a bracketed substitution
    marks = [i for i, w in enumerate(a) if w.ellipsis_before or (i and a[i - 1].bracket and not w.bracket)]
    found = align(a_norms, b_norms, p, omissions=marks)
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
        if w.quote and not w.bracket:  # an editor's bracketed words are not the source's
            sizes[w.quote] += 1
    linked = []
    for (kind, uid), unit in units.items():
        unit.pieces = [pc for pc in unit.pieces if pc.matched >= p.min_words]
        if not unit.pieces:
            continue
        longest = max(pc.matched for pc in unit.pieces)
        if kind == "quote":
            ok = longest >= p.quote_words
            if not ok and unit.matched >= p.quote_cover * sizes[uid]:
                resolved = _resolve(unit, a, b, a_norms, b_norms, p.max_seed_freq)
                ok = resolved is not None
                if resolved is None and ambiguous is not None:
                    piece = max(unit.pieces, key=lambda pc: pc.matched)
                    seq = a_norms[piece.a_start:piece.a_end]
                    ambiguous.append((unit, list(dict.fromkeys(b[k].block for k in _occurrences(seq, b_norms)))))
        else:
            ok = longest >= p.reuse_words
        if ok:
            unit.pieces.sort(key=lambda pc: pc.a_start)
            linked.append(unit)
    return sorted(linked, key=lambda u: u.pieces[0].a_start)
