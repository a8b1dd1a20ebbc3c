"""Read a seed text: strict UTF-8 (BOM and CRLF accepted), never modified."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError
from ..xmlio import sha256_bytes


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


def read_seed(path: Path | str) -> Seed:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"{path}: cannot read seed: {exc.strerror}") from None
    if not raw.strip():
        raise EditionError(f"{path}: the seed is empty")
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise EditionError(f"{path}: byte offset {offset}: NUL byte; this is a binary file, not a text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditionError(
            f"{path}: byte offset {exc.start}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the seed as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Seed(path=path, raw=raw, text=text)
