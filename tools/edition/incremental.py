"""The per-document build graph of the HTML site: which page depends on which texts and register
entries, and which pages a change redoes.

* A text's **reading page** (and its TEI download) depends on the text, on the texts its page looks
  into or that look into it (quotations between texts: `extracts.neighbours`), on the register
  entries it points at (and the register's header), and on what every page depends on (the
  stylesheets, this code, the edition's settings, front matter and events, the names of the texts).
* The **multi-text pages** (home, downloads, search, the register pages, events, encoding,
  corrections, timeline) are made together from the cached corpus copies of `extracts` and the
  register; they are redone when one of those changes, i.e. when an edit touches what they show (a
  mention, a said, a correction, a date, a header, the structure, a paragraph naming an event), not
  for a word changed elsewhere.
* The **search index**: a changed reading page goes into the small delta index, a changed other page
  into the main index (publish/search_shards.py: shards of texts, the delta folded back past its bound).

Pages are rendered by the same functions as the whole-corpus publisher (`publish.html`), with the
same parameters; each page's key (sha256 of all it depends on) and its stylesheet messages are kept
in output/.cache/site-graph.json; a page whose key and file are as recorded is not made again. The
site is updated in a staging copy and swapped in whole (`publish.staging`). Reading pages are made in
a process pool when there are many (`[tool.edition] jobs`, default: the machine's CPUs), the few of an
edit in the worker `edition build` started before its first step (prewarm.py); each worker holds only the
text it renders and its neighbours. A build after an edit writes the same bytes as a
clean build of the same state, and the same as `publish.html.publish_project` (tests/test_incremental.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import prewarm, resources
from .buildstate import FileHashes
from .config import Project
from .extracts import CACHE, neighbours, register_entries
from .multipages import KEYS
from .sitetexts import ensure_copies, load_extracts, page_keys, sha as _sha  # (the keys' one hash)
from .stage import package_dir
from .xmlio import atomic_write

GRAPH = Path(".cache") / "site-graph.json"
POOL_FROM = 6  # reading pages to make before a process pool pays for its start (≈0.5 s a worker)
REGISTER_HREF = "tei/register.xml"


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


def _file_sha(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _jobs(project: Project, todo: int) -> int:
    return min(project.jobs, max(1, todo // 2)) if todo >= POOL_FROM else 1


# ---- rendering one reading page (here or in a worker process) ----

@dataclass(frozen=True)
class Shared:
    """What every page of a build reads besides its texts: the stylesheets, the common parameters, and the
    register, front matter and events documents (paths)."""

    xslt_root: str
    common: dict[str, Any]
    register: str | None
    front: str | None
    events: str | None


@dataclass(frozen=True)
class PageTask:
    source: str  # the text's path
    # (path, name, text id, pdf href, label) of the text and its neighbours, the text first
    site: tuple[tuple[str, str, str, str, str], ...]
    page: bool = True  # make the reading page
    records: bool = False  # make the text's records (publish.records)


_LOCAL = threading.local()  # Saxon documents belong to the thread's processor (publish.saxon)


def _xdm(path: str | None) -> tuple[Any, Any]:
    """A TEI document as an lxml tree and a Saxon document, parsed once per thread (per version)."""
    from .publish.inputs import load_tei
    from .publish.saxon import xdm_document

    if path is None:
        return None, None
    sha = _file_sha(Path(path))
    cache = getattr(_LOCAL, "docs", None)
    if cache is None:
        cache = _LOCAL.docs = {}
    if path not in cache or cache[path][0] != sha:
        tree = load_tei(Path(path)).tree
        cache[path] = (sha, tree, xdm_document(tree))
    return cache[path][1], cache[path][2]


def _common(shared: Shared) -> dict[str, Any]:
    params = dict(shared.common)
    for name, path in (("register", shared.register), ("front", shared.front), ("events", shared.events)):
        if path is not None:
            params[name] = _xdm(path)[1]
    return params


def render_page(shared: Shared, task: PageTask) -> tuple[str, str, list[str], bytes | None]:
    """The reading page of one text and (`task.records`) its register records: (page name, HTML, messages,
    records), the HTML empty without `task.page`. A pure function of its inputs."""
    from .publish.records import text_records
    from .pageids import refuse_reserved
    from .publish.html import SiteText, _corpus, render_reading_page
    from .publish.inputs import load_tei
    from .publish.saxon import Transformer, xdm_document

    texts = []
    problems: list[str] = []
    for path, name, text_id, pdf_href, label in task.site:
        doc = load_tei(Path(path))
        texts.append(SiteText(Path(path), doc.data, doc.tree, text_id, f"{name}.html", f"tei/{name}.xml", pdf_href, label))
        if path == task.source:
            problems = doc.problems
            refuse_reserved(doc.tree, path)  # a TEI id equal to a page's own id would spoof it (publish_input)
    site_xsl = Transformer.get(Path(shared.xslt_root) / "html" / "site.xsl")
    html, messages, records = "", [], None
    if task.page:
        corpus = xdm_document(_corpus(texts, _xdm(shared.register)[0], REGISTER_HREF if shared.register else ""))
        html, messages = render_reading_page(site_xsl, _common(shared), corpus, texts[0])
    if task.records:
        records = text_records(site_xsl, _common(shared), _corpus(texts[:1], None, ""), task.source)
    return texts[0].page, html, [f"problem: {p}" for p in problems] + messages, records


def _render_in_worker(args: tuple[Shared, PageTask]) -> tuple[str, str, list[str], bytes | None]:
    return render_page(*args)


# ---- the graph ----

class SiteGraph:
    """The pages of a project's site, their keys, and what was recorded when they were last made."""

    def __init__(self, project: Project, out_dir: Path | None = None, *, search: bool = True, index: bool = True):
        from .publish.html import common_params, site_names
        from .publish.inputs import load_tei, project_labels
        from .publish.volumes import pdf_hrefs

        self.project = project
        self.out_dir = out_dir or project.output_dir / "html"
        self.cache_dir = project.output_dir / CACHE
        self.graph_path = project.output_dir / GRAPH
        self.index = index and search  # Pagefind runs (off in the preview: the index then waits, marked stale)
        self.xslt_root = resources.xslt_root(project.root)
        self.paths = project.text_paths()
        self.register = project.register_path()
        odd = resources.schema_dir(project.root) / "edition.odd"
        self.odd = odd if odd.exists() else None
        front, events = project.editorial_dir / "front.xml", project.editorial_dir / "events.xml"
        self.front = front if front.exists() else None
        self.events = events if events.exists() else None
        self.names = dict(zip((p.name for p in self.paths), site_names(self.paths)))
        labels = project_labels(project)
        self.labels = {p.name: labels.get(p.name, "") for p in self.paths}
        self.pdf_hrefs = pdf_hrefs(project, self.paths) if project.wants_step("pdf") else {}
        # Unchanged files are not read (their sha256 by size, mtime and inode), nor their extracts' files.
        self.hashes = FileHashes(project.output_dir)  # the build state's
        self.by_name = {p.name: p for p in self.paths}
        self.extracts = load_extracts(project.output_dir, self.cache_dir, self.paths, self.hashes)
        self.copies_ready = False  # (`ensure_copies`)
        self.ids = {p.name: self.extracts[p.name].root_id or self.names[p.name] for p in self.paths}
        self.timeline_xsl = self.xslt_root / "timeline" / "timeline.xsl"
        from .publish.timeline import too_many_texts

        self.timeline = self.timeline_xsl.exists() and any(e.has_dates for e in self.extracts.values())
        self.no_timeline = too_many_texts(len(self.paths)) if self.timeline else ""  # the warning, if too many texts
        self.timeline = self.timeline and not self.no_timeline
        first = self.extracts[self.paths[0].name].title if self.paths else ""
        common = common_params(project.edition, first, len(self.paths), search=search, timeline_page=self.timeline)
        self.shared = Shared(str(self.xslt_root), common, *(str(p) if p else None for p in
                                                            (self.register, self.front, self.events)))
        code = package_dir()
        everything = _sha(self.hashes.tree([self.xslt_root / k for k in ("common", "html", "timeline")], self.xslt_root),
                          self.hashes.tree([code], code.parent), common, self.pdf_hrefs,
                          self._sha(self.front), self._sha(self.events),
                          [(p.name, self.names[p.name], self.ids[p.name], self.labels[p.name]) for p in self.paths])
        reg_tree = load_tei(self.register).tree if self.register else None
        self.reg_head, self.reg_entries = register_entries(reg_tree) if reg_tree is not None else ("", {})
        self.near = neighbours(self.extracts)
        self.keys: dict[str, str] = page_keys(project.output_dir, everything, self.extracts, self.near,
                                              {p.name: self._page(p) for p in self.paths}, self.reg_head,
                                              self.reg_entries)  # (sitetexts: kept while they hold)
        self.everything = everything
        from .multipages import static_keys
        from .publish.records import entity_kinds
        from .recordstore import RecordStore

        self.keys.update(static_keys(self))
        self.entity_kinds = entity_kinds(reg_tree)  # register id → its page's kind, in the register's order
        # a text's records depend on it, its names in the site, the front matter and events, the code
        style = _sha(self.hashes.tree([self.xslt_root / k for k in ("common", "html")], self.xslt_root),
                     self.hashes.tree([code], code.parent), self._sha(self.front), self._sha(self.events))
        self.rec_keys = {p.name: _sha(style, self.extracts[p.name].sha, self.names[p.name], self.ids[p.name],
                                      self.pdf_hrefs.get(p.name, ""), self.labels[p.name]) for p in self.paths}
        self.store = RecordStore(self.cache_dir.parent / "records.sqlite")
        self.records_ready = False  # the keys of the pages made from records (`_ensure_records`)
        self.mention_pages: dict[str, Any] = {}  # page of mentions → (register id, its part, all its parts)
        self.reg_first: dict[str, list[str]] = {}
        self.reg_totals: dict[str, tuple[int, int]] = {}
        self.corrections = 0
        try:
            graph = json.loads(self.graph_path.read_text(encoding="utf-8"))
            self.recorded: dict[str, dict[str, Any]] = graph["pages"]
            self.search_stale = bool(graph.get("search_stale"))
        except (OSError, ValueError, KeyError, TypeError):
            self.recorded, self.search_stale = {}, True

    def _sha(self, path: Path | None) -> str | None:
        return self.hashes.sha(path) if path is not None else None

    def ensure_copies(self) -> None:
        """The texts' corpus and header copies, before the pages over all texts read them (made again if gone)."""
        if not self.copies_ready:
            ensure_copies(self.cache_dir, self.paths, self.extracts)
            self.copies_ready = True

    def page_of(self, path: Path) -> str | None:
        """The reading page of a text file of the edition, None for another file."""
        return self._page(path) if path.name in self.names else None

    def warm(self) -> None:
        """Compile the site's stylesheet in this thread (Saxon's compilations belong to the thread)."""
        from .publish.saxon import Transformer

        Transformer.get(self.xslt_root / "html" / "site.xsl")

    def _page(self, path: Path) -> str:
        return f"{self.names[path.name]}.html"

    def _fresh(self, key: str, files: list[str], site: Path) -> bool:
        rec = self.recorded.get(key)
        return (bool(rec) and rec.get("key") == self.keys[key]
                and rec.get("files") == {f: self._site_sha(site, f) for f in files})

    def _site_sha(self, site: Path, name: str) -> str | None:
        """sha256 of a file of the site (or of its staging copy, whose files are hard links of the site's): the build
        state's while the file's size, mtime and inode are those recorded for the site's file."""
        return self.hashes.sha(os.path.join(site, name), key=os.path.join(self.out_dir, name))

    def stale(self, site: Path | None = None) -> list[str]:
        """The pages (and the keys of multipages.KEYS) to make again (making the texts' missing records)."""
        site = site or self.out_dir
        self._ensure_records()
        return self._stale_pages(site) + self._stale_records(site)

    def _stale_pages(self, site: Path) -> list[str]:
        """The reading pages and the pages made from copies to make again."""
        out = [self._page(p) for p in self.paths if not self._fresh(self._page(p), self._files(self._page(p)), site)]
        return out + [k for k in KEYS if k in self.keys and not self._fresh(k, self._files(k), site)]

    def _stale_records(self, site: Path) -> list[str]:
        """The pages made from records to make again (once `_ensure_records` ran)."""
        from .multipages import record_keys

        keys = record_keys(self)
        self.keys.update(keys)
        return [k for k in keys if not self._fresh(k, self._files(k), site)]

    def _files(self, key: str) -> list[str]:
        rec = self.recorded.get(key) or {}
        return sorted(rec.get("files", {})) or ([key] if key not in KEYS else [])

    # ---- the texts' records (publish.records) ----

    def _store_records(self, made: dict[str, bytes]) -> None:
        from .publish.records import parse_items

        for name, data in made.items():
            self.store.put(name, self.rec_keys[name], parse_items(data))

    def _ensure_records(self) -> None:
        """Make the records of the texts that have none for their present version."""
        if self.records_ready:
            return
        stored = self.store.keys()
        missing = [p for p in self.paths if stored.get(p.name) != self.rec_keys[p.name]]
        if missing:
            by_page = {self._page(p): p.name for p in missing}
            for page, _, _, data in self._render([self._task(p, page=False) for p in missing]):
                if data is not None:
                    self._store_records({by_page[page]: data})
        self.store.prune({p.name for p in self.paths})
        self.records_ready = True

    # ---- making ----

    def build(self, only: set[str] | None = None) -> SiteBuild:
        """Make the stale pages (of `only`, when given: the others stay stale for the next build), in a
        staging copy of the site swapped in whole when every page and the search index are done."""
        from .pageids import refuse_reserved
        from .publish.inputs import load_tei
        from .publish.staging import staged_directory

        if self.register is not None:  # a TEI id equal to a page's own id would spoof it (each text: render_page)
            refuse_reserved(load_tei(self.register).tree, str(self.register))
        from .publish.search_shards import plan, shard_size

        shards = tuple(plan([self._page(p) for p in self.paths], [], shard_size(self.project.settings)))
        with staged_directory(self.out_dir, keep=("pdf",), carry=shards, previous=True) as stage:
            report = self._build_into(stage, only)
        report.out_dir = self.out_dir
        report.written = [str(self.out_dir / Path(w).relative_to(stage)) for w in report.written]
        return report

    def _build_into(self, site: Path, only: set[str] | None) -> SiteBuild:
        from .publish.html import ASSETS, _Messages, _write

        from .publish.inputs import check_publish_size

        report = SiteBuild(site)
        todo = [key for key in self._stale_pages(site) if only is None or key in only]
        by_page = {self._page(p): p for p in self.paths}
        stored = self.store.keys()
        tasks = [self._task(by_page[name], records=stored.get(by_page[name].name) != self.rec_keys[by_page[name].name])
                 for name in todo if name not in KEYS]
        shared = [p for p in (self.register, self.front, self.events) if p is not None]
        for task in tasks:  # the memory limits (publish.inputs.PUBLISH_LIMITS), before anything is made
            check_publish_size([Path(t[0]) for t in task.site] + shared, "html")
        if set(todo) & set(KEYS):  # the pages over all texts read the texts' copies (the timeline its corpus copies)
            self.ensure_copies()
            copies = [(ex.corpus_path(self.cache_dir) if self.timeline else ex.head_path(self.cache_dir))
                      for ex in (self.extracts[p.name] for p in self.paths)]
            check_publish_size(copies + shared + ([self.odd] if self.odd else []), "site pages")
        def keep(key: str, files: dict[str, str | bytes], messages: list[Any]) -> None:
            """Write a page's files into the staging site and record them (as each is made: the pages of a
            large edition are never all in memory at once)."""
            for name, body in files.items():
                _write(report, site / name, body)  # type: ignore[arg-type]
            self.recorded[key] = {"key": self.keys[key], "messages": messages,
                                  "files": {name: self._site_sha(site, name) for name in files}}
            report.made.append(key)

        for page, html, messages, data in self._render(tasks):
            src = by_page[page]
            keep(page, {page: html, f"tei/{self.names[src.name]}.xml": src.read_bytes()}, messages)
            if data is not None:
                self._store_records({src.name: data})
        from . import multipages

        for key, (files, messages) in multipages.make(self, [k for k in todo if k in KEYS]).items():
            keep(key, files, messages)
        if only is None:  # the pages made from records wait for a whole build (`only`: the preview's first pass)
            self._ensure_records()
            for key, (files, messages) in multipages.make(self, self._stale_records(site)).items():
                keep(key, files, messages)
        for asset in ASSETS:
            _write(report, site / "assets" / asset, (self.xslt_root / "html" / "assets" / asset).read_bytes())
        from .publish.records import MENTIONS_PREFIX

        live = {self._page(p) for p in self.paths} | {k for k in self.keys if k in KEYS}
        if only is not None:  # the pages made from records were not looked at
            live |= {k for k in self.recorded if k in KEYS or k.startswith(MENTIONS_PREFIX)}
        live |= set(self.mention_pages)
        for gone in set(self.recorded) - live:  # a text taken out of the edition: its page and download go
            for name in self.recorded.pop(gone).get("files", {}):
                (site / name).unlink(missing_ok=True)
        changed = {Path(w).name for w in report.written if w.endswith(".html")}
        # A preview (index off) that changed pages leaves the index stale until a build with search;
        # which pages it changed is not kept, so that build indexes every shard again.
        everything = self.search_stale or not (self.out_dir / "pagefind" / "pagefind.js").exists()
        self.search_stale = self.search_stale or bool(changed)
        if self.index and self.search_stale:
            from .publish.search_shards import delta_bound, shard_size, update

            others = sorted(f for key in KEYS for f in self.recorded.get(key, {}).get("files", {})
                            if f.endswith(".html"))
            update(site, [self._page(p) for p in self.paths], others, changed,
                   shard_size(self.project.settings), everything=everything,
                   workdir=self.project.output_dir / ".cache" / "search", live=self.out_dir,
                   delta=delta_bound(self.project.settings))
            report.search = True
            self.search_stale = False
        write_graph(self.graph_path, self.search_stale, self.recorded)
        msgs = _Messages()
        problems: list[str] = []
        report.pages = [self._page(p) for p in self.paths]
        reading = set(report.pages)
        for p in self.paths:
            messages = self.recorded.get(self._page(p), {}).get("messages", [])
            problems += [m[len("problem: "):] for m in messages if m.startswith("problem: ")]
            msgs.add(str(p), [m for m in messages if not m.startswith("problem: ")])
        for key in sorted(k for k in self.recorded if k not in reading):
            for name, messages in self.recorded[key].get("messages", []):
                msgs.add(name, messages)
                report.pages.append(name)
        report.warnings = problems + msgs.warnings() + ([self.no_timeline] if self.no_timeline else [])
        return report

    def _task(self, path: Path, *, page: bool = True, records: bool = False) -> PageTask:
        """Make a text's reading page (with its neighbours) and/or its register records (the text alone)."""
        near = self.near[path.name] if page else [path.name]
        site = tuple((str(self.tei_path(n)), self.names[n], self.ids[n], self.pdf_hrefs.get(n, ""), self.labels[n])
                     for n in near)
        return PageTask(str(path), site, page=page, records=records or not page)

    def tei_path(self, name: str) -> Path:
        return self.by_name[name]

    def _render(self, tasks: list[PageTask]) -> Iterator[tuple[str, str, list[str], bytes | None]]:
        """The tasks' results, in order, each as it is made: in the build's warm worker (prewarm.py) or here when
        they are few, in a process pool when there are many."""
        jobs = _jobs(self.project, len(tasks))
        warm = prewarm.worker(self.project) if tasks and jobs <= 1 else None
        if warm is not None:  # the build started it before its first step (prewarm.py)
            from concurrent.futures.process import BrokenProcessPool

            made = 0
            try:
                for result in warm.pool.map(_render_in_worker, [(self.shared, t) for t in tasks]):
                    made += 1
                    warm.pages += 1
                    yield result
                return
            except BrokenProcessPool:  # the worker died (killed, out of memory): the pages it did not make, here
                tasks = tasks[made:]
        if jobs <= 1:
            yield from (render_page(self.shared, t) for t in tasks)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from .workers import die_with_parent

        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=die_with_parent) as pool:
            args = [(self.shared, t) for t in tasks]
            yield from pool.map(_render_in_worker, args, chunksize=max(1, min(8, len(tasks) // (jobs * 4))))


def write_graph(path: Path, search_stale: bool, recorded: dict[str, dict[str, Any]]) -> None:
    """The site graph's file: the pages as recorded (`SiteGraph.recorded`), in one json.dumps (two per page cost
    0.1 s at N = 2,000)."""
    atomic_write(path, '{"comment": "pages of the site and what they were made from; delete to make every page '
                 f'again",\n "search_stale": {json.dumps(search_stale)},\n "pages": {json.dumps(dict(sorted(recorded.items())))}\n}}\n')


def publish_incremental(project: Project, out_dir: Path | None = None, *, search: bool = True,
                        index: bool = True) -> SiteBuild:
    """The edition's site in output/html/, making again only the pages whose inputs changed.

    `search`: the pages offer search; `index`: run Pagefind now (else the index is marked stale and
    the next build with `index` brings it up to date)."""
    return SiteGraph(project, out_dir, search=search, index=index).build()
