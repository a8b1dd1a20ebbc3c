"""Read a seed text: strict UTF-8 (BOM and CRLF accepted), never modified.

Everything that would later break the TEI is refused here, with the byte offset, line and
column: an empty or oversized file, binary data, bytes that are not UTF-8, and characters
XML 1.0 cannot hold (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF). The seed file
itself is only ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError
from ..safeio import read_regular
from ..xmlio import sha256_bytes

# A seed makes TEI of up to ~2.6 times its size (a seed of short lines; prose ~1.2): 12 MB keeps the
# TEI within what validate and publish accept (xmlio.MAX_XML_BYTES, 32 MB; convert refuses more)
# and convert below 1 GB of memory (10 MB: 0.7 GB, bench/RESULTS.md).
MAX_SEED_BYTES = 12 * 1024 * 1024

# Characters that XML 1.0 forbids (lone surrogates cannot survive strict UTF-8 decoding).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Seed:
    path: Path
    raw: bytes
    text: str  # decoded, BOM removed, line ends normalised to \n

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        return sha256_bytes(self.raw)

    @property
    def lines(self) -> list[str]:
        """The seed's lines without line ends; line n is lines[n - 1]."""
        return self.text.split("\n")


def _where(raw: bytes, offset: int) -> str:
    """'line L, column C (byte offset N)' of a byte offset, counting characters for the column."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return f"{line}:{col}: byte offset {offset}"


def read_seed(path: Path | str) -> Seed:
    """Read and check a seed; raise EditionError("path:line:col: byte offset N: …") on bad input."""
    path = Path(path)
    raw = read_regular(path, MAX_SEED_BYTES, what="seed text")
    if not raw.strip():
        raise EditionError(f"{path}: the seed is empty")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise EditionError(f"{path}:1:1: byte offset 0: UTF-16 byte-order mark; save the seed as UTF-8")
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise EditionError(f"{path}:{_where(raw, offset)}: NUL byte; this is a binary file, not a text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditionError(
            f"{path}:{_where(raw, exc.start)}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the seed as UTF-8"
        ) from None
    bad = _NOT_XML.search(text)
    if bad:
        offset = len(text[: bad.start()].encode("utf-8"))
        raise EditionError(
            f"{path}:{_where(raw, offset)}: control character U+{ord(bad.group()):04X} cannot be kept in XML; "
            "remove it from a copy of the seed"
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EditionError(f"{path}: the seed is empty (only a byte-order mark or white space)")
    return Seed(path=path, raw=raw, text=text)
