"""The `edition` command: convert → enrich → validate → publish a TEI edition.

Subcommands are imported only when used (click's lazy-group pattern), so a no-op
`edition build` does not pay for loading the publishing stack.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

import click

from . import __version__

# command name → "module:attribute" of its click command
COMMANDS = {
    "build": "edition.buildcli:build",
    "convert": "edition.convert.command:convert",
    "enrich": "edition.enrich.command:enrich",
    "html": "edition.publish.html:html",
    "link": "edition.link.command:link",
    "pdf": "edition.publish.pdf:pdf",
    "speakers": "edition.speakers.command:speakers",
    "validate": "edition.validate.command:validate_command",
}


class _LazyCommands(MutableMapping[str, click.Command]):
    """`group.commands` as a mapping that imports a command's module when it is looked up."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            if name not in COMMANDS:
                raise KeyError(name)
            module, attr = COMMANDS[name].split(":")
            self._loaded[name] = getattr(importlib.import_module(module), attr)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(COMMANDS) | set(self._loaded)))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._loaded))


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.commands = _LazyCommands()  # type: ignore[assignment]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edition")
def main() -> None:
    """Build and check a digital critical edition in TEI P5.

    Run `edition build` in the project directory to make the whole edition in output/;
    `edition COMMAND -h` explains each command.
    """
