<?xml version="1.0" encoding="UTF-8"?>
<!--
  corresp.xsl — a letter's correspondence description (teiHeader/profileDesc/correspDesc) at the head of its reading
  page: one line per action (sent, received, transmitted …: the shared labels of xslt/common/coverage.xsl,
  f:corresp-label), naming who, where and when as the header has them; the letters before and after it
  (correspContext) as the header gives them. Correspondence editions (hundreds to thousands of letters) make
  these their first facts; before, the reading page did not show them.
  Input: TEI P5 (element(TEI) for h:correspondence). Modes: h:render (the parts of an action, as elsewhere).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- The correspondence description of a text (context: its TEI), as lines of the text's header. -->
  <xsl:template name="h:correspondence">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:for-each select="teiHeader/profileDesc/correspDesc">
      <div class="corresp">
        <xsl:for-each select="correspAction">
          <p class="corresp-action"><span class="label">{f:corresp-label(.)}: </span>
            <xsl:call-template name="h:corresp-parts"/>
          </p>
        </xsl:for-each>
        <xsl:for-each select="correspContext[normalize-space()] | (* except (correspAction | correspContext))[normalize-space()]">
          <p class="{local-name()}"><xsl:apply-templates mode="h:render"/></p>
        </xsl:for-each>
        <xsl:if test="text()[normalize-space()]"><p><xsl:apply-templates select="text()" mode="h:render"/></p></xsl:if>
      </div>
    </xsl:for-each>
  </xsl:template>

  <!-- The parts of an action (persName, orgName, placeName, date …) separated by commas, unless the encoder wrote
       words between them. -->
  <xsl:template name="h:corresp-parts">
    <xsl:choose>
      <xsl:when test="text()[normalize-space()]"><xsl:apply-templates mode="h:render"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*[normalize-space() or self::date[@when]]">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:apply-templates select="." mode="h:render"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
