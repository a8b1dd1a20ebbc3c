<?xml version="1.0" encoding="UTF-8"?>
<!--
  events.xsl — the register of events ($events: editorial/events.xml, TEI standOff/listEvent): the events
  page, the event note beside each paragraph that names an event, the events on the timeline page. A
  paragraph names an event when its edited reading contains one of the event's forms (label type="form").
  Input: $events (document-node()?); the site corpus or a reading page's TEI. Modes: none.
  Modes: none. Named templates: h:events-page, h:para-events, h:events-summary. Function: h:events-named (the
  event functions f:event-* and f:date-words are in xslt/common/functions.xsl).
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

  <!-- The events a paragraph names (one of their forms in its edited reading). -->
  <xsl:function name="h:events-named" as="element(event)*">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="$events//event[@xml:id][f:names-event($p, .)]"/>
  </xsl:function>

  <!-- Beside a paragraph: the events it names. -->
  <xsl:template name="h:para-events">
    <xsl:variable name="named" select="if (exists($events)) then h:events-named(.) else ()"/>
    <xsl:if test="exists($named)">
      <p class="para-events ui" data-pagefind-ignore="all"><span class="label">Event: </span>
        <xsl:for-each select="$named">
          <xsl:if test="position() gt 1">; </xsl:if>
          <a href="events.html#{@xml:id}">{f:event-label(.)} ({f:event-date(.)})</a>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The events page: each event with its date, place, description and the paragraphs that name it. -->
  <xsl:template name="h:events-page">
    <xsl:param name="recs" as="document-node()"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="title" select="'Events'"/>
      <xsl:with-param name="kind" select="'register'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Events</h1>
        <p class="lead">The events the texts name, with the paragraphs that name them. Only what the texts state is
          recorded; where a name could mean more than one event (“the Moscow Meeting” is also the meeting of
          1957) it is not counted.</p>
        <xsl:for-each select="$events//event[@xml:id]">
          <xsl:sort select="(@when, @from)[1]"/>
          <xsl:variable name="ev" select="."/>
          <xsl:variable name="named" select="key('h:event-records', string(@xml:id), $recs)/site:e"/>
          <xsl:variable name="place" select="@where ! f:entity(string(.), $ev)"/>
          <article class="entry entry-event" id="{@xml:id}" aria-labelledby="h-{@xml:id}">
            <h2 id="h-{@xml:id}">{f:event-label(.)}</h2>
            <p class="entry-dates">{f:event-date(.)}<xsl:if test="$place">, <a href="places.html#{$place/@xml:id}">{f:entity-label($place)}</a></xsl:if></p>
            <xsl:for-each select="desc"><p class="entry-desc">{normalize-space(.)}</p></xsl:for-each>
            <p class="entry-variants"><span class="label">Named in the texts as: </span>{string-join(f:event-forms(.) ! ('“' || . || '”'), '; ')}</p>
            <h3>Named in ({count($named)} paragraphs)</h3>
            <ol class="mentions"><xsl:copy-of select="$named/node()" copy-namespaces="no"/></ol>
          </article>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- On the timeline page: the events, with their dates, linked to the events page. -->
  <xsl:template name="h:events-summary">
    <xsl:if test="exists($events//event)">
      <section class="timeline-events" aria-labelledby="timeline-events-h">
        <h2 id="timeline-events-h">Events</h2>
        <ul>
          <xsl:for-each select="$events//event[@xml:id]">
            <xsl:sort select="(@when, @from)[1]"/>
            <li><a href="events.html#{@xml:id}">{f:event-label(.)}</a>: {f:event-date(.)}</li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
