<?xml version="1.0" encoding="UTF-8"?>
<!--
  transcr.xsl — transcription in the print book: breaks (lb, pb, cb; inside a word, break="no", the word is
  printed whole), deletions (struck through, not dropped), additions and substitutions, gaps with their
  description, spaces, damage, unclear and supplied text, surplus, characters of the charDecl (g), and
  choices other than corrections (abbreviation and expansion both printed: "expansion (abbreviation)";
  every other alternative after the preferred reading, in brackets). Corrections and regularisations (sic/corr, orig/reg)
  are the apparatus of notes.xsl.
  Input: TEI transcription elements. Modes: print, app (the transmitted reading in the apparatus).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:pf="urn:x-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- A line break: a new line in verse or where marked hard; a word space in prose; nothing inside a word. -->
  <xsl:template match="lb" mode="print">
    <xsl:choose>
      <xsl:when test="f:joins-word(.)"/>
      <xsl:when test="ancestor::l or ancestor::lg or @type = 'hard'"><br/></xsl:when>
      <xsl:otherwise>{' '}</xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates mode="print"/>
  </xsl:template>

  <xsl:template match="lb" mode="app">
    <xsl:if test="not(f:joins-word(.))">{' '}</xsl:if>
    <xsl:apply-templates mode="app"/>
  </xsl:template>

  <!-- A page or column break of the source: "|" with its number between words; inside a word only an anchor
       (the word is printed whole). -->
  <xsl:template match="pb | cb" mode="print">
    <xsl:choose>
      <xsl:when test="f:joins-word(.)"><span class="pb" title="{local-name()} {@n} (in a word)"/></xsl:when>
      <xsl:when test="@n"><span class="pb" title="{local-name()} {@n}"> |{@n} </span></xsl:when>
      <xsl:otherwise>{' '}</xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates mode="print"/>
  </xsl:template>

  <xsl:template match="del" mode="print app">
    <del class="del"><xsl:apply-templates mode="#current"/></del>
  </xsl:template>

  <xsl:template match="add | subst | unclear | supplied | surplus | damage | restore | retrace | mod | secl" mode="print">
    <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>
  </xsl:template>

  <xsl:template match="addSpan | delSpan | damageSpan" mode="print"/>

  <xsl:template match="gap" mode="print app">
    <span class="gap">[…<xsl:for-each select="* | text()[normalize-space()]"><xsl:text> </xsl:text><xsl:apply-templates select="if (self::text()) then . else node()" mode="#current"/></xsl:for-each>]</span>
  </xsl:template>

  <xsl:template match="space" mode="print">{' '}<xsl:apply-templates mode="print"/></xsl:template>

  <xsl:template match="g" mode="print app">
    <span class="g">{f:glyph(.)}</span>
  </xsl:template>

  <!-- A choice that is not a correction or regularisation of the apparatus: the preferred reading
       (corr, reg, expan, else the first), then the others — abbreviations in parentheses ("Reverend
       (Rev.)"), other alternatives in brackets ("Whitefield [Whitfeld]"). -->
  <xsl:template match="choice[not(f:is-apparatus(.))]" mode="print" priority="1">
    <xsl:variable name="reading" as="element()?" select="(corr, reg, expan, *)[1]"/>
    <xsl:variable name="others" as="element()*" select="* except $reading"/>
    <span class="{local-name($reading)}"><xsl:apply-templates select="$reading/node()" mode="print"/></span>
    <xsl:if test="$others[self::abbr]">
      <span class="abbr-src"> (<xsl:for-each select="$others[self::abbr]">{if (position() gt 1) then '; ' else ''}<xsl:apply-templates mode="print"/></xsl:for-each>)</span>
    </xsl:if>
    <xsl:if test="$others[not(self::abbr)]">
      <span class="alt-list"> [<xsl:for-each select="$others[not(self::abbr)]">{if (position() gt 1) then ' | ' else ''}<xsl:apply-templates mode="print"/></xsl:for-each>]</span>
    </xsl:if>
  </xsl:template>

  <!-- An example of a correction in the edition's principles (editorial/front.xml) is no correction of a text:
       it is printed as the reader sees it (here, above notes.xsl's rule for the apparatus), with its transmitted reading beside it, not keyed to a line. -->
  <xsl:template match="choice[exists($front) and root() is $front]" mode="print" priority="3">
    <xsl:apply-templates select="(corr, reg, expan)[1]/node()" mode="print"/>
    <xsl:text> (transmitted: “</xsl:text>
    <xsl:apply-templates select="(sic, orig, abbr)[1]/node()" mode="print"/>
    <xsl:text>”)</xsl:text>
  </xsl:template>

  <!-- The names and dates in the edition's front matter are examples, not mentions in the texts: printed as
       plain words, without the anchors the indexes count. -->
  <xsl:template match="(persName | placeName | orgName | name | rs | date)[exists($front) and root() is $front]" mode="print" priority="3">
    <xsl:apply-templates mode="print"/>
  </xsl:template>

</xsl:stylesheet>
