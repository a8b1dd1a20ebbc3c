<?xml version="1.0" encoding="UTF-8"?>
<!--
  links.xsl — the links between the texts in the print book (written by `edition link`): where a
  quotation comes from, how it differs from its source, and where a paragraph is quoted.

  A series of footnotes of its own, the apparatus of quotations (class fn-src; its own block at the
  foot of the page), keyed like the critical apparatus by line numbers (span.ln-ref, filled in after
  layout) and, for a quotation, a lemma; its notes are also marked with Greek letters α, β, γ …
  afresh in each text (accumulator src-series), which the keys of the differences (α1) and the notes
  of quoted paragraphs refer to:
  * after a quotation with @source and @xml:id: "Source: memoir ¶ 34–35, p. 57." — a link to the
    source paragraph, whose page edition.publish.pdf prints (span.pageref) — then the differences the
    collation apparatus records (standOff/listApp/app[@corresp = #quote]), keyed α1, α2 …, each as
    "quotation's reading] source's reading witness (kind)", like the apparatus of corrections;
  * at the end of a paragraph quoted elsewhere (standOff linkGrp[@type=quotation]/link whose first
    target is the paragraph, or a quote/@source pointing to it): "¶ 34 is quoted in Wikipedia
    § Bucharest Conference, p. 12 (note α)", linking to the quotation.
  In the quotation the words between each app's @from and @to anchors are shaded and followed by the
  key (α1), which links to its entry in the note (and the entry's key back to it); a silent omission
  (@from = @to) is a shaded caret; apps without anchors are listed in the note only. Pointers ("file.xml#id") are resolved by xml:id in the book (the edition's ids are unique,
  each text has its own prefix); the site corpus (the input) gives the files' labels.

  Input: quote, p, anchor and text nodes of the reading texts; standOff linkGrp and listApp.
  Modes: print. Named templates: pf:source-note, pf:quoted-in-note.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:f="urn:x-edition:functions"
  xmlns:pf="urn:x-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">


  <!-- What each kind of difference is called in the apparatus of quotations. -->
  <xsl:variable name="pf:diff-kinds" as="map(xs:string, xs:string)" select="map{
      'omission': 'omitted, marked by an ellipsis', 'silent-omission': 'omitted without an ellipsis',
      'interpolation': 'inserted in brackets', 'bracketed-substitution': 'replaced in brackets',
      'addition': 'added', 'variant': 'changed'}"/>

  <!-- ===== the apparatus of quotations: series, pointers, labels ===== -->

  <xsl:accumulator name="src-series" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="quote[pf:has-source-note(.)]" select="$value + 1"/>
    <xsl:accumulator-rule match="p[pf:is-quoted(.)]" phase="end" select="$value + 1"/>
  </xsl:accumulator>



  <xsl:function name="pf:greek" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="letter" as="xs:string" select="substring('αβγδεζηθικλμνξοπρστυφχψω', ($n - 1) mod 24 + 1, 1)"/>
    <xsl:sequence select="string-join((1 to ($n - 1) idiv 24 + 1) ! $letter)"/>
  </xsl:function>





  <!-- "34–35, 40": paragraph numbers with consecutive runs as ranges. -->
  <xsl:function name="pf:ranges" as="xs:string">
    <xsl:param name="ns" as="xs:integer*"/>
    <xsl:variable name="sorted" as="xs:integer*" select="sort(distinct-values($ns))"/>
    <xsl:variable name="starts" as="xs:integer*" select="for $i in 1 to count($sorted) return $i[$i eq 1 or $sorted[$i - 1] ne $sorted[$i] - 1]"/>
    <xsl:sequence select="string-join(for $i in 1 to count($starts) return
      let $first := $sorted[$starts[$i]],
          $last := $sorted[($starts[$i + 1], count($sorted) + 1)[1] - 1]
      return if ($first eq $last) then string($first) else $first || '–' || $last, ', ')"/>
  </xsl:function>

  <!-- A quotation that gets a source note: one with an id and a @source, in a reading text, not in a note. -->
  <xsl:function name="pf:has-source-note" as="xs:boolean">
    <xsl:param name="q" as="element(quote)"/>
    <xsl:sequence select="exists($q/@xml:id) and normalize-space($q/@source) ne ''
                          and exists($q/ancestor::text) and empty($q/ancestor::note)"/>
  </xsl:function>

  <!-- The quotations in the book that quote a paragraph (through the links or their @source). -->
  <xsl:function name="pf:quoters" as="element(quote)*">
    <xsl:param name="p" as="element(p)"/>
    <xsl:variable name="id" as="xs:string" select="string($p/@xml:id)"/>
    <xsl:sequence select="if ($id = '' or empty($p/ancestor::text) or exists($p/ancestor::note)) then ()
      else (key('f:quoted-links', $id, root($p)) ! (tokenize(normalize-space(@target))[position() gt 1] ! f:pointed(., $p))
            | key('f:quotes-by-source', $id, root($p)))[self::quote][pf:has-source-note(.)]"/>
  </xsl:function>

  <xsl:function name="pf:is-quoted" as="xs:boolean">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="exists(pf:quoters($p))"/>
  </xsl:function>

  <!-- The mark of a quotation's note (α) and the key of one of its differences (α1). -->
  <xsl:function name="pf:src-mark" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="pf:greek($e/accumulator-before('src-series'))"/>
  </xsl:function>

  <!-- The apparatus entries of a quotation in the order of the text: by the document order of their
       @from anchors (entries sharing one in listApp order), then those without anchors in listApp order. -->
  <xsl:function name="pf:quote-apps" as="element(app)*">
    <xsl:param name="q" as="element(quote)"/>
    <xsl:variable name="apps" as="element(app)*" select="key('f:apps', string($q/@xml:id), root($q))"/>
    <xsl:variable name="froms" as="element(anchor)*" select="($apps ! f:app-anchor(., 'from'))/."/>
    <xsl:sequence select="($froms ! (let $from := . return $apps[f:app-anchor(., 'from') is $from]),
                           $apps[empty(f:app-anchor(., 'from'))])"/>
  </xsl:function>

  <!-- The number of each of a quotation's apparatus entries (by generate-id), in text order. -->
  <xsl:function name="pf:diff-numbers" as="map(xs:string, xs:integer)">
    <xsl:param name="q" as="element(quote)"/>
    <xsl:variable name="apps" as="element(app)*" select="pf:quote-apps($q)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($apps) return map{generate-id($apps[$i]): $i})"/>
  </xsl:function>

  <xsl:function name="pf:diff-key" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:param name="q" as="element(quote)"/>
    <xsl:sequence select="pf:src-mark($q) || pf:diff-numbers($q)(generate-id($app))"/>
  </xsl:function>

  <!-- A quotation the collation compared with its source: it has a link in the quotation links. -->
  <xsl:function name="pf:is-collated" as="xs:boolean">
    <xsl:param name="q" as="element(quote)"/>
    <xsl:sequence select="exists($q/ancestor::TEI[1]/standOff//linkGrp[@type = 'quotation']/link
                                 [tokenize(normalize-space(@target))[1] eq '#' || $q/@xml:id])"/>
  </xsl:function>


  <!-- The lemma of a quotation in its note: its words, the first two … the last two of a longer one. -->
  <xsl:function name="pf:lemma" as="xs:string">
    <xsl:param name="q" as="element(quote)"/>
    <!-- block by block: the words of two paragraphs do not run together -->
    <xsl:variable name="words" as="xs:string*" select="tokenize(string-join(
        if ($q/(p | lg | l)) then $q/(p | lg | l) ! f:reading(.) else f:reading($q), ' '))"/>
    <xsl:sequence select="if (count($words) le 5) then string-join($words, ' ')
                          else string-join(($words[position() le 2], '…', $words[position() ge last() - 1]), ' ')"/>
  </xsl:function>

  <!-- ===== a quotation and its source note ===== -->

  <xsl:template match="quote[pf:has-source-note(.)]" mode="print">
    <xsl:variable name="call" as="element()+">
      <span class="fn-anchor" id="call-src-{@xml:id}"/>
      <span class="fn fn-src" id="src-{@xml:id}" data-mark="{pf:src-mark(.)}">
        <!-- keyed, as the critical apparatus, by the quotation's lines and a lemma -->
        <span class="ln-ref" data-href="#{@xml:id}" data-end="#call-src-{@xml:id}">00–00</span>
        <xsl:text> </xsl:text>
        <span class="lem">{pf:lemma(.)}</span><span class="app-sep">] </span>
        <xsl:call-template name="pf:source-note"/>
      </span>
    </xsl:variable>
    <xsl:variable name="printed" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:choose>
      <!-- a block quotation: the call ends its last block, not a line of its own after it -->
      <xsl:when test="count($printed) eq 1 and $printed[self::Q{http://www.w3.org/1999/xhtml}blockquote]">
        <xsl:apply-templates select="$printed" mode="pf:call-at-end">
          <xsl:with-param name="call" select="$call" tunnel="yes"/>
          <xsl:with-param name="id" select="pf:id(.)" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$printed, $call"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Places the call of a block quotation's note at the end of its last block (p, div, list item…),
       the blockquote getting the quotation's id for the links to it. -->
  <xsl:mode name="pf:call-at-end" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="Q{http://www.w3.org/1999/xhtml}*" mode="pf:call-at-end">
    <xsl:param name="call" as="element()+" tunnel="yes"/>
    <xsl:param name="id" as="xs:string" tunnel="yes"/>
    <xsl:variable name="last" as="element()?" select="*[last()][not(following-sibling::text()[normalize-space()])]
      [local-name() = ('p', 'div', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dd', 'lg', 'section')]"/>
    <xsl:copy>
      <xsl:if test="self::Q{http://www.w3.org/1999/xhtml}blockquote and empty(@id) and empty(parent::*)">
        <xsl:attribute name="id" select="$id"/>
      </xsl:if>
      <xsl:sequence select="@*"/>
      <xsl:sequence select="node()[not(. is $last)]"/>
      <xsl:choose>
        <xsl:when test="$last"><xsl:apply-templates select="$last" mode="pf:call-at-end"/></xsl:when>
        <xsl:otherwise><xsl:sequence select="$call"/></xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <xsl:template name="pf:source-note">
    <xsl:context-item as="element(quote)" use="required"/>
    <xsl:variable name="q" as="element(quote)" select="."/>
    <xsl:variable name="pointers" as="xs:string*" select="tokenize(normalize-space(@source))"/>
    <xsl:variable name="targets" as="element()*" select="$pointers ! f:pointed(., $q)"/>
    <xsl:variable name="apps" as="element(app)*" select="pf:quote-apps(.)"/>
    <span class="src-label">Source: </span>
    <xsl:for-each-group select="$targets" group-by="generate-id(ancestor::TEI[1])">
      <xsl:if test="position() gt 1">; </xsl:if>
      <xsl:variable name="numbers" as="xs:integer*" select="current-group()/self::p[f:is-numbered-para(.)]/f:para-number(.)"/>
      <a class="src-ref" href="#{current-group()[1]/@xml:id}">{f:text-label(ancestor::TEI[1])}{
        if (exists($numbers)) then ' ¶ ' || pf:ranges($numbers) else ''}, p. <span class="pageref" data-href="#{current-group()[1]/@xml:id}"/></a>
    </xsl:for-each-group>
    <xsl:for-each select="$pointers[empty(f:pointed(., $q))]">
      <xsl:if test="position() gt 1 or exists($targets)">; </xsl:if>
      <span class="src-elsewhere">{f:file-label(., $q)}{f:ptr-id(.)[.] ! (', ' || .)} (not in this book)</span>
    </xsl:for-each>
    <xsl:text>.</xsl:text>
    <xsl:choose>
      <xsl:when test="exists($apps)">
        <xsl:text> Differences: </xsl:text>
        <xsl:for-each select="$apps">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:call-template name="pf:diff-entry"><xsl:with-param name="q" select="$q"/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </xsl:when>
      <xsl:when test="pf:is-collated(.)">
        <xsl:text> Quoted without difference, apart from punctuation and case.</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "α1 [we]] om. memoir (inserted in brackets)": the key, the quotation's reading (a caret for a
       silent omission), a bracket, the source's reading ("om." when it has none), the witness, the kind. -->
  <xsl:template name="pf:diff-entry">
    <xsl:context-item as="element(app)" use="required"/>
    <xsl:param name="q" as="element(quote)" required="yes"/>
    <xsl:variable name="lem" as="xs:string" select="normalize-space(string-join(lem//text()))"/>
    <xsl:variable name="rdg" as="element(rdg)?" select="rdg[1]"/>
    <xsl:variable name="witness" as="element()?" select="tokenize(normalize-space($rdg/@source))[1] ! f:pointed(., $q)"/>
    <span class="src-diff" id="diff-{pf:id(.)}">
      <span class="diff-key">
        <xsl:choose>
          <xsl:when test="f:app-anchor(., 'to')"><a href="#{f:app-anchor(., 'to')/@xml:id}">{pf:diff-key(., $q)}</a></xsl:when>
          <xsl:otherwise>{pf:diff-key(., $q)}</xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:text> </xsl:text>
      <span class="lem">{if ($lem) then $lem else '⁁'}</span>
      <span class="app-sep">] </span>
      <xsl:choose>
        <xsl:when test="normalize-space(string-join($rdg//text()))">
          <span class="rdg"><xsl:apply-templates select="$rdg/node()" mode="app"/></span>
        </xsl:when>
        <xsl:otherwise><span class="om">om.</span></xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <span class="wit">{if ($witness) then f:text-label($witness/ancestor::TEI[1])
                         else tokenize(normalize-space($rdg/@source))[1] ! f:file-label(., $q)}</span>
      <span class="diff-kind"> ({($pf:diff-kinds(string(@type)), 'differs')[1]})</span>
    </span>
  </xsl:template>

  <!-- ===== the differences marked in the quotation ===== -->

  <xsl:template match="text()[ancestor::quote[pf:has-source-note(.)]]" mode="print">
    <xsl:variable name="t" as="text()" select="."/>
    <xsl:variable name="q" as="element(quote)" select="ancestor::quote[pf:has-source-note(.)][1]"/>
    <xsl:variable name="placed" as="element(app)*" select="key('f:apps', string($q/@xml:id))
      [@from and @to and normalize-space(@from) ne normalize-space(@to)]
      [f:app-anchor(., 'from') &lt;&lt; $t and $t &lt;&lt; f:app-anchor(., 'to')]"/>
    <xsl:choose>
      <xsl:when test="exists($placed) and empty(ancestor::note | ancestor::sic | ancestor::orig)">
        <span class="diff">{.}</span>
      </xsl:when>
      <xsl:otherwise>{.}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The anchor that ends a difference: the anchor itself (no visible mark), then the key; a silent
       omission (@from = @to) first gets its caret. -->
  <xsl:template match="anchor[@xml:id][key('f:app-ends', string(@xml:id))]" mode="print">
    <xsl:variable name="q" as="element(quote)?" select="ancestor::quote[pf:has-source-note(.)][1]"/>
    <xsl:variable name="ends" as="element(app)*" select="key('f:app-ends', string(@xml:id))"/>
    <xsl:next-match/>
    <!-- every difference of the quotation that ends here, in the order of their keys -->
    <xsl:for-each select="$q ! pf:quote-apps(.)[some $e in $ends satisfies $e is .]">
      <xsl:if test="normalize-space(@from) eq normalize-space(@to)">
        <span class="diff diff-sign">⁁</span>
      </xsl:if>
      <sup class="diff-key"><a href="#diff-{pf:id(.)}">{pf:diff-key(., $q)}</a></sup>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== a paragraph quoted elsewhere ===== -->

  <xsl:template match="p[pf:is-quoted(.)]" mode="print">
    <xsl:variable name="source" as="element(p)" select="."/>
    <xsl:variable name="printed" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:for-each select="$printed">
      <xsl:choose>
        <xsl:when test="self::*">
          <xsl:copy>
            <xsl:sequence select="@*, node()"/>
            <span class="fn-anchor" id="call-quoted-{$source/@xml:id}"/>
            <span class="fn fn-src" id="quoted-{$source/@xml:id}" data-mark="{pf:greek($source/accumulator-after('src-series'))}">
              <span class="ln-ref" data-href="#{$source/@xml:id}" data-end="#call-quoted-{$source/@xml:id}">00–00</span>
              <xsl:text> </xsl:text>
              <xsl:call-template name="pf:quoted-in-note"><xsl:with-param name="p" select="$source"/></xsl:call-template>
            </span>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- "¶ 34 is quoted in Wikipedia § Bucharest Conference, p. 12 (note α)". -->
  <xsl:template name="pf:quoted-in-note">
    <xsl:param name="p" as="element(p)" required="yes"/>
    <xsl:variable name="quotes" as="element(quote)*" select="pf:quoters($p)"/>
    <span class="src-label">{if (f:is-numbered-para($p)) then '¶ ' || $p/f:para-number(.) || ' is quoted' else 'Quoted'} in </span>
    <!-- one entry per text and section; further quotations from the same section follow it -->
    <xsl:for-each-group select="$quotes" group-by="generate-id((ancestor::div[head][1], ancestor::TEI[1])[1])">
      <xsl:if test="position() gt 1">; and in </xsl:if>
      <xsl:for-each select="current-group()">
        <xsl:if test="position() gt 1"> and </xsl:if>
        <a class="src-ref" href="#{@xml:id}">{if (position() eq 1) then f:text-label(ancestor::TEI[1])
          || (ancestor::div[head][1] ! (' § ' || f:reading(head[1]))) || ', ' else ''}p. <span class="pageref" data-href="#{@xml:id}"/></a>
        <xsl:text> (note {pf:src-mark(.)})</xsl:text>
      </xsl:for-each>
    </xsl:for-each-group>
    <xsl:text>.</xsl:text>
  </xsl:template>

</xsl:stylesheet>
