"""Tag explicit calendar expressions with `<date>` and ISO 8601 values.

Recognised (on each block's reading text, longest expression first): "November 29, 1944"
(and the WikiText "November 29 , 1944"), "29 November 1944", "February 1960", "June 21",
"October 1–21", "the 28th and 29th of November", "1955–1961", "1948–49", "the 1970s",
"the late 1950s", "early in 1954", "late 1957", "the end of 1958", "the beginning of June
1960", "the middle of June", "February that year", bare years and bare month names.

A month or day without a year takes its year from the text's rule in entities.toml
([dates]): 'preceding' = the most recent explicit year earlier in the same text (editorial
notes and the header not counted), 'narrative' = a fixed year (the year the text narrates).
Such dates get @cert (from the rule) and @evidence="conjecture"; the rule is stated in the
header (see `header.py`). Vague expressions get @notBefore/@notAfter by fixed conventions:
early = months 1–4 (days 1–10 of a month), middle = 5–8 (11–20), late = 9–12 (21–end);
beginning = 1–3, end = 10–12; early/mid/late in a decade = years 0–3 / 4–6 / 7–9.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from ..xmlio import tei
from .rules import DateRule, YearRule
from .textmap import FlatBlock, flatten, wrap_span

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_M = "(?P<m>" + "|".join(MONTHS) + r")(?!\w)"
_D = r"(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)"
_Y = r"(?<![\w.,@/])(?P<y>1[5-9]\d\d|20\d\d)(?![\w%]|\s%|[.,]\d)"
_DASH = r"\s*[-–—?]\s*"
_ORD = r"(?:st|nd|rd|th)"
#: words after which a bare "May" is the month (not the verb)
_MAY_BEFORE = re.compile(r"(?:\b(?:in|of|by|since|until|till|from|to|and|or|early|late|mid|end)\s*)$", re.I)
YEAR_RE = re.compile(_Y)


@dataclass
class DateValue:
    attrs: dict[str, str]
    inferred: bool = False


def _mnum(name: str) -> int:
    return MONTHS.index(name) + 1


def _ymd(y: int, m: int, d: int) -> str | None:
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


_PART_MONTHS = {"early": (1, 4), "beginning": (1, 3), "start": (1, 3), "middle": (5, 8), "mid": (5, 8),
                "late": (9, 12), "end": (10, 12)}
_PART_DAYS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "middle": (11, 20), "mid": (11, 20),
              "late": (21, 31), "end": (21, 31)}
_PART_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _part_of_year(part: str, y: int) -> dict[str, str]:
    a, b = _PART_MONTHS[part.lower()]
    return {"notBefore": _ym(y, a), "notAfter": _ym(y, b)}


def _part_of_month(part: str, y: int, m: int) -> dict[str, str]:
    a, b = _PART_DAYS[part.lower()]
    b = min(b, calendar.monthrange(y, m)[1])
    return {"notBefore": f"{_ym(y, m)}-{a:02d}", "notAfter": f"{_ym(y, m)}-{b:02d}"}


Handler = Callable[[re.Match[str], "int | None"], "DateValue | None"]


def _year(mt: re.Match[str], inferred: int | None) -> tuple[int | None, bool]:
    if mt.groupdict().get("y"):
        return int(mt.group("y")), False
    return inferred, True


def _two_days(mt: re.Match[str], inf: int | None) -> DateValue | None:
    y, guess = _year(mt, inf)
    if y is None:
        return None
    m = _mnum(mt.group("m"))
    a, b = _ymd(y, m, int(mt.group("d1"))), _ymd(y, m, int(mt.group("d2")))
    return DateValue({"from": a, "to": b}, guess) if a and b else None


def _day(mt: re.Match[str], inf: int | None) -> DateValue | None:
    y, guess = _year(mt, inf)
    if y is None:
        return None
    v = _ymd(y, _mnum(mt.group("m")), int(mt.group("d")))
    return DateValue({"when": v}, guess) if v else None


def _day_range(mt: re.Match[str], inf: int | None) -> DateValue | None:
    y, guess = _year(mt, inf)
    if y is None:
        return None
    m = _mnum(mt.group("m"))
    a, b = _ymd(y, m, int(mt.group("d"))), _ymd(y, m, int(mt.group("d2")))
    if not (a and b) or a >= b:
        return None
    return DateValue({"from": a, "to": b}, guess)


def _month(mt: re.Match[str], inf: int | None) -> DateValue | None:
    y, guess = _year(mt, inf)
    if y is None:
        return None
    return DateValue({"when": _ym(y, _mnum(mt.group("m")))}, guess)


def _part_year(mt: re.Match[str], inf: int | None) -> DateValue | None:
    return DateValue(_part_of_year(mt.group("part"), int(mt.group("y"))))


def _part_month(mt: re.Match[str], inf: int | None) -> DateValue | None:
    y, guess = _year(mt, inf)
    if y is None:
        return None
    return DateValue(_part_of_month(mt.group("part"), y, _mnum(mt.group("m"))), guess)


def _year_range(mt: re.Match[str], inf: int | None) -> DateValue | None:
    a, b = mt.group("y"), mt.group("y2")
    if len(b) == 2:
        b = a[:2] + b
    if int(b) <= int(a):
        return None
    return DateValue({"from": a, "to": b})


def _decade(mt: re.Match[str], inf: int | None) -> DateValue | None:
    base = int(mt.group("dec")) * 10
    a, b = _PART_DECADE.get((mt.group("part") or "").lower().rstrip("-"), (0, 9))
    return DateValue({"notBefore": f"{base + a:04d}", "notAfter": f"{base + b:04d}"})


def _bare_year(mt: re.Match[str], inf: int | None) -> DateValue | None:
    return DateValue({"when": mt.group("y")})


PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"\b[Tt]he\s+(?P<d1>\d{{1,2}}){_ORD}\s+and\s+(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD}\s+of\s+{_M}"
                rf"(?:\s*,?\s*{_Y})?"), _two_days),
    (re.compile(rf"\b[Tt]he\s+{_D}{_ORD}\s+of\s+{_M}(?:\s*,?\s*{_Y})?"), _day),
    (re.compile(rf"\b{_M}\s+{_D}{_DASH}(?P<d2>[12]\d|3[01]|0?[1-9])(?!\d)(?:\s*,?\s*{_Y})?"), _day_range),
    (re.compile(rf"\b{_M}\s+{_D}(?:\s*,\s*|\s+){_Y}"), _day),
    (re.compile(rf"(?<![\w,.])(?P<d>[12]\d|3[01]|0?[1-9])\s+{_M}\s+{_Y}"), _day),
    (re.compile(rf"\b{_M}\s+{_D}\s+(?:of\s+)?that\s+year\b"), _day),
    (re.compile(rf"\b{_M}\s+{_D}(?!\s*[-–—]\s*\d|\s*,\s*\d)"), _day),
    (re.compile(rf"\b(?P<part>[Ee]arly|[Ll]ate)\s+in\s+{_Y}"), _part_year),
    (re.compile(rf"\b(?P<part>[Ee]arly|[Ll]ate)\s+{_Y}"), _part_year),
    (re.compile(rf"\b(?P<part>[Ee]arly|[Ll]ate)\s+(?:in\s+)?{_M}(?:\s+{_Y})?"), _part_month),
    (re.compile(rf"\b[Tt]he\s+(?P<part>beginning|start|middle|end)\s+of\s+{_Y}"), _part_year),
    (re.compile(rf"\b[Tt]he\s+(?P<part>beginning|start|middle|end)\s+of\s+{_M}(?:\s+{_Y})?"), _part_month),
    (re.compile(rf"\b{_M}\s+{_Y}"), _month),
    (re.compile(rf"\b{_M}\s+(?:of\s+)?that\s+year\b"), _month),
    (re.compile(rf"{_Y}{_DASH}(?P<y2>1[5-9]\d\d|20\d\d|\d\d)(?![\w%])"), _year_range),
    (re.compile(r"\b[Tt]he\s+(?:(?P<part>[Ee]arly|[Ll]ate|[Mm]id-?)\s*)?(?P<dec>1[5-9]\d|20\d)0s\b"), _decade),
    (YEAR_RE, _bare_year),
    (re.compile(rf"\b{_M}"), _month),
]


def explicit_years(text: str) -> list[tuple[int, int]]:
    """(position, year) of every explicit year in a block's reading text."""
    return [(mt.start(), int(mt.group("y"))) for mt in YEAR_RE.finditer(text)]


def is_editorial(block: etree._Element) -> bool:
    el: etree._Element | None = block
    while el is not None:
        if el.tag == tei("note") and el.get("type") == "editorial":
            return True
        el = el.getparent()
    return False


def find_dates(fb: FlatBlock, year_before: Callable[[int, int], int | None]) -> list[tuple[int, int, DateValue]]:
    """Non-overlapping date expressions in a block, longest first, none touching protected text."""
    found: list[tuple[int, int, DateValue]] = []
    for regex, handler in PATTERNS:
        for mt in regex.finditer(fb.text):
            s, e = mt.span()
            if mt.group(0).strip() == "May" and not _MAY_BEFORE.search(fb.before(s)):
                continue
            value = handler(mt, year_before(s, e))
            if value is not None:
                found.append((s, e, value))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    chosen: list[tuple[int, int, DateValue]] = []
    for s, e, v in found:
        if fb.is_protected(s, e) or any(s < ce and cs < e for cs, ce, _ in chosen):
            continue
        chosen.append((s, e, v))
    chosen.sort(key=lambda t: t[0])
    return chosen


#: Years inside quotations belong to the quoted speaker's time, not the narrative's.
QUOTING = frozenset(tei(n) for n in ("q", "quote", "said", "cit"))


def tag_dates(blocks: list[etree._Element], rule: DateRule, text_id: str = "",
              overrides: Sequence[YearRule] = (), resp: str | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """Tag dates in all blocks (document order); return (added (iso, text), skipped contexts).

    In 'preceding' mode the year context is the last explicit year outside quotations and
    editorial notes; `overrides` (entities.toml [[dates.year]]) decide single cases.
    """
    added: list[tuple[str, str]] = []
    skipped: list[str] = []
    last_year: int | None = None
    for block in blocks:
        fb = flatten(block)
        years = [(p, y) for p, y in explicit_years(fb.text) if not fb.within(p, QUOTING)]
        carried = last_year

        def year_before(pos: int, end: int, years: list[tuple[int, int]] = years, carried: int | None = carried,
                        fb: FlatBlock = fb) -> int | None:
            for o in overrides:
                if o.applies(text_id, fb.text[pos:end], fb.before(pos)):
                    return o.year
            if rule.mode == "narrative":
                return rule.year
            prior = [y for p, y in years if p < pos]
            return prior[-1] if prior else carried

        found = find_dates(fb, year_before)
        done: list[tuple[str, str]] = []
        for s, e, value in reversed(found):
            attrs = dict(value.attrs)
            if value.inferred:
                attrs["cert"] = rule.cert
                attrs["evidence"] = "conjecture"
            if resp:
                attrs["resp"] = resp
            el = etree.Element(tei("date"), {k: v for k, v in attrs.items() if v})
            if wrap_span(fb, s, e, el):
                done.append((" ".join(f"{k}={v}" for k, v in value.attrs.items()), fb.text[s:e]))
            else:
                skipped.append(fb.text[max(0, s - 30): e + 30])
        added += reversed(done)
        if years and not is_editorial(block):
            last_year = years[-1][1]
    return added, skipped
