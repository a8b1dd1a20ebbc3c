"""Tokens of a WikiText-103 paragraph: the seed's text cut into words, marks and punctuation.

WikiText-103 separates punctuation by spaces (`Khrushchev 's`, `de @-@ Stalinization`, `" Secret
Speech "`), but parts of a seed may be ordinary running text (`Khrushchev's`, `"leftist"`), so a
line is cut into whitespace-separated chunks and each chunk into tokens. Every token remembers
whether it was glued to the previous one in the seed (no space between them): the quotation-mark
pairing reads the marks' attachment from that, and the spacing of the edition is decided from
the token kinds (see `wikitext_inline`). Nothing is dropped: each token keeps its seed text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .corrections import CLOSE as PH_CLOSE
from .corrections import OPEN as PH_OPEN

# Token kinds. UNK is the corpus's <unk>, a word it replaced (kept as text, reported).
WORD, PUNCT, QMARK, ELLIPSIS, DQ, SQ, CLITIC, AT, OPEN, CLOSE, DOLLAR, OTHER, UNK = (
    "word", "punct", "qmark", "ellipsis", "dq", "sq", "clitic", "at", "open", "close", "dollar", "other", "unk",
)

_W = rf"[\w{PH_OPEN}{PH_CLOSE}]"
_LEXER = re.compile(
    rf"""(?P<unk><unk>)
    |(?P<at>@[-,.]@)
    |(?P<dollar>\\\$)
    |(?P<ellipsis>\.{{2,}}|…)
    |(?P<word>{_W}+(?:(?:['’\-]|[.,](?=\d)){_W}+)*)
    |(?P<dq>["“”])
    |(?P<sq>['‘’])
    |(?P<open>[(\[{{])
    |(?P<close>[)\]}}])
    |(?P<qmark>\?)
    |(?P<punct>[,.;:!%])
    |(?P<other>.)""",
    re.X | re.S,
)
AT_VALUES = {"@-@": "-", "@,@": ",", "@.@": "."}
CLITIC_SUFFIXES = {"s", "t", "ve", "ll", "re", "d", "m"}
NAME_PREFIXES = {"O", "D"}  # O 'Donnell, D 'Arcy: the apostrophe belongs to the name


@dataclass
class Tok:
    """One token of a paragraph or heading."""

    text: str  # the seed's text (correction placeholders included)
    kind: str
    line: int  # 1-based seed line
    glued: bool  # no space between this token and the previous one in the seed
    plain: str = ""  # the text with corrections applied, for the rules' tests
    role: str | None = None  # dq/sq: "open", "close", "apos" (a possessive apostrophe); None: left straight
    span: int | None = None  # index of the quotation span a paired mark opens or closes
    dash: str | None = None  # qmark read as a lost en dash: "closed" (1955–1961) or "spaced" (Albania – the)
    dash_cert: str | None = None  # "medium" when the dash reading is a conjecture
    space: bool = False  # output: a space before this token
    milestone: int | None = None  # output: <milestone unit="seed-line" n=…/> before this token (a re-join)

    @property
    def is_word(self) -> bool:
        return self.kind == WORD


def _lex_chunk(chunk: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(chunk):
        m = _LEXER.match(chunk, pos)
        if m is None:  # pragma: no cover - the lexer's last branch matches any character
            raise AssertionError(f"cannot lex {chunk[pos:]!r}")
        kind = m.lastgroup or OTHER
        out.append((kind, m.group()))
        pos = m.end()
    return out


def tokenize_line(line: str, line_no: int, plain_of: Callable[[str], str]) -> list[Tok]:
    """Cut one (correction-marked) seed line into tokens.

    Clitics are recognised here: a chunk `'s`, `'t`, `'ve`, `'ll`, `'re`, `'d`, `'m` or `n't`
    (the corpus splits `Khrushchev's`, `don't` so), `'Donnell` after `O`, and the two-chunk
    form `' s`, become one CLITIC token that the spacing rules glue to the previous token.
    """
    toks: list[Tok] = []
    chunks = [c for c in re.split(r"[ \t]+", line) if c]
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        lexed = _lex_chunk(chunk)
        first = True
        j = 0
        while j < len(lexed):
            kind, text = lexed[j]
            nxt = lexed[j + 1] if j + 1 < len(lexed) else None
            prev = toks[-1] if toks else None
            if first and kind == SQ and nxt and nxt[0] == WORD and nxt[1].lower() in CLITIC_SUFFIXES and (
                j + 2 == len(lexed) or lexed[j + 2][0] != WORD
            ) and prev is not None:
                kind, text = CLITIC, text + nxt[1]
                j += 1
            elif first and kind == WORD and text.lower() in ("n't", "n’t") and prev is not None:
                kind = CLITIC
            elif (first and kind == SQ and nxt and nxt[0] == WORD and nxt[1][:1].isupper() and prev is not None
                  and prev.kind == WORD and prev.text in NAME_PREFIXES):
                kind, text = CLITIC, text + nxt[1]
                j += 1
            elif (first and kind == SQ and len(lexed) == 1 and i + 1 < len(chunks) and chunks[i + 1] == "s"
                  and prev is not None and prev.kind in (WORD, DQ, SQ, CLOSE)):
                kind, text = CLITIC, f"{text} s"  # ' s: a possessive cut in two
                i += 1
            toks.append(Tok(text=text, kind=kind, line=line_no, glued=not first, plain=plain_of(text)))
            first = False
            j += 1
        i += 1
    return toks


def is_capitalised(tok: Tok) -> bool:
    return tok.kind == WORD and tok.plain[:1].isupper()


def is_lower_word(tok: Tok) -> bool:
    return tok.kind == WORD and tok.plain[:1].islower()


def is_number(tok: Tok) -> bool:
    """A number or a numeral word (1955, 49, 1960s)."""
    return tok.kind == WORD and tok.plain[:1].isdigit()
