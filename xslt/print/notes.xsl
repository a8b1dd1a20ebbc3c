<?xml version="1.0" encoding="UTF-8"?>
<!--
  notes.xsl — notes and apparatus of the print book.

  The apparatus is arranged in series, as in a critical edition (reledmac): each series is its own
  block at the foot of the page (edition.publish.footnote_series orders and separates them; their
  order, rules and type are print parameters, edition.publish.print_params and print.css):
  * authorial notes (note[@type='authorial'], and unmarked notes of other TEI documents): numbered
    as in the source (@n), otherwise counted per text (f:note-label); upright numerals;
  * the critical apparatus (fn-crit): every correction or regularisation (choice: sic/corr,
    orig/reg) — the reading text prints corr/reg with no mark; the entry, keyed to the printed line
    (span.ln-ref, filled in after layout by edition.publish.lines), reads "12 lemma] transmitted
    reading source"; the entries of a page run on as one paragraph. A correction made the same way
    at least $app-group-min times in a text (e.g. '?' for a lost dash) has no entry: the principles
    state it once and the list of corrections gives its places;
  * the apparatus of quotations (fn-src), made by links.xsl;
  * the editors' notes (note[@type='editorial'] or note[@resp]), lettered a, b, c … per text with
    the labels of the digital edition (f:note-label).
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

  <!-- Corrections by kind: their text, and the transmitted and the printed reading. -->
  <xsl:key name="pf:correction" match="choice" use="pf:correction-kind(.)"/>

  <xsl:function name="pf:correction-kind" as="xs:string">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:sequence select="string-join((generate-id($choice/ancestor::TEI[1]),
                          ($choice/(sic, orig)[1], $choice/(corr, reg)[1]) ! string(.)), '&#xE000;')"/>
  </xsl:function>

  <!-- A correction of the apparatus that the running text prints with its anchor, so that the list of corrections
       can give its page and line: not one inside the transmitted reading of another (<choice><reg>…</reg>
       <orig><choice><corr>c</corr><sic>l</sic></choice>…</orig></choice>, as EpiDoc encodes a corrected letter
       of a regularised word), which is printed as that reading's text, without anchors. -->
  <xsl:function name="pf:is-listed-correction" as="xs:boolean">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:sequence select="f:is-apparatus($choice)
      and empty($choice/ancestor::*[self::sic or self::orig][parent::choice[f:is-apparatus(.)]])"/>
  </xsl:function>

  <!-- A correction made the same way at least $app-group-min times in its text: stated once in the
       principles, listed with its places in the list of corrections, no apparatus entry. -->
  <xsl:function name="pf:is-grouped" as="xs:boolean">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:sequence select="$app-group-min gt 0 and pf:is-listed-correction($choice) and empty($choice/ancestor::note)
                          and count(key('pf:correction', pf:correction-kind($choice), root($choice))
                                    [pf:is-listed-correction(.)][empty(ancestor::note)]) ge $app-group-min"/>
  </xsl:function>

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
      <xsl:when test="pf:is-long-note(.)">
        <!-- its call only: the note is set after the text (pf:long-notes) -->
        <span class="fn-anchor" id="call-{pf:footnote-id(.)}"/>
        <a class="long-note-call {if ($editorial) then 'long-note-ed' else 'long-note-auth'}" href="#{pf:footnote-id(.)}">{f:note-label(.)}</a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="mark" as="xs:string" select="
          f:note-label(.)"/>
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

  <!-- A note of the running text too long for the foot of a page ($long-note-chars): set after its text. -->
  <xsl:function name="pf:is-long-note" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="f:is-counted-note($note) and string-length(normalize-space($note)) gt $long-note-chars"/>
  </xsl:function>

  <!-- The longer notes of a text (context: its TEI), after it, each with its mark and the page of its call; its
       paragraphs are paragraphs, as in the running text. -->
  <xsl:template name="pf:long-notes">
    <xsl:context-item as="element(TEI)" use="required"/>
    <xsl:variable name="tei" select="."/>
    <xsl:variable name="long" as="element(note)*" select="text//note[ancestor::TEI[1] is $tei][pf:is-long-note(.)]"/>
    <xsl:if test="exists($long)">
      <section class="long-notes">
        <h2 class="long-notes-head">Longer notes</h2>
        <xsl:for-each select="$long">
          <div class="long-note" id="{pf:footnote-id(.)}">
            <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
            <p class="long-note-label"><span class="long-note-mark">{f:note-label(.)}</span> (p. <span class="pageref" data-href="#call-{pf:footnote-id(.)}"/>)</p>
            <xsl:choose>
              <xsl:when test="p | ab | lg | list | table | quote[p]"><xsl:apply-templates mode="print"/></xsl:when>
              <xsl:otherwise><p class="p"><xsl:apply-templates mode="print"/></p></xsl:otherwise>
            </xsl:choose>
          </div>
        </xsl:for-each>
      </section>
    </xsl:if>
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
    <xsl:variable name="entry" as="xs:boolean" select="f:is-apparatus(.) and not(ancestor::teiHeader) and not(pf:is-grouped(.))"/>
    <span class="app-anchor" id="corr-{pf:id(.)}"/>
    <xsl:if test="$entry and not($in-note)">
      <!-- the entry's (invisible) call where the lemma begins, so that it cannot fall on another line, or
           page, than the lemma's first word; a space last: the entries of a page run on, and are copied,
           as words apart -->
      <span class="fn fn-crit" id="app-{pf:id(.)}">
        <span class="ln-ref" data-href="#corr-{pf:id(.)}" data-end="#corr-{pf:id(.)}-end">00</span>
        <xsl:text> </xsl:text>
        <xsl:call-template name="pf:app-entry"/>
        <xsl:text> </xsl:text>
      </span>
    </xsl:if>
    <span class="{local-name($reading)}"><xsl:apply-templates select="$reading/node()" mode="print"/></span>
    <span class="app-anchor app-end" id="corr-{pf:id(.)}-end"/>
    <xsl:if test="$entry and $in-note">
      <span class="app-inline"> [{local-name($transmitted)}.: <xsl:apply-templates select="$transmitted/node()" mode="app"/>]</span>
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
    <xsl:if test="self::sic and not(parent::choice) and not(f:sic-in-word(.))"><span class="sic-mark"> [sic]</span></xsl:if>
  </xsl:template>
  <!-- the rest of a word a sic is inside, then the sic's mark (f:sic-in-word; no function in the pattern: it is
       tried on every text of the book) -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::sic][not(parent::choice)]][matches(., '^\w')]" mode="print">
    <xsl:variable name="word" select="f:leading-word(.)"/>
    <xsl:value-of select="$word"/><span class="sic-mark"> [sic]</span><xsl:value-of select="substring(., string-length($word) + 1)"/>
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
