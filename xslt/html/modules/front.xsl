<?xml version="1.0" encoding="UTF-8"?>
<!--
  front.xsl — the edition's front matter ($front: editorial/front.xml, a TEI document written by the
  editors): introduction, description of each source, editorial principles, statements of responsibility.
  Its prose goes through h:render, so examples (choice, persName, date…) look as they do in the texts.
  Input: $front (document-node()?); every template here is called by name, and each does nothing when
  $front lacks the part it renders. Modes: h:front-bibl (a source description: its parts, its notes as
  labelled paragraphs).
  Named templates: h:front-div (a div by @type), h:front-source (the source of a text, by the text's id),
  h:front-editors (the "Edited by" line), h:front-responsibility (the list of responsibilities).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode name="h:front-bibl" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <!-- Labels of the notes of a source description, by @type. -->
  <xsl:variable name="h:source-note-labels" as="map(xs:string, xs:string)" select="map{
      'transmission':'Transmission', 'unknown':'Not known', 'authority':'Bibliographic data'}"/>

  <xsl:function name="h:front-bibl" as="element(bibl)?">
    <xsl:param name="text-id" as="xs:string"/>
    <xsl:sequence select="($front//div[@type = 'sources']//bibl[tokenize(@corresp) = '#' || $text-id])[1]"/>
  </xsl:function>

  <!-- The paragraphs of the front matter and of the ODD's prose are not paragraphs of a text: no number, no permalink. -->
  <xsl:template match="p[(exists($front) and root(.) is $front) or (exists($odd) and root(.) is $odd)]" mode="h:render" priority="3">
    <p><xsl:apply-templates mode="h:render"/></p>
  </xsl:template>

  <!-- A front-matter division as a section with an h2 heading (its id is the div's). -->
  <xsl:template name="h:front-div">
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="class" as="xs:string" select="$type"/>
    <xsl:for-each select="f:front-part($type)">
      <section class="front-matter {$class}" aria-labelledby="{@xml:id}-h" id="{@xml:id}">
        <h2 id="{@xml:id}-h">{f:reading(head)}</h2>
        <xsl:variable name="html" as="node()*"><xsl:apply-templates select="node() except head" mode="h:render"/></xsl:variable>
        <xsl:apply-templates select="$html" mode="h:no-ids"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- The source of a text: the citation, then (with $full) its notes as labelled paragraphs. -->
  <xsl:template name="h:front-source">
    <xsl:param name="text-id" as="xs:string"/>
    <xsl:param name="full" as="xs:boolean" select="true()"/>
    <xsl:for-each select="h:front-bibl($text-id)">
      <xsl:variable name="html" as="node()*">
        <p class="source"><span class="label">Source: </span><xsl:apply-templates select="node() except (note | availability)" mode="h:render"/></p>
        <xsl:if test="$full">
          <xsl:apply-templates select="note | availability" mode="h:front-bibl"/>
        </xsl:if>
      </xsl:variable>
      <xsl:apply-templates select="$html" mode="h:no-ids"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="note" mode="h:front-bibl">
    <p class="source-note source-{h:class-token(@type)}"><span class="label">{($h:source-note-labels(string(@type)), 'Note')[1]}: </span><xsl:apply-templates mode="h:render"/></p>
  </xsl:template>
  <xsl:template match="availability" mode="h:front-bibl">
    <p class="source-note source-licence"><span class="label">Licence: </span><xsl:apply-templates select="p/node()" mode="h:render"/></p>
  </xsl:template>

  <!-- "Edited by …": only the responsibility the front matter states as editing (never a program). -->
  <xsl:template name="h:front-editors">
    <xsl:for-each select="f:front-part('responsibility')/respStmt[normalize-space(resp) = 'Edited by']">
      <p class="editors">Edited by {f:reading(name)}</p>
    </xsl:for-each>
  </xsl:template>

  <!-- Who did what: the front matter's statements, as a description list (role, then who). -->
  <xsl:template name="h:front-responsibility">
    <xsl:for-each select="f:front-part('responsibility')">
      <section class="front-matter responsibility" aria-labelledby="{@xml:id}-h" id="{@xml:id}">
        <h2 id="{@xml:id}-h">{f:reading(head)}</h2>
        <dl class="resp">
          <xsl:for-each select="respStmt[not(normalize-space(resp) = 'Edited by')]">
            <dt>{f:reading(resp)}</dt>
            <dd>{f:reading(name)}</dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
