"""Evaluation of the quotation detector (edition.link) on texts it was not tuned on.

    python3 bench/link_eval.py [--seed 1] [--n 400] [--curve-n 40] [--json FILE]

1. *hand set*: tests/fixtures/link-eval/<pair>/a.xml (quoting) → b.xml (source), gold.tsv
   written by hand (unit, source paragraphs or "-" for a hard negative, kind of manipulation);
2. *generated set* (bench/link_eval_gen.py): `--n` quotations cut from the memoir chapter,
   manipulated and embedded in article filler, the gold answer known by construction;
3. *curve*: recall by span length (5…60 words) and share of changed words (0…25 %).

Scored on (unit, source paragraph) pairs, as tests/test_link_edition.py scores the edition's pair:
a pair found and in the gold is right, found and not in the gold (a hard negative, unquoted
filler, a wrong paragraph) is a false positive, in the gold and not found a miss. Per kind, a unit
counts under each of its kinds. Prints Markdown tables; `--json` also writes the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.link.align import Params
from edition.link.detect import detect
from edition.link.tokens import Word, text_words

HERE = Path(__file__).resolve().parent
HAND = HERE.parent / "tests" / "fixtures" / "link-eval"
# Pairs written (with their gold) before the detector was run on them; the others are development
# pairs, on whose failures the detector was changed (tests/fixtures/link-eval/README.md).
HELD_OUT = ("mill", "canal")
LENGTHS = [5, 6, 8, 10, 12, 15, 20, 30, 40, 60]
RATES = [0.0, 0.05, 0.10, 0.15, 0.20, 0.25]


def _gen():  # type: ignore[no-untyped-def]
    """bench/link_eval_gen.py (bench/ is not a package)."""
    if "link_eval_gen" not in sys.modules:
        spec = importlib.util.spec_from_file_location("link_eval_gen", HERE / "link_eval_gen.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["link_eval_gen"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["link_eval_gen"]


@dataclass(frozen=True)
class Gold:
    unit: str
    sources: frozenset[str]  # empty: a hard negative
    kinds: tuple[str, ...]
    note: str = ""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    units: int = 0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn, self.units = (self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                                                 self.units + other.units)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    overall: Score = field(default_factory=Score)
    kinds: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    found: dict[str, set[str]] = field(default_factory=dict)  # unit → source paragraphs found
    pairs: dict[str, Score] = field(default_factory=dict)      # hand set: text pair → score
    errors: list[str] = field(default_factory=list)


def read_gold(path: Path) -> dict[str, Gold]:
    """unit<TAB>sources<TAB>kind[<TAB>note]; # comments; a header line."""
    gold = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("unit\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise SystemExit(f"{path}:{n}: expected unit<TAB>sources<TAB>kind<TAB>note")
        srcs = frozenset() if cols[1].strip() == "-" else frozenset(cols[1].split())
        gold[cols[0]] = Gold(cols[0], srcs, tuple(cols[2].split(",")), cols[3] if len(cols) > 3 else "")
    return gold


def found_pairs(a: list[Word], b: list[Word], params: Params) -> dict[str, set[str]]:
    """unit id (quote id, or paragraph id for unquoted reuse) → source paragraphs, via the library."""
    return {u.id: set(u.source_blocks(b)) for u in detect(a, b, params)}


def score(found: dict[str, set[str]], gold: dict[str, Gold], result: Result, label: str = "") -> None:
    for unit in sorted(set(found) | {g.unit for g in gold.values() if g.sources}):
        g = gold.get(unit, Gold(unit, frozenset(), ("unlisted",)))
        got = found.get(unit, set())
        s = Score(len(got & g.sources), len(got - g.sources), len(g.sources - got), 1)
        result.overall.add(s)
        for kind in g.kinds:
            result.kinds[kind].add(s)
        if s.fp or s.fn:
            result.errors.append(f"{label}{unit} [{','.join(g.kinds)}]: found {' '.join(sorted(got)) or '-'}, "
                                 f"gold {' '.join(sorted(g.sources)) or '-'}")
        if got:
            result.found[unit] = got
    for g in gold.values():  # hard negatives and misses count as units of their kind
        if g.unit not in found and not g.sources:
            for kind in g.kinds:
                result.kinds[kind].units += 1
            result.overall.units += 1


def hand_set(params: Params = Params(), root: Path = HAND) -> Result:
    result = Result()
    for pair in sorted(d for d in root.iterdir() if (d / "gold.tsv").exists()):
        a = text_words(etree.parse(str(pair / "a.xml")).getroot())
        b = text_words(etree.parse(str(pair / "b.xml")).getroot())
        one = Result()
        score(found_pairs(a, b, params), read_gold(pair / "gold.tsv"), one, f"{pair.name}: ")
        result.pairs[pair.name] = one.overall
        result.overall.add(one.overall)
        for kind, s in one.kinds.items():
            result.kinds[kind].add(s)
        result.found.update(one.found)
        result.errors += one.errors
    return result


# The edition's pair, on which Params were tuned (tests/test_link_edition.py): its verified pairs.
EDITION = ("soviet-albanian-split.xml", "from-bucharest-to-moscow.xml")
EDITION_VERIFIED = {("sas-q50", "fbm-p003"), ("sas-q51", "fbm-p034"), ("sas-q51", "fbm-p035"),
                    ("sas-q70", "fbm-p226"), ("sas-q71", "fbm-p230"), ("sas-q71", "fbm-p231"),
                    ("sas-q86", "fbm-p271"), ("sas-q87", "fbm-p271")}


def edition_pair(params: Params = Params()) -> Score:
    """The tuned pair (tei/), for reference: pairs found against the 8 verified ones."""
    a, b = (text_words(etree.parse(str(HERE.parent / "tei" / name)).getroot()) for name in EDITION)
    found = {(u, s) for u, srcs in found_pairs(a, b, params).items() for s in srcs}
    return Score(len(found & EDITION_VERIFIED), len(found - EDITION_VERIFIED), len(EDITION_VERIFIED - found),
                 len({u for u, _ in found | EDITION_VERIFIED}))


def generated(cases: list, corpus, params: Params = Params(), seed: int = 0) -> Result:  # type: ignore[no-untyped-def]
    """Detect in the generated articles; every case is a gold quotation; anything else found is wrong."""
    gen = _gen()
    gold = {c.qid: Gold(c.qid, frozenset(c.sources), (c.kind,)) for c in cases}
    cases = sorted(cases, key=lambda c: c.qid.startswith("neg"))  # negatives mixed in at the end
    result = Result()
    for doc in gen.articles(corpus, cases, seed):
        a = text_words(doc)
        ids = {w.quote for w in a if w.quote}
        score(found_pairs(a, corpus.b_words, params), {k: g for k, g in gold.items() if k in ids}, result)
    return result


def curve(corpus, seed: int, n: int,  # type: ignore[no-untyped-def]
          params: Params = Params()) -> dict[tuple[int, float], Score]:
    cases = _gen().curve_cases(corpus, seed, LENGTHS, RATES, n)
    cells: dict[tuple[int, float], Score] = {}
    for length in LENGTHS:
        for rate in RATES:
            sub = [c for c in cases if c.length == length and c.rate == rate]
            cells[(length, rate)] = generated(sub, corpus, params, seed).overall
    return cells


def _table(result: Result, title: str) -> list[str]:
    lines = [f"### {title}", "", "| kind | units | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|---|"]
    rows = sorted(result.kinds.items(), key=lambda kv: (kv[0].startswith("neg") or kv[0] == "unlisted", kv[0]))
    for kind, s in rows + [("**overall**", result.overall)]:
        lines.append(f"| {kind} | {s.units} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} "
                     f"| {s.tp} | {s.fp} | {s.fn} |")
    return lines + [""]


def _pair_table(hand: Result, edition: Score) -> list[str]:
    lines = ["### By text pair (pairs of unit → source paragraph)", "", "| pair | units | P | R | tp | fp | fn |",
             "|---|---|---|---|---|---|---|"]
    dev, held = Score(), Score()
    for k, s in hand.pairs.items():
        (held if k in HELD_OUT else dev).add(s)
    rows = ([(f"{k} (held out)" if k in HELD_OUT else k, s) for k, s in hand.pairs.items()]
            + [("**development pairs**", dev), ("**held-out pairs**", held), ("edition sas → fbm (tuned on)", edition)])
    return lines + [f"| {k} | {s.units} | {s.precision:.2f} | {s.recall:.2f} | {s.tp} | {s.fp} | {s.fn} |"
                    for k, s in rows] + [""]


def _curve_table(cells: dict[tuple[int, float], Score], n: int) -> list[str]:
    lines = [f"### Recall by span length (rows, words) and share of changed words (columns: rate × length words,"
             f" rounded half up, are replaced); {n} quotations a cell", "",
             "| words | " + " | ".join(f"{round(r * 100)} %" for r in RATES) + " |",
             "|---|" + "---|" * len(RATES)]
    for length in LENGTHS:
        lines.append(f"| {length} | " + " | ".join(f"{cells[(length, r)].recall:.2f}" for r in RATES) + " |")
    fps = sum(s.fp for s in cells.values())
    return lines + ["", f"False positives over the whole grid: {fps}.", ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=400, help="generated quotations (mixed kinds)")
    ap.add_argument("--curve-n", type=int, default=40, help="quotations per cell of the curve")
    ap.add_argument("--errors", action="store_true", help="list every miss and false positive")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    gen, times = _gen(), {}
    t = time.perf_counter()
    hand = hand_set()
    times["hand set"] = time.perf_counter() - t
    t = time.perf_counter()
    corpus = gen.load_corpus()
    times["load memoir + filler"] = time.perf_counter() - t
    t = time.perf_counter()
    mixed = generated(gen.mixed_cases(corpus, args.seed, args.n) + gen.negative_cases(corpus), corpus,
                      seed=args.seed)
    times[f"generated set ({args.n})"] = time.perf_counter() - t
    t = time.perf_counter()
    cells = curve(corpus, args.seed, args.curve_n)
    times[f"curve ({len(cells) * args.curve_n})"] = time.perf_counter() - t
    t = time.perf_counter()
    edition = edition_pair()
    times["edition pair"] = time.perf_counter() - t
    out = _table(hand, "Hand set (tests/fixtures/link-eval)") + _pair_table(hand, edition)
    out += _table(mixed, f"Generated set (seed {args.seed}, {args.n} quotations + the article's "
                         "quotations of other works as hard negatives)")
    out += _curve_table(cells, args.curve_n)
    out += ["| phase | seconds |", "|---|---|"] + [f"| {k} | {v:.2f} |" for k, v in times.items()]
    print("\n".join(out))
    if args.errors:
        print("\nHand set errors:\n" + "\n".join(hand.errors))
        print("\nGenerated set errors:\n" + "\n".join(mixed.errors))
    if args.json:
        def dump(r: Result) -> dict:
            return {k: vars(s) for k, s in [("overall", r.overall), *r.kinds.items()]}
        args.json.write_text(json.dumps({"hand": dump(hand), "generated": dump(mixed), "times": times,
                                         "curve": {f"{k[0]}/{k[1]}": v.recall for k, v in cells.items()}},
                                        indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
