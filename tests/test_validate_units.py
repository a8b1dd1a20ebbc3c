"""Units of the rules: ISO 8601 dates (W3C profile) and BCP 47 language tags."""

from __future__ import annotations

from datetime import date

import pytest

from edition.validate.bcp47 import bcp47_problem
from edition.validate.dates import parse_w3c


@pytest.mark.parametrize("value,span", [
    ("1960", (date(1960, 1, 1), date(1960, 12, 31))),
    ("1960-02", (date(1960, 2, 1), date(1960, 2, 29))),
    ("1961-02", (date(1961, 2, 1), date(1961, 2, 28))),
    ("1960-02-29", (date(1960, 2, 29), date(1960, 2, 29))),
    ("2000-02-29", (date(2000, 2, 29), date(2000, 2, 29))),
    ("1960-06-24T10:30:00Z", (date(1960, 6, 24), date(1960, 6, 24))),
    ("1960-06-24+01:00", (date(1960, 6, 24), date(1960, 6, 24))),
    ("--02-29", None),
    ("10:30:00", None),
    ("-0500", None),
])
def test_valid_dates(value: str, span: tuple[date, date] | None) -> None:
    assert parse_w3c(value) == span


@pytest.mark.parametrize("value,reason", [
    ("1961-02-29", "no day 29 in February 1961"),
    ("1900-02-29", "no day 29 in February 1900"),
    ("1960-04-31", "no day 31 in April 1960"),
    ("1960-13", "no month 13"),
    ("1960-00-10", "no month 00"),
    ("0000", "no year 0000"),
    ("60", "not an ISO 8601 date"),
    ("1960-2-3", "not an ISO 8601 date"),
    ("1960/02/03", "not an ISO 8601 date"),
    ("February 1960", "not an ISO 8601 date"),
    ("1960-02-03T25:00:00", "not an ISO 8601 date"),
    ("", "not an ISO 8601 date"),
])
def test_invalid_dates(value: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_w3c(value)


@pytest.mark.parametrize("tag", ["en", "ru", "sq", "fr", "sr-Latn", "en-GB", "zh-Hant-TW", "de-CH-1996", "es-419",
                                 "x-private", "en-x-edition", "i-klingon", "en-a-bbb-x-a-ccc", "und"])
def test_well_formed_tags(tag: str) -> None:
    assert bcp47_problem(tag) is None


@pytest.mark.parametrize("tag,reason", [
    ("", "empty"),
    ("english", "not a language subtag"),
    ("Russ", "not a language subtag"),
    ("en_GB", "'-', not '_'"),
    ("e", "not a BCP 47 language tag"),
    ("en-", "not a BCP 47 language tag"),
    ("en--GB", "not a BCP 47 language tag"),
    ("12", "not a BCP 47 language tag"),
    ("de-1996-1996", "variant subtag is repeated"),
    ("en-a-bbb-a-ccc", "singleton is repeated"),
    ("en-GB-toolongvariant", "not a BCP 47 language tag"),
])
def test_malformed_tags(tag: str, reason: str) -> None:
    problem = bcp47_problem(tag)
    assert problem is not None and reason in problem
