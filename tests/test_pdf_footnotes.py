"""edition.publish.footnote_keep: WeasyPrint keeps a footnote on the page of its call."""

from __future__ import annotations

from typing import Any

from edition.publish.footnote_keep import footnotes_with_calls

PAGE = ("@page { size: 100mm 80mm; margin: 8mm } body { font: 10pt/12pt 'Linux Libertine O', serif; } "
        "p { orphans: 2; widows: 2; margin: 0 } .fn { float: footnote; footnote-policy: line }")


def _html(n: int) -> str:
    """A paragraph of n words, a footnote call, and some more lines; another paragraph after it."""
    words = " ".join(f"w{i}" for i in range(n))
    return (f"<html><body><p>{words} call<span class=fn>note a</span> more words here to fill the line "
            f"{words} and the end of it all is here</p><p>{' '.join(f'x{i}' for i in range(60))}</p></body></html>")


def _page_of(doc: Any, text: str) -> int | None:
    for i, page in enumerate(doc.pages):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if text in (getattr(box, "text", None) or ""):
                return i
            stack.extend(getattr(box, "children", None) or [])
    return None


def test_a_footnote_stays_on_the_page_of_its_call() -> None:
    from weasyprint import CSS, HTML

    css = [CSS(string=PAGE)]
    strays, kept = [], []
    for n in range(36, 64, 4):  # the paragraph's foot moves across the page's foot
        alone = HTML(string=_html(n)).render(stylesheets=css)
        if _page_of(alone, "call") != _page_of(alone, "note a"):
            strays.append(n)
        with footnotes_with_calls():
            doc = HTML(string=_html(n)).render(stylesheets=css)
        assert _page_of(doc, "note a") is not None, f"{n} words: footnote lost"
        if _page_of(doc, "call") != _page_of(doc, "note a"):
            kept.append(n)
        assert len(doc.pages) == len(alone.pages) or len(doc.pages) == len(alone.pages) + 1
    assert strays, "WeasyPrint alone no longer moves a footnote away from its call here: is the hook still needed?"
    assert kept == [], f"footnote on another page than its call with {kept} words"


def test_a_paragraph_at_the_foot_of_several_pages_is_restyled_once() -> None:
    """foot_blocks names each paragraph once: a long paragraph at the foot of two pages whose footnotes went astray
    was named twice, restyled past the last retry and stopped the book (IndexError; Perseus Latin texts)."""
    from lxml import etree

    from edition.publish.divisions import XHTML_NS, foot_blocks

    division = etree.fromstring(f'<div xmlns="{XHTML_NS}"><p id="a">…</p><p id="long">…</p><p id="c">…</p></div>')
    pages = {"a": 1, "long": 2, "c": 5, "call-1": 3, "call-2": 4, "call-3": 2}
    assert foot_blocks(division, pages, ["call-1", "call-2", "call-3"]) == ["long"]
    assert foot_blocks(division, pages, ["call-2", "c"]) == ["long", "c"]


def test_footnotes_taller_than_the_page_are_reported_not_cut_silently(tmp_path) -> None:
    """WeasyPrint carries no footnote over to the next page: one taller than the page loses its first lines. The
    book says so (a note longer than long-note-chars is set after its text; here that bound is lifted)."""
    from edition.publish import pdf as pdfmod
    from edition.publish.inputs import assemble

    words = " ".join(f"word{i}" for i in range(1400))
    tei = tmp_path / "long.xml"
    tei.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Long</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   f'</teiHeader><text><body><p>A claim<note n="1">{words}</note>.</p></body></text></TEI>',
                   encoding="utf-8")
    pub = assemble([tei])
    source = pdfmod.corpus([t.tree for t in pub.texts], None, paths=pub.paths)
    typesetter = pdfmod.Typesetter("A5")
    root, _ = pdfmod.print_html(source, params={"long-note-chars": 10**6})
    cut = pdfmod.typeset(root, typesetter)
    assert any("footnotes are taller than the page" in w for w in cut.warnings), cut.warnings
    root, _ = pdfmod.print_html(source)  # the default bound: set after the text, nothing cut
    whole = pdfmod.typeset(root, typesetter)
    assert not any("footnotes are taller than the page" in w for w in whole.warnings), whole.warnings
