"""`edition enrich`: tag names, dates and foreign words in the TEI texts, and report."""

from __future__ import annotations

from pathlib import Path

import click

from ..lock import lock_for_command
from .options import dry_run_option, redo_option
from .util import handle_errors, load, warn


@click.command("enrich")
@click.argument("tei_files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--register", "register_path", type=click.Path(path_type=Path, dir_okay=False),
              help="The register to link to (default: tei/register.xml).")
@click.option("--report", "full", is_flag=True,
              help="Print the full report: mentions per entity, unused entries, likely misses.")
@dry_run_option
@redo_option('the stage\'s own elements (@resp="#<text>-enrich")')
@handle_errors
def enrich(tei_files: tuple[Path, ...], register_path: Path | None, full: bool, dry_run: bool, redo: bool) -> None:
    """Tag persons, places, organisations, dates and foreign words in TEI_FILES.

    Default: the TEI file of every text in editorial/texts.toml. Names come from the
    register; exclusions, ambiguities and the year-inference rule from
    editorial/entities.toml; foreign words from editorial/foreign.tsv. A second run
    changes nothing. Markup a scholar added is never changed; the stage's own elements
    carry @resp="#<text>-enrich" and are re-derived when the file was not edited by hand
    since a tool wrote it (or with --redo). To keep a corrected generated element, remove
    its @resp (or set it to #editors).
    """
    from ..enrich import default_targets, enrich_files
    from ..enrich.report import format_overall, format_text

    project = load()
    lock_for_command(project, "enrich")  # one writer of tei/ and output/ at a time
    paths = list(tei_files) or default_targets(project)
    if not paths:
        raise click.UsageError("no TEI files given and none listed in editorial/texts.toml")
    run = enrich_files(project, paths, register_path, dry_run=dry_run, retag=redo)
    for form, why in run.matcher.dropped:
        warn(f"form {form!r}: {why}")
    for rep in run.reports:
        for line in format_text(rep, run.register, full):
            click.echo(line)
        for ref in rep.dangling:
            warn(f"{rep.file}: @ref {ref} does not resolve to a register entry")
    for line in format_overall(run.reports, run.register, full):
        click.echo(line)
