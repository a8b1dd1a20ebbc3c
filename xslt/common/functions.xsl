<?xml version="1.0" encoding="UTF-8"?>
<!--
  functions.xsl — typed functions shared by the HTML, print and timeline stylesheets: the one id key,
  safe URLs, languages, normalised dates, the corrected reading as plain text, titles, heading levels,
  register look-ups (entity lookup, index keys), entity labels.
  Input: TEI P5 nodes. Modes: f:plain (the corrected reading as text; notes, deletions and sic/orig skipped).
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
  <xsl:template match="note | del | sic[parent::choice] | orig[parent::choice] | abbr[parent::choice] | teiHeader | rdg | fw | interp | interpGrp | figDesc" mode="f:plain"/>
  <xsl:template match="lb | pb | cb" mode="f:plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="lb[f:joins-word(.)] | pb[f:joins-word(.)] | cb[f:joins-word(.)]" mode="f:plain" priority="1"/>
  <xsl:template match="g" mode="f:plain">{f:glyph(.)}</xsl:template>

  <!-- A sic inside a word ("Unbehau<sic>s</sic>te", "summer<sic/>house"): the text after it runs on in the same
       word, so its [sic] mark goes after the word, not between the word's letters: the rules for such a text
       (text()[preceding-sibling::node()[1][self::sic]][matches(., '^\w')], in html/ and print/) write it. -->
  <xsl:function name="f:sic-in-word" as="xs:boolean">
    <xsl:param name="sic" as="element()"/>
    <xsl:sequence select="exists($sic/following-sibling::node()[1][self::text()][matches(., '^\w')])"/>
  </xsl:function>
  <!-- The letters of a word that a text starts with (the rest of a word a sic is inside). -->
  <xsl:function name="f:leading-word" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '^(\w+)[\s\S]*$', '$1')"/>
  </xsl:function>

  <!-- The corrected reading of some nodes as normalised plain text (notes and source readings skipped). -->
  <xsl:function name="f:reading" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:choose>
      <!-- fast path: nothing to leave out -->
      <xsl:when test="empty($nodes/descendant-or-self::*[self::note or self::choice or self::teiHeader or self::rdg or self::fw or self::del
                      or self::interp or self::interpGrp or self::figDesc or self::lb or self::pb or self::cb or self::g])">
        <xsl:sequence select="normalize-space(string-join($nodes ! string(.)))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="t" as="xs:string*"><xsl:apply-templates select="$nodes" mode="f:plain"/></xsl:variable>
        <xsl:sequence select="normalize-space(string-join($t))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whether a verse line shows its number beside it: every fifth, by an @n that is a whole number ("iv",
       "12a" and the like are kept in the markup, not shown, and never stop the page). -->
  <xsl:function name="f:shows-line-number" as="xs:boolean">
    <xsl:param name="l" as="element()"/>
    <xsl:sequence select="$l/@n castable as xs:integer and xs:integer($l/@n) mod 5 eq 0"/>
  </xsl:function>

  <!-- A string cut to at most $max characters at a word boundary, with an ellipsis: its first $max characters
       without their last run of white space and what follows it (what replace(…, '\s+\S*$', '') leaves, found
       from the positions of the spaces: Saxon's regular expressions cost ≈ 50 µs on 90 characters, this ≈ 10). -->
  <xsl:function name="f:shorten" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:sequence select="if (string-length($s) le $max) then $s else
      let $p := substring($s, 1, $max),
          $sp := index-of(string-to-codepoints(translate($p, '&#9;&#10;&#13;', '   ')), 32),
          $last-run := (for $j in reverse(1 to count($sp)) return $j[$j eq 1 or $sp[$j - 1] ne $sp[$j] - 1])[1]
      return (if (empty($sp)) then $p else substring($p, 1, $sp[$last-run] - 1)) || '…'"/>
  </xsl:function>

  <!-- The title of a TEI document or corpus: the main title, else the first title not of the collection,
       else the first title. -->
  <xsl:function name="f:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="t" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="(($t[@type = 'main'], $t[not(@type = 'collection')], $t)[1] ! f:reading(.), 'Untitled document')[.][1]"/>
  </xsl:function>

  <xsl:function name="f:authors" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string-join($tei/teiHeader/fileDesc/titleStmt/author ! f:reading(.)[.], '; ')[.]"/>
  </xsl:function>

  <!-- ===== Register ===== -->

  <!-- The register entry (person, place, org, …) a pointer refers to (its first local pointer "#id"), in
       $register or else in the context's own document (the print book holds its register). -->
  <xsl:function name="f:entity" as="element()?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="id" select="tokenize(normalize-space($ref))[starts-with(., '#')][1] ! substring(., 2)"/>
    <xsl:sequence select="if (empty($id)) then ()
                          else (($register ! key('f:id', $id, .)), key('f:id', $id, root($context)))
                               [self::person or self::personGrp or self::place or self::org or self::event or self::object][1]"/>
  </xsl:function>

  <!-- The register entry a mention (persName, rs …) refers to. -->
  <xsl:function name="f:mention-entity" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="f:entity($mention/@ref, $mention)"/>
  </xsl:function>

  <!-- persons | places | orgs: the index a mention belongs to (by its entry, else by its own name). -->
  <xsl:function name="f:index-kind" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="e" as="element()" select="(f:mention-entity($mention), $mention)[1]"/>
    <xsl:sequence select="
      if ($e/self::person or $e/self::personGrp or $e/self::persName) then 'persons'
      else if ($e/self::place or $e/self::placeName) then 'places'
      else if ($e/self::org or $e/self::orgName) then 'orgs'
      else if ($e/@type = ('person', 'persName')) then 'persons'
      else if ($e/@type = ('place', 'placeName')) then 'places'
      else 'orgs'"/>
  </xsl:function>

  <!-- The index entry of a mention: its register id, else "u-{kind}-{slug of the name}". -->
  <xsl:function name="f:index-key" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="entity" as="element()?" select="f:mention-entity($mention)"/>
    <xsl:sequence select="
      if ($entity) then string($entity/@xml:id)
      else 'u-' || f:index-kind($mention) || '-' || replace(lower-case(f:reading($mention)), '[^\p{L}\p{N}]+', '-')"/>
  </xsl:function>

  <!-- The sort key of a register entry: @sortKey when the register gives one; for a person whose preferred name
       has a surname, surname then forenames ("Hoxha Enver", "Zhou Enlai"); else its label without a leading
       article. Compare with the collation f:register-collation. -->
  <xsl:function name="f:entity-sort-key" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="($e/persName[@type = 'preferred'], $e/persName)[1]"/>
    <xsl:sequence select="if ($e/@sortKey) then string($e/@sortKey)
      else if ($name/surname) then string-join(($name/surname, $name/(forename | addName | genName | nameLink)) ! f:reading(.), ' ')
      else replace(f:entity-label($e), '^(the|al|el)\s+', '', 'i')"/>
  </xsl:function>
  <!-- A register entry's heading in an alphabetical list: "Surname, Forenames" when the preferred name has its
       forenames first (Hoxha, Enver), as written when the surname comes first (Zhou Enlai), else the label. -->
  <xsl:function name="f:register-heading" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="($e/persName[@type = 'preferred'], $e/persName)[1]"/>
    <xsl:sequence select="if ($name/surname and $name/(forename | addName | genName)
                              and not($name/surname[1] &lt;&lt; $name/(forename | addName | genName)[1]))
                          then string-join($name/surname ! f:reading(.), ' ') || ', ' || string-join($name/(forename | addName | genName | nameLink) ! f:reading(.), ' ')
                          else f:entity-label($e)"/>
  </xsl:function>

  <xsl:variable name="f:register-collation" as="xs:string"
    select="'http://www.w3.org/2013/collation/UCA?lang=en;fallback=yes;strength=secondary'"/>

  <!-- ===== Structure ===== -->

  <!-- The heading level (h2–h6) of a division's head: h1 is the text's title. -->
  <xsl:function name="f:heading-level" as="xs:integer">
    <xsl:param name="d" as="element()"/>
    <xsl:sequence select="min((6, 1 + max((1, count($d/ancestor-or-self::*[self::div or matches(local-name(), '^div[1-7]$') or self::floatingText])))))"/>
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

  <!-- The one-line description of a register entry: its description, never the editors' working note on how the
       entry is tagged (note type="editorial", which speaks of ids and refs: "#cpsu"). -->
  <xsl:function name="f:entity-description" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/(note[@type = 'description'], desc, note[not(@type = 'editorial')], occupation)[1] ! f:reading(node()))[.]"/>
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
  <!-- A part of the edition's front matter ($front, editorial/front.xml): introduction, sources,
       principles, responsibility (div/@type); empty without front matter. HTML and print use it. -->
  <xsl:function name="f:front-part" as="element(div)?">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="($front/TEI/text/front/div[@type = $type])[1]"/>
  </xsl:function>

  <!-- Who edited the edition: the front matter's "Edited by" statements; without front matter, the
       texts' respStmts but those of programs (automatic enrichment is not editing). -->
  <xsl:function name="f:editors" as="xs:string*">
    <xsl:param name="texts" as="element()*"/>
    <xsl:variable name="resp" select="f:front-part('responsibility')"/>
    <xsl:sequence select="distinct-values(
      if ($resp) then $resp/respStmt[normalize-space(string-join(resp, ' ')) = 'Edited by']/name ! f:reading(.)
      else $texts/teiHeader/fileDesc/titleStmt/respStmt
             [not(starts-with(lower-case(normalize-space(string-join(resp, ' '))), 'automatic'))]/name ! f:reading(.))"/>
  </xsl:function>
  <!-- ===== Cross-references, dates and events (HTML, print and timeline) ===== -->

  <!-- The variant forms of a register entry (name @type="variant", as read) that an alphabetical index should
       refer from ("Peng Chen, see Peng Zhen"): those not made only of words of the entry's preferred name, accents
       aside ("Tito" under Tito, Josip Broz, or "Kadar" beside Kádár, János, needs no reference). -->
  <xsl:function name="f:xref-forms" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="words" select="tokenize(lower-case(f:entity-label($e)), '[\s\p{P}]+')"/>
    <xsl:sequence select="distinct-values($e/(persName | placeName | orgName | name)[@type = 'variant'] ! f:reading(.))
                          [not(every $w in tokenize(lower-case(.), '[\s\p{P}]+')[.]
                               satisfies (some $n in $words satisfies compare($w, $n, $f:primary-collation) eq 0))]"/>
  </xsl:function>
  <!-- Letters compared without their accents (Kadar = Kádár). -->
  <xsl:variable name="f:primary-collation" as="xs:string"
    select="'http://www.w3.org/2013/collation/UCA?lang=en;fallback=yes;strength=primary'"/>

  <!-- ISO dates in a normalised value written out: "1960-06-21" → "21 June 1960", "1960-06" → "June 1960"; a
       value that is no date of the calendar ("1960-13-01", "1960-02-30": the validator's date-iso reports it)
       is kept as written. -->
  <xsl:function name="f:date-words" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$s" regex="\d{{4}}(-\d{{2}}(-\d{{2}})?)?">
        <xsl:matching-substring>
          <xsl:sequence select="if (regex-group(2)) then (if (. castable as xs:date) then format-date(xs:date(.), '[D] [MNn] [Y]', 'en', (), ()) else .)
            else if (regex-group(1)) then (if ((. || '-01') castable as xs:date) then format-date(xs:date(. || '-01'), '[MNn] [Y]', 'en', (), ()) else .)
            else ."/>
        </xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="."/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- The month of a date (its start) as "1960-11", or its year "1960" when it names no month: the timeline
       labels the dates of one month (or year) together, and the list of dates anchors each such group. -->
  <xsl:function name="f:date-month-key" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="v" as="xs:string" select="string(($date/@when, $date/@from, $date/@notBefore)[1])"/>
    <xsl:sequence select="if (matches($v, '^\d{4}-\d{2}')) then substring($v, 1, 7) else substring($v, 1, 4)"/>
  </xsl:function>

  <!-- The register of events ($events, editorial/events.xml: standOff/listEvent): the names the texts use
       for an event (label type="form"), its preferred and its short label, its date in words. -->
  <xsl:function name="f:event-forms" as="xs:string*">
    <xsl:param name="ev" as="element(event)"/>
    <xsl:sequence select="$ev/label[@type = 'form'] ! normalize-space(.)[.]"/>
  </xsl:function>

  <xsl:function name="f:event-label" as="xs:string">
    <xsl:param name="ev" as="element(event)"/>
    <xsl:sequence select="($ev/label[@type = 'preferred'], $ev/label)[1] ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="f:event-short-label" as="xs:string">
    <xsl:param name="ev" as="element(event)"/>
    <xsl:sequence select="($ev/label[@type = 'short'], $ev/label[@type = 'preferred'], $ev/label)[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- "June 1960", "3 November 1960 – 25 November 1960". -->
  <xsl:function name="f:event-date" as="xs:string">
    <xsl:param name="ev" as="element(event)"/>
    <xsl:sequence select="if ($ev/@when) then f:date-words($ev/@when)
                          else string-join(($ev/@from, $ev/@to) ! f:date-words(.), ' – ')"/>
  </xsl:function>

  <!-- Whether a passage (its edited reading) names an event: contains one of its forms. HTML (the event note
       beside a paragraph, the events page) and print (the index of events) link the same paragraphs. -->
  <xsl:function name="f:names-event" as="xs:boolean">
    <xsl:param name="passage" as="element()"/>
    <xsl:param name="ev" as="element(event)"/>
    <xsl:variable name="t" as="xs:string" select="f:reading($passage)"/>
    <xsl:sequence select="some $form in f:event-forms($ev) satisfies contains($t, $form)"/>
  </xsl:function>

  <!-- The registered events that begin in a month ("1960-11", as f:date-month-key), in order of time. -->
  <xsl:function name="f:month-events" as="element(event)*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:perform-sort select="$events//event[@xml:id][substring(string((@when, @from)[1]), 1, 7) eq $key]">
      <xsl:sort select="(@when, @from)[1]"/>
    </xsl:perform-sort>
  </xsl:function>
</xsl:stylesheet>
