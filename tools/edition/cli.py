"""The `edition` command: convert → enrich → validate → publish a TEI edition."""

from __future__ import annotations

import click

from . import __version__
from .buildcli import build
from .convert.command import convert
from .publish.html import html
from .publish.pdf import pdf
from .enrich.command import enrich
from .link.command import link
from .speakers.command import speakers
from .validate.command import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edition")
def main() -> None:
    """Build and check a digital critical edition in TEI P5.

    Run `edition build` in the project directory to make the whole edition in output/;
    `edition COMMAND -h` explains each command.
    """


for command in (build, convert, enrich, html, link, pdf, speakers, validate_command):
    main.add_command(command)
