"""A block's reading text as one string, mapped back to the tree, and wrapping of spans.

Enrichment searches the *corrected* reading of each block (paragraph, head, note…): the
text of `corr`/`reg` counts, `sic`/`orig` do not; nested blocks (a note inside a
paragraph) are cut out and searched on their own; empty elements (`lb`, `milestone`,
`pb`) read as a space, an `anchor` as nothing. Text inside elements a scholar (or an earlier run) already
tagged — persName, placeName, orgName, rs, date, foreign, name… — is *protected*: a
match touching it is never wrapped.

`wrap_span` puts a new element around a span of that string. The span may cross inline
markup (a `choice` for a corrected dash inside a date, an `lb`); when the span is exactly
the corrected word of a `choice`, the new element goes around the whole `choice`, so
`<persName><choice><sic>Yef remov</sic><corr>Yefremov</corr></choice></persName>`.
Inside a span the new element takes inline markup with it; it never splits an element.
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, field

from lxml import etree

from ..xmlio import TEI_NS, tei

#: Elements whose content is searched as a unit of text.
BLOCKS = frozenset(tei(n) for n in (
    "p", "ab", "head", "note", "item", "label", "l", "cell", "titlePart", "docAuthor",
    "byline", "dateline", "salute", "signed", "trailer", "closer", "opener", "bibl", "desc",
))
#: Existing markup that enrichment never enters nor re-tags.
PROTECTED = frozenset(tei(n) for n in (
    "persName", "placeName", "orgName", "rs", "name", "date", "time", "foreign", "geogName",
    "roleName", "term", "ref", "ptr", "idno", "num", "measure", "gloss",
))
#: Alternatives of a choice that are not the reading text.
HIDDEN = frozenset(tei(n) for n in ("sic", "orig", "abbr", "del", "surplus", "fw", "gap"))
#: Empty elements that read as a space.
SPACERS = frozenset(tei(n) for n in ("lb", "milestone", "pb", "cb", "space"))
#: Empty elements that read as nothing: an anchor is a point in the text (`edition link` puts
#: anchors around a quotation's differences; names and dates are found across them).
POINTS = frozenset(tei(n) for n in ("anchor",))
#: A match covering the whole reading text of an inline element (a choice's corr, a q with
#: “Kirov” in a longer name) may be lifted out of it; blocks and protected elements never.
def _liftable(el: etree._Element) -> bool:
    return el.tag not in BLOCKS and el.tag not in PROTECTED
#: Character standing for a nested block: it never occurs in XML text, so nothing matches across it.
BREAK = "\x00"
CHOICE = tei("choice")


@dataclass
class Segment:
    """A run of the flat string that is `node.text` (kind 'text') or `node.tail` (kind 'tail')."""

    node: etree._Element
    kind: str
    start: int
    end: int

    @property
    def container(self) -> etree._Element:
        return self.node if self.kind == "text" else self.node.getparent()


CONTEXT = 1000  # characters before and after a match that context rules (entities.toml, dates) see


@dataclass
class FlatBlock:
    """The reading text of one block and how its characters map back to the tree."""

    block: etree._Element
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    protected: list[tuple[int, int, etree._Element]] = field(default_factory=list)
    nested: list[etree._Element] = field(default_factory=list)
    spans: list[tuple[int, int, etree._Element]] = field(default_factory=list)

    def within(self, pos: int, tags: frozenset[str]) -> bool:
        """True when position `pos` lies inside an element (of this block, or around it) with one of `tags`."""
        if any(s <= pos < e and el.tag in tags for s, e, el in self.spans):
            return True
        anc = self.block
        while anc is not None:
            if anc.tag in tags:
                return True
            anc = anc.getparent()
        return False

    def before(self, pos: int) -> str:
        """The text up to `pos`, at most CONTEXT characters of it: what context rules search (a rule
        searching the whole block text before each of thousands of names would cost their square)."""
        return self.text[max(0, pos - CONTEXT):pos]

    def after(self, pos: int) -> str:
        """The text from `pos`, at most CONTEXT characters of it (see `before`)."""
        return self.text[pos:pos + CONTEXT]

    def _index(self) -> tuple[list[int], list[int]]:
        """The protected spans' starts in order, and the largest end among each prefix of them (built once
        per state of `protected`): each query below is a binary search, not a scan (a block with
        thousands of names would otherwise cost their square)."""
        cached = getattr(self, "_cached_index", None)
        if cached is None or cached[0] != len(self.protected):
            spans = sorted((s, e) for s, e, _ in self.protected)
            ends, top = [], -1
            for _, e in spans:
                top = max(top, e)
                ends.append(top)
            cached = self._cached_index = (len(self.protected), [s for s, _ in spans], ends)
        return cached[1], cached[2]

    def is_protected(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a protected span."""
        starts, ends = self._index()
        i = bisect.bisect_left(starts, end)  # the spans starting before `end`
        return i > 0 and ends[i - 1] > start

    def is_enclosed(self, start: int, end: int) -> bool:
        """Whether a protected span contains [start, end) (`enclosing` is not None)."""
        starts, ends = self._index()
        i = bisect.bisect_right(starts, start)  # the spans starting at or before `start`
        return i > 0 and ends[i - 1] >= end

    def enclosing(self, start: int, end: int) -> etree._Element | None:
        """The protected element whose text contains [start, end), if any."""
        for s, e, el in self.protected:
            if s <= start and end <= e:
                return el
        return None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def flatten(block: etree._Element) -> FlatBlock:
    """Build the flat reading text of `block` (see module docstring)."""
    fb = FlatBlock(block)
    parts: list[str] = []
    pos = 0

    def add(node: etree._Element, kind: str, text: str | None) -> None:
        nonlocal pos
        if not text:
            return
        fb.segments.append(Segment(node, kind, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)

    def virtual(ch: str) -> None:
        nonlocal pos
        parts.append(ch)
        pos += 1

    def walk(el: etree._Element, in_choice: bool = False) -> None:
        # content of `el` (its text and children with their tails)
        if el.tag != CHOICE:
            add(el, "text", el.text)
        shown = False
        for child in el:
            if not isinstance(child.tag, str):  # comment, PI
                if el.tag != CHOICE:
                    add(child, "tail", child.tail)
                continue
            if child.tag in BLOCKS:
                fb.nested.append(child)
                virtual(BREAK)
            elif el.tag == CHOICE:
                if child.tag not in HIDDEN and not shown:
                    shown = True
                    walk_element(child)
                continue  # whitespace between a choice's children is not text
            elif child.tag in HIDDEN:
                pass
            elif child.tag in SPACERS:
                virtual(" ")
            elif child.tag in POINTS:
                pass
            else:
                walk_element(child)
            add(child, "tail", child.tail)

    def walk_element(child: etree._Element) -> None:
        start = pos
        walk(child)
        fb.spans.append((start, pos, child))
        if child.tag in PROTECTED:
            fb.protected.append((start, pos, child))

    walk(block)
    fb.text = "".join(parts)
    return fb


def _has_own_text(el: etree._Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def blocks_of(root: etree._Element) -> list[etree._Element]:
    """Every block of the document's text parts, outermost first, in document order.

    Not the teiHeader, and not a standOff: that holds data derived from the text (the quotation
    links and collation apparatus of `edition link`), which its own stage rewrites.

    Blocks are the elements in BLOCKS, plus any other element carrying text of its own outside
    every block (e.g. a `quote` or `sp` straight in a div), so no text of the edition is skipped.
    """
    out: list[etree._Element] = []
    for part in root:
        if not isinstance(part.tag, str) or part.tag in (tei("teiHeader"), tei("standOff")):
            continue
        chosen: set[etree._Element] = set()
        for el in part.iter(f"{{{TEI_NS}}}*"):
            if el.tag in PROTECTED or el.tag in HIDDEN or el.tag == CHOICE:
                continue
            if _inside_protected_or_hidden(el, part):
                continue
            if el.tag in BLOCKS or (_has_own_text(el) and not _inside(el, chosen, part)):
                out.append(el)
                chosen.add(el)
    return out


def _inside(el: etree._Element, chosen: set[etree._Element], stop: etree._Element) -> bool:
    anc = el.getparent()
    while anc is not None:
        if anc in chosen:
            return True
        if anc is stop:
            return False
        anc = anc.getparent()
    return False


def _inside_protected_or_hidden(el: etree._Element, stop: etree._Element) -> bool:
    anc = el.getparent()
    while anc is not None and anc is not stop:
        if anc.tag in PROTECTED or anc.tag in HIDDEN:
            return True
        anc = anc.getparent()
    return False


# --- wrapping ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    """A boundary in a container's content: in its text / a child's tail at an offset, or before/after a child."""

    kind: str  # 'text' | 'tail' | 'before' | 'after'
    node: etree._Element  # container for 'text'; the child otherwise
    offset: int = 0

    @property
    def container(self) -> etree._Element:
        return self.node if self.kind == "text" else self.node.getparent()


def _visible(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag not in HIDDEN


def _at_content_start(p: Point) -> bool:
    c = p.container
    if p.kind == "text":
        return p.offset == 0
    if p.kind != "before":
        return False
    if c.tag != CHOICE and (c.text or ""):
        return False
    for sib in p.node.itersiblings(preceding=True):
        if _visible(sib) or (c.tag != CHOICE and (sib.tail or "")):
            return False
    return True


def _at_content_end(p: Point) -> bool:
    c = p.container
    if p.kind == "text":
        return len(c) == 0 and p.offset == len(c.text or "")
    if p.kind == "tail":
        return p.node.getnext() is None and p.offset == len(p.node.tail or "")
    if p.kind != "after":
        return False
    if c.tag != CHOICE and (p.node.tail or ""):
        return False
    for sib in p.node.itersiblings():
        if _visible(sib) or (c.tag != CHOICE and (sib.tail or "")):
            return False
    return True


def _lifts(p: Point, at_edge, outward: str) -> list[Point]:
    chain = [p]
    while at_edge(chain[-1]):
        c = chain[-1].container
        if not _liftable(c) or c.getparent() is None:
            break
        chain.append(Point(outward, c))
    return chain


def _point_at(fb: FlatBlock, pos: int, is_end: bool) -> Point | None:
    for seg in fb.segments:
        inside = seg.start < pos <= seg.end if is_end else seg.start <= pos < seg.end
        if inside:
            kind = "text" if seg.kind == "text" else "tail"
            return Point(kind, seg.node, pos - seg.start)
    return None


def wrap_span(fb: FlatBlock, start: int, end: int, element: etree._Element) -> bool:
    """Wrap fb.text[start:end] in `element` (which must be empty); False when markup prevents it.

    Offsets into text nodes stay valid for spans left of this one, so callers wrap the
    matches of one flattening from right to left.
    """
    sp, ep = _point_at(fb, start, False), _point_at(fb, end, True)
    if sp is None or ep is None:
        return False
    starts = _lifts(sp, _at_content_start, "before")
    ends = _lifts(ep, _at_content_end, "after")
    for s in reversed(starts):  # prefer the outermost common container
        for e in reversed(ends):
            if s.container is e.container:
                _wrap(s.container, s, e, element)
                return True
    return False


def _wrap(c: etree._Element, sp: Point, ep: Point, el: etree._Element) -> None:
    children = list(c)
    if sp.kind == "text" and ep.kind == "text":
        text = c.text or ""
        c.text = text[: sp.offset]
        el.text, el.tail = text[sp.offset: ep.offset], text[ep.offset:]
        c.insert(0, el)
        return
    if sp.kind == "tail" and ep.kind == "tail" and sp.node is ep.node:
        tail = sp.node.tail or ""
        sp.node.tail = tail[: sp.offset]
        el.text, el.tail = tail[sp.offset: ep.offset], tail[ep.offset:]
        sp.node.addnext(el)
        return
    if sp.kind == "text":
        text = c.text or ""
        c.text, lead, first = text[: sp.offset], text[sp.offset:], 0
    elif sp.kind == "tail":
        tail = sp.node.tail or ""
        sp.node.tail, lead = tail[: sp.offset], tail[sp.offset:]
        first = children.index(sp.node) + 1
    else:  # before
        lead, first = "", children.index(sp.node)
    last = children.index(ep.node)
    if ep.kind == "tail":
        tail = ep.node.tail or ""
        ep.node.tail, trailing = tail[: ep.offset], tail[ep.offset:]
    else:  # after
        trailing, ep.node.tail = ep.node.tail, None
    el.text = lead or None
    for child in children[first: last + 1]:
        el.append(child)
    el.tail = trailing or None
    c.insert(first, el)


def unwrap(el: etree._Element) -> None:
    """Replace `el` by its content (text, children, tail), keeping every character in place."""
    parent = el.getparent()
    prev = el.getprevious()

    def append_text(text: str | None, after: etree._Element | None) -> None:
        if not text:
            return
        if after is not None:
            after.tail = (after.tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    append_text(el.text, prev)
    children = list(el)
    for child in children:
        el.addprevious(child)  # moves the child with its tail
    append_text(el.tail, children[-1] if children else prev)
    el.tail = None
    parent.remove(el)


def strip_generated(root: etree._Element, resp: str) -> int:
    """Unwrap every element of the text parts whose @resp is `resp`; return how many."""
    found = [el for part in root if isinstance(part.tag, str) and part.tag != tei("teiHeader")
             for el in part.iter(f"{{{TEI_NS}}}*") if el.get("resp") == resp]
    for el in reversed(found):  # innermost last in document order: unwrap from the end
        unwrap(el)
    return len(found)
