"""Editorial decisions of the enrich stage, read from data files (never hard-coded).

* `editorial/entities.toml`: words that are never names (demonyms, adjectives), derived
  words (never names, not reported as misses), titles, contextual exclusions of a form,
  contextual resolution of ambiguous forms, and the year-inference rule for dates.
* `editorial/foreign.tsv`: the glossary of foreign words (word, language, gloss, note);
  language `-` marks a naturalised loan that is deliberately left untagged.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EditionError
from ..safeio import read_text


@dataclass(frozen=True)
class ContextRule:
    """`form` in a given context: excluded (ref None) or resolved to `ref`."""

    form: str
    ref: str | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    text: str | None
    note: str = ""

    def applies(self, text_id: str, before: str, after: str) -> bool:
        if self.text and self.text != text_id:
            return False
        if self.before and not self.before.search(before):
            return False
        if self.after and not self.after.search(after):
            return False
        return True


@dataclass(frozen=True)
class DateRule:
    """How a year missing from a date is supplied in one text."""

    mode: str  # 'preceding' (most recent explicit year before) or 'narrative' (a fixed year)
    year: int | None
    cert: str


@dataclass(frozen=True)
class YearRule:
    """An editorial decision on the year of one date without a year (overrides the text's rule)."""

    text: str | None
    date: re.Pattern[str]
    before: re.Pattern[str] | None
    year: int
    note: str = ""

    def applies(self, text_id: str, date_text: str, before: str) -> bool:
        if self.text and self.text != text_id:
            return False
        if not self.date.search(date_text):
            return False
        return not self.before or bool(self.before.search(before))


@dataclass(frozen=True)
class ForeignWord:
    word: str
    lang: str  # '' for a naturalised word left untagged
    gloss: str
    note: str
    line: int


@dataclass
class Rules:
    not_names: set[str] = field(default_factory=set)
    derived: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    exclusions: list[ContextRule] = field(default_factory=list)
    resolutions: list[ContextRule] = field(default_factory=list)
    date_default: DateRule = DateRule("preceding", None, "medium")
    date_texts: dict[str, DateRule] = field(default_factory=dict)
    year_rules: list[YearRule] = field(default_factory=list)
    foreign: list[ForeignWord] = field(default_factory=list)

    def date_rule(self, text_id: str) -> DateRule:
        return self.date_texts.get(text_id, self.date_default)


def _regex(value: Any, where: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise EditionError(f"{where}: bad regular expression {value!r}: {exc}") from None


def _context_rules(path: Path, data: dict[str, Any], key: str, need_ref: bool) -> list[ContextRule]:
    out = []
    for i, row in enumerate(data.get(key, []), 1):
        where = f"{path}: [[{key}]] entry {i}"
        if "form" not in row or (need_ref and "ref" not in row):
            raise EditionError(f"{where} lacks {'form and ref' if need_ref else 'form'}")
        out.append(ContextRule(
            form=str(row["form"]), ref=str(row["ref"]).lstrip("#") if need_ref else None,
            before=_regex(row.get("before"), where), after=_regex(row.get("after"), where),
            text=row.get("text"), note=str(row.get("note", "")),
        ))
    return out


def _date_rule(path: Path, row: dict[str, Any], default: DateRule) -> DateRule:
    mode = str(row.get("mode", default.mode))
    if mode not in ("preceding", "narrative"):
        raise EditionError(f"{path}: [dates] mode must be 'preceding' or 'narrative', not {mode!r}")
    year = row.get("year", default.year)
    if mode == "narrative" and not isinstance(year, int):
        raise EditionError(f"{path}: [dates] mode 'narrative' needs an integer year")
    cert = str(row.get("cert", default.cert))
    if cert not in ("high", "medium", "low", "unknown"):
        raise EditionError(f"{path}: [dates] cert must be high, medium, low or unknown, not {cert!r}")
    return DateRule(mode, year, cert)


def load_rules(editorial_dir: Path) -> Rules:
    """Read entities.toml and foreign.tsv from `editorial_dir` (each optional)."""
    rules = Rules()
    toml_path = editorial_dir / "entities.toml"
    if toml_path.exists():
        try:
            data = tomllib.loads(read_text(toml_path, what="TOML file"))
        except tomllib.TOMLDecodeError as exc:
            raise EditionError(f"{toml_path}: invalid TOML: {exc}") from None
        rules.not_names = {str(w) for w in data.get("not_names", [])}
        rules.derived = {str(w) for w in data.get("derived", [])}
        rules.titles = {str(w) for w in data.get("titles", [])}
        rules.exclusions = _context_rules(toml_path, data, "exclude", need_ref=False)
        rules.resolutions = _context_rules(toml_path, data, "resolve", need_ref=True)
        dates = data.get("dates", {})
        rules.date_default = _date_rule(toml_path, {k: v for k, v in dates.items() if k not in ("texts", "year")},
                                        rules.date_default)
        for i, row in enumerate(dates.get("year", []), 1):
            where = f"{toml_path}: [[dates.year]] entry {i}"
            if "date" not in row or not isinstance(row.get("year"), int):
                raise EditionError(f"{where} needs date (a regular expression) and an integer year")
            rules.year_rules.append(YearRule(row.get("text"), _regex(row["date"], where),  # type: ignore[arg-type]
                                             _regex(row.get("before"), where), row["year"], str(row.get("note", ""))))
        for text_id, row in dates.get("texts", {}).items():
            rules.date_texts[text_id] = _date_rule(toml_path, row, rules.date_default)
    rules.foreign = load_foreign(editorial_dir / "foreign.tsv")
    return rules


def load_foreign(path: Path) -> list[ForeignWord]:
    """Read the foreign-word glossary: `word<TAB>lang<TAB>gloss<TAB>note`, `#` comments, a header line."""
    if not path.exists():
        return []
    words: list[ForeignWord] = []
    seen_header = False
    for n, raw in enumerate(read_text(path, what="TSV file").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if not seen_header:
            seen_header = True
            if [c.strip() for c in cols[:2]] == ["word", "lang"]:
                continue
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise EditionError(f"{path}:{n}: expected word<TAB>lang<TAB>gloss<TAB>note")
        lang = cols[1].strip()
        if lang != "-" and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", lang):
            raise EditionError(f"{path}:{n}: {lang!r} is not a language code (BCP 47) nor '-'")
        words.append(ForeignWord(cols[0].strip(), "" if lang == "-" else lang,
                                 cols[2].strip() if len(cols) > 2 else "",
                                 cols[3].strip() if len(cols) > 3 else "", n))
    return words
