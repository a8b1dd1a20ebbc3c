<?xml version="1.0" encoding="UTF-8"?>
<!--
  numbering.xsl — the edition model's counts, by accumulators (never count(preceding::…), never a map of
  positions): texts, paragraphs, the note series, entity mentions, corrections, attributed speech and
  dates. Every count restarts at each TEI element, so a text numbers the same whether it is the principal
  input, a member of a teiCorpus, or part of a corpus wrapper (the site corpus, the print book); the one
  exception is f:entry-mentions, which counts each register entry's mentions through the whole input (the
  print indexes' anchors). The HTML, print and timeline stylesheets all number through these functions,
  so a paragraph, a note or a date has the same number on screen, on paper and on the timeline.
  Input: TEI P5 documents (the initial mode needs use-accumulators="#all"; documents supplied as
  parameters or read with doc() have every accumulator).
  Modes: none. Functions: f:is-… (what is counted), f:…-number / f:…-id (numbers and generated ids).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- ===== what is counted ===== -->

  <!-- Notes of the numbered series: authorial notes, and untyped notes without editorial responsibility;
       the others (type="editorial" or with @resp) are the editors' lettered series. -->
  <xsl:function name="f:is-numbered-note" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="not($note/@type = 'editorial') and ($note/@type = 'authorial' or not($note/@resp))"/>
  </xsl:function>

  <!-- A note of one of the two series: in a reading text, not inside another note nor inside the transmitted
       reading of a correction (sic, orig: the print book gives it in the apparatus, a footnote); those are
       printed inline, in brackets, and are not counted. -->
  <xsl:function name="f:is-counted-note" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="exists($note/ancestor::text) and empty($note/ancestor::note)
                          and empty($note/ancestor::*[self::sic or self::orig][parent::choice[f:is-apparatus(.)]])"/>
  </xsl:function>

  <!-- A correction or regularisation with both readings: an entry of the apparatus of corrections. -->
  <xsl:function name="f:is-apparatus" as="xs:boolean">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:sequence select="exists($choice/sic) and exists($choice/corr) or exists($choice/orig) and exists($choice/reg)"/>
  </xsl:function>

  <!-- Paragraphs numbered in the margin (¶): those of the running text, not inside notes, lists, tables,
       speeches or quotations. -->
  <xsl:function name="f:is-numbered-para" as="xs:boolean">
    <xsl:param name="p" as="element(p)"/>
    <!-- ancestor steps by element name (the tree walks them by name code, ~30 ns each); one step ancestor::*[…]
         with a predicate of eleven self:: tests evaluates the predicate on every ancestor and is slower
         (bench/RESULTS.md, issue 13) -->
    <xsl:sequence select="exists($p/ancestor::text) and not($p/ancestor::note or $p/ancestor::cell or $p/ancestor::item
                          or $p/ancestor::sp or $p/ancestor::quote or $p/ancestor::figure or $p/ancestor::argument
                          or $p/ancestor::floatingText or $p/ancestor::castList or $p/ancestor::teiHeader or $p/ancestor::standOff)"/>
  </xsl:function>

  <!-- A mention of a person, place or organisation that the edition counts (register pages, print
       indexes): persName, placeName, orgName, or name/rs with @ref, in a reading text, not in a
       transmitted reading (sic, orig), not inside another mention. (One inside a deliberately suppressed
       element is not rendered: the print indexes and the register pages leave it out, f:in-suppressed.) -->
  <xsl:function name="f:is-mention" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- ancestor steps by element name, as in f:is-numbered-para -->
    <xsl:sequence select="exists($e[self::persName or self::placeName or self::orgName or self::name[@ref] or self::rs[@ref]])
                          and exists($e/ancestor::text)
                          and not($e/ancestor::sic or $e/ancestor::orig or $e/ancestor::persName or $e/ancestor::placeName
                                  or $e/ancestor::orgName or $e/ancestor::name[@ref] or $e/ancestor::rs[@ref])"/>
  </xsl:function>

  <!-- ===== the counts ===== -->

  <!-- The position of each TEI element in its document (a teiCorpus, a corpus wrapper). -->
  <xsl:accumulator name="f:tei-n" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The counts of one text, in one pass over the document: paragraphs (p), the numbered notes (n), the
       editors' notes (l), mentions with @ref (m), choices (c), said with a speaker (s), dates (d). -->
  <xsl:accumulator name="f:counts" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="TEI" select="map{}"/>
    <xsl:accumulator-rule match="p[f:is-numbered-para(.)]" select="f:count-one($value, 'p')"/>
    <xsl:accumulator-rule match="note[f:is-counted-note(.)]" select="f:count-one($value, if (f:is-numbered-note(.)) then 'n' else 'l')"/>
    <xsl:accumulator-rule match="persName[@ref] | placeName[@ref] | orgName[@ref] | name[@ref] | rs[@ref]"
                          select="if (f:is-mention(.)) then f:count-one($value, 'm') else $value"/>
    <xsl:accumulator-rule match="choice[ancestor::text]" select="f:count-one($value, 'c')"/>
    <xsl:accumulator-rule match="said[@who][ancestor::text]" select="f:count-one($value, 's')"/>
    <xsl:accumulator-rule match="date[ancestor::text]" select="f:count-one($value, 'd')"/>
  </xsl:accumulator>

  <xsl:function name="f:count-one" as="map(xs:string, xs:integer)">
    <xsl:param name="counts" as="map(xs:string, xs:integer)"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map:put($counts, $kind, ($counts($kind), 0)[1] + 1)"/>
  </xsl:function>

  <!-- The count of a kind at a node (the node itself included). -->
  <xsl:function name="f:counted" as="xs:integer">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="($node/accumulator-before('f:counts')($kind), 0)[1]"/>
  </xsl:function>

  <!-- Mentions counted per register entry (f:index-key) through the whole input, in document order. -->
  <xsl:accumulator name="f:entry-mentions" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="persName | placeName | orgName | name[@ref] | rs[@ref]" phase="start"
      select="if (f:is-mention(.)) then map:put($value, f:index-key(.), ($value(f:index-key(.)), 0)[1] + 1)
              else $value"/>
  </xsl:accumulator>

  <!-- ===== numbers ===== -->

  <xsl:function name="f:tei-number" as="xs:integer">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/accumulator-before('f:tei-n')"/>
  </xsl:function>

  <xsl:function name="f:para-number" as="xs:integer">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="if (f:is-numbered-para($p)) then f:counted($p, 'p') else 0"/>
  </xsl:function>

  <!-- A note's place in its series (0 for a note that is not counted). -->
  <xsl:function name="f:note-number" as="xs:integer">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if (not(f:is-counted-note($note))) then 0
                          else f:counted($note, if (f:is-numbered-note($note)) then 'n' else 'l')"/>
  </xsl:function>

  <!-- The label of a note: authorial notes keep their source number (@n), editorial ones are lettered a, b, c… -->
  <xsl:function name="f:note-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if (f:is-numbered-note($note))
                          then (normalize-space($note/@n)[.], string(f:note-number($note)))[1]
                          else f:letter(f:note-number($note))"/>
  </xsl:function>

  <!-- a, b, … z, aa, ab …: the letters of the editors' series. -->
  <xsl:function name="f:letter" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="format-integer($n, 'a')"/>
  </xsl:function>

  <!-- ===== generated ids ===== -->

  <!-- A generated id: scoped by text inside a teiCorpus, and prefixed with "ed-" in the rare case that the
       document already uses it as an xml:id. -->
  <xsl:function name="f:free-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="tei" select="$context/ancestor-or-self::TEI[1]"/>
    <!-- inside a teiCorpus every text numbers from 1: its ids carry the text's position (a teiCorpus of the
         TEI P5 document, with its header; not the print book's wrapper) -->
    <xsl:variable name="scoped" select="if ($tei/ancestor::teiCorpus[teiHeader]) then 't' || f:tei-number($tei) || '-' || $id else $id"/>
    <xsl:sequence select="if (exists(key('f:id', $scoped, root($context)))) then 'ed-' || $scoped else $scoped"/>
  </xsl:function>

  <!-- The HTML id of a note: its xml:id, else a stable id from its series and position. -->
  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id/string(),
                           f:free-id((if (f:is-numbered-note($note)) then 'note-' else 'enote-') || f:note-number($note), $note))[1]"/>
  </xsl:function>

  <xsl:function name="f:para-id" as="xs:string">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="($p/@xml:id/string(), f:free-id('p' || f:para-number($p), $p))[1]"/>
  </xsl:function>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/@xml:id/string(), f:free-id('m' || f:counted($e, 'm'), $e))[1]"/>
  </xsl:function>

  <!-- The anchor of a mention in the print indexes: "{entry-key}.{k}", k counting that entry's mentions. -->
  <xsl:function name="f:mention-anchor" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="key" as="xs:string" select="f:index-key($mention)"/>
    <xsl:sequence select="$key || '.' || $mention/accumulator-before('f:entry-mentions')($key)"/>
  </xsl:function>

  <!-- The HTML id of a said with a speaker (@who): the register lists it under the speaker. -->
  <xsl:function name="f:said-id" as="xs:string">
    <xsl:param name="s" as="element(said)"/>
    <xsl:sequence select="($s/@xml:id/string(), f:free-id('said' || f:counted($s, 's'), $s))[1]"/>
  </xsl:function>

  <!-- The id of a date: "date-n", n its position among the text's dates (the timeline links to it). -->
  <xsl:function name="f:date-id" as="xs:string">
    <xsl:param name="d" as="element()"/>
    <xsl:sequence select="($d/@xml:id/string(), f:free-id('date-' || f:counted($d, 'd'), $d))[1]"/>
  </xsl:function>

  <xsl:function name="f:choice-id" as="xs:string">
    <xsl:param name="c" as="element(choice)"/>
    <xsl:sequence select="($c/@xml:id/string(), f:free-id('c' || f:counted($c, 'c'), $c))[1]"/>
  </xsl:function>
</xsl:stylesheet>
