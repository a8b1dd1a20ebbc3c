"""Inline rules of the WikiText converter: lost dashes, spacing, and rendering to TEI markup.

A paragraph (or heading) arrives as tokens with quotation roles set (`wikitext_quotes`). This
module decides which `?` are lost en dashes, where the edition puts spaces, and writes the
tokens as an escaped XML string with inline elements (`choice`, `quote`/`q`, `milestone`, `gap`);
correction placeholders are left for `Corrections.expand`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .wikitext_quotes import Span
from .wikitext_tokens import (
    AT, AT_VALUES, CLITIC, CLOSE, DOLLAR, DQ, OPEN, PUNCT, QMARK, SQ, WORD, Tok,
    is_capitalised, is_lower_word, is_number,
)

EN_DASH = "–"
INTERROGATIVES = frozenset(
    "who whom whose what which when where why how is are was were do does did can could will would "
    "shall should may might must have has had am".split()
)
# Capitalised words that begin a sentence or clause rather than the second half of a compound.
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you this that these those there then thus but and or so yet in on at "
    "by for of to from with as if when while after before although though since because his her its "
    "their our my your no not nor one what who why how where which all some many most".split()
)
_FINAL = {".", "!", "?"}


def _sentence_is_question(toks: list[Tok], i: int) -> bool:
    """Whether the sentence ending at token i opens with a (capitalised) interrogative word."""
    j = i - 1
    while j >= 0:
        t = toks[j]
        if (t.kind == PUNCT and t.text in _FINAL) or (t.kind == QMARK and t.dash is None) or (
            t.kind in (DQ, SQ) and t.role == "open"
        ):
            break
        j -= 1
    first = next((t for t in toks[j + 1 : i] if t.kind == WORD), None)
    return first is not None and first.plain[:1].isupper() and first.plain.lower() in INTERROGATIVES


def read_dashes(toks: list[Tok]) -> None:
    """Decide for every `?` whether it stands for an en dash lost by the extraction.

    (a) between numbers (`1955 ? 1961`, `October 1 ? 21`): a range, closed up;
    (b) before a lower-case word (`Albania ? the overwhelming`, `declared? although`): a
        parenthetical dash, spaced (a question mark is not followed by a lower-case word);
    (c) between a word and a capitalised word that does not start a sentence (`Soviet ? Albanian`,
        `Marxism? Leninism`), in a sentence that does not open as a question: a compound, closed up;
    (d) before an opening quotation mark, in a sentence that does not open as a question
        (`in 1968? 'Khrushchevism…'`): a dash, spaced, marked as conjecture (cert="medium").
    Any other `?` (`Kapo ? !`, `For good or bad ? "`) is a question mark and stays.
    """
    for i, t in enumerate(toks):
        if t.kind != QMARK:
            continue
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if prev is None or nxt is None:
            continue
        if is_number(prev) and is_number(nxt):
            t.dash = "closed"
        elif is_lower_word(nxt):
            t.dash = "spaced"
        elif (prev.kind == WORD and is_capitalised(nxt) and nxt.plain.lower() not in SENTENCE_STARTERS
              and not _sentence_is_question(toks, i)):
            t.dash = "closed"
        elif nxt.kind in (DQ, SQ) and nxt.role == "open" and not _sentence_is_question(toks, i):
            t.dash, t.dash_cert = "spaced", "medium"


def decide_spacing(toks: list[Tok]) -> None:
    """Set `space` on each token: the detokenisation rules (see the header's normalization)."""
    for i, t in enumerate(toks):
        if i == 0:
            t.space = False
            continue
        prev = toks[i - 1]
        space = not t.glued
        if t.kind in (PUNCT, CLOSE, CLITIC, AT) or (t.kind == QMARK and t.dash is None):
            space = False
        if prev.kind in (OPEN, AT, DOLLAR):
            space = False
        if t.kind in (DQ, SQ) and t.role in ("close", "apos"):
            space = False
        if prev.kind in (DQ, SQ) and prev.role == "open":
            space = False
        if prev.kind == SQ and prev.role == "apos" and t.kind == WORD:
            space = True
        if prev.kind in (DQ, SQ) and prev.role == "close" and (
            t.kind in (WORD, OPEN, DOLLAR) or (t.kind in (DQ, SQ) and t.role == "open")
        ):
            space = True  # `, "when` in the seed: the extraction moved the space into the quotation
        if t.kind == QMARK and t.dash:
            space = t.dash == "spaced"
        if prev.kind == QMARK and prev.dash:
            space = prev.dash == "spaced"
        t.space = space


def _token_xml(t: Tok) -> str:
    if t.kind == QMARK and t.dash:
        cert = f' cert="{t.dash_cert}"' if t.dash_cert else ""
        return f'<choice><sic>{escape(t.text)}</sic><corr resp="#editors"{cert}>{EN_DASH}</corr></choice>'
    if t.kind == AT:
        return escape(AT_VALUES[t.text])
    if t.kind == DOLLAR:
        return "$"
    if t.kind == DQ:
        return {"open": "“", "close": "”"}.get(t.role or "", escape(t.text))
    if t.kind == SQ:
        return {"open": "‘", "close": "’", "apos": "’"}.get(t.role or "", escape(t.text))
    if t.kind == CLITIC:
        return escape(t.text.replace(" ", "").replace("'", "’"))
    if t.kind == WORD:
        return escape(_apostrophes(t.text))
    return escape(t.text)


def _apostrophes(word: str) -> str:
    """A straight apostrophe between two letters of a word (Khrushchev's) becomes ’."""
    chars = list(word)
    for k in range(1, len(chars) - 1):
        if chars[k] == "'" and chars[k - 1].isalpha() and chars[k + 1].isalpha():
            chars[k] = "’"
    return "".join(chars)


def render(toks: list[Tok], spans: list[Span], truncated: bool) -> str:
    """The tokens as escaped XML text with inline markup (placeholders left in place)."""
    opens = {s.start: s for s in spans}
    closes = {s.end: s for s in spans if s.end is not None}
    out: list[str] = []
    for i, t in enumerate(toks):
        if t.space:
            out.append(" ")
        if t.milestone is not None:
            out.append(f'<milestone unit="seed-line" n="{t.milestone}"/>')
        span = opens.get(i)
        if span is not None:
            ident = f' xml:id="{span.ident}"' if span.ident else ""
            out.append(f"<{span.element}{ident}>")
        out.append(_token_xml(t))
        span = closes.get(i)
        if span is not None:
            out.append(f"</{span.element}>")
    if truncated:
        out.append('<gap reason="truncated"/>')
    for s in sorted((s for s in spans if s.end is None), key=lambda s: -s.start):
        out.append(f"</{s.element}>")
    return "".join(out)

