"""Write the links and the collation apparatus into the two TEI documents.

Quoting text A (the article):
* each linked quotation gets `@source` = the source paragraphs ("from-bucharest-to-moscow.xml#fbm-p003");
* `standOff/linkGrp[@type="quotation"]`: one `link` per linked unit (`xml:id` "<quote id>-source",
  or "<paragraph id>-reuse<k>" for reuse outside quotation marks);
* `standOff/listApp[@type="collation"]`: one `app` per difference (`xml:id` "<unit>-app<k>",
  `@type` the kind of difference, `@corresp` the unit, `lem` = the quotation's reading,
  `rdg[@source]` = the source's, `@from`/`@to` = the anchors around the reading in the quotation);
* in the quotation, `anchor` elements "<app>-from" and "<app>-to" around each difference's
  reading, or one "<app>-at" where a silent omission stands (anchors.py).

Source text B (the memoir): `standOff/linkGrp[@type="quotation"]` with one `link` per
(paragraph, unit) pair, `xml:id` "<paragraph>-quoted-<unit>".

In A's header, `encodingDesc/variantEncoding` method="double-end-point" location="external" while
the collation has an apparatus (unless a scholar declared one).

Everything written carries @resp="#<text>-linker" (a respStmt added to the header) and is
replaced on the next run; elements without that @resp are a scholar's and are kept. A
quotation's @source is only set or changed when it is absent or holds what the tool wrote.
"""

from __future__ import annotations

from lxml import etree

from ..xmlio import XML_ID, tei
from .anchors import place_anchor, remove_anchor, strip_anchors
from .collate import Difference
from .detect import Unit
from .tokens import blocks as text_blocks

RESP_TEXT = ("Automatic detection of quotations between the edition's texts and their collation "
             "(quote/@source; standOff linkGrp and listApp with @resp=\"#{rid}\"; anchor elements with "
             "@resp=\"#{rid}\" put into the quoting text around each difference, which app/@from and @to "
             "point to; encodingDesc/variantEncoding with @resp=\"#{rid}\"; all re-derived by edition link)")


def linker_id(text_id: str) -> str:
    return f"{text_id}-linker"


def _is_el(node: object) -> bool:
    return isinstance(getattr(node, "tag", None), str)


def _indent_of(el: etree._Element) -> str:
    depth = sum(1 for _ in el.iterancestors())
    return "\n" + "  " * depth


def _append(parent: etree._Element, child: etree._Element) -> None:
    """Append `child` to element-only `parent`, keeping two-space indentation."""
    inner = _indent_of(parent) + "  "
    kids = [k for k in parent if _is_el(k) or isinstance(k, etree._Comment)]
    if kids:
        kids[-1].tail = inner
    else:
        parent.text = inner
    parent.append(child)
    child.tail = _indent_of(parent)


def _remove(el: etree._Element) -> None:
    """Remove `el`, keeping the whitespace layout of its siblings."""
    parent = el.getparent()
    prev = el.getprevious()
    if prev is not None:
        prev.tail = el.tail
    else:
        parent.text = el.tail
    parent.remove(el)


def ensure_resp_stmt(root: etree._Element, text_id: str, rid: str | None = None, resp: str | None = None,
                     name: str = "The edition toolkit (edition link)") -> None:
    """Add `titleStmt/respStmt[@xml:id=rid]` (default: the linker's), or bring the text of the one
    there (the tool's own: its xml:id is the tool's) up to date."""
    ts = root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}")
    rid = rid or linker_id(text_id)
    if ts is None:
        return
    text = resp or RESP_TEXT.format(rid=rid)
    for old in ts.iter(tei("respStmt")):
        if old.get(XML_ID) == rid:
            for tag, value in (("resp", text), ("name", name)):
                el = old.find(tei(tag))
                if el is not None and len(el) == 0 and el.text != value:
                    el.text = value
            return
    stmt = etree.Element(tei("respStmt"))
    stmt.set(XML_ID, rid)
    etree.SubElement(stmt, tei("resp")).text = text
    etree.SubElement(stmt, tei("name")).text = name
    stmts = ts.findall(tei("respStmt"))
    if stmts:
        stmts[-1].addnext(stmt)
        stmt.tail, stmts[-1].tail = stmts[-1].tail, _indent_of(ts) + "  "
    else:
        _append(ts, stmt)
    inner = _indent_of(stmt) + "  "
    stmt.text, stmt[0].tail, stmt[1].tail = inner, inner, _indent_of(stmt)


VARIANT_ENCODING = {"method": "double-end-point", "location": "external"}


def variant_encoding(root: etree._Element, resp: str, wanted: bool) -> None:
    """`encodingDesc/variantEncoding` (TEI Guidelines 12.2) as the collation is written: the tool's
    own (@resp=`resp`) is added when `wanted` and no other variantEncoding is there, and removed
    otherwise; a variantEncoding of anyone else is never touched."""
    header = root.find(tei("teiHeader"))
    if header is None:
        return
    enc = header.find(tei("encodingDesc"))
    found = [] if enc is None else enc.findall(tei("variantEncoding"))
    mine = [v for v in found if v.get("resp") == resp]
    keep = wanted and len(mine) == len(found)
    for v in mine[1:] if keep else mine:
        _remove(v)
    if not keep:
        return
    if mine:
        for k, v in VARIANT_ENCODING.items():
            mine[0].set(k, v)
        return
    if enc is None:
        enc = etree.Element(tei("encodingDesc"))
        fd = header.find(tei("fileDesc"))
        if fd is None:
            return
        fd.addnext(enc)
        enc.tail, fd.tail = fd.tail, _indent_of(fd)
    el = etree.Element(tei("variantEncoding"), VARIANT_ENCODING)
    el.set("resp", resp)
    _append(enc, el)


def generated(root: etree._Element, text_id: str) -> list[etree._Element]:
    """The tool's own groups in the document's standOff."""
    resp = "#" + linker_id(text_id)
    return [el for so in root.findall(tei("standOff")) for el in so if _is_el(el) and el.get("resp") == resp]


def old_sources(root: etree._Element, text_id: str) -> dict[str, str]:
    """quote id → the @source value the tool derived last time (from its own links)."""
    out = {}
    for grp in generated(root, text_id):
        for link in grp.iter(tei("link")):
            targets = link.get("target", "").split()
            if targets and link.get("type") == "quotation" and (link.get(XML_ID) or "").endswith("-source"):
                out[targets[0].lstrip("#")] = " ".join(targets[1:])
    return out


def _strip(root: etree._Element, text_id: str) -> None:
    for el in generated(root, text_id):
        so = el.getparent()
        _remove(el)
        if not any(_is_el(k) for k in so):
            _remove(so)


def _standoff(root: etree._Element) -> etree._Element:
    so = root.find(tei("standOff"))
    if so is None:
        so = etree.Element(tei("standOff"))
        _append(root, so)
    return so


def _group(tag: str, gtype: str, resp: str) -> etree._Element:
    grp = etree.Element(tei(tag))
    grp.set("type", gtype)
    grp.set("resp", resp)
    return grp


def _text_el(parent: etree._Element, tag: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, tei(tag))
    if text:
        el.text = text
    return el


def write_quoting(root: etree._Element, text_id: str, source_file: str,
                  linked: list[tuple[Unit, list[str], list[Difference]]]) -> list[str]:
    """Rewrite A's links and apparatus; return notes about quotations left as a scholar set them."""
    resp = "#" + linker_id(text_id)
    notes: list[str] = []
    before = old_sources(root, text_id)
    _strip(root, text_id)
    strip_anchors(root, resp)
    quotes = {q.get(XML_ID): q for q in root.iter(tei("quote")) if q.get(XML_ID)}
    derived = {u.id: " ".join(f"{source_file}#{b}" for b in blocks) for u, blocks, _ in linked if u.kind == "quote"}
    for qid, value in before.items():  # no longer linked: drop the tool's old @source
        q = quotes.get(qid)
        if q is not None and qid not in derived and q.get("source") == value:
            del q.attrib["source"]
    for qid, value in derived.items():
        q = quotes[qid]
        current = q.get("source")
        if current is None or current == before.get(qid):
            q.set("source", value)
        elif current != value:
            notes.append(f"{qid}: @source {current!r} set by hand is kept (detected: {value!r})")
    variant_encoding(root, resp, any(diffs for _, _, diffs in linked))
    if not linked:
        return notes
    ensure_resp_stmt(root, text_id)
    so = _standoff(root)
    grp = _group("linkGrp", "quotation", resp)
    apps = _group("listApp", "collation", resp)
    reuse_count: dict[str, int] = {}
    paras = {p.get(XML_ID): p for p in text_blocks(root)}
    for unit, blocks, diffs in linked:
        if unit.kind == "quote":
            uid = unit.id
            lid = f"{uid}-source"
        else:
            reuse_count[unit.block] = reuse_count.get(unit.block, 0) + 1
            uid = unit.block
            lid = f"{unit.block}-reuse{reuse_count[unit.block]}"
        link = etree.SubElement(grp, tei("link"))
        link.set(XML_ID, lid)
        link.set("type", "quotation")
        link.set("target", " ".join([f"#{uid}"] + [f"{source_file}#{b}" for b in blocks]))
        for k, d in enumerate(diffs, 1):
            app = etree.SubElement(apps, tei("app"))
            app.set(XML_ID, f"{lid.removesuffix('-source')}-app{k}")
            app.set("type", d.kind)
            app.set("corresp", f"#{uid}")
            where = quotes.get(uid) if unit.kind == "quote" else paras.get(uid)
            if where is not None:
                _anchor(app, d, where, paras, resp)
            _text_el(app, "lem", d.quoted)
            rdg = _text_el(app, "rdg", d.source)
            rdg.set("source", " ".join(f"{source_file}#{b}" for b in d.source_blocks) or f"{source_file}#{blocks[0]}")
    _append(so, grp)
    if len(apps):
        _append(so, apps)
    for g in (grp, apps):
        _indent_children(g)
    return notes


def _anchor(app: etree._Element, d: Difference, unit: etree._Element,
            paras: dict[str, etree._Element], resp: str) -> None:
    """Anchors around the difference's reading in the quotation `unit`, and app/@from, @to."""
    aid = app.get(XML_ID)
    first, last = paras.get(d.block), paras.get(d.end_block)
    if first is None or last is None:
        return
    if d.is_point:
        if place_anchor(first, unit, d.start, "end", f"{aid}-at", resp) is not None:
            app.set("from", f"#{aid}-at")
            app.set("to", f"#{aid}-at")
        return
    start = place_anchor(first, unit, d.start, "start", f"{aid}-from", resp)
    if start is None:
        return
    if place_anchor(last, unit, d.end, "end", f"{aid}-to", resp) is None:
        remove_anchor(start)  # no end in the quotation: no start either
        return
    app.set("from", f"#{aid}-from")
    app.set("to", f"#{aid}-to")


def _indent_children(el: etree._Element) -> None:
    if not len(el):
        return
    for parent in [el, *el]:
        if not len(parent):
            continue
        inner = _indent_of(parent) + "  "
        parent.text = inner
        for child in parent:
            child.tail = inner
        parent[-1].tail = _indent_of(parent)


def write_source(root: etree._Element, text_id: str, quoting_file: str,
                 linked: list[tuple[Unit, list[str], list[Difference]]]) -> None:
    """Rewrite B's links back to the quotations that reuse its paragraphs."""
    resp = "#" + linker_id(text_id)
    _strip(root, text_id)
    if not linked:
        return
    ensure_resp_stmt(root, text_id)
    so = _standoff(root)
    grp = _group("linkGrp", "quotation", resp)
    seen: set[str] = set()
    for unit, blocks, _ in linked:
        uid = unit.id if unit.kind == "quote" else unit.block
        for b in blocks:
            lid = f"{b}-quoted-{uid}"
            if lid in seen:
                continue
            seen.add(lid)
            link = etree.SubElement(grp, tei("link"))
            link.set(XML_ID, lid)
            link.set("type", "quotation")
            link.set("target", f"#{b} {quoting_file}#{uid}")
    _append(so, grp)
    _indent_children(grp)
