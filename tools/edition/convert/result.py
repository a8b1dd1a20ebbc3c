"""What a profile converter returns: the TEI <text> and the facts the header needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass
class ConvertResult:
    text: etree._Element  # the tei:text element
    # editorialDecl section name (correction, normalization, quotation, segmentation,
    # interpretation, hyphenation) → paragraphs describing what the converter did
    decl: dict[str, list[str]] = field(default_factory=dict)
    languages: set[str] = field(default_factory=set)  # xml:lang codes used in the text
    next_title: str | None = None  # "13. The Final Act": navigation kept as metadata
    source_titles: list[str] = field(default_factory=list)  # e.g. the chapter title
    warnings: list[str] = field(default_factory=list)  # "seed:line: message" for the user
