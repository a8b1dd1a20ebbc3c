"""The edition's rules beyond the grammar, each with a stable id (see the ODD's constraintSpecs).

Each rule is a function of one document and the validation context that yields findings
(element, attribute or None, message). Rules that need every document (ids across files,
pointers into the register) live in crossfile.py and are registered here as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..xmlio import TEI_NS, XML_ID, XML_LANG, sha256_file
from .bcp47 import bcp47_problem
from .dates import parse_w3c
from .diagnostics import ERROR, WARNING, quote
from .documents import Document

_T = f"{{{TEI_NS}}}"
NS = {"t": TEI_NS}

Finding = tuple[etree._Element, str | None, str]


@dataclass
class Context:
    """Everything a rule may consult beyond its document."""

    documents: list[Document]
    register: Document | None = None
    register_unreadable: str | None = None  # the register's name when it was found but could not be read
    seeds_dirs: list[Path] = field(default_factory=list)
    # Documents loaded only to resolve pointers (not reported on), by resolved path.
    extra: dict[Path, Document] = field(default_factory=dict)


RuleFn = Callable[[Document, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    ident: str
    severity: str
    check: RuleFn
    cross_file: bool = False


RULES: dict[str, Rule] = {}


def rule(ident: str, severity: str = ERROR, cross_file: bool = False) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its stable id."""

    def deco(fn: RuleFn) -> RuleFn:
        RULES[ident] = Rule(ident, severity, fn, cross_file)
        return fn

    return deco


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _in_header(el: etree._Element) -> bool:
    return any(a.tag == f"{_T}teiHeader" for a in el.iterancestors())


def _elements(doc: Document) -> Iterator[etree._Element]:
    return (el for el in doc.root.iter() if isinstance(el.tag, str))


# ------------------------------------------------------------------ ids


@rule("id-prefix", WARNING)
def id_prefix(doc: Document, ctx: Context) -> Iterator[Finding]:
    text_id = doc.root.get(XML_ID)
    text = doc.root.find(f"{_T}text")
    if not text_id or text is None:
        return
    for el in text.iter():
        xid = el.get(XML_ID) if isinstance(el.tag, str) else None
        if xid is not None and not xid.startswith(f"{text_id}-"):
            yield el, XML_ID, f"xml:id {quote(xid)} does not start with the text id {quote(text_id + '-')}"


@rule("resp-respstmt")
def resp_respstmt(doc: Document, ctx: Context) -> Iterator[Finding]:
    header = doc.root.find(f"{_T}teiHeader")
    stmts = {el.get(XML_ID) for el in header.iter(f"{_T}respStmt")} if header is not None else set()
    for el in _elements(doc):
        for token in (el.get("resp") or "").split():
            if not (token.startswith("#") and token[1:] in stmts):
                known = ", ".join(f'"#{s}"' for s in sorted(x for x in stmts if x)) or "none"
                yield (el, "resp", f"@resp={quote(token)} on <{_local(el)}> does not name a respStmt of this "
                       f"document's header (respStmts with xml:id: {known})")


# ------------------------------------------------------------------ dates

DATE_ATTS = ("when", "notBefore", "notAfter", "from", "to")
#: Elements whose @from/@to are pointers, not dates (app: double-end-point attachment; rule app-anchors).
POINTING_RANGE = {f"{_T}app"}


def _date_atts(el: etree._Element) -> tuple[str, ...]:
    return DATE_ATTS[:3] if el.tag in POINTING_RANGE else DATE_ATTS


@rule("date-iso")
def date_iso(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in _elements(doc):
        for att in _date_atts(el):
            value = el.get(att)
            if value is None:
                continue
            try:
                parse_w3c(value)
            except ValueError as exc:
                yield el, att, f"@{att}={quote(value)} on <{_local(el)}> is not a valid date: {exc}"


def _span(value: str | None):  # type: ignore[no-untyped-def]
    if value is None:
        return None
    try:
        return parse_w3c(value)
    except ValueError:
        return None


@rule("date-range-order")
def date_range_order(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in _elements(doc):
        pairs = [("from", "to"), ("notBefore", "notAfter")] if el.tag not in POINTING_RANGE else [("notBefore", "notAfter")]
        for lo_att, hi_att in pairs:
            lo, hi = _span(el.get(lo_att)), _span(el.get(hi_att))
            if lo and hi and lo[0] > hi[1]:
                yield (el, hi_att, f"@{lo_att}={quote(el.get(lo_att, ''))} is after "
                       f"@{hi_att}={quote(el.get(hi_att, ''))} on <{_local(el)}>")


@rule("date-when-xor-range")
def date_when_xor_range(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in _elements(doc):
        if el.get("when") is None:
            continue
        ranged = [a for a in ("from", "to", "notBefore", "notAfter") if el.get(a) is not None]
        if ranged:
            yield (el, ranged[0], f"<{_local(el)}> has @when={quote(el.get('when', ''))} and also "
                   f"{', '.join('@' + a for a in ranged)}: give either an exact date or a range")


# ------------------------------------------------------------------ notes


def _authorial_notes(doc: Document) -> list[etree._Element]:
    return doc.root.xpath(".//t:note[@type='authorial']", namespaces=NS)


@rule("note-authorial-placement")
def note_authorial_placement(doc: Document, ctx: Context) -> Iterator[Finding]:
    for note in _authorial_notes(doc):
        if not any(a.tag == f"{_T}text" for a in note.iterancestors()):
            yield note, None, "an authorial note must sit in the text (front or body), not in the header or register"


@rule("note-authorial-n")
def note_authorial_n(doc: Document, ctx: Context) -> Iterator[Finding]:
    for note in _authorial_notes(doc):
        if not (note.get("n") or "").strip():
            yield note, None, "an authorial note needs @n, the number or sign printed in the source"


@rule("note-n-unique")
def note_n_unique(doc: Document, ctx: Context) -> Iterator[Finding]:
    seen: dict[str, etree._Element] = {}
    for note in _authorial_notes(doc):
        n = (note.get("n") or "").strip()
        if not n:
            continue
        if n in seen:
            yield (note, "n", f"authorial note number {quote(n)} is used twice (first at line "
                   f"{doc.position(seen[n])[0]})")
        else:
            seen[n] = note


@rule("note-editorial")
def note_editorial(doc: Document, ctx: Context) -> Iterator[Finding]:
    for note in doc.root.xpath(".//t:text//t:note[@type='editorial']", namespaces=NS):
        if not note.get("resp"):
            yield note, None, 'an editorial note needs @resp (resp="#editors")'
        if note.get("place") == "foot" and note.get("n") is not None:
            yield (note, "n", f"an editorial note is not a numbered footnote (place=\"foot\" n={quote(note.get('n', ''))}); "
                   "the publishers letter editorial notes themselves")


# ------------------------------------------------------------------ choice

PAIRS = ({"sic", "corr"}, {"orig", "reg"}, {"abbr", "expan"})


@rule("choice-pair")
def choice_pair(doc: Document, ctx: Context) -> Iterator[Finding]:
    for choice in doc.root.iter(f"{_T}choice"):
        kids = [_local(c) for c in choice if isinstance(c.tag, str)]
        if not (len(kids) == 2 and set(kids) in PAIRS):
            got = "+".join(kids) or "nothing"
            yield choice, None, f"<choice> must hold exactly one sic+corr, orig+reg or abbr+expan pair, not {got}"


# ------------------------------------------------------------------ header


@rule("header-complete")
def header_complete(doc: Document, ctx: Context) -> Iterator[Finding]:
    header = doc.root.find(f"{_T}teiHeader")
    if header is None:
        yield doc.root, None, "the document has no teiHeader"
        return

    def has(xp: str) -> bool:
        return bool(header.xpath(xp, namespaces=NS))

    missing = []
    checks = [("fileDesc/titleStmt/title with text", "t:fileDesc/t:titleStmt/t:title[normalize-space()]"),
              ("publicationStmt/availability/licence with @target", "t:fileDesc/t:publicationStmt/t:availability/t:licence[normalize-space(@target)]"),
              ("publicationStmt/date with @when (the edition's date)", "t:fileDesc/t:publicationStmt/t:date[@when]"),
              ("fileDesc/sourceDesc", "t:fileDesc/t:sourceDesc")]
    if doc.is_text:
        checks += [("titleStmt/author", "t:fileDesc/t:titleStmt/t:author[normalize-space()]"),
                   ('sourceDesc idno type="seed-file"', "t:fileDesc/t:sourceDesc//t:idno[@type='seed-file'][normalize-space()]"),
                   ('sourceDesc idno type="sha256"', "t:fileDesc/t:sourceDesc//t:idno[@type='sha256']")]
    missing = [what for what, xp in checks if not has(xp)]
    if missing:
        yield header, None, f"the header lacks {', '.join(missing)}"
    for idno in header.xpath("t:fileDesc/t:sourceDesc//t:idno[@type='sha256']", namespaces=NS):
        value = (idno.text or "").strip()
        if not re.fullmatch(r"[0-9a-f]{64}", value):
            yield idno, None, f"the seed checksum {quote(value)} is not a SHA-256 (64 lower-case hexadecimal digits)"


@rule("seed-checksum")
def seed_checksum(doc: Document, ctx: Context) -> Iterator[Finding]:
    header = doc.root.find(f"{_T}teiHeader")
    if header is None:
        return
    names = header.xpath("t:fileDesc/t:sourceDesc//t:idno[@type='seed-file']", namespaces=NS)
    sums = header.xpath("t:fileDesc/t:sourceDesc//t:idno[@type='sha256']", namespaces=NS)
    if not names or not sums:
        return
    seed_name = (names[0].text or "").strip()
    claimed = (sums[0].text or "").strip()
    if not seed_name or "/" in seed_name or "\\" in seed_name or seed_name.startswith("."):
        return
    for directory in [doc.path.parent, *ctx.seeds_dirs]:
        seed = directory / seed_name
        if seed.is_file():
            actual = sha256_file(seed)
            if actual != claimed:
                yield (sums[0], None, f"the header's seed checksum {quote(claimed[:16] + '…')} differs from the "
                       f"SHA-256 of {seed} ({actual[:16]}…): the seed changed or the header is stale")
            return


# ------------------------------------------------------------------ register

ENTRY_NAME = {"person": "persName", "place": "placeName", "org": "orgName"}


@rule("register-preferred-name")
def register_preferred_name(doc: Document, ctx: Context) -> Iterator[Finding]:
    for stand_off in doc.root.iter(f"{_T}standOff"):
        for entry in stand_off.iter(*(f"{_T}{k}" for k in ENTRY_NAME)):
            name = ENTRY_NAME[_local(entry)]
            preferred = [n for n in entry if n.tag == f"{_T}{name}" and n.get("type") == "preferred"]
            if len(preferred) != 1:
                xid = entry.get(XML_ID) or "(no xml:id)"
                yield (entry if not preferred else preferred[1], None,
                       f"<{_local(entry)}> {quote(xid)} has {len(preferred)} <{name} type=\"preferred\"> "
                       "(exactly one is needed; other forms are type=\"variant\" or \"abbreviation\")")


# ------------------------------------------------------------------ languages


@rule("lang-bcp47")
def lang_bcp47(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in _elements(doc):
        for att, value in ((XML_LANG, el.get(XML_LANG)), ("ident", el.get("ident") if el.tag == f"{_T}language" else None)):
            if value is None:
                continue
            problem = bcp47_problem(value)
            if problem:
                label = "xml:lang" if att == XML_LANG else "ident"
                yield el, att, f"@{label}={quote(value)} on <{_local(el)}>: {problem}"


@rule("lang-declared", WARNING)
def lang_declared(doc: Document, ctx: Context) -> Iterator[Finding]:
    if not doc.is_text:
        return
    declared = {(v or "").lower() for v in doc.root.xpath(
        "t:teiHeader/t:profileDesc/t:langUsage/t:language/@ident", namespaces=NS)}
    for el in _elements(doc):
        value = el.get(XML_LANG)
        if value is None or _in_header(el) or bcp47_problem(value):
            continue
        if value.lower() not in declared:
            yield (el, XML_LANG, f"language {quote(value)} is not declared in the header "
                   "(profileDesc/langUsage/language/@ident)")


@rule("foreign-lang")
def foreign_lang(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in doc.root.iter(f"{_T}foreign"):
        if el.get(XML_LANG) is None:
            yield el, None, "<foreign> needs @xml:lang, the language of the words"


@rule("milestone-seed-line")
def milestone_seed_line(doc: Document, ctx: Context) -> Iterator[Finding]:
    for el in doc.root.iter(f"{_T}milestone"):
        if el.get("unit") == "seed-line" and not re.fullmatch(r"[1-9]\d*", el.get("n") or ""):
            yield (el, "n" if el.get("n") is not None else None,
                   f"<milestone unit=\"seed-line\"> needs @n, the seed's line number (got {quote(el.get('n') or '')})")


# ------------------------------------------------------------------ apparatus


@rule("app-anchors")
def app_anchors(doc: Document, ctx: Context) -> Iterator[Finding]:
    """app/@from and @to point to anchors inside the quotation that app/@corresp names, from before to."""
    order: dict[etree._Element, int] | None = None
    for app in doc.root.iter(f"{_T}app"):
        if app.get("from") is None and app.get("to") is None:
            continue
        if app.get("from") is None or app.get("to") is None:
            have, lack = ("from", "to") if app.get("from") is not None else ("to", "from")
            yield app, have, f"<app> has @{have} but no @{lack}: the difference's place needs both ends"
            continue
        units = [doc.ids.get(t[1:]) for t in (app.get("corresp") or "").split() if t.startswith("#")]
        names = " ".join(app.get("corresp", "").split()) or "nothing"
        found: dict[str, etree._Element] = {}
        for att in ("from", "to"):
            value = app.get(att, "")
            target = doc.ids.get(value[1:]) if value.startswith("#") else None
            if target is None:
                yield app, att, f"@{att}={quote(value)} on <app> does not point to an element of this document (#id)"
            elif target.tag != f"{_T}anchor":
                yield app, att, f"@{att}={quote(value)} on <app> points to a <{_local(target)}>, not to an <anchor>"
            elif not any(u is not None and any(a is u for a in target.iterancestors()) for u in units):
                yield (app, att, f"@{att}={quote(value)} on <app>: the anchor is not inside the quotation "
                       f"its @corresp names ({names})")
            else:
                found[att] = target
        if len(found) == 2 and found["from"] is not found["to"]:
            if order is None:
                order = {el: i for i, el in enumerate(doc.root.iter(f"{_T}anchor"))}
            if order[found["from"]] > order[found["to"]]:
                yield (app, "to", f"@to={quote(app.get('to', ''))} on <app> points to an anchor before its "
                       f"@from={quote(app.get('from', ''))}")


from . import crossfile  # noqa: E402,F401  (registers the cross-file rules)
from . import pagesafety  # noqa: E402,F401  (registers id-reserved and bidi-control)
