"""The enrich stage: tag names, dates and foreign words in the TEI texts, driven by data.

`enrich_files` reads the register (tei/register.xml) and the editorial rules
(editorial/entities.toml, editorial/foreign.tsv), then for each TEI file adds persName /
placeName / orgName (@ref into the register), date (ISO 8601) and foreign elements around
plain text not already inside such markup, refreshes its statement in the header, and
rewrites the file atomically only when its bytes change (so a second run changes nothing).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..config import Project
from ..errors import EditionError
from ..manifest import Manifest
from ..rewrite import read_tei, rewrite, text_id as rewrite_text_id
from ..xmlio import serialize_tei
from .dates import is_editorial, tag_dates
from .foreign import tag_foreign
from .header import resp_id, update_header
from .names import NameMatcher, tag_names
from .register import Register, load_register
from .report import TextReport, count_markup, find_misses
from .rules import Rules, load_rules
from .textmap import blocks_of, strip_generated

__all__ = ["EnrichRun", "enrich_files", "default_targets"]


@dataclass
class EnrichRun:
    register: Register
    rules: Rules
    matcher: NameMatcher
    reports: list[TextReport] = field(default_factory=list)


def default_targets(project: Project) -> list[Path]:
    """The TEI files of every text listed in editorial/texts.toml."""
    return [project.tei_dir / meta.tei for meta in project.texts]


def enrich_files(project: Project, paths: list[Path], register_path: Path | None = None,
                 dry_run: bool = False, retag: bool = False) -> EnrichRun:
    """Enrich each TEI file in `paths` in place (unless dry_run); return the reports.

    Elements the enrich stage added carry @resp="#<text>-enrich". In a file that no one has
    edited since a tool wrote it (tei/.manifest.json), or with `retag`, those elements are
    first unwrapped and everything is derived afresh, so a changed rule or register takes
    full effect; otherwise they are kept like hand markup and only new mentions are added.
    Elements without that @resp (a scholar's) are never touched.
    """
    register = load_register(register_path or project.tei_dir / "register.xml")
    rules = load_rules(project.editorial_dir)
    run = EnrichRun(register, rules, NameMatcher.build(register, rules))
    for path in paths:
        run.reports.append(_enrich_one(project, Path(path), run, dry_run, retag))
    return run


def _generated(root: etree._Element, resp: str) -> Counter[tuple[str, ...]]:
    """The stage's own elements, as (tag, attributes, text) signatures, to say what a run changed."""
    return Counter(
        (etree.QName(el).localname, repr(sorted(el.attrib.items())), "".join(el.itertext()))
        for part in root if isinstance(part.tag, str) and etree.QName(part).localname != "teiHeader"
        for el in part.iter() if isinstance(el.tag, str) and el.get("resp") == resp)


def _authorial(blocks: list[etree._Element]) -> list[etree._Element]:
    return [b for b in blocks if not is_editorial(b)]


def _enrich_one(project: Project, path: Path, run: EnrichRun, dry_run: bool, retag: bool) -> TextReport:
    if not path.exists():
        raise EditionError(f"{path}: no such TEI file (run `edition convert` first)")
    source = read_tei(path)  # read once: the compare-and-swap reference
    root = source.tree.getroot()
    text_id = rewrite_text_id(project, source)
    rep = TextReport(str(path), text_id)
    manifest = Manifest(path.parent)
    hand_edited = manifest.is_hand_edited(path, source.sha256)
    resp = "#" + resp_id(text_id)
    old = _generated(root, resp)
    if retag or not hand_edited:
        strip_generated(root, resp)
    # names and dates: the text (authorial notes included), not the editors' own notes
    tag_names(_authorial(blocks_of(root)), run.matcher, text_id, rep.issues, resp, str(path))
    rule = run.rules.date_rule(text_id)
    tag_dates(_authorial(blocks_of(root)), rule, text_id, run.rules.year_rules, resp)
    foreign = tag_foreign(blocks_of(root), run.rules.foreign, resp)
    langs = {lang for lang, _ in foreign} - {root.get("{http://www.w3.org/XML/1998/namespace}lang") or "en"}
    update_header(root, text_id, rule, langs)
    new = _generated(root, resp)
    added, rep.removed = new - old, sum((old - new).values())
    rep.added_names = sum(n for (tag, *_), n in added.items() if tag in ("persName", "placeName", "orgName"))
    rep.added_dates = sum(n for (tag, *_), n in added.items() if tag == "date")
    rep.added_foreign = sum(n for (tag, *_), n in added.items() if tag == "foreign")
    count_markup(root, run.register, rep)
    find_misses(root, run.register, run.rules, rep)
    rep.status = rewrite(source, serialize_tei(root), tool="enrich", dry_run=dry_run)
    return rep
