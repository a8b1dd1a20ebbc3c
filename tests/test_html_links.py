"""The links between the texts in the HTML edition (issue 9): a quotation's source paragraph and the
differences its collation records, "quoted in" beside the source paragraph, the register's "quoted as
saying" lists (said/@who) and the timeline page. Site tests publish a small quoting text with the memoir
fixture; browser tests (Chromium + axe-core) audit the new displays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree

from browser_support import ARTIFACTS, axe_source, serve
from edition.publish.html import publish
from edition.xmlio import TEI_NS

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "html"

# A text quoting the memoir fixture, encoded as `edition link` and `edition speakers` write it.
QUOTING = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="tq" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A Test Article</title><author>Test contributors</author></titleStmt>
      <publicationStmt><publisher>Test</publisher><date when="2026-11-22">2026-11-22</date></publicationStmt>
      <sourceDesc><bibl><title>A Test Article</title></bibl></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="section" xml:id="tq-split">
        <head>The split</head>
        <p xml:id="tq-split-p1">In <date when="1960">1960</date> the memoir says <quote xml:id="tq-q1" source="memoir.xml#tm-p001">“In June [she] told the Party that the druzhba was finished ... said Dorn”</quote>, and later <quote xml:id="tq-q2" source="memoir.xml#tm-p003">“the relations ended”</quote>.</p>
        <p xml:id="tq-split-p2"><said who="#carl-dorn" cert="medium" resp="#tq-speakers">“We shall see,”</said> he said again; <quote xml:id="tq-q3" source="javascript:alert(1)">“a hostile source”</quote>.</p>
      </div>
    </body>
  </text>
  <standOff>
    <linkGrp type="quotation" resp="#tq-linker">
      <link xml:id="tq-q1-source" type="quotation" target="#tq-q1 memoir.xml#tm-p001"/>
      <link xml:id="tq-q2-source" type="quotation" target="#tq-q2 memoir.xml#tm-p003"/>
    </linkGrp>
    <listApp type="collation" resp="#tq-linker">
      <app xml:id="tq-q1-app1" type="bracketed-substitution" corresp="#tq-q1">
        <lem>[she]</lem>
        <rdg source="memoir.xml#tm-p001">Anna Berg</rdg>
      </app>
      <app xml:id="tq-q1-app2" type="variant" corresp="#tq-q1">
        <lem>finished</lem>
        <rdg source="memoir.xml#tm-p001">over</rdg>
      </app>
      <app xml:id="tq-q1-app3" type="omission" corresp="#tq-q1">
        <lem>...</lem>
        <rdg source="memoir.xml#tm-p001">We shall see,</rdg>
      </app>
    </listApp>
  </standOff>
</TEI>
"""


def _publish(tmp: Path, *, labels: dict[str, str] | None = None, with_memoir: bool = True, search: bool = False,
             quoting: str = QUOTING) -> tuple[Path, Any]:
    src = tmp / "src"
    src.mkdir(exist_ok=True)
    (src / "quoting.xml").write_text(quoting, encoding="utf-8")
    inputs = ([FIXTURES / "memoir.xml"] if with_memoir else []) + [src / "quoting.xml"]
    out = tmp / "out"
    report = publish(inputs, out, register=FIXTURES / "register.xml", edition={"title": "Test Edition"},
                     search=search, labels=labels)
    return out, report


def _page(out: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(out / name)).getroot()


def _text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    return _publish(tmp_path_factory.mktemp("links"), labels={"tm": "memoir", "tq": "Article"})


def test_quotation_shows_its_source_paragraph_with_number(site_dir: tuple[Path, Any]) -> None:
    out, _ = site_dir
    page, memoir = _page(out, "quoting.html"), _page(out, "memoir.html")
    for qid, target in (("tq-q1", "tm-p001"), ("tq-q2", "tm-p003")):
        box = page.get_element_by_id(f"{qid}-about")
        links = box.xpath(".//a[@class='quote-source-link']")
        assert [a.get("href") for a in links] == [f"memoir.html?quote={qid}#{target}"]  # the quoted words are marked there
        n = memoir.xpath(f"//div[@id='{target}']/a[contains(@class, 'pnum')]/@data-n")[0]
        assert _text(links[0]) == f"memoir ¶ {n}"
        # the box follows the paragraph holding the quotation
        assert box.getparent().get("id") == "tq-split-p1"
        # right after the quotation, a link to the box
        ref = page.get_element_by_id(qid).getnext()
        assert ref.get("class") == "quote-ref ui" and ref.get("href") == f"#{qid}-about"
        assert _text(ref) == "Go to the source of this quotation"
    assert "Quoted verbatim" in _text(page.get_element_by_id("tq-q2-about"))
    assert "Quoted verbatim" not in _text(page.get_element_by_id("tq-q1-about"))


def test_differences_are_listed_with_source_and_quoted_readings(site_dir: tuple[Path, Any]) -> None:
    out, _ = site_dir
    box = _page(out, "quoting.html").get_element_by_id("tq-q1-about")
    items = box.xpath(".//ul[@class='diffs']/li")
    apps = etree.fromstring(QUOTING.encode()).findall(f".//{{{TEI_NS}}}app")
    assert [li.get("id") for li in items] == [a.get("{http://www.w3.org/XML/1998/namespace}id") for a in apps]
    for li, app in zip(items, apps):
        assert f"diff-{app.get('type')}" in li.get("class")
        lem, rdg = app.findtext(f"{{{TEI_NS}}}lem"), app.findtext(f"{{{TEI_NS}}}rdg")
        assert [_text(d) for d in li.xpath(".//del")] == [rdg]
        # an omission shows only what was left out; the others show the quotation's words too
        assert [_text(i) for i in li.xpath(".//ins")] == ([] if app.get("type") == "omission" else [lem])
        # screen readers hear which reading is which
        assert "the source reads" in _text(li)
    assert "3 differences" in _text(box)


def test_differences_are_marked_in_the_quotation(site_dir: tuple[Path, Any]) -> None:
    out, _ = site_dir
    quote = _page(out, "quoting.html").get_element_by_id("tq-q1")
    marks = {m.get("class").split()[1]: m for m in quote.xpath(".//mark")}
    assert set(marks) == {"diff-bracketed-substitution", "diff-variant", "diff-omission"}
    assert marks["diff-omission"].text == "..."
    assert _text(marks["diff-omission"].xpath(".//span[@class='vh']")[0]) == "(omission)"
    assert marks["diff-variant"].text == "finished"
    # the quotation's own words are all still there, in order
    assert re.sub(r"\s*\([^)]*\)", "", _text(quote)) == "“In June [she] told the Party that the druzhba was finished ... said Dorn”"


# The same text as `edition link` now writes it: anchors around each difference (app/@from, @to). The
# quotation has "..." twice and "the" three times; only the second "...", the second "the" and a point
# after "Party" are differences.
A = 'resp="#tq-linker"'
ANCHORED = QUOTING.replace(
    "“In June [she] told the Party that the druzhba was finished ... said Dorn”",
    f"“In June ... the <persName ref=\"#carl-dorn\">Party</persName><anchor xml:id=\"tq-q1-app3-at\" {A}/> told "
    f"<anchor xml:id=\"tq-q1-app1-from\" {A}/>the<anchor xml:id=\"tq-q1-app1-to\" {A}/> druzhba "
    f"<anchor xml:id=\"tq-q1-app2-from\" {A}/>...<anchor xml:id=\"tq-q1-app2-to\" {A}/> said the Dorn”").replace(
    """      <app xml:id="tq-q1-app1" type="bracketed-substitution" corresp="#tq-q1">
        <lem>[she]</lem>
        <rdg source="memoir.xml#tm-p001">Anna Berg</rdg>
      </app>
      <app xml:id="tq-q1-app2" type="variant" corresp="#tq-q1">
        <lem>finished</lem>
        <rdg source="memoir.xml#tm-p001">over</rdg>
      </app>
      <app xml:id="tq-q1-app3" type="omission" corresp="#tq-q1">""",
    """      <app xml:id="tq-q1-app1" type="variant" corresp="#tq-q1" from="#tq-q1-app1-from" to="#tq-q1-app1-to">
        <lem>the</lem>
        <rdg source="memoir.xml#tm-p001">a</rdg>
      </app>
      <app xml:id="tq-q1-app3" type="silent-omission" corresp="#tq-q1" from="#tq-q1-app3-at" to="#tq-q1-app3-at">
        <lem/>
        <rdg source="memoir.xml#tm-p001">of Labour</rdg>
      </app>
      <app xml:id="tq-q1-app2" type="omission" corresp="#tq-q1" from="#tq-q1-app2-from" to="#tq-q1-app2-to">""")


def test_anchored_differences_are_marked_where_they_stand(tmp_path: Path) -> None:
    assert ANCHORED.count('from="#tq-q1-app') == 3  # the fixture was rewritten as meant
    out, report = _publish(tmp_path, quoting=ANCHORED)
    page = _page(out, "quoting.html")
    quote = page.get_element_by_id("tq-q1")
    marks = quote.xpath(".//mark")
    assert [(m.get("class"), m.text) for m in marks] == [
        ("diff diff-silent-omission", None), ("diff diff-variant", "the"), ("diff diff-omission", "...")]
    # only the second "the" and the second "..." are marked; the first of each is the quotation's own
    assert quote.xpath("string(.//a[@href='#tq-q1-app1']/preceding-sibling::text()[1])").endswith(" told ")
    assert quote.xpath("string(.//a[@href='#tq-q1-app2']/preceding-sibling::text()[1])") == " druzhba "
    # each mark links to its entry in the list, which links back to where the difference stands
    assert [m.getparent().get("href") for m in marks] == ["#tq-q1-app3", "#tq-q1-app1", "#tq-q1-app2"]
    for app_id, anchor in (("tq-q1-app1", "tq-q1-app1-from"), ("tq-q1-app2", "tq-q1-app2-from"), ("tq-q1-app3", "tq-q1-app3-at")):
        item = page.get_element_by_id(app_id)
        assert item.tag == "li" and item.xpath(".//a[@class='diff-backref ui']/@href") == [f"#{anchor}"]
        assert page.get_element_by_id(anchor).get("class") == "anchor"
    # the point of a silent omission: a sign, named for screen readers, right after the name
    point = marks[0]
    assert point.getparent().getprevious().get("id") == "tq-q1-app3-at"
    assert _text(point) == "⁁ (omission)" and point.xpath("./span[@aria-hidden='true']/text()") == ["⁁"]
    assert _text(quote.xpath(".//mark[contains(@class, 'diff-omission')]")[0]) == "... (omission)"
    # the words are all there, in order, and nothing else is marked
    assert re.sub(r"\s*\([^)]*\)|⁁", "", _text(quote)) == "“In June ... the Party told the druzhba ... said the Dorn”"
    assert not [w for w in report.warnings if "has no template" in w], report.warnings


def test_a_difference_across_a_name_is_marked_in_each_piece_and_named_once(tmp_path: Path) -> None:
    text = ANCHORED.replace(
        f"<anchor xml:id=\"tq-q1-app1-from\" {A}/>the<anchor xml:id=\"tq-q1-app1-to\" {A}/> druzhba",
        f"<anchor xml:id=\"tq-q1-app1-from\" {A}/>the <persName ref=\"#carl-dorn\">druzhba</persName><anchor xml:id=\"tq-q1-app1-to\" {A}/>")
    assert text != ANCHORED
    out, _ = _publish(tmp_path, quoting=text)
    quote = _page(out, "quoting.html").get_element_by_id("tq-q1")
    marks = quote.xpath(".//mark[contains(@class, 'diff-variant')]")
    assert [m.text for m in marks] == ["the ", "druzhba"]
    assert [len(m.xpath("./span[@class='vh']")) for m in marks] == [0, 1]  # named once, after its last piece
    # the piece inside the name (a link of its own) does not nest a second link
    assert marks[0].getparent().get("href") == "#tq-q1-app1" and marks[1].getparent().tag == "a"
    assert marks[1].getparent().get("class").startswith("ent ")


def test_source_paragraph_says_where_it_is_quoted(site_dir: tuple[Path, Any]) -> None:
    out, _ = site_dir
    memoir = _page(out, "memoir.html")
    for target, qid in (("tm-p001", "tq-q1"), ("tm-p003", "tq-q2")):
        links = memoir.xpath(f"//div[@id='{target}']/p[contains(@class, 'quoted-in')]/a")
        assert [(a.get("href"), _text(a)) for a in links] == [(f"quoting.html#{qid}", "Article § The split")]
    assert memoir.xpath("count(//p[contains(@class, 'quoted-in')])") == 2
    # each link lands on the quotation
    quoting = _page(out, "quoting.html")
    assert quoting.get_element_by_id("tq-q1").tag == "span"


def test_links_and_apparatus_are_not_rendered_as_loose_text(site_dir: tuple[Path, Any]) -> None:
    out, report = site_dir
    page = _page(out, "quoting.html")
    assert page.xpath("//section[contains(@class, 'standOff')]") == []
    assert "Anna Berg" in _text(page.get_element_by_id("tq-q1-about"))  # only the box shows the source reading
    assert not [w for w in report.warnings if "has no template" in w], report.warnings


def test_unsafe_or_unknown_source_is_not_a_link(site_dir: tuple[Path, Any], tmp_path: Path) -> None:
    out, _ = site_dir
    box = _page(out, "quoting.html").get_element_by_id("tq-q3-about")
    assert box.xpath(".//a") == []
    assert _text(box.xpath(".//span[@class='quote-source-unresolved']")[0]) == "javascript:alert(1)"
    # published without the memoir: the pointer is named, not linked
    alone, _ = _publish(tmp_path, with_memoir=False)
    box = _page(alone, "quoting.html").get_element_by_id("tq-q1-about")
    assert box.xpath(".//a") == []
    assert _text(box.xpath(".//span[@class='quote-source-unresolved']")[0]) == "memoir.xml#tm-p001"


def test_without_labels_the_title_names_the_text(tmp_path: Path) -> None:
    out, _ = _publish(tmp_path)
    link = _page(out, "quoting.html").xpath("//div[@id='tq-q1-about']//a")[0]
    assert _text(link).startswith("A Test Memoir Chapter ¶ ")
    assert _text(_page(out, "memoir.html").xpath("//p[contains(@class, 'quoted-in')]/a")[0]) == "A Test Article § The split"


def test_register_lists_what_a_person_is_quoted_as_saying(site_dir: tuple[Path, Any]) -> None:
    out, _ = site_dir
    persons = _page(out, "persons.html")
    entry = persons.get_element_by_id("carl-dorn")
    assert [_text(h) for h in entry.xpath(".//h3")][:1] == ["Quoted as saying (1)"]
    (item,) = entry.xpath(".//ol[@class='sayings']/li")
    href = item.xpath("./a/@href")[0]
    page, frag = href.split("#")
    target = _page(out, page).get_element_by_id(frag)
    assert target.get("class") == "said" and _text(target) == "“We shall see,”"
    assert "certainty: medium" in _text(item)
    # nobody else is quoted: speech without @who is not attributed
    assert persons.xpath("count(//ol[@class='sayings'])") == 1


def test_timeline_page_inline_svg_linked_from_home(site_dir: tuple[Path, Any]) -> None:
    out, _ = site_dir
    assert _page(out, "index.html").xpath("//a[@href='timeline.html']")
    raw = (out / "timeline.html").read_text(encoding="utf-8")
    assert "<script" not in raw.split("</main>")[0].split("<main")[1]
    page = _page(out, "timeline.html")
    svg = page.xpath("//*[local-name()='svg']")
    assert len(svg) == 1 and svg[0].get("role") == "group" and svg[0].get("aria-label")
    hrefs = [a.get("href") for a in svg[0].xpath(".//*[local-name()='a'][not(@class='label-link')]")]
    labels = svg[0].xpath(".//*[local-name()='a'][@class='label-link']/@href")  # each month's label: its dates in the list
    assert labels and all(page.get_element_by_id(h[1:]) is not None for h in labels)
    dates = 0
    for name in ("memoir.xml", "quoting.xml"):
        src = FIXTURES / name if name == "memoir.xml" else out.parent / "src" / name
        tree = etree.parse(str(src))
        dates += len(tree.xpath("//t:text//t:date[not(ancestor::t:note[@type='editorial'])]", namespaces={"t": TEI_NS}))
    assert len(hrefs) == dates > 0
    for href in hrefs:  # each mark leads to an element of a reading page
        file, frag = href.split("#")
        assert _page(out, file).get_element_by_id(frag) is not None


def test_no_timeline_page_without_dates(tmp_path: Path) -> None:
    tables = FIXTURES / "tables.xml"
    assert not etree.parse(str(tables)).xpath("//t:text//t:date", namespaces={"t": TEI_NS})
    report = publish([tables], tmp_path, search=False)
    assert "timeline.html" not in report.pages and not (tmp_path / "timeline.html").exists()
    assert not _page(tmp_path, "index.html").xpath("//a[@href='timeline.html']")


# ---------- in the browser ----------

@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out, _ = _publish(tmp_path_factory.mktemp("links-site"), labels={"tm": "memoir", "tq": "Article"}, search=True,
                      quoting=ANCHORED)  # the audit sees the marks linking to the list of differences
    with serve(out) as url:
        yield url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == [], "console errors"


@pytest.mark.browser
def test_follow_a_quotation_to_its_source_and_back(served: str, tab: Any) -> None:
    tab.goto(served + "quoting.html")
    tab.locator("#tq-q1-about a.quote-source-link").click()
    assert tab.evaluate("location.hash") == "#tm-p001"
    back = tab.locator("#tm-p001 .quoted-in a")
    assert back.is_visible()
    back.click()
    assert tab.evaluate("location.pathname + location.hash") == "/quoting.html#tq-q1"


@pytest.mark.browser
def test_timeline_mark_leads_to_its_paragraph(served: str, tab: Any) -> None:
    tab.goto(served + "timeline.html")
    mark = tab.locator("svg a:not(.label-link)").first
    href = mark.get_attribute("href")
    mark.click()
    tab.wait_for_url("**/" + href)
    assert tab.evaluate("location.hash") == "#" + href.split("#")[1]


@pytest.mark.browser
@pytest.mark.parametrize("file", ["quoting.html", "memoir.html", "persons.html", "timeline.html"])
def test_accessibility_audit_of_the_new_displays(served: str, tab: Any, file: str) -> None:
    tab.goto(served + file)
    tab.evaluate(axe_source())
    result = tab.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"links-{file.removesuffix('.html')}.png"))
    assert bad == []
    assert len(result["passes"]) > 10
