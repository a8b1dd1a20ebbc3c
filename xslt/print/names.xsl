<?xml version="1.0" encoding="UTF-8"?>
<!--
  names.xsl — names and dates in the print book, and the index entries they feed.

  Every mention of a person, place or organisation (persName, placeName, orgName, and name/rs
  with @ref) in a reading text gets an anchor id "{entry-key}.{k}" — entry-key is the register
  id its @ref points to (or "u-{kind}-{slug}" for a name the register does not hold), k counts
  that entry's mentions through the book in document order (accumulator mentions). The indexes
  (index.xsl) link to these anchors; the page numbers are filled in by CSS target-counter and
  then by edition.publish.pdf.
  Register entries are looked up in any listPerson/listPlace/listOrg of the input, by xml:id;
  no URI is dereferenced.

  Input: names and dates in TEI texts; person/place/org entries of the register.
  Modes: print, plain.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:pf="urn:x-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:key name="entity" match="person | personGrp | place | org" use="@xml:id"/>

  <!-- A mention that the indexes count: a name in a reading text, not in a transmitted reading. -->
  <xsl:function name="pf:is-mention" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::text) and empty($e/ancestor::sic | $e/ancestor::orig)
                          and empty($e/ancestor::*[self::persName or self::placeName or self::orgName
                                                   or self::name[@ref] or self::rs[@ref]])"/>
  </xsl:function>

  <!-- The register entry a mention points to (local references "#id" only). -->
  <xsl:function name="pf:entity" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="ref" as="xs:string?" select="tokenize(normalize-space($mention/@ref), ' ')[starts-with(., '#')][1]"/>
    <xsl:sequence select="if ($ref) then key('entity', substring($ref, 2), root($mention))[1] else ()"/>
  </xsl:function>

  <!-- persons | places | orgs: the index a mention belongs to. -->
  <xsl:function name="pf:index-kind" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="entity" as="element()?" select="pf:entity($mention)"/>
    <xsl:variable name="e" as="element()" select="($entity, $mention)[1]"/>
    <xsl:sequence select="
      if ($e/self::person or $e/self::personGrp or $e/self::persName) then 'persons'
      else if ($e/self::place or $e/self::placeName) then 'places'
      else if ($e/self::org or $e/self::orgName) then 'orgs'
      else if ($e/@type = ('person', 'persName')) then 'persons'
      else if ($e/@type = ('place', 'placeName')) then 'places'
      else 'orgs'"/>
  </xsl:function>

  <xsl:function name="pf:index-key" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="entity" as="element()?" select="pf:entity($mention)"/>
    <xsl:sequence select="
      if ($entity) then string($entity/@xml:id)
      else 'u-' || pf:index-kind($mention) || '-'
           || replace(lower-case(pf:plain($mention)), '[^\p{L}\p{N}]+', '-')"/>
  </xsl:function>

  <!-- Mentions counted per entry through the whole book, in document order. -->
  <xsl:accumulator name="mentions" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="persName | placeName | orgName | name[@ref] | rs[@ref]" phase="start"
      select="if (pf:is-mention(.)) then map:put($value, pf:index-key(.), ($value(pf:index-key(.)), 0)[1] + 1)
              else $value"/>
  </xsl:accumulator>

  <xsl:function name="pf:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="key" as="xs:string" select="pf:index-key($mention)"/>
    <xsl:sequence select="$key || '.' || $mention/accumulator-before('mentions')($key)"/>
  </xsl:function>

  <xsl:template match="persName | placeName | orgName | name[@ref] | rs[@ref]" mode="print">
    <span class="name {local-name()}">
      <xsl:if test="pf:is-mention(.)">
        <xsl:attribute name="id" select="pf:mention-id(.)"/>
      </xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="print"/>
    </span>
  </xsl:template>

  <xsl:template match="date | origDate" mode="print">
    <span class="date">
      <xsl:apply-templates mode="print"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
