"""Where each difference stands in the quotation: TEI double-end-point attachment.

For every `app` of the collation the writer puts empty anchors into the quotation around the
quotation's reading of the difference (its `lem`): `<anchor xml:id="{app}-from" resp="#…-linker"/>`
before its first character and `<anchor xml:id="{app}-to" …/>` after its last (the "..." of an
omission, the brackets of an interpolation, the changed words); a silent omission, which has no
reading, gets one `<anchor xml:id="{app}-at" …/>` where the words are missing. The app points to
them with @from/@to.

Positions are offsets in a block's reading (tokens.reading: notes, sic and orig are not read), so
an anchor goes into the text node holding that character — splitting it, inside whatever inline
element holds it (persName…), never inside note/sic/orig. At an element boundary the anchor
stands outside the element that starts or ends there (never beyond the quotation itself), so
`<anchor/><persName>Hysni Kapo</persName><anchor/>`, not inside its edges.

The tool's anchors are re-derived on every run: `strip_anchors` removes each one with the
linker's @resp and joins the text it split exactly as it was; anchors without that @resp are a
scholar's and stay.
"""

from __future__ import annotations

from lxml import etree

from ..xmlio import XML_ID, tei
from .tokens import SKIPPED

ANCHOR = tei("anchor")
CHOICE = tei("choice")

Piece = tuple[etree._Element, str, int, int]  # (node, "text" | "tail", start, end) in the block reading


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def remove_anchor(anchor: etree._Element) -> None:
    """Remove `anchor`, joining the text before and after it."""
    parent, prev = anchor.getparent(), anchor.getprevious()
    tail = anchor.tail or ""
    if prev is not None:
        prev.tail = ((prev.tail or "") + tail) or None
    else:
        parent.text = ((parent.text or "") + tail) or None
    parent.remove(anchor)


def strip_anchors(root: etree._Element, resp: str) -> int:
    """Remove every anchor whose @resp is `resp`, joining the text around it; return how many."""
    found = [a for a in root.iter(ANCHOR) if a.get("resp") == resp]
    for anchor in found:
        remove_anchor(anchor)
    return len(found)


def _pieces(block: etree._Element) -> list[Piece]:
    """The text nodes of the block's reading, in order (as tokens._segments reads them)."""
    out: list[Piece] = []
    pos = 0

    def add(node: etree._Element, kind: str, text: str | None) -> None:
        nonlocal pos
        if text:
            out.append((node, kind, pos, pos + len(text)))
            pos += len(text)

    def walk(el: etree._Element) -> None:
        add(el, "text", el.text)
        for child in el:
            local = _local(child)
            if local and local not in SKIPPED:
                walk(child)
            add(child, "tail", child.tail)

    walk(block)
    return out


def _inside(node: etree._Element, unit: etree._Element) -> bool:
    return node is unit or any(a is unit for a in node.iterancestors())


def _liftable(el: etree._Element, unit: etree._Element, block: etree._Element) -> bool:
    return el is not unit and el is not block and el.getparent() is not None


def _lift_start(el: etree._Element, unit: etree._Element, block: etree._Element) -> tuple[str, etree._Element, int]:
    """The position at the start of `el`'s content, moved before every element that starts there."""
    pos: tuple[str, etree._Element, int] = ("text", el, 0)
    while _liftable(el, unit, block):
        parent = el.getparent()
        if parent.tag == CHOICE:  # corr/reg: before the whole choice (its sic/orig is not read)
            el, parent = parent, parent.getparent()
            if parent is None or not _liftable(el, unit, block):
                break
        pos = ("before", el, 0)
        if (parent.text or "") or el.getprevious() is not None:
            break
        el = parent
    return pos


def _lift_end(el: etree._Element, unit: etree._Element, block: etree._Element) -> tuple[str, etree._Element, int]:
    """The position at the end of `el`'s content, moved after every element that ends there."""
    pos: tuple[str, etree._Element, int] = ("end", el, 0)
    while _liftable(el, unit, block):
        parent = el.getparent()
        if parent.tag == CHOICE:
            el, parent = parent, parent.getparent()
            if parent is None or not _liftable(el, unit, block):
                break
        pos = ("after", el, 0)
        if (el.tail or "") or el.getnext() is not None:
            break
        el = parent
    return pos


def _position(block: etree._Element, unit: etree._Element, offset: int,
              side: str) -> tuple[str, etree._Element, int] | None:
    """Where an anchor before (side "start") or after (side "end") the character at `offset` goes."""
    pieces = [p for p in _pieces(block) if _inside(p[0] if p[1] == "text" else p[0].getparent(), unit)]
    starts = [p for p in pieces if p[2] <= offset < p[3]]
    ends = [p for p in pieces if p[2] < offset <= p[3]]
    chosen = (starts or ends) if side == "start" else (ends or starts)
    if not chosen:
        return None
    node, kind, lo, hi = chosen[0]
    k = offset - lo
    if kind == "text" and k == 0:
        return _lift_start(node, unit, block)
    if kind == "text" and k == hi - lo and len(node) == 0:
        return _lift_end(node, unit, block)
    if kind == "tail" and k == hi - lo and node.getnext() is None:
        return _lift_end(node.getparent(), unit, block)
    return kind, node, k


def _insert(pos: tuple[str, etree._Element, int], anchor: etree._Element) -> None:
    kind, node, k = pos
    if kind == "text":
        text = node.text or ""
        node.text, anchor.tail = text[:k] or None, text[k:] or None
        node.insert(0, anchor)
    elif kind == "end":  # the end of an element's content
        node.append(anchor)
    elif kind == "tail":
        tail = node.tail or ""
        node.tail, anchor.tail = tail[:k] or None, tail[k:] or None
        parent = node.getparent()
        parent.insert(parent.index(node) + 1, anchor)
    elif kind == "before":
        parent = node.getparent()
        parent.insert(parent.index(node), anchor)
    else:  # after
        parent = node.getparent()
        anchor.tail, node.tail = node.tail, None
        parent.insert(parent.index(node) + 1, anchor)


def place_anchor(block: etree._Element, unit: etree._Element, offset: int, side: str,
                 xml_id: str, resp: str) -> etree._Element | None:
    """Insert `<anchor xml:id resp/>` at `offset` of the block's reading, inside `unit`; None when
    no text of the unit stands there."""
    pos = _position(block, unit, offset, side)
    if pos is None:
        return None
    anchor = etree.Element(ANCHOR)
    anchor.set(XML_ID, xml_id)
    anchor.set("resp", resp)
    _insert(pos, anchor)
    return anchor
