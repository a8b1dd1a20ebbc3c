"""The one exception type tools raise for problems the user must fix."""


class EditionError(Exception):
    """A user-facing error: the message names the file, line and problem.

    The CLI prints it on stderr and exits 1; nothing is written when it is raised.
    """


class UsageError(EditionError):
    """Bad command-line input that click cannot detect itself (exit 2)."""
