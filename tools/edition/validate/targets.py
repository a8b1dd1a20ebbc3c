"""Which files `edition validate` checks, and the run over them with the project's seeds."""

from __future__ import annotations

from pathlib import Path

from ..config import Project, load_project
from ..errors import EditionError, UsageError
from .diagnostics import ERROR, MAX_PER_CHECK, UNREADABLE, Diagnostic
from .documents import display_path, edition_files, project_files
from .engine import Result, validate


def expand(paths: tuple[Path, ...]) -> list[Path]:
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
        if not project_files(project.tei_dir):
            raise UsageError(f"{project.tei_dir}: no TEI files to validate (run edition convert first, or name files)")
        paths = edition_files(project.tei_dir, project.editorial_dir)
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
