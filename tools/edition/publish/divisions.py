"""Laying out the divisions of the print book one at a time (edition.publish.pdf).

* `html_string`: the print HTML (XHTML) serialised for WeasyPrint's HTML5 parser; `only`: a copy of the
  print HTML whose body holds only the given divisions; `anchor_pages`: the page of each anchor.
* `set_text`: a text laid out with its lines numbered and its apparatus keyed to them
  (edition.publish.lines), no more than HYPHENATED_LINES_MAX lines in a row hyphenated, and every
  footnote on the page of its call (see its docstring for when it is laid out again).
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from .lines import LineMap, fill_line_refs, hyphen_runs, keep_whole, measure, patch_texts, unpad_line_refs
from .pdf_pagerefs import has_class
from .print_params import HYPHENATED_LINES_MAX
from .relayout import Kept, restyle, retext, start_page

XHTML_NS = "http://www.w3.org/1999/xhtml"


def html_string(root: etree._Element) -> str:
    """Serialise the XHTML tree as HTML for WeasyPrint's HTML5 parser."""
    root = copy.deepcopy(root)
    for el in root.iter(etree.Element):
        el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(root)
    return "<!DOCTYPE html>\n" + etree.tostring(root, method="html", encoding="unicode")


def x(root: etree._Element, path: str) -> list[Any]:
    return root.xpath(path, namespaces={"h": XHTML_NS})


def anchor_pages(pages: list[Any], offset: int = 0) -> dict[str, int]:
    """anchor name → 1-based page number (first occurrence)."""
    found: dict[str, int] = {}
    for i, page in enumerate(pages):
        for name in page.anchors:
            found.setdefault(name, i + 1 + offset)
    return found


def only(root: etree._Element, keep: list[etree._Element]) -> etree._Element:
    """A copy of the print HTML whose body holds only copies of `keep`."""
    body = x(root, "/h:html/h:body")[0]
    saved = list(body)
    for child in saved:
        body.remove(child)
    out = copy.deepcopy(root)
    for child in saved:
        body.append(child)
    out_body = x(out, "/h:html/h:body")[0]
    for el in keep:
        out_body.append(copy.deepcopy(el))
    return out


#: What is tried, in turn, on the paragraph at the foot of a page whose footnote WeasyPrint
#: moved to the next page (or lost): to gain room for one more line, WeasyPrint's widows and
#: orphans rule pushes the page's last footnotes on, away from their calls.
NOTE_RETRIES = ("orphans: 3; widows: 3", "orphans: 1; widows: 1", "break-before: page")
MAX_LAYOUTS = 5


def footnote_calls(root: etree._Element) -> dict[str, str]:
    """Footnote id → id of the anchor just before its call: call-ID for notes, corr-ID for the
    apparatus footnote app-ID of a correction."""
    calls = {}
    for fn in x(root, f".//h:span[{has_class('fn')}][@id]"):
        fid = fn.get("id")
        calls[fid] = f"corr-{fid[4:]}" if fid.startswith("app-") else f"call-{fid}"
    return calls


def misplaced_notes(pages: dict[str, int], calls: dict[str, str]) -> list[str]:
    """Anchors of the calls whose footnote is missing or not on the call's page."""
    return [call for fid, call in calls.items() if pages.get(fid) is None or pages.get(fid) != pages.get(call)]


def foot_blocks(division: etree._Element, pages: dict[str, int], calls: list[str]) -> list[str]:
    """Ids of the paragraphs running at the foot of the pages of `calls`, each once (a paragraph that runs over
    several such pages is the one at the foot of each: it is restyled once per layout, not once per page)."""
    blocks = [(b.get("id"), pages.get(b.get("id"), 0))
              for b in x(division, ".//*[self::h:p or self::h:blockquote or self::h:li][@id]")]
    found: dict[str, None] = {}
    for page in sorted({pages[c] for c in calls if c in pages}):
        on_or_before = [bid for bid, p in blocks if 0 < p <= page]
        if on_or_before:
            found[on_or_before[-1]] = None
    return list(found)


def cut_footnotes(pages: list[Any]) -> list[int]:
    """The pages (1-based, in `pages`: WeasyPrint's laid-out pages) whose footnotes do not fit: WeasyPrint carries no
    footnote over to the next page, so a footnote area taller than the page starts above its top and the lines
    that do not fit are not printed."""
    from weasyprint.formatting_structure import boxes

    cut = []
    for number, page in enumerate(pages, start=1):
        box = page._page_box
        if any(isinstance(c, boxes.FootnoteAreaBox) and c.children and c.position_y < box.content_box_y() - 0.5
               for c in box.children):
            cut.append(number)
    return cut


def _style_values(css: str) -> dict[str, Any]:
    """"orphans: 3; widows: 3" → WeasyPrint's computed values {"orphans": 3, "widows": 3}."""
    values: dict[str, Any] = {}
    for decl in filter(None, (d.strip() for d in css.split(";"))):
        name, value = (part.strip() for part in decl.split(":", 1))
        values[name.replace("-", "_")] = int(value) if value.isdigit() else value
    return values


def set_text(typesetter: Any, root: etree._Element, division: etree._Element,
                       first_page: int, passes: list[str], warnings: list[str], lines: LineMap) -> Any:
    """Lay out a division (a text) and number its lines (edition.publish.lines). The apparatus was set
    with placeholders for its line numbers; the numbers are put into the laid-out boxes (patch_texts:
    same room, tabular figures), so one layout is enough — unless an entry needs more room (a range of
    lines), more than HYPHENATED_LINES_MAX lines in a row end in a hyphen (CSS hyphenate-limit-lines,
    which WeasyPrint lacks: the next hyphenated word is kept whole), or a footnote strays from its call's
    page all the same (edition.publish.footnote_keep keeps WeasyPrint from moving footnotes on for widows and
    orphans; the paragraph at the foot of that page is adjusted, in `root`); then the division is laid out
    again — for a stray footnote alone only from the page before that paragraph's on (edition.publish.relayout:
    the pages before it cannot change). The division's numbered lines are added to `lines`."""
    calls = footnote_calls(division)
    level: dict[str, int] = {}  # paragraph id → how far along NOTE_RETRIES it is
    bad: list[str] = []
    kept = Kept()
    start: int | None = None  # page index to lay out again from; None: a new layout
    doc: Any = None
    for _attempt in range(MAX_LAYOUTS):
        if doc is None or start is None:
            kept = Kept()
            doc = typesetter.render(html_string(only(root, [division])), first_page=first_page, kept=kept)
            passes.append(division.get("id", "?"))
        else:
            doc = typesetter.relayout(kept, doc, start)
            passes.append(f"{division.get('id', '?')} from p. {first_page + start}")
        measured = measure(doc, first_page, typesetter.numbering)
        texts = fill_line_refs(division, measured)
        filled = {("ln-ref", href): text for href, text in texts.items()}
        relayout = not patch_texts(doc, filled)
        relayout |= any([keep_whole(division, block, word) for block, word in hyphen_runs(measured, HYPHENATED_LINES_MAX)])
        pages = anchor_pages(doc.pages, offset=first_page - 1)
        bad = misplaced_notes(pages, calls)
        todo = [b for b in foot_blocks(division, pages, bad) if level.get(b, 0) < len(NOTE_RETRIES)]
        if not relayout and not todo:
            break
        start = None if relayout else start_page(kept, min(pages[b] for b in todo) - first_page - 1)
        if start is not None:
            retext(kept, filled)  # the numbers now in the HTML
        for block_id in todo:
            style = NOTE_RETRIES[level.get(block_id, 0)]
            level[block_id] = level.get(block_id, 0) + 1
            for block in x(division, f".//*[@id='{block_id}']"):
                block.set("style", style)
            if start is not None and not restyle(kept, block_id, _style_values(style)):
                start = None
    else:
        if relayout:
            warnings.append(f"{division.get('id', '?')}: the apparatus's line numbers (or the hyphenation) did not "
                            f"settle in {MAX_LAYOUTS} layouts")
    if bad:
        warnings.append(f"footnote call(s) {', '.join(bad)}: footnote not on the page of its call")
    unpad_line_refs(doc)
    lines.lines += measured.lines
    lines.anchors.update(measured.anchors)
    lines.columns.update(measured.columns)
    return doc
