"""Bounded work: validate stops after N errors per file ("and M more") without running the
quadratic RELAX NG pass on a flood of errors; convert refuses TEI larger than validate accepts and
joins trees in linear time. Speed itself is measured in bench/ (validate_errors_bench.py), not here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition import xmlio
from edition.cli import main
from edition.validate.documents import load
from edition.validate.grammar import check_grammar, schema, schema_info, schema_path

_spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("hostile_corpus", corpus)
_spec.loader.exec_module(corpus)

TEI_NS = "http://www.tei-c.org/ns/1.0"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt>"
          "<sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>")


def _flood(path: Path, item: str, n: int) -> Path:
    path.write_text(f'<TEI xmlns="{TEI_NS}" xml:id="f" xml:lang="en">{HEADER}<text><body>{item * n}</body></text></TEI>\n')
    return path


class _NoRelaxNG:
    """Stands in for the compiled schema: the flood must be reported without running it."""

    def validate(self, tree: object) -> bool:
        raise AssertionError("RELAX NG ran on a file whose pre-check alone exceeded the limit")


@pytest.mark.parametrize("item,what", [("<p><bogus/></p>\n", "element <bogus> is not allowed here inside <p>"),
                                       ("<p><div/></p>\n", "element <div> is not allowed here inside <p>"),
                                       ('<p foo="1">x</p>\n', "attribute @foo=\"1\" is not allowed on <p>")])
def test_a_flood_of_errors_is_capped_without_relaxng(tmp_path: Path, item: str, what: str) -> None:
    doc = load(_flood(tmp_path / "f.xml", item, 5000))
    rng_file = schema_path()
    found = check_grammar(doc, _NoRelaxNG(), schema_info(str(rng_file)), 50, rng_file)  # type: ignore[arg-type]
    assert len(found) == 51
    assert all(what in d.message for d in found[1:50]), found[1].message
    assert found[-1].message.startswith("and 4951 more grammar errors in this file, not shown (stopped after 50")


def test_few_errors_still_get_relaxng_messages(tmp_path: Path) -> None:
    doc = load(_flood(tmp_path / "f.xml", "<p><bogus/></p>\n", 3))
    rng_file = schema_path()
    found = check_grammar(doc, schema(), schema_info(str(rng_file)), 50, rng_file)
    assert [d.message for d in found if "bogus" in d.message] == ["element <bogus> is not allowed here inside <p>"] * 3


class _Counting:
    """The compiled schema, counting whole-document validations and the widest parent each one saw."""

    def __init__(self, rng: etree.RelaxNG) -> None:
        self.rng, self.runs, self.widest = rng, 0, 0

    def validate(self, tree: etree._ElementTree) -> bool:
        self.runs += 1
        self.widest = max(self.widest, max(len(e) for e in tree.getroot().iter()))
        return self.rng.validate(tree)

    @property
    def error_log(self) -> object:
        return self.rng.error_log


def test_an_order_flood_among_many_siblings_is_validated_in_windows(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors the pre-check cannot see (allowed elements in a refused order) among many siblings: RELAX NG
    runs on the skeleton and on windows of the long run, never on the whole run (quadratic through lxml),
    and reports the same errors, in document order; the tree is left as it was."""
    from edition.validate import windows

    monkeypatch.setattr(windows, "WIDE", 40)
    monkeypatch.setattr(windows, "WINDOW", 25)
    monkeypatch.setattr(windows, "FULL_CHECK", 10)
    path = _flood(tmp_path / "f.xml", "<div><p>x</p><head>h</head></div>\n<div><p>ok</p></div>\n", 150)
    doc = load(path)
    before = etree.tostring(doc.tree)
    rng_file = schema_path()
    counting = _Counting(schema())
    found = check_grammar(doc, counting, schema_info(str(rng_file)), 1000, rng_file)  # type: ignore[arg-type]
    assert etree.tostring(doc.tree) == before
    assert counting.runs == 1 and counting.widest <= 2 * windows.FRAME  # the skeleton; windows run on the parent alone
    heads = [d for d in found if d.message == "element <head> is not allowed here inside <div>"]
    assert len(heads) == 150 and [d.line for d in heads] == [1 + 2 * i for i in range(150)]
    monkeypatch.setattr(windows, "WIDE", 10**9)  # the whole document at once: the same findings
    assert check_grammar(load(path), schema(), schema_info(str(rng_file)), 1000, rng_file) == found


def test_a_valid_file_with_a_long_run_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition.validate import windows

    monkeypatch.setattr(windows, "WIDE", 40)
    path = _flood(tmp_path / "f.xml", "<div><head>h</head><p>x</p></div>\n", 300)
    rng_file = schema_path()
    found = check_grammar(load(path), schema(), schema_info(str(rng_file)), 1000, rng_file)
    assert [d.message for d in found] == ["element <p> is not allowed here inside <publicationStmt>"]  # the header's


def test_the_precheck_finds_nothing_in_the_edition(repo_root: Path) -> None:
    """Necessary conditions only: no finding in any valid file of the project."""
    from edition.validate import prescreen

    rng_file = schema_path()
    model = prescreen.model(str(rng_file), rng_file.stat().st_mtime_ns)
    assert model is not None
    files = [*repo_root.glob("tei/*.xml"), *repo_root.glob("tests/cases/*/valid-*.xml")]
    assert files
    for f in files:
        assert list(prescreen.findings(xmlio.parse_file(f).getroot(), model)) == [], f


def test_validate_cli_caps_per_file_and_says_how_many_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _flood(tmp_path / "f.xml", "<p><bogus/></p>\n", 3000)
    result = CliRunner().invoke(main, ["validate", "--max-errors", "20", "f.xml"], catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) <= 20 + 5, len(lines)
    assert any("and 2981 more grammar errors" in ln or "more errors in this file" in ln for ln in lines), lines[-3:]


def test_max_errors_from_the_project_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.edition]\nmax_errors = 5\n")
    _flood(tmp_path / "f.xml", "<p><bogus/></p>\n", 300)
    result = CliRunner().invoke(main, ["validate", "f.xml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "stopped after 5" in result.stderr and len(result.stderr.splitlines()) < 15


# --- convert: output bounded, linear -----------------------------------------------------

def test_convert_refuses_tei_larger_than_validate_accepts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          repo_root: Path) -> None:
    proj = corpus.make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    (proj / "seeds" / "lines.txt").write_text("Author\nBook\nTitle\n\n" + "A short line.\n\n" * 2000 + "Notes\n")
    monkeypatch.setattr(xmlio, "MAX_XML_BYTES", 50_000)
    result = CliRunner().invoke(main, ["convert", "seeds/lines.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "larger than validate and publish accept" in result.stderr and "split the seed" in result.stderr
    assert not (proj / "tei" / "lines.xml").exists()


def test_append_subtree_keeps_ids_and_attribute_order() -> None:
    xid = "{http://www.w3.org/XML/1998/namespace}id"
    body = etree.fromstring(f'<body xmlns="{TEI_NS}"><p n="1" xml:id="a" rend="x"/><p xml:id="b"/></body>')
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    xmlio.append_subtree(root, body)
    assert etree.tostring(root) == (f'<TEI xmlns="{TEI_NS}"><body><p n="1" xml:id="a" rend="x"/><p xml:id="b"/>'
                                    "</body></TEI>").encode()
    assert root.getroottree().getroot().xpath("//*[@xml:id='b']") and [p.get(xid) for p in root.iter(f"{{{TEI_NS}}}p")] == ["a", "b"]


def test_seed_limit_keeps_tei_within_the_xml_limit() -> None:
    """One size story: the largest seed converts to TEI (at most ~2.6 × its size) within what validate accepts."""
    from edition.convert.seed import MAX_SEED_BYTES

    assert MAX_SEED_BYTES * 2.6 <= xmlio.MAX_XML_BYTES


# --- publishing: html and pdf refuse, before anything is written, what would exceed 1 GB ----------

@pytest.mark.parametrize("command,limit,count", [("html", "tags", 0), ("html", "bytes", 1), ("pdf", "tags", 0),
                                                 ("pdf", "bytes", 1)])
def test_publishing_limit_refuses_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, limit: str,
                                          count: int) -> None:
    """A tiny limit (the real ones in publish.inputs.PUBLISH_LIMITS): one message naming the file, its count
    and the limit, exit 1, and nothing written: not the output directory, not a file in it."""
    from edition.publish import inputs

    proj = corpus.make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    text = sorted(p for p in (proj / "tei").glob("*.xml") if p.name != "register.xml")[0]
    data = text.read_bytes()
    tiny = (data.count(b"<") - 1, 10**9) if count == 0 else (10**9, len(data) - 1)
    monkeypatch.setitem(inputs.PUBLISH_LIMITS, command, tiny)
    before = corpus.snapshot(proj)
    result = CliRunner().invoke(main, [command, "-o", "out", str(text)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert "Traceback" not in result.output and len(message.splitlines()) == 1, message
    number = data.count(b"<") if limit == "tags" else len(data)
    assert str(text) in message and f"{number:,} {limit}" in message and f"at most {tiny[count]:,} {limit}" in message
    assert not (proj / "out").exists()
    assert corpus.snapshot(proj) == before


@pytest.mark.parametrize("command", ["html", "pdf"])
def test_publishing_limit_counts_the_whole_edition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """The edition (no FILE) is one publication: its texts and register count together; output/ stays untouched."""
    from edition.publish import inputs

    proj = corpus.make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    largest = max(p.read_bytes().count(b"<") for p in (proj / "tei").glob("*.xml"))
    monkeypatch.setitem(inputs.PUBLISH_LIMITS, command, (largest + 10, 10**9))  # each file passes, not all of them
    result = CliRunner().invoke(main, [command], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "with the documents before it" in result.stderr and f"at most {largest + 10:,} tags" in result.stderr
    assert not (proj / "output" / command).exists()


def test_publishing_limits_are_those_of_the_readme(repo_root: Path) -> None:
    from edition.publish.inputs import PUBLISH_LIMITS

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    for command, (tags, size) in PUBLISH_LIMITS.items():
        said = "corpus copies, at most" if command == "site pages" else f"`edition {command}`"
        assert f"{said} {tags:,} tags and {size // 1024 // 1024} MB" in readme, command
    assert f"{xmlio.MAX_MARKUP:,} tags" in readme


def test_enrich_refuses_a_flood_of_names_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """enrich tags at most MAX_NEW_NAMES names in a file per run (memory): beyond, one message, exit 1, the file as it was."""
    from edition.enrich import names

    proj = corpus.make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    target = proj / "tei" / "flood.xml"
    target.write_text(corpus.tei_doc("".join("<p>" + "Enver Hoxha and Moscow. " * 20 + "</p>" for _ in range(5))))
    before = target.read_bytes()
    monkeypatch.setattr(names, "MAX_NEW_NAMES", 30)
    result = CliRunner().invoke(main, ["enrich", str(target)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"{target}: more than 30 names to tag in one file" in result.stderr and "Traceback" not in result.output
    assert target.read_bytes() == before
