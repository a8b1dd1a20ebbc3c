<?xml version="1.0" encoding="UTF-8"?>
<!--
  records.xsl — what each text gives the pages over all texts, as items (edition.publish.records): under a
  register id, each mention (site:m) and attributed said (site:s), as the register lists them; under an event's
  id, each paragraph naming it (site:e); the text's item in the home page's list (site:h) and its rows in the
  list of corrections (site:c). Made per text by the entry `records` (input: a site corpus holding that text;
  output: the items, serialised, as the text result document records.xml) and gathered by
  edition.publish.records into $records for those pages; without $records a page gathers them from the site
  corpus it is given (h:gather-records), the same way.
  Input: the site corpus wrapper (site:corpus with site:text/TEI). Modes: #default (entry records), h:records
  (the items of a corpus), h:mention-item, h:saying-item, h:text-item, h:correction-row, h:event-item (one item each), h:reading-texts
  (the text nodes of a mention's block that its snippet reads).
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

  <xsl:mode name="h:records" on-no-match="shallow-skip" on-multiple-match="fail"/>
  <xsl:mode name="h:mention-item" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="h:saying-item" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="h:text-item" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="h:correction-row" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="h:event-item" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="h:reading-texts" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <xsl:key name="h:entry-records" match="site:records/site:entry" use="@ref"/>
  <xsl:key name="h:event-records" match="site:records/site:event" use="@ref"/>

  <!-- Entry records: the register's list items of the corpus's texts (edition.publish.register_pages). -->
  <xsl:template match="/site:corpus[$entry = 'records']">
    <xsl:variable name="records" as="element()"><site:records><xsl:apply-templates select="." mode="h:records"/></site:records></xsl:variable>
    <xsl:result-document href="records.xml" method="text">{serialize($records, map{'method': 'xml', 'indent': false()})}</xsl:result-document>
  </xsl:template>

  <!-- Each mention (and each attributed said) of the texts as one item per register id it names, in the texts'
       order: site:m (site:s) with @ref and the list item the register shows. -->
  <xsl:template match="site:corpus" mode="h:records">
    <xsl:for-each select="site:text//text//*[f:is-mention(.)][not(f:in-suppressed(.))]">
      <xsl:variable name="m" select="."/>
      <xsl:for-each select="distinct-values(tokenize(normalize-space(@ref)) ! f:ref-id(.))[h:recorded-ref(.)]">
        <site:m ref="{.}"><xsl:apply-templates select="$m" mode="h:mention-item"/></site:m>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="site:text//said[@who][ancestor::text]">
      <xsl:variable name="s" select="."/>
      <xsl:for-each select="distinct-values(tokenize(normalize-space(@who)) ! f:ref-id(.))[h:recorded-ref(.)]">
        <site:s ref="{.}"><xsl:apply-templates select="$s" mode="h:saying-item"/></site:s>
      </xsl:for-each>
    </xsl:for-each>
    <!-- the home page's item of each text, the rows of the list of corrections, the events page's paragraphs -->
    <xsl:for-each select="site:text">
      <site:h ref="" file="{@file}"><xsl:apply-templates select="." mode="h:text-item"/></site:h>
      <xsl:variable name="file" select="string(@file)"/>
      <xsl:for-each select=".//text//choice">
        <site:c ref="" file="{$file}"><xsl:apply-templates select="." mode="h:correction-row"/></site:c>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:if test="exists($events//event)">
      <xsl:for-each select="site:text//text//p[f:is-numbered-para(.)]">
        <xsl:variable name="p" select="."/>
        <xsl:for-each select="h:events-named(.)">
          <site:e ref="{@xml:id}"><xsl:apply-templates select="$p" mode="h:event-item"/></site:e>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Whether the records keep the items of a register id: always ($records-all-refs), else when it is an entry the
       register pages list (person, personGrp, place, org of $register: edition.publish.records.entity_kinds). -->
  <xsl:function name="h:recorded-ref" as="xs:boolean">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$records-all-refs or exists($register ! key('f:id', $id, .)
                          [self::person or self::personGrp or self::place or self::org])"/>
  </xsl:function>

  <!-- The records of a site corpus gathered as edition.publish.register_pages.records_xml gathers them (when no
       $records is given): per register id (site:entry) and per event (site:event), the home page's items
       (site:h) in the texts' order, and each text's rows of corrections (site:rows). -->
  <xsl:function name="h:gather-records" as="document-node()">
    <xsl:param name="corpus" as="element(site:corpus)"/>
    <xsl:variable name="flat" as="element()*"><xsl:apply-templates select="$corpus" mode="h:records"/></xsl:variable>
    <xsl:document>
      <site:records corrections="{count($flat[self::site:c])}">
        <xsl:for-each-group select="$flat[self::site:m or self::site:s]" group-by="@ref">
          <site:entry ref="{current-grouping-key()}" mentions="{count(current-group()[self::site:m])}"
            sayings="{count(current-group()[self::site:s])}">
            <xsl:sequence select="current-group()[self::site:m], current-group()[self::site:s]"/>
          </site:entry>
        </xsl:for-each-group>
        <xsl:for-each-group select="$flat[self::site:e]" group-by="@ref">
          <site:event ref="{current-grouping-key()}"><xsl:sequence select="current-group()"/></site:event>
        </xsl:for-each-group>
        <xsl:sequence select="$flat[self::site:h]"/>
        <xsl:for-each-group select="$flat[self::site:c]" group-by="@file">
          <site:rows file="{current-grouping-key()}"><xsl:sequence select="current-group()"/></site:rows>
        </xsl:for-each-group>
      </site:records>
    </xsl:document>
  </xsl:function>

  <!-- A mention as the register lists it: where it stands, and a snippet around it. -->
  <xsl:template match="*" mode="h:mention-item">
    <xsl:variable name="text" select="ancestor::site:text"/>
    <xsl:variable name="para" select="ancestor::p[f:is-numbered-para(.)][1]"/>
    <li>
      <a class="backlink" href="{$text/@page}#{f:mention-id(.)}">{f:title(ancestor::TEI[1])}{$para ! (', ¶ ' || f:para-number(.))}</a>
      <xsl:text> </xsl:text>
      <xsl:variable name="texts" select="h:reading-texts(h:block(.))"/>
      <span class="snippet">{h:snippet-before(., $texts)}<mark>{f:reading(.)}</mark>{h:snippet-after(., $texts)}</span>
    </li>
  </xsl:template>

  <!-- An attributed said as the register lists it under its speaker (page-register.xsl, mode h:records). -->
  <xsl:template match="said" mode="h:saying-item">
    <xsl:variable name="text" select="ancestor::site:text"/>
    <xsl:variable name="para" select="ancestor::p[f:is-numbered-para(.)][1]"/>
    <li>
      <a class="backlink" href="{$text/@page}#{f:said-id(.)}">{f:title(ancestor::TEI[1])}{$para ! (', ¶ ' || f:para-number(.))}</a>
      <xsl:text> </xsl:text>
      <span class="saying">{f:shorten(f:reading(.), 200)}</span>
      <xsl:if test="@cert"><span class="saying-cert"> (speaker inferred; certainty: {@cert})</span></xsl:if>
      <xsl:if test="count(tokenize(normalize-space(@who))) gt 1"><span class="saying-cert"> (jointly)</span></xsl:if>
    </li>
  </xsl:template>

  <!-- A text in the home page's list (its records item: page-register.xsl, mode h:records). The lines keep
       the indentation they had in the list: the stats' line breaks are part of the page. -->
  <xsl:template match="site:text" mode="h:text-item">
              <xsl:variable name="tei" select="(TEI | teiCorpus)[1]"/>
              <li id="{@id}-source">
                <h3><a href="{@page}">{f:title($tei)}</a></h3>
                <xsl:for-each select="f:authors($tei)"><p class="byline">{.}</p></xsl:for-each>
                <xsl:choose>
                  <xsl:when test="exists(h:front-bibl(@id))">
                    <xsl:call-template name="h:front-source"><xsl:with-param name="text-id" select="string(@id)"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:for-each select="$tei/teiHeader/fileDesc/sourceDesc/bibl[1]">
                      <p class="source"><span class="label">Source: </span><xsl:call-template name="h:source-bibl"/></p>
                    </xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
                <p class="stats">
                  {count($tei//text//p[f:is-numbered-para(.)])} paragraphs ·
                  {h:count($tei//text//note[f:is-numbered-note(.)], 'authorial note')} ·
                  {h:count($tei//text//note[not(f:is-numbered-note(.))], 'editorial note')} ·
                  {h:count($tei//text//choice, 'correction')} ·
                  {count($tei//text//*[f:is-mention(.)])} named entities tagged
                </p>
                <p class="links"><a href="{@tei}">TEI XML<span class="vh"> of {f:title($tei)}</span></a><xsl:if test="@pdf != ''"> · <a href="{@pdf}">PDF<span class="vh"> of {f:title($tei)}</span></a></xsl:if></p>
              </li>
  </xsl:template>

  <!-- "1 correction", "2 corrections". -->
  <xsl:function name="h:count" as="xs:string">
    <xsl:param name="items" as="item()*"/>
    <xsl:param name="noun" as="xs:string"/>
    <xsl:sequence select="count($items) || ' ' || $noun || (if (count($items) = 1) then '' else 's')"/>
  </xsl:function>

  <!-- A correction as the list shows it (its records item: page-register.xsl, mode h:records). -->
  <xsl:template match="choice" mode="h:correction-row">
    <xsl:variable name="para" select="ancestor::p[f:is-numbered-para(.)][1]"/>
    <tr>
      <td><a href="{ancestor::site:text/@page}#{f:choice-id(.)}">{if ($para) then '¶ ' || f:para-number($para) else f:choice-id(.)}</a></td>
      <td class="transmitted">{f:reading((sic, orig, abbr)[1]/node())}</td>
      <td class="edited">{f:reading((corr, reg, expan)[1])}</td>
      <td>{h:resp-label(((corr, reg, expan)/@resp)[1], ancestor::TEI[1])}{(corr, reg)/@cert ! (' (certainty: ' || . || ')')}</td>
    </tr>
  </xsl:template>

  <!-- Who made a change, in words: "Editors" for #editors, else the name of the respStmt the pointer
       names (never the raw "#id"); "Editors" when there is no @resp (the edition's default). -->
  <xsl:function name="h:resp-label" as="xs:string">
    <xsl:param name="resp" as="attribute()?"/>
    <xsl:param name="tei" as="element()?"/>
    <xsl:variable name="id" select="substring-after(normalize-space($resp), '#')"/>
    <xsl:variable name="stmt" select="$tei/teiHeader//respStmt[@xml:id = $id]"/>
    <xsl:sequence select="if (empty($resp) or $id = 'editors') then 'Editors'
      else if ($stmt) then normalize-space(string-join($stmt/(name, persName, orgName)[1]//text()))
      else 'Unrecorded'"/>
  </xsl:function>

  <!-- A paragraph in an event's list on the events page (its records item: page-register.xsl, mode h:records). -->
  <xsl:template match="p" mode="h:event-item">
    <xsl:variable name="text" select="ancestor::site:text"/>
    <li><a class="backlink" href="{$text/@page}#{f:para-id(.)}">{f:title(ancestor::TEI[1])}, ¶ {f:para-number(.)}</a>
      <xsl:text> </xsl:text><span class="snippet">{f:shorten(f:reading(.), 140)}</span></li>
  </xsl:template>

  <!-- The block holding a mention (for its snippet). -->
  <xsl:function name="h:block" as="element()">
    <xsl:param name="m" as="element()"/>
    <xsl:sequence select="($m/ancestor::*[self::p or self::l or self::item or self::head or self::cell or self::ab or self::note or self::quote][1], $m/..)[1]"/>
  </xsl:function>

  <!-- The text nodes of a block as its reading shows them, in document order: without its notes and the
       transmitted side of its choices (and none when the block stands in such a side). One walk of the block
       (mode h:reading-texts), not an ancestor test per text node. -->
  <xsl:function name="h:reading-texts" as="text()*">
    <xsl:param name="block" as="element()"/>
    <xsl:if test="empty($block/ancestor-or-self::*[self::sic or self::orig or self::abbr][parent::choice])">
      <xsl:apply-templates select="$block/node()" mode="h:reading-texts"/>
    </xsl:if>
  </xsl:function>

  <xsl:template match="text()" mode="h:reading-texts"><xsl:sequence select="."/></xsl:template>
  <xsl:template match="note | choice/sic | choice/orig | choice/abbr" mode="h:reading-texts"/>

  <!-- The reading before mention $m in its block ($texts: h:reading-texts of the block), its last 90 characters. -->
  <xsl:function name="h:snippet-before" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:param name="texts" as="text()*"/>
    <xsl:variable name="r" select="string-join($texts[. &lt;&lt; $m])"/>
    <xsl:variable name="s" select="normalize-space($r)"/>
    <!-- the last 90 characters without the word they begin inside (up to the first white space: what
         replace(…, '^\S*\s', '') leaves, without a regular expression) -->
    <xsl:variable name="tail" select="substring($s, string-length($s) - 89)"/>
    <xsl:variable name="space" select="index-of(string-to-codepoints(translate($tail, '&#9;&#10;&#13;', '   ')), 32)[1]"/>
    <xsl:variable name="cut" select="if (string-length($s) gt 90) then '…' || (if (exists($space)) then substring($tail, $space + 1) else $tail) else $s"/>
    <xsl:sequence select="$cut || (if ($s and h:is-space(substring($r, string-length($r)))) then ' ' else '')"/>
  </xsl:function>

  <!-- A character is white space as XML has it (what \s matches; a test of one character, not a regular
       expression run over the whole reading). -->
  <xsl:function name="h:is-space" as="xs:boolean">
    <xsl:param name="c" as="xs:string"/>
    <xsl:sequence select="$c = (' ', '&#9;', '&#10;', '&#13;')"/>
  </xsl:function>

  <!-- The reading after mention $m in its block, shortened to 90 characters. -->
  <xsl:function name="h:snippet-after" as="xs:string">
    <xsl:param name="m" as="element()"/>
    <xsl:param name="texts" as="text()*"/>
    <xsl:variable name="r" select="string-join(($texts[. >> $m] except $m//text()))"/>
    <xsl:variable name="s" select="normalize-space($r)"/>
    <xsl:sequence select="(if ($s and h:is-space(substring($r, 1, 1))) then ' ' else '') || f:shorten($s, 90)"/>
  </xsl:function>

</xsl:stylesheet>
