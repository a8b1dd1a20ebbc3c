"""Date recognition and ISO 8601 normalisation, and the year-inference rules."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from edition.enrich.dates import tag_dates
from edition.enrich.rules import DateRule, YearRule
from edition.enrich.textmap import blocks_of
from edition.xmlio import TEI_NS

PRECEDING = DateRule("preceding", None, "medium")


def _doc(*paras: str) -> etree._Element:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return etree.fromstring(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body>{body}</body></text></TEI>')


def _dates(root: etree._Element) -> list[tuple[str, dict[str, str]]]:
    return [("".join(d.itertext()), dict(d.attrib)) for d in root.iter(f"{{{TEI_NS}}}date")]


@pytest.mark.parametrize(("text", "span", "attrs"), [
    ("in the 1955–1961 period", "1955–1961", {"from": "1955", "to": "1961"}),
    ("in the 1948–49 period", "1948–49", {"from": "1948", "to": "1949"}),
    ("founded in February 1960 as", "February 1960", {"when": "1960-02"}),
    ("liberation on November 29, 1944 the", "November 29, 1944", {"when": "1944-11-29"}),
    ("until March 5 , 1953 , when", "March 5 , 1953", {"when": "1953-03-05"}),
    ("on 29 November 1944 the", "29 November 1944", {"when": "1944-11-29"}),
    ("In the 1970s the alliance", "the 1970s", {"notBefore": "1970", "notAfter": "1979"}),
    ("up to the late 1950s but", "the late 1950s", {"notBefore": "1957", "notAfter": "1959"}),
    ("to Albania early in 1954 as", "early in 1954", {"notBefore": "1954-01", "notAfter": "1954-04"}),
    ("At the end of 1958 Comecon", "the end of 1958", {"notBefore": "1958-10", "notAfter": "1958-12"}),
    ("a loan in late 1957 for", "late 1957", {"notBefore": "1957-09", "notAfter": "1957-12"}),
])
def test_explicit_expressions(text: str, span: str, attrs: dict[str, str]) -> None:
    root = _doc(text)
    tag_dates(blocks_of(root), PRECEDING)
    assert _dates(root) == [(span, attrs)]


def test_inferred_year_from_the_most_recent_explicit_year() -> None:
    root = _doc("In May 1955 Khrushchev went to Belgrade.",
                "On May 25 a letter was sent; the October 1–21 meeting; the 28th and 29th of November.")
    tag_dates(blocks_of(root), PRECEDING)
    got = _dates(root)
    assert got[0] == ("May 1955", {"when": "1955-05"})
    conj = {"cert": "medium", "evidence": "conjecture"}
    assert got[1] == ("May 25", {"when": "1955-05-25", **conj})
    assert got[2] == ("October 1–21", {"from": "1955-10-01", "to": "1955-10-21", **conj})
    assert got[3] == ("the 28th and 29th of November", {"from": "1955-11-28", "to": "1955-11-29", **conj})


def test_month_day_that_year() -> None:
    root = _doc("In February 1961 the Congress met.", "On January 20 that year the Soviets announced it.")
    tag_dates(blocks_of(root), PRECEDING)
    assert _dates(root)[1] == ("January 20 that year",
                               {"when": "1961-01-20", "cert": "medium", "evidence": "conjecture"})


def test_years_in_quotations_do_not_move_the_context() -> None:
    root = _doc("In May 1955 it began. <q>“condemned by the 1948 resolution”</q> On May 25 a letter.")
    tag_dates(blocks_of(root), PRECEDING)
    assert ("May 25", {"when": "1955-05-25", "cert": "medium", "evidence": "conjecture"}) in _dates(root)


def test_narrative_year_rule() -> None:
    root = _doc("the Moscow Meeting in 1957. On November 25 we met; in the middle of June.")
    tag_dates(blocks_of(root), DateRule("narrative", 1960, "low"))
    got = dict(_dates(root))
    assert got["November 25"] == {"when": "1960-11-25", "cert": "low", "evidence": "conjecture"}
    assert got["the middle of June"]["notBefore"] == "1960-06-11"


def test_year_override_decides_a_single_case() -> None:
    root = _doc("a base at Vlora in 1952.", "A meeting held in June that year raised doubts.")
    rule = YearRule("sas", re.compile("^June that year$"), re.compile(r"held in\s*$"), 1953)
    tag_dates(blocks_of(root), PRECEDING, "sas", [rule])
    assert dict(_dates(root))["June that year"]["when"] == "1953-06"
    root = _doc("a base at Vlora in 1952.", "A meeting held in June that year raised doubts.")
    tag_dates(blocks_of(root), PRECEDING, "fbm", [rule])  # another text: the rule does not apply
    assert dict(_dates(root))["June that year"]["when"] == "1952-06"


def test_no_year_known_leaves_month_day_untagged_and_may_the_verb_alone() -> None:
    root = _doc("On June 21 they met. May the best win; it may rain.")
    tag_dates(blocks_of(root), PRECEDING)
    assert _dates(root) == []


def test_not_dates() -> None:
    root = _doc("Volume 19 of my Works; 20-25 km; 50,000 tons; 4.2 % and the 20th Congress; the 81 parties.")
    tag_dates(blocks_of(root), PRECEDING)
    assert _dates(root) == []


def test_existing_date_is_left_alone() -> None:
    root = _doc('in <date when="1960-02" resp="#hand">February 1960</date> and 1961')
    tag_dates(blocks_of(root), PRECEDING)
    assert _dates(root) == [("February 1960", {"when": "1960-02", "resp": "#hand"}), ("1961", {"when": "1961"})]
