"""The attribution rules as data: editorial/speakers.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionError
from ..safeio import read_text


@dataclass(frozen=True)
class SpeakerRules:
    verbs: tuple[str, ...]
    titles: tuple[str, ...]
    continuation_gap: int
    narrators: dict[str, str] = field(default_factory=dict)  # text id → register id

    @property
    def verb_re(self) -> str:
        return "(?:" + "|".join(re.escape(v) for v in sorted(self.verbs, key=len, reverse=True)) + ")"

    @property
    def title_re(self) -> str:
        return "(?:(?:" + "|".join(re.escape(t) for t in self.titles) + r")\s+)?"


def load_rules(editorial_dir: Path) -> SpeakerRules:
    path = editorial_dir / "speakers.toml"
    if not path.exists():
        raise EditionError(f"{path}: not found (the speaker attribution rules)")
    try:
        data = tomllib.loads(read_text(path, what="TOML file"))
    except tomllib.TOMLDecodeError as exc:
        raise EditionError(f"{path}: invalid TOML: {exc}") from None
    rules = data.get("rules", {})
    verbs = rules.get("verbs")
    if not verbs or not all(isinstance(v, str) and v.strip() for v in verbs):
        raise EditionError(f"{path}: [rules] verbs must be a non-empty list of strings")
    gap = rules.get("continuation_gap", 80)
    if not isinstance(gap, int) or gap < 0:
        raise EditionError(f"{path}: [rules] continuation_gap must be a non-negative integer")
    narrators = {tid: t["narrator"] for tid, t in data.get("texts", {}).items()
                 if isinstance(t, dict) and isinstance(t.get("narrator"), str)}
    return SpeakerRules(tuple(verbs), tuple(rules.get("titles", [])), gap, narrators)
