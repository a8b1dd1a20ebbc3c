"""Record what the tools last wrote to tei/, so hand edits are never clobbered.

`tei/.manifest.json` maps each file name to the sha256 of the bytes a tool last wrote
and the fingerprint of the inputs it was made from. A file whose bytes no longer match
its record was edited by hand; tools refuse to overwrite it without --force.
"""

from __future__ import annotations

import json
from pathlib import Path

from .xmlio import atomic_write, sha256_file

MANIFEST = ".manifest.json"


class Manifest:
    def __init__(self, directory: Path):
        self.path = Path(directory) / MANIFEST
        self.entries: dict[str, dict[str, str]] = {}
        if self.path.exists():
            self.entries = json.loads(self.path.read_text(encoding="utf-8")).get("files", {})

    def entry(self, target: Path) -> dict[str, str] | None:
        return self.entries.get(Path(target).name)

    def is_hand_edited(self, target: Path) -> bool:
        """True when `target` exists and its bytes are not what a tool last wrote."""
        target = Path(target)
        if not target.exists():
            return False
        rec = self.entry(target)
        return rec is None or rec.get("sha256") != sha256_file(target)

    def record(self, target: Path, *, tool: str, inputs: str | None = None) -> None:
        rec = {"sha256": sha256_file(target), "tool": tool}
        old = self.entry(target) or {}
        if inputs is None and "inputs" in old:
            inputs = old["inputs"]
        if inputs is not None:
            rec["inputs"] = inputs
        self.entries[Path(target).name] = rec

    def save(self) -> None:
        body = {"comment": "Written by the edition tools; do not edit.", "files": dict(sorted(self.entries.items()))}
        text = json.dumps(body, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        if self.path.exists() and self.path.read_text(encoding="utf-8") == text:
            return
        atomic_write(self.path, text)


def write_stage_output(path: Path, data: bytes, before: bytes, *, tool: str, dry_run: bool = False) -> str:
    """Write the TEI a stage (enrich, speakers, link) rewrote in place; return its status.

    Nothing is written when the bytes are unchanged or on a dry run. A file that was edited by
    hand stays marked so in the manifest (the stage's write does not launder the edit), so
    `convert` will still refuse to overwrite it; otherwise the stage's bytes are recorded.
    """
    if data == before:
        return "unchanged"
    if dry_run:
        return "would change (dry run, nothing written)"
    manifest = Manifest(Path(path).parent)
    edited = manifest.is_hand_edited(path)
    atomic_write(path, data)
    if edited:
        return "written (edited by hand before: manifest left marking it so)"
    manifest.record(path, tool=tool)
    manifest.save()
    return "written"
