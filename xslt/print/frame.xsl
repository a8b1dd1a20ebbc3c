<?xml version="1.0" encoding="UTF-8"?>
<!--
  frame.xsl — the page frame of the print book: parameters, global variables, mode declarations,
  the root template (HTML skeleton, metadata for the PDF) and the fallback rules of every mode.
  The parameters are declared with all others in xslt/common/params.xsl.

  Input: the site corpus, a TEI document or a teiCorpus (see print.xsl).
  Modes: #unnamed (root only), print (reading text and header prose → HTML), toc (contents entries), index-name (register entry →
  index heading), app (apparatus footnotes; also the readings of the collation apparatus, links.xsl).
  This module is imported first, so its fallback rules have the lowest precedence.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:pf="urn:x-edition:print"
  xmlns:site="urn:x-edition:site"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no" omit-xml-declaration="yes" escape-uri-attributes="no"/>

  <xsl:mode on-multiple-match="fail" on-no-match="shallow-skip" use-accumulators="#all"/>
  <xsl:mode name="print" on-multiple-match="fail" on-no-match="shallow-skip"/>
  <xsl:mode name="toc" on-multiple-match="fail" on-no-match="shallow-skip"/>
  <xsl:mode name="index-name" on-multiple-match="fail" on-no-match="text-only-copy"/>
  <xsl:mode name="app" on-multiple-match="fail" on-no-match="shallow-skip"/>

  <!-- The edition's reading texts (documents with a text, a transcription of the source document or a
       facsimile), in input order; the register is the rest. -->
  <xsl:variable name="texts" as="element(TEI)*" select="//TEI[text or sourceDoc or facsimile]"/>

  <xsl:variable name="book-title" as="xs:string">
    <!-- a teiCorpus document (the input, or the one text of the site corpus edition.publish.pdf makes) is
         titled by its own header, as its reading page is -->
    <xsl:variable name="corpus" as="element(teiCorpus)?" select="(/teiCorpus[teiHeader],
      /site:corpus[count(site:text) eq 1]/site:text/teiCorpus[teiHeader])[1]"/>
    <xsl:variable name="title" as="element()?" select="
      if ($corpus) then $corpus/teiHeader/fileDesc/titleStmt/title[1]
      else if (count($texts) eq 1)
      then ($texts/teiHeader/fileDesc/titleStmt/title[@type = 'main'], $texts/teiHeader/fileDesc/titleStmt/title)[1]
      else (/teiCorpus/teiHeader/fileDesc/titleStmt/title,
            $texts/teiHeader/fileDesc/titleStmt/title[@type = 'collection'],
            $texts/teiHeader/fileDesc/titleStmt/title)[1]"/>
    <xsl:sequence select="if ($title) then f:reading($title) else 'Untitled'"/>
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


  <!-- Authors of the book for the PDF metadata. -->
  <xsl:variable name="book-authors" as="xs:string*" select="distinct-values(
    $texts/teiHeader/fileDesc/titleStmt/author ! f:reading(.))"/>

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
        <xsl:variable name="keywords" as="xs:string*" select="$texts ! f:title(.)"/>
        <meta name="keywords" content="{string-join($keywords, ', ')}"/>
        <!-- the PDF's subject: what the book holds, from the texts' headers -->
        <meta name="description" content="Critical edition of {string-join($texts ! (f:title(.)
          || (teiHeader/fileDesc/titleStmt/author)[1] ! (' by ' || f:reading(.))), '; ')}"/>
      </head>
      <body>
        <xsl:call-template name="pf:book"/>
      </body>
    </html>
  </xsl:template>


  <!-- The rest of TEI P5 (the table of xslt/common/coverage.xsl), at the lowest import precedence: any rule
       of its own takes precedence. Blocks become spans inside a footnote (families.xsl pf:block). -->

  <xsl:template match="*[f:generic-rendering(.) = 'block']" mode="print" priority="-2">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*"><xsl:apply-templates mode="print"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="*[f:generic-rendering(.) = ('inline', 'field')]" mode="print" priority="-2">
    <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>{f:generic-after(.)}</xsl:template>

  <!-- app: the transmitted reading as text; markup other than its own rules (notes.xsl, transcr.xsl) adds nothing. -->
  <xsl:template match="*[namespace-uri() = 'http://www.tei-c.org/ns/1.0']" mode="app" priority="-5">
    <xsl:apply-templates mode="app"/>
  </xsl:template>

  <!-- Fallbacks. print mode: unknown elements are reported and their text kept. -->
  <xsl:template match="*" mode="print app" priority="-10">
    <xsl:message>print: no rule for &lt;{name()}&gt; in {(ancestor-or-self::TEI[1]/@xml:id, 'the document')[1]}; its text is kept</xsl:message>
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template match="text()" mode="print app" priority="-10">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- Never part of any rendering: comments and processing instructions. -->
  <xsl:template match="comment() | processing-instruction()" mode="print app toc index-name" priority="-5"/>

</xsl:stylesheet>
