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
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- Notes of the numbered series: authorial notes, and untyped notes without editorial responsibility. -->
  <xsl:accumulator name="f:numbered-notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="text//note[f:is-numbered-note(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Notes of the lettered series: editorial notes (type="editorial" or with @resp). -->
  <xsl:accumulator name="f:lettered-notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="text//note[not(f:is-numbered-note(.))]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Paragraphs of the running text (not inside notes). -->
  <xsl:accumulator name="f:paragraphs" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="p[f:is-numbered-para(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Mentions of entities (names and dates with @ref or @key). -->
  <xsl:accumulator name="f:mentions" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="text//*[f:is-mention(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Editorial interventions shown as alternative readings. -->
  <xsl:accumulator name="f:choices" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="text//choice" select="$value + 1"/>
  </xsl:accumulator>

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
                          and exists($e/@ref) and not($e/ancestor::teiHeader)"/>
  </xsl:function>

  <!-- The label of a note: authorial notes keep their source number (@n), editorial ones are lettered a, b, c… -->
  <xsl:function name="f:note-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if (f:is-numbered-note($note))
                          then (normalize-space($note/@n)[.], string($note/accumulator-before('f:numbered-notes')))[1]
                          else format-integer($note/accumulator-before('f:lettered-notes'), 'a')"/>
  </xsl:function>

  <!-- The HTML id of a note: its xml:id, else a stable id from its series and position. -->
  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id/string(),
                           if (f:is-numbered-note($note)) then 'note-' || $note/accumulator-before('f:numbered-notes')
                           else 'enote-' || $note/accumulator-before('f:lettered-notes'))[1]"/>
  </xsl:function>

  <xsl:function name="f:para-number" as="xs:integer">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="$p/accumulator-before('f:paragraphs')"/>
  </xsl:function>

  <xsl:function name="f:para-id" as="xs:string">
    <xsl:param name="p" as="element(p)"/>
    <xsl:sequence select="($p/@xml:id/string(), 'p' || f:para-number($p))[1]"/>
  </xsl:function>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/@xml:id/string(), 'm' || $e/accumulator-before('f:mentions'))[1]"/>
  </xsl:function>

  <xsl:function name="f:choice-id" as="xs:string">
    <xsl:param name="c" as="element(choice)"/>
    <xsl:sequence select="($c/@xml:id/string(), 'c' || $c/accumulator-before('f:choices'))[1]"/>
  </xsl:function>
</xsl:stylesheet>
