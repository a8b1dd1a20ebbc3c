"""`edition validate`: grammar, rules and cross-file integrity of the edition's TEI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..validate.report import FORMATS
from .util import handle_errors


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: problems on stderr, summary on stdout; json, junit, github: report on stdout.")
@click.option("--register", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="The register pointers resolve into (default: a register among the files, else register.xml "
                   "beside them, else the project's tei/register.xml).")
@click.option("--schema", "schema_path", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="RELAX NG schema to use instead of tei/schema/edition.rng.")
@click.option("--max-errors", "limit", type=click.IntRange(min=1), default=None,
              help="Errors shown per check and per file before 'and N more' (default: [tool.edition] max_errors, "
                   "else 1000).")
@handle_errors
def validate_command(paths: tuple[Path, ...], fmt: str, register: Path | None, schema_path: Path | None,
                     limit: int | None) -> None:
    """Check TEI files against the edition's schema and rules (default: the whole edition).

    Each problem is reported as `path:line:col: error|warning: message [rule-id]`; the rule ids
    are listed in tei/schema/edition.odd. Exit status: 0 valid (warnings allowed), 1 invalid,
    2 usage error or unreadable / non-XML / refused (hostile) input.
    """
    from ..validate.report import render
    from ..validate.targets import expand, run

    result = run(expand(paths), register=register, schema_path=schema_path, limit=limit)
    out, err = render(result, fmt)
    if out:
        click.echo(out, nl=False)
    if err:
        click.echo(err, nl=False, err=True)
    if result.status:
        sys.exit(result.status)
