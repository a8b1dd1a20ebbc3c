"""One problem found by `edition validate`, and the exit status of a set of problems."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

# Rule ids of the problems that are not rules of the edition.
GRAMMAR = "grammar"          # RELAX NG (edition.rng)
UNREADABLE = "xml-unreadable"  # cannot read the file, not XML, refused as hostile: exit 2

# At most this many problems per file from one check (grammar, or one rule); the rest are counted.
MAX_PER_CHECK = 1000


def visible(text: str) -> str:
    """`text` with line breaks and tabs as spaces, other non-printable characters as <U+hhhh> (hex code point)."""
    return "".join(c if c.isprintable() else " " if c in "\n\r\t" else f"<U+{ord(c):04X}>" for c in text)


@dataclass(frozen=True)
class Diagnostic:
    """A problem at path:line:col, with the id of the rule (or check) that found it."""

    path: str
    line: int
    col: int
    severity: str
    message: str
    rule: str

    def __post_init__(self) -> None:
        # One problem, one line: no line breaks or other control characters in messages.
        # Invisible characters (bidi controls, zero-width) are shown by code point: never printed raw.
        if not self.message.isprintable() or not self.message.strip():
            object.__setattr__(self, "message", visible(self.message).strip() or "problem")
        if not self.path.isprintable():
            object.__setattr__(self, "path", visible(self.path))

    @property
    def fatal(self) -> bool:
        """True when the input could not be validated at all (unreadable or not XML)."""
        return self.rule == UNREADABLE

    def text(self) -> str:
        """`path:line:col: error|warning: message [rule-id]`."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"


def exit_status(diagnostics: list[Diagnostic]) -> int:
    """0 valid (warnings allowed), 1 invalid, 2 unreadable or non-XML input."""
    if any(d.fatal for d in diagnostics):
        return 2
    return 1 if any(d.severity == ERROR for d in diagnostics) else 0


def quote(value: str, limit: int = 80) -> str:
    """A value for a message: in double quotes, shortened, control characters escaped."""
    v = value if len(value) <= limit else value[: limit - 1] + "…"
    v = "".join(c if c.isprintable() else repr(c)[1:-1] for c in v)
    return f'"{v}"'
