"""Generated quotations for the quotation detector's evaluation (bench/link_eval.py).

Deterministic (one `random.Random(seed)`): spans of 5–60 words are cut from real paragraphs of
the memoir chapter (tei/from-bucharest-to-moscow.xml, the source B), manipulated the way
quoting authors do — ellipsis cuts, bracketed interpolations or substitutions, changed words at
a given rate, changed punctuation, case and apostrophes, a span running across a paragraph
break — and embedded as `quote` elements in article-like filler: sentences of the Wikipedia
article's paragraphs that do not quote the memoir (tei/soviet-albanian-split.xml). The gold
answer (the quotation's source paragraphs) is known by construction. Hard negatives: the
article's own quotations of *other* works (Hoxha's other books, letters, historians: same
period, same vocabulary, not in B), embedded the same way; none may be linked.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from edition.link.tokens import Word, block_words, blocks, reading, text_words
from edition.xmlio import TEI_NS, XML_ID

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tei" / "from-bucharest-to-moscow.xml"
FILLER = REPO / "tei" / "soviet-albanian-split.xml"
# The article's quotations of the memoir, verified by hand (tests/test_link_edition.py): their
# paragraphs are not filler, and no other quotation is. Hard negatives are chosen from this list
# only, never from @source (which the detector itself writes: that would make the evaluation circular).
QUOTING_THE_MEMOIR = {"sas-q50", "sas-q51", "sas-q70", "sas-q71", "sas-q86", "sas-q87"}
KINDS = ("verbatim", "ellipsis", "ellipses", "bracket", "punctuation", "edit", "two-paragraphs", "short")
BRACKETED = ("the Soviets", "Khrushchev", "the Albanians", "in Moscow", "sic", "the delegation",
             "that is, the meeting", "Hoxha")
PER_DOC = 10  # quotations per generated article


@dataclass(frozen=True)
class Case:
    """One generated quotation: its text (as it stands between the quotation marks), the source
    paragraphs it comes from, the manipulation, the span length in words and the edit rate."""

    qid: str
    text: str
    sources: tuple[str, ...]
    kind: str
    length: int
    rate: float


@dataclass
class Corpus:
    """The source B (its paragraphs, words and words by paragraph) and the filler sentences."""

    b_root: etree._Element
    b_words: list[Word]
    paras: list[tuple[str, str, list[Word]]]  # (id, reading, words) of every paragraph of B
    filler: list[str]                           # sentences
    third: list[str]                            # quotations of other texts (hard negatives)
    vocab: list[str]                            # words for substitutions


def load_corpus(source: Path = SOURCE, filler: Path = FILLER) -> Corpus:
    b_root = etree.parse(str(source)).getroot()
    paras = [(blk.get(XML_ID) or "", reading(blk), block_words(blk)) for blk in blocks(b_root)]
    f_root = etree.parse(str(filler)).getroot()
    sentences: list[str] = []
    third = [re.sub(r"\s+", " ", reading(q)).strip().strip("“”\"") for q in f_root.iter(f"{{{TEI_NS}}}quote")
             if q.get(XML_ID) not in QUOTING_THE_MEMOIR]
    for blk in blocks(f_root):
        if any(q.get(XML_ID) in QUOTING_THE_MEMOIR for q in blk.iter(f"{{{TEI_NS}}}quote")):
            continue
        text = re.sub(r"\s+", " ", reading(blk)).strip()
        sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if len(s.split()) >= 6]
    vocab = sorted({w.lower() for s in sentences for w in re.findall(r"[A-Za-z]{4,}", s)})
    return Corpus(b_root, text_words(b_root), paras, sentences, [t for t in third if t], vocab)


def _segments(text: str, words: list[Word]) -> list[list[str]]:
    """[word, glue after it] for each word of a span (the last word's glue is empty)."""
    out = []
    for k, w in enumerate(words):
        end = words[k + 1].start if k + 1 < len(words) else w.end
        out.append([text[w.start:w.end], text[w.end:end]])
    return out


def _cut(rng: random.Random, corpus: Corpus, length: int, across: bool) -> tuple[list[list[str]], tuple[str, ...]]:
    """A span of `length` words of one paragraph (or running across a paragraph break)."""
    if across:
        while True:
            k = rng.randrange(len(corpus.paras) - 1)
            (id1, t1, w1), (id2, t2, w2) = corpus.paras[k], corpus.paras[k + 1]
            x = rng.randint(3, length - 3)
            if len(w1) >= x and len(w2) >= length - x:
                first = _segments(t1, w1[len(w1) - x:])
                first[-1][1] = " "
                return first + _segments(t2, w2[:length - x]), (id1, id2)
    while True:
        pid, text, words = corpus.paras[rng.randrange(len(corpus.paras))]
        if len(words) >= length:
            i = rng.randint(0, len(words) - length)
            return _segments(text, words[i:i + length]), (pid,)


def _substitute(rng: random.Random, corpus: Corpus, segs: list[list[str]], rate: float) -> None:
    for k in rng.sample(range(len(segs)), int(rate * len(segs) + 0.5)):  # rounded half up
        old = segs[k][0].lower()
        segs[k][0] = rng.choice([v for v in rng.sample(corpus.vocab, 5) if v != old] or ["xyzzy"])


def _ellipses(rng: random.Random, segs: list[list[str]], cuts: int) -> list[list[str]]:
    """Leave out `cuts` runs of 2–n/5 words, each marked by " ... ", keeping at least 4 words
    before, after and between them (as a quoting author would)."""
    n, removed = len(segs), set()
    for _ in range(cuts):
        for _attempt in range(20):
            m = rng.randint(2, max(2, n // 5))
            start = rng.randint(4, max(4, n - 4 - m))
            run = set(range(start, start + m))
            if start + m <= n - 4 and not any(j + d in removed for j in run for d in range(-4, 5)):
                removed |= run
                break
    out: list[list[str]] = []
    for k, seg in enumerate(segs):
        if k in removed:
            if k - 1 not in removed and out:
                out[-1][1] = out[-1][1].rstrip() + " ... "
            continue
        out.append(seg)
    return out


def _bracket(rng: random.Random, segs: list[list[str]]) -> None:
    """An editor's bracketed substitution for a word, or an interpolation after one."""
    k = rng.randrange(len(segs))
    phrase = rng.choice(BRACKETED)
    if rng.random() < 0.5:
        segs[k][0] = f"[{phrase}]"
    else:
        segs[k][1] = f" [{phrase}]" + (segs[k][1] or "")


def _punctuation(rng: random.Random, segs: list[list[str]]) -> None:
    """Change punctuation, case and apostrophes (not words)."""
    for seg in segs:
        glue = seg[1]
        if rng.random() < 0.5:
            glue = re.sub(r"[,;:]", "", glue)
        elif rng.random() < 0.5:
            glue = glue.replace(",", ";").replace(".", "!")
        seg[1] = glue.replace("“", '"').replace("”", '"')
        seg[0] = seg[0].replace("’", "'") if "’" in seg[0] else seg[0].replace("'", "’")
        if rng.random() < 0.15:
            seg[0] = seg[0].upper() if rng.random() < 0.3 else seg[0].swapcase()


def make_case(rng: random.Random, corpus: Corpus, qid: str, kind: str, length: int, rate: float = 0.0) -> Case:
    segs, sources = _cut(rng, corpus, length, across=kind == "two-paragraphs")
    if kind in ("ellipsis", "ellipses"):
        segs = _ellipses(rng, segs, 1 if kind == "ellipsis" else rng.randint(2, 3))
    elif kind == "bracket":
        _bracket(rng, segs)
    elif kind == "punctuation":
        _punctuation(rng, segs)
    _substitute(rng, corpus, segs, rate)
    text = "".join(w + g for w, g in segs).strip()
    return Case(qid, text, sources, kind, length, rate)


def mixed_cases(corpus: Corpus, seed: int, n: int, prefix: str = "gen") -> list[Case]:
    """`n` quotations, kinds in turn (KINDS), spans of 8–60 words (short: 6–11; cut by ellipses:
    20–60), changed words at 5–20 % (kind "edit")."""
    rng = random.Random(seed)
    cases = []
    for k in range(n):
        kind = KINDS[k % len(KINDS)]
        length = (rng.randint(6, 11) if kind == "short" else rng.randint(20, 60) if kind.startswith("ellips")
                  else rng.randint(8, 60))
        rate = rng.choice((0.05, 0.10, 0.15, 0.20)) if kind == "edit" else 0.0
        cases.append(make_case(rng, corpus, f"{prefix}-q{k + 1}", kind, length, rate))
    return cases


def negative_cases(corpus: Corpus, prefix: str = "neg") -> list[Case]:
    """Every quotation of the article that is not from the memoir, as a hard negative."""
    return [Case(f"{prefix}-q{k + 1}", text, (), "neg-third", len(text.split()), 0.0)
            for k, text in enumerate(corpus.third)]


def curve_cases(corpus: Corpus, seed: int, lengths: list[int], rates: list[float], n: int) -> list[Case]:
    """`n` quotations for each (span length, substitution rate): changed words only."""
    rng = random.Random(seed)
    cases = []
    for length in lengths:
        for rate in rates:
            for k in range(n):
                kind = "verbatim" if rate == 0 else "edit"
                cases.append(make_case(rng, corpus, f"c{length}-{round(rate * 100)}-q{k + 1}", kind, length, rate))
    return cases


def articles(corpus: Corpus, cases: list[Case], seed: int) -> list[etree._Element]:
    """TEI articles (PER_DOC quotations each), one paragraph per quotation between filler sentences."""
    rng = random.Random(seed)
    docs = []
    for d in range(0, len(cases), PER_DOC):
        paras = []
        for c in cases[d:d + PER_DOC]:
            before = " ".join(rng.choice(corpus.filler) for _ in range(rng.randint(1, 2)))
            after = rng.choice(corpus.filler)
            pid = c.qid.replace("-q", "-p")
            paras.append(f'<p xml:id="{pid}">{escape(before)} As he wrote, '
                         f'<quote xml:id="{c.qid}">“{escape(c.text)}”</quote> {escape(after)}</p>')
        docs.append(etree.fromstring(
            f'<TEI xmlns="{TEI_NS}" xml:id="gen{d // PER_DOC}"><teiHeader/><text><body>{"".join(paras)}'
            "</body></text></TEI>"))
    return docs
