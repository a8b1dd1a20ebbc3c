"""The publishing stages of `edition build`: the HTML reading edition and the print (PDF) edition.

Both only read the TEI and write an output directory of their own, so a build with `--jobs` > 1
runs them at once, each in a process of its own.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from pathlib import Path

from ..config import Project
from ..stage import Report, Stage, common_inputs


def run_html(project: Project) -> Report:
    """The site, page by page: only the pages whose texts or register entries changed are made again
    (the per-document build graph of incremental.py)."""
    from ..incremental import publish_incremental

    site = publish_incremental(project)
    report = Report("html", [site.summary()])
    for warning in site.warnings:
        report.warn(warning)
    return report


def prepare_html(project: Project) -> AbstractContextManager[None]:
    """A worker that compiles the site's stylesheet while the steps before html run (prewarm.py)."""
    from ..prewarm import warm_worker

    return warm_worker(project)


def run_html_documents(project: Project, paths: list[Path]) -> Report:
    """The reading pages of the texts `paths` only, if their inputs changed (the build graph decides);
    the pages that depend on them otherwise (quoting texts, multi-text pages) stay stale for the next
    run, and the search index for the next build: the preview's first step after a save."""
    from ..incremental import SiteGraph

    graph = SiteGraph(project, index=False)
    site = graph.build(only={page for page in map(graph.page_of, paths) if page})
    report = Report("html", [site.summary(), *(f"made {page}" for page in site.made)])
    for warning in site.warnings:
        report.warn(warning)
    return report


def run_pdf(project: Project) -> Report:
    """The edition's book in output/pdf/edition.pdf, also offered as a download of the site."""
    from ..xmlio import atomic_write
    from .pdf import configured_page_size, edition_sources, publish
    from .staging import site_lock
    from .volumes import pdf_hrefs, publish_volumes

    hrefs = pdf_hrefs(project, edition_sources(project)[0])
    if set(hrefs.values()) == {"pdf/edition.pdf"}:  # one book: [tool.edition] pdf_volumes = "one" (default)
        report = publish(project, [], page_size=configured_page_size(project))
    else:
        report = publish_volumes(project, configured_page_size(project))
    for href in sorted(set(hrefs.values())):
        book = project.output_dir / href
        if book.exists():
            with site_lock(project.output_dir / "html"):  # the html stage may be swapping the site in
                atomic_write(project.output_dir / "html" / href, book.read_bytes())
    return report


def _site_outputs(project: Project) -> list[str]:
    """What the html stage wrote: output/html/ but for pdf/, where the pdf stage puts the book. Of a search
    index (pagefind/, and pagefind-N/ in shards) only its entry file counts: an index holds a file per
    passage (tens of thousands in a large edition), which a build that finds nothing to do should not
    read; the entry file changes whenever the index does, and its loss is noticed. As names, not Paths: a site
    of 2,000 texts has ≈ 5,000 entries, and made into Paths and back they cost a build that finds nothing to do
    20 ms (bench/RESULTS.md, round 10)."""
    site = os.fspath(project.output_dir / "html")
    try:
        names = sorted(n for n in os.listdir(site) if n != "pdf" and not n.startswith("."))
    except OSError:  # not made yet (or not a directory): that is what the step produced last
        return [site]
    base = os.path.join(site, "")
    return [base + n + "/pagefind-entry.json" if n == "pagefind" or n.startswith("pagefind-") else base + n
            for n in names]


def _xslt(project: Project, *kinds: str) -> list[Path]:
    root = project.xslt_root()  # the project's own complete xslt/, else the packaged one; never a mix
    return [root / kind for kind in kinds]


HTML = Stage("html", "the HTML reading edition with its search index (output/html/)", run_html,
             depends=lambda p: (common_inputs(p, *_xslt(p, "common", "html", "timeline"), p.schema_dir()),
                                _site_outputs(p)),
             concurrent=True, documents=run_html_documents, prepare=prepare_html)
PDF = Stage("pdf", "the print edition (output/pdf/edition.pdf)", run_pdf,
            depends=lambda p: (common_inputs(p, *_xslt(p, "common", "print", "timeline")), [p.output_dir / "pdf"]),
            concurrent=True)
