"""What keeps a no-op build cheap keeps it right: the lock's sweep of temporaries after a holder that ended
badly, the seeds' paths checked with their directory resolved once, the parsed texts.toml kept in the build
state only while the file is unchanged."""

from __future__ import annotations

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
from edition.safeio import inside


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
