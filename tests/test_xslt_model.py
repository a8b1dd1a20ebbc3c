"""The edition model is defined once: every XSLT function, key and accumulator has one definition across
xslt/ (by local name, whatever its prefix: pf:is-numbered-para beside f:is-numbered-para is the drift
this prevents), and the print and timeline stylesheets build on xslt/common/ as the HTML ones do."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from lxml import etree

XSL = "http://www.w3.org/1999/XSL/Transform"
ROOT = Path(__file__).resolve().parent.parent / "xslt"
KINDS = ("function", "key", "accumulator")


def definitions(root: Path = ROOT) -> dict[tuple[str, str], list[str]]:
    """(kind, local name) → the stylesheets defining it."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.xsl")):
        tree = etree.parse(str(path))
        for kind in KINDS:
            for el in tree.iterfind(f"{{{XSL}}}{kind}"):
                name = el.get("name", "")
                found[(kind, name.split(":")[-1])].append(f"{path.relative_to(root)} ({name})")
    return found


def duplicates(root: Path = ROOT) -> dict[tuple[str, str], list[str]]:
    return {k: v for k, v in definitions(root).items() if len(v) > 1}


def test_each_function_key_and_accumulator_is_defined_once() -> None:
    dups = duplicates()
    assert not dups, "defined more than once:\n" + "\n".join(f"{k[0]} {k[1]}: {', '.join(v)}" for k, v in dups.items())


def test_the_check_finds_a_definition_repeated_under_another_prefix(tmp_path: Path) -> None:
    sheet = ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:a="urn:a" '
             'xmlns:b="urn:b"><xsl:function name="{0}:n"><xsl:sequence select="1"/></xsl:function>'
             '<xsl:key name="{0}:id" match="*" use="@id"/></xsl:stylesheet>')
    (tmp_path / "one.xsl").write_text(sheet.format("a"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.xsl").write_text(sheet.format("b"))
    assert set(duplicates(tmp_path)) == {("function", "n"), ("key", "id")}


def _imports(entry: Path) -> set[Path]:
    """Every stylesheet an entry stylesheet includes or imports, transitively."""
    seen: set[Path] = set()
    todo = [entry.resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        tree = etree.parse(str(path))
        for el in tree.iterfind(f"{{{XSL}}}*"):
            if etree.QName(el).localname in ("import", "include"):
                todo.append((path.parent / el.get("href")).resolve())
    return seen


def test_every_output_builds_on_the_common_model() -> None:
    common = {(ROOT / "common" / n).resolve() for n in ("params.xsl", "functions.xsl", "numbering.xsl")}
    entries = [ROOT / "print" / "print.xsl", ROOT / "timeline" / "timeline.xsl",
               *[ROOT / "html" / f"{n}.xsl" for n in ("text", "home", "register", "encoding", "corrections")]]
    for entry in entries:
        assert common <= _imports(entry), f"{entry.relative_to(ROOT)} does not use xslt/common/"
    assert (ROOT / "common" / "pointers.xsl").resolve() in _imports(ROOT / "print" / "print.xsl")


def test_the_suppression_rules_name_exactly_the_suppressions_table() -> None:
    """Both renderings spell out the table's names in the match of the rule that reports them."""
    table = {e.get("name") for e in etree.parse(str(ROOT / "common" / "suppressed.xml")).getroot() if isinstance(e.tag, str)}
    for sheet in (ROOT / "html" / "modules" / "structure.xsl", ROOT / "print" / "families.xsl"):
        rules = [t for t in etree.parse(str(sheet)).iterfind(f"{{{XSL}}}template")
                 if t.find(f"{{{XSL}}}call-template[@name='f:report-suppressed']") is not None]
        assert len(rules) == 1, sheet
        assert {n.strip() for n in rules[0].get("match").split("|")} == table, sheet


def test_html_and_print_take_one_input_shape(tmp_path: Path) -> None:
    """The site corpus (edition.publish.inputs.site_corpus) is the input of both: the same wrapper around the
    same texts, with the same file names, ids and labels; a labelled file the print book does not hold is
    named by a site:label, which the HTML pages (whose site holds every text) do not need."""
    from edition.publish import pdf
    from edition.publish.html import _corpus, _site_texts
    from edition.publish.inputs import SITE_NS, assemble

    fixtures = ROOT.parent / "tests" / "fixtures" / "html"
    paths = [fixtures / "memoir.xml", fixtures / "drama.xml"]
    labels = {"memoir.xml": "memoir", "elsewhere.xml": "a letter"}
    pub = assemble(paths, register=fixtures / "register.xml", labels=labels)
    site = etree.fromstring(_corpus(_site_texts(pub.texts, ""), pub.register.tree, "tei/register.xml").encode())
    book = etree.fromstring(pdf.corpus([t.tree for t in pub.texts], pub.register.tree, paths=pub.paths,
                                       labels=labels).encode())
    ns = {"site": SITE_NS}
    for corpus in (site, book):
        assert corpus.tag == f"{{{SITE_NS}}}corpus"
        texts = corpus.findall("site:text", ns)
        assert [t.get("file") for t in texts] == ["memoir.xml", "drama.xml"]
        assert [t.get("label") for t in texts] == ["memoir", None]
        assert [etree.QName(t[0]).localname for t in texts] == ["TEI", "TEI"]
        assert len(corpus.findall("site:register/*", ns)) == 1
    assert [t.get("id") for t in site.findall("site:text", ns)] == [t.get("id") for t in book.findall("site:text", ns)]
    assert [(e.get("file"), e.get("label")) for e in book.findall("site:label", ns)] == [("elsewhere.xml", "a letter")]
    params = etree.parse(str(ROOT / "common" / "params.xsl")).getroot()
    assert not params.xpath("//xsl:param[@name = 'texts-info']", namespaces={"xsl": XSL})  # no second description
