<?xml version="1.0" encoding="UTF-8"?>
<!--
  coverage.xsl — what the edition does with the parts of TEI P5 that are not plain prose, shared by the
  HTML and print renderings so both treat them alike:
  * the deliberate suppressions, as a table (suppressed.xml, data): f:suppression, and the named template
    f:report-suppressed that warns (xsl:message "suppressed-element: NAME: reason"; the Python runners
    print it once per element name);
  * characters and glyphs of the header's charDecl (g/@ref): f:glyph;
  * XInclude, which is never processed: f:report-xinclude warns and the fallback is rendered;
  * MathML and SVG kept as such (HTML; SVG in print): mode f:safe-copy copies them without scripts,
    event handlers, foreign objects or unsafe links.
  Input: TEI P5 nodes; MathML and SVG elements. Modes: f:safe-copy.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:x-edition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:xi="http://www.w3.org/2001/XInclude"
  xmlns:svg="http://www.w3.org/2000/svg"
  xmlns:xlink="http://www.w3.org/1999/xlink"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  expand-text="yes"
  exclude-result-prefixes="#all">

  <!-- ===== deliberate suppressions ===== -->

  <!-- The table, by element name (a map: the rendering modes ask it of every element). -->
  <xsl:variable name="f:suppressed" as="map(xs:string, element())"
    select="map:merge(doc(resolve-uri('suppressed.xml', static-base-uri()))/*/* ! map:entry(string(@name), .))"/>

  <!-- The table's entry for a TEI element the edition does not render, else the empty sequence. -->
  <xsl:function name="f:suppression" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (namespace-uri($e) eq 'http://www.tei-c.org/ns/1.0') then $f:suppressed(local-name($e)) else ()"/>
  </xsl:function>

  <!-- The suppressed elements of a document, indexed once (most documents have none). -->
  <xsl:key name="f:suppressed-elements" match="*[f:suppression(.)]" use="'all'"/>

  <!-- Whether a node lies inside a suppressed element (and so is never rendered). -->
  <xsl:function name="f:in-suppressed" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="all" as="element()*" select="key('f:suppressed-elements', 'all', root($node))"/>
    <xsl:sequence select="exists($all) and exists($node/ancestor::* intersect $all)"/>
  </xsl:function>

  <!-- The warning for a suppressed element met in a rendering (one per occurrence; counted by name by the caller). -->
  <xsl:template name="f:report-suppressed">
    <xsl:context-item as="element()" use="required"/>
    <xsl:if test="ancestor::text or ancestor::sourceDoc or ancestor::facsimile">
      <xsl:message>suppressed-element: {local-name()}: {normalize-space(f:suppression(.))}</xsl:message>
    </xsl:if>
  </xsl:template>

  <!-- ===== the rest of TEI P5, rendered plainly ===== -->

  <!-- TEI elements without a rule of their own in a rendering (manuscript descriptions, dictionaries,
       specifications, spoken texts …): both renderings show blocks as blocks and the rest inline, their
       text always kept. A rule of its own (html/, print/) takes precedence. -->
  <xsl:variable name="f:generic-blocks" as="xs:string+" select="(
      'accMat', 'acquisition', 'additional', 'adminInfo', 'annotationBlock', 'biblFull', 'biblStruct',
      'binding', 'bindingDesc', 'charDecl', 'classDecl', 'classSpec', 'closer', 'collation', 'condition',
      'constraintDecl', 'constraintSpec', 'custodialHist', 'dataSpec', 'decoDesc', 'decoNote', 'dictScrap',
      'editionStmt', 'elementSpec', 'entry', 'entryFree', 'epigraph', 'epilogue', 'etym', 'event', 'exemplum', 'extent',
      'fileDesc', 'floatingText', 'foliation', 'form', 'fsDecl', 'fsdDecl', 'gramGrp', 'handDesc', 'handNote',
      'handNotes', 'history', 'hom', 'layout', 'layoutDesc', 'listAnnotation', 'listApp', 'listBibl',
      'listEvent', 'listForest', 'listNym', 'listObject', 'listOrg', 'listPerson', 'listPlace',
      'listPrefixDef', 'listRef', 'listRelation', 'listTranspose', 'listWit', 'macroSpec', 'metDecl',
      'moduleSpec', 'msContents', 'msDesc', 'msFrag', 'msItem', 'msItemStruct', 'msPart', 'musicNotation',
      'notatedMusic', 'notesStmt', 'nym', 'object', 'objectDesc', 'opener', 'org', 'origin', 'performance',
      'person', 'personGrp', 'physDesc', 'place', 'postscript', 'prologue', 'provenance', 'publicationStmt', 'recordHist',
      'recordingStmt', 'refsDecl', 'schemaSpec', 'scriptDesc', 'seal', 'sealDesc', 'sense', 'seriesStmt',
      'sourceDesc', 'specGrp', 'styleDefDecl', 'superEntry', 'support', 'supportDesc', 'surrogates',
      'tagsDecl', 'taxonomy', 'titleStmt', 'trailer', 'transcriptionDesc', 'typeDesc', 'typeNote', 'unitDecl',
      'variantEncoding', 'witness', 'xenoData')"/>
  <xsl:variable name="f:generic-inlines" as="xs:string+" select="(
      'activity', 'additions', 'altIdent', 'altIdentifier', 'alternate', 'am', 'annotation', 'anyElement',
      'appInfo', 'application', 'arc', 'attDef', 'attList', 'attRef', 'bicond', 'binary', 'broadcast',
      'cRefPattern', 'caesura', 'calendar', 'case', 'catDesc', 'catchwords', 'category', 'channel', 'char',
      'citeData', 'citeStructure', 'cl', 'classRef', 'classes', 'climate', 'colloc', 'colophon', 'cond',
      'constitution', 'constraint', 'content', 'conversion', 'correspContext', 'custEvent', 'dataFacet',
      'dataRef', 'datatype', 'def', 'default', 'defaultVal', 'depth', 'derivation', 'dim', 'dimensions',
      'distinct', 'divGen', 'domain', 'eLeaf', 'eTree', 'elementRef', 'ellipsis', 'email', 'empty',
      'equipment', 'equiv', 'eventName', 'ex', 'explicit', 'f', 'fDecl', 'fDescr', 'factuality', 'filiation',
      'finalRubric', 'forest', 'formula', 'fsConstraints', 'fsDescr', 'fsdLink', 'fw', 'g', 'gb', 'gen', 'gender',
      'geogFeat', 'gloss', 'glyph', 'gram', 'graph', 'headItem', 'headLabel', 'height', 'heraldry', 'hyph',
      'iNode', 'iType', 'if', 'iff', 'imprimatur', 'incident', 'incipit', 'institution', 'interaction',
      'kinesic', 'label', 'lacunaEnd', 'lacunaStart', 'lang', 'lbl', 'leaf', 'line', 'localProp', 'locale',
      'locus', 'locusGrp', 'm', 'macroRef', 'mapping', 'material', 'measureGrp', 'memberOf', 'mentioned',
      'metSym', 'metamark', 'model', 'modelGrp', 'modelSequence', 'moduleRef', 'mood', 'msName', 'namespace',
      'node', 'noteGrp', 'number', 'numeric', 'oRef', 'objectIdentifier', 'objectName', 'objectType', 'offset',
      'origPlace', 'orth', 'outputRendition', 'pRef', 'param', 'paramList', 'paramSpec', 'path', 'pause',
      'per', 'persPronouns', 'persona', 'phr', 'population', 'pos', 'post', 'prefixDef', 'preparedness',
      'pron', 'purpose', 'rb', 're', 'recording', 'redo', 'refState', 'remarks', 'rendition', 'rhyme', 'root',
      'rt', 'rubric', 'ruby', 'schemaRef', 'scriptNote', 'scriptStmt', 'secFol', 'sequence', 'setting',
      'shift', 'signatures', 'soCalled', 'source', 'span', 'spanGrp', 'specDesc', 'specGrpRef', 'specList', 'stamp',
      'stress',
      'string', 'subc', 'substJoin', 'summary', 'surface', 'surfaceGrp', 'syll', 'symbol', 'tagUsage',
      'terrain', 'textLang', 'textNode', 'then', 'tns', 'transpose', 'tree', 'triangle', 'undo', 'unicodeProp',
      'unihanProp', 'unit', 'unitDef', 'usg', 'vAlt', 'vColl', 'vDefault', 'vLabel', 'vMerge', 'vNot',
      'vRange', 'valDesc', 'valItem', 'valList', 'vocal', 'watermark', 'width', 'witEnd', 'witStart',
      'writing', 'xr', 'zone',
      (: the gaiji module's properties as TEI P5 before 4.5 had them (charDecl/char): documents still use them :)
      'charName', 'charProp', 'glyphName', 'localName', 'unicodeName', 'value')"/>
  <!-- Inline elements that stand side by side as the fields of a record (an address, a bibliographic or
       person entry, a manuscript identifier): each followed by a space. -->
  <xsl:variable name="f:generic-fields" as="xs:string+" select="(
      'addrLine', 'address', 'affiliation', 'age', 'analytic', 'biblScope', 'birth', 'bloc', 'citedRange',
      'country', 'dateline', 'death', 'desc', 'district', 'edition', 'education', 'faith', 'floruit', 'geo',
      'idno', 'imprint', 'langKnowledge', 'langKnown', 'location', 'meeting', 'monogr', 'msIdentifier',
      'nationality', 'occupation', 'postBox', 'postCode', 'region', 'relation', 'repository', 'residence',
      'resp', 'respStmt', 'salute', 'series', 'settlement', 'sex', 'signed', 'socecStatus', 'state', 'street',
      'trait')"/>

  <!-- Manuscript descriptions (msdescription module), HTML and print alike: the parts of a description that get a
       heading, by element name (its sections and their blocks), and the parts of a work (msItem) that get a label. -->
  <xsl:variable name="f:ms-headings" as="map(xs:string, xs:string)" select="map{
      'msContents': 'Contents', 'physDesc': 'Physical description', 'history': 'History',
      'additional': 'Additional information', 'msPart': 'Part', 'msFrag': 'Fragment',
      'objectDesc': 'Object', 'handDesc': 'Hands', 'scriptDesc': 'Script', 'typeDesc': 'Type',
      'decoDesc': 'Decoration', 'musicNotation': 'Music notation', 'additions': 'Additions',
      'bindingDesc': 'Binding', 'sealDesc': 'Seals', 'accMat': 'Accompanying material',
      'origin': 'Origin', 'provenance': 'Provenance', 'acquisition': 'Acquisition',
      'adminInfo': 'Record', 'surrogates': 'Surrogates'}"/>
  <xsl:variable name="f:ms-labels" as="map(xs:string, xs:string)" select="map{
      'rubric': 'Rubric', 'incipit': 'Incipit', 'explicit': 'Explicit', 'finalRubric': 'Final rubric',
      'colophon': 'Colophon', 'textLang': 'Language', 'filiation': 'Filiation'}"/>

  <!-- Letters (correspDesc in the header), HTML and print alike: the label of each kind of action (correspAction/@type). -->
  <xsl:variable name="f:corresp-labels" as="map(xs:string, xs:string)" select="map{
      'sent': 'Sent', 'received': 'Received', 'transmitted': 'Transmitted', 'redirected': 'Redirected',
      'forwarded': 'Forwarded'}"/>

  <!-- The label of a correspAction: its type's, else its type as written, else "Correspondence". -->
  <xsl:function name="f:corresp-label" as="xs:string">
    <xsl:param name="action" as="element()"/>
    <xsl:variable name="type" as="xs:string" select="normalize-space($action/@type)"/>
    <xsl:sequence select="if ($type = '') then 'Correspondence'
                          else ($f:corresp-labels($type), upper-case(substring($type, 1, 1)) || substring($type, 2))[1]"/>
  </xsl:function>

  <!-- Whether an element is a section or block of a manuscript description that gets a heading. -->
  <xsl:function name="f:is-ms-section" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="namespace-uri($e) eq 'http://www.tei-c.org/ns/1.0' and map:contains($f:ms-headings, local-name($e))
                          and exists($e/ancestor::msDesc)"/>
  </xsl:function>

  <!-- The heading of such a section: "Contents", "Part 2" (a part or fragment: its @n, else its position). -->
  <xsl:function name="f:ms-heading" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$f:ms-headings(local-name($e)) || (if ($e/self::msPart or $e/self::msFrag)
        then ' ' || ($e/@n[normalize-space()], count($e/preceding-sibling::*[local-name() = local-name($e)]) + 1)[1] else '')"/>
  </xsl:function>

  <!-- The depth of such a section in its description (1: a section of the description itself). -->
  <xsl:function name="f:ms-depth" as="xs:integer">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="count($e/ancestor-or-self::*[f:is-ms-section(.)])"/>
  </xsl:function>

  <!-- The header's manuscript descriptions of a text (the outer ones: a description inside another is part of it). -->
  <xsl:function name="f:header-ms-descs" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/sourceDesc//msDesc[not(ancestor::msDesc)]"/>
  </xsl:function>

  <!-- 'block', 'inline', 'field', or '' for an element the table does not list. -->
  <xsl:function name="f:generic-rendering" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (namespace-uri($e) ne 'http://www.tei-c.org/ns/1.0') then ''
                          else if (local-name($e) = $f:generic-blocks) then 'block'
                          else if (local-name($e) = $f:generic-inlines) then 'inline'
                          else if (local-name($e) = $f:generic-fields) then 'field' else ''"/>
  </xsl:function>

  <!-- What follows an element of the table, or one of those below, in both outputs, so that neighbours do not run
       together: a field's space; the parts of a measurement joined by " × " and followed by its unit
       (<dimensions unit="mm"><height>327</height><width>236</width></dimensions>: "327 × 236 mm", not "327236");
       forme work beside forme work (a signature and a catchword: "B 3 turn", not "B 3turn"). -->
  <xsl:function name="f:generic-after" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parts" as="xs:string+" select="('height', 'width', 'depth', 'dim')"/>
    <xsl:sequence select="if (f:generic-rendering($e) = 'field') then ' '
      else if (namespace-uri($e) ne 'http://www.tei-c.org/ns/1.0') then ''
      else if (local-name($e) = $parts and $e/parent::dimensions and $e/following-sibling::node()[1][self::*[local-name() = $parts]])
        then ' × '
      else if (local-name($e) = $parts and $e/parent::dimensions and $e/following-sibling::node()[1][self::text()][not(normalize-space())]
               /following-sibling::node()[1][self::*[local-name() = $parts]]) then ' ×'
      else if ($e/self::dimensions[normalize-space(@unit)] and not(contains(string($e), normalize-space($e/@unit))))
        then ' ' || normalize-space($e/@unit)
      else if ($e/self::fw and $e/following-sibling::node()[1][self::fw]) then ' '
      else ''"/>
  </xsl:function>

  <!-- ===== breaks inside a word ===== -->

  <!-- A line, page or column break inside a word (break="no", or the older type="hyphenInWord"): the
       word is printed whole. -->
  <xsl:function name="f:joins-word" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/@break = 'no' or $e/@type = 'hyphenInWord'"/>
  </xsl:function>

  <!-- ===== gaiji: g through the header's charDecl ===== -->

  <!-- The text of a g: its own content, else the character or glyph its @ref names (a mapping, preferring
       the standard one, else the name, else the description), else ''. -->
  <xsl:function name="f:glyph" as="xs:string">
    <xsl:param name="g" as="element(g)"/>
    <xsl:variable name="own" as="xs:string" select="string($g)"/>
    <xsl:variable name="id" as="xs:string" select="substring-after(normalize-space($g/@ref), '#')"/>
    <xsl:variable name="decl" as="element()?" select="if ($id) then key('f:id', $id, root($g))[self::char or self::glyph][1] else ()"/>
    <xsl:sequence select="if (normalize-space($own)) then $own
      else (($decl/mapping[@type = ('standard', 'normalized', 'normalised')], $decl/mapping,
             $decl/(charName | glyphName | localProp[@name = 'Name']/@value | desc))[normalize-space()][1] ! normalize-space(.), '')[1]"/>
  </xsl:function>

  <!-- ===== XInclude ===== -->

  <xsl:template name="f:report-xinclude">
    <xsl:context-item as="element()" use="required"/>
    <xsl:message>xinclude: &lt;xi:include href="{@href}"&gt; is not expanded (XInclude is never processed: merge the included file into the TEI){if (xi:fallback) then '; its xi:fallback is shown' else '; its content is missing'}</xsl:message>
  </xsl:template>

  <!-- ===== MathML and SVG, copied safely ===== -->

  <xsl:mode name="f:safe-copy" on-no-match="shallow-skip" on-multiple-match="fail"/>

  <xsl:template match="Q{http://www.w3.org/1998/Math/MathML}* | svg:*" mode="f:safe-copy">
    <xsl:element name="{local-name()}" namespace="{namespace-uri()}">
      <xsl:apply-templates select="@*, node()" mode="f:safe-copy"/>
    </xsl:element>
  </xsl:template>
  <!-- never copied: scripts, embedded HTML, styles that could load resources, animation of links -->
  <xsl:template match="svg:script | svg:foreignObject | svg:style | svg:set | svg:animate | svg:animateMotion
                       | svg:animateTransform | Q{http://www.w3.org/1998/Math/MathML}annotation-xml" mode="f:safe-copy" priority="1"/>
  <!-- Attributes: not event handlers; a style only when it can load nothing (no url(), no @import). -->
  <xsl:template match="@*" mode="f:safe-copy">
    <xsl:if test="not(starts-with(lower-case(local-name()), 'on'))
                  and not(local-name() = 'style' and matches(., 'url\s*\(|@import|expression\s*\(|javascript:', 'i'))">
      <xsl:attribute name="{local-name()}" namespace="{namespace-uri()}" select="."/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="@href | @xlink:href | @src" mode="f:safe-copy" priority="1">
    <xsl:variable name="safe" select="f:safe-href(.)"/>
    <xsl:if test="exists($safe) and starts-with($safe, '#')"><xsl:attribute name="{name()}" namespace="{namespace-uri()}" select="$safe"/></xsl:if>
  </xsl:template>
  <xsl:template match="text()" mode="f:safe-copy"><xsl:value-of select="."/></xsl:template>
  <!-- Any other element inside MathML or SVG (a TEI element, say): its text, without its attributes (the
       mode's default, shallow-skip, would apply templates to them too, and an attribute after a child of the
       copied element stops the page). -->
  <xsl:template match="*" mode="f:safe-copy" priority="-1"><xsl:apply-templates select="node()" mode="f:safe-copy"/></xsl:template>
</xsl:stylesheet>
