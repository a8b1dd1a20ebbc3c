"""Inline analysis of one memoir paragraph: footnote markers, quotations, foreign words.

A paragraph arrives as a *marked* string: the seed line after `Corrections.mark()`, so each
corrected passage is one atomic placeholder `\\ue000N\\ue001`. This module

* finds footnote markers (digits glued to the end of a word or closing mark) and removes them,
  remembering where each note goes (`find_markers`);
* pairs quotation marks into spans (`pair_quotes`), reading a placeholder by its correction
  where the correction adds a quotation mark the transmission lost;
* decides the extent of the words a footnote glosses (`glossed_extent`);
* renders the paragraph as escaped XML with inline elements (`render`).

Positions are indices into the paragraph's *clean* string (markers removed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from .corrections import CLOSE, OPEN

PLACEHOLDER = re.compile(f"{OPEN}\\d+{CLOSE}")

# A footnote marker: 1–3 digits glued to a letter, a closing quotation mark or punctuation
# (`pokushenie1`, `“Nu njet,”3`, `brat?”9`, `stolovaya.6`), not part of a number
# (`Volume 19`, `1957.`, `3rd`, `U-2`, `20-25`) and followed by a space, punctuation or the end.
MARKER = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[”’?!)\ue001])|(?<=[^\W\d_][.,;:]))(\d{1,3})(?=[\s,.;:!?)”’]|$)"
)

OPEN_DQ, CLOSE_DQ, OPEN_SQ, CLOSE_SQ = "“", "”", "‘", "’"

# English function words: a glossed run of foreign words never extends over one of these.
FUNCTION_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever every
    few for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they this
    those through to too under until up upon us very was we were what when where which while who
    whom why will with would yet you your yours""".split()
)


@dataclass
class Marker:
    number: int
    pos: int  # insertion point in the clean string
    line: int  # seed line


@dataclass
class QuoteSpan:
    start: int  # position of the opening mark (or of the placeholder that supplies it)
    end: int  # position after the closing mark (or paragraph end when left open)
    inner: int  # first position after the opening mark
    single: bool  # ‘…’ rather than “…”
    closed: bool
    tag: str = "q"


@dataclass
class Span:
    start: int
    end: int
    open_tag: str
    close_tag: str
    rank: int  # outer elements first when spans share a start


@dataclass
class Block:
    """One paragraph (or the argument) during conversion."""

    line: int
    clean: str  # marked text with markers removed
    markers: list[Marker] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    points: list[tuple[int, str]] = field(default_factory=list)  # (position, escaped XML) to insert


def find_markers(marked: str, line: int) -> tuple[str, list[Marker]]:
    """Remove footnote markers from a marked line; return the clean string and the markers."""
    out: list[str] = []
    markers: list[Marker] = []
    last = 0
    for m in MARKER.finditer(marked):
        out.append(marked[last : m.start()])
        pos = sum(len(s) for s in out)
        markers.append(Marker(int(m.group(1)), pos, line))
        last = m.end()
    out.append(marked[last:])
    return "".join(out), markers


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def pair_quotes(clean: str, corr_of: Callable[[int], tuple[str, str]], warn: Callable[[str], None]) -> list[QuoteSpan]:
    """Pair quotation marks into spans. `corr_of(i)` gives (sic, corr) of placeholder i.

    Marks are read in the corrected reading: a placeholder whose correction starts (ends) with a
    double mark counts as an opening (closing) mark at its start (end); a mark only in its sic
    (a stray mark) counts as none. A ‘ opens a single quotation; a ’ closes it only while one is open and is not an
    apostrophe between letters. An opening mark left unclosed at the start of the paragraph is a
    quotation continued from the previous paragraph's speech: it runs to the paragraph's end. A
    closing mark after , ? or ! with no opening mark and no sentence end before it in the
    paragraph closes speech whose opening mark was lost: it runs from the paragraph's start.
    Other unpaired marks stay plain text, with a warning.
    """
    events: list[tuple[int, int, str]] = []  # (position, position after, kind)
    i = 0
    while i < len(clean):
        ch = clean[i]
        if ch == OPEN:
            j = clean.index(CLOSE, i)
            sic, corr = corr_of(int(clean[i + 1 : j]))
            if corr.startswith(OPEN_DQ):
                events.append((i, i, "open-d"))
            if corr.endswith(CLOSE_DQ):
                events.append((j + 1, j + 1, "close-d"))
            i = j + 1
            continue
        if ch == OPEN_DQ:
            events.append((i, i + 1, "open-d"))
        elif ch == CLOSE_DQ:
            events.append((i, i + 1, "close-d"))
        elif ch == OPEN_SQ:
            events.append((i, i + 1, "open-s"))
        elif ch == CLOSE_SQ and not _is_apostrophe(clean, i):
            events.append((i, i + 1, "close-s"))
        i += 1

    spans: list[QuoteSpan] = []
    stack: list[tuple[int, int, bool]] = []  # (start, inner, single)
    for start, after, kind in events:
        if kind.startswith("open"):
            stack.append((start, after, kind == "open-s"))
            continue
        single = kind == "close-s"
        if single and not (stack and stack[-1][2]):
            continue  # a ’ with no ‘ open: apostrophe of a plural possessive
        while stack and stack[-1][2] and not single:
            s, inner, _ = stack.pop()
            warn(f"unpaired opening single quotation mark at column {s + 1}")
        if not stack:
            lead = len(clean) - len(clean.lstrip())
            head = clean[lead:start]
            if not single and head[-1:] in (",", "?", "!") and not re.search(r"[.?!][\s”’]|[“”‘]", head[:-1]):
                # speech whose opening mark was lost at the paragraph's start (`Nu njet, nu njet,”3`)
                spans.append(QuoteSpan(lead, after, lead, False, True))
                warn(f"closing quotation mark at column {start + 1} without opening mark: speech from the paragraph's start")
            else:
                warn(f"unpaired closing quotation mark at column {start + 1} left as text")
            continue
        s, inner, _ = stack.pop()
        spans.append(QuoteSpan(s, after, inner, single, True))
    lead = len(clean) - len(clean.lstrip())
    for s, inner, single in stack:
        if s == lead and not single:
            spans.append(QuoteSpan(s, len(clean.rstrip()), inner, single, False))
        else:
            warn(f"unpaired opening quotation mark at column {s + 1} left as text")
    spans.sort(key=lambda q: (q.start, -q.end))
    return spans


def classify_quote(q: QuoteSpan, clean: str, reading: Callable[[str], str]) -> str:
    """`said` for direct speech, `q` for other quoted words.

    Direct speech: a double quotation that opens the paragraph, that follows a colon and holds
    at least two words, that ends with ? or ! inside the marks, or that holds at least two words and ends with , . or … inside them. Everything else
    (“visit”, “problems of the movement”, ‘one hundred flowers’) is `q`.
    """
    if q.single:
        return "q"
    lead = len(clean) - len(clean.lstrip())
    inner_end = q.end - (1 if q.closed and clean[q.end - 1 : q.end] == CLOSE_DQ else 0)
    content = reading(clean[q.inner : inner_end]).rstrip()
    if q.closed and clean[q.end - 1 : q.end] != CLOSE_DQ:  # closing mark supplied by a correction
        content = content.removesuffix(CLOSE_DQ).rstrip()
    if q.start == lead and q.inner > q.start or q.start == lead and not q.closed:
        return "said"
    if clean[:q.start].rstrip().endswith(":") and len(content.split()) >= 2:
        return "said"  # speech introduced by a colon: `would say: “You don’t like this?! …”`
    words = content.split()
    if content[-1:] in "?!" or len(words) >= 2 and content[-1:] in ",.…":
        return "said"
    return "q"


_WORD_CHAR = re.compile(r"[^\W_]|[-’'\ue000-\ue001]|\d")


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word extents in text[start:end]; a placeholder is part of the word it stands in."""
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        if text[i] == OPEN:
            j = text.index(CLOSE, i) + 1
        elif _WORD_CHAR.match(text[i]):
            j = i + 1
        else:
            i += 1
            continue
        s = i
        while j < end and (text[j] == OPEN or _WORD_CHAR.match(text[j])):
            j = text.index(CLOSE, j) + 1 if text[j] == OPEN else j + 1
        spans.append((s, j))
        i = j
    return spans


def is_function_word(word: str) -> bool:
    return word.strip("“”‘’'\".,;:!?()").lower() in FUNCTION_WORDS


def glossed_extent(
    block: Block, marker: Marker, gloss_words: int, reading: Callable[[str], str]
) -> tuple[int, int] | None:
    """The extent of the words a footnote marker glosses (see the module's rule).

    1. Step back from the marker over closing punctuation and quotation marks.
    2. If a closing quotation mark was passed and the quotation contains no English function
       word and no more words than the gloss, the glossed words are the whole quotation
       (`“Nu njet, nu njet,”3` → Nu njet, nu njet).
    3. Otherwise they are the word just before the marker, extended backwards over words that
       follow each other with a single space, are lower-case, are not English function words,
       while the run has no more words than the gloss (`as hommes de paille8` → hommes de paille;
       `a pokushenie1` → pokushenie; `discussion, brat?”9` → brat).
    """
    text = block.clean
    j = marker.pos
    quote: QuoteSpan | None = None
    by_end = {q.end: q for q in block.quotes if q.closed}
    while j > 0:
        q = by_end.get(j)
        if q is not None and quote is None and q.end > q.inner:
            quote = q
            if text[j - 1] == CLOSE:  # the closing mark is a correction's: the word is inside it
                break
        ch = text[j - 1]
        if ch in "”\"?!.,;:)…" or (ch == "’" and q is not None):
            j -= 1
            continue
        break
    words = _word_spans(text, 0, j)
    if not words or words[-1][1] != j:
        return None
    if quote is not None:
        inner = _word_spans(text, quote.inner, j)
        readings = [reading(text[s:e]) for s, e in inner]
        if inner and len(inner) <= gloss_words and not any(is_function_word(w) for w in readings):
            return inner[0][0], j
    run = [words[-1]]
    for prev in reversed(words[:-1]):
        if len(run) >= gloss_words:
            break
        gap = text[prev[1] : run[0][0]]
        w = reading(text[prev[0] : prev[1]])
        if gap != " " or is_function_word(w) or not w[:1].islower():
            break
        run.insert(0, prev)
    return run[0][0], j


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of `phrase` in a clean string."""
    pat = re.compile(rf"(?<![^\W_]){re.escape(phrase)}(?![^\W_])")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def render(block: Block, warn: Callable[[str], None]) -> str:
    """Escaped XML for the block's clean text with its spans and inserted points.

    Spans must nest; a span that would cross another is dropped with a warning. At one
    position come the ends of inner elements (rank > 0: foreign), then inserted points (notes),
    then the ends of quotations (rank 0), then element starts. So a note whose marker follows a
    closing quotation mark stands right after the mark, inside the quotation: the paragraph
    never has two elements side by side with no text between them, which a pretty-printing
    serialiser would separate with whitespace.
    """
    spans = sorted(block.spans, key=lambda s: (s.start, -s.end, s.rank))
    kept: list[Span] = []
    for sp in spans:
        if sp.end <= sp.start:
            continue
        if any(k.start < sp.start < k.end < sp.end or sp.start < k.start < sp.end < k.end for k in kept):
            warn(f"markup {sp.open_tag} at column {sp.start + 1} would cross other markup; left out")
            continue
        kept.append(sp)
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for sp in kept:
        opens.setdefault(sp.start, []).append(sp)
        closes.setdefault(sp.end, []).append(sp)
    points: dict[int, list[str]] = {}
    for pos, xml in block.points:
        points.setdefault(pos, []).append(xml)
    text = block.clean
    cuts = sorted({0, len(text), *opens, *closes, *points})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        ending = sorted(closes.get(a, []), key=lambda s: (s.start, s.rank), reverse=True)
        out.extend(sp.close_tag for sp in ending if sp.rank > 0)
        out.extend(points.get(a, []))
        out.extend(sp.close_tag for sp in ending if sp.rank == 0)
        for sp in opens.get(a, []):
            out.append(sp.open_tag)
        if b is not None:
            out.append(escape(text[a:b]))
    return "".join(out)
