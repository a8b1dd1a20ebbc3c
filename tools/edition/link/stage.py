"""The link stage of `edition build`: quotations between the texts, linked and collated."""

from __future__ import annotations

from pathlib import Path

from ..config import Project
from ..errors import EditionError
from ..stage import Report, Stage, common_inputs


def run(project: Project) -> Report:
    from . import link_texts, summary

    report = Report("link")
    pairs = project.settings.get("link", [["sas", "fbm"]])
    for pair in pairs:
        metas = [project.text_by_id(t) for t in pair]
        if len(metas) != 2 or any(m is None for m in metas):
            texts_toml = project.editorial_dir / "texts.toml"
            if not project.texts:
                raise EditionError(f"{texts_toml}: no texts listed (missing or empty), so the pair {pair!r} of "
                                   f"[tool.edition] link cannot be linked")
            raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] link: unknown text in {pair!r}; "
                               f"the texts of {texts_toml} are {', '.join(m.id for m in project.texts)}")
        paths = [project.tei_dir / m.tei for m in metas]  # type: ignore[union-attr]
        if not all(p.exists() for p in paths):
            report.warn(f"link {pair[0]}→{pair[1]} skipped: TEI not converted yet")
            continue
        linked = link_texts(project, paths[0], paths[1])
        report.info(f"link {pair[0]}→{pair[1]}: {len(linked.linked)} quotation(s) linked; "
                    + "; ".join(f"{Path(p).name} {s}" for p, s in linked.status.items()))
        for note in linked.notes:
            report.warn(note, file=paths[0])
        for line in summary(linked):
            if line.startswith("ambiguous"):
                report.note(line, file=paths[0])
    return report


STAGE = Stage("link", "link quotations between the texts and collate them", run,
              depends=lambda p: (common_inputs(p), []), rewrites_tei=True)
