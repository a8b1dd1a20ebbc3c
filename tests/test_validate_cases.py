"""Data-driven rule tests: tests/cases/<rule-id>/valid-*.xml pass, invalid-*.xml fail with that id.

A directory may hold a register.xml (the register pointers resolve into) and a seed.txt; they
are context, not cases. The grammar directory holds cases of the RELAX NG schema itself.
Valid cases must also be valid against the official tei_all (the schema is a TEI subset).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, isoschematron

from edition.validate import RULES, validate
from edition.validate.diagnostics import GRAMMAR
from edition.xmlio import parse_file

CASES = Path(__file__).resolve().parent / "cases"
ALL = sorted(p for p in CASES.glob("*/*.xml") if p.name.startswith(("valid-", "invalid-")))
VALID = [p for p in ALL if p.name.startswith("valid-")]
INVALID = [p for p in ALL if p.name.startswith("invalid-")]


def _ids(p: Path) -> str:
    return f"{p.parent.name}/{p.stem}"


def _run(case: Path):  # type: ignore[no-untyped-def]
    register = case.parent / "register.xml"
    return validate([case], register=register if register.exists() else None)


def test_every_rule_has_cases() -> None:
    # tests/cases/<rule>/ for the validation rules; tests/cases/render/ holds the rendering cases
    dirs = {p.name for p in CASES.iterdir() if p.is_dir()} - {"render"}
    assert dirs == set(RULES) | {GRAMMAR}
    for rule_id in dirs:
        names = [p.name for p in (CASES / rule_id).glob("*.xml")]
        assert any(n.startswith("valid-") for n in names), rule_id
        assert any(n.startswith("invalid-") for n in names), rule_id


@pytest.mark.parametrize("case", VALID, ids=_ids)
def test_valid_case_passes(case: Path) -> None:
    result = _run(case)
    assert [d.text() for d in result.diagnostics] == []
    assert result.status == 0


@pytest.mark.parametrize("case", INVALID, ids=_ids)
def test_invalid_case_fails_with_its_rule(case: Path) -> None:
    rule_id = case.parent.name
    result = _run(case)
    reported = {d.rule for d in result.diagnostics}
    assert reported == {rule_id}, [d.text() for d in result.diagnostics]
    severity = RULES[rule_id].severity if rule_id in RULES else "error"
    assert result.status == (1 if severity == "error" else 0)
    for d in result.diagnostics:
        assert d.path.endswith(case.name)
        assert d.line > 1 and d.col >= 1
        assert d.severity == severity


@pytest.mark.parametrize("case", VALID + sorted(CASES.glob("*/register.xml")), ids=_ids)
def test_valid_case_is_valid_tei_all(case: Path, tei_all: etree.RelaxNG) -> None:
    tree = parse_file(case)
    assert tei_all.validate(tree), str(tei_all.error_log)


# ---- the Schematron extracted from the ODD agrees with the Python rules on the cases it can see

SCH = Path(__file__).resolve().parent.parent / "tei" / "schema" / "edition.sch"


@pytest.fixture(scope="module")
def schematron() -> isoschematron.Schematron:
    return isoschematron.Schematron(parse_file(SCH), store_report=True)


def _sch_patterns() -> set[str]:
    root = parse_file(SCH).getroot()
    return {p.get("id", "") for p in root.iter("{http://purl.oclc.org/dsdl/schematron}pattern")}


def _failed(sch: isoschematron.Schematron, case: Path) -> set[str]:
    sch.validate(parse_file(case))
    texts = ["".join(f.itertext()) for f in sch.validation_report.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert")]
    return {t.rsplit("[", 1)[-1].rstrip("] \n") for t in texts}


@pytest.mark.parametrize("case", VALID, ids=_ids)
def test_schematron_passes_valid_cases(case: Path, schematron: isoschematron.Schematron) -> None:
    assert _failed(schematron, case) == set()


SCH_INVALID = [p for p in INVALID if p.parent.name in _sch_patterns()
               and "cross" not in p.name and "same-file" not in p.name]


@pytest.mark.parametrize("case", SCH_INVALID, ids=_ids)
def test_schematron_flags_invalid_cases(case: Path, schematron: isoschematron.Schematron) -> None:
    assert case.parent.name in _failed(schematron, case)


def test_schematron_covers_some_rules() -> None:
    assert {"choice-pair", "note-n-unique", "header-complete", "date-when-xor-range"} <= _sch_patterns()
    assert len(SCH_INVALID) >= 8
