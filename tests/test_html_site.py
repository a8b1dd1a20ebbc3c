"""`edition html` as a user meets it, and the completeness of the published reading.

Completeness: every word of each text's corrected reading appears, in order, in the reading of its
HTML page (and every word of the diplomatic reading in the diplomatic view, every note word in the
notes) — for the edition's two texts and for the third-party fixtures (drama, verse, lists, tables,
bibliography).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.config import load_project
from edition.xmlio import parse_file

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "html"
THIRD_PARTY = ("drama", "verse", "lists", "tables", "bibliography", "corpus")
T = "{http://www.tei-c.org/ns/1.0}"
WORD = re.compile(r"\w+")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# ---------- readings of the TEI ----------


def _numbered(note: etree._Element) -> bool:
    return note.get("type") != "editorial" and (note.get("type") == "authorial" or note.get("resp") is None)


def tei_words(el: etree._Element, view: str, notes: dict[str, list[str]] | None = None) -> list[str]:
    """The words of an element's reading: view 'corrected' (corr/reg/expan) or 'diplomatic' (sic/orig/abbr).

    Notes are left out of the running text; if `notes` is given their words are collected per series.
    """
    out: list[str] = []
    skip_in_choice = {"corrected": {"sic", "orig", "abbr"}, "diplomatic": {"corr", "reg", "expan"}}[view]

    def walk(e: etree._Element) -> None:
        if not isinstance(e.tag, str):
            out.extend(WORD.findall(e.tail or ""))
            return
        local = etree.QName(e).localname
        if local == "teiHeader" or (local in skip_in_choice and e.getparent().tag == f"{T}choice"):
            pass
        elif local == "note" and e.getparent() is not None:
            if notes is not None and not any(a.tag == f"{T}note" for a in e.iterancestors()):
                notes["numbered" if _numbered(e) else "lettered"].extend(tei_words(e, view))
        else:
            out.extend(WORD.findall(e.text or ""))
            for child in e:
                walk(child)
        out.extend(WORD.findall(e.tail or ""))

    out.extend(WORD.findall(el.text or ""))
    for child in el:
        walk(child)
    return out


def html_words(el: lxml.html.HtmlElement, drop: tuple[str, ...]) -> list[str]:
    el = lxml.html.fromstring(lxml.html.tostring(el))  # a copy
    for cls in drop:
        for x in el.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"):
            x.drop_tree()
    return WORD.findall(" ".join(el.itertext()))  # element boundaries separate words, as in tei_words


def missing_in_order(needle: list[str], hay: list[str]) -> list[str]:
    """The part of `needle` that is not a subsequence of `hay` (empty when every word is there, in order)."""
    i = 0
    for n, word in enumerate(needle):
        while i < len(hay) and hay[i] != word:
            i += 1
        if i == len(hay):
            return needle[n : n + 12]
        i += 1
    return []


def assert_complete(tei_path: Path, page_path: Path) -> int:
    root = parse_file(tei_path).getroot()
    page = lxml.html.parse(str(page_path)).getroot()
    texts = [root] if root.tag == f"{T}TEI" else list(root.iter(f"{T}TEI"))
    reading = page.xpath("//div[@class='reading']")
    assert len(reading) == len(texts)
    count = 0
    for tei, html in zip(texts, reading):
        notes: dict[str, list[str]] = {"numbered": [], "lettered": []}
        text = tei.find(f"{T}text")
        corrected = tei_words(text, "corrected", notes)
        assert corrected, f"{tei_path}: empty reading"
        gap = missing_in_order(corrected, html_words(html, ("ui", "rdg-source")))
        assert not gap, f"{page_path}: corrected reading lost near {gap}"
        diplomatic = tei_words(text, "diplomatic")
        gap = missing_in_order(diplomatic, html_words(html, ("ui", "rdg-corrected")))
        assert not gap, f"{page_path}: diplomatic reading lost near {gap}"
        article = html.getparent()
        for series, cls in (("numbered", "notes-authorial"), ("lettered", "notes-editorial")):
            lists = article.xpath(f".//ul[contains(@class, '{cls}')]")
            hay = html_words(lists[0], ("ui",)) if lists else []
            gap = missing_in_order(notes[series], hay)
            assert not gap, f"{page_path}: {series} notes lost near {gap}"
        count += len(corrected) + len(notes["numbered"]) + len(notes["lettered"])
    return count


# ---------- fixtures ----------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    files = [str(FIXTURES / f"{n}.xml") for n in ("memoir", *THIRD_PARTY)]
    r = run("html", *files, "--register", str(FIXTURES / "register.xml"), "--title", "Test Edition", "--no-search", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def edition_tei(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The edition's TEI: tei/*.xml where present, else converted and enriched from the seeds."""
    project = load_project(REPO)
    tmp = tmp_path_factory.mktemp("tei")
    paths = []
    for meta in project.texts:
        path = project.tei_dir / meta.tei
        if not path.exists():
            r = run("convert", str(project.seeds_dir / meta.seed), "-o", str(tmp))
            assert r.exit_code == 0, r.stderr
            path = tmp / meta.tei
            r = run("enrich", str(path), "--register", str(project.tei_dir / "register.xml"))
            assert r.exit_code == 0, r.stderr
        paths.append(path)
    return paths


# ---------- tests ----------


@pytest.mark.parametrize("name", ("memoir", *THIRD_PARTY))
def test_third_party_fixtures_are_published_completely(fixture_site: Path, name: str) -> None:
    assert assert_complete(FIXTURES / f"{name}.xml", fixture_site / f"{name}.html") > 20


def test_fixtures_are_valid_tei(tei_all) -> None:
    for name in ("memoir", "register", *THIRD_PARTY):
        tree = parse_file(FIXTURES / f"{name}.xml")
        assert tei_all.validate(tree), f"{name}.xml: {tei_all.error_log.last_error}"


def test_edition_texts_are_published_completely(edition_tei: list[Path], tmp_path: Path) -> None:
    register = REPO / "tei" / "register.xml"
    r = run("html", *map(str, edition_tei), "--register", str(register), "--no-search", "-o", str(tmp_path))
    assert r.exit_code == 0, r.stderr
    words = {p.name: assert_complete(p, tmp_path / p.with_suffix(".html").name) for p in edition_tei}
    assert all(n > 5000 for n in words.values()), words
    page = lxml.html.parse(str(tmp_path / "from-bucharest-to-moscow.html")).getroot()
    labels = page.xpath("//ul[contains(@class, 'notes-authorial')]/li/span[contains(@class, 'note-label')]/text()")
    assert labels == [str(n) for n in range(1, 11)]  # the memoir's ten glosses, numbered as in the source
    assert page.xpath("//i[@lang='ru']"), "Russian words carry lang='ru'"


def test_cli_output_and_pages(fixture_site: Path) -> None:
    for name in ("index", "register", "persons", "places", "organisations", "encoding", "corrections", "downloads", "search"):
        assert (fixture_site / f"{name}.html").stat().st_size > 1000
    assert (fixture_site / "tei" / "memoir.xml").read_bytes() == (FIXTURES / "memoir.xml").read_bytes()
    assert (fixture_site / "assets" / "edition.css").exists() and (fixture_site / "assets" / "edition.js").exists()


def test_register_back_links_point_at_mentions(fixture_site: Path) -> None:
    persons = lxml.html.parse(str(fixture_site / "persons.html")).getroot()
    memoir = lxml.html.parse(str(fixture_site / "memoir.html")).getroot()
    entry = persons.get_element_by_id("anna-berg")
    links = entry.xpath(".//ol[@class='mentions']/li/a/@href")
    assert links == ["memoir.html#m2", "memoir.html#m6"]
    for href in links:
        target = memoir.get_element_by_id(href.split("#")[1])
        assert target.get("href") == "persons.html#anna-berg"
    snippet = entry.xpath(".//ol[@class='mentions']/li[1]/span[@class='snippet']")[0]
    assert " ".join(snippet.text_content().split()).startswith("In June Anna Berg told the Party that the druzhba was over.")
    index = lxml.html.parse(str(fixture_site / "register.html")).getroot()
    rows = {r.xpath("string(td[1])"): r.xpath("string(td[4])") for r in index.xpath("//tbody/tr")}
    assert rows["Berg, Anna"] == "2" and rows["Vienna"] == "2" and rows["Nobody Mentioned"] == "0"
    assert rows["Vienna"] == str(len(memoir.xpath("//a[contains(@class, 'ent')][@href='places.html#vienna']")))


def test_corrections_and_encoding_pages(fixture_site: Path) -> None:
    corr = lxml.html.parse(str(fixture_site / "corrections.html")).getroot()
    rows = [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in corr.xpath("//table//tbody/tr")]
    assert ["¶ 1", "Cornrade", "Comrade", "Editors"] in rows and ["¶ 3", "relatlons", "relations", "Editors"] in rows
    assert corr.xpath("//a[@href='memoir.html#c1']")
    enc = " ".join(lxml.html.parse(str(fixture_site / "encoding.html")).getroot().text_content().split())
    assert "Obvious transcription errors are corrected and marked." in enc and "Quotation marks retained: all." in enc


def test_warnings_on_stderr_and_idempotent(tmp_path: Path) -> None:
    args = ("html", str(FIXTURES / "memoir.xml"), str(FIXTURES / "tables.xml"), "--no-search", "-o", str(tmp_path))
    first = run(*args)
    assert first.exit_code == 0
    assert first.stdout.startswith(f"html: 12 pages in {tmp_path} (")
    assert 'target "javascript:alert(1)" of <ref> not emitted as a link' in first.stderr
    assert 'target "data:text/html,evil" of <ref> not emitted as a link' in first.stderr
    assert '<persName ref="#nobody-unknown"> points to no register entry; not linked' in first.stderr
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    second = run(*args)
    assert second.exit_code == 0 and "(0 files changed)" in second.stdout
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_unknown_elements_are_reported_once_with_counts(tmp_path: Path) -> None:
    src = tmp_path / "odd.xml"
    src.write_text(
        (FIXTURES / "verse.xml").read_text(encoding="utf-8").replace("<l n=\"1\">", '<l n="1"><fancy xmlns="urn:x">odd words</fancy> ')
        .replace("<l n=\"2\">", '<l n="2"><fancy xmlns="urn:x">more</fancy> '),
        encoding="utf-8",
    )
    r = run("html", str(src), "--no-search", "-o", str(tmp_path / "out"))
    assert r.exit_code == 0
    assert f"warning: {src}: element <fancy> has no template; rendered as plain text (2×)" in r.stderr.splitlines()
    assert "odd words" in (tmp_path / "out" / "odd.html").read_text(encoding="utf-8")


def test_errors(tmp_path: Path) -> None:
    bad = tmp_path / "notei.xml"
    bad.write_text("<html><body/></html>", encoding="utf-8")
    r = run("html", str(bad), "-o", str(tmp_path / "out"))
    assert r.exit_code == 1 and r.stdout == ""
    assert f"{bad}:1: not a TEI P5 document" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()
    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>', encoding="utf-8")
    r = run("html", str(broken), "-o", str(tmp_path / "out"))
    assert r.exit_code == 1 and "not well-formed" in r.stderr
    r = run("html", str(tmp_path / "missing.xml"))
    assert r.exit_code == 2 and "does not exist" in r.stderr
    r = run("html", "--register", str(FIXTURES / "register.xml"))
    assert r.exit_code == 2 and "only with FILE arguments" in r.stderr


def test_reserved_page_names_are_not_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "index.xml"
    shutil.copy(FIXTURES / "drama.xml", src)
    r = run("html", str(src), "--no-search", "-o", str(tmp_path / "out"))
    assert r.exit_code == 0
    assert (tmp_path / "out" / "index-text.html").exists()
    home = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    assert home.xpath("//a[@href='index-text.html']")


def test_search_index_is_built_and_left_alone_when_nothing_changed(tmp_path: Path) -> None:
    args = ("html", str(FIXTURES / "memoir.xml"), "-o", str(tmp_path))
    assert run(*args).exit_code == 0
    index = {p: p.read_bytes() for p in (tmp_path / "pagefind").rglob("*") if p.is_file()}
    assert (tmp_path / "pagefind" / "pagefind.js") in index
    second = run(*args)
    assert second.exit_code == 0 and "(0 files changed)" in second.stdout
    assert {p: p.read_bytes() for p in (tmp_path / "pagefind").rglob("*") if p.is_file()} == index
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pagefind")]


def test_project_mode_publishes_the_edition_with_its_odd(
    edition_tei: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`edition html` with no FILE: texts.toml's texts, tei/register.xml and tei/schema/edition.odd."""
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    shutil.copytree(REPO / "editorial", tmp_path / "editorial")
    (tmp_path / "tei" / "schema").mkdir(parents=True)
    for path in edition_tei:
        shutil.copy(path, tmp_path / "tei" / path.name)
    shutil.copy(REPO / "tei" / "register.xml", tmp_path / "tei")
    odd = REPO / "tei" / "schema" / "edition.odd"
    if odd.exists():
        shutil.copy(odd, tmp_path / "tei" / "schema")
    monkeypatch.chdir(tmp_path)
    r = run("html", "--no-search")
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "output" / "html"
    assert r.stdout.startswith(f"html: 19 pages in {out} (")  # with the events page and 6 pages of mentions (entries with more than 50)
    home = lxml.html.parse(str(out / "index.html")).getroot()
    assert home.xpath("//h1")[0].text_content() == "The Soviet–Albanian Split: A Digital Critical Edition"
    assert home.xpath("//a[@href='from-bucharest-to-moscow.html']") and home.xpath("//a[@href='soviet-albanian-split.html']")
    page = lxml.html.parse(str(out / "from-bucharest-to-moscow.html")).getroot()
    # texts.toml configures no base URL: no absolute citation address, and the page says so
    assert page.xpath("//article/@data-cite-url") == []
    how = " ".join(page.xpath("string(//p[contains(@class, 'how-to-cite')])").split())
    assert "The edition has no permanent address yet." in how
    for f in out.glob("*.html"):
        assert "example.org" not in f.read_text(encoding="utf-8"), f.name
    # front matter from editorial/front.xml: editors named as such, no program among them; a real
    # introduction; each source described with what is not known; principles with rendered examples
    # no reader's page shows raw XML or a "#id" reference of the TEI (encoding.html documents the
    # markup itself, its schema and rules, and names attributes and values there on purpose)
    for f in sorted(set(out.glob("*.html")) - {out / "encoding.html"}):
        doc = lxml.html.parse(str(f)).getroot()
        for bad in doc.xpath("//script | //style | //template"):
            bad.drop_tree()
        shown = " ".join(doc.text_content().split())
        assert not re.search(r"<(choice|sic|corr|persName|quote|milestone|gap)\b|@resp=|=\"#", shown), f.name
        # nor a bare pointer: a register entry's description is never the editors' tagging note ("… #cpsu")
        assert not re.findall(r"(?<![\w&])#[a-z][\w-]*", shown), f.name
    assert home.xpath("string(//header[@class='title-page']/p[@class='editors'])") == "Edited by The edition’s editorial team"
    assert not [p for p in home.xpath("//p[@class='editors']") if "toolkit" in p.text_content().lower()]
    assert "Meeting of 81 communist and workers’ parties" in home.xpath("string(//section[@id='introduction'])")
    assert "“8 Nëntori” Publishing House" in home.xpath("string(//li[@id='fbm-source'])")
    assert "Not known: The address of the transcription" in " ".join(home.xpath("string(//li[@id='fbm-source'])").split())
    assert "Automatic enrichment" in home.xpath("string(//dl[@class='resp'])")
    enc = lxml.html.parse(str(out / "encoding.html")).getroot()
    example = enc.xpath("//section[@id='principles']//span[contains(@class, 'choice')]")[0]
    assert example.xpath("string(span[@class='rdg-corrected'])") == "Comrade"
    assert example.xpath("string(span[@class='rdg-source'])") == "Cornrade"
    for name, where in (("index.html", "//main"), ("from-bucharest-to-moscow.html", "//main"), ("corrections.html", "//main"),
                        ("encoding.html", "//section[@id='principles'] | //ul[preceding-sibling::h3[1] = 'Revisions']")):
        text = " ".join(" ".join(e.text_content() for e in lxml.html.parse(str(out / name)).getroot().xpath(where)).split())
        assert "<choice" not in text and "#sas-" not in text and "#fbm-" not in text and "#editors" not in text, name
    assert "<" not in " ".join(enc.xpath("//section[@id='principles']//text()")), "raw markup in the principles"
    # the timeline is in the menu and has a list view of the same dates, each linking to its date in the text
    timeline = lxml.html.parse(str(out / "timeline.html")).getroot()
    assert home.xpath("//nav[@class='site-nav']//a[@href='timeline.html']")
    rows = timeline.xpath("//table[@class='dates']/tbody/tr")
    marks = timeline.xpath("//*[local-name()='svg']//*[local-name()='a'][not(@class='label-link')]")
    assert len(rows) == len(marks) > 100
    # each label of the chart leads to the first row of its month in the list, or to its event
    labels = timeline.xpath("//*[local-name()='svg']//*[local-name()='a'][@class='label-link']/@href")
    row_ids = set(timeline.xpath("//table[@class='dates']/tbody/tr/@id"))
    assert len(labels) > 50 and all(h[1:] in row_ids or h.startswith("events.html#") for h in labels)
    assert "events.html#moscow-meeting-1960" in labels
    fbm_ids = set(page.xpath("//@id"))
    assert all(r.xpath("string(.//a/@href)").split("#")[1] in fbm_ids for r in rows if r.xpath("string(td[2])") == "memoir")
    assert [r.xpath("string(td[1])") for r in rows if r.xpath("string(td[4])") == "June 21"][0].startswith("21 June 1960")
    # the register of events (editorial/events.xml): its page, and the paragraphs naming an event link to it
    events = lxml.html.parse(str(out / "events.html")).getroot()
    bucharest = events.get_element_by_id("bucharest-meeting-1960")
    assert bucharest.xpath("string(p[@class='entry-dates'])") == "June 1960, Bucharest"
    assert "from-bucharest-to-moscow.html#fbm-p002" in bucharest.xpath(".//a[@class='backlink']/@href")
    assert page.xpath("//div[@id='fbm-p002']/p[contains(@class, 'para-events')]/a/@href") == ["events.html#bucharest-meeting-1960"]
    assert events.get_element_by_id("moscow-meeting-1960").xpath("string(p[@class='entry-dates'])").startswith("3 November 1960")
    # persons sorted by surname, forms used in the texts cross-referenced to their entry
    persons = lxml.html.parse(str(out / "persons.html")).getroot()
    order = [h.text_content() for h in persons.xpath("//article[contains(@class, 'entry')]/h2")]
    assert order[0] == "Ramiz Alia" and order[-1] == "Zhou Enlai" and order.index("Enver Hoxha") < order.index("Hysni Kapo")
    xrefs = {" ".join(x.text_content().split()): x.xpath("string(a/@href)") for x in persons.xpath("//nav//span[@class='xref']")}
    assert xrefs["Pospyelov see Pospelov, Pyotr"] == "#pyotr-pospelov" and xrefs["Peng Chen see Peng Zhen"] == "#peng-zhen"
    assert len(set(enc.xpath("//@id"))) == len(enc.xpath("//@id")) and len(set(home.xpath("//@id"))) == len(home.xpath("//@id"))
    encoding = " ".join(lxml.html.parse(str(out / "encoding.html")).getroot().text_content().split())
    if odd.exists():
        assert "The schema:" in encoding and "Customised elements" in encoding
    assert (out / "tei" / "register.xml").exists()
    (tmp_path / "tei" / "register.xml").unlink()
    (tmp_path / "tei" / "from-bucharest-to-moscow.xml").unlink()
    r = run("html", "--no-search")
    assert r.exit_code == 1 and "from-bucharest-to-moscow.xml: TEI of text 'fbm' is missing" in r.stderr


def test_tei_corpus_is_one_page_with_unique_ids(fixture_site: Path) -> None:
    page = lxml.html.parse(str(fixture_site / "corpus.html")).getroot()
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert [a.get("id") for a in page.xpath("//article")] == ["text-t1", "text-t2"]
    assert [[li.get("id") for li in ul.xpath("li")] for ul in page.xpath("//ul[contains(@class, 'notes-authorial')]")] == [
        ["t1-note-1"], ["t2-note-1"]]
    assert [r.get("href") for r in page.xpath("//a[contains(@class, 'noteref')]")] == ["#t1-note-1", "#t2-note-1"]


def test_the_site_compiles_one_stylesheet_and_draws_its_timeline_itself(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`edition html` compiles xslt/html/site.xsl alone: the timeline page draws its chart (xslt/timeline/chart.xsl)
    in the site's own transformation, not through timeline.xsl (a second compilation, ≈ 0.05 s of every run)."""
    from edition.publish import html as htmlmod
    from edition.publish import saxon

    asked: list[str] = []
    real_get = saxon.Transformer.get.__func__

    def get(cls: type, stylesheet: Path) -> saxon.Transformer:
        asked.append(Path(stylesheet).name)
        return real_get(cls, stylesheet)

    monkeypatch.setattr(saxon.Transformer, "get", classmethod(get))
    tei = tmp_path / "dated.xml"
    tei.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Dated</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
                   '<text><body><p>They met on <date when="1960-11-10">10 November 1960</date>.</p></body></text></TEI>',
                   encoding="utf-8")
    report = htmlmod.publish_files(load_project(REPO), [tei], tmp_path / "site", search=False)
    assert "timeline.html" in report.pages
    assert set(asked) == {"site.xsl"}
    svg = lxml.html.parse(str(tmp_path / "site" / "timeline.html")).getroot().xpath("//*[local-name() = 'svg']")
    assert len(svg) == 1 and svg[0].xpath(".//*[local-name() = 'a'][contains(@href, 'dated.html#date-1')]")
