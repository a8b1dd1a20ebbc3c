"""Footnotes stay on the page of their calls: WeasyPrint's page breaking without its footnote reporting.

When a line overflows the page and breaking before it would leave too few lines at the foot of the page
or at the head of the next (CSS orphans and widows), WeasyPrint (layout.block._linebox_layout) first
moves the page's last footnotes to the next page ("reports" them) to make room for that line; the
footnotes then stand a page after their calls. A critical edition keeps every note on the page of its
call, so while `footnotes_with_calls()` is active that step is left out: the line is broken as when the
page has no footnote to move (layout.block._break_line: lines held back for the widows, or the whole
paragraph on the next page for the orphans), and the footnotes of the lines moved on go with them.
A footnote that does not fit on its call's page at all is still moved on by WeasyPrint (footnote-policy:
line, print.css); edition.publish.divisions checks every footnote's page after the layout.

How: the step runs only while the page's footnote list is true in a test made by _linebox_layout itself
(`while report and context.current_page_footnotes`); the list of the page is a list that answers that one
test (and only it: the test's frame is checked) as empty. Nothing else in WeasyPrint changes, and the
hook is active only inside the `with` block.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()


class _PageFootnotes(list):  # type: ignore[type-arg]
    """A page's footnotes; empty to the test of layout.block._linebox_layout (see the module docstring)."""

    code: Any = None  # _linebox_layout's code object, while the hook is active

    def __bool__(self) -> bool:
        if _PageFootnotes.code is not None and sys._getframe(1).f_code is _PageFootnotes.code:
            return False
        return len(self) > 0


@contextmanager
def footnotes_with_calls() -> Iterator[None]:
    """While active, WeasyPrint never moves a page's footnotes to the next page to make room for a line."""
    from weasyprint.layout import LayoutContext, block

    original = LayoutContext.layout_footnote

    def layout_footnote(self: Any, footnote: Any) -> Any:
        if type(self.current_page_footnotes) is list:  # a new page's list (layout.page.make_page)
            self.current_page_footnotes = _PageFootnotes(self.current_page_footnotes)
        return original(self, footnote)

    with _lock:
        _PageFootnotes.code = block._linebox_layout.__code__
        LayoutContext.layout_footnote = layout_footnote
        try:
            yield
        finally:
            LayoutContext.layout_footnote = original
            _PageFootnotes.code = None
