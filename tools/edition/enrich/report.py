"""What an editor needs to judge recall: mentions per entity, unused entries, likely misses.

Computed from the enriched documents themselves (hand-made and generated markup alike):
* mentions per register entry (every element with @ref="#id"), per text and overall;
* @ref values that do not resolve to exactly one register entry, or point to an entry of
  another kind (a placeName pointing to a person);
* register entries never mentioned;
* likely misses: occurrences of a registered form (case-insensitive but capitalised, whole
  word, or glued to further letters unless the word is a listed derived word) outside any
  tagged element, and registered forms straddling existing markup.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from ..xmlio import TEI_NS, tei
from .dates import is_editorial
from .names import NameIssue, _block_id, _context
from .register import Register
from .rules import Rules
from .textmap import blocks_of, flatten

NAME_TAGS = {tei("persName"): "person", tei("placeName"): "place", tei("orgName"): "org",
             tei("rs"): None, tei("name"): None}


@dataclass
class TextReport:
    file: str
    text_id: str
    mentions: Counter[str] = field(default_factory=Counter)
    dates: int = 0
    foreign: int = 0
    dangling: list[str] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)
    misses: list[tuple[str, str | None, str]] = field(default_factory=list)  # form, block id, context
    issues: list[NameIssue] = field(default_factory=list)
    added_names: int = 0
    added_dates: int = 0
    added_foreign: int = 0
    removed: int = 0
    status: str = ""


def _text_parts(root: etree._Element) -> list[etree._Element]:
    return [c for c in root if isinstance(c.tag, str) and c.tag != tei("teiHeader")]


def count_markup(root: etree._Element, register: Register, rep: TextReport) -> None:
    for part in _text_parts(root):
        for el in part.iter(f"{{{TEI_NS}}}*"):
            if el.tag == tei("date"):
                rep.dates += 1
            elif el.tag == tei("foreign"):
                rep.foreign += 1
            elif el.tag in NAME_TAGS and el.get("ref"):
                for ref in el.get("ref", "").split():
                    rid = ref.split("#", 1)[-1]
                    entry = register.entries.get(rid)
                    where = f"line {el.sourceline}" if el.sourceline else "new"
                    if entry is None:
                        rep.dangling.append(f"{ref} ({where})")
                        continue
                    rep.mentions[rid] += 1
                    kind = NAME_TAGS[el.tag]
                    if kind and kind != entry.kind:
                        rep.wrong_kind.append(f"{etree.QName(el).localname} ref={ref} → {entry.kind} ({where})")


def _excluded(rules: Rules, text_id: str, word: str, before: str, after: str) -> bool:
    return any(r.form in ("*", word) and r.applies(text_id, before, after) for r in rules.exclusions)


def find_misses(root: etree._Element, register: Register, rules: Rules, rep: TextReport) -> None:
    forms = sorted({f for e in register.entries.values() for f in e.forms} - rules.not_names - rules.derived,
                   key=lambda f: (-len(f), f))
    if not forms:
        return
    derived = {d.lower() for d in rules.derived}
    register_forms = set(forms)
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    rx = re.compile(rf"(?<!\w)(?:{alt})(?P<glued>\w*)", re.IGNORECASE)
    for block in blocks_of(root):
        if is_editorial(block):
            continue
        fb = flatten(block)
        for mt in rx.finditer(fb.text):
            s, e = mt.span()
            word = mt.group(0)
            if fb.is_protected(s, e):
                if not fb.is_enclosed(s, e - len(mt.group("glued"))) and word in register_forms:
                    # a registered form straddling existing markup (e.g. a longer form added to
                    # the register after a shorter one was tagged): the editor must look
                    rep.misses.append((word, _block_id(block), _context(fb.text, s, e) + " (overlaps existing markup)"))
                continue
            if mt.group("glued"):
                if word.lower() in derived or len(word) - len(mt.group("glued")) < 4:
                    continue
                if word.lower() in {n.lower() for n in rules.not_names}:
                    continue
            elif word in rules.not_names or _excluded(rules, rep.text_id, word, fb.before(s), fb.after(e)):
                continue
            if word[:1].islower():  # "pact", "presidium": common nouns, not likely misses
                continue
            rep.misses.append((word, _block_id(block), _context(fb.text, s, e)))


def format_text(rep: TextReport, register: Register, full: bool) -> list[str]:
    kinds = Counter(register.entries[r].kind for r in rep.mentions.elements())
    removed = f", removed {rep.removed} (re-derived)" if rep.removed else ""
    lines = [f"{rep.file} ({rep.text_id}): {rep.status}; added {rep.added_names} names, {rep.added_dates} dates, "
             f"{rep.added_foreign} foreign words{removed}",
             f"  now: {sum(rep.mentions.values())} linked mentions (persons {kinds['person']}, places "
             f"{kinds['place']}, organisations {kinds['org']}) of {len(rep.mentions)} entries; "
             f"{rep.dates} dates; {rep.foreign} foreign; {len(rep.misses)} likely misses; "
             f"{sum(1 for i in rep.issues if i.kind == 'ambiguous')} ambiguous; "
             f"{len(rep.dangling)} unresolved refs"]
    if not full:
        return lines
    lines.append("  mentions per entity:")
    for rid, n in sorted(rep.mentions.items(), key=lambda t: (-t[1], t[0])):
        lines.append(f"    {rid:32} {n}")
    unused = sorted(set(register.entries) - set(rep.mentions))
    lines.append(f"  register entries not mentioned in this text ({len(unused)}): {', '.join(unused) or '-'}")
    for label, items in (("unresolved @ref", rep.dangling), ("name element of the wrong kind", rep.wrong_kind)):
        for item in items:
            lines.append(f"  {label}: {item}")
    if rep.misses:
        lines.append("  likely misses (registered forms left untagged):")
        for word, bid, ctx in rep.misses:
            lines.append(f"    {word!r} in {bid or '?'}: {ctx}")
    for issue in rep.issues:
        what = "ambiguous form left untagged" if issue.kind == "ambiguous" else "cannot wrap across markup"
        lines.append(f"  {what}: {issue.form!r} ({', '.join(issue.refs)}) in {issue.block_id or '?'}: {issue.context}")
    return lines


def format_overall(reports: list[TextReport], register: Register, full: bool) -> list[str]:
    total: Counter[str] = Counter()
    for rep in reports:
        total.update(rep.mentions)
    unused = sorted(set(register.entries) - set(total))
    lines = [f"overall: {sum(total.values())} linked mentions of {len(total)} of {len(register.entries)} "
             f"register entries; {sum(r.dates for r in reports)} dates; "
             f"{sum(len(r.misses) for r in reports)} likely misses; {len(unused)} entries never mentioned"]
    if full:
        lines.append("  mentions per entity (all texts):")
        for rid, n in sorted(total.items(), key=lambda t: (-t[1], t[0])):
            per = ", ".join(f"{r.text_id} {r.mentions[rid]}" for r in reports if r.mentions[rid])
            lines.append(f"    {rid:32} {n:4}  ({per})")
        lines.append(f"  register entries never mentioned ({len(unused)}): {', '.join(unused) or '-'}")
    return lines
