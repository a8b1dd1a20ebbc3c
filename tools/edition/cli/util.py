"""Shared CLI plumbing: turn EditionError into click errors, print warnings to stderr."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from ..config import Project
from ..errors import EditionError, UsageError


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command body; EditionError → message on stderr, exit 1 (UsageError → exit 2)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        except EditionError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def load() -> Project:
    """The project at or above the working directory."""
    from ..config import load_project

    return load_project()
