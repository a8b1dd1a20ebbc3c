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
  Modes: print.
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








  <xsl:template match="persName | placeName | orgName | name[@ref] | rs[@ref]" mode="print">
    <span class="name {local-name()}">
      <xsl:if test="f:is-mention(.)">
        <xsl:attribute name="id" select="f:mention-anchor(.)"/>
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
