"""Rewrite a TEI file a person may be editing: read once, transform, compare and swap.

The stages that rewrite the TEI in place (enrich, speakers, link) read the file once with
`read_tei` (a regular file, bounded, parsed from exactly those bytes) and hand the new bytes to
`rewrite`. Immediately before the atomic rename, the file's content hash is checked again
(`xmlio.atomic_write(expect=…)`): when a person saved it meanwhile, their version is kept,
nothing is written, the manifest is left as it was, and the command fails (ChangedMeanwhile,
exit 1) saying so. A TEI file that is a symlink stays one: the file it points to is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .config import Project
from .manifest import write_stage_output
from .xmlio import XML_ID, check_tei, parse_bytes, read_xml_bytes, sha256_bytes

__all__ = ["TeiSource", "read_tei", "rewrite", "text_id"]


@dataclass
class TeiSource:
    """A TEI file as a tool read it: the bytes (the compare-and-swap reference) and their tree."""

    path: Path
    data: bytes
    tree: etree._ElementTree

    @property
    def sha256(self) -> str:
        return sha256_bytes(self.data)


def read_tei(path: Path | str) -> TeiSource:
    """Read and parse a TEI file once (regular file, size-bounded, hardened parser)."""
    path = Path(path)
    data = read_xml_bytes(path)
    return TeiSource(path, data, check_tei(parse_bytes(data, str(path)), str(path)))


def rewrite(source: TeiSource, data: bytes, *, tool: str, dry_run: bool = False) -> str:
    """Replace `source` by `data` unless it changed on disk since it was read; return the status."""
    return write_stage_output(source.path, data, source.data, tool=tool, dry_run=dry_run)


def text_id(project: Project, source: TeiSource) -> str:
    """The id of the text a TEI file holds, one way for every stage: its root's xml:id, else the id
    editorial/texts.toml gives the file, else the file's name without .xml."""
    root_id = source.tree.getroot().get(XML_ID)
    if root_id:
        return root_id
    meta = next((m for m in project.texts if m.tei == source.path.name), None)
    return meta.id if meta else source.path.stem
