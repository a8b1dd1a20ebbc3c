"""Decide who speaks each `said` of a text, from the words around it.

For each paragraph the narration around a `said` is flattened to a string in which every
`persName` is a placeholder ⟨#ref⟩. In order of strength:

1. explicit: “…,” said [Comrade] X / X said / X asked me: / X went back and said to Y: /
   both X and Y snapped back → X (or X and Y), no @cert. The subject is the last name of the clause
   before the verb that is not a possessive or the object of a preposition or a that-clause;
   “…,” I said / I replied: → the narrator. After speech ending in a full stop, a new sentence
   ("Mehmet replied there and then, “…”") introduces the next speech, not this one.
   A previous paragraph that ends with a colon or an introducing verb ("Mehmet said to him")
   introduces a paragraph that opens with speech;
2. pronoun: he said / He began to mumble and said: → the last person named (as a subject) before
   the speech, or in a running dialogue the interlocutor (cert="medium"); we told him → the
   narrator speaking for his delegation (cert="medium");
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


NOT_SUBJECT = re.compile(r"(?:\b(?:of|to|with|about|by|from|for|that|at|on|in|against|and)|['’]s)\s+"
                         r"(?:\w+\s+){0,2}$", re.I)


def _ends_sentence(said: etree._Element) -> bool:
    """True when the speech ends with a full stop (or ellipsis) inside its closing quotation mark."""
    text = "".join(t for t in said.xpath(".//text()[not(ancestor::*[local-name()='note'])]")).rstrip()
    return bool(re.search(r"(?:\.|…)\s*[”’\"]$", text))


def _last_person(text: str, exclude: str | None = None) -> str | None:
    """The person a following "he" most likely means: the last one named, skipping names that
    are objects of a preposition or in a that-clause ("intrigues of X", "the fact that X")."""
    refs = [(m.group(1), m.start()) for m in re.finditer(r"⟨(#[^⟩]+)⟩(?!['’]s)", text) if m.group(1) != exclude]
    subjects = [r for r, at in refs if not NOT_SUBJECT.search(text[max(0, at - 40):at])]
    return subjects[-1] if subjects else (refs[-1][0] if refs else None)


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
        self.after_pair = re.compile(lead + rf"(?:both\s+)?{t}⟨(#[^⟩]+)⟩\s+and\s+{t}⟨(#[^⟩]+)⟩\s+(?:\w+\s+)?{v}\b")
        # "X asked me:", "X went back and said to Y:", "But X told them," (no sentence end in between)
        self.before_named = re.compile(rf"{t}⟨(#[^⟩]+)⟩(?!['’]s)[^“”⟨.!?]{{0,80}}?\b{v}\b(?:\s+(?:to\s+)?{t}⟨(#[^⟩]+)⟩)?"
                                       rf"[^“”⟨.!?]{{0,40}}[:,]\s*$")
        self.before_i = re.compile(rf"\bI\s+(?:\w+\s+)?{v}\b[^“”.!?]{{0,40}}:\s*$")
        self.before_he = re.compile(rf"\b(?:[Hh]e|[Ss]he)\s+(?:\w+\s+){{0,4}}{v}\b[^“”.!?]{{0,40}}[:,]\s*$")
        self.before_we = re.compile(rf"\b[Ww]e\s+(?:\w+\s+)?{v}\b[^“”.!?]{{0,40}}[:,]\s*$")
        # a paragraph that ends by introducing speech without a colon ("Mehmet said to him")
        self.open_intro = re.compile(rf"\b{v}(?:\s+(?:to\s+)?(?:him|her|them|us|me|{t}⟨[^⟩]+⟩))?\s*$")

    def _explicit(self, before: str, after: str, context: str,
                  fallback: str | None = None) -> tuple[str | None, str | None, str, str | None]:
        """(who, cert, rule, addressee) from the narration right after and right before.
        `fallback`: who "he" is in a dialogue when the context names no one (the interlocutor)."""
        if m := self.after_pair.match(after):
            return f"{m.group(1)} {m.group(2)}", None, "explicit", None
        if m := self.after_named.match(after):
            return m.group(1), None, "explicit", None
        if m := self.after_name_first.match(after):
            return m.group(1), None, "explicit", None
        if self.narrator and (m := self.after_i.match(after)):
            return self.narrator, None, "narrator", m.group(1)
        if self.narrator and (m := self.after_we.match(after)):
            return self.narrator, "medium", "we", m.group(1)
        if m := self.after_he.match(after):
            who = _last_person(context, self.narrator) or fallback
            addressee = self.narrator if m.group(1) else None
            return (who, "medium", "pronoun", addressee) if who else (None, None, "", None)
        if self.narrator and self.before_i.search(before):
            return self.narrator, None, "narrator", None
        if self.narrator and self.before_we.search(before):
            return self.narrator, "medium", "we", None
        if m := self.before_named.search(before):
            subject = self._subject(before, m)
            if subject:  # whom it was said to: "said to Y", or the name next to the verb ("turned to Y and told him")
                return subject, None, "explicit", m.group(2) or (m.group(1) if m.group(1) != subject else None)
        if m := self.before_he.search(before):
            who = _last_person(context[:len(context) - len(before) + m.start()], self.narrator) or fallback
            return (who, "medium", "pronoun", None) if who else (None, None, "", None)
        return None, None, "", None

    def _subject(self, before: str, m: re.Match[str]) -> str | None:
        """The person who is the subject of the introducing verb: the last name of the clause before
        the verb that is not the object of a preposition; None when a pronoun is the subject."""
        verb = re.search(rf"\b{self.rules.verb_re}\b", before[m.start():m.end()])
        cut = m.start() + (verb.start() if verb else 0)
        clause = re.split(r"[.!?]\s", before[:cut])[-1]
        if re.search(r"\b(?:he|she|they|we|I)\s+(?:\w+\s+)?$", clause):
            return None
        pair = re.search(rf"(?:both\s+)?{self.rules.title_re}⟨(#[^⟩]+)⟩\s+and\s+{self.rules.title_re}⟨(#[^⟩]+)⟩"
                         r"\s+(?:\w+\s+){0,3}$", clause)
        if pair:  # "Mehmet and Hysni told them, “…”"
            return f"{pair.group(1)} {pair.group(2)}"
        refs = [(r.group(1), r.start()) for r in re.finditer(r"⟨(#[^⟩]+)⟩(?!['’]s)", clause)]
        subjects = [ref for ref, at in refs if not NOT_SUBJECT.search(clause[max(0, at - 40):at])]
        return subjects[-1] if subjects else None

    def paragraph(self, p: etree._Element, context: str, lead: str = "",
                  fallback: str | None = None) -> list[Attribution]:
        """`lead`: the previous paragraph when it ends with a colon introducing this speech."""
        saids, gaps = _around(p)
        out: list[Attribution] = []
        for k, s in enumerate(saids):
            before, after = gaps[k], gaps[k + 1]
            if k == 0 and not before.strip() and lead:
                before = lead
            if k + 1 < len(gaps) - 1 and _ends_sentence(s) and re.match(r"\s*(?:[A-Z]|⟨)", after):
                after = ""  # “….” X replied, “…”: a new sentence after a full stop introduces the next speech
            who, cert, rule, addressee = self._explicit(before, after, context + before, fallback)
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


def _interlocutor(turns: list[tuple[etree._Element, list[Attribution]]], p: etree._Element,
                  narrator: str | None) -> str | None:
    """In a dialogue running up to `p` (speech in the directly preceding paragraphs), the person
    the narrator's side is talking with: whom the last turn addressed, else the last other speaker."""
    if not turns or turns[-1][0] is not p.getprevious():
        return None
    last = next((a for a in reversed(turns[-1][1]) if a.who), None)
    if last is not None and last.addressee and last.addressee != narrator and " " not in last.addressee:
        return last.addressee
    chain = [turns[-1]]
    for older in reversed(turns[:-1]):
        if older[0] is not chain[-1][0].getprevious() or len(chain) >= 3:
            break
        chain.append(older)
    for _, found in chain:
        for a in reversed(found):
            if a.who and a.who != narrator and " " not in a.who:
                return a.who
    return None


def attribute(paragraphs: list[etree._Element], rules: SpeakerRules, narrator: str | None) -> list[Attribution]:
    """Attributions for every said of `paragraphs` (in document order)."""
    att = Attributor(rules, narrator)
    result: list[Attribution] = []
    turns: list[tuple[etree._Element, list[Attribution]]] = []
    previous = ""
    for p in paragraphs:
        # pronouns look back to the previous paragraph's last sentence only
        last_sentence = re.split(r"(?<=[.!?”])\s+(?=[A-Z“⟨])", previous.strip())[-1] if previous.strip() else ""
        ends = previous.rstrip()
        lead = ends[-200:] + (":" if not ends.endswith(":") else "") if ends.endswith(":") or att.open_intro.search(ends) else ""
        # … or, when that paragraph introduces this speech ("… and he threatened us:"), to all of it
        context = previous.strip()[-600:] if lead else last_sentence
        found = att.paragraph(p, context + " ", lead, _interlocutor(turns, p, att.narrator))
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
