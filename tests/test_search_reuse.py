"""An index made again over an earlier one (publish/search_reuse.py) holds the same files as one made anew:
the unchanged hashed files taken over, the changed ones written, the unused ones removed; the earlier index is
left as it was (it may be the published one)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from edition.publish.search import build_index
from edition.publish.search_reuse import prune

PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{t}</title>'
        '<meta data-pagefind-filter="text[content]" content="{t}"></head>'
        '<body><main data-pagefind-body><p>{words}</p></main></body></html>')


def _site(root: Path, words: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("*.html"):
        old.unlink()
    for name, text in words.items():
        (root / name).write_text(PAGE.format(t=name[:-5], words=text), encoding="utf-8")
    return root


def _files(index: Path, sub: str) -> set[str]:
    return {p.name for p in (index / sub).iterdir()} if (index / sub).is_dir() else set()


def _state(index: Path) -> dict[str, str]:
    return {str(p.relative_to(index)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(index.rglob("*")) if p.is_file()}


def test_index_made_over_an_earlier_one_equals_one_made_anew(tmp_path: Path) -> None:
    words = {f"p{i}.html": f"alpha{i} beta gamma{i % 3} delta words of page {i}" for i in range(12)}
    site = _site(tmp_path / "site", words)
    build_index(site, [], name="pagefind")
    earlier = tmp_path / "earlier"
    (site / "pagefind").rename(earlier)
    before = _state(earlier)
    assert prune(earlier) == 0  # a fresh index uses every file it has

    words["p3.html"] = "platypus replaces page three"  # one page changed, one gone, one new
    del words["p7.html"]
    words["p12.html"] = "wombat arrives"
    _site(site, words)
    build_index(site, [], name="pagefind", reuse=earlier)
    again = site / "pagefind"
    assert _state(earlier) == before  # the earlier index untouched (its files were linked, never written)

    fresh_site = _site(tmp_path / "fresh", words)
    build_index(fresh_site, [], name="pagefind")
    fresh = fresh_site / "pagefind"
    for sub in ("fragment", "index"):  # named by their content: the same names
        assert _files(again, sub) == _files(fresh, sub), sub
    assert len(_files(again, "filter")) == len(_files(fresh, "filter"))  # their names vary between runs (Pagefind#638)
    assert len(list(again.glob("pagefind.*.pf_meta"))) == 1
    shared = {p.name for p in (again / "fragment").iterdir() if p.stat().st_nlink > 1}
    assert shared and shared < _files(again, "fragment")  # unchanged fragments taken over, the changed written
    assert prune(again) == 0


def test_prune_removes_nothing_when_the_index_cannot_be_read(tmp_path: Path) -> None:
    index = tmp_path / "pagefind"
    (index / "fragment").mkdir(parents=True)
    (index / "fragment" / "en_abc.pf_fragment").write_bytes(b"x")
    assert prune(index) == 0  # no pagefind-entry.json
    (index / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}', encoding="utf-8")
    assert prune(index) == 0 and (index / "fragment" / "en_abc.pf_fragment").exists()  # its metadata missing
