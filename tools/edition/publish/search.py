"""The site's Pagefind search index, passage by passage.

Pagefind indexes whole pages (its Python API sends one record per round trip of 0.1 s, too slow for
hundreds of passages, so the CLI runs on a staging copy of the site); a reading page of a long text would be one result opening at its top. So the
pages that mark their passages (`data-passage` on a numbered paragraph or a note; the XSLT leaves their
`main` without `data-pagefind-body`) are indexed one record per passage, with a deep link to it
(`page.html#fbm-p005`) and facets of its own (text, person, place, year: `data-facet-*`); every other page
is indexed whole as Pagefind finds it. A passage's record holds its edited reading and, where a correction
makes them differ, its transmitted reading too, so a search for "Cornrade" finds the paragraph where the
source reads so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import lxml.html

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


def _stub(p: Passage) -> str:
    """A passage as a small page for Pagefind: its words, its title, its deep link (meta href) and facets."""
    heads = [f'<meta data-pagefind-meta="title[content]" content="{escape(p.title)}">',
             f'<meta data-pagefind-meta="href[content]" content="{escape(p.url)}">']
    heads += [f'<meta data-pagefind-filter="{k}[content]" content="{escape(v)}">' for k, vs in p.filters.items() for v in vs]
    return (f'<!DOCTYPE html><html lang="{escape(p.language)}"><head><meta charset="utf-8"><title>{escape(p.title)}</title>'
            f'{"".join(heads)}</head><body><main data-pagefind-body><p>{escape(p.content)}</p></main></body></html>')


def _stage_pages(out_dir: Path, site: Path, pages: list[str], whole: list[str] | None) -> int:
    """Write the pages Pagefind indexes into `site`: the pages indexed whole, and each passage of `pages` as a
    small page under _passages/PAGE_html/ (kept, with the page's sha256, while the page is unchanged)."""
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
    count = 0
    for page_name in pages:
        folder = root / folders[page_name]
        sha = hashlib.sha256((out_dir / page_name).read_bytes()).hexdigest()
        stamp = folder / ".sha256"
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == sha:
            count += sum(1 for _ in folder.glob("*.html"))
            continue
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for i, p in enumerate(passages(out_dir / page_name, page_name)):
            (folder / f"{i}.html").write_text(_stub(p), encoding="utf-8")
            count += 1
        stamp.write_text(sha, encoding="utf-8")
    return count


def build_index(out_dir: Path, pages: list[str], *, whole: list[str] | None = None, name: str = "pagefind",
                workdir: Path | None = None) -> int:
    """Index the site in `out_dir` into out_dir/NAME (swapped in whole); `pages`: the site-relative names of the
    pages whose passages are indexed one by one; `whole`: the pages indexed whole (default: every other page
    of the site). Returns the number of passage records. (A large site's index comes in shards, each made by
    one call: publish/search_shards.py.)

    Pagefind (`python -m pagefind`) runs on a staging copy of the site in which each passage is a small page
    under _passages/ whose meta `href` is the passage's address in the site. The copy is a temporary
    directory, or `workdir`, kept between runs: there a page's passages are written again only when the
    page changed (the per-document build, where one edit re-indexes one shard)."""
    staging = out_dir / f".{name}-new"
    shutil.rmtree(staging, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="edition-search-") as tmp:
        site = Path(workdir) if workdir is not None else Path(tmp)
        count = _stage_pages(out_dir, site, pages, whole)
        cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(staging), "--silent"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EditionError(f"{out_dir}: pagefind could not run: {exc}") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        shutil.rmtree(staging, ignore_errors=True)
        raise EditionError(f"{out_dir}: pagefind failed: {' '.join(detail)}")
    final, old = out_dir / name, out_dir / f".{name}-old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return count
