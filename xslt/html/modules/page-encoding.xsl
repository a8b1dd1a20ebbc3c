<?xml version="1.0" encoding="UTF-8"?>
<!--
  page-encoding.xsl — the editorial principles / encoding description page, from each text's header
  (projectDesc, editorialDecl, langUsage, revisionDesc) and from the ODD when it is supplied
  ($odd: schema summary — modules, customised elements — and its prose).
  Input: the site corpus wrapper (site:corpus). Modes: #default, h:header (header elements; unknown ones warn).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xmlns:site="urn:x-edition:site"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail" use-accumulators="#all"/>
  <xsl:mode name="h:header" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <xsl:variable name="h:decl-labels" as="map(xs:string, xs:string)" select="map{
      'normalization':'Normalisation', 'correction':'Corrections', 'quotation':'Quotation',
      'segmentation':'Segmentation', 'interpretation':'Interpretation', 'hyphenation':'Hyphenation',
      'punctuation':'Punctuation', 'stdVals':'Standard values'}"/>

  <xsl:template match="/site:corpus[$entry = ('', 'encoding')]">
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Editorial principles'"/>
      <xsl:with-param name="kind" select="'encoding'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Editorial principles and encoding</h1>
        <xsl:call-template name="h:front-div"><xsl:with-param name="type" select="'principles'"/></xsl:call-template>
        <xsl:for-each select="(site:text//teiHeader/encodingDesc/projectDesc)[1][empty(f:front-part('principles'))]">
          <section aria-labelledby="project-h"><h2 id="project-h">The project</h2><xsl:apply-templates mode="h:render"/></section>
        </xsl:for-each>
        <xsl:if test="exists(f:front-part('principles'))">
          <h2 class="encoding-details">The encoding in detail</h2>
          <p>Each text’s TEI header records how it was encoded, for readers of the TEI files; element names are
            printed <code class="gi">like this</code>.</p>
        </xsl:if>
        <xsl:for-each select="site:text">
          <section class="text-encoding" aria-labelledby="enc-{@id}">
            <h2 id="enc-{@id}">{f:title((TEI | teiCorpus)[1])}</h2>
            <xsl:variable name="header" select="(TEI | teiCorpus)[1]/teiHeader"/>
            <xsl:apply-templates select="$header/encodingDesc/* except $header/encodingDesc/projectDesc" mode="h:header"/>
            <xsl:apply-templates select="$header/profileDesc/langUsage" mode="h:header"/>
            <xsl:apply-templates select="$header/revisionDesc" mode="h:header"/>
          </section>
        </xsl:for-each>
        <xsl:if test="$odd">
          <xsl:call-template name="h:odd"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="*" mode="h:header" priority="-10">
    <xsl:if test="$warn-unknown"><xsl:message>unhandled-element: {name()} in the header (its text is kept)</xsl:message></xsl:if>
    <div class="tei-unknown" data-tei="{local-name()}"><xsl:apply-templates mode="h:render"/></div>
  </xsl:template>

  <!-- Header prose may name TEI markup in angle brackets ("encoded <choice><sic/><corr/></choice>"): each run of
       tags is shown as code naming the elements (choice, sic, corr), never as raw markup. -->
  <xsl:template match="text()[ancestor::encodingDesc][contains(., '&lt;')]" mode="h:render" priority="2">
    <xsl:analyze-string select="." regex="(&lt;/?[A-Za-z][A-Za-z0-9_:.-]*(\s+[A-Za-z0-9_:.-]+=&quot;[^&quot;]*&quot;)*\s*/?&gt;[^&lt;\s]{{0,3}})+">
      <xsl:matching-substring>
        <xsl:variable name="names" select="distinct-values(tokenize(., '&lt;') ! replace(., '^/?([A-Za-z][A-Za-z0-9_:.-]*).*$', '$1', 's')[matches(., '^[A-Za-z]')])"/>
        <code class="gi">{string-join($names, ' / ')}</code>
      </xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <xsl:template match="editorialDecl" mode="h:header">
    <h3>Editorial declaration</h3>
    <xsl:apply-templates mode="h:header"/>
  </xsl:template>
  <xsl:template match="editorialDecl/*" mode="h:header">
    <section class="decl decl-{local-name()}">
      <h4>{($h:decl-labels(local-name()), local-name())[1]}</h4>
      <xsl:if test="@marks"><p class="decl-attr">Quotation marks retained: {@marks}.</p></xsl:if>
      <xsl:apply-templates mode="h:render"/>
    </section>
  </xsl:template>
  <xsl:template match="editorialDecl/p | samplingDecl | refsDecl | styleDefDecl | variantEncoding | geoDecl | unitDecl | listPrefixDef | charDecl | metDecl | schemaRef | schemaSpec | appInfo | classDecl | tagsDecl | fsdDecl | conversion | projectDesc" mode="h:header" priority="1">
    <section class="decl decl-{local-name()}">
      <xsl:if test="not(self::p)"><h3>{map{'samplingDecl':'Sampling', 'refsDecl':'References', 'appInfo':'Software', 'classDecl':'Classifications',
        'tagsDecl':'Tags', 'schemaRef':'Schema', 'listPrefixDef':'Pointer prefixes', 'projectDesc':'Project'}(local-name())}</h3></xsl:if>
      <xsl:choose>
        <xsl:when test="self::appInfo">
          <ul><xsl:for-each select="application"><li>{@ident} {@version}{label ! (': ' || f:reading(.))}</li></xsl:for-each></ul>
        </xsl:when>
        <xsl:when test="self::tagsDecl">
          <ul><xsl:for-each select=".//tagUsage"><li><code>&lt;{@gi}&gt;</code>{@occurs ! (' ×' || .)}</li></xsl:for-each></ul>
        </xsl:when>
        <xsl:when test="self::schemaRef"><p>{f:safe-href(@url) ! ., @key}</p></xsl:when>
        <xsl:when test="self::listPrefixDef">
          <ul><xsl:for-each select="prefixDef"><li><code>{@ident}:</code> {@replacementPattern}</li></xsl:for-each></ul>
        </xsl:when>
        <xsl:when test="self::classDecl">
          <xsl:for-each select="taxonomy"><ul><xsl:for-each select=".//category"><li>{@xml:id}: {f:reading(catDesc)}</li></xsl:for-each></ul></xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="if (self::p) then . else node()" mode="h:render"/></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
  <xsl:template match="langUsage" mode="h:header">
    <h3>Languages</h3>
    <ul><xsl:for-each select="language"><li lang="en"><code>{@ident}</code>: {f:reading(.)}{@usage ! (' (' || . || '%)')}</li></xsl:for-each></ul>
  </xsl:template>
  <!-- The people a pointer names (@who="#editors"): the names of the header's respStmts, never the raw pointer. -->
  <xsl:function name="h:who" as="xs:string">
    <xsl:param name="who" as="attribute()"/>
    <xsl:param name="tei" as="element()?"/>
    <xsl:sequence select="string-join(tokenize($who) ! (let $id := substring-after(., '#'), $s := $tei/teiHeader//respStmt[@xml:id = $id]
      return if ($s) then f:reading($s/(name, persName, orgName)[1]) else if ($id) then 'unrecorded' else .), '; ')"/>
  </xsl:function>
  <xsl:template match="revisionDesc" mode="h:header">
    <h3>Revisions</h3>
    <ul><xsl:for-each select=".//change"><li>{(@when, ancestor-or-self::*/@when)[1]}{@who ! (', ' || h:who(., ancestor::TEI[1]))}: {f:reading(.)}</li></xsl:for-each></ul>
  </xsl:template>

  <!-- The ODD: its customisation summary and its prose. -->
  <xsl:template name="h:odd">
    <section class="odd" aria-labelledby="odd-h">
      <h2 id="odd-h">The schema: {f:title($odd/TEI)}</h2>
      <xsl:for-each select="$odd//schemaSpec">
        <p>Schema <code>{@ident}</code>{@start ! (', start: ' || .)}.</p>
        <xsl:if test="moduleRef">
          <h3>TEI modules</h3>
          <ul><xsl:for-each select="moduleRef"><li><code>{@key}</code>{(@include ! (': only ' || .), @except ! (': all except ' || .))[1]}</li></xsl:for-each></ul>
        </xsl:if>
        <xsl:if test="elementSpec">
          <h3>Customised elements</h3>
          <ul><xsl:for-each select="elementSpec"><xsl:sort select="@ident"/><li><code class="gi">{@ident}</code> ({(@mode, 'add')[1]}){(gloss, desc)[1] ! (': ' || f:reading(.))}</li></xsl:for-each></ul>
        </xsl:if>
      </xsl:for-each>
      <xsl:if test="$odd/TEI/text/body//p">
        <div class="odd-prose"><xsl:apply-templates select="$odd/TEI/text/body/node()" mode="h:render"/></div>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Specifications inside the ODD's prose are summarised above, not rendered in its flow (on this page
       only: a reading page renders them, site.xsl holding every page module). -->
  <xsl:template match="schemaSpec[$entry = ('', 'encoding')] | specGrp[$entry = ('', 'encoding')]
                       | specGrpRef[$entry = ('', 'encoding')] | elementSpec[$entry = ('', 'encoding')]
                       | classSpec[$entry = ('', 'encoding')] | macroSpec[$entry = ('', 'encoding')]
                       | dataSpec[$entry = ('', 'encoding')] | moduleSpec[$entry = ('', 'encoding')]
                       | moduleRef[$entry = ('', 'encoding')] | constraintSpec[$entry = ('', 'encoding')]
                       | attDef[$entry = ('', 'encoding')] | specList[$entry = ('', 'encoding')]
                       | specDesc[$entry = ('', 'encoding')] | elementRef[$entry = ('', 'encoding')]
                       | classRef[$entry = ('', 'encoding')] | macroRef[$entry = ('', 'encoding')]
                       | dataRef[$entry = ('', 'encoding')]" mode="h:render" priority="1"/>
</xsl:stylesheet>
