<?xml version="1.0" encoding="UTF-8"?>
<!--
  names.xsl — names and dates: persName/placeName/orgName/name/rs become links to the register entry
  (or a safe external link) with a card (name, dates, description, register link); dates show their
  normalised value; foreign words carry lang (e.g. lang="ru"), language name and gloss.
  Input: TEI P5 phrase-level nodes. Modes: h:render. Named templates: h:cards (the entity cards of a page), h:search-filters.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">


  <!-- Register page of an entity kind. -->
  <xsl:function name="h:register-page" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="(map{'person':'persons.html', 'place':'places.html', 'org':'organisations.html'}($kind), 'register.html')[1]"/>
  </xsl:function>
  <xsl:function name="h:register-href" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="h:register-page(f:entity-kind($e)) || '#' || $e/@xml:id"/>
  </xsl:function>

  <!-- The card id of a register entity. -->
  <xsl:function name="h:card-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="'card-' || $e/@xml:id"/>
  </xsl:function>

  <!-- The register's entries by id, built once per transformation. -->
  <xsl:variable name="h:register-entries" as="map(xs:string, element())"
    select="map:merge($register//(person | personGrp | place | org | event | object)[@xml:id] ! map:entry(string(@xml:id), .))"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The kind and label of each register entry ([kind, label]), worked out once per transformation: the search
       facets of every passage name them. -->
  <xsl:variable name="h:register-facets" as="map(xs:string, array(xs:string))"
    select="map:merge(map:for-each($h:register-entries, function($id, $e) { map:entry($id, [f:entity-kind($e), f:entity-label($e), f:register-heading($e)]) }))"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <xsl:template match="persName | placeName | orgName | name | rs" mode="h:render">
    <xsl:variable name="ref" select="normalize-space(@ref)"/>
    <xsl:variable name="first" select="tokenize($ref)[1]"/>
    <xsl:variable name="id" select="if (starts-with($first, '#')) then substring($first, 2) else ()"/>
    <xsl:variable name="registered" select="$id ! $h:register-entries(.)"/>
    <xsl:variable name="local" select="if ($id and empty($registered)) then key('f:id', $id)[self::person or self::personGrp or self::place or self::org or self::event or self::object] else ()"/>
    <xsl:variable name="entity" select="($registered, $local)[1]"/>
    <xsl:if test="$id and empty($entity) and $warn-unknown">
      <xsl:message>unresolved-ref: &lt;{name()} ref="{$first}"&gt; points to no register entry; not linked</xsl:message>
    </xsl:if>
    <xsl:variable name="kind" select="if ($entity) then f:entity-kind($entity)
                                      else if (self::persName) then 'person' else if (self::placeName) then 'place'
                                      else if (self::orgName) then 'org' else 'other'"/>
    <xsl:variable name="href" select="if ($registered) then h:register-page($kind) || '#' || $id
                                      else if ($local) then '#' || $id
                                      else if ($first and not(starts-with($first, '#'))) then f:safe-href($first) else ()"/>
    <xsl:variable name="mention-id" select="if (@xml:id or (@ref and f:is-mention(.))) then f:mention-id(.) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(ancestor::ref or ancestor::ptr)">
        <a class="ent ent-{$kind} {local-name()}" href="{$href}" dir="auto">
          <xsl:if test="$mention-id"><xsl:attribute name="id" select="$mention-id"/></xsl:if>
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
          <xsl:if test="$registered"><xsl:attribute name="data-card" select="'card-' || $id"/></xsl:if>
          <xsl:apply-templates mode="h:render"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ent ent-{$kind} {local-name()}" dir="auto">
          <xsl:if test="$mention-id"><xsl:attribute name="id" select="$mention-id"/></xsl:if>
          <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
          <xsl:apply-templates mode="h:render"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="roleName | forename | surname | addName | genName | nameLink | geogName | settlement | country
                       | region | district | bloc | placeName/* | persName/*" mode="h:render" priority="-0.25">
    <span><xsl:sequence select="h:attrs(., true())"/><xsl:apply-templates mode="h:render"/></span>
  </xsl:template>

  <xsl:template match="date | time | origDate" mode="h:render">
    <xsl:variable name="norm" select="f:date-norm(.)"/>
    <xsl:variable name="iso" select="(@when, @when-iso)[1][matches(., '^-?\d{4}(-\d{2}(-\d{2})?)?$')]"/>
    <xsl:element name="{if ($iso) then 'time' else 'span'}">
      <xsl:sequence select="h:attrs(., true())"/>
      <xsl:attribute name="class" select="string-join(distinct-values(('date', local-name())), ' ')"/>
      <xsl:if test="self::date[ancestor::text][not(@xml:id)]"><xsl:attribute name="id" select="f:date-id(.)"/></xsl:if>
      <xsl:if test="$iso"><xsl:attribute name="datetime" select="$iso"/></xsl:if>
      <xsl:if test="$norm"><xsl:attribute name="data-norm" select="$norm"/></xsl:if>
      <xsl:apply-templates mode="h:render"/>
    </xsl:element>
  </xsl:template>

  <!-- Foreign words: language attribute, language name and gloss (from the authorial note that follows, or a gloss). -->
  <xsl:template match="foreign" mode="h:render">
    <xsl:variable name="lang" select="string((@xml:lang, ancestor::*[@xml:lang][1]/@xml:lang)[1])"/>
    <xsl:variable name="next" select="following-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:variable name="gloss" select="(
        key('f:id', tokenize(@corresp) ! f:ref-id(.))[self::gloss or self::note] ! f:reading(node()),
        $next[self::note[f:is-numbered-note(.)]] ! f:reading(node()),
        $next[self::gloss] ! f:reading(node()))[.][1]"/>
    <i>
      <xsl:sequence select="h:attrs(., true())"/>
      <xsl:if test="$lang"><xsl:attribute name="data-lang" select="f:language-name($lang, .)"/></xsl:if>
      <xsl:if test="$gloss"><xsl:attribute name="data-gloss" select="$gloss"/></xsl:if>
      <xsl:apply-templates mode="h:render"/>
    </i>
  </xsl:template>

  <!-- The register entities mentioned in some texts, once each, in order of first mention. -->
  <xsl:function name="h:mentioned-entities" as="element()*">
    <xsl:param name="scope" as="node()*"/>
    <xsl:variable name="ids" select="distinct-values($scope//(persName | placeName | orgName | name | rs)/@ref
                                     ! tokenize(normalize-space(.))[1][starts-with(., '#')] ! substring(., 2))"/>
    <xsl:sequence select="$ids ! $h:register-entries(.)"/>
  </xsl:function>

  <!-- The cards of the register entities mentioned in a page (hidden; shown by the script on hover/focus). -->
  <xsl:template name="h:cards">
    <xsl:param name="entities" as="element()*"/>
    <xsl:if test="exists($entities)">
      <div class="cards" hidden="hidden" data-pagefind-ignore="all">
        <xsl:for-each select="$entities">
          <xsl:variable name="label" select="f:entity-label(.)"/>
          <div class="card card-{f:entity-kind(.)}" id="card-{@xml:id}" role="tooltip">
            <p class="card-name"><bdi>{$label}</bdi>{f:life-dates(.) ! (' (' || . || ')')}</p>
            <xsl:for-each select="f:entity-description(.)"><p class="card-desc">{.}</p></xsl:for-each>
            <p class="card-link"><a href="{h:register-href(.)}">Register entry<span class="vh">: <bdi>{$label}</bdi></span></a></p>
          </div>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Pagefind filter values of a page: its texts and the persons and places they mention. -->
  <!-- A passage's search record (edition.publish.search makes one Pagefind record per passage): its label and
       the values of the search facets, "|"-separated — persons (surname first, as the register lists them) and places named in it,
       the years of its dates, and the section it stands in. -->
  <xsl:function name="h:passage-attrs" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="label" as="xs:string"/>
    <!-- each entry once, in order of first mention (as f:mention-entity: the first local pointer of @ref), so that
         its kind and label are worked out once per passage, not once per mention -->
    <xsl:variable name="ids" select="distinct-values($e//*[self::persName or self::placeName or self::orgName or self::name or self::rs][@ref][not(ancestor::note)]
                                     ! (tokenize(normalize-space(@ref))[starts-with(., '#')][1]))"/>
    <xsl:variable name="facets" as="array(xs:string)*" select="for $ref in $ids return let $known := $h:register-facets(substring($ref, 2))
                                                               return if (exists($known)) then $known
                                                                      else f:entity($ref, $e) ! [f:entity-kind(.), f:entity-label(.), f:register-heading(.)]"/>
    <xsl:variable name="years" select="distinct-values($e//date[not(ancestor::note)]/(@when, @from, @to, @notBefore, @notAfter)
                                       ! replace(., '^(-?\d{4}).*$', '$1')[matches(., '^-?\d{4}$')])"/>
    <xsl:variable name="section" select="$e/ancestor::*[self::div or self::div1 or self::div2 or self::div3 or self::div4 or self::div5
                                         or self::div6 or self::div7][head][1]/head[1]"/>
    <xsl:attribute name="data-passage" select="$label"/>
    <xsl:attribute name="data-facet-person" select="string-join(distinct-values($facets[?1 = 'person'] ! ?3), '|')"/>
    <xsl:attribute name="data-facet-place" select="string-join(distinct-values($facets[?1 = 'place'] ! ?2), '|')"/>
    <xsl:attribute name="data-facet-year" select="string-join(sort($years), '|')"/>
    <xsl:if test="$section"><xsl:attribute name="data-section" select="f:reading($section)"/></xsl:if>
  </xsl:function>

  <xsl:template name="h:search-filters">
    <xsl:param name="texts" as="element(TEI)*"/>
    <xsl:param name="entities" as="element()*"/>
    <xsl:for-each select="$texts"><meta data-pagefind-filter="text[content]" content="{f:title(.)}"/></xsl:for-each>
    <xsl:for-each select="$entities[self::person or self::personGrp or self::place]">
      <meta data-pagefind-filter="{f:entity-kind(.)}[content]" content="{f:entity-label(.)}"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
