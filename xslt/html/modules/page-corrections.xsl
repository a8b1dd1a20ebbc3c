<?xml version="1.0" encoding="UTF-8"?>
<!--
  page-corrections.xsl — the list of all editorial interventions (choice: sic/corr, orig/reg, abbr/expan)
  in every text, each linked to its place in the reading page.
  Input: the site corpus wrapper (site:corpus); the rows from $records (modules/records.xsl). Modes: #default.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xmlns:site="urn:x-edition:site"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:template match="/site:corpus[$entry = ('', 'corrections')]">
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Corrections'"/>
      <xsl:with-param name="kind" select="'corrections'"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="content" as="node()*">
        <h1>List of corrections</h1>
        <p class="lead">Every intervention of the editors in the transmitted text. The reading pages show the
          corrected text by default; the diplomatic view shows the text as transmitted.</p>
        <xsl:variable name="recs" as="document-node()" select="($records, h:gather-records(.))[1]"/>
        <xsl:for-each select="site:text">
          <xsl:variable name="choices" select="$recs/site:records/site:rows[@file = current()/@file]/site:c"/>
          <section aria-labelledby="corr-{@id}">
            <h2 id="corr-{@id}">{f:title((TEI | teiCorpus)[1])} ({count($choices)})</h2>
            <xsl:choose>
              <xsl:when test="empty($choices)"><p>No corrections.</p></xsl:when>
              <xsl:otherwise>
                <table class="corrections">
                  <caption class="vh">Corrections in {f:title((TEI | teiCorpus)[1])}</caption>
                  <thead><tr><th scope="col">Place</th><th scope="col">Transmitted</th><th scope="col">Edited</th><th scope="col">Responsibility</th></tr></thead>
                  <tbody><xsl:copy-of select="$choices/node()" copy-namespaces="no"/></tbody>
                </table>
              </xsl:otherwise>
            </xsl:choose>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
