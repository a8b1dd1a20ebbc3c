<?xml version="1.0" encoding="UTF-8"?>
<!--
  notes.xsl — notes and apparatus of the print book.

  Two series of footnotes, never confused:
  * authorial notes (note[@type='authorial'], and unmarked notes of other TEI documents): numbered
    as in the source (@n), otherwise counted per text; set at the foot of the page (CSS float:
    footnote) with upright numerals;
  * the editors' series, lettered a, b, c … per text (accumulator ed-series): editorial notes
    (note[@type='editorial'] or note[@resp]) and apparatus entries for every correction or
    regularisation (choice: sic/corr, orig/reg) — the reading text prints corr/reg, the foot gives
    "lemma] transmitted reading".
  A third series, the apparatus of quotations (Greek letters α, β, γ …), is made by links.xsl.
  Inside a footnote nothing can float again, so nested notes and corrections are printed inline
  in brackets and are not counted.

  Input: note, choice, sic, corr, orig, reg, abbr, expan in a TEI text.
  Modes: print, app (apparatus: the transmitted reading).
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







  <!-- The id of a footnote: the reading page's (f:note-id) wherever that is unique in the book, i.e. unless
       the book prints several texts and the note has no xml:id. -->
  <xsl:function name="pf:footnote-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if ($texts[2] and empty($note/@xml:id) and empty($note/ancestor::teiCorpus[teiHeader])) then pf:id($note)
                          else f:note-id($note)"/>
  </xsl:function>

  <!-- ===== notes ===== -->

  <xsl:template match="note" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="editorial" as="xs:boolean" select="not(f:is-numbered-note(.))"/>
    <xsl:choose>
      <xsl:when test="$in-note">
        <span class="note-inline">[<xsl:if test="$editorial"><span class="ed-label">Ed.: </span></xsl:if>
          <xsl:apply-templates mode="print"/>]</span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="mark" as="xs:string" select="
          if ($editorial) then f:ed-letter(.) else f:note-label(.)"/>
        <span class="fn-anchor" id="call-{pf:footnote-id(.)}"/>
        <span class="fn {if ($editorial) then 'fn-ed' else 'fn-auth'}" id="{pf:footnote-id(.)}" data-mark="{$mark}">
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
          <xsl:apply-templates mode="print">
            <xsl:with-param name="in-note" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notes in the header's prose (book matter) are printed inline. -->
  <xsl:template match="teiHeader//note" mode="print" priority="1">
    <span class="note-inline"><xsl:apply-templates mode="print"/></span>
  </xsl:template>

  <!-- ===== corrections and regularisations ===== -->

  <xsl:template match="choice" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="reading" as="element()*" select="(corr, reg, expan, *)[1]"/>
    <xsl:variable name="transmitted" as="element()*" select="(sic, orig)[1]"/>
    <span class="app-anchor" id="corr-{pf:id(.)}"/>
    <span class="{local-name($reading)}"><xsl:apply-templates select="$reading/node()" mode="print"/></span>
    <xsl:if test="f:is-apparatus(.) and not(ancestor::teiHeader)">
      <xsl:choose>
        <xsl:when test="$in-note">
          <span class="app-inline"> [{local-name($transmitted)}.: <xsl:apply-templates select="$transmitted/node()" mode="app"/>]</span>
        </xsl:when>
        <xsl:otherwise>
          <span class="fn fn-ed fn-app" id="app-{pf:id(.)}" data-mark="{f:ed-letter(.)}">
            <xsl:call-template name="pf:app-entry"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- "lemma] transmitted reading source" for the choice in context. -->
  <xsl:template name="pf:app-entry">
    <xsl:context-item as="element(choice)" use="required"/>
    <xsl:variable name="reading" as="element()" select="(corr, reg)[1]"/>
    <xsl:variable name="transmitted" as="element()" select="(sic, orig)[1]"/>
    <span class="lem">{f:reading($reading)}</span>
    <span class="app-sep">] </span>
    <span class="rdg"><xsl:apply-templates select="$transmitted/node()" mode="app"/></span>
    <xsl:text> </xsl:text>
    <span class="wit">{if ($transmitted/self::sic) then 'source' else 'source (orig.)'}</span>
  </xsl:template>

  <xsl:template match="sic | corr | orig | reg | expan" mode="print">
    <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>
    <xsl:if test="self::sic and not(parent::choice)"><span class="sic-mark"> [sic]</span></xsl:if>
  </xsl:template>

  <!-- app: the transmitted reading as text (no anchors, no notes). -->
  <xsl:template match="text()" mode="app">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- A note inside the transmitted reading: in brackets (a footnote cannot hold another). -->
  <xsl:template match="note" mode="app">
    <span class="note-inline"> [<xsl:apply-templates mode="app"/>]</span>
  </xsl:template>

  <xsl:template match="choice" mode="app">
    <xsl:apply-templates select="(sic, orig, *)[1]/node()" mode="app"/>
  </xsl:template>

  <xsl:template match="persName | placeName | orgName | date | foreign | hi | emph | q | quote | said | name | rs
                       | title | seg | w | pc | term | roleName | forename | surname | lb | milestone" mode="app">
    <xsl:apply-templates mode="app"/>
  </xsl:template>

</xsl:stylesheet>
