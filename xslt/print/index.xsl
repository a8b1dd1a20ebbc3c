<?xml version="1.0" encoding="UTF-8"?>
<!--
  index.xsl — the indexes of persons, places and organisations at the end of the print book, then the index of
  events (the register of events, $events) and the index of speakers.

  One entry per register entry that is mentioned (or per unregistered name form), sorted by its
  heading; the entry lists one link per mention to the mention's anchor (names.xsl). CSS prints
  each link's page with target-counter; edition.publish.pdf then replaces the links by one link
  per distinct page, printed as a literal number, and sets the indexes again.

  Input: the TEI texts (mentions) and the register entries (headings).
  Modes: index-name (register entry → heading text).
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

  <xsl:variable name="index-collation" as="xs:string"
    select="'http://www.w3.org/2013/collation/UCA?lang=' || $book-lang || ';fallback=yes;strength=secondary'"/>

  <xsl:variable name="index-kinds" as="map(xs:string, xs:string)"
    select="map{'persons': 'Index of persons', 'places': 'Index of places', 'orgs': 'Index of organisations',
                'events': 'Index of events', 'speakers': 'Index of speakers'}"/>

  <xsl:function name="pf:index-mentions" as="element()*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="$texts/text//(persName | placeName | orgName | name[@ref] | rs[@ref])
                          [f:is-mention(.)][not(f:in-suppressed(.))][f:index-kind(.) eq $kind]"/>
  </xsl:function>

  <!-- Attributed speech in the reading texts. -->
  <xsl:variable name="sayings" as="element(said)*" select="$texts/text//said[normalize-space(@who)]"/>

  <!-- The events of the register of events ($events, editorial/events.xml) that a printed paragraph names. -->
  <xsl:variable name="pf:events-named" as="element(event)*"
    select="$events//event[@xml:id][let $ev := . return some $p in $texts/text//p[f:is-numbered-para(.)] satisfies f:names-event($p, $ev)]"/>

  <!-- Index kinds that have at least one mention (or passage of speech, or event named), in book order. -->
  <xsl:variable name="indexes" as="xs:string*"
    select="('persons', 'places', 'orgs')[exists(pf:index-mentions(.))], 'events'[exists($pf:events-named)],
            'speakers'[exists($sayings)]"/>

  <xsl:template name="pf:indexes">
    <xsl:for-each select="$indexes">
      <xsl:variable name="kind" as="xs:string" select="."/>
      <section class="index index-{$kind}{if (position() eq 1) then ' index-first' else ''}" id="index-{$kind}">
        <h1 class="matter-head" data-verso="{$book-title}" data-recto="{$index-kinds($kind)}">{$index-kinds($kind)}</h1>
        <xsl:choose>
          <xsl:when test="$kind eq 'speakers'"><xsl:call-template name="pf:speakers"/></xsl:when>
          <xsl:when test="$kind eq 'events'"><xsl:call-template name="pf:event-index"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="pf:name-index"><xsl:with-param name="kind" select="$kind"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- An index of names: one entry per register entry (or unregistered name), and a cross-reference from
       each variant form of an entry that the book uses and that is not made of words of its heading
       ("Peng Chen, see Peng Zhen": f:xref-forms, as the HTML register), all in the order of their headings. -->
  <xsl:template name="pf:name-index">
    <xsl:param name="kind" as="xs:string" required="yes"/>
    <xsl:variable name="mentions" as="element()*" select="pf:index-mentions($kind)"/>
    <xsl:variable name="items" as="element()*">
      <xsl:for-each-group select="$mentions" group-by="f:index-key(.)">
        <xsl:variable name="entity" as="element()?" select="f:mention-entity(current-group()[1])"/>
        <li class="ix-entry" id="ix-{current-grouping-key()}" data-sort="{pf:index-sort(current-group()[1])}"
            data-key="{current-grouping-key()}">
          <span class="ix-name">{pf:index-heading(current-group()[1])}</span>
          <xsl:if test="$entity">
            <xsl:apply-templates select="$entity" mode="index-name"/>
          </xsl:if>
          <xsl:text> </xsl:text>
          <span class="ix-pages">
            <xsl:for-each select="current-group()">
              <xsl:if test="position() gt 1"><span class="ix-sep">, </span></xsl:if>
              <a class="ix-ref" href="#{f:mention-anchor(.)}"/>
            </xsl:for-each>
          </span>
        </li>
        <xsl:if test="$entity">
          <xsl:variable name="used" as="xs:string*" select="distinct-values(current-group() ! normalize-space(f:reading(.)))"/>
          <xsl:for-each select="f:xref-forms($entity)[normalize-space(.) = $used]">
            <li class="ix-entry ix-xref" data-sort="{replace(replace(., '^\P{L}+', ''), '^(the|al|el)\s+', '', 'i')}" data-key="{current-grouping-key()} {.}">
              <span class="ix-name">{.}</span>, <span class="ix-see">see</span>{' '}{pf:entity-heading($entity, '')}</li>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:variable>
    <ul class="index-list">
      <xsl:for-each select="$items">
        <xsl:sort select="@data-sort" collation="{$index-collation}"/>
        <xsl:sort select="@data-key"/>
        <xsl:copy>
          <xsl:sequence select="@* except (@data-sort, @data-key), node()"/>
        </xsl:copy>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The index of events: a headnote, then one entry per event of the register of events that the texts
       name: its name, date and place, the other names the texts give it, and the pages of the paragraphs that
       name it (f:names-event, as the HTML events page). -->
  <xsl:template name="pf:event-index">
    <p class="index-headnote">The events the texts name, from the edition’s register of events, with their date
      and place, the names by which the texts refer to them, and the pages of the paragraphs that name them.
      A name that could mean more than one event is not counted.</p>
    <ul class="index-list">
      <xsl:for-each select="$pf:events-named">
        <xsl:sort select="f:event-label(.)" collation="{$index-collation}"/>
        <xsl:variable name="ev" as="element(event)" select="."/>
        <xsl:variable name="place" as="element()?" select="@where ! f:entity(string(.), ($texts, $ev)[1])"/>
        <xsl:variable name="label" as="xs:string" select="f:event-label(.)"/>
        <!-- the other names, each once whatever its case ("Bucharest Meeting", "Bucharest meeting") -->
        <xsl:variable name="all" as="xs:string*" select="f:event-forms(.)[lower-case(.) ne lower-case($label)]"/>
        <xsl:variable name="forms" as="xs:string*"
          select="for $i in 1 to count($all) return $all[$i][not(lower-case(.) = (subsequence($all, 1, $i - 1) ! lower-case(.)))]"/>
        <li class="ix-entry" id="ex-{@xml:id}">
          <span class="ix-name">{$label}</span>
          <span class="ix-dates">, {f:event-date(.)}{$place ! (', ' || f:entity-label(.))}</span>
          <xsl:if test="exists($forms)">
            <span class="ix-forms">; named {string-join($forms ! ('“' || . || '”'), ', ')}</span>
          </xsl:if>
          <xsl:text> </xsl:text>
          <span class="ix-pages">
            <xsl:for-each select="$texts/text//p[f:is-numbered-para(.)][f:names-event(., $ev)]">
              <xsl:if test="position() gt 1"><span class="ix-sep">, </span></xsl:if>
              <a class="ix-ref" href="#{pf:id(.)}"/>
            </xsl:for-each>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The index of speakers: a headnote, then one entry per speaker. -->
  <xsl:template name="pf:speakers">
    <p class="index-headnote">The persons whom the texts quote as speaking, with the number of passages
      attributed to each in parentheses and the pages on which they speak. An asterisk marks a page on which
      every passage has a speaker inferred by the editors from the context rather than named in the text;
      a passage spoken jointly is listed under each speaker.</p>
    <ul class="index-list">
      <xsl:for-each-group select="$sayings" group-by="tokenize(normalize-space(@who)) ! replace(., '^#', '')">
        <xsl:sort select="replace(pf:entity-heading(f:entity('#' || current-grouping-key(), .), current-grouping-key()),
                                  '^(the|al|el)\s+', '', 'i')" collation="{$index-collation}"/>
        <xsl:sort select="current-grouping-key()"/>
        <xsl:variable name="entity" as="element()?" select="f:entity('#' || current-grouping-key(), .)"/>
        <li class="ix-entry" id="sx-{current-grouping-key()}">
          <span class="ix-name">{pf:entity-heading($entity, current-grouping-key())}</span>
          <xsl:apply-templates select="$entity" mode="index-name"/>
          <span class="ix-count"> ({count(current-group())})</span>
          <xsl:text> </xsl:text>
          <span class="ix-pages">
            <xsl:for-each select="current-group()">
              <xsl:if test="position() gt 1"><span class="ix-sep">, </span></xsl:if>
              <a class="ix-ref{if (@cert) then ' ix-inferred' else ''}" href="#{pf:id(.)}"/>
            </xsl:for-each>
          </span>
        </li>
      </xsl:for-each-group>
    </ul>
  </xsl:template>

  <!-- Heading of an index entry: "Surname, Forename" for persons whose name puts the forename
       first; a name written surname first (Zhou Enlai) and other entries: the preferred name. -->
  <xsl:function name="pf:index-heading" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="pf:entity-heading(f:mention-entity($mention), f:reading($mention))"/>
  </xsl:function>

  <!-- The same for a register entry; $fallback when there is none. -->
  <xsl:function name="pf:entity-heading" as="xs:string">
    <xsl:param name="entity" as="element()?"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:variable name="name" as="element()?" select="
      ($entity/*[self::persName or self::placeName or self::orgName][@type = 'preferred'],
       $entity/*[self::persName or self::placeName or self::orgName])[1]"/>
    <xsl:sequence select="
      if (empty($name)) then $fallback
      else if ($name/surname and $name/(forename | addName | genName)
               and not($name/surname[1] &lt;&lt; $name/(forename | addName | genName)[1]))
      then string-join($name/surname ! f:reading(.), ' ') || ', '
           || string-join($name/(forename | addName | genName | nameLink) ! f:reading(.), ' ')
      else f:reading($name)"/>
  </xsl:function>

  <xsl:function name="pf:index-sort" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="replace(pf:index-heading($mention), '^(the|al|el)\s+', '', 'i')"/>
  </xsl:function>

  <!-- Qualifiers after the heading: life dates of persons, abbreviation of organisations. -->
  <xsl:template match="person" mode="index-name">
    <xsl:variable name="born" as="xs:string?" select="substring(birth/(@when, @notBefore)[1], 1, 4)[. ne '']"/>
    <xsl:variable name="died" as="xs:string?" select="substring(death/(@when, @notAfter)[1], 1, 4)[. ne '']"/>
    <xsl:if test="$born or $died">
      <span class="ix-dates"> ({($born, '?')[1]}–{($died, '')[1]})</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="org" mode="index-name">
    <xsl:variable name="abbr" as="xs:string?" select="orgName[@type = ('abbreviation', 'abbr', 'acronym')][1] ! f:reading(.)"/>
    <xsl:if test="$abbr"><span class="ix-abbr"> ({$abbr})</span></xsl:if>
  </xsl:template>

  <xsl:template match="place | personGrp" mode="index-name"/>

</xsl:stylesheet>
