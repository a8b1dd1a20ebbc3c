"""The search index in shards and a delta index (publish/search_shards.py): an edit re-indexes the edited
page only, into the delta index, which supersedes the page's records in its group until the delta passes its
bound and is folded back; the site script merges them all, so a word of any letter is found, an edited
word no longer, and the text filter lists every letter with the counts of a clean build."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from edition.config import load_project
from edition.incremental import publish_incremental
from edition.publish.search_shards import plan, update

from browser_support import chromium, serve
from letters_support import generate_letters

REPO = Path(__file__).resolve().parent.parent


def test_plan() -> None:
    assert plan(["a.html", "b.html"], ["index.html"], 2) == {"pagefind": ["a.html", "b.html", "index.html"]}
    assert plan(["a.html", "b.html", "c.html"], ["index.html"], 2) == {
        "pagefind": ["index.html"], "pagefind-1": ["a.html", "b.html"], "pagefind-2": ["c.html"]}


def _letters(dest: Path, extra: str = "") -> Path:
    generate_letters(5, dest, min_kb=2, max_kb=3, seed=5)
    conf = dest / "pyproject.toml"
    conf.write_text(conf.read_text(encoding="utf-8") + "search_shard_texts = 2\n" + extra, encoding="utf-8")
    return dest


def _edit(root: Path, name: str, new: str) -> str:
    """Replace the first word of NAME's first paragraph by `new`; return the old word."""
    path = root / "tei" / f"{name}.xml"
    text = path.read_text(encoding="utf-8")
    word = re.search(rf'<p xml:id="{name}-p1">([a-z]+)', text).group(1)
    path.write_text(text.replace(f'<p xml:id="{name}-p1">{word}', f'<p xml:id="{name}-p1">{new}', 1), encoding="utf-8")
    return word


def _fragments(index: Path) -> list[dict]:
    """The records of one Pagefind index, read from its fragment files (gzip, 'pagefind_dcd' + JSON)."""
    out = []
    for f in sorted((index / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        assert data.startswith(b"pagefind_dcd"), f
        out.append(json.loads(data[len(b"pagefind_dcd"):]))
    return out


def _key(r: dict) -> str:
    filters = {k: sorted(v) for k, v in sorted(r["filters"].items()) if k != "page"}
    return json.dumps([r["meta"].get("href", r["url"]), r["meta"].get("title"), r["content"], filters])


def _searched(site: Path) -> tuple[Counter, Counter, dict]:
    """What the site script searches: the records of every listed index but those a delta supersedes, and the
    facet totals it shows (Pagefind's over all merged indexes, less the delta's `uncount`); and the listing."""
    listed = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    delta = listed.get("delta") or {}
    records, totals = Counter(), Counter()
    for index in ["pagefind/", *listed["shards"], *([delta["index"]] if delta else [])]:
        for r in _fragments(site / index):
            for k, vs in r["filters"].items():
                totals.update((k, v) for v in set(vs) if k != "page")
            if not set(r["filters"].get("page", [])) & set(delta.get("supersedes", [])):
                records[_key(r)] += 1
    for k, values in delta.get("uncount", {}).items():
        for v, n in values.items():
            totals[(k, v)] -= n
    return records, +totals, listed


def _clean(root: Path, dest: Path) -> Path:
    """A clean build of the project's present state, in a copy of it."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("output"))
    publish_incremental(load_project(dest))
    return dest / "output" / "html"


@pytest.mark.slow
def test_edit_goes_into_the_delta_and_is_folded_back(tmp_path: Path) -> None:
    root = _letters(tmp_path / "p", "search_delta_passages = 60\n")
    site = root / "output" / "html"
    _edit(root, "l00004", "platypusword")  # a word found once
    publish_incremental(load_project(root))
    def found(word: str, records: Counter) -> list[str]:
        return sorted(json.loads(k)[0] for k in records if word in json.loads(k)[2])

    assert [h for h in found("platypusword", _searched(site)[0]) if h.startswith("l00004.html")] == ["l00004.html#l00004-p1"]
    assert not (site / "pagefind-delta").exists()  # a clean build has no delta
    entries = {d.name: (d / "pagefind-entry.json").read_bytes() for d in site.glob("pagefind*")}

    _edit(root, "l00004", "quokkaword")  # in the third group
    publish_incremental(load_project(root))
    records, totals, listed = _searched(site)
    assert listed["delta"]["supersedes"] == ["l00004.html"]
    assert {d.name: (d / "pagefind-entry.json").read_bytes() for d in site.glob("pagefind-?")} == \
        {k: v for k, v in entries.items() if k != "pagefind"}  # no group indexed again
    delta = _fragments(site / "pagefind-delta")
    assert delta and {r["meta"]["href"].split("#")[0] for r in delta} == {"l00004.html"}
    assert all("page" not in r["filters"] for r in delta)
    assert "l00004.html#l00004-p1" in found("quokkaword", records)
    assert not found("platypusword", records), found("platypusword", records)  # the old word is not found
    clean_records, clean_totals, clean_listed = _searched(_clean(root, tmp_path / "c1"))
    assert "delta" not in clean_listed
    assert records == clean_records and totals == clean_totals

    # the delta's bound: the passages of l00004, so that an edit of another letter folds a group back
    conf = root / "pyproject.toml"
    conf.write_text(conf.read_text(encoding="utf-8").replace("search_delta_passages = 60",
                                                             f"search_delta_passages = {len(delta)}"), encoding="utf-8")
    _edit(root, "l00001", "wombatword")  # in the first group
    publish_incremental(load_project(root))
    records, totals, listed = _searched(site)
    held = listed.get("delta", {}).get("supersedes", [])
    assert len(held) == 1, held  # the group with the larger share indexed again, its page out of the delta
    group = {"l00004.html": "pagefind-1", "l00001.html": "pagefind-3"}[held[0]]  # the other one's
    assert (site / group / "pagefind-entry.json").read_bytes() != entries[group]
    assert "l00004.html#l00004-p1" in found("quokkaword", records) and "l00001.html#l00001-p1" in found("wombatword", records)
    clean_records, clean_totals, _ = _searched(_clean(root, tmp_path / "c2"))
    assert records == clean_records and totals == clean_totals

    conf.write_text(conf.read_text(encoding="utf-8").replace(f"search_delta_passages = {len(delta)}",
                                                             "search_delta_passages = 0"), encoding="utf-8")
    _edit(root, "l00002", "numbatword")  # no delta: its group is indexed again, and the delta's too
    publish_incremental(load_project(root))
    records, totals, listed = _searched(site)
    assert "delta" not in listed and not (site / "pagefind-delta").exists()
    clean_records, clean_totals, _ = _searched(_clean(root, tmp_path / "c3"))
    assert records == clean_records and totals == clean_totals

    # a text taken out (its page no longer listed): the later ones move up a group, and each group whose list of
    # pages changed is indexed again, though none of its pages changed
    reading = [f"l0000{k}.html" for k in (0, 2, 3, 4)]
    others = json.loads((site / "pagefind" / "pages.json").read_text(encoding="utf-8"))
    update(site, reading, others, set(), 2, everything=False, workdir=root / "output" / ".cache" / "search")
    records, _, listed = _searched(site)
    assert listed["shards"] == ["pagefind-1/", "pagefind-2/"] and not (site / "pagefind-3").exists()
    pages = Counter(json.loads(k)[0].split("#")[0] for k in records)
    assert {p for p in pages if not p.startswith("/")} == set(reading), pages  # l00001 gone, every other letter there
    assert pages == Counter(json.loads(k)[0].split("#")[0] for k in clean_records if not k.startswith('["l00001.html'))


@pytest.mark.slow
@pytest.mark.browser
def test_shards_reindexed_per_group_and_merged_in_the_browser(tmp_path: Path) -> None:
    root = _letters(tmp_path / "p")
    site = root / "output" / "html"
    _edit(root, "l00004", "platypusword")  # a word found once
    publish_incremental(load_project(root))
    assert json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8")) == \
        {"shards": ["pagefind-1/", "pagefind-2/", "pagefind-3/"]}
    before = {d.name: (d / "pagefind-entry.json").read_bytes() for d in site.glob("pagefind*")}

    _edit(root, "l00004", "quokkaword")  # in the third group, replacing platypusword
    publish_incremental(load_project(root))
    after = {d.name: (d / "pagefind-entry.json").read_bytes() for d in site.glob("pagefind*")}
    assert {k: after[k] for k in before if k != "pagefind"} == {k: v for k, v in before.items() if k != "pagefind"}
    assert "pagefind-delta" in after  # the edited page went into the delta index

    assert not (Path.cwd() / "pagefind").exists() or Path.cwd() == site  # nothing written outside the site

    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "search.html")
        page.locator(".filter-text").wait_for(state="visible")
        from playwright.sync_api import expect

        # the text filter lists the letters of every shard, each with the count of a clean build
        assert page.locator(".filter-text input").count() == 5
        _, clean_totals, _ = _searched(_clean(root, tmp_path / "clean"))
        shown = page.locator(".filter-text label").evaluate_all("ls => ls.map(l => l.textContent.trim())")
        assert sorted(shown) == sorted(f"{v} ({n})" for (k, v), n in clean_totals.items() if k == "text"), shown
        page.fill("#search-input", "platypusword")  # the old word: still in the third group's index, not found there
        expect(page.locator("#search-status")).to_contain_text("result")  # (Pagefind may offer near words elsewhere)
        old_links = page.locator("#search-results li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert not any("l00004.html" in h for h in old_links), old_links
        page.fill("#search-input", "quokkaword")
        results = page.locator("#search-results li a")
        expect(page.locator("#search-results li a[href*='hl=quokkaword']").first).to_be_visible()
        links = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert len(set(links)) == len(links), links  # no passage indexed twice
        assert any(h.endswith("#l00004-p1") for h in links), links  # the hit lands on its paragraph
        hrefs = [h.split("#")[0].split("?")[0] for h in links]
        # the letter (third shard), and a multi-text page quoting its paragraph if any (main index)
        assert any(h.endswith("l00004.html") for h in hrefs), hrefs
        assert all(h.endswith(("l00004.html", "timeline.html", "persons.html", "places.html",
                               "organisations.html", "corrections.html")) for h in hrefs), hrefs
