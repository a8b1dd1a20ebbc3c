<?xml version="1.0" encoding="UTF-8"?>
<!--
  numbering.xsl — numbers of notes, paragraphs, entity mentions and corrections from a map precomputed once
  per transformation (never count(preceding::…)). Numbering restarts at every TEI element, so a text numbers
  the same whether it is the principal input or part of a corpus wrapper.
  Input: TEI P5 documents (or a wrapper holding several TEI elements).
  Modes: none. Functions: f:note-label, f:para-number, f:mention-id, f:choice-id, f:said-id, f:date-id.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- The position of every numbered node of each TEI text, precomputed once per transformation (one path
       per kind; the map is keyed by generate-id and never output): numbered notes (n), lettered notes (l),
       paragraphs (p), entity mentions (m), corrections (c), attributed speech (said/@who), dates (date-n: the
       timeline links each of its points to the date's own sentence). Numbering restarts in each TEI element. The
       selections must agree with the f:is-… functions below. -->
  <xsl:variable name="f:numbers" as="map(xs:string, xs:integer)" select="map:merge((
      f:positions(//TEI),
      for $t in //TEI return
        let $notes := $t/text//note
        return (f:positions($notes[f:is-numbered-note(.)]), f:positions($notes[not(f:is-numbered-note(.))]),
                f:positions($t/text//p[f:is-numbered-para(.)]),
                f:positions($t/text//(persName | placeName | orgName | name | rs)[@ref]),
                f:positions($t/text//choice),
                f:positions($t/text//said[@who]),
                f:positions($t/text//date))))"/>

  <!-- Map entries numbering each node of a sequence by its position. -->
  <xsl:function name="f:positions" as="map(xs:string, xs:integer)*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="for $i in 1 to count($nodes) return map:entry(generate-id($nodes[$i]), $i)"/>
  </xsl:function>

  <!-- A generated id: scoped by text inside a teiCorpus, and prefixed with "ed-" in the rare case that the
       document already uses it as an xml:id. -->
  <xsl:function name="f:free-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="tei" select="$context/ancestor-or-self::TEI[1]"/>
    <!-- inside a teiCorpus every text numbers from 1: its ids carry the text's position -->
    <xsl:variable name="scoped" select="if ($tei/ancestor::teiCorpus) then 't' || f:number($tei) || '-' || $id else $id"/>
    <xsl:sequence select="if (exists(key('f:id', $scoped, root($context)))) then 'ed-' || $scoped else $scoped"/>
  </xsl:function>

  <xsl:function name="f:number" as="xs:integer">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($f:numbers(generate-id($node)), 0)[1]"/>
  </xsl:function>

  <!-- Notes of the numbered series: authorial notes, and untyped notes without editorial responsibility;
       the others (type="editorial" or with @resp) are lettered. -->
  <xsl:function name="f:is-numbered-note" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="not($note/@type = 'editorial') and ($note/@type = 'authorial' or not($note/@resp))"/>
  </xsl:function>

  <!-- Paragraphs numbered in the margin: those of the running text, not inside notes, lists, tables, speeches or quotations. -->
  <xsl:function name="f:is-numbered-para" as="xs:boolean">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="exists($p/ancestor::text) and empty($p/ancestor::note | $p/ancestor::cell | $p/ancestor::item
                          | $p/ancestor::sp | $p/ancestor::quote | $p/ancestor::figure | $p/ancestor::argument
                          | $p/ancestor::floatingText | $p/ancestor::castList | $p/ancestor::teiHeader | $p/ancestor::standOff)"/>
  </xsl:function>

  <xsl:function name="f:is-mention" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/self::persName | $e/self::placeName | $e/self::orgName | $e/self::name | $e/self::rs)
                          and exists($e/@ref) and exists($e/ancestor::text)"/>
  </xsl:function>

  <!-- The label of a note: authorial notes keep their source number (@n), editorial ones are lettered a, b, c… -->
  <xsl:function name="f:note-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if (f:is-numbered-note($note))
                          then (normalize-space($note/@n)[.], string(f:number($note)))[1]
                          else format-integer(f:number($note), 'a')"/>
  </xsl:function>

  <!-- The HTML id of a note: its xml:id, else a stable id from its series and position. -->
  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id/string(),
                           f:free-id(if (f:is-numbered-note($note)) then 'note-' || f:number($note)
                                     else 'enote-' || f:number($note), $note))[1]"/>
  </xsl:function>

  <xsl:function name="f:para-number" as="xs:integer">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="f:number($p)"/>
  </xsl:function>

  <xsl:function name="f:para-id" as="xs:string">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="($p/@xml:id/string(), f:free-id('p' || f:para-number($p), $p))[1]"/>
  </xsl:function>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/@xml:id/string(), f:free-id('m' || f:number($e), $e))[1]"/>
  </xsl:function>

  <!-- The HTML id of a said with a speaker (@who): the register lists it under the speaker. -->
  <xsl:function name="f:said-id" as="xs:string">
    <xsl:param name="s" as="element(said)"/>
    <xsl:sequence select="($s/@xml:id/string(), f:free-id('said' || f:number($s), $s))[1]"/>
  </xsl:function>

  <!-- The HTML id of a date: "date-n", n its position among the text's dates (xslt/timeline/timeline.xsl
       computes the same n for the same date, so each point of the timeline links to its sentence). -->
  <xsl:function name="f:date-id" as="xs:string">
    <xsl:param name="d" as="element()"/>
    <xsl:sequence select="($d/@xml:id/string(), f:free-id('date-' || f:number($d), $d))[1]"/>
  </xsl:function>

  <xsl:function name="f:choice-id" as="xs:string">
    <xsl:param name="c" as="element(choice)"/>
    <xsl:sequence select="($c/@xml:id/string(), f:free-id('c' || f:number($c), $c))[1]"/>
  </xsl:function>
</xsl:stylesheet>
