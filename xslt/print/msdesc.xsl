<?xml version="1.0" encoding="UTF-8"?>
<!--
  msdesc.xsl — manuscript descriptions (TEI msdescription module) in the print book, as the reading page sets them
  out (xslt/html/modules/msdesc.xsl): the identifier as one line, the contents, physical description, history and
  additional information each under a run-in heading, the parts (msPart) and fragments (msFrag) nested, incipits,
  explicits, rubrics and colophons labelled. Headings and labels are the shared data of xslt/common/coverage.xsl
  ($f:ms-headings, $f:ms-labels, f:ms-heading); the rest of the module falls to the plain rules of the TEI
  families (frame.xsl), so no word is lost. A text's header descriptions are printed in the introduction
  (book.xsl, pf:introduction); one in the running text where it stands. Inside a footnote (tunnel parameter
  in-note) the blocks are spans (families.xsl, pf:block).
  Input: TEI P5 elements of the msdescription module. Modes: print.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:pf="urn:x-edition:print"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- A section or block of a description: a block opening with its heading, run in (depth 1 in small capitals,
       deeper ones in italics: print.css). -->
  <xsl:template match="msDesc//*[f:is-ms-section(.)]" mode="print" priority="1">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*">
        <span class="ms-heading ms-depth-{min((3, f:ms-depth(.)))}">{f:ms-heading(.)}. </span>
        <xsl:apply-templates mode="print"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The identifier of a manuscript, a part or a fragment: one line, its fields separated by commas, unless the
       encoder wrote words between them. -->
  <xsl:template match="msDesc/msIdentifier | msPart/msIdentifier | msFrag/msIdentifier" mode="print" priority="1">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="element" select="'p'"/>
      <xsl:with-param name="content" as="item()*">
        <xsl:call-template name="pf:joined"><xsl:with-param name="wrap" select="true()"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A work (msItem): its parts in order, apart by a space; the incipit, explicit, rubric and the like labelled. -->
  <xsl:template match="msItem | msItemStruct" mode="print" priority="1">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*">
        <xsl:call-template name="pf:joined"><xsl:with-param name="sep" select="' '"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="msItem/*[map:contains($f:ms-labels, local-name())] | msItemStruct/*[map:contains($f:ms-labels, local-name())]"
                mode="print" priority="0.6">
    <span class="ms-label">{$f:ms-labels(local-name())}: </span><xsl:next-match/>
  </xsl:template>
</xsl:stylesheet>
