"""No lost edit under concurrency: compare-and-swap rewrites, one lock for every writing command.

The race tests are deterministic: a hook runs at the one moment that matters, after a tool read
and transformed a TEI file, when it starts writing the replacement beside it, and saves "a
person's edit" into the file there (xmlio.before_replace_hook, right before the compare-and-swap
check, is tested too). The tool must then keep the person's version,
write nothing, leave the manifest as it was and fail (exit 1) saying so.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition import xmlio
from edition.cli import main
from edition.config import load_project
from edition.errors import EditionError

_spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("hostile_corpus", corpus)
_spec.loader.exec_module(corpus)

PERSON = b"<!-- a person's edit, saved while the tool worked -->\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    proj = corpus.make_project(tmp_path / "ed")
    monkeypatch.chdir(proj)
    return proj


def _between_read_and_replace(monkeypatch: pytest.MonkeyPatch, target: Path, action) -> None:  # type: ignore[no-untyped-def]
    """Run `action()` at the moment a tool, having read and transformed `target`, starts writing
    its replacement (the temporary file beside it): after the read, before the replace."""
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):  # type: ignore[no-untyped-def]
        if str(kwargs.get("prefix", "")).startswith(f".{target.name}.") and Path(kwargs.get("dir", "")).resolve() \
                == target.parent.resolve():
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _save_edit_at_replace(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[bytes]:
    """Make the person save `target` right before the tool's replace; return what they saved."""
    saved: list[bytes] = []

    def person_saves() -> None:
        data = target.read_bytes() + PERSON
        target.write_bytes(data)
        saved.append(data)

    _between_read_and_replace(monkeypatch, target, person_saves)
    return saved


def _stale(tei: Path) -> None:
    """Make enrich/speakers/link have something to write: drop the stage's header statements."""
    data = tei.read_bytes()
    tei.write_bytes(data.replace(b"</body>", b"<p>Enver Hoxha met Khrushchev in Moscow in 1960.</p></body>", 1))


@pytest.mark.parametrize("command", ["enrich", "speakers", "link"])
def test_a_save_during_a_stage_is_kept_and_the_stage_fails(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                           command: str) -> None:
    target = project / "tei" / "soviet-albanian-split.xml"
    _stale(target)
    if command == "speakers":  # speakers attributes the memoir's speech
        target = project / "tei" / "from-bucharest-to-moscow.xml"
        data = target.read_bytes()
        said = b'<said who="#enver-hoxha" resp="#fbm-speakers">'
        assert said in data
        target.write_bytes(data.replace(said, b"<said>", 1))  # an attribution for the stage to redo
    if command == "link":  # the source's links back: one missing, for the stage to restore
        target = project / "tei" / "from-bucharest-to-moscow.xml"
        data = target.read_bytes()
        link = b'<link xml:id="fbm-p003-quoted-sas-q50" type="quotation" target="#fbm-p003 soviet-albanian-split.xml#sas-q50"/>'
        assert link in data
        target.write_bytes(data.replace(link, b"", 1))
    manifest_before = (project / "tei" / ".manifest.json").read_bytes()
    saved = _save_edit_at_replace(monkeypatch, target)
    args = {"enrich": ["enrich"], "speakers": ["speakers"], "link": ["link", "sas", "fbm", "--redo"]}[command]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert saved, f"{command} never reached the replace of {target.name}: {result.stdout} {result.stderr}"
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert target.read_bytes() == saved[-1]  # the person's version, whole
    assert "changed on disk while the tool worked on it" in result.stderr and target.name in result.stderr
    assert "Traceback" not in result.stderr
    # The manifest does not claim the tool's bytes: the person's file counts as edited by hand.
    from edition.manifest import Manifest

    assert Manifest(project / "tei").is_hand_edited(target)
    entry = json.loads(manifest_before)["files"].get(target.name)
    assert json.loads((project / "tei" / ".manifest.json").read_bytes())["files"].get(target.name) == entry
    assert not list((project / "tei").glob(".*.tmp"))


def test_a_save_during_convert_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proj = load_project(project)
    meta = proj.text_by_id("fbm")
    assert meta is not None
    target = project / "tei" / meta.tei
    target.unlink()  # convert will create it ...
    created: list[bytes] = []

    def person_creates() -> None:  # ... but a person saves a file of that name first
        target.write_bytes(PERSON)
        created.append(PERSON)

    _between_read_and_replace(monkeypatch, target, person_creates)
    result = CliRunner().invoke(main, ["convert", f"seeds/{meta.seed}"], catch_exceptions=False)
    assert created and result.exit_code == 1, (result.stdout, result.stderr)
    assert target.read_bytes() == PERSON
    assert "created by someone else while the tool worked" in result.stderr


def test_a_save_during_convert_over_its_own_output_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proj = load_project(project)
    meta = proj.text_by_id("fbm")
    assert meta is not None
    target = project / "tei" / meta.tei
    (project / "editorial" / "corrections" / "fbm.tsv").write_bytes(
        (project / "editorial" / "corrections" / "fbm.tsv").read_bytes() + b"# a changed corrections file\n")
    manifest = json.loads((project / "tei" / ".manifest.json").read_bytes())["files"]
    # make the TEI look tool-written so convert regenerates it (the corrections file changed)
    from edition.xmlio import sha256_file

    manifest[meta.tei]["sha256"] = sha256_file(target)
    (project / "tei" / ".manifest.json").write_text(json.dumps({"files": manifest}))
    saved = _save_edit_at_replace(monkeypatch, target)
    from edition.convert import convert_seed

    with pytest.raises(xmlio.ChangedMeanwhile):
        convert_seed(proj, project / "seeds" / meta.seed, force=True)
    assert saved and target.read_bytes() == saved[-1]


def test_the_hook_right_before_the_check_is_honoured(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save at the last moment before the compare-and-swap check is still caught."""
    target = project / "tei" / "soviet-albanian-split.xml"
    _stale(target)
    saved: list[bytes] = []

    def person_saves(path: Path) -> None:
        if Path(path).resolve() == target.resolve():
            saved.append(target.read_bytes() + PERSON)
            target.write_bytes(saved[-1])

    monkeypatch.setattr(xmlio, "before_replace_hook", person_saves)
    result = CliRunner().invoke(main, ["enrich"], catch_exceptions=False)
    assert saved and result.exit_code == 1 and target.read_bytes() == saved[-1]


def test_without_a_concurrent_save_the_stage_writes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself does not get in the way: with the hook doing nothing, enrich writes."""
    target = project / "tei" / "soviet-albanian-split.xml"
    _stale(target)
    calls: list[Path] = []
    monkeypatch.setattr(xmlio, "before_replace_hook", calls.append)
    result = CliRunner().invoke(main, ["enrich"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert any(Path(c).name == target.name for c in calls)
    assert b"Enver Hoxha</persName> met" in target.read_bytes()


def test_a_symlinked_tei_file_stays_a_link(project: Path) -> None:
    target = project / "tei" / "soviet-albanian-split.xml"
    real = project / "elsewhere.xml"
    target.rename(real)
    target.symlink_to(real)
    _stale(real)
    result = CliRunner().invoke(main, ["enrich"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert target.is_symlink()
    assert b"Enver Hoxha</persName> met" in real.read_bytes()


# --- one lock for every command that writes tei/ or output/ ------------------------------

HOLDER = r"""
import sys, time
from pathlib import Path
from edition.lock import lock_directory
with lock_directory(Path(sys.argv[1]), command="build"):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.mark.parametrize("args", [["enrich"], ["speakers"], ["link", "sas", "fbm"], ["convert", "seeds/x.txt"],
                                  ["html"]])
def test_every_writing_command_refuses_while_a_build_holds_the_lock(project: Path, args: list[str]) -> None:
    (project / "seeds" / "x.txt").write_text("Notes\n")
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(project / "output")], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        before = corpus.snapshot(project / "tei")
        run = corpus.run_edition(args, cwd=project)
        assert run.code == 1, (run.stdout, run.stderr)
        assert f"held by `edition build`, pid {proc.pid}" in run.stderr
        assert not corpus.has_traceback(run)
        assert corpus.snapshot(project / "tei") == before
    finally:
        proc.kill()
        proc.wait()


def test_lock_wait_waits_and_says_for_what(project: Path) -> None:
    pp = project / "pyproject.toml"
    pp.write_text(pp.read_text() + "lock_wait = 30\n")
    proc = subprocess.Popen([sys.executable, "-c", HOLDER.replace("time.sleep(120)", "time.sleep(2)"),
                             str(project / "output")], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        run = corpus.run_edition(["enrich"], cwd=project)
        assert run.code == 0, run.stderr
        assert f"waiting for {project / 'output' / '.build.lock'}, held by `edition build`, pid {proc.pid}" in run.stderr
    finally:
        proc.kill()
        proc.wait()


def test_lock_wait_of_the_wrong_type_is_a_message(project: Path) -> None:
    pp = project / "pyproject.toml"
    pp.write_text(pp.read_text() + 'lock_wait = "soon"\n')
    run = corpus.run_edition(["enrich"], cwd=project)
    assert run.code == 1 and "lock_wait must be a number of seconds" in run.stderr
    assert not corpus.has_traceback(run)


def test_stage_functions_raise_changed_meanwhile_as_an_edition_error() -> None:
    assert issubclass(xmlio.ChangedMeanwhile, EditionError)
