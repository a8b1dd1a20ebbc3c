"""The `edition` command: convert → enrich → validate → publish a TEI edition.

Every command is a thin click command in this package (one module per stage family); the work is
done by the stage packages, which the commands import when they run.
"""

from __future__ import annotations

import click

from .. import __version__
from .build import build
from .convert import convert
from .enrich import enrich
from .link import link
from .publish import html, pdf
from .serve import serve
from .speakers import speakers
from .validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edition")
def main() -> None:
    """Build and check a digital critical edition in TEI P5.

    Run `edition build` in the project directory to make the whole edition in output/;
    `edition COMMAND -h` explains each command.
    """


for command in (build, convert, enrich, speakers, link, validate_command, html, pdf, serve):
    main.add_command(command)
