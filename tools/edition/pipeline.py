"""The pipeline: every stage of the edition, in the order `edition build` runs them.

convert → enrich → speakers → link → validate → html → pdf. Each package exposes its stage from
its `stage.py`; a stage's module (and so its package) is imported when the stage is first asked for,
and those modules import their heavy machinery only when a stage runs, so loading the table (a no-op
build of the stages a project configures, `edition -h`) stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Any

from .config import Project
from .errors import EditionError
from .stage import Stage

#: The stages in order: name → (module, attribute) of its Stage.
_WHERE = {"convert": (".convert.stage", "STAGE"), "enrich": (".enrich.stage", "STAGE"),
          "speakers": (".speakers.stage", "STAGE"), "link": (".link.stage", "STAGE"),
          "validate": (".validate.stage", "STAGE"), "html": (".publish.stage", "HTML"),
          "pdf": (".publish.stage", "PDF")}
NAMES: tuple[str, ...] = tuple(_WHERE)


class _Stages(Mapping[str, Stage]):
    def __init__(self) -> None:
        self._loaded: dict[str, Stage] = {}

    def __getitem__(self, name: str) -> Stage:
        if name not in self._loaded:
            module, attr = _WHERE[name]
            self._loaded[name] = getattr(import_module(module, __package__), attr)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(NAMES)

    def __len__(self) -> int:
        return len(NAMES)


BY_NAME: Mapping[str, Stage] = _Stages()


def __getattr__(name: str) -> Any:
    if name == "STAGES":  # every stage, in order (imports them all)
        return tuple(BY_NAME[n] for n in NAMES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def configured(project: Project) -> list[Stage]:
    """The stages `[tool.edition] steps` selects (default: all), in pipeline order."""
    wanted = project.settings.get("steps")
    if wanted is None:
        return [BY_NAME[n] for n in NAMES]
    if not isinstance(wanted, list) or not all(isinstance(w, str) for w in wanted):
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] steps must be a list of step "
                           f"names, e.g. steps = [\"html\"]; known: {', '.join(NAMES)}")
    unknown = sorted(set(wanted) - set(NAMES))
    if unknown:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] steps: unknown step(s) "
                           f"{', '.join(map(repr, unknown))}; known: {', '.join(NAMES)}")
    return [BY_NAME[n] for n in NAMES if n in wanted]


def help_text() -> str:
    """The stages as lines for `--help` texts: name and what it does."""
    return "\n".join(f"{BY_NAME[n].name}: {BY_NAME[n].summary}" for n in NAMES)
