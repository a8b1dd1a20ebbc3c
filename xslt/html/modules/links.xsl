<?xml version="1.0" encoding="UTF-8"?>
<!--
  links.xsl — the links between the texts written by `edition link` and `edition speakers`:
  beside a paragraph that holds a quotation with @source, "Source: memoir ¶ n" linking to the source
  paragraph, with the differences the collation apparatus records (listApp/app: omissions, bracketed
  insertions, changed words) listed and marked in the quotation itself; beside a paragraph that is
  quoted elsewhere (standOff linkGrp type="quotation", or a quote/@source pointing to it), "Quoted in
  Wikipedia § section" linking back; on the register, what each person is quoted as saying (said/@who).
  Cross-text look-ups go through the site corpus ($site on reading pages; the input on the register).
  Input: TEI P5 nodes (reading pages), the site corpus (register pages).
  Modes: h:render (quotation text with marked differences: the text between each app's @from and @to
  anchors, a sign at the anchor of a silent omission, each mark linking to its entry in the list, which
  links back; apps without anchors are found by their reading; the standOff's links and apparatus are not
  rendered inline), h:entry-sayings (a register entry's speech). Named templates: h:para-links, h:quote-ref.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xmlns:site="urn:x-edition:site"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode name="h:entry-sayings" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <!-- What each kind of difference is called: [beside the quotation, in the list of differences]. -->
  <xsl:variable name="h:diff-kinds" as="map(xs:string, xs:string+)" select="map{
      'omission': ('omission', 'Omitted, marked by an ellipsis'),
      'silent-omission': ('omission', 'Omitted without an ellipsis'),
      'interpolation': ('inserted in brackets', 'Inserted in brackets'),
      'bracketed-substitution': ('replaced in brackets', 'Replaced in brackets'),
      'addition': ('added', 'Added, not in the source'),
      'variant': ('changed', 'Changed')}"/>

  <!-- The standOff of a text holds nothing but links and apparatus: shown beside the paragraphs. -->
  <xsl:template match="standOff[not(* except (linkGrp | listApp | link))]" mode="h:render" priority="1"/>
  <xsl:template match="listApp[parent::standOff]" mode="h:render" priority="1"/>

  <!-- ===== the site's texts ===== -->

  <!-- The site:text of a file name ("from-bucharest-to-moscow.xml"), if the site holds it. -->
  <xsl:function name="h:site-text" as="element(site:text)?">
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="$site/site:corpus/site:text[@file = $file][1]"/>
  </xsl:function>

  <!-- The site:text of the current page's text (reading pages: by $page-name; register: its ancestor). -->
  <xsl:function name="h:own-site-text" as="element(site:text)?">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="($context/ancestor::site:text, $site/site:corpus/site:text[@page = $page-name])[1]"/>
  </xsl:function>

  <!-- ===== beside a paragraph ===== -->

  <xsl:template name="h:para-links">
    <xsl:variable name="p" select="."/>
    <xsl:for-each select=".//quote[@source][not(ancestor::note)]">
      <xsl:call-template name="h:quote-source"/>
    </xsl:for-each>
    <xsl:call-template name="h:quoted-in"><xsl:with-param name="p" select="$p"/></xsl:call-template>
  </xsl:template>

  <!-- Right after a quotation with a source: a link to its box below the paragraph. -->
  <xsl:template name="h:quote-ref">
    <xsl:if test="self::quote[@source][@xml:id][empty(ancestor::note)][ancestor::p[f:is-numbered-para(.)]]">
      <a class="quote-ref ui" href="#{@xml:id}-about" data-pagefind-ignore="all"><span class="vh">Go to the </span>source<span class="vh"> of this quotation</span></a>
    </xsl:if>
  </xsl:template>

  <!-- "Source: memoir ¶ 271" and the differences between the quotation and its source. -->
  <xsl:template name="h:quote-source">
    <xsl:variable name="q" select="."/>
    <xsl:variable name="qid" select="string(@xml:id)"/>
    <xsl:variable name="apps" select="if ($qid) then key('f:apps', $qid) else ()"/>
    <xsl:variable name="sources" as="element()*">
      <xsl:for-each select="tokenize(normalize-space(@source))">
        <xsl:variable name="target" select="f:pointed(., $q)"/>
        <xsl:variable name="file" select="substring-before(., '#')"/>
        <source pointer="{.}" href="{if ($file = '') then f:safe-href(.) else (h:site-text($file)/@page || ($qid[.] ! ('?quote=' || .)) || '#' || substring-after(., '#'))}"
                label="{if ($file = '') then 'this text' else (h:site-text($file) ! f:text-label((TEI | teiCorpus)[1]))}"
                n="{($target/self::p ! f:para-number(.)[. gt 0], $target/self::p ! f:para-number(.)[. gt 0])[1]}"
                found="{exists($target)}" xmlns=""/>
      </xsl:for-each>
    </xsl:variable>
    <div class="quote-source ui" role="note" data-pagefind-ignore="all">
      <xsl:if test="$qid"><xsl:attribute name="id" select="$qid || '-about'"/></xsl:if>
      <p><span class="label">Source</span> of the quotation “{f:shorten(replace(f:reading($q), '^[“”&quot;‘’]+', ''), 48)}”:
        <xsl:for-each select="$sources">
          <xsl:if test="position() gt 1"> and </xsl:if>
          <xsl:choose>
            <xsl:when test="@found = 'true' and @label != ''">
              <a class="quote-source-link" href="{@href}">{@label}{@n[. != ''] ! (' ¶ ' || .)}</a>
            </xsl:when>
            <xsl:otherwise><span class="quote-source-unresolved">{@pointer}</span></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:choose>
          <xsl:when test="empty($apps) and exists(ancestor::TEI[1]/standOff/listApp[@type = 'collation']//app[@corresp])">. Quoted verbatim (apart from punctuation and case).</xsl:when>
          <xsl:when test="empty($apps)">.</xsl:when>
          <xsl:otherwise>; {count($apps)} difference{if (count($apps) = 1) then '' else 's'} from the source:</xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="exists($apps)">
        <ul class="diffs">
          <xsl:for-each select="$apps">
            <xsl:variable name="kind" select="($h:diff-kinds(string(@type)), ('difference', 'Differs'))[position() le 2]"/>
            <li class="diff-item diff-{h:class-token(string(@type))}">
              <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
              <span class="label">{$kind[2]}: </span>
              <xsl:if test="normalize-space(string-join(rdg[1]//text()))">
                <span class="diff-source"><span class="vh">the source reads </span><del><xsl:apply-templates select="rdg[1]/node()" mode="h:render"/></del></span>
              </xsl:if>
              <xsl:if test="normalize-space(string-join(rdg[1]//text())) and normalize-space(string-join(lem//text()))
                            and not(@type = ('omission', 'silent-omission'))"><span aria-hidden="true"> → </span></xsl:if>
              <xsl:if test="normalize-space(string-join(lem//text())) and not(@type = ('omission', 'silent-omission'))">
                <span class="diff-quote"><span class="vh">, the quotation reads </span><ins><xsl:apply-templates select="lem/node()" mode="h:render"/></ins></span>
              </xsl:if>
              <xsl:if test="exists(f:app-anchor(., 'from'))">
                <xsl:text> </xsl:text><a class="diff-backref ui" href="#{f:app-anchor(., 'from')/@xml:id}" data-pagefind-ignore="all"><span aria-hidden="true">↑</span><span class="vh">Show it in the quotation</span></a>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- "Quoted in Wikipedia § section": the quotations of other texts taken from this paragraph. -->
  <xsl:template name="h:quoted-in">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="own" select="h:own-site-text($p)"/>
    <xsl:variable name="pid" select="string($p/@xml:id)"/>
    <xsl:variable name="from-links" as="element()*"
      select="if ($pid) then key('f:quoted-links', $pid, root($p)) ! tokenize(normalize-space(@target))[position() gt 1] ! f:pointed(., $p) else ()"/>
    <xsl:variable name="from-quotes" as="element()*"
      select="if ($pid and $own) then $site/site:corpus/site:text ! key('f:quotes-by-source', $pid, .)[tokenize(normalize-space(@source)) = $own/@file || '#' || $pid] else ()"/>
    <xsl:variable name="quotes" select="($from-links | $from-quotes)[self::quote or self::p or self::div]"/>
    <xsl:if test="exists($quotes)">
      <p class="quoted-in ui" data-pagefind-ignore="all"><span class="label">Quoted in </span>
        <!-- one entry per text and section; further quotations from the same section follow it -->
        <xsl:for-each-group select="$quotes" group-by="generate-id((ancestor::div[head][1], ancestor::site:text)[1])">
          <xsl:variable name="text" select="ancestor::site:text"/>
          <xsl:variable name="div" select="ancestor::div[head][1]"/>
          <xsl:if test="position() gt 1">; </xsl:if>
          <a class="quoted-in-link" href="{h:quote-href(.)}"><xsl:sequence select="h:quote-data(.)"/>{f:text-label(($text/(TEI | teiCorpus))[1])}{$div ! (' § ' || f:reading(head[1]))}</a>
          <xsl:for-each select="current-group()[position() gt 1]"> and <a class="quoted-in-link" href="{h:quote-href(.)}"><xsl:sequence select="h:quote-data(.)"/>again</a></xsl:for-each>
        </xsl:for-each-group>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The words a quotation takes over from its source, for the script that marks them in the source paragraph:
       its reading cut at the editors' and the quoting author's interventions (an ellipsis, words in square
       brackets), without the enclosing quotation marks, "|"-separated. -->
  <xsl:function name="h:quote-data" as="attribute()*">
    <xsl:param name="q" as="element()"/>
    <xsl:if test="$q/self::quote[@xml:id]">
      <xsl:attribute name="data-quote" select="$q/@xml:id"/>
      <xsl:attribute name="data-segments" select="string-join(
        tokenize(f:reading($q), '\[[^\]]*\]|\.\.\.|…') ! normalize-space(replace(., '^[\s“”&quot;‘’]+|[\s“”&quot;‘’]+$', ''))[string-length(.) ge 3], '|')"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="h:quote-href" as="xs:string">
    <xsl:param name="q" as="element()"/>
    <xsl:sequence select="$q/ancestor::site:text/@page || '#' || ($q/@xml:id, $q/ancestor-or-self::p[@xml:id][1]/@xml:id)[1]"/>
  </xsl:function>

  <!-- ===== differences marked in the quotation ===== -->

  <!-- Text inside a name or a pointer is rendered as a link of its own: a mark there links nowhere. -->
  <xsl:function name="h:in-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::persName or self::placeName or self::orgName or self::name
                                                    or self::rs or self::ref or self::ptr or self::note])"/>
  </xsl:function>

  <!-- A marked difference: the quotation's words (or a sign), named for screen readers after its last
       piece, and a link to its entry in the list of differences below the paragraph. -->
  <xsl:template name="h:diff-mark">
    <xsl:param name="app" as="element(app)"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:param name="named" as="xs:boolean"/>
    <xsl:param name="link" as="xs:boolean"/>
    <xsl:variable name="mark" as="element()">
      <mark class="diff diff-{h:class-token(string($app/@type))}">
        <xsl:sequence select="$content"/>
        <xsl:if test="$named"><span class="vh" data-pagefind-ignore="all"> ({($h:diff-kinds(string($app/@type))[1], 'difference')[1]})</span></xsl:if>
      </mark>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$link and $app/@xml:id"><a class="diff-ref" href="#{$app/@xml:id}"><xsl:sequence select="$mark"/></a></xsl:when>
      <xsl:otherwise><xsl:sequence select="$mark"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text of a quotation with a collation: the text between an app's @from and @to anchors (an ellipsis
       for an omission, the bracketed words, the changed words) is marked. Apps without anchors (written
       before they were recorded, or by hand) fall back to finding their quoted reading in the text. -->
  <xsl:template match="text()[ancestor::quote[@source][@xml:id]]" mode="h:render">
    <xsl:variable name="t" select="."/>
    <xsl:variable name="apps" select="key('f:apps', ancestor::quote[@xml:id]/@xml:id ! string())"/>
    <xsl:variable name="placed" select="$apps[@from and @to and not(@from = @to)]
                                        [f:app-anchor(., 'from') &lt;&lt; $t and $t &lt;&lt; f:app-anchor(., 'to')]"/>
    <xsl:variable name="unplaced" select="$apps[not(@from and @to) or empty(f:app-anchor(., 'from')) or empty(f:app-anchor(., 'to'))]
                                          [normalize-space(string-join(lem//text()))]"/>
    <xsl:choose>
      <xsl:when test="ancestor::note or ancestor::sic or ancestor::orig"><xsl:value-of select="."/></xsl:when>
      <xsl:when test="exists($placed)">
        <xsl:variable name="app" select="$placed[1]"/>
        <xsl:variable name="next" select="(following::text()[not(ancestor::note or ancestor::sic or ancestor::orig)])[1]"/>
        <xsl:call-template name="h:diff-mark">
          <xsl:with-param name="app" select="$app"/>
          <xsl:with-param name="content" select="string(.)"/>
          <xsl:with-param name="named" select="not($next &lt;&lt; f:app-anchor($app, 'to'))"/>
          <xsl:with-param name="link" select="not(h:in-link(.))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="exists($unplaced)">
        <xsl:variable name="lems" select="distinct-values($unplaced ! string-join(lem//text()))"/>
        <xsl:variable name="pattern" select="string-join(for $l in sort($lems, (), function($s) { - string-length($s) })
                                               return replace($l, '([\\|.*+?{}()\[\]^$-])', '\\$1'), '|')"/>
        <xsl:analyze-string select="." regex="{$pattern}">
          <xsl:matching-substring>
            <xsl:call-template name="h:diff-mark">
              <xsl:with-param name="app" select="$unplaced[string-join(lem//text()) = current()][1]"/>
              <xsl:with-param name="content" select="string(.)"/>
              <xsl:with-param name="named" select="true()"/>
              <xsl:with-param name="link" select="false()"/>
            </xsl:call-template>
          </xsl:matching-substring>
          <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
        </xsl:analyze-string>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The anchor where a silent omission stands (the app's @from and @to name it): a small marked sign. -->
  <xsl:template match="anchor[@xml:id][key('f:apps-at', string(@xml:id))]" mode="h:render">
    <xsl:variable name="app" select="key('f:apps-at', string(@xml:id))[1]"/>
    <span class="anchor" id="{@xml:id}"></span>
    <xsl:call-template name="h:diff-mark">
      <xsl:with-param name="app" select="$app"/>
      <xsl:with-param name="content" as="element()"><span class="diff-sign" aria-hidden="true">⁁</span></xsl:with-param>
      <xsl:with-param name="named" select="true()"/>
      <xsl:with-param name="link" select="not(h:in-link(.))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== register: quoted as saying ===== -->

  <xsl:template match="person | personGrp" mode="h:entry-sayings">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="start" as="xs:integer" select="1"/>
    <xsl:if test="$n gt 0">
      <xsl:element name="h{$level}">Quoted as saying ({$n})</xsl:element>
      <xsl:choose>
        <xsl:when test="empty($items)"><p>None in these texts.</p></xsl:when>
        <xsl:otherwise>
          <ol class="sayings"><xsl:if test="$start ne 1"><xsl:attribute name="start" select="$start"/></xsl:if><xsl:copy-of select="$items/node()" copy-namespaces="no"/></ol>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
