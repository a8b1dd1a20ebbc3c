"""String functions of the model written without regular expressions (Saxon's cost ≈ 50 µs on 90 characters)
give what their regular-expression definitions give: f:shorten (xslt/common/functions.xsl) and the register's
snippets around a mention (xslt/html/modules/records.xsl), over generated strings of spaces, tabs, line ends,
no-break spaces and letters."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from edition.publish.saxon import Transformer, processor

REPO = Path(__file__).resolve().parent.parent
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
PIECES = ["a", "bc", " ", "  ", "\t", "\n", "\r", "\u00a0", "é", "Ω", "x y", "\u2003", "—"]


def strings(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(PIECES) for _ in range(rnd.randrange(0, 40))) for _ in range(n)]


def shorten(s: str, n: int) -> str:
    r"""f:shorten as it was defined (XPath's $ is Python's \Z): cut at $max, less the last white-space run and what
    follows, with "…"."""
    return s if len(s) <= n else re.sub(r"[ \t\n\r]+[^ \t\n\r]*\Z", "", s[:n]) + "…"


@pytest.fixture(scope="module")
def caller(tmp_path_factory: pytest.TempPathFactory) -> Transformer:
    """A stylesheet importing the common model (xslt/common/) that applies f:shorten to each (string, max) it is given."""
    path = tmp_path_factory.mktemp("xsl") / "call.xsl"
    path.write_text(
        f'<xsl:stylesheet version="3.0" xmlns:xsl="{XSL_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:f="urn:x-edition:functions" exclude-result-prefixes="#all">'
        + "".join(f'<xsl:import href="{m.as_uri()}"/>' for m in sorted((REPO / "xslt" / "common").glob("*.xsl"))) +
        '<xsl:output method="xml"/>'
        '<xsl:template match="/"><out><xsl:for-each select="/cases/c">'
        '<r><xsl:value-of select="f:shorten(string(.), xs:integer(@max))"/></r>'
        '</xsl:for-each></out></xsl:template></xsl:stylesheet>', encoding="utf-8")
    return Transformer.get(path)


def test_shorten_equals_its_regular_expression_definition(caller: Transformer) -> None:
    from lxml import etree

    cases = [(s, m) for s in strings(600, 7) for m in (0, 1, 3, 9, 20)]
    root = etree.Element("cases")
    for s, m in cases:
        etree.SubElement(root, "c", max=str(m)).text = s
    # the strings travel as XML: line ends are normalised by the parser unless escaped, so write them as references
    text = etree.tostring(root, encoding="unicode").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")
    processor()
    out = etree.fromstring(caller.run(text.encode("utf-8")).main.encode("utf-8"))
    got = [r.text or "" for r in out]
    want = [shorten(s, m) for s, m in cases]
    bad = [(s, m, g, w) for (s, m), g, w in zip(cases, got, want) if g != w]
    assert len(got) == len(cases)
    assert not bad, f"{len(bad)} differ, e.g. {bad[:3]!r}"
    assert any(w.endswith("…") and len(w) < m for (s, m), w in zip(cases, want))  # the cut is exercised


WORDS = ["Tirana", "the", "Party", "said", "druzhba", "—", "é", "x", "Moscow,", "1960."]
SPACES = [" ", "  ", "\t", "\n", "\r\n", " \n  "]
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _text(rnd: random.Random, n: int) -> str:
    return rnd.choice(["", " ", "\n"]) + "".join(rnd.choice(WORDS) + rnd.choice(SPACES) for _ in range(n))


def _snippet_oracle(before: str, after: str) -> tuple[str, str]:
    """The register's snippet around a mention as records.xsl defined it with regular expressions: the last 90
    characters of the reading before it (less the word they begin inside) and the first 90 after it."""
    s = " ".join(before.split())
    cut = ("…" + re.sub(r"^[^ \t\n\r]*[ \t\n\r]", "", s[-90:], count=1)) if len(s) > 90 else s
    b = cut + (" " if s and re.search(r"[ \t\n\r]\Z", before) else "")
    t = " ".join(after.split())
    return b, (" " if t and re.match(r"[ \t\n\r]", after) else "") + shorten(t, 90)


def test_mention_snippets_equal_their_regular_expression_definition(tmp_path: Path) -> None:
    """Paragraphs of random words and white space (tabs, line ends) with a note and a correction: each mention's
    snippet in the register's records is what the regular-expression definition gives over its reading."""
    from lxml import etree

    from edition.publish import records
    from edition.publish.html import _corpus, _site_texts, common_params
    from edition.publish.inputs import assemble

    rnd = random.Random(11)
    paras, want = [], []
    for i in range(40):
        pieces = [_text(rnd, rnd.randrange(0, 30)) for _ in range(4)]
        note = _text(rnd, 3)
        # reading: p0 NAME1 p1 [note, not read] p2 NAME2 p3 (sic not read, corr read)
        paras.append(f"<p>{pieces[0]}<persName ref='#a'>Anna</persName>{pieces[1]}<note>{note}</note>{pieces[2]}"
                     f"<placeName ref='#b'>Berat</placeName>{pieces[3]}<choice><sic>Tirnaa</sic><corr>Tirana</corr>"
                     "</choice> end</p>")
        tail = pieces[3] + "Tirana end"
        want.append(_snippet_oracle(pieces[0], "" + pieces[1] + pieces[2] + "Berat" + tail))
        want.append(_snippet_oracle(pieces[0] + "Anna" + pieces[1] + pieces[2], tail))
    body = "".join(paras).replace("\r", "&#13;")
    doc = tmp_path / "snip.xml"
    doc.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>S</title></titleStmt>'
                   "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
                   f"<text><body><div>{body}</div></body></text></TEI>", encoding="utf-8")
    pub = assemble([doc])
    texts = _site_texts(pub.texts, "")
    site_xsl = Transformer.get(REPO / "xslt" / "html" / "site.xsl")
    common = common_params({}, "", 1, search=True, timeline_page=False)
    items = records.parse_items(records.text_records(site_xsl, common, _corpus(texts, None, ""), "snip.xml"))
    got = []
    for kind, _ref, xml in items:
        if kind != "m":
            continue
        span = etree.fromstring(f"<li>{xml}</li>").find(".//span[@class='snippet']")
        mark = span.find("mark")
        got.append((span.text or "", mark.tail or ""))
    assert len(got) == len(want) == 80
    bad = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert not bad, f"{len(bad)} differ, e.g. {bad[:2]!r}"
    assert any(b.startswith("…") for b, _ in want) and any(a.endswith("…") for _, a in want)
