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

import click
from lxml import etree

from ..cliutil import handle_errors
from ..config import Project, load_project
from ..lock import lock_for_command
from ..pageids import refuse_reserved
from ..errors import EditionError, UsageError
from .. import resources
from ..xmlio import TEI_NS, XML_ID, atomic_write, check_tei, parse_bytes, read_xml_bytes
from .staging import staged_directory
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

    def lines(self) -> list[str]:
        return [
            f"html: {len(self.pages)} pages in {self.out_dir} ({len(self.written)} files changed)",
            *[f"warning: {w}" for w in self.warnings],
        ]


def _load_tei(path: Path) -> tuple[bytes, etree._ElementTree]:
    data = read_xml_bytes(path)
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
    final = out_dir / "pagefind"
    old = out_dir / ".pagefind-old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def publish(inputs: list[Path], out_dir: Path, **options: Any) -> Report:
    """Publish atomically (see `staging.py`): the site is made in a staging copy of `out_dir` and
    swapped in whole only when every page and the search index are done; on any failure the
    previous site stays as it was. Options: those of `_publish_into`."""
    with staged_directory(out_dir, keep=("pdf",)) as stage:
        report = _publish_into(inputs, stage, **options)
    report.out_dir = out_dir
    report.written = [str(out_dir / Path(w).relative_to(stage)) for w in report.written]
    return report


def _publish_into(
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
    for name, tree in [*((str(t.source), t.tree) for t in texts), *([(str(register), reg_tree)] if reg_tree else [])]:
        refuse_reserved(tree, name)  # a TEI id equal to a page's own id would spoof it
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
        _write(report, out_dir / register_href, read_xml_bytes(register))
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
    from ..build import configured_steps

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
        pdf_href="pdf/edition.pdf" if "pdf" in configured_steps(project) else "",
    )


def step_html(project: Project) -> list[str]:
    """The build step: the whole HTML edition with its search index."""
    return publish_project(project).lines()


@click.command("html")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (default: output/html of the project).")
@click.option("--register", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A TEI register (standOff/listPerson…) for FILE arguments.")
@click.option("--title", help="Site title for FILE arguments (default: the document's title).")
@click.option("--no-search", is_flag=True, help="Do not build the Pagefind search index.")
@handle_errors
def html(files: tuple[Path, ...], out: Path | None, register: Path | None, title: str | None, no_search: bool) -> None:
    """Publish TEI as a static HTML reading edition (XSLT 3.0).

    Without FILE arguments: the edition's texts, register and ODD into output/html/.
    With FILE arguments: those TEI P5 documents (any TEI; unknown elements are kept as plain
    text with a warning) into -o DIR (default output/html).
    """
    project = load_project()
    lock_for_command(project, "html", out or project.output_dir)  # one writer of output/ at a time
    if files:
        report = publish(
            list(files),
            out or project.output_dir / "html",
            register=register,
            edition={"title": title} if title else None,
            search=not no_search,
            xslt_dir=resources.xslt_dir("html", project.root),
        )
    else:
        if register or title:
            raise UsageError("--register and --title apply only with FILE arguments")
        report = publish_project(project, out, search=not no_search)
    for line in report.lines():
        click.echo(line, err=line.startswith("warning:"))
