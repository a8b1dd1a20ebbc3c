<?xml version="1.0" encoding="UTF-8"?>
<!--
  msdesc.xsl — manuscript descriptions (TEI msdescription module) on the reading page: the msDesc of a text's
  header (teiHeader/fileDesc/sourceDesc, also inside a listBibl there), which catalogue records and EpiDoc
  inscriptions make their main content, shown in a section "Manuscript description" before the text; and the
  parts of any msDesc (also one in the text) set out as a reader of a catalogue expects: the identifier as one
  line, the contents, physical description, history and additional information each under a heading, the parts
  (msPart) and fragments (msFrag) nested, incipits, explicits, rubrics and colophons labelled. The headings and
  labels are data shared with print (xslt/common/coverage.xsl: $f:ms-headings, $f:ms-labels); everything else of the module falls to the plain rules of the TEI
  families (xslt/common/coverage.xsl), so no word is lost.
  Input: TEI P5 (element(TEI) for h:ms-descriptions). Modes: h:render (rules for the module's elements).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- The header's manuscript descriptions of a text (context: its TEI), in a section before the text. -->
  <xsl:template name="h:ms-descriptions">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:variable name="descs" as="element(msDesc)*" select="f:header-ms-descs(.)"/>
    <xsl:if test="exists($descs)">
      <xsl:variable name="h-id" select="'h-msdesc-' || (@xml:id, 't' || f:tei-number(.))[1]"/>
      <xsl:variable name="heading" select="if (count($descs) gt 1) then 'Manuscript descriptions' else 'Manuscript description'"/>
      <!-- one passage of the search index (publish/search.py: data-passage), as a paragraph of the text is -->
      <section class="ms-descriptions" id="{$h-id}-s" aria-labelledby="{$h-id}" data-passage="{$heading}">
        <h2 id="{$h-id}">{$heading}</h2>
        <xsl:for-each select="$descs">
          <div><xsl:sequence select="h:attrs(., true())"/><xsl:apply-templates mode="h:render"/></div>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A section or block of a description with its heading (xslt/common/coverage.xsl: f:ms-heading), one level
       deeper than the section around it (the description's own heading is an h2). -->
  <xsl:template match="msDesc//*[f:is-ms-section(.)]" mode="h:render" priority="1">
    <section><xsl:sequence select="h:attrs(., true())"/>
      <xsl:element name="h{min((6, 2 + f:ms-depth(.)))}">
        <xsl:attribute name="class" select="'ms-heading'"/>
        <xsl:value-of select="f:ms-heading(.)"/>
      </xsl:element>
      <xsl:apply-templates mode="h:render"/>
    </section>
  </xsl:template>

  <!-- The identifier of a manuscript, a part or a fragment: one line, its fields (settlement, repository, idno,
       altIdentifier …) separated by commas, unless the encoder wrote words between them. -->
  <xsl:template match="msDesc/msIdentifier | msPart/msIdentifier | msFrag/msIdentifier" mode="h:render" priority="1">
    <p><xsl:sequence select="h:attrs(., true())"/><xsl:call-template name="h:joined"><xsl:with-param name="wrap" select="true()"/></xsl:call-template></p>
  </xsl:template>

  <!-- A work in a description (msItem): its parts in order, apart by a space, the incipit, explicit, rubric and
       the like labelled. -->
  <xsl:template match="msItem | msItemStruct" mode="h:render" priority="1">
    <div><xsl:sequence select="h:attrs(., true())"/><xsl:call-template name="h:joined"><xsl:with-param name="sep" select="' '"/></xsl:call-template></div>
  </xsl:template>
  <xsl:template match="msItem/*[map:contains($f:ms-labels, local-name())] | msItemStruct/*[map:contains($f:ms-labels, local-name())]"
                mode="h:render" priority="0.6">
    <span class="ms-label">{$f:ms-labels(local-name())}: </span><xsl:next-match/>
  </xsl:template>

</xsl:stylesheet>
