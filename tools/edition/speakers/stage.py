"""The speakers stage of `edition build`: said/@who in every text with a narrator."""

from __future__ import annotations

from ..config import Project
from ..stage import Report, Stage, common_inputs


def run(project: Project) -> Report:
    from . import attribute_file
    from .rules import load_rules

    report = Report("speakers")
    rules_file = project.editorial_dir / "speakers.toml"
    if not rules_file.exists():
        report.warn("speakers skipped: no rules file", file=rules_file)
        return report
    rules = load_rules(project.editorial_dir)
    for meta in project.texts:
        path = project.tei_dir / meta.tei
        if meta.id in rules.narrators and path.exists():
            run_ = attribute_file(project, path)
            report.info(f"speakers {path.name}: {run_.status}; {run_.attributed} of {run_.total} said attributed")
    return report


STAGE = Stage("speakers", "attribute direct speech (said/@who, @cert where inferred)", run,
              depends=lambda p: (common_inputs(p), []), rewrites_tei=True)
