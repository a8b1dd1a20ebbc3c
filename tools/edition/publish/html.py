"""`edition html`: publish TEI P5 as a static reading edition through the XSLT 3.0 stylesheets.

The stylesheets in `xslt/html/` do all the rendering; this module only gathers the inputs, runs one
compiled entry stylesheet per page type (saxonche, `publish.saxon`), writes the pages atomically,
copies the assets and the TEI downloads, and builds the Pagefind search index.

Pages: index.html (home), one reading page per text, persons/places/organisations.html and
register.html (register), encoding.html, corrections.html, downloads.html, search.html, and
timeline.html (the SVG chart of `xslt/timeline/chart.xsl`, drawn inline by the site's own stylesheet) when
the stylesheet tree has a timeline and the texts hold dates.
The site corpus is a small wrapper (namespace `urn:x-edition:site`) holding each text's TEI with its
file, page and download names and short label, and the register; the multi-text pages take it as
input, the reading pages as the parameter `site` (for the links between the texts: a quotation's
source paragraph, the quotations of a paragraph).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..config import Project
from ..errors import EditionError
from .. import resources
from ..xmlio import TEI_NS, atomic_write, read_xml_bytes
from .inputs import (CorpusText, PublishInput, TextInput, assemble, check_publish_size, load_tei,
                     project_input, site_corpus)
from .records import MENTIONS_PREFIX, parse_items, text_records
from .records import render_all as render_from_records
from .search import build_index
from ..pageids import rename_reserved
from .staging import staged_directory
from .timeline import WEB_PARAMS, too_many_texts
from .saxon import Transformer, xdm_document

ASSETS = ("edition.css", "edition.js", "favicon.svg")
# Page names the site itself uses; a text whose file is named so gets a suffix.
RESERVED = {"index", "register", "persons", "places", "organisations", "encoding", "corrections", "downloads", "search",
            "timeline", "events"}
MULTI_PAGES: tuple[tuple[str, str, str], ...] = (
    # (entry stylesheet, $page, output file)
    ("home", "downloads", "downloads.html"),
    ("home", "search", "search.html"),
    ("encoding", "", "encoding.html"),
)


def __getattr__(name: str) -> Any:
    """`XSLT_DIR`, for older callers: resolved when read, from the working directory then."""
    if name == "XSLT_DIR":
        return resources.xslt_dir("html")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class SiteText:
    """One input document and the names it gets in the site."""

    source: Path
    data: bytes
    tree: etree._ElementTree
    text_id: str
    page: str  # e.g. "from-bucharest-to-moscow.html"
    tei_href: str  # e.g. "tei/from-bucharest-to-moscow.xml"
    pdf_href: str  # the PDF offered for download ("pdf/edition.pdf"), or "" for none
    label: str = ""  # short name in cross-references ("memoir"); empty: the title


@dataclass
class Report:
    """What a publication did: files written (changed), pages made, warnings."""

    out_dir: Path
    pages: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"html: {len(self.pages)} pages in {self.out_dir} ({len(self.written)} files changed)"


def _site_texts(texts: list[TextInput], pdf_href: str) -> list[SiteText]:
    """The site's names of each text: its page, its TEI download (`site_names`)."""
    names = site_names([t.path for t in texts])
    return [SiteText(t.path, t.data, t.tree, t.text_id or name, f"{name}.html", f"tei/{name}.xml", pdf_href, t.label)
            for t, name in zip(texts, names)]


def _corpus(texts: list[SiteText], register: etree._ElementTree | None, register_href: str) -> str:
    """The site corpus (`inputs.site_corpus`) of the site's texts, with their pages' names."""
    return site_corpus([CorpusText(t.source.name, t.text_id, t.tree.getroot(), t.label, t.page, t.tei_href, t.pdf_href)
                        for t in texts], register, register_href)


def _title_of(tree: etree._ElementTree) -> str:
    titles = tree.getroot().xpath("./tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces={"tei": TEI_NS})
    return " ".join("".join(titles[0].itertext()).split()) if titles else "TEI document"


class _Messages:
    """Collects xsl:message output as user-facing warnings, counting repeated unknown and suppressed elements
    (one warning per element name and page)."""

    def __init__(self) -> None:
        self.unknown: Counter[tuple[str, str]] = Counter()
        self.suppressed: Counter[tuple[str, str, str]] = Counter()
        self.other: list[str] = []

    def add(self, source: str, messages: list[str]) -> None:
        for m in messages:
            m = m.strip()
            hit = re.match(r"unhandled-element: (\S+)", m)
            gone = re.match(r"suppressed-element: (\S+): (.*)", m, re.S)
            if hit:
                self.unknown[(source, hit.group(1))] += 1
            elif gone:
                self.suppressed[(source, gone.group(1), gone.group(2))] += 1
            else:
                self.other.append(f"{source}: {re.sub(r'^(unsafe-link|unresolved-ref|xinclude): ', '', m)}")

    def warnings(self) -> list[str]:
        out = [
            f"{src}: element <{name}> has no template; rendered as plain text ({n}×)"
            for (src, name), n in sorted(self.unknown.items())
        ]
        out += [
            f"{src}: element <{name}> not rendered: {reason} ({n}×)"
            for (src, name, reason), n in sorted(self.suppressed.items())
        ]
        return out + list(dict.fromkeys(self.other))


def _write(report: Report, path: Path, data: bytes | str) -> None:
    data = data.encode("utf-8") if isinstance(data, str) else data
    try:
        same = path.read_bytes() == data
    except OSError:
        same = False
    if not same:
        atomic_write(path, data)
        report.written.append(str(path))


_HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")([^"]*)(")')


def search_lang(tag: str) -> str:
    """A language tag Pagefind can take: language[-script][-region] of a BCP 47 tag (variants,
    extensions and private use dropped; Pagefind panics on long tags), or "und"."""
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts or not re.fullmatch(r"[A-Za-z]{2,8}", parts[0]) or parts[0].lower() in ("x", "i"):
        return "und"
    keep = [parts[0].lower()]
    for p in parts[1:3]:
        if re.fullmatch(r"[A-Za-z]{4}", p) and len(keep) == 1:
            keep.append(p.title())
        elif re.fullmatch(r"[A-Za-z]{2}|\d{3}", p):
            keep.append(p.upper())
            break
        else:
            break
    return "-".join(keep)


def _html(text: str) -> str:
    """Final touches on serialised HTML: the standard doctype spelling, a final newline, and the
    page's language tag as Pagefind can take it (see `search_lang`)."""
    text = text.replace("<!DOCTYPE HTML>", "<!DOCTYPE html>", 1)
    text = _HTML_LANG.sub(lambda m: m.group(1) + search_lang(m.group(2)) + m.group(3), text, count=1)
    return text if text.endswith("\n") else text + "\n"


def run_pagefind(out_dir: Path, passage_pages: list[str] | None = None, *, workdir: Path | None = None) -> None:
    """Build the Pagefind index of the site into DIR/pagefind: the reading pages passage by passage
    (`publish.search`), the other pages whole; built beside the site and swapped in whole."""
    build_index(out_dir, passage_pages or [], workdir=workdir)
    atomic_write(out_dir / "pagefind" / "shards.json", '{"shards": []}\n')  # one index, nothing to merge (search_shards.py)


def publish(
    inputs: list[Path],
    out_dir: Path,
    *,
    register: Path | None = None,
    odd: Path | None = None,
    edition: dict[str, Any] | None = None,
    search: bool = True,
    xslt_dir: Path | None = None,
    labels: dict[str, str] | None = None,
    pdf_href: str = "",
    front: Path | None = None,
    strict: bool = False,
    events: Path | None = None,
) -> Report:
    """Publish TEI documents (and an optional register and ODD) as a static site in `out_dir`.

    `labels`: the texts' short names in cross-references, by TEI xml:id or by file name.
    `pdf_href`: the site-relative address of the print edition offered as each text's PDF
    download (the edition's build puts its one book at pdf/edition.pdf); empty: no PDF link.
    `front`: the edition's front matter (editorial/front.xml: introduction, sources, principles,
    responsibility), a TEI document; without it the pages fall back on the texts' headers.
    `events`: the edition's register of events (editorial/events.xml, TEI standOff/listEvent): events.html and
    the event notes beside the paragraphs that name an event.
    `xslt_dir`: the HTML stylesheets (xslt/html/ of a stylesheet tree); default: those of the working
    directory's project, resolved now (`resources.xslt_root`).
    `strict`: refuse input with validity problems (a duplicate xml:id) instead of warning.
    """
    check_publish_size([*inputs, *(p for p in (register, odd, front, events) if p is not None)], "html")
    pub = assemble(inputs, register=register, odd=odd, xslt_root=xslt_dir.parent if xslt_dir else None, strict=strict)
    for t in pub.texts:
        t.label = (labels or {}).get(t.text_id) or (labels or {}).get(t.path.name, "")
    return publish_input(pub, out_dir, edition=edition, search=search, pdf_href=pdf_href, front=front, strict=strict,
                         events=events)


def publish_input(pub: PublishInput, out_dir: Path, **options: Any) -> Report:
    """Publish an assembled input atomically (see `staging.py`): the site is made in a staging copy of
    `out_dir` and swapped in whole only when every page and the search index are done; on any failure
    the previous site stays as it was. Options: those of `_publish_into`."""
    docs = [*pub.texts, *([pub.register] if pub.register else [])]
    # a TEI id equal to a page's own id would spoof it: published under another id, with a warning (or refused)
    renamed = rename_reserved([(doc.tree, str(doc.path)) for doc in docs])
    if options.get("strict") and any(renamed):
        raise EditionError("\n".join([r.refusal() for rs in renamed for r in rs]
                                     + ["(--strict: nothing is published; without it such ids are renamed)"]))
    for doc, renames in zip(docs, renamed):
        doc.problems += [r.warning() for r in renames]
    with staged_directory(out_dir, keep=("pdf",)) as stage:
        report = _publish_into(pub, stage, **options)
    report.out_dir = out_dir
    report.written = [str(out_dir / Path(w).relative_to(stage)) for w in report.written]
    return report


def site_names(paths: list[Path]) -> list[str]:
    """The site's name of each text, in order: its page is NAME.html, its TEI download tei/NAME.xml
    (file names made safe and unique, never one of the site's own page names)."""
    out: list[str] = []
    used: set[str] = set()
    for path in paths:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "text"
        if stem.startswith(MENTIONS_PREFIX):  # the register's pages of mentions (mentions-ID.html)
            stem = "text-" + stem
        name, n = stem, 1
        while name in RESERVED or name in used:
            n += 1
            name = f"{stem}-{n}" if stem not in RESERVED or n > 2 else f"{stem}-text"
        used.add(name)
        out.append(name)
    return out


def common_params(edition: dict[str, Any] | None, first_title: str, n_texts: int, *, search: bool,
                  timeline_page: bool) -> dict[str, Any]:
    """The stylesheet parameters every page of the site shares (besides the register, front matter and
    events documents)."""
    edition = edition or {}
    title = edition.get("title") or (first_title if n_texts == 1 else "TEI documents")
    base_url = str(edition.get("base_url", ""))
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    return {
        "edition-title": str(title),
        "edition-short-title": str(edition.get("short_title") or title),
        "base-url": base_url,
        "search": search,
        "timeline-page": timeline_page,
    }


def render_reading_page(site_xsl: Transformer, common: dict[str, Any], corpus: Any, t: SiteText) -> tuple[str, list[str]]:
    """One text's reading page (`corpus`: the site corpus as a Saxon document, holding at least the texts
    this one points into or is quoted by): its HTML and the stylesheet's messages."""
    params = dict(common, **{"entry": "text", "page-name": t.page, "tei-href": t.tei_href, "pdf-href": t.pdf_href,
                             "site": corpus})
    result = site_xsl.run(t.tree, params=params, source_name=str(t.source))
    return _html(result.main), result.messages


TIMELINE_PAGE = ("home", "timeline", "timeline.html")


def multi_pages(*, timeline: bool) -> list[tuple[str, str, str]]:
    """(entry, $page, output file) of the pages made from the texts' headers (and the timeline from their dates);
    the register, home, corrections and events pages are made from the texts' records (`publish.records`)."""
    return [*MULTI_PAGES, *([TIMELINE_PAGE] if timeline else [])]


def render_multi_page(site_xsl: Transformer, common: dict[str, Any], corpus: Any, page: tuple[str, str, str]) -> tuple[str, list[str]]:
    """A page made from the site corpus; the timeline page draws its chart (xslt/timeline/chart.xsl, web variant:
    `WEB_PARAMS`, the events labelled) in the same transformation."""
    entry, kind, name = page
    params = dict(common, **{"entry": entry, "page-name": name, "page": kind})
    if page == TIMELINE_PAGE:
        params.update(WEB_PARAMS)
    result = site_xsl.run(corpus, params=params, source_name=name)
    return _html(result.main), result.messages


def has_dates(tree: etree._ElementTree) -> bool:
    """The text holds a date (the site then has a timeline page)."""
    return bool(tree.getroot().xpath("boolean(.//tei:text//tei:date)", namespaces={"tei": TEI_NS}))


def _publish_into(pub: PublishInput, out_dir: Path, *, edition: dict[str, Any] | None = None, search: bool = True,
                  pdf_href: str = "", front: Path | None = None, strict: bool = False,
                  events: Path | None = None) -> Report:
    """Publish an assembled input (`publish.inputs`) as a static site in `out_dir`; `strict`: refuse (write
    nothing) when a page meets an element without a rule."""
    xslt_dir = pub.xslt("html")
    texts = _site_texts(pub.texts, pdf_href)
    reg_tree = pub.register.tree if pub.register else None
    odd_tree = pub.odd.tree if pub.odd else None
    register = pub.register.path if pub.register else None
    timeline_xsl = pub.xslt("timeline") / "timeline.xsl"
    timeline = timeline_xsl.exists() and any(has_dates(t.tree) for t in texts)
    too_many = too_many_texts(len(texts)) if timeline else ""
    timeline = timeline and not too_many
    common = common_params(edition, _title_of(texts[0].tree), len(texts), search=search, timeline_page=timeline)
    if reg_tree is not None:
        common["register"] = xdm_document(reg_tree)
    if front is not None:
        common["front"] = xdm_document(load_tei(front).tree)
    if events is not None:
        common["events"] = xdm_document(load_tei(events).tree)
    report = Report(out_dir)
    msgs = _Messages()
    pending: list[tuple[Path, bytes | str]] = []  # written once every page is made (nothing, under --strict, if one fails)

    register_href = "tei/register.xml"
    corpus = xdm_document(_corpus(texts, reg_tree, register_href if register else ""))
    site_xsl = Transformer.get(xslt_dir / "site.xsl")  # every page: one compilation per process
    for t in texts:
        html, messages = render_reading_page(site_xsl, common, corpus, t)
        msgs.add(str(t.source), messages)
        pending += [(out_dir / t.page, html), (out_dir / t.tei_href, t.data)]
        report.pages.append(t.page)

    if odd_tree is not None:
        common["odd"] = xdm_document(odd_tree)
    for page in multi_pages(timeline=timeline):
        html, messages = render_multi_page(site_xsl, common, corpus, page)
        msgs.add(page[2], messages)
        pending.append((out_dir / page[2], html))
        report.pages.append(page[2])
    # this run's records serve this run's register alone: the items of ids it has no entry for are not made
    rec_params = dict(common, **{"records-all-refs": False})
    records = [(t.source.name, parse_items(text_records(site_xsl, rec_params, _corpus([t], None, ""), str(t.source))))
               for t in texts]
    for name, html, messages in render_from_records(site_xsl, common, corpus, reg_tree, records, events=events is not None):
        msgs.add(name, messages)
        pending.append((out_dir / name, html))
        report.pages.append(name)
    if strict and msgs.unknown:
        raise EditionError("\n".join([*msgs.warnings()[:len(msgs.unknown)],
                                      "(--strict: not published; without it unknown elements are kept as plain text)"]))
    for path, data in pending:
        _write(report, path, data)
    if register:
        _write(report, out_dir / register_href, read_xml_bytes(register))
    for asset in ASSETS:
        _write(report, out_dir / "assets" / asset, (xslt_dir / "assets" / asset).read_bytes())
    # Pagefind's index is not byte-stable between runs: rebuild it only when a page changed.
    pages_changed = any(w.endswith(".html") for w in report.written)
    if search and (pages_changed or not (out_dir / "pagefind" / "pagefind.js").exists()):
        run_pagefind(out_dir, [t.page for t in texts])
    report.warnings = pub.problems + msgs.warnings() + ([too_many] if too_many else [])
    return report


def publish_project(project: Project, out_dir: Path | None = None, *, search: bool = True, strict: bool = False) -> Report:
    """Publish the edition's texts (editorial/texts.toml), register and ODD into output/html/."""
    front = project.editorial_dir / "front.xml"
    events = project.editorial_dir / "events.xml"
    odd = resources.schema_dir(project.root) / "edition.odd"
    check_publish_size([*project.text_paths(), *(p for p in (project.register_path(), odd, front, events)
                                                 if p is not None and p.exists())], "html")
    return publish_input(
        project_input(project, strict=strict),
        out_dir or project.output_dir / "html",
        edition=project.edition,
        search=search,
        pdf_href="pdf/edition.pdf" if project.wants_step("pdf") else "",
        front=front if front.exists() else None,
        strict=strict,
        events=events if events.exists() else None,
    )


def publish_files(project: Project, files: list[Path], out_dir: Path | None = None, *,
                  register: Path | None = None, title: str | None = None, search: bool = True,
                  strict: bool = False) -> Report:
    """Any TEI P5 documents (not the edition's texts) as a site in `out_dir` (default output/html)."""
    return publish(
        files,
        out_dir or project.output_dir / "html",
        register=register,
        edition={"title": title} if title else None,
        search=search,
        xslt_dir=project.xslt_dir("html"),
        strict=strict,
    )
