"""Record what the tools last wrote to tei/, so hand edits are never clobbered.

`tei/.manifest.json` maps each file name to the sha256 of the bytes a tool last wrote
and the fingerprint of the inputs it was made from. A file whose bytes no longer match
its record was edited by hand; tools refuse to overwrite it without --force.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import EditionError
from .safeio import read_text
from .xmlio import ANY, MISSING, ChangedMeanwhile, atomic_write, sha256_bytes, sha256_file

MANIFEST = ".manifest.json"


class Manifest:
    def __init__(self, directory: Path):
        self.path = Path(directory) / MANIFEST
        self.entries: dict[str, dict[str, str]] = {}
        if self.path.exists():
            try:
                data = json.loads(read_text(self.path, what="tool manifest"))
                entries = data.get("files", {}) if isinstance(data, dict) else None
                if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
                    raise ValueError("no 'files' table")
            except (OSError, UnicodeDecodeError, ValueError, EditionError) as exc:
                raise EditionError(
                    f"{self.path}: unreadable tool manifest ({exc}); it records which TEI files a tool "
                    "wrote. Restore it from version control, or delete it: every TEI file will then "
                    "count as edited by hand, so nothing is overwritten without --force."
                ) from None
            self.entries = entries

    def entry(self, target: Path) -> dict[str, str] | None:
        return self.entries.get(Path(target).name)

    def is_hand_edited(self, target: Path, sha256: str | None = None) -> bool:
        """True when `target` exists and its bytes are not what a tool last wrote (or was about to
        replace: a write killed between the manifest and the file leaves the previous version).
        `sha256`: the hash of the bytes the caller read (then the file is not read again)."""
        target = Path(target)
        if sha256 is None:
            if not target.exists():
                return False
            sha256 = sha256_file(target)
        rec = self.entry(target)
        return rec is None or sha256 not in (rec.get("sha256"), rec.get("previous"))

    def write(self, target: Path, data: bytes, *, tool: str, inputs: str | None = None,
              expect: str = ANY, extra: dict[str, str] | None = None) -> None:
        """Write a tool's output: the manifest first (new hash, and the tool-written bytes it
        replaces), then the file, both atomically; killed at any moment, the file is one of the
        two versions the manifest names, so it never passes for a hand edit.

        `expect`: compare and swap (see `atomic_write`): the sha256 of the file as the tool read
        it (or MISSING). If the file changed meanwhile, it is kept, the manifest entry is put
        back as it was, and ChangedMeanwhile is raised.
        """
        target = Path(target)
        old = self.entry(target)
        rec = {"sha256": sha256_bytes(data), "tool": tool}
        current = expect if expect not in (ANY, MISSING) else (sha256_file(target) if target.exists() else None)
        if current is not None and not self.is_hand_edited(target, current) and current != rec["sha256"]:
            rec["previous"] = current
        if inputs is None and old and "inputs" in old:
            inputs = old["inputs"]
        if inputs is not None:
            rec["inputs"] = inputs
        rec.update(extra or {})
        self.entries[target.name] = rec
        self.save()
        try:
            atomic_write(target, data, expect=expect, through_symlink=True)
        except ChangedMeanwhile:
            if old is None:
                self.entries.pop(target.name, None)
            else:
                self.entries[target.name] = old
            self.save()
            raise

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

    `before`: the bytes the stage read. Nothing is written when the bytes are unchanged or on a
    dry run. Compare and swap: if the file no longer holds `before` (a person saved it while the
    stage worked), it is kept and ChangedMeanwhile (an EditionError, exit 1) is raised. A file
    that was edited by hand stays marked so in the manifest (the stage's write does not launder
    the edit), so `convert` will still refuse to overwrite it; otherwise the stage's bytes are
    recorded.
    """
    if data == before:
        return "unchanged"
    if dry_run:
        return "would change (dry run, nothing written)"
    expect = sha256_bytes(before)
    manifest = Manifest(Path(path).parent)
    if manifest.is_hand_edited(path, expect):
        atomic_write(path, data, expect=expect, through_symlink=True)
        return "written (edited by hand before: manifest left marking it so)"
    manifest.write(path, data, tool=tool, expect=expect)
    return "written"
