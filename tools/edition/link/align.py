"""Text-reuse alignment: n-gram seeds chained into local alignments.

Every run of `n` words that the quoting text (A) shares with the source (B) is a seed. Seeds
close to one another in both texts are chained (gaps allow an ellipsis in A to skip words of
B, or a bracketed interpolation to add words in A; when the caller says where A marks its
omissions, B may skip more than `silent_gap` words only across such a mark, so stock phrases
far apart in B are not chained into one reuse); each chain is widened by exact matches
at both ends and measured with difflib's matcher. A chain is a reuse when at least
`min_words` of its words match. Seeds made of n-grams frequent in B are ignored (stock
phrases such as "the Communist Party of the Soviet Union" are not reuse).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Params:
    """Detector settings (defaults set on the edition's two texts and checked on others:
    bench/link_eval.py; see docs/links.md)."""

    n: int = 4                # seed length in words
    max_gap_a: int = 12       # words A may insert between two seeds of one reuse
    max_gap_b: int = 60       # words A may omit (ellipsis) between two seeds of one reuse
    silent_gap: int = 3       # … of which this many without an ellipsis (when align is told where they are)
    min_words: int = 6        # matching words for an alignment to be considered at all
    max_seed_freq: int = 3    # n-grams occurring more often than this in B are not seeds
    slack: int = 4            # words of small edits an alignment may grow across at either end
    quote_words: int = 12     # a quotation is linked when one alignment matches this many words …
    quote_cover: float = 0.8  # … or the alignments cover this share of its (unbracketed) words
    reuse_words: int = 15     # unquoted text is linked when one alignment matches this many words


@dataclass(frozen=True)
class Alignment:
    """A reuse: A[a_start:a_end] reuses B[b_start:b_end]; `matched` words agree."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int
    pairs: tuple[tuple[int, int], ...] = ()  # (A index, B index) of every matching word


def _seeds(a: list[str], b: list[str], p: Params) -> list[tuple[int, int]]:
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - p.n + 1):
        index[tuple(b[j:j + p.n])].append(j)
    seeds = []
    for i in range(len(a) - p.n + 1):
        hits = index.get(tuple(a[i:i + p.n]), [])
        if len(hits) <= p.max_seed_freq:
            seeds += [(i, j) for j in hits]
    return sorted(seeds)


def _chains(seeds: list[tuple[int, int]], p: Params, marked: list[int] | None) -> list[list[tuple[int, int]]]:
    """Seeds chained; `marked[i]`: how many of A's first i + 1 words follow an omission mark."""
    chains: list[list[tuple[int, int]]] = []
    for i, j in seeds:
        best, best_cost = None, None
        for chain in chains:
            li, lj = chain[-1]
            di, dj = i - li, j - lj
            if (0 < di <= p.max_gap_a + p.n and 0 < dj <= p.max_gap_b + p.n
                    and (marked is None or dj - di <= p.silent_gap
                         or marked[min(i + p.n, len(marked)) - 1] > marked[li])):  # a mark up to the seed's end
                cost = abs(dj - di)
                if best_cost is None or cost < best_cost:
                    best, best_cost = chain, cost
        if best is None:
            chains.append([(i, j)])
        else:
            best.append((i, j))
    return chains


def _grow(a: list[str], b: list[str], a0: int, a1: int, b0: int, b1: int, slack: int) -> tuple[int, int, int, int]:
    """Widen a span across small edits at its ends: a match of two or more words within `slack`
    words of the span (or of one word right after a single changed word) joins it."""
    while True:
        before = (a0, a1, b0, b1)
        if a1 < len(a) and b1 < len(b):  # right end
            sm = SequenceMatcher(None, a[a1:a1 + slack], b[b1:b1 + slack], autojunk=False)
            for m in sm.get_matching_blocks()[:-1]:
                if m.size >= 2 or (m.a <= 1 and m.b <= 1):
                    a1, b1 = a1 + m.a + m.size, b1 + m.b + m.size
                    break
        if a0 > 0 and b0 > 0:  # left end
            la, lb = a[max(0, a0 - slack):a0], b[max(0, b0 - slack):b0]
            sm = SequenceMatcher(None, la, lb, autojunk=False)
            for m in reversed(sm.get_matching_blocks()[:-1]):
                gap_a, gap_b = len(la) - m.a - m.size, len(lb) - m.b - m.size
                if m.size >= 2 or (gap_a <= 1 and gap_b <= 1):
                    a0, b0 = a0 - len(la) + m.a, b0 - len(lb) + m.b
                    break
        while a0 > 0 and b0 > 0 and a[a0 - 1] == b[b0 - 1]:
            a0, b0 = a0 - 1, b0 - 1
        while a1 < len(a) and b1 < len(b) and a[a1] == b[b1]:
            a1, b1 = a1 + 1, b1 + 1
        if (a0, a1, b0, b1) == before:
            return a0, a1, b0, b1


def _measure(a: list[str], b: list[str], chain: list[tuple[int, int]], p: Params) -> Alignment:
    a0, b0 = chain[0]
    a1, b1 = chain[-1][0] + p.n, chain[-1][1] + p.n
    while a0 > 0 and b0 > 0 and a[a0 - 1] == b[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    while a1 < len(a) and b1 < len(b) and a[a1] == b[b1]:
        a1, b1 = a1 + 1, b1 + 1
    a0, a1, b0, b1 = _grow(a, b, a0, a1, b0, b1, p.slack)
    sm = SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
    pairs = tuple((a0 + m.a + k, b0 + m.b + k) for m in sm.get_matching_blocks() for k in range(m.size))
    return Alignment(a0, a1, b0, b1, len(pairs), pairs)


def align(a: list[str], b: list[str], p: Params = Params(),
          omissions: Collection[int] | None = None) -> list[Alignment]:
    """The reuses of B in A, in A's order, none overlapping in A (the larger wins). `omissions`:
    the indices of A's words preceded by an omission mark ("...", a bracketed substitution);
    when given, B words are skipped beyond `silent_gap` only there."""
    marked = None
    if omissions is not None:
        marks, marked = set(omissions), []
        for i in range(len(a)):
            marked.append((marked[-1] if marked else 0) + (i in marks))
    found = [_measure(a, b, c, p) for c in _chains(_seeds(a, b, p), p, marked)]
    found = [f for f in found if f.matched >= p.min_words]
    found.sort(key=lambda f: (-f.matched, f.a_start, f.b_start))
    kept: list[Alignment] = []
    for f in found:
        if all(f.a_end <= k.a_start or f.a_start >= k.a_end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.a_start, f.b_start))
