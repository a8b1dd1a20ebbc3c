"""The registry of the edition's rules: a rule is a function of one document and the validation
context that yields findings (element, attribute or None, message), registered under a stable id.

rules.py (one document) and crossfile.py (every document, the register) both register here;
engine.py imports both and runs what is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .diagnostics import ERROR
from .documents import Document

Finding = tuple[etree._Element, str | None, str]


@dataclass
class Context:
    """Everything a rule may consult beyond its document."""

    documents: list[Document]
    register: Document | None = None
    register_unreadable: str | None = None  # the register's name when it was found but could not be read
    seeds_dirs: list[Path] = field(default_factory=list)
    # Documents loaded only to resolve pointers (not reported on), by resolved path.
    extra: dict[Path, Document] = field(default_factory=dict)


RuleFn = Callable[[Document, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    ident: str
    severity: str
    check: RuleFn
    cross_file: bool = False


RULES: dict[str, Rule] = {}


def rule(ident: str, severity: str = ERROR, cross_file: bool = False) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its stable id."""

    def deco(fn: RuleFn) -> RuleFn:
        RULES[ident] = Rule(ident, severity, fn, cross_file)
        return fn

    return deco
