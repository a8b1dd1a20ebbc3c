"""Run xslt/timeline/timeline.xsl: the SVG timeline of the dates of several TEI texts.

The stylesheet runs on the site corpus of the texts (edition.publish.inputs.site_corpus: the input shape of
the HTML and print stylesheets), a row per text; each mark links to `<its page>#date-n` (the reading
pages) or, with `links` false (the print variant), to nothing. Used by the HTML site and the print book.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from ..xmlio import parse_bytes
from .saxon import Transformer


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


def timeline_svg(stylesheet: Path, corpus: Any, texts: list[Path], params: dict[str, Any] | None = None) -> etree._Element:
    """The SVG root made by `stylesheet` from `corpus` (a site corpus, as XML text or as the Saxon document the
    site's pages are made from) of the files `texts`, which an error names."""
    name = str(texts[0]) if len(texts) == 1 else "the timeline of " + ", ".join(
        [str(p) for p in texts[:3]] + (["…"] if len(texts) > 3 else []))
    result = Transformer.get(stylesheet).run(corpus, params=dict(params or {}), source_name=name)
    return parse_bytes(result.main.encode("utf-8"), str(stylesheet)).getroot()
