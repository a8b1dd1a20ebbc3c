<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl — entry stylesheet of the print edition (TEI P5 → print HTML for WeasyPrint).

  Input: the site corpus (edition.publish.inputs.site_corpus, the input shape the HTML site shares:
  site:corpus with site:text around each of the edition's TEI documents, site:register around the register,
  a TEI document holding listPerson/listPlace/listOrg in standOff); or one TEI document or teiCorpus.
  Output: one XHTML document laid out by xslt/print/print.css (CSS paged media).
  Modes: see the modules. This file only imports them: first the edition model shared with the HTML and
  timeline stylesheets (xslt/common/), then the print rendering.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- the edition model shared with the HTML and timeline stylesheets (lowest precedence: its rules are
       the f:plain and f:safe-copy modes only) -->
  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>
  <xsl:import href="../common/numbering.xsl"/>
  <xsl:import href="../common/pointers.xsl"/>
  <xsl:import href="../common/coverage.xsl"/>
  <!-- the print rendering -->
  <xsl:import href="frame.xsl"/>
  <xsl:import href="book.xsl"/>
  <xsl:import href="index.xsl"/>
  <xsl:import href="names.xsl"/>
  <xsl:import href="notes.xsl"/>
  <xsl:import href="structure.xsl"/>
  <xsl:import href="links.xsl"/>
  <xsl:import href="transcr.xsl"/>
  <xsl:import href="families.xsl"/>
  <xsl:import href="msdesc.xsl"/>


</xsl:stylesheet>
