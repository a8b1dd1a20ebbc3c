"""RELAX NG on documents with long runs of sibling elements, in linear time (issue 15).

lxml records the node path of every validation error (libxml2's xmlGetNodePath), which counts
the preceding siblings of the node and of each of its ancestors: n errors among n siblings cost
O(n²) (300,000 `<div><p/><head/></div>` in a body: far beyond 10 minutes). The pre-check
(prescreen.py) catches floods of elements and attributes that can never stand where they are;
this module handles the rest (order and cardinality of allowed elements).

When some element has more than WIDE element children, the document is validated in windows:
a *skeleton* run, every such wide parent holding only its first and last FRAME children, then
one run per WINDOW children of each wide parent, which holds its frame and that window (the other
wide parents again their frames, an ancestor also the child leading to the window). The tree is
changed in place for each run and put back as it was. A run reports the errors inside its
window's children (the skeleton run: everything outside the windows); the errors are merged in
document order. Each error's path is then short, and every element is validated about once: the
whole costs about one validation of the document plus one skeleton per window.

The windows assume what TEI content models are: a beginning and an end (head, opener; closer,
trailer: the frame) around a repeatable choice, so a child's validity does not depend on how many
siblings precede it. To keep every verdict exact where it can be, the caller validates the whole
document as before when the windows find few errors (FULL_CHECK or fewer): a valid file, or one with
a handful of errors, gets exactly the usual result; only floods are reported from the windows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..xmlio import parse_file
from .documents import Document, follow_error_path

RNG = "http://relaxng.org/ns/structure/1.0"

WIDE = 500  # element children from which a parent is validated in windows
WINDOW = 500  # children per window
FRAME = 8  # first and last children of a wide parent kept in every run
FULL_CHECK = 100  # windows finding at most this many errors: validate the whole document instead


@dataclass
class Found:
    """One RELAX NG error of a windowed run, resolved while the run's tree stood."""

    message: str
    element: etree._Element | None
    line: int
    column: int


def wide_parents(root: etree._Element) -> list[etree._Element]:
    """Elements with more than WIDE element children, in document order."""
    out = []
    for el in root.iter():
        if len(el) > WIDE and sum(1 for c in el if isinstance(c.tag, str)) > WIDE:
            out.append(el)
    return out


def _frame(kids: list[etree._Element]) -> list[etree._Element]:
    return kids[:FRAME] + kids[-FRAME:] if len(kids) > 2 * FRAME else list(kids)


@lru_cache(maxsize=64)
def element_grammar(rng_file: str, mtime_ns: int, local: str) -> etree.RelaxNG | None:
    """The schema with <start> at the one definition of element `local` (None when the schema
    has no such single definition): to validate a wide parent's subtree on its own."""
    try:
        tree = parse_file(rng_file)
    except EditionError:
        return None
    grammar = tree.getroot()
    defines = [d for d in grammar.iter(f"{{{RNG}}}define")
               if len(d) == 1 and d[0].tag == f"{{{RNG}}}element" and d[0].get("name") == local]
    start = grammar.find(f"{{{RNG}}}start")
    if len(defines) != 1 or start is None or grammar.tag != f"{{{RNG}}}grammar":
        return None
    start[:] = [etree.Element(f"{{{RNG}}}ref", name=defines[0].get("name", ""))]
    try:
        return etree.RelaxNG(tree)
    except etree.RelaxNGParseError:
        return None


def _errors(rng: etree.RelaxNG, target: etree._ElementTree | etree._Element, base: etree._Element,
            inside: set[etree._Element] | None) -> list[Found]:
    """Validate `target` (the document, or one element as if it were the root, `base`); the errors at or
    below an element of `inside` (None: all)."""
    out: list[Found] = []
    if rng.validate(target):
        return out
    children: dict[etree._Element, list[etree._Element]] = {}
    for entry in rng.error_log:
        el = _at(base, entry.path, children) if entry.path else None
        if inside is not None and (el is None or el not in inside and not any(a in inside for a in el.iterancestors())):
            continue
        out.append(Found(entry.message, el, entry.line or 1, (entry.column or 0) + 1))
    return out


def _at(base: etree._Element, path: str, children: dict[etree._Element, list[etree._Element]]) -> etree._Element | None:
    """The element at a libxml2 error path (/*/*[2]/p[3]) from `base`, its first step."""
    return follow_error_path(base, [s for s in path.split("/") if s][1:], children)


def validate(doc: Document, rng: etree.RelaxNG, rng_file: Path, wide: list[etree._Element]) -> list[Found] | None:
    """The RELAX NG errors of `doc`, validated in windows over the children of the `wide` parents
    (None when the schema does not define a wide parent's element once: then validate the whole).

    The tree is changed while this runs (each change a few children, so that the whole stays
    linear) and is as it was when it returns.
    """
    mtime = rng_file.stat().st_mtime_ns
    grammars = {p: element_grammar(str(rng_file), mtime, etree.QName(p).localname) for p in wide}
    if any(g is None for g in grammars.values()):
        return None
    kids = {p: list(p) for p in wide}
    found: list[Found] = []
    try:
        for p in wide:
            p[:] = _frame(kids[p])
        found += _errors(rng, doc.tree, doc.root, None)  # the skeleton: everything but the windows
        for parent in wide:
            middle = kids[parent][FRAME:-FRAME] if len(kids[parent]) > 2 * FRAME else []
            for start in range(0, len(middle), WINDOW):
                window = middle[start:start + WINDOW]
                parent[FRAME:FRAME] = window
                found += _errors(grammars[parent], parent, parent, {c for c in window if isinstance(c.tag, str)})
                for c in window:
                    parent.remove(c)
    finally:
        for p in wide:
            p[:] = kids[p]
    # document order: the elements' order in the tree, then the errors without an element
    at = {f.element for f in found if f.element is not None}
    order = {}
    if at:
        for i, el in enumerate(doc.root.iter()):
            if el in at:
                order[el] = i
    return sorted(found, key=lambda f: (0, order[f.element]) if f.element is not None else (1, f.line))
