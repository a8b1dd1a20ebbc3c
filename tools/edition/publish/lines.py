"""Line numbers of the print edition, read from WeasyPrint's layout (edition.publish.pdf).

After a text is laid out, `measure` walks each page's boxes and numbers every line box of the
reading text (not the text's title, not the footnote area), restarting on each page or running
through the text (`LineNumbering.restart`); it returns where each line stands and, for each anchor
of the page (`page.anchors`), the line that holds it. `fill_line_refs` writes these numbers into the
apparatus (span.ln-ref: "12", a range "12–13"; an entry on the same line as the entry before it on
the page shares its number: "; ") and into the list of corrections (span.lineref). The numbers in the
margin (every `every`-th line) are not part of the layout: edition.publish.margin_numbers draws them
on the finished PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .pdf_pagerefs import has_class

XHTML_NS = "http://www.w3.org/1999/xhtml"

#: Elements whose lines are not numbered: the edition's heading of a text (its title, set large).
UNNUMBERED_CLASSES = {"text-title"}


@dataclass(frozen=True)
class LineNumbering:
    """every: which numbers are printed in the margin (every 5th line); restart: "page" or "text";
    side: "outer" (the outer margin of each page), "left" or "right"; size: the numbers' type (pt);
    gap: between the text column and the numbers (pt)."""

    every: int = 5
    restart: str = "page"
    side: str = "outer"
    size: float = 6.8
    gap: float = 9.0


@dataclass
class Line:
    page: int  # 1-based page of the book
    number: int
    top: float  # CSS px from the page's top
    baseline: float
    bottom: float
    block: str = ""  # id of the block (paragraph) it belongs to
    hyphenated: str = ""  # the start of the word hyphenated at its end ("" if none)
    starts: str = ""  # its first word


@dataclass
class LineMap:
    """The numbered lines of the texts laid out so far, and the line of each anchor."""

    lines: list[Line] = field(default_factory=list)
    anchors: dict[str, Line] = field(default_factory=dict)
    #: page → (content box left, content box right) in CSS px
    columns: dict[int, tuple[float, float]] = field(default_factory=dict)


def _element_classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) is None:
        return set()
    return set((element.get("class") or "").split())


def _line_boxes(box: Any, skip: bool = False, block: str = "") -> Any:
    """The line boxes under `box` (not inside another line box), each with whether it is unnumbered
    and the id of the nearest block holding it."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        yield box, skip, block
        return
    skip = skip or bool(_element_classes(box) & UNNUMBERED_CLASSES)
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None) and element.get("id"):
        block = element.get("id")
    for child in getattr(box, "children", None) or []:
        yield from _line_boxes(child, skip, block)


def _texts(box: Any) -> list[str]:
    """The texts of the text boxes under `box`, in order."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return [box.text]
    return [t for child in getattr(box, "children", None) or [] for t in _texts(child)]


#: The character WeasyPrint sets at the end of a line where it hyphenated a word (CSS hyphenate-character).
HYPHEN = "\u2010"


def measure(doc: Any, first_page: int, numbering: LineNumbering, into: LineMap | None = None) -> LineMap:
    """Number the lines of a laid-out text (`doc`, its first page is page `first_page` of the book)."""
    found = into if into is not None else LineMap()
    number = 0
    for i, page in enumerate(doc.pages):
        page_no = first_page + i
        page_box = page._page_box
        root = page_box.children[0]  # the flow; [1] is the footnote area
        if numbering.restart == "page":
            number = 0
        on_page: list[Line] = []
        for line, skip, block in _line_boxes(root):
            if skip or not line.children:
                continue
            number += 1
            top = line.position_y
            words = " ".join(_texts(line)).split()
            hyphenated = words[-1][:-1] if words and words[-1].endswith(HYPHEN) else ""
            on_page.append(Line(page_no, number, top, top + line.baseline, top + line.height, block,
                                hyphenated, words[0] if words else ""))
        left = page_box.content_box_x()
        found.columns[page_no] = (left, left + page_box.width)
        found.lines += on_page
        for name, (_x, y, *_rest) in page.anchors.items():
            holder = None
            for line in on_page:
                if line.top <= y + 0.5:
                    holder = line
                else:
                    break
            if holder is not None and holder.bottom >= y - 0.5:
                found.anchors.setdefault(name, holder)
    return found


def hyphen_runs(lines: LineMap, limit: int) -> list[tuple[str, str]]:
    """(block id, word) of each hyphenated word that ends a line after `limit` hyphenated lines in a row
    on the same page: the word to keep whole, so that no more than `limit` lines in a row end in a hyphen."""
    found = []
    run = 0
    previous: Line | None = None
    for line, following in zip(lines.lines, lines.lines[1:] + [None]):
        same_page = previous is not None and previous.page == line.page
        run = run + 1 if line.hyphenated and (same_page or run == 0) else (1 if line.hyphenated else 0)
        if line.hyphenated and run > limit and line.block:
            rest = following.starts if following is not None else ""
            word = line.hyphenated + "".join(ch for ch in rest if ch.isalpha() or ch in "-’'")
            found.append((line.block, word))
            run = 0
        previous = line
    return found


def keep_whole(root: etree._Element, block_id: str, word: str) -> bool:
    """Wrap `word` where it stands in the text of block `block_id` (not in its notes) in a span that
    is never hyphenated; True when found."""
    blocks = _x(root, f".//*[@id='{block_id}']")
    if not blocks or not word:
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")

    def split(text: str | None) -> tuple[str | None, list[tuple[str, str]]]:
        """Text before the first match, then (word, text after) pairs."""
        if not text or not pattern.search(text):
            return text, []
        parts = pattern.split(text)
        return parts[0], [(word, after) for after in parts[1:]]

    def barred(el: etree._Element) -> bool:  # in a note, or kept whole already
        return bool({"fn", "nohyph"} & set(el.get("class", "").split()))

    done = False
    for el in list(blocks[0].iter()):
        if not isinstance(el.tag, str) or any(barred(a) for a in el.iterancestors()):
            continue
        head, rest = split(el.text) if not barred(el) else (el.text, [])
        if rest:
            el.text = head
            for i, (w, after) in enumerate(rest):
                span = etree.Element(f"{{{XHTML_NS}}}span", {"class": "nohyph"})
                span.text, span.tail = w, after
                el.insert(i, span)
            done = True
        if el is not blocks[0] and el.tail:
            head, rest = split(el.tail)
            if rest:
                el.tail = head
                parent, index = el.getparent(), el.getparent().index(el)
                for i, (w, after) in enumerate(rest):
                    span = etree.Element(f"{{{XHTML_NS}}}span", {"class": "nohyph"})
                    span.text, span.tail = w, after
                    parent.insert(index + 1 + i, span)
                done = True
    return done


def _x(root: etree._Element, path: str) -> list[Any]:
    return root.xpath(path, namespaces={"h": XHTML_NS})


#: Printed instead of the line number by an entry on the same line as the entry before it (reledmac's
#: \Xsymlinenum): the entries of one line share its number.
SAME_LINE = "|"
#: The placeholder of an apparatus entry's line number before layout (tabular figures: any number of as
#: many digits, padded with figure spaces, and SAME_LINE take no more room).
PLACEHOLDER = "00"


def _line_ref_text(start: Line | None, end: Line | None, previous: tuple[int, int] | None,
                   share: bool, placeholder: str) -> str:
    if start is None:
        return placeholder
    if share and previous == (start.page, start.number) and (end is None or end.number == start.number):
        text = SAME_LINE
    elif end is not None and (end.page, end.number) > (start.page, start.number):
        return f"{start.number}\u2013{end.number}"  # to a line of the next page: "28–3"
    else:
        text = str(start.number)
    return text.rjust(len(placeholder), "\u2007") if share else text  # a figure space: a tabular figure's width


def fill_line_refs(root: etree._Element, lines: LineMap) -> dict[str, str]:
    """Write the line numbers of `lines` into the apparatus entries (span.ln-ref: of the critical apparatus,
    padded to their placeholder's width, an entry on the line of the entry before it showing SAME_LINE;
    of the apparatus of quotations, a line or a range) and the line references (span.lineref) under `root`.
    Return the entries' texts by their @data-href. A reference to an anchor that was not laid out on a
    numbered line keeps its placeholder."""
    texts: dict[str, str] = {}
    previous: dict[str, tuple[int, int] | None] = {}
    for span in _x(root, f".//h:span[{has_class('ln-ref')}]"):
        series = next((c for c in (span.getparent().get("class") or "").split() if c.startswith("fn-")), "")
        start = lines.anchors.get(span.get("data-href", "")[1:])
        end = lines.anchors.get(span.get("data-end", "")[1:])
        placeholder = span.get("data-placeholder") or span.text or PLACEHOLDER
        span.set("data-placeholder", placeholder)
        text = _line_ref_text(start, end, previous.get(series), series == "fn-crit", placeholder)
        previous[series] = (start.page, start.number) if start is not None else None
        span.text = text
        texts[span.get("data-href", "")] = text
    for span in _x(root, f".//h:span[{has_class('lineref')}]"):
        line = lines.anchors.get(span.get("data-href", "")[1:])
        span.text = str(line.number) if line is not None else "?"
    return texts


class _NoHyphenation:
    """What WeasyPrint's text shaping needs of a layout context when nothing is hyphenated."""

    dictionaries: dict[Any, Any] = {}


def patch_texts(doc: Any, texts: dict[tuple[str, str], str]) -> bool:
    """Put new texts into a laid-out document without laying it out again: the text of every span whose
    (class, @data-href) is a key of `texts` — page and line numbers in tabular figures, set in the room of
    the placeholder they were laid out with, so that nothing else on the page moves. Return False, and
    change nothing, when a new text needs more room than its placeholder had (the document must be laid
    out again with it)."""
    import math

    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import split_first_line

    todo: list[tuple[Any, Any, str, float]] = []

    def text_boxes(box: Any) -> list[Any]:
        if isinstance(box, boxes.TextBox):
            return [box]
        return [t for child in getattr(box, "children", None) or [] for t in text_boxes(child)]

    def walk(box: Any) -> None:
        element = getattr(box, "element", None)
        if element is not None and getattr(box, "element_tag", None) == "span" and element.get("data-href"):
            for cls in (element.get("class") or "").split():
                new = texts.get((cls, element.get("data-href")))
                if new is None:
                    continue
                found = text_boxes(box)
                if len(found) != 1:
                    raise ValueError(f"{cls} {element.get('data-href')}: {len(found)} text boxes, expected one")
                tb = found[0]
                if tb.text != new:
                    layout, _length, _resume, width, _height, _baseline = split_first_line(
                        new, tb.style, _NoHyphenation(), math.inf, tb.justification_spacing, is_line_start=False)
                    todo.append((tb, layout, new, width))
                return
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in doc.pages:
        walk(page._page_box)
    if any(width > tb.width + 0.01 for tb, _layout, _new, width in todo):
        return False
    for tb, layout, _new, width in todo:  # flush left in the placeholder's room
        tb.text, tb.pango_layout, tb.width = layout.text, layout, width
    return True


def unpad_line_refs(doc: Any) -> int:
    """The critical apparatus's numbers are laid out padded to their placeholder's width with figure
    spaces (fill_line_refs), so that a number takes the room it was laid out in; on the page the padding
    would stand as a gap before a number ("  8 still]", and an indent at the start of a line). Here a
    padded number loses its padding, and the rest of its entry on that line moves left by the padding's
    width: the room goes to the gap before the next entry on the line. No gap grows wider than a gap
    before a padded number was (a copied page is not read as two columns): an entry gives up its room
    only if the number after it on the line is not padded (any more), and the last entry of a justified
    line keeps its room (the line stays flush with the measure; the last line of a block is not
    justified). An entry beginning a line that keeps its room all the same has its number at the line's
    start and the room after it (no indent). Return how many numbers lost their padding."""
    import math

    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import split_first_line

    def classes(box: Any) -> list[str]:
        element = getattr(box, "element", None)
        return (element.get("class") or "").split() if element is not None and box.element_tag == "span" else []

    def padded(entry: Any) -> tuple[int, Any] | None:
        for i, child in enumerate(entry.children):
            if "ln-ref" in classes(child) and len(child.children) == 1:
                tb = child.children[0]
                if isinstance(tb, boxes.TextBox) and tb.text.startswith("\u2007"):
                    return i, tb
        return None

    def unpad(entry: Any, i: int, tb: Any, shift: bool = True) -> bool:
        layout, _length, _resume, width, _height, _baseline = split_first_line(
            tb.text.lstrip("\u2007"), tb.style, _NoHyphenation(), math.inf, tb.justification_spacing,
            is_line_start=False)
        delta = tb.width - width
        if delta <= 0:
            return False
        tb.text, tb.pango_layout, tb.width = layout.text, layout, width
        if shift:
            entry.children[i].width -= delta
            for after in entry.children[i + 1:]:
                after.translate(-delta)
            entry.width -= delta
        return True

    done = 0

    def line_of(line: Any, last_line: bool) -> None:
        nonlocal done
        next_padded = False  # the number of the entry after this one on the line keeps its padding
        for entry in reversed(line.children):
            if "fn-crit" not in classes(entry):
                continue
            found = padded(entry)
            if found is None:
                next_padded = False
            elif (last_line or entry is not line.children[-1]) and not next_padded and unpad(entry, *found):
                done += 1
                next_padded = False
            else:
                next_padded = True
        first = line.children[0] if line.children else None
        if first is not None and "fn-crit" in classes(first):
            found = padded(first)
            if found is not None and unpad(first, *found, shift=False):  # no indent: the room after the number
                done += 1

    def walk(box: Any) -> None:
        children = getattr(box, "children", None) or []
        for child in children:
            if isinstance(child, boxes.LineBox):
                line_of(child, child is children[-1])
            else:
                walk(child)

    for page in doc.pages:
        walk(page._page_box)
    return done
