<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl — entry stylesheet: the reading page of one TEI document (or teiCorpus).
  Input: see modules/page-text.xsl. Modes: those of the included modules. Only includes; no templates here.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">
  <xsl:include href="../common/params.xsl"/>
  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/numbering.xsl"/>
  <xsl:include href="../common/pointers.xsl"/>
  <xsl:include href="../common/coverage.xsl"/>
  <xsl:include href="modules/frame.xsl"/>
  <xsl:include href="modules/structure.xsl"/>
  <xsl:include href="modules/names.xsl"/>
  <xsl:include href="modules/notes.xsl"/>
  <xsl:include href="modules/links.xsl"/>
  <xsl:include href="modules/events.xsl"/>
  <xsl:include href="modules/front.xsl"/>
  <xsl:include href="modules/page-text.xsl"/>
  <xsl:include href="modules/msdesc.xsl"/>
  <xsl:include href="modules/profile.xsl"/>
</xsl:stylesheet>
