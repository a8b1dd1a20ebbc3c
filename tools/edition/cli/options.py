"""Options several commands share, so that one idea has one name everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]


def output_option(help_text: str) -> Callable[[F], F]:
    """`-o/--output DIR`: where a command writes (convert, html, pdf)."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False), help=help_text)


def dry_run_option(fn: F) -> F:
    """`--dry-run`: change nothing on disk; say what would change (enrich, speakers, link)."""
    return click.option("--dry-run", is_flag=True, help="Change nothing on disk; say what would change.")(fn)


def redo_option(what: str) -> Callable[[F], F]:
    """`--redo`: re-derive a stage's own markup even in a file edited by hand (enrich, speakers, link)."""
    return click.option("--redo", is_flag=True,
                        help=f"Re-derive {what} even in a TEI file edited by hand (markup a scholar added is kept).")
