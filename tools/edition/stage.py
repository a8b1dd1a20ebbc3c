"""The contract every stage of the pipeline keeps: convert → enrich → speakers → link → validate →
html → pdf.

A `Stage` names what it reads and writes (for the incremental build) and runs on a `Project`,
returning a `Report`: summary lines and typed `Diagnostic`s (level, file, line, rule, message).
Callers — `edition build`, the commands, tests — read diagnostics by their level, never by
parsing text. Each package exposes its stage(s) from one module, `<package>/stage.py`;
`pipeline.py` lists them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .config import Project

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem or remark a stage reports; `file`/`line` where it has a place, `rule` an id."""

    level: Level
    message: str
    file: str | None = None
    line: int | None = None
    rule: str | None = None

    def text(self) -> str:
        """`file:line: level: message [rule]`, leaving out what is unknown."""
        where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where + ': ' if where else ''}{self.level}: {self.message}{rule}"


@dataclass
class Report:
    """What one stage did: summary lines for people, diagnostics for people and programs."""

    stage: str
    lines: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def info(self, line: str) -> None:
        self.lines.append(line)

    def warn(self, message: str, *, file: str | Path | None = None, line: int | None = None,
             rule: str | None = None) -> None:
        self.diagnostics.append(Diagnostic("warning", message, None if file is None else str(file), line, rule))

    def note(self, message: str, *, file: str | Path | None = None, rule: str | None = None) -> None:
        self.diagnostics.append(Diagnostic("note", message, None if file is None else str(file), None, rule))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]


#: What a stage reads and what it writes, for the incremental build (content hashes of both).
Depends = Callable[[Project], tuple[list[Path], list[Path] | list[str]]]  # (inputs, outputs)


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline.

    `depends` is None for a stage that keeps its own fingerprints (convert: tei/.manifest.json)
    and so always runs. `rewrites_tei`: the stage rewrites TEI files in place (enrich, speakers,
    link). `concurrent`: it only reads the TEI and writes an output directory of its own, so it
    may run in a process of its own beside another such stage (html, pdf). `documents`: the stage
    run for some documents only — what a save of those files needs (`edition serve`): validate
    checks those files, html makes the pages they affect (its per-document build graph); None
    for a stage that only runs on the whole edition. `prepare`: what the stage may start, when the build
    finds before its first step that this stage will run, so that it readies meanwhile (html: a worker
    compiling its stylesheet, prewarm.py); a context manager, closed at the end of the build.
    """

    name: str
    summary: str
    run: Callable[[Project], Report]
    depends: Depends | None = None
    rewrites_tei: bool = False
    concurrent: bool = False
    documents: Callable[[Project, list[Path]], Report] | None = None
    prepare: Callable[[Project], AbstractContextManager[None]] | None = None


def package_dir() -> Path:
    """The toolkit's own code, an input of every stage (a change of code redoes the stages)."""
    return Path(__file__).resolve().parent


def common_inputs(project: Project, *extra: Path) -> list[Path]:
    """What every stage after convert reads: the TEI, the editorial data, the configuration, the code."""
    return [project.tei_dir, project.editorial_dir, project.root / "pyproject.toml", package_dir(), *extra]
