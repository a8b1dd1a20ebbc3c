<?xml version="1.0" encoding="UTF-8"?>
<!--
  pointers.xsl — pointer resolution and the anchoring of apparatus entries, shared by the HTML and print
  stylesheets: "#id" and "file.xml#id" pointers, the texts of the edition by file name, the short names
  of texts, the collation apparatus (listApp/app with @corresp, @from, @to) and the quotation links
  (linkGrp type="quotation") written by `edition link`.
  One input shape (edition.publish.inputs.site_corpus): site:corpus with a site:text (@file, @id, @label)
  around each text's TEI, and a site:label (@file, @label) for each labelled file it does not hold. The
  print book takes it as its input; the HTML reading pages take their own text as input and it as $site.
  Input: TEI P5 nodes. Modes: none.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:site="urn:x-edition:site"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- The apparatus entries of a quotation, by the quotation's id (app/@corresp). -->
  <xsl:key name="f:apps" match="listApp//app[@corresp]" use="tokenize(normalize-space(@corresp)) ! f:ptr-id(.)"/>
  <!-- The apparatus entries by the id of the anchor that ends them (@to). -->
  <xsl:key name="f:app-ends" match="listApp//app[@to]" use="f:ptr-id(normalize-space(@to))"/>
  <!-- The apparatus entries recorded at a single point (a silent omission: @from = @to), by the anchor's id. -->
  <xsl:key name="f:apps-at" match="listApp//app[@from][@from = @to]" use="f:ptr-id(normalize-space(@from))"/>
  <!-- Quotation links by the id of their first target (the quoted paragraph). -->
  <xsl:key name="f:quoted-links" match="linkGrp[@type = 'quotation']/link | link[@type = 'quotation']"
           use="f:ptr-id(tokenize(normalize-space(@target))[1])"/>
  <!-- Quotations by the ids their @source points to. -->
  <xsl:key name="f:quotes-by-source" match="quote[@source]" use="tokenize(normalize-space(@source)) ! f:ptr-id(.)"/>

  <!-- The id part of a pointer ("file.xml#id" or "#id"); '' for a pointer to a whole file. -->
  <xsl:function name="f:ptr-id" as="xs:string">
    <xsl:param name="ptr" as="xs:string"/>
    <xsl:sequence select="substring-after($ptr, '#')"/>
  </xsl:function>

  <!-- The file part of a pointer ('' for a pointer into the same document). -->
  <xsl:function name="f:ptr-file" as="xs:string">
    <xsl:param name="ptr" as="xs:string"/>
    <xsl:sequence select="substring-before($ptr, '#')"/>
  </xsl:function>

  <!-- The site corpus the context belongs to (the print book's input) or is published with ($site). -->
  <xsl:function name="f:site-corpus" as="element(site:corpus)*">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="(root($context)/site:corpus, $site/site:corpus)"/>
  </xsl:function>

  <!-- The TEI element of the edition's text stored in $file. -->
  <xsl:function name="f:text-root" as="element()?">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="f:site-corpus($context)/site:text[@file = $file]/(TEI | teiCorpus)[1]"/>
  </xsl:function>

  <!-- The element a pointer names in a reading text: "#id" in the context's document, "file.xml#id" in
       that text of the edition (nothing when the edition does not hold it). -->
  <xsl:function name="f:pointed" as="element()?">
    <xsl:param name="ptr" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="file" as="xs:string" select="f:ptr-file($ptr)"/>
    <xsl:variable name="id" as="xs:string" select="f:ptr-id($ptr)"/>
    <xsl:variable name="tei" as="element()?" select="if ($file = '') then () else f:text-root($file, $context)"/>
    <xsl:sequence select="if ($id = '') then ()
      else if ($file = '') then key('f:id', $id, root($context))[ancestor::text][1]
      else if (empty($tei)) then ()
      else key('f:id', $id, root($tei))[ancestor::text][exists(ancestor::* intersect $tei)][1]"/>
  </xsl:function>

  <!-- The short name of a text in cross-references: its label (editorial/texts.toml), else its title. -->
  <xsl:function name="f:text-label" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/parent::site:text/@label ! normalize-space(.)[.], f:title($tei))[1]"/>
  </xsl:function>

  <!-- The name of the text a pointer's file part names: its label, else its title, else the file. -->
  <xsl:function name="f:file-label" as="xs:string">
    <xsl:param name="ptr" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="file" as="xs:string" select="f:ptr-file($ptr)"/>
    <xsl:sequence select="(f:text-root($file, $context) ! f:text-label(.),
                           f:site-corpus($context)/site:label[@file = $file]/@label[normalize-space()] ! string(),
                           $file[.], 'this text')[1]"/>
  </xsl:function>

  <!-- The anchor an app's @from or @to names. -->
  <xsl:function name="f:app-anchor" as="element(anchor)?">
    <xsl:param name="app" as="element(app)"/>
    <xsl:param name="end" as="xs:string"/>
    <xsl:variable name="ptr" as="xs:string" select="normalize-space($app/@*[local-name() = $end])"/>
    <xsl:sequence select="if ($ptr) then key('f:id', f:ptr-id($ptr), root($app))[self::anchor][1] else ()"/>
  </xsl:function>
</xsl:stylesheet>
