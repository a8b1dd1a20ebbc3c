<?xml version="1.0" encoding="UTF-8"?>
<!--
  bibliography.xsl — bibliographic records to HTML: a bibliography (listBibl) as a list, an entry per bibl,
  biblStruct, biblFull or msDesc; a record's fields as the encoder punctuated them, else apart by commas, and a
  biblStruct's parts (analytic, monogr, series) by full stops (h:record-parts, through structure.xsl's h:joined);
  the fields of a record (author, publisher, idno …) as spans; a header's source description (h:source-bibl). As the
  print rules (print/structure.xsl). Included by structure.xsl.
  Input: TEI P5 bibl, biblStruct, listBibl and their fields. Modes: h:render (declared in structure.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:template match="listBibl" mode="h:render">
    <div class="listBibl-wrap"><xsl:apply-templates select="head" mode="h:render"/>
      <ul><xsl:sequence select="h:attrs(., true())"/><xsl:apply-templates select="* except head | text()[normalize-space()]" mode="h:render"/></ul>
    </div>
  </xsl:template>
  <xsl:template match="listBibl/bibl | listBibl/biblStruct | listBibl/biblFull | listBibl/msDesc" mode="h:render">
    <li><xsl:sequence select="h:attrs(., true())"/><xsl:call-template name="h:record-parts"/></li>
  </xsl:template>
  <!-- A bibliographic record (bibl, biblStruct and its analytic, monogr, series, imprint): its fields as written when
       the encoder put punctuation between them, else apart by commas, and a biblStruct's parts by full stops (a
       record with none reads "Sandberg, The cathedral archive, Lund, 1934", not "SandbergThe cathedral archive…").
       As the print rule (print/structure.xsl). -->
  <xsl:template match="bibl | biblStruct | analytic | monogr | imprint | series" mode="h:render">
    <span><xsl:sequence select="h:attrs(., true())"/><xsl:call-template name="h:record-parts"/></span>
  </xsl:template>
  <xsl:template name="h:record-parts">
    <xsl:choose>
      <xsl:when test="self::bibl or self::biblStruct or self::analytic or self::monogr or self::imprint or self::series">
        <xsl:call-template name="h:joined"><xsl:with-param name="sep" select="if (self::biblStruct) then '. ' else ', '"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="h:render"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="biblFull | author | editor | publisher
                       | pubPlace | biblScope | edition | idno | respStmt | resp | meeting | citedRange | msDesc | msIdentifier
                       | repository | collection | extent | availability | licence | distributor | authority | funder | sponsor | principal" mode="h:render">
    <span><xsl:sequence select="h:attrs(., true())"/><xsl:apply-templates mode="h:render"/></span>
  </xsl:template>
  <!-- A source description in a header: its parts, separated by commas when the bibl has no punctuation of its own
       (identifiers, checksums and notes about the source are left to the encoding page and the TEI download). -->
  <xsl:template name="h:source-bibl">
    <xsl:call-template name="h:joined"><xsl:with-param name="parts" select="node() except (idno | note | relatedItem | ptr)"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
