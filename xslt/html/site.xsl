<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl — entry stylesheet of the whole HTML site, compiled once per process: every page module, the
  page chosen by $entry (text: a reading page from a TEI document; home, register, encoding, corrections:
  a page from the site corpus, with $page as in those modules). The one-page entry stylesheets
  (text.xsl, home.xsl, register.xsl, encoding.xsl, corrections.xsl) make the same pages one kind each.
  Input: a TEI document (entry text) or the site corpus. Modes: those of the included modules.
  Only includes; no templates here.
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
  <xsl:include href="modules/page-home.xsl"/>
  <xsl:include href="../timeline/chart.xsl"/>
  <xsl:include href="modules/page-register.xsl"/>
  <xsl:include href="modules/page-encoding.xsl"/>
  <xsl:include href="modules/page-corrections.xsl"/>
  <xsl:include href="modules/records.xsl"/>
</xsl:stylesheet>
