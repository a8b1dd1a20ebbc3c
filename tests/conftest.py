"""Shared fixtures: the repository root, the official tei_all schema (compiled once)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
# The official TEI P5 tei_all schema: scripts/setup.sh puts it into the project environment (from
# a package registry, hash-pinned in scripts/tei-schema.toml). The newer copy beside the
# repository (../shared/tei/), where there is one, is an optional cross-check.
TEI_ALL = Path(sys.prefix) / "share" / "tei" / "tei_all.rng"
TEI_ALL_SHARED = REPO.parent / "shared" / "tei" / "tei_all.rng"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


def _compiled_tei_all(path: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture(scope="session")
def tei_all_path() -> Path:
    """Where the official TEI P5 tei_all RELAX NG schema is. Setup installs it: its absence is a
    failure of the set-up, never a reason to skip."""
    path = TEI_ALL if TEI_ALL.exists() else TEI_ALL_SHARED
    if not path.exists():
        pytest.fail(f"official TEI schema not found at {TEI_ALL}: run `make setup` (scripts/setup.sh)")
    return path


@pytest.fixture(scope="session")
def tei_all(tei_all_path: Path) -> etree.RelaxNG:
    """The official TEI P5 tei_all RELAX NG schema, compiled once per session."""
    return _compiled_tei_all(tei_all_path)


SEED_TEXTS = ("soviet-albanian-split.xml", "from-bucharest-to-moscow.xml")


@pytest.fixture(scope="session")
def enriched_seeds(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """Both seeds converted and enriched afresh (not the committed tei/), once per session, in a
    directory of their own with their .manifest.json. Tests copy from it; never write into it."""
    from edition.config import load_project
    from edition.convert import convert_seed
    from edition.enrich import enrich_files

    project = load_project(repo_root)
    out = tmp_path_factory.mktemp("enriched-seeds")
    for meta in project.texts:
        convert_seed(project, project.seeds_dir / meta.seed, profile=meta.profile, out_dir=out)
    enrich_files(project, [out / name for name in SEED_TEXTS], repo_root / "tei" / "register.xml")
    return out


@pytest.fixture(scope="session")
def edition_book(repo_root: Path):  # type: ignore[no-untyped-def]
    """The real edition (tei/ of the repository) typeset once per session, as `edition pdf` makes it
    (A5, the texts' short labels, the front matter and the register of events). Tests using it carry the xdist group "edition-book", so that
    under `pytest -n` one worker typesets it once."""
    from edition.config import load_project
    from edition.publish import pdf as pdfmod

    project = load_project(repo_root)
    texts, register = pdfmod.edition_sources(project)
    labels = {m.tei: str(m.get("label")) for m in project.texts if m.get("label")}
    front, events = project.editorial_dir / "front.xml", project.editorial_dir / "events.xml"
    return texts, register, labels, pdfmod.make_book(texts, register, page_size="A5", labels=labels, front=front,
                                                     events=events)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium through Playwright, one per test module (tests/browser_support.py)."""
    from browser_support import chromium

    with chromium() as b:
        yield b


@pytest.fixture()
def seed_copies(enriched_seeds: Path, tmp_path: Path) -> Path:
    """A writable copy of `enriched_seeds` (both texts and their manifest) for one test."""
    import shutil

    for name in (*SEED_TEXTS, ".manifest.json"):
        shutil.copy(enriched_seeds / name, tmp_path / name)
    return tmp_path


@pytest.fixture()
def scratch_project(repo_root: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The edition's project with an empty editorial directory of its own (e.g. no rejected.tsv)."""
    import dataclasses

    from edition.config import load_project

    return dataclasses.replace(load_project(repo_root), editorial_dir=tmp_path_factory.mktemp("editorial"))
