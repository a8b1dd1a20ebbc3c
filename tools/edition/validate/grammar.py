"""Grammar: the edition's RELAX NG schema (tei/schema/edition.rng), compiled once per process."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..config import find_root
from ..errors import EditionError
from ..xmlio import parse_file
from .diagnostics import ERROR, GRAMMAR, Diagnostic
from .documents import Document
from .odd import SCHEMA_DIR

_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_ELEM = re.compile(r"Did not expect element (\S+) there")
_EXPECT = re.compile(r"Expecting element (\S+), got (\S+)")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
_NOTHING = re.compile(r"Expecting an element\s*,\s*got nothing")


def default_schema(start: Path | None = None) -> Path:
    """The project's tei/schema/edition.rng, else the one of the toolkit's own checkout."""
    for candidate in (find_root(start) / "tei" / "schema" / "edition.rng", SCHEMA_DIR / "edition.rng"):
        if candidate.exists():
            return candidate
    raise EditionError(f"{SCHEMA_DIR / 'edition.rng'}: the edition's RELAX NG schema is missing "
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


def _explain(doc: Document, message: str, xpath: str | None) -> tuple[str, etree._Element | None, str | None]:
    """A clearer message with the offending value quoted, the element and the attribute concerned."""
    el = None
    if xpath:
        xpath = re.sub(r"([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)", r"*[local-name()='\2']", xpath)
        try:
            found = doc.tree.xpath(xpath)
            el = found[0] if found and isinstance(found[0], etree._Element) else None
        except etree.XPathError:
            el = None
    m = _ATTR.search(message)
    if m and el is not None:
        att_name, el_name = m.groups()
        value = next((v for k, v in el.attrib.items() if etree.QName(k).localname == att_name.split(":")[-1]), None)
        quoted = f'="{value}"' if value is not None else ""
        return (f"attribute {att_name}{quoted} is not allowed on <{el_name}> (unknown attribute, or a value "
                "outside its closed list or datatype; see tei/schema/edition.odd)", el, att_name)
    m = _EXTRA.search(message)
    if m and el is not None:
        return f"element <{m.group(2)}> is not allowed here inside <{m.group(1)}>", el, None
    m = _NOTHING.search(message)
    if m and el is not None:
        return f"<{etree.QName(el).localname}> is incomplete: a required element is missing", el, None
    m = _ELEM.search(message)
    if m and el is not None:
        parent = el.getparent()
        where = f" inside <{etree.QName(parent).localname}>" if parent is not None else " as the root"
        return f"element <{m.group(1)}> is not allowed here{where}", el, None
    m = _EXPECT.search(message)
    if m:
        return f"expected element <{m.group(1)}>, found <{m.group(2).rstrip(',')}>", el, None
    return message.rstrip(), el, None


def check_grammar(doc: Document, rng: etree.RelaxNG) -> list[Diagnostic]:
    """Grammar errors of one document, at the element (and attribute) concerned."""
    if rng.validate(doc.tree):
        return []
    out: list[Diagnostic] = []
    seen: set[tuple[int, str]] = set()
    for entry in rng.error_log:
        message, el, att = _explain(doc, entry.message, entry.path)
        if el is not None:
            line, col = doc.position(el, att)
        else:
            line, col = entry.line or 1, (entry.column or 0) + 1
        if (line, message) in seen:
            continue
        seen.add((line, message))
        out.append(Diagnostic(doc.name, line, col, ERROR, message, GRAMMAR))
    return out
