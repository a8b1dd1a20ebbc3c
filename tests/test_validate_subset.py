"""The edition's schema is a TEI subset: random documents generated from edition.rng are tei_all-valid.

The generator walks the RELAX NG grammar (choices, optional and repeated patterns chosen by a
seeded random generator; below a depth limit the cheapest expansion), fills attributes with
sample values of their datatype or closed list, and checks every document against edition.rng
(the generator is right) and against the official tei_all (the subset claim).
"""

from __future__ import annotations

import math
import random
from itertools import count
from pathlib import Path

import pytest
from lxml import etree

from edition.xmlio import TEI_NS, XML_NS, parse_file

RNG_FILE = Path(__file__).resolve().parent.parent / "tei" / "schema" / "edition.rng"
R = "{http://relaxng.org/ns/structure/1.0}"
SAMPLES = {
    "date": "1960-02-14", "gYear": "1960", "gMonth": "--02", "gDay": "---14", "gYearMonth": "1960-02",
    "gMonthDay": "--02-14", "time": "10:30:00", "dateTime": "1960-02-14T10:30:00", "language": "en",
    "anyURI": "#x", "string": "x", "token": "x", "nonNegativeInteger": "3", "boolean": "true", "decimal": "1.5",
}
PATTERN_SAMPLES = {r"-?\d{1,2}(\.\d+)? -?\d{1,3}(\.\d+)?": "41.33 19.82"}
MAX_DEPTH = 9


class Generator:
    """Random documents from a RELAX NG grammar of the shape edition.rng has."""

    def __init__(self, grammar: etree._Element, seed: int) -> None:
        self.defines = {d.get("name"): d for d in grammar.iter(f"{R}define")}
        self.start = grammar.find(f"{R}start")
        self.rnd = random.Random(seed)
        self.ids = count(1)
        self.cost = self._costs()

    def _costs(self) -> dict[str, float]:
        cost = {name: math.inf for name in self.defines}
        for _ in range(100):
            new = {name: self._cost_of(list(d), cost) for name, d in self.defines.items()}
            if new == cost:
                break
            cost = new
        return cost

    def _cost_of(self, nodes: list[etree._Element], cost: dict[str, float]) -> float:
        total = 0.0
        for n in nodes:
            tag = n.tag
            if tag == f"{R}element":
                total += 1 + self._cost_of(list(n), cost)
            elif tag == f"{R}ref":
                total += cost[n.get("name")]
            elif tag == f"{R}choice":
                total += min(self._cost_of([c], cost) for c in n)
            elif tag in (f"{R}group", f"{R}oneOrMore"):
                total += self._cost_of(list(n), cost)
        return total

    def document(self) -> etree._Element:
        holder = etree.Element("holder")
        self.expand(list(self.start), holder, 0)
        return etree.fromstring(etree.tostring(holder[0]))

    def expand(self, nodes: list[etree._Element], el: etree._Element, depth: int) -> None:
        for n in nodes:
            if not isinstance(n.tag, str):
                continue
            tag = n.tag.removeprefix(R)
            deep = depth >= MAX_DEPTH
            if tag == "element":
                child = etree.SubElement(el, f"{{{TEI_NS}}}{n.get('name')}")
                self.expand(list(n), child, depth + 1)
            elif tag == "attribute":
                name = n.get("name", "")
                if name == "xml:id":
                    value = f"id{next(self.ids)}"
                else:
                    value = " ".join(self.tokens([c for c in n if c.tag != "{http://relaxng.org/ns/compatibility/annotations/1.0}documentation"]))
                el.set(f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name, value)
            elif tag == "ref":
                self.expand(list(self.defines[n.get("name")]), el, depth)
            elif tag == "group":
                self.expand(list(n), el, depth)
            elif tag == "choice":
                options = list(n)
                pick = (min(options, key=lambda o: self._cost_of([o], self.cost)) if deep
                        else self.rnd.choice(options))
                self.expand([pick], el, depth)
            elif tag in ("optional", "zeroOrMore", "oneOrMore"):
                lo = 1 if tag == "oneOrMore" else 0
                hi = lo if deep else (1 if tag == "optional" else 2 + lo)
                for _ in range(self.rnd.randint(lo, hi)):
                    self.expand(list(n), el, depth)
            elif tag in ("text", "data", "value"):
                word = " ".join(self.tokens([n])) if tag != "text" else self.rnd.choice(["word", "two words", "é"])
                if len(el):
                    el[-1].tail = (el[-1].tail or "") + word
                else:
                    el.text = (el.text or "") + word

    def tokens(self, nodes: list[etree._Element]) -> list[str]:
        out: list[str] = []
        for n in nodes:
            tag = n.tag.removeprefix(R)
            if tag == "value":
                out.append(n.text or "")
            elif tag == "data":
                param = n.find(f"{R}param")
                out.append(PATTERN_SAMPLES.get(param.text or "", SAMPLES[n.get("type", "")]) if param is not None
                           and n.get("type") == "string" else SAMPLES[n.get("type", "")])
            elif tag == "choice":
                out += self.tokens([self.rnd.choice(list(n))])
            elif tag in ("list", "group"):
                out += self.tokens(list(n))
            elif tag in ("oneOrMore", "zeroOrMore", "optional"):
                lo = 1 if tag == "oneOrMore" else 0
                for _ in range(self.rnd.randint(lo, lo + 1)):
                    out += self.tokens(list(n))
        return out


@pytest.fixture(scope="module")
def edition_rng() -> tuple[etree._Element, etree.RelaxNG]:
    tree = parse_file(RNG_FILE)
    return tree.getroot(), etree.RelaxNG(tree)


@pytest.mark.parametrize("seed", range(40))
def test_random_documents_are_tei_all_valid(seed: int, edition_rng, tei_all: etree.RelaxNG) -> None:  # type: ignore[no-untyped-def]
    grammar, rng = edition_rng
    gen = Generator(grammar, seed)
    for _ in range(5):
        doc = gen.document().getroottree()
        assert rng.validate(doc), f"generator bug: {rng.error_log}"
        assert tei_all.validate(doc), f"not a TEI subset:\n{tei_all.error_log}\n{etree.tostring(doc, pretty_print=True).decode()[:3000]}"


def test_generator_reaches_every_element(edition_rng) -> None:  # type: ignore[no-untyped-def]
    grammar, _rng = edition_rng
    seen: set[str] = set()
    for seed in range(40):
        gen = Generator(grammar, seed)
        for _ in range(5):
            seen |= {etree.QName(e).localname for e in gen.document().iter()}
    declared = {e.get("name") for e in grammar.iter(f"{R}element")}
    assert declared - seen == set()
