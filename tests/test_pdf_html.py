"""The print HTML made by xslt/print/ (no layout): numbering, series, anchors, indexes, style rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from edition.publish import pdf as pdfmod
from edition.xmlio import NS, XML_ID, parse_bytes, parse_file

FIX = Path(__file__).parent / "fixtures" / "print"
XSLT = Path(__file__).resolve().parent.parent / "xslt" / "print"
H = {"h": "http://www.w3.org/1999/xhtml"}
XSL = "http://www.w3.org/1999/XSL/Transform"


@pytest.fixture(scope="module")
def book_html() -> etree._Element:
    docs = [parse_file(FIX / "sas.xml"), parse_file(FIX / "fbm.xml")]
    html, messages = pdfmod.print_html(pdfmod.corpus(docs, parse_file(FIX / "register.xml")))
    assert messages == []
    return html


def small_tei(body: str, lang: str = "en") -> etree._Element:
    return parse_bytes(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t" xml:lang="{lang}"><teiHeader><fileDesc>
        <titleStmt><title>A small text</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
        <sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>""".encode(),
        "small.xml").getroot()


def test_authorial_notes_keep_the_source_numbers(book_html: etree._Element) -> None:
    marks = [e.get("data-mark") for e in book_html.xpath("//h:span[contains(@class, 'fn-auth')]", namespaces=H)]
    source = [n.get("n") for n in parse_file(FIX / "fbm.xml").iterfind(".//tei:note[@type='authorial']", NS)]
    assert marks == source


def test_editors_notes_are_lettered_afresh_in_each_text(book_html: etree._Element) -> None:
    """Only the editors' notes are lettered (as on the web); corrections are keyed by line, not lettered."""
    for text_id in ("sas", "fbm"):
        tei = parse_file(FIX / f"{text_id}.xml")
        n = len(tei.findall(".//tei:text//tei:note[@type='editorial']", NS))
        marks = [e.get("data-mark") for e in book_html.xpath(
            f"//h:article[@id='text-{text_id}']//h:span[contains(@class, 'fn-ed')]", namespaces=H)]
        assert marks == [chr(ord("a") + i) for i in range(n)]


def test_critical_apparatus_is_keyed_by_line_without_a_mark(book_html: etree._Element) -> None:
    for text_id in ("sas", "fbm"):
        tei = parse_file(FIX / f"{text_id}.xml")
        choices = tei.findall(".//tei:text//tei:choice[tei:sic]", NS)
        entries = book_html.xpath(f"//h:article[@id='text-{text_id}']//h:span[contains(@class, 'fn-crit')]", namespaces=H)
        assert len(entries) == len(choices)  # the fixtures repeat no correction 5 times
        for entry in entries:
            assert entry.get("data-mark") is None
            ref = entry.xpath("h:span[@class='ln-ref']", namespaces=H)[0]
            anchor = ref.get("data-href")[1:]
            assert book_html.xpath(f"//h:span[@id='{anchor}']", namespaces=H)
            assert book_html.xpath(f"//h:span[@id='{anchor}-end']", namespaces=H)
            assert ref.get("data-end") == f"#{anchor}-end"


def test_corrections_print_the_corrected_reading(book_html: etree._Element) -> None:
    text = "".join(book_html.xpath("//h:article//text()[not(ancestor::h:span[contains(@class, 'fn')])]",
                                   namespaces=H))
    for choice in parse_file(FIX / "fbm.xml").iterfind(".//tei:text//tei:choice", NS):
        corr = choice.findtext("tei:corr", namespaces=NS)
        assert corr in text
    assert "siayed" not in text and "stayed" in text
    entry = book_html.xpath("//h:span[contains(@class, 'fn-crit')][.//h:span[@class='rdg'] = 'siayed']", namespaces=H)
    assert len(entry) == 1 and "".join(entry[0].itertext()) == "00 stayed] siayed source "


def test_repeated_corrections_are_grouped() -> None:
    tei = small_tei("<p>" + " ".join(f"a<choice><sic>?</sic><corr>–</corr></choice>b{i}" for i in range(5))
                    + ' <choice><sic>Cornrade</sic><corr>Comrade</corr></choice>.</p>')
    html, _ = pdfmod.print_html(pdfmod.corpus([tei.getroottree()], None))
    entries = html.xpath("//h:span[contains(@class, 'fn-crit')]", namespaces=H)
    assert ["".join(e.itertext()) for e in entries] == ["00 Comrade] Cornrade source "]
    principle = [" ".join("".join(p.itertext()).split()) for p in html.xpath("//h:section[@id='principles']//h:p", namespaces=H)]
    assert "Where A small text reads “?” the editors print “–” (5 times); these corrections have no entry in " \
           "the apparatus: the list of corrections gives their lines." in principle
    places = html.xpath("//h:p[@class='corr-group']//h:span[@class='c-place']", namespaces=H)
    assert len(places) == 5 and all(p.xpath("h:span[@class='lineref']", namespaces=H) for p in places)


def test_every_mention_has_an_anchor_and_index_link(book_html: etree._Element) -> None:
    refs: dict[str, int] = {}
    for name in ("sas", "fbm"):
        for el in parse_file(FIX / f"{name}.xml").iterfind(".//tei:text//*[@ref]", NS):
            key = el.get("ref")[1:]
            refs[key] = refs.get(key, 0) + 1
    for key, count in refs.items():
        anchors = book_html.xpath(f"//h:span[starts-with(@id, '{key}.')]", namespaces=H)
        assert sorted(a.get("id") for a in anchors) == sorted(f"{key}.{k}" for k in range(1, count + 1))
        links = book_html.xpath(f"//h:li[@id='ix-{key}']//h:a/@href", namespaces=H)
        assert sorted(links) == sorted(f"#{key}.{k}" for k in range(1, count + 1))


def test_index_headings_and_order(book_html: etree._Element) -> None:
    names = [" ".join("".join(e.itertext()).split())
             for e in book_html.xpath("//h:section[@id='index-persons']//h:span[@class='ix-name']", namespaces=H)]
    assert "Hoxha, Enver" in names and "Ivanov" in names
    assert names == sorted(names, key=str.casefold)
    dates = book_html.xpath("//h:li[@id='ix-enver-hoxha']/h:span[@class='ix-dates']", namespaces=H)
    assert dates and dates[0].text == " (1908–1985)"
    assert book_html.xpath("//h:li[@id='ix-cpsu']/h:span[@class='ix-abbr']", namespaces=H)[0].text == " (CPSU)"


def test_unregistered_names_are_indexed_by_their_form() -> None:
    tei = small_tei('<p>We met <persName>Koçi Xoxe</persName> and <persName>Koçi Xoxe</persName>.</p>')
    html, _ = pdfmod.print_html(pdfmod.corpus([tei.getroottree()], None))
    assert html.xpath("//h:span[@id='u-persons-koçi-xoxe.2']", namespaces=H)
    assert html.xpath("//h:li[@id='ix-u-persons-koçi-xoxe']//h:span[@class='ix-name']", namespaces=H)[0].text == "Koçi Xoxe"


def test_unknown_elements_warn_and_keep_their_text() -> None:
    tei = small_tei("<p>Before <madeUp>kept words</madeUp> after.</p>")
    html, messages = pdfmod.print_html(pdfmod.corpus([tei.getroottree()], None))
    assert any("<madeUp>" in m for m in messages)
    assert "Before kept words after." in " ".join("".join(html.xpath("//h:article//h:p", namespaces=H)[0].itertext()).split())


def test_foreign_words_carry_their_language(book_html: etree._Element) -> None:
    foreign = book_html.xpath("//h:i[contains(@class, 'foreign')]", namespaces=H)
    tei = parse_file(FIX / "fbm.xml").findall(".//tei:text//tei:foreign", NS)
    assert [(f.get("lang"), f.text) for f in foreign] == [(t.get(f"{{{NS['xml']}}}lang"), t.text) for t in tei]
    assert book_html.get("lang") == "en"


def test_contents_list_every_headed_division(book_html: etree._Element) -> None:
    targets = book_html.xpath("//h:nav[@id='contents']//h:span[contains(@class, 'toc-page')]/@data-href", namespaces=H)
    divs = [d.get(XML_ID) for d in parse_file(FIX / "sas.xml").iterfind(".//tei:body//tei:div[tei:head]", NS)]
    assert [t for t in targets if t.startswith("#h-")] == [f"#h-{d}" for d in divs]
    for t in targets:
        assert book_html.xpath(f"//*[@id='{t[1:]}']", namespaces=H), t


def test_ids_do_not_depend_on_earlier_runs() -> None:
    tei = parse_file(FIX / "fbm.xml")
    first = pdfmod._html_string(pdfmod.print_html(pdfmod.corpus([tei], None))[0])
    second = pdfmod._html_string(pdfmod.print_html(pdfmod.corpus([tei], None))[0])
    assert first == second


# ---------------------------------------------------------------- the stylesheets' own rules


@pytest.mark.parametrize("path", sorted(XSLT.glob("*.xsl")), ids=lambda p: p.name)
def test_stylesheet_style_rules(path: Path) -> None:
    root = parse_file(path).getroot()
    assert root.get("version") == "3.0"
    assert root.get("expand-text") == "yes"
    assert root.get("xpath-default-namespace") == NS["tei"]
    assert root.get("exclude-result-prefixes") == "#all"
    head = root.getprevious()
    while head is not None and not isinstance(head, etree._Comment):
        head = head.getprevious()
    assert head is not None and "Input" in head.text and "Modes" in head.text, "header comment: purpose, input, modes"
    for mode in root.iterfind(f"{{{XSL}}}mode"):
        assert mode.get("on-multiple-match") == "fail", etree.tostring(mode)
    for param in root.iter(f"{{{XSL}}}param"):
        assert param.get("as"), f"{path.name}: untyped parameter {param.get('name')}"
    for fn in root.iterfind(f"{{{XSL}}}function"):
        assert fn.get("as"), f"{path.name}: untyped function {fn.get('name')}"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"count\(\s*preceding", text), "numbering via accumulators, not count(preceding::…)"
    for doc_call in ("doc(", "document(", "unparsed-text(", "collection("):
        assert doc_call not in text, f"{path.name}: never dereference URIs ({doc_call})"


def test_entry_stylesheet_only_imports() -> None:
    root = parse_file(XSLT / "print.xsl").getroot()
    assert {etree.QName(c).localname for c in root if isinstance(c.tag, str)} == {"import"}
