<?xml version="1.0" encoding="UTF-8"?>
<!--
  page-home.xsl — the home page (title, introduction from the project description, the texts with
  their metadata, links to registers, principles and downloads), the downloads page, the search page and
  the timeline page (the chart of xslt/timeline/chart.xsl inline, no script).
  Input: the site corpus wrapper (site:corpus). Parameter $page: home (default) | downloads | search | timeline.
  Modes: #default, h:svg (copies the timeline SVG, adjusting its accessibility attributes).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xmlns:site="urn:x-edition:site"
  xmlns:tl="urn:x-edition:timeline"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-skip" on-multiple-match="fail" use-accumulators="#all"/>
  <xsl:mode name="h:svg" on-no-match="shallow-copy" on-multiple-match="fail"/>

  <xsl:template match="/site:corpus[$entry = ('', 'home')]">
    <xsl:choose>
      <xsl:when test="$page = 'downloads'"><xsl:call-template name="h:downloads"/></xsl:when>
      <xsl:when test="$page = 'search'"><xsl:call-template name="h:search"/></xsl:when>
      <xsl:when test="$page = 'timeline'"><xsl:call-template name="h:timeline"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="h:home"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="h:home">
    <xsl:variable name="recs" as="document-node()" select="($records, h:gather-records(.))[1]"/>
    <xsl:variable name="entries" select="site:register//(person | personGrp | place | org)[@xml:id]"/>
    <xsl:variable name="project" select="(site:text//teiHeader/encodingDesc/projectDesc)[1]"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Home'"/>
      <xsl:with-param name="kind" select="'home'"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="content" as="node()*">
        <header class="title-page">
          <h1>{$edition-title}</h1>
          <xsl:call-template name="h:front-editors"/>
        </header>
        <xsl:choose>
          <xsl:when test="exists(f:front-part('introduction'))">
            <xsl:call-template name="h:front-div"><xsl:with-param name="type" select="'introduction'"/><xsl:with-param name="class" select="'intro'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="$project">
            <section class="intro" aria-labelledby="intro-h">
              <h2 id="intro-h">Introduction</h2>
              <xsl:apply-templates select="$project/node()" mode="h:render"/>
            </section>
          </xsl:when>
        </xsl:choose>
        <section class="texts" aria-labelledby="texts-h">
          <h2 id="texts-h">The texts and their sources</h2>
          <ul class="text-list">
            <xsl:copy-of select="$recs/site:records/site:h/node()" copy-namespaces="no"/>
          </ul>
        </section>
        <section class="more" aria-labelledby="more-h">
          <h2 id="more-h">Register and apparatus</h2>
          <ul>
            <li><a href="persons.html">Persons</a> ({count($entries[f:entity-kind(.) = 'person'])}),
                <a href="places.html">places</a> ({count($entries[f:entity-kind(.) = 'place'])}),
                <a href="organisations.html">organisations</a> ({count($entries[f:entity-kind(.) = 'org'])}) — <a href="register.html">index of the register</a></li>
            <li><a href="encoding.html">Editorial principles and encoding</a></li>
            <li><a href="corrections.html">List of corrections</a> ({$recs/site:records/@corrections})</li>
            <xsl:if test="$timeline-page"><li><a href="timeline.html">Timeline</a> of the dates in the texts</li></xsl:if>
            <xsl:if test="exists($events//event)"><li><a href="events.html">Events</a> ({count($events//event)})</li></xsl:if>
            <li><a href="downloads.html">Downloads</a> (TEI and PDF)</li>
            <xsl:if test="$search"><li><a href="search.html">Search the edition</a></li></xsl:if>
          </ul>
        </section>
        <xsl:call-template name="h:front-responsibility"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="h:downloads">
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Downloads'"/>
      <xsl:with-param name="kind" select="'downloads'"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Downloads</h1>
        <p>The TEI P5 files are the masters of the edition; the HTML and PDF are generated from them.</p>
        <table>
          <caption>Files of each text</caption>
          <thead><tr><th scope="col">Text</th><th scope="col">TEI P5 (XML)</th><th scope="col">PDF</th></tr></thead>
          <tbody>
            <xsl:for-each select="site:text">
              <tr>
                <th scope="row"><a href="{@page}">{f:title((TEI | teiCorpus)[1])}</a></th>
                <td><a href="{@tei}">{tokenize(@tei, '/')[last()]}</a></td>
                <td><xsl:choose><xsl:when test="@pdf != ''"><a href="{@pdf}">{tokenize(@pdf, '/')[last()]}</a></xsl:when><xsl:otherwise>not published</xsl:otherwise></xsl:choose></td>
              </tr>
            </xsl:for-each>
            <xsl:for-each select="site:register[@tei]">
              <tr><th scope="row"><a href="register.html">Register</a></th><td><a href="{@tei}">{tokenize(@tei, '/')[last()]}</a></td><td>—</td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="h:timeline">
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Timeline'"/>
      <xsl:with-param name="kind" select="'timeline'"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Timeline</h1>
        <p class="lead">Every dated mention in the texts ({count(site:text//text//date[not(ancestor::note[@type = 'editorial'])])} dates), one row per text.
          Each label names the dates of a month (or of a year, when a date names no month), with their number in
          parentheses and, in bold, the event of the <a href="events.html">register of events</a> that falls in it; a label
          leads to those dates in the list below (a named event to its entry). Each mark links to the date in its
          paragraph; a bar is a period; a hollow mark an uncertain date; point at a mark (or focus it) to read its
          date and words. Every year has the same width. The same dates follow <a href="#timeline-list-h">as a list</a>.</p>
        <figure class="timeline">
          <div class="timeline-scroll" tabindex="0" role="region" aria-label="Timeline (scrolls sideways)">
            <!-- the chart (xslt/timeline/chart.xsl) drawn here, with the web variant's parameters -->
            <xsl:variable name="chart" as="document-node()"><xsl:document><xsl:for-each select="root()"><xsl:call-template name="tl:chart"/></xsl:for-each></xsl:document></xsl:variable>
            <xsl:apply-templates select="$chart/*" mode="h:svg"/>
          </div>
          <figcaption>Dated mentions in {string-join(site:text ! f:title((TEI | teiCorpus)[1]), ' and ')}.</figcaption>
        </figure>
        <xsl:variable name="dates" select="site:text//text//date[not(ancestor::note[@type = 'editorial'])][f:date-norm(.)]"/>
        <section class="timeline-list" aria-labelledby="timeline-list-h">
          <h2 id="timeline-list-h">The same dates as a list</h2>
          <p>In calendar order; each date links to its place in the text. A date whose year is supplied by the
            editors is marked so.</p>
          <div class="table-wrap">
            <table class="dates">
              <caption class="vh">Every dated mention in the texts, in calendar order</caption>
              <thead><tr><th scope="col">Date</th><th scope="col">Text</th><th scope="col">Passage</th><th scope="col">As the text has it</th></tr></thead>
              <tbody>
                <xsl:variable name="sorted" as="element(date)*">
                  <xsl:perform-sort select="$dates">
                    <xsl:sort select="((@when, @from, @notBefore)[1], '9999')[1]"/>
                    <xsl:sort select="((@to, @notAfter, @when)[1], '9999')[1]"/>
                  </xsl:perform-sort>
                </xsl:variable>
                <xsl:for-each select="$sorted">
                  <xsl:variable name="i" as="xs:integer" select="position()"/>
                  <xsl:variable name="text" select="ancestor::site:text"/>
                  <xsl:variable name="para" select="ancestor::p[f:is-numbered-para(.)][1]"/>
                  <!-- the first date of a month (or year) is where the timeline's label of that month leads -->
                  <xsl:variable name="key" as="xs:string" select="f:date-month-key(.)"/>
                  <tr>
                    <xsl:if test="matches($key, '^\d{4}') and ($i eq 1 or f:date-month-key($sorted[$i - 1]) ne $key)">
                      <xsl:attribute name="id" select="'dates-' || $key"/>
                    </xsl:if>
                    <td><xsl:if test="@from or @notBefore"><xsl:attribute name="class" select="'period'"/></xsl:if>{f:date-words(replace(f:date-norm(.), ' \(.*\)$', ''))}{if (@evidence = 'conjecture') then ' (year supplied by the editors)' else if (@cert = ('low', 'medium', 'unknown')) then ' (uncertain)' else ''}</td>
                    <td>{($text/@label[. ne ''], f:title(ancestor::TEI[1]))[1]}</td>
                    <td><a href="{$text/@page}#{f:date-id(.)}">{if ($para) then '¶ ' || f:para-number($para) else 'see the text'}</a></td>
                    <td>{f:reading(.)}</td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </section>
        <xsl:call-template name="h:events-summary"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The timeline's root: a group of links (role="img" would hide them from assistive technology). -->
  <xsl:template match="/*[local-name() = 'svg']" mode="h:svg">
    <xsl:copy>
      <xsl:apply-templates select="@* except @role" mode="h:svg"/>
      <xsl:attribute name="role" select="'group'"/>
      <xsl:attribute name="aria-label" select="normalize-space(*[local-name() = 'title'][1])"/>
      <xsl:apply-templates mode="h:svg"/>
    </xsl:copy>
  </xsl:template>
  <!-- Only relative and fragment links in the SVG (it is generated, but stay safe). A date outside any
       element with an id points to the text itself ("page.html#text-id"): that is the page's article. -->
  <xsl:variable name="h:corpus" as="document-node()" select="/"/>
  <xsl:template match="@*[local-name() = 'href']" mode="h:svg">
    <xsl:variable name="frag" select="substring-after(., '#')"/>
    <xsl:choose>
      <xsl:when test="empty(f:safe-href(.))"/>
      <xsl:when test="exists($h:corpus/site:corpus/site:text[@page = substring-before(current(), '#')]/(TEI | teiCorpus)[@xml:id = $frag])">
        <xsl:attribute name="{name()}" namespace="{namespace-uri()}" select="substring-before(., '#') || '#text-' || $frag"/>
      </xsl:when>
      <xsl:otherwise><xsl:copy/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*[local-name() = ('script', 'foreignObject', 'style')] | @*[starts-with(lower-case(local-name()), 'on')] | @style" mode="h:svg"/>

  <xsl:template name="h:search">
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="kind" select="'search'"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Search</h1>
        <form class="search-form" role="search" action="search.html" method="get">
          <label for="search-input">Search the texts and the register</label>
          <input type="search" id="search-input" name="q" autocomplete="off"/>
          <button type="submit">Search</button>
        </form>
        <p class="noscript-note" id="search-noscript">The search runs in your browser and needs JavaScript.
          Without it, use the <a href="register.html">register</a> and the tables of contents of the <a href="index.html">texts</a>.</p>
        <div class="search-layout">
          <section class="search-hits" aria-labelledby="search-results-h">
            <h2 id="search-results-h" class="vh">Results</h2>
            <p id="search-status" class="search-status" aria-live="polite"></p>
            <ol id="search-results" class="search-results"></ol>
          </section>
          <!-- after the results, so that on a phone the results come first -->
          <section class="search-filters" id="search-filters" aria-labelledby="search-filters-h">
            <h2 id="search-filters-h">Narrow the results</h2>
            <p class="filters-note">The numbers count the passages that match the search.</p>
          </section>
        </div>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
