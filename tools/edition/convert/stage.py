"""The convert stage of `edition build`: every seed of editorial/texts.toml → its TEI, when needed.

It keeps its own fingerprints (tei/.manifest.json), so it always runs and rewrites nothing for an
unchanged seed; a TEI file edited by hand is kept (never overwritten in a build).
"""

from __future__ import annotations

from pathlib import Path

from ..config import Project
from ..errors import EditionError
from ..stage import Report, Stage


def run(project: Project) -> Report:
    from . import convert_seed

    report = Report("convert")
    for meta in project.texts:
        seed = project.seeds_dir / meta.seed
        if not seed.exists():
            raise EditionError(f"{seed}: seed listed in editorial/texts.toml is missing")
        outcome = convert_seed(project, seed, profile=meta.profile, keep_edited=True)
        report.info(f"convert {Path(outcome.target).name}: {outcome.status}")
        for warning in outcome.warnings:
            report.warn(warning, file=seed)
    return report


STAGE = Stage("convert", "seed texts → TEI (what needs converting; hand-edited TEI is kept)", run)
