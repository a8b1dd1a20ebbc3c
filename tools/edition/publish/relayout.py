"""Laying out a document again from one of its pages on, reusing the pages before it (WeasyPrint 70).

When a text's footnote strays from its call's page, edition.publish.divisions changes the style of
the paragraph at the foot of that page (orphans and widows, or a page break before it) and lays the
text out again. Everything before that paragraph's page is laid out as it was, so only the pages from
there on need laying out: `Kept` holds what the first layout made (the box tree, the layout context,
WeasyPrint's page maker — the state each page starts from — and the pages as laid out, before their
margin boxes were added); `restyle` changes the boxes' computed style as the `style` attribute would;
`relayout` lays out the pages from `start` on with WeasyPrint's own page maker (what it does when a
page-based counter changes), reusing the pages before `start`, and adds the margin boxes of every
page again (running heads and page numbers). The start page must begin with no footnote carried over
from the page before and no box broken across it (`Kept.clean`), so that it starts from the state
the page maker records; `retext` gives the pages laid out again the apparatus's line numbers that
the first layout found (as a new layout of the HTML would have them). The pages before the start
keep those numbers patched into their placeholders' room, as every text laid out once does: on the
edition the text, the pages and `pdftotext -layout` are the same as with a new layout of the whole
text; some apparatus lines before the start page sit up to 0.6 pt further right (bench/RESULTS.md).

The hooks replace `weasyprint.document.layout_document`, in `weasyprint.layout` `make_all_pages` and
`initialize_page_maker`, and `weasyprint.layout.page.remake_page` (every page from the start page is
made anew, as in a first layout), only while active.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: The inherited properties a retry may set (their descendants take them unless they set their own).
INHERITED = ("orphans", "widows")


@dataclass
class Kept:
    """What a layout made, to lay it out again from a page on."""

    html: Any = None
    root_box: Any = None
    context: Any = None
    footnotes: list[Any] = field(default_factory=list)  # the footnotes before layout
    raw: list[tuple[Any, tuple[Any, ...], list[Any]]] = field(default_factory=list)  # page, its children, its root's
    clean: dict[int, bool] = field(default_factory=dict)  # page index → nothing carried over to the next page


@contextmanager
def keeping(kept: Kept) -> Iterator[None]:
    """While active, a WeasyPrint layout records in `kept` what `relayout` needs."""
    from weasyprint import document, layout

    original_layout, original_pages = document.layout_document, layout.make_all_pages

    def layout_document(html: Any, root_box: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        kept.html, kept.root_box, kept.context, kept.footnotes = html, root_box, context, list(context.footnotes)
        return original_layout(html, root_box, context, *args, **kwargs)

    def make_all_pages(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
        kept.raw, kept.clean = [], {}
        for i, page in enumerate(original_pages(context, root_box, html, pages)):
            kept.raw.append((page, page.children, page.children[0].children))
            kept.clean[i] = not context.reported_footnotes and not context.broken_out_of_flow
            yield page

    document.layout_document, layout.make_all_pages = layout_document, make_all_pages
    try:
        yield
    finally:
        document.layout_document, layout.make_all_pages = original_layout, original_pages


def restyle(kept: Kept, element_id: str, values: dict[str, Any]) -> int:
    """Set computed style `values` (WeasyPrint's property names) on the boxes of the element
    `element_id` and, for INHERITED properties, on their descendants that inherit them; return how
    many boxes of the element were found."""
    found = 0
    for box in list(kept.root_box.descendants()):
        element = getattr(box, "element", None)
        if element is None or element.get("id") != element_id or "::" in (getattr(box, "element_tag", "") or ""):
            continue
        found += 1
        old = {k: box.style[k] for k in values}
        for i, sub in enumerate(box.descendants()):
            change = values if i == 0 else {k: v for k, v in values.items()
                                             if k in INHERITED and getattr(sub, "style", None) is not None
                                             and sub.style[k] == old[k]}
            if change:
                sub.style = sub.style.copy()
                for k, v in change.items():
                    sub.style[k] = v
    return found


def retext(kept: Kept, texts: dict[tuple[str, str], str]) -> None:
    """Set the text of every span whose (class, @data-href) is a key of `texts` (as `fill_line_refs` set
    them in the HTML) in the box tree and the footnotes, so that the pages laid out again are laid out
    with them, as from the HTML."""
    from weasyprint.formatting_structure import boxes

    for top in [kept.root_box, *kept.footnotes]:
        for box in top.descendants():
            element = getattr(box, "element", None)
            if element is None or getattr(box, "element_tag", None) != "span" or not element.get("data-href"):
                continue
            for cls in (element.get("class") or "").split():
                new = texts.get((cls, element.get("data-href")))
                kids = [k for k in box.children if isinstance(k, boxes.TextBox)]
                if new is not None and len(kids) == 1 and len(box.children) == 1:
                    kids[0].text = new


def start_page(kept: Kept, index: int) -> int:
    """The latest page index ≤ `index` that starts clean (nothing carried over to it)."""
    while index > 0 and not kept.clean.get(index - 1, False):
        index -= 1
    return max(index, 0)


def relayout(kept: Kept, doc: Any, start: int) -> Any:
    """A new document: the pages of `doc` before page index `start` as they were, the rest laid out
    again from the (restyled) box tree."""
    from weasyprint import layout
    from weasyprint.document import Page
    from weasyprint.layout import page as wp_page

    context = kept.context
    old_pages = []
    for page, children, root_children in kept.raw:  # as before the margin boxes were added
        page.children = children
        children[0].children = root_children
        old_pages.append(page)
    context.page_maker[start][-1]["content_changed"] = True
    context.footnotes = list(kept.footnotes)  # as on a repagination (footnotes laid out before are not met again)
    context.reported_footnotes = []
    context.broken_out_of_flow.clear()
    context.string_set = defaultdict(lambda: defaultdict(list))  # collected again for every page
    original_init, original_pages = layout.initialize_page_maker, layout.make_all_pages
    original_remake = wp_page.remake_page
    first = [True]

    def remake(index: int, ctx: Any, root_box: Any, html: Any) -> Any:
        page, resume_at = original_remake(index, ctx, root_box, html)
        if resume_at is not None or ctx.reported_footnotes:  # as a first layout: every page from `start` made anew
            ctx.page_maker[index + 1][-1]["content_changed"] = True
        return page, resume_at

    def make_all_pages(ctx: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
        if not first[0]:  # a repagination (page-based counters): as WeasyPrint does it
            yield from original_pages(ctx, root_box, html, pages)
            return
        first[0] = False
        wp_page.remake_page = remake
        try:
            yield from original_pages(ctx, root_box, html, old_pages[:start])
        finally:
            wp_page.remake_page = original_remake

    layout.initialize_page_maker = lambda ctx, root_box: None
    layout.make_all_pages = make_all_pages
    try:
        with keeping(kept):
            boxes = list(layout.layout_document(kept.html, kept.root_box, context))
    finally:
        layout.initialize_page_maker, layout.make_all_pages = original_init, original_pages
    return doc.copy([Page(b) for b in boxes])
