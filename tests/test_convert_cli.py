"""`edition convert` as a user meets it: idempotency, no-clobber, --force backups, clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main

SEEDS = ("000_173910b34eca1096.txt", "003_b69932f3d68367df.txt")


@pytest.fixture
def project(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's data (not its tei/) in a temporary directory, as cwd."""
    shutil.copy(repo_root / "pyproject.toml", tmp_path)
    shutil.copytree(repo_root / "editorial", tmp_path / "editorial")
    shutil.copytree(repo_root / "seeds", tmp_path / "seeds")
    (tmp_path / "tei").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_and_version() -> None:
    r = run("--help")
    assert r.exit_code == 0 and "convert" in r.stdout and r.stderr == ""
    assert run("-h").stdout == r.stdout
    v = run("--version")
    assert v.exit_code == 0 and v.stdout.startswith("edition, version ")


@pytest.mark.parametrize("seed", SEEDS)
def test_convert_then_rerun_changes_nothing(project: Path, seed: str) -> None:
    first = run("convert", f"seeds/{seed}")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip().endswith(": written")
    target = Path(first.stdout.split(":")[0])
    data, mtime = target.read_bytes(), target.stat().st_mtime_ns
    manifest = (project / "tei" / ".manifest.json").read_bytes()
    second = run("convert", f"seeds/{seed}")
    assert second.exit_code == 0
    assert second.stdout.strip().endswith(": up-to-date")
    assert target.read_bytes() == data and target.stat().st_mtime_ns == mtime
    assert (project / "tei" / ".manifest.json").read_bytes() == manifest
    # --force regenerates an unedited file to the very same bytes
    third = run("convert", "--force", f"seeds/{seed}")
    assert third.exit_code == 0 and third.stdout.strip().endswith(": unchanged")
    assert target.read_bytes() == data


def test_hand_edited_file_is_never_overwritten(project: Path) -> None:
    assert run("convert", f"seeds/{SEEDS[1]}").exit_code == 0
    target = next((project / "tei").glob("*.xml"))
    edited = target.read_text(encoding="utf-8").replace("</body>", "<p>added by a scholar</p></body>")
    target.write_text(edited, encoding="utf-8")
    # a changed corrections file makes the conversion outdated; still the edit must survive
    corr = project / "editorial" / "corrections" / "fbm.tsv"
    if corr.exists():
        corr.write_text(corr.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    r = run("convert", f"seeds/{SEEDS[1]}")
    assert r.exit_code == 1
    assert "edited since it was generated" in r.stderr and "--force" in r.stderr
    assert r.stdout == ""
    assert target.read_text(encoding="utf-8") == edited
    forced = run("convert", "--force", f"seeds/{SEEDS[1]}")
    assert forced.exit_code == 0
    backup = target.with_suffix(".xml.bak")
    assert backup.read_text(encoding="utf-8") == edited
    assert "added by a scholar" not in target.read_text(encoding="utf-8")
    assert "kept as" in forced.stderr


def test_output_directory_option(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    r = run("convert", "-o", str(out), f"seeds/{SEEDS[0]}")
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in out.glob("*.xml")] == ["soviet-albanian-split.xml"]
    assert json.loads((out / ".manifest.json").read_text())["files"]["soviet-albanian-split.xml"]["tool"] == "convert"
    assert not list((project / "tei").glob("*.xml"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL byte"),
        (b"Caf\xe9 society\n", "byte offset 3: not UTF-8"),
    ],
)
def test_bad_seed_gives_one_clear_error(project: Path, content: bytes, message: str) -> None:
    bad = project / "seeds" / "bad.txt"
    bad.write_bytes(content)
    r = run("convert", "--profile", "memoir", str(bad))
    assert r.exit_code == 1
    assert message in r.stderr and str(bad) in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert not list((project / "tei").glob("*.xml"))


def test_unknown_profile_and_missing_seed_are_usage_errors(project: Path) -> None:
    r = run("convert", "--profile", "sonnet", f"seeds/{SEEDS[0]}")
    assert r.exit_code == 2 and "sonnet" in r.stderr
    r = run("convert", "seeds/nope.txt")
    assert r.exit_code == 2 and "nope.txt" in r.stderr


def test_undetectable_profile_is_a_usage_error(project: Path) -> None:
    odd = project / "seeds" / "plain.txt"
    odd.write_text("Just a line of prose.\n", encoding="utf-8")
    r = run("convert", str(odd))
    assert r.exit_code == 2 and "--profile" in r.stderr


def test_bom_and_crlf_seed_converts_like_the_original(project: Path, tmp_path: Path) -> None:
    original = (project / "seeds" / SEEDS[0]).read_bytes()
    variant = project / "seeds" / "variant.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    (project / "editorial" / "corrections" / "sas.tsv").unlink(missing_ok=True)  # the variant has none
    a, b = tmp_path / "a", tmp_path / "b"
    assert run("convert", "-o", str(a), f"seeds/{SEEDS[0]}").exit_code == 0
    assert run("convert", "--profile", "wikitext", "-o", str(b), str(variant)).exit_code == 0
    body_a = (a / "soviet-albanian-split.xml").read_text(encoding="utf-8").split("<text")[1]
    body_b = next(b.glob("*.xml")).read_text(encoding="utf-8").split("<text")[1]
    assert body_a.replace("sas-", "") == body_b.replace("variant-", "").replace("sas-", "")


def test_converted_tei_points_editors_at_the_schema(project: Path, repo_root: Path) -> None:
    shutil.copytree(repo_root / "tei" / "schema", project / "tei" / "schema")
    assert run("convert", f"seeds/{SEEDS[0]}").exit_code == 0
    head = (project / "tei" / "soviet-albanian-split.xml").read_text(encoding="utf-8").split("<TEI", 1)[0]
    assert '<?xml-model href="schema/edition.rng" type="application/xml"' in head
    assert '<?xml-model href="schema/edition.sch" type="application/xml"' in head
