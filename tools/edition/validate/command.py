"""`edition validate`: grammar, rules and cross-file integrity of the edition's TEI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cliutil import handle_errors
from ..config import Project, load_project
from ..errors import EditionError, UsageError
from .diagnostics import ERROR, MAX_PER_CHECK, UNREADABLE, Diagnostic
from .documents import display_path
from .engine import Result, validate
from .report import FORMATS, render, summary


def project_files(tei_dir: Path) -> list[Path]:
    """The edition's TEI files: tei/*.xml (the texts and tei/register.xml), sorted."""
    return sorted(p for p in tei_dir.glob("*.xml") if p.is_file())


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = project_files(p)
            if not found:
                raise UsageError(f"{p}: no *.xml files in this directory")
            out += found
        else:
            out.append(p)
    return out


def _missing(paths: list[Path]) -> list[Diagnostic]:
    return [Diagnostic(display_path(p), 1, 1, ERROR, "no such file", UNREADABLE) for p in paths if not p.exists()]


def max_errors(project: Project, given: int | None = None) -> int:
    """Errors shown per check and per file: --max-errors, else [tool.edition] max_errors, else 1000."""
    value = given if given is not None else project.settings.get("max_errors", MAX_PER_CHECK)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] max_errors must be a whole number "
                           f"of 1 or more, not {value!r}")
    return value


def run(paths: list[Path], register: Path | None = None, schema_path: Path | None = None,
        limit: int | None = None) -> Result:
    """Validate `paths` (default: the project's edition) with the project's seeds for checksums."""
    project = load_project()
    if not paths:
        paths = project_files(project.tei_dir)
        if not paths:
            raise UsageError(f"{project.tei_dir}: no TEI files to validate (run edition convert first, or name files)")
    unique: dict[Path, Path] = {}
    for p in paths:
        unique.setdefault(p.resolve(), p)
    paths = list(unique.values())
    missing = _missing(paths)
    present = [p for p in paths if p.exists()]
    result = validate(present, register=register, default_register=project.tei_dir / "register.xml",
                      seeds_dirs=[project.seeds_dir], schema_path=schema_path,
                      max_errors=max_errors(project, limit))
    if missing:
        result = Result(result.files + [d.path for d in missing], missing + result.diagnostics)
    return result


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
                   f"else {MAX_PER_CHECK}).")
@handle_errors
def validate_command(paths: tuple[Path, ...], fmt: str, register: Path | None, schema_path: Path | None,
                     limit: int | None) -> None:
    """Check TEI files against the edition's schema and rules (default: the whole edition).

    Each problem is reported as `path:line:col: error|warning: message [rule-id]`; the rule ids
    are listed in tei/schema/edition.odd. Exit status: 0 valid (warnings allowed), 1 invalid,
    2 usage error or unreadable / non-XML / refused (hostile) input.
    """
    result = run(_expand(paths), register=register, schema_path=schema_path, limit=limit)
    out, err = render(result, fmt)
    if out:
        click.echo(out, nl=False)
    if err:
        click.echo(err, nl=False, err=True)
    if result.status:
        sys.exit(result.status)


def build_step(project: Project) -> list[str]:
    """The `validate` step of `edition build`: refuse to publish an invalid edition."""
    paths = project_files(project.tei_dir)
    if not paths:
        raise EditionError(f"{project.tei_dir}: no TEI files to validate")
    reg = project.tei_dir / "register.xml"
    result = validate(paths, register=reg if reg.is_file() else None, seeds_dirs=[project.seeds_dir],
                      max_errors=max_errors(project))
    warnings = [f"warning: {d.path}:{d.line}:{d.col}: {d.message} [{d.rule}]"
                for d in result.diagnostics if d.severity != ERROR]
    if result.status:
        problems = [d.text() for d in result.diagnostics if d.severity == ERROR or d.fatal]
        shown = "\n".join(problems[:20]) + (f"\n… and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise EditionError(f"the edition is not valid, so nothing is published ({summary(result)}):\n{shown}\n"
                           "Run `edition validate` for the full report.")
    return [f"validate: {summary(result)}", *warnings]
