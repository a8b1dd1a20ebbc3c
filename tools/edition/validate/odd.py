"""The edition's ODD (tei/schema/edition.odd) → RELAX NG (edition.rng) and Schematron (edition.sch).

The TEI Stylesheets are not used. This small generator reads the part of the ODD vocabulary
the edition's ODD is written in:

* ``elementSpec`` with a complete pure-ODD ``content`` (``sequence``, ``alternate``,
  ``elementRef``, ``macroRef``, ``textNode``, ``empty``, ``dataRef``; ``minOccurs``/``maxOccurs``),
  ``classes/memberOf`` naming attribute classes, and ``attList/attDef``;
* ``classSpec type="atts"`` (attribute classes) and ``macroSpec`` (content macros);
* ``attDef`` with ``@usage``, ``datatype`` (``dataRef @key`` = a teidata type, ``@name`` = an XSD
  type, ``@restriction`` = a pattern; ``minOccurs``/``maxOccurs`` make a list) and
  ``valList type="closed"``;
* ``constraintSpec scheme="schematron"`` whose ``constraint`` holds ``sch:rule`` elements.

Anything else in the schemaSpec is an error, so the ODD cannot silently say more than the
generated schema enforces. Run ``python -m edition.validate.odd`` to regenerate both files;
the output is byte-stable, and a test fails when the committed files differ from it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import resources
from ..errors import EditionError
from ..xmlio import TEI_NS, atomic_write, parse_file

RNG_NS = "http://relaxng.org/ns/structure/1.0"
ANN_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSD_DT = "http://www.w3.org/2001/XMLSchema-datatypes"

_T = f"{{{TEI_NS}}}"
_R = f"{{{RNG_NS}}}"

# The TEI datatypes the ODD may name with dataRef/@key: (XSD type, pattern or None) choices.
TEIDATA: dict[str, list[tuple[str, str | None]]] = {
    "teidata.pointer": [("anyURI", r"\S+")],
    "teidata.temporal.w3c": [(t, None) for t in
                             ("date", "gYear", "gMonth", "gDay", "gYearMonth", "gMonthDay", "time", "dateTime")],
    "teidata.language": [("language", None)],
    "teidata.text": [("string", None)],
    "teidata.word": [("token", r"[^\p{C}\p{Z}]+")],
    "teidata.enumerated": [("token", r"[^\p{C}\p{Z}]+")],
    "teidata.count": [("nonNegativeInteger", None)],
    "teidata.truthValue": [("boolean", None)],
}


@dataclass
class AttDef:
    """One attribute: name, required?, closed values or datatype choices, list bounds."""

    ident: str
    required: bool
    desc: str
    values: list[str] = field(default_factory=list)
    data: list[tuple[str, str | None]] = field(default_factory=list)
    min_occurs: int = 1
    max_occurs: int | None = 1  # None = unbounded


@dataclass
class Rule:
    """A constraintSpec: a rule id, its severity, description and optional Schematron rules."""

    ident: str
    severity: str
    desc: str
    sch_rules: list[etree._Element] = field(default_factory=list)


@dataclass
class Odd:
    """The parsed schemaSpec."""

    path: Path
    tree: etree._ElementTree
    start: str
    elements: dict[str, etree._Element]
    macros: dict[str, etree._Element]
    classes: dict[str, list[AttDef]]
    rules: list[Rule]

    def attributes_of(self, ident: str) -> list[AttDef]:
        """All attributes of an element: its classes' (in order) then its own."""
        spec = self.elements[ident]
        atts: list[AttDef] = []
        for member in spec.iterfind(f"{_T}classes/{_T}memberOf"):
            atts += self.classes[member.get("key", "")]
        atts += [_attdef(self.path, a) for a in spec.iterfind(f"{_T}attList/{_T}attDef")]
        return atts


def _where(path: Path, el: etree._Element) -> str:
    return f"{path}:{el.sourceline}"


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _occurs(path: Path, el: etree._Element) -> tuple[int, int | None]:
    try:
        lo = int(el.get("minOccurs", "1"))
        hi_s = el.get("maxOccurs", "1")
        hi = None if hi_s == "unbounded" else int(hi_s)
    except ValueError:
        raise EditionError(f"{_where(path, el)}: minOccurs/maxOccurs must be integers or 'unbounded'") from None
    if lo < 0 or (hi is not None and hi < max(lo, 1)):
        raise EditionError(f"{_where(path, el)}: impossible occurrence bounds {lo}..{hi}")
    return lo, hi


def _attdef(path: Path, a: etree._Element) -> AttDef:
    ident = a.get("ident") or ""
    if not ident:
        raise EditionError(f"{_where(path, a)}: attDef without @ident")
    usage = a.get("usage", "opt")
    if usage not in ("opt", "req", "rec"):
        raise EditionError(f"{_where(path, a)}: attDef {ident}: unknown usage {usage!r}")
    att = AttDef(ident, usage == "req", _text(a.find(f"{_T}desc")))
    dt = a.find(f"{_T}datatype")
    if dt is not None:
        att.min_occurs, att.max_occurs = _occurs(path, dt)
        ref = dt.find(f"{_T}dataRef")
        if ref is None:
            raise EditionError(f"{_where(path, dt)}: datatype of {ident} needs a dataRef")
        att.data = _dataref(path, ref)
    vl = a.find(f"{_T}valList")
    if vl is not None:
        if vl.get("type") != "closed":
            raise EditionError(f"{_where(path, vl)}: valList of {ident} must be type=\"closed\"")
        att.values = [v.get("ident", "") for v in vl.iterfind(f"{_T}valItem")]
        if not att.values or "" in att.values:
            raise EditionError(f"{_where(path, vl)}: valList of {ident} needs valItems with @ident")
    if not att.data and not att.values:
        raise EditionError(f"{_where(path, a)}: attDef {ident} needs a datatype or a closed valList")
    return att


def _dataref(path: Path, ref: etree._Element) -> list[tuple[str, str | None]]:
    if ref.get("key"):
        key = ref.get("key", "")
        if key not in TEIDATA:
            raise EditionError(f"{_where(path, ref)}: unsupported datatype {key!r} (known: {', '.join(TEIDATA)})")
        return TEIDATA[key]
    if ref.get("name"):
        return [(ref.get("name", ""), ref.get("restriction"))]
    raise EditionError(f"{_where(path, ref)}: dataRef needs @key or @name")


def load_odd(path: Path | str | None = None) -> Odd:
    """Parse the ODD and check that it is complete and consistent (every reference defined)."""
    path = Path(path) if path else resources.schema_dir() / "edition.odd"
    tree = parse_file(path)
    spec = tree.find(f".//{_T}schemaSpec")
    if spec is None:
        raise EditionError(f"{path}: no schemaSpec")
    elements: dict[str, etree._Element] = {}
    macros: dict[str, etree._Element] = {}
    classes: dict[str, list[AttDef]] = {}
    rules: list[Rule] = []
    included: set[str] = set()
    for child in spec:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        ident = child.get("ident") or child.get("key") or ""
        if local == "moduleRef":
            included.update((child.get("include") or "").split())
        elif local == "elementSpec":
            elements[ident] = child
        elif local == "macroSpec":
            macros[ident] = child
        elif local == "classSpec" and child.get("type") == "atts":
            classes[ident] = [_attdef(path, a) for a in child.iterfind(f"{_T}attList/{_T}attDef")]
        elif local == "constraintSpec":
            sev = child.get("type", "error")
            if sev not in ("error", "warning"):
                raise EditionError(f"{_where(path, child)}: constraintSpec {ident}: type must be error or warning")
            sch = list(child.iterfind(f"{_T}constraint/{{{SCH_NS}}}rule"))
            if child.get("scheme") == "schematron" and not sch:
                raise EditionError(f"{_where(path, child)}: constraintSpec {ident} has no sch:rule")
            rules.append(Rule(ident, sev, _text(child.find(f"{_T}desc")), sch))
        else:
            raise EditionError(f"{_where(path, child)}: {local} is not supported by the schema generator")
    odd = Odd(path, tree, spec.get("start", "TEI"), elements, macros, classes, rules)
    _check(odd, included)
    return odd


def _check(odd: Odd, included: set[str]) -> None:
    path = odd.path
    if set(odd.elements) != included:
        extra = sorted(set(odd.elements) - included)
        missing = sorted(included - set(odd.elements))
        raise EditionError(f"{path}: moduleRef/@include and elementSpecs disagree: "
                           f"not included {extra}, included without elementSpec {missing}")
    if odd.start not in odd.elements:
        raise EditionError(f"{path}: start element {odd.start!r} has no elementSpec")
    for spec in [*odd.elements.values(), *odd.macros.values()]:
        if spec.find(f"{_T}content") is None:
            raise EditionError(f"{_where(path, spec)}: {spec.get('ident')} has no content")
        for ref in spec.iter(f"{_T}elementRef", f"{_T}macroRef"):
            table = odd.elements if ref.tag == f"{_T}elementRef" else odd.macros
            if ref.get("key") not in table:
                raise EditionError(f"{_where(path, ref)}: {ref.get('key')!r} is not specified in the ODD")
        for member in spec.iterfind(f"{_T}classes/{_T}memberOf"):
            if member.get("key") not in odd.classes:
                raise EditionError(f"{_where(path, member)}: unknown attribute class {member.get('key')!r}")
    ids = [r.ident for r in odd.rules]
    if len(ids) != len(set(ids)):
        raise EditionError(f"{path}: duplicate constraintSpec idents")


# ---------------------------------------------------------------- RELAX NG


def _r(parent: etree._Element, local: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{_R}{local}", attrs)


def _repeat(parent: etree._Element, lo: int, hi: int | None, fill: Callable[[etree._Element], None]) -> None:
    """Put `lo..hi` copies of a pattern into `parent`, required copies first (libxml2 matches lists
    greedily, so a oneOrMore before a required copy would never match)."""
    if (lo, hi) == (1, 1):
        fill(parent)
    elif (lo, hi) == (0, 1):
        fill(_r(parent, "optional"))
    elif hi is None:
        for _ in range(lo - 1):
            fill(parent)
        fill(_r(parent, "zeroOrMore" if lo == 0 else "oneOrMore"))
    else:
        for _ in range(lo):
            fill(parent)
        for _ in range(hi - lo):
            fill(_r(parent, "optional"))


def _content(odd: Odd, parent: etree._Element, node: etree._Element) -> None:
    local = etree.QName(node).localname
    lo, hi = _occurs(odd.path, node)

    def fill(box: etree._Element) -> None:
        if local in ("sequence", "alternate"):
            group = _r(box, "group" if local == "sequence" else "choice")
            for child in node:
                if isinstance(child.tag, str):
                    _content(odd, group, child)
        elif local == "elementRef" or local == "macroRef":
            _r(box, "ref", name=node.get("key", ""))
        elif local == "textNode":
            _r(box, "text")
        elif local == "empty":
            _r(box, "empty")
        elif local == "dataRef":
            _data(box, _dataref(odd.path, node))
        else:
            raise EditionError(f"{_where(odd.path, node)}: content element {local} is not supported")

    _repeat(parent, lo, hi, fill)


def _data(parent: etree._Element, choices: list[tuple[str, str | None]]) -> None:
    box = _r(parent, "choice") if len(choices) > 1 else parent
    for xsd, pattern in choices:
        d = _r(box, "data", type=xsd)
        if pattern:
            _r(d, "param", name="pattern").text = pattern
    return None


def _attribute(parent: etree._Element, att: AttDef) -> None:
    box = parent if att.required else _r(parent, "optional")
    a = _r(box, "attribute", name=att.ident)
    doc = etree.SubElement(a, f"{{{ANN_NS}}}documentation")
    doc.text = att.desc

    def fill(t: etree._Element) -> None:
        if att.values:
            ch = _r(t, "choice")
            for v in att.values:
                _r(ch, "value").text = v
        else:
            _data(t, att.data)

    if att.max_occurs != 1 or att.min_occurs > 1:
        _repeat(_r(a, "list"), att.min_occurs, att.max_occurs, fill)
    else:
        fill(a)


def _define_content(odd: Odd, define: etree._Element, spec: etree._Element) -> None:
    content = spec.find(f"{_T}content")
    assert content is not None
    items = [c for c in content if isinstance(c.tag, str)]
    if len(items) != 1:
        raise EditionError(f"{_where(odd.path, content)}: content must hold exactly one pattern")
    _content(odd, define, items[0])


def build_rng(odd: Odd) -> bytes:
    """The RELAX NG grammar of the ODD, serialised (byte-stable)."""
    nsmap = {None: RNG_NS, "a": ANN_NS}
    grammar = etree.Element(f"{_R}grammar", nsmap=nsmap, ns=TEI_NS, datatypeLibrary=XSD_DT)
    grammar.append(etree.Comment(
        f" Generated from {odd.path.name} by `python -m edition.validate.odd`. Do not edit: edit the ODD "
        "and regenerate. "))
    start = _r(grammar, "start")
    _r(start, "ref", name=odd.start)
    for ident, spec in odd.macros.items():
        d = _r(grammar, "define", name=ident)
        _define_content(odd, d, spec)
    for ident, atts in odd.classes.items():
        d = _r(grammar, "define", name=f"{ident}.attributes")
        for att in atts:
            _attribute(d, att)
        if not atts:
            _r(d, "empty")
    for ident, spec in odd.elements.items():
        d = _r(grammar, "define", name=ident)
        el = _r(d, "element", name=ident)
        doc = etree.SubElement(el, f"{{{ANN_NS}}}documentation")
        doc.text = _text(spec.find(f"{_T}desc"))
        _define_content(odd, el, spec)
        for member in spec.iterfind(f"{_T}classes/{_T}memberOf"):
            _r(el, "ref", name=f"{member.get('key')}.attributes")
        for a in spec.iterfind(f"{_T}attList/{_T}attDef"):
            _attribute(el, _attdef(odd.path, a))
    etree.indent(grammar, space="  ")
    return _serialise(grammar)


def build_sch(odd: Odd) -> bytes:
    """The ISO Schematron (XPath 1, queryBinding xslt) of the ODD's XPath-1-expressible rules."""
    root = etree.Element(f"{{{SCH_NS}}}schema", nsmap={"sch": SCH_NS}, queryBinding="xslt")
    root.append(etree.Comment(
        f" Generated from {odd.path.name} by `python -m edition.validate.odd`. Do not edit. These are the "
        "rules that XPath 1 can express within one document; `edition validate` runs all rules (in "
        "Python) and is authoritative. "))
    etree.SubElement(root, f"{{{SCH_NS}}}title").text = "Rules of the edition (XPath 1 subset)"
    etree.SubElement(root, f"{{{SCH_NS}}}ns", prefix="tei", uri=TEI_NS)
    for rule in odd.rules:
        if not rule.sch_rules:
            continue
        pattern = etree.SubElement(root, f"{{{SCH_NS}}}pattern", id=rule.ident)
        for sch_rule in rule.sch_rules:
            pattern.append(_copy_clean(sch_rule))
    etree.indent(root, space="  ")
    return _serialise(root)


def _copy_clean(el: etree._Element) -> etree._Element:
    """A copy of a Schematron element without the ODD's other namespace declarations."""
    new = etree.Element(el.tag, dict(el.attrib), nsmap={"sch": SCH_NS})
    new.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            c = _copy_clean(child)
            c.tail = child.tail
            new.append(c)
    return new


def _serialise(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def generate(odd_path: Path | str | None = None, out_dir: Path | str | None = None) -> list[Path]:
    """Write edition.rng and edition.sch next to the ODD (or into out_dir); return the paths written."""
    odd = load_odd(odd_path)
    out = Path(out_dir) if out_dir else odd.path.parent
    written = []
    for name, data in (("edition.rng", build_rng(odd)), ("edition.sch", build_sch(odd))):
        target = out / name
        if not target.exists() or target.read_bytes() != data:
            atomic_write(target, data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate the schema files from the ODD."""
    args = sys.argv[1:] if argv is None else argv
    try:
        for p in generate(args[0] if args else None):
            print(p)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
