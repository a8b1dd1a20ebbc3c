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
