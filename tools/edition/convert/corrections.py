"""Editorial corrections as data: `editorial/corrections/<text-id>.tsv`.

Each row names a seed line, the erroneous string (`sic`) found on it, the correction and,
when the string occurs more than once on the line, which occurrence. Converters call
`Corrections.mark()` on a raw seed line before any other processing: each `sic` is replaced
by a placeholder that survives the converter's text rules, and `expand()` turns the
placeholders into `<choice><sic/><corr/></choice>` markup when the converter emits XML.
A row that does not match the seed is an error; a row never applied is an error too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import EditionError
from ..safeio import MAX_CONFIG_BYTES, read_regular

OPEN, CLOSE = "\ue000", "\ue001"  # private-use placeholder delimiters
_PLACEHOLDER = re.compile(f"{OPEN}(\\d+){CLOSE}")
HEADER = ["line", "sic", "corr", "occurrence", "note"]


@dataclass(frozen=True)
class Correction:
    row: int  # line in the TSV file, for messages
    line: int  # line in the seed
    sic: str
    corr: str
    occurrence: int | None
    note: str


class Corrections:
    def __init__(self, rows: list[Correction], source: Path | None = None):
        self.rows = rows
        self.source = source
        self._applied: set[int] = set()
        self._by_line: dict[int, list[int]] = {}
        for i, c in enumerate(rows):
            self._by_line.setdefault(c.line, []).append(i)

    @classmethod
    def empty(cls) -> Corrections:
        return cls([])

    @classmethod
    def load(cls, path: Path, seed_lines: list[str]) -> Corrections:
        if not path.exists():
            return cls.empty()
        rows: list[Correction] = []
        raw = read_regular(path, MAX_CONFIG_BYTES, what="corrections file")
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise EditionError(f"{path}:{line}: byte offset {exc.start}: not UTF-8; save the corrections file as UTF-8") from None
        seen_header = False
        for n, raw in enumerate(text.splitlines(), 1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            cells = raw.split("\t")
            if not seen_header:
                seen_header = True
                if [c.strip() for c in cells[: len(HEADER)]] != HEADER[: len(cells)]:
                    raise EditionError(f"{path}:{n}: header must be: {' '.join(HEADER)} (tab-separated)")
                continue
            cells += [""] * (len(HEADER) - len(cells))
            line_s, sic, corr, occ_s, note = cells[:5]
            where = f"{path}:{n}"
            if not line_s.isdigit() or not (1 <= int(line_s) <= len(seed_lines)):
                raise EditionError(f"{where}: seed line {line_s!r} is not a line of the seed (1–{len(seed_lines)})")
            if not sic:
                raise EditionError(f"{where}: empty sic")
            line = int(line_s)
            count = seed_lines[line - 1].count(sic)
            if count == 0:
                raise EditionError(f"{where}: {sic!r} does not occur on seed line {line}")
            occ = int(occ_s) if occ_s.strip() else None
            if occ is None and count > 1:
                raise EditionError(f"{where}: {sic!r} occurs {count} times on seed line {line}; say which in 'occurrence'")
            if occ is not None and not (1 <= occ <= count):
                raise EditionError(f"{where}: occurrence {occ} of {sic!r}, but seed line {line} has {count}")
            rows.append(Correction(n, line, sic, corr, occ, note.strip()))
        return cls(rows, path)

    def __len__(self) -> int:
        return len(self.rows)

    def mark(self, line_no: int, line: str) -> str:
        """Replace each correction's `sic` on seed line `line_no` with its placeholder."""
        idxs = self._by_line.get(line_no, [])
        # Resolve positions on the original line first, then replace right to left.
        spans: list[tuple[int, int, int]] = []
        for i in idxs:
            c = self.rows[i]
            start = -1
            for _ in range(c.occurrence or 1):
                start = line.find(c.sic, start + 1)
            spans.append((start, start + len(c.sic), i))
        spans.sort()
        for (s1, e1, _), (s2, _, i2) in zip(spans, spans[1:]):
            if s2 < e1:
                raise EditionError(f"{self.source}:{self.rows[i2].row}: overlaps another correction on seed line {line_no}")
        for start, end, i in reversed(spans):
            line = f"{line[:start]}{OPEN}{i}{CLOSE}{line[end:]}"
            self._applied.add(i)
        return line

    def sic_of(self, text: str) -> str:
        """The transmitted reading of a marked string (placeholders → sic)."""
        return _PLACEHOLDER.sub(lambda m: self.rows[int(m.group(1))].sic, text)

    def corr_of(self, text: str) -> str:
        """The corrected reading of a marked string (placeholders → corr)."""
        return _PLACEHOLDER.sub(lambda m: self.rows[int(m.group(1))].corr, text)

    def expand(self, escaped: str) -> str:
        """Turn placeholders in already-escaped XML text into choice markup."""

        def repl(m: re.Match[str]) -> str:
            c = self.rows[int(m.group(1))]
            return f'<choice><sic>{escape(c.sic)}</sic><corr resp="#editors">{escape(c.corr)}</corr></choice>'

        return _PLACEHOLDER.sub(repl, escaped)

    def check_all_applied(self) -> None:
        missing = [self.rows[i] for i in range(len(self.rows)) if i not in self._applied]
        if missing:
            c = missing[0]
            raise EditionError(f"{self.source}:{c.row}: correction {c.sic!r} → {c.corr!r} was never applied")
