"""At most N lines in a row ending in a hyphen: CSS `hyphenate-limit-lines`, which WeasyPrint lacks.

WeasyPrint breaks a block's lines one at a time (layout.inline.iter_line_boxes, each line by
text.line_break.split_first_line). While `limit_hyphenated_lines(n)` is active, each block's line
iterator counts the lines in a row that end in the hyphenation character; once n have, the next line
is broken as if the text had `hyphens: manual`, so it cannot end in an automatic hyphen. A block
continued on a new page starts counting afresh (a run is counted on one page). Nothing else changes:
the count is per block, and the hook is active only inside the `with` block.

edition.publish.lines.hyphen_runs checks the result on the laid-out page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()


def _ends_hyphenated(line: Any, hyphen: str) -> bool:
    from weasyprint.formatting_structure import boxes

    box = line
    while getattr(box, "children", None):
        box = box.children[-1]
    return isinstance(box, boxes.TextBox) and box.text.endswith(hyphen)


@contextmanager
def limit_hyphenated_lines(limit: int) -> Iterator[None]:
    """While active, no more than `limit` consecutive lines of a block end in an automatic hyphen."""
    from weasyprint.layout import block, inline

    original_lines = block.iter_line_boxes
    original_split = inline.split_first_line
    barred: list[bool] = []  # one entry per line being broken (blocks nest: inline-blocks)
    manual: dict[int, Any] = {}  # style id → its copy with hyphens: manual

    def iter_line_boxes(context: Any, box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        lines = original_lines(context, box, *args, **kwargs)
        run = 0
        while True:
            barred.append(run >= limit)
            try:
                item = next(lines)
            except StopIteration:
                return
            finally:
                barred.pop()
            run = run + 1 if _ends_hyphenated(item[0], box.style["hyphenate_character"]) else 0
            yield item

    def split_first_line(text: str, style: Any, *args: Any, **kwargs: Any) -> Any:
        if barred and barred[-1] and style["hyphens"] == "auto":
            if id(style) not in manual:
                copy = style.copy()
                copy["hyphens"] = "manual"
                manual[id(style)] = (style, copy)  # the style is kept alive with its copy
            style = manual[id(style)][1]
        return original_split(text, style, *args, **kwargs)

    with _lock:
        block.iter_line_boxes, inline.split_first_line = iter_line_boxes, split_first_line
        try:
            yield
        finally:
            block.iter_line_boxes, inline.split_first_line = original_lines, original_split
