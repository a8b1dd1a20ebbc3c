<?xml version="1.0" encoding="UTF-8"?>
<!--
  notes.xsl — notes and apparatus: two series kept apart (authorial notes numbered as in the source,
  editorial notes lettered a, b, c…). In the running text a note is only a reference (a link to the
  note at the end, which the script turns into an accessible popover); the notes are listed at the end.
  Notes kept outside the text flow (back, standOff, noteGrp) with @target are referenced after their target.
  Input: TEI P5. Modes: h:render (references), h:endnote (the note list items).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode name="h:endnote" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <!-- Notes attached to an element by @target rather than by position. -->
  <xsl:key name="h:notes-by-target" match="note[h:is-detached(.)]" use="tokenize(@target) ! f:ref-id(.)"/>

  <!-- A note kept away from the place it annotates: it is referenced after its @target instead. -->
  <xsl:function name="h:is-detached" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="exists($note/@target) and exists($note/ancestor::back | $note/ancestor::standOff | $note/parent::noteGrp
                          | $note/ancestor::div[@type = ('notes', 'apparatus', 'endnotes')])"/>
  </xsl:function>

  <xsl:template name="h:noteref">
    <xsl:param name="note" as="element(note)"/>
    <xsl:variable name="id" select="f:note-id($note)"/>
    <xsl:variable name="label" select="f:note-label($note)"/>
    <xsl:variable name="series" select="if (f:is-numbered-note($note)) then 'authorial' else 'editorial'"/>
    <a class="noteref noteref-{$series} ui" id="ref-{$id}" href="#{$id}" role="doc-noteref" data-note="{$id}" data-pagefind-ignore="all"><span class="vh">{if ($series = 'authorial') then 'Note' else 'Editorial note'} </span><sup>{$label}</sup></a>
  </xsl:template>

  <!-- In the running text: a reference only. -->
  <xsl:template match="note[f:is-counted-note(.)]" mode="h:render">
    <xsl:if test="not(h:is-detached(.))">
      <xsl:call-template name="h:noteref"><xsl:with-param name="note" select="."/></xsl:call-template>
      <xsl:call-template name="h:targeting-notes"/>
    </xsl:if>
  </xsl:template>
  <!-- A note inside a note (or outside the text): inline, bracketed. -->
  <xsl:template match="note" mode="h:render">
    <span class="note-inline"> [<xsl:apply-templates mode="h:render"/>]</span>
  </xsl:template>
  <xsl:template match="noteGrp" mode="h:render"><xsl:apply-templates mode="h:render"/></xsl:template>

  <!-- References to detached notes whose @target is the current element. -->
  <xsl:template name="h:targeting-notes">
    <xsl:if test="@xml:id">
      <xsl:for-each select="key('h:notes-by-target', string(@xml:id))">
        <xsl:call-template name="h:noteref"><xsl:with-param name="note" select="."/></xsl:call-template>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The notes at the end of a text, in two series. -->
  <xsl:template name="h:endnotes">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="notes" select="$tei/text//note[f:is-counted-note(.)]"/>
    <xsl:variable name="numbered" select="$notes[f:is-numbered-note(.)]"/>
    <xsl:variable name="lettered" select="$notes[not(f:is-numbered-note(.))]"/>
    <xsl:variable name="key" select="($tei/@xml:id, 't' || f:tei-number($tei))[1]"/>
    <xsl:if test="exists($notes)">
      <section class="endnotes" aria-labelledby="notes-heading-{$key}" role="doc-endnotes">
        <h2 id="notes-heading-{$key}">Notes</h2>
        <xsl:if test="$numbered">
          <h3 id="notes-authorial-{$key}">{if ($numbered[@type = 'authorial']) then 'Authorial notes' else 'Notes'}</h3>
          <ul class="notes notes-authorial"><xsl:apply-templates select="$numbered" mode="h:endnote"/></ul>
        </xsl:if>
        <xsl:if test="$lettered">
          <h3 id="notes-editorial-{$key}">Editorial notes</h3>
          <ul class="notes notes-editorial"><xsl:apply-templates select="$lettered" mode="h:endnote"/></ul>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="note" mode="h:endnote">
    <xsl:variable name="id" select="f:note-id(.)"/>
    <xsl:variable name="referenced" select="not(h:is-detached(.)) or exists(tokenize(@target) ! key('f:id', f:ref-id(.), root(current())))"/>
    <li id="{$id}" class="note note-{if (f:is-numbered-note(.)) then 'authorial' else 'editorial'}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <span class="note-label ui">{f:note-label(.)}</span>
      <div class="note-body">
        <xsl:apply-templates mode="h:render"/>
        <xsl:if test="@resp or @type = 'editorial'"><span class="note-resp ui"> — {if (@resp = '#editors' or @type = 'editorial') then 'Editors' else @resp}</span></xsl:if>
      </div>
      <xsl:if test="$referenced">
        <a class="backref ui" href="#ref-{$id}"><span aria-hidden="true">↩</span><span class="vh">Back to the text at note {f:note-label(.)}</span></a>
      </xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
