"""Speaker attribution: `said/@who` (and `@cert` where inferred) in a TEI text.

Rules in editorial/speakers.toml; the decisions in attribute.py. Every `said` the stage
attributes gets @who, @cert when the speaker is inferred (pronoun, turn-taking) and
@resp="#<text>-speakers" (a respStmt added to the header); those are re-derived on each
run. A `said` with @who or @resp set by someone else is never touched. In a file edited by
hand since a tool wrote it (tei/.manifest.json), the stage's earlier attributions are kept
and only unattributed speech is considered (`reattribute` re-derives them all).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


from ..config import Project
from ..errors import EditionError
from ..manifest import Manifest
from ..rewrite import read_tei, rewrite, text_id as rewrite_text_id
from ..xmlio import serialize_tei, tei
from .attribute import Attribution, attribute, said_key
from .rules import load_rules

__all__ = ["SpeakerRun", "attribute_file", "said_key"]

RESP_TEXT = ("Automatic attribution of direct speech (said/@who, with @cert where inferred from a pronoun "
             "or from turn-taking; said elements with @resp=\"#{rid}\"; re-derived by edition speakers "
             "from editorial/speakers.toml)")


@dataclass
class SpeakerRun:
    file: str
    total: int = 0
    attributed: int = 0  # said with @who after the run (by this tool or by hand)
    attributions: list[Attribution] = field(default_factory=list)
    by_rule: Counter[str] = field(default_factory=Counter)
    status: str = ""


def resp_id(text_id: str) -> str:
    return f"{text_id}-speakers"


def attribute_file(project: Project, path: Path, dry_run: bool = False, reattribute: bool = False) -> SpeakerRun:
    """Attribute the speech of one TEI file in place (unless dry_run)."""
    from ..link.writer import ensure_resp_stmt

    path = Path(path)
    if not path.exists():
        raise EditionError(f"{path}: no such TEI file (run `edition convert` first)")
    rules = load_rules(project.editorial_dir)
    source = read_tei(path)  # read once: the compare-and-swap reference
    root = source.tree.getroot()
    text_id = rewrite_text_id(project, source)
    rid = resp_id(text_id)
    resp = "#" + rid
    manifest = Manifest(path.parent)
    edited = manifest.is_hand_edited(path, source.sha256)
    run = SpeakerRun(str(path))
    saids = list(root.iter(tei("said")))
    run.total = len(saids)
    if reattribute or not edited:
        for s in saids:
            if s.get("resp") == resp:
                for att in ("who", "cert", "resp"):
                    s.attrib.pop(att, None)
    text = root.find(tei("text"))
    paragraphs = [] if text is None else list(text.iter(tei("p")))
    for a in attribute(paragraphs, rules, rules.narrators.get(text_id)):
        s = a.said
        if a.who is None or s.get("who") is not None or s.get("resp") is not None:
            continue
        s.set("who", a.who)
        if a.cert:
            s.set("cert", a.cert)
        s.set("resp", resp)
        run.attributions.append(a)
        run.by_rule[a.rule] += 1
    if any(s.get("resp") == resp for s in saids):
        ensure_resp_stmt(root, text_id, rid, RESP_TEXT.format(rid=rid), "The edition toolkit (edition speakers)")
    run.attributed = sum(1 for s in saids if s.get("who"))
    run.status = rewrite(source, serialize_tei(root), tool="speakers", dry_run=dry_run)
    return run
