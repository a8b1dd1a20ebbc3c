<?xml version="1.0" encoding="UTF-8"?>
<!--
  book.xsl — the book matter around the texts: title page, imprint (licence), contents with page
  numbers, introduction and editorial principles (from the TEI headers), the texts, the list of
  editorial corrections, the timeline of dated mentions ($timeline: a plate, turned a quarter) and the
  indexes (index.xsl).

  Input: the TEI texts' headers; the texts themselves for the list of corrections.
  Modes: named template pf:book (called by the root template), print (header prose), toc.
  Page numbers are CSS target-counter()s on span.toc-page/@data-href; edition.publish.pdf may
  replace them by literal numbers after layout.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:pf="urn:x-edition:print"
  xmlns="http://www.w3.org/1999/xhtml"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:variable name="decl-labels" as="map(xs:string, xs:string)" select="map{
    'correction': 'Corrections', 'normalization': 'Normalisation', 'quotation': 'Quotation',
    'hyphenation': 'Hyphenation', 'segmentation': 'Segmentation', 'interpretation': 'Interpretation',
    'stdVals': 'Standard values', 'punctuation': 'Punctuation'}"/>

  <xsl:variable name="apparatus" as="element(choice)*" select="$texts/text//choice[pf:is-listed-correction(.)]"/>

  <xsl:template name="pf:book">
    <xsl:call-template name="pf:title-page"/>
    <xsl:call-template name="pf:imprint"/>
    <xsl:call-template name="pf:contents"/>
    <xsl:call-template name="pf:introduction"/>
    <xsl:call-template name="pf:principles"/>
    <xsl:apply-templates select="$texts" mode="print"/>
    <xsl:call-template name="pf:corrections"/>
    <xsl:call-template name="pf:timeline"/>
    <xsl:call-template name="pf:indexes"/>
  </xsl:template>

  <!-- ===== title page and imprint ===== -->

  <xsl:template name="pf:title-page">
    <section class="title-page" id="title-page">
      <h1 class="book-title">{$book-title}</h1>
      <xsl:if test="count($texts) gt 1">
        <ul class="title-texts">
          <xsl:for-each select="$texts">
            <li><span class="tt-title">{f:title(.)}</span>
              <xsl:for-each select="teiHeader/fileDesc/titleStmt/author">
                <span class="tt-author">{f:reading(.)}</span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="count($texts) eq 1">
        <xsl:for-each select="$book-authors"><p class="tt-author">{.}</p></xsl:for-each>
      </xsl:if>
      <xsl:for-each select="f:editors($texts)">
        <p class="title-editors">Edited by {.}</p>
      </xsl:for-each>
      <p class="title-publisher">
        {string-join(distinct-values($texts/teiHeader/fileDesc/publicationStmt/publisher ! f:reading(.)), ' · ')}
        <xsl:if test="$book-date"><br/>{substring($book-date, 1, 4)}</xsl:if>
      </p>
    </section>
  </xsl:template>

  <xsl:template name="pf:imprint">
    <xsl:variable name="pubs" as="element(publicationStmt)*" select="$texts/teiHeader/fileDesc/publicationStmt"/>
    <section class="imprint" id="imprint">
      <p class="imprint-title">{$book-title}</p>
      <xsl:for-each select="distinct-values($pubs/publisher ! f:reading(.))">
        <p>Published by {.}<xsl:if test="$book-date">, {substring($book-date, 1, 10)}</xsl:if>.</p>
      </xsl:for-each>
      <!-- who did what: the front matter's statements (roles as the editors word them), else the headers' -->
      <xsl:variable name="front-resp" as="element(respStmt)*" select="f:front-part('responsibility')/respStmt"/>
      <xsl:for-each-group select="if ($front-resp) then $front-resp else $texts/teiHeader/fileDesc/titleStmt/respStmt"
                          group-by="f:reading(.)">
        <p>{string-join(resp ! f:reading(.), " ")}: {string-join(name ! f:reading(.), ', ')}.</p>
      </xsl:for-each-group>
      <xsl:for-each-group select="$pubs/availability/licence" group-by="f:reading(.) || @target">
        <div class="licence">
          <xsl:apply-templates select="node()" mode="print"/>
          <xsl:if test="@target"><p class="url">{@target}</p></xsl:if>
        </div>
      </xsl:for-each-group>
      <xsl:for-each select="$texts">
        <xsl:variable name="avail" as="element(p)*" select="teiHeader/fileDesc/publicationStmt/availability/p"/>
        <xsl:if test="$avail">
          <p><cite>{f:title(.)}</cite>: <xsl:apply-templates select="$avail/node()" mode="print"/></p>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$texts">
        <xsl:variable name="idnos" as="element(idno)*" select="teiHeader/fileDesc/sourceDesc/bibl/idno"/>
        <xsl:if test="$idnos">
          <p class="source-ids"><cite>{f:title(.)}</cite> — source file
            <xsl:for-each select="$idnos">
              <xsl:if test="position() gt 1">; </xsl:if>
              <span class="idno">{@type}: {.}</span>
            </xsl:for-each>
          </p>
        </xsl:if>
      </xsl:for-each>
      <p class="colophon">Typeset from the TEI P5 sources with XSLT 3.0 and CSS paged media (WeasyPrint);
        set in Linux Libertine, with Junicode and Noto for characters it lacks.</p>
    </section>
  </xsl:template>

  <!-- ===== contents ===== -->

  <xsl:template name="pf:contents">
    <nav class="contents" id="contents">
      <h1 class="matter-head" data-verso="{$book-title}" data-recto="Contents">Contents</h1>
      <ol class="toc">
        <xsl:call-template name="pf:toc-entry">
          <xsl:with-param name="title" select="'Introduction'"/>
          <xsl:with-param name="target" select="'introduction'"/>
        </xsl:call-template>
        <xsl:call-template name="pf:toc-entry">
          <xsl:with-param name="title" select="'Editorial principles'"/>
          <xsl:with-param name="target" select="'principles'"/>
        </xsl:call-template>
        <xsl:apply-templates select="$texts" mode="toc"/>
        <xsl:if test="$apparatus">
          <xsl:call-template name="pf:toc-entry">
            <xsl:with-param name="title" select="'List of editorial corrections'"/>
            <xsl:with-param name="target" select="'corrections'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$timeline/*">
          <xsl:call-template name="pf:toc-entry">
            <xsl:with-param name="title" select="'Timeline of dated mentions'"/>
            <xsl:with-param name="target" select="'timeline'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="$indexes">
          <xsl:call-template name="pf:toc-entry">
            <xsl:with-param name="title" select="$index-kinds(current())"/>
            <xsl:with-param name="target" select="'index-' || current()"/>
          </xsl:call-template>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="pf:toc-entry">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="target" as="xs:string" required="yes"/>
    <li class="toc-matter">
      <span class="toc-title">{$title}</span>
      <span class="toc-page" data-href="#{$target}"/>
    </li>
  </xsl:template>

  <!-- ===== introduction and principles ===== -->

  <xsl:template name="pf:introduction">
    <section class="introduction matter" id="introduction">
      <h1 class="matter-head" data-verso="{$book-title}" data-recto="Introduction">Introduction</h1>
      <!-- the edition's introduction (editorial/front.xml), else the texts' project descriptions -->
      <xsl:variable name="intro" as="element()*" select="f:front-part('introduction')/p"/>
      <xsl:apply-templates select="$intro" mode="print"/>
      <xsl:if test="empty($intro)">
        <xsl:for-each-group select="$texts/teiHeader/encodingDesc/projectDesc" group-by="f:reading(.)">
          <xsl:apply-templates select="node()" mode="print"/>
        </xsl:for-each-group>
      </xsl:if>
      <xsl:for-each select="$texts">
        <h2 class="matter-sub">{f:title(.)}</h2>
        <xsl:variable name="bibl" as="element()*" select="teiHeader/fileDesc/sourceDesc/(bibl | biblStruct | biblFull | p)"/>
        <xsl:for-each select="$bibl">
          <p class="source-desc">
            <xsl:choose>
              <xsl:when test="self::bibl">
                <xsl:variable name="title" as="element(title)?" select="title[not(@level = 'a')][1]"/>
                <xsl:text>Source: </xsl:text>
                <xsl:if test="$title"><cite>{f:reading($title)}</cite></xsl:if>
                <xsl:for-each select="author">, {f:reading(.)}</xsl:for-each>
                <xsl:for-each select="publisher">, {f:reading(.)}</xsl:for-each>
                <xsl:for-each select="title[@level = 'a']">; section “{f:reading(.)}”</xsl:for-each>
                <xsl:text>. </xsl:text>
                <xsl:for-each select="note"><xsl:apply-templates select="node()" mode="print"/>{' '}</xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <xsl:apply-templates mode="print"/>
              </xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:for-each>
        <!-- a letter: who sent and received it, where and when (correspDesc; the labels of xslt/common/coverage.xsl) -->
        <xsl:for-each select="teiHeader/profileDesc/correspDesc">
          <xsl:for-each select="correspAction">
            <p class="source-desc corresp-action"><span class="label">{f:corresp-label(.)}: </span>
              <xsl:call-template name="pf:joined"><xsl:with-param name="parts" select="node()[not(self::*) or normalize-space() or self::date[@when]]"/></xsl:call-template>
            </p>
          </xsl:for-each>
          <xsl:for-each select="correspContext[normalize-space()] | (* except (correspAction | correspContext))[normalize-space()]">
            <p class="source-desc {local-name()}"><xsl:apply-templates mode="print"/></p>
          </xsl:for-each>
        </xsl:for-each>
        <!-- where and when it was made, its summary and keywords (profileDesc), as the reading page has them -->
        <xsl:for-each select="teiHeader/profileDesc/creation[normalize-space()]">
          <p class="source-desc creation"><span class="label">Written: </span>
            <xsl:call-template name="pf:joined"><xsl:with-param name="parts" select="node()[not(self::*) or normalize-space() or self::date[@when]]"/></xsl:call-template>
          </p>
        </xsl:for-each>
        <xsl:for-each select="teiHeader/profileDesc/abstract[normalize-space()]">
          <div class="source-desc abstract"><span class="label">Summary. </span><xsl:apply-templates mode="print"/></div>
        </xsl:for-each>
        <xsl:variable name="terms" select="teiHeader/profileDesc/textClass/keywords/(term | list/item)[normalize-space()]"/>
        <xsl:if test="exists($terms)">
          <p class="source-desc keywords"><span class="label">Keywords: </span>
            <xsl:for-each select="$terms"><xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates mode="print"/></xsl:for-each>
          </p>
        </xsl:if>
        <!-- its manuscript descriptions set out (msdesc.xsl), also one in a list of sources -->
        <xsl:for-each select="f:header-ms-descs(.)">
          <div class="source-desc ms-desc"><xsl:apply-templates mode="print"/></div>
        </xsl:for-each>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="pf:principles">
    <section class="principles matter" id="principles">
      <h1 class="matter-head" data-verso="{$book-title}" data-recto="Editorial principles">Editorial principles</h1>
      <!-- the edition's principles in prose (editorial/front.xml), then the encoding of each text (its header) -->
      <xsl:apply-templates select="f:front-part('principles')/p" mode="print"/>
      <xsl:for-each select="$texts[teiHeader/encodingDesc/editorialDecl]">
        <h2 class="matter-sub">{f:title(.)}</h2>
        <dl class="decls">
          <xsl:for-each select="teiHeader/encodingDesc/editorialDecl/*">
            <dt>{($decl-labels(local-name()), local-name())[1]}</dt>
            <dd><xsl:apply-templates select="node()" mode="print"/></dd>
          </xsl:for-each>
        </dl>
      </xsl:for-each>
      <h2 class="matter-sub">This print edition</h2>
      <p>The reading text is printed in its corrected form, its lines numbered in the margin (every
        fifth number shown). At the foot of the page the notes and apparatus stand in separate blocks.
        Notes of the author come first and keep the numbers they have in the source. The critical
        apparatus follows, keyed to the line, with no mark in the text: the line number, the printed
        reading, a bracket, and the reading transmitted by the source; entries of the same line share
        its number. The editors’ notes are lettered <i>a, b, c</i> … afresh in each text, as in the
        digital edition. All corrections are also listed, with their pages and lines, after the texts.
        Quotation marks are printed as the source has them. The indexes give a page number for every
        page on which a person, place or organisation of the register is named.</p>
      <xsl:for-each-group select="$texts/text//choice[pf:is-grouped(.)]" group-by="pf:correction-kind(.)">
        <p>Where <i>{f:title(ancestor::TEI[1])}</i> reads
          “<xsl:apply-templates select="(sic, orig)[1]/node()" mode="app"/>” the editors print
          “{f:reading((corr, reg)[1])}” ({count(current-group())} times); these corrections have no entry in
          the apparatus: the list of corrections gives their lines.</p>
      </xsl:for-each-group>
      <xsl:if test="$texts/text//quote[pf:has-source-note(.)]">
        <p>Where one text of the edition quotes the other, a series of notes of its own, in its own block
          and marked with Greek letters <i>α, β, γ</i> … afresh in each text, forms the apparatus of
          quotations; like the critical apparatus, each note is keyed to its lines — a quotation's note by
          its lines and a lemma (its first and last words), a quoted paragraph's note by the paragraph's
          lines. After the quotation, its note names the source — by the short name below, the paragraph number (¶) of the
          digital edition and the page of this book — and lists the differences the editors’ collation
          found, each keyed (<i>α1, α2</i> …) to the words shaded in the quotation: the reading of the
          quotation, a bracket, the reading of the source (<i>om.</i>: not in the source; ⁁: words left
          out without an ellipsis; long omissions are abridged, with the number of words left out),
          the source, and the kind of difference. Where a source paragraph is printed, a note of the
          same series gives its number and the page of the quotation. Short names:
          <xsl:for-each select="$texts">
            <xsl:if test="position() gt 1">; </xsl:if>
            <i>{f:text-label(.)}</i>
            <xsl:if test="f:text-label(.) ne f:title(.)"> = {f:title(.)}{
              (teiHeader/fileDesc/titleStmt/author)[1] ! (' (' || f:reading(.) || ')')}</xsl:if>
          </xsl:for-each>.</p>
      </xsl:if>
      <xsl:if test="exists($sayings) or $timeline/*">
        <p>
          <xsl:if test="$timeline/*">The timeline before the indexes places every date the texts mention
            on one axis, a row for each text. </xsl:if>
          <xsl:if test="exists($sayings)">The index of speakers gives, for every person whose words the
            texts report, the pages of the passages; an asterisk marks a page where the editors inferred
            the speaker.</xsl:if>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="editorialDecl/*/p | projectDesc/p | licence/p | sourceDesc/p" mode="print" priority="2">
    <p><xsl:apply-templates mode="print"/></p>
  </xsl:template>

  <!-- ===== timeline ===== -->

  <!-- The timeline plate: heading, legend and the SVG, in one box that print.css turns a quarter
       (landscape, read from the outer edge); the figures of the legend are counted in the SVG. -->
  <xsl:template name="pf:timeline">
    <xsl:if test="$timeline/*">
      <xsl:variable name="rows" as="element()*" select="$timeline//*[@data-text]"/>
      <section class="timeline matter" id="timeline">
        <div class="plate">
          <h1 class="matter-head" data-verso="{$book-title}" data-recto="Timeline of dated mentions">Timeline of dated mentions</h1>
          <p class="plate-legend">Every date the texts mention, one row per text
            (<xsl:for-each select="$rows">
              <xsl:variable name="tei" as="element(TEI)?" select="$texts[@xml:id = current()/@data-text]"/>
              <xsl:if test="position() gt 1">; </xsl:if>
              <xsl:variable name="marks" as="xs:integer" select="count(.//*[local-name() = 'circle'])"/>
              <i>{if ($tei) then f:text-label($tei) else string(@data-text)}</i>: {$marks} date{if ($marks ne 1) then 's' else ''}</xsl:for-each>).
            A mark stands at the day, month or year the date names, on an axis where every year has the
            same width; a bar spans a period; a hollow mark is a date the editors inferred or supplied. Marks
            that would touch are stacked. Above each row the dates are labelled by month (by year where a date
            names no month), with their number in parentheses, each label joined to its place on the axis
            (<xsl:for-each select="$rows[@data-labelled]">
              <xsl:if test="position() gt 1">; </xsl:if>
              <xsl:variable name="n" as="xs:string*" select="tokenize(@data-labelled, '/')"/>
              <xsl:variable name="tei" as="element(TEI)?" select="$texts[@xml:id = current()/@data-text]"/>
              <i>{if ($tei) then f:text-label($tei) else string(@data-text)}</i>: {if ($n[1] eq $n[2]) then 'all '
                || $n[2] else $n[1] || ' of ' || $n[2]} months and years labelled</xsl:for-each>).</p>
          <div class="plate-figure"><xsl:sequence select="$timeline/*"/></div>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===== list of corrections ===== -->

  <xsl:template name="pf:corrections">
    <xsl:if test="$apparatus">
      <section class="corrections matter" id="corrections">
        <h1 class="matter-head" data-verso="{$book-title}" data-recto="List of editorial corrections">List of editorial corrections</h1>
        <p class="corrections-intro">Page and line, the printed reading and, after the bracket, the reading
          of the source. {count($apparatus)} correction{if (count($apparatus) ne 1) then 's' else ''} in all;
          a correction made many times in a text is given once, with all its places.</p>
        <xsl:for-each select="$texts[text//choice[pf:is-listed-correction(.)]]">
          <h2 class="matter-sub">{f:title(.)}</h2>
          <table class="corr-list">
            <thead><tr><th class="c-page">Page</th><th class="c-line">Line</th><th>Reading</th><th>Source</th></tr></thead>
            <tbody>
              <xsl:for-each select="text//choice[pf:is-listed-correction(.)][not(pf:is-grouped(.))]">
                <tr>
                  <td class="c-page"><span class="pageref" data-href="#corr-{pf:id(.)}"/></td>
                  <td class="c-line"><xsl:if test="empty(ancestor::note)"><span class="lineref" data-href="#corr-{pf:id(.)}"/></xsl:if></td>
                  <td class="c-reading">{f:reading((corr, reg)[1])}</td>
                  <td class="c-source"><xsl:apply-templates select="(sic, orig)[1]/node()" mode="app"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <xsl:for-each-group select="text//choice[pf:is-grouped(.)]" group-by="pf:correction-kind(.)">
            <p class="corr-group"><span class="c-reading">{f:reading((corr, reg)[1])}</span>] <span
              class="c-source"><xsl:apply-templates select="(sic, orig)[1]/node()" mode="app"/></span>
              ({count(current-group())} times), page.line:
              <xsl:for-each select="current-group()">
                <xsl:if test="position() gt 1">, </xsl:if>
                <span class="c-place"><span class="pageref" data-href="#corr-{pf:id(.)}"/>.<span class="lineref" data-href="#corr-{pf:id(.)}"/></span>
              </xsl:for-each></p>
          </xsl:for-each-group>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
