"""A linear pre-check of the grammar, so a file with very many errors is reported in bounded time.

libxml2's RELAX NG validator is fast, but lxml records the path of every error's node
(xmlGetNodePath, which counts the node's preceding siblings): a file with n invalid elements
among n siblings costs O(n²) (40,000 errors: about a minute). Before running it, this module
checks in one pass what the schema certainly forbids, from the compiled RELAX NG itself:

* an element the schema does not declare, or one that its parent's content can never hold;
* an attribute an element can never carry.

These are necessary conditions only (order and cardinality are left to RELAX NG), so a finding
here is always a real error. When they alone exceed the per-file error limit, the grammar
check reports the first ones and how many more there are, and RELAX NG is not run on that file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..xmlio import parse_file

RNG = "http://relaxng.org/ns/structure/1.0"
_R = f"{{{RNG}}}"
_LEAVES = {f"{_R}{n}" for n in ("text", "data", "value", "empty", "notAllowed", "param", "name", "anyName",
                                 "nsName", "except")}


@dataclass(frozen=True)
class Model:
    """What each element (Clark name) may contain and carry; None: anything (a wildcard)."""

    children: dict[str, frozenset[str] | None]
    attributes: dict[str, frozenset[str] | None]


def _qname(el: etree._Element, name: str, attribute: bool) -> str:
    prefix, _, local = name.rpartition(":")
    if prefix == "xml":
        return f"{{http://www.w3.org/XML/1998/namespace}}{local}"
    if prefix:
        return f"{{{el.nsmap.get(prefix, '')}}}{local}" if el.nsmap.get(prefix) else local
    ns = el.get("ns")
    if ns is None and not attribute:
        anc = next((a for a in el.iterancestors() if a.get("ns") is not None), None)
        ns = anc.get("ns") if anc is not None else ""
    return f"{{{ns}}}{local}" if ns else local


def _name_of(el: etree._Element, attribute: bool) -> str | None:
    """The one name an element/attribute pattern has; None for a name class (anyName, choice …)."""
    if el.get("name") is not None:
        return _qname(el, el.get("name", "").strip(), attribute)
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is not None and first.tag == f"{_R}name":
        return _qname(first, (first.text or "").strip(), attribute)
    return None


def build_model(grammar: etree._Element) -> Model:
    if grammar.xpath("boolean(//r:include | //r:externalRef)", namespaces={"r": RNG}):
        raise ValueError("schemas that include others are not pre-checked")
    defines: dict[str, list[etree._Element]] = {}
    for d in grammar.iter(f"{_R}define"):
        defines.setdefault(d.get("name", ""), []).append(d)
    children: dict[str, frozenset[str] | None] = {}
    attributes: dict[str, frozenset[str] | None] = {}

    def collect(node: etree._Element, kids: set[str | None], atts: set[str | None], seen: set[str]) -> None:
        for c in node:
            if not isinstance(c.tag, str) or c.tag in _LEAVES:
                continue
            if c.tag == f"{_R}element":
                kids.add(_name_of(c, False))
            elif c.tag == f"{_R}attribute":
                atts.add(_name_of(c, True))
            elif c.tag in (f"{_R}ref", f"{_R}parentRef"):
                name = c.get("name", "")
                if name not in seen:
                    seen.add(name)
                    for d in defines.get(name, []):
                        collect(d, kids, atts, seen)
            else:
                collect(c, kids, atts, seen)

    for el in grammar.iter(f"{_R}element"):
        name = _name_of(el, False)
        if name is None:
            raise ValueError("element name classes are not pre-checked")
        kids: set[str | None] = set()
        atts: set[str | None] = set()
        collect(el, kids, atts, set())
        k = None if None in kids else frozenset(n for n in kids if n)
        a = None if None in atts else frozenset(n for n in atts if n)
        old_k, old_a = children.get(name, frozenset()), attributes.get(name, frozenset())
        children[name] = None if k is None or old_k is None else old_k | k
        attributes[name] = None if a is None or old_a is None else old_a | a
    return Model(children, attributes)


@lru_cache(maxsize=4)
def model(rng_path: str, mtime_ns: int) -> Model | None:
    """The model of a RELAX NG schema (XML syntax); None when it cannot be derived safely."""
    try:
        return build_model(parse_file(Path(rng_path)).getroot())
    except (EditionError, ValueError):
        return None


def findings(root: etree._Element, m: Model) -> Iterator[tuple[etree._Element, str | None, str]]:
    """(element, attribute or None, what) for everything the schema certainly forbids, in document order."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        allowed_atts = m.attributes.get(el.tag)
        parent = el.getparent()
        if el.tag not in m.children:
            where = f" inside <{etree.QName(parent).localname}>" if parent is not None else ""
            yield el, None, f"element <{etree.QName(el).localname}> is not allowed here{where}"
            continue
        if parent is not None:
            allowed = m.children.get(parent.tag)
            if allowed is not None and parent.tag in m.children and el.tag not in allowed:
                yield (el, None, f"element <{etree.QName(el).localname}> is not allowed here inside "
                       f"<{etree.QName(parent).localname}>")
        if allowed_atts is not None:
            for att in el.attrib:
                if att not in allowed_atts:
                    yield el, att, "attribute"
