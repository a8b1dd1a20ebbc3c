"""The validate stage of `edition build`: refuse to publish an invalid edition."""

from __future__ import annotations

from pathlib import Path

from ..config import Project
from ..errors import EditionError
from ..stage import Diagnostic, Report, Stage, common_inputs


def run(project: Project) -> Report:
    from .cache import ValidationCache
    from .diagnostics import ERROR
    from .documents import edition_files
    from .report import summary
    from .targets import max_errors

    report = Report("validate")
    paths = edition_files(project.tei_dir, project.editorial_dir)  # the texts, the register, events.xml
    if not any(p.parent == project.tei_dir for p in paths):
        raise EditionError(f"{project.tei_dir}: no TEI files to validate")
    reg = project.tei_dir / "register.xml"
    # file by file: the findings of unchanged files are reused (validate/cache.py)
    result = ValidationCache(project.output_dir / ".cache" / "validate", project.output_dir).validate(
        paths, register=reg if reg.is_file() else None, seeds_dirs=[project.seeds_dir], max_errors=max_errors(project))
    if result.status:
        problems = [d.text() for d in result.diagnostics if d.severity == ERROR or d.fatal]
        shown = "\n".join(problems[:20]) + (f"\n… and {len(problems) - 20} more" if len(problems) > 20 else "")
        raise EditionError(f"the edition is not valid, so nothing is published ({summary(result)}):\n{shown}\n"
                           "Run `edition validate` for the full report.")
    report.info(f"validate: {summary(result)}")
    report.extend(Diagnostic("warning", d.message, d.path, d.line, d.rule)
                  for d in result.diagnostics if d.severity != ERROR)
    return report


def run_documents(project: Project, paths: list[Path]) -> Report:
    """Check `paths` only (grammar, rules, pointers into the register); every problem, errors
    included, is a diagnostic with its file and line — nothing is raised for an invalid file."""
    from .diagnostics import ERROR
    from .engine import validate

    report = Report("validate")
    reg = project.tei_dir / "register.xml"
    result = validate(paths, register=reg if reg.is_file() else None, seeds_dirs=[project.seeds_dir])
    report.extend(Diagnostic("error" if d.severity == ERROR or d.fatal else "warning", d.message, d.path, d.line,
                             d.rule) for d in result.diagnostics)
    return report


STAGE = Stage("validate", "check the TEI against the schema and the edition's rules", run,
              depends=lambda p: (common_inputs(p, p.seeds_dir, p.schema_dir()), []), documents=run_documents)
