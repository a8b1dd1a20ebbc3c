<?xml version="1.0" encoding="UTF-8"?>
<!--
  families.xsl — the TEI P5 families beyond prose in the print book, so that any TEI document prints
  without silent loss: deliberate suppressions (the table xslt/common/suppressed.xml, reported), XInclude
  (reported, fallback printed), the source document and facsimile (sourceDoc, facsimile, surface, zone,
  line: printed, not dropped), figures (graphic and media as a placeholder naming the file — URIs in the
  TEI are never dereferenced —, formula, MathML set with HTML (italics, scripts, fractions), SVG as SVG), drama (sp, speaker, stage, cast
  lists), verse line numbers (every fifth @n), the critical apparatus inline (lem, then the readings in
  brackets), dictionaries (entry, form, sense …), spoken texts (u), index entries (their terms), and the
  pointers without content (their target). The rest of TEI P5 is printed by the table of
  xslt/common/coverage.xsl (frame.xsl).
  Inside a footnote (tunnel parameter in-note) blocks are printed as inline spans.
  Input: TEI P5 elements; MathML and SVG. Modes: print, app.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:pf="urn:x-edition:print"
  xmlns:xi="http://www.w3.org/2001/XInclude"
  xmlns:svg="http://www.w3.org/2000/svg"
  xmlns:m="http://www.w3.org/1998/Math/MathML"
  xmlns:eg="http://www.tei-c.org/ns/Examples"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- A block: div (or the given element) in the running text, span inside a footnote. -->
  <xsl:template name="pf:block">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="element" as="xs:string" select="'div'"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:element name="{if ($in-note) then 'span' else $element}">
      <xsl:attribute name="class" select="local-name(), @type" separator=" "/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:sequence select="$content"/>
    </xsl:element>
    <xsl:if test="$in-note">{' '}</xsl:if>
  </xsl:template>

  <!-- The parts of a record (a manuscript identifier or work, a letter's action, a creation): as written when the
       encoder put words between them, else each element after $sep. $wrap: each element a span of its own around its
       printed content (fields whose own rule puts a space after them). As the reading page (h:joined). -->
  <xsl:template name="pf:joined">
    <xsl:param name="parts" as="node()*" select="node()"/>
    <xsl:param name="sep" as="xs:string" select="', '"/>
    <xsl:param name="wrap" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$parts[self::text()][normalize-space()]"><xsl:apply-templates select="$parts" mode="print"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$parts[self::*]">
          <xsl:if test="position() gt 1">{$sep}</xsl:if>
          <xsl:choose>
            <xsl:when test="$wrap"><span class="{local-name()}"><xsl:apply-templates mode="print"/></span></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="." mode="print"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Blocks of structure.xsl met inside a footnote (one inline box): spans, rows and cells separated
       by punctuation; elsewhere the rule of structure.xsl. -->
  <xsl:template match="table | row | cell | figure | figDesc | lg | head[not(parent::div or matches(local-name(..), '^div\d$'))]" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-note">
        <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>
        <xsl:choose>
          <xsl:when test="self::cell and following-sibling::cell">, </xsl:when>
          <xsl:when test="(self::row or self::lg) and following-sibling::*">; </xsl:when>
          <xsl:otherwise>{' '}</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== deliberate suppressions, XInclude ===== -->

  <!-- (the names of the table, spelled out; tests/test_xslt_model.py checks that they are the table's) -->
  <xsl:template match="binaryObject | interp | interpGrp | certainty | precision | respons | fs | fLib | fvLib |
                       fsdDecl | alt | altGrp | link | linkGrp | join | joinGrp | timeline | when | handShift" mode="print app" priority="10">
    <xsl:call-template name="f:report-suppressed"/>
    <xsl:if test="self::binaryObject"><span class="binaryObject">[binary data{@mimeType ! (': ' || .)}]</span></xsl:if>
  </xsl:template>

  <xsl:template match="xi:include" mode="print">
    <xsl:call-template name="f:report-xinclude"/>
    <xsl:apply-templates select="xi:fallback/node()" mode="print"/>
  </xsl:template>

  <!-- ===== source document and facsimile ===== -->

  <xsl:template match="sourceDoc | facsimile" mode="print">
    <section class="{local-name()}">
      <xsl:apply-templates mode="print"/>
    </section>
  </xsl:template>

  <xsl:template match="surface | surfaceGrp | zone" mode="print">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*">
        <xsl:if test="@n and not(parent::zone)"><span class="surface-label">{@n} </span></xsl:if>
        <xsl:apply-templates mode="print"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="line | sourceDoc//seg[@type = 'line']" mode="print" priority="1">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*"><xsl:apply-templates mode="print"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== figures ===== -->

  <!-- Images are not fetched (URIs in the TEI are never dereferenced): a placeholder names the file. -->
  <xsl:template match="graphic | media" mode="print">
    <span class="graphic">[{if (self::media) then 'Media' else 'Image'}{@url ! (': ' || tokenize(., '/')[last()])}<xsl:for-each select="desc"> — <xsl:apply-templates mode="print"/></xsl:for-each>]</span>
    <xsl:apply-templates select="node() except desc" mode="print"/>
  </xsl:template>

  <xsl:template match="formula" mode="print">
    <span class="formula"><xsl:apply-templates mode="print"/></span>
  </xsl:template>

  <!-- MathML, set with HTML (WeasyPrint has no MathML): identifiers in italics, scripts raised and
       lowered, fractions with a slash, roots with a radical sign; annotations left out. -->
  <xsl:mode name="pf:math" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <xsl:template match="m:math" mode="print app">
    <span class="math"><xsl:apply-templates mode="pf:math"/></span>
  </xsl:template>

  <xsl:template match="m:mi" mode="pf:math"><i>{normalize-space(.)}</i></xsl:template>
  <xsl:template match="m:mn | m:mtext | m:ms" mode="pf:math">{normalize-space(.)}</xsl:template>
  <xsl:template match="m:mo" mode="pf:math">{' ' || normalize-space(.) || ' '}</xsl:template>
  <xsl:template match="m:msup" mode="pf:math"><xsl:apply-templates select="*[1]" mode="pf:math"/><sup><xsl:apply-templates select="*[2]" mode="pf:math"/></sup></xsl:template>
  <xsl:template match="m:msub" mode="pf:math"><xsl:apply-templates select="*[1]" mode="pf:math"/><sub><xsl:apply-templates select="*[2]" mode="pf:math"/></sub></xsl:template>
  <xsl:template match="m:msubsup" mode="pf:math"><xsl:apply-templates select="*[1]" mode="pf:math"/><sub><xsl:apply-templates select="*[2]" mode="pf:math"/></sub><sup><xsl:apply-templates select="*[3]" mode="pf:math"/></sup></xsl:template>
  <xsl:template match="m:mfrac" mode="pf:math">(<xsl:apply-templates select="*[1]" mode="pf:math"/>)/(<xsl:apply-templates select="*[2]" mode="pf:math"/>)</xsl:template>
  <xsl:template match="m:msqrt" mode="pf:math">√(<xsl:apply-templates mode="pf:math"/>)</xsl:template>
  <xsl:template match="m:mroot" mode="pf:math"><sup><xsl:apply-templates select="*[2]" mode="pf:math"/></sup>√(<xsl:apply-templates select="*[1]" mode="pf:math"/>)</xsl:template>
  <xsl:template match="m:annotation | m:annotation-xml" mode="pf:math"/>
  <xsl:template match="m:*" mode="pf:math" priority="-1"><xsl:apply-templates mode="pf:math"/></xsl:template>
  <xsl:template match="text()" mode="pf:math"/>

  <!-- SVG as SVG; its title (a tooltip on screen) printed below it. -->
  <xsl:template match="svg:svg" mode="print">
    <xsl:apply-templates select="." mode="f:safe-copy"/>
    <xsl:for-each select="svg:title[normalize-space()]"><span class="svg-title"> {normalize-space(.)}</span></xsl:for-each>
  </xsl:template>

  <!-- ===== drama ===== -->

  <xsl:template match="sp | spGrp | castList | castGroup | castItem" mode="print">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*"><xsl:apply-templates mode="print"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="speaker" mode="print">
    <span class="speaker"><xsl:apply-templates mode="print"/></span>{' '}
  </xsl:template>

  <xsl:template match="stage | move | view | camera | sound | caption | tech" mode="print">
    <xsl:choose>
      <xsl:when test="parent::div or parent::body or parent::sp or parent::lg or parent::front or parent::back">
        <xsl:call-template name="pf:block">
          <xsl:with-param name="element" select="'p'"/>
          <xsl:with-param name="content" as="item()*"><i><xsl:apply-templates mode="print"/></i></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><i class="{local-name()}"><xsl:apply-templates mode="print"/></i></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="role | roleDesc | actor | set" mode="print">
    <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>{' '}
  </xsl:template>

  <!-- ===== verse: the number of every fifth line ===== -->

  <xsl:template match="l" mode="print">
    <span class="l">
      <xsl:if test="f:shows-line-number(.)"><span class="lnum">{@n}</span></xsl:if>
      <xsl:apply-templates mode="print"/>
    </span>
  </xsl:template>

  <!-- ===== critical apparatus, inline ===== -->

  <xsl:template match="app" mode="print">
    <span class="app">
      <xsl:apply-templates select="(lem, rdg, rdgGrp/rdg)[1]/node()" mode="print"/>
      <xsl:variable name="others" as="element()*" select="(rdg, rdgGrp/rdg) except (lem, rdg, rdgGrp/rdg)[1]"/>
      <xsl:if test="exists($others) or witDetail or note">
        <span class="app-rdgs"> [<xsl:for-each select="$others">{if (position() gt 1) then '; ' else ''}<span class="rdg"><xsl:apply-templates mode="print"/></span>{@wit ! (' ' || .)}</xsl:for-each><xsl:for-each select="witDetail | note">{' '}<xsl:apply-templates mode="print"/></xsl:for-each>]</span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="lem | rdg | rdgGrp | wit | witDetail | listWit | witness" mode="print">
    <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>{' '}
  </xsl:template>

  <!-- ===== examples of markup ===== -->

  <!-- An example of TEI markup (egXML) is printed as markup; eg as it stands. -->
  <xsl:template match="eg:egXML | eg | egXML" mode="print">
    <xsl:param name="in-note" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="code" as="xs:string" select="if (self::eg:egXML) then string-join(node() ! serialize(.)) else string(.)"/>
    <xsl:choose>
      <xsl:when test="$in-note"><code class="eg">{normalize-space($code)}</code></xsl:when>
      <xsl:otherwise><pre class="eg"><code>{$code}</code></pre></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== pointers ===== -->

  <!-- (a ptr with words in it, which TEI has empty, is printed as a ref: its words) -->
  <xsl:template match="ptr[not(* or text()[normalize-space()])] | ref[not(node())]" mode="print">
    <span class="{local-name()}">{normalize-space((@target, @url, @cRef)[1])}</span>
  </xsl:template>

  <!-- ===== spoken texts, dictionaries, index entries ===== -->

  <xsl:template match="u" mode="print">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="element" select="'p'"/>
      <xsl:with-param name="content" as="item()*">
        <xsl:if test="@who"><span class="speaker">{(f:entity(@who, .) ! f:entity-label(.), replace(tokenize(@who)[1], '^#', ''))[1]}: </span></xsl:if>
        <xsl:apply-templates mode="print"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="entry | entryFree | superEntry | sense | re" mode="print">
    <xsl:call-template name="pf:block">
      <xsl:with-param name="content" as="item()*"><xsl:apply-templates mode="print"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="form | orth | pron | hyph | syll | gramGrp | pos | gen | number | case | per | tns | mood | iType
                       | def | usg | etym | xr | lbl | hom | oRef | pRef | colloc | subc | lang" mode="print">
    <span class="{local-name()}"><xsl:apply-templates mode="print"/></span>{' '}
  </xsl:template>

  <xsl:template match="index" mode="print">
    <span class="index">⟨<xsl:for-each select="term">{if (position() gt 1) then '; ' else ''}<xsl:apply-templates mode="print"/></xsl:for-each><xsl:apply-templates select="index | (* except term) | text()[normalize-space()]" mode="print"/>⟩</span>
  </xsl:template>

</xsl:stylesheet>
