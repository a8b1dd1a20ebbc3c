"""`edition pdf`: the print edition — TEI → print HTML (XSLT 3.0, xslt/print/) → PDF (WeasyPrint).

The whole edition is one book (output/pdf/edition.pdf); `edition pdf FILE.xml…` makes a book
of each TEI document given. Every major division of the book begins on a recto, so each is laid
out on its own, in order, its page counter continuing the book's (a blank verso is put in where
needed): the title page
with the imprint, the contents (with placeholder numbers, to learn its length), introduction,
principles, each text, the list of corrections, the timeline plate and the indexes (of persons,
places, organisations, events and speakers) — these with literal page numbers (edition.publish.pdf_pagerefs),
since every page before them is known: an index entry gets one number per page on which it is
named, not one per mention. A text's apparatus of quotations refers to pages of the other text:
a reference to a later page is set as zeros first, and once every page is known its numbers are
put into the laid-out boxes (tabular figures in the zeros' room: nothing else moves;
edition.publish.lines.patch_texts). The texts' lines are numbered from the layout, and the
critical apparatus keyed to them the same way (edition.publish.lines); the series of notes stand
in blocks (edition.publish.footnote_series). Last, the contents are set again with their numbers
(they must keep their length). The stylesheet's parameters besides the date (the texts' labels, the
timeline SVG) and the apparatus's settings come from edition.publish.print_params. The PDF is
written from all these pages at once: internal links, bookmarks and named destinations resolve
across them; then the margin's line numbers and XMP metadata are added (edition.publish.pdf_finish).
WeasyPrint keeps every footnote on the page of its call (edition.publish.footnote_keep); should one
stray all the same, the text is laid out again from that page on (edition.publish.relayout), with the
paragraph at that page's foot relaxed. Book.html is the same book as one print HTML (used by
bench/pdf_bench.py). The typefaces of the colophon must be installed (edition.publish.typefaces).

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
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..config import Project
from ..errors import EditionError
from ..stage import Report
from ..xmlio import XML_ID, atomic_write, parse_bytes
from .page_geometry import DEFAULT_PAGE_SIZE, PAGE_SIZES, page_css
from .pdf_pagerefs import digits_needed, has_class, resolve_index, resolve_page_refs
from .footnote_keep import footnotes_with_calls
from .footnote_series import series_blocks
from .hyphenation import limit_hyphenated_lines
from .inputs import CorpusText, PublishInput, assemble, check_publish_size, load_tei, project_labels, site_corpus
from .divisions import XHTML_NS, anchor_pages as _anchor_pages, html_string as _html_string, only as _only
from .divisions import cut_footnotes, set_text, x as _x
from .lines import LineMap, fill_line_refs, patch_texts
from .pdf_finish import HYPHENATION_CHARACTER, finish
from .pdf_write import page_references_once
from .relayout import Kept, keeping, relayout
from .print_params import APPARATUS_ORDER, APPARATUS_STYLES, HYPHENATED_LINES_MAX, LINE_NUMBERING, print_params
from .saxon import Transformer, xdm_document
from .typefaces import check_typefaces

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


#: A tagged PDF/UA-1 file by default (it costs about 5 % more time than an untagged one, bench/RESULTS.md);
#: None: untagged.
DEFAULT_PDF_VARIANT: str | None = "pdf/ua-1"



@dataclass
class Book:
    """A typeset book: the PDF bytes and what the layout found."""

    pdf: bytes
    pages: int
    html: str
    warnings: list[str] = field(default_factory=list)
    passes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- input


def corpus(documents: list[etree._ElementTree], register: etree._ElementTree | None, *,
           paths: list[Path] | None = None, labels: dict[str, str] | None = None) -> str:
    """The print stylesheet's input: the site corpus (`inputs.site_corpus`, the HTML site's input shape) of the
    documents, in order, and the register. `paths`: the documents' files (default: where each was parsed
    from, else text-N.xml); `labels`: TEI file name → short name in cross-references (editorial/texts.toml),
    also of files the book does not hold, so that a pointer into them is named."""
    texts = []
    for i, doc in enumerate(documents, 1):
        path = paths[i - 1] if paths is not None else Path(doc.docinfo.URL or f"text-{i}.xml")
        root = doc.getroot()
        texts.append(CorpusText(path.name, root.get(XML_ID) or path.stem, root, (labels or {}).get(path.name, "")))
    return site_corpus(texts, register, "", labels)


def source_date() -> str:
    """SOURCE_DATE_EPOCH as an ISO date-time, or '' when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ""
    if not epoch.isdigit():
        raise EditionError(f"SOURCE_DATE_EPOCH: not a number of seconds: {epoch!r}")
    return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def print_html(source: etree._Element | str | Any, name: str = "edition",
               params: dict[str, Any] | None = None, stylesheet: Path | None = None) -> tuple[etree._Element, list[str]]:
    """Run xslt/print/print.xsl (or `stylesheet`; with `params`, see print_params); return the print HTML
    (XHTML tree) and the stylesheet's messages."""
    result = Transformer.get(stylesheet or print_dir() / "print.xsl").run(source, params={"source-date": source_date(), **(params or {})},
                                             source_name=name)
    text = re.sub(r"^\s*<!DOCTYPE[^>]*>", "", result.main, count=1)
    tree = parse_bytes(text.encode("utf-8"), f"{name} (print HTML)")
    return _collapse_breaks(tree.getroot()), _count_messages(result.messages)


_BREAKS = re.compile(r"[\t\r\n]")


def _collapse_breaks(root: etree._Element) -> etree._Element:
    """Line breaks and tabs of the TEI's layout as spaces, as CSS collapses them anyway (outside pre, the
    examples of markup, the print CSS preserves white space nowhere): WeasyPrint fails on a line break
    between two inline boxes of a footnote (a note holding two paragraphs on separate lines)."""
    pre = f"{{{XHTML_NS}}}pre"
    for el in root.iter(etree.Element):
        inside_pre = el.tag == pre or any(a.tag == pre for a in el.iterancestors())
        if el.text and not inside_pre and _BREAKS.search(el.text):
            el.text = _BREAKS.sub(" ", el.text)
        if el.tail and _BREAKS.search(el.tail) and not any(a.tag == pre for a in el.iterancestors()):
            el.tail = _BREAKS.sub(" ", el.tail)
    return root


def _count_messages(messages: list[str]) -> list[str]:
    """xsl:message texts, each once with a count (a suppressed element: once per element name)."""
    counts: dict[str, int] = {}
    for m in messages:
        text = m.strip()
        gone = re.match(r"suppressed-element: (\S+): (.*)", text, re.S)
        if gone:
            text = f"element <{gone.group(1)}> not rendered: {gone.group(2)}"
        text = re.sub(r"^xinclude: ", "", text)
        counts[text] = counts.get(text, 0) + 1
    return [m if n == 1 else f"{m} ({n}×)" for m, n in counts.items()]


# ---------------------------------------------------------------- layout


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

    def __init__(self, page_size: str = DEFAULT_PAGE_SIZE, font_fallback: bool = False) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        if page_size not in PAGE_SIZES:
            raise EditionError(f"page size {page_size!r}: choose one of {', '.join(PAGE_SIZES)}")
        self.page_size = page_size
        self.warnings = check_typefaces(allow_fallback=font_fallback)  # the colophon's fonts, or an error
        self.numbering = LINE_NUMBERING
        self.font_config = FontConfiguration()
        self.css = [
            CSS(filename=str(print_dir() / "print.css"), font_config=self.font_config),
            CSS(string=page_css(page_size), font_config=self.font_config),
        ]

    def render(self, html: str, first_page: int | None = None, kept: Kept | None = None) -> Any:
        """Lay out `html`; `first_page` continues the page counter of an earlier pass; `kept`: record
        what `relayout` needs."""
        from weasyprint import CSS, HTML

        css = list(self.css)
        if first_page is not None:
            css.append(CSS(string=f"@page :first {{ counter-reset: page {first_page}; }}", font_config=self.font_config))
        with series_blocks(APPARATUS_ORDER, APPARATUS_STYLES), limit_hyphenated_lines(HYPHENATED_LINES_MAX), \
                footnotes_with_calls():
            with keeping(kept) if kept is not None else nullcontext():
                return HTML(string=html, base_url=str(print_dir()) + "/").render(
                    stylesheets=css, font_config=self.font_config, optimize_images=False)

    def relayout(self, kept: Kept, doc: Any, start: int) -> Any:
        """`doc` (rendered with `kept`) laid out again from page index `start` on (edition.publish.relayout)."""
        with series_blocks(APPARATUS_ORDER, APPARATUS_STYLES), limit_hyphenated_lines(HYPHENATED_LINES_MAX), \
                footnotes_with_calls():
            return relayout(kept, doc, start)

    def finish(self, pdf: bytes, lines: LineMap, soft_hyphens: bool = True) -> bytes:
        """The PDF with the margin's line numbers, soft hyphens and XMP metadata (edition.publish.pdf_finish)."""
        return finish(pdf, lines, self.numbering, f"size: {PAGE_SIZES[self.page_size][0]};", self.font_config,
                      soft_hyphens)


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
    lines = LineMap()  # the texts' numbered lines
    passes: list[str] = []
    pages: dict[str, int] = {}
    out: list[Any] = []
    docs: list[Any] = []
    contents: tuple[etree._Element, int, int] | None = None  # nav, first page, page count
    # group, its layout, the later pages it refers to
    forward: list[tuple[list[etree._Element], Any, list[str]]] = []
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
                doc = set_text(typesetter, final_root, head, first, passes, weasy, lines)
            else:
                if head.get("id") == "contents":
                    nav = copy.deepcopy(head)
                    resolve_page_refs(nav, None, placeholder="00")
                    group = [nav]
                elif " index " in f" {head.get('class', '')} ":
                    lost = resolve_index(final_root, pages)
                    if lost:
                        weasy.append(f"index: {len(lost)} mention(s) not laid out, left out of the index "
                                     f"({', '.join(dict.fromkeys(lost))})")
                for el in group:
                    fill_line_refs(el, lines)  # the list of corrections: lines of the texts, set before it
                doc = typesetter.render(_html_string(_only(final_root, group)), first_page=first)
                passes.append(head.get("id", "?"))
            if head.get("id") == "contents":
                contents = (head, first, len(doc.pages))
            laid_out = _anchor_pages(doc.pages, offset=first - 1)
            if later:
                forward.append((group, doc, later))
            pages.update(laid_out)
            out += doc.pages
            docs.append(doc)
        cut = cut_footnotes(out)
        if cut:
            weasy.append(f"p. {', '.join(map(str, cut))}: the footnotes are taller than the page and are cut off "
                         f"(a note longer than the print parameter long-note-chars is set after its text instead)")
        for group, doc, later in forward:  # page references to later pages, now known
            if digits_needed(later, pages) > ref_digits:  # wider placeholders: once more (the book has ≤ 10^6 pages)
                if ref_digits >= 6:
                    raise EditionError("print layout: page references need more than 6 digits")
                return typeset(root, typesetter, pdf_variant, ref_digits=digits_needed(later, pages))
            numbers: dict[tuple[str, str], str] = {}
            for el in group:
                resolve_page_refs(el, pages, width=ref_digits)  # shorter numbers padded to the placeholder's width
                numbers.update((("pageref", span.get("data-href", "")), span.text or "")
                               for span in _x(el, f".//h:span[{has_class('pageref')}]"))
            if not patch_texts(doc, numbers):  # tabular figures in the placeholders' room: nothing else moves
                raise EditionError(f"print layout: a page number of {group[0].get('id', '?')} is wider than its placeholder")
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
        # the hyphens of hyphenation are copied as soft hyphens, unless the text has that character itself
        soft = HYPHENATION_CHARACTER not in "".join(final_root.itertext())
        if not soft:
            typesetter.warnings.append(f"the text has U+{ord(HYPHENATION_CHARACTER):04X}: hyphenation hyphens are "
                                       "copied as such")
        with page_references_once():
            written = docs[0].copy(out).write_pdf(**options)
        pdf = typesetter.finish(written, lines, soft)
    warnings = typesetter.warnings + [f"WeasyPrint: {w}" for w in dict.fromkeys(weasy)]
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
    pdf_variant: str | None = DEFAULT_PDF_VARIANT,
    typesetter: Typesetter | None = None,
    labels: dict[str, str] | None = None,
    strict: bool = False,
    front: Path | None = None,
    events: Path | None = None,
) -> Book:
    """Typeset one book of `texts` (with names resolved against `register`; `labels`: TEI file name →
    short name of the text in cross-references, from editorial/texts.toml; `front`: the edition's
    front matter, editorial/front.xml; `events`: its register of events, editorial/events.xml, for the
    index of events and the events named on the timeline plate)."""
    pub = assemble(texts, register=register, labels=labels, strict=strict)
    return make_book_input(pub, page_size=page_size, pdf_variant=pdf_variant, typesetter=typesetter, strict=strict,
                           front=front, events=events)


def make_book_input(pub: PublishInput, *, page_size: str = DEFAULT_PAGE_SIZE, pdf_variant: str | None = DEFAULT_PDF_VARIANT,
                    typesetter: Typesetter | None = None, strict: bool = False, front: Path | None = None,
                    events: Path | None = None) -> Book:
    """Typeset one book of an assembled input (`publish.inputs`); `strict`: refuse when the print stylesheet
    meets an element without a rule."""
    docs = [t.tree for t in pub.texts]
    reg = pub.register.tree if pub.register else None
    events_tree = load_tei(events).tree if events is not None else None
    book = xdm_document(corpus(docs, reg, paths=pub.paths, labels=pub.labels))  # the book and its timeline plate
    params = print_params(pub.paths, [t.root for t in pub.texts], pub.xslt("timeline") / "timeline.xsl",
                          events=events_tree, corpus=book)
    if front is not None:
        params["front"] = load_tei(front).tree
    html, messages = print_html(book, name=", ".join(str(p) for p in pub.paths), params=params,
                                stylesheet=pub.xslt("print") / "print.xsl")
    unknown = [m for m in messages if m.startswith("print: no rule for ")]
    if strict and unknown:
        raise EditionError("\n".join([*unknown, "(--strict: not published; without it unknown elements are kept as plain text)"]))
    book = typeset(html, typesetter or Typesetter(page_size), pdf_variant=pdf_variant)
    book.warnings = pub.problems + messages + book.warnings
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
    pdf_variant: str | None = DEFAULT_PDF_VARIANT,
    register: Path | None = None,
    keep_html: bool = False,
    strict: bool = False,
) -> Report:
    """Make the edition's book, or one book per FILE (names looked up in `register`, by default
    the project's tei/register.xml); report what was written and the warnings."""
    out = out_dir or project.output_dir / "pdf"
    typesetter = Typesetter(page_size, font_fallback=bool(project.settings.get("print_font_fallback", False)))
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
    front = project.editorial_dir / "front.xml"
    events = project.editorial_dir / "events.xml"
    for texts, register, _ in jobs:  # every book within the limits before any is written
        extra = [d for d in (front, events) if not files and d.is_file()]
        check_publish_size([*texts, *([register] if register else []), *extra], "pdf")
    report = Report("pdf")
    labels = project_labels(project)
    for texts, register, target in jobs:
        book = make_book(texts, register, pdf_variant=pdf_variant, typesetter=typesetter, labels=labels, strict=strict,
                         front=front if not files and front.is_file() else None,
                         events=events if not files and events.is_file() else None)
        status = write_if_changed(target, book.pdf)
        for w in book.warnings:
            report.warn(w, file=target)
        report.info(f"pdf {target}: {book.pages} pages, {status}")
        if keep_html:
            html_target = target.with_suffix(".print.html")
            report.info(f"html {html_target}: {write_if_changed(html_target, book.html.encode('utf-8'))}")
    return report


def configured_page_size(project: Project) -> str:
    """`[tool.edition] page_size` (A4, A5 or letter), else the default."""
    size = str(project.settings.get("page_size", DEFAULT_PAGE_SIZE))
    if size not in PAGE_SIZES:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] page_size = {size!r}: "
                           f"choose one of {', '.join(PAGE_SIZES)}")
    return size
