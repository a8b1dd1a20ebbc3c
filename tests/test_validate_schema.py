"""The ODD is the single source: RNG and Schematron regenerate identically, TEI subset, rules in sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, isoschematron

from edition.errors import EditionError
from edition.validate import RULES, validate
from edition.validate.odd import RNG_NS, build_rng, build_sch, generate, load_odd
from edition.validate.oddhtml import content_expression, odd_data, odd_html
from edition.xmlio import TEI_NS, parse_file

SCHEMA = Path(__file__).resolve().parent.parent / "tei" / "schema"
EG_NS = "http://www.tei-c.org/ns/Examples"
_R = f"{{{RNG_NS}}}"


@pytest.fixture(scope="module")
def odd():  # type: ignore[no-untyped-def]
    return load_odd(SCHEMA / "edition.odd")


def test_committed_rng_and_sch_are_generated_from_the_odd(odd) -> None:  # type: ignore[no-untyped-def]
    assert (SCHEMA / "edition.rng").read_bytes() == build_rng(odd), "run: python -m edition.validate.odd"
    assert (SCHEMA / "edition.sch").read_bytes() == build_sch(odd), "run: python -m edition.validate.odd"


def test_generation_is_idempotent(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in generate(SCHEMA / "edition.odd", tmp_path)]
    again = [p.read_bytes() for p in generate(SCHEMA / "edition.odd", tmp_path)]
    assert first == again and all(first)


def test_the_odd_is_valid_tei(tei_all: etree.RelaxNG) -> None:
    tree = parse_file(SCHEMA / "edition.odd")
    assert tei_all.validate(tree), str(tei_all.error_log)


def _rng_sets(path: Path) -> dict[str, dict[str, set[str] | None]]:
    """element → attribute → closed values (None for a datatype), read back from the RNG."""
    root = parse_file(path).getroot()
    defines = {d.get("name"): d for d in root.iter(f"{_R}define")}
    out: dict[str, dict[str, set[str] | None]] = {}

    def atts(node: etree._Element, acc: dict[str, set[str] | None], seen: set[str]) -> None:
        for a in node.iter(f"{_R}attribute"):
            values = {v.text or "" for v in a.iter(f"{_R}value")}
            acc[a.get("name", "")] = values or None
        for ref in node.iter(f"{_R}ref"):
            name = ref.get("name", "")
            if name.endswith(".attributes") and name not in seen:
                seen.add(name)
                atts(defines[name], acc, seen)

    for el in root.iter(f"{_R}element"):
        acc: dict[str, set[str] | None] = {}
        atts(el, acc, set())
        out[el.get("name", "")] = acc
    return out


def test_rng_has_exactly_the_odds_elements_attributes_and_values(odd) -> None:  # type: ignore[no-untyped-def]
    rng = _rng_sets(SCHEMA / "edition.rng")
    assert set(rng) == set(odd.elements)
    for ident in odd.elements:
        expected = {a.ident: (set(a.values) or None) for a in odd.attributes_of(ident)}
        assert rng[ident] == expected, ident


def test_closed_value_lists_cover_the_key_attributes(odd) -> None:  # type: ignore[no-untyped-def]
    closed = {(e, a.ident) for e in odd.elements for a in odd.attributes_of(e) if a.values}
    for pair in [("div", "type"), ("note", "type"), ("note", "place"), ("date", "cert"),
                 ("milestone", "unit"), ("persName", "type"), ("idno", "type"), ("place", "type"), ("org", "type")]:
        assert pair in closed, pair


def test_rule_ids_in_odd_match_the_validator(odd) -> None:  # type: ignore[no-untyped-def]
    assert {r.ident: r.severity for r in odd.rules} == {r.ident: r.severity for r in RULES.values()}


def test_every_element_has_a_description_and_an_example(odd) -> None:  # type: ignore[no-untyped-def]
    in_examples: set[str] = set()
    for eg in odd.tree.iter(f"{{{EG_NS}}}egXML"):
        in_examples |= {etree.QName(e).localname for e in eg.iter() if isinstance(e.tag, str)} - {"egXML"}
    for ident, spec in odd.elements.items():
        assert "".join(spec.find(f"{{{TEI_NS}}}desc").itertext()).strip(), ident
    assert set(odd.elements) <= in_examples, set(odd.elements) - in_examples
    assert in_examples <= set(odd.elements), in_examples - set(odd.elements)


def test_generator_refuses_an_inconsistent_odd(tmp_path: Path) -> None:
    text = (SCHEMA / "edition.odd").read_text(encoding="utf-8")
    bad = tmp_path / "bad.odd"
    bad.write_text(text.replace('<elementRef key="titlePart" maxOccurs="unbounded"/>',
                                '<elementRef key="subtitle" maxOccurs="unbounded"/>', 1), encoding="utf-8")
    with pytest.raises(EditionError, match="'subtitle' is not specified"):
        load_odd(bad)
    bad.write_text(text.replace('<valList type="closed">', '<valList type="open">', 1), encoding="utf-8")
    with pytest.raises(EditionError, match="must be type=\"closed\""):
        load_odd(bad)


def test_html_description(odd) -> None:  # type: ignore[no-untyped-def]
    fragment = odd_html(SCHEMA / "edition.odd")
    root = etree.fromstring(fragment.encode("utf-8"))
    assert root.get("class") == "encoding-description"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert {f"el-{e}" for e in odd.elements} <= ids
    assert {f"rule-{r}" for r in RULES} <= ids
    assert "<script" not in fragment
    data = odd_data(odd)
    note = next(e for e in data["elements"] if e["ident"] == "note")
    assert {"authorial", "editorial"} <= set(next(a for a in note["attributes"] if a["name"] == "type")["values"])
    assert content_expression(odd.elements["docTitle"].find(f"{{{TEI_NS}}}content")) == "titlePart+"


# ---- the edition's own TEI (and the converters' output) against both schemas

def _edition_files(repo_root: Path) -> list[Path]:
    return sorted((repo_root / "tei").glob("*.xml"))


def test_edition_tei_is_valid_and_tei_all_valid(repo_root: Path, tei_all: etree.RelaxNG) -> None:
    files = _edition_files(repo_root)
    assert len(files) >= 3, files  # both texts and the register
    result = validate(files, seeds_dirs=[repo_root / "seeds"])
    assert [d.text() for d in result.diagnostics if d.severity == "error"] == []
    for f in files:
        assert tei_all.validate(parse_file(f)), f"{f}: {tei_all.error_log}"


def test_converter_output_is_valid(repo_root: Path, tmp_path: Path, tei_all: etree.RelaxNG,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from edition import convert
    from edition.config import load_project

    project = load_project(repo_root)
    outs = [Path(convert.convert_seed(project, project.seeds_dir / m.seed, profile=m.profile,
                                      out_dir=tmp_path).target) for m in project.texts]
    register = repo_root / "tei" / "register.xml"
    result = validate(outs, register=register if register.exists() else None, seeds_dirs=[project.seeds_dir])
    assert [d.text() for d in result.diagnostics if d.severity == "error"] == []
    for f in outs:
        assert tei_all.validate(parse_file(f)), f"{f}: {tei_all.error_log}"
    if not register.exists():
        return
    # ... and after the enrich stage (names, dates, foreign words linked to the register).
    from click.testing import CliRunner

    from edition.cli import main

    monkeypatch.chdir(repo_root)
    enriched = CliRunner().invoke(main, ["enrich", *map(str, outs), "--register", str(register)])
    assert enriched.exit_code == 0, enriched.output[-300:]
    result = validate(outs, register=register, seeds_dirs=[project.seeds_dir])
    assert [d.text() for d in result.diagnostics if d.severity == "error"] == []
    assert any(d.rule == "ref-resolves" for d in validate(outs, register=None).diagnostics), "names are linked"
    sch = isoschematron.Schematron(parse_file(SCHEMA / "edition.sch"), store_report=True)
    for f in [*outs, register]:
        assert tei_all.validate(parse_file(f)), f"{f}: {tei_all.error_log}"
        sch.validate(parse_file(f))
        failed = ["".join(x.itertext()) for x in sch.validation_report.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert")]
        assert failed == [], f"{f}: the editor's Schematron disagrees with edition validate: {failed[:3]}"
