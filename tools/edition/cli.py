"""The `edition` command: convert → enrich → validate → publish a TEI edition."""

from __future__ import annotations

import click

from . import __version__
from .build import run_build
from .cliutil import handle_errors
from .config import load_project
from .convert.command import convert
from .publish.html import html
from .enrich.command import enrich
from .validate.command import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edition")
def main() -> None:
    """Build and check a digital critical edition in TEI P5.

    Run `edition build` in the project directory to make the whole edition in output/;
    `edition COMMAND -h` explains each command.
    """


@main.command("build")
@handle_errors
def build() -> None:
    """Build the whole edition: convert what needs converting, then every later stage."""
    for line in run_build(load_project()):
        click.echo(line, err=line.startswith("warning:"))


for command in (convert, enrich, html, validate_command):
    main.add_command(command)
