"""The per-document build graph of the HTML site: which page depends on which texts and register
entries, and which pages a change redoes.

* A text's **reading page** (and its TEI download) depends on the text, on the texts its page looks
  into or that look into it (quotations between texts: `extracts.neighbours`), on the register
  entries it points at (and the register's header), and on what every page depends on (the
  stylesheets, this code, the edition's settings, the names of the texts in the site).
* The **multi-text pages** (home, downloads, search, the register pages, encoding, corrections,
  timeline) are made together from the cached corpus copies of `extracts` and the register; they are
  redone when one of those changes, i.e. when an edit touches what they show (a mention, a said, a
  correction, a date, a header, the structure), not for a word changed elsewhere.
* The **search index**: the shard holding a changed page is indexed again (publish/search_shards.py;
  a small site has one index, rebuilt when a page changed).

Each page's key (sha256 of all it depends on) and its stylesheet messages are kept in
output/.cache/site-graph.json; a page whose key and file are as recorded is not made again.
Reading pages are made in a process pool when there are many (`[tool.edition] jobs`, default: the
machine's CPUs); each worker holds only the text it renders and its neighbours. A build after an edit
writes the same bytes as a clean build of the same state (tests/test_incremental.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from . import resources
from .buildstate import tree_hash
from .config import Project
from .extracts import CACHE, Extract, extract, neighbours, register_entries
from .stage import package_dir
from .xmlio import atomic_write

GRAPH = Path(".cache") / "site-graph.json"
MULTI = "(multi-text pages)"
POOL_FROM = 6  # reading pages to make before a process pool pays for its start (≈0.5 s a worker)


@dataclass
class SiteBuild:
    """What an incremental publication did."""

    out_dir: Path
    pages: list[str] = field(default_factory=list)
    made: list[str] = field(default_factory=list)  # pages made this time (the rest were up to date)
    written: list[str] = field(default_factory=list)  # files whose bytes changed
    warnings: list[str] = field(default_factory=list)
    search: bool = False  # the search index was rebuilt

    def summary(self) -> str:
        return (f"html: {len(self.pages)} pages in {self.out_dir} ({len(self.made)} made, "
                f"{len(self.written)} files changed{', search index rebuilt' if self.search else ''})")


def _sha(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _jobs(project: Project, todo: int) -> int:
    jobs = project.settings.get("jobs", os.cpu_count() or 1)
    if not isinstance(jobs, int) or jobs < 1:
        jobs = 1
    return min(jobs, max(1, todo // 2)) if todo >= POOL_FROM else 1


# ---- rendering one reading page (here or in a worker process) ----

@dataclass(frozen=True)
class PageTask:
    source: str  # the text's path
    page: str
    tei_href: str
    pdf_href: str
    site: tuple[tuple[str, str, str, str, str], ...]  # (path, page, tei, pdf, label) of it and its neighbours


_LOCAL = threading.local()  # Saxon documents belong to the thread's processor (publish.saxon)


def _register_xdm(path: str | None) -> tuple[Any, Any]:
    """The register as an lxml tree and a Saxon document, parsed once per process (per version)."""
    from .publish.saxon import xdm_document

    if path is None:
        return None, None
    sha = _file_sha(Path(path))
    cached = getattr(_LOCAL, "register", None)
    if cached is None or cached[0] != sha:
        tree = _load_tei(Path(path))[1]
        cached = _LOCAL.register = (sha, tree, xdm_document(tree))
    return cached[1], cached[2]


def render_page(xslt_dir: str, common: dict[str, Any], register: str | None, task: PageTask) -> tuple[str, str, list[str]]:
    """The reading page of one text: (page name, HTML, stylesheet messages). A pure function of its inputs."""
    from .publish.html import SiteText, _corpus, _html
    from .publish.saxon import Transformer, xdm_document
    from .xmlio import XML_ID

    texts = []
    tree = None
    for path, page, tei_href, pdf_href, label in task.site:
        data, t = _load_tei(Path(path))
        texts.append(SiteText(Path(path), data, t, t.getroot().get(XML_ID) or Path(page).stem, page, tei_href,
                              pdf_href, label))
        if path == task.source:
            tree = t
    params = dict(common)
    reg_tree, reg = _register_xdm(register)
    if reg is not None:
        params["register"] = reg
    corpus = xdm_document(_corpus(texts, reg_tree, "tei/register.xml" if register else ""))
    params.update({"page-name": task.page, "tei-href": task.tei_href, "pdf-href": task.pdf_href, "site": corpus})
    result = Transformer.get(Path(xslt_dir) / "text.xsl").run(tree, params=params, source_name=task.source)
    return task.page, _html(result.main), result.messages


def _render_in_worker(args: tuple[str, dict[str, Any], str | None, PageTask]) -> tuple[str, str, list[str]]:
    return render_page(*args)


# ---- the graph ----

class SiteGraph:
    """The pages of a project's site, their keys, and what was recorded when they were last made."""

    def __init__(self, project: Project, out_dir: Path | None = None, *, search: bool = True, index: bool = True):

        self.project = project
        self.out_dir = out_dir or project.output_dir / "html"
        self.cache_dir = project.output_dir / CACHE
        self.graph_path = project.output_dir / GRAPH
        self.search = search  # the pages offer search (a stylesheet parameter)
        self.index = index and search  # Pagefind runs (off in the preview: the index then waits, marked stale)
        self.xslt_dir = resources.xslt_dir("html", project.root)
        self.paths = project.text_paths()
        self.register = project.register_path()
        odd = resources.schema_dir(project.root) / "edition.odd"
        self.odd = odd if odd.exists() else None
        self.names = _page_names(self.paths)
        labels = {m.id: str(m.get("label")) for m in project.texts if m.get("label")}
        from .publish.volumes import pdf_hrefs

        self.pdf_hrefs = pdf_hrefs(project, self.paths) if project.wants_step("pdf") else {}
        self.data = {p.name: p.read_bytes() for p in self.paths}
        self.extracts: dict[str, Extract] = {p.name: extract(p, self.data[p.name], self.cache_dir) for p in self.paths}
        self.ids = {p.name: self.extracts[p.name].root_id or self.names[p.name] for p in self.paths}
        self.labels = {p.name: labels.get(self.ids[p.name], "") for p in self.paths}
        edition = project.edition or {}
        title = edition.get("title") or (self.extracts[self.paths[0].name].title if len(self.paths) == 1
                                         else "TEI documents")
        base_url = str(edition.get("base_url", ""))
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        self.common = {"edition-title": str(title), "edition-short-title": str(edition.get("short_title") or title),
                       "base-url": base_url, "search": search}
        self.xslt_root = self.xslt_dir.parent
        code = package_dir()
        everything = _sha(tree_hash([self.xslt_root / k for k in ("common", "html", "timeline")], base=self.xslt_root),
                          tree_hash([code], base=code.parent), self.common, self.pdf_hrefs,
                          [(p.name, self.names[p.name], self.ids[p.name], self.labels[p.name]) for p in self.paths])
        reg_tree = _parse(self.register) if self.register else None
        self.reg_head, self.reg_entries = register_entries(reg_tree) if reg_tree is not None else ("", {})
        self.near = neighbours(self.extracts)
        self.keys: dict[str, str] = {}
        for p in self.paths:
            ex = self.extracts[p.name]
            entries = {r: self.reg_entries[r] for r in ex.refs if r in self.reg_entries}
            self.keys[self._page(p)] = _sha(everything, [self.extracts[n].sha for n in self.near[p.name]],
                                            self.reg_head, entries)
        self.keys[MULTI] = _sha(everything, _file_sha(self.register) if self.register else None,
                                _file_sha(self.odd) if self.odd else None,
                                [self.extracts[p.name].corpus_sha for p in self.paths])
        try:
            graph = json.loads(self.graph_path.read_text(encoding="utf-8"))
            self.recorded: dict[str, dict[str, Any]] = graph["pages"]
            self.search_stale = bool(graph.get("search_stale"))
        except (OSError, ValueError, KeyError, TypeError):
            self.recorded, self.search_stale = {}, True

    def page_of(self, path: Path) -> str | None:
        """The reading page of a text file of the edition, None for another file."""
        return self._page(path) if path.name in self.names else None

    def warm(self) -> None:
        """Compile the stylesheets in this thread (Saxon's compilations belong to the thread)."""
        from .publish.html import MULTI_PAGES
        from .publish.saxon import Transformer

        for entry in {"text", *(e for e, _, _ in MULTI_PAGES)}:
            Transformer.get(self.xslt_dir / f"{entry}.xsl")

    def _page(self, path: Path) -> str:
        return f"{self.names[path.name]}.html"

    def _fresh(self, key: str, files: list[str]) -> bool:
        rec = self.recorded.get(key)
        return (bool(rec) and rec.get("key") == self.keys[key]
                and rec.get("files") == {f: _file_sha(self.out_dir / f) for f in files})

    def stale(self) -> list[str]:
        """The pages (and `MULTI`) to make again."""
        out = [self._page(p) for p in self.paths if not self._fresh(self._page(p), self._files(self._page(p)))]
        if not self._fresh(MULTI, self._files(MULTI)):
            out.append(MULTI)
        return out

    def _files(self, key: str) -> list[str]:
        rec = self.recorded.get(key) or {}
        return sorted(rec.get("files", {})) or ([key] if key != MULTI else [])

    # ---- making ----

    def build(self, only: set[str] | None = None) -> SiteBuild:
        """Make the stale pages (of `only`, when given: the others stay stale for the next build)."""
        from .publish.html import ASSETS, _Messages, _write

        report = SiteBuild(self.out_dir)
        todo = [key for key in self.stale() if only is None or key in only]
        by_page = {self._page(p): p for p in self.paths}
        tasks = [self._task(by_page[name]) for name in todo if name != MULTI]
        made: dict[str, tuple[dict[str, str | bytes], list[str]]] = {}
        for page, html, messages in self._render(tasks):
            src = by_page[page]
            made[page] = ({page: html, f"tei/{self.names[src.name]}.xml": self.data[src.name]}, messages)
        if MULTI in todo:
            made[MULTI] = self._multi()
        for key, (files, messages) in made.items():
            for name, body in files.items():
                _write(report, self.out_dir / name, body)  # type: ignore[arg-type]
            self.recorded[key] = {"key": self.keys[key], "messages": messages,
                                  "files": {name: _file_sha(self.out_dir / name) for name in files}}
            report.made.append(key)
        for asset in ASSETS:
            _write(report, self.out_dir / "assets" / asset, (self.xslt_dir / "assets" / asset).read_bytes())
        live = {self._page(p) for p in self.paths} | {MULTI}
        self.recorded = {k: v for k, v in self.recorded.items() if k in live}
        changed = {Path(w).name for w in report.written if w.endswith(".html")}
        # A preview (search off) that changed pages leaves the index stale until a build with search;
        # which pages it changed is not kept, so that build indexes every shard again.
        everything = self.search_stale or not (self.out_dir / "pagefind" / "pagefind.js").exists()
        self.search_stale = self.search_stale or bool(changed)
        if self.index and (self.search_stale or everything):
            from .publish.search_shards import shard_size, update

            others = sorted(f for f in self.recorded.get(MULTI, {}).get("files", {}) if f.endswith(".html"))
            update(self.out_dir, [self._page(p) for p in self.paths], others, changed,
                   shard_size(self.project.settings), everything=everything)
            report.search = True
            self.search_stale = False
        atomic_write(self.graph_path, json.dumps({"comment": "pages of the site and what they were made from; "
                                                  "delete to make every page again",
                                                  "search_stale": self.search_stale,
                                                  "pages": dict(sorted(self.recorded.items()))}, indent=1) + "\n")
        msgs = _Messages()
        report.pages = [self._page(p) for p in self.paths]
        for p in self.paths:
            msgs.add(str(p), self.recorded.get(self._page(p), {}).get("messages", []))
        for name, messages in self.recorded.get(MULTI, {}).get("messages", []):
            msgs.add(name, messages)
            report.pages.append(name)
        report.warnings = msgs.warnings()
        return report

    def _task(self, path: Path) -> PageTask:
        site = tuple((str(self.tei_path(n)), f"{self.names[n]}.html", f"tei/{self.names[n]}.xml",
                      self.pdf_hrefs.get(n, ""), self.labels[n]) for n in self.near[path.name])
        return PageTask(str(path), self._page(path), f"tei/{self.names[path.name]}.xml",
                        self.pdf_hrefs.get(path.name, ""), site)

    def tei_path(self, name: str) -> Path:
        return next(p for p in self.paths if p.name == name)

    def _render(self, tasks: list[PageTask]) -> list[tuple[str, str, list[str]]]:
        reg = str(self.register) if self.register else None
        jobs = _jobs(self.project, len(tasks))
        if jobs <= 1:
            return [render_page(str(self.xslt_dir), self.common, reg, t) for t in tasks]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from .workers import die_with_parent

        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=die_with_parent) as pool:
            args = [(str(self.xslt_dir), self.common, reg, t) for t in tasks]
            return list(pool.map(_render_in_worker, args, chunksize=max(1, len(tasks) // (jobs * 4))))

    def _multi(self) -> tuple[dict[str, str | bytes], list[Any]]:
        """Home, downloads, search, register, encoding, corrections and timeline pages, from the corpus copies."""
        from .publish.html import MULTI_PAGES, TIMELINE_XSL, SiteText, _corpus, _html
        from .publish.saxon import Transformer, xdm_document
        from .publish.timeline import timeline_svg

        texts = []
        for p in self.paths:
            copy = self.extracts[p.name].corpus_path(self.cache_dir)
            data, tree = _load_tei(copy)
            texts.append(SiteText(p, data, tree, self.ids[p.name], f"{self.names[p.name]}.html",
                                  f"tei/{self.names[p.name]}.xml", self.pdf_hrefs.get(p.name, ""), self.labels[p.name]))
        reg_tree = _load_tei(self.register)[1] if self.register else None
        common = dict(self.common)
        if reg_tree is not None:
            common["register"] = xdm_document(reg_tree)
        if self.odd is not None:
            common["odd"] = xdm_document(_load_tei(self.odd)[1])
        corpus = xdm_document(_corpus(texts, reg_tree, "tei/register.xml" if self.register else ""))
        pages = list(MULTI_PAGES)
        timeline_xsl = self.xslt_dir.joinpath(*TIMELINE_XSL).resolve()
        if timeline_xsl.exists() and any(e.has_dates for e in self.extracts.values()):
            copies = [self.extracts[p.name].corpus_path(self.cache_dir) for p in self.paths]
            common["timeline"] = xdm_document(etree.ElementTree(timeline_svg(
                timeline_xsl, copies, texts[0].data.decode("utf-8"))))
            pages.append(("home", "timeline", "timeline.html"))
        files: dict[str, str | bytes] = {}
        messages: list[Any] = []
        for entry, page, name in pages:
            params = dict(common, **{"page-name": name, "page": page})
            result = Transformer.get(self.xslt_dir / f"{entry}.xsl").run(corpus, params=params, source_name=name)
            messages.append((name, result.messages))
            files[name] = _html(result.main)
        if self.register:
            files["tei/register.xml"] = self.register.read_bytes()
        return files, messages


def _parse(path: Path) -> etree._ElementTree:

    return _load_tei(path)[1]


def _page_names(paths: list[Path]) -> dict[str, str]:
    """Page names as the publisher gives them (publish.html._site_texts), without parsing the texts."""
    import re

    from .publish.html import RESERVED

    used: set[str] = set()
    out: dict[str, str] = {}
    for path in paths:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "text"
        name, n = stem, 1
        while name in RESERVED or name in used:
            n += 1
            name = f"{stem}-{n}" if stem not in RESERVED or n > 2 else f"{stem}-text"
        used.add(name)
        out[path.name] = name
    return out


def publish_incremental(project: Project, out_dir: Path | None = None, *, search: bool = True,
                        index: bool = True) -> SiteBuild:
    """The edition's site in output/html/, making again only the pages whose inputs changed.

    `search`: the pages offer search; `index`: run Pagefind now (else the index is marked stale and
    the next build with `index` brings it up to date)."""
    return SiteGraph(project, out_dir, search=search, index=index).build()


def _load_tei(path: Path) -> tuple[bytes, Any]:
    """A TEI document as the publisher reads it (publish.inputs.load_tei): its bytes and its tree."""
    from .publish.inputs import load_tei

    doc = load_tei(Path(path))
    return doc.data, doc.tree
