"""Hostile XML: entities (file, http, parameter), expansion bombs, DOCTYPEs, XInclude, PIs,
deep nesting, huge text, oversized files — through the parser and through every command
that reads TEI. Nothing is expanded or fetched, nothing local leaks, every refusal is one
clear message (exit 1 or 2, no traceback), and each run ends in bounded time.

The corpus is tests/fixtures/hostile/ (see corpus.py there); `python
tests/fixtures/hostile/corpus.py` prints the same sweep as a report.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.errors import EditionError
from edition.xmlio import check_tei, parse_bytes, parse_file

_spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules["hostile_corpus"] = corpus
_spec.loader.exec_module(corpus)

STATIC = corpus.static_cases()
GENERATED = corpus.generated_cases()
ALL = {**STATIC, **GENERATED}

# What the parser must do with each case. "doctype": refused before parsing, naming line:col;
# "syntax": refused as not well-formed / not UTF-8 with line:col; "empty"/"size"/"limit": refused;
# "outline": parses but is not a TEI document; "ok": accepted (neutralised: nothing expanded).
EXPECT = {
    "billion-laughs-attribute.xml": "doctype",
    "billion-laughs.xml": "doctype",
    "binary-png.xml": "syntax",
    "comment-mentions-doctype.xml": "ok",
    "css-url-fetch.xml": "ok",
    "doctype-after-comment.xml": "doctype",
    "doctype-internal-subset-attlist.xml": "doctype",
    "empty.xml": "empty",
    "encoding-invalid-utf8.xml": "syntax",
    "encoding-latin1-declared.xml": "syntax",
    "encoding-utf16.xml": "syntax",
    "entity-loop.xml": "doctype",
    "external-dtd-public.xml": "doctype",
    "external-dtd-system.xml": "doctype",
    "missing-header.xml": "outline",
    "not-well-formed-bad-char-ref.xml": "syntax",
    "not-well-formed-unclosed.xml": "syntax",
    "processing-instructions.xml": "ok",
    "undefined-entity.xml": "syntax",
    "utf8-bom-crlf-ok.xml": "ok",
    "whitespace-only.xml": "empty",
    "wrong-namespace.xml": "outline",
    "wrong-root.xml": "outline",
    "xinclude-file-text.xml": "ok",
    "xinclude-file-xml.xml": "ok",
    "xinclude-http.xml": "ok",
    "xsi-schema-location.xml": "ok",
    "xslt-reachability-urls.xml": "ok",
    "xxe-file-entity-in-attribute.xml": "doctype",
    "xxe-file-entity.xml": "doctype",
    "xxe-http-entity.xml": "doctype",
    "xxe-parameter-entity-oob.xml": "doctype",
    "xxe-parameter-entity.xml": "doctype",
    "gen-deep-nesting-100000.xml": "syntax",
    "gen-large-text-node-20MB.xml": "syntax",
    "gen-quadratic-blowup.xml": "doctype",
    "gen-many-attributes.xml": "limit",
    "gen-namespace-flood.xml": "limit",
    "gen-oversized-file-40MB.xml": "size",
}
LINE_COL = r":\d+:\d+: "


def test_every_case_has_an_expectation() -> None:
    assert sorted(EXPECT) == sorted(ALL)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    with corpus.http_recorder() as rec:
        yield rec


@pytest.fixture(scope="module")
def marker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.write_marker(tmp_path_factory.mktemp("secret"))


def test_the_recorder_would_see_a_fetch(server: tuple[str, list[str]]) -> None:
    """The no-fetch assertions below can fail: a real request is recorded."""
    import urllib.request

    base, requests = server
    before = len(requests)
    with urllib.request.urlopen(f"{base}/probe", timeout=5) as resp:
        assert corpus.SECRET in resp.read().decode()
    assert requests[before:] == ["GET /probe"]


@pytest.mark.parametrize("case", sorted(ALL))
def test_parser_refuses_or_neutralises(case: str, marker: Path, server: tuple[str, list[str]], tmp_path: Path) -> None:
    base, requests = server
    before = len(requests)
    data = corpus.fill(ALL[case], marker, base)
    path = tmp_path / case
    path.write_bytes(data)
    expect = EXPECT[case]
    if expect == "ok":
        tree = check_tei(parse_file(path), case)
        text = etree.tostring(tree, encoding="unicode")
        assert corpus.SECRET not in text
        # XInclude stays an inert element; PIs stay PIs (never followed)
        if "xinclude" in case:
            assert tree.xpath("//*[local-name()='include']")
    else:
        with pytest.raises(EditionError) as info:
            tree = parse_file(path)
            check_tei(tree, str(path))
        msg = str(info.value)
        assert msg.startswith(f"{path}:"), msg
        assert corpus.SECRET not in msg
        if expect in ("doctype", "syntax"):
            assert re.match(re.escape(str(path)) + LINE_COL, msg), msg
        if expect == "doctype":
            assert "DOCTYPE" in msg
    assert requests[before:] == []


def test_doctype_is_located_after_a_prolog() -> None:
    data = STATIC["doctype-after-comment.xml"]
    with pytest.raises(EditionError, match=r"^d\.xml:4:1: DOCTYPE"):
        parse_bytes(data, "d.xml")


def test_line_and_column_of_a_bad_byte_count_characters() -> None:
    data = "<p>\n  Ωé \xff</p>".encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    offset = data.index(b"\xff")  # 4 + 2 + 2 (Ω) + 2 (é) + 1 bytes; column 6 in characters
    with pytest.raises(EditionError, match=rf"^b\.xml:2:6: not UTF-8: byte 0xff at byte offset {offset};"):
        parse_bytes(data, "b.xml")


def test_limit_messages_say_what_the_limit_is() -> None:
    with pytest.raises(EditionError, match="nested more than 256 levels"):
        parse_bytes(GENERATED["gen-deep-nesting-100000.xml"], "deep.xml")
    with pytest.raises(EditionError, match="10 000 000 characters"):
        parse_bytes(GENERATED["gen-large-text-node-20MB.xml"], "big.xml")
    with pytest.raises(EditionError, match=r"^many\.xml:1: element <p> has 300000 attributes and namespace declarations; more than the limit of 200"):
        parse_bytes(GENERATED["gen-many-attributes.xml"], "many.xml")
    with pytest.raises(EditionError, match=r"^huge\.xml: 40000283 bytes; larger than the limit"):
        parse_bytes(GENERATED["gen-oversized-file-40MB.xml"], "huge.xml")
    with pytest.raises(EditionError, match=r"^ns\.xml:1: element <TEI> has 2000\d attributes and namespace"):
        parse_bytes(GENERATED["gen-namespace-flood.xml"], "ns.xml")


def test_utf8_bom_and_crlf_are_accepted() -> None:
    tree = parse_bytes(STATIC["utf8-bom-crlf-ok.xml"], "ok.xml")
    assert tree.getroot().xpath("string(//*[local-name()='body']/*[1])") == "ok"


# --- every command that reads TEI -------------------------------------------------------

COMMANDS = corpus.tei_commands()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.make_project(tmp_path_factory.mktemp("hostile-project") / "ed")


def _outputs(project: Path) -> dict[str, bytes]:
    skip = ("editorial/", "seeds/", "xslt/", "pyproject.toml")  # inputs, written by the test, included
    return {k: v for k, v in corpus.snapshot(project).items() if not k.startswith(skip)}


def test_the_sweep_covers_every_command_that_reads_tei() -> None:
    """The commands the sweep covers exist, and every command reading TEI files is among them."""
    from edition.cli import main

    assert set(COMMANDS) <= set(main.commands)
    assert {"validate", "html", "pdf", "enrich"} <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(STATIC))
def test_command_on_hostile_file(
    command: str, case: str, project: Path, marker: Path, server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process (fast): exit code, message, traceback, leak and fetch of each (command, case)."""
    base, requests = server
    before = len(requests)
    target = project / "hostile" / case
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(corpus.fill(STATIC[case], marker, base))
    monkeypatch.chdir(project)
    argv = corpus.command_argv(command, COMMANDS[command], target, project)
    result = CliRunner().invoke(__import__("edition.cli").cli.main, argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{command} {case}: uncaught {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    run = corpus.Run([], result.exit_code, result.stdout, result.stderr, 0.0)
    assert corpus.leaks(run, _outputs(project)) == []
    assert requests[before:] == []
    if EXPECT[case] != "ok":
        assert result.exit_code in (1, 2), f"{command} accepted {case}: {result.stdout}"
        assert case in result.stderr, result.stderr
        if EXPECT[case] in ("doctype", "syntax"):
            assert re.search(re.escape(case) + LINE_COL, result.stderr), result.stderr
    for out in project.glob("out-*"):
        import shutil

        shutil.rmtree(out)


RESOURCE_CASES = sorted(GENERATED) + ["billion-laughs.xml", "xxe-http-entity.xml", "xinclude-http.xml"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", RESOURCE_CASES)
def test_command_in_bounded_time(
    command: str, case: str, project: Path, marker: Path, server: tuple[str, list[str]]
) -> None:
    """As a separate process with a generous timeout: no hang, no traceback, no leak, no fetch."""
    base, requests = server
    before = len(requests)
    target = project / "hostile" / case
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(corpus.fill(ALL[case], marker, base))
    run = corpus.run_edition(corpus.command_argv(command, COMMANDS[command], target, project), cwd=project)
    assert run.code is not None, f"{command} {case}: still running after {corpus.TIMEOUT} s"
    assert not corpus.has_traceback(run), run.stderr
    assert corpus.leaks(run, _outputs(project)) == []
    assert requests[before:] == []
    if EXPECT[case] != "ok":
        assert run.code in (1, 2) and case in run.stderr, run.stderr
    target.unlink()


def test_build_with_a_hostile_register(project: Path, marker: Path, server: tuple[str, list[str]], tmp_path: Path) -> None:
    """`edition build` reads tei/register.xml (enrich, html): an XXE register is refused with
    a message naming it; nothing leaks into output/ and nothing is fetched."""
    base, requests = server
    before = len(requests)
    proj = corpus.make_project(tmp_path / "ed")
    register = proj / "tei" / "register.xml"
    register.parent.mkdir(exist_ok=True)
    register.write_bytes(corpus.fill(STATIC["xxe-file-entity.xml"], marker, base))
    run = corpus.run_edition(["build"], cwd=proj)
    assert run.code is not None
    assert not corpus.has_traceback(run), run.stderr
    assert corpus.leaks(run, _outputs(proj)) == []
    assert requests[before:] == []
    if run.code != 0:  # a build that reads the register must refuse it, by name
        assert run.code in (1, 2)
