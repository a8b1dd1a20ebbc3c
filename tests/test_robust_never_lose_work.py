"""Never lose work: atomic writes, kill -9 mid-build, hand edits kept, one build at a time.

The kill tests run `edition build` as a real process. To kill it at an exact point, a small
driver stalls the Nth file replacement (os.replace, the commit step of atomic_write) until
the test kills it with SIGKILL; a second family kills real builds at fractions of their
measured duration. After every kill each file is either its previous or its new version
(never a part), and the next build recovers and gives exactly what an uninterrupted build
gives.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from edition.config import load_project
from edition.errors import EditionError
from edition.lock import LOCK_NAME, lock_directory, remove_stale_temporaries
from edition.xmlio import atomic_write

_spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("hostile_corpus", corpus)
_spec.loader.exec_module(corpus)

BUILD_DRIVER = r"""
import os, sys, time
from pathlib import Path
ready, release, nth, only = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
real, count, trace = os.replace, 0, os.environ.get("H8_TRACE")
def replace(src, dst, *a, **k):
    global count
    count += 1
    if trace:  # record every version a clean build writes
        import hashlib
        with open(trace, "a") as fh:
            fh.write(f"{os.path.abspath(dst)}\t{hashlib.sha256(Path(src).read_bytes()).hexdigest()}\n")
    if count == nth:  # stall the nth replacement until released (or killed)
        ready.write_text(str(dst))
        while not release.exists():
            time.sleep(0.02)
    return real(src, dst, *a, **k)
os.replace = replace
if not only:
    from edition.cli import main
    main(["build"], prog_name="edition")
from edition.build import run_build
from edition.config import load_project
from edition.errors import EditionError
try:
    for line in run_build(load_project(), only=set(only.split(","))):
        print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout)
except EditionError as exc:
    sys.exit(f"Error: {exc}")
"""


def _driver(tmp_path: Path, nth: int, only: str) -> list[str]:
    """argv of a build (all of `edition build`, or only the steps in `only`) stalling at replacement nth."""
    return [sys.executable, "-c", BUILD_DRIVER, str(tmp_path / "ready"), str(tmp_path / "release"), str(nth), only]


def _build(proj: Path, only: str, trace: Path | None = None) -> corpus.Run:
    start = time.monotonic()
    env = corpus.code_env(proj)
    if trace:
        env["H8_TRACE"] = str(trace)
    proc = subprocess.run(_driver(proj, 0, only), cwd=proj, capture_output=True, text=True, timeout=600, env=env)
    return corpus.Run([], proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- atomic writes ---------------------------------------------------------------------


def test_atomic_write_keeps_the_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "f.html"
    target.write_text("old")
    target.chmod(0o644)
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    fresh = tmp_path / "g.html"
    old = os.umask(0o022)
    try:
        atomic_write(fresh, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # not mkstemp's 0600: a web server reads it


def test_stale_temporaries_of_dead_writers_only_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".f.xml.pid{_dead_pid()}.abc123.tmp"
    alive = tmp_path / f".f.xml.pid{os.getpid()}.def456.tmp"
    foreign = tmp_path / ".someone-elses.tmp"
    sub = tmp_path / "html" / f".i.html.pid{_dead_pid()}.zz.tmp"
    sub.parent.mkdir()
    for p in (dead, alive, foreign, sub):
        p.write_text("partial")
    assert remove_stale_temporaries(tmp_path) == [dead]
    assert remove_stale_temporaries(tmp_path, recursive=True) == [sub]
    assert alive.exists() and foreign.exists()


# --- the build lock --------------------------------------------------------------------

HOLDER = r"""
import sys, time
from pathlib import Path
from edition.lock import lock_directory
with lock_directory(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    out = tmp_path / "proj" / "output"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield proc, out
    proc.kill()
    proc.wait()


def test_second_lock_fails_fast_naming_the_holder(holder: tuple[subprocess.Popen[str], Path]) -> None:
    proc, out = holder
    with pytest.raises(EditionError) as info:
        with lock_directory(out):
            pytest.fail("took a lock another process holds")
    msg = str(info.value)
    assert msg.startswith(f"{out / LOCK_NAME}: held by `edition build`, pid {proc.pid}, started "), msg
    assert "another edition command is writing tei/ or output/" in msg


def test_a_killed_holders_lock_is_recovered(holder: tuple[subprocess.Popen[str], Path]) -> None:
    proc, out = holder
    tmp = out / f".index.html.pid{proc.pid}.x1.tmp"
    tmp.write_text("half")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with lock_directory(out) as lock:
        assert any(f"pid {proc.pid}" in n and "without releasing" in n for n in lock.notes), lock.notes
        assert any(".index.html" in n for n in lock.notes)
        assert (out / LOCK_NAME).read_text().startswith(f"pid={os.getpid()}\n")
    assert not tmp.exists()
    assert (out / LOCK_NAME).read_text() == ""  # released cleanly
    with lock_directory(out) as lock:
        assert lock.notes == []


def test_edition_build_refuses_while_another_build_runs(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "pyproject.toml").write_text('[tool.edition]\noutput_dir = "output"\n')
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(proj / "output")], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        run = corpus.run_edition(["build"], cwd=proj)
        assert run.code == 1, run.stderr
        assert run.stdout == ""
        assert "held by `edition build`" in run.stderr and f"pid {proc.pid}" in run.stderr
        assert not corpus.has_traceback(run)
    finally:
        proc.kill()
        proc.wait()
    run = corpus.run_edition(["build"], cwd=proj)  # holder gone: the lock is free again
    assert "held by" not in run.stderr


# --- real builds, killed ---------------------------------------------------------------


# Not byte-reproducible from run to run, so compared by consistency, not bytes: Pagefind's
# index (hash-named files differ between identical runs) and the build state that hashes it.
UNSTABLE = ("output/html/pagefind/", "output/.build-state.json")


def _tree(proj: Path) -> dict[str, bytes]:
    """What a build produces and keeps: tei/ and output/ (lock, temporaries and UNSTABLE aside); an SQLite
    cache by its content (`_rows`), not its bytes."""
    snap = {}
    for sub in ("tei", "output"):
        for k, v in corpus.snapshot(proj / sub).items():
            name = f"{sub}/{k}"
            # the staging copy, the replaced site, and that site kept as the next staging copy (not the site)
            staging = any(re.match(r"^\..+\.((staging|old)-\d+|previous)$", part) for part in Path(k).parts)
            if not (Path(k).name.startswith(".") and k.endswith(".tmp")) and not name.startswith(UNSTABLE) \
                    and not staging and not k.endswith(".site.lock") and not k.endswith(".sqlite-journal"):
                snap[name] = _rows(proj / sub / k) if k.endswith(".sqlite") else v
    return snap


def _rows(db: Path) -> bytes:
    """An SQLite database's content: every table's rows, sorted. Its bytes depend on the order of its past writes
    (which pages hold what), not only on what it holds; each write is a transaction (SQLite's journal), so a
    killed build leaves the last committed state, rolled back to on the next open."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return repr([(t, sorted(con.execute(f'SELECT * FROM "{t}"'))) for t in tables]).encode()
    finally:
        con.close()


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Paths that differ between two trees (for readable failures)."""
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def _search_index_consistent(proj: Path) -> None:
    """The Pagefind index, if any, names files that exist (a killed pagefind left no half index)."""
    import json

    entry = proj / "output" / "html" / "pagefind" / "pagefind-entry.json"
    if not entry.exists():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    for lang in data["languages"].values():
        assert (entry.parent / f"pagefind.{lang['hash']}.pf_meta").is_file(), lang


def _retitle(proj: Path) -> None:
    """An input change that makes the next build rewrite a TEI file and what derives from it."""
    texts = proj / "editorial" / "texts.toml"
    body = texts.read_text(encoding="utf-8")
    assert 'title = "From Bucharest to Moscow"' in body
    texts.write_text(body.replace('title = "From Bucharest to Moscow"', 'title = "From Bucharest to Moscow (rev.)"', 1), encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Reference results: a clean build (before) and a clean build after the input change (after).

    The whole `edition build` when it succeeds on the project; otherwise (a later stage not
    ready yet) its convert step only, with a warning, so the kill tests still run real writes.
    """
    base = tmp_path_factory.mktemp("ref")
    template = corpus.make_project(base / "template", with_code=True)  # frozen: the checkout changes meanwhile
    proj = base / "ed"
    shutil.copytree(template, proj)
    only = ""
    run = _build(proj, only)
    assert run.code == 0, f"edition build fails on the reference project: {run.stderr.strip()[-300:]}"
    before = _tree(proj)
    built = base / "built"  # the project as a clean build leaves it: each test starts from a copy
    shutil.copytree(proj, built)
    _retitle(proj)
    trace = base / "trace.tsv"
    run = _build(proj, only, trace=trace)
    assert run.code == 0, run.stderr
    after = _tree(proj)
    assert before != after
    written = {}  # "rel-path sha256" of every version the clean build wrote, intermediate ones included
    for line in trace.read_text().splitlines():
        dst, digest = line.split("\t")
        written[f"{Path(dst).relative_to(proj.resolve())}\t{digest}"] = b""
    return {"before": before, "after": after, "written": written,
            "only": {"steps": only.encode(), "template": str(template).encode(), "built": str(built).encode(),
                     "seconds": str(run.seconds).encode()}}


def _only(builds: dict[str, dict[str, bytes]]) -> str:
    return builds["only"]["steps"].decode()


def _copy(dest: Path, builds: dict[str, dict[str, bytes]]) -> Path:
    shutil.copytree(builds["only"]["template"].decode(), dest)
    return dest


def _built_project(dest: Path, builds: dict[str, dict[str, bytes]]) -> Path:
    """A copy of the reference project as its clean build left it (the build is not repeated)."""
    shutil.copytree(builds["only"]["built"].decode(), dest, symlinks=True)
    return dest


def _each_file_whole(state: dict[str, bytes], builds: dict[str, dict[str, bytes]]) -> None:
    """Each file is a version some stage wrote whole: the previous one, or one that an
    uninterrupted build writes (stages rewrite the TEI in turn: convert, enrich, …). An SQLite cache is
    written in transactions, each text's records one (`_rows`): it holds a committed state, which may lie
    between the previous and the final one; the recovery then compares its content."""
    import hashlib

    for name, data in state.items():
        if name.endswith(".sqlite"):
            continue
        versions = [builds[k][name] for k in ("before", "after") if name in builds[k]]
        known = data in versions or f"{name}\t{hashlib.sha256(data).hexdigest()}" in builds["written"]
        assert known, f"{name}: neither the previous version nor one an uninterrupted build writes"


def _recover(proj: Path, builds: dict[str, dict[str, bytes]], *, fixed_point: bool = False) -> None:
    run = _build(proj, _only(builds))
    assert run.code == 0, run.stderr
    assert not corpus.has_traceback(run)
    assert _differences(_tree(proj), builds["after"]) == []
    _search_index_consistent(proj)
    leftovers = [p for d in ("tei", "output") for p in (proj / d).rglob(".*.tmp")]
    leftovers += [p for p in (proj / "output").glob(".*-*") if re.match(r"^\..+\.(staging|old)-\d+$", p.name)]
    assert leftovers == []
    if fixed_point:  # and the recovered state is a fixed point (checked once: a whole build more)
        again = _build(proj, _only(builds))
        assert again.code == 0, again.stderr
        assert _differences(_tree(proj), builds["after"]) == []


@pytest.mark.parametrize("nth", [1, 2, 4])
def test_kill_9_at_a_file_replacement(nth: int, builds: dict[str, dict[str, bytes]], tmp_path: Path) -> None:
    proj = _built_project(tmp_path / "ed", builds)
    assert _differences(_tree(proj), builds["before"]) == []
    _retitle(proj)
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        _driver(tmp_path, nth, _only(builds)),
        cwd=proj, env=corpus.code_env(proj), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if ready.exists():
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        stalled = Path(ready.read_text())
        state = _tree(proj)
        _each_file_whole(state, builds)
        rel = str(stalled.relative_to(proj))
        rewritten = sum(1 for k in builds["written"] if k.split("\t")[0] == rel) > 1
        if rel in builds["before"] and not rewritten:
            # (a file a build replaces more than once, like tei/.manifest.json, may already hold
            # the version an earlier replacement of this build wrote: _each_file_whole checks it)
            assert state[rel] == builds["before"][rel], f"{rel} changed although its replacement never happened"
    else:
        proc.wait()
        assert proc.returncode == 0, "the build ended before its replacement number %d" % nth
    _recover(proj, builds, fixed_point=nth == 1)


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_kill_9_at_a_moment_of_a_real_build(fraction: float, builds: dict[str, dict[str, bytes]], tmp_path: Path) -> None:
    proj = _built_project(tmp_path / "ed", builds)
    _retitle(proj)
    duration = float(builds["only"]["seconds"].decode())  # how long the same rebuild took in the fixture
    proc = subprocess.Popen(_driver(tmp_path, 0, _only(builds)), cwd=proj, env=corpus.code_env(proj), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(duration * fraction)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    _each_file_whole(_tree(proj), builds)
    _recover(proj, builds)


def test_two_builds_at_once(builds: dict[str, dict[str, bytes]], tmp_path: Path) -> None:
    """The second build fails at once naming the first; the first finishes undisturbed."""
    proj = _built_project(tmp_path / "ed", builds)
    _retitle(proj)
    ready, release = tmp_path / "ready", tmp_path / "release"
    first = subprocess.Popen(
        _driver(tmp_path, 1, _only(builds)),
        cwd=proj, env=corpus.code_env(proj), stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not ready.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists(), "the first build never wrote a file"
        second = corpus.run_edition(["build"], cwd=proj, env=corpus.code_env(proj))
        assert second.code == 1
        assert "held by `edition build`" in second.stderr and f"pid {first.pid}" in second.stderr
        assert not corpus.has_traceback(second)
        release.write_text("go")
        _, err = first.communicate(timeout=600)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert _differences(_tree(proj), builds["after"]) == []


# --- hand edits --------------------------------------------------------------------------


def _fbm(proj: Path) -> tuple[Path, Path]:
    meta = load_project(proj).text_by_id("fbm")
    assert meta is not None
    return proj / "seeds" / meta.seed, proj / "tei" / meta.tei


def test_hand_edited_tei_survives_convert_and_build_and_force_keeps_a_backup(tmp_path: Path) -> None:
    proj = corpus.make_project(tmp_path / "ed")
    seed, target = _fbm(proj)
    first = corpus.run_edition(["convert", str(seed)], cwd=proj)
    assert first.code == 0, first.stderr
    edited = target.read_bytes().replace(b"</body>", b"<p>A scholar's added paragraph.</p></body>", 1)
    assert edited != target.read_bytes()
    target.write_bytes(edited)

    for args in (["convert", str(seed)], ["convert", "--profile", "memoir", str(seed)]):
        run = corpus.run_edition(args, cwd=proj)
        assert run.code == 1, (args, run.stdout, run.stderr)
        assert f"{target}: edited since it was generated" in run.stderr
        assert "--force" in run.stderr
        assert not corpus.has_traceback(run)
        assert target.read_bytes() == edited
        assert not list(target.parent.glob("*.bak*"))

    # the build keeps the master (the TEI) and carries on; later stages keep the scholar's text
    run = corpus.run_edition(["build"], cwd=proj, timeout=600)
    assert not corpus.has_traceback(run), run.stderr
    assert f"{target.name}: kept (edited by hand)" in run.stdout, run.stdout
    assert b"<p>A scholar's added paragraph.</p>" in target.read_bytes()
    assert not list(target.parent.glob("*.bak*"))
    edited = target.read_bytes()

    forced = corpus.run_edition(["convert", "--force", str(seed)], cwd=proj)
    assert forced.code == 0, forced.stderr
    backup = target.with_suffix(".xml.bak")
    assert backup.read_bytes() == edited
    assert f"previous version kept as {backup}" in forced.stderr
    assert target.read_bytes() != edited
    # a second forced run after another edit keeps both backups
    target.write_bytes(edited + b"<!-- again -->\n")
    again = corpus.run_edition(["convert", "--force", str(seed)], cwd=proj)
    assert again.code == 0, again.stderr
    assert backup.read_bytes() == edited
    assert target.with_suffix(".xml.bak.1").read_bytes() == edited + b"<!-- again -->\n"
