"""`edition build`: incremental by content hash, refuses invalid TEI, reproducible, quiet off a TTY."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from edition.cli import main

STEPS_NO_PDF = 'steps = ["convert", "enrich", "speakers", "link", "validate", "html"]\n'


def make_project(repo: Path, dest: Path, *, pdf: bool = False) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    pyproject = (repo / "pyproject.toml").read_text(encoding="utf-8")
    if not pdf:
        pyproject = pyproject.replace("[tool.edition]\n", "[tool.edition]\n" + STEPS_NO_PDF, 1)
    (dest / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    for d in ("editorial", "seeds", "xslt"):
        shutil.copytree(repo / d, dest / d)
    (dest / "tei").mkdir()
    if (repo / "tei" / "schema").exists():
        shutil.copytree(repo / "tei" / "schema", dest / "tei" / "schema")
    shutil.copy(repo / "tei" / "register.xml", dest / "tei" / "register.xml")
    return dest


def build(*args: str):
    return CliRunner().invoke(main, ["build", *args], catch_exceptions=False)


def step_status(stdout: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^  (\w+)\s+(unchanged, skipped|[\d.]+ s)$", stdout, re.M)}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in {".build.lock", ".build-state.json"}}


@pytest.fixture(scope="module")
def built_serially(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> tuple[Path, dict[str, bytes]]:
    """The whole edition (pdf included) built once, serially, and its output as that build left it
    (later tests change the project: the snapshot is the reference)."""
    proj = make_project(repo_root, tmp_path_factory.mktemp("edition"), pdf=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(proj)
        r = build("--jobs", "1")
        assert r.exit_code == 0, r.stderr + r.stdout
    return proj, {k: v for k, v in snapshot(proj / "output").items() if "/pagefind/" not in k}


@pytest.fixture(scope="module")
def built(built_serially: tuple[Path, dict[str, bytes]]) -> Path:
    return built_serially[0]


def test_first_build_runs_every_step_and_publishes(built: Path) -> None:
    assert (built / "tei" / "soviet-albanian-split.xml").exists()
    assert (built / "output" / "html" / "index.html").exists()
    assert (built / "output" / "html" / "from-bucharest-to-moscow.html").exists()


def test_noop_rebuild_skips_everything_and_changes_nothing(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built)
    before = snapshot(built)
    r = build()
    assert r.exit_code == 0
    status = step_status(r.stdout)
    assert {"enrich", "speakers", "link", "validate", "html"} <= set(status)
    assert {k: v for k, v in status.items() if k != "convert" and v != "unchanged, skipped"} == {}
    assert "up-to-date" in r.stdout
    assert snapshot(built) == before
    assert r.stderr == ""  # not a terminal: no progress lines


def test_editing_the_register_reruns_dependent_steps(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built)
    reg = built / "tei" / "register.xml"
    reg.write_text(reg.read_text(encoding="utf-8").replace("</teiHeader>", "<!-- touched --></teiHeader>", 1),
                   encoding="utf-8")
    r = build()
    assert r.exit_code == 0, r.stderr
    status = step_status(r.stdout)
    assert status["enrich"] != "unchanged, skipped" and status["html"] != "unchanged, skipped"
    again = step_status(build().stdout)
    assert {k: v for k, v in again.items() if k != "convert" and v != "unchanged, skipped"} == {}


def test_quiet_prints_nothing(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built)
    r = build("--quiet")
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == ""


def test_invalid_tei_fails_the_build_and_publishes_nothing(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    proj = tmp_path / "p"
    shutil.copytree(built, proj)
    monkeypatch.chdir(proj)
    html_before = snapshot(proj / "output" / "html")
    tei = proj / "tei" / "from-bucharest-to-moscow.xml"
    text = tei.read_text(encoding="utf-8")
    bad = '<p xml:id="fbm-p002"><date when="1960-13">Smarch</date> '
    tei.write_text(text.replace('<p xml:id="fbm-p002">', bad, 1), encoding="utf-8")
    r = build()
    assert r.exit_code == 1
    assert "not valid" in r.stderr and "1960-13" in r.stderr and "[date-iso]" in r.stderr
    assert snapshot(proj / "output" / "html") == html_before


def test_two_clean_builds_are_byte_identical(repo_root: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    roots = []
    for name in ("one", "two"):
        proj = make_project(repo_root, tmp_path / name)
        monkeypatch.chdir(proj)
        assert build().exit_code == 0
        roots.append(proj)
    # Pagefind writes its filter maps in hash-map order (upstream nondeterminism), so the search
    # index is the one output compared by its file set size only; everything else byte for byte.
    a, b = ({k: v for k, v in snapshot(r / "output").items() if "/pagefind/" not in k} for r in roots)
    pf = [len(list((r / "output" / "html" / "pagefind").rglob("*"))) for r in roots]
    assert pf[0] == pf[1] > 0
    assert sorted(set(a) ^ set(b)) == []
    assert [k for k in a if a[k] != b[k]] == []
    for name in ("soviet-albanian-split.xml", "from-bucharest-to-moscow.xml"):
        assert (roots[0] / "tei" / name).read_bytes() == (roots[1] / "tei" / name).read_bytes()


def test_unknown_step_in_configuration_is_reported(tmp_path: Path, repo_root: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    proj = make_project(repo_root, tmp_path / "cfg")
    pp = proj / "pyproject.toml"
    pp.write_text(pp.read_text(encoding="utf-8").replace(STEPS_NO_PDF, 'steps = ["convert", "typeset"]\n'),
                  encoding="utf-8")
    monkeypatch.chdir(proj)
    r = build()
    assert r.exit_code == 1 and "'typeset'" in r.stderr and "pyproject.toml" in r.stderr


@pytest.mark.slow
def test_parallel_build_equals_serial_build(repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           built_serially: tuple[Path, dict[str, bytes]]) -> None:
    """--jobs 2 runs html and pdf at once in separate processes; the outputs are the serial ones."""
    outs = [built_serially[1]]
    for jobs in ("2",):
        proj = make_project(repo_root, tmp_path / f"j{jobs}", pdf=True)
        monkeypatch.chdir(proj)
        r = build("--jobs", jobs)
        assert r.exit_code == 0, r.stderr
        assert (proj / "output" / "pdf" / "edition.pdf").exists()
        # the site offers the book, and its download links resolve
        site = proj / "output" / "html"
        assert (site / "pdf" / "edition.pdf").read_bytes() == (proj / "output" / "pdf" / "edition.pdf").read_bytes()
        for page in ("index.html", "downloads.html", "from-bucharest-to-moscow.html"):
            hrefs = re.findall(r'href="(pdf/[^"]+)"', (site / page).read_text(encoding="utf-8"))
            assert hrefs and all((site / h).exists() for h in hrefs), page
        outs.append({k: v for k, v in snapshot(proj / "output").items() if "/pagefind/" not in k})
    assert sorted(set(outs[0]) ^ set(outs[1])) == []
    assert [k for k in outs[0] if outs[0][k] != outs[1][k]] == []


def test_every_stage_is_a_stage_of_its_own_package() -> None:
    """The pipeline's table holds Stage objects (real imports, no "module:attr" strings), each
    exposed by its package's stage.py, in the order of the pipeline."""
    from edition.pipeline import NAMES, STAGES
    from edition.stage import Stage

    assert NAMES == ("convert", "enrich", "speakers", "link", "validate", "html", "pdf")
    for stage in STAGES:
        assert isinstance(stage, Stage) and callable(stage.run), stage
        assert stage.run.__module__.endswith(".stage"), stage.run.__module__
    assert {s.name for s in STAGES if s.rewrites_tei} == {"enrich", "speakers", "link"}
    assert {s.name for s in STAGES if s.concurrent} == {"html", "pdf"}


def test_parallel_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    """A build killed -9 leaves no worker process writing behind the next build's back."""
    import os
    import signal
    import subprocess
    import sys
    import time

    pidfile = tmp_path / "worker.pid"
    script = f"""
import multiprocessing, os, time
from concurrent.futures import ProcessPoolExecutor
from edition.workers import die_with_parent as _die_with_parent

def work():
    open({str(pidfile)!r}, "w").write(str(os.getpid()))
    time.sleep(60)

if __name__ == "__main__":
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_die_with_parent) as pool:
        pool.submit(work).result()
"""
    driver = tmp_path / "driver.py"
    driver.write_text(script, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(driver)], cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not pidfile.exists() or not pidfile.read_text():
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.05)
    worker = int(pidfile.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        # a zombie (dead, not yet reaped by init) counts as gone
        stat = Path(f"/proc/{worker}/stat")
        if stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z":
            return
        time.sleep(0.05)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError("the worker outlived the killed build")
