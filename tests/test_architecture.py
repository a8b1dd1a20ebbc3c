"""The pipeline is visible in the code: no import cycles, no stage asking the orchestrator.

Read statically (ast) from tools/edition/: module-level imports form an acyclic graph; the stage
packages (convert, enrich, speakers, link, validate, publish) never import the orchestration
(build, pipeline, cli), not even inside a function; only cli/ defines click commands.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "edition"
STAGE_PACKAGES = ("convert", "enrich", "speakers", "link", "validate", "publish")
ORCHESTRATION = ("edition.build", "edition.pipeline", "edition.cli")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> list[str]:
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = package[: len(package) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    targets = []
    for alias in node.names:
        candidate = f"{prefix}.{alias.name}"
        targets.append(candidate if candidate in MODULES else prefix)
    return [t for t in targets if t in MODULES]


def _imports(module: str, path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            found.update(_resolve(module, path, node))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
    found.discard(module)
    return found


def test_no_import_cycle_at_module_level() -> None:
    graph = {m: _imports(m, p, top_level_only=True) for m, p in MODULES.items()}
    # a module's package __init__ runs first anyway: an edge to an ancestor package is no cycle
    for m in graph:
        graph[m] = {t for t in graph[m] if not m.startswith(t + ".")}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t, stack + [t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_stages_do_not_import_the_orchestration() -> None:
    offenders = {}
    for module, path in MODULES.items():
        if module.split(".")[1:2] and module.split(".")[1] in STAGE_PACKAGES:
            bad = {t for t in _imports(module, path, top_level_only=False)
                   if any(t == o or t.startswith(o + ".") for o in ORCHESTRATION)}
            if bad:
                offenders[module] = sorted(bad)
    assert offenders == {}


def test_click_commands_live_in_cli_only() -> None:
    defining = sorted(m for m, p in MODULES.items()
                      if "@click.command" in p.read_text(encoding="utf-8") and not m.startswith("edition.cli"))
    assert defining == []


def test_no_dispatch_by_strings_and_no_warning_parsing() -> None:
    import re

    offenders = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if re.search(r'"edition\.[a-z_.]+:[a-z_]+"', text) or re.search(r'startswith\("warning', text):
            offenders.append(module)
    assert offenders == []
