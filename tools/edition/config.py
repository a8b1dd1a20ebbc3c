"""Project configuration: `[tool.edition]` in pyproject.toml and `editorial/texts.toml`."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EditionError
from .safeio import inside, is_inside, read_text


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
        present = _present(self.tei_dir)
        for meta in self.texts:
            path = self.tei_dir / meta.tei
            if meta.tei not in present and not path.exists():
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

    @property
    def jobs(self) -> int:
        """`[tool.edition] jobs` (checked when the project is loaded), else the machine's CPUs: the processes a build
        may run at once (steps side by side, reading pages, PDF volumes, the warm worker)."""
        return self.settings.get("jobs") or os.cpu_count() or 1

    def wants_step(self, name: str) -> bool:
        """Whether `[tool.edition] steps` selects the build step `name` (default: every step)."""
        wanted = self.settings.get("steps")
        return wanted is None or name in wanted

    def xslt_root(self) -> Path:
        """The stylesheet tree this project publishes with: its own complete xslt/, else the packaged one."""
        from .resources import xslt_tree

        return xslt_tree(self.root)

    def xslt_dir(self, kind: str) -> Path:
        """xslt/<kind>/ (common, html, print, timeline) of `xslt_root()`."""
        from .resources import check_kind

        check_kind(kind)
        return self.xslt_root() / kind

    def schema_dir(self) -> Path:
        """The schema this project validates with: <tei_dir>/schema/ when it holds edition.rng, else the packaged one."""
        from .resources import schema_in

        return schema_in(self.tei_dir)


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
        if pp.is_file():
            tool = _read_toml(pp).get("tool", {})
            if isinstance(tool, dict) and "edition" in tool:
                return d
    return here


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_TEXT_KEYS = {"id": str, "seed": str, "profile": str, "tei": str, "title": str, "author": str, "language": str}


def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _settings(root: Path) -> dict[str, Any]:
    """[tool.edition] of pyproject.toml, its types checked (a wrong type is a message, not a crash)."""
    pp = root / "pyproject.toml"
    tool = _read_toml(pp).get("tool", {})
    if not isinstance(tool, dict):
        raise EditionError(f"{pp}: [tool] must be a table, not {_type_name(tool)}")
    cfg = tool.get("edition", {})
    if not isinstance(cfg, dict):
        raise EditionError(f"{pp}: [tool] edition must be a table ([tool.edition]), not {_type_name(cfg)}")
    for key in ("tei_dir", "seeds_dir", "output_dir", "editorial_dir"):
        if key in cfg and (not isinstance(cfg[key], str) or not cfg[key].strip()):
            raise EditionError(f"{pp}: [tool.edition] {key} must be a directory name (a string), "
                               f"not {_type_name(cfg[key])} {cfg[key]!r}")
    steps = cfg.get("steps")
    if steps is not None and (not isinstance(steps, list) or not all(isinstance(x, str) for x in steps)):
        raise EditionError(f"{pp}: [tool.edition] steps must be an array of step names, e.g. "
                           f'steps = ["convert", "enrich", "validate", "html"], not {_type_name(steps)} {steps!r}')
    jobs = cfg.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise EditionError(f"{pp}: [tool.edition] jobs must be a whole number of processes, 1 or more (e.g. jobs = 2), "
                           f"not {_type_name(jobs)} {jobs!r}")
    link = cfg.get("link")
    if link is not None and (not isinstance(link, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in link)):
        raise EditionError(f'{pp}: [tool.edition] link must be an array of text-id pairs, e.g. link = [["sas", "fbm"]], '
                           f"not {link!r}")
    return cfg


def _texts(texts_toml: Path, data: dict[str, Any], seeds_dir: Path) -> list[TextMeta]:
    entries = data.get("texts", [])
    if not isinstance(entries, list) or not all(isinstance(t, dict) for t in entries):
        raise EditionError(f"{texts_toml}: texts must be an array of tables ([[texts]])")
    texts: list[TextMeta] = []
    seen: dict[tuple[str, str], int] = {}
    parents: dict[str, str] = {}  # the seeds' directories, resolved once (safeio.inside)
    links = _links(seeds_dir)
    for i, t in enumerate(entries, 1):
        where = f"{texts_toml}: [[texts]] entry {i}"
        missing = [k for k in ("id", "seed", "profile", "tei", "title") if k not in t]
        if missing:
            raise EditionError(f"{where} lacks {', '.join(missing)}")
        for key, typ in _TEXT_KEYS.items():
            if key in t and not isinstance(t[key], typ):
                raise EditionError(f"{where}: {key} must be {_type_name(typ())}, not {_type_name(t[key])} {t[key]!r}")
        if not _NAME.fullmatch(t["id"]):
            raise EditionError(f"{where}: id {t['id']!r} is not an identifier (a letter or _ first, then letters, "
                               "digits, '.', '-', '_'); it becomes the TEI document's xml:id")
        tei_name = t["tei"]
        if os.path.basename(tei_name) != tei_name or tei_name in (".", "..") or not tei_name.endswith(".xml"):
            raise EditionError(f"{where}: tei {tei_name!r} must be a plain file name ending in .xml "
                               "(the file is written into the project's tei/ directory)")
        seed = t["seed"]
        if os.path.isabs(seed) or ".." in seed.split("/"):  # Path(seed).parts, without making Paths
            raise EditionError(f"{where}: seed {seed!r} must be a file name inside the seeds directory "
                               f"({seeds_dir}), not a path leading elsewhere")
        # (a plain name in the seeds directory that is no symbolic link lies inside it: thousands not resolved)
        if ("/" in seed or seed in links or not seed) and not is_inside(seeds_dir, seed, parents):
            inside(seeds_dir, seed, what=f"{where}: seed")  # refused, with its message
        for key in ("id", "tei", "seed"):
            if (key, t[key]) in seen:
                raise EditionError(f"{where}: {key} {t[key]!r} is used by entry {seen[(key, t[key])]} already; "
                                   "each text needs its own")
            seen[(key, t[key])] = i
        texts.append(
            TextMeta(
                **{k: t[k] for k in _KNOWN if k in t},
                extra={k: v for k, v in t.items() if k not in _KNOWN},
            )
        )
    return texts


_KNOWN = {"id", "seed", "profile", "tei", "title", "author", "language"}


def _links(directory: Path) -> set[str]:
    """The names of the symbolic links in `directory`, from one listing: only those of thousands of seeds need
    resolving to be known to stay inside it (an unreadable directory: none, and each seed is resolved)."""
    try:
        with os.scandir(directory) as entries:
            return {e.name for e in entries if e.is_symlink()}
    except OSError:
        return set()


def _present(directory: Path) -> set[str]:
    """The names in `directory` that exist (Path.exists: a symbolic link counts if it leads somewhere), from one
    listing: thousands of texts' files are not stat'ed one by one (only the links among them)."""
    try:
        with os.scandir(directory) as entries:
            return {e.name for e in entries if not e.is_symlink() or os.path.exists(e.path)}
    except OSError:
        return set()


def load_project(root: Path | None = None) -> Project:
    """The project at (or above) `root`: its settings and texts, every path in it checked to stay
    inside the project (symlinks followed) and every value's type checked, so a configuration
    mistake is one message (EditionError), never a traceback."""
    root = find_root(root)
    cfg = _settings(root)
    where = f"{root / 'pyproject.toml'}: [tool.edition]"
    dirs = {key: inside(root, cfg.get(key, key.removesuffix("_dir")), what=f"{where} {key}")
            for key in ("tei_dir", "seeds_dir", "output_dir", "editorial_dir")}
    texts_toml = dirs["editorial_dir"] / "texts.toml"
    from .buildstate import keep_toml, kept_toml

    data = kept_toml(dirs["output_dir"], texts_toml)
    if data is None:
        data = _read_toml(texts_toml)
        keep_toml(dirs["output_dir"], texts_toml, data)
    edition = data.get("edition", {})
    if not isinstance(edition, dict):
        raise EditionError(f"{texts_toml}: [edition] must be a table, not {_type_name(edition)}")
    return Project(
        root=root,
        tei_dir=dirs["tei_dir"],
        seeds_dir=dirs["seeds_dir"],
        output_dir=dirs["output_dir"],
        editorial_dir=dirs["editorial_dir"],
        edition=edition,
        texts=_texts(texts_toml, data, dirs["seeds_dir"]),
        settings=cfg,
    )
