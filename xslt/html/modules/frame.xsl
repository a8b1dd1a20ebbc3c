<?xml version="1.0" encoding="UTF-8"?>
<!--
  frame.xsl — the page frame shared by every HTML page: head (charset, viewport, Content-Security-Policy,
  CSS, deferred JS), skip link, banner with the site navigation, main landmark, footer.
  Input: any; called by name (h:page) from the page modules. Modes: none.
  Functions: h:attrs (common attributes: id, lang, class from @rend), h:class-token.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:h="urn:x-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Scripts only from the site itself; WebAssembly for Pagefind; no inline script or style. -->
  <xsl:variable name="h:csp" as="xs:string"
    select="&quot;default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; &quot;
            || &quot;font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'&quot;"/>

  <xsl:variable name="h:nav" as="map(xs:string, xs:string)*" select="(
      map{'href':'index.html', 'label':'Home'},
      map{'href':'register.html', 'label':'Register'},
      map{'href':'encoding.html', 'label':'Editorial principles'},
      map{'href':'corrections.html', 'label':'Corrections'},
      map{'href':'timeline.html', 'label':'Timeline'},
      map{'href':'downloads.html', 'label':'Downloads'},
      map{'href':'search.html', 'label':'Search'})"/>

  <!-- A safe CSS class token made from arbitrary TEI attribute text. -->
  <xsl:function name="h:class-token" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace($s, '[^A-Za-z0-9_-]', '')"/>
  </xsl:function>

  <!-- Common HTML attributes of a rendered TEI element: class (TEI name + @rend/@type tokens), id, lang. -->
  <xsl:function name="h:attrs" as="attribute()*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="with-id" as="xs:boolean"/>
    <xsl:attribute name="class" select="if (empty($e/@rend | $e/@type)) then local-name($e)
      else string-join(distinct-values((local-name($e), ($e/@rend, $e/@type) ! tokenize(normalize-space(.)) ! h:class-token(.)[.] ! ('rend-' || .))), ' ')"/>
    <xsl:if test="$with-id and $e/@xml:id"><xsl:attribute name="id" select="$e/@xml:id"/></xsl:if>
    <xsl:if test="$e/@xml:lang"><xsl:attribute name="lang" select="$e/@xml:lang"/></xsl:if>
  </xsl:function>

  <!-- The page frame. -->
  <xsl:template name="h:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="head-extra" as="node()*" select="()"/>
    <xsl:param name="index" as="xs:boolean" select="true()"/>
    <!-- the id of the running text on a reading page: the first skip link leads there -->
    <xsl:param name="skip-to" as="xs:string?" select="()"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy" content="{$h:csp}"/>
        <meta name="generator" content="edition (TEI Edition Toolkit)"/>
        <title>{$title} · {$edition-short-title}</title>
        <link rel="icon" href="{$assets}favicon.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="{$assets}edition.css"/>
        <script src="{$assets}edition.js" defer="defer"></script>
        <xsl:sequence select="$head-extra"/>
      </head>
      <body class="page-{$kind}">
        <xsl:if test="$skip-to"><a class="skip-link" href="#{$skip-to}">Skip to the text</a></xsl:if>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <p class="site-title"><a href="index.html">{$edition-title}</a></p>
          <nav class="site-nav" aria-label="Site">
            <ul>
              <xsl:for-each select="$h:nav[not(?href = 'search.html') or $search][not(?href = 'timeline.html') or $timeline-page]">
                <li>
                  <a href="{?href}"><xsl:if test="?href = $page-name"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>{?label}</a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:if test="$index"><xsl:attribute name="data-pagefind-body" select="''"/></xsl:if>
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer">
          <p>{$edition-title}. Generated from TEI P5 by XSLT 3.0. Works without JavaScript; the search needs it.</p>
        </footer>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
