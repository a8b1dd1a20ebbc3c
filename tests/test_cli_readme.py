"""The README's command table and the CLI agree: every command and option the README names exists,
and every command and option of `edition` is in the README (a new option must be documented)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from edition.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `edition (?P<cmd>[a-z]+)(?P<args>[^`]*)` \|", re.M)
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")


def _readme_table() -> dict[str, set[str]]:
    rows = {m["cmd"]: set(OPTION.findall(m["args"])) for m in ROW.finditer(README.read_text(encoding="utf-8"))}
    assert rows, "no command table found in README.md"
    return rows


def _cli_options(command: click.Command) -> set[str]:
    names: set[str] = set()
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            names.update(n for n in (*param.opts, *param.secondary_opts) if n not in ("-h", "--help"))
    return names


def test_every_command_is_documented_and_every_documented_command_exists() -> None:
    assert set(_readme_table()) == set(main.commands)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_options_of_the_readme_and_of_the_command_agree(name: str) -> None:
    documented = _readme_table()[name]
    actual = _cli_options(main.commands[name])
    assert documented - actual == set(), f"README names options `edition {name}` does not have"
    # each option is documented by one of its names (-o or --output; -q or --quiet)
    undocumented = [p.opts for p in main.commands[name].params
                    if isinstance(p, click.Option) and not p.hidden
                    and not set(p.opts + p.secondary_opts) & documented and "--help" not in p.opts]
    assert undocumented == [], f"options of `edition {name}` missing from the README's command table"


def test_one_name_per_idea_across_commands() -> None:
    """Output directory is -o/--output everywhere; re-deriving in a hand-edited file is --redo."""
    for name, command in main.commands.items():
        opts = _cli_options(command)
        assert not opts & {"--out-dir", "--out", "--retag", "--reattribute", "--relink"}, name
        if "-o" in opts:
            assert "--output" in opts, name
