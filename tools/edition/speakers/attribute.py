"""Decide who speaks each `said` of a text, from the words around it.

For each paragraph the narration around a `said` is flattened to a string in which every
`persName` is a placeholder ⟨#ref⟩. In order of strength:

1. explicit: “…,” said [Comrade] X / X said / said X: / X asked: “…” → X (no @cert);
   “…,” I said / I replied: → the narrator (no @cert);
2. pronoun: he said / he asked us: → the last person named before the speech (cert="medium");
   we told him → the narrator speaking for his delegation (cert="medium");
3. continuation: the second part of a sentence split by the attribution (“…,” said X, “…”)
   → the same speaker (no @cert when the narration between them is short and ends with a
   comma; else cert="medium");
4. turn-taking: a paragraph of speech alone answers the previous turn: its speaker is who the
   previous turn addressed ("replied X" addresses the previous speaker; "I told X" addresses
   X; "he told me" the narrator) (cert="medium"), or else the speaker two turns back
   (cert="low").
Speech the text does not attribute (“said the Soviets”) is left without @who.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..xmlio import XML_ID, tei
from .rules import SpeakerRules

PERSON = "⟨{}⟩"


@dataclass
class Attribution:
    said: etree._Element
    who: str | None = None          # register id with "#"
    cert: str | None = None         # None = the text determines it
    rule: str = ""
    addressee: str | None = None


def _flat(nodes: list[object]) -> str:
    """Narration as text, persons as ⟨#ref⟩ (notes left out)."""
    out = []
    for n in nodes:
        if isinstance(n, str):
            out.append(n)
        elif isinstance(n, etree._Element) and isinstance(n.tag, str):
            local = etree.QName(n).localname
            if local == "note":
                continue
            if local == "persName" and n.get("ref"):
                out.append(PERSON.format(n.get("ref").split()[0]))
            else:
                out.append("".join(t for t in n.itertext()))
    return "".join(out)


def _around(p: etree._Element) -> tuple[list[etree._Element], list[str]]:
    """The paragraph's said children and the narration before each and after the last."""
    saids, gaps, cur = [], [], [p.text or ""]
    for child in p:
        if isinstance(child.tag, str) and child.tag == tei("said"):
            saids.append(child)
            gaps.append(_flat(cur))
            cur = [child.tail or ""]
        else:
            cur += [child, child.tail or ""]
    gaps.append(_flat(cur))
    return saids, gaps


def _last_person(text: str, exclude: str | None = None) -> str | None:
    refs = [r for r in re.findall(r"⟨(#[^⟩]+)⟩", text) if r != exclude]
    return refs[-1] if refs else None


class Attributor:
    def __init__(self, rules: SpeakerRules, narrator: str | None):
        self.rules = rules
        self.narrator = f"#{narrator}" if narrator else None
        v, t = rules.verb_re, rules.title_re
        lead = r"^[\s,.;:!?—–-]*"
        self.after_named = re.compile(lead + rf"{v}\s+{t}⟨(#[^⟩]+)⟩(?!['’]s)")
        self.after_name_first = re.compile(lead + rf"{t}⟨(#[^⟩]+)⟩(?!['’]s)\s+(?:\w+\s+)?{v}\b")
        self.after_i = re.compile(lead + rf"I\s+(?:\w+\s+)?{v}\b(?:\s+{t}⟨(#[^⟩]+)⟩)?")
        self.after_he = re.compile(lead + rf"(?:he|she)\s+(?:\w+\s+)?{v}\b(\s+(?:me|us)\b)?")
        self.after_we = re.compile(lead + rf"we\s+(?:\w+\s+)?{v}\b(?:\s+{t}⟨(#[^⟩]+)⟩)?")
        self.before_named = re.compile(rf"{t}⟨(#[^⟩]+)⟩(?!['’]s)[^“”⟨]{{0,40}}?\b{v}\b[^“”⟨]{{0,40}}:\s*$")
        self.before_i = re.compile(rf"\bI\s+(?:\w+\s+)?{v}\b[^“”⟨]{{0,40}}:\s*$")
        self.before_he = re.compile(rf"\b(?:he|she)\s+(?:\w+\s+)?{v}\b[^“”]{{0,40}}:\s*$")

    def _explicit(self, before: str, after: str, context: str) -> tuple[str | None, str | None, str, str | None]:
        """(who, cert, rule, addressee) from the narration right after and right before."""
        if m := self.after_named.match(after):
            return m.group(1), None, "explicit", None
        if m := self.after_name_first.match(after):
            return m.group(1), None, "explicit", None
        if self.narrator and (m := self.after_i.match(after)):
            return self.narrator, None, "narrator", m.group(1)
        if self.narrator and (m := self.after_we.match(after)):
            return self.narrator, "medium", "we", m.group(1)
        if m := self.after_he.match(after):
            who = _last_person(context, self.narrator)
            addressee = self.narrator if m.group(1) else None
            return (who, "medium", "pronoun", addressee) if who else (None, None, "", None)
        if self.narrator and self.before_i.search(before):
            return self.narrator, None, "narrator", None
        if m := self.before_named.search(before):
            return m.group(1), None, "explicit", None
        if m := self.before_he.search(before):
            who = _last_person(context[:len(context) - len(before) + m.start()], self.narrator)
            return (who, "medium", "pronoun", None) if who else (None, None, "", None)
        return None, None, "", None

    def paragraph(self, p: etree._Element, context: str, lead: str = "") -> list[Attribution]:
        """`lead`: the previous paragraph when it ends with a colon introducing this speech."""
        saids, gaps = _around(p)
        out: list[Attribution] = []
        for k, s in enumerate(saids):
            before, after = gaps[k], gaps[k + 1]
            if k == 0 and not before.strip() and lead:
                before = lead
            who, cert, rule, addressee = self._explicit(before, after, context + before)
            if who is None and k > 0 and out[k - 1].who:
                prev = out[k - 1]
                between = before.strip()
                if len(between) <= self.rules.continuation_gap and not re.search(r"“|”", between):
                    who, rule = prev.who, "continuation"
                    cert = None if between.endswith(",") else "medium"
                    addressee = prev.addressee
            out.append(Attribution(s, who, cert, rule, addressee))
            context += before
        return out


def attribute(paragraphs: list[etree._Element], rules: SpeakerRules, narrator: str | None) -> list[Attribution]:
    """Attributions for every said of `paragraphs` (in document order)."""
    att = Attributor(rules, narrator)
    result: list[Attribution] = []
    turns: list[tuple[etree._Element, list[Attribution]]] = []
    previous = ""
    for p in paragraphs:
        # pronouns look back to the previous paragraph's last sentence only
        last_sentence = re.split(r"(?<=[.!?”])\s+(?=[A-Z“⟨])", previous.strip())[-1] if previous.strip() else ""
        lead = previous.rstrip()[-200:] if previous.rstrip().endswith(":") else ""
        found = att.paragraph(p, last_sentence + " ", lead)
        saids, gaps = _around(p)
        alone = bool(saids) and all(not g.strip() for g in gaps)  # the paragraph is speech only
        if alone and found and not any(a.who for a in found) and turns and turns[-1][0] is p.getprevious():
            prev = turns[-1][1]
            last = next((a for a in reversed(prev) if a.who), None)
            who, cert = None, None
            if last is not None and last.addressee and last.addressee != last.who:
                who, cert = last.addressee, "medium"
            elif last is not None and len(turns) >= 2 and turns[-2][0] is turns[-1][0].getprevious():
                older = next((a for a in reversed(turns[-2][1]) if a.who), None)
                if older is not None and older.who != last.who:
                    who, cert = older.who, "low"
            if who:
                addressee = last.who if last is not None else None
                for a in found:
                    a.who, a.cert, a.rule, a.addressee = who, cert, "turn-taking", addressee
        for a in found:  # a reply addresses the previous speaker
            if a.who and a.addressee is None and turns and a.rule in ("explicit", "pronoun", "narrator"):
                last = next((x for x in reversed(turns[-1][1]) if x.who), None)
                if last is not None and last.who != a.who and turns[-1][0] is p.getprevious():
                    a.addressee = last.who
        if saids:
            turns.append((p, found))
        else:
            turns.clear()
        result += found
        previous = _flat([p.text or ""] + [x for c in p for x in (c, c.tail or "")])
    return result


def said_key(s: etree._Element) -> str:
    """A stable name for a said: its paragraph's id and its position there ("fbm-p013#2")."""
    p = s.getparent()
    n = [c for c in p if isinstance(c.tag, str) and c.tag == tei("said")].index(s) + 1
    return f"{p.get(XML_ID)}#{n}"
