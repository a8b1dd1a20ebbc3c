"""`edition validate` on the command line: defaults, exit codes, formats, hostile input, build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.config import load_project
from edition.errors import EditionError
from edition.validate import validate, xml_model_pis
from edition.validate import grammar as grammar_mod
from edition.validate.stage import run as build_step

CASES = Path(__file__).resolve().parent / "cases"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+) \[(?P<rule>[a-z0-9-]+)\]$")
VALID_TEXT = CASES / "ref-resolves" / "valid-register-and-internal.xml"
REGISTER = CASES / "ref-resolves" / "register.xml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal edition project: one valid text and the register in tei/."""
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\ntei_dir = "tei"\nseeds_dir = "seeds"\n')
    (tmp_path / "tei").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(VALID_TEXT, tmp_path / "tei" / "text.xml")
    shutil.copy(REGISTER, tmp_path / "tei" / "register.xml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_default_is_the_whole_edition_and_valid(project: Path) -> None:
    r = _invoke()
    assert r.exit_code == 0
    assert r.stdout == "2 files: valid\n"
    assert r.stderr == ""


def test_invalid_edition_exit_1_with_precise_lines(project: Path) -> None:
    _break(project / "tei" / "text.xml", 'ref="#enver-hoxha"', 'ref="#enver-hoxa"')
    _break(project / "tei" / "text.xml", '<head>A section</head>', '<head>A <date when="1960-02-30">date</date></head>')
    r = _invoke()
    assert r.exit_code == 1
    assert r.stdout == "2 files: invalid (2 errors)\n"
    lines = r.stderr.splitlines()
    assert len(lines) == 2
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {m["rule"] for m in parsed if m} == {"ref-resolves", "date-iso"}
    assert all(m["path"] == "tei/text.xml" for m in parsed if m)
    assert '"#enver-hoxa"' in r.stderr and '"1960-02-30"' in r.stderr and 'did you mean "#enver-hoxha"' in r.stderr
    date_line = next(m for m in parsed if m and m["rule"] == "date-iso")
    text_line = (project / "tei" / "text.xml").read_text().splitlines()[int(date_line["line"]) - 1]
    assert text_line[int(date_line["col"]) - 1:].startswith("when=")


def test_warnings_do_not_fail(project: Path) -> None:
    _break(project / "tei" / "text.xml", 'xml:id="tst-s1-p1"', 'xml:id="p1"')
    r = _invoke()
    assert r.exit_code == 0
    assert r.stdout == "2 files: valid (1 warning)\n"
    assert ": warning: " in r.stderr and r.stderr.rstrip().endswith("[id-prefix]")


def test_cross_file_duplicate_id(project: Path) -> None:
    shutil.copy(project / "tei" / "text.xml", project / "tei" / "copy.xml")
    r = _invoke()
    assert r.exit_code == 1
    assert "[id-unique]" in r.stderr
    assert "already used in tei/text.xml" in r.stderr or "already used in tei/copy.xml" in r.stderr


def test_named_files_and_directories(project: Path) -> None:
    r = _invoke("tei/text.xml")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "1 file: valid\n", "")
    r = _invoke("tei")
    assert (r.exit_code, r.stdout) == (0, "2 files: valid\n")
    r = _invoke("tei/text.xml", "./tei/text.xml", "tei")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "2 files: valid\n", "")


def test_json_format(project: Path) -> None:
    _break(project / "tei" / "text.xml", "<choice>", "<choice>") if "<choice>" in (project / "tei" / "text.xml").read_text() else None
    _break(project / "tei" / "text.xml", '<head>A section</head>', '<head>A <foreign>x</foreign></head>')
    r = _invoke("--format", "json")
    assert r.exit_code == 1 and r.stderr == ""
    data = json.loads(r.stdout)
    assert data["valid"] is False and data["status"] == 1 and data["errors"] == 1
    assert data["files"] == ["tei/register.xml", "tei/text.xml"]
    (d,) = data["diagnostics"]
    assert d["rule"] == "foreign-lang" and d["path"] == "tei/text.xml" and d["line"] > 1 and d["column"] > 1


def test_junit_format(project: Path) -> None:
    _break(project / "tei" / "text.xml", '<head>A section</head>', '<head>A <foreign>x</foreign></head>')
    r = _invoke("--format", "junit")
    assert r.exit_code == 1
    root = etree.fromstring(r.stdout.encode())
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == ["foreign-lang"]


def test_github_format(project: Path) -> None:
    _break(project / "tei" / "text.xml", '<head>A section</head>', '<head>A <foreign>x</foreign></head>')
    r = _invoke("--format", "github")
    assert r.exit_code == 1
    first = r.stdout.splitlines()[0]
    assert re.match(r"^::error file=tei/text\.xml,line=\d+,col=\d+,title=foreign-lang::<foreign> needs", first)


def test_usage_errors_exit_2(project: Path) -> None:
    r = _invoke("--format", "yaml")
    assert r.exit_code == 2 and "yaml" in r.stderr
    r = _invoke("tei/nope.xml")
    assert r.exit_code == 2
    assert r.stderr.strip() == "tei/nope.xml:1:1: error: no such file [xml-unreadable]"
    for p in (project / "tei").glob("*.xml"):
        p.unlink()
    r = _invoke()
    assert r.exit_code == 2 and "no TEI files" in r.stderr


def test_not_xml_exit_2_with_parser_position(project: Path) -> None:
    (project / "tei" / "broken.xml").write_text('<?xml version="1.0"?>\n<TEI>\n  <p>unclosed\n</TEI>\n')
    r = _invoke("tei/broken.xml")
    assert r.exit_code == 2
    (line,) = r.stderr.splitlines()
    m = LINE.match(line)
    assert m and m["path"] == "tei/broken.xml" and m["rule"] == "xml-unreadable" and int(m["line"]) >= 3
    assert "Traceback" not in r.output


SECRET = "TOP-SECRET-MARKER-4711"


@pytest.mark.parametrize("payload", [
    '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>',
    '<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
    '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
    '<TEI xmlns="http://www.tei-c.org/ns/1.0">&d;&d;&d;&d;&d;&d;&d;&d;</TEI>',
    '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/evil.dtd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
], ids=["xxe-file", "parameter-entity", "billion-laughs", "external-dtd"])
def test_hostile_xml_refused_exit_2(project: Path, payload: str) -> None:
    secret = project / "secret.txt"
    secret.write_text(SECRET)
    (project / "tei" / "evil.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + payload.format(secret=secret))
    r = _invoke("tei/evil.xml")
    assert r.exit_code == 2
    assert SECRET not in r.output
    (line,) = r.stderr.splitlines()
    m = LINE.match(line)
    assert m and m["rule"] == "xml-unreadable" and "DOCTYPE" in m["msg"]


def test_xinclude_is_not_processed(project: Path) -> None:
    secret = project / "secret.txt"
    secret.write_text(SECRET)
    _break(project / "tei" / "text.xml", "<head>A section</head>",
           f'<head>A section <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" parse="text"/></head>')
    r = _invoke("tei/text.xml")
    assert r.exit_code == 1
    assert SECRET not in r.output
    assert "element <include> is not allowed here inside <head>" in r.stderr


def _hostile_corpus() -> list[Path]:
    return sorted((Path(__file__).resolve().parent / "fixtures" / "hostile").glob("*.xml"))


@pytest.mark.parametrize("case", _hostile_corpus(), ids=lambda p: p.name)
def test_hostile_corpus_gives_clear_lines(case: Path, project: Path) -> None:
    target = project / "tei" / case.name
    shutil.copy(case, target)
    r = _invoke(f"tei/{case.name}")
    assert r.exit_code in (1, 2), r.output
    assert "Traceback" not in r.output
    assert r.stderr and all(LINE.match(line) for line in r.stderr.splitlines()), r.stderr


def test_schema_compiled_once_per_process(project: Path) -> None:
    validate([project / "tei" / "text.xml"])
    before = grammar_mod.compiled.cache_info()
    validate([project / "tei" / "text.xml"])
    after = grammar_mod.compiled.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 1


def test_build_step_refuses_invalid_edition(project: Path) -> None:
    assert build_step(load_project()).lines[0] == "validate: 2 files: valid"
    _break(project / "tei" / "text.xml", 'ref="#enver-hoxha"', 'ref="#nobody"')
    with pytest.raises(EditionError) as exc:
        build_step(load_project())
    assert "not valid, so nothing is published" in str(exc.value) and "[ref-resolves]" in str(exc.value)


def test_build_has_validate_step_before_publishing() -> None:
    from edition.pipeline import NAMES as names

    assert "validate" in names
    assert all(names.index("validate") < names.index(n) for n in ("html", "pdf") if n in names)


def test_xml_model_pis(project: Path) -> None:
    text = project / "tei" / "text.xml"
    rng_pi, sch_pi = xml_model_pis(text)
    assert 'schematypens="http://relaxng.org/ns/structure/1.0"' in rng_pi
    assert 'schematypens="http://purl.oclc.org/dsdl/schematron"' in sch_pi
    for pi in (rng_pi, sch_pi):
        href = re.search(r'href="([^"]+)"', pi)
        assert href and (text.parent / href.group(1)).resolve().is_file()
    # A file carrying the PIs is still valid (PIs are outside the grammar).
    data = text.read_text().replace("<TEI ", "\n".join((rng_pi, sch_pi)) + "\n<TEI ", 1)
    text.write_text(data)
    assert _invoke("tei/text.xml").exit_code == 0


def test_xml_model_pis_in_project_tei_dir(repo_root: Path) -> None:
    rng_pi, sch_pi = xml_model_pis(repo_root / "tei" / "some-text.xml")
    assert 'href="schema/edition.rng"' in rng_pi and 'href="schema/edition.sch"' in sch_pi


def test_grammar_messages_name_what_is_allowed(project: Path) -> None:
    text = project / "tei" / "text.xml"
    _break(text, '<div type="section"', '<div type="chapitre"')
    _break(text, "<head>A section</head>", '<head>A section <milestone n="4"/> <hi colour="red">x</hi></head>')
    r = _invoke("tei/text.xml")
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert any('@type="chapitre" on <div> is not one of the allowed values: section, subsection, chapter' in x for x in lines)
    assert any("<milestone> lacks the required attribute @unit" in x for x in lines)
    assert any('attribute @colour="red" is not allowed on <hi> (allowed: ' in x for x in lines)


def test_many_problems_are_capped_and_counted(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break(project / "tei" / "text.xml", "<head>A section</head>",
           "<head>A section " + "<foreign>x</foreign>" * 7 + "</head>")
    r = _invoke("--max-errors", "3", "tei/text.xml")
    assert r.exit_code == 1
    lines = [x for x in r.stderr.splitlines() if x.endswith("[foreign-lang]")]
    assert len(lines) == 4
    assert sum("and 4 more problems of this kind in this file, not shown" in x for x in lines) == 1


def test_add_xml_model_pis_is_idempotent(project: Path) -> None:
    from edition.validate import add_xml_model_pis
    from edition.xmlio import parse_file, serialize_tei

    text = project / "tei" / "text.xml"
    tree = parse_file(text)
    assert add_xml_model_pis(tree, text) is True
    once = serialize_tei(tree.getroot())
    assert add_xml_model_pis(tree, text) is False
    assert serialize_tei(tree.getroot()) == once
    assert once.count(b"<?xml-model ") == 2 and once.index(b"edition.rng") < once.index(b"edition.sch") < once.index(b"<TEI")
    text.write_bytes(once)
    reparsed = parse_file(text)
    assert add_xml_model_pis(reparsed, text) is False
    assert _invoke("tei/text.xml").exit_code == 0


def test_the_register_of_events_is_validated_with_the_edition(project: Path) -> None:
    """editorial/events.xml (standOff/listEvent) is part of the edition: `edition validate` without arguments
    and the build's validate step check it, its @where against the register."""
    (project / "editorial").mkdir()
    events = project / "editorial" / "events.xml"
    shutil.copy(CASES / "ref-kind" / "valid-event-where.xml", events)
    r = _invoke()
    assert (r.exit_code, r.stdout) == (0, "3 files: valid\n")
    assert build_step(load_project()).lines[0] == "validate: 3 files: valid"
    _break(events, 'where="#tirana"', 'where="#tiranа"')  # a Cyrillic а
    r = _invoke()
    assert r.exit_code == 1
    assert [m["rule"] for m in map(LINE.match, r.stderr.splitlines()) if m and m["path"].endswith("events.xml")] == ["ref-resolves"]
    with pytest.raises(EditionError) as exc:
        build_step(load_project())
    assert "events.xml" in str(exc.value) and "[ref-resolves]" in str(exc.value)
