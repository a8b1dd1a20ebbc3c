<?xml version="1.0" encoding="UTF-8"?>
<!--
  frame.xsl — the page frame of the print book: parameters, global variables, mode declarations,
  the root template (HTML skeleton, metadata for the PDF) and the fallback rules of every mode.

  Input: TEI document or teiCorpus (see print.xsl).
  Modes: #unnamed (root only), print (reading text and header prose → HTML), plain (text-only
  extraction: corrected reading, no notes), toc (contents entries), index-name (register entry →
  index heading), app (apparatus footnotes; also the readings of the collation apparatus, links.xsl).
  This module is imported first, so its fallback rules have the lowest precedence.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pf="urn:x-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no" omit-xml-declaration="yes" escape-uri-attributes="no"/>

  <xsl:mode on-multiple-match="fail" on-no-match="shallow-skip" use-accumulators="#all"/>
  <xsl:mode name="print" on-multiple-match="fail" on-no-match="shallow-skip"/>
  <xsl:mode name="plain" on-multiple-match="fail" on-no-match="text-only-copy"/>
  <xsl:mode name="toc" on-multiple-match="fail" on-no-match="shallow-skip"/>
  <xsl:mode name="index-name" on-multiple-match="fail" on-no-match="text-only-copy"/>
  <xsl:mode name="app" on-multiple-match="fail" on-no-match="shallow-skip"/>

  <!-- ISO 8601 date-time for the PDF's creation/modification date (from SOURCE_DATE_EPOCH);
       empty: the edition's publicationStmt/date/@when. -->
  <xsl:param name="source-date" as="xs:string" select="''"/>

  <!-- The edition's texts as edition.publish.print_params describes them: <texts><text file="….xml"
       id="{TEI/@xml:id}" label="memoir"/></texts> (label: the short name of cross-references, from
       editorial/texts.toml); empty: pointers are resolved by id alone and texts are named by title. -->
  <xsl:param name="texts-info" as="document-node()?" select="()"/>

  <!-- The SVG timeline of the texts' dates (xslt/timeline/timeline.xsl, print variant, turned a quarter
       for a landscape plate), if any: printed as a plate before the indexes (book.xsl). -->
  <xsl:param name="timeline" as="document-node()?" select="()"/>

  <!-- A correction made the same way at least this many times in a text has no apparatus entry: the
       principles state it once, the list of corrections gives its lines (0: every correction has one). -->
  <xsl:param name="app-group-min" as="xs:integer" select="5"/>

  <!-- The edition's reading texts (documents with a text), in input order; the register is the rest. -->
  <xsl:variable name="texts" as="element(TEI)*" select="//TEI[text[body or front]]"/>

  <xsl:variable name="book-title" as="xs:string">
    <xsl:variable name="title" as="element()?" select="
      if (count($texts) eq 1)
      then ($texts/teiHeader/fileDesc/titleStmt/title[@type = 'main'], $texts/teiHeader/fileDesc/titleStmt/title)[1]
      else (/teiCorpus/teiHeader/fileDesc/titleStmt/title,
            $texts/teiHeader/fileDesc/titleStmt/title[@type = 'collection'],
            $texts/teiHeader/fileDesc/titleStmt/title)[1]"/>
    <xsl:sequence select="if ($title) then pf:plain($title) else 'Untitled'"/>
  </xsl:variable>

  <xsl:variable name="book-lang" as="xs:string" select="($texts/@xml:lang, 'en')[1]"/>

  <!-- The fixed date of the book: SOURCE_DATE_EPOCH, else the first publication date of a text. -->
  <xsl:variable name="book-date" as="xs:string?" select="
    if ($source-date) then $source-date
    else ($texts/teiHeader/fileDesc/publicationStmt/date/@when ! pf:iso-datetime(string(.)))[.][1]"/>

  <!-- Full ISO date-time from a TEI @when (xs:date, xs:gYearMonth, xs:gYear or xs:dateTime). -->
  <xsl:function name="pf:iso-datetime" as="xs:string?">
    <xsl:param name="when" as="xs:string"/>
    <xsl:sequence select="
      if (matches($when, '^\d{4}-\d{2}-\d{2}T')) then $when
      else if (matches($when, '^\d{4}-\d{2}-\d{2}$')) then $when || 'T00:00:00Z'
      else if (matches($when, '^\d{4}-\d{2}$')) then $when || '-01T00:00:00Z'
      else if (matches($when, '^\d{4}$')) then $when || '-01-01T00:00:00Z'
      else ()"/>
  </xsl:function>

  <!-- Normalised text of a node in the corrected reading, without notes. -->
  <xsl:function name="pf:plain" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="text" as="xs:string*">
      <xsl:apply-templates select="$node/node()" mode="plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($text))"/>
  </xsl:function>

  <!-- Authors of the book for the PDF metadata. -->
  <xsl:variable name="book-authors" as="xs:string*" select="distinct-values(
    $texts/teiHeader/fileDesc/titleStmt/author ! pf:plain(.))"/>

  <xsl:template match="/">
    <html lang="{$book-lang}">
      <head>
        <meta charset="UTF-8"/>
        <title>{$book-title}</title>
        <xsl:for-each select="$book-authors">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="$book-date">
          <meta name="dcterms.created" content="{$book-date}"/>
          <meta name="dcterms.modified" content="{$book-date}"/>
        </xsl:if>
        <meta name="generator" content="edition pdf (xslt/print)"/>
        <xsl:variable name="keywords" as="xs:string*" select="$texts ! pf:text-title(.)"/>
        <meta name="keywords" content="{string-join($keywords, ', ')}"/>
      </head>
      <body>
        <xsl:call-template name="pf:book"/>
      </body>
    </html>
  </xsl:template>

  <!-- The text's own title: titleStmt/title[@type=main] or the first title. -->
  <xsl:function name="pf:text-title" as="xs:string">
    <xsl:param name="text" as="element(TEI)"/>
    <xsl:variable name="titles" as="element(title)*" select="$text/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="(($titles[@type = 'main'], $titles[not(@type = 'collection')], $titles)[1] ! pf:plain(.), 'Untitled')[1]"/>
  </xsl:function>

  <!-- Fallbacks. print mode: unknown elements are reported and their text kept. -->
  <xsl:template match="*" mode="print app" priority="-10">
    <xsl:message>print: no rule for &lt;{name()}&gt; in {(ancestor-or-self::TEI[1]/@xml:id, 'the document')[1]}; its text is kept</xsl:message>
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template match="text()" mode="print app" priority="-10">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Never part of any rendering: comments and processing instructions. -->
  <xsl:template match="comment() | processing-instruction()" mode="print plain app toc index-name" priority="-5"/>

</xsl:stylesheet>
