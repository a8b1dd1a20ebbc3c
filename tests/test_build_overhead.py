"""What keeps a no-op build cheap keeps it right: the lock's sweep of temporaries after a holder that ended
badly, the seeds' paths checked with their directory resolved once, the parsed texts.toml kept in the build
state only while the file is unchanged; and what keeps an edit's build cheap (session 8): the build state's
digests (each file stat'ed once, shared with the steps only while the build runs, a step's outputs taken
afresh after it ran), its saves, the texts' files found by one listing, the validation's display names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edition.buildstate import BuildState, kept_toml
from edition.config import load_project
from edition.errors import EditionError
from edition.lock import LOCK_NAME, lock_directory
from edition.safeio import inside, is_inside


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_holder_that_ended_by_an_error_has_its_temporaries_swept_everywhere(tmp_path: Path) -> None:
    out = tmp_path / "output"
    deep = out / "html" / "tei"
    deep.mkdir(parents=True)
    with lock_directory(out):
        pass
    assert (out / LOCK_NAME).read_text() == ""  # released cleanly
    stale = deep / f".x.xml.pid{_dead_pid()}.ab12.tmp"
    stale.write_text("half")
    with lock_directory(out):  # after a clean release only the top is looked at
        pass
    assert stale.exists()
    with pytest.raises(RuntimeError):
        with lock_directory(out):
            raise RuntimeError("a step failed")
    assert "by an error" in (out / LOCK_NAME).read_text()
    with lock_directory(out) as lock:
        assert not stale.exists()
        assert any(".x.xml" in n for n in lock.notes), lock.notes
        assert not any("without releasing" in n for n in lock.notes), lock.notes
    assert (out / LOCK_NAME).read_text() == ""


@pytest.mark.parametrize("name", ["a.txt", "sub/b.txt", "sub/", "./a.txt", "sub/../a.txt", "missing/x.txt",
                                  "link/c.txt", "l2", "sub/../../out/x", "/etc/passwd", "inner", "inner/a.txt"])
def test_inside_with_resolved_parents_is_inside(tmp_path: Path, name: str) -> None:
    root, outside = tmp_path / "r", tmp_path / "out"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "a.txt").write_text("a")
    os.symlink(outside, root / "link")  # a directory link leading out
    os.symlink("../out/x", root / "l2")  # a file link leading out
    os.symlink("sub", root / "inner")  # a link staying inside

    def check(parents: dict[str, str] | None) -> str:
        try:
            return str(inside(root, name, what="w", parents=parents))
        except EditionError as exc:
            return f"refused: {exc}"

    parents: dict[str, str] = {}
    assert check(parents) == check(None)
    assert check(parents) == check(None)  # and with the directories resolved by the call before
    assert is_inside(root, name, {}) == (not check(None).startswith("refused"))


def test_texts_toml_kept_only_while_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    (root / "editorial").mkdir(parents=True)
    (root / "output").mkdir()
    (root / "seeds").mkdir()
    (root / "pyproject.toml").write_text("[tool.edition]\n", encoding="utf-8")
    texts = root / "editorial" / "texts.toml"

    def write(title: str, settled: bool = True) -> None:
        texts.write_text(f'[[texts]]\nid = "a"\nseed = "a.txt"\nprofile = "memoir"\ntei = "a.xml"\ntitle = "{title}"\n',
                         encoding="utf-8")
        if settled:  # old enough to be kept (buildstate.SETTLED)
            old = time.time() - 10
            os.utime(texts, (old, old))

    write("First")
    assert load_project(root).texts[0].title == "First"
    BuildState(root / "output").save()
    assert kept_toml(root / "output", texts) == {"texts": [{"id": "a", "seed": "a.txt", "profile": "memoir",
                                                            "tei": "a.xml", "title": "First"}]}
    assert load_project(root).texts[0].title == "First"
    write("Second")
    assert kept_toml(root / "output", texts) is None
    assert load_project(root).texts[0].title == "Second"
    BuildState(root / "output").save()
    assert load_project(root).texts[0].title == "Second"
    write("Third", settled=False)  # just saved: read, and not kept (it could change again within the tick)
    assert load_project(root).texts[0].title == "Third"
    BuildState(root / "output").save()
    assert kept_toml(root / "output", texts) is None


@pytest.mark.parametrize("entry", [[1, 2, 3, "ab12"], [10**18, 0, 5, "f" * 64], [1, 2, 3], [True, 2, 3, "x"],
                                   [1.5, 2, 3, "x"], [1, 2, 3, "a b"], [1, 2, 3, "é"], [1, 2, 3, ""], [-1, 2, 3, "a"],
                                   [1, 2, 3, None], ["1", 2, 3, "a"]])
def test_the_state_file_is_written_as_json_dumps_writes_it(entry: list) -> None:
    """The build state's lines are formatted without json.dumps's per-call cost, byte for byte as it formats
    them (a state of 8,000 files is written twice in an edit's build)."""
    import json

    from edition.buildstate import _json_entry, _json_key

    assert _json_entry(entry) == json.dumps(entry)
    for key in ("tei/l0001.xml", "é/ü", 'q"uote', "back\\slash", "tab\tnl\n", "\u2028", "😀"):
        assert _json_key(key) == json.dumps(key)


def test_the_state_is_saved_through_the_fast_formatting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """save() formats the files' entries with _json_entry and _json_key (one json.dumps per entry cost 4.1 µs, and
    the helpers above were once tested but not used), and the file stays what json.dumps would write."""
    import json

    import edition.buildstate as bs

    state = BuildState(tmp_path / "output")
    for k in range(500):
        name = f"tei/l{k:04d}.xml"
        state.files[name] = [k, 10**18 + k, 7 * k, f"{k:064x}"]
        state.seen.add(name)
    calls = []
    dumps = json.dumps
    monkeypatch.setattr(bs.json, "dumps", lambda *a, **kw: calls.append(a) or dumps(*a, **kw))
    state.save()
    assert len(calls) < 10  # not one (or two) per entry
    data = json.loads((tmp_path / "output" / bs.STATE_NAME).read_text(encoding="utf-8"))
    assert data["files"] == {k: v for k, v in state.files.items()}
    monkeypatch.setattr(bs.json, "dumps", dumps)
    lines = (tmp_path / "output" / bs.STATE_NAME).read_text(encoding="utf-8").splitlines()
    assert f'  "tei/l0007.xml": {json.dumps(state.files["tei/l0007.xml"])},' in lines


def test_the_steps_take_the_builds_digests_while_it_runs_and_never_after(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A step's FileHashes (the validation cache's, the site graph's) take a file the build already hashed from the
    build's digests, without a stat (thousands of texts were stat'ed twice and three times in an edit's build);
    once the build is closed, a FileHashes made afterwards (the preview server's) sees the file as it is."""
    import hashlib

    import edition.buildstate as bs
    from edition.buildstate import FileHashes

    tei = tmp_path / "tei"
    tei.mkdir()
    text = tei / "a.xml"
    text.write_text("<TEI>one</TEI>", encoding="utf-8")
    out = tmp_path / "output"
    state = BuildState(out)
    assert FileHashes(out).memo is None  # a state not running a build shares nothing
    with state.running():
        state.digest([tei])
        stats = []
        real = os.stat
        monkeypatch.setattr(bs.os, "stat", lambda *a, **kw: stats.append(a) or real(*a, **kw))
        hashes = FileHashes(out)
        assert hashes.sha(text) == hashlib.sha256(b"<TEI>one</TEI>").hexdigest()
        assert hashes.tree([tei], base=tmp_path) == state.digest([tei])
        assert (str(text),) not in stats  # taken from the build's digests (its directory is walked, not the file)
    text.write_text("<TEI>two</TEI>", encoding="utf-8")
    assert FileHashes(out).sha(text) == hashlib.sha256(b"<TEI>two</TEI>").hexdigest()
    assert bs._RUN.get(os.fspath(out)) is None


def test_a_build_closes_its_digests(tmp_path: Path, repo_root: Path) -> None:
    """run_steps leaves no build's digests behind it, also when a step failed."""
    import edition.buildstate as bs
    from edition.build import run_steps

    root = tmp_path / "p"
    (root / "tei").mkdir(parents=True)
    (root / "editorial").mkdir()
    (root / "pyproject.toml").write_text('[tool.edition]\nsteps = ["validate"]\n', encoding="utf-8")
    (root / "editorial" / "texts.toml").write_text("", encoding="utf-8")
    with pytest.raises(EditionError):
        run_steps(load_project(root))
    assert os.fspath(load_project(root).output_dir) not in bs._RUN


def _reference_tree_hash(paths: list[Path], base: Path) -> str:
    """tree_hash as it was written before it stat'ed each file once: the digest it must keep."""
    import hashlib

    h = hashlib.sha256()
    prefix = os.path.join(str(base), "")
    for path in paths:
        found = False
        files: list[str] = []
        if path.is_file():
            files = [str(path)]
        elif path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if d not in {"__pycache__"}]
                files += [os.path.join(dirpath, f) for f in filenames
                          if f not in {".build-state.json", ".build.lock", ".DS_Store", "__pycache__"}
                          and not f.startswith(".") and not f.endswith((".pyc", ".tmp", ".bak"))]
            files.sort(key=lambda f: f.split(os.sep))
        for f in files:
            if not os.path.isfile(f):
                continue
            found = True
            h.update(f[len(prefix):].encode() + b"\0")
            h.update(hashlib.sha256(Path(f).read_bytes()).digest())
        if not found:
            h.update(f"{path}\0<missing>\0".encode())
    return h.hexdigest()


def test_tree_hash_stats_each_file_once_and_keeps_its_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site's outputs are thousands of paths, each a file: tree_hash stats each once (it stat'ed a path to tell a
    file from a directory, then again for its digest, and made a Path of each Path: 0.45 s for a site of 7,000
    files), and its digest is the one it always was (over names, contents, missing paths)."""
    import edition.buildstate as bs

    site = tmp_path / "html"
    (site / "tei").mkdir(parents=True)
    (site / "a-b").mkdir()
    (site / "a" / "b").mkdir(parents=True)
    for d in ("a.b", "a0", ".git/objects", "__pycache__", "a/__pycache__", "z/.cache"):
        (site / d).mkdir(parents=True)
    for name in ("index.html", "l1.html", "tei/l1.xml", "a-b/x", "a/b/y", ".hidden", "old.bak", "a/c.tmp",
                 "a.b/x", "a0/x", "a/b.c", "a/b0", "a/B", ".git/objects/o1", "__pycache__/m.py", "a/__pycache__/n",
                 "z/.cache/k", "z/y", "z/Y"):
        (site / name).write_text(f"<{name}>", encoding="utf-8")
    (site / "link.html").symlink_to(site / "l1.html")
    (site / "dangling").symlink_to(site / "nowhere")
    (site / "z" / "linked-dir").symlink_to(site / "a", target_is_directory=True)  # listed by neither: not followed
    paths = sorted(site.iterdir()) + [site / "gone.html", site / "a", site]
    stats: list[str] = []
    real = os.stat
    monkeypatch.setattr(bs.os, "stat", lambda p, *a, **kw: stats.append(os.fspath(p)) or real(p, *a, **kw))
    got = bs.tree_hash(paths, base=tmp_path, cache={}, seen=set(), memo={})
    monkeypatch.setattr(bs.os, "stat", real)
    assert got == _reference_tree_hash(paths, tmp_path)
    assert stats.count(str(site / "index.html")) == 1
    assert stats.count(str(site / "tei" / "l1.xml")) == 1
    assert [f for f, _ in bs._files(site)] == _reference_files(site)  # the walk's order and choices are os.walk's


def _reference_files(top: Path) -> list[str]:
    """The files of a directory as the build state listed them before round 10: os.walk, then sorted by the
    components of their names."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        found += [os.path.join(dirpath, f) for f in filenames
                  if f not in {".build-state.json", ".build.lock", ".DS_Store", "__pycache__"}
                  and not f.startswith(".") and not f.endswith((".pyc", ".tmp", ".bak"))]
    return sorted(found, key=lambda f: f.split(os.sep))


def test_a_steps_outputs_are_taken_afresh_after_it_ran(tmp_path: Path) -> None:
    """BuildState.changed(outputs) drops from the run's digests every file under those outputs, and only those
    (found through each name's directories: 5,000 outputs tried against every name cost 0.2 s after each step)."""
    state = BuildState(tmp_path / "output")
    site = tmp_path / "output" / "html"
    names = [site / "a.html", site / "ab.html", site / "tei" / "a.xml", site / "pagefind" / "x" / "y",
             site / "pagefind-entry.json", tmp_path / "tei" / "a.xml", tmp_path / "output" / "pdf" / "b.pdf"]
    for n in names:
        n.parent.mkdir(parents=True, exist_ok=True)
        n.write_text("old", encoding="utf-8")
    state.digest(names)
    assert set(state.memo) == {str(n) for n in names}
    old = state.digest([site / "tei" / "a.xml"])
    state.changed([site / "a.html", site / "tei", site / "pagefind"])
    assert set(state.memo) == {str(n) for n in (site / "ab.html", site / "pagefind-entry.json", tmp_path / "tei" / "a.xml",
                                                tmp_path / "output" / "pdf" / "b.pdf")}
    (site / "tei" / "a.xml").write_text("new", encoding="utf-8")
    assert state.digest([site / "tei" / "a.xml"]) != old  # read again, not taken from the run's digests
    state.changed([tmp_path / "output"])
    assert set(state.memo) == {str(tmp_path / "tei" / "a.xml")}
    state.changed([])
    assert set(state.memo) == {str(tmp_path / "tei" / "a.xml")}
    state.changed(None)
    assert state.memo == {}


def test_texts_seeds_are_checked_without_a_path_each_and_one_leading_out_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The seeds of texts.toml are checked to stay inside the seeds' directory by strings (safeio.is_inside:
    `inside` made two Paths per seed, 0.08 s of 2,000 letters' no-op); a seed linked out is refused as before."""
    import edition.config as config

    root = tmp_path / "p"
    for d in ("editorial", "seeds", "tei", "output"):
        (root / d).mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.edition]\n", encoding="utf-8")
    entries = []
    for k in range(50):
        (root / "seeds" / f"s{k}.txt").write_text("x", encoding="utf-8")
        entries.append(f'[[texts]]\nid = "t{k}"\nseed = "s{k}.txt"\nprofile = "memoir"\ntei = "t{k}.xml"\ntitle = "T"\n')
    (root / "editorial" / "texts.toml").write_text("\n".join(entries), encoding="utf-8")
    calls = []
    real = config.inside
    monkeypatch.setattr(config, "inside", lambda *a, **kw: calls.append(a) or real(*a, **kw))
    assert len(load_project(root).texts) == 50
    assert len(calls) <= 4  # the project's directories, not one per seed
    (root / "seeds" / "s7.txt").unlink()
    (root / "seeds" / "s7.txt").symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(EditionError, match="leads outside the project"):
        load_project(root)
    # only the seeds that are symbolic links (or paths with a directory) are resolved: one listing for the rest
    (root / "seeds" / "s7.txt").unlink()
    (root / "seeds" / "s7.txt").symlink_to(root / "seeds" / "s8.txt")  # a link that stays inside
    resolved = []
    real_is_inside = config.is_inside
    monkeypatch.setattr(config, "is_inside", lambda r, seed, parents: resolved.append(seed) or real_is_inside(
        r, seed, parents))
    assert len(load_project(root).texts) == 50
    assert resolved == ["s7.txt"]
    (tmp_path / "out").mkdir()
    (root / "seeds" / "sub").symlink_to(tmp_path / "out", target_is_directory=True)
    (tmp_path / "out" / "s9.txt").write_text("x", encoding="utf-8")
    toml = (root / "editorial" / "texts.toml").read_text(encoding="utf-8")
    (root / "editorial" / "texts.toml").write_text(toml.replace('"s9.txt"', '"sub/s9.txt"'), encoding="utf-8")
    with pytest.raises(EditionError, match="entry 10: seed 'sub/s9.txt' leads outside the project"):
        load_project(root)


def test_a_step_that_ran_is_asked_for_its_inputs_and_outputs_once(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """After a step ran, what it read and wrote is asked for once, for both the digests to take afresh and the record
    (the html step's outputs list the thousands of files of the site: listed twice, then once)."""
    import edition.build as build
    from edition.stage import Report, Stage

    root = tmp_path / "p"
    (root / "tei").mkdir(parents=True)
    (root / "editorial").mkdir()
    (root / "pyproject.toml").write_text('[tool.edition]\nsteps = ["html"]\n', encoding="utf-8")
    (root / "editorial" / "texts.toml").write_text("", encoding="utf-8")
    out = root / "output" / "site.txt"
    asked: list[int] = []

    def depends(p):
        asked.append(1)
        return [p.tei_dir], [out]

    def run(p):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"made {len(asked)}", encoding="utf-8")
        return Report("html")

    monkeypatch.setattr(build, "BY_NAME", {"html": Stage("html", "a stand-in", run, depends=depends)})
    assert [r.status for r in build.run_steps(load_project(root))] == ["ran"]
    assert len(asked) == 2  # whether it is fresh (before), what it read and wrote (after)
    asked.clear()
    assert [r.status for r in build.run_steps(load_project(root))] == ["skipped"]
    (root / "tei" / "a.xml").write_text("<TEI/>", encoding="utf-8")
    asked.clear()
    assert [r.status for r in build.run_steps(load_project(root))] == ["ran"]
    assert len(asked) == 2


def test_a_second_save_formats_only_the_entries_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The state is saved after each step: the lines of entries unchanged since the save before are not formatted
    again (thousands of entries twice in an edit's build), and the file holds every entry as it is now."""
    import json

    import edition.buildstate as bs

    state = BuildState(tmp_path / "output")
    for k in range(300):
        name = f"tei/l{k:04d}.xml"
        state.files[name] = [k, 10**18 + k, 7 * k, f"{k:064x}"]
        state.seen.add(name)
    state.save()
    state.files["tei/l0003.xml"] = [1, 2, 3, "ff"]  # entries are replaced, as the hashing does
    state.files["tei/new.xml"] = [4, 5, 6, "ee"]
    state.seen.add("tei/new.xml")
    formatted: list[list] = []
    real = bs._json_entry
    monkeypatch.setattr(bs, "_json_entry", lambda v: formatted.append(v) or real(v))
    state.save()
    assert sorted(formatted) == [[1, 2, 3, "ff"], [4, 5, 6, "ee"]]
    data = json.loads((tmp_path / "output" / bs.STATE_NAME).read_text(encoding="utf-8"))
    assert data["files"] == state.files


def test_the_texts_files_are_found_by_one_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Project.text_paths looks for thousands of texts' files in one listing of tei/ (a stat each before); a missing
    file or a link leading nowhere is refused as before."""
    import pathlib

    root = tmp_path / "p"
    for d in ("editorial", "seeds", "tei"):
        (root / d).mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.edition]\n", encoding="utf-8")
    entries = []
    for k in range(20):
        (root / "seeds" / f"s{k}.txt").write_text("x", encoding="utf-8")
        (root / "tei" / f"t{k}.xml").write_text("<TEI/>", encoding="utf-8")
        entries.append(f'[[texts]]\nid = "t{k}"\nseed = "s{k}.txt"\nprofile = "memoir"\ntei = "t{k}.xml"\ntitle = "T"\n')
    (root / "editorial" / "texts.toml").write_text("\n".join(entries), encoding="utf-8")
    (root / "tei" / "t3.xml").unlink()
    (root / "tei" / "t3.xml").symlink_to("t4.xml")  # a link leading to a file: there
    project = load_project(root)
    asked: list[Path] = []
    real = pathlib.Path.exists
    monkeypatch.setattr(pathlib.Path, "exists", lambda self, *a, **kw: asked.append(self) or real(self, *a, **kw))
    assert [p.name for p in project.text_paths()] == [f"t{k}.xml" for k in range(20)]
    assert asked == []
    monkeypatch.setattr(pathlib.Path, "exists", real)
    (root / "tei" / "t4.xml").unlink()  # t3's link now leads nowhere, t4 is gone
    with pytest.raises(EditionError, match=r"t3\.xml: TEI of text 't3' is missing"):
        project.text_paths()


def test_validation_display_names_as_relpath_gives_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The validation cache names thousands of files relative to the working directory without os.path.relpath
    for each (which works out the working directory again every time), as display_path names them."""
    from edition.validate import cache as vcache
    from edition.validate.documents import display_path

    (tmp_path / "tei").mkdir()
    monkeypatch.chdir(tmp_path)
    paths = [tmp_path / "tei" / "a.xml", Path("tei/b.xml"), tmp_path / "tei" / ".." / "tei" / "c.xml",
             tmp_path.parent / "elsewhere.xml", Path("/") / "x.xml", tmp_path / "tei"]
    assert vcache._displays(paths) == {p: display_path(p) for p in paths}
    calls: list[str] = []
    real = os.path.relpath
    monkeypatch.setattr(os.path, "relpath", lambda *a: calls.append(a[0]) or real(*a))
    vcache._displays([tmp_path / "tei" / f"l{k}.xml" for k in range(100)])
    assert calls == []


@pytest.mark.slow
def test_a_build_that_finds_nothing_to_do_through_the_console_script(tmp_path: Path) -> None:
    """`edition` (the console script, edition.cli:run) on a built edition: exit 0, the summary on stdout, nothing
    written, and none of the publishing machinery loaded (lxml, Saxon, process pools: ≈ 20 ms of imports that a
    build with nothing to do paid for the lock's sweep of temporaries until round 10)."""
    from letters_support import generate_letters

    from edition.build import run_steps

    root = generate_letters(3, tmp_path / "p", min_kb=3, max_kb=5, seed=5)
    run_steps(load_project(root))
    state = root / "output" / ".build-state.json"
    before = state.stat().st_mtime_ns, state.read_bytes()
    probe = ("import atexit, sys\n"
             "heavy = ('lxml', 'saxonche', 'multiprocessing', 'concurrent.futures', 'edition.xmlio')\n"
             "atexit.register(lambda: print('LOADED', sorted(m for m in heavy if m in sys.modules), file=sys.stderr))\n"
             "sys.argv = ['edition', 'build']\n"
             "from edition.cli import run\n"
             "run()\n")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("edition build: 0 step(s) run, 2 unchanged"), proc.stdout
    assert "LOADED []" in proc.stderr, proc.stderr
    assert (state.stat().st_mtime_ns, state.read_bytes()) == before


def test_the_projects_tei_files_are_one_listing_as_the_glob_gave_them(tmp_path: Path) -> None:
    """validate.documents.project_files lists tei/ once (a glob with a stat and Path comparisons per file cost an
    edit's build 35 ms at N = 2,000, twice): the same files as `sorted(glob("*.xml"))` of regular files, links to
    files included; and the validate step still refuses a project whose tei/ holds none."""
    from edition.build import run_steps
    from edition.validate.documents import project_files

    tei = tmp_path / "p" / "tei"
    tei.mkdir(parents=True)
    for name in ("b.xml", "a.xml", "A.xml", "a-b.xml", ".hidden.xml", "notes.txt", "x.XML", "c.xml.bak"):
        (tei / name).write_text("<x/>", encoding="utf-8")
    (tei / "dir.xml").mkdir()
    (tei / "linked.xml").symlink_to(tei / "a.xml")
    (tei / "dangling.xml").symlink_to(tei / "gone.xml")
    assert project_files(tei) == sorted(p for p in tei.glob("*.xml") if p.is_file())
    assert [p.name for p in project_files(tei)] == [".hidden.xml", "A.xml", "a-b.xml", "a.xml", "b.xml", "linked.xml"]
    assert project_files(tmp_path / "missing") == []

    root = tmp_path / "empty"
    (root / "tei").mkdir(parents=True)
    (root / "editorial").mkdir()
    (root / "editorial" / "events.xml").write_text("<x/>", encoding="utf-8")
    (root / "editorial" / "texts.toml").write_text("", encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.edition]\nsteps = ["validate"]\n', encoding="utf-8")
    with pytest.raises(EditionError, match="no TEI files to validate"):
        run_steps(load_project(root))


def test_a_steps_memory_is_released_only_from_a_large_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """After each step the build collects garbage and trims the C heap (build._release_memory), but not in a process
    under RELEASE_ABOVE (an edit's build: two full collections of its large tables, ≈ 45 ms, freed nothing worth it)."""
    import gc

    import edition.build as b

    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or 0)
    assert b._resident_bytes() is not None and 0 < b._resident_bytes() < 10**12  # type: ignore[operator]
    monkeypatch.setattr(b, "RELEASE_ABOVE", 10**15)
    b._release_memory()
    assert collected == []
    monkeypatch.setattr(b, "RELEASE_ABOVE", 0)
    b._release_memory()
    assert collected == [1]
    monkeypatch.setattr(b, "_resident_bytes", lambda: None)  # not Linux: always released
    monkeypatch.setattr(b, "RELEASE_ABOVE", 10**15)
    b._release_memory()
    assert collected == [1, 1]


def test_a_build_that_ran_nothing_saves_the_hashes_it_found_only_when_they_are_many(tmp_path: Path) -> None:
    """BuildState.save_hashes: the hashes found anew after a copy or checkout (many files) are kept for the next build;
    the few small files an edit's build wrote just before hashing them are read again instead (a millisecond), so that
    the no-op after an edit does not write the whole state (≈ 80 ms at N = 2,000)."""
    import edition.buildstate as bs

    out, files = tmp_path / "output", tmp_path / "files"
    out.mkdir()
    files.mkdir()
    old = time.time() - 10
    for k in range(bs.FEW_FILES + 1):
        (files / f"f{k}.txt").write_text(f"file {k}", encoding="utf-8")
        os.utime(files / f"f{k}.txt", (old, old))
    state_file = out / bs.STATE_NAME

    def digest(paths: list[Path]) -> None:
        bs._PARSED.clear()
        bs._LIVE.clear()
        state = BuildState(out)
        state.digest(paths)
        state.save_hashes()

    digest(sorted(files.iterdir())[:3])  # three small files found anew: not worth the state's write
    assert not state_file.exists()
    digest(sorted(files.iterdir()))  # many: kept
    assert len(json.loads(state_file.read_text(encoding="utf-8"))["files"]) == bs.FEW_FILES + 1
    before = state_file.read_bytes()
    (files / "f0.txt").write_text("changed", encoding="utf-8")
    os.utime(files / "f0.txt", (old + 1, old + 1))
    digest(sorted(files.iterdir()))  # one file changed since: read again, the state left as it is
    assert state_file.read_bytes() == before
    (files / "big.bin").write_bytes(b"x" * (bs.FEW_BYTES + 1))
    os.utime(files / "big.bin", (old, old))
    digest(sorted(files.iterdir()))  # one large file: kept
    assert state_file.read_bytes() != before
