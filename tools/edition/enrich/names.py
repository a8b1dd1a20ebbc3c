"""Tag mentions of register entries: persName / placeName / orgName with @ref.

Matching is over each block's reading text (see `textmap`): case-sensitive, whole words,
longest form first at each position (so "Soviet Union" beats "Soviet", and "Central
Committee of the Communist Party of the Soviet Union" is one name). A word character
right after a form blocks it, so derived words (Khrushchevite, Stalinist, Leninism) are
never tagged, while a possessive ("Khrushchev's", "Khrushchev 's") tags the name only.
Words listed in entities.toml as not names are never tagged even if a register lists
them; contextual exclusions and resolutions of ambiguous forms come from the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..errors import EditionError
from ..xmlio import tei
from .register import Entry, Register
from .rules import Rules
from .textmap import FlatBlock, flatten, wrap_span

_APOS = "['’]"
_HYPHEN = "[-‐‑]"


def normalize_form(text: str) -> str:
    """Key used to compare a matched span with a register form (spacing, apostrophes, hyphens)."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("‐", "-").replace("‑", "-"))
    text = re.sub(r" ?' ?s\b", "'s", text)
    return re.sub(r" ?- ?", "-", text).strip()


def form_regex(form: str) -> str:
    """Regular expression for one form: flexible spacing, either apostrophe, whole words."""
    out = []
    for tok in re.findall(r"\w+|\s+|.", normalize_form(form)):
        if tok.isspace():
            out.append(r"\s+")
        elif tok == "'":
            out.append(r"\s*" + _APOS)
        elif tok == "-":
            out.append(r"\s*" + _HYPHEN + r"\s*")
        elif tok == ".":
            out.append(r"\s*\.")
        else:
            out.append(re.escape(tok))
    body = "".join(out)
    left = r"(?<!\w)" if re.match(r"\w", form) else ""
    right = r"(?!\w)" if re.search(r"\w$", form) else ""
    return left + body + right


@dataclass
class Candidate:
    form: str
    entries: list[Entry]
    regex: re.Pattern[str]


@dataclass
class NameIssue:
    kind: str  # 'ambiguous' | 'markup'
    form: str
    context: str
    block_id: str | None
    refs: list[str] = field(default_factory=list)


@dataclass
class NameMatcher:
    """All usable register forms, indexed by their first word."""

    register: Register
    rules: Rules
    by_first: dict[str, list[Candidate]] = field(default_factory=dict)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (form, why)

    @classmethod
    def build(cls, register: Register, rules: Rules) -> NameMatcher:
        m = cls(register, rules)
        for form, entries in register.form_index().items():
            if form in rules.not_names or form in rules.derived:
                m.dropped.append((form, "listed in the register but entities.toml says it is not a name: not tagged"))
                continue
            title = next((t for t in rules.titles if form.startswith(t + " ")), None)
            if title and any(e.kind == "person" for e in entries):
                m.dropped.append((form, f"begins with the title {title!r}, which stays outside the name: "
                                        "list the form without it"))
                continue
            first = re.match(r"\w+", form)
            key = first.group(0) if first else ""
            m.by_first.setdefault(key, []).append(Candidate(form, entries, re.compile(form_regex(form))))
        for rule in rules.resolutions:
            if rule.ref not in register.entries:
                m.dropped.append((rule.form, f"entities.toml resolves it to #{rule.ref}, which is not in the register"))
        for bucket in m.by_first.values():
            bucket.sort(key=lambda c: (-len(c.form), c.form))
        return m

    def candidates(self, text: str) -> list[tuple[int, int, Candidate]]:
        """Every position where some form matches, each with all candidate forms there (longest first)."""
        out = []
        for word in re.finditer(r"(?<!\w)\w+", text):
            for cand in self.by_first.get(word.group(0), []):
                hit = cand.regex.match(text, word.start())
                if hit:
                    out.append((hit.start(), hit.end(), cand))
        for cand in self.by_first.get("", []):  # forms opening with punctuation: “Kirov” Theatre
            out += [(hit.start(), hit.end(), cand) for hit in cand.regex.finditer(text)]
        return out

    def excluded(self, text_id: str, fb: FlatBlock, s: int, e: int, cand: Candidate) -> bool:
        """True where entities.toml says this match is not a mention (its span is then not a name at all)."""
        before, after = fb.before(s), fb.after(e)
        return any(rule.form in (cand.form, "*") and rule.applies(text_id, before, after)
                   for rule in self.rules.exclusions)

    def choose(self, text_id: str, fb: FlatBlock, s: int, e: int, cand: Candidate,
               issues: list[NameIssue]) -> Entry | None:
        """The entry a candidate match stands for, or None (excluded, ambiguous)."""
        before, after = fb.before(s), fb.after(e)
        if self.excluded(text_id, fb, s, e, cand):
            return None
        for rule in self.rules.resolutions:
            if rule.form == cand.form and rule.applies(text_id, before, after):
                return self.register.entries.get(rule.ref or "")
        if len(cand.entries) == 1:
            return cand.entries[0]
        issues.append(NameIssue("ambiguous", cand.form, _context(fb.text, s, e), _block_id(fb.block),
                                [x.id for x in cand.entries]))
        return None


def _context(text: str, s: int, e: int, width: int = 40) -> str:
    ctx = text[max(0, s - width): s] + "[" + text[s:e] + "]" + text[e: e + width]
    return " ".join(ctx.replace("\x00", " … ").split())


def _block_id(block: etree._Element) -> str | None:
    el: etree._Element | None = block
    while el is not None:
        xml_id = el.get("{http://www.w3.org/XML/1998/namespace}id")
        if xml_id:
            return xml_id
        el = el.getparent()
    return None


# At most this many names tagged in one file per run (the edition's texts have about a thousand each):
# a file of nothing but names would otherwise grow past what the toolkit reads, and take enrich past
# 1 GB of memory (bench/RESULTS.md, issue 15).
MAX_NEW_NAMES = 200_000


def tag_names(blocks: list[etree._Element], matcher: NameMatcher, text_id: str,
              issues: list[NameIssue], resp: str | None = None, name: str = "") -> list[tuple[str, str]]:
    """Tag every mention in `blocks` (new elements get @resp=`resp`); return (ref, text) of each.
    EditionError (naming `name`, the file) beyond MAX_NEW_NAMES: the caller then writes nothing."""
    added: list[tuple[str, str]] = []
    for block in blocks:
        if len(added) > MAX_NEW_NAMES:
            raise EditionError(f"{name}: more than {MAX_NEW_NAMES:,} names to tag in one file; enrich tags at most "
                               f"{MAX_NEW_NAMES:,} per run (a memory limit, see the README); nothing written")
        fb = flatten(block)
        chosen: list[tuple[int, int, Entry]] = []
        by_start: dict[int, list[tuple[int, int, Candidate]]] = {}
        for s, e, cand in matcher.candidates(fb.text):
            by_start.setdefault(s, []).append((s, e, cand))
        pos = 0
        for start in sorted(by_start):
            if start < pos:
                continue
            for s, e, cand in sorted(by_start[start], key=lambda t: -(t[1] - t[0])):
                if fb.is_protected(s, e):
                    continue
                if matcher.excluded(text_id, fb, s, e, cand):
                    pos = e  # an excluded span (the CPSU in "Congress of the CPSU") hides shorter forms inside it
                    break
                entry = matcher.choose(text_id, fb, s, e, cand, issues)
                if entry is not None:
                    chosen.append((s, e, entry))
                    pos = e
                    break
        done: list[tuple[str, str]] = []
        for s, e, entry in reversed(chosen):
            el = etree.Element(tei(entry.element), ref=f"#{entry.id}")
            if resp:
                el.set("resp", resp)
            if wrap_span(fb, s, e, el):
                done.append((entry.id, fb.text[s:e]))
            else:
                issues.append(NameIssue("markup", fb.text[s:e], _context(fb.text, s, e), _block_id(block),
                                        [entry.id]))
        added += reversed(done)
    return added
