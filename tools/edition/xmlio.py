"""Safe XML input/output: hardened parsing, stable serialisation, atomic writes.

Parsing never loads a DTD, never resolves entities, never touches the network and
rejects any DOCTYPE (the edition needs none, and an internal subset is the vehicle of
entity-expansion and external-entity attacks). Writes go to a temporary file in the
target directory and are renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from lxml import etree

from .errors import EditionError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS, "xml": XML_NS}


def tei(local: str) -> str:
    """Clark name of a TEI element: tei('p') == '{http://www.tei-c.org/ns/1.0}p'."""
    return f"{{{TEI_NS}}}{local}"


XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def _parser() -> etree.XMLParser:
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
        collect_ids=True,
    )


def parse_bytes(data: bytes, name: str) -> etree._ElementTree:
    """Parse XML bytes safely; raise EditionError naming `name`, line and column."""
    if not data.strip():
        raise EditionError(f"{name}: empty file, not XML")
    try:
        root = etree.fromstring(data, _parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (exc.lineno or 0, 0)
        msg = exc.msg or str(exc)
        raise EditionError(f"{name}:{line}:{col}: not well-formed XML: {msg}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise EditionError(
            f"{name}:1:1: DOCTYPE declarations are not allowed (entities are never expanded)"
        )
    return tree


def parse_file(path: Path | str) -> etree._ElementTree:
    """Parse an XML file safely (see module docstring)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_bytes(data, str(path))


def serialize_tei(root: etree._Element) -> bytes:
    """Serialise a TEI tree to stable bytes: UTF-8, declaration, final newline.

    Element-only content is indented by libxml2; mixed content is left untouched, so
    parsing and serialising again gives the same bytes.
    """
    body = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True, pretty_print=True)
    body = body.replace(b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>', 1)
    return body if body.endswith(b"\n") else body + b"\n"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path | str) -> str:
    return sha256_bytes(Path(path).read_bytes())


def atomic_write(path: Path | str, data: bytes | str) -> None:
    """Write `data` to `path` via a temporary file and an atomic rename."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
