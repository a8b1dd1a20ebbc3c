"""Where the stylesheets (xslt/) and the schema (tei/schema/) are: the project's own, else the packaged ones.

An edition project may keep its own copies and the toolkit then uses those:

- the stylesheets as one tree, `xslt/` with `common/`, `html/`, `print/` and `timeline/`. The kinds
  depend on each other (the HTML stylesheets include `../common/`; the HTML pages and the print book
  take the timeline from `../timeline/`), so the tree is taken whole or not at all: the project's
  `xslt/` when it is complete (every file of `XSLT_REQUIRED`), else the packaged tree. A project
  `xslt/` holding some stylesheets but not all is reported once (a warning naming what is missing)
  and not used: mixing its files with packaged ones would run stylesheets against includes they
  were not written for.
- the schema, `<tei_dir>/schema/` holding `edition.rng` (with `edition.odd` and `edition.sch`).

Otherwise the toolkit uses the packaged copies, found relative to the running code: in a source
checkout (tools/edition/ in the repository, editable install or PYTHONPATH) the checkout's own
`xslt/` and `tei/schema/`; in a wheel, `edition/data/xslt/` and `edition/data/schema/`, where
pyproject.toml maps the repository's `xslt/` and `tei/schema/` so the canonical files are not
duplicated. Never another checkout's: not pip's install record (direct_url.json), which names
wherever the editable install was made.

Every path returned is a real directory on the file system: Saxon resolves each xsl:import's
relative href against the stylesheet's file URI.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from .config import _read_toml, find_root

#: Stylesheet kind → its entry file (the kinds are directories of the one xslt/ tree).
XSLT_KINDS = {
    "common": "functions.xsl",
    "html": "text.xsl",
    "print": "print.xsl",
    "timeline": "timeline.xsl",
}
#: What a project's xslt/ must hold to replace the packaged tree: the entry stylesheets, the
#: common files they include, and the files the Python code reads beside them.
XSLT_REQUIRED = (
    "common/functions.xsl",
    "common/numbering.xsl",
    "common/params.xsl",
    "common/pointers.xsl",
    "common/coverage.xsl",
    "common/suppressed.xml",
    "html/site.xsl",
    "html/text.xsl",
    "html/assets/edition.css",
    "print/print.xsl",
    "print/links.xsl",
    "print/print.css",
    "timeline/timeline.xsl",
    "timeline/chart.xsl",
)
SCHEMA_MARKER = "edition.rng"

_CODE = Path(__file__).resolve().parent  # tools/edition/ in a checkout, site-packages/edition/ in a wheel
#: Packaged name → its place in the wheel (under edition/data/) and in a source checkout.
_PLACES = {"xslt": ("xslt",), "schema": ("tei", "schema")}


@lru_cache(maxsize=None)
def packaged(name: str) -> Path:
    """The packaged `xslt` or `schema` directory of the running code, as a real directory.

    Never raises for a broken install (modules compute their defaults at import): the path is
    then the one a wheel would have, and reading from it fails with that path in the message.
    """
    if name not in _PLACES:
        raise ValueError(f"unknown packaged resource {name!r} (known: {', '.join(_PLACES)})")
    wheel = _CODE / "data" / name
    if _CODE.parent.name == "tools":  # a source checkout: <repo>/tools/edition/
        source = _CODE.parent.parent.joinpath(*_PLACES[name])
        if source.is_dir():
            return source
    return wheel


def _tei_dir(root: Path) -> Path:
    cfg = _read_toml(root / "pyproject.toml").get("tool", {}).get("edition", {})
    return root / str(cfg.get("tei_dir", "tei"))


def missing_xslt(tree: Path) -> list[str]:
    """The files of XSLT_REQUIRED that `tree` (an xslt/ directory) lacks."""
    return [rel for rel in XSLT_REQUIRED if not (tree / rel).is_file()]


_warned: set[Path] = set()


def _project_xslt(root: Path) -> Path | None:
    own = root / "xslt"
    if not own.is_dir():
        return None
    missing = missing_xslt(own)
    if not missing:
        return own
    if own not in _warned and any(own.rglob("*.xsl")):  # some stylesheets, not all: say so once, do not mix
        _warned.add(own)
        sys.stderr.write(
            f"warning: {own}: incomplete copy of the stylesheets, not used (missing {', '.join(missing)}); "
            "using the packaged ones. To customise, copy the whole xslt/ tree of the toolkit.\n"
        )
    return None


def xslt_tree(root: Path) -> Path:
    """The xslt/ tree of the project whose root is `root` (as the Project knows it), else the packaged one."""
    return _project_xslt(root) or packaged("xslt")


def schema_in(tei_dir: Path) -> Path:
    """`tei_dir`/schema/ when it holds edition.rng, else the packaged schema."""
    own = tei_dir / "schema"
    return own if (own / SCHEMA_MARKER).is_file() else packaged("schema")


def project_xslt_root(root: Path | None = None) -> Path | None:
    """The project's own xslt/ when it is a complete copy of the stylesheets, else None."""
    return _project_xslt(find_root(root))


def xslt_root(root: Path | None = None) -> Path:
    """The xslt/ tree of the project at or above `root` (default: the working directory), else the packaged one."""
    return project_xslt_root(root) or packaged("xslt")


def project_xslt_dir(kind: str, root: Path | None = None) -> Path | None:
    """The project's own xslt/<kind>/ when its xslt/ is a complete copy, else None."""
    check_kind(kind)
    own = project_xslt_root(root)
    return own / kind if own else None


def xslt_dir(kind: str, root: Path | None = None) -> Path:
    """xslt/<kind>/ of the one xslt tree `xslt_root(root)` resolves to."""
    check_kind(kind)
    return xslt_root(root) / kind


def check_kind(kind: str) -> None:
    if kind not in XSLT_KINDS:
        raise ValueError(f"unknown stylesheet kind {kind!r} (known: {', '.join(XSLT_KINDS)})")


def project_schema_dir(root: Path | None = None) -> Path | None:
    """The project's own <tei_dir>/schema/ when it holds edition.rng, else None."""
    own = _tei_dir(find_root(root)) / "schema"
    return own if (own / SCHEMA_MARKER).is_file() else None


def schema_dir(root: Path | None = None) -> Path:
    """<tei_dir>/schema/ of the project at or above `root` (default: the working directory), else the packaged one."""
    return project_schema_dir(root) or packaged("schema")
