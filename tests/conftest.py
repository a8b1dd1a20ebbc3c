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
