"""Safe XML input/output: hardened parsing, stable serialisation, atomic writes.

Parsing never loads a DTD, never resolves entities, never touches the network and never
processes XInclude. Any DOCTYPE is refused *before* libxml2 sees it (an internal subset is
the vehicle of entity-expansion and external-entity attacks, and the edition needs none), as
is input that is not UTF-8 or beyond the size limits below. Every refusal is an EditionError
"name:line:col: message". Writes go to a temporary file in the target directory and are
renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from .errors import EditionError
from .safeio import MAX_FILE_BYTES, read_regular

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS, "xml": XML_NS}


def tei(local: str) -> str:
    """Clark name of a TEI element: tei('p') == '{http://www.tei-c.org/ns/1.0}p'."""
    return f"{{{TEI_NS}}}{local}"


XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


# Resource limits. A TEI edition's largest file is a few megabytes; these bounds keep hostile
# input (huge files, millions of tags or attributes) from exhausting memory before libxml2's own
# limits (nesting depth 256, text nodes of 10 000 000 characters) apply.
MAX_XML_BYTES = MAX_FILE_BYTES  # what convert may write is what validate and publish accept
MAX_MARKUP = 1_200_000  # "<" (tags, comments, PIs) and "=" (attributes) each at most this often: every command that
# only reads and rewrites TEI (validate, enrich, speakers, link) stays under 1 GB at this limit (bench/memory_bench.py:
# validate peaked at 975 MB on 1,500,000 empty elements with one attribute each; bench/RESULTS.md)
# Attributes plus namespace declarations per element: Saxon's parser (JAXP) refuses more than 200
# (jdk.xml.elementAttributeLimit), and lxml slows down quadratically on many; TEI uses a handful.
MAX_ATTRIBUTES = 200

_ENCODINGS_OK = {"utf-8", "utf8", "us-ascii", "ascii"}
_LIBXML_POS = re.compile(r",? line \d+, column \d+\s*$")
_LIBXML_HINTS = (
    (re.compile(r"Excessive depth in document: (\d+).*"), r"elements nested more than \1 levels deep (safety limit)"),
    (re.compile(r".*(?:Text node too long|huge text node).*"), "a text node longer than 10 000 000 characters (safety limit)"),
    (re.compile(r".*(?:amplification factor|entity reference loop).*", re.I), "entity expansion refused (safety limit)"),
    (re.compile(r"Entity '([^']*)' not defined.*"),
     r"undefined entity &\1; (only &lt; &gt; &amp; &quot; &apos; and character references such as &#233; exist "
     "without a DTD; write the character itself)"),
)


def _parser(collect_ids: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=False,
        collect_ids=collect_ids,
    )


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset` in UTF-8 `data`."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, col


def _check_prolog(data: bytes, name: str) -> None:
    """Refuse before parsing what libxml2 must never see: non-UTF-8 input and any DOCTYPE.

    Only the prolog (XML declaration, comments, PIs, whitespace) can precede a DOCTYPE, so
    scanning it finds every DOCTYPE without being fooled by text that merely looks like one.
    """
    if data[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00") or data[:2] in (b"\xfe\xff", b"\xff\xfe") or (
        len(data) > 1 and (data[0] == 0 or data[1] == 0)
    ):
        raise EditionError(f"{name}:1:1: not UTF-8 (UTF-16/32 or binary data); save the file as UTF-8")
    i = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    n = len(data)
    while i < n:
        while i < n and data[i] in b" \t\r\n":
            i += 1
        if data.startswith(b"<?", i):
            j = data.find(b"?>", i + 2)
            if j < 0:
                break
            decl = data[i : j + 2]
            if i <= 3 and re.match(rb"<\?xml\s", decl):
                m = re.search(rb"""encoding\s*=\s*["']([^"']*)["']""", decl)
                if m and m.group(1).decode("ascii", "replace").lower() not in _ENCODINGS_OK:
                    enc = m.group(1).decode("ascii", "replace")
                    raise EditionError(f"{name}:1:1: declares encoding {enc!r}; the edition reads UTF-8 only")
            i = j + 2
        elif data.startswith(b"<!--", i):
            j = data.find(b"-->", i + 4)
            if j < 0:
                break
            i = j + 3
        elif data.startswith(b"<!DOCTYPE", i) or data.startswith(b"<!doctype", i):
            line, col = _line_col(data, i)
            raise EditionError(
                f"{name}:{line}:{col}: DOCTYPE declarations are not allowed "
                "(no DTD is loaded and no entity is ever expanded); remove it"
            )
        else:
            break
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise EditionError(
            f"{name}:{line}:{col}: not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}; "
            "save the file as UTF-8"
        ) from None


def check_xml_size(data: bytes, name: str) -> None:
    """Refuse XML beyond MAX_XML_BYTES or MAX_MARKUP (what parse_bytes accepts)."""
    if len(data) > MAX_XML_BYTES:
        raise EditionError(f"{name}: {len(data)} bytes; larger than the limit of {MAX_XML_BYTES} bytes for an XML file")
    for ch, what in ((b"<", "tags"), (b"=", "attributes")):
        if data.count(ch) > MAX_MARKUP:
            raise EditionError(f"{name}: more than {MAX_MARKUP} {what}; refusing to load a file this large")


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    """libxml2's message without its trailing position, in the edition's words where it helps."""
    msg = _LIBXML_POS.sub("", (exc.msg or str(exc)).strip())
    for pattern, repl in _LIBXML_HINTS:
        if pattern.match(msg):
            return pattern.sub(repl, msg, count=1)
    return msg


def parse_bytes(data: bytes, name: str, *, duplicate_ids: bool = False) -> etree._ElementTree:
    """Parse XML bytes safely; raise EditionError naming `name`, line and column.

    Refused with a message: empty input, input that is not UTF-8, any DOCTYPE (so no
    entity is declared, let alone expanded or fetched), input beyond MAX_XML_BYTES or
    MAX_MARKUP, elements with more than MAX_ATTRIBUTES attributes, nesting deeper than 256
    levels and text nodes over 10 000 000 characters.
    XInclude elements are kept as plain elements (never processed); PIs and comments are kept.
    A duplicate xml:id is refused too, unless `duplicate_ids` (a validity problem the caller reports,
    see `duplicate_ids`).
    """
    if not data.strip():
        raise EditionError(f"{name}: empty file, not XML")
    check_xml_size(data, name)
    _check_prolog(data, name)
    try:
        root = etree.fromstring(data, _parser(collect_ids=not duplicate_ids), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 0, 0)
        raise EditionError(f"{name}:{line}:{col}: not well-formed XML: {_syntax_message(exc)}") from None
    except (ValueError, MemoryError) as exc:
        raise EditionError(f"{name}: cannot parse: {exc}") from None
    many_ns = data.count(b"xmlns") > MAX_ATTRIBUTES
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        count = len(el.attrib)
        if many_ns:  # rare: only then pay for namespace maps
            parent = el.getparent()
            count += len(el.nsmap) - (len(parent.nsmap) if parent is not None else 0)
        if count > MAX_ATTRIBUTES:
            raise EditionError(
                f"{name}:{el.sourceline or 0}: element <{etree.QName(el).localname}> has {count} attributes "
                f"and namespace declarations; more than the limit of {MAX_ATTRIBUTES}"
            )
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # unreachable after _check_prolog
        raise EditionError(f"{name}:1:1: DOCTYPE declarations are not allowed (entities are never expanded)")
    return tree


def duplicate_ids(tree: etree._ElementTree, name: str) -> list[str]:
    """One message per xml:id used more than once: "name:line: xml:id 'x' used again (first at line n)"."""
    first: dict[str, int] = {}
    problems = []
    for el in tree.getroot().iter(etree.Element):
        value = el.get(XML_ID)
        if value is None:
            continue
        if value in first:
            problems.append(f"{name}:{el.sourceline or 0}: xml:id {value!r} used again (first at line {first[value]}); "
                            "ids must be unique")
        else:
            first[value] = el.sourceline or 0
    return problems


def parse_file(path: Path | str) -> etree._ElementTree:
    """Parse an XML file safely (see `parse_bytes`)."""
    return parse_bytes(read_xml_bytes(path), str(path))


def read_xml_bytes(path: Path | str) -> bytes:
    """The bytes of an XML file: a regular file of at most MAX_XML_BYTES (safeio.read_regular)."""
    return read_regular(path, MAX_XML_BYTES, what="XML file")


def check_tei(tree: etree._ElementTree, name: str) -> etree._ElementTree:
    """Check the outline every tool relies on: a tei:TEI root with a teiHeader then a text (or
    facsimile/sourceDoc/standOff). Raise EditionError naming the file and line otherwise."""
    root = tree.getroot()
    if root.tag != tei("TEI"):
        qname = etree.QName(root)
        found = f"{qname.localname} in namespace {qname.namespace}" if qname.namespace else f"{qname.localname} in no namespace"
        raise EditionError(
            f"{name}:{root.sourceline or 1}: the root element is {found}; a TEI document's root is TEI in {TEI_NS}"
        )
    children = [c for c in root if isinstance(c.tag, str)]
    if not children or children[0].tag != tei("teiHeader"):
        raise EditionError(f"{name}:{root.sourceline or 1}: the TEI document has no teiHeader as its first child")
    if len(children) < 2:
        raise EditionError(f"{name}:{root.sourceline or 1}: the TEI document has a teiHeader but no text")
    return tree


def parse_tei_file(path: Path | str) -> etree._ElementTree:
    """Parse a TEI file safely and check its outline (see `parse_bytes`, `check_tei`)."""
    return check_tei(parse_file(path), str(path))


def append_subtree(parent: etree._Element, child: etree._Element) -> None:
    """`parent.append(child)` in linear time. libxml2 moves xml:id attributes from one document to
    another in quadratic time (150,000 ids: 5 s), so when `child` comes from another document its
    ids are taken off for the move and put back after it, every element's attributes in order."""
    if child.getroottree().getroot() is parent.getroottree().getroot():
        parent.append(child)
        return
    saved = [(el, list(el.attrib.items())) for el in child.iter() if isinstance(el.tag, str) and el.get(XML_ID) is not None]
    for el, _ in saved:
        del el.attrib[XML_ID]
    parent.append(child)
    for el, items in saved:
        el.attrib.clear()
        for key, value in items:
            el.set(key, value)


def serialize_tei(root: etree._Element) -> bytes:
    """Serialise a TEI tree to stable bytes: UTF-8, declaration, final newline.

    Element-only content is indented by libxml2; mixed content is left untouched, so
    parsing and serialising again gives the same bytes. Empty strings are normalised to no
    text (`<a></a>` and `<a/>` parse alike, so only one of them can be stable).
    """
    for el in root.iter():
        if el.text == "":
            el.text = None
        if el.tail == "":
            el.tail = None
    body = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True, pretty_print=True)
    body = body.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1)
    return body if body.endswith(b"\n") else body + b"\n"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path | str) -> str:
    return sha256_bytes(read_regular(path, MAX_XML_BYTES))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class ChangedMeanwhile(EditionError):
    """The file changed on disk after a tool read it (a person saved it meanwhile): not replaced."""


# Called with the target path right before the compare-and-swap check of `atomic_write(expect=…)`
# (tests set it to edit the file at exactly that moment).
before_replace_hook: Callable[[Path], None] | None = None

ANY = "any"  # atomic_write(expect=ANY): replace whatever is there (output files, not sources)
MISSING = "missing"  # atomic_write(expect=MISSING): only if the file still does not exist


def _current_sha(path: Path) -> str:
    try:
        return sha256_bytes(read_regular(path, MAX_XML_BYTES))
    except EditionError:
        if not os.path.lexists(path):
            return MISSING
        raise


def atomic_write(path: Path | str, data: bytes | str, *, expect: str = ANY, through_symlink: bool = False) -> None:
    """Write `data` to `path` via a temporary file and an atomic rename.

    A reader sees either the old file or the new one, never a part: an interruption (even
    kill -9) leaves at most a temporary `.NAME.pidPID.RANDOM.tmp` beside the target, which
    `lock.remove_stale_temporaries` clears once process PID is gone. The new file gets the old
    file's permissions (or the umask's), not mkstemp's private 0600.

    Compare and swap: with `expect` (the sha256 of the bytes the caller read, or MISSING), the
    file is re-checked immediately before the rename; if it changed meanwhile (a person saved
    it), nothing is written and ChangedMeanwhile is raised. A file that did not exist is created
    with link(2), which fails if someone created it meanwhile. `through_symlink`: a symlink at
    `path` is kept and the file it points to is replaced.
    """
    path = Path(path)
    if through_symlink and path.is_symlink():
        path = Path(os.path.realpath(path))
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.pid{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise EditionError(f"{path}: cannot write: {_os_words(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        if expect != ANY:
            if before_replace_hook is not None:
                before_replace_hook(path)
            if expect == MISSING:
                try:
                    os.link(tmp, path)  # atomic: fails if the file appeared meanwhile
                except FileExistsError:
                    raise ChangedMeanwhile(f"{path}: created by someone else while the tool worked; "
                                           "it is kept as it is and nothing was written") from None
                os.unlink(tmp)
                _fsync_dir(path.parent)
                return
            if _current_sha(path) != expect:
                raise ChangedMeanwhile(f"{path}: changed on disk while the tool worked on it (saved by hand?); "
                                       "your version is kept and nothing was written. Run the command again.")
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):  # disk full, read-only, permissions: nothing was replaced
            raise EditionError(f"{path}: cannot write: {_os_words(exc)}; the previous version is kept") from None
        raise
    _fsync_dir(path.parent)


def _os_words(exc: OSError) -> str:
    hints = {errno.ENOSPC: " (the disk is full)", errno.EROFS: " (a read-only file system)"}
    return f"{exc.strerror or exc}{hints.get(exc.errno or 0, '')}"


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable (best effort: not every file system allows it)."""
    try:
        dfd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF, errno.EROFS):
            raise
    finally:
        os.close(dfd)
