"""The search index in shards (publish/search_shards.py): an edit re-indexes its group only, and the
site script merges the shards, so a word of any letter is found and the text filter lists every letter."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from edition.config import load_project
from edition.incremental import publish_incremental
from edition.publish.search_shards import plan

from browser_support import chromium, serve

REPO = Path(__file__).resolve().parent.parent


def test_plan() -> None:
    assert plan(["a.html", "b.html"], ["index.html"], 2) == {"pagefind": ["a.html", "b.html", "index.html"]}
    assert plan(["a.html", "b.html", "c.html"], ["index.html"], 2) == {
        "pagefind": ["index.html"], "pagefind-1": ["a.html", "b.html"], "pagefind-2": ["c.html"]}


def _letters(dest: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_letters", REPO / "bench" / "letters.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    mod.generate(5, dest, min_kb=2, max_kb=3, seed=5)
    conf = dest / "pyproject.toml"
    conf.write_text(conf.read_text(encoding="utf-8") + "search_shard_texts = 2\n", encoding="utf-8")
    return dest


@pytest.mark.slow
@pytest.mark.browser
def test_shards_reindexed_per_group_and_merged_in_the_browser(tmp_path: Path) -> None:
    root = _letters(tmp_path / "p")
    site = root / "output" / "html"
    publish_incremental(load_project(root))
    assert (site / "pagefind" / "shards.json").read_text(encoding="utf-8").strip() == \
        '["pagefind-1/", "pagefind-2/", "pagefind-3/"]'
    before = {d.name: (d / "pagefind-entry.json").read_bytes() for d in site.glob("pagefind*")}

    last = root / "tei" / "l00004.xml"  # in the third group
    text = last.read_text(encoding="utf-8")
    word = re.search(r'<p xml:id="l00004-p1">([a-z]+)', text).group(1)
    last.write_text(text.replace(f'<p xml:id="l00004-p1">{word}', '<p xml:id="l00004-p1">quokkaword', 1),
                    encoding="utf-8")
    publish_incremental(load_project(root))
    after = {d.name: (d / "pagefind-entry.json").read_bytes() for d in site.glob("pagefind*")}
    assert after["pagefind-1"] == before["pagefind-1"] and after["pagefind-2"] == before["pagefind-2"]
    assert after["pagefind-3"] != before["pagefind-3"]

    assert not (Path.cwd() / "pagefind").exists() or Path.cwd() == site  # nothing written outside the site

    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "search.html")
        page.locator(".filter-text").wait_for(state="visible")
        from playwright.sync_api import expect

        # the text filter lists the letters of every shard
        assert page.locator(".filter-text input").count() == 5
        page.fill("#search-input", "quokkaword")
        results = page.locator("#search-results li a")
        expect(results.first).to_be_visible()
        links = results.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert len(set(links)) == len(links), links  # no passage indexed twice
        assert any(h.endswith("#l00004-p1") for h in links), links  # the hit lands on its paragraph
        hrefs = [h.split("#")[0].split("?")[0] for h in links]
        # the letter (third shard), and a multi-text page quoting its paragraph if any (main index)
        assert any(h.endswith("l00004.html") for h in hrefs), hrefs
        assert all(h.endswith(("l00004.html", "timeline.html", "persons.html", "places.html",
                               "organisations.html", "corrections.html")) for h in hrefs), hrefs
