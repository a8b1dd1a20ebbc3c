"""Page sizes of the print edition and the CSS that depends on them.

`PAGE_SIZES` gives each size its CSS name, margins (top, outer, bottom, inner; inner margins are
narrower, the outer one leaves room for a reader's annotations) and base font size. `page_css`
is the CSS added to xslt/print/print.css for one size: the @page boxes and the geometry of the
timeline plate, which is turned a quarter and so must be sized from the page's content box
(its width runs along the page's height).
"""

from __future__ import annotations

import re

PAGE_SIZES: dict[str, tuple[str, tuple[str, str, str, str], str]] = {
    "A4": ("A4", ("24mm", "34mm", "26mm", "24mm"), "11pt"),
    "A5": ("A5", ("17mm", "21mm", "19mm", "16mm"), "9.6pt"),
    "letter": ("letter", ("0.95in", "1.35in", "1in", "0.95in"), "11pt"),
}
DEFAULT_PAGE_SIZE = "A5"

#: Paper (width, height) in millimetres.
PAPER_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "letter": (215.9, 279.4)}


def _mm(length: str) -> float:
    m = re.fullmatch(r"([\d.]+)(mm|in)", length)
    if not m:
        raise ValueError(f"length {length!r}: expected mm or in")
    return float(m.group(1)) * (25.4 if m.group(2) == "in" else 1.0)


def page_css(page_size: str) -> str:
    """@page rules, base font size and the timeline plate's box for `page_size` (a key of PAGE_SIZES)."""
    size, (top, outer, bottom, inner), font = PAGE_SIZES[page_size]
    width, height = PAPER_MM[page_size]
    box_w = width - _mm(inner) - _mm(outer)
    box_h = height - _mm(top) - _mm(bottom)
    # the plate, turned a quarter: as long as the content box is high (less room for the running
    # head), as deep as it is wide (less a small gutter), its foot on the box's inner edge
    plate_w, plate_h = box_h - 14, box_w - 7
    return (f"@page {{ size: {size}; margin: {top} {outer} {bottom} {inner}; }}\n"
            f"@page :left {{ margin: {top} {inner} {bottom} {outer}; }}\n"
            f"html {{ font-size: {font}; }}\n"
            f".plate {{ width: {plate_w:.1f}mm; height: {plate_h:.1f}mm; "
            f"transform: translate(3mm, {plate_w + 4:.1f}mm) rotate(-90deg); }}\n"
            f".plate-figure svg {{ width: {plate_w:.1f}mm; }}\n")
