"""Keep the enrich stage's statement in the teiHeader, idempotently.

`encodingDesc/editorialDecl/interpretation/p[@xml:id="<text>-enrich-interpretation"]`
states how names and dates were tagged and how missing years are inferred; it is
created or refreshed (never duplicated). Languages of newly tagged foreign words are
added to `profileDesc/langUsage` when missing.
"""

from __future__ import annotations

from lxml import etree

from ..convert.header import LANGUAGE_NAMES
from ..xmlio import XML_ID, tei
from .rules import DateRule


def statement(rule: DateRule) -> str:
    """The interpretation paragraph for a text whose dates follow `rule`."""
    if rule.mode == "narrative":
        year = (f"the year the text narrates, {rule.year} (an editorial decision recorded in "
                "editorial/entities.toml; episodes set in other years always state their year)")
    else:
        year = ("the most recent year stated explicitly earlier in the same text (in document order; "
                "editorial notes are not counted)")
    return (
        "Names and dates were tagged by the enrich stage of the edition toolkit. Every mention of a "
        "person, place or organisation in the edition's register (register.xml) is encoded as persName, "
        "placeName or orgName whose @ref points to the register entry; titles (Comrade, Marshal, Admiral) "
        "are outside the name, possessive endings are outside the name, derived words (Khrushchevite, "
        "Stalinist, Leninism) and adjectives or demonyms (Soviet, Albanian, Chinese) are not names; "
        "generic references (the Party, our Party) are left untagged. Markup added by hand is never "
        "changed; the editors' own notes are not tagged. Elements added by the stage carry @resp pointing to "
        "its respStmt and are re-derived when the rules or the register change. Every explicit calendar expression is a date element with an ISO 8601 normalisation in "
        "@when, @from/@to or @notBefore/@notAfter (early = January–April, middle = May–August, late = "
        "September–December; within a month early = days 1–10, middle = 11–20, late = 21 to the end). "
        f"Where a date gives a month or day without a year, the year supplied is {year}; such dates carry "
        f"@cert=\"{rule.cert}\" and @evidence=\"conjecture\". Non-English words are marked as foreign "
        "(glossary: editorial/foreign.tsv); fully naturalised loans such as vodka and dacha are not.")


def _place(parent: etree._Element, el: etree._Element, anchor: etree._Element | None = None) -> None:
    """Insert `el` before `anchor` (or at the end), copying the siblings' indentation."""
    kids = list(parent)
    if anchor is not None:
        idx = kids.index(anchor)
        el.tail = parent.text if idx == 0 else kids[idx - 1].tail
        if el.tail is not None and not el.tail.isspace():
            el.tail = None
        anchor.addprevious(el)
        return
    if kids:
        last = kids[-1]
        inner = kids[-2].tail if len(kids) > 1 else parent.text
        el.tail = last.tail
        if inner is not None and inner.isspace() and (last.tail is None or last.tail.isspace()):
            last.tail = inner
    parent.append(el)


def _indent_children(el: etree._Element) -> None:
    """Give a container we created the indentation of its pretty-printed surroundings."""
    if el.text is not None or not len(el):
        return
    prev = el.getprevious()
    outer = prev.tail if prev is not None else (el.getparent().text if el.getparent() is not None else None)
    if not outer or not outer.isspace():
        return
    el.text = outer + "  "
    for child in el[:-1]:
        child.tail = outer + "  "
    el[-1].tail = outer


def _child(parent: etree._Element, local: str, before: tuple[str, ...] = ()) -> etree._Element:
    found = parent.find(tei(local))
    if found is not None:
        return found
    el = etree.Element(tei(local))
    for name in before:
        anchor = parent.find(tei(name))
        if anchor is not None:
            _place(parent, el, anchor)
            return el
    _place(parent, el)
    return el


def resp_id(text_id: str) -> str:
    """xml:id of the respStmt naming the enrich stage; generated elements carry @resp="#<it>"."""
    return f"{text_id}-enrich"


def _resp_stmt(header: etree._Element, text_id: str) -> None:
    ts = header.find(f"{tei('fileDesc')}/{tei('titleStmt')}")
    if ts is None:
        return
    rid = resp_id(text_id)
    if any(r.get(XML_ID) == rid for r in ts.findall(tei("respStmt"))):
        return
    stmt = etree.Element(tei("respStmt"))
    stmt.set(XML_ID, rid)
    resp = etree.SubElement(stmt, tei("resp"))
    resp.text = (f"Automatic tagging of names, dates and foreign words (elements with @resp=\"#{rid}\"; "
                 "they are re-derived from the register and editorial/entities.toml by edition enrich)")
    name = etree.SubElement(stmt, tei("name"))
    name.text = "The edition toolkit (edition enrich)"
    later = [c for c in ts if isinstance(c.tag, str) and c.tag == tei("respStmt")]
    anchor = later[-1].getnext() if later else None
    while anchor is not None and not isinstance(anchor.tag, str):
        anchor = anchor.getnext()
    _place(ts, stmt, anchor)
    prev = stmt.getprevious()
    indent = prev.tail if prev is not None else ts.text
    if indent and indent.isspace():  # indent like the siblings (the rest of the header is pretty-printed)
        inner = indent + "  "
        stmt.text, stmt[0].tail, stmt[1].tail = inner, inner, indent


def update_header(root: etree._Element, text_id: str, rule: DateRule, languages: set[str]) -> None:
    """Create or refresh the interpretation paragraph and the enrich respStmt; declare new languages."""
    header = root.find(tei("teiHeader"))
    if header is None:
        return
    _resp_stmt(header, text_id)
    enc = _child(header, "encodingDesc", before=("profileDesc", "xenoData", "revisionDesc"))
    decl = _child(enc, "editorialDecl", before=("tagsDecl", "styleDefDecl", "refsDecl", "classDecl",
                                                "geoDecl", "unitDecl", "schemaSpec", "schemaRef", "listPrefixDef"))
    interp = _child(decl, "interpretation")
    pid = f"{text_id}-enrich-interpretation"
    para = next((p for p in interp.iter(tei("p")) if p.get(XML_ID) == pid), None)
    if para is None:
        para = etree.Element(tei("p"))
        para.set(XML_ID, pid)
        _place(interp, para)
    _indent_children(interp)
    text = statement(rule)
    if para.text != text or len(para):
        for child in list(para):
            para.remove(child)
        para.text = text
    if not languages:
        return
    prof = _child(header, "profileDesc", before=("xenoData", "revisionDesc"))
    lu = _child(prof, "langUsage")
    have = {lang.get("ident") for lang in lu.findall(tei("language"))}
    for code in sorted(languages - have):
        el = etree.Element(tei("language"), ident=code)
        el.text = LANGUAGE_NAMES.get(code, code)
        _place(lu, el)
    _indent_children(lu)
