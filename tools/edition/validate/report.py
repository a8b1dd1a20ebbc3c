"""Output formats of `edition validate`: text, json, junit, github (workflow annotations)."""

from __future__ import annotations

import json
from collections.abc import Callable

from lxml import etree

from .diagnostics import Diagnostic
from .engine import Result

FORMATS = ("text", "json", "junit", "github")


def summary(result: Result) -> str:
    """One line: how many files, errors and warnings."""
    n = len(result.files)
    files = f"{n} file{'s' if n != 1 else ''}"
    if result.status == 2:
        return f"{files}: could not validate (unreadable or not XML); {result.errors} errors"
    if not result.diagnostics:
        return f"{files}: valid"
    parts = []
    if result.errors:
        parts.append(f"{result.errors} error{'s' if result.errors != 1 else ''}")
    if result.warnings:
        parts.append(f"{result.warnings} warning{'s' if result.warnings != 1 else ''}")
    return f"{files}: {'invalid' if result.errors else 'valid'} ({', '.join(parts)})"


def as_text(result: Result) -> tuple[str, str]:
    """(stdout, stderr): problems one per line on stderr, the summary on stdout."""
    err = "".join(d.text() + "\n" for d in result.diagnostics)
    return summary(result) + "\n", err


def _dict(d: Diagnostic) -> dict[str, object]:
    return {"path": d.path, "line": d.line, "column": d.col, "severity": d.severity, "rule": d.rule,
            "message": d.message}


def as_json(result: Result) -> tuple[str, str]:
    """A JSON object on stdout: files, valid, exit status, counts, diagnostics."""
    data = {"files": result.files, "valid": result.status == 0, "status": result.status,
            "errors": result.errors, "warnings": result.warnings,
            "diagnostics": [_dict(d) for d in result.diagnostics]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", ""


def as_junit(result: Result) -> tuple[str, str]:
    """JUnit XML on stdout: one testcase per file, a failure per error (warnings in system-out)."""
    names = list(dict.fromkeys([*result.files, *(d.path for d in result.diagnostics)]))
    suites = etree.Element("testsuites", name="edition validate")
    suite = etree.SubElement(suites, "testsuite", name="edition validate", tests=str(len(names)),
                             failures=str(sum(1 for f in names if _errors_of(result, f))), errors="0")
    for name in names:
        case = etree.SubElement(suite, "testcase", classname="edition.validate", name=name)
        warnings = []
        for d in result.diagnostics:
            if d.path != name:
                continue
            if d.severity == "error":
                failure = etree.SubElement(case, "failure", message=f"{d.message} [{d.rule}]", type=d.rule)
                failure.text = d.text()
            else:
                warnings.append(d.text())
        if warnings:
            etree.SubElement(case, "system-out").text = "\n".join(warnings)
    etree.indent(suites, space="  ")
    body = etree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n", ""


def _errors_of(result: Result, name: str) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.path == name and d.severity == "error"]


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def as_github(result: Result) -> tuple[str, str]:
    """GitHub Actions workflow commands (::error file=…,line=…,col=…,title=…::message) on stdout."""
    lines = [f"::{d.severity} file={_gh_prop(d.path)},line={d.line},col={d.col},title={_gh_prop(d.rule)}::"
             f"{_gh_data(d.message)}" for d in result.diagnostics]
    lines.append(summary(result))
    return "\n".join(lines) + "\n", ""


RENDERERS: dict[str, Callable[[Result], tuple[str, str]]] = {
    "text": as_text, "json": as_json, "junit": as_junit, "github": as_github}


def render(result: Result, fmt: str) -> tuple[str, str]:
    """(stdout, stderr) of `result` in format `fmt`."""
    return RENDERERS[fmt](result)
