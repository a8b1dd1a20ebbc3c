"""The record store's summaries per register id (recordstore.RefSummary), worked out again only for the ids an
edit touched, equal those worked out from scratch over every text's digests; and the texts that give an entry's
first items are those a register page lists."""

from __future__ import annotations

import random
from pathlib import Path

from edition.publish.records import gather
from edition.recordstore import RecordStore

REFS = [f"r{i}" for i in range(6)]


def _items(rng: random.Random) -> list[tuple[str, str, str]]:
    out = [("h", "", f"<li>{rng.random()}</li>")]
    for _ in range(rng.randrange(0, 8)):
        out.append((rng.choice("mmms"), rng.choice(REFS), f"<q>{rng.randrange(4)}</q>"))
    if rng.random() < 0.3:
        out.append(("c", "", "<tr/>"))
    return out


def _scratch(tmp: Path, texts: dict[str, list], order: list[str], cap: int) -> dict:
    fresh = RecordStore(tmp)
    for name in order:
        fresh.put(name, "k", texts[name])
    return fresh.ref_summaries(order, cap, 3)


def test_summaries_after_edits_equal_a_fresh_store(tmp_path: Path) -> None:
    rng = random.Random(7)
    order = [f"t{i:02}" for i in range(12)]
    texts = {name: _items(rng) for name in order}
    store = RecordStore(tmp_path / "kept.sqlite")
    for name in order:
        store.put(name, "k", texts[name])
    cap = 3
    assert store.ref_summaries(order, cap, 3) == _scratch(tmp_path / "s0.sqlite", texts, order, cap)
    for step in range(25):
        name = rng.choice(order)
        if step % 7 == 6:  # a text taken out, or the order changed
            order = [o for o in order if o != name]
            store.prune(set(order))
        else:
            texts[name] = _items(rng)
            store.put(name, "k", texts[name])
        got = store.ref_summaries(order, cap, 3)
        assert got == _scratch(tmp_path / f"s{step + 1}.sqlite", texts, order, cap), step
        # what a register page lists: the first `cap` items of each kind, over the texts in order
        listed = gather([texts[o] for o in order], cap=cap, kinds="ms")
        for ref, summary in got.items():
            assert (summary.m, summary.s) == (listed[ref].counts["m"], listed[ref].counts["s"])
            firsts = gather([texts[o] for o in summary.first], cap=cap, kinds="ms", only={ref})[ref]
            assert firsts.items == listed[ref].items
            # its pages of mentions: per chunk of 3 texts in order, how many of each kind it holds there
            chunked = [gather([texts[o] for o in order[k:k + 3]], kinds="ms", cap=None, only={ref}).get(ref)
                       for k in range(0, len(order), 3)]
            assert [(k, m, s) for k, m, s, _ in summary.parts] == [
                (k, g.counts["m"], g.counts["s"]) for k, g in enumerate(chunked) if g is not None]
        assert set(got) == set(listed)


def test_an_edit_recomputes_only_the_ids_it_touched(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "r.sqlite")
    store.put("a", "k", [("m", "x", "<q>1</q>"), ("m", "y", "<q>2</q>")])
    store.put("b", "k", [("m", "x", "<q>3</q>")])
    before = store.ref_summaries(["a", "b"], 50, 1)
    store.put("b", "k", [("m", "x", "<q>3!</q>")])
    dirty = [r for (r,) in store.db.execute("SELECT ref FROM dirty")]
    assert dirty == ["x"]
    after = store.ref_summaries(["a", "b"], 50, 1)
    assert after["y"] == before["y"] and after["x"].parts[0] == before["x"].parts[0]
    assert after["x"].parts[1] != before["x"].parts[1]  # the chunk of text b
    assert store.db.execute("SELECT count(*) FROM dirty").fetchone() == (0,)
    store.put("b", "k2", [("m", "x", "<q>3!</q>"), ("h", "", "<li/>")])  # a home item only: no id touched
    assert store.db.execute("SELECT count(*) FROM dirty").fetchone() == (0,)


def test_an_edits_reads_of_the_digests_go_through_their_indexes(tmp_path: Path) -> None:
    """The digests hold a row per text and register id (≈ 290,000 at 2,000 letters): what an edit reads of them
    (the ids it marked, the kinds of the pages over all texts) is searched by index, never a scan of the table
    (0.5 s each build at N = 2,000, the file cold)."""
    rng = random.Random(3)
    store = RecordStore(tmp_path / "kept.sqlite")
    order = [f"t{i:02}" for i in range(20)]
    for name in order:
        store.put(name, "k", _items(rng))
    store.ref_summaries(order, 3, 3)
    store.put(order[4], "k2", _items(rng))  # an edit: some ids marked
    seen: list[str] = []
    store.db.set_trace_callback(seen.append)
    store.ref_summaries(order, 3, 3)
    store.digests_of("hce")
    store.db.set_trace_callback(None)
    reads = [q for q in seen if q.lstrip().upper().startswith("SELECT") and "digests" in q]
    assert len(reads) >= 2
    for q in reads:
        plan = " / ".join(row[-1] for row in store.db.execute("EXPLAIN QUERY PLAN " + q))
        assert "SCAN d " not in plan + " " and "SCAN digests" not in plan, (q, plan)
