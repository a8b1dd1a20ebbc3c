"""Validate a set of TEI files: grammar (RELAX NG), the edition's rules, cross-file integrity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..xmlio import TEI_NS
from .diagnostics import ERROR, GRAMMAR, MAX_PER_CHECK, Diagnostic, exit_status
from .documents import Document, load
from .grammar import check_grammar, schema, schema_info, schema_path as resolve_schema
from . import crossfile, pagesafety, rules  # noqa: F401  (each registers its rules)
from .registry import RULES, Context


@dataclass
class Result:
    """The files validated (display names, in order) and every problem found, sorted."""

    files: list[str]
    diagnostics: list[Diagnostic]

    @property
    def status(self) -> int:
        return exit_status(self.diagnostics)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


def find_register(paths: list[Path], documents: list[Document], default: Path | None = None) -> Path | None:
    """The register: a validated document that is one, else register.xml beside the first file
    that has one, else `default` (the project's tei/register.xml)."""
    for doc in documents:
        if doc.is_register:
            return doc.path
    for p in paths:
        candidate = p.parent / "register.xml"
        if candidate.is_file():
            return candidate
    return default if default is not None and default.is_file() else None


def validate(paths: list[Path], *, register: Path | None = None, default_register: Path | None = None,
             seeds_dirs: list[Path] | None = None,
             schema_path: Path | None = None, only_rules: set[str] | None = None,
             max_errors: int = MAX_PER_CHECK) -> Result:
    """Validate `paths`; the register (found or given) is used to resolve pointers.

    At most `max_errors` problems are reported per check and per file, then one line saying how
    many more there are: time and output stay bounded however broken a file is.

    Diagnostics are reported only for `paths` (a register loaded as context is reported on only
    when it cannot be read, since pointers cannot be checked without it).
    """
    rng = schema(schema_path)
    info = schema_info(str(resolve_schema(schema_path)))
    diagnostics: list[Diagnostic] = []
    documents: list[Document] = []
    names: list[str] = []
    for path in paths:
        loaded = load(path)
        if isinstance(loaded, Document):
            documents.append(loaded)
            names.append(loaded.name)
        else:
            diagnostics.append(loaded)
            names.append(loaded.path)
    reg_doc: Document | None = None
    unreadable: str | None = None
    reg_path = register or find_register(paths, documents, default_register)
    if reg_path is not None:
        reg_doc = next((d for d in documents if d.path.resolve() == reg_path.resolve()), None)
        if reg_doc is None:
            loaded = load(reg_path)
            if isinstance(loaded, Document):
                reg_doc = loaded
            else:
                diagnostics.append(loaded)
                unreadable = loaded.path
    ctx = Context(documents=documents, register=reg_doc, seeds_dirs=list(seeds_dirs or []),
                  register_unreadable=unreadable)
    for doc in documents:
        if doc.root.tag != f"{{{TEI_NS}}}TEI":
            ns = etree.QName(doc.root).namespace
            got = f"<{etree.QName(doc.root).localname}>" + (f' in namespace "{ns}"' if ns else " in no namespace")
            diagnostics.append(Diagnostic(doc.name, *doc.position(doc.root), ERROR,
                                          f"the root element is {got}, not <TEI> in the TEI namespace {TEI_NS}",
                                          GRAMMAR))
            continue
        found = check_grammar(doc, rng, info, max_errors, resolve_schema(schema_path))
        rule_diags: list[Diagnostic] = []
        for r in RULES.values():
            if only_rules is not None and r.ident not in only_rules:
                continue
            shown = 0
            for el, att, message in r.check(doc, ctx):
                shown += 1
                if shown <= max_errors:
                    line, col = doc.position(el, att)
                    rule_diags.append(Diagnostic(doc.name, line, col, r.severity, message, r.ident))
            if shown > max_errors:
                last = rule_diags[-1]
                rule_diags.append(Diagnostic(doc.name, last.line, last.col, r.severity,
                                             f"and {shown - max_errors} more problems of this kind in this file, "
                                             "not shown", r.ident))
        # A rule that explains an attribute value makes the grammar's vaguer report of it redundant.
        explained = {(d.line, d.col) for d in rule_diags}
        found = [d for d in found if (d.line, d.col) not in explained or not d.message.startswith(("attribute ", "@"))]
        diagnostics += _cap(doc.name, found + rule_diags, max_errors)
    order = {n: i for i, n in enumerate(names)}
    diagnostics.sort(key=lambda d: (order.get(d.path, len(order)), d.line, d.col, d.rule, d.message))
    return Result(names, _dedupe(diagnostics))


_SUMMARY = re.compile(r"^and (\d+) more ")


def _cap(name: str, diags: list[Diagnostic], limit: int) -> list[Diagnostic]:
    """At most `limit` errors of one file (first by position), then one line for the rest; the
    checks' own "and N more" lines are kept (one per check at most)."""
    errors = [d for d in diags if d.severity == ERROR and not _SUMMARY.match(d.message)]
    if len(errors) <= limit:
        return diags
    errors.sort(key=lambda d: (d.line, d.col))
    dropped = set(map(id, errors[limit:]))
    out = [d for d in diags if id(d) not in dropped]
    last = errors[limit - 1]
    out.append(Diagnostic(name, last.line, last.col, ERROR,
                          f"and {len(dropped)} more errors in this file, not shown (stopped after {limit}; "
                          "--max-errors or [tool.edition] max_errors shows more)", "max-errors"))
    return out


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[Diagnostic] = set()
    out = []
    for d in diags:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out
