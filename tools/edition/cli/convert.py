"""`edition convert`: seed texts → TEI."""

from __future__ import annotations

from pathlib import Path

import click

from ..convert import PROFILES
from ..lock import lock_for_command
from .options import output_option
from .util import handle_errors, load, warn


@click.command("convert")
@click.argument("seeds", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--profile", type=click.Choice(("auto", *PROFILES)), default="auto", show_default=True,
              help="How to read the seed: a WikiText-103 article or a memoir chapter with a Notes list.")
@output_option("Where to write the TEI (default: the project's tei/).")
@click.option("--force", is_flag=True, help="Regenerate even a hand-edited TEI file (a .bak copy is kept).")
@handle_errors
def convert(seeds: tuple[Path, ...], profile: str, output: Path | None, force: bool) -> None:
    """Convert SEED text files into TEI P5.

    Corrections come from editorial/corrections/<text-id>.tsv and metadata from
    editorial/texts.toml. An unchanged seed rewrites nothing; a TEI file edited by hand
    is never overwritten without --force.
    """
    from ..convert import convert_seed

    project = load()
    lock_for_command(project, "convert", output)  # one writer of tei/ and output/ at a time
    for seed in seeds:
        if not seed.exists():
            raise click.UsageError(f"{seed}: no such seed file")
        outcome = convert_seed(project, seed, profile=profile, out_dir=output, force=force)
        for w in outcome.warnings:
            warn(w)
        if outcome.backup:
            click.echo(f"{outcome.target}: previous version kept as {outcome.backup}", err=True)
        click.echo(f"{outcome.target}: {outcome.status}")
