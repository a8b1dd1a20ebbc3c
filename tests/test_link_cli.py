"""`edition link` and `edition speakers` from the command line, in a copy of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main

SAS, FBM = "soviet-albanian-split.xml", "from-bucharest-to-moscow.xml"


@pytest.fixture(scope="module")
def converted(enriched_seeds: Path) -> Path:
    """Both seeds converted and enriched (conftest: once per session)."""
    return enriched_seeds


@pytest.fixture()
def proj(converted: Path, repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(repo_root / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(repo_root / "editorial", tmp_path / "editorial")
    (tmp_path / "tei").mkdir()
    shutil.copy(repo_root / "tei" / "register.xml", tmp_path / "tei" / "register.xml")
    for name in (SAS, FBM, ".manifest.json"):
        shutil.copy(converted / name, tmp_path / "tei" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_link_by_text_ids(proj: Path) -> None:
    result = CliRunner().invoke(main, ["link", "sas", "fbm"])
    assert result.exit_code == 0, result.output
    assert "sas-q50 ← fbm-p003: 23 words matched; 0 difference(s) (identical)" in result.stdout
    assert f"{SAS}: written" in result.stdout and f"{FBM}: written" in result.stdout
    assert result.stderr == ""
    again = CliRunner().invoke(main, ["link", "sas", "fbm"])
    assert again.exit_code == 0
    assert f"{SAS}: unchanged" in again.stdout and f"{FBM}: unchanged" in again.stdout


def test_link_by_paths_and_dry_run(proj: Path) -> None:
    before = (proj / "tei" / SAS).read_bytes()
    result = CliRunner().invoke(main, ["link", "--dry-run", f"tei/{SAS}", f"tei/{FBM}"])
    assert result.exit_code == 0
    assert "would change (dry run, nothing written)" in result.stdout
    assert (proj / "tei" / SAS).read_bytes() == before


def test_link_errors(proj: Path) -> None:
    unknown = CliRunner().invoke(main, ["link", "sas", "nowhere"])
    assert unknown.exit_code == 2 and "neither a text id" in unknown.stderr and unknown.stdout == ""
    missing = CliRunner().invoke(main, ["link", "sas", "tei/missing.xml"])
    assert missing.exit_code == 1 and "no such TEI file" in missing.stderr
    assert "Traceback" not in missing.stderr
    same = CliRunner().invoke(main, ["link", "sas", "sas"])
    assert same.exit_code == 1 and "cannot be linked with itself" in same.stderr
    (proj / "editorial" / "links").mkdir(exist_ok=True)
    (proj / "editorial" / "links" / "rejected.tsv").write_text("sas-q50\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["link", "sas", "fbm"])
    assert bad.exit_code == 1 and "rejected.tsv:1:" in bad.stderr


def test_speakers_command(proj: Path) -> None:
    result = CliRunner().invoke(main, ["speakers", "--list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{FBM}: written; ")
    assert "  fbm-p013#1 #mehmet-shehu certain [explicit]" in result.stdout
    assert result.stderr == ""
    again = CliRunner().invoke(main, ["speakers"])
    assert again.exit_code == 0 and again.stdout.startswith(f"{FBM}: unchanged; ")


def test_speakers_bad_rules(proj: Path) -> None:
    (proj / "editorial" / "speakers.toml").write_text("[rules]\nverbs = []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["speakers"])
    assert result.exit_code == 1 and "speakers.toml: [rules] verbs" in result.stderr
