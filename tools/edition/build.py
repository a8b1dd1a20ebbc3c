"""`edition build`: every stage of the pipeline, in order, for the whole edition.

Steps: convert (what needs converting) → enrich → validate → html → pdf. Each step is a
function taking the project and returning lines for the summary; a step that finds a
problem raises EditionError and the build stops before publishing anything invalid.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .config import Project
from .convert import convert_seed
from .enrich import step_enrich
from .errors import EditionError
from .publish.html import step_html
from .validate.command import build_step as step_validate

Step = Callable[[Project], list[str]]


def step_convert(project: Project) -> list[str]:
    lines = []
    for meta in project.texts:
        seed = project.seeds_dir / meta.seed
        if not seed.exists():
            raise EditionError(f"{seed}: seed listed in editorial/texts.toml is missing")
        outcome = convert_seed(project, seed, profile=meta.profile)
        lines.append(f"convert {Path(outcome.target).name}: {outcome.status}")
        lines += [f"warning: {w}" for w in outcome.warnings]
    return lines


STEPS: list[tuple[str, Step]] = [("convert", step_convert), ("enrich", step_enrich), ("validate", step_validate), ("html", step_html)]


def run_build(project: Project, only: set[str] | None = None) -> list[str]:
    from .lock import build_lock  # one build at a time; recovers after a killed build

    summary: list[str] = []
    with build_lock(project) as lock:
        summary += [f"warning: {note}" for note in lock.notes]
        for name, step in STEPS:
            if only and name not in only:
                continue
            summary += step(project)
    return summary
