<?xml version="1.0" encoding="UTF-8"?>
<!--
  numbering.xsl — accumulators that number notes, paragraphs, entity mentions and corrections in
  one streaming-friendly pass (never count(preceding::…)). Each counter restarts at every TEI element,
  so a text numbers the same whether it is the principal input or part of a corpus wrapper.
  Input: TEI P5 documents (or a wrapper holding several TEI elements).
  Modes: none. Functions: f:note-label, f:para-number, f:mention-id, f:choice-id.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- One accumulator, one pass: counters of numbered notes (n), lettered notes (l), paragraphs (p),
       entity mentions (m) and corrections (c). The note/name/paragraph rules must agree with the
       f:is-… functions below. -->
  <xsl:accumulator name="f:counters" as="map(xs:string, xs:integer)" initial-value="map{'n':0, 'l':0, 'p':0, 'm':0, 'c':0}">
    <xsl:accumulator-rule match="TEI" select="map{'n':0, 'l':0, 'p':0, 'm':0, 'c':0}"/>
    <xsl:accumulator-rule match="note[ancestor::text]" select="if (f:is-numbered-note(.)) then map:put($value, 'n', $value?n + 1) else map:put($value, 'l', $value?l + 1)"/>
    <xsl:accumulator-rule match="p[f:is-numbered-para(.)]" select="map:put($value, 'p', $value?p + 1)"/>
    <xsl:accumulator-rule match="persName[@ref][ancestor::text] | placeName[@ref][ancestor::text] | orgName[@ref][ancestor::text]
                                 | name[@ref][ancestor::text] | rs[@ref][ancestor::text]" select="map:put($value, 'm', $value?m + 1)"/>
    <xsl:accumulator-rule match="choice[ancestor::text]" select="map:put($value, 'c', $value?c + 1)"/>
  </xsl:accumulator>

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
                          then (normalize-space($note/@n)[.], string($note/accumulator-before('f:counters')?n))[1]
                          else format-integer($note/accumulator-before('f:counters')?l, 'a')"/>
  </xsl:function>

  <!-- The HTML id of a note: its xml:id, else a stable id from its series and position. -->
  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id/string(),
                           if (f:is-numbered-note($note)) then 'note-' || $note/accumulator-before('f:counters')?n
                           else 'enote-' || $note/accumulator-before('f:counters')?l)[1]"/>
  </xsl:function>

  <xsl:function name="f:para-number" as="xs:integer">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="$p/accumulator-before('f:counters')?p"/>
  </xsl:function>

  <xsl:function name="f:para-id" as="xs:string">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="($p/@xml:id/string(), 'p' || f:para-number($p))[1]"/>
  </xsl:function>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/@xml:id/string(), 'm' || $e/accumulator-before('f:counters')?m)[1]"/>
  </xsl:function>

  <xsl:function name="f:choice-id" as="xs:string">
    <xsl:param name="c" as="element(choice)"/>
    <xsl:sequence select="($c/@xml:id/string(), 'c' || $c/accumulator-before('f:counters')?c)[1]"/>
  </xsl:function>
</xsl:stylesheet>
