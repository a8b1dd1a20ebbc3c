"""The encoding description's prose, from the editorial templates `editorial/encoding/<profile>.toml`.

The converters compute the facts (counts, seed lines); the words are editorial data. A project
without its own template uses the toolkit's (the packaged copy of this repository's
editorial/encoding/, `edition/data/encoding/` in a wheel).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..errors import EditionError

_CODE = Path(__file__).resolve().parent.parent


def packaged_templates() -> Path:
    """The toolkit's own templates: the checkout's editorial/encoding/, or the wheel's data/encoding/."""
    if _CODE.parent.name == "tools":
        source = _CODE.parent.parent / "editorial" / "encoding"
        if source.is_dir():
            return source
    return _CODE / "data" / "encoding"


def template_path(editorial_dir: Path, profile: str) -> Path:
    own = editorial_dir / "encoding" / f"{profile}.toml"
    return own if own.is_file() else packaged_templates() / f"{profile}.toml"


def load(editorial_dir: Path | None, profile: str) -> dict[str, Any]:
    """The template of `profile`: the project's (editorial/encoding/), else the toolkit's (None: the toolkit's)."""
    path = template_path(editorial_dir, profile) if editorial_dir else packaged_templates() / f"{profile}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EditionError(f"{path}: the encoding description's template is missing") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EditionError(f"{path}: invalid TOML: {exc}") from None
    if not isinstance(data.get("decl"), dict):
        raise EditionError(f"{path}: no [decl.<section>] tables")
    data["_path"] = path
    return data


def part(data: dict[str, Any], name: str, **values: Any) -> str:
    """One of the template's [parts], filled."""
    text = data.get("parts", {}).get(name)
    if not isinstance(text, str):
        raise EditionError(f"{data['_path']}: [parts] {name} is missing")
    return _fill(data, f"[parts] {name}", text, values)


def decl(data: dict[str, Any], **values: Any) -> dict[str, list[str]]:
    """The editorialDecl sections: section → paragraphs, placeholders filled; empty ones left out."""
    out: dict[str, list[str]] = {}
    for section, table in data["decl"].items():
        paragraphs = table.get("paragraphs") if isinstance(table, dict) else None
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            raise EditionError(f"{data['_path']}: [decl.{section}] paragraphs must be a list of strings")
        filled = [_fill(data, f"[decl.{section}]", p, values).strip() for p in paragraphs]
        out[section] = [p for p in filled if p]
    return out


def _fill(data: dict[str, Any], where: str, text: str, values: dict[str, Any]) -> str:
    try:
        return text.format(**values)
    except KeyError as exc:
        raise EditionError(f"{data['_path']}: {where}: unknown placeholder {{{exc.args[0]}}}; "
                           f"known: {', '.join(sorted(values))}") from None
    except (ValueError, IndexError) as exc:
        raise EditionError(f"{data['_path']}: {where}: {exc} (write a literal brace as {{{{ or }}}})") from None
