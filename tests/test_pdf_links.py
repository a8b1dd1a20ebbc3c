"""The links between the texts in the print edition: the apparatus of quotations (source notes with
the differences keyed and shaded in the quotation, "quoted in" notes at the source paragraphs), the
index of speakers and the timeline plate.

Fragment tests run xslt/print on hand-written TEI (XPath on the print HTML); book tests typeset the
real edition (tei/*.xml) and read the PDF back (pypdf, pdftotext). Expectations come from the TEI.
"""

from __future__ import annotations

import copy

import re
import subprocess
from collections import Counter
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from edition.publish import pdf as pdfmod
from edition.publish.print_params import print_params
from edition.xmlio import NS, XML_ID, parse_bytes, parse_file

H = {"h": "http://www.w3.org/1999/xhtml"}
TIMELINE_XSL = Path(__file__).resolve().parent.parent / "xslt" / "timeline" / "timeline.xsl"
GREEK = "αβγδεζηθικλμνξοπρστυφχψω"

pytestmark = pytest.mark.xdist_group("edition-book")  # the session's typeset edition (conftest)


def header(title: str, author: str) -> str:
    return (f"<teiHeader><fileDesc><titleStmt><title type='main'>{title}</title><author>{author}</author></titleStmt>"
            "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>")


ARTICLE = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="art" xml:lang="en">{header("The article", "Wiki")}
<text><body><div xml:id="art-d1"><head>The conference</head>
<p xml:id="art-p1">He wrote <quote xml:id="art-q1" source="mem.xml#mem-p2 mem.xml#mem-p3">“<anchor xml:id="art-q1-app1-from"/>[we]<anchor
 xml:id="art-q1-app1-to"/> went to <placeName>Bucharest</placeName> <anchor xml:id="art-q1-app2-from"/>...<anchor
 xml:id="art-q1-app2-to"/> and met <persName>the comrades</persName><anchor xml:id="art-q1-app3-at"/> at the hall in
 <anchor xml:id="art-q1-app4-from"/>June<anchor xml:id="art-q1-app4-to"/>,”</quote> and then
 <quote xml:id="art-q2" source="mem.xml#mem-p3">“nothing changed”</quote> and
 <quote xml:id="art-q3" source="other.xml#o-p9">“far away”</quote>.</p>
<p xml:id="art-p2">Unlinked <quote>“plain words”</quote> on <date when="1960-06-21">21 June 1960</date>.</p>
</div></body></text>
<standOff>
 <linkGrp type="quotation"><link target="#art-q1 mem.xml#mem-p2 mem.xml#mem-p3"/><link target="#art-q2 mem.xml#mem-p3"/></linkGrp>
 <listApp type="collation">
  <app xml:id="art-q1-app1" type="interpolation" corresp="#art-q1" from="#art-q1-app1-from" to="#art-q1-app1-to">
   <lem>[we]</lem><rdg source="mem.xml#mem-p2"/></app>
  <app xml:id="art-q1-app2" type="omission" corresp="#art-q1" from="#art-q1-app2-from" to="#art-q1-app2-to">
   <lem>...</lem><rdg source="mem.xml#mem-p2">by the night train [\u202631 words\u2026] as planned</rdg></app>
  <app xml:id="art-q1-app3" type="silent-omission" corresp="#art-q1" from="#art-q1-app3-at" to="#art-q1-app3-at">
   <lem/><rdg source="mem.xml#mem-p3">all</rdg></app>
  <app xml:id="art-q1-app4" type="variant" corresp="#art-q1" from="#art-q1-app4-from" to="#art-q1-app4-to">
   <lem>June</lem><rdg source="mem.xml#mem-p3">July</rdg></app>
  <app xml:id="art-q1-app5" type="addition" corresp="#art-q1"><lem>the hall</lem><rdg source="mem.xml#mem-p3"/></app>
 </listApp>
</standOff></TEI>"""

MEMOIR = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="mem" xml:lang="en">{header("The memoir", "Author")}
<text><body><div>
<p xml:id="mem-p1"><said who="#khrushchev">“No,”</said> he said. <said who="#hoxha" cert="medium">“Yes,”</said></p>
<p xml:id="mem-p2">We went to Bucharest by the night train and met the comrades. <said who="#hoxha">“Go,”</said>
 <said who="#hoxha #shehu">“we shall,”</said> we said in <date when="1960-07">July</date>.</p>
<p xml:id="mem-p3">And all the comrades at the hall in July; nothing changed. <said>“Unattributed.”</said></p>
</div></body></text>
<standOff><linkGrp type="quotation"><link target="#mem-p2 art.xml#art-q1"/><link target="#mem-p3 art.xml#art-q1"/></linkGrp></standOff>
</TEI>"""

REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson>
 <person xml:id="hoxha"><persName type="preferred"><forename>Enver</forename> <surname>Hoxha</surname></persName>
  <birth when="1908"/><death when="1985"/></person>
 <person xml:id="khrushchev"><persName type="preferred"><forename>Nikita</forename> <surname>Khrushchev</surname></persName></person>
 <person xml:id="shehu"><persName type="preferred"><forename>Mehmet</forename> <surname>Shehu</surname></persName></person>
</listPerson></standOff></TEI>"""

LABELS = {"art.xml": "Wikipedia", "mem.xml": "memoir"}


def x(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=H)


def text_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def note_text(el: etree._Element) -> str:
    """A note of the apparatus of quotations without its key (line numbers, lemma and bracket)."""
    el = copy.deepcopy(el)
    for key in el.xpath("h:span[@class='ln-ref' or @class='lem' or @class='app-sep']", namespaces=H):
        el.remove(key)
    return text_of(el)


#: The key of a note of the apparatus of quotations in the PDF: its line or lines, then a lemma and a
#: bracket for a quotation's source note.
KEY = r"\d+(?:–\d+)? (?:.*?\] )?"


def fragment_html(tmp: Path, timeline: bool = False, article: str = ARTICLE) -> etree._Element:
    paths = [tmp / "art.xml", tmp / "mem.xml"]
    paths[0].write_text(article, encoding="utf-8")
    paths[1].write_text(MEMOIR, encoding="utf-8")
    docs = [parse_file(p) for p in paths]
    params = print_params(paths, [d.getroot() for d in docs], TIMELINE_XSL if timeline else tmp / "no-timeline.xsl")
    html, messages = pdfmod.print_html(pdfmod.corpus(docs, parse_bytes(REGISTER.encode(), "register.xml"), paths=paths,
                                                     labels=LABELS), params=params)
    assert messages == []
    return html


@pytest.fixture(scope="module")
def frag(tmp_path_factory: pytest.TempPathFactory) -> etree._Element:
    return fragment_html(tmp_path_factory.mktemp("links"), timeline=True)


# ---------------------------------------------------------------- fragments: source notes


def test_source_note_names_the_source_paragraphs_and_links_to_the_first(frag: etree._Element) -> None:
    note = x(frag, "//h:span[@id='src-art-q1']")[0]
    assert "fn-src" in note.get("class").split() and note.get("data-mark") == "α"
    assert note_text(note).startswith("Source: memoir ¶ 2–3, p. ")
    link = x(note, "h:a[@class='src-ref']")[0]
    assert link.get("href") == "#mem-p2"
    assert x(link, "h:span[@class='pageref']/@data-href") == ["#mem-p2"]
    # the call stands right after the quotation, its anchor before the note
    assert x(frag, "//h:span[@id='art-q1']/following-sibling::h:span[1]/@id") == ["call-src-art-q1"]


def test_differences_listed_equal_the_apps(frag: etree._Element) -> None:
    article = parse_bytes(ARTICLE.encode(), "art.xml")
    apps = article.findall(".//tei:app[@corresp='#art-q1']", NS)
    entries = x(frag, "//h:span[@id='src-art-q1']//h:span[@class='src-diff']")
    assert [text_of(e) for e in entries] == [
        "α1 [we]] om. memoir (inserted in brackets)",
        "α2 ...] by the night train [\u202631 words\u2026] as planned memoir (omitted, marked by an ellipsis)",
        "α3 ⁁] all memoir (omitted without an ellipsis)",
        "α4 June] July memoir (changed)",
        "α5 the hall] om. memoir (added)",
    ]
    assert len(entries) == len(apps)
    for entry, app in zip(entries, apps):
        lem = " ".join("".join(app.find("tei:lem", NS).itertext()).split()) or "⁁"
        assert text_of(x(entry, "h:span[@class='lem']")[0]) == lem


def test_differences_are_shaded_between_their_anchors_and_keyed(frag: etree._Element) -> None:
    for n, lem in ((1, "[we]"), (2, "..."), (4, "June")):
        app = f"art-q1-app{n}"
        shaded = x(frag, f"//h:span[@class='diff'][preceding::h:span[@id='{app}-from']][following::h:span[@id='{app}-to']]")
        assert "".join(text_of(s) for s in shaded) == lem
        assert [text_of(e) for e in x(frag, f"//h:span[@id='{app}-to']/following-sibling::*[1][self::h:sup]")] == [f"α{n}"]
    # the silent omission: a shaded caret and its key at the one anchor
    after = x(frag, "//h:span[@id='art-q1-app3-at']/following-sibling::*[position() <= 2]")
    assert [(e.get("class"), text_of(e)) for e in after] == [("diff diff-sign", "⁁"), ("diff-key", "α3")]
    # shading covers nothing else: the unanchored addition is only listed
    assert "".join(text_of(s) for s in x(frag, "//h:span[@id='art-q1']//h:span[@class='diff']")) == "[we]...June"
    assert [text_of(e) for e in x(frag, "//h:sup[@class='diff-key']")] == ["α1", "α2", "α3", "α4"]
    # each key links to its entry in the note, whose key links back to the end of the words
    assert x(frag, "//h:sup[@class='diff-key']/h:a/@href") == [f"#diff-art-q1-app{n}" for n in range(1, 5)]
    assert x(frag, "//h:span[@class='src-diff']/h:span[@class='diff-key']/h:a/@href") == [
        f"#art-q1-app{n}-{'at' if n == 3 else 'to'}" for n in range(1, 5)]


def test_anchors_print_nothing(frag: etree._Element) -> None:
    anchors = x(frag, "//h:span[@class='anchor']")
    assert len(anchors) == 7
    assert all(len(a) == 0 and not (a.text or "").strip() for a in anchors)


def test_without_anchors_nothing_is_marked(tmp_path: Path) -> None:
    article = re.sub(r'<anchor [^>]*/>', "", re.sub(r' (from|to)="[^"]*"', "", ARTICLE))
    html = fragment_html(tmp_path, article=article)
    assert x(html, "//h:span[@class='diff' or @class='diff diff-sign'] | //h:sup[@class='diff-key']") == []
    assert len(x(html, "//h:span[@id='src-art-q1']//h:span[@class='src-diff']")) == 5


def test_quotation_series_is_greek_and_per_text(frag: etree._Element) -> None:
    art = x(frag, "//h:article[@id='text-art']//h:span[contains(@class, 'fn-src')]/@data-mark")
    mem = x(frag, "//h:article[@id='text-mem']//h:span[contains(@class, 'fn-src')]/@data-mark")
    assert art == ["α", "β", "γ"] and mem == ["α", "β"]
    assert all(m in GREEK for m in art + mem)
    assert not x(frag, "//h:span[contains(@class, 'fn-src')][contains(@class, 'fn-ed') or contains(@class, 'fn-auth')]")


def test_verbatim_and_unresolved_sources(frag: etree._Element) -> None:
    assert note_text(x(frag, "//h:span[@id='src-art-q2']")[0]) == (
        "Source: memoir ¶ 3, p. . Quoted without difference, apart from punctuation and case.")
    assert note_text(x(frag, "//h:span[@id='src-art-q3']")[0]).startswith("Source: other.xml, o-p9 (not in this book).")
    assert x(frag, "//h:span[@id='src-art-q3']//h:span[@class='pageref']") == []


def test_quoted_in_at_the_source_paragraphs(frag: etree._Element) -> None:
    for pid, n, quotes in (("mem-p2", 2, ["art-q1"]), ("mem-p3", 3, ["art-q1", "art-q2"])):
        note = x(frag, f"//h:p[@id='{pid}']/h:span[@id='quoted-{pid}']")[0]
        further = " and p. (note β)" if len(quotes) > 1 else ""
        assert note_text(note) == f"¶ {n} is quoted in Wikipedia § The conference, p. (note α){further}."
        assert x(note, "h:a/@href") == [f"#{q}" for q in quotes]
        assert x(note, ".//h:span[@class='pageref']/@data-href") == [f"#{q}" for q in quotes]
    assert x(frag, "//h:span[starts-with(@id, 'quoted-mem-p1')]") == []


def test_principles_explain_the_series_and_short_names(frag: etree._Element) -> None:
    text = text_of(x(frag, "//h:section[@id='principles']")[0])
    assert "Greek letters α, β, γ" in text
    assert "Short names: Wikipedia = The article (Wiki); memoir = The memoir (Author)." in text


def one_quote_article(quote: str, apps: str, links: str = "", block: bool = False) -> str:
    """An article whose one quotation (art-q1, from mem-p2) is `quote` (inline, or a block in its div)."""
    body = (f'<quote xml:id="art-q1" source="mem.xml#mem-p2">{quote}</quote>' if block
            else f'<p xml:id="art-p1">He wrote <quote xml:id="art-q1" source="mem.xml#mem-p2">{quote}</quote>.</p>')
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="art" xml:lang="en">{header("The article", "Wiki")}'
            f'<text><body><div xml:id="art-d1"><head>The conference</head>{body}<p>After.</p></div></body></text>'
            f'<standOff><linkGrp type="quotation">{links}</linkGrp><listApp type="collation">{apps}</listApp></standOff></TEI>')


LINK_Q1 = '<link target="#art-q1 mem.xml#mem-p2"/>'


def test_two_differences_ending_at_one_anchor_both_keyed(tmp_path: Path) -> None:
    quote = '“We went <anchor xml:id="a-from"/>there<anchor xml:id="a-to"/> by train”'
    apps = ('<app xml:id="q1-v" type="variant" corresp="#art-q1" from="#a-from" to="#a-to"><lem>there</lem>'
            '<rdg source="mem.xml#mem-p2">to Bucharest</rdg></app>'
            '<app xml:id="q1-s" type="silent-omission" corresp="#art-q1" from="#a-to" to="#a-to"><lem/>'
            '<rdg source="mem.xml#mem-p2">at once</rdg></app>')
    html = fragment_html(tmp_path, article=one_quote_article(quote, apps, LINK_Q1))
    after = x(html, "//h:span[@id='a-to']/following-sibling::*")
    assert [(e.get("class"), text_of(e)) for e in after] == [
        ("diff-key", "α1"), ("diff diff-sign", "⁁"), ("diff-key", "α2")]
    assert x(html, "//h:sup[@class='diff-key']/h:a/@href") == ["#diff-q1-v", "#diff-q1-s"]
    assert [text_of(e) for e in x(html, "//h:span[@id='src-art-q1']//h:span[@class='src-diff']")] == [
        "α1 there] to Bucharest memoir (changed)", "α2 ⁁] at once memoir (omitted without an ellipsis)"]


def test_differences_keyed_in_text_order_not_list_order(tmp_path: Path) -> None:
    quote = ('“<anchor xml:id="a1f"/>one<anchor xml:id="a1t"/> <anchor xml:id="a2f"/>two<anchor xml:id="a2t"/> '
             '<anchor xml:id="a3f"/>three<anchor xml:id="a3t"/>”')
    apps = "".join(f'<app xml:id="q1-{w}" type="variant" corresp="#art-q1" from="#a{n}f" to="#a{n}t"><lem>{w}</lem>'
                   f'<rdg source="mem.xml#mem-p2">{w.upper()}</rdg></app>'
                   for n, w in ((3, "three"), (2, "two"), (1, "one")))
    apps = '<app xml:id="q1-add" type="addition" corresp="#art-q1"><lem>four</lem><rdg source="mem.xml#mem-p2"/></app>' + apps
    html = fragment_html(tmp_path, article=one_quote_article(quote, apps, LINK_Q1))
    keys = x(html, "//h:span[@id='art-q1']//h:sup[@class='diff-key']")
    assert [text_of(k) for k in keys] == ["α1", "α2", "α3"]
    assert [k.getprevious().get("id") for k in keys] == ["a1t", "a2t", "a3t"]
    assert x(html, "//h:sup[@class='diff-key']/h:a/@href") == ["#diff-q1-one", "#diff-q1-two", "#diff-q1-three"]
    assert [text_of(e) for e in x(html, "//h:span[@id='src-art-q1']//h:span[@class='src-diff']")] == [
        "α1 one] ONE memoir (changed)", "α2 two] TWO memoir (changed)", "α3 three] THREE memoir (changed)",
        "α4 four] om. memoir (added)"]


def test_uncollated_quotation_claims_no_agreement(tmp_path: Path) -> None:
    # the text has a collation apparatus, but not of this quotation: no link, no apps
    apps = ('<app xml:id="x-v" type="variant" corresp="#art-q9" from="#x-f" to="#x-t"><lem>a</lem>'
            '<rdg source="mem.xml#mem-p2">b</rdg></app>')
    html = fragment_html(tmp_path, article=one_quote_article("“We went”", apps))
    note = note_text(x(html, "//h:span[@id='src-art-q1']")[0])
    assert note.startswith("Source: memoir ¶ 2, p. ") and "without difference" not in note
    # collated (linked) and without apps: the agreement is stated
    html = fragment_html(tmp_path, article=one_quote_article("“We went”", apps, LINK_Q1))
    assert text_of(x(html, "//h:span[@id='src-art-q1']")[0]).endswith(
        "Quoted without difference, apart from punctuation and case.")


def test_block_quotation_call_is_inside_its_last_paragraph(tmp_path: Path) -> None:
    quote = "<p>“We went.</p><p>We came back.”</p>"
    html = fragment_html(tmp_path, article=one_quote_article(quote, "", LINK_Q1, block=True))
    bq = x(html, "//h:blockquote")[0]
    assert bq.get("id") == "art-q1"
    last = x(bq, "h:p[last()]")[0]
    assert [e.get("id") for e in x(last, "h:span[contains(@class, 'fn')]")] == ["call-src-art-q1", "src-art-q1"]
    assert note_text(x(html, "//h:span[@id='src-art-q1']")[0]).startswith("Source: memoir ¶ 2, p. ")
    assert x(html, "//h:blockquote/following-sibling::*[1]/self::h:p[not(h:span[contains(@class, 'fn')])]")


# ---------------------------------------------------------------- fragments: speakers, timeline


def test_index_of_speakers_counts_the_said_who(frag: etree._Element) -> None:
    memoir = parse_bytes(MEMOIR.encode(), "mem.xml")
    saids = memoir.findall(".//tei:said[@who]", NS)
    wanted = Counter(w[1:] for s in saids for w in s.get("who").split())
    entries = x(frag, "//h:section[@id='index-speakers']//h:li[@class='ix-entry']")
    got = {e.get("id")[3:]: int(re.fullmatch(r"\((\d+)\)", text_of(x(e, "h:span[@class='ix-count']")[0])).group(1)) for e in entries}
    assert got == dict(wanted) == {"hoxha": 3, "khrushchev": 1, "shehu": 1}
    assert [text_of(x(e, "h:span[@class='ix-name']")[0]) for e in entries] == ["Hoxha, Enver", "Khrushchev, Nikita", "Shehu, Mehmet"]
    # one link per passage, to the said's anchor; an inferred speaker is marked
    hoxha = x(frag, "//h:li[@id='sx-hoxha']//h:a")
    assert [("ix-inferred" in a.get("class")) for a in hoxha] == [True, False, False]
    for a in hoxha:
        assert x(frag, f"//h:span[@id='{a.get('href')[1:]}']/@class") == ["said"]
    assert x(frag, "//h:ol[@class='toc']//h:span[@data-href='#index-speakers']")


def test_timeline_plate_from_the_print_variant(frag: etree._Element) -> None:
    plate = x(frag, "//h:section[@id='timeline']")[0]
    svg = plate.xpath(".//svg:svg", namespaces={"svg": "http://www.w3.org/2000/svg"})[0]
    assert svg.get("width") == "900" and "Libertine" in svg.get("font-family")
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert svg.xpath("count(.//svg:a)", namespaces=ns) == 0  # WeasyPrint draws svg:a as text
    marks = svg.xpath(".//svg:g[@class='mark']", namespaces=ns)
    assert [m.get("data-target") for m in marks] == ["date-1", "date-1"]  # each text's first date
    assert "Wikipedia: 1 date; memoir: 1 date" in text_of(plate)
    toc = x(frag, "//h:ol[@class='toc']/h:li[h:span[@data-href='#timeline']]")
    assert [text_of(t) for t in toc] == ["Timeline of dated mentions"]
    # before the indexes, after the texts
    order = x(frag, "/h:html/h:body/*/@id")
    assert order.index("text-mem") < order.index("timeline") < order.index("index-persons" if "index-persons" in order else "index-speakers")


def test_a_book_of_the_article_alone_names_the_source_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "art.xml"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = parse_file(path)
    params = print_params([path], [doc.getroot()], tmp_path / "no-timeline.xsl")
    html, messages = pdfmod.print_html(pdfmod.corpus([doc], None, paths=[path], labels=LABELS), params=params)
    assert messages == []
    assert note_text(x(html, "//h:span[@id='src-art-q1']")[0]).startswith(
        "Source: memoir, mem-p2 (not in this book); memoir, mem-p3 (not in this book). Differences: α1 [we]] om. memoir")
    assert x(html, "//h:span[@id='src-art-q1']//h:a[@class='src-ref'] | //h:span[@id='src-art-q1']//h:span[@class='pageref']") == []


def test_no_timeline_without_the_stylesheet(tmp_path: Path) -> None:
    html = fragment_html(tmp_path, timeline=False)
    assert x(html, "//*[@id='timeline'] | //h:span[@data-href='#timeline']") == []


# ---------------------------------------------------------------- the real edition, typeset


@pytest.fixture(scope="module")
def edition_book(tmp_path_factory: pytest.TempPathFactory, edition_book: tuple) -> dict:  # noqa: F811
    texts, _, _, result = edition_book  # conftest: the real edition typeset once per session
    path = tmp_path_factory.mktemp("pdf") / "edition.pdf"
    path.write_bytes(result.pdf)
    reader = pypdf.PdfReader(str(path))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p + "\f" for p in out.split("\f")[: len(reader.pages)]]  # one run; a form feed ends each page
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    html = etree.HTML(result.html.encode("utf-8"))  # the book as laid out (HTML: no namespaces)
    return {"texts": texts, "reader": reader, "pages": pages, "dests": dests, "html": html, "result": result}


def flat(text: str) -> str:
    text = re.sub(r"(\w)\u00ad\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


def tei_root(book: dict, text_id: str) -> etree._Element:
    return next(r for r in (parse_file(p).getroot() for p in book["texts"]) if r.get(XML_ID) == text_id)


@pytest.mark.slow
def test_source_note_of_sas_q51_gives_the_page_of_fbm_p034(edition_book: dict) -> None:
    dests, pages = edition_book["dests"], edition_book["pages"]
    page = dests["src-sas-q51"]
    assert dests["call-src-sas-q51"] == page, "the source note is not on the page of its call"
    mark = edition_book["html"].xpath("//*[@id='src-sas-q51']/@data-mark")[0]
    assert re.search(rf"{mark} {KEY}Source: memoir ¶ 34–35, p\. {dests['fbm-p034'] + 1}\.", flat(pages[page]))
    links = [a.get_object() for a in edition_book["reader"].pages[page].get("/Annots", [])]
    assert any(str(a.get("/Dest")) == "fbm-p034" for a in links), "no link to the source paragraph"


@pytest.mark.slow
def test_differences_of_sas_q51_equal_its_apps(edition_book: dict) -> None:
    apps = tei_root(edition_book, "sas").findall(".//tei:listApp/tei:app[@corresp='#sas-q51']", NS)
    assert apps
    page = flat(edition_book["pages"][edition_book["dests"]["src-sas-q51"]])
    mark = edition_book["html"].xpath("//*[@id='src-sas-q51']/@data-mark")[0]
    note = page[re.search(rf"{mark} {KEY}Source: memoir", page).start():]
    keys = re.findall(rf"{mark}(\d+) (\S+)\]", note)
    assert [int(k) for k, _ in keys] == list(range(1, len(apps) + 1))
    assert [lem.replace("…", "...") for _, lem in keys] == [
        " ".join("".join(a.find("tei:lem", NS).itertext()).split()) or "⁁" for a in apps]
    # each key also stands in the quotation (before the notes), right after the reading it marks, in order
    body = flat(edition_book["pages"][edition_book["dests"]["call-src-sas-q51"]])
    text = body[:re.search(rf"{mark} {KEY}Source: memoir", body).start()]
    marked = re.findall(rf"(\S+?){mark}(\d+)", text)
    assert [int(k) for _, k in marked] == list(range(1, len(apps) + 1))
    assert [r.lstrip("“").replace("…", "...") for r, _ in marked] == [lem.replace("…", "...") for _, lem in keys]


@pytest.mark.slow
def test_every_quotation_note_is_on_the_page_of_its_call(edition_book: dict) -> None:
    dests = edition_book["dests"]
    notes = edition_book["html"].xpath("//*[contains(@class, 'fn-src')]/@id")
    assert len(notes) >= 10
    for nid in notes:
        assert dests[nid] == dests[f"call-{nid}"], f"{nid}: call on page {dests[f'call-{nid}'] + 1}, note on {dests[nid] + 1}"


@pytest.mark.slow
def test_fbm_p034_is_quoted_in_with_the_page_of_sas_q51(edition_book: dict) -> None:
    dests, pages = edition_book["dests"], edition_book["pages"]
    page = dests["quoted-fbm-p034"]
    assert dests["call-quoted-fbm-p034"] == page
    assert re.search(rf"\d+(?:–\d+)? ¶ 34 is quoted in Wikipedia § Bucharest Conference, p\. {dests['sas-q51'] + 1}",
                     flat(pages[page]))
    links = [a.get_object() for a in edition_book["reader"].pages[page].get("/Annots", [])]
    assert any(str(a.get("/Dest")) == "sas-q51" for a in links)


def dates_in_range(root: etree._Element, start: int = 1941, end: int = 1991) -> int:
    """Dates the timeline draws: in the text, not in an editorial note, overlapping start..end."""
    n = 0
    for date in root.iterfind(".//tei:text//tei:date", NS):
        if any(a.tag == f"{{{NS['tei']}}}note" and a.get("type") == "editorial" for a in date.iterancestors()):
            continue
        first = next((date.get(k) for k in ("when", "from", "notBefore") if date.get(k)), None)
        last = next((date.get(k) for k in ("to", "notAfter") if date.get(k)), first)
        if first and re.match(r"\d{4}", first) and int(last[:4]) >= start and int(first[:4]) <= end:
            n += 1
    return n


@pytest.mark.slow
def test_timeline_page_has_one_mark_per_date_and_is_in_the_contents(edition_book: dict) -> None:
    dests, pages = edition_book["dests"], edition_book["pages"]
    page = dests["timeline"]
    assert "Timeline of dated mentions" in flat(pages[page]) and "1960" in pages[page]
    toc = flat(pages[dests["contents"]])
    assert re.search(rf"Timeline of dated mentions[ .]*{page + 1}\b", toc)
    for text_id in ("sas", "fbm"):
        marks = edition_book["html"].xpath(f"//*[@id='timeline']//g[@data-text='{text_id}']//circle")
        assert len(marks) == dates_in_range(tei_root(edition_book, text_id)) > 0
    assert dests["timeline"] < dests["index-persons"]


@pytest.mark.slow
def test_index_of_speakers_matches_the_tei(edition_book: dict) -> None:
    dests, pages = edition_book["dests"], edition_book["pages"]
    roots = [parse_file(p).getroot() for p in edition_book["texts"]]
    saids = [s for r in roots for s in r.iterfind(".//tei:text//tei:said[@who]", NS) if s.get("who").strip()]
    wanted = Counter(w.lstrip("#") for s in saids for w in s.get("who").split())
    entries = edition_book["html"].xpath("//*[@id='index-speakers']//*[@class='ix-entry']")
    got = {e.get("id")[3:]: int(re.fullmatch(r"\((\d+)\)", "".join(e.xpath(".//*[@class='ix-count']//text()")).strip()).group(1)) for e in entries}
    assert got == dict(wanted)
    printed = "\n".join(pages[dests["index-speakers"]:])
    assert sorted(int(n) for n in re.findall(r"\((\d+)\)", printed)) == sorted(wanted.values())
    # a page is starred when every passage of the speaker on it has an inferred speaker (@cert)
    said_ids = edition_book["html"].xpath("//article//*[@class='said'][@id]/@id")
    assert len(said_ids) == len(saids)
    for entry in entries:
        who = entry.get("id")[3:]
        on_page: dict[int, list[bool]] = {}
        for sid, said in zip(said_ids, saids):
            if f"#{who}" in said.get("who").split():
                on_page.setdefault(dests[sid] + 1, []).append(said.get("cert") is not None)
        shown = []  # (page, starred), a range "25–28*" standing for each of its pages
        for m in re.finditer(r"(\d+)(?:–(\d+))?(\*?)", "".join(entry.xpath(".//*[@class='ix-pages']//text()"))):
            last = int(m.group(2) or m.group(1))
            assert m.group(2) is None or last - int(m.group(1)) >= 2, f"{who}: a range of fewer than three pages"
            shown += [(p, m.group(3) == "*") for p in range(int(m.group(1)), last + 1)]
        assert shown == [(p, all(c)) for p, c in on_page.items()], who
