"""`edition html`: publish TEI P5 as a static reading edition through the XSLT 3.0 stylesheets.

The stylesheets in `xslt/html/` do all the rendering; this module only gathers the inputs, runs one
compiled entry stylesheet per page type (saxonche, `publish.saxon`), writes the pages atomically,
copies the assets and the TEI downloads, and builds the Pagefind search index.

Pages: index.html (home), one reading page per text, persons/places/organisations.html and
register.html (register), encoding.html, corrections.html, downloads.html, search.html, and
timeline.html (the SVG of `xslt/timeline/timeline.xsl`, inline) when that stylesheet is present and the
texts hold dates.
The site corpus is a small wrapper (namespace `urn:x-edition:site`) holding each text's TEI with its
file, page and download names and short label, and the register; the multi-text pages take it as
input, the reading pages as the parameter `site` (for the links between the texts: a quotation's
source paragraph, the quotations of a paragraph).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..config import Project
from ..errors import EditionError
from .. import resources
from ..xmlio import TEI_NS, XML_ID, atomic_write, check_tei, parse_bytes
from .timeline import timeline_svg
from .saxon import Transformer, xdm_document

SITE_NS = "urn:x-edition:site"
ASSETS = ("edition.css", "edition.js", "favicon.svg")
# Page names the site itself uses; a text whose file is named so gets a suffix.
RESERVED = {"index", "register", "persons", "places", "organisations", "encoding", "corrections", "downloads", "search",
            "timeline"}
TIMELINE_XSL = ("..", "timeline", "timeline.xsl")  # relative to the HTML stylesheets' directory
MULTI_PAGES: tuple[tuple[str, str, str], ...] = (
    # (entry stylesheet, $page, output file)
    ("home", "home", "index.html"),
    ("home", "downloads", "downloads.html"),
    ("home", "search", "search.html"),
    ("register", "index", "register.html"),
    ("register", "persons", "persons.html"),
    ("register", "places", "places.html"),
    ("register", "orgs", "organisations.html"),
    ("encoding", "", "encoding.html"),
    ("corrections", "", "corrections.html"),
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


def _load_tei(path: Path) -> tuple[bytes, etree._ElementTree]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {exc.strerror}") from None
    tree = parse_bytes(data, str(path))
    root = tree.getroot()
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise EditionError(f"{path}:{root.sourceline or 1}: not a TEI P5 document (root element {root.tag!r})")
    if root.tag == f"{{{TEI_NS}}}TEI":
        check_tei(tree, str(path))  # a header, then a text: what every page relies on
    elif root.find(f"{{{TEI_NS}}}teiHeader") is None:
        raise EditionError(f"{path}:{root.sourceline or 1}: teiCorpus without a teiHeader")
    return data, tree


def _site_texts(paths: list[Path]) -> list[SiteText]:
    texts: list[SiteText] = []
    used: set[str] = set()
    for path in paths:
        data, tree = _load_tei(path)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "text"
        name, n = stem, 1
        while name in RESERVED or name in used:
            n += 1
            name = f"{stem}-{n}" if stem not in RESERVED or n > 2 else f"{stem}-text"
        used.add(name)
        text_id = tree.getroot().get(XML_ID) or name
        texts.append(SiteText(path, data, tree, text_id, f"{name}.html", f"tei/{name}.xml", ""))
    return texts


def _corpus(texts: list[SiteText], register: etree._ElementTree | None, register_href: str) -> etree._Element:
    corpus = etree.Element(f"{{{SITE_NS}}}corpus", nsmap={"site": SITE_NS})
    for t in texts:
        el = etree.SubElement(corpus, f"{{{SITE_NS}}}text", id=t.text_id, page=t.page, tei=t.tei_href, pdf=t.pdf_href,
                              file=t.source.name)
        if t.label:
            el.set("label", t.label)
        el.append(etree.fromstring(etree.tostring(t.tree.getroot())))
    if register is not None:
        el = etree.SubElement(corpus, f"{{{SITE_NS}}}register", tei=register_href)
        el.append(etree.fromstring(etree.tostring(register.getroot())))
    return corpus


def _title_of(tree: etree._ElementTree) -> str:
    titles = tree.getroot().xpath("./tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces={"tei": TEI_NS})
    return " ".join("".join(titles[0].itertext()).split()) if titles else "TEI document"


class _Messages:
    """Collects xsl:message output as user-facing warnings, counting repeated unknown elements."""

    def __init__(self) -> None:
        self.unknown: Counter[tuple[str, str]] = Counter()
        self.other: list[str] = []

    def add(self, source: str, messages: list[str]) -> None:
        for m in messages:
            m = m.strip()
            hit = re.match(r"unhandled-element: (\S+)", m)
            if hit:
                self.unknown[(source, hit.group(1))] += 1
            else:
                self.other.append(f"{source}: {re.sub(r'^(unsafe-link|unresolved-ref): ', '', m)}")

    def warnings(self) -> list[str]:
        out = [
            f"{src}: element <{name}> has no template; rendered as plain text ({n}×)"
            for (src, name), n in sorted(self.unknown.items())
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


def _html(text: str) -> str:
    """Final touches on serialised HTML: the standard doctype spelling and a final newline."""
    text = text.replace("<!DOCTYPE HTML>", "<!DOCTYPE html>", 1)
    return text if text.endswith("\n") else text + "\n"


def run_pagefind(out_dir: Path) -> None:
    """Build the Pagefind index of the site (`python -m pagefind --site DIR`) into DIR/pagefind.

    The index is built beside the site and swapped in whole, so no stale index files accumulate.
    """
    staging = out_dir / ".pagefind-new"
    shutil.rmtree(staging, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--output-path", str(staging), "--silent"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EditionError(f"{out_dir}: pagefind could not run: {exc}") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        shutil.rmtree(staging, ignore_errors=True)
        raise EditionError(f"{out_dir}: pagefind failed: {' '.join(detail)}")
    atomic_write(staging / "shards.json", "[]\n")  # one index, no shards to merge (publish/search_shards.py)
    final = out_dir / "pagefind"
    old = out_dir / ".pagefind-old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


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
) -> Report:
    """Publish TEI documents (and an optional register and ODD) as a static site in `out_dir`.

    `pdf_href`: the site-relative address of the print edition offered as each text's PDF
    download (the edition's build puts its one book at pdf/edition.pdf); empty: no PDF link.
    `xslt_dir`: the HTML stylesheets; default: those of the working directory's project, resolved
    now (`resources.xslt_dir`).
    """
    if not inputs:
        raise EditionError("no TEI documents to publish")
    xslt_dir = xslt_dir or resources.xslt_dir("html")
    texts = _site_texts(inputs)
    for t in texts:
        t.label = (labels or {}).get(t.text_id, "")
        t.pdf_href = pdf_href
    reg_tree = _load_tei(register)[1] if register else None
    odd_tree = _load_tei(odd)[1] if odd else None
    edition = edition or {}
    title = edition.get("title") or (_title_of(texts[0].tree) if len(texts) == 1 else "TEI documents")
    base_url = str(edition.get("base_url", ""))
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    common: dict[str, Any] = {
        "edition-title": str(title),
        "edition-short-title": str(edition.get("short_title") or title),
        "base-url": base_url,
        "search": search,
    }
    if reg_tree is not None:
        common["register"] = xdm_document(reg_tree)
    report = Report(out_dir)
    msgs = _Messages()

    register_href = "tei/register.xml"
    corpus = xdm_document(_corpus(texts, reg_tree, register_href if register else ""))
    text_xsl = Transformer.get(xslt_dir / "text.xsl")
    for t in texts:
        params = dict(common, **{"page-name": t.page, "tei-href": t.tei_href, "pdf-href": t.pdf_href, "site": corpus})
        result = text_xsl.run(t.tree, params=params, source_name=str(t.source))
        msgs.add(str(t.source), result.messages)
        _write(report, out_dir / t.page, _html(result.main))
        _write(report, out_dir / t.tei_href, t.data)
        report.pages.append(t.page)

    if odd_tree is not None:
        common["odd"] = xdm_document(odd_tree)
    pages = list(MULTI_PAGES)
    timeline_xsl = xslt_dir.joinpath(*TIMELINE_XSL).resolve()
    has_dates = any(t.tree.getroot().xpath("boolean(.//tei:text//tei:date)", namespaces={"tei": TEI_NS}) for t in texts)
    if timeline_xsl.exists() and has_dates:
        common["timeline"] = xdm_document(etree.ElementTree(timeline_svg(
            timeline_xsl, [t.source for t in texts], texts[0].data.decode("utf-8"))))
        pages.append(("home", "timeline", "timeline.html"))
    for entry, page, name in pages:
        params = dict(common, **{"page-name": name, "page": page})
        result = Transformer.get(xslt_dir / f"{entry}.xsl").run(corpus, params=params, source_name=name)
        msgs.add(name, result.messages)
        _write(report, out_dir / name, _html(result.main))
        report.pages.append(name)
    if register:
        _write(report, out_dir / register_href, register.read_bytes())
    for asset in ASSETS:
        _write(report, out_dir / "assets" / asset, (xslt_dir / "assets" / asset).read_bytes())
    # Pagefind's index is not byte-stable between runs: rebuild it only when a page changed.
    pages_changed = any(w.endswith(".html") for w in report.written)
    if search and (pages_changed or not (out_dir / "pagefind" / "pagefind.js").exists()):
        run_pagefind(out_dir)
    report.warnings = msgs.warnings()
    return report


def publish_project(project: Project, out_dir: Path | None = None, *, search: bool = True) -> Report:
    """Publish the edition's texts (editorial/texts.toml), register and ODD into output/html/."""
    inputs = project.text_paths()
    register = project.register_path()
    odd = resources.schema_dir(project.root) / "edition.odd"
    return publish(
        inputs,
        out_dir or project.output_dir / "html",
        register=register,
        odd=odd if odd.exists() else None,
        edition=project.edition,
        search=search,
        xslt_dir=resources.xslt_dir("html", project.root),
        labels={m.id: str(m.get("label")) for m in project.texts if m.get("label")},
        pdf_href="pdf/edition.pdf" if project.wants_step("pdf") else "",
    )


def publish_files(project: Project, files: list[Path], out_dir: Path | None = None, *,
                  register: Path | None = None, title: str | None = None, search: bool = True) -> Report:
    """Any TEI P5 documents (not the edition's texts) as a site in `out_dir` (default output/html)."""
    return publish(
        files,
        out_dir or project.output_dir / "html",
        register=register,
        edition={"title": title} if title else None,
        search=search,
        xslt_dir=project.xslt_dir("html"),
    )
