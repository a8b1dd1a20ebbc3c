"""Writing the PDF: WeasyPrint's tagging without rebuilding the list of page references each time.

pydyf's `PDF.page_references` is a property that builds the tuple of all pages' references anew on each
read; WeasyPrint's tagging (weasyprint.pdf.tags) reads it once per marked content item to find one
page (`pdf.page_references[n]`): about 16,000 reads of an 81-entry tuple for the edition, most of a
second. While `page_references_once()` is active the tuple is built once per PDF and number of pages
(pages are only ever appended to a PDF, so the same count means the same pages); the PDF written is the
same. The hook is active only inside the `with` block.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()


@contextmanager
def page_references_once() -> Iterator[None]:
    """While active, pydyf builds a PDF's page references once per number of pages."""
    import pydyf

    original = pydyf.PDF.__dict__["page_references"]
    cache: dict[int, tuple[Any, int, tuple[bytes, ...]]] = {}  # id(pdf) → the pdf, its page count, the tuple

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])
        hit = cache.get(id(pdf))
        if hit is None or hit[0] is not pdf or hit[1] != count:
            hit = cache[id(pdf)] = (pdf, count, original.fget(pdf))
        return hit[2]

    with _lock:
        pydyf.PDF.page_references = property(page_references)
        try:
            yield
        finally:
            pydyf.PDF.page_references = original
            cache.clear()
