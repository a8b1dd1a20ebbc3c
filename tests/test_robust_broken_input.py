"""Broken seeds and broken TEI: one precise message (path:line or byte offset), exit 1 (2 for
usage), no traceback, and nothing written. Damage that can be read without loss (a heading
that never closes, UTF-8 BOM, CRLF) converts, with a warning where something was guessed.

Each broken seed is made from a copy of a real seed with one defect, so a failure points
at the defect and not at an unrelated part of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from edition.cli import main
from edition.config import load_project
from edition.convert.seed import read_seed
from edition.errors import EditionError


@pytest.fixture
def project(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (own pyproject.toml) so that unlisted seeds convert with derived metadata."""
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\ntei_dir = "tei"\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _seed_text(repo_root: Path, text_id: str) -> str:
    meta = load_project(repo_root).text_by_id(text_id)
    assert meta is not None
    return (repo_root / "seeds" / meta.seed).read_text(encoding="utf-8")


def _convert(project: Path, seed: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["convert", *extra, "-o", str(project / "out"), str(seed)])


def _written(project: Path) -> list[str]:
    return sorted(str(p.relative_to(project)) for p in (project / "out").rglob("*"))


def _assert_refused(result: Result, project: Path, pattern: str, code: int = 1) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert re.search(pattern, result.stderr), result.stderr
    assert _written(project) == [], "something was written although the conversion failed"


# --- bytes that are not a text ----------------------------------------------------------

BAD_BYTES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", r"the seed is empty"),
    "blank": (b" \r\n\t\n", r"the seed is empty"),
    "bom-only": (b"\xef\xbb\xbf\n", r"the seed is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r":3:1: byte offset 8: NUL byte; this is a binary file"),
    "latin-1": ("Enver Hoxha\n\nLa vérité\n".encode("latin-1"), r":3:5: byte offset 17: not UTF-8 \(byte 0xe9\)"),
    "utf-16": ("Enver Hoxha\n".encode("utf-16"), r":1:1: byte offset 0: UTF-16 byte-order mark"),
    "form-feed": (b"Page one\n\x0cPage two\n", r":2:1: byte offset 9: control character U\+000C"),
    "escape": ("= = Ω = =\n\x1b[31m\n".encode(), r":2:1: byte offset 11: control character U\+001B"),
}


@pytest.mark.parametrize("case", sorted(BAD_BYTES))
def test_bad_bytes_are_refused_with_offsets(case: str, project: Path) -> None:
    data, pattern = BAD_BYTES[case]
    seed = project / f"{case}.txt"
    seed.write_bytes(data)
    with pytest.raises(EditionError, match=re.escape(str(seed)) + r"(:| )" if case in ("empty", "blank", "bom-only") else None) as info:
        read_seed(seed)
    assert re.search(pattern, str(info.value)), str(info.value)
    for profile in ("auto", "memoir", "wikitext"):
        _assert_refused(_convert(project, seed, "--profile", profile), project, re.escape(str(seed)) + ".*" + pattern)


def test_a_directory_or_missing_seed_is_refused(project: Path) -> None:
    (project / "adir.txt").mkdir()
    _assert_refused(_convert(project, project / "adir.txt"), project, r"adir\.txt", code=2)
    _assert_refused(_convert(project, project / "missing.txt"), project, r"missing\.txt", code=2)


@pytest.mark.parametrize("text_id", ["sas", "fbm"])
def test_bom_and_crlf_read_as_the_original(text_id: str, repo_root: Path, project: Path) -> None:
    original = _seed_text(repo_root, text_id)
    seed = project / f"{text_id}-bom-crlf.txt"
    seed.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    assert read_seed(seed).text == original.replace("\r\n", "\n")
    assert read_seed(seed).raw == seed.read_bytes()  # kept as it is: the header's sha256 is of these bytes


def test_unknown_profile_is_a_usage_error(repo_root: Path, project: Path) -> None:
    seed = project / "fbm.txt"
    seed.write_text(_seed_text(repo_root, "fbm"), encoding="utf-8")
    result = _convert(project, seed, "--profile", "novel")
    _assert_refused(result, project, r"Invalid value for '--profile'.*'novel'", code=2)


# --- damaged memoir chapters (Notes list, markers) --------------------------------------

def _drop_notes_list(text: str) -> str:
    head, _, _ = text.partition("\nNotes\n")
    assert head != text
    return head + "\n"


def _drop_note(n: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        new = re.sub(rf"\n{n}\.[ \xa0][^\n]*\n", "\n", text, count=1)
        assert new != text
        return new

    return edit


def _drop_marker(word: str, n: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert f"{word}{n}" in text
        return text.replace(f"{word}{n}", word, 1)

    return edit


def _renumber_note(old: int, new: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        out = re.sub(rf"\n{old}\.([ \xa0])", rf"\n{new}.\1", text, count=1)
        assert out != text
        return out

    return edit


def _duplicate_marker(word: str, n: int) -> Callable[[str], str]:
    def edit(text: str) -> str:
        return text.replace(f"{word}{n}", f"{word}{n} and {word}{n}", 1)

    return edit


MEMOIR_DAMAGE: dict[str, tuple[Callable[[str], str], str]] = {
    "notes-list-missing": (_drop_notes_list, r":\d+: footnote marker 1 .*no note text.*(Notes list is missing|no Notes list)"),
    "marker-without-note": (_drop_note(7), r":\d+: footnote marker 7 .*has no note text"),
    "note-without-marker": (_drop_marker("durak", 7), r":\d+: note 7 .*has no marker in the text"),
    "duplicate-note-numbers": (_renumber_note(8, 7), r":\d+: note 7 is listed twice \(also on line \d+\)"),
    "marker-twice": (_duplicate_marker("durak", 7), r":\d+: footnote marker 7 occurs twice"),
}


@pytest.mark.parametrize("case", sorted(MEMOIR_DAMAGE))
def test_damaged_memoir_is_refused_precisely(case: str, repo_root: Path, project: Path) -> None:
    edit, pattern = MEMOIR_DAMAGE[case]
    seed = project / f"fbm-{case}.txt"
    seed.write_text(edit(_seed_text(repo_root, "fbm")), encoding="utf-8")
    _assert_refused(_convert(project, seed, "--profile", "memoir"), project, re.escape(str(seed)) + pattern)


def test_the_undamaged_memoir_copy_converts(repo_root: Path, project: Path) -> None:
    """Control for the cases above: the same path with the seed unchanged succeeds."""
    seed = project / "fbm-intact.txt"
    seed.write_text(_seed_text(repo_root, "fbm"), encoding="utf-8")
    result = _convert(project, seed, "--profile", "memoir")
    assert result.exit_code == 0, result.stderr
    assert _written(project) == ["out/.manifest.json", "out/fbm-intact.xml"]


# --- damaged WikiText headings: read without loss, with a warning -----------------------


def test_heading_that_never_closes_is_kept_with_a_warning(repo_root: Path, project: Path) -> None:
    text = _seed_text(repo_root, "sas")
    assert "\n= = Origins = =\n" in text
    line = text[: text.index("\n= = Origins = =\n")].count("\n") + 2
    seed = project / "sas-open-heading.txt"
    seed.write_text(text.replace("\n= = Origins = =\n", "\n= = Origins and Roots\n", 1), encoding="utf-8")
    result = _convert(project, seed, "--profile", "wikitext")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(re.escape(seed.name) + rf":{line}: heading .* never closed", result.stderr), result.stderr
    tei = (project / "out" / "sas-open-heading.xml").read_text(encoding="utf-8")
    assert re.search(r"<head>\s*Origins and Roots\s*</head>", tei)


# --- broken TEI given to commands that read TEI -----------------------------------------

BROKEN_TEI = {
    "not-well-formed": ('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader/>\n<text><body><p>x</body></text></TEI>\n',
                        r"not-well-formed\.xml:3:\d+: (error: )?not well-formed"),
    "missing-header": ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>\n',
                       r"missing-header\.xml:1"),
    "truncated": ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>',
                  r"truncated\.xml:2:\d+: (error: )?not well-formed"),
}


def _corpus():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    if "hostile_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["hostile_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["hostile_corpus"]


def _tei_commands() -> list[tuple[str, list[str]]]:
    return sorted(_corpus().tei_commands().items())


@pytest.mark.parametrize("case", sorted(BROKEN_TEI))
@pytest.mark.parametrize("command,extra", _tei_commands())
def test_broken_tei_is_refused_by_every_command(
    command: str, extra: list[str], case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proj = _corpus().make_project(tmp_path / "ed")  # a complete project: register, schema, xslt
    monkeypatch.chdir(proj)
    body, pattern = BROKEN_TEI[case]
    f = proj / f"{case}.xml"
    f.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, _corpus().command_argv(command, extra, f, proj))
    assert result.exit_code in (1, 2), (result.stdout, result.stderr)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    assert re.search(pattern, result.stderr), result.stderr


# --- broken bookkeeping and editorial files ------------------------------------------------


@pytest.fixture
def full_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    proj = _corpus().make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    return proj


def _fbm_seed(proj: Path) -> Path:
    meta = load_project(proj).text_by_id("fbm")
    assert meta is not None
    return proj / "seeds" / meta.seed


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe{}", b"[]", b""])
def test_corrupt_manifest_is_an_error_not_a_traceback(full_project: Path, content: bytes) -> None:
    """tei/.manifest.json damaged (a crash of another tool, a bad merge): one message naming it."""
    manifest = full_project / "tei" / ".manifest.json"
    manifest.write_bytes(content)
    before = {p.name: p.read_bytes() for p in (full_project / "tei").glob("*.xml")}
    result = CliRunner().invoke(main, ["convert", str(_fbm_seed(full_project))])
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert ".manifest.json" in result.stderr, result.stderr
    assert {p.name: p.read_bytes() for p in (full_project / "tei").glob("*.xml")} == before


def test_corrections_file_that_is_not_utf8(full_project: Path) -> None:
    corr = full_project / "editorial" / "corrections" / "fbm.tsv"
    corr.write_bytes(b"line\tsic\tcorr\toccurrence\tnote\n12\tcaf\xe9\tcafe\t\t\n")
    before = {p.name: p.read_bytes() for p in (full_project / "tei").glob("*") if p.is_file()}
    result = CliRunner().invoke(main, ["convert", "--force", str(_fbm_seed(full_project))])
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert result.exit_code == 1
    assert re.search(r"fbm\.tsv:.*(UTF-8|utf-8)", result.stderr), result.stderr
    assert {p.name: p.read_bytes() for p in (full_project / "tei").glob("*") if p.is_file()} == before


def test_corrupt_build_state_is_recovered(full_project: Path) -> None:
    corpus = _corpus()
    state = full_project / "output" / ".build-state.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(b'{"steps": [1, 2')
    run = corpus.run_edition(["build"], cwd=full_project, timeout=600)
    assert not corpus.has_traceback(run), run.stderr
    assert run.code == 0, run.stderr
