"""The `edition` command: convert → enrich → validate → publish a TEI edition.

Every command is a thin click command in this package (one module per stage family); the work is
done by the stage packages, which the commands import when they run.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from importlib import import_module

import click

from .. import __version__

#: Each command's module and name; a command's module is imported when the command is first asked for,
#: so that `edition build` loads neither the converter, the enricher nor the validator's engine.
_WHERE = {"build": ".build:build", "convert": ".convert:convert", "enrich": ".enrich:enrich",
          "speakers": ".speakers:speakers", "link": ".link:link", "validate": ".validate:validate_command",
          "html": ".publish:html", "pdf": ".publish:pdf", "serve": ".serve:serve"}


class _Commands(MutableMapping[str, click.Command]):
    """The group's commands by name (click's `Group.commands`), each imported on first use."""

    def __init__(self, where: dict[str, str]):
        self._where = dict(where)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, attr = self._where[name].split(":")
            self._loaded[name] = getattr(import_module(module, __name__), attr)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._where.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._where[name]
        self._loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edition")
def main() -> None:
    """Build and check a digital critical edition in TEI P5.

    Run `edition build` in the project directory to make the whole edition in output/;
    `edition COMMAND -h` explains each command.
    """


main.commands = _Commands(_WHERE)


def run() -> None:
    """The `edition` console script: `main`, then a process that ends at once. Its last objects (a large edition's
    build state: tens of thousands) are frozen, so that the collections of the interpreter's exit do not walk
    them again: 10–15 ms of a build that finds nothing to do (bench/RESULTS.md, round 10). Not in `main`, which
    tests call in their own long-lived process."""
    import gc

    try:
        main(prog_name="edition")
    finally:
        gc.freeze()
