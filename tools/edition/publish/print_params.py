"""Stylesheet parameters of the print edition (xslt/print/frame.xsl) besides the date.

(The texts' file names, ids and short labels — editorial/texts.toml — by which the print stylesheet resolves
pointers such as "from-bucharest-to-moscow.xml#fbm-p034" and names the texts in the apparatus of quotations,
"memoir ¶ 34–35", stand in its input, the site corpus: edition.publish.pdf.corpus.)
* `timeline`: the SVG timeline of the texts' dates made by xslt/timeline/timeline.xsl in its print
  variant (no links: WeasyPrint draws an svg:a as text; sized and set in the book's type). The print
  stylesheet sets it as a plate that print.css turns a quarter, to read from the outer edge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from .. import resources
from ..xmlio import TEI_NS, XML_ID
from .inputs import CorpusText, site_corpus
from .footnote_series import SeriesStyle
from .lines import LineNumbering
from .timeline import timeline_svg

#: The line numbers in the margin (edition.publish.lines): every 5th shown, restarting on each page.
LINE_NUMBERING = LineNumbering(every=5, restart="page", side="outer")

#: At most this many lines in a row end in a hyphen (the next hyphenated word is kept whole).
HYPHENATED_LINES_MAX = 2

#: The series of notes and apparatus at the foot of the page, top block first (classes of the print
#: HTML: authorial notes, critical apparatus, apparatus of quotations, editors' notes), and how each
#: block is set off from the one above it (the first block stands under the footnote area's rule,
#: print.css @footnote). Their type is set in print.css (.fn-auth, .fn-crit, .fn-src, .fn-ed).
APPARATUS_ORDER = ["fn-auth", "fn-crit", "fn-src", "fn-ed"]
APPARATUS_STYLES = {
    "fn-auth": SeriesStyle(space_above=3.0, rule=0.0),
    "fn-crit": SeriesStyle(space_above=2.5, rule=0.3, space_below=2.0),
    "fn-src": SeriesStyle(space_above=2.5, rule=0.3, space_below=2.0),
    "fn-ed": SeriesStyle(space_above=2.5, rule=0.3, space_below=2.0),
}

#: The print variant of the timeline: a 900-unit axis set 160 mm long on A5 (the plate's length,
#: page_geometry) puts the 15-unit type at about 7.5 pt.
TIMELINE_PARAMS: dict[str, Any] = {
    "width": 900.0,
    "font-family": "Linux Libertine O, Junicode Two Beta, Noto Serif, serif",
    "font-size": 13.0,
    "links": False,
    "zoom": 1.0,  # a linear axis: every year the same width
    "label-tiers": 5,  # the events (dates of a month) labelled, fanned out above each row
    "mark-radius": 2.2,  # small marks: on a linear axis the dense years stack high
    "row-height": 60.0,
}


def _has_dates(root: etree._Element) -> bool:
    return bool(root.xpath("boolean(.//tei:text//tei:date)", namespaces={"tei": TEI_NS}))


def timeline_plate(texts: list[Path], roots: list[etree._Element], stylesheet: Path | None = None,
                   events: etree._ElementTree | None = None, corpus: Any = None) -> etree._Element | None:
    """The timeline of `texts` for the print book, turned a quarter (the events of `events`, the register of
    events, named in its labels); None when no text has a date or there is no timeline stylesheet. `corpus`:
    the book's site corpus (pdf.corpus, parsed), when the caller has it; else it is made here."""
    stylesheet = stylesheet or resources.xslt_dir("timeline") / "timeline.xsl"
    if not stylesheet.exists() or not any(_has_dates(r) for r in roots):
        return None
    params = dict(TIMELINE_PARAMS, **({"events": events} if events is not None else {}))
    if corpus is None:
        corpus = site_corpus([CorpusText(p.name, r.get(XML_ID) or p.stem, r) for p, r in zip(texts, roots)])
    return timeline_svg(stylesheet, corpus, texts, params)


def print_params(texts: list[Path], roots: list[etree._Element], timeline_xsl: Path | None = None,
                 events: etree._ElementTree | None = None, corpus: Any = None) -> dict[str, Any]:
    """The document-valued parameters of the print stylesheet for a book of `texts` (parsed: `roots`);
    `timeline_xsl`: the timeline stylesheet of the print stylesheet's tree; `events`: the register of
    events (editorial/events.xml), for the index of events and the timeline plate; `corpus`: see
    `timeline_plate`."""
    params: dict[str, Any] = {}
    plate = timeline_plate(texts, roots, timeline_xsl, events, corpus)
    if plate is not None:
        params["timeline"] = plate
    if events is not None:
        params["events"] = events
    return params
