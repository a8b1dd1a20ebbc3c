"""Fragment tests of the HTML stylesheets: tiny TEI through the reading-page stylesheet, asserted with XPath.

Also: every element of the edition's schema has an explicit template (none reaches the fallback).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from edition.publish.saxon import Transformer, xdm_document
from edition.xmlio import parse_bytes, parse_file

REPO = Path(__file__).resolve().parent.parent
TEXT_XSL = REPO / "xslt" / "html" / "text.xsl"
FIXTURES = REPO / "tests" / "fixtures" / "html"
TEI = "http://www.tei-c.org/ns/1.0"


def tei_doc(body: str, header_title: str = "Fragment") -> bytes:
    return (
        f'<TEI xmlns="{TEI}" xml:id="fr" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>{header_title}</title>'
        "<author>Ann Author</author></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        f"</sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    ).encode()


def render(body: str, *, register: bool = False, **params: object) -> tuple[lxml.html.HtmlElement, list[str], str]:
    """Run a TEI body fragment through the reading page; return the parsed page, messages, raw HTML."""
    p: dict[str, object] = {"page-name": "fr.html", "edition-title": "Test Edition"}
    if register:
        p["register"] = xdm_document(parse_file(FIXTURES / "register.xml"))
    p.update(params)
    result = Transformer.get(TEXT_XSL).run(parse_bytes(tei_doc(body), "fragment"), params=p)
    return lxml.html.document_fromstring(result.main), result.messages, result.main


def text_of(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


# ---------- notes ----------

NOTES = (
    '<div><p xml:id="fr-p1">The <foreign xml:lang="ru">druzhba</foreign><note type="authorial" place="foot" n="7" '
    'xml:id="fr-n7">Friendship.</note> ended<note type="editorial" resp="#editors" xml:id="fr-en1" target="#fr-n7">'
    'An editorial remark.</note> and the <foreign xml:lang="ru">vlast</foreign><note type="authorial" place="foot" '
    'n="8" xml:id="fr-n8">Power.</note> stayed.<note type="editorial" resp="#editors">Second remark.</note></p></div>'
)


def test_authorial_notes_keep_source_numbers_editorial_notes_are_lettered() -> None:
    page, msgs, _ = render(NOTES)
    refs = page.xpath("//a[contains(@class, 'noteref')]")
    assert [text_of(r) for r in refs] == ["Note 7", "Editorial note a", "Note 8", "Editorial note b"]
    assert [r.get("href") for r in refs] == ["#fr-n7", "#fr-en1", "#fr-n8", "#enote-2"]
    authorial = page.xpath("//ul[contains(@class, 'notes-authorial')]/li")
    editorial = page.xpath("//ul[contains(@class, 'notes-editorial')]/li")
    assert [li.get("id") for li in authorial] == ["fr-n7", "fr-n8"]
    assert [li.get("id") for li in editorial] == ["fr-en1", "enote-2"]
    assert [text_of(li.xpath(".//span[contains(@class, 'note-label')]")[0]) for li in editorial] == ["a", "b"]
    assert msgs == []


def test_notes_are_never_inline_in_the_running_text() -> None:
    page, _, _ = render(NOTES)
    para = page.xpath("//div[@id='fr-p1']/p")[0]
    assert "Friendship" not in para.text_content() and "editorial remark" not in para.text_content()
    assert "Friendship." in text_of(page.get_element_by_id("fr-n7"))
    back = page.get_element_by_id("fr-n7").xpath(".//a[contains(@class, 'backref')]")[0]
    assert back.get("href") == "#ref-fr-n7" and page.get_element_by_id("ref-fr-n7") is not None


def test_detached_editorial_note_is_referenced_after_its_target() -> None:
    body = (
        '<div><p xml:id="fr-p1">A <seg xml:id="fr-s1">doubtful</seg> word.</p></div>'
    )
    doc = tei_doc(body).replace(
        b"</body></text>",
        b'</body><back><div type="notes"><note type="editorial" resp="#editors" target="#fr-p1">On the paragraph.</note></div></back></text>',
    )
    result = Transformer.get(TEXT_XSL).run(parse_bytes(doc, "f"), params={"page-name": "fr.html"})
    page = lxml.html.document_fromstring(result.main)
    ref = page.xpath("//div[@id='fr-p1']//a[contains(@class, 'noteref')]")
    assert len(ref) == 1 and text_of(ref[0]) == "Editorial note a"
    assert "On the paragraph." not in text_of(page.xpath("//div[contains(@class, 'reading')]")[0])
    assert "On the paragraph." in text_of(page.xpath("//ul[contains(@class, 'notes-editorial')]")[0])


# ---------- foreign words, dates, names ----------


def test_foreign_word_has_lang_language_name_and_gloss() -> None:
    page, _, _ = render(NOTES)
    i = page.xpath("//i[contains(@class, 'foreign')]")[0]
    assert i.get("lang") == "ru" and i.get("data-lang") == "Russian" and i.get("data-gloss") == "Friendship."


def test_dates_carry_normalised_values() -> None:
    page, _, _ = render(
        '<p><date when="1960-02">February 1960</date>, <date from="1955" to="1961">1955–61</date>, '
        '<date when="1960-06" cert="medium" evidence="conjecture">June</date>, <date>some day</date></p>'
    )
    d = page.xpath("//*[contains(@class, 'date')]")
    assert d[0].tag == "time" and d[0].get("datetime") == "1960-02" and d[0].get("data-norm") == "1960-02"
    assert d[1].tag == "span" and d[1].get("data-norm") == "1955–1961"
    assert d[2].get("data-norm") == "1960-06 (medium certainty; conjecture)"
    assert d[3].get("data-norm") is None and text_of(d[3]) == "some day"


def test_names_link_to_the_register_with_cards() -> None:
    page, _, _ = render(
        '<p><persName ref="#anna-berg">Berg</persName> met <persName ref="#carl-dorn">Dorn</persName> in '
        '<placeName ref="#vienna">Vienna</placeName>; <persName ref="#missing">Nobody</persName>, '
        '<persName ref="https://example.org/p/1">Web Person</persName>.</p>',
        register=True,
    )
    berg = page.xpath("//a[contains(@class, 'ent-person')]")[0]
    assert berg.get("href") == "persons.html#anna-berg" and berg.get("id") == "m1"
    assert berg.get("data-card") == "card-anna-berg"
    assert page.xpath("//a[contains(@class, 'ent-place')]")[0].get("href") == "places.html#vienna"
    card = page.get_element_by_id("card-anna-berg")
    assert "Anna Berg (1901–1977)" in text_of(card) and "fictitious party official" in text_of(card)
    assert card.xpath(".//a/@href") == ["persons.html#anna-berg"]
    missing = page.xpath("//*[. = 'Nobody']")[0]
    assert missing.tag == "span"  # an unresolved pointer never becomes a dead link
    assert page.xpath("//a[. = 'Web Person']/@href") == ["https://example.org/p/1"]
    filters = page.xpath("//meta[@data-pagefind-filter='person[content]']/@content")
    assert filters == ["Anna Berg", "Carl Dorn"]


# ---------- corrections ----------


def test_choice_keeps_both_readings_and_shows_the_other_one() -> None:
    page, _, _ = render('<p>the <choice><sic>Cornrade</sic><corr resp="#editors">Comrade</corr></choice> spoke</p>')
    c = page.xpath("//span[contains(@class, 'choice')]")[0]
    assert c.get("tabindex") == "0" and c.get("id") == "c1"
    assert text_of(c.xpath("./span[@class='rdg-corrected']")[0]) == "Comrade"
    assert text_of(c.xpath("./span[@class='rdg-source']")[0]) == "Cornrade"
    assert "Source reads: “Cornrade”" in text_of(c.xpath(".//span[contains(@class, 'alt-reading')]")[0])


# ---------- safety ----------


@pytest.mark.parametrize(
    ("target", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org/", True),
        ("#fr-p1", True),
        ("other.html#x", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_safe_targets_become_links(target: str, linked: bool) -> None:
    esc = target.replace("&", "&amp;").replace('"', "&quot;").replace("\t", "&#9;")
    page, msgs, _ = render(f'<p>see <ref target="{esc}">this</ref></p>')
    anchors = page.xpath("//p//a[. = 'this']")
    assert bool(anchors) is linked
    if not linked:
        assert page.xpath("//p//span[. = 'this']") and any("not emitted as a link" in m for m in msgs)


def test_text_is_escaped_and_page_has_csp_and_no_inline_code() -> None:
    page, _, raw = render("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <hi rend=\"x&quot; onmouseover=&quot;y\">z</hi></p>")
    assert "<script>alert" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert not page.xpath("//*[@style or @onmouseover or @onclick or @onload]")
    assert all(s.get("src") for s in page.xpath("//script"))
    assert not page.xpath("//style")


def test_output_is_deterministic() -> None:
    body = NOTES + '<div><head>Two</head><p><persName ref="#anna-berg">Berg</persName></p></div>'
    first = render(body, register=True)[2]
    assert render(body, register=True)[2] == first


# ---------- structure ----------


def test_paragraphs_numbered_with_permalink_and_citation() -> None:
    page, _, _ = render(
        '<div xml:id="fr-d1"><head>One</head><p xml:id="fr-p1">First.</p><p>Second.</p>'
        '<div><head>Sub</head><p>Third.</p></div></div>',
        **{"base-url": "https://example.org/ed/"},
    )
    paras = page.xpath("//div[@class='para']")
    assert [p.get("id") for p in paras] == ["fr-p1", "p2", "p3"]
    assert [text_of(p.xpath("./a[contains(@class, 'pnum')]")[0]) for p in paras] == ["Paragraph 1", "Paragraph 2", "Paragraph 3"]
    article = page.xpath("//article")[0]  # the script builds "before ¶ n. after URL#id" for the cite action
    assert article.get("data-cite-before") == "Ann Author. “Fragment,”"
    assert article.get("data-cite-after") == "In Test Edition."
    assert article.get("data-cite-url") == "https://example.org/ed/fr.html"
    how = text_of(page.xpath("//p[contains(@class, 'how-to-cite')]")[0])
    assert "Ann Author. “Fragment,” ¶ n. In Test Edition. https://example.org/ed/fr.html#paragraph" in how
    toc = page.xpath("//nav[contains(@class, 'toc')]//a")
    assert [(a.get("href"), text_of(a)) for a in toc] == [("#fr-d1", "One"), ("#d1.1", "Sub")]
    assert page.xpath("//section[@id='d1.1']/h3[. = 'Sub']")


def test_generated_ids_never_collide_with_xml_ids() -> None:
    page, _, _ = render('<p>One</p><p xml:id="p1">Two <persName ref="#x" xml:id="m2">n</persName> <persName ref="#y">o</persName></p>')
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert [p.get("id") for p in page.xpath("//div[@class='para']")] == ["ed-p1", "p1"]


def test_unknown_elements_warn_and_keep_their_text() -> None:
    page, msgs, _ = render('<p>before <fancyThing xmlns="urn:x-other">kept words</fancyThing> after</p>')
    assert "kept words" in text_of(page.xpath("//main")[0])
    assert msgs == ["unhandled-element: fancyThing (its text is kept)"]


def test_landmarks_and_language() -> None:
    page, _, _ = render("<p>x</p>")
    assert page.get("lang") == "en"
    assert page.xpath("//header[contains(@class, 'site-header')]") and page.xpath("//main[@id='main']")
    assert page.xpath("//nav[@aria-label='Site']") and page.xpath("//footer")
    assert page.xpath("//a[@class='skip-link']/@href") == ["#reading-fr", "#main"]  # to the text first


def _rng_elements(rng: Path) -> set[str]:
    tree = etree.parse(str(rng))
    return set(tree.xpath("//r:element/@name", namespaces={"r": "http://relaxng.org/ns/structure/1.0"}))


def _schema_and_fixture_elements() -> set[str]:
    names: set[str] = set()
    for rng in sorted((REPO / "tei" / "schema").glob("*.rng")):
        tree = etree.parse(str(rng))
        names |= set(tree.xpath("//r:element/@name", namespaces={"r": "http://relaxng.org/ns/structure/1.0"}))
    for xml in sorted(FIXTURES.glob("*.xml")) + sorted((REPO / "tei").glob("*.xml")):
        root = parse_file(xml).getroot()
        names |= {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).namespace == TEI}
    return {n for n in names if ":" not in n}


def test_no_schema_element_reaches_the_fallback() -> None:
    names = sorted(_schema_and_fixture_elements())
    assert len(names) > 60  # the fixtures alone use this many; the schema adds its own
    body = "<div>" + "".join(f"<p><{n}>w{i}</{n}></p>" for i, n in enumerate(names)) + "</div>"
    page, msgs, _ = render(body)
    assert [m for m in msgs if m.startswith("unhandled-element")] == []
    # and the fallback does fire for an element no stylesheet knows (the check can fail)
    assert render("<p><notATeiElement>w</notATeiElement></p>")[1]


@pytest.mark.parametrize("stylesheet", ["text.xsl", "encoding.xsl"])
def test_every_tei_all_element_has_a_template_and_no_rule_conflict(stylesheet: str, tei_all_path: Path) -> None:
    """Arbitrary TEI: all ~580 elements of tei_all render without an ambiguous-rule error or a fallback."""
    from conftest import TEI_ALL_SHARED  # a newer TEI release beside the repository, where there is one

    schemas = [tei_all_path] + ([TEI_ALL_SHARED] if TEI_ALL_SHARED.exists() else [])
    names = sorted({n for schema in schemas for n in _rng_elements(schema) if ":" not in n})
    assert len(names) > 500
    body = "<div>" + "".join(f"<p><{n}>w{i}</{n}></p>" for i, n in enumerate(names)) + "</div>"
    if stylesheet == "text.xsl":
        page, msgs, _ = render(body)
        assert len(page.xpath("//div[@class='para']")) >= len(names)  # every wrapper paragraph survived
    else:  # the encoding page renders an ODD's prose with the same templates
        corpus = (
            '<site:corpus xmlns:site="urn:x-edition:site"><site:text id="fr" page="fr.html" tei="tei/fr.xml" pdf="pdf/fr.pdf">'
            + tei_doc("<p>x</p>").decode() + "</site:text></site:corpus>"
        )
        odd = xdm_document(tei_doc(body, header_title="An ODD"))
        result = Transformer.get(TEXT_XSL.parent / stylesheet).run(corpus.encode(), params={"odd": odd, "page-name": "encoding.html"})
        msgs = result.messages
        assert "w1" in result.main
    assert [m for m in msgs if m.startswith("unhandled-element")] == []


# ---------- anchors and dates ----------


def test_anchors_without_id_leave_no_duplicate_ids() -> None:
    page, msgs, _ = render('<p xml:id="fr-p1">One <anchor/> two <anchor/> three <anchor xml:id="fr-a1"/>.</p>')
    assert msgs == []
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(ids)
    para = page.xpath("//*[@id='fr-p1']")[0]
    assert para.xpath(".//span[@class='anchor']/@id") == ["fr-a1"]
    assert text_of(para).endswith("One two three .")


def test_every_date_has_a_stable_id_in_text_order() -> None:
    page, _, _ = render('<p xml:id="fr-p1">On <date when="1960-06-21">21 June</date> and '
                        '<date when="1960-11">November 1960</date>.</p>'
                        '<p xml:id="fr-p2">In <date xml:id="fr-d" when="1961">1961</date>.</p>')
    assert page.xpath("//*[contains(@class, 'date')]/@id") == ["date-1", "date-2", "fr-d"]
