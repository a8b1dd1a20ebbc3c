"""The apparatus at the foot of the page in series, each its own block, as a critical edition sets it.

WeasyPrint has one footnote area per page and stacks the footnotes in the order of their calls.
A critical edition (reledmac) keeps its series apart: the authorial notes, the critical apparatus
(its entries run on as one paragraph), the apparatus of quotations, the editors' notes — each a
block of its own, in a fixed order, with a rule or a space between them. `series_blocks` is the
hook that does this: while it is active, the footnotes of a page's area are sorted by series
(stably: within a series they keep the order of their calls) and each series is wrapped in one
anonymous block carrying the series' rule and spacing (`SeriesStyle`). A series whose footnotes are
inline (CSS `footnote-display: inline`) thus runs on as one paragraph. The hook is applied both when
WeasyPrint measures the area (to decide what fits on the page) and when it sets it, so the page is
filled knowing the blocks' real heights. Footnotes of no known series (no class of `order`) come last,
untouched.

The hook wraps `weasyprint.formatting_structure.build.create_anonymous_boxes` (WeasyPrint 70), which
both places call for the footnote area; it is active only inside the `with` block.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

#: CSS px per pt (WeasyPrint lays out in CSS px).
PX_PER_PT = 4 / 3


@dataclass(frozen=True)
class SeriesStyle:
    """How a series' block is set off from the block above it: space above the rule, the rule's
    width (0: no rule), space below the rule (all in pt)."""

    space_above: float = 3.0
    rule: float = 0.0
    space_below: float = 0.0


_lock = threading.Lock()


def _series_of(box: Any, order: dict[str, int]) -> int:
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    return min((order[c] for c in classes if c in order), default=len(order))


def _wrap(area: Any, order: dict[str, int], styles: dict[str, SeriesStyle]) -> Any:
    from weasyprint.css.properties import Dimension
    from weasyprint.formatting_structure import boxes

    kids = list(area.children)
    ranked = sorted(kids, key=lambda b: _series_of(b, order))
    names = {i: name for name, i in order.items()}
    out: list[Any] = []
    first = True
    for rank in sorted({_series_of(b, order) for b in ranked}):
        run = [b for b in ranked if _series_of(b, order) == rank]
        if rank not in names:  # unknown footnotes: as they were
            out += run
            continue
        block = boxes.BlockBox.anonymous_from(area, run)
        style = styles.get(names[rank], SeriesStyle())
        block.style = block.style.copy()
        if not first:  # the first block stands under the area's own rule
            block.style["margin_top"] = Dimension(style.space_above * PX_PER_PT, "px")
            if style.rule:
                block.style["border_top_width"] = style.rule * PX_PER_PT
                block.style["border_top_style"] = "solid"
            block.style["padding_top"] = Dimension(style.space_below * PX_PER_PT, "px")
        first = False
        out.append(block)
    return area.copy_with_children(out)


@contextmanager
def series_blocks(order: list[str], styles: dict[str, SeriesStyle] | None = None) -> Iterator[None]:
    """While active, WeasyPrint sets the footnotes of each page in blocks by series: `order` is the
    footnotes' classes, first block first; `styles` the rule and spacing above each block."""
    from weasyprint.formatting_structure import boxes, build

    ranks = {name: i for i, name in enumerate(order)}
    styles = styles or {}
    original = build.create_anonymous_boxes

    def create_anonymous_boxes(box: Any) -> Any:
        if isinstance(box, boxes.FootnoteAreaBox) and box.children:
            box = _wrap(box, ranks, styles)
        return original(box)

    with _lock:
        build.create_anonymous_boxes = create_anonymous_boxes
        try:
            yield
        finally:
            build.create_anonymous_boxes = original
