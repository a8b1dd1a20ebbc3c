"""The build's validation file by file (validate/cache.py) finds what `engine.validate` over every file
finds, after any edit, and checks again only the files whose inputs changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from edition.validate import cache as vcache
from edition.validate.cache import ValidationCache
from edition.validate.documents import project_files
from edition.validate.engine import validate

from letters_support import generate_letters

REPO = Path(__file__).resolve().parent.parent


def _letters(dest: Path, n: int = 6) -> Path:
    return generate_letters(n, dest, min_kb=2, max_kb=4, seed=3)


def _both(root: Path, cache: ValidationCache, checked: list[list[str]]):
    paths = project_files(root / "tei")
    reg = root / "tei" / "register.xml"
    whole = validate(paths, register=reg, seeds_dirs=[root / "seeds"])
    cached = cache.validate(paths, register=reg, seeds_dirs=[root / "seeds"])
    assert cached.files == whole.files
    assert cached.diagnostics == whole.diagnostics, "\n".join(
        [d.text() for d in cached.diagnostics] + ["---"] + [d.text() for d in whole.diagnostics])
    return checked.pop() if checked else []


def _sub(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names of the files each run of the cache sent to the engine."""
    calls: list[list[str]] = []
    real = vcache.validate

    def counting(paths, **kw):
        calls.append(sorted(p.name for p in paths))
        return real(paths, **kw)

    monkeypatch.setattr(vcache, "validate", counting)
    return calls


def test_same_findings_and_only_changed_files_checked(tmp_path: Path, spy: list[list[str]]) -> None:
    root = _letters(tmp_path / "p")
    tei = root / "tei"
    a, b, c = tei / "l00000.xml", tei / "l00001.xml", tei / "l00002.xml"
    cache = ValidationCache(tmp_path / "cache")
    first = _both(root, cache, spy)
    assert len(first) == 7  # six letters and the register, all checked once
    assert _both(root, cache, spy) == []  # nothing changed: nothing checked again

    # a word: that letter only
    text = b.read_text(encoding="utf-8")
    word = re.search(r'<p xml:id="[^"]+">([a-z]{4,}) ', text).group(1)
    _sub(b, f">{word} ", ">edited ")
    assert _both(root, cache, spy) == ["l00001.xml"]

    # a pointer into another letter, to an id it lacks: an error in c, found again when a gains the id
    pid = re.search(r'<p xml:id="(l00000-p\d+)"', a.read_text(encoding="utf-8")).group(1)
    _sub(c, "<p xml:id=", f'<p corresp="l00000.xml#{pid}x" xml:id=')
    assert _both(root, cache, spy) == ["l00002.xml"]
    _sub(a, f'xml:id="{pid}"', f'xml:id="{pid}x"')
    assert _both(root, cache, spy) == ["l00000.xml", "l00002.xml"]

    # an id of a used again in b (id-unique, worked out from the summaries), then taken away again
    bid = re.search(r'<p xml:id="(l00001-p\d+)"', b.read_text(encoding="utf-8")).group(1)
    _sub(b, f'xml:id="{bid}"', f'xml:id="{pid}x"')
    assert _both(root, cache, spy) == ["l00001.xml"]
    _sub(b, f'xml:id="{pid}x"', f'xml:id="{bid}"')
    assert _both(root, cache, spy) == ["l00001.xml"]

    # an invalid element, and a file that is not well-formed (checked at every run)
    _sub(c, "</p>", "<bogus/></p>")
    _sub(tei / "l00003.xml", "</p>", "</q>")
    assert _both(root, cache, spy) == ["l00002.xml", "l00003.xml"]
    assert _both(root, cache, spy) == ["l00003.xml"]

    # the register: every file
    _sub(tei / "register.xml", "</listOrg>", "</listOrg><!-- edited -->")
    assert len(_both(root, cache, spy)) == 7


@pytest.mark.slow
def test_real_edition_same_findings(tmp_path: Path, spy: list[list[str]]) -> None:
    root = tmp_path / "p"
    for name in ("tei", "seeds"):
        shutil.copytree(REPO / name, root / name)
    cache = ValidationCache(tmp_path / "cache")
    assert len(_both(root, cache, spy)) == 3
    _sub(root / "tei" / "soviet-albanian-split.xml", " the line of the ", " the course of the ")
    assert _both(root, cache, spy) == ["soviet-albanian-split.xml"]


def test_files_checked_in_batches_find_what_one_run_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache sends the engine at most BATCH files at once (it holds their documents): a pointer into a file of
    another batch is still resolved, and the findings are those of one run over every file."""
    monkeypatch.setattr(vcache, "BATCH", 2)
    root = _letters(tmp_path / "p")
    tei = root / "tei"
    a, c = tei / "l00000.xml", tei / "l00005.xml"
    pid = re.search(r'<p xml:id="(l00000-p\d+)"', a.read_text(encoding="utf-8")).group(1)
    _sub(c, "<p xml:id=", f'<p corresp="l00000.xml#{pid}" xml:id=')  # resolves, in another batch
    _sub(c, "<p xml:id=", f'<p corresp="l00000.xml#{pid}x" xml:id=')  # does not
    _sub(c, "</p>", "<bogus/></p>")
    sizes: list[int] = []
    real = vcache.validate

    def counting(paths, **kw):
        sizes.append(len(paths))
        return real(paths, **kw)

    monkeypatch.setattr(vcache, "validate", counting)
    reg = tei / "register.xml"
    cached = ValidationCache(tmp_path / "cache").validate(project_files(tei), register=reg, seeds_dirs=[root / "seeds"])
    assert sizes == [2, 2, 2, 1]
    whole = real(project_files(tei), register=reg, seeds_dirs=[root / "seeds"])
    assert cached.diagnostics == whole.diagnostics
    messages = [d.message for d in cached.diagnostics if d.path.endswith("l00005.xml")]
    assert any(f"{pid}x" in m for m in messages) and any("bogus" in m for m in messages)
    assert not any(f'"{pid}"' in m for m in messages)


def test_a_word_edit_reads_no_other_file_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Summaries are kept apart from the entries: while no file's ids (or their places) change, id-unique is
    taken as it was, and a word edited in one file reads no other file's summary; an id moved makes the
    check over every summary again (and finds what one run over every file finds)."""
    root = _letters(tmp_path / "p")
    tei = root / "tei"
    cache = ValidationCache(tmp_path / "cache")
    _both(root, cache, [])
    read: list[str] = []
    real = ValidationCache.summary

    def counting(self, entry):
        read.append((entry or {}).get("idsum", ""))
        return real(self, entry)

    monkeypatch.setattr(ValidationCache, "summary", counting)
    b = tei / "l00001.xml"
    text = b.read_text(encoding="utf-8")
    word = re.search(r'<p xml:id="[^"]+">([a-z]{4,}) ', text).group(1)
    _sub(b, f">{word} ", ">edited ")
    cache = ValidationCache(tmp_path / "cache")
    _both(root, cache, [])
    assert len(set(read)) <= 1  # the edited file's own summary at most
    # an id of l00000 used again in l00001: every summary is read, and the duplicate found
    pid = re.search(r'<p xml:id="(l00000-p\d+)"', (tei / "l00000.xml").read_text(encoding="utf-8")).group(1)
    bid = re.search(r'<p xml:id="(l00001-p\d+)"', b.read_text(encoding="utf-8")).group(1)
    _sub(b, f'xml:id="{bid}"', f'xml:id="{pid}"')
    read.clear()
    _both(root, ValidationCache(tmp_path / "cache"), [])
    assert len(set(read)) >= 7 - 1
    found = ValidationCache(tmp_path / "cache").validate(project_files(tei), register=tei / "register.xml",
                                                         seeds_dirs=[root / "seeds"])
    assert any(d.rule == "id-unique" and pid in d.message for d in found.diagnostics)


def test_a_register_outside_the_files_is_read_only_when_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validating the texts without their register (which still comes first for id-unique): an unchanged run
    does not parse the register; an id of the register used again in a text is found, as one run finds it."""
    root = _letters(tmp_path / "p")
    tei = root / "tei"
    reg = tei / "register.xml"
    texts = [p for p in project_files(tei) if p != reg]
    parsed: list[str] = []
    real = ValidationCache._register_summary

    def counting(paths, register):
        parsed.append(register.name)
        return real(paths, register)

    monkeypatch.setattr(ValidationCache, "_register_summary", staticmethod(counting))

    def run() -> list:
        cached = ValidationCache(tmp_path / "cache").validate(texts, register=reg, seeds_dirs=[root / "seeds"])
        whole = validate(texts, register=reg, seeds_dirs=[root / "seeds"])
        assert cached.diagnostics == whole.diagnostics
        return cached.diagnostics

    run()
    assert parsed == ["register.xml"]
    run()
    assert parsed == ["register.xml"]  # nothing changed: not parsed again
    rid = re.search(r'<person xml:id="([^"]+)"', reg.read_text(encoding="utf-8")).group(1)
    letter = tei / "l00001.xml"
    pid = re.search(r'<p xml:id="(l00001-p\d+)"', letter.read_text(encoding="utf-8")).group(1)
    _sub(letter, f'xml:id="{pid}"', f'xml:id="{rid}"')
    found = run()
    assert parsed == ["register.xml"] * 2
    assert any(d.rule == "id-unique" and rid in d.message for d in found)


def test_summaries_are_listed_once_and_the_unused_removed(tmp_path: Path, spy: list[list[str]],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether each file's summary is still there comes from one listing of summaries/, not a stat per file (2,000
    of them at each build); a summary no entry names any more is removed, and a summary gone is made again."""
    import os

    root = _letters(tmp_path / "p")
    b = root / "tei" / "l00001.xml"
    cache = ValidationCache(tmp_path / "cache")
    _both(root, cache, spy)
    summaries = tmp_path / "cache" / "summaries"
    before = set(os.listdir(summaries))
    stats: list[str] = []
    real = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **kw: stats.append(os.fspath(p)) or real(p, *a, **kw))
    assert _both(root, cache, spy) == []
    monkeypatch.setattr(os, "stat", real)
    assert not [s for s in stats if s.startswith(str(summaries))]
    text = b.read_text(encoding="utf-8")
    pid = re.search(r'<p xml:id="(l00001-p\d+)"', text).group(1)
    _sub(b, f'xml:id="{pid}"', f'xml:id="{pid}z"')  # its ids change: a new summary, the old one removed
    assert _both(root, cache, spy) == ["l00001.xml"]
    after = set(os.listdir(summaries))
    assert len(after) == len(before) and len(after - before) == 1
    (summaries / next(iter(after - before))).unlink()  # a summary gone: that file looked at again
    assert _both(root, cache, spy) == ["l00001.xml"]
    assert set(os.listdir(summaries)) == after
