"""The encoding description for readers: the ODD rendered as an HTML fragment (or as data).

`odd_html()` returns a self-contained `<section class="encoding-description">` (no scripts, no
styles) that the HTML edition can embed in a page: the ODD's prose, then one entry per
element (description, content model, attributes with their closed values, examples), then
the rules with their ids. `odd_data()` gives the same facts as plain Python data.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from lxml import etree

from ..xmlio import TEI_NS
from .odd import AttDef, Odd, _attdef, load_odd

_T = f"{{{TEI_NS}}}"
EG_NS = "http://www.tei-c.org/ns/Examples"
_OCC = {(0, "1"): "?", (0, "unbounded"): "*", (1, "unbounded"): "+"}


def content_expression(node: etree._Element) -> str:
    """A compact, DTD-like expression of a pure-ODD content model: (head*, (p | note)*, div*)."""
    local = etree.QName(node).localname
    if local == "content":
        kids = [c for c in node if isinstance(c.tag, str)]
        return content_expression(kids[0]) if kids else "empty"
    lo, hi = int(node.get("minOccurs", "1")), node.get("maxOccurs", "1")
    occ = _OCC.get((lo, hi), "" if (lo, hi) == (1, "1") else f"{{{lo},{'' if hi == 'unbounded' else hi}}}")
    if local in ("sequence", "alternate"):
        sep = ", " if local == "sequence" else " | "
        inner = sep.join(content_expression(c) for c in node if isinstance(c.tag, str))
        return f"({inner}){occ}"
    if local in ("elementRef", "macroRef"):
        return f"{node.get('key')}{occ}"
    if local == "textNode":
        return "text"
    if local == "dataRef":
        return f"data:{node.get('key') or node.get('name')}"
    return local


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def odd_data(odd: Odd | None = None) -> dict[str, Any]:
    """Elements (desc, content, attributes, examples) and rules of the ODD as plain data."""
    odd = odd or load_odd()
    elements = []
    for ident, spec in sorted(odd.elements.items(), key=lambda kv: kv[0].lower()):
        examples = [_example_source(eg) for eg in spec.iterfind(f"{_T}exemplum/{{{EG_NS}}}egXML")]
        elements.append({
            "ident": ident,
            "module": spec.get("module", ""),
            "desc": _text(spec.find(f"{_T}desc")),
            "content": content_expression(spec.find(f"{_T}content")),  # type: ignore[arg-type]
            "classes": [m.get("key", "") for m in spec.iterfind(f"{_T}classes/{_T}memberOf")],
            "attributes": [_att(a) for a in (_attdef_of(odd, x) for x in spec.iterfind(f"{_T}attList/{_T}attDef"))],
            "examples": examples,
            "remarks": _text(spec.find(f"{_T}remarks")),
        })
    classes = {ident: [_att(a) for a in atts] for ident, atts in odd.classes.items()}
    rules = [{"id": r.ident, "severity": r.severity, "desc": r.desc, "schematron": bool(r.sch_rules)} for r in odd.rules]
    return {"elements": elements, "classes": classes, "rules": rules}


def _attdef_of(odd: Odd, el: etree._Element) -> AttDef:
    return _attdef(odd.path, el)


def _att(a: AttDef) -> dict[str, Any]:
    return {"name": a.ident, "required": a.required, "values": a.values, "datatype": [d for d, _ in a.data],
            "desc": a.desc}


def _att_table(atts: list[dict[str, Any]]) -> str:
    rows = ["<table><thead><tr><th>Attribute</th><th>Use</th><th>Values</th><th>Meaning</th></tr></thead><tbody>"]
    for a in atts:
        values = ", ".join(a["values"]) if a["values"] else " | ".join(a["datatype"])
        rows.append(f'<tr><td><code>@{html.escape(a["name"])}</code></td>'
                    f'<td>{"required" if a["required"] else "optional"}</td>'
                    f"<td>{html.escape(values)}</td><td>{html.escape(a['desc'])}</td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


def _example_source(eg: etree._Element) -> str:
    parts = [eg.text or ""]
    for child in eg:
        s = etree.tostring(child, encoding="unicode", with_tail=True)
        parts.append(s.replace(f' xmlns="{EG_NS}"', ""))
    return "".join(parts).strip("\n")


def _prose(el: etree._Element, level: int) -> str:
    """TEI prose (div/head/p/list/item/label/ident/gi/ref) as HTML."""
    out = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local == "schemaSpec":
            continue
        if local == "div":
            out.append(f'<section id="{html.escape(child.get("{http://www.w3.org/XML/1998/namespace}id", ""))}">'
                       f"{_prose(child, level + 1)}</section>")
        elif local == "head":
            out.append(f"<h{level}>{_inline(child)}</h{level}>")
        elif local == "p":
            out.append(f"<p>{_inline(child)}</p>")
        elif local == "list":
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in child.iterfind(f"{_T}item")) + "</ul>")
    return "".join(out)


def _inline(el: etree._Element) -> str:
    parts = [html.escape(el.text or "")]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(html.escape(child.tail or ""))
            continue
        local = etree.QName(child).localname
        inner = _inline(child)
        if local in ("ident", "gi"):
            inner = f"<code>{'&lt;' + inner + '&gt;' if local == 'gi' else inner}</code>"
        elif local == "label":
            inner = f"<strong>{inner}</strong>"
        elif local == "ref":
            inner = f'<a href="{html.escape(child.get("target", ""))}">{inner}</a>'
        parts.append(inner + html.escape(child.tail or ""))
    return "".join(parts)


def odd_html(odd_path: Path | str | None = None) -> str:
    """The encoding description as an HTML fragment (UTF-8 text, no scripts or styles)."""
    odd = load_odd(odd_path)
    data = odd_data(odd)
    body = odd.tree.find(f".//{_T}body")
    out = ['<section class="encoding-description">', _prose(body, 1) if body is not None else ""]
    out.append('<section id="elements"><h2>Elements</h2>')
    for e in data["elements"]:
        out.append(f'<section class="element" id="el-{html.escape(e["ident"])}">')
        out.append(f'<h3><code>&lt;{html.escape(e["ident"])}&gt;</code></h3><p>{html.escape(e["desc"])}</p>')
        out.append(f'<p class="content">Content: <code>{html.escape(e["content"])}</code></p>')
        links = ", ".join(f'<a href="#class-{html.escape(c)}">{html.escape(c)}</a>' for c in e["classes"])
        out.append(f'<p class="classes">Attributes of {links}.</p>')
        if e["attributes"]:
            out.append(_att_table(e["attributes"]))
        if e["remarks"]:
            out.append(f'<p class="remarks">{html.escape(e["remarks"])}</p>')
        for src in e["examples"]:
            out.append(f'<pre class="example"><code>{html.escape(src)}</code></pre>')
        out.append("</section>")
    out.append("</section>")
    out.append('<section id="attribute-classes"><h2>Attribute classes</h2>')
    for ident, atts in data["classes"].items():
        desc = _text(next((c.find(f"{_T}desc") for c in odd.tree.iter(f"{_T}classSpec") if c.get("ident") == ident), None))
        out.append(f'<section id="class-{html.escape(ident)}"><h3>{html.escape(ident)}</h3><p>{html.escape(desc)}</p>'
                   f"{_att_table(atts)}</section>")
    out.append("</section>")
    out.append('<section id="rule-list"><h2>Rules and their ids</h2><table><thead><tr><th>Id</th><th>Severity</th>'
               "<th>Rule</th><th>Checked by</th></tr></thead><tbody>")
    for r in data["rules"]:
        engine = "edition validate; Schematron in the editor" if r["schematron"] else "edition validate"
        out.append(f'<tr id="rule-{html.escape(r["id"])}"><td><code>{html.escape(r["id"])}</code></td>'
                   f'<td>{r["severity"]}</td><td>{html.escape(r["desc"])}</td><td>{engine}</td></tr>')
    out.append("</tbody></table></section></section>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # python -m edition.validate.oddhtml > encoding.html
    import sys

    sys.stdout.write(odd_html(sys.argv[1] if len(sys.argv) > 1 else None))
