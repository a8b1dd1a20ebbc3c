"""No spoofing on the published page, and no half-published site.

* ids: a TEI or register id equal to one of the page's own ids (or made with its prefixes) is
  refused by validate (rule id-reserved) and by `edition html --strict`, and published under another id
  (tei.ID, its pointers following) by `edition html`; the lists in edition.pageids
  cover every id the stylesheets and the script use (checked here against xslt/html);
* bidi: control characters are flagged (rule bidi-control) and shown by code point in messages;
  register names and mentions are isolated on the page (<bdi>, dir="auto");
* links: a target with a backslash ("/\\host/x", which a browser reads as //host/x) is no link;
* publishing: a valid but long language tag does not break Pagefind; a failing step leaves the
  previous site whole.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from lxml import html as lxml_html

from edition.cli import main
from edition.validate import validate

TEI_NS = "http://www.tei-c.org/ns/1.0"
REPO = Path(__file__).resolve().parent.parent
REGISTER = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="register" xml:lang="en"><teiHeader><fileDesc>'
            "<titleStmt><title>R</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p>"
            "</sourceDesc></fileDesc></teiHeader><standOff><listPerson>"
            '<person xml:id="enver-hoxha"><persName type="preferred">{name}</persName></person>'
            "</listPerson></standOff></TEI>\n")


def _text(body: str, lang: str = "en") -> str:
    return (f'<TEI xmlns="{TEI_NS}" xml:id="t" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt><title>T</title>'
            "</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>"
            f"</teiHeader><text><body>{body}</body></text></TEI>\n")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.edition]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _html(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["html", *args], catch_exceptions=False)


# --- ids ---------------------------------------------------------------------------------

@pytest.mark.parametrize("xml_id", ["card-enver-hoxha", "main", "hl-person", "view-diplomatic", "h-enver-hoxha"])
def test_page_ids_are_refused_by_validate_and_renamed_or_refused_by_html(here: Path, xml_id: str) -> None:
    """The edition's own TEI: refused by validate (and so by the build). Other projects' TEI through `edition html`:
    published with the id renamed (tei.ID) and every pointer to it, with a warning; refused with --strict."""
    (here / "t.xml").write_text(_text(f'<p xml:id="{xml_id}">SPOOFED</p><p><persName ref="#enver-hoxha">Enver Hoxha'
                                      f'</persName> <ref target="#{xml_id}">back</ref></p>'))
    (here / "register.xml").write_text(REGISTER.format(name="Enver Hoxha"))
    result = validate([here / "t.xml"], register=here / "register.xml")
    assert [d.rule for d in result.diagnostics if d.rule == "id-reserved"] == ["id-reserved"]
    assert result.status == 1
    strict = _html("--no-search", "--strict", "-o", "out", "--register", "register.xml", "t.xml")
    assert strict.exit_code == 1 and f'xml:id "{xml_id}"' in strict.stderr and "nothing is published" in strict.stderr
    assert not (here / "out" / "t.html").exists()
    run = _html("--no-search", "-o", "out", "--register", "register.xml", "t.xml")
    assert run.exit_code == 0, run.stderr
    assert f't.xml:1: xml:id "{xml_id}"' in run.stderr and f'published as "tei.{xml_id}"' in run.stderr
    page = lxml_html.parse(str(here / "out" / "t.html")).getroot()
    spoofed = page.xpath('//*[normalize-space(.) = "SPOOFED"]')
    assert spoofed and not page.xpath(f'//*[@id = "{xml_id}"][normalize-space(.) = "SPOOFED"]')
    assert page.xpath(f'//*[@id = "tei.{xml_id}"]') and page.xpath(f'//a[@href = "#tei.{xml_id}"][. = "back"]')
    assert len(page.xpath(f'//*[@id = "{xml_id}"]')) <= 1  # the page's own element alone, if it has one here


def test_a_renamed_id_takes_a_free_name_and_its_pointers_across_documents() -> None:
    """rename_reserved: tei.ID, or tei2.ID when the document has that already; pointers in any attribute, of the
    same document (#ID) and of another (FILE#ID), follow; other tokens are left as they are."""
    from edition.pageids import rename_reserved

    a = etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="main"/><p xml:id="tei.main"/>'
        '<ref target="#main #other b.xml#h-1 c.xml#h-1"/><note corresp=" #main "/></TEI>'))
    b = etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="h-1"/><ref target="a.xml#main"/></TEI>'))
    renamed = rename_reserved([(a, "dir/a.xml"), (b, "dir/b.xml")])
    assert [[(r.old, r.new, r.line) for r in rs] for rs in renamed] == [[("main", "tei2.main", 1)], [("h-1", "tei.h-1", 1)]]
    ns = {"t": TEI_NS}
    assert a.xpath("//t:ref/@target", namespaces=ns) == ["#tei2.main #other b.xml#tei.h-1 c.xml#h-1"]
    assert a.xpath("//t:note/@corresp", namespaces=ns) == ["#tei2.main"]
    assert b.xpath("//t:ref/@target", namespaces=ns) == ["a.xml#tei2.main"]
    assert renamed[0][0].warning().startswith('dir/a.xml:1: xml:id "main" is an id of the published page itself; '
                                              'published as "tei2.main"')


def test_page_ids_are_refused_in_the_register(here: Path) -> None:
    (here / "register.xml").write_text(REGISTER.format(name="X").replace('xml:id="enver-hoxha"', 'xml:id="card-x"'))
    result = validate([here / "register.xml"])
    assert "id-reserved" in {d.rule for d in result.diagnostics}


def _page_ids_in_stylesheets() -> tuple[set[str], set[str]]:
    """(literal ids, prefixes of generated ids) in xslt/html and its script."""
    literal, prefixes = set(), set()
    for f in [*REPO.glob("xslt/html/**/*.xsl"), *REPO.glob("xslt/html/assets/*.js")]:
        text = f.read_text(encoding="utf-8")
        for value in re.findall(r'\bid="([^"]*)"', text) + re.findall(r"""getElementById\(["']([^"']+)["']\)""", text):
            if "{" not in value:
                literal.add(value)
            elif not value.startswith("{"):
                prefixes.add(value.split("{", 1)[0])
        for line in text.splitlines():  # <xsl:attribute name="id" select="'card-' || $id"/>, h:card-id …
            if re.search(r'name="id"|-id"|data-card', line):
                prefixes.update(re.findall(r"""'([a-z]+(?:-[a-z]+)*-)'\s*\|\|""", line))
    return literal, prefixes


def test_reserved_lists_cover_every_page_id_of_the_stylesheets() -> None:
    from edition import pageids

    literal, prefixes = _page_ids_in_stylesheets()
    assert literal and prefixes
    assert {i for i in literal if not pageids.reserved(i)} == set()
    assert {p for p in prefixes if not any(p.startswith(q) for q in pageids.PAGE_ID_PREFIXES)} == set()


# --- bidi ----------------------------------------------------------------------------------

def test_bidi_controls_are_flagged_with_their_code_point(here: Path) -> None:
    (here / "t.xml").write_text(_text('<p xml:id="t-p1" rend="a\u2067b">Plain \u202ereversed</p>'))
    result = validate([here / "t.xml"])
    bidi = [d for d in result.diagnostics if d.rule == "bidi-control"]
    assert {d.severity for d in bidi} == {"warning"} and len(bidi) == 2
    assert any("U+202E" in d.message for d in bidi) and any("U+2067" in d.message for d in bidi)


def test_messages_never_print_a_bidi_control_raw(here: Path) -> None:
    (here / "t.xml").write_text(_text('<p xml:id="t-p1" rend="\u202eevil">x</p><p foo="\u202e1">y</p>'))
    run = CliRunner().invoke(main, ["validate", "t.xml"], catch_exceptions=False)
    assert "\u202e" not in run.stderr + run.stdout
    assert "<U+202E>" in run.stderr or "U+202E" in run.stderr


def test_register_names_are_isolated_on_the_page(here: Path) -> None:
    (here / "register.xml").write_text(REGISTER.format(name="Enver \u202eahxoH"))
    (here / "t.xml").write_text(_text('<p xml:id="t-p1">Before <persName ref="#enver-hoxha">Enver Hoxha</persName> '
                                      "after, the rest of the paragraph.</p>"))
    run = _html("--no-search", "-o", "out", "--register", "register.xml", "t.xml")
    assert run.exit_code == 0, run.stderr
    page = lxml_html.parse(str(here / "out" / "t.html")).getroot()
    mention = page.xpath('//*[contains(@class, "ent ")]')[0]
    assert mention.get("dir") == "auto"
    card_name = page.xpath('//*[@id="card-enver-hoxha"]//p[@class="card-name"]')[0]
    assert [el.tag for el in card_name] == ["bdi"] and "\u202e" in card_name[0].text_content()
    persons = lxml_html.parse(str(here / "out" / "persons.html")).getroot()
    assert persons.xpath('//h2[@id="h-enver-hoxha"]/bdi')


# --- links ----------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["/\\evil.example/x", "\\\\evil.example/x", "https:/\\evil.example", "a\\b.html"])
def test_backslash_targets_are_not_links(here: Path, target: str) -> None:
    (here / "t.xml").write_text(_text(f'<p xml:id="t-p1"><ref target="{target}">click</ref></p>'))
    run = _html("--no-search", "-o", "out", "t.xml")
    assert run.exit_code == 0, run.stderr
    page = lxml_html.parse(str(here / "out" / "t.html")).getroot()
    assert not [a for a in page.iter("a") if "\\" in (a.get("href") or "") or "evil" in (a.get("href") or "")]
    assert "not emitted as a link" in run.stderr


# --- publishing ------------------------------------------------------------------------------

def test_a_long_valid_language_tag_publishes_with_search(here: Path) -> None:
    tag = "en-GB-x-aaaaaaaa-bbbbbbbb-cccccccc-d"
    (here / "t.xml").write_text(_text('<p xml:id="t-p1">Searchable words.</p>', lang=tag))
    assert not [d for d in validate([here / "t.xml"]).diagnostics if d.rule == "lang-bcp47"]
    run = _html("-o", "out", "t.xml")
    assert run.exit_code == 0, run.stderr
    assert (here / "out" / "pagefind" / "pagefind.js").exists()
    root = lxml_html.parse(str(here / "out" / "t.html")).getroot()
    assert root.get("lang") == "en-GB"


def test_a_failing_step_leaves_the_previous_site_whole(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition.errors import EditionError
    from edition.publish import html as html_mod

    (here / "t.xml").write_text(_text('<p xml:id="t-p1">First version.</p>'))
    assert _html("--no-search", "-o", "out", "t.xml").exit_code == 0
    before = {p.relative_to(here / "out"): p.read_bytes() for p in (here / "out").rglob("*") if p.is_file()}

    def pagefind_fails(out_dir: Path, *passages: object) -> None:
        raise EditionError(f"{out_dir}: pagefind failed: byte index 44 is out of bounds")

    real = html_mod.run_pagefind
    monkeypatch.setattr(html_mod, "run_pagefind", pagefind_fails)
    (here / "t.xml").write_text(_text('<p xml:id="t-p1">Second version.</p>'))
    run = _html("-o", "out", "t.xml")
    assert run.exit_code == 1 and "pagefind failed" in run.stderr
    after = {p.relative_to(here / "out"): p.read_bytes() for p in (here / "out").rglob("*") if p.is_file()}
    assert after == before  # the old site, whole: not half old, half new
    assert [p.name for p in here.iterdir() if p.name.startswith((".out.staging", ".out.old"))] == []  # none left
    monkeypatch.setattr(html_mod, "run_pagefind", real)
    assert _html("--no-search", "-o", "out", "t.xml").exit_code == 0
    assert b"Second version." in (here / "out" / "t.html").read_bytes()


def test_stale_staging_of_a_killed_run_is_removed(here: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    stale = here / f".out.staging-{proc.pid}"
    (stale / "x").mkdir(parents=True)
    (here / "t.xml").write_text(_text('<p xml:id="t-p1">Text.</p>'))
    assert _html("--no-search", "-o", "out", "t.xml").exit_code == 0
    assert not stale.exists()
    assert etree.parse(str(here / "t.xml")) is not None
