<?xml version="1.0" encoding="UTF-8"?>
<!--
  page-text.xsl — the reading page of one text: title and metadata, table of contents, argument,
  reading options (corrected/diplomatic view, entity highlighting; CSS-only, so they work without
  script), the numbered text, the notes in two series, the entity cards and the Pagefind filters.
  Input: a TEI document (TEI or teiCorpus root). Modes: h:render, h:toc, h:endnote, h:cards (imported).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:template match="document-node()[$entry = ('', 'text')]">
    <xsl:variable name="texts" select="(TEI, teiCorpus//TEI)"/>
    <xsl:variable name="first" select="$texts[1]"/>
    <xsl:variable name="entities" select="h:mentioned-entities($texts)"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="if (teiCorpus) then f:reading(teiCorpus/teiHeader/fileDesc/titleStmt/title[1]) else f:title($first)"/>
      <xsl:with-param name="kind" select="'text'"/>
      <xsl:with-param name="skip-to" select="'reading-' || ($first/@xml:id, 't' || f:tei-number($first))[1]"/>
      <!-- a text with numbered paragraphs is searched passage by passage (edition.publish.search), not as one page -->
      <xsl:with-param name="index" select="empty($texts/text//p[f:is-numbered-para(.)])"/>
      <xsl:with-param name="lang" select="string((*/@xml:lang, 'en')[1])"/>
      <xsl:with-param name="head-extra" as="node()*">
        <xsl:call-template name="h:search-filters">
          <xsl:with-param name="texts" select="$texts"/>
          <xsl:with-param name="entities" select="$entities"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="$texts" mode="h:text-page"/>
        <xsl:call-template name="h:cards"><xsl:with-param name="entities" select="$entities"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:mode name="h:text-page" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <xsl:template match="TEI" mode="h:text-page">
    <xsl:variable name="toc" as="element()*"><xsl:apply-templates select="text/(front, body, back)/*[self::div or matches(local-name(), '^div[1-7]$')]" mode="h:toc"/></xsl:variable>
    <article class="text" id="text-{(@xml:id, 't' || f:tei-number(.))[1]}" data-cite-before="{h:cite-before(.)}" data-cite-after="{h:cite-after()}">
      <xsl:if test="$base-url"><xsl:attribute name="data-cite-url" select="$base-url || $page-name"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <header class="text-header">
        <h1 data-pagefind-meta="title">{f:title(.)}</h1>
        <xsl:for-each select="f:authors(.)"><p class="byline">{.}</p></xsl:for-each>
        <xsl:call-template name="h:profile"/>
        <xsl:choose>
          <xsl:when test="exists(h:front-bibl(string(@xml:id)))">
            <xsl:call-template name="h:front-source"><xsl:with-param name="text-id" select="string(@xml:id)"/><xsl:with-param name="full" select="false()"/></xsl:call-template>
            <p class="source-more ui" data-pagefind-ignore="all"><a href="index.html#{@xml:id}-source">About the source and its transmission</a></p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="teiHeader/fileDesc/sourceDesc/bibl[1]">
              <p class="source"><span class="label">Source: </span><xsl:call-template name="h:source-bibl"/></p>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$tei-href or $pdf-href">
          <p class="downloads ui" data-pagefind-ignore="all">Download:
            <xsl:if test="$tei-href"><a href="{$tei-href}">TEI XML</a></xsl:if>
            <xsl:if test="$tei-href and $pdf-href"> · </xsl:if>
            <xsl:if test="$pdf-href"><a href="{$pdf-href}">PDF</a></xsl:if>
          </p>
        </xsl:if>
      </header>
      <p class="how-to-cite ui" data-pagefind-ignore="all"><span class="label">Cite a paragraph as: </span>{h:cite-before(.)} ¶ <var>n</var>. {h:cite-after()}
        <xsl:choose>
          <xsl:when test="$base-url"><span class="cite-url">{$base-url}{$page-name}#<var>paragraph</var></span> — the paragraph numbers in the margin are its permalinks.</xsl:when>
          <xsl:otherwise>— followed by the address of this page at which you read it, with the paragraph’s anchor (the number in the margin links to it). The edition has no permanent address yet.</xsl:otherwise>
        </xsl:choose></p>
      <xsl:if test="exists($toc)">
        <nav class="toc" aria-labelledby="toc-heading-{(@xml:id, 't' || f:tei-number(.))[1]}" data-pagefind-ignore="all">
          <h2 id="toc-heading-{(@xml:id, 't' || f:tei-number(.))[1]}">Contents</h2>
          <ol><xsl:sequence select="$toc"/></ol>
        </nav>
      </xsl:if>
      <xsl:call-template name="h:ms-descriptions"/>
      <xsl:if test="not(preceding::TEI)"><xsl:call-template name="h:reading-options"/></xsl:if>
      <div class="reading" id="reading-{(@xml:id, 't' || f:tei-number(.))[1]}" tabindex="-1">
        <xsl:apply-templates select="facsimile | sourceDoc | text" mode="h:render"/>
        <xsl:apply-templates select="standOff" mode="h:render"/>
      </div>
      <xsl:call-template name="h:endnotes"><xsl:with-param name="tei" select="."/></xsl:call-template>
    </article>
  </xsl:template>

  <!-- Reading options: radio buttons and checkboxes styled by CSS :has(), so they work without script. -->
  <xsl:template name="h:reading-options">
    <xsl:variable name="speeches" select="(ancestor-or-self::TEI | ancestor-or-self::teiCorpus)[1]//text//said[@who]"/>
    <details class="reading-options-wrap ui" data-pagefind-ignore="all" id="reading-options" open="open">
    <summary>Reading options: view, highlights<xsl:if test="$speeches">, speakers</xsl:if></summary>
    <aside class="reading-options ui" aria-label="Reading options" data-pagefind-ignore="all">
      <fieldset class="views">
        <legend>View</legend>
        <label><input type="radio" name="view" id="view-corrected" value="corrected" checked="checked"/> Corrected</label>
        <label><input type="radio" name="view" id="view-diplomatic" value="diplomatic"/> Diplomatic (as transmitted)</label>
      </fieldset>
      <fieldset class="highlights">
        <legend>Highlight</legend>
        <label><input type="checkbox" id="hl-person"/> Persons</label>
        <label><input type="checkbox" id="hl-place"/> Places</label>
        <label><input type="checkbox" id="hl-org"/> Organisations</label>
        <label><input type="checkbox" id="hl-date"/> Dates (normalised)</label>
        <label><input type="checkbox" id="hl-foreign"/> Foreign words (gloss)</label>
        <label><input type="checkbox" id="hl-choice"/> Corrections</label>
      </fieldset>
      <p class="keys-hint">Keyboard: Tab reaches the first name, correction or note of a paragraph; the arrow keys move among the others.</p>
      <xsl:if test="$speeches">
        <fieldset class="speakers">
          <legend>Speech</legend>
          <label for="speaker-select">Highlight what is said by</label>
          <select id="speaker-select">
            <option value="">nobody</option>
            <option value="*">every speaker (with names)</option>
            <xsl:for-each-group select="$speeches" group-by="tokenize(normalize-space(@who)) ! f:ref-id(.)">
              <xsl:sort select="count(current-group())" order="descending"/>
              <xsl:sort select="current-grouping-key()"/>
              <xsl:variable name="e" select="f:entity('#' || current-grouping-key(), .)"/>
              <option value="{current-grouping-key()}">{($e ! f:entity-label(.), current-grouping-key())[1]} ({count(current-group())})</option>
            </xsl:for-each-group>
          </select>
        </fieldset>
      </xsl:if>
    </aside>
    </details>
  </xsl:template>
</xsl:stylesheet>
