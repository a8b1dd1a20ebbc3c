"""What an edit's build overlaps and what it no longer starts (session 9): the reading page made in a worker that
compiled the site's stylesheet while the build validated and worked out what is stale (prewarm.py), the same
bytes as a clean build; no such worker where it cannot pay; a worker that died leaves its pages to the build;
Pagefind run as its binary, not through a second Python."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from edition import prewarm
from edition.build import run_steps
from edition.config import load_project

from letters_support import generate_letters


def _letters(dest: Path, n: int = 6) -> Path:
    return generate_letters(n, dest, min_kb=3, max_kb=6, seed=11)


def _site(root: Path) -> dict[str, bytes]:
    """The site's files but Pagefind's index (not byte-stable between runs)."""
    site = root / "output" / "html"
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and "pagefind" not in p.relative_to(site).parts[0]}


def _edit(root: Path) -> str:
    """One word changed in a plain paragraph of the first letter that has one; its page's name."""
    for letter in sorted((root / "tei").glob("l*.xml")):
        text = letter.read_text(encoding="utf-8")
        m = re.search(r'<p xml:id="[^"]+">[^<]+\.</p>', text)
        if m:
            para = m.group(0)
            word = re.findall(r" ([a-z]{4,}) ", para)[0]
            letter.write_text(text.replace(para, para.replace(f" {word} ", " zqedited ", 1)), encoding="utf-8")
            return f"{letter.stem}.html"
    raise AssertionError("no plain paragraph")


@pytest.fixture()
def watched(monkeypatch: pytest.MonkeyPatch) -> list[prewarm.Warm]:
    """Two CPUs for `prewarm.wanted` (whatever the machine), and every warm worker the html step finds."""
    monkeypatch.setattr(prewarm.os, "cpu_count", lambda: 2)
    found: list[prewarm.Warm] = []
    original = prewarm.worker

    def worker(project):
        warm = original(project)
        if warm is not None and warm not in found:
            found.append(warm)
        return warm

    monkeypatch.setattr(prewarm, "worker", worker)
    return found


@pytest.mark.slow
def test_an_edits_page_is_made_in_the_warm_worker_as_a_clean_build_makes_it(tmp_path: Path,
                                                                          watched: list[prewarm.Warm]) -> None:
    root = _letters(tmp_path / "p")
    first = run_steps(load_project(root))
    assert [r.status for r in first] == ["ran", "ran"]
    assert watched == []  # a first build: no site graph yet, no warm worker (its pages come from a pool or here)
    page = _edit(root)
    second = run_steps(load_project(root))
    assert [r.status for r in second] == ["ran", "ran"]
    assert len(watched) == 1 and watched[0].pages == 1  # the edited letter's page, made there
    assert watched[0].ready.result(timeout=60) is True  # the worker had compiled site.xsl
    assert "(1 made" in second[1].lines[0], second[1].lines
    assert "zqedited" in (root / "output" / "html" / page).read_text(encoding="utf-8")

    assert [r.status for r in run_steps(load_project(root))] == ["skipped", "skipped"]
    assert len(watched) == 1  # a no-op starts none

    clean = tmp_path / "clean"
    shutil.copytree(root, clean, symlinks=True, ignore=shutil.ignore_patterns("output"))
    run_steps(load_project(clean))
    assert _site(root) == _site(clean)


@pytest.mark.slow
def test_the_register_pages_of_a_word_beside_a_name_are_made_in_the_warm_worker(tmp_path: Path,
                                                                               watched: list[prewarm.Warm]) -> None:
    """A word beside a name makes the register's pages of that person again: in the warm worker, which compiled
    site.xsl for the reading page (made in the build's process, they cost it a second compilation, ≈ 0.3 s at
    N = 2,000), with the bytes of a clean build."""
    root = _letters(tmp_path / "p")
    run_steps(load_project(root))
    letter = sorted((root / "tei").glob("l*.xml"))[2]
    text = letter.read_text(encoding="utf-8")
    assert "</persName> " in text
    letter.write_text(text.replace("</persName> ", "</persName> zqbeside ", 1), encoding="utf-8")
    second = run_steps(load_project(root))
    assert [r.status for r in second] == ["ran", "ran"]
    assert len(watched) == 1 and watched[0].pages == 1 and watched[0].jobs >= 1, (watched, second[1].lines)
    assert any("zqbeside" in p.read_text(encoding="utf-8") for p in (root / "output" / "html").glob("*.html")
               if p.name != f"{letter.stem}.html")  # a register page quotes the passage

    clean = tmp_path / "clean"
    shutil.copytree(root, clean, symlinks=True, ignore=shutil.ignore_patterns("output"))
    run_steps(load_project(clean))
    assert _site(root) == _site(clean)


@pytest.mark.slow
def test_a_warm_worker_that_died_leaves_its_pages_to_the_build(tmp_path: Path, watched: list[prewarm.Warm],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _letters(tmp_path / "p", n=4)
    run_steps(load_project(root))
    page = _edit(root)
    killed: list[int] = []
    found = prewarm.worker

    def dying(project):
        warm = found(project)
        if warm is not None and not killed:
            warm.ready.result(timeout=60)
            for proc in list(warm.pool._processes.values()):  # as the kernel's OOM killer would
                proc.kill()
                proc.join()
                killed.append(proc.pid)
        return warm

    monkeypatch.setattr(prewarm, "worker", dying)
    reports = run_steps(load_project(root))
    assert killed and [r.status for r in reports] == ["ran", "ran"]
    assert "(1 made" in reports[1].lines[0]
    assert "zqedited" in (root / "output" / "html" / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("setting, cpus", [("jobs = 1\n", 2), ("", 1)])
def test_no_warm_worker_where_it_cannot_pay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str,
                                            cpus: int) -> None:
    """One job configured, or one CPU: the page is made in the build's process (and a first build never has one)."""
    root = tmp_path / "p"
    (root / "output" / ".cache").mkdir(parents=True)
    (root / "editorial").mkdir()
    (root / "pyproject.toml").write_text(f'[tool.edition]\nsteps = ["html"]\n{setting}', encoding="utf-8")
    (root / "editorial" / "texts.toml").write_text("", encoding="utf-8")
    monkeypatch.setattr(prewarm.os, "cpu_count", lambda: cpus)
    project = load_project(root)
    assert not prewarm.wanted(project)
    (root / "output" / ".cache" / "site-graph.json").write_text("{}", encoding="utf-8")
    assert not prewarm.wanted(project)
    monkeypatch.setattr(prewarm.os, "cpu_count", lambda: 2)
    (root / "pyproject.toml").write_text('[tool.edition]\nsteps = ["html"]\n', encoding="utf-8")
    assert prewarm.wanted(load_project(root))  # the same project, two CPUs, jobs by default
    with prewarm.warm_worker(load_project(root)):
        warm = prewarm.worker(load_project(root))
        assert warm is not None and warm.ready.result(timeout=60) is True  # it compiled the packaged site.xsl
    assert prewarm.worker(load_project(root)) is None  # closed with the build: nothing left behind


def test_pagefind_runs_as_its_binary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from edition.publish import search

    search.pagefind_command.cache_clear()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    try:
        (binary,) = search.pagefind_command()  # the installed pagefind_bin_extended's, as `python -m pagefind` finds it
        assert os.access(binary, os.X_OK) and Path(binary).name.startswith("pagefind")
        from pagefind.service import get_executable

        assert Path(binary) == get_executable()

        search.pagefind_command.cache_clear()
        own = tmp_path / "pagefind"
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(own))
        assert search.pagefind_command() == (str(own),)

        search.pagefind_command.cache_clear()
        monkeypatch.delenv("PAGEFIND_BINARY_PATH")

        def missing(name: str):
            raise ImportError(name)

        monkeypatch.setattr(search.importlib, "import_module", missing)
        assert search.pagefind_command() == (sys.executable, "-m", "pagefind")  # its own message says what is missing
    finally:
        search.pagefind_command.cache_clear()


def test_a_steps_verdict_before_the_first_step_stands_while_no_step_ran(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The build asks a step with `prepare` whether it is fresh before its first step; a build that finds nothing
    to do does not ask again (the html step's outputs are the site's thousands of files), one where a step before it
    ran does (that step may have changed its inputs), and `prepare` is entered only for a step that will run."""
    from contextlib import contextmanager

    import edition.build as build
    from edition.stage import Report, Stage

    root = tmp_path / "p"
    (root / "tei").mkdir(parents=True)
    (root / "editorial").mkdir()
    (root / "pyproject.toml").write_text('[tool.edition]\nsteps = ["validate", "html"]\n', encoding="utf-8")
    (root / "editorial" / "texts.toml").write_text("", encoding="utf-8")
    outs = {name: root / "output" / f"{name}.txt" for name in ("validate", "html")}
    asked: list[str] = []
    prepared: list[str] = []

    def stage(name: str, reads: Path, prepare=None) -> Stage:
        def depends(p):
            asked.append(name)
            return [reads], [outs[name]]

        def run(p):
            outs[name].parent.mkdir(parents=True, exist_ok=True)
            outs[name].write_text(f"made from {reads.read_text(encoding='utf-8') if reads.is_file() else ''}",
                                  encoding="utf-8")
            return Report(name)

        return Stage(name, "a stand-in", run, depends=depends, prepare=prepare)

    @contextmanager
    def prepare(p):
        prepared.append("html")
        yield

    a, b = root / "tei" / "a.xml", root / "tei" / "b.xml"
    a.write_text("<TEI/>", encoding="utf-8")
    b.write_text("<TEI/>", encoding="utf-8")
    monkeypatch.setattr(build, "BY_NAME", {"validate": stage("validate", a), "html": stage("html", b, prepare)})
    assert [r.status for r in build.run_steps(load_project(root))] == ["ran", "ran"]
    assert prepared == ["html"]
    asked.clear()
    prepared.clear()
    assert [r.status for r in build.run_steps(load_project(root))] == ["skipped", "skipped"]
    assert asked.count("html") == 1 and prepared == []  # the verdict of before the first step
    a.write_text("<TEI>changed</TEI>", encoding="utf-8")  # validate runs, html's own input is as it was
    asked.clear()
    assert [r.status for r in build.run_steps(load_project(root))] == ["ran", "skipped"]
    assert asked.count("html") == 2 and prepared == []  # asked again after validate ran
    b.write_text("<TEI>changed</TEI>", encoding="utf-8")
    assert [r.status for r in build.run_steps(load_project(root))] == ["skipped", "ran"]
    assert prepared == ["html"]
