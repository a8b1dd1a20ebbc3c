"""Where the stylesheets (xslt/) and the schema (tei/schema/) are: the project's own, else the packaged ones.

An edition project may keep its own copies — `xslt/<kind>/` to customise the HTML or the print,
`<tei_dir>/schema/` for its own ODD — and the toolkit then uses those. Otherwise it uses the
copies shipped inside the package: pyproject.toml maps the repository's `xslt/` and `tei/schema/`
to `edition/data/xslt/` and `edition/data/schema/` in the wheel, so the canonical files stay where
they are and are not duplicated. In an editable install the package has no data/ directory; the
packaged copies are then the source checkout's own, found from the install record (PEP 610
direct_url.json).

Every path returned is a real directory on the file system: Saxon resolves each xsl:import's
relative href against the stylesheet's file URI.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from .config import _read_toml, find_root

DISTRIBUTION = "tei-edition"

#: Stylesheet kind → the file that shows a project has its own copy of that kind.
XSLT_KINDS = {
    "common": "functions.xsl",
    "html": "text.xsl",
    "print": "print.xsl",
    "timeline": "timeline.xsl",
}
SCHEMA_MARKER = "edition.rng"

#: Packaged name (under edition/data/ in a wheel) → its place in the source checkout.
_SOURCE = {"xslt": ("xslt",), "schema": ("tei", "schema")}


def _editable_source() -> Path | None:
    """The source checkout of an editable install of the toolkit, else None."""
    from importlib import metadata

    try:
        record = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        info = json.loads(record or "{}")
    except json.JSONDecodeError:
        return None
    url = urlparse(str(info.get("url", "")))
    if not info.get("dir_info", {}).get("editable") or url.scheme != "file":
        return None
    return Path(unquote(url.path))


@lru_cache(maxsize=None)
def packaged(name: str) -> Path:
    """The packaged `xslt` or `schema` directory, as a real directory.

    Never raises for a broken install (modules compute their defaults at import): the path is
    then the one a wheel would have, and reading from it fails with that path in the message.
    """
    if name not in _SOURCE:
        raise ValueError(f"unknown packaged resource {name!r} (known: {', '.join(_SOURCE)})")
    data = resources.files("edition") / "data" / name
    wheel = Path(str(data))
    if isinstance(data, Path) and data.is_dir():
        return data
    source = _editable_source()
    if source is not None and source.joinpath(*_SOURCE[name]).is_dir():
        return source.joinpath(*_SOURCE[name])
    return wheel


def _tei_dir(root: Path) -> Path:
    cfg = _read_toml(root / "pyproject.toml").get("tool", {}).get("edition", {})
    return root / str(cfg.get("tei_dir", "tei"))


def project_xslt_dir(kind: str, root: Path | None = None) -> Path | None:
    """The project's own xslt/<kind>/ when it holds that kind's stylesheet, else None."""
    if kind not in XSLT_KINDS:
        raise ValueError(f"unknown stylesheet kind {kind!r} (known: {', '.join(XSLT_KINDS)})")
    own = find_root(root) / "xslt" / kind
    return own if (own / XSLT_KINDS[kind]).is_file() else None


def xslt_dir(kind: str, root: Path | None = None) -> Path:
    """xslt/<kind>/ of the project at or above `root` (default: the working directory), else the packaged one."""
    return project_xslt_dir(kind, root) or packaged("xslt") / kind


def project_schema_dir(root: Path | None = None) -> Path | None:
    """The project's own <tei_dir>/schema/ when it holds edition.rng, else None."""
    own = _tei_dir(find_root(root)) / "schema"
    return own if (own / SCHEMA_MARKER).is_file() else None


def schema_dir(root: Path | None = None) -> Path:
    """<tei_dir>/schema/ of the project at or above `root` (default: the working directory), else the packaged one."""
    return project_schema_dir(root) or packaged("schema")
