<?xml version="1.0" encoding="UTF-8"?>
<!--
  functions.xsl — typed functions shared by the HTML and print stylesheets: safe URLs, languages,
  normalised dates, the corrected reading as plain text, register look-ups, entity labels.
  Input: TEI P5 nodes. Modes: f:plain (the corrected reading as text; notes and sic/orig skipped).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <xsl:key name="f:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- ===== URLs ===== -->

  <!-- A TEI-supplied URI if it is safe to emit as a link (http, https, a fragment or a relative path
       without scheme); otherwise the empty sequence. Whitespace and control characters are removed
       before the scheme is examined, so "java&#9;script:" is caught as well. A backslash anywhere is
       refused: browsers read it as "/" ("/\host/x" is "//host/x", another site). -->
  <xsl:function name="f:safe-href" as="xs:string?">
    <xsl:param name="uri" as="xs:string?"/>
    <xsl:variable name="u" select="replace(string($uri), '[\s\p{Cc}]', '')"/>
    <xsl:sequence select="
      if ($u = '' or contains($u, '\')) then ()
      else if (matches($u, '^https?://[^/]', 'i')) then $u
      else if (starts-with($u, '#')) then $u
      else if (starts-with($u, '//')) then ()
      else if (matches($u, '^[^/?#]*:')) then ()
      else $u"/>
  </xsl:function>

  <!-- The fragment identifier of a pointer "#id" (or the whole value if it has no '#'). -->
  <xsl:function name="f:ref-id" as="xs:string">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:sequence select="if (starts-with($ref, '#')) then substring($ref, 2) else $ref"/>
  </xsl:function>

  <!-- ===== Languages ===== -->

  <xsl:variable name="f:languages" as="map(xs:string, xs:string)" select="map{
      'en':'English', 'ru':'Russian', 'sq':'Albanian', 'de':'German', 'fr':'French', 'it':'Italian',
      'la':'Latin', 'el':'Greek', 'grc':'Ancient Greek', 'zh':'Chinese', 'sr':'Serbian', 'hr':'Croatian',
      'sh':'Serbo-Croatian', 'ro':'Romanian', 'bg':'Bulgarian', 'pl':'Polish', 'cs':'Czech', 'hu':'Hungarian',
      'es':'Spanish', 'pt':'Portuguese', 'nl':'Dutch', 'uk':'Ukrainian', 'tr':'Turkish', 'ar':'Arabic',
      'he':'Hebrew', 'ja':'Japanese', 'ko':'Korean', 'mk':'Macedonian', 'sl':'Slovene', 'yi':'Yiddish'}"/>

  <!-- The name of a language: from the document's langUsage if declared there, else a built-in table, else the code. -->
  <xsl:function name="f:language-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="context" as="node()?"/>
    <xsl:variable name="declared" select="normalize-space(($context/ancestor-or-self::TEI/teiHeader//language[@ident = $code])[1])"/>
    <xsl:variable name="base" select="lower-case(tokenize($code, '-')[1])"/>
    <xsl:sequence select="if ($declared) then $declared else ($f:languages($base), $code)[1]"/>
  </xsl:function>

  <!-- ===== Dates ===== -->

  <!-- The normalised value of a date/time element: @when, @from–@to, not before/after, with certainty. -->
  <xsl:function name="f:date-norm" as="xs:string?">
    <xsl:param name="d" as="element()"/>
    <xsl:variable name="core" as="xs:string?" select="
      if ($d/@when) then string($d/@when)
      else if ($d/@from or $d/@to) then string-join((($d/@from, '…')[1], ($d/@to, '…')[1]), '–')
      else if ($d/@notBefore and $d/@notAfter) then 'between ' || $d/@notBefore || ' and ' || $d/@notAfter
      else if ($d/@notBefore) then 'not before ' || $d/@notBefore
      else if ($d/@notAfter) then 'not after ' || $d/@notAfter
      else if ($d/@when-iso) then string($d/@when-iso)
      else ()"/>
    <xsl:sequence select="if (empty($core)) then ()
                          else if ($d/@cert = ('low', 'medium', 'unknown')) then $core || ' (' || $d/@cert || ' certainty' || ($d/@evidence ! ('; ' || .)) || ')'
                          else $core"/>
  </xsl:function>

  <!-- Life dates of a register entry, e.g. "1908–1985". -->
  <xsl:function name="f:life-dates" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="b" select="($e/birth/(@when, @notBefore, @notAfter, normalize-space(.)[.]))[1] ! replace(string(.), '^(-?\d{4}).*$', '$1')"/>
    <xsl:variable name="d" select="($e/death/(@when, @notBefore, @notAfter, normalize-space(.)[.]))[1] ! replace(string(.), '^(-?\d{4}).*$', '$1')"/>
    <xsl:variable name="fl" select="($e/floruit/(@when, string-join((@from, @to), '–'), normalize-space(.)[.]))[1]"/>
    <xsl:sequence select="if ($b or $d) then (($b, '?')[1] || '–' || ($d, '')[1])
                          else if ($fl) then 'fl. ' || $fl else ()"/>
  </xsl:function>

  <!-- ===== Text ===== -->

  <xsl:mode name="f:plain" on-no-match="text-only-copy" on-multiple-match="fail"/>
  <xsl:template match="note | sic[parent::choice] | orig[parent::choice] | abbr[parent::choice] | teiHeader | rdg | fw | interp | interpGrp | figDesc" mode="f:plain"/>
  <xsl:template match="lb | pb | cb" mode="f:plain"><xsl:text> </xsl:text></xsl:template>

  <!-- The corrected reading of some nodes as normalised plain text (notes and source readings skipped). -->
  <xsl:function name="f:reading" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:choose>
      <!-- fast path: nothing to leave out -->
      <xsl:when test="empty($nodes/descendant-or-self::*[self::note or self::choice or self::teiHeader or self::rdg or self::fw
                      or self::interp or self::interpGrp or self::figDesc or self::lb or self::pb or self::cb])">
        <xsl:sequence select="normalize-space(string-join($nodes ! string(.)))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="t" as="xs:string*"><xsl:apply-templates select="$nodes" mode="f:plain"/></xsl:variable>
        <xsl:sequence select="normalize-space(string-join($t))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A string cut to at most $max characters at a word boundary, with an ellipsis. -->
  <xsl:function name="f:shorten" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:sequence select="if (string-length($s) le $max) then $s
                          else replace(substring($s, 1, $max), '\s+\S*$', '') || '…'"/>
  </xsl:function>

  <!-- The title of a TEI document or corpus (main title, else the first title). -->
  <xsl:function name="f:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="t" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="(($t[@type = 'main'], $t)[1] ! f:reading(.), 'Untitled document')[.][1]"/>
  </xsl:function>

  <xsl:function name="f:authors" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string-join($tei/teiHeader/fileDesc/titleStmt/author ! f:reading(.)[.], '; ')[.]"/>
  </xsl:function>

  <!-- ===== Register ===== -->

  <!-- The register entry (person, place, org, …) a pointer refers to, in the register or the same document. -->
  <xsl:function name="f:entity" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:param name="register" as="document-node()?"/>
    <xsl:variable name="id" select="f:ref-id(normalize-space(tokenize(normalize-space($ref), ' ')[1]))"/>
    <xsl:sequence select="if (not(starts-with(normalize-space($ref), '#'))) then ()
                          else (($register ! key('f:id', $id, .)), key('f:id', $id, root($context)))[1]"/>
  </xsl:function>

  <!-- The kind of a register entry: person, place, org or other. -->
  <xsl:function name="f:entity-kind" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::person or $e/self::personGrp) then 'person'
                          else if ($e/self::place) then 'place'
                          else if ($e/self::org) then 'org' else 'other'"/>
  </xsl:function>

  <!-- The preferred name of a register entry. -->
  <xsl:function name="f:entity-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="names" select="$e/(persName | placeName | orgName | name | settlement | country | geogName)"/>
    <xsl:sequence select="(($names[@type = 'preferred'], $names[not(@type = ('variant', 'abbreviation'))], $names)[1] ! f:reading(.),
                           string($e/@xml:id))[.][1]"/>
  </xsl:function>

  <!-- The one-line description of a register entry. -->
  <xsl:function name="f:entity-description" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/(note[@type = 'description'], desc, note, occupation)[1] ! f:reading(node()))[.]"/>
  </xsl:function>

  <!-- An authority link for an idno of a register entry, if one can be formed safely. -->
  <xsl:function name="f:authority-href" as="xs:string?">
    <xsl:param name="idno" as="element(idno)"/>
    <xsl:variable name="v" select="normalize-space($idno)"/>
    <xsl:sequence select="
      if (lower-case($idno/@type) = 'wikidata' and matches($v, '^Q[0-9]+$')) then 'https://www.wikidata.org/wiki/' || $v
      else if (lower-case($idno/@type) = 'viaf' and matches($v, '^[0-9]+$')) then 'https://viaf.org/viaf/' || $v
      else if (lower-case($idno/@type) = 'gnd' and matches($v, '^[0-9X-]+$')) then 'https://d-nb.info/gnd/' || $v
      else if (lower-case($idno/@type) = 'geonames' and matches($v, '^[0-9]+$')) then 'https://www.geonames.org/' || $v
      else if (matches($v, '^https?://')) then f:safe-href($v)
      else ()"/>
  </xsl:function>
</xsl:stylesheet>
