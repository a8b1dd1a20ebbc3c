"""How much of a TEI document's text an output lost: the words a reader of the source must find again.

`source_words` reads the words of a document's <text>, <sourceDoc> and <facsimile>, and of the parts of its
header that the reading page and the book's introduction show (the manuscript descriptions, sourceDesc//msDesc; the
profile's correspDesc, creation, abstract and keywords), as a reader sees them:
breaks inside a word (lb/pb/cb with break="no" or type="hyphenInWord") join it, elements standing side by
side without text between them (list items, the parts of a manuscript identifier) are separate words,
phrase markup inside a word is not, notes and index entries stand apart, so do gi/tag/att/val and the
elements of examples (egXML), which are shown with their markup, and superscripts and subscripts
(hi rend="sup"), which a PDF's text gives apart, and the deliberate suppressions (and the code of SVG
scripts and styles)
of xslt/common/suppressed.xml are left out. `missing` lists those not found in an output's text (compared
without white space, so a word the output runs together with its neighbour is not counted as lost).
Used by tests/test_render_cases.py and bench/text_loss.py.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from lxml import etree

from .. import resources
from ..xmlio import TEI_NS, parse_file

_ROOTS = tuple(f"{{{TEI_NS}}}{n}" for n in ("text", "sourceDoc", "facsimile"))
_BREAKS = ("lb", "pb", "cb")
_MARKS = ("gap", "space")  # shown as a sign ([…]) or a space: a word boundary
#: Printed away from their place (notes, index entries) or with signs around them (<gi>, @att …).
_APART = ("note", "index", "gi", "tag", "att", "val")
#: Code, not text: never shown (scripts are dropped from SVG for safety).
_CODE = {("http://www.w3.org/2000/svg", "script"), ("http://www.w3.org/2000/svg", "style")}
#: Examples of markup (egXML) are shown as markup: every tag is a boundary.
_EXAMPLES = "http://www.tei-c.org/ns/Examples"


def suppressed(xslt_root: Path | None = None) -> set[str]:
    """The element names of the suppressions table."""
    table = (xslt_root or resources.xslt_root()) / "common" / "suppressed.xml"
    return {e.get("name", "") for e in parse_file(table).getroot() if isinstance(e.tag, str)}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text))


def source_words(root: etree._Element, leave_out: set[str]) -> list[str]:
    """The words a reader of `root` (a TEI or teiCorpus element) must find in an output."""
    parts: list[str] = []
    decls: dict[str, etree._Element] = {}  # the charDecl's char and glyph by id (the first of an id, as key() finds it)
    for d in root.getroottree().getroot().iter(f"{{{TEI_NS}}}char", f"{{{TEI_NS}}}glyph"):
        decls.setdefault(d.get("{http://www.w3.org/XML/1998/namespace}id") or "", d)

    def walk(el: etree._Element) -> None:
        qn = etree.QName(el)
        if qn.namespace == TEI_NS and qn.localname in leave_out or (qn.namespace, qn.localname) in _CODE:
            return
        parent = el.getparent()
        raised = qn.localname == "hi" and re.search(r"sup|sub", el.get("rend", ""))  # set apart in a PDF's text
        apart = (parent is None or qn.localname in _APART or qn.namespace == _EXAMPLES or bool(raised)
                 or not ((parent.text or "").strip() or any((c.tail or "").strip() for c in parent)))
        joins = qn.localname in _BREAKS and (el.get("break") == "no" or el.get("type") == "hyphenInWord")
        parts.append(" " if apart or (qn.localname in _BREAKS and not joins) or qn.localname in _MARKS else "")
        parts.append(el.text or "")
        if qn.localname == "g" and qn.namespace == TEI_NS and not "".join(el.itertext()).strip():
            parts.append(_glyph(el, decls))  # an empty g shows its character (Held<g ref="#trunc"/>gebein: "Held.gebein")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        parts.append(" " if apart or qn.localname in _MARKS else "")

    for el in root.iter(*_ROOTS):
        if not any(a.tag in _ROOTS for a in el.iterancestors()):
            walk(el)
    # the manuscript descriptions and the profile of a header (correspondence, creation, abstract, keywords), which
    # both outputs show (catalogue records, EpiDoc inscriptions, letters: their first facts)
    for tei in [root] if root.tag == f"{{{TEI_NS}}}TEI" else root.iter(f"{{{TEI_NS}}}TEI"):
        for desc in tei.xpath("t:teiHeader/t:fileDesc/t:sourceDesc//t:msDesc[not(ancestor::t:msDesc)]"
                              " | t:teiHeader/t:profileDesc/t:correspDesc | t:teiHeader/t:profileDesc/t:creation"
                              " | t:teiHeader/t:profileDesc/t:abstract | t:teiHeader/t:profileDesc/t:textClass/t:keywords/t:term"
                              " | t:teiHeader/t:profileDesc/t:textClass/t:keywords/t:list/t:item",
                              namespaces={"t": TEI_NS}):
            walk(desc)
    return words("".join(parts))


def _glyph(g: etree._Element, decls: dict[str, etree._Element]) -> str:
    """What the outputs show for an empty g, as xslt/common/coverage.xsl f:glyph finds it: the character or glyph
    its @ref names in the document (`decls`: by id; a standard or normalised mapping, else any mapping, else its
    name or description), else nothing."""
    ref = (g.get("ref") or "").strip()
    target = ref.split("#", 1)[1] if "#" in ref else ""
    decl = decls.get(target) if target else None
    if decl is None:
        return ""
    t = f"{{{TEI_NS}}}"
    mappings = decl.findall(f"{t}mapping")
    named = [(c.get("value") or "") if c.tag == f"{t}localProp" else "".join(c.itertext()) for c in decl
             if c.tag in (f"{t}charName", f"{t}glyphName", f"{t}desc") or (c.tag == f"{t}localProp" and c.get("name") == "Name")]
    found = ["".join(m.itertext()) for m in mappings if m.get("type") in ("standard", "normalized", "normalised")]
    for text in (*found, *("".join(m.itertext()) for m in mappings), *named):
        if text.split():
            return " ".join(text.split())
    return ""


def _without_marks(s: str) -> str:
    """`s` without combining marks (Mn) and format characters (Cf: the bidi embeddings pdftotext puts around
    right-to-left runs)."""
    return "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Cf"))


def missing(expected: list[str], text: str, *, marks_apart: bool = False) -> list[str]:
    """The expected words not in `text` (compared without white space). `marks_apart`: compare without combining
    marks (a PDF's text, in which pdftotext gives the vowel signs of Arabic or Hebrew apart from their letters, as
    glyphs of their own: "الجم ُ ل" for "الجملُ", and wraps right-to-left runs in bidi embeddings); the letters must
    still be there, in order."""
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    if marks_apart:
        flat = _without_marks(flat)
        return [w for w in expected if _without_marks(w) not in flat]
    return [w for w in expected if w not in flat]


def pdf_text(pdf: Path) -> str:
    """The text of a PDF by pdftotext (poppler-utils), words hyphenated at a line end joined again;
    a word hyphenated across a page break (running heads and page numbers between its halves) is
    appended whole at the end."""
    import subprocess

    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    joined = re.sub(r"(\w)[-\u00ad\u2010]\n(\w)", r"\1\2", text)
    lines = [ln.strip() for ln in text.splitlines()]
    halves = []
    for i, line in enumerate(lines):
        hit = re.search(r"(\w+)[-\u00ad\u2010]$", line)
        if hit:  # with the first word of each of the next few lines (page number, running head, the rest)
            for nxt in lines[i + 1 : i + 14]:
                first = re.match(r"\w+", nxt.replace("\f", "").strip())
                if first:
                    halves.append(hit.group(1) + first.group(0))
    return joined + "\n" + " ".join(halves)
