"""`edition build`: progress on a terminal, a one-screen summary, exit 1 on an invalid edition."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click

from ..build import StepReport, run_steps
from ..config import Project
from ..pipeline import BY_NAME, NAMES
from .util import handle_errors, load


def _summary(reports: list[StepReport], seconds: float, project: Project,
             verbose: bool) -> tuple[list[str], list[str]]:
    """The summary lines, and the warnings the steps reported."""
    ran = [r for r in reports if r.status == "ran"]
    skipped = [r.name for r in reports if r.status == "skipped"]
    warnings = [d.text() for r in reports for d in r.warnings]
    lines = [f"edition build: {len(ran)} step(s) run, {len(skipped)} unchanged, in {seconds:.2f} s"]
    for r in reports:
        detail = "unchanged, skipped" if r.status == "skipped" else f"{r.seconds:.2f} s"
        infos = r.lines + [d.text() for d in r.diagnostics if d.level == "note"]
        shown = infos if verbose else infos[-3:]
        lines.append(f"  {r.name:<9} {detail}")
        lines += [f"            {ln}" for ln in shown]
        if not verbose and len(infos) > len(shown):
            lines.append(f"            … {len(infos) - len(shown)} more line(s) (--verbose)")
    if warnings:
        lines.append(f"  {len(warnings)} warning(s)" + ("" if verbose else " (--verbose lists them)"))
    outs = [p for p in (project.output_dir / "html", project.output_dir / "pdf") if p.exists()]
    if outs:
        lines.append("  output: " + ", ".join(str(p) for p in outs))
    return lines, warnings


class _BuildCommand(click.Command):
    """`edition build`, whose help lists the steps from the pipeline's own table (so it cannot fall behind
    it), read when the help is shown: running a build imports only the stages it runs."""

    @property  # type: ignore[override]
    def help(self) -> str:
        return (f"Build the whole edition into output/: {' → '.join(NAMES)}.\n\n"
                "Incremental: a step whose inputs and outputs are unchanged (by content hash) is skipped. "
                "The build stops, publishing nothing further, when the TEI is invalid (exit 1). Progress "
                "is shown on a terminal; in CI or a pipe only the summary is printed.\n\n"
                "\b\nSteps ([tool.edition] steps selects them; --only runs some):\n"
                + "\n".join(f"  {n:<9} {BY_NAME[n].summary}" for n in NAMES))

    @help.setter
    def help(self, value: str | None) -> None:
        pass


@click.command("build", cls=_BuildCommand)
@click.option("--only", "only", multiple=True, type=click.Choice(NAMES),
              help="Run only this step (repeatable); later steps are not run.")
@click.option("--rebuild", is_flag=True, help="Ignore the incremental state and run every step.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for independent steps (html and pdf at once); default: the number of cores.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print every step's report and every warning.")
@handle_errors
def build(only: tuple[str, ...], rebuild: bool, jobs: int | None, quiet: bool, verbose: bool) -> None:
    """Build the whole edition into output/ (the steps are listed below from the pipeline)."""
    with _few_collections():
        _build(only, rebuild, jobs, quiet, verbose)


@contextmanager
def _few_collections() -> Iterator[None]:
    """A build holds large tables of plain data (hashes, extracts, keys: ≈ 10^6 objects at N = 2,000), which the
    garbage collector's default thresholds walk again and again without finding garbage: 0.07 s of an edit's
    build (bench/RESULTS.md, round 9). Cycles are still collected, later; each step ends with a full collection
    (build._release_memory). The thresholds are restored after (a test runs builds in its own process)."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build(only: tuple[str, ...], rebuild: bool, jobs: int | None, quiet: bool, verbose: bool) -> None:
    project = load()
    tty = sys.stderr.isatty() and not quiet

    def progress(i: int, n: int, name: str) -> None:
        if tty:
            click.echo(f"[{i}/{n}] {name} …", err=True)

    t0 = time.perf_counter()
    jobs = jobs or project.jobs
    reports = run_steps(project, set(only) or None, rebuild=rebuild, jobs=jobs, progress=progress)
    if quiet:
        return
    lines, warnings = _summary(reports, time.perf_counter() - t0, project, verbose)
    if verbose:
        for w in warnings:
            click.echo(w, err=True)
    click.echo("\n".join(lines))
