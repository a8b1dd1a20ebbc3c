"""`edition pdf`: the print edition — TEI → print HTML (XSLT 3.0, xslt/print/) → PDF (WeasyPrint).

The whole edition is one book (output/pdf/edition.pdf); `edition pdf FILE.xml…` makes a book
of each TEI document given. Every major division of the book begins on a recto, so each is laid
out on its own, in order, its page counter continuing the book's (a blank verso is put in where
needed): the title page
with the imprint, the contents (with placeholder numbers, to learn its length), introduction,
principles, each text, the list of corrections, the timeline plate and the indexes (of persons,
places, organisations and speakers) — these with literal page numbers (edition.publish.pdf_pagerefs),
since every page before them is known: an index entry gets one number per page on which it is
named, not one per mention. A text's apparatus of quotations refers to pages of the other text:
a reference to a later page is set as zeros first, and once every page is known the division is
set again with its numbers (tabular figures: it must come out the same). Last, the contents are
set again with their numbers (they must keep their length). The stylesheet's parameters besides
the date (the texts' labels, the timeline SVG) come from edition.publish.print_params. The PDF is written from all these pages at once: internal
links, bookmarks and named destinations resolve across them. A text whose footnote WeasyPrint
sets away from its call's page is laid out again with the paragraph at that page's foot
relaxed. Book.html is the same book as one print HTML (used by bench/pdf_bench.py).

Output is deterministic: the PDF dates are the edition's date (TEI publicationStmt/date/@when,
or SOURCE_DATE_EPOCH when set), so two builds of the same TEI are byte-identical.
"""

from __future__ import annotations

import copy
import datetime as _dt
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from lxml import etree

from ..cliutil import handle_errors, warn
from ..config import Project, load_project
from ..lock import lock_for_command
from .staging import site_lock
from ..errors import EditionError
from ..xmlio import TEI_NS, atomic_write, check_tei, parse_bytes, parse_file, tei
from .page_geometry import DEFAULT_PAGE_SIZE, PAGE_SIZES, page_css
from .pdf_pagerefs import digits_needed, has_class, resolve_index, resolve_page_refs
from .print_params import print_params
from .saxon import Transformer

from .. import resources  # the stylesheets: the project's own xslt/print/, else the packaged one


def print_dir() -> Path:
    """xslt/print/ of the project in the working directory, else the packaged one: resolved when
    a book is made, not when this module is imported."""
    return resources.xslt_dir("print")


def __getattr__(name: str) -> Any:
    """`PRINT_DIR`, `STYLESHEET`, `CSS_FILE` for older callers (bench/): resolved when read."""
    files = {"PRINT_DIR": "", "STYLESHEET": "print.xsl", "CSS_FILE": "print.css"}
    if name in files:
        return print_dir() / files[name] if files[name] else print_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


XHTML_NS = "http://www.w3.org/1999/xhtml"



@dataclass
class Book:
    """A typeset book: the PDF bytes and what the layout found."""

    pdf: bytes
    pages: int
    html: str
    warnings: list[str] = field(default_factory=list)
    passes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- input


def corpus(documents: list[etree._ElementTree], register: etree._ElementTree | None) -> etree._Element:
    """A teiCorpus holding the documents (in order) and the register, for the print stylesheet."""
    root = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS})
    for doc in documents:
        root.append(copy.deepcopy(doc.getroot()))
    if register is not None:
        root.append(copy.deepcopy(register.getroot()))
    return root


def source_date() -> str:
    """SOURCE_DATE_EPOCH as an ISO date-time, or '' when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ""
    if not epoch.isdigit():
        raise EditionError(f"SOURCE_DATE_EPOCH: not a number of seconds: {epoch!r}")
    return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def print_html(source: etree._Element, name: str = "edition",
               params: dict[str, Any] | None = None) -> tuple[etree._Element, list[str]]:
    """Run xslt/print/print.xsl (with `params`, see print_params); return the print HTML (XHTML tree)
    and the stylesheet's messages."""
    result = Transformer.get(print_dir() / "print.xsl").run(source, params={"source-date": source_date(), **(params or {})},
                                             source_name=name)
    text = re.sub(r"^\s*<!DOCTYPE[^>]*>", "", result.main, count=1)
    tree = parse_bytes(text.encode("utf-8"), f"{name} (print HTML)")
    return tree.getroot(), _count_messages(result.messages)


def _count_messages(messages: list[str]) -> list[str]:
    """xsl:message texts, each once with a count."""
    counts: dict[str, int] = {}
    for m in messages:
        text = m.strip()
        counts[text] = counts.get(text, 0) + 1
    return [m if n == 1 else f"{m} ({n}×)" for m, n in counts.items()]


# ---------------------------------------------------------------- layout


def _html_string(root: etree._Element) -> str:
    """Serialise the XHTML tree as HTML for WeasyPrint's HTML5 parser."""
    root = copy.deepcopy(root)
    for el in root.iter(etree.Element):
        el.tag = etree.QName(el).localname
    etree.cleanup_namespaces(root)
    return "<!DOCTYPE html>\n" + etree.tostring(root, method="html", encoding="unicode")


def _x(root: etree._Element, path: str) -> list[Any]:
    return root.xpath(path, namespaces={"h": XHTML_NS})


class _WarningLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@contextmanager
def _weasy_warnings() -> Iterator[list[str]]:
    handler = _WarningLog()
    log = logging.getLogger("weasyprint")
    log.addHandler(handler)
    try:
        yield handler.records
    finally:
        log.removeHandler(handler)


class Typesetter:
    """WeasyPrint with the print CSS for one page size (fonts and CSS parsed once)."""

    def __init__(self, page_size: str = DEFAULT_PAGE_SIZE) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        if page_size not in PAGE_SIZES:
            raise EditionError(f"page size {page_size!r}: choose one of {', '.join(PAGE_SIZES)}")
        self.font_config = FontConfiguration()
        self.css = [
            CSS(filename=str(print_dir() / "print.css"), font_config=self.font_config),
            CSS(string=page_css(page_size), font_config=self.font_config),
        ]

    def render(self, html: str, first_page: int | None = None) -> Any:
        """Lay out `html`; `first_page` continues the page counter of an earlier pass."""
        from weasyprint import CSS, HTML

        css = list(self.css)
        if first_page is not None:
            css.append(CSS(string=f"@page :first {{ counter-reset: page {first_page}; }}", font_config=self.font_config))
        return HTML(string=html, base_url=str(print_dir()) + "/").render(
            stylesheets=css, font_config=self.font_config, optimize_images=False)


def _anchor_pages(pages: list[Any], offset: int = 0) -> dict[str, int]:
    """anchor name → 1-based page number (first occurrence)."""
    found: dict[str, int] = {}
    for i, page in enumerate(pages):
        for name in page.anchors:
            found.setdefault(name, i + 1 + offset)
    return found


def _only(root: etree._Element, keep: list[etree._Element]) -> etree._Element:
    """A copy of the print HTML whose body holds only copies of `keep`."""
    body = _x(root, "/h:html/h:body")[0]
    saved = list(body)
    for child in saved:
        body.remove(child)
    out = copy.deepcopy(root)
    for child in saved:
        body.append(child)
    out_body = _x(out, "/h:html/h:body")[0]
    for el in keep:
        out_body.append(copy.deepcopy(el))
    return out


#: What is tried, in turn, on the paragraph at the foot of a page whose footnote WeasyPrint
#: moved to the next page (or lost): to gain room for one more line, WeasyPrint's widows and
#: orphans rule pushes the page's last footnotes on, away from their calls.
_NOTE_RETRIES = ("orphans: 3; widows: 3", "orphans: 1; widows: 1", "break-before: page")
_MAX_LAYOUTS = 4


def _footnote_calls(root: etree._Element) -> dict[str, str]:
    """Footnote id → id of the anchor just before its call: call-ID for notes, corr-ID for the
    apparatus footnote app-ID of a correction."""
    calls = {}
    for fn in _x(root, f".//h:span[{has_class('fn')}][@id]"):
        fid = fn.get("id")
        calls[fid] = f"corr-{fid[4:]}" if fid.startswith("app-") else f"call-{fid}"
    return calls


def _misplaced_notes(pages: dict[str, int], calls: dict[str, str]) -> list[str]:
    """Anchors of the calls whose footnote is missing or not on the call's page."""
    return [call for fid, call in calls.items() if pages.get(fid) is None or pages.get(fid) != pages.get(call)]


def _foot_blocks(division: etree._Element, pages: dict[str, int], calls: list[str]) -> list[str]:
    """Ids of the paragraphs running at the foot of the pages of `calls`."""
    blocks = [(b.get("id"), pages.get(b.get("id"), 0))
              for b in _x(division, ".//*[self::h:p or self::h:blockquote or self::h:li][@id]")]
    found = []
    for page in sorted({pages[c] for c in calls if c in pages}):
        on_or_before = [bid for bid, p in blocks if 0 < p <= page]
        if on_or_before:
            found.append(on_or_before[-1])
    return found


def _set_keeping_notes(typesetter: Typesetter, root: etree._Element, division: etree._Element,
                       first_page: int, passes: list[str], warnings: list[str]) -> Any:
    """Lay out a division (a text); where a footnote strays from its call's page, adjust the
    paragraph at the foot of that page (in `root`) and lay the division out again."""
    calls = _footnote_calls(division)
    level: dict[str, int] = {}  # paragraph id → how far along _NOTE_RETRIES it is
    for _attempt in range(_MAX_LAYOUTS):
        doc = typesetter.render(_html_string(_only(root, [division])), first_page=first_page)
        passes.append(division.get("id", "?"))
        pages = _anchor_pages(doc.pages, offset=first_page - 1)
        bad = _misplaced_notes(pages, calls)
        if not bad:
            return doc
        todo = [b for b in _foot_blocks(division, pages, bad) if level.get(b, 0) < len(_NOTE_RETRIES)]
        if not todo:
            break
        for block_id in todo:
            style = _NOTE_RETRIES[level.get(block_id, 0)]
            level[block_id] = level.get(block_id, 0) + 1
            for block in _x(division, f".//*[@id='{block_id}']"):
                block.set("style", style)
    warnings.append(f"footnote call(s) {', '.join(bad)}: footnote not on the page of its call")
    return doc


def _divisions(root: etree._Element) -> list[list[etree._Element]]:
    """The body's major divisions, each begun on a recto: the title page with the imprint,
    every other top-level element alone, and the indexes together."""
    groups: list[list[etree._Element]] = []
    for el in _x(root, "/h:html/h:body/*"):
        cls = f" {el.get('class', '')} "
        if groups and (" imprint " in cls or " index " in cls and " index " in f" {groups[-1][-1].get('class', '')} "):
            groups[-1].append(el)
        else:
            groups.append([el])
    return groups


def typeset(root: etree._Element, typesetter: Typesetter, pdf_variant: str | None = None, ref_digits: int = 2) -> Book:
    """Lay out the print HTML division by division (see the module docstring); write the PDF.
    A page reference to a later page is set as `ref_digits` zeros, then the division is set again
    with its numbers (in tabular figures, it must come out the same)."""
    final_root = copy.deepcopy(root)
    passes: list[str] = []
    pages: dict[str, int] = {}
    out: list[Any] = []
    docs: list[Any] = []
    contents: tuple[etree._Element, int, int] | None = None  # nav, first page, page count
    # group, first page, its anchors and page count in the first layout, the later pages it refers to
    forward: list[tuple[list[etree._Element], int, dict[str, int], int, list[str]]] = []
    blank: Any = None
    with _weasy_warnings() as weasy:
        for group in _divisions(final_root):
            first = len(out) + 1
            if first % 2 == 0:  # every division begins on a recto
                if blank is None:
                    empty = etree.Element(f"{{{XHTML_NS}}}div", {"class": "blank-page"})
                    blank = typesetter.render(_html_string(_only(final_root, [empty]))).pages[0]
                out.append(blank)
                first += 1
            head = group[0]
            later = [] if head.get("id") == "contents" else [
                t for el in group for t in resolve_page_refs(el, pages, placeholder="0" * ref_digits)]
            if head.tag == f"{{{XHTML_NS}}}article":
                doc = _set_keeping_notes(typesetter, final_root, head, first, passes, weasy)
            else:
                if head.get("id") == "contents":
                    nav = copy.deepcopy(head)
                    resolve_page_refs(nav, None, placeholder="00")
                    group = [nav]
                elif " index " in f" {head.get('class', '')} ":
                    resolve_index(final_root, pages)
                doc = typesetter.render(_html_string(_only(final_root, group)), first_page=first)
                passes.append(head.get("id", "?"))
            if head.get("id") == "contents":
                contents = (head, first, len(doc.pages))
            laid_out = _anchor_pages(doc.pages, offset=first - 1)
            if later:
                forward.append((group, first, laid_out, len(doc.pages), later))
            pages.update(laid_out)
            out += doc.pages
            docs.append(doc)
        for group, first, laid_out, count, later in forward:  # page references to later pages, now known
            if digits_needed(later, pages) > ref_digits:  # wider placeholders: once more (the book has ≤ 10^6 pages)
                if ref_digits >= 6:
                    raise EditionError("print layout: page references need more than 6 digits")
                return typeset(root, typesetter, pdf_variant, ref_digits=digits_needed(later, pages))
            for el in group:
                resolve_page_refs(el, pages, width=ref_digits)  # shorter numbers padded to the placeholder's width
            doc = typesetter.render(_html_string(_only(final_root, group)), first_page=first)
            passes.append(group[0].get("id", "?"))
            if _anchor_pages(doc.pages, offset=first - 1) != laid_out or len(doc.pages) != count:
                raise EditionError(f"print layout: {group[0].get('id', '?')} came out differently when set with "
                                   f"the numbers of its page references ({len(doc.pages)} pages, first {count}); "
                                   "cannot patch the book")
            out[first - 1 : first - 1 + count] = doc.pages
        if contents:  # the contents again, now that every page is known
            nav, first, count = contents
            resolve_page_refs(nav, pages)
            doc = typesetter.render(_html_string(_only(final_root, [nav])), first_page=first)
            passes.append("contents")
            if len(doc.pages) != count:
                raise EditionError(f"print layout: the contents took {len(doc.pages)} pages when set "
                                   f"with their page numbers, not {count}; cannot patch the book")
            out[first - 1 : first - 1 + count] = doc.pages
        options: dict[str, Any] = {"pdf_variant": pdf_variant} if pdf_variant else {}
        pdf = docs[0].copy(out).write_pdf(**options)
    warnings = [f"WeasyPrint: {w}" for w in dict.fromkeys(weasy)]
    return Book(pdf=pdf, pages=len(out), html=_html_string(final_root), warnings=warnings, passes=passes)


# ---------------------------------------------------------------- books


def edition_sources(project: Project) -> tuple[list[Path], Path | None]:
    """The edition's TEI texts (texts.toml order) and the register, if any."""
    return project.text_paths(), project.register_path()


def make_book(
    texts: list[Path],
    register: Path | None,
    *,
    page_size: str = DEFAULT_PAGE_SIZE,
    pdf_variant: str | None = None,
    typesetter: Typesetter | None = None,
    labels: dict[str, str] | None = None,
) -> Book:
    """Typeset one book of `texts` (with names resolved against `register`; `labels`: TEI file name →
    short name of the text in cross-references, from editorial/texts.toml)."""
    docs = [parse_file(p) for p in texts]
    for path, doc in zip(texts, docs):
        root = doc.getroot()
        if root.tag != tei("teiCorpus"):
            check_tei(doc, str(path))  # a TEI root, with a header, then a text
        elif root.find(tei("teiHeader")) is None:
            raise EditionError(f"{path}:{root.sourceline or 1}: teiCorpus without a teiHeader")
    reg = parse_file(register) if register is not None else None
    params = print_params(texts, [d.getroot() for d in docs], labels, print_dir().parent / "timeline" / "timeline.xsl")
    html, messages = print_html(corpus(docs, reg), name=", ".join(str(p) for p in texts), params=params)
    book = typeset(html, typesetter or Typesetter(page_size), pdf_variant=pdf_variant)
    book.warnings = messages + book.warnings
    return book


def write_if_changed(path: Path, data: bytes) -> str:
    """Write atomically unless the file already holds exactly these bytes."""
    if path.exists() and path.read_bytes() == data:
        return "unchanged"
    atomic_write(path, data)
    return "written"


def publish(
    project: Project,
    files: list[Path],
    out_dir: Path | None = None,
    page_size: str = DEFAULT_PAGE_SIZE,
    pdf_variant: str | None = None,
    register: Path | None = None,
    keep_html: bool = False,
) -> list[str]:
    """Make the edition's book, or one book per FILE (names looked up in `register`, by default
    the project's tei/register.xml); return summary lines."""
    out = out_dir or project.output_dir / "pdf"
    typesetter = Typesetter(page_size)
    jobs: list[tuple[list[Path], Path | None, Path]] = []
    if files:
        if register is None and (project.tei_dir / "register.xml").exists():
            register = project.tei_dir / "register.xml"
        for f in files:
            own = register is not None and register.resolve() == f.resolve()
            jobs.append(([f], None if own else register, out / f"{f.stem}.pdf"))
    else:
        texts, register = edition_sources(project)
        jobs.append((texts, register, out / "edition.pdf"))
    lines = []
    labels = {m.tei: str(m.get("label")) for m in project.texts if m.get("label")}
    for texts, register, target in jobs:
        book = make_book(texts, register, pdf_variant=pdf_variant, typesetter=typesetter, labels=labels)
        status = write_if_changed(target, book.pdf)
        lines += [f"warning: {w}" for w in book.warnings]
        lines.append(f"pdf {target}: {book.pages} pages, {status}")
        if keep_html:
            html_target = target.with_suffix(".print.html")
            lines.append(f"html {html_target}: {write_if_changed(html_target, book.html.encode('utf-8'))}")
    return lines


def configured_page_size(project: Project) -> str:
    """`[tool.edition] page_size` (A4, A5 or letter), else the default."""
    size = str(project.settings.get("page_size", DEFAULT_PAGE_SIZE))
    if size not in PAGE_SIZES:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] page_size = {size!r}: "
                           f"choose one of {', '.join(PAGE_SIZES)}")
    return size


def step_pdf(project: Project) -> list[str]:
    """Build step: the edition's book in output/pdf/edition.pdf, also offered as a download of the site."""
    lines = publish(project, [], page_size=configured_page_size(project))
    book = project.output_dir / "pdf" / "edition.pdf"
    if book.exists():
        with site_lock(project.output_dir / "html"):  # the html step may be swapping the site in
            atomic_write(project.output_dir / "html" / "pdf" / "edition.pdf", book.read_bytes())
    return lines


@click.command("pdf")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where to write the PDF files (default: output/pdf/ of the project).")
@click.option("--page-size", type=click.Choice(tuple(PAGE_SIZES)), default=None,
              help=f"Page size of the book (default: [tool.edition] page_size, else {DEFAULT_PAGE_SIZE}).")
@click.option("--register", type=click.Path(path_type=Path, dir_okay=False),
              help="A TEI register (standOff/listPerson…) for FILE arguments (default: tei/register.xml).")
@click.option("--pdf-ua", is_flag=True, help="Write a tagged PDF/UA-1 file.")
@click.option("--html", "keep_html", is_flag=True,
              help="Also write the print HTML as laid out (NAME.print.html; open it with print.css).")
@handle_errors
def pdf(files: tuple[Path, ...], out_dir: Path | None, page_size: str, register: Path | None, pdf_ua: bool,
        keep_html: bool) -> None:
    """Typeset the print edition as PDF.

    Without FILE: the whole edition (the texts of editorial/texts.toml, with the indexes of
    tei/register.xml) as one book, output/pdf/edition.pdf. With FILE arguments: one book per TEI
    document, named after it.
    """
    for f in (*files, *([register] if register else [])):
        if not f.exists():
            raise click.UsageError(f"{f}: no such file")
    if register and not files:
        raise click.UsageError("--register applies to FILE arguments; the edition uses tei/register.xml")
    variant = "pdf/ua-1" if pdf_ua else None
    project = load_project()
    lock_for_command(project, "pdf", out_dir or project.output_dir)  # one writer of output/ at a time
    page_size = page_size or configured_page_size(project)
    for line in publish(project, list(files), out_dir, page_size, variant, register, keep_html):
        if line.startswith("warning: "):
            warn(line.removeprefix("warning: "))
        else:
            click.echo(line)
