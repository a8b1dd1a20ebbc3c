"""Rules across files: xml:ids unique in the whole edition, pointers resolve (into the register)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator


from lxml import etree

from ..xmlio import TEI_NS, XML_ID
from .diagnostics import quote
from .documents import Document, load
from .registry import Context, Finding, rule

_T = f"{{{TEI_NS}}}"
POINTER_ATTS = ("ref", "target", "who", "corresp", "source", "where")  # @resp: rule resp-respstmt
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
KIND = {"persName": "person", "placeName": "place", "orgName": "org"}
RS_KIND = {"person": "person", "place": "place", "org": "org"}


def _in_header(el: etree._Element) -> bool:
    return any(a.tag == f"{_T}teiHeader" for a in el.iterancestors())


def _first_ids(ctx: Context) -> dict[str, tuple[Document, etree._Element]]:
    """Edition-wide first occurrence of every id outside teiHeaders (cached on the context)."""
    cached = getattr(ctx, "_first_ids", None)
    if cached is not None:
        return cached
    first: dict[str, tuple[Document, etree._Element]] = {}
    docs = list(ctx.documents)
    if ctx.register is not None and ctx.register not in docs:
        docs.insert(0, ctx.register)
    for doc in docs:
        for xid, el in doc.ids.items():
            if not _in_header(el):
                first.setdefault(xid, (doc, el))
    setattr(ctx, "_first_ids", first)
    return first


@rule("id-unique", cross_file=True)
def id_unique(doc: Document, ctx: Context) -> Iterator[Finding]:
    first = _first_ids(ctx)
    for xid, el in doc.ids.items():
        if _in_header(el):
            continue
        owner, first_el = first.get(xid, (doc, el))
        if owner is not doc:
            line = owner.position(first_el)[0]
            yield el, XML_ID, f"xml:id {quote(xid)} is already used in {owner.name}:{line}; ids must be unique across the edition"


def _other(ctx: Context, doc: Document, rel: str) -> Document | None:
    """The document a relative pointer names (loaded once, only to resolve pointers)."""
    target = (doc.path.parent / rel).resolve()
    for d in [*ctx.documents, *([ctx.register] if ctx.register else [])]:
        if d.path.resolve() == target:
            return d
    if target not in ctx.extra:
        loaded = load(target) if target.is_file() else None
        if isinstance(loaded, Document):
            ctx.extra[target] = loaded
        else:
            return None
    return ctx.extra[target]


def resolve(doc: Document, ctx: Context, token: str) -> tuple[etree._Element | None, str | None]:
    """(target element, None) or (None, why not); (None, None) for pointers not checked (URIs)."""
    if _SCHEME.match(token):
        return None, None
    file_part, _, frag = token.partition("#")
    if file_part:
        if "/" in file_part or "\\" in file_part or file_part.startswith("."):
            return None, (f"{file_part} is not a file beside {doc.name}: a pointer to another file of the edition "
                          "names a file in the same directory (register.xml#id)")
        other = _other(ctx, doc, file_part)
        if other is None:
            return None, f"{file_part} is not a readable XML file next to {doc.name}"
        if not frag:
            return other.root, None
        if frag in other.ids:
            return other.ids[frag], None
        return None, f"no xml:id {quote(frag)} in {other.name}{_suggest(frag, other.ids)}"
    if frag in doc.ids:
        return doc.ids[frag], None
    reg = ctx.register
    if reg is not None and reg is not doc and frag in reg.ids:
        return reg.ids[frag], None
    if reg is not None and reg is not doc:
        where = f"this document or in the register {reg.name}"
    elif reg is None and ctx.register_unreadable:
        where = f"this document (the register {ctx.register_unreadable} could not be read)"
    elif reg is None:
        where = "this document (no register found: pass --register)"
    else:
        where = "the register"
    return None, f"no xml:id {quote(frag)} in {where}{_suggest(frag, doc.ids, reg.ids if reg is not None else None)}"


def _suggest(frag: str, ids: dict[str, etree._Element], more: dict[str, etree._Element] | None = None) -> str:
    """' (did you mean "#x"?)' for an id of `ids` (or `more`) close to `frag`, else ''; remembered per id
    tables and fragment (a file pointing 600,000 times to one missing id asked difflib as often: 80 s)."""
    key = (id(ids), id(more), frag)
    hit = _SUGGESTED.get(key)
    if hit is not None and hit[0] is ids and hit[1] is more:
        return hit[2]
    close = difflib.get_close_matches(frag, list({**ids, **(more or {})}), n=1, cutoff=0.75)
    text = f' (did you mean "#{close[0]}"?)' if close else ""
    first = next(iter(_SUGGESTED.values()), None)
    if len(_SUGGESTED) > 4096 or (first is not None and (first[0] is not ids or first[1] is not more)):
        _SUGGESTED.clear()  # only the current tables' answers: no document is kept alive for long
    _SUGGESTED[key] = (ids, more, text)  # the tables themselves are kept, so their ids are not reused meanwhile
    return text


_SUGGESTED: dict[tuple[int, int, str], tuple[dict[str, etree._Element], dict[str, etree._Element] | None, str]] = {}


def _pointers(doc: Document) -> Iterator[tuple[etree._Element, str, str]]:
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        for att in POINTER_ATTS:
            value = el.get(att)
            if value is not None:
                for token in value.split():
                    yield el, att, token


@rule("ref-resolves", cross_file=True)
def ref_resolves(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el, att, token in _pointers(doc):
        target, why = resolve(doc, ctx, token)
        if target is None and why:
            yield el, att, f"@{att}={quote(token)} on <{etree.QName(el).localname}> does not resolve: {why}"
        elif target is None and token == "#":
            yield el, att, f"@{att} on <{etree.QName(el).localname}> is an empty pointer \"#\""


@rule("ref-kind", cross_file=True)
def ref_kind(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el, att, token in _pointers(doc):
        if att not in ("ref", "where") or not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        want = "place" if att == "where" else KIND.get(local) or (RS_KIND.get(el.get("type", "")) if local == "rs" else None)
        if not want:
            continue
        target, _why = resolve(doc, ctx, token)
        if target is not None and etree.QName(target).localname != want:
            got = etree.QName(target).localname
            yield (el, att, f"<{local} {att}={quote(token)}> points to a <{got}>, not to a <{want}>")


