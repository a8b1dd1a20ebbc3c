"""Per-document extracts: what the site's multi-text pages and the build graph need of one TEI text,
collected once per version of the text and cached under output/.cache/extracts/.

For each text (keyed by the sha256 of its bytes) the extract holds

* `points_to`: the files its pointers name (`other.xml#id` in @source, @target, …): the texts its
  reading page looks into, and — read backwards — the texts whose pages look into it;
* `refs`: the ids it points at with `#id` (register entries among them): a reading page depends on
  those register entries only;
* `has_dates`: whether its text holds a date (the site gets a timeline);
* the *corpus copy*: the text with every element and attribute kept (paragraph, note and date numbers
  are positions, so the structure stays whole) but the words dropped outside what the timeline page
  quotes: the header, the standOff, every head, and the block (p, l, item, head, cell, ab, note,
  quote) around each date and the paragraph the timeline quotes; the timeline is made from these
  copies, never from the whole corpus;
* the *header copy*: the document element with its teiHeader alone, from which the pages over all
  texts that read the headers only are made (downloads, search, encoding; home, corrections and events
  with the texts' records). The register, home, corrections and events pages read each text's
  records instead (`publish.records`, `edition.recordstore`). tests/test_incremental.py checks that
  every page comes out byte-identical to the whole-corpus publisher's.

An extract is a pure function of the text's bytes and of this module: a text that did not change is never
read again beyond hashing it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from .xmlio import TEI_NS, atomic_write, parse_bytes

#: Bump when what an extract holds changes (old cache entries are then ignored).
VERSION = 4
CACHE = Path(".cache") / "extracts"
_T = f"{{{TEI_NS}}}"
_BLOCKS = {_T + n for n in ("p", "l", "item", "head", "cell", "ab", "note", "quote")}
_DATE = _T + "date"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_WHOLE = {_T + n for n in ("teiHeader", "standOff", "head")}
_FILE_POINTER = re.compile(rb"([A-Za-z0-9_.-]+\.xml)#")
_ID_POINTER = re.compile(r"#([A-Za-z_][\w.-]*)")
_POINTER_ATTRS = ("ref", "who", "target", "source", "corresp", "resp", "from", "to", "sameAs", "ana", "key")


@dataclass(frozen=True)
class Extract:
    file: str  # the text's file name ("soviet-albanian-split.xml")
    sha: str  # sha256 of its bytes
    points_to: tuple[str, ...]
    refs: str  # the ids it points at, sorted, joined by spaces (`ref_ids`): split only for a page whose key is made
    has_dates: bool
    corpus_sha: str  # sha256 of the corpus copy
    head_sha: str  # sha256 of the header copy
    root_id: str  # the text's xml:id ("" when it has none)
    title: str  # its first title, normalised

    @property
    def ref_ids(self) -> tuple[str, ...]:
        """The ids it points at (`refs`, split: ≈ 150 a letter, which for 2,000 letters cost an edit's build 50 ms
        when every extract was read)."""
        return tuple(self.refs.split(" ")) if self.refs else ()

    def corpus_path(self, cache_dir: Path) -> Path:
        return cache_dir / self.file

    def head_path(self, cache_dir: Path) -> Path:
        return cache_dir / f"{self.file}.head"


def _in_text(e: etree._Element) -> bool:
    return any(a.tag == _T + "text" for a in e.iterancestors())


def _block(e: etree._Element) -> etree._Element:
    for a in e.iterancestors():
        if a.tag in _BLOCKS:
            return a
    parent = e.getparent()
    return parent if parent is not None else e


def _timeline_block(date: etree._Element) -> etree._Element | None:
    """What the timeline quotes around a date (timeline.xsl, tl:sentence): `($date/ancestor::p[@xml:id],
    $date/ancestor::*[@xml:id])[1]`, i.e. in document order the outermost such ancestor."""
    ancestors = list(date.iterancestors())[::-1]
    para = next((a for a in ancestors if a.tag == _T + "p" and a.get(_XML_ID) is not None), None)
    return para if para is not None else next((a for a in ancestors if a.get(_XML_ID) is not None), None)


def corpus_copy(tree: etree._ElementTree) -> etree._Element:
    """The text with its structure whole and the words only where the timeline reads them."""
    root = etree.fromstring(etree.tostring(tree.getroot(), encoding="unicode"))
    keep: set[etree._Element] = set()
    for e in root.iter(etree.Element):
        tag = e.tag
        if tag in _WHOLE:
            keep.add(e)
        elif tag == _DATE and _in_text(e):
            keep.add(_block(e))
            keep.add(e)
            block = _timeline_block(e)
            keep.add(root if block is None else block)

    def walk(e: etree._Element, kept: bool) -> None:
        kept = kept or e in keep
        if not kept:
            e.text = None
        for child in e:
            if not kept:
                child.tail = None
            if isinstance(child.tag, str):
                walk(child, kept)
            elif not kept:  # a comment or processing instruction outside the quoted blocks
                child.text = None

    walk(root, False)
    return root


def _refs(root: etree._Element) -> tuple[str, ...]:
    found: set[str] = set()
    for e in root.iter(etree.Element):
        for attr in _POINTER_ATTRS:
            value = e.get(attr)
            if value and "#" in value:
                found.update(_ID_POINTER.findall(value))
    return tuple(sorted(found))


def _dates(root: etree._Element) -> bool:
    return bool(root.xpath("boolean(.//tei:text//tei:date)", namespaces={"tei": TEI_NS}))


def header_copy(tree: etree._ElementTree) -> etree._Element:
    """The document element (its attributes and namespaces) with its header alone."""
    root = tree.getroot()
    copy = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    header = root.find(_T + "teiHeader")
    if header is not None:
        copy.append(etree.fromstring(etree.tostring(header, encoding="unicode", with_tail=False)))
    return copy


def extract(path: Path, data: bytes, cache_dir: Path) -> Extract:
    """The extract of the text `path` (its bytes `data`), from the cache when it holds this version."""
    sha = hashlib.sha256(data).hexdigest()
    meta_path = cache_dir / f"{path.name}.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if (meta.get("version") == VERSION and meta["extract"]["sha"] == sha
                and (cache_dir / path.name).exists() and (cache_dir / f"{path.name}.head").exists()):
            e = meta["extract"]
            return Extract(e["file"], sha, tuple(e["points_to"]), " ".join(e["refs"]), e["has_dates"], e["corpus_sha"],
                           e["head_sha"], e["root_id"], e["title"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    tree = parse_bytes(data, str(path))
    root = tree.getroot()
    copy = etree.tostring(corpus_copy(tree), encoding="utf-8")
    head = etree.tostring(header_copy(tree), encoding="utf-8")
    points = sorted({m.decode() for m in _FILE_POINTER.findall(data)} - {path.name})
    titles = root.xpath("./tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces={"tei": TEI_NS})
    title = " ".join("".join(titles[0].itertext()).split()) if titles else "TEI document"
    ex = Extract(path.name, sha, tuple(points), " ".join(_refs(root)), _dates(root), hashlib.sha256(copy).hexdigest(),
                 hashlib.sha256(head).hexdigest(), root.get("{http://www.w3.org/XML/1998/namespace}id") or "", title)
    atomic_write(cache_dir / path.name, copy)
    atomic_write(cache_dir / f"{path.name}.head", head)
    atomic_write(meta_path, json.dumps({"version": VERSION, "extract": {**asdict(ex), "refs": list(ex.ref_ids)}},
                                       indent=1) + "\n")
    return ex


def neighbours(extracts: dict[str, Extract]) -> dict[str, list[str]]:
    """For each text, the texts its reading page reads: itself, those it points to, those pointing to it."""
    back: dict[str, set[str]] = {f: set() for f in extracts}
    for f, ex in extracts.items():
        for target in ex.points_to:
            if target in back:
                back[target].add(f)
    names = set(extracts)
    return {f: [f, *sorted((set(ex.points_to) & names) | back[f])] for f, ex in extracts.items()}


def register_entries(register: etree._ElementTree) -> tuple[str, dict[str, str]]:
    """The register as the reading pages read it: a hash of its header, and a hash per entry id
    (an entry's hash also covers the entries it points to, e.g. a person's organisation)."""
    root = register.getroot()
    header = root.find(_T + "teiHeader")
    head_sha = hashlib.sha256(etree.tostring(header) if header is not None else b"").hexdigest()
    own: dict[str, bytes] = {}
    points: dict[str, set[str]] = {}
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    for e in root.iter(etree.Element):
        rid = e.get(xml_id)
        if rid and e.getparent() is not None and header not in e.iterancestors():
            own[rid] = etree.tostring(e)
            points[rid] = set(_refs(e))
    entries = {rid: hashlib.sha256(b"".join([own[rid], *(own.get(t, b"") for t in sorted(points[rid])) ])).hexdigest()
               for rid in own}
    return head_sha, entries
