"""Run xslt/timeline/timeline.xsl: the SVG timeline of the dates of several TEI texts.

The stylesheet runs on the first text and reads the others itself, by absolute file URI (given
as its `$texts` parameter); each mark links to `<file stem>.html#date-n` (the reading pages) or,
with `links` false (the print variant), to nothing. Used by the HTML site and the print book.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from ..xmlio import parse_bytes
from .saxon import Transformer, processor


#: The web variant (timeline.html, inline): a linear axis as wide as the page's text column on a
#: 1366-pixel screen (it scrolls sideways on a phone), the events labelled in up to six tiers above
#: each row, each label a link (to the month's dates in the list below the figure, or to the event).
WEB_PARAMS: dict[str, Any] = {
    "width": 1320.0,
    "zoom": 1.0,
    "label-tiers": 6,
    "font-size": 12.0,
}


#: The timeline draws one row per text: an edition of more texts gets no timeline page (the dates stay on the
#: reading pages), with a warning (`too_many_texts`), rather than a chart of rows no one can read and a page of
#: every date of every text (≈ 9 MB per 100 letters of bench/letters.py).
MAX_TEXTS = 50


def too_many_texts(n_texts: int) -> str:
    """The warning when an edition of `n_texts` texts gets no timeline page; "" when it gets one."""
    if n_texts <= MAX_TEXTS:
        return ""
    return (f"timeline.html not made: the timeline draws one row per text and the edition has {n_texts} texts "
            f"(at most {MAX_TEXTS}); the dates are marked on the reading pages")


def timeline_svg(stylesheet: Path, files: list[Path], first_text: str, params: dict[str, Any] | None = None) -> etree._Element:
    """The SVG root made by `stylesheet` from `files` (`first_text`: the first file's XML, as read)."""
    builder = processor().new_document_builder()
    builder.set_base_uri(files[0].resolve().as_uri())
    doc = builder.parse_xml(xml_text=first_text)
    params = dict(params or {})
    if len(files) > 1:  # a sequence of strings; file URIs are percent-encoded: they hold no apostrophe
        uris = ", ".join(f"'{p.resolve().as_uri()}'" for p in files[1:])
        params["texts"] = processor().new_xpath_processor().evaluate(f"({uris})")
    result = Transformer.get(stylesheet).run(doc, params=params, source_name=str(files[0]))
    return parse_bytes(result.main.encode("utf-8"), str(stylesheet)).getroot()
