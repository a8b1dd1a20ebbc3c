"""W3C/ISO 8601 dates as TEI's teidata.temporal.w3c allows them, checked against the calendar.

`parse_w3c(value)` returns the first and last day the value covers (for comparing ranges),
None for a valid value that names no calendar span (a time, --MM-DD), and raises ValueError
with a reason for an invalid value.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_TZ = r"(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)?"
_YEAR = r"-?(\d{4}|[1-9]\d{4,})"
_TIME = r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?|24:00:00(\.0+)?"
_FORMS = [
    ("year", re.compile(rf"(?P<y>{_YEAR}){_TZ}")),
    ("month", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d\d){_TZ}")),
    ("day", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d){_TZ}")),
    ("datetime", re.compile(rf"(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)T({_TIME}){_TZ}")),
    ("gmonth", re.compile(rf"--(?P<m>\d\d){_TZ}")),
    ("gmonthday", re.compile(rf"--(?P<m>\d\d)-(?P<d>\d\d){_TZ}")),
    ("gday", re.compile(rf"---(?P<d>\d\d){_TZ}")),
    ("time", re.compile(rf"({_TIME}){_TZ}")),
]

EXPECTED = "an ISO 8601 date such as 1960, 1960-02 or 1960-02-14 (or --02-14, or a dateTime 1960-02-14T10:30:00)"


def _check_md(y: int | None, m: int | None, d: int | None) -> None:
    if m is not None and not 1 <= m <= 12:
        raise ValueError(f"there is no month {m:02d}")
    if d is not None:
        last = calendar.monthrange(y if y is not None else 2000, m or 1)[1] if m is not None else 31
        if not 1 <= d <= last:
            where = f"{calendar.month_name[m]} {y}" if (m and y is not None) else (calendar.month_name[m] if m else "a month")
            raise ValueError(f"there is no day {d:02d} in {where}")


def parse_w3c(value: str) -> tuple[date, date] | None:
    """(first day, last day) covered by `value`; None if it covers no datable span."""
    for form, rx in _FORMS:
        mt = rx.fullmatch(value)
        if not mt:
            continue
        g = mt.groupdict()
        y = int(g["y"]) if g.get("y") else None
        if y == 0 or (g.get("y") or "").startswith("-0000"):
            raise ValueError("there is no year 0000 in ISO 8601 as XML Schema 1.0 reads it")
        m = int(g["m"]) if g.get("m") else None
        d = int(g["d"]) if g.get("d") else None
        _check_md(y, m, d)
        if y is None or y < 1 or y > 9999:
            return None
        if form == "year":
            return date(y, 1, 1), date(y, 12, 31)
        if form == "month":
            assert m is not None
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        assert m is not None and d is not None
        return date(y, m, d), date(y, m, d)
    raise ValueError(f"not {EXPECTED}")
