<?xml version="1.0" encoding="UTF-8"?>
<!--
  timeline.xsl — entry stylesheet of the SVG timeline on its own (the print book's plate; or by hand):
  the edition model (xslt/common/) and the chart (chart.xsl, which documents the input, the output and
  the parameters). The HTML site draws the same chart inside its own transformation (site.xsl includes
  chart.xsl). Only imports/includes, the output and the initial rule.
  Input: the site corpus, or a TEI document (with $texts). Modes: #default (the document node → the chart),
  and those of chart.xsl. Run: saxon -s:soviet-albanian-split.xml -xsl:timeline.xsl
  texts=from-bucharest-to-moscow.xml   (or edition.publish.saxon from Python).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tl="urn:x-edition:timeline"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- the edition model: the same date numbers (f:date-id) as the reading pages -->
  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>
  <xsl:import href="../common/numbering.xsl"/>
  <xsl:import href="../common/coverage.xsl"/>
  <xsl:include href="chart.xsl"/>

  <xsl:output method="xml" indent="yes" encoding="UTF-8" suppress-indentation="Q{http://www.w3.org/2000/svg}text"/>

  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:template match="/"><xsl:call-template name="tl:chart"/></xsl:template>
</xsl:stylesheet>
