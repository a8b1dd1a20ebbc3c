"""Tag foreign words listed in editorial/foreign.tsv with `<foreign xml:lang="…">`.

Whole words, case-sensitive, longest entry first; text already inside a name, date or
foreign element (e.g. the glossed words the converter tagged at their footnotes) is left
alone. Entries whose language is `-` are naturalised loans (vodka, dacha): documented in
the glossary and deliberately not tagged.
"""

from __future__ import annotations

import re

from lxml import etree

from ..xmlio import XML_LANG, tei
from .rules import ForeignWord
from .textmap import flatten, wrap_span


def _regex(word: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in word.split())
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


def tag_foreign(blocks: list[etree._Element], words: list[ForeignWord],
                resp: str | None = None) -> list[tuple[str, str]]:
    """Tag glossary words in `blocks`; return (lang, word) for each new element."""
    active = sorted((w for w in words if w.lang), key=lambda w: (-len(w.word), w.word))
    patterns = [(w, _regex(w.word)) for w in active]
    added: list[tuple[str, str]] = []
    for block in blocks:
        fb = flatten(block)
        chosen: list[tuple[int, int, ForeignWord]] = []
        for word, rx in patterns:
            for mt in rx.finditer(fb.text):
                s, e = mt.span()
                if fb.is_protected(s, e) or any(s < ce and cs < e for cs, ce, _ in chosen):
                    continue
                chosen.append((s, e, word))
        chosen.sort(key=lambda t: t[0])
        done: list[tuple[str, str]] = []
        for s, e, word in reversed(chosen):
            el = etree.Element(tei("foreign"))
            el.set(XML_LANG, word.lang)
            if resp:
                el.set("resp", resp)
            if wrap_span(fb, s, e, el):
                done.append((word.lang, fb.text[s:e]))
        added += reversed(done)
    return added
