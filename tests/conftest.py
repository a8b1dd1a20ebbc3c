"""Shared fixtures: the repository root, the official tei_all schema (compiled once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
TEI_ALL = REPO.parent / "shared" / "tei" / "tei_all.rng"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The official TEI P5 tei_all RELAX NG schema; the test is skipped where it is absent."""
    if not TEI_ALL.exists():
        pytest.skip(f"official schema not found at {TEI_ALL}")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


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
