"""The quotation detector on texts it was not tuned on (bench/link_eval.py; figures in bench/RESULTS.md).

Hand set: tests/fixtures/link-eval/<pair>/{a,b}.xml with a gold.tsv written by hand; development
pairs (bucharest, fiction, lighthouse, winter: the detector was changed on their failures) are
scored apart from the held-out ones (mill, canal: written, with their gold, before the detector was
run on them). Generated sample: quotations cut from the memoir chapter and manipulated
(bench/link_eval_gen.py), with the article's quotations of other works as hard negatives. Floors,
from the measured figures (development P 0.97, R 0.97 = 31/32; held-out mill 8/8, canal 6/7;
generated seed 7: P 1.00, R 0.99): a floor allows one more error than measured, no more; the
detector before the evaluation (hand set P 0.92, R 0.90; no edited quotation of ≤ 12 words at
15 % changed words) fails them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HAND = REPO / "tests" / "fixtures" / "link-eval"
HELD_OUT = ("mill", "canal")
# Known errors, each explained in bench/RESULTS.md: r-q3 is 4 words (below the 6-word minimum);
# ar-q14 scare-quotes the meeting's name, 8 words B has once (linked since a quotation A echoes
# unquoted is no longer dropped); cw-q3 (held out) keeps 9 of its 12 words in one piece: the
# 6-word bracket group in it is wider than the 4 words the alignment looks across at its ends.
KNOWN = ["bucharest: ar-q14 [neg-stock]: found m-p033, gold -",
         "canal: cw-q3 [bracket]: found -, gold hc-p2",
         "winter: r-q3 [short]: found -, gold w-p5"]
KNOWN_UNITS = {"r-q3", "ar-q14", "cw-q3"}


def _load(name: str):  # type: ignore[no-untyped-def]
    """A bench/ script as a module (bench/ is not a package)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules[name] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules[name]


@pytest.fixture(scope="module")
def ev():  # type: ignore[no-untyped-def]
    return _load("link_eval")


@pytest.fixture(scope="module")
def hand(ev):  # type: ignore[no-untyped-def]
    return ev.hand_set()


@pytest.fixture(scope="module")
def corpus(ev):  # type: ignore[no-untyped-def]
    return ev._gen().load_corpus()


def _gold_rows(negative: bool) -> list[tuple[str, str]]:
    ev = _load("link_eval")
    return [(pair.name, g.unit) for pair in sorted(HAND.iterdir()) if (pair / "gold.tsv").exists()
            for g in ev.read_gold(pair / "gold.tsv").values() if (not g.sources) == negative]


def test_the_hand_set_is_a_real_evaluation_set(ev) -> None:  # type: ignore[no-untyped-def]
    pairs = [d for d in HAND.iterdir() if (d / "gold.tsv").exists()]
    kinds = {k for d in pairs for g in ev.read_gold(d / "gold.tsv").values() for k in g.kinds}
    assert len(pairs) >= 5
    assert kinds >= {"verbatim", "ellipsis", "ellipses", "bracket", "punctuation", "edit", "two-paragraphs",
                     "short", "neg-stock", "neg-topic", "neg-third"}
    assert len(_gold_rows(negative=True)) >= 15 and len(_gold_rows(negative=False)) >= 30


def test_development_pairs_precision_and_recall_floors(hand) -> None:  # type: ignore[no-untyped-def]
    dev = [s for k, s in hand.pairs.items() if k not in HELD_OUT]
    tp, fp, fn = (sum(getattr(s, f) for s in dev) for f in ("tp", "fp", "fn"))
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"\ndevelopment pairs: P {p:.2f} R {r:.2f} ({tp} right, {fp} wrong, {fn} missed)")
    assert fp <= 2 and fn <= 2 and p >= 0.94 and r >= 0.94


def test_held_out_pair_mill(hand) -> None:  # type: ignore[no-untyped-def]
    s = hand.pairs["mill"]
    print(f"\nheld out (mill): P {s.precision:.2f} R {s.recall:.2f} ({s.tp} right, {s.fp} wrong, {s.fn} missed)")
    assert (s.tp, s.fp, s.fn) == (8, 0, 0)


def test_held_out_pair_canal(hand) -> None:  # type: ignore[no-untyped-def]
    s = hand.pairs["canal"]
    print(f"\nheld out (canal): P {s.precision:.2f} R {s.recall:.2f} ({s.tp} right, {s.fp} wrong, {s.fn} missed)")
    assert s.fp == 0 and s.tp >= 6 and s.fn <= 1


def test_the_hand_set_errors_are_the_known_ones(hand) -> None:  # type: ignore[no-untyped-def]
    assert sorted(hand.errors) == KNOWN


@pytest.mark.parametrize("pair,unit", [r for r in _gold_rows(negative=True) if r[1] not in KNOWN_UNITS])
def test_hard_negative_is_not_linked(hand, pair: str, unit: str) -> None:  # type: ignore[no-untyped-def]
    assert unit not in hand.found, f"{pair}: {unit} linked to {hand.found.get(unit)}"


@pytest.mark.parametrize("pair,unit", [r for r in _gold_rows(negative=False) if r[1] not in KNOWN_UNITS])
def test_quotation_is_linked_to_exactly_its_source_paragraphs(  # type: ignore[no-untyped-def]
        ev, hand, pair: str, unit: str) -> None:
    gold = ev.read_gold(HAND / pair / "gold.tsv")[unit]
    assert hand.found.get(unit) == set(gold.sources)


def test_generated_sample_floors_and_negatives(ev, corpus) -> None:  # type: ignore[no-untyped-def]
    gen = ev._gen()
    negatives = gen.negative_cases(corpus)
    r = ev.generated(gen.mixed_cases(corpus, 7, 80, prefix="s") + negatives, corpus, seed=7)
    s = r.overall
    print(f"\ngenerated (seed 7, 80 + {len(negatives)} negatives): P {s.precision:.2f} R {s.recall:.2f}; {r.errors}")
    assert len(negatives) >= 100 and not any(q.qid in r.found for q in negatives)
    assert s.tp >= 85 and s.precision >= 0.98 and s.recall >= 0.97
    for kind in gen.KINDS:
        assert r.kinds[kind].units == 10 and r.kinds[kind].recall >= 0.9, kind


def test_recall_curve_points(ev, corpus) -> None:  # type: ignore[no-untyped-def]
    gen = ev._gen()

    def recall(length: int, rate: float) -> float:
        return ev.generated(gen.curve_cases(corpus, 3, [length], [rate], 20), corpus, seed=3).overall.recall

    assert recall(5, 0.0) == 0.0            # below the 6-word minimum: never linked
    assert recall(8, 0.0) == 1.0
    assert recall(12, 0.15) >= 0.9          # 2 of 12 words changed (0.0 before the evaluation)
    assert recall(20, 0.20) >= 0.9
    assert recall(12, 0.25) <= 0.1          # 3 of 12 changed: below 80 % cover and 12 matching words
