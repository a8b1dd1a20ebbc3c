"""The enrich stage of `edition build`: names, dates and foreign words in every text."""

from __future__ import annotations

from pathlib import Path

from ..config import Project
from ..stage import Report, Stage, common_inputs


def run(project: Project) -> Report:
    from . import default_targets, enrich_files

    report = Report("enrich")
    register_path = project.tei_dir / "register.xml"
    if not register_path.exists():
        report.warn("enrich skipped: register not found", file=register_path)
        return report
    targets = [p for p in default_targets(project) if p.exists()]
    enriched = enrich_files(project, targets, register_path)
    for rep in enriched.reports:
        report.info(f"enrich {Path(rep.file).name}: {rep.status}; {sum(rep.mentions.values())} names, "
                    f"{rep.dates} dates, {len(rep.misses)} likely misses")
        for ref in rep.dangling:
            report.warn(f"@ref {ref} does not resolve to a register entry", file=rep.file, rule="ref-resolves")
    return report


STAGE = Stage("enrich", "tag persons, places, organisations, dates and foreign words (register)", run,
              depends=lambda p: (common_inputs(p), []), rewrites_tei=True)
