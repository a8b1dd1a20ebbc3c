"""Profile `memoir`: a chapter of Hoxha's memoirs as transcribed on the web.

The web format, line by line: the author, the book title, the chapter title, the chapter
summary (a paragraph of catchphrases), then one line per paragraph; footnote markers are
digits glued to the glossed word (`pokushenie1`, `brat?”9`); after the text a line `Notes`
and the notes (`1. “Assassination attempt” (Russian in the original).`), and finally
`Next: 13. The Final Act`, a link to the next chapter.

Output: `text/front` (docAuthor, docTitle/titlePart, head, argument/p) and `text/body/p`
(`fbm-p001`…), with `said`/`q` for quotations, `foreign` + authorial `note` at each marker,
editorial notes where two notes print the same gloss, and `choice/sic+corr` from the
corrections file. Every word of the seed stays recoverable (see `diplomatic_tokens`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from ..config import TextMeta
from ..errors import EditionError
from ..xmlio import TEI_NS, parse_bytes, tei
from . import prose
from .corrections import Corrections
from .memoir_inline import (
    Block,
    Span,
    classify_quote,
    find_markers,
    glossed_extent,
    is_function_word,
    occurrences,
    pair_quotes,
    render,
)
from .result import ConvertResult
from .seed import Seed

NOTES_HEAD = re.compile(r"^\s*Notes\s*$")
NOTE_LINE = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*?)\s*$")
NEXT_LINE = re.compile(r"^\s*Next:\s*(\S.*?)\s*$")
LANG_NOTE = re.compile(r"\(\s*([A-Z][a-z]+)\s+in\s+the\s+original\s*\)")
LANGUAGES = {
    "Russian": "ru", "French": "fr", "German": "de", "Italian": "it", "Latin": "la", "Albanian": "sq",
    "English": "en", "Spanish": "es", "Greek": "el", "Serbian": "sr", "Bulgarian": "bg", "Chinese": "zh",
    "Polish": "pl", "Hungarian": "hu", "Romanian": "ro", "Rumanian": "ro", "Czech": "cs", "Turkish": "tr",
}
RECUR_MIN_LETTERS = 6  # a glossed word recurring without a marker is tagged only if this long


@dataclass
class NoteText:
    number: int
    line: int
    marked: str  # the note's text after the number, corrections marked
    lang: str | None


@dataclass
class Layout:
    author: tuple[int, str]
    title: tuple[int, str]
    head: tuple[int, str]
    argument: tuple[int, str] | None
    paragraphs: list[tuple[int, str]]
    notes_line: int | None
    notes: list[NoteText]
    next_title: str | None


def _nonblank(s: str) -> bool:
    return bool(s.strip())


def read_layout(seed: Seed, marked: list[str], corrections: Corrections) -> Layout:
    """Split the marked seed lines into front matter, paragraphs, notes and the next link."""
    where = str(seed.path)
    n = len(marked)
    next_i = next((i for i in range(n - 1, -1, -1) if NEXT_LINE.match(marked[i])), None)
    notes_i = next((i for i in range(n - 1, -1, -1) if NOTES_HEAD.match(marked[i])), None)
    end_text = notes_i if notes_i is not None else (next_i if next_i is not None else n)
    if next_i is not None and next_i < end_text:
        raise EditionError(f"{where}:{next_i + 1}: 'Next:' line before the end of the text")
    front = [(i + 1, marked[i].strip()) for i in range(end_text) if _nonblank(marked[i])]
    if len(front) < 4:
        raise EditionError(
            f"{where}: a memoir chapter needs author, book title, chapter title and at least one "
            f"paragraph before the Notes; found {len(front)} non-empty line(s)"
        )
    has_summary = len(front) > 4 and is_summary(corrections.corr_of(front[3][1]))
    notes: list[NoteText] = []
    if notes_i is not None:
        stop = next_i if next_i is not None and next_i > notes_i else n
        for i in range(notes_i + 1, stop):
            line = marked[i]
            if not _nonblank(line):
                continue
            m = NOTE_LINE.match(line)
            if m:
                text = m.group(2)
                lm = LANG_NOTE.search(corrections.corr_of(text))
                lang = LANGUAGES.get(lm.group(1)) if lm else None
                notes.append(NoteText(int(m.group(1)), i + 1, text, lang))
            elif notes:
                notes[-1].marked += " " + line.strip()
            else:
                raise EditionError(f"{where}:{i + 1}: expected a note ('N. text') after the Notes heading")
        seen: dict[int, int] = {}
        for nt in notes:
            if nt.number in seen:
                raise EditionError(f"{where}:{nt.line}: note {nt.number} is listed twice (also on line {seen[nt.number]})")
            seen[nt.number] = nt.line
    next_title = None
    if next_i is not None:
        next_title = corrections.corr_of(NEXT_LINE.match(marked[next_i]).group(1))  # type: ignore[union-attr]
    return Layout(front[0], front[1], front[2], front[3] if has_summary else None, front[4 if has_summary else 3 :],
                  notes_i + 1 if notes_i is not None else None, notes, next_title)


def is_summary(text: str) -> bool:
    """A chapter summary is a string of catchphrases: at least three sentences of at most
    nine words on average (a paragraph of the text has longer sentences, or fewer)."""
    sentences = [x for x in re.split(r"(?<=[.?!])[”’]?\s+", text.strip()) if x.strip()]
    return len(sentences) >= 3 and len(text.split()) / len(sentences) <= 9


def join_broken(paragraphs: list[tuple[int, str]], corrections: Corrections) -> list[list[tuple[int, str]]]:
    """Group lines into paragraphs: a line starting with a lower-case letter continues the previous
    line when that one does not end a sentence (a paragraph the extraction broke mid-sentence)."""
    groups: list[list[tuple[int, str]]] = []
    for line, text in paragraphs:
        prev = corrections.corr_of(groups[-1][-1][1]).rstrip() if groups else ""
        if groups and corrections.corr_of(text)[:1].islower() and not re.search(r"[.?!:;”’)…\d]$", prev):
            groups[-1].append((line, text))
        else:
            groups.append([(line, text)])
    return groups


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _gloss_words(note: NoteText, corrections: Corrections) -> int:
    """How many words the gloss has: the quoted part of the note, else the note minus '(… in the original)'."""
    text = corrections.corr_of(note.marked)
    m = re.search(r"“([^”]+)”", text)
    gloss = m.group(1) if m else LANG_NOTE.sub("", text)
    return max(1, len(re.findall(r"[^\W_][\w’'-]*", gloss)))


def _shared_gloss_text(a: NoteText, b: NoteText, words: dict[int, str], corrections: Corrections, lines: tuple[int, int]) -> str:
    """The editorial note for two authorial notes that print the same gloss."""
    gloss = corrections.corr_of(a.marked)
    quoted = re.search(r"“([^”]+)”", gloss)
    core = (quoted.group(1) if quoted else gloss).rstrip(".")
    parts = [p.strip() for p in re.split(r"\s+and\s+", core)]
    wa, wb = words.get(a.number, "?"), words.get(b.number, "?")
    text = (
        f"Notes {a.number} and {b.number} print the same gloss, {gloss.split(' (')[0]} Note {a.number} is attached "
        f"to {wa} and note {b.number} to {wb}"
        + (f", which stand together in the text (seed line {lines[0]})." if lines[0] == lines[1]
           else f" (seed lines {lines[0]} and {lines[1]}).")
    )
    if len(parts) == 2:
        text += (
            f" The gloss covers both words: read in the order of the words, {wa} is “{parts[0][:1].lower()}{parts[0][1:]}”"
            f" and {wb} “{parts[1]}”. The source repeats the combined gloss instead of giving each word its own;"
            " the authorial notes are kept as printed."
        )
    else:
        text += " The source gives no separate gloss for each word; the authorial notes are kept as printed."
    return text


class _Converter:
    def __init__(self, seed: Seed, meta: TextMeta, corrections: Corrections, template: dict[str, Any]):
        self.seed, self.meta, self.corr = seed, meta, corrections
        self.prose = template  # the encoding description's words (convert.prose)
        self.warnings: list[str] = []
        self.languages: set[str] = set()
        self.joined: list[int] = []  # first seed lines of joined paragraphs

    def reading(self, s: str) -> str:
        return self.corr.corr_of(s)

    def sic_pair(self, i: int) -> tuple[str, str]:
        row = self.corr.rows[i]
        return row.sic, row.corr

    def block(self, line: int, marked: str, more: list[tuple[int, str]] | None = None) -> Block:
        """A paragraph from one seed line, or several when the extraction broke it (`more`)."""
        clean, markers = find_markers(marked, line)
        b = Block(line, clean, markers)
        for cont_line, cont in more or []:
            c_clean, c_markers = find_markers(cont, cont_line)
            base = len(b.clean) + 1
            b.points.append((base, f'<milestone unit="seed-line" n="{cont_line}"/>'))
            b.clean += " " + c_clean
            b.markers += [replace(m, pos=m.pos + base) for m in c_markers]

        def warn(msg: str) -> None:
            self.warnings.append(f"{self.seed.path}:{line}: {msg}")

        b.quotes = pair_quotes(clean, self.sic_pair, warn)
        for q in b.quotes:
            q.tag = classify_quote(q, clean, self.reading)
            b.spans.append(Span(q.start, q.end, f"<{q.tag}>", f"</{q.tag}>", 0))
        return b

    def inline_xml(self, b: Block) -> str:
        xml = render(b, lambda msg: self.warnings.append(f"{self.seed.path}:{b.line}: {msg}"))
        return self.corr.expand(xml)

    def element(self, name: str, inner: str, attrs: str = "") -> etree._Element:
        data = f'<{name} xmlns="{TEI_NS}"{attrs}>{inner}</{name}>'.encode()
        return parse_bytes(data, f"{self.seed.path} ({name})").getroot()

    def convert(self) -> ConvertResult:
        seed, corr, tid = self.seed, self.corr, self.meta.id
        where = str(seed.path)
        marked = [corr.mark(i, line) for i, line in enumerate(seed.lines, 1)]
        lay = read_layout(seed, marked, corr)
        notes = {nt.number: nt for nt in lay.notes}

        arg = self.block(*lay.argument) if lay.argument else Block(0, "")
        if lay.argument is None:
            self.warnings.append(f"{where}:{lay.head[0] + 1}: no chapter summary (argument) after the chapter title")
        groups = join_broken(lay.paragraphs, corr)
        blocks = [self.block(g[0][0], g[0][1], g[1:]) for g in groups]
        self.joined = [line for g in groups if len(g) > 1 for line, _ in g[1:]]
        for stray in arg.markers:
            raise EditionError(f"{where}:{stray.line}: footnote marker {stray.number} in the chapter summary")

        # Markers ↔ notes: each marker has exactly one note text and each note exactly one marker.
        found: dict[int, tuple[Block, int]] = {}
        for b in blocks:
            for k, mk in enumerate(b.markers):
                word = [w.strip("“”‘’\"?!.,;:()") for w in self.reading(b.clean[max(0, mk.pos - 40) : mk.pos]).split()[-1:]] or ["?"]
                if mk.number not in notes:
                    listed = ", ".join(str(x) for x in sorted(notes)) or "none"
                    raise EditionError(
                        f"{where}:{mk.line}: footnote marker {mk.number} (after “{word[0]}”) has no note text: "
                        + (f"the Notes list (line {lay.notes_line}) has notes {listed}" if lay.notes_line else "the seed has no Notes list")
                    )
                if mk.number in found:
                    other = found[mk.number][0].line
                    raise EditionError(f"{where}:{mk.line}: footnote marker {mk.number} occurs twice (also on line {other})")
                found[mk.number] = (b, k)
        for nt in lay.notes:
            if nt.number not in found:
                have = ", ".join(str(x) for x in sorted(found)) or "none"
                raise EditionError(
                    f"{where}:{nt.line}: note {nt.number} ({_short(self.reading(nt.marked))}) in the Notes list has no marker in the text; "
                    f"markers found: {have}"
                )

        # Glossed words: foreign + authorial note at the marker.
        glossed: dict[int, str] = {}
        phrases: dict[str, str | None] = {}
        for number in sorted(found):
            b, k = found[number]
            mk, nt = b.markers[k], notes[number]
            ext = glossed_extent(b, mk, _gloss_words(nt, corr), self.reading)
            if ext is None:
                self.warnings.append(f"{where}:{mk.line}: footnote marker {number} follows no word; no foreign element")
            else:
                lang_attr = f' xml:lang="{nt.lang}"' if nt.lang else ""
                b.spans.append(Span(ext[0], ext[1], f"<foreign{lang_attr}>", "</foreign>", 1))
                glossed[number] = self.reading(b.clean[ext[0] : ext[1]])
                phrases.setdefault(glossed[number], nt.lang)
            if nt.lang:
                self.languages.add(nt.lang)
            elif ext is not None:
                self.warnings.append(f"{where}:{nt.line}: note {number} names no known language; foreign without xml:lang")
            note_xml = (
                f'<note type="authorial" place="foot" n="{number}" xml:id="{tid}-n{number}">'
                f"{corr.expand(escape(nt.marked))}</note>"
            )
            b.points.append((mk.pos, note_xml))

        # Notes that print the same gloss get an editorial note after the later one.
        en = 0
        shared: list[str] = []
        seen_gloss: dict[str, NoteText] = {}
        for nt in sorted(lay.notes, key=lambda x: x.number):
            key = " ".join(self.reading(nt.marked).split())
            if key in seen_gloss:
                first = seen_gloss[key]
                en += 1
                shared.append(f"notes {first.number} and {nt.number}")
                b, k = found[nt.number]
                text = _shared_gloss_text(first, nt, glossed, corr, (found[first.number][0].line, b.line))
                b.points.append((b.markers[k].pos, (
                    f'<note type="editorial" resp="#editors" xml:id="{tid}-en{en}" target="#{tid}-n{nt.number}">'
                    f"{escape(text)}</note>"
                )))
            else:
                seen_gloss[key] = nt

        # A glossed word that recurs without a marker is foreign there too.
        for phrase, lang in sorted(phrases.items()):
            if sum(c.isalpha() for c in phrase) < RECUR_MIN_LETTERS or all(is_function_word(w) for w in phrase.split()):
                continue
            for b in [arg, *blocks]:
                for s, e in occurrences(b.clean, phrase):
                    if any(sp.start < e and s < sp.end and sp.open_tag.startswith("<foreign") for sp in b.spans):
                        continue
                    lang_attr = f' xml:lang="{lang}"' if lang else ""
                    b.spans.append(Span(s, e, f"<foreign{lang_attr}>", "</foreign>", 1))

        text = etree.Element(tei("text"))
        front = etree.SubElement(text, tei("front"))
        front.append(self.element("docAuthor", corr.expand(escape(lay.author[1]))))
        doc_title = etree.SubElement(front, tei("docTitle"))
        doc_title.append(self.element("titlePart", corr.expand(escape(lay.title[1])), ' type="main"'))
        front.append(self.element("head", corr.expand(escape(lay.head[1]))))
        if lay.argument is not None:
            argument = etree.SubElement(front, tei("argument"))
            argument.append(self.element("p", self.inline_xml(arg), f' xml:id="{tid}-argument-p1"'))
        body = etree.SubElement(text, tei("body"))
        for n, b in enumerate(blocks, 1):
            body.append(self.element("p", self.inline_xml(b), f" xml:id={quoteattr(f'{tid}-p{n:03d}')}"))

        return ConvertResult(
            text=text,
            decl=self.decl(len(found), shared, lay.title[1]),
            languages=self.languages,
            next_title=lay.next_title,
            source_titles=[corr.corr_of(lay.head[1])],
            warnings=self.warnings,
        )

    def decl(self, n_notes: int, shared: list[str], title: str) -> dict[str, list[str]]:
        """The editorialDecl paragraphs: the template's words (editorial/encoding/memoir.toml), these facts."""
        t, corr = self.prose, self.corr
        title_sic, title_corr = corr.sic_of(title), corr.corr_of(title)
        return prose.decl(
            t,
            id=self.meta.id,
            n_corrections=len(corr),
            n_notes=n_notes,
            title_note=prose.part(t, "title_note", title_sic=title_sic, title_corr=title_corr)
            if title_sic != title_corr else "",
            joined=prose.part(t, "joined_some", lines=", ".join(str(n) for n in self.joined))
            if self.joined else prose.part(t, "joined_none"),
            shared=prose.part(t, "shared_some", notes="; ".join(shared)) if shared else prose.part(t, "shared_none"),
        )


def convert(seed: Seed, meta: TextMeta, corrections: Corrections,
            template: dict[str, Any] | None = None) -> ConvertResult:
    """Convert a memoir chapter in the web format into a TEI `text` (see the module docstring);
    `template` holds the encoding description's words (convert.prose; default: the toolkit's)."""
    return _Converter(seed, meta, corrections, template or prose.load(None, "memoir")).convert()
