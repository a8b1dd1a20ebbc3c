"""The pipeline: every stage of the edition, in the order `edition build` runs them.

convert → enrich → speakers → link → validate → html → pdf. Each package exposes its stage from
its `stage.py`; those modules import their heavy machinery only when a stage runs, so loading the
table (a no-op build, `edition -h`) stays cheap.
"""

from __future__ import annotations

from .config import Project
from .convert.stage import STAGE as CONVERT
from .enrich.stage import STAGE as ENRICH
from .errors import EditionError
from .link.stage import STAGE as LINK
from .publish.stage import HTML, PDF
from .speakers.stage import STAGE as SPEAKERS
from .stage import Stage
from .validate.stage import STAGE as VALIDATE

STAGES: tuple[Stage, ...] = (CONVERT, ENRICH, SPEAKERS, LINK, VALIDATE, HTML, PDF)
BY_NAME: dict[str, Stage] = {s.name: s for s in STAGES}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def configured(project: Project) -> list[Stage]:
    """The stages `[tool.edition] steps` selects (default: all), in pipeline order."""
    wanted = project.settings.get("steps")
    if wanted is None:
        return list(STAGES)
    if not isinstance(wanted, list) or not all(isinstance(w, str) for w in wanted):
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] steps must be a list of step "
                           f"names, e.g. steps = [\"html\"]; known: {', '.join(NAMES)}")
    unknown = sorted(set(wanted) - set(NAMES))
    if unknown:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] steps: unknown step(s) "
                           f"{', '.join(map(repr, unknown))}; known: {', '.join(NAMES)}")
    return [s for s in STAGES if s.name in wanted]


def help_text() -> str:
    """The stages as lines for `--help` texts: name and what it does."""
    return "\n".join(f"{s.name}: {s.summary}" for s in STAGES)
