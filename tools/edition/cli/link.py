"""`edition link TEXT_A TEXT_B`: find and link the passages of TEXT_A that quote TEXT_B."""

from __future__ import annotations

from pathlib import Path

import click

from ..config import Project
from ..lock import lock_for_command
from ..errors import UsageError
from ..link.align import Params
from .options import dry_run_option, redo_option
from .util import handle_errors, load, warn


def _resolve(project: Project, name: str) -> Path:
    """A text id of editorial/texts.toml (sas) or a path to a TEI file."""
    meta = project.text_by_id(name)
    if meta is not None:
        return project.tei_dir / meta.tei
    path = Path(name)
    if path.suffix == ".xml" or path.exists():
        return path
    known = ", ".join(m.id for m in project.texts) or "none"
    raise UsageError(f"{name!r} is neither a text id of editorial/texts.toml ({known}) nor a TEI file")


@click.command("link")
@click.argument("text_a")
@click.argument("text_b")
@click.option("--min-words", type=click.IntRange(2), default=Params.min_words, show_default=True,
              help="Matching words for an alignment to count at all.")
@click.option("--quote-words", type=click.IntRange(2), default=Params.quote_words, show_default=True,
              help="A quotation is linked when one alignment matches this many words "
                   f"(or the alignments cover {Params.quote_cover:.0%} of its words).")
@click.option("--reuse-words", type=click.IntRange(2), default=Params.reuse_words, show_default=True,
              help="Unquoted text is linked when one alignment matches this many words.")
@dry_run_option
@redo_option("the links and collations")
@handle_errors
def link(text_a: str, text_b: str, min_words: int, quote_words: int, reuse_words: int,
         dry_run: bool, redo: bool) -> None:
    """Link every passage of TEXT_A that reuses text of TEXT_B, and collate it.

    TEXT_A and TEXT_B are text ids (sas, fbm) or TEI files. Quotations of TEXT_A get
    @source pointing to TEXT_B's paragraphs; both files get a standOff linkGrp (one link
    per quotation, stable ids), TEXT_A a listApp recording each difference (omissions
    marked "...", words in brackets, changed words) and, by two anchors in the quotation
    (app/@from, @to), where it stands. Rejected detections:
    editorial/links/rejected.tsv. A second run changes nothing.
    """
    from ..link import link_texts, summary

    project = load()
    lock_for_command(project, "link")  # one writer of tei/ and output/ at a time
    params = Params(min_words=min_words, quote_words=quote_words, reuse_words=reuse_words)
    run = link_texts(project, _resolve(project, text_a), _resolve(project, text_b), params,
                     dry_run=dry_run, relink=redo)
    for line in summary(run):
        click.echo(line)
    for note in run.notes:
        warn(note)
