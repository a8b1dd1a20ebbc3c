"""`edition html` and `edition pdf`: publish the edition (or any TEI P5 documents) as a static
reading edition and as a print book."""

from __future__ import annotations

from pathlib import Path

import click

from ..lock import lock_for_command
from ..publish.page_geometry import DEFAULT_PAGE_SIZE, PAGE_SIZES
from .options import output_option
from .util import handle_errors, load, warn


@click.command("html")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option("Output directory (default: output/html of the project).")
@click.option("--register", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A TEI register (standOff/listPerson…) for FILE arguments.")
@click.option("--title", help="Site title for FILE arguments (default: the document's title).")
@click.option("--no-search", is_flag=True, help="Do not build the Pagefind search index.")
@click.option("--strict", is_flag=True,
              help="Refuse input with validity problems (duplicate xml:id, elements without a rule) instead of warning.")
@handle_errors
def html(files: tuple[Path, ...], output: Path | None, register: Path | None, title: str | None,
         no_search: bool, strict: bool) -> None:
    """Publish TEI as a static HTML reading edition (XSLT 3.0).

    Without FILE arguments: the edition's texts, register and ODD into output/html/.
    With FILE arguments: those TEI P5 documents (any TEI; unknown elements are kept as plain
    text with a warning) into -o DIR (default output/html).
    """
    from ..errors import UsageError
    from ..publish.html import publish_files, publish_project

    project = load()
    lock_for_command(project, "html", output or project.output_dir)  # one writer of output/ at a time
    if files:
        report = publish_files(project, list(files), output, register=register, title=title, search=not no_search,
                               strict=strict)
    else:
        if register or title:
            raise UsageError("--register and --title apply only with FILE arguments")
        report = publish_project(project, output, search=not no_search, strict=strict)
    for warning in report.warnings:
        warn(warning)
    click.echo(report.summary())


@click.command("pdf")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@output_option("Where to write the PDF files (default: output/pdf/ of the project).")
@click.option("--page-size", type=click.Choice(tuple(PAGE_SIZES)), default=None,
              help=f"Page size of the book (default: [tool.edition] page_size, else {DEFAULT_PAGE_SIZE}).")
@click.option("--register", type=click.Path(path_type=Path, dir_okay=False),
              help="A TEI register (standOff/listPerson…) for FILE arguments (default: tei/register.xml).")
@click.option("--pdf-ua/--no-pdf-ua", default=True, show_default=True,
              help="Write a tagged PDF/UA-1 file (the default); --no-pdf-ua: an untagged PDF.")
@click.option("--html", "keep_html", is_flag=True,
              help="Also write the print HTML as laid out (NAME.print.html; open it with print.css).")
@click.option("--strict", is_flag=True,
              help="Refuse input with validity problems (duplicate xml:id, elements without a rule) instead of warning.")
@handle_errors
def pdf(files: tuple[Path, ...], output: Path | None, page_size: str | None, register: Path | None,
        pdf_ua: bool, keep_html: bool, strict: bool) -> None:
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
    from ..publish.pdf import configured_page_size, publish

    project = load()
    lock_for_command(project, "pdf", output or project.output_dir)  # one writer of output/ at a time
    report = publish(project, list(files), output, page_size or configured_page_size(project),
                     "pdf/ua-1" if pdf_ua else None, register, keep_html, strict)
    for diagnostic in report.warnings:
        warn(diagnostic.message)
    for line in report.lines:
        click.echo(line)
