<?xml version="1.0" encoding="UTF-8"?>
<!--
  page-register.xsl — register pages: persons, places and organisations (each entry with description,
  variants, life dates, authority links and back-links to its mentions in the texts, with a snippet,
  and for persons what the texts quote them as saying (modules/links.xsl)), the register index (a table
  with mention counts, sortable and filterable by the script), and an entry's page of all its mentions
  ($page = 'mentions', $entity) when it has more than $mention-cap; in a large edition that page comes in
  parts, each the mentions in a chunk of texts ($records' site:entry/@part, @first-m, @first-s and its
  site:part children: the pages of all parts), numbered on from the part before.
  Input: the site corpus wrapper (site:corpus with site:register/TEI; the texts (site:text/TEI) only when
  $records is empty). The mentions and sayings come from $records: each text's items are made by the
  entry `records` (input: a site corpus holding that text) and gathered per register id by
  edition.publish.records, so that a register page never needs the texts themselves.
  Modes: #default (page; entry records), h:entry (one register entry), h:records (the items of a corpus),
  h:mention-item (a mention's list item).
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
  <xsl:mode name="h:entry" on-no-match="shallow-skip" on-multiple-match="fail"/>


  <xsl:variable name="h:kinds" as="map(xs:string, map(xs:string, xs:string))" select="map{
      'persons': map{'title':'Persons', 'kind':'person'},
      'places': map{'title':'Places', 'kind':'place'},
      'orgs': map{'title':'Organisations', 'kind':'org'}}"/>

  <!-- The name of the page listing every mention of a register entry. -->
  <xsl:function name="h:mentions-page" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="'mentions-' || $id || '.html'"/>
  </xsl:function>

  <xsl:template match="/site:corpus[$entry = ('', 'register')]">
    <xsl:variable name="entries" select="site:register//(person | personGrp | place | org)[@xml:id]"/>
    <xsl:variable name="recs" as="document-node()" select="($records, h:gather-records(.))[1]"/>
    <xsl:choose>
      <xsl:when test="$page = 'mentions'">
        <xsl:variable name="e" select="$entries[@xml:id = $entity][1]"/>
        <!-- one of several pages of mentions (those of a chunk of texts: publish/records.py mention_parts) -->
        <xsl:variable name="part" select="key('h:entry-records', string($entity), $recs)/@part" as="attribute()?"/>
        <xsl:call-template name="h:page">
          <xsl:with-param name="title" select="f:entity-label($e) || (if ($part) then ', ' || $part else '')"/>
          <xsl:with-param name="kind" select="'register'"/>
          <xsl:with-param name="index" select="false()"/>
          <xsl:with-param name="content" as="node()*">
            <p class="lead">
              <xsl:choose>
                <xsl:when test="$part">Every mention in {$part}; the other texts' on the pages listed below.</xsl:when>
                <xsl:otherwise>Every mention in the texts.</xsl:otherwise>
              </xsl:choose>
              <xsl:text> </xsl:text><a href="{h:register-href($e)}">Register entry</a>;
              <a href="register.html">index of all entries</a>.</p>
            <xsl:if test="$part">
              <nav class="mention-parts" aria-label="Pages of mentions of {f:entity-label($e)}" data-pagefind-ignore="all">
                <ul>
                  <xsl:for-each select="$part/../site:part">
                    <li><a href="{@href}">
                      <xsl:if test="@current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>{@label}</a></li>
                  </xsl:for-each>
                </ul>
              </nav>
            </xsl:if>
            <xsl:apply-templates select="$e" mode="h:entry">
              <xsl:with-param name="recs" select="$recs" tunnel="yes"/>
              <xsl:with-param name="heading" select="1"/>
            </xsl:apply-templates>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'events'">
        <xsl:call-template name="h:events-page"><xsl:with-param name="recs" select="$recs"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="map:contains($h:kinds, $page)" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
        <xsl:variable name="k" select="$h:kinds($page)"/>
        <xsl:variable name="mine" select="$entries[f:entity-kind(.) = $k?kind]"/>
        <xsl:call-template name="h:page">
          <xsl:with-param name="title" select="$k?title"/>
          <xsl:with-param name="kind" select="'register'"/>
          <xsl:with-param name="content" as="node()*">
            <h1>{$k?title}</h1>
            <p class="lead">{count($mine)} entries. <a href="register.html">Index of all entries</a>.</p>
            <xsl:if test="$mine">
              <nav class="entry-nav" aria-labelledby="entry-nav-h" data-pagefind-ignore="all">
                <h2 id="entry-nav-h" class="vh">Entries in alphabetical order, with cross-references from other forms</h2>
                <ul>
                  <xsl:for-each select="$mine ! h:index-items(.)">
                    <xsl:sort select="?key" collation="{$f:register-collation}"/>
                    <xsl:sort select="?heading"/>
                    <li>
                      <xsl:choose>
                        <xsl:when test="?see"><span class="xref"><bdi>{?heading}</bdi>{' '}<i>see</i>{' '}<a href="#{?id}"><bdi>{?see}</bdi></a></span></xsl:when>
                        <xsl:otherwise><a href="#{?id}"><bdi>{?heading}</bdi></a></xsl:otherwise>
                      </xsl:choose>
                    </li>
                  </xsl:for-each>
                </ul>
              </nav>
            </xsl:if>
            <xsl:apply-templates select="$mine" mode="h:entry">
              <xsl:sort select="f:entity-sort-key(.)" collation="{$f:register-collation}"/>
              <xsl:with-param name="recs" select="$recs" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="h:page">
          <xsl:with-param name="title" select="'Register'"/>
          <xsl:with-param name="kind" select="'register-index'"/>
          <xsl:with-param name="index" select="false()"/>
          <xsl:with-param name="content" as="node()*">
            <h1>Register</h1>
            <p class="lead">{count($entries[f:entity-kind(.) = 'person'])} <a href="persons.html">persons</a>,
              {count($entries[f:entity-kind(.) = 'place'])} <a href="places.html">places</a>,
              {count($entries[f:entity-kind(.) = 'org'])} <a href="organisations.html">organisations</a><xsl:if test="exists($events//event)">,
              {count($events//event)} <a href="events.html">events</a></xsl:if>.</p>
            <div class="register-index" data-filterable="">
              <table class="sortable">
                <caption>All register entries with the number of mentions in the texts</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Dates</th><th scope="col" class="num">Mentions</th></tr></thead>
                <tbody>
                  <xsl:for-each select="$entries">
                    <xsl:sort select="f:entity-sort-key(.)" collation="{$f:register-collation}"/>
                    <tr>
                      <td data-sort="{f:entity-sort-key(.)}"><a href="{h:register-href(.)}"><bdi>{f:register-heading(.)}</bdi></a></td>
                      <td>{map{'person':'person', 'place':'place', 'org':'organisation'}(f:entity-kind(.))}</td>
                      <td>{f:life-dates(.)}</td>
                      <td class="num">{(key('h:entry-records', string(@xml:id), $recs)/@mentions, 0)[1]}</td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="person | personGrp | place | org" mode="h:entry">
    <xsl:param name="recs" as="document-node()" tunnel="yes"/>
    <xsl:param name="heading" as="xs:integer" select="2"/>
    <xsl:variable name="id" select="string(@xml:id)"/>
    <xsl:variable name="label" select="f:entity-label(.)"/>
    <xsl:variable name="rec" select="key('h:entry-records', $id, $recs)"/>
    <xsl:variable name="n" as="xs:integer" select="xs:integer(($rec/@mentions, 0)[1])"/>
    <article class="entry entry-{f:entity-kind(.)}" id="{$id}" aria-labelledby="h-{$id}">
      <xsl:element name="h{$heading}"><xsl:attribute name="id" select="'h-' || $id"/><bdi>{$label}</bdi></xsl:element>
      <xsl:for-each select="f:life-dates(.)"><p class="entry-dates">{.}</p></xsl:for-each>
      <xsl:for-each select="f:entity-description(.)"><p class="entry-desc">{.}</p></xsl:for-each>
      <xsl:variable name="variants" select="distinct-values((persName | placeName | orgName | name)[not(@type = 'preferred')] ! f:reading(.))[. ne $label]"/>
      <xsl:if test="exists($variants)"><p class="entry-variants"><span class="label">Forms in the texts: </span><xsl:for-each select="$variants"><xsl:if test="position() gt 1">; </xsl:if><bdi>{.}</bdi></xsl:for-each></p></xsl:if>
      <xsl:for-each select="location[.//text()[normalize-space()] or geo]"><p class="entry-location"><span class="label">Location: </span>{f:reading(.)}</p></xsl:for-each>
      <xsl:if test="idno">
        <p class="entry-authority"><span class="label">Authority: </span>
          <xsl:for-each select="idno">
            <xsl:variable name="href" select="f:authority-href(.)"/>
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="exists($href)"><a href="{$href}" rel="noopener">{(@type, 'id')[1]} {normalize-space(.)}</a></xsl:when>
              <xsl:otherwise>{(@type, 'id')[1]} {normalize-space(.)}</xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:apply-templates select="." mode="h:entry-sayings">
        <xsl:with-param name="items" select="h:listed($rec/site:s)"/>
        <xsl:with-param name="n" select="xs:integer(($rec/@sayings, 0)[1])"/>
        <xsl:with-param name="level" select="$heading + 1"/>
        <xsl:with-param name="start" select="xs:integer(($rec/@first-s, 1)[1])"/>
      </xsl:apply-templates>
      <xsl:element name="h{$heading + 1}">Mentions ({$n})</xsl:element>
      <xsl:choose>
        <xsl:when test="$n = 0"><p>Not mentioned in the texts.</p></xsl:when>
        <xsl:when test="empty($rec/site:m)"><p>None in {$rec/@part}.</p></xsl:when>
        <xsl:otherwise>
          <ol class="mentions"><xsl:if test="$rec/@first-m ne '1'"><xsl:attribute name="start" select="$rec/@first-m"/></xsl:if><xsl:copy-of select="h:listed($rec/site:m)/node()" copy-namespaces="no"/></ol>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$page ne 'mentions' and max(($n, xs:integer(($rec/@sayings, 0)[1]))) gt $mention-cap">
        <p class="more-mentions"><a href="{h:mentions-page($id)}">All {$n} mentions<span class="vh"> of <bdi>{$label}</bdi></span></a></p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- The items a page lists: all on an entry's page of mentions, else the first $mention-cap. -->
  <xsl:function name="h:listed" as="element()*">
    <xsl:param name="items" as="element()*"/>
    <xsl:sequence select="if ($page = 'mentions') then $items else subsequence($items, 1, $mention-cap)"/>
  </xsl:function>

  <!-- The items of an entry in the alphabetical list: the entry itself, and a cross-reference ("Pospyelov see
       Pospelov, Pyotr") from each form the texts use that is not a part of its preferred name (another
       transliteration, a damaged or a different form), so that a reader looking up the form finds the entry. -->
  <xsl:function name="h:index-items" as="map(*)*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="heading" select="f:register-heading($e)"/>
    <xsl:sequence select="map{'key': f:entity-sort-key($e), 'heading': $heading, 'id': string($e/@xml:id), 'see': ()}"/>
    <xsl:for-each select="f:xref-forms($e)">
      <xsl:sequence select="map{'key': replace(., '^(the|al|el)\s+', '', 'i'), 'heading': string(.), 'id': string($e/@xml:id), 'see': $heading}"/>
    </xsl:for-each>
  </xsl:function>


</xsl:stylesheet>