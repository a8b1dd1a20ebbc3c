<?xml version="1.0" encoding="UTF-8"?>
<!--
  structure.xsl — the texts of the print book: TEI document → article, front matter, divisions,
  headings, paragraphs, quotations, lists, verse, tables and the common inline elements.

  Input: TEI elements of a reading text (and the prose of the header for the book matter).
  Modes: print (render), toc (contents entries).
  Tunnel parameter in-note (xs:boolean): true inside a footnote, where block elements become
  inline spans (a footnote is one inline box in the print HTML).
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

  <!-- id of a rendered element: its xml:id, else a generated one. Saxon's generate-id() starts
       with the number of the document in the process ("d7e123"); that part is dropped so that the
       same input gives the same ids in every run (reproducible PDF), and replaced by the name of the
       document when the element is not the input's (the front matter, the register of events), so
       that the ids of two documents never meet. -->
  <xsl:function name="pf:id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="doc" select="root($e)"/>
    <xsl:sequence select="($e/@xml:id, 'g-' || (if ($doc is $front) then 'front-' else if ($doc is $events) then 'events-' else '')
                                            || replace(generate-id($e), '^d\d+', ''))[1]"/>
  </xsl:function>

  <!-- The front/head that duplicates the header title is printed as the text's title. -->
  <xsl:function name="pf:title-head" as="element(head)?">
    <xsl:param name="text" as="element(TEI)"/>
    <xsl:sequence select="$text/text/front/head[f:reading(.) eq f:title($text)][1]"/>
  </xsl:function>


  <!-- ===== the text ===== -->

  <xsl:template match="TEI" mode="print">
    <xsl:variable name="title-head" as="element(head)?" select="pf:title-head(.)"/>
    <article class="text" id="text-{pf:id(.)}" lang="{(@xml:lang, $book-lang)[1]}">
      <h1 class="text-title" id="{pf:id(.)}" data-verso="{f:title(.)}" data-recto="{f:title(.)}" data-label="{f:title(.)}">
        <xsl:choose>
          <xsl:when test="$title-head">
            <xsl:apply-templates select="$title-head/node()" mode="print"/>
          </xsl:when>
          <xsl:otherwise>{f:title(.)}</xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:if test="not(text/front/docAuthor)">
        <xsl:for-each select="teiHeader/fileDesc/titleStmt/author">
          <p class="text-author">{f:reading(.)}</p>
        </xsl:for-each>
      </xsl:if>
      <xsl:apply-templates select="facsimile | sourceDoc | text" mode="print"/>
      <xsl:call-template name="pf:long-notes"/>
    </article>
  </xsl:template>

  <xsl:template match="teiHeader | standOff" mode="print"/>

  <xsl:template match="text | body | group" mode="print">
    <xsl:apply-templates mode="print"/>
  </xsl:template>

  <xsl:template match="front | back" mode="print">
    <div class="{local-name()}">
      <xsl:apply-templates mode="print"/>
    </div>
  </xsl:template>

  <xsl:template match="docAuthor" mode="print">
    <p class="doc-author"><xsl:apply-templates mode="print"/></p>
  </xsl:template>

  <xsl:template match="docTitle" mode="print">
    <p class="doc-title"><xsl:apply-templates mode="print"/></p>
  </xsl:template>

  <xsl:template match="titlePart" mode="print">
    <span class="title-part"><xsl:apply-templates mode="print"/></span>
  </xsl:template>

  <xsl:template match="docImprint | docDate | byline | docEdition" mode="print">
    <p class="{local-name()}"><xsl:apply-templates mode="print"/></p>
  </xsl:template>

  <xsl:template match="titlePage" mode="print">
    <div class="title-page-source"><xsl:apply-templates mode="print"/></div>
  </xsl:template>

  <xsl:template match="argument" mode="print">
    <div class="argument"><xsl:apply-templates mode="print"/></div>
  </xsl:template>

  <!-- The front head already printed as the text's title. -->
  <xsl:template match="front/head[. is pf:title-head(ancestor::TEI[1])]" mode="print" priority="2"/>

  <xsl:template match="front/head" mode="print">
    <p class="front-head"><xsl:apply-templates mode="print"/></p>
  </xsl:template>

  <!-- ===== divisions ===== -->

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7" mode="print">
    <section class="div {@type}" id="{pf:id(.)}">
      <xsl:apply-templates mode="print"/>
    </section>
  </xsl:template>

  <xsl:template match="head[parent::div or parent::div1 or parent::div2 or parent::div3 or parent::div4
                           or parent::div5 or parent::div6 or parent::div7]" mode="print">
    <xsl:element name="h{f:heading-level(..)}">
      <xsl:attribute name="class" select="'div-head', ../@type" separator=" "/>
      <xsl:attribute name="id" select="'h-' || pf:id(..)"/>
      <!-- bookmark and running head: the heading's text, without footnote calls -->
      <xsl:attribute name="data-label" select="f:reading(.)"/>
      <xsl:apply-templates mode="print"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="head" mode="print">
    <p class="head"><xsl:apply-templates mode="print"/></p>
  </xsl:template>

  <!-- ===== blocks ===== -->

  <xsl:template match="p | ab" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note">
        <span class="p"><xsl:apply-templates mode="print"/></span>
        <xsl:if test="following-sibling::*[self::p or self::ab]">{' '}</xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <p id="{pf:id(.)}">
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
          <xsl:apply-templates mode="print"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="quote[parent::div or parent::body or parent::cit[parent::div or parent::body]]" mode="print">
    <blockquote><xsl:apply-templates mode="print"/></blockquote>
  </xsl:template>

  <xsl:template match="cit" mode="print">
    <span class="cit"><xsl:apply-templates mode="print"/></span>
  </xsl:template>

  <xsl:template match="lg" mode="print">
    <div class="lg"><xsl:apply-templates mode="print"/></div>
  </xsl:template>

  <xsl:template match="l" mode="print">
    <span class="l"><xsl:apply-templates mode="print"/></span>
  </xsl:template>

  <xsl:template match="list" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note"><xsl:apply-templates mode="print"/></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = 'numbered') then 'ol' else 'ul'}">
          <xsl:apply-templates mode="print"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="item" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note"><span class="item"><xsl:apply-templates mode="print"/>{' '}</span></xsl:when>
      <xsl:otherwise><li><xsl:apply-templates mode="print"/></li></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A bibliography (listBibl; also a manuscript's, in its description): its heading, then an entry per bibl,
       biblStruct, biblFull or msDesc, as the reading page lists them (html/modules/bibliography.xsl); words standing
       loose in it an entry of their own. In a footnote the entries run on, each after a space. -->
  <xsl:template match="listBibl" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note"><xsl:apply-templates mode="print"/></xsl:when>
      <xsl:otherwise>
        <div class="listBibl">
          <xsl:apply-templates select="head" mode="print"/>
          <ul class="bibliography"><xsl:apply-templates select="node() except head" mode="print"/></ul>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="listBibl/bibl | listBibl/biblStruct | listBibl/biblFull | listBibl/msDesc | listBibl/text()[normalize-space()]"
                mode="print" priority="0.75">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note"><span class="{(local-name()[.], 'bibl')[1]}"><xsl:next-match/>{' '}</span></xsl:when>
      <xsl:otherwise><li class="{(local-name()[.], 'bibl')[1]}"><xsl:next-match/></li></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A bibliographic record (bibl, biblStruct and its analytic, monogr, series, imprint): its fields as written when
       the encoder put punctuation between them, else apart by commas, and a biblStruct's parts by full stops. As the
       reading page (html/modules/bibliography.xsl, h:record-parts). -->
  <xsl:template match="bibl | biblStruct | analytic | monogr | imprint | series" mode="print">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:call-template name="pf:joined"><xsl:with-param name="sep" select="if (self::biblStruct) then '. ' else ', '"/></xsl:call-template>
    </span>
  </xsl:template>

  <xsl:template match="list/label" mode="print">
    <span class="label"><xsl:apply-templates mode="print"/>{' '}</span>
  </xsl:template>

  <xsl:template match="table" mode="print">
    <table><xsl:apply-templates mode="print"/></table>
  </xsl:template>

  <xsl:template match="row" mode="print">
    <tr><xsl:apply-templates mode="print"/></tr>
  </xsl:template>

  <xsl:template match="cell" mode="print">
    <td><xsl:apply-templates mode="print"/></td>
  </xsl:template>

  <xsl:template match="figure" mode="print">
    <div class="figure"><xsl:apply-templates mode="print"/></div>
  </xsl:template>

  <xsl:template match="figDesc" mode="print">
    <p class="fig-desc"><xsl:apply-templates mode="print"/></p>
  </xsl:template>


  <!-- ===== inline ===== -->



  <!-- A seed line break inside a joined paragraph: a discreet mark of the editors' join. -->
  <xsl:template match="milestone" mode="print">
    <span class="milestone {@unit}" title="{@unit} {@n}"/>
    <xsl:apply-templates mode="print"/>
  </xsl:template>

  <!-- (the elements TEI has empty — lb, pb, cb, milestone, anchor, space, graphic, ptr — print whatever a
       document puts in them after their own sign: no words are lost to a misplaced element) -->
  <xsl:template match="anchor" mode="print">
    <span id="{pf:id(.)}" class="anchor"/>
    <xsl:apply-templates mode="print"/>
  </xsl:template>


  <xsl:template match="hi | emph" mode="print">
    <xsl:variable name="rend" as="xs:string" select="string(@rend)"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'b'
                        else if (contains($rend, 'sup')) then 'sup'
                        else if (contains($rend, 'sub')) then 'sub'
                        else if (contains($rend, 'small')) then 'span'
                        else if (self::emph) then 'em' else 'i'}">
      <xsl:if test="contains($rend, 'small')"><xsl:attribute name="class" select="'smallcaps'"/></xsl:if>
      <xsl:apply-templates mode="print"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="foreign | term[@xml:lang]" mode="print">
    <i class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="print"/>
    </i>
  </xsl:template>

  <xsl:template match="title" mode="print">
    <xsl:element name="{if (@level = ('a', 'u')) then 'span' else 'cite'}">
      <xsl:attribute name="class" select="'title'"/>
      <xsl:apply-templates mode="print"/>
    </xsl:element>
  </xsl:template>

  <!-- Quotation marks are text in the TEI (quotation/@marks="all"): none are generated here. -->
  <xsl:template match="said | q | quote | soCalled | mentioned | term | distinct" mode="print">
    <span class="{local-name()}">
      <!-- attributed speech is anchored for the index of speakers (index.xsl) -->
      <xsl:if test="@xml:id or self::said[normalize-space(@who)][ancestor::text]"><xsl:attribute name="id" select="pf:id(.)"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="print"/>
    </span>
  </xsl:template>

  <xsl:template match="ref | ptr | idno | num | measure | time | name[not(@ref)] | rs[not(@ref)]
                       | seg | s | w | pc | c | abbr | expan | roleName
                       | forename | surname | addName | genName | nameLink | geogName
                       | author | editor | publisher | pubPlace | note[@type = 'description']" mode="print">
    <span class="{local-name()}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="print"/>
    </span>
  </xsl:template>


  <xsl:template match="gi | tag | att | val | code | ident" mode="print">
    <code class="{local-name()}">{if (self::gi) then '&lt;' || . || '&gt;' else if (self::att) then '@' || . else string(.)}</code>
  </xsl:template>


  <!-- ===== toc: contents entries of a text (text title, headed divisions) ===== -->

  <xsl:template match="TEI" mode="toc">
    <li class="toc-text">
      <span class="toc-title">{f:title(.)}</span>
      <span class="toc-page" data-href="#{pf:id(.)}"/>
      <xsl:variable name="divs" as="element()*" select="text/(front | body | back)/*[head and (self::div or self::div1)]"/>
      <xsl:if test="$divs">
        <ol><xsl:apply-templates select="$divs" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7" mode="toc">
    <xsl:variable name="sub" as="element()*" select="*[head and (self::div or matches(local-name(), '^div\d$'))]"/>
    <li class="toc-div toc-l{f:heading-level(.)}">
      <span class="toc-title">{f:reading(head[1])}</span>
      <span class="toc-page" data-href="#h-{pf:id(.)}"/>
      <xsl:if test="$sub">
        <ol><xsl:apply-templates select="$sub" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>
