"""The compile-once XSLT runner: messages as text, result documents captured, errors as EditionError."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.publish.saxon import Transformer

XSL = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" expand-text="yes">
  <xsl:template match="/">
    <xsl:message>unhandled-element: &lt;sp&gt; &amp; more</xsl:message>
    <xsl:result-document href="side.html"><side/></xsl:result-document>
    <out n="{count(//*)}"/>
  </xsl:template>
</xsl:stylesheet>"""


def test_messages_are_plain_text_and_side_documents_are_captured(tmp_path: Path) -> None:
    xsl = tmp_path / "t.xsl"
    xsl.write_text(XSL, encoding="utf-8")
    t = Transformer.get(xsl)
    assert Transformer.get(xsl) is t  # compiled once per process
    r = t.run(b"<a><b/></a>", base_output=tmp_path / "out" / "index.html")
    assert r.messages == ["unhandled-element: <sp> & more"]
    assert 'n="2"' in r.main
    assert list(r.documents) == [(tmp_path / "out" / "side.html").as_uri().replace("file:///", "file:/")]
    assert not (tmp_path / "out").exists()  # captured, not written


def test_a_dynamic_error_is_an_edition_error(tmp_path: Path) -> None:
    xsl = tmp_path / "e.xsl"
    xsl.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                   '<xsl:template match="/"><xsl:sequence select="error((), \'boom\')"/></xsl:template>'
                   '</xsl:stylesheet>', encoding="utf-8")
    with pytest.raises(EditionError, match="boom"):
        Transformer.get(xsl).run(b"<a/>", source_name="in.xml")
