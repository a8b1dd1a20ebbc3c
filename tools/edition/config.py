"""Project configuration: `[tool.edition]` in pyproject.toml and `editorial/texts.toml`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError
from .safeio import inside, read_text


@dataclass(frozen=True)
class TextMeta:
    """Metadata of one text, from `editorial/texts.toml` (or derived for an unlisted seed)."""

    id: str
    seed: str
    profile: str
    tei: str
    title: str
    author: str | None = None
    language: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.extra.get(key, default)


@dataclass
class Project:
    root: Path
    tei_dir: Path
    seeds_dir: Path
    output_dir: Path
    editorial_dir: Path
    edition: dict[str, Any]
    texts: list[TextMeta]
    settings: dict[str, Any] = field(default_factory=dict)  # the raw [tool.edition] table

    def text_for_seed(self, seed: Path) -> TextMeta | None:
        for meta in self.texts:
            if meta.seed == seed.name:
                return meta
        return None

    def text_by_id(self, text_id: str) -> TextMeta | None:
        return next((m for m in self.texts if m.id == text_id), None)

    def text_paths(self) -> list[Path]:
        """The TEI file of every text in editorial/texts.toml, in that order; all must exist."""
        paths = []
        for meta in self.texts:
            path = self.tei_dir / meta.tei
            if not path.exists():
                raise EditionError(f"{path}: TEI of text {meta.id!r} is missing (run `edition convert` or `edition build`)")
            paths.append(path)
        if not paths:
            raise EditionError(f"{self.editorial_dir / 'texts.toml'}: no texts listed")
        return paths

    def register_path(self) -> Path | None:
        """tei/register.xml, if the edition has one."""
        path = self.tei_dir / "register.xml"
        return path if path.exists() else None

    def corrections_file(self, text_id: str) -> Path:
        return self.editorial_dir / "corrections" / f"{text_id}.tsv"


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        return tomllib.loads(read_text(path, what="TOML file"))
    except tomllib.TOMLDecodeError as exc:
        raise EditionError(f"{path}: invalid TOML: {exc}") from None


def find_root(start: Path | None = None) -> Path:
    """The nearest directory upwards holding pyproject.toml with [tool.edition]; else cwd."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        pp = d / "pyproject.toml"
        if pp.exists() and "edition" in _read_toml(pp).get("tool", {}):
            return d
    return here


_KNOWN = {"id", "seed", "profile", "tei", "title", "author", "language"}


def load_project(root: Path | None = None) -> Project:
    root = find_root(root)
    cfg = _read_toml(root / "pyproject.toml").get("tool", {}).get("edition", {})
    editorial = root / cfg.get("editorial_dir", "editorial")
    texts_toml = editorial / "texts.toml"
    data = _read_toml(texts_toml)
    texts = []
    for i, t in enumerate(data.get("texts", []), 1):
        missing = [k for k in ("id", "seed", "profile", "tei", "title") if k not in t]
        if missing:
            raise EditionError(f"{texts_toml}: [[texts]] entry {i} lacks {', '.join(missing)}")
        texts.append(
            TextMeta(
                **{k: t[k] for k in _KNOWN if k in t},
                extra={k: v for k, v in t.items() if k not in _KNOWN},
            )
        )
    return Project(
        root=root,
        tei_dir=root / cfg.get("tei_dir", "tei"),
        seeds_dir=root / cfg.get("seeds_dir", "seeds"),
        output_dir=root / cfg.get("output_dir", "output"),
        editorial_dir=editorial,
        edition=data.get("edition", {}),
        texts=texts,
        settings=cfg,
    )
