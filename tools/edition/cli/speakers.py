"""`edition speakers`: attribute direct speech (said/@who) in the TEI texts."""

from __future__ import annotations

from pathlib import Path

import click

from ..lock import lock_for_command
from .options import dry_run_option, redo_option
from .util import handle_errors, load


@click.command("speakers")
@click.argument("tei_files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@dry_run_option
@redo_option("the stage's attributions")
@click.option("--list", "listing", is_flag=True, help="List every attribution with the rule that made it.")
@handle_errors
def speakers(tei_files: tuple[Path, ...], dry_run: bool, redo: bool, listing: bool) -> None:
    """Attribute direct speech in TEI_FILES: said/@who (+ @cert where inferred).

    Default: every text with a narrator in editorial/speakers.toml. Explicit attributions
    (“…,” said Mikoyan; replied Comrade Hysni; I told him) get @who; pronouns ("he said")
    and turn-taking across paragraphs get @cert too. Speech whose speaker the text does not
    determine is left alone, as is every said a scholar attributed. A second run changes nothing.
    """
    from ..speakers import attribute_file
    from ..speakers.attribute import said_key
    from ..speakers.rules import load_rules

    project = load()
    lock_for_command(project, "speakers")  # one writer of tei/ and output/ at a time
    paths = list(tei_files)
    if not paths:
        narrators = load_rules(project.editorial_dir).narrators
        paths = [project.tei_dir / m.tei for m in project.texts if m.id in narrators]
    if not paths:
        raise click.UsageError("no TEI files given and no text with a narrator in editorial/speakers.toml")
    for path in paths:
        run = attribute_file(project, path, dry_run=dry_run, reattribute=redo)
        rules = ", ".join(f"{k} {v}" for k, v in sorted(run.by_rule.items()))
        click.echo(f"{path.name}: {run.status}; {len(run.attributions)} of {run.total} said attributed now"
                   + (f" ({rules})" if rules else ""))
        if listing:
            for a in run.attributions:
                click.echo(f"  {said_key(a.said)} {a.who} {a.cert or 'certain'} [{a.rule}]")
