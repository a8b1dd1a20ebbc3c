"""The `wikitext` profile: a WikiText-103 article (tokenised Wikipedia text) into TEI.

Structure: `= = X = =` headings become nested `div`s (level 2 `section`, deeper `subsection`)
with a `head`; the untitled lead is the first div (`<id>-lead`); a level-1 `= X =` title line
goes to `front/docTitle`. Each non-blank line is a paragraph, except that a paragraph the
extraction broke mid-sentence is re-joined with the next line (with a `milestone` where the
seed's line break was). Text rules live in `wikitext_tokens` (cutting into tokens),
`wikitext_quotes` (pairing quotation marks) and `wikitext_inline` (lost dashes, spacing,
markup). Every rule is stated in the header's editorialDecl (`DECL` below), and everything
uncertain is reported as a warning "seed:line: message".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..config import TextMeta
from ..errors import EditionError
from ..xmlio import TEI_NS, XML_ID, append_subtree, parse_bytes, tei
from . import prose
from .corrections import Corrections
from .result import ConvertResult
from .seed import Seed
from .wikitext_inline import decide_spacing, read_dashes, render
from .wikitext_quotes import QUOTE_MIN_WORDS, pair_quotes
from .wikitext_tokens import UNK, Tok, tokenize_line

_HEADING = re.compile(r"^\s*(=(?: ?=)*)\s+(.*?)\s*$")  # `= = X = =`, also MediaWiki's `== X ==`
_CLOSING = re.compile(r"\s+(=(?: ?=)*)$")
_FINAL_CHARS = ".!?:;…"


@dataclass
class Heading:
    line: int
    level: int
    text: str  # correction-marked text between the = marks


@dataclass
class Para:
    lines: list[int]  # seed lines joined into this paragraph (first = where it starts)
    truncated: bool = False


@dataclass
class Div:
    ident: str
    level: int
    heading: Heading | None
    parent: Div | None = None
    items: list[Para | Div] = field(default_factory=list)


def _parse_heading(line: str, line_no: int, name: str, warnings: list[str]) -> Heading | None:
    """A `= = X = =` line as a Heading (None: not a heading). Malformed ones are reported."""
    m = _HEADING.match(line)
    if not m or not m.group(2) or m.group(2).startswith("="):
        return None
    opening = m.group(1).count("=")
    rest = m.group(2)
    c = _CLOSING.search(" " + rest)
    if c:
        closing = c.group(1).count("=")
        text = (" " + rest)[: c.start()].strip()
        if not text:
            return None
        if closing != opening:
            warnings.append(f"{name}:{line_no}: malformed heading {line.strip()!r} read as level {opening} "
                            f"(opened with {opening} '=', closed with {closing})")
    else:
        text = rest.strip()
        warnings.append(f"{name}:{line_no}: heading {line.strip()!r} is never closed; read as level {opening}")
    return Heading(line_no, opening, text)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def _ends_sentence(plain: str) -> bool:
    """Whether a line ends a sentence (closing quotes and brackets after the punctuation allowed)."""
    core = plain.rstrip().rstrip("\"'’”)] ")
    return bool(core) and core[-1] in _FINAL_CHARS


def _open_brackets(plain: str) -> int:
    depth = 0
    for ch in plain:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth


def _closes_first(plain: str) -> bool:
    """Whether the line closes a bracket it did not open (continuing an earlier line)."""
    depth = 0
    for ch in plain:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                return True
            depth -= 1
    return False


def _starts_lower(plain: str) -> bool:
    first = re.search(r"[^\W\d_]", plain)
    lead = plain[: first.start()] if first else ""
    return first is not None and first.group().islower() and not re.search(r"[\w.!?]", lead)


def _ends_with_opening_mark(plain: str) -> bool:
    """A line ending with a free-standing quotation mark after a word or comma (`despite "`) has
    opened a quotation: a paragraph does not end so."""
    m = re.search(r"(\S*)\s+[\"']\s*$", plain)
    return m is not None and bool(m.group(1)) and m.group(1)[-1] not in _FINAL_CHARS + "\"'"


def continues(prev_plain: str, next_plain: str) -> bool:
    """The re-joining rule: the previous line stops mid-sentence and this line carries it on."""
    if _ends_sentence(prev_plain):
        return False
    return (
        _starts_lower(next_plain)
        or (_open_brackets(prev_plain) > 0 and _closes_first(next_plain))
        or _ends_with_opening_mark(prev_plain)
    )


class _Builder:
    def __init__(self, seed: Seed, meta: TextMeta, corrections: Corrections, template: dict[str, Any]):
        self.seed, self.meta, self.corr = seed, meta, corrections
        self.prose = template  # the encoding description's words (convert.prose)
        self.name = seed.name
        self.warnings: list[str] = []
        self.ids: set[str] = set()
        self.quote_no = 0
        self.joins: list[int] = []
        self.truncations: list[int] = []
        self.dashes = 0
        self.straight = 0
        self.quotes = {"quote": 0, "q": 0}
        self.marked = [corrections.mark(n, raw) for n, raw in enumerate(seed.lines, 1)]
        self.plain = [corrections.corr_of(line) for line in self.marked]

    def unique(self, base: str) -> str:
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    # -- structure -------------------------------------------------------------------------
    def outline(self) -> tuple[Heading | None, Div]:
        title: Heading | None = None
        root = Div(ident="", level=1, heading=None)
        current = root
        lead: Div | None = None
        last_para: Para | None = None
        for n, line in enumerate(self.marked, 1):
            if not line.strip():
                continue
            head = _parse_heading(line, n, self.name, self.warnings)
            if head is not None:
                last_para = None
                if head.level == 1:
                    if title is None and not root.items:
                        title = head
                        continue
                    self.warnings.append(f"{self.name}:{n}: a level-1 heading inside the article; read as level 2")
                    head.level = 2
                while current is not root and current.level >= head.level:
                    current = current.parent  # type: ignore[assignment]
                if head.level > 2 and (current.level < head.level - 1 or current is lead):
                    where = "the lead" if current is lead else "the enclosing section"
                    self.warnings.append(f"{self.name}:{n}: level-{head.level} heading without a level-"
                                         f"{head.level - 1} heading before it; nested in {where}")
                slug = slugify(self.corr.corr_of(_dash_free(head.text)))
                div = Div(self.unique(f"{self.meta.id}-{slug}"), head.level, head, current)
                current.items.append(div)
                current = div
                continue
            if last_para is not None and continues(self.plain[last_para.lines[-1] - 1], self.plain[n - 1]):
                last_para.lines.append(n)
                self.joins.append(n)
                continue
            if current is root:
                if lead is None:
                    lead = Div(self.unique(f"{self.meta.id}-lead"), 2, None, root)
                    root.items.append(lead)
                current = lead
            last_para = Para([n])
            current.items.append(last_para)
        self._mark_truncations(root)
        return title, root

    def _mark_truncations(self, div: Div) -> None:
        for item in div.items:
            if isinstance(item, Div):
                self._mark_truncations(item)
            elif not _ends_sentence(self.plain[item.lines[-1] - 1]):
                item.truncated = True
                self.truncations.append(item.lines[-1])
                tail = " ".join(self.seed.lines[item.lines[-1] - 1].split()[-4:])
                self.warnings.append(f"{self.name}:{item.lines[-1]}: paragraph ends mid-sentence (…{tail}); "
                                     "marked <gap reason=\"truncated\"/>")

    # -- inline ----------------------------------------------------------------------------
    def tokens(self, lines: list[int], text: str | None = None) -> list[Tok]:
        toks: list[Tok] = []
        for k, n in enumerate(lines):
            line_toks = tokenize_line(self.marked[n - 1] if text is None else text, n, self.corr.corr_of)
            if k and line_toks:
                line_toks[0].milestone = n
            toks.extend(line_toks)
        return toks

    def inline(self, lines: list[int], truncated: bool = False, text: str | None = None) -> str:
        """One paragraph (or, with `text`, a heading's text) as escaped XML with inline markup."""
        toks = self.tokens(lines, text)
        spans, unpaired = pair_quotes(toks, truncated)
        read_dashes(toks)
        decide_spacing(toks)
        for s in spans:
            self.quotes[s.element] += 1
            if s.element == "quote":
                self.quote_no += 1
                s.ident = self.unique(f"{self.meta.id}-q{self.quote_no}")
        self.dashes += sum(1 for t in toks if t.dash)
        for t in toks:
            if t.dash_cert:
                self.warnings.append(f"{self.name}:{t.line}: '?' before a quotation read as a lost dash (conjecture)")
        for t in toks:
            if t.kind == UNK:
                self.warnings.append(f"{self.name}:{t.line}: '<unk>': the corpus replaced a rare word here; kept as text")
        self._report_unpaired(toks, unpaired)
        return self.corr.expand(render(toks, spans, truncated))

    def _report_unpaired(self, toks: list[Tok], unpaired: list[int]) -> None:
        self.straight += len(unpaired)
        by_line: dict[int, list[str]] = {}
        for i in unpaired:
            by_line.setdefault(toks[i].line, []).append(toks[i].text)
        for line, marks in by_line.items():
            kinds = " and ".join(sorted({"double" if m == '"' else "single" for m in marks}))
            self.warnings.append(f"{self.name}:{line}: {len(marks)} {kinds} quotation mark(s) left straight "
                                 "(pairing not certain)")

    def fragment(self, name: str, content: str, line: int, **attrs: str) -> etree._Element:
        attr = "".join(f' {k}="{v}"' for k, v in attrs.items())
        xml = f'<{name} xmlns="{TEI_NS}" xmlns:xml="http://www.w3.org/XML/1998/namespace"{attr}>{content}</{name}>'
        try:
            el = parse_bytes(xml.encode("utf-8"), f"{self.name}:{line}").getroot()
        except EditionError as exc:  # a bug in the rules, never the user's fault
            raise EditionError(f"{self.name}:{line}: internal error, the converted text is not well-formed: {exc}") from None
        if el.text is None and len(el):
            el.text = ""  # mixed content: keep the serialiser from indenting a paragraph that is one quotation
        return el

    # -- TEI ---------------------------------------------------------------------------------
    def div_element(self, div: Div) -> etree._Element:
        el = etree.Element(tei("div"), {"type": "section" if div.level <= 2 else "subsection"})
        el.set(XML_ID, div.ident)
        if div.heading is not None:
            el.append(self.fragment("head", self.inline([div.heading.line], text=div.heading.text), div.heading.line))
        pn = 0
        for item in div.items:
            if isinstance(item, Div):
                append_subtree(el, self.div_element(item))
            else:
                pn += 1
                p = self.fragment("p", self.inline(item.lines, item.truncated), item.lines[0],
                                  **{"xml:id": self.unique(f"{div.ident}-p{pn}")})
                el.append(p)
        if not div.items:
            etree.SubElement(el, tei("gap"), reason="not-in-seed")
            line = div.heading.line if div.heading else 0
            self.warnings.append(f"{self.name}:{line}: section has no text in the seed; marked <gap reason=\"not-in-seed\"/>")
        return el

    def build(self) -> ConvertResult:
        title, root = self.outline()
        text = etree.Element(tei("text"), nsmap={None: TEI_NS})
        if title is not None:
            front = etree.SubElement(text, tei("front"))
            doc_title = etree.SubElement(front, tei("docTitle"))
            doc_title.append(self.fragment("titlePart", self.inline([title.line], text=title.text), title.line, type="main"))
        body = etree.SubElement(text, tei("body"))
        for item in root.items:
            append_subtree(body, self.div_element(item))  # type: ignore[arg-type]
        if not len(body):
            raise EditionError(f"{self.seed.path}: no paragraph or heading found; is this a WikiText-103 article?")
        return ConvertResult(text=text, decl=self.decl(), languages={self.meta.language}, warnings=self.warnings)

    def decl(self) -> dict[str, list[str]]:
        """The editorialDecl paragraphs: the template's words (editorial/encoding/wikitext.toml), these facts."""
        return prose.decl(
            self.prose,
            id=self.meta.id,
            dashes=self.dashes,
            quote_min_words=QUOTE_MIN_WORDS,
            n_quote=self.quotes["quote"],
            n_q=self.quotes["q"],
            straight=self.straight,
            joined=", ".join(str(n) for n in self.joins) or "none",
            cut=", ".join(str(n) for n in self.truncations) or "none",
        )


def _dash_free(text: str) -> str:
    """Heading text for an id: a '?' (a lost dash) separates words like a space."""
    return text.replace("?", " ")


def convert(seed: Seed, meta: TextMeta, corrections: Corrections,
            template: dict[str, Any] | None = None) -> ConvertResult:
    """Convert a WikiText-103 seed into the tei:text element and the facts for the header;
    `template` holds the encoding description's words (convert.prose; default: the toolkit's)."""
    return _Builder(seed, meta, corrections, template or prose.load(None, "wikitext")).build()

