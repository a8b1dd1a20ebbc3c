<?xml version="1.0" encoding="UTF-8"?>
<!--
  profile.xsl — what a text's profile in its header (teiHeader/profileDesc) tells a reader first, at the head of its
  reading page: a letter's correspondence (correspDesc: one line per action, sent, received, transmitted …, the
  shared labels of xslt/common/coverage.xsl, f:corresp-label, naming who, where and when as the header has them;
  the letters around it, correspContext, as written), where and when the text was made (creation), its summary
  (abstract: a letter edition's regest) and its keywords (textClass/keywords). Correspondence editions (hundreds
  to thousands of letters) make these their first facts; before, the reading page showed none of them.
  Input: TEI P5 (element(TEI) for h:profile). Modes: h:render (the parts, as elsewhere).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- The profile of a text (context: its TEI), as lines and a summary in the text's header. -->
  <xsl:template name="h:profile">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:for-each select="teiHeader/profileDesc/correspDesc">
      <div class="corresp">
        <xsl:for-each select="correspAction">
          <p class="corresp-action"><span class="label">{f:corresp-label(.)}: </span>
            <xsl:call-template name="h:action-parts"/>
          </p>
        </xsl:for-each>
        <xsl:for-each select="correspContext[normalize-space()] | (* except (correspAction | correspContext))[normalize-space()]">
          <p class="{local-name()}"><xsl:apply-templates mode="h:render"/></p>
        </xsl:for-each>
        <xsl:if test="text()[normalize-space()]"><p><xsl:apply-templates select="text()" mode="h:render"/></p></xsl:if>
      </div>
    </xsl:for-each>
    <xsl:for-each select="teiHeader/profileDesc/creation[normalize-space()]">
      <p class="creation"><span class="label">Written: </span><xsl:call-template name="h:action-parts"/></p>
    </xsl:for-each>
    <xsl:for-each select="teiHeader/profileDesc/abstract[normalize-space()]">
      <div class="abstract"><p class="label">Summary</p>
        <xsl:choose>
          <xsl:when test="p | ab | list | lg"><xsl:apply-templates mode="h:render"/></xsl:when>
          <xsl:otherwise><p><xsl:apply-templates mode="h:render"/></p></xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:for-each>
    <xsl:variable name="terms" select="teiHeader/profileDesc/textClass/keywords/(term | list/item)[normalize-space()]"/>
    <xsl:if test="exists($terms)">
      <p class="keywords"><span class="label">Keywords: </span>
        <xsl:for-each select="$terms"><xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates mode="h:render"/></xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The parts of an action or of a creation (persName, orgName, placeName, date …) separated by commas, unless the
       encoder wrote words between them; empty ones (a name given only by its @ref) left out. -->
  <xsl:template name="h:action-parts">
    <xsl:call-template name="h:joined">
      <xsl:with-param name="parts" select="node()[not(self::*) or normalize-space() or self::date[@when]]"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
