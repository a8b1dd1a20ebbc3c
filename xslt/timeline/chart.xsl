<?xml version="1.0" encoding="UTF-8"?>
<!--
  chart.xsl — the SVG timeline of every dated mention (tei:date in tei:text) of the edition's texts, as a
  module: the entry stylesheet xslt/timeline/timeline.xsl runs it on its own (the print book's plate, or by
  hand), and the HTML site (xslt/html/site.xsl, the one-page home.xsl) includes it so that the timeline page
  draws it in the same transformation, with no second stylesheet to compile.
  Input (the named template tl:chart, context: a document node): the site corpus
  (edition.publish.inputs.site_corpus, the input shape of the HTML and print stylesheets): a row per
  site:text, linking to its @page (else its @file's name with .html); or, run by hand, a TEI document and the
  parameter $texts: URIs (relative to the input) of further TEI documents to include (e.g.
  'from-bucharest-to-moscow.xml'), a row each, linking to "<file stem>.html".
  Output: one svg:svg element (no JavaScript): an axis from $start-year to $end-year, one row per text,
  one point per date (a bar for a range, @from/@to or @notBefore/@notAfter), each a link to the
  date itself in its sentence on the text's reading page ("<file stem>.html#date-n", n the date's
  position among the text's dates: f:date-id of xslt/common/numbering.xsl, as there; the page is the
  site's name of it, site:text/@page, when the input is the site corpus) with
  the sentence as its tooltip (svg:title). Uncertain dates (@cert) are drawn hollow.
  Print variant (edition.publish.print_params): $links false() draws each mark as a group without a link
  (WeasyPrint draws an svg:a as text), and $width, $row-height, $font-family, $font-size fit the figure to
  a book page. Web variant: edition.publish.timeline.WEB_PARAMS.
  Labels ($label-tiers above 0): the dates of each month named above the row ("Nov 1960 (10)"), headed by the
  short name (label type="short") of a registered event that begins in that month ($events,
  editorial/events.xml: "Meeting of 81, Nov 1960 (10)"); placed greedily in tiers so that none touches
  another, each joined to its date by a leader line; with $links each label is a link as well (tl:labels).
  Needs the edition model (xslt/common/: f:date-id, f:date-month-key, the events functions).
  Modes: tl:point (a date → its mark).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tl="urn:x-edition:timeline"
  xmlns:f="urn:x-edition:functions"
  xmlns:site="urn:x-edition:site"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/2000/svg"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:mode name="tl:point" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <xsl:param name="texts" as="xs:string*" select="()"/>
  <xsl:param name="start-year" as="xs:integer" select="1941"/>
  <xsl:param name="end-year" as="xs:integer" select="1991"/>
  <!-- 1955–1961 is where both texts are densest: those years get $zoom times the width of the others. -->
  <xsl:param name="zoom-from" as="xs:integer" select="1955"/>
  <xsl:param name="zoom-to" as="xs:integer" select="1962"/>
  <xsl:param name="zoom" as="xs:double" select="5.0"/>

  <!-- Size and type of the figure, and whether each mark links to its paragraph (false in print). -->
  <xsl:param name="width" as="xs:double" select="1400"/>
  <xsl:param name="row-height" as="xs:double" select="90"/>
  <xsl:param name="font-family" as="xs:string" select="'sans-serif'"/>
  <xsl:param name="font-size" as="xs:double" select="12"/>
  <xsl:param name="links" as="xs:boolean" select="true()"/>
  <!-- Labels of the events (the dates of a month, or of a year when no month is given, with how many there
       are), set in up to this many tiers above each row, each joined to its place on the axis by a thin line;
       0: no labels (the web's marks have tooltips). A label that finds no room in the tiers is left out
       (data-labelled on the row says how many of its events have one). -->
  <xsl:param name="label-tiers" as="xs:integer" select="0"/>
  <xsl:variable name="tl:label-line" as="xs:double" select="$font-size * 1.25"/>
  <xsl:variable name="tl:left" as="xs:double" select="190"/>

  <!-- Marks are stacked where they would touch: the axis is cut into slots one mark wide; a mark goes on
       the lowest level that no earlier mark of its own or the two neighbouring slots occupies. The map
       holds the occupied levels of each slot (a date counts once it has ended, so not for itself). -->
  <xsl:accumulator name="tl:levels" as="map(xs:integer, xs:integer*)" initial-value="map{}">
    <xsl:accumulator-rule match="TEI" select="map{}"/>
    <xsl:accumulator-rule match="date[ancestor::text]" phase="end" select="
      if (tl:drawn(.)) then map:put($value, tl:slot(.), ($value(tl:slot(.)), tl:level($value, tl:slot(.)))) else $value"/>
  </xsl:accumulator>

  <!-- The radius of a mark, and the distance of stacked marks: a mark's width (2r + 1), as the horizontal slots. -->
  <xsl:param name="mark-radius" as="xs:double" select="4"/>
  <xsl:variable name="tl:step" as="xs:double" select="2 * $mark-radius + 1"/>

  <!-- Whether a date gets a mark: a year it starts in, a span meeting the axis, not in an editorial note. -->
  <xsl:function name="tl:drawn" as="xs:boolean">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="from" as="xs:double?" select="tl:year(($date/@when, $date/@from, $date/@notBefore)[1])"/>
    <xsl:variable name="to" as="xs:double?" select="(tl:year(($date/@to, $date/@notAfter)[1]), $from)[1]"/>
    <xsl:sequence select="exists($from) and $to ge $start-year and $from lt $end-year + 1
                          and empty($date/ancestor::note[@type = 'editorial'])"/>
  </xsl:function>

  <!-- The slot of a date's mark: its x divided by a mark's width (2r + 1). -->
  <xsl:function name="tl:slot" as="xs:integer">
    <xsl:param name="date" as="element(date)"/>
    <xsl:sequence select="xs:integer(floor(tl:x(tl:year(($date/@when, $date/@from, $date/@notBefore)[1])) div $tl:step))"/>
  </xsl:function>

  <!-- The level a mark in slot $s takes, given the occupied levels of each slot so far. -->
  <xsl:function name="tl:level" as="xs:integer">
    <xsl:param name="levels" as="map(xs:integer, xs:integer*)"/>
    <xsl:param name="s" as="xs:integer"/>
    <xsl:variable name="taken" as="xs:integer*" select="($s - 1, $s, $s + 1) ! $levels(.)"/>
    <xsl:sequence select="(0 to count($taken))[not(. = $taken)][1]"/>
  </xsl:function>


  <!-- Width units of the years before $y (years in the zoom band count $zoom times). -->
  <xsl:function name="tl:units" as="xs:double">
    <xsl:param name="y" as="xs:double"/>
    <xsl:variable name="plain-before" select="max((0, min(($y, $zoom-from)) - $start-year))"/>
    <xsl:variable name="zoomed" select="max((0, min(($y, $zoom-to)) - $zoom-from))"/>
    <xsl:variable name="plain-after" select="max((0, $y - $zoom-to))"/>
    <xsl:sequence select="$plain-before + $zoom * $zoomed + $plain-after"/>
  </xsl:function>

  <xsl:function name="tl:x" as="xs:double">
    <xsl:param name="y" as="xs:double"/>
    <xsl:sequence select="$tl:left + ($width - $tl:left - 20) * tl:units($y) div tl:units($end-year + 1)"/>
  </xsl:function>

  <!-- A W3C date (1960, 1960-11, 1960-11-10) as a fractional year. -->
  <xsl:function name="tl:year" as="xs:double?">
    <xsl:param name="v" as="xs:string?"/>
    <xsl:if test="matches($v, '^\d{4}')">
      <xsl:variable name="m" select="if (matches($v, '^\d{4}-\d{2}')) then xs:integer(substring($v, 6, 2)) else 1"/>
      <xsl:variable name="d" select="if (matches($v, '^\d{4}-\d{2}-\d{2}')) then xs:integer(substring($v, 9, 2)) else 1"/>
      <xsl:sequence select="xs:integer(substring($v, 1, 4)) + ($m - 1) div 12 + ($d - 1) div 372"/>
    </xsl:if>
  </xsl:function>

  <!-- The sentence around a date: text of its paragraph from the last sentence end before it to the next after. -->
  <xsl:function name="tl:sentence" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="p" select="($date/ancestor::p[@xml:id], $date/ancestor::*[@xml:id])[1]"/>
    <xsl:variable name="reading" select="$p//text()[not(ancestor::note or ancestor::sic or ancestor::orig)]"/>
    <xsl:variable name="before" select="string-join($reading[. &lt;&lt; $date])"/>
    <xsl:variable name="after" select="string-join($reading[. &gt;&gt; $date][not(ancestor::date[. is $date])])"/>
    <xsl:variable name="head" select="replace($before, '^.*[.!?][”’]?\s+', '', 's')"/>
    <xsl:variable name="tail" select="replace($after, '^(.*?[.!?][”’]?)(\s.*)?$', '$1', 's')"/>
    <xsl:sequence select="normalize-space($head || string-join($date//text()[not(ancestor::sic or ancestor::orig or ancestor::note)]) || $tail)"/>
  </xsl:function>

  <!-- The page a row's marks link to: the site's name of it, else its file's name with .html. -->
  <xsl:function name="tl:page" as="xs:string">
    <xsl:param name="row" as="node()"/>
    <xsl:sequence select="($row/@page[. ne ''], replace(($row/@file, tokenize(base-uri($row), '/')[last()])[1], '\.xml$', '.html'))[1]"/>
  </xsl:function>

  <xsl:template name="tl:chart">
    <xsl:context-item as="document-node()" use="required"/>
    <xsl:variable name="base" select="base-uri(.)"/>
    <!-- a row per text: the site corpus's site:text elements, else the input and the documents of $texts -->
    <xsl:variable name="docs" as="node()*" select="if (site:corpus) then site:corpus/site:text
                                                    else (., $texts ! doc(resolve-uri(., $base)))"/>
    <!-- the height of a row: $row-height, or more when a text needs more levels of stacked marks -->
    <xsl:variable name="row-h" as="xs:double" select="max(($row-height, 24 + $tl:step * max((0,
        $docs ! (TEI/text//date)[last()] ! map:for-each(accumulator-after('tl:levels'), function($k, $v) { $v ! (. + 1) })))))
        + $label-tiers * $tl:label-line"/>
    <xsl:variable name="rows" select="count($docs)"/>
    <xsl:variable name="height" select="80 + $rows * $row-h + 40"/>
    <svg width="{$width}" height="{$height}" viewBox="0 0 {$width} {$height}" role="img"
         font-family="{$font-family}" font-size="{$font-size}">
      <title>Dated mentions, {$start-year}–{$end-year}</title>
      <desc>One row per text; each mark is a date in the text and links to its sentence.</desc>
      <xsl:if test="$zoom ne 1">
        <rect x="{tl:x($zoom-from)}" y="40" width="{tl:x($zoom-to) - tl:x($zoom-from)}"
              height="{$rows * $row-h}" fill="#f3f0e6"/>
      </xsl:if>
      <line x1="{$tl:left}" x2="{$width - 20}" y1="{40 + $rows * $row-h}" y2="{40 + $rows * $row-h}" stroke="#333"/>
      <!-- a short tick under the axis at the start of every year -->
      <path class="ticks" stroke="#333" stroke-width="0.6" fill="none"
            d="{string-join(($start-year to $end-year + 1) ! ('M' || format-number(tl:x(.), '0.##') || ' ' || (40 + $rows * $row-h) || 'v4'), ' ')}"/>
      <!-- the first and last years, every fifth year, every year of the zoom band: each only when it stands
           clear of the label before it and of the last year's -->
      <xsl:variable name="candidates" as="xs:integer*" select="($start-year to $end-year)[. = ($start-year, $end-year)
          or . mod 5 = 0 or ($zoom ne 1 and . ge $zoom-from and . lt $zoom-to)]"/>
      <xsl:iterate select="$candidates">
        <xsl:param name="last-x" as="xs:double" select="-1e9"/>
        <xsl:variable name="y" as="xs:integer" select="."/>
        <xsl:variable name="room" as="xs:double" select="tl:text-width('0000') + $font-size * 0.4"/>
        <xsl:choose>
          <xsl:when test="$y = $start-year or tl:x($y) - $last-x ge $room and ($y = $end-year or tl:x($end-year) - tl:x($y) ge $room)">
            <line x1="{tl:x($y)}" x2="{tl:x($y)}" y1="40" y2="{45 + $rows * $row-h}" stroke="#ccc"/>
            <text class="year" x="{tl:x($y)}" y="{60 + $rows * $row-h}" text-anchor="middle">{$y}</text>
            <xsl:next-iteration><xsl:with-param name="last-x" select="tl:x($y)"/></xsl:next-iteration>
          </xsl:when>
          <xsl:otherwise><xsl:next-iteration><xsl:with-param name="last-x" select="$last-x"/></xsl:next-iteration></xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
      <xsl:for-each select="$docs">
        <xsl:variable name="n" as="xs:integer" select="position()"/>
        <xsl:variable name="y0" select="40 + ($n - 1) * $row-h"/>
        <g class="text" data-text="{TEI/@xml:id}">
          <xsl:if test="$label-tiers gt 0">
            <xsl:call-template name="tl:labels">
              <xsl:with-param name="y0" select="$y0"/>
            </xsl:call-template>
          </xsl:if>
          <text x="10" y="{$y0 + $row-h div 2}">{(TEI/teiHeader/fileDesc/titleStmt/title)[1] => normalize-space() => substring(1, 28)}</text>
          <xsl:apply-templates select="TEI/text//date" mode="tl:point">
            <xsl:with-param name="y0" select="$y0" tunnel="yes"/>
            <xsl:with-param name="row-h" select="$row-h" tunnel="yes"/>
            <xsl:with-param name="page" select="tl:page(.)" tunnel="yes"/>
          </xsl:apply-templates>
        </g>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- The width of a label in the figure's units (Linux Libertine's figures and letters: about half an em). -->
  <xsl:function name="tl:text-width" as="xs:double">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="string-length($s) * $font-size * 0.52"/>
  </xsl:function>

  <!-- The label of the dates of a month ("1960-11", as f:date-month-key) or of a year: "Nov 1960 (10)". -->
  <xsl:function name="tl:date-group-label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:variable name="months" select="('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')"/>
    <xsl:sequence select="(if (string-length($key) eq 7) then $months[xs:integer(substring($key, 6, 2))] || '&#xA0;' else '')
                          || substring($key, 1, 4) || (if ($count gt 1) then '&#xA0;(' || $count || ')' else '')"/>
  </xsl:function>

  <!-- The labels of a row's events (context: its site:text, or its TEI document): the dates of one month (or of a year, when a date
       names no month), in order of time, headed by the short name of each registered event ($events) that
       begins in that month ("Meeting of 81, Nov 1960 (10)"). Each goes in the tier (of $label-tiers above
       the row) where it can stand nearest its date without touching the label before it in that tier, and is
       joined to the date's place by a thin line; a label with no room is left out. With $links each label
       links to the list of the month's dates on the timeline page (#dates-1960-11), or to the register of
       events (events.html#id) when it names an event. -->
  <xsl:template name="tl:labels">
    <xsl:param name="y0" as="xs:double"/>
    <xsl:variable name="right" as="xs:double" select="$width - 4"/>
    <xsl:variable name="gap" as="xs:double" select="$font-size * 0.6"/>
    <xsl:variable name="title" as="xs:string" select="normalize-space((TEI/teiHeader/fileDesc/titleStmt/title)[1])"/>
    <xsl:variable name="groups" as="element()*">
      <xsl:for-each-group select="TEI/text//date[tl:drawn(.)]" group-by="f:date-month-key(.)">
        <xsl:sort select="current-grouping-key()"/>
        <xsl:variable name="key" as="xs:string" select="current-grouping-key()"/>
        <xsl:variable name="n" as="xs:integer" select="count(current-group())"/>
        <xsl:variable name="named" as="element(event)*" select="f:month-events($key)"/>
        <xsl:variable name="name" as="xs:string" select="string-join($named ! f:event-short-label(.), '; ')"/>
        <xsl:variable name="dates" select="tl:date-group-label($key, $n)"/>
        <event key="{$key}" x="{tl:x(tl:year($key))}" name="{$name}" dates="{$dates}"
               w="{tl:text-width($dates) + (if ($name) then tl:text-width($name || ', ') * 1.12 else 0)}"
               href="{if (exists($named)) then 'events.html#' || $named[1]/@xml:id else '#dates-' || $key}"
               title="{string-join(($named ! (f:event-label(.) || ', ' || f:event-date(.)),
                        $n || (if ($n eq 1) then ' date' else ' dates') || ' of ' || f:date-words($key) || ' in ' || $title), '; ')}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="placed" as="element()*">
      <xsl:iterate select="$groups">
        <xsl:param name="ends" as="xs:double*" select="(1 to $label-tiers) ! ($tl:left - $gap)"/>
        <xsl:variable name="x" as="xs:double" select="xs:double(@x)"/>
        <xsl:variable name="w" as="xs:double" select="xs:double(@w)"/>
        <!-- centred on its date, but kept inside the figure at the right edge -->
        <xsl:variable name="starts" as="xs:double*" select="$ends ! max((min(($x - $w div 2, $right - $w)), . + $gap))"/>
        <xsl:variable name="best" as="xs:double" select="min($starts)"/>
        <xsl:variable name="t" as="xs:integer" select="index-of($starts, $best)[1]"/>
        <xsl:choose>
          <xsl:when test="$best + $w le $right">
            <xsl:variable name="ty" as="xs:double" select="$y0 + $t * $tl:label-line"/>
            <xsl:variable name="label" as="element()+">
              <rect x="{$best - 1}" y="{$ty - $font-size * 0.85}" width="{$w + 2}" height="{$font-size * 1.1}" fill="white"/>
              <text class="label" x="{$best}" y="{$ty}" data-key="{@key}"><xsl:if test="@name ne ''"><tspan font-weight="bold">{@name}</tspan>, </xsl:if>{@dates}</text>
            </xsl:variable>
            <g class="event">
              <line x1="{$best + $w div 2}" y1="{$ty + 2}" x2="{$x}" y2="{$y0 + $label-tiers * $tl:label-line + 6}"
                    stroke="#aaa" stroke-width="0.6"/>
              <xsl:choose>
                <xsl:when test="$links"><a class="label-link" href="{@href}"><title>{@title}</title><xsl:sequence select="$label"/></a></xsl:when>
                <xsl:otherwise><xsl:sequence select="$label"/></xsl:otherwise>
              </xsl:choose>
            </g>
            <xsl:next-iteration>
              <xsl:with-param name="ends" select="for $i in 1 to count($ends) return if ($i eq $t) then $best + $w else $ends[$i]"/>
            </xsl:next-iteration>
          </xsl:when>
          <xsl:otherwise><xsl:next-iteration><xsl:with-param name="ends" select="$ends"/></xsl:next-iteration></xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:variable>
    <xsl:attribute name="data-labelled" select="count($placed) || '/' || count($groups)"/>
    <!-- the lines first, then each label on a white ground: a line passing behind a label does not cross it -->
    <g class="leaders"><xsl:sequence select="$placed/*:line"/></g>
    <g class="labels"><xsl:sequence select="$placed/(* except *:line)"/></g>
  </xsl:template>

  <xsl:template match="date[ancestor::note[@type = 'editorial']]" mode="tl:point" priority="2"/>

  <xsl:template match="date" mode="tl:point">
    <xsl:param name="y0" as="xs:double" tunnel="yes"/>
    <xsl:param name="row-h" as="xs:double" tunnel="yes"/>
    <xsl:param name="page" as="xs:string" tunnel="yes"/>
    <xsl:variable name="from" select="tl:year((@when, @from, @notBefore)[1])"/>
    <xsl:variable name="to" select="(tl:year((@to, @notAfter)[1]), $from)[1]"/>
    <xsl:if test="exists($from) and $to ge $start-year and $from lt $end-year + 1">
      <xsl:variable name="target" select="f:date-id(.)"/>
      <!-- stacked where marks would touch (tl:levels), $tl:step apart -->
      <xsl:variable name="level" as="xs:integer" select="tl:level(accumulator-before('tl:levels'), tl:slot(.))"/>
      <xsl:variable name="cy" as="xs:double" select="$y0 + $row-h - 10 - $level * $tl:step"/>
      <xsl:variable name="mark" as="element()*">
        <title>{string-join(((@when, @from, @notBefore)[1], (@to, @notAfter)[1]), '/')}: {tl:sentence(.)}</title>
        <xsl:if test="$to gt $from + 0.01">
          <line x1="{tl:x($from)}" x2="{tl:x($to)}" y1="{$cy}" y2="{$cy}" stroke="#8b1a1a" stroke-width="{$mark-radius * 0.75}"/>
        </xsl:if>
        <circle cx="{tl:x($from)}" cy="{$cy}" r="{$mark-radius}" stroke="#8b1a1a"
                fill="{if (@cert) then 'white' else '#8b1a1a'}"/>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$links"><a href="{$page}#{$target}"><xsl:sequence select="$mark"/></a></xsl:when>
        <xsl:otherwise><g class="mark" data-target="{$target}"><xsl:sequence select="$mark"/></g></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
