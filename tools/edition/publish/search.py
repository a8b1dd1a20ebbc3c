"""The site's Pagefind search index, passage by passage.

Pagefind indexes whole pages (its Python API, `pagefind.index`, takes 0.1 s per record even when the
records are sent concurrently: 231 records 23.4 s wall, 0.2 CPU s, bench/RESULTS.md; so the CLI runs on a
staging copy of the site, ≈ 0.5 ms per record); a reading page of a long text would be one result opening at its top. So the
pages that mark their passages (`data-passage` on a numbered paragraph or a note; the XSLT leaves their
`main` without `data-pagefind-body`) are indexed one record per passage, with a deep link to it
(`page.html#fbm-p005`) and facets of its own (text, person, place, year: `data-facet-*`); every other page
is indexed whole as Pagefind finds it. A passage's record holds its edited reading and, where a correction
makes them differ, its transmitted reading too, so a search for "Cornrade" finds the paragraph where the
source reads so.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path


from ..errors import EditionError

SKIP_CLASSES = {"ui", "alt-reading", "vh"}


@dataclass
class Passage:
    url: str
    title: str
    content: str
    language: str
    filters: dict[str, list[str]] = field(default_factory=dict)


def _classes(el: lxml.html.HtmlElement) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: lxml.html.HtmlElement, reading: str) -> str:
    """The words of a passage in one reading: 'edited' (rdg-corrected) or 'transmitted' (rdg-source)."""
    skip = "rdg-source" if reading == "edited" else "rdg-corrected"
    out: list[str] = []

    def walk(e: lxml.html.HtmlElement) -> None:
        if e.text:
            out.append(e.text)
        for child in e:
            if isinstance(child.tag, str) and not (_classes(child) & (SKIP_CLASSES | {skip})):
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return " ".join("".join(out).split())


def passages(page: Path, url: str) -> list[Passage]:
    """The passages of a published page (elements with data-passage), in document order."""
    import lxml.html  # here: `edition html --no-search` and the preview never parse a page

    root = lxml.html.parse(str(page)).getroot()
    lang = (root.get("lang") or "en").split("-")[0]
    out: list[Passage] = []
    for el in root.xpath("//*[@data-passage][@id]"):
        article = el.xpath("ancestor::article[contains(concat(' ', @class, ' '), ' text ')][1]")
        title = " ".join(article[0].xpath("string(.//h1[1])").split()) if article else " ".join(root.findtext(".//title", "").split())
        edited, transmitted = _text(el, "edited"), _text(el, "transmitted")
        content = edited if transmitted == edited else f"{edited} — as transmitted: {transmitted}"
        section = el.get("data-section")
        label = f"{title}{' § ' + section if section else ''} {el.get('data-passage')}"
        filters = {"text": [title]}
        for facet in ("person", "place", "year"):
            values = [v for v in (el.get(f"data-facet-{facet}") or "").split("|") if v]
            if values:
                filters[facet] = values
        out.append(Passage(f"{url}#{el.get('id')}", label, content, lang, filters))
    return out


KEY_FILTER = "page"  # a passage's page, in a shard's records: how the site script drops superseded ones


def _stub(p: Passage, key: str | None = None) -> str:
    """A passage as a small page for Pagefind: its words, its title, its deep link (meta href) and facets;
    `key`: its page's name as the hidden filter KEY_FILTER (records that a delta index may supersede)."""
    heads = [f'<meta data-pagefind-meta="title[content]" content="{escape(p.title)}">',
             f'<meta data-pagefind-meta="href[content]" content="{escape(p.url)}">']
    filters = {**p.filters, KEY_FILTER: [key]} if key else p.filters
    heads += [f'<meta data-pagefind-filter="{k}[content]" content="{escape(v)}">' for k, vs in filters.items() for v in vs]
    return (f'<!DOCTYPE html><html lang="{escape(p.language)}"><head><meta charset="utf-8"><title>{escape(p.title)}</title>'
            f'{"".join(heads)}</head><body><main data-pagefind-body><p>{escape(p.content)}</p></main></body></html>')


_FILTER_META = re.compile(r'<meta data-pagefind-filter="([^"]+)\[content\]" content="([^"]*)">')


def staged_facets(workdir: Path, page_name: str) -> dict[str, dict[str, int]] | None:
    """How many of the passages of `page_name` staged in `workdir` (as its index holds them) carry each facet
    value (the hidden KEY_FILTER left out); None when they are not staged there."""
    folder = workdir / "_passages" / page_name.replace(".", "_")
    if not (folder / ".sha256").is_file():
        return None
    counts: dict[str, dict[str, int]] = {}
    for stub in folder.glob("*.html"):
        for key, value in set(_FILTER_META.findall(stub.read_text(encoding="utf-8"))):
            if key != KEY_FILTER:
                value = unescape(value)
                counts.setdefault(key, {})[value] = counts.get(key, {}).get(value, 0) + 1
    return counts


def _stage_pages(out_dir: Path, site: Path, pages: list[str], whole: list[str] | None, key: bool = True) -> dict[str, int]:
    """Write the pages Pagefind indexes into `site`: the pages indexed whole, and each passage of `pages` as a
    small page under _passages/PAGE_html/ (kept, with the page's sha256, while the page is unchanged); `key`:
    the passages carry their page as KEY_FILTER. Returns each page's number of passages."""
    import hashlib

    wanted = [p for p in (sorted(out_dir / w for w in whole) if whole is not None else sorted(out_dir.glob("*.html")))
              if p.name not in pages]
    site.mkdir(parents=True, exist_ok=True)
    for old in site.glob("*.html"):
        if old.name not in {p.name for p in wanted}:
            old.unlink()
    for page in wanted:
        shutil.copyfile(page, site / page.name)
    root = site / "_passages"
    root.mkdir(exist_ok=True)
    folders = {page_name: page_name.replace(".", "_") for page_name in pages}  # a folder named *.html puzzles Pagefind
    for old in root.iterdir():
        if old.name not in folders.values():
            shutil.rmtree(old, ignore_errors=True)
    counts: dict[str, int] = {}
    for page_name in pages:
        folder = root / folders[page_name]
        sha = hashlib.sha256((out_dir / page_name).read_bytes()).hexdigest() + (" key" if key else "")
        stamp = folder / ".sha256"
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == sha:
            counts[page_name] = sum(1 for f in os.listdir(folder) if f.endswith(".html"))
            continue
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        found = passages(out_dir / page_name, page_name)
        for i, p in enumerate(found):
            (folder / f"{i}.html").write_text(_stub(p, page_name if key else None), encoding="utf-8")
        counts[page_name] = len(found)
        stamp.write_text(sha, encoding="utf-8")
    return counts


def stage_passages(out_dir: Path, workdir: Path, pages: list[str], *, key: bool = True) -> dict[str, int]:
    """Stage the passages of `pages` (only those) in `workdir` as `build_index` would; each page's count."""
    return _stage_pages(out_dir, workdir, pages, [], key)


@functools.cache
def pagefind_command() -> tuple[str, ...]:
    """How to run Pagefind: its binary, found as `python -m pagefind` finds it (PAGEFIND_BINARY_PATH, else the
    binary of the installed pagefind_bin_extended or pagefind_bin package, through its public get_executable),
    and run directly, without the interpreter `python -m pagefind` starts only to find it and exec it (0.09 s
    per index: the delta of each edit, and each of a large edition's shards); `python -m pagefind` when none
    is found here (its own message then says what is missing)."""
    env = os.environ.get("PAGEFIND_BINARY_PATH")
    if env:
        return (env,)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(package).get_executable()
        except (ImportError, AttributeError, OSError):  # (a missing binary: FileNotFoundError)
            continue
        if found is not None and os.access(found, os.X_OK):
            return (str(found),)
    return (sys.executable, "-m", "pagefind")


def build_index(out_dir: Path, pages: list[str], *, whole: list[str] | None = None, name: str = "pagefind",
                workdir: Path | None = None, key: bool = True, reuse: Path | None = None) -> int:
    """Index the site in `out_dir` into out_dir/NAME (swapped in whole); `pages`: the site-relative names of the
    pages whose passages are indexed one by one; `whole`: the pages indexed whole (default: every other page
    of the site). Returns the number of passage records. (A large site's index comes in shards, each made by
    one call: publish/search_shards.py.)

    Pagefind (`pagefind_command`) runs on a staging copy of the site in which each passage is a small page
    under _passages/ whose meta `href` is the passage's address in the site. The copy is a temporary
    directory, or `workdir`, kept between runs: there a page's passages are written again only when the
    page changed (the per-document build). `key`: each passage carries its page as the hidden filter
    KEY_FILTER, so that a later delta index can supersede it (off for the delta index itself). `reuse`: an
    earlier index of (about) the same pages, whose unchanged files are taken over, not written again
    (search_reuse.py)."""
    import subprocess  # here: only an index that is built runs Pagefind

    from .search_reuse import prune, seed

    staging = out_dir / f".{name}-new"
    shutil.rmtree(staging, ignore_errors=True)
    if reuse is not None:
        seed(staging, reuse)
    with tempfile.TemporaryDirectory(prefix="edition-search-") as tmp:
        site = Path(workdir) if workdir is not None else Path(tmp)
        count = sum(_stage_pages(out_dir, site, pages, whole, key).values())
        cmd = [*pagefind_command(), "--site", str(site), "--output-path", str(staging), "--silent"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EditionError(f"{out_dir}: pagefind could not run: {exc}") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        shutil.rmtree(staging, ignore_errors=True)
        raise EditionError(f"{out_dir}: pagefind failed: {' '.join(detail)}")
    if reuse is not None:
        prune(staging)
    final, old = out_dir / name, out_dir / f".{name}-old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return count
