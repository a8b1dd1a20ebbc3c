"""Packaging: the wheel carries the stylesheets and the schema; the resolver prefers a project's own.

The slow test builds a wheel from a copy of the source, installs it (non-editable, --no-index)
into a virtual environment that takes lxml, saxonche… from the system, and runs that `edition`
in a copy of the edition that has no xslt/ and no tei/schema/ of its own. Building needs
setuptools >= 77 (pyproject.toml's PEP 639 `license = "MIT"`): with this Python's own setuptools
when it is that new, offline; otherwise pip's build isolation installs it from the configured
package index first, and the test is skipped, with the reason, when no index answers (pip gets a
short --timeout and no retries, so an unreachable index does not hang the suite).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import edition
from edition import resources

REPO = Path(__file__).resolve().parent.parent
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.bak", "*.tmp", ".*")
SCHEMA_FILES = ("edition.odd", "edition.rng", "edition.sch")


def _project(root: Path, tei_dir: str = "tei") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f'[tool.edition]\ntei_dir = "{tei_dir}"\n', encoding="utf-8")
    return root


def _repo_data_files() -> set[str]:
    """What the wheel must hold under edition/data/: every file of xslt/ and the schema files."""
    xslt = {
        "xslt/" + p.relative_to(REPO / "xslt").as_posix()
        for p in (REPO / "xslt").rglob("*")
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith((".bak", ".tmp", ".pyc"))
    }
    encoding = {f"encoding/{p.name}" for p in (REPO / "editorial" / "encoding").glob("*.toml")}
    return xslt | {f"schema/{name}" for name in SCHEMA_FILES} | encoding


# ---------------------------------------------------------------- the resolver (fast)


def _full_xslt(project: Path) -> Path:
    """A complete copy of the stylesheets in the project, its CSS marked as the project's own."""
    shutil.copytree(REPO / "xslt", project / "xslt", ignore=JUNK)
    css = project / "xslt" / "html" / "assets" / "edition.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* project-own-css */\n", encoding="utf-8")
    return project / "xslt"


def test_a_source_checkout_packages_its_own_files() -> None:
    """Running from this checkout, the packaged copies are this checkout's xslt/ and tei/schema/."""
    assert Path(edition.__file__).resolve().is_relative_to(REPO / "tools"), edition.__file__
    assert resources.packaged("xslt") == REPO / "xslt"
    assert resources.packaged("schema") == REPO / "tei" / "schema"


def test_a_clone_resolves_into_itself_not_into_the_installed_checkout(tmp_path: Path) -> None:
    """Another clone or worktree run through PYTHONPATH uses its own files, whatever pip installed."""
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "tools" / "edition", clone / "tools" / "edition", ignore=JUNK)
    shutil.copytree(REPO / "xslt", clone / "xslt", ignore=JUNK)
    shutil.copytree(REPO / "tei" / "schema", clone / "tei" / "schema", ignore=JUNK)
    outside = tmp_path / "outside"  # no edition project here: the packaged copies apply
    outside.mkdir()
    env = dict(os.environ, PYTHONPATH=str(clone / "tools"))
    code = ("import edition, edition.resources as r; print(edition.__file__); print(r.packaged('xslt')); "
            "print(r.packaged('schema')); print(r.xslt_dir('html')); print(r.schema_dir())")
    proc = subprocess.run([sys.executable, "-c", code], cwd=outside, env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = [Path(line) for line in proc.stdout.splitlines()]
    assert lines == [clone / "tools" / "edition" / "__init__.py", clone / "xslt", clone / "tei" / "schema",
                     clone / "xslt" / "html", clone / "tei" / "schema"], proc.stdout


def test_resolver_prefers_the_projects_complete_xslt_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path / "ed")
    own = _full_xslt(project)
    sub = project / "tei"
    sub.mkdir()
    assert resources.xslt_root(project) == own
    assert resources.xslt_root(sub) == own  # found upwards, as config does
    for kind in resources.XSLT_KINDS:
        assert resources.xslt_dir(kind, project) == own / kind
        assert resources.project_xslt_dir(kind, project) == own / kind
    assert capsys.readouterr().err == ""


def test_a_partial_xslt_is_reported_once_and_not_mixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only xslt/html/: every kind comes from the packaged tree (html's ../common/ is there), one warning."""
    project = _project(tmp_path / "ed")
    (project / "xslt" / "html").mkdir(parents=True)
    (project / "xslt" / "html" / "text.xsl").write_text("<custom/>", encoding="utf-8")
    for kind in resources.XSLT_KINDS:
        assert resources.xslt_dir(kind, project) == resources.packaged("xslt") / kind
        assert resources.project_xslt_dir(kind, project) is None
    assert resources.xslt_root(project) == resources.packaged("xslt")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"warning: {project / 'xslt'}: incomplete copy of the stylesheets, not used")
    assert "common/params.xsl" in err[0] and "print/print.xsl" in err[0] and "timeline/timeline.xsl" in err[0]
    assert "html/text.xsl" not in err[0]


def test_build_inputs_use_the_tree_the_stylesheets_run_from(tmp_path: Path) -> None:
    from edition.config import load_project
    from edition.pipeline import BY_NAME

    partial = _project(tmp_path / "partial")
    (partial / "xslt" / "html").mkdir(parents=True)
    (partial / "xslt" / "html" / "text.xsl").write_text("<custom/>", encoding="utf-8")
    full = _project(tmp_path / "full")
    own = _full_xslt(full)
    for project, tree in ((partial, resources.packaged("xslt")), (full, own)):
        for step, kinds in (("html", {"common", "html", "timeline"}), ("pdf", {"common", "print"})):
            inputs, _ = BY_NAME[step].depends(load_project(project))
            xslt = {p for p in inputs if p.name in resources.XSLT_KINDS}
            assert {tree / kind for kind in kinds} <= xslt <= {tree / kind for kind in resources.XSLT_KINDS}, (
                project, step, inputs)


def test_publish_resolves_its_default_stylesheets_when_called(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No stylesheet directory frozen at import: publish() without xslt_dir takes the cwd's project's."""
    from edition.publish import html

    project = _project(tmp_path / "ed")
    _full_xslt(project)
    monkeypatch.chdir(project)
    html.publish([REPO / "tests" / "fixtures" / "html" / "verse.xml"], tmp_path / "out", search=False)
    assert "project-own-css" in (tmp_path / "out" / "assets" / "edition.css").read_text(encoding="utf-8")
    assert html.XSLT_DIR == project / "xslt" / "html"  # the old module attribute, resolved when read


def test_resolver_falls_back_to_the_packaged_copies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path / "bare")
    (project / "xslt" / "html").mkdir(parents=True)  # an empty directory is not a copy of the stylesheets
    for kind, marker in resources.XSLT_KINDS.items():
        found = resources.xslt_dir(kind, project)
        assert found == resources.packaged("xslt") / kind
        assert (found / marker).is_file(), found
    assert resources.missing_xslt(resources.packaged("xslt")) == []  # the packaged tree is complete
    assert capsys.readouterr().err == ""  # no stylesheet in it: nothing to warn about
    schema = resources.schema_dir(project)
    assert schema == resources.packaged("schema")
    assert {p.name for p in schema.iterdir()} >= set(SCHEMA_FILES)
    assert "<schemaSpec" in (schema / "edition.odd").read_text(encoding="utf-8")


def test_resolver_takes_the_projects_schema_from_its_tei_dir(tmp_path: Path) -> None:
    project = _project(tmp_path / "ed", tei_dir="texts")
    (project / "tei" / "schema").mkdir(parents=True)
    (project / "tei" / "schema" / "edition.rng").write_text("<grammar/>", encoding="utf-8")  # not its tei_dir
    assert resources.schema_dir(project) == resources.packaged("schema")
    (project / "texts" / "schema").mkdir(parents=True)
    (project / "texts" / "schema" / "edition.rng").write_text("<grammar/>", encoding="utf-8")
    assert resources.schema_dir(project) == project / "texts" / "schema"


def test_the_repository_uses_its_own_files() -> None:
    assert resources.xslt_root(REPO) == REPO / "xslt"
    assert resources.project_xslt_root(REPO) == REPO / "xslt"
    assert resources.schema_dir(REPO) == REPO / "tei" / "schema"


def test_every_package_is_listed_in_pyproject() -> None:
    """pyproject.toml lists the packages by hand (the mapped data ones forbid discovery)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(p.parent.relative_to(REPO / "tools").parts)
        for p in (REPO / "tools" / "edition").rglob("__init__.py")
    }
    listed = set(config["packages"])
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    assert listed - on_disk == {"edition.data.xslt", "edition.data.schema", "edition.data.encoding"}
    assert config["package-dir"] == {"": "tools", "edition.data.xslt": "xslt", "edition.data.schema": "tei/schema",
                                     "edition.data.encoding": "editorial/encoding"}
    manifest = (REPO / "MANIFEST.in").read_text(encoding="utf-8")
    assert "graft xslt" in manifest and all(f"tei/schema/{n}" in manifest for n in SCHEMA_FILES)
    assert "editorial/encoding" in manifest


# ---------------------------------------------------------------- a real non-editable install (slow)


def _version(dist: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in metadata.version(dist).split(".")[:2] if x.isdigit())
    except metadata.PackageNotFoundError:
        return ()


#: pip's words when the build environment cannot get setuptools from an index.
UNREACHABLE = ("No matching distribution found for setuptools",
               "Could not find a version that satisfies the requirement setuptools", "Failed to establish a new connection", "Temporary failure in name resolution", "Read timed out",
               "ConnectTimeout", "NewConnectionError")


def _build_wheel(src: Path, dest: Path) -> Path:
    """Build the wheel with this Python's setuptools when it is >= 77 (offline), else in pip's build isolation.

    pyproject.toml's `license = "MIT"` (PEP 639) needs setuptools 77, which also builds wheels
    without `wheel`. In isolation pip installs setuptools>=77 from the index first: skip when no
    index is reachable.
    """
    own = _version("setuptools") >= (77,)
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--timeout", "10", "--retries", "0",
           str(src), "-w", str(dest)]
    if own:
        cmd.insert(5, "--no-build-isolation")
    # The build environment's own pip (in isolation) reads the timeout and retries from the environment.
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_TIMEOUT="10", PIP_DEFAULT_TIMEOUT="10",
               PIP_RETRIES="0")
    why = (f"this Python's setuptools is {metadata.version('setuptools') if _version('setuptools') else 'absent'}"
           " (< 77) and pip's build isolation could not get setuptools>=77 from the package index")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
    except subprocess.TimeoutExpired:
        if own:
            raise
        pytest.skip(f"{why} within 180 s: cannot build the wheel")
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 and not own and any(words in output for words in UNREACHABLE):
        pytest.skip(f"{why}: cannot build the wheel")
    assert proc.returncode == 0, output
    wheels = list(dest.glob("tei_edition-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _copy_source(dest: Path) -> Path:
    """What the wheel is built from: configuration, package, stylesheets, schema (a frozen copy)."""
    dest.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "MANIFEST.in"):
        shutil.copy2(REPO / name, dest / name)
    shutil.copytree(REPO / "tools" / "edition", dest / "tools" / "edition", ignore=JUNK)
    shutil.copytree(REPO / "xslt", dest / "xslt", ignore=JUNK)
    (dest / "tei" / "schema").mkdir(parents=True)
    for name in SCHEMA_FILES:
        shutil.copy2(REPO / "tei" / "schema" / name, dest / "tei" / "schema" / name)
    shutil.copytree(REPO / "editorial" / "encoding", dest / "editorial" / "encoding", ignore=JUNK)
    return dest


def _copy_edition(dest: Path) -> Path:
    """The edition without xslt/ and tei/schema/: texts, register, editorial data, seeds."""
    _project(dest)
    (dest / "tei").mkdir()
    for tei in (REPO / "tei").glob("*.xml"):
        shutil.copy2(tei, dest / "tei" / tei.name)
    shutil.copytree(REPO / "editorial", dest / "editorial", ignore=JUNK)
    shutil.rmtree(dest / "editorial" / "encoding")  # the packaged templates serve (convert.prose)
    shutil.copytree(REPO / "seeds", dest / "seeds", ignore=JUNK)
    return dest


@pytest.mark.slow
def test_a_wheel_install_validates_and_publishes_outside_the_repository(tmp_path: Path) -> None:
    src = _copy_source(tmp_path / "src")
    wheel = _build_wheel(src, tmp_path / "dist")
    with zipfile.ZipFile(wheel) as zf:
        data = {n.removeprefix("edition/data/") for n in zf.namelist() if n.startswith("edition/data/")}
        assert zf.read("edition/data/xslt/print/print.css") == (REPO / "xslt" / "print" / "print.css").read_bytes()
    assert data == _repo_data_files()

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python, edition = venv / "bin" / "python", venv / "bin" / "edition"
    # The dependencies (lxml, saxonche, …) from the environment running the tests, offline: its
    # site-packages as a plain path entry (its .pth files, the editable install of this checkout
    # among them, are not processed, so `edition` can only come from the wheel).
    venv_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    deps = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    Path(venv_site, "test-deps.pth").write_text("".join(f"{d}\n" for d in sorted(deps)), encoding="utf-8")
    install = [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--disable-pip-version-check",
               str(wheel)]
    subprocess.run(install, check=True, timeout=120, capture_output=True)

    project = _copy_edition(tmp_path / "edition")
    assert not (project / "xslt").exists() and not (project / "tei" / "schema").exists()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=120)

    where = run(str(python), "-c", "import edition; from edition import resources as r; "
                "print(edition.__file__); print(r.xslt_dir('html')); print(r.schema_dir())")
    assert where.returncode == 0, where.stderr
    site = venv.resolve()
    for line in where.stdout.split():
        assert Path(line).resolve().is_relative_to(site), where.stdout  # the wheel's copy, not the checkout

    valid = run(str(edition), "validate")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert "4 files: valid" in valid.stdout  # the two texts, the register and editorial/events.xml

    # The packaged schema really is applied: an element the ODD does not allow is an error.
    bad = project / "bad.xml"
    text = (project / "tei" / "register.xml").read_text(encoding="utf-8")
    bad.write_text(text.replace("</teiHeader>", "</teiHeader><bogusElement/>", 1), encoding="utf-8")
    invalid = run(str(edition), "validate", "bad.xml")
    assert invalid.returncode == 1, invalid.stdout + invalid.stderr
    assert "bogusElement" in invalid.stderr and "Traceback" not in invalid.stderr
    bad.unlink()

    html = run(str(edition), "html", "--no-search")
    assert html.returncode == 0, html.stdout + html.stderr
    site_dir = project / "output" / "html"
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "soviet-albanian-split.html" in index and "from-bucharest-to-moscow.html" in index
    encoding = (site_dir / "encoding.html").read_text(encoding="utf-8")
    assert "persName" in encoding  # the principles page is made from the packaged ODD
    assert (site_dir / "timeline.html").is_file()  # xslt/timeline came along
    assert (site_dir / "assets" / "edition.css").read_bytes() == (REPO / "xslt/html/assets/edition.css").read_bytes()
