"""The pre-commit hooks and the GitHub Actions recipe really run `edition validate`."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases"


def _hooks() -> list[dict[str, str]]:
    """The hook list of .pre-commit-hooks.yaml (a flat list of maps: read without a YAML library)."""
    hooks: list[dict[str, str]] = []
    for raw in (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        m = re.fullmatch(r"(- |  )([a-z_]+): (.*)", raw)
        assert m, f"unexpected line in .pre-commit-hooks.yaml: {raw!r}"
        if m.group(1) == "- ":
            hooks.append({})
        hooks[-1][m.group(2)] = m.group(3).strip()
    return hooks


def test_hooks_file_structure() -> None:
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["edition-validate", "edition-validate-files"]
    for h in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(h)
        assert h["language"] == "python" and h["entry"].startswith("edition validate")
        re.compile(h["files"])
    import yaml
    assert [h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())] == [h["id"] for h in hooks]


def _edition() -> list[str]:
    exe = shutil.which("edition")
    return [exe] if exe else [sys.executable, "-c", "from edition.cli import main; main(prog_name='edition')"]


def _run_hook(hook: dict[str, str], files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a hook the way pre-commit does: entry + args + (matching staged files if pass_filenames)."""
    argv = shlex.split(hook["entry"])
    assert argv[0] == "edition"
    rel = [str(f.relative_to(cwd)) for f in files]
    matching = [f for f in rel if re.search(hook["files"], f) and not re.search(hook.get("exclude", "^$x"), f)]
    args = matching if hook.get("pass_filenames", "true") != "false" else []
    return subprocess.run([*_edition(), *argv[1:], *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def edition_repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\ntei_dir = "tei"\n')
    (tmp_path / "tei").mkdir()
    shutil.copy(CASES / "ref-resolves" / "register.xml", tmp_path / "tei" / "register.xml")
    shutil.copy(CASES / "ref-resolves" / "valid-register-and-internal.xml", tmp_path / "tei" / "text.xml")
    return tmp_path


@pytest.mark.parametrize("hook_id", ["edition-validate", "edition-validate-files"])
def test_hook_passes_valid_and_fails_invalid(edition_repo: Path, hook_id: str) -> None:
    hook = next(h for h in _hooks() if h["id"] == hook_id)
    text = edition_repo / "tei" / "text.xml"
    ok = _run_hook(hook, [text], edition_repo)
    assert ok.returncode == 0, ok.stderr
    assert ok.stderr == "" and "valid" in ok.stdout
    text.write_text(text.read_text().replace('ref="#enver-hoxha"', 'ref="#enver-hoxa"'))
    bad = _run_hook(hook, [text], edition_repo)
    assert bad.returncode == 1
    assert re.search(r"^tei/text\.xml:\d+:\d+: error: @ref=\"#enver-hoxa\" .* \[ref-resolves\]$", bad.stderr, re.M)
    assert "Traceback" not in bad.stderr


WORKFLOW = REPO / "examples" / "github-actions-validate.yml"


def test_workflow_is_documented_and_well_formed() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.startswith("# CI recipe")
    assert "\t" not in text
    for key in ("name:", "on:", "jobs:", "runs-on:", "steps:", "actions/checkout@", "actions/setup-python@"):
        assert key in text, key
    import yaml
    data = yaml.safe_load(text)
    steps = data["jobs"]["validate"]["steps"]
    assert any("edition validate" in s.get("run", "") for s in steps)


def _workflow_commands() -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^\s+run: (edition .+)$", WORKFLOW.read_text(), re.M)]


def test_workflow_commands_run(edition_repo: Path) -> None:
    commands = _workflow_commands()
    assert any("--format github" in c for c in commands) and any("--format junit" in c for c in commands)
    for command in commands:
        argv = shlex.split(command.split(">")[0])
        ok = subprocess.run([*_edition(), *argv[1:]], cwd=edition_repo, capture_output=True, text=True, timeout=120)
        assert ok.returncode == 0, (command, ok.stdout, ok.stderr)
    text = edition_repo / "tei" / "text.xml"
    text.write_text(text.read_text().replace('<head>A section</head>', '<head>A <foreign>x</foreign></head>'))
    gh = next(c for c in commands if "--format github" in c)
    bad = subprocess.run([*_edition(), *shlex.split(gh)[1:]], cwd=edition_repo, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert re.search(r"^::error file=tei/text\.xml,line=\d+,col=\d+,title=foreign-lang::", bad.stdout, re.M)
