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
