"""Shared CLI plumbing: turn EditionError into click errors, print warnings to stderr."""

from __future__ import annotations

import errno
import functools
import unicodedata
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
            raise click.ClickException(_visible(str(exc))) from None
        except OSError as exc:  # read-only file system, disk full, permissions: one line, exit 1
            raise click.ClickException(os_error_message(exc)) from None

    return wrapper


def _visible(message: str) -> str:
    """Bidi controls and other invisible format characters as <U+hhhh> (hex code point): a message (naming a file or a
    value from the input) cannot reorder or hide the text of the terminal line it is printed on."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" else c for c in message)


def os_error_message(exc: OSError) -> str:
    """'path: cannot write: No space left on device (disk full?)' for an OSError no tool expected."""
    hints = {errno.ENOSPC: " (the disk is full: free some space and run again)",
             errno.EROFS: " (a read-only file system: choose a writable directory)",
             errno.EACCES: " (check the permissions)", errno.EDQUOT: " (disk quota exceeded)"}
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}{hints.get(exc.errno or 0, '')}"


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def load() -> Project:
    """The project at or above the working directory."""
    from ..config import load_project

    return load_project()
