"""Grammar: the edition's RELAX NG schema (tei/schema/edition.rng), compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .. import resources
from ..errors import EditionError
from ..xmlio import TEI_NS, parse_file
from .diagnostics import ERROR, GRAMMAR, MAX_PER_CHECK, Diagnostic
from .documents import Document
from . import prescreen, windows
from .odd import AttDef, load_odd
from .oddhtml import content_expression

_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_ELEM = re.compile(r"Did not expect element (\S+) there")
_EXPECT = re.compile(r"Expecting element (\S+), got (\S+)")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
_NOTHING = re.compile(r"Expecting an element\s*,\s*got nothing")
_NOTHING_NAMED = re.compile(r"Expecting an element (\S+), got nothing")
_BAD_CONTENT = re.compile(r"Element (\S+) failed to validate content")
_BAD_ATTRS = re.compile(r"Element (\S+) failed to validate attributes")
_TEXT = re.compile(r"Did not expect text in element (\S+) content")


@dataclass(frozen=True)
class ElementInfo:
    """What the ODD says about an element, for messages: content model, attributes."""

    content: str
    attributes: dict[str, AttDef]


@lru_cache(maxsize=4)
def schema_info(rng_path: str) -> dict[str, ElementInfo]:
    """Element facts from the ODD beside the RNG (empty when there is none or it cannot be read)."""
    odd_path = Path(rng_path).with_name("edition.odd")
    if not odd_path.exists():
        return {}
    try:
        odd = load_odd(odd_path)
    except EditionError:
        return {}
    return {ident: ElementInfo(content_expression(spec.find(f"{{{TEI_NS}}}content")),  # type: ignore[arg-type]
                               {a.ident: a for a in odd.attributes_of(ident)})
            for ident, spec in odd.elements.items()}


def _attr_message(el: etree._Element, att_name: str, info: dict[str, ElementInfo]) -> str:
    local = etree.QName(el).localname
    value = next((v for k, v in el.attrib.items() if _att_qname(k) == att_name), None)
    quoted = f'="{value}"' if value is not None else ""
    known = info.get(local)
    if known is None:
        return (f"attribute {att_name}{quoted} is not allowed on <{local}> (unknown attribute, or a value "
                "outside its closed list or datatype; see tei/schema/edition.odd)")
    att = known.attributes.get(att_name)
    if att is None:
        allowed = ", ".join("@" + a for a in sorted(known.attributes)) or "none"
        return f"attribute @{att_name}{quoted} is not allowed on <{local}> (allowed: {allowed})"
    if att.values:
        return f"@{att_name}{quoted} on <{local}> is not one of the allowed values: {', '.join(att.values)}"
    kinds = " or ".join(sorted({d for d, _ in att.data}))
    return f"@{att_name}{quoted} on <{local}> is not a valid value (expected {kinds})"


def _att_qname(clark: str) -> str:
    q = etree.QName(clark)
    return f"xml:{q.localname}" if q.namespace == "http://www.w3.org/XML/1998/namespace" else q.localname


def default_schema(start: Path | None = None) -> Path:
    """The project's tei/schema/edition.rng, else the one packaged with the toolkit."""
    candidate = resources.schema_dir(start) / "edition.rng"
    if candidate.exists():
        return candidate
    raise EditionError(f"{candidate}: the edition's RELAX NG schema is missing "
                       "(regenerate it with python -m edition.validate.odd, or pass --schema)")


@lru_cache(maxsize=4)
def compiled(path: str, mtime_ns: int) -> etree.RelaxNG:
    """The compiled schema (cached per path and modification time)."""
    try:
        return etree.RelaxNG(parse_file(path))
    except etree.RelaxNGParseError as exc:
        raise EditionError(f"{path}: not a usable RELAX NG schema: {exc}") from None


def schema(path: Path | None = None) -> etree.RelaxNG:
    """The compiled RELAX NG schema at `path` (default: see default_schema)."""
    p = Path(path) if path else default_schema()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise EditionError(f"{p}: cannot read the schema: {exc.strerror}") from None
    return compiled(str(p.resolve()), mtime)


def schema_path(path: Path | None = None) -> Path:
    """The schema file that schema(path) uses."""
    return (Path(path) if path else default_schema()).resolve()


def _explain(doc: Document, message: str, xpath: str | None, info: dict[str, ElementInfo],
             element: etree._Element | None = None) -> tuple[str, etree._Element | None, str | None]:
    """A clearer message with the offending value quoted, the element (at `xpath`, or `element`) and
    the attribute concerned."""
    el = element if element is not None else doc.at_path(xpath) if xpath else None
    if el is None:
        el = _guess(doc, message, info)
    local = etree.QName(el).localname if el is not None else ""
    model = f" (content model: {info[local].content})" if local in info else ""
    m = _ATTR.search(message)
    if m and el is not None:
        return _attr_message(el, m.group(1), info), el, m.group(1)
    m = _BAD_ATTRS.search(message)
    if m and el is not None:
        required = sorted(a for a, d in info[local].attributes.items() if d.required) if local in info else []
        missing = [a for a in required if _att_value(el, a) is None]
        if missing:
            return f"<{local}> lacks the required attribute {', '.join('@' + a for a in missing)}", el, None
        return f"the attributes of <{local}> are not valid", el, None
    m = _BAD_CONTENT.search(message)
    if m and el is not None:
        return f"the content of <{local}> does not match its model{model}", el, None
    m = _TEXT.search(message)
    if m and el is not None:
        return f"text is not allowed directly inside <{local}>{model}", el, None
    m = _NOTHING_NAMED.search(message)
    if m and el is not None:
        return f"<{local}> is incomplete: <{m.group(1)}> is missing{model}", el, None
    m = _EXTRA.search(message)
    if m and el is not None and m.group(2) == "text" and el.find(f"{{{TEI_NS}}}text") is None:
        return f"text is not allowed directly inside <{local}>{model}", el, None
    if m and el is not None:
        return f"element <{m.group(2)}> is not allowed here inside <{m.group(1)}>", el, None
    m = _NOTHING.search(message)
    if m and el is not None:
        return f"<{local}> is incomplete: a required element is missing{model}", el, None
    m = _ELEM.search(message)
    if m and el is not None:
        parent = el.getparent()
        where = f" inside <{etree.QName(parent).localname}>" if parent is not None else " as the root"
        return f"element <{m.group(1)}> is not allowed here{where}", el, None
    m = _EXPECT.search(message)
    if m:
        return f"expected element <{m.group(1)}>, found <{m.group(2).rstrip(',')}>", el, None
    return message.rstrip(), el, None


def _suspicious(el: etree._Element, info: dict[str, ElementInfo]) -> bool:
    """Whether the ODD's facts show something wrong with an element's attributes."""
    known = info.get(etree.QName(el).localname)
    if known is None:
        return False
    for name, att in known.attributes.items():
        value = _att_value(el, name)
        if (value is None and att.required) or (value is not None and att.values and att.max_occurs == 1
                                                 and value not in att.values):
            return True
    return any(_att_qname(k) not in known.attributes for k in el.attrib)


def _guess(doc: Document, message: str, info: dict[str, ElementInfo]) -> etree._Element | None:
    """libxml2 gives no location for some errors: find the first element they can be about."""
    m = _BAD_ATTRS.search(message) or _BAD_CONTENT.search(message)
    if not m:
        return None
    candidates = list(doc.root.iter(f"{{{TEI_NS}}}{m.group(1)}"))
    if m.re is _BAD_ATTRS:
        return next((c for c in candidates if _suspicious(c, info)), candidates[0] if candidates else None)
    return candidates[0] if candidates else None


def _att_value(el: etree._Element, name: str) -> str | None:
    return next((v for k, v in el.attrib.items() if _att_qname(k) == name), None)


def _not_shown(doc: Document, last: Diagnostic, more: int, limit: int, why: str = "") -> Diagnostic:
    return Diagnostic(doc.name, last.line, last.col, ERROR,
                      f"and {more} more grammar errors in this file, not shown (stopped after {limit}{why}; "
                      "--max-errors or [tool.edition] max_errors shows more)", GRAMMAR)


def _prescreened(doc: Document, rng_file: Path, info: dict[str, ElementInfo], limit: int) -> list[Diagnostic] | None:
    """The pre-check's errors when they alone exceed `limit` (then RELAX NG is not run), else None."""
    try:
        m = prescreen.model(str(rng_file), rng_file.stat().st_mtime_ns)
    except OSError:
        return None
    if m is None:
        return None
    out: list[Diagnostic] = []
    total = 0
    for el, att, message in prescreen.findings(doc.root, m):
        total += 1
        if total <= limit:
            if att is not None:
                message = _attr_message(el, _att_qname(att), info)
            out.append(Diagnostic(doc.name, *doc.position(el, _att_qname(att) if att else None), ERROR, message,
                                  GRAMMAR))
    if total <= limit:
        return None
    return out + [_not_shown(doc, out[-1], total - limit, limit, "; the full grammar check was not run on this file")]


def check_grammar(doc: Document, rng: etree.RelaxNG, info: dict[str, ElementInfo] | None = None,
                  limit: int = MAX_PER_CHECK, rng_file: Path | None = None) -> list[Diagnostic]:
    """Grammar errors of one document, at the element (and attribute) concerned; at most `limit`
    of them, then one saying how many more. With `rng_file` (the schema's path), a linear pre-check
    runs first (prescreen.py): when it alone finds more than `limit` errors, those are reported
    and RELAX NG (quadratic in the number of errors among many siblings, through lxml) is not run.
    A document with long runs of siblings is validated in windows (windows.py), and as a whole
    when those find few errors."""
    if rng_file is not None:
        early = _prescreened(doc, rng_file, info or {}, limit)
        if early is not None:
            return early
    wide = windows.wide_parents(doc.root) if rng_file is not None else []
    found = windows.validate(doc, rng, rng_file, wide) if wide else None  # long sibling runs: linear (windows.py)
    if found is None or len(found) <= windows.FULL_CHECK:
        if rng.validate(doc.tree):
            return []
        log = rng.error_log
        found = [windows.Found(e.message, None, e.line or 1, (e.column or 0) + 1) for e in log]
        paths = [e.path for e in log]
    else:
        paths = [None] * len(found)
    out: list[Diagnostic] = []
    seen: set[tuple[int, str]] = set()
    for n, (entry, path) in enumerate(zip(found, paths)):
        if n >= limit:
            out.append(_not_shown(doc, out[-1], len(found) - n, limit))
            break
        message, el, att = _explain(doc, entry.message, path, info or {}, entry.element)
        if el is not None:
            line, col = doc.position(el, att)
        else:
            line, col = entry.line, entry.column
        if (line, message) in seen:
            continue
        seen.add((line, message))
        out.append(Diagnostic(doc.name, line, col, ERROR, message, GRAMMAR))
    return out
