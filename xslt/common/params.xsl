<?xml version="1.0" encoding="UTF-8"?>
<!--
  params.xsl — every stylesheet parameter of the edition's publishing stylesheets, typed, in one place.
  Input: none (declarations only); included or imported by every entry stylesheet (HTML, print).
  Modes: none.
  The Python runner (edition.publish.html) supplies these; the defaults make the stylesheets usable
  on any single TEI document from the command line too.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- The edition's register (a TEI document with standOff/listPerson|listPlace|listOrg), if any. -->
  <xsl:param name="register" as="document-node()?" select="()"/>
  <!-- The edition's ODD (tei/schema/edition.odd), if any: rendered on the encoding page. -->
  <xsl:param name="odd" as="document-node()?" select="()"/>
  <!-- Title and short title of the whole edition (site name). -->
  <xsl:param name="edition-title" as="xs:string" select="'TEI edition'"/>
  <xsl:param name="edition-short-title" as="xs:string" select="$edition-title"/>
  <!-- Absolute base URL of the published site, ending in "/", for citations ('' = relative only). -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- File name of the page being produced (e.g. "from-bucharest-to-moscow.html"). -->
  <xsl:param name="page-name" as="xs:string" select="'index.html'"/>
  <!-- Which page module makes the page when one stylesheet holds them all (xslt/html/site.xsl, compiled once
       for the whole site): text | home | register | encoding | corrections; '' in the one-page entry
       stylesheets (text.xsl, home.xsl …), which hold one. -->
  <xsl:param name="entry" as="xs:string" select="''"/>
  <!-- Which page a multi-page entry stylesheet makes: register: persons|places|orgs|index; home: home|downloads|search. -->
  <xsl:param name="page" as="xs:string" select="''"/>
  <!-- Download links of the current text (reading page), relative to the site root. -->
  <xsl:param name="tei-href" as="xs:string" select="''"/>
  <xsl:param name="pdf-href" as="xs:string" select="''"/>
  <!-- Whether the site has a Pagefind search page. -->
  <xsl:param name="search" as="xs:boolean" select="true()"/>
  <!-- Whether unknown elements are reported with xsl:message (their text is always kept). -->
  <xsl:param name="warn-unknown" as="xs:boolean" select="true()"/>
  <!-- The site corpus (site:corpus: every text with its file, page and label, and the register), on the
       reading pages: for links between the texts (quotations and their sources). -->
  <xsl:param name="site" as="document-node()?" select="()"/>
  <!-- The SVG timeline of the texts' dates (xslt/timeline/timeline.xsl, print variant), if any: in print, turned a
       quarter for a landscape plate before the indexes (book.xsl). The site's timeline page draws its chart itself
       (xslt/timeline/chart.xsl, included by site.xsl). -->
  <xsl:param name="timeline" as="document-node()?" select="()"/>
  <!-- The edition's front matter (editorial/front.xml: introduction, sources, principles, responsibility), if any. -->
  <xsl:param name="front" as="document-node()?" select="()"/>
  <!-- Print: ISO 8601 date-time for the PDF's creation/modification date (from SOURCE_DATE_EPOCH);
       empty: the edition's publicationStmt/date/@when. -->
  <xsl:param name="source-date" as="xs:string" select="''"/>
  <!-- Print: a correction made the same way at least this many times in a text has no apparatus entry;
       the principles state it once, the list of corrections gives its places (0: every correction has one). -->
  <xsl:param name="app-group-min" as="xs:integer" select="5"/>
  <!-- The edition's register of events (editorial/events.xml: standOff/listEvent), if any. -->
  <xsl:param name="events" as="document-node()?" select="()"/>
  <!-- Whether the site has a timeline page (timeline.html): the site menu links it. -->
  <xsl:param name="timeline-page" as="xs:boolean" select="false()"/>
  <!-- The register pages' mentions and sayings as edition.publish.register_pages gathers them from each text
       (site:records with one site:entry per register id: @mentions and @sayings count them, its site:m and
       site:s hold the list items, in the texts' order, possibly only the first $mention-cap of each); empty:
       gathered from the site corpus. -->
  <xsl:param name="records" as="document-node()?" select="()"/>
  <!-- The records of a text (entry records) hold the mentions and sayings of every register id it names (true: the
       build keeps them per text, whatever the register holds then), or only of the ids that are entries of this
       $register (false: `edition html`, whose records serve its one run). -->
  <xsl:param name="records-all-refs" as="xs:boolean" select="true()"/>
  <!-- Print: a note longer than this many characters is set after its text (a section "Longer notes"), its call
       linking there, instead of at the foot of the page: WeasyPrint does not carry a footnote over to the next
       page, and one taller than the page would be cut off. -->
  <xsl:param name="long-note-chars" as="xs:integer" select="1500"/>
  <!-- Register pages: an entry lists at most this many mentions (and sayings); an entry with more has a page
       of its own listing them all (mentions-ID.html, $page = 'mentions'). -->
  <xsl:param name="mention-cap" as="xs:integer" select="50"/>
  <!-- The register id whose page of mentions is made ($page = 'mentions'). -->
  <xsl:param name="entity" as="xs:string" select="''"/>
  <!-- Directory of CSS/JS assets, relative to the pages. -->
  <xsl:param name="assets" as="xs:string" select="'assets/'"/>
</xsl:stylesheet>
