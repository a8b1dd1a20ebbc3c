"""Configuration and the file system: no escape from the project, no traceback, clear messages.

Paths in pyproject.toml and editorial/texts.toml stay inside the project (symlinks followed);
a value of the wrong type, a non-UTF-8 file, a read-only or full disk each give one message and
exit 1; seed names that would make the same TEI file cannot overwrite each other.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main

_spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("hostile_corpus", corpus)
_spec.loader.exec_module(corpus)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    proj = corpus.make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    return proj


def _set(project: Path, key: str, value: str) -> None:
    pp = project / "pyproject.toml"
    lines = [ln for ln in pp.read_text().splitlines() if not ln.startswith(f"{key} =")]
    i = lines.index("[tool.edition]")
    pp.write_text("\n".join([*lines[: i + 1], f"{key} = {value}", *lines[i + 1:]]) + "\n")


def _text_field(project: Path, text_id: str, key: str, value: str) -> None:
    tt = project / "editorial" / "texts.toml"
    out, current = [], None
    for ln in tt.read_text().splitlines():
        if ln.startswith("id = "):
            current = ln.split("=", 1)[1].strip().strip('"')
        if current == text_id and ln.startswith(f"{key} = "):
            ln = f"{key} = {value}"
        out.append(ln)
    tt.write_text("\n".join(out) + "\n")


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _fails_cleanly(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    for w in words:
        assert w in result.stderr, result.stderr


# --- paths escape the project ------------------------------------------------------------

@pytest.mark.parametrize("value", ['"../../x.xml"', '"/tmp/x.xml"', '"sub/x.xml"'])
def test_a_tei_name_leading_out_of_tei_is_refused(project: Path, value: str) -> None:
    _text_field(project, "fbm", "tei", value)
    _fails_cleanly(_run("convert", "seeds/" + os.listdir(project / "seeds")[0]), "must be a plain file name")


@pytest.mark.parametrize("value", ['"/etc/passwd"', '"../pyproject.toml"'])
def test_a_seed_path_leading_out_of_seeds_is_refused(project: Path, value: str) -> None:
    _text_field(project, "fbm", "seed", value)
    _fails_cleanly(_run("build", "--only", "convert"), "seed", "not a path leading elsewhere")


def test_a_seed_symlinked_out_of_the_project_is_refused(project: Path) -> None:
    (project / "seeds" / "evil.txt").symlink_to("/etc/passwd")
    _text_field(project, "fbm", "seed", '"evil.txt"')
    _fails_cleanly(_run("build", "--only", "convert"), "leads outside the project", "/etc/passwd")
    (project / "editorial" / "texts.toml").write_text((corpus.REPO / "editorial" / "texts.toml").read_text())
    _fails_cleanly(_run("convert", "seeds/evil.txt"), "the seed is a symlink", "leads outside the project")


@pytest.mark.parametrize("key", ["tei_dir", "output_dir", "seeds_dir", "editorial_dir"])
def test_directories_outside_the_project_are_refused(project: Path, key: str) -> None:
    _set(project, key, '"../elsewhere"')
    _fails_cleanly(_run("validate"), key, "leads outside the project")


def test_a_symlinked_tei_leading_out_is_refused_by_convert(project: Path, tmp_path: Path) -> None:
    meta_tei = project / "tei" / "from-bucharest-to-moscow.xml"
    outside = tmp_path / "outside.xml"
    outside.write_bytes(meta_tei.read_bytes())
    meta_tei.unlink()
    meta_tei.symlink_to(outside)
    seed = next(p for p in (project / "seeds").iterdir() if "fbm" in p.name or p.suffix == ".txt")
    before = outside.read_bytes()
    result = _run("build", "--only", "convert")
    assert result.exit_code == 1 and "leads outside the project" in result.stderr, result.stderr
    assert outside.read_bytes() == before and seed.exists()


# --- wrong types and encodings: one message, never a traceback ---------------------------

@pytest.mark.parametrize("key,value,words", [
    ("tei_dir", "5", ("tei_dir must be a directory name",)),
    ("steps", '"html"', ("steps must be an array of step names",)),
    ("link", '"sas"', ("link must be an array of text-id pairs",)),
    ("max_errors", '"many"', ("max_errors must be a whole number",)),
    ("jobs", '"two"', ("jobs must be a whole number of processes", "'two'")),
    ("jobs", "0", ("jobs must be a whole number of processes",)),
    ("jobs", "true", ("jobs must be a whole number of processes",)),
])
def test_settings_of_the_wrong_type(project: Path, key: str, value: str, words: tuple[str, ...]) -> None:
    _set(project, key, value)
    _fails_cleanly(_run("build"), *words)


def test_tool_edition_not_a_table(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool]\nedition = 5\n")
    result = _run("validate", "tei/register.xml")
    assert "Traceback" not in result.stderr
    assert result.exit_code == 1 and "[tool] edition must be a table" in result.stderr


def test_non_utf8_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_bytes(b"[tool.edition]\n# caf\xe9\n")
    _fails_cleanly(_run("build"), "pyproject.toml:2: not UTF-8")


@pytest.mark.parametrize("value,words", [("5", ("id must be a string",)), ('"two words"', ("is not an identifier",))])
def test_text_id_of_the_wrong_type(project: Path, value: str, words: tuple[str, ...]) -> None:
    _text_field(project, "fbm", "id", value)
    _fails_cleanly(_run("build"), *words)


def test_duplicate_text_ids_are_refused(project: Path) -> None:
    _text_field(project, "fbm", "id", '"sas"')
    _fails_cleanly(_run("build"), "id 'sas' is used by entry 1 already")


def test_missing_texts_toml_is_named_as_such(project: Path) -> None:
    (project / "editorial" / "texts.toml").unlink()
    _fails_cleanly(_run("build", "--only", "link"), "texts.toml: no texts listed")


@pytest.mark.parametrize("code,words", [(errno.EROFS, "read-only file system"), (errno.ENOSPC, "disk is full")])
def test_unwritable_disk_is_a_message(project: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code), str(kwargs.get("dir", "")))

    (project / "tei" / "soviet-albanian-split.xml").write_bytes(
        (project / "tei" / "soviet-albanian-split.xml").read_bytes().replace(b"</body>", b"<p>Enver Hoxha.</p></body>", 1))
    before = corpus.snapshot(project / "tei")
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = _run("enrich")
    _fails_cleanly(result, "cannot write", words)
    assert corpus.snapshot(project / "tei") == before


def test_oserror_anywhere_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OSError no tool expected (here: the output directory cannot be made) is still a message."""
    from pathlib import Path as P

    real_mkdir = P.mkdir

    def mkdir(self: P, *a: object, **k: object) -> None:
        if self.name == "output":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        real_mkdir(self, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(P, "mkdir", mkdir)
    result = _run("build")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "output" in result.stderr and "Read-only file system" in result.stderr


# --- seed names that collide --------------------------------------------------------------

def test_seed_names_that_slug_alike_do_not_overwrite_each_other(project: Path) -> None:
    text = "Author\nBook\nTitle\n\nSome text.\n\nNotes\n"
    names = ["é.txt", "..txt", "...txt", "e.txt"]
    for n in names:
        (project / "seeds" / n).write_text(text)
    outs = []
    for n in names[:3]:
        result = _run("convert", f"seeds/{n}")
        assert result.exit_code == 0, result.stderr
        outs.append(result.stdout.split(":")[0])
    assert len(set(outs)) == 3, outs  # three seeds, three TEI files
    result = _run("convert", "seeds/e.txt")  # slugs like é.txt
    _fails_cleanly(result, "was converted from the seed 'é.txt'", "'e.txt' makes the same TEI file name")
