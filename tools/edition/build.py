"""`edition build`: every stage of the pipeline (pipeline.py), in order, for the whole edition.

Each stage runs on the project and returns a Report (summary lines, typed diagnostics); a stage
that finds a problem raises EditionError and the build stops before publishing anything invalid.
A stage whose inputs and outputs are unchanged since it last ran (content hashes,
output/.build-state.json) is skipped.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .buildstate import BuildState
from .config import Project
from .pipeline import BY_NAME, configured
from .stage import Diagnostic, Report
from .workers import die_with_parent


@dataclass
class StepReport:
    name: str
    status: str  # "ran", "skipped" (inputs and outputs unchanged)
    seconds: float
    lines: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]


def configured_steps(project: Project) -> list[str]:
    """Step names in order, as `[tool.edition] steps` selects them (default: all)."""
    return [s.name for s in configured(project)]


def _step_in_worker(root: str, name: str) -> Report:
    """Run one step in a worker process (spawned: no Saxon or WeasyPrint state is inherited)."""
    from .config import load_project

    return BY_NAME[name].run(load_project(Path(root)))


def run_steps(project: Project, only: set[str] | None = None, *, rebuild: bool = False, jobs: int = 1,
              progress: Callable[[int, int, str], None] | None = None) -> list[StepReport]:
    """Run the build under the build lock; skip steps whose inputs and outputs are unchanged.

    With `jobs` > 1, consecutive steps of CONCURRENT run in parallel processes; the outputs are
    the same as a serial build's, because those steps share no output.
    """
    from .lock import build_lock  # one build at a time; recovers after a killed build

    names = [n for n in configured_steps(project) if not only or n in only]
    reports: list[StepReport] = []
    with build_lock(project) as lock, BuildState(project.output_dir).running() as state, ExitStack() as prepared:
        notes = [Diagnostic("warning", note) for note in lock.notes]
        # A step that will run may ready itself while the steps before it run (Stage.prepare). Its verdict stands
        # while no step has run since (`ran_any`): a build that finds nothing to do looks at each file once.
        verdicts: dict[str, bool] = {}
        if not rebuild:
            for name in names:
                stage = BY_NAME[name]
                if stage.prepare is not None and stage.depends is not None:
                    inputs, outputs = stage.depends(project)
                    verdicts[name] = state.is_fresh(name, state.digest(inputs), outputs)
                    if not verdicts[name]:
                        prepared.enter_context(stage.prepare(project))
        ran_any = False
        i = 0
        while i < len(names):
            group = [names[i]]
            if jobs > 1 and BY_NAME[names[i]].concurrent:
                while i + len(group) < len(names) and BY_NAME[names[i + len(group)]].concurrent:
                    group.append(names[i + len(group)])
            todo = []
            for name in group:
                i += 1
                if progress:
                    progress(i, len(names), name)
                t0 = time.perf_counter()
                deps = BY_NAME[name].depends
                if deps and not rebuild:
                    if name in verdicts and not ran_any:
                        fresh = verdicts[name]
                    else:
                        inputs, outputs = deps(project)
                        fresh = state.is_fresh(name, state.digest(inputs), outputs)
                    if fresh:
                        reports.append(StepReport(name, "skipped", time.perf_counter() - t0))
                        continue
                state.forget(name)
                todo.append(name)
            ran = _run_group(project, todo)
            ran_any = ran_any or bool(ran)
            # what the steps read and wrote, as they left things (enrich rewrites its own inputs: hashed afterwards)
            after = {name: deps(project) for name in todo if (deps := BY_NAME[name].depends)}
            if ran:  # what the steps may have written: their outputs, or the TEI and anything else
                stages = [BY_NAME[name] for name in todo]
                writes_inputs = any(s.depends is None or s.rewrites_tei for s in stages)
                state.changed(None if writes_inputs else [o for name in todo for o in after[name][1]])
            for name, report, seconds in ran:
                if name in after:
                    inputs, outputs = after[name]
                    state.record(name, state.digest(inputs), outputs)
                reports.append(StepReport(name, "ran", seconds, report.lines, report.diagnostics))
        # enrich, speakers and link each rewrite the TEI the others read. Each is idempotent and
        # leaves the others' markup alone, so the TEI as the whole chain left it is a fixed point
        # of every one of them: record that, or the next build would redo them once for nothing.
        for name in {r.name for r in reports if BY_NAME[r.name].rewrites_tei}:
            inputs, outputs = BY_NAME[name].depends(project)  # type: ignore[misc]
            state.record(name, state.digest(inputs), outputs)
        state.save_hashes()
        if reports and notes:
            reports[0].diagnostics[:0] = notes
    order = {n: k for k, n in enumerate(names)}
    return sorted(reports, key=lambda r: order[r.name])


#: resident memory (bytes) under which a step's freed memory is left in the process: an edit's build of a large
#: edition stays near 170 MB, and its two collections and glibc's trim cost it 40–50 ms for nothing
RELEASE_ABOVE = 256 * 1024 * 1024


def _resident_bytes() -> int | None:
    """This process's resident memory (Linux /proc), None where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _release_memory() -> None:
    """Collect garbage and return the C heap's free pages to the system (glibc malloc_trim): a step that parsed
    many documents (validate) would otherwise leave its peak in the process for the steps after it. Not for a
    process under RELEASE_ABOVE."""
    resident = _resident_bytes()
    if resident is not None and resident < RELEASE_ABOVE:
        return
    import gc

    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, None elsewhere (found once: ctypes.util.find_library runs ldconfig)."""
    import ctypes
    import ctypes.util

    libc = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(libc).malloc_trim if libc else None  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc
        return None


def _run_group(project: Project, names: list[str]) -> list[tuple[str, Report, float]]:
    """Run steps; more than one → all but the first in worker processes, the first here."""
    if len(names) <= 1:
        out = []
        for name in names:
            t0 = time.perf_counter()
            out.append((name, BY_NAME[name].run(project), time.perf_counter() - t0))
            _release_memory()  # a step's freed memory goes back to the system before the next step's peak
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(names) - 1, mp_context=ctx, initializer=die_with_parent) as pool:
        futures = {name: pool.submit(_step_in_worker, str(project.root), name) for name in names[1:]}
        first = BY_NAME[names[0]].run(project)
        results = [(names[0], first, time.perf_counter() - t0)]
        for name, fut in futures.items():
            results.append((name, fut.result(), time.perf_counter() - t0))
    return results


def run_build(project: Project, only: set[str] | None = None) -> list[str]:
    """The build as summary lines (for callers that want text only): each step's lines, then its
    diagnostics as `file:line: level: message`."""
    return [line for r in run_steps(project, only) for line in (*r.lines, *(d.text() for d in r.diagnostics))]
