"""The staging copy of a site (edition.publish.staging): hard links to every file of the live site, made by one
os.link per file (shutil.copytree cost as much again around each link, 7,000 files of a site in an edit)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from edition.publish import staging


def _listing(root: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for p in sorted(root.rglob("*")):
        name = str(p.relative_to(root))
        if p.is_symlink():
            out[name] = ("link", os.readlink(p))
        elif p.is_dir():
            out[name] = ("dir", stat.S_IMODE(p.stat().st_mode))
        else:
            out[name] = ("file", p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
    return out


def test_the_staging_copy_links_every_file_as_copytree_did(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "html"
    (site / "tei").mkdir(parents=True)
    (site / "assets" / "pagefind").mkdir(parents=True)  # the name of a skipped top-level tree, deeper: kept
    (site / "pagefind").mkdir()
    for name in ("index.html", "tei/a.xml", "assets/site.css", "assets/pagefind/x.js", "pagefind/entry.json"):
        (site / name).write_text(name, encoding="utf-8")
    (site / "tei" / "a.xml").chmod(0o640)
    (site / "latest.html").symlink_to("index.html")
    (site / "assets").chmod(0o555)  # a read-only directory: filled, then its mode
    expected = tmp_path / "expected"
    shutil.copytree(site, expected, symlinks=True, ignore=lambda d, names: ["pagefind"] if Path(d) == site else [])
    monkeypatch.setattr(shutil, "copytree", lambda *a, **kw: pytest.fail("copytree"))
    try:
        staging._link_tree(site, tmp_path / "stage", frozenset({"pagefind"}))
        assert _listing(tmp_path / "stage") == _listing(expected)
        assert (tmp_path / "stage" / "tei" / "a.xml").stat().st_ino == (site / "tei" / "a.xml").stat().st_ino
        assert (tmp_path / "stage" / "latest.html").is_symlink()
    finally:
        for d in (site, expected, tmp_path / "stage"):
            if (d / "assets").exists():
                (d / "assets").chmod(0o755)


def _inodes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.lstat().st_ino for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


def test_the_previous_site_becomes_the_next_staging_copy_as_if_made_anew(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The site a swap replaced is kept (`.NAME.previous`) and brought up to date as the next staging copy: whatever
    happened to the live site meanwhile (a file replaced, edited in place, added, removed, a file become a
    directory, a link, the book written by the pdf step), the copy holds links to exactly the live files, as one
    made anew; the search index's shards are never in it."""
    site = tmp_path / "html"
    with staging.staged_directory(site, keep=("pdf",), carry=("pagefind-1",), previous=True) as stage:
        for name in ("index.html", "a.html", "b.html", "c.html", "tei/a.xml", "pdf/book.pdf", "pagefind-1/x.pf"):
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(name, encoding="utf-8")
    with staging.staged_directory(site, keep=("pdf",), carry=("pagefind-1",), previous=True) as stage:
        (stage / "a.html").unlink()
        (stage / "a.html").write_text("a, made again", encoding="utf-8")  # a page the build makes again
        (stage / "pagefind-1").mkdir()  # a shard indexed anew
        (stage / "pagefind-1" / "y.pf").write_text("y", encoding="utf-8")
    previous = tmp_path / ".html.previous"
    assert previous.is_dir() and not (previous / "pagefind-1").exists()
    # the live site meanwhile: replaced, edited in place, added, removed, a file become a directory, a link
    (site / "b.html").unlink()
    (site / "b.html").write_text("b by hand", encoding="utf-8")
    with open(site / "index.html", "a", encoding="utf-8") as fh:
        fh.write(" edited in place")
    (site / "new.html").write_text("new", encoding="utf-8")
    (site / "tei" / "a.xml").unlink()
    (site / "c.html").unlink()
    (site / "c.html").mkdir()
    (site / "c.html" / "inner").write_text("inner", encoding="utf-8")
    (site / "latest.html").symlink_to("index.html")
    (site / "pdf" / "book.pdf").unlink()
    (site / "pdf" / "book.pdf").write_text("book, printed again", encoding="utf-8")
    fresh = tmp_path / "fresh"
    staging._link_tree(site, fresh, frozenset({"pagefind-1"}))
    monkeypatch.setattr(staging, "_link_tree", lambda *a: pytest.fail("linked anew"))
    with staging.staged_directory(site, carry=("pagefind-1",), previous=True) as stage:
        assert not previous.exists()  # taken as the staging copy
        assert _listing(stage) == _listing(fresh)
        # links to the live files themselves (the shards aside)
        assert _inodes(stage) == {k: v for k, v in _inodes(site).items() if not k.startswith("pagefind-1")}
    assert (site / "pagefind-1" / "y.pf").read_text(encoding="utf-8") == "y"  # carried over at the swap
    assert (site / "index.html").read_text(encoding="utf-8") == "index.html edited in place"


def test_a_failed_build_leaves_the_site_and_no_previous_copy_in_use(tmp_path: Path) -> None:
    site = tmp_path / "html"
    for _ in range(2):
        with staging.staged_directory(site, previous=True) as stage:
            (stage / "index.html").write_text("one", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with staging.staged_directory(site, previous=True) as stage:
            (stage / "index.html").unlink()
            (stage / "index.html").write_text("two", encoding="utf-8")
            raise RuntimeError("a step failed")
    assert not (tmp_path / ".html.previous").exists()  # it was in use: gone with the failed staging
    assert (site / "index.html").read_text(encoding="utf-8") == "one"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".html.staging")] == []
    with staging.staged_directory(site, previous=True) as stage:  # made anew from the live site
        assert (stage / "index.html").read_text(encoding="utf-8") == "one"


def test_a_site_given_to_a_command_keeps_no_previous_copy(tmp_path: Path) -> None:
    """Only the build's own site keeps the replaced site beside it: `edition html -o DIR` leaves nothing by DIR."""
    site = tmp_path / "site"
    for _ in range(2):
        with staging.staged_directory(site) as stage:
            (stage / "index.html").write_text("one", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.site.lock", "site"]
