"""Quotation links between two texts of the edition, with a collation apparatus.

`link_texts(project, quoting, source)` finds every passage of the quoting text (A) that reuses
text of the source (B) — n-gram seeds chained into local alignments (align.py), grouped by
quotation (detect.py) —, collates each with its source (collate.py) and writes the links both
ways and the apparatus (writer.py), each difference attached to the quotation by two anchors
around its reading (app/@from, @to; anchors.py). Rejected detections are data: editorial/links/rejected.tsv.
Both files are rewritten atomically and only when their bytes change; a second run changes
nothing. In a file edited by hand since a tool wrote it (tei/.manifest.json) the tool's
earlier links are kept unless `relink` is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import Project
from ..errors import EditionError
from ..safeio import read_text
from ..manifest import Manifest
from ..rewrite import read_tei, rewrite, text_id
from ..xmlio import XML_ID, serialize_tei
from .align import Params
from .collate import Difference, collate
from .detect import Unit, detect
from .tokens import blocks, reading, text_words
from .writer import generated, write_quoting, write_source

__all__ = ["LinkRun", "link_texts", "load_rejected", "Params"]


@dataclass
class LinkRun:
    quoting: Path
    source: Path
    linked: list[tuple[Unit, list[str], list[Difference]]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # unit, B paragraphs: not linked
    notes: list[str] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)


def load_rejected(project: Project) -> set[tuple[str, str]]:
    """(unit id, source paragraph id) pairs a scholar rejected: editorial/links/rejected.tsv
    (tab-separated `unit`, `source`, `note`; # comments; a header line)."""
    path = project.editorial_dir / "links" / "rejected.tsv"
    if not path.exists():
        return set()
    out = set()
    for n, line in enumerate(read_text(path, what="TSV file").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("unit\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise EditionError(f"{path}:{n}: expected 'unit<TAB>source<TAB>note'")
        out.add((cols[0].strip(), cols[1].strip()))
    return out


def link_texts(project: Project, quoting: Path, source: Path, params: Params = Params(),
               dry_run: bool = False, relink: bool = False) -> LinkRun:
    """Detect, collate and write the links from `quoting` (A) to `source` (B)."""
    run = LinkRun(Path(quoting), Path(source))
    for p in (run.quoting, run.source):
        if not p.exists():
            raise EditionError(f"{p}: no such TEI file (run `edition convert` first)")
    if run.quoting.resolve() == run.source.resolve():
        raise EditionError(f"{run.quoting}: a text cannot be linked with itself")
    sources = {p: read_tei(p) for p in (run.quoting, run.source)}  # read once: compare-and-swap references
    trees = {p: s.tree for p, s in sources.items()}
    ra, rb = trees[run.quoting].getroot(), trees[run.source].getroot()
    aid, bid = text_id(project, sources[run.quoting]), text_id(project, sources[run.source])
    a, b = text_words(ra), text_words(rb)
    a_texts = {blk.get(XML_ID): reading(blk) for blk in blocks(ra)}
    b_texts = {blk.get(XML_ID): reading(blk) for blk in blocks(rb)}
    rejected = load_rejected(project)
    ambiguous: list[tuple[Unit, list[str]]] = []
    found = detect(a, b, params, ambiguous=ambiguous)
    run.ambiguous = [(u.id, srcs) for u, srcs in ambiguous]
    for unit in found:
        uid = unit.id if unit.kind == "quote" else unit.block
        srcs = unit.source_blocks(b)
        dropped = [s for s in srcs if (uid, s) in rejected]
        run.rejected += [(uid, s) for s in dropped]
        if len(dropped) == len(srcs):
            continue
        run.linked.append((unit, [s for s in srcs if s not in dropped], collate(a, b, a_texts, b_texts, unit)))
    manifest = Manifest(run.quoting.parent)
    for path, root, tid, write in ((run.quoting, ra, aid, "quoting"), (run.source, rb, bid, "source")):
        edited = manifest.is_hand_edited(path, sources[path].sha256)
        if edited and generated(root, tid) and not relink:
            run.status[str(path)] = "kept (edited by hand since a tool wrote it; --redo to re-derive)"
            continue
        if write == "quoting":
            run.notes += write_quoting(ra, aid, run.source.name, run.linked)
        else:
            write_source(rb, bid, run.quoting.name, run.linked)
        run.status[str(path)] = rewrite(sources[path], serialize_tei(root), tool="link", dry_run=dry_run)
    return run


def summary(run: LinkRun) -> list[str]:
    """One line per link and per file, for the command and the build."""
    lines = []
    for unit, srcs, diffs in run.linked:
        uid = unit.id if unit.kind == "quote" else f"{unit.block} (unquoted)"
        kinds = ", ".join(sorted({d.kind for d in diffs})) or "identical"
        lines.append(f"{uid} ← {' '.join(srcs)}: {unit.matched} words matched; "
                     f"{len(diffs)} difference(s) ({kinds})")
    lines += [f"rejected (editorial/links/rejected.tsv): {u} ← {s}" for u, s in run.rejected]
    lines += [f"ambiguous, not linked (the quoted words stand in {' and '.join(srcs)}; nothing around them "
              f"tells which): {u}" for u, srcs in run.ambiguous]
    lines += [f"{Path(p).name}: {st}" for p, st in run.status.items()]
    return lines
