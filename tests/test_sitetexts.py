"""What the site graph keeps of each text between builds (edition.sitetexts): the extracts' index and the reading
pages' keys are always what working them out afresh gives, and an edit works out again only what it touched."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from edition import sitetexts
from edition.buildstate import FileHashes
from edition.extracts import Extract, neighbours
from edition.sitetexts import ensure_copies, load_extracts, page_key, page_keys

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader><fileDesc><titleStmt><title>T {id}</title>'
       '</titleStmt></fileDesc></teiHeader><text><body><p>{body}</p></body></text></TEI>')


def _extract(name: str, version: int, points: tuple[str, ...], refs: tuple[str, ...]) -> Extract:
    return Extract(name, f"{name}-{version}", points, " ".join(refs), False, "c", "h", "", name)


def _afresh(everything: str, extracts: dict[str, Extract], reg_head: str, reg: dict[str, str]) -> dict[str, str]:
    near = neighbours(extracts)
    return {f"{n}.html": page_key(everything, extracts, near[n], reg_head, reg) for n in extracts}


def test_kept_page_keys_are_the_keys_afresh_and_only_the_touched_are_worked_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    names = [f"l{k}.xml" for k in range(30)]
    reg = {f"p{k}": f"entry{k}" for k in range(12)}
    version = dict.fromkeys(names, 0)
    points: dict[str, tuple[str, ...]] = {n: () for n in names}
    points["l3.xml"] = ("l4.xml",)
    refs = {n: tuple(sorted(rng.sample(sorted(reg), 4))) for n in names}
    everything, head = "e0", "h0"
    worked: list[str] = []
    real = sitetexts.page_key
    monkeypatch.setattr(sitetexts, "page_key", lambda e, x, near, h, r: worked.append(near[0]) or real(e, x, near, h, r))

    def build() -> dict[str, str]:
        extracts = {n: _extract(n, version[n], points[n], refs[n]) for n in names}
        worked.clear()
        got = page_keys(tmp_path, everything, extracts, neighbours(extracts), {n: f"{n}.html" for n in names},
                        head, reg)
        assert got == _afresh(everything, extracts, head, reg)
        return got

    build()
    assert len(worked) == len(names)
    build()
    assert worked == []  # nothing changed: every key kept
    version["l7.xml"] += 1  # one text edited: its page only
    build()
    assert worked == ["l7.xml"]
    version["l4.xml"] += 1  # a text another points at: both pages (the other quotes it)
    build()
    assert sorted(worked) == ["l3.xml", "l4.xml"]
    version["l9.xml"] += 1  # a text starts pointing at another: both pages
    points["l9.xml"] = ("l10.xml",)
    build()
    assert sorted(worked) == ["l10.xml", "l9.xml"]
    version["l9.xml"] += 1  # and stops: both again
    points["l9.xml"] = ()
    build()
    assert sorted(worked) == ["l10.xml", "l9.xml"]
    version["l11.xml"] += 1  # the ids a text points at
    refs["l11.xml"] = ("p1",)
    build()
    assert worked == ["l11.xml"]
    reg["p1"] = "changed"  # a register entry: every key worked out again (and equal to afresh)
    build()
    assert len(worked) == len(names)
    head = "h1"
    build()
    assert len(worked) == len(names)
    everything = "e1"
    build()
    assert len(worked) == len(names)
    names.remove("l20.xml")  # a text taken out
    build()
    assert worked == []
    (tmp_path / sitetexts.KEYS).write_text("{broken", encoding="utf-8")  # a damaged file: worked out again
    build()
    assert len(worked) == len(names)


def test_the_extracts_index_gives_the_extracts_and_reads_only_changed_texts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tei = tmp_path / "tei"
    tei.mkdir()
    paths = []
    for k, body in enumerate(['<persName ref="#a">A</persName> and <persName ref="#b">B</persName>', "no names",
                              '<ref target="l0.xml#x">one</ref>']):
        path = tei / f"l{k}.xml"
        path.write_text(TEI.format(id=f"t{k}", body=body), encoding="utf-8")
        paths.append(path)
    out, cache = tmp_path / "output", tmp_path / "output" / ".cache" / "extracts"
    made: list[str] = []
    real = sitetexts.extract
    monkeypatch.setattr(sitetexts, "extract", lambda p, data, c: made.append(p.name) or real(p, data, c))
    first = load_extracts(out, cache, paths, FileHashes(None))
    assert made == ["l0.xml", "l1.xml", "l2.xml"]
    assert first["l0.xml"].ref_ids == ("a", "b") and first["l1.xml"].ref_ids == () and first["l2.xml"].points_to == ("l0.xml",)
    made.clear()
    assert load_extracts(out, cache, paths, FileHashes(None)) == first
    assert made == []
    paths[1].write_text(TEI.format(id="t1", body='<placeName ref="#c">C</placeName>'), encoding="utf-8")
    again = load_extracts(out, cache, paths, FileHashes(None))
    assert made == ["l1.xml"] and again["l1.xml"].ref_ids == ("c",)
    assert {n: e for n, e in again.items() if n != "l1.xml"} == {n: e for n, e in first.items() if n != "l1.xml"}
    (cache / "l2.xml.head").unlink()  # a copy gone: that text extracted again when the copies are read
    made.clear()
    stats: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **kw: stats.append(os.fspath(p)) or real_stat(p, *a, **kw))
    kept = load_extracts(out, cache, paths, FileHashes(None))
    monkeypatch.setattr(os, "stat", real_stat)
    assert made == [] and not [s for s in stats if s.startswith(str(cache))]  # no copy looked for
    ensure_copies(cache, paths, kept)
    assert made == ["l2.xml"] and (cache / "l2.xml.head").is_file() and kept == again


def test_the_site_graph_is_written_in_one_dumps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import edition.incremental as incremental

    recorded = {f"l{k}.html": {"key": f"{k:064x}", "messages": [], "files": {f"l{k}.html": "ab", f"tei/l{k}.xml": "cd"}}
                for k in range(300)}
    recorded["(home)"] = {"key": "k", "messages": [["index.html", ["a \"message\" é"]]], "files": {"index.html": "x"}}
    calls = []
    dumps = json.dumps
    monkeypatch.setattr(incremental.json, "dumps", lambda *a, **kw: calls.append(a) or dumps(*a, **kw))
    incremental.write_graph(tmp_path / "g.json", True, recorded)
    assert len(calls) <= 2
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["pages"] == recorded and data["search_stale"] is True


def test_a_site_files_sha_comes_from_the_state_while_its_stat_holds(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The site graph looks at thousands of pages of the staging copy at each build: a page's sha256 is the build
    state's while its size, mtime and inode hold (no read), else read."""
    import builtins
    import hashlib
    import time
    from types import SimpleNamespace

    from edition.incremental import SiteGraph

    site, stage = tmp_path / "html", tmp_path / "stage"
    site.mkdir()
    stage.mkdir()
    old = time.time() - 10
    for name in ("a.html", "b.html"):
        (site / name).write_text(name, encoding="utf-8")
        os.utime(site / name, (old, old))
        os.link(site / name, stage / name)
    hashes = FileHashes(None)
    for name in ("a.html", "b.html"):
        hashes.sha(site / name)  # recorded, as the build state holds the site's files
    graph = SimpleNamespace(hashes=hashes, out_dir=site)
    opened: list[str] = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **kw: opened.append(str(f)) or real_open(f, *a, **kw))
    assert SiteGraph._site_sha(graph, stage, "a.html") == hashlib.sha256(b"a.html").hexdigest()
    assert opened == []  # the state's entry
    with real_open(stage / "b.html", "a", encoding="utf-8") as fh:  # edited in place (the same inode)
        fh.write(" by hand")
    assert SiteGraph._site_sha(graph, stage, "b.html") == hashlib.sha256(b"b.html by hand").hexdigest()
    (stage / "c.html").write_text("c", encoding="utf-8")  # not recorded
    assert SiteGraph._site_sha(graph, stage, "c.html") == hashlib.sha256(b"c").hexdigest()
    (stage / "a.html").unlink()
    assert SiteGraph._site_sha(graph, stage, "a.html") is None
