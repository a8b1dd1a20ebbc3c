"""Page numbers printed as text in the print book, filled in by edition.publish.pdf after layout.

* Index entries (span.ix-pages holding one a.ix-ref per mention): one link per distinct page, with
  its number, three or more consecutive pages as a range (25–28); in the index of speakers a page all of whose passages have an inferred speaker
  (a.ix-inferred) is starred.
* Contents entries (span.toc-page) and page references (span.pageref: the list of corrections, the
  apparatus of quotations): the number of the page their @data-href target is on. A reference to a
  page not laid out yet (a quotation's source printed later in the book) gets a placeholder of as
  many zeros as the number will have digits; print.css sets these numbers in tabular figures, so the
  division is laid out again with its numbers and must come out the same.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..errors import EditionError

XHTML_NS = "http://www.w3.org/1999/xhtml"


def _x(root: etree._Element, path: str) -> list[Any]:
    return root.xpath(path, namespaces={"h": XHTML_NS})


def has_class(name: str) -> str:
    """XPath predicate body: the element's @class holds the token `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


#: Runs of at least this many consecutive pages are printed as a range ("25–28").
RANGE_MIN = 3


def page_runs(pages: list[int], starred: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Sorted distinct pages as (first, last) runs: consecutive pages of the same kind (starred or
    not) make one run when there are at least RANGE_MIN of them; other pages stand alone."""
    out: list[tuple[int, int]] = []
    ordered = sorted(set(pages))
    i = 0
    while i < len(ordered):
        j = i
        while (j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1
               and (ordered[j + 1] in starred) == (ordered[i] in starred)):
            j += 1
        if j - i + 1 >= RANGE_MIN:
            out.append((ordered[i], ordered[j]))
        else:
            out += [(n, n) for n in ordered[i:j + 1]]
        i = j + 1
    return out


def resolve_index(root: etree._Element, pages: dict[str, int]) -> list[str]:
    """Replace each entry's per-mention links by its pages: one link per distinct page, runs of
    RANGE_MIN or more consecutive pages as one range ("25–28", each end a link). A link to an anchor
    the layout did not place is left out; the targets left out are returned."""
    skipped: list[str] = []
    for span in _x(root, f"//h:span[{has_class('ix-pages')}]"):
        seen: dict[int, str] = {}
        last: dict[int, str] = {}
        inferred: dict[int, bool] = {}
        for a in _x(span, f"h:a[{has_class('ix-ref')}]"):
            target = a.get("href", "")[1:]
            if target not in pages:
                skipped.append(target)
                continue
            page = pages[target]
            seen.setdefault(page, target)
            last[page] = target
            inferred[page] = inferred.get(page, True) and " ix-inferred " in f" {a.get('class', '')} "
        for child in list(span):
            span.remove(child)
        span.text = None
        starred = {p for p, v in inferred.items() if v}
        for k, (first, end) in enumerate(page_runs(list(seen), starred)):
            if k:
                sep = etree.SubElement(span, f"{{{XHTML_NS}}}span", {"class": "ix-sep"})
                sep.text = ", "
            holder = span  # a range is kept on one line (print.css: .ix-run)
            if end != first:
                holder = etree.SubElement(span, f"{{{XHTML_NS}}}span", {"class": "ix-run"})
            a = etree.SubElement(holder, f"{{{XHTML_NS}}}a", {"class": "ix-ref", "href": f"#{seen[first]}"})
            a.text = str(first)
            if end != first:
                dash = etree.SubElement(holder, f"{{{XHTML_NS}}}span", {"class": "ix-range"})
                dash.text = "\u2013"
                a = etree.SubElement(holder, f"{{{XHTML_NS}}}a", {"class": "ix-ref", "href": f"#{last[end]}"})
                a.text = str(end)
            if first in starred:
                star = etree.SubElement(span, f"{{{XHTML_NS}}}span", {"class": "ix-star"})
                star.text = "*"
    return skipped


def resolve_page_refs(root: etree._Element, pages: dict[str, int] | None, placeholder: str | None = None,
                      width: int = 0) -> list[str]:
    """Print the page of each contents entry or page reference under `root`. With `pages` None every
    number is `placeholder` ("00"); a target not in `pages` gets `placeholder` when one is given (its
    id is returned), else it is an error. A number shorter than `width` digits is padded with figure
    spaces (U+2007, a tabular digit's width), so that it takes the room of its placeholder."""
    deferred = []
    for span in _x(root, f".//h:span[{has_class('toc-page')} or {has_class('pageref')}]"):
        target = span.get("data-href", "")[1:]
        if pages is not None and target in pages:
            span.text = str(pages[target]).rjust(width, "\u2007")
        elif placeholder is not None:
            span.text = placeholder
            deferred.append(target)
        else:
            raise EditionError(f"print HTML: page reference to #{target}, which was not laid out")
    return deferred


def digits_needed(targets: list[str], pages: dict[str, int]) -> int:
    """How many digits the page numbers of `targets` have (at least 1)."""
    return max((len(str(pages[t])) for t in targets if t in pages), default=1)
