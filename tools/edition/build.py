"""`edition build`: every stage of the pipeline, in order, for the whole edition.

Steps: convert (what needs converting) → enrich → validate → html → pdf. Each step is a
function taking the project and returning lines for the summary; a step that finds a
problem raises EditionError and the build stops before publishing anything invalid.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import importlib

from .buildstate import BuildState
from .config import Project
from .errors import EditionError

Step = Callable[[Project], list[str]]


def step_convert(project: Project) -> list[str]:
    from .convert import convert_seed

    lines = []
    for meta in project.texts:
        seed = project.seeds_dir / meta.seed
        if not seed.exists():
            raise EditionError(f"{seed}: seed listed in editorial/texts.toml is missing")
        outcome = convert_seed(project, seed, profile=meta.profile, keep_edited=True)
        lines.append(f"convert {Path(outcome.target).name}: {outcome.status}")
        lines += [f"warning: {w}" for w in outcome.warnings]
    return lines


# The pipeline, in order: step name → "module:function" (imported when the step runs, so a
# no-op build does not load the publishing stack).
STEPS: list[tuple[str, str]] = [
    ("convert", "edition.build:step_convert"),
    ("enrich", "edition.enrich:step_enrich"),
    ("speakers", "edition.speakers:step_speakers"),
    ("link", "edition.link:step_link"),
    ("validate", "edition.validate.command:build_step"),
    ("html", "edition.publish.html:step_html"),
    ("pdf", "edition.publish.pdf:step_pdf"),
]


def step_function(name: str) -> Step:
    module, attr = dict(STEPS)[name].split(":")
    return getattr(importlib.import_module(module), attr)


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def _inputs(project: Project, *extra: Path) -> list[Path]:
    """What every publishing step reads: the TEI, the editorial data, the configuration, the code."""
    return [project.tei_dir, project.editorial_dir, project.root / "pyproject.toml", _package_dir(), *extra]


def _xslt(project: Project, *kinds: str) -> list[Path]:
    """The stylesheets a step runs: those kinds of the one tree it runs them from (resources.xslt_root)."""
    from .resources import xslt_root

    root = xslt_root(project.root)  # the project's own complete xslt/, else the packaged one; never a mix
    return [root / kind for kind in kinds]


def _schema(project: Project) -> Path:
    """The schema (ODD, RELAX NG, Schematron): the project's own, else the packaged one."""
    from .resources import schema_dir

    return schema_dir(project.root)


def _site_outputs(project: Project) -> list[Path]:
    """What the html step wrote: output/html/ but for pdf/, where the pdf step puts the book."""
    site = project.output_dir / "html"
    if not site.is_dir():
        return [site]
    return sorted(p for p in site.iterdir() if p.name != "pdf")


# What each step reads and writes, for the incremental build (see buildstate.py). A step
# without an entry here always runs (convert keeps its own fingerprints in tei/.manifest.json).
DEPENDS: dict[str, Callable[[Project], tuple[list[Path], list[Path]]]] = {
    "enrich": lambda p: (_inputs(p), []),
    "speakers": lambda p: (_inputs(p), []),
    "link": lambda p: (_inputs(p), []),
    "validate": lambda p: (_inputs(p, p.seeds_dir, _schema(p)), []),
    "html": lambda p: (_inputs(p, *_xslt(p, "common", "html", "timeline"), _schema(p)), _site_outputs(p)),
    "pdf": lambda p: (_inputs(p, *_xslt(p, "common", "print", "timeline")), [p.output_dir / "pdf"]),
}


@dataclass
class StepReport:
    name: str
    status: str  # "ran", "skipped" (inputs and outputs unchanged)
    seconds: float
    lines: list[str] = field(default_factory=list)


def configured_steps(project: Project) -> list[str]:
    """Step names in order, as `[tool.edition] steps` selects them (default: all)."""
    names = [name for name, _ in STEPS]
    wanted = project.settings.get("steps")
    if wanted is None:
        return names
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] steps: unknown step(s) "
                           f"{', '.join(map(repr, unknown))}; known: {', '.join(names)}")
    return [n for n in names if n in wanted]


# Steps that rewrite the TEI in place.
REWRITE_TEI = frozenset({"enrich", "speakers", "link"})

# Steps that only read the TEI and write their own output directory: with --jobs > 1 they run
# at the same time, each in its own process (stylesheets compiled once there).
CONCURRENT = frozenset({"html", "pdf"})


def _die_with_parent() -> None:
    """Worker initializer: on Linux, the kernel kills the worker when the build process dies
    (kill -9 included), so no orphan goes on writing after the next build took the lock."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _step_in_worker(root: str, name: str) -> list[str]:
    """Run one step in a worker process (spawned: no Saxon or WeasyPrint state is inherited)."""
    from .config import load_project

    return step_function(name)(load_project(Path(root)))


def run_steps(project: Project, only: set[str] | None = None, *, rebuild: bool = False, jobs: int = 1,
              progress: Callable[[int, int, str], None] | None = None) -> list[StepReport]:
    """Run the build under the build lock; skip steps whose inputs and outputs are unchanged.

    With `jobs` > 1, consecutive steps of CONCURRENT run in parallel processes; the outputs are
    the same as a serial build's, because those steps share no output.
    """
    from .lock import build_lock  # one build at a time; recovers after a killed build

    names = [n for n in configured_steps(project) if not only or n in only]
    reports: list[StepReport] = []
    with build_lock(project) as lock:
        state = BuildState(project.output_dir)
        notes = [f"warning: {note}" for note in lock.notes]
        i = 0
        while i < len(names):
            group = [names[i]]
            if jobs > 1 and names[i] in CONCURRENT:
                while i + len(group) < len(names) and names[i + len(group)] in CONCURRENT:
                    group.append(names[i + len(group)])
            todo = []
            for name in group:
                i += 1
                if progress:
                    progress(i, len(names), name)
                t0 = time.perf_counter()
                deps = DEPENDS.get(name)
                if deps and not rebuild:
                    inputs, outputs = deps(project)
                    if state.is_fresh(name, state.digest(inputs), outputs):
                        reports.append(StepReport(name, "skipped", time.perf_counter() - t0))
                        continue
                state.forget(name)
                todo.append(name)
            for name, lines, seconds in _run_group(project, todo):
                deps = DEPENDS.get(name)
                if deps:
                    inputs, outputs = deps(project)  # enrich rewrites its own inputs: hash them afterwards
                    state.record(name, state.digest(inputs), outputs)
                reports.append(StepReport(name, "ran", seconds, lines))
        # enrich, speakers and link each rewrite the TEI the others read. Each is idempotent and
        # leaves the others' markup alone, so the TEI as the whole chain left it is a fixed point
        # of every one of them: record that, or the next build would redo them once for nothing.
        for name in REWRITE_TEI & {r.name for r in reports}:
            inputs, outputs = DEPENDS[name](project)
            state.record(name, state.digest(inputs), outputs)
        if reports and notes:
            reports[0].lines[:0] = notes
    order = {n: k for k, n in enumerate(names)}
    return sorted(reports, key=lambda r: order[r.name])


def _run_group(project: Project, names: list[str]) -> list[tuple[str, list[str], float]]:
    """Run steps; more than one → all but the first in worker processes, the first here."""
    if len(names) <= 1:
        out = []
        for name in names:
            t0 = time.perf_counter()
            out.append((name, step_function(name)(project), time.perf_counter() - t0))
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(names) - 1, mp_context=ctx, initializer=_die_with_parent) as pool:
        futures = {name: pool.submit(_step_in_worker, str(project.root), name) for name in names[1:]}
        first = step_function(names[0])(project)
        results = [(names[0], first, time.perf_counter() - t0)]
        for name, fut in futures.items():
            results.append((name, fut.result(), time.perf_counter() - t0))
    return results


def run_build(project: Project, only: set[str] | None = None) -> list[str]:
    """The build as summary lines (for callers that want text only)."""
    return [line for r in run_steps(project, only) for line in r.lines]
