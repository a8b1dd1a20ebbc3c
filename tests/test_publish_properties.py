"""Property-based test (hypothesis) of publishing: a well-formed TEI document whose attribute values are
anything at all — numbers that are not numbers, dates that are not dates, pointers to nothing, empty
values, markup characters — publishes as a site (every page: reading page, home, register, timeline …)
and as print HTML, with warnings at most: never a failed transformation, never a traceback, and no word
of its text missing from the reading page or the print HTML.

The documents are the render cases (tests/cases/render/*/input.xml) with some attributes of some elements
set to values drawn from a hostile list; xml:id is left alone (its rules — unique, not reserved — are
refusals or warnings of their own, tested elsewhere).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.config import Project, load_project
from edition.publish import pdf as pdfmod
from edition.publish.html import publish_files
from edition.publish.inputs import assemble
from edition.publish.print_params import print_params
from edition.publish.textloss import missing, source_words, suppressed

REPO = Path(__file__).resolve().parent.parent
CASES = sorted((REPO / "tests" / "cases" / "render").glob("*/input.xml"))
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
VALUES = ["", " ", "x", "-1", "0", "3.5", "1e9", "NaN", "99999", "#", "#nowhere", "#a #b", "file.xml#x",
          "http://example.org/x", "javascript:alert(1)", "1960-13-01", "1961-02-29", "-0044", "1960", "60",
          "a b c", "é", "☃", "&<>\"'", "\u202e", "iv", "12a"]
NAMES = ["n", "when", "from", "to", "notBefore", "notAfter", "rend", "type", "target", "ref", "who", "cols", "rows",
         "quantity", "unit", "place", "resp", "cert", "wit", "source", "corresp", "facs", "url", "width", "height",
         "scale", "level", "break", "hand", "reason", "{http://www.w3.org/XML/1998/namespace}lang", "style",
         "rendition", "sameAs", "next", "prev", "part", "key", "mimeType", "extent", "from", "to", "spanTo"]
SETTINGS = settings(max_examples=5, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


def mutated(case: Path, changes: list[tuple[int, int, int]]) -> bytes:
    """The case's document with each (element, attribute, value) change applied (indices taken modulo)."""
    tree = etree.parse(str(case))
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    for e_i, a_i, v_i in changes:
        el = elements[e_i % len(elements)]
        names = [a for a in el.attrib if a != XML_ID] + NAMES
        el.set(names[a_i % len(names)], VALUES[v_i % len(VALUES)])
    return etree.tostring(tree, encoding="utf-8", xml_declaration=True)


def publish_both(project: Project, data: bytes, xslt_root: Path | None = None) -> dict[str, list[str]]:
    """The site (every page, no search index) and the print HTML of one document; raises on any failure.
    Returns the words of its text that the reading page and the print HTML lack (edition.publish.textloss)."""
    tmp = Path(tempfile.mkdtemp())
    try:
        path = tmp / "doc.xml"
        path.write_bytes(data)
        publish_files(project, [path], tmp / "site", search=False)
        pub = assemble([path], xslt_root=xslt_root)
        root, _ = pdfmod.print_html(pdfmod.corpus([t.tree for t in pub.texts], None, paths=pub.paths),
                                    params=print_params(pub.paths, [t.root for t in pub.texts]),
                                    stylesheet=pub.xslt("print") / "print.xsl")
        page = lxml.html.parse(str(tmp / "site" / "doc.html")).getroot()
        for el in page.xpath("//script | //style"):
            el.getparent().remove(el)
        expected = source_words(pub.texts[0].root, suppressed())
        return {"html": missing(expected, page.text_content()), "print": missing(expected, "".join(root.itertext()))}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


changes = st.lists(st.tuples(st.integers(0, 500), st.integers(0, 80), st.integers(0, 80)), min_size=1, max_size=14)


@pytest.mark.parametrize("case", CASES, ids=[c.parent.name for c in CASES])
@SETTINGS
@given(changes=changes)
def test_any_attribute_values_publish(project: Project, case: Path, changes: list[tuple[int, int, int]]) -> None:
    """… and lose no word of the text on the reading page or in the print HTML."""
    assert publish_both(project, mutated(case, changes)) == {"html": [], "print": []}


def test_the_property_can_fail(project: Project, tmp_path: Path) -> None:
    """With the print stylesheet's old line-number rule (a cast of @n that fails on "iv"), the same harness
    reports the failure: the property would catch such a rule."""
    xslt = tmp_path / "xslt"
    shutil.copytree(REPO / "xslt", xslt)
    families = xslt / "print" / "families.xsl"
    text = families.read_text(encoding="utf-8")
    assert 'test="f:shows-line-number(.)"' in text
    families.write_text(text.replace('test="f:shows-line-number(.)"', 'test="xs:integer(@n) mod 5 eq 0"'),
                        encoding="utf-8")
    data = mutated(REPO / "tests" / "cases" / "render" / "verse" / "input.xml", [])
    data = data.replace(b'n="3"', b'n="iv"')
    publish_both(project, data)  # the edition's stylesheets publish it
    with pytest.raises(Exception, match="transformation by print.xsl failed"):
        publish_both(project, data, xslt_root=xslt)
