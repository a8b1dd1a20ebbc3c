"""Convert seed texts into TEI P5 (stage 1 of convert → enrich → validate → publish).

A profile converter (`wikitext`, `memoir`) is a module with
`convert(seed: Seed, meta: TextMeta, corrections: Corrections, template) -> ConvertResult`, the
template being the encoding description's words from editorial/encoding/<profile>.toml (prose.py).
This module picks the profile, builds the header, assembles the document and writes it
idempotently: an unchanged seed rewrites nothing, and a hand-edited TEI file is never
overwritten without `force` (which keeps a backup).
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import __version__
from ..config import Project, TextMeta
from ..errors import EditionError, UsageError
from ..manifest import Manifest
from ..safeio import inside
from ..xmlio import (MISSING, append_subtree, check_xml_size, TEI_NS, XML_ID, XML_LANG, atomic_write, read_xml_bytes, serialize_tei,
                     sha256_bytes, tei)
from . import prose
from .corrections import Corrections
from .header import build_header
from .seed import Seed, read_seed

PROFILES = ("wikitext", "memoir")


def detect_profile(seed: Seed) -> str:
    """Guess the profile: WikiText-103 headings/tokens, or a memoir chapter with a Notes list."""
    text = seed.text
    if re.search(r"^ ?= = .+ = = ?$", text, re.M) or re.search(r" @[-,.]@ ", text):
        return "wikitext"
    if re.search(r"^\s*Notes\s*$", text, re.M) or re.search(r"^\s*Next:", text, re.M):
        return "memoir"
    raise UsageError(f"{seed.path}: cannot tell the profile of this seed; pass --profile wikitext or --profile memoir")


def _slug(name: str) -> str:
    """A file-name slug of a seed name, letters transliterated where Unicode allows (é → e); a name
    with nothing left (`.`, `..`, `ж`) gets one made of its code points, so distinct seed names
    do not all fall back to one default (the manifest catches any remaining collision)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "seed-" + "-".join(f"{ord(c):x}" for c in name)[:60]


def meta_for(project: Project, seed: Seed, profile: str) -> TextMeta:
    """The text's metadata from editorial/texts.toml; an unlisted seed gets minimal, derived metadata."""
    meta = project.text_for_seed(seed.path)
    if meta is not None:
        return meta
    stem = _slug(seed.path.stem)
    tid = stem if re.match(r"[a-z]", stem) else f"t-{stem}"
    nonblank = [ln.strip() for ln in seed.lines if ln.strip()]
    first = nonblank[0].strip(" =") if nonblank else seed.path.stem
    # What the format itself establishes, and nothing more: WikiText-103 is made only of
    # Wikipedia articles; the memoir web format opens with the author's name, then the book title.
    if profile == "wikitext":
        return TextMeta(id=tid, seed=seed.name, profile=profile, tei=f"{stem}.xml", title=first[:120],
                        author="Wikipedia contributors", extra={"source_publisher": "Wikipedia, The Free Encyclopedia"})
    title = nonblank[2] if len(nonblank) > 2 else first
    extra = {"source_title": nonblank[1]} if len(nonblank) > 1 else {}
    return TextMeta(id=tid, seed=seed.name, profile=profile, tei=f"{stem}.xml", title=title[:120],
                    author=first[:120], extra=extra)


def _converter(profile: str):
    if profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    return importlib.import_module(f"{__name__}.{profile}")


def _add_xml_model_pis(root: etree._Element, target: Path) -> None:
    """`<?xml-model?>` PIs (RELAX NG, Schematron) before the root, so XML editors validate as scholars type."""
    from ..validate.pis import xml_model_pis

    for pi in xml_model_pis(target):
        body = pi.removeprefix("<?xml-model").removesuffix("?>").strip()
        root.addprevious(etree.ProcessingInstruction("xml-model", body))


def build_document(project: Project, seed: Seed, meta: TextMeta, corrections: Corrections,
                   target: Path | None = None) -> tuple[bytes, list[str]]:
    """Convert one seed into serialised TEI bytes, plus warnings for the user.

    With `target` (where the file will be written), the document carries `<?xml-model?>`
    processing instructions pointing at the edition's schema relative to that place.
    """
    template = prose.load(project.editorial_dir, meta.profile)
    result = _converter(meta.profile).convert(seed, meta, corrections, template)
    corrections.check_all_applied()
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, meta.id)
    root.set(XML_LANG, meta.language)
    root.append(build_header(project, meta, seed, result))
    append_subtree(root, result.text)  # linear, however many xml:ids
    if target is not None:
        _add_xml_model_pis(root, target)
    return serialize_tei(root), result.warnings


@dataclass
class Outcome:
    target: Path
    status: str  # "written", "unchanged", "up-to-date"
    warnings: list[str] = field(default_factory=list)
    backup: Path | None = None


def _fingerprint(project: Project, seed: Seed, meta: TextMeta, corr_file: Path) -> str:
    """What a conversion depends on: the seed, the text's metadata and the edition's (texts.toml),
    the corrections, the encoding description's template; a change of any converts again."""
    parts = [__version__, seed.sha256, repr(sorted(vars(meta).items(), key=lambda kv: kv[0])),
             repr(sorted(project.edition.items()))]
    parts.append(sha256_bytes(corr_file.read_bytes()) if corr_file.exists() else "-")
    template = prose.template_path(project.editorial_dir, meta.profile)
    parts.append(sha256_bytes(template.read_bytes()) if template.is_file() else "-")
    return sha256_bytes("\n".join(parts).encode())


def _backup_path(target: Path) -> Path:
    n, cand = 0, target.with_suffix(target.suffix + ".bak")
    while cand.exists():
        n += 1
        cand = target.with_suffix(f"{target.suffix}.bak.{n}")
    return cand


def convert_seed(
    project: Project,
    seed_path: Path,
    *,
    profile: str = "auto",
    out_dir: Path | None = None,
    force: bool = False,
    keep_edited: bool = False,
) -> Outcome:
    """Convert one seed into its TEI file.

    A TEI file edited by hand is the master: without `force` it is never overwritten. By
    default that is an error (the user asked for a conversion); with `keep_edited` (what
    `edition build` does) the file is kept and the outcome says so.
    """
    if Path(seed_path).is_symlink():  # a link to a system file is not a seed of this project
        inside(project.root, seed_path, what=f"{seed_path}: the seed is a symlink:")
    seed = read_seed(seed_path)
    if profile == "auto":
        meta0 = project.text_for_seed(seed.path)
        profile = meta0.profile if meta0 else detect_profile(seed)
    _converter(profile)  # validate the name before doing any work
    meta = meta_for(project, seed, profile)
    if meta.profile != profile:
        meta = dataclasses.replace(meta, profile=profile)
    out_dir = Path(out_dir) if out_dir else project.tei_dir
    target = out_dir / meta.tei
    check_target(project, target, out_dir)
    corr_file = project.corrections_file(meta.id)
    manifest = Manifest(out_dir)
    fingerprint = _fingerprint(project, seed, meta, corr_file)

    # The target as convert found it, read once: every decision below is about these bytes, and
    # the final write replaces them only if the file still holds them (compare and swap).
    existing = read_xml_bytes(target) if os.path.lexists(target) else None
    expect = MISSING if existing is None else sha256_bytes(existing)
    rec = manifest.entry(target)
    _check_same_seed(target, rec, seed)
    edited = existing is not None and manifest.is_hand_edited(target, expect)
    corrections: Corrections | None = None
    if edited and not force and (rec is None or rec.get("inputs") != fingerprint):
        # A build killed between writing the TEI and saving the manifest leaves a file that looks
        # edited but holds exactly what convert makes: recognise it instead of keeping it forever.
        # (Only when the recorded inputs are not the current ones, as after such a kill: a file
        # edited by hand from unchanged inputs is not reconverted on every build.)
        corrections = Corrections.load(corr_file, seed.lines)
        data, warnings = build_document(project, seed, meta, corrections, target)
        if existing == data:
            manifest.record(target, tool="convert", inputs=fingerprint)
            manifest.entries[target.name]["seed"] = seed.name
            manifest.save()
            return Outcome(target, "unchanged", warnings)
    if edited and keep_edited and not force:
        note = []
        if rec and rec.get("inputs") != fingerprint:
            note = [f"{target}: the seed, its corrections or its metadata changed since this file was generated, "
                    "but it was edited by hand, so it is kept; apply the change by hand, or regenerate it with "
                    "`edition convert --force` (a backup is kept)"]
        return Outcome(target, "kept (edited by hand)", note)
    current = existing is not None and rec is not None and expect == rec.get("sha256")
    if current and rec.get("inputs") == fingerprint and not force:  # type: ignore[union-attr]
        return Outcome(target, "up-to-date")

    if corrections is None:
        corrections = Corrections.load(corr_file, seed.lines)
        data, warnings = build_document(project, seed, meta, corrections, target)
    check_output_size(target, data)
    if existing == data:
        manifest.record(target, tool="convert", inputs=fingerprint)
        manifest.entries[target.name]["seed"] = seed.name
        manifest.save()
        return Outcome(target, "unchanged", warnings)
    backup = None
    if edited:
        if not force:
            raise EditionError(
                f"{target}: edited since it was generated; not overwritten. Keep your edits "
                f"(the TEI is the master), or re-run with --force to regenerate it (a backup is kept)."
            )
        backup = _backup_path(target)
        atomic_write(backup, existing)  # type: ignore[arg-type]
    if backup is not None:
        manifest.entries.pop(target.name, None)  # forced over a hand edit: nothing to fall back to
    manifest.write(target, data, tool="convert", inputs=fingerprint, expect=expect, extra={"seed": seed.name})
    return Outcome(target, "written", warnings, backup)


def check_target(project: Project, target: Path, out_dir: Path) -> None:
    """Refuse a TEI target that is not a plain file name in `out_dir`, or a symlink leading out
    of the project (a link inside the project is written through and stays a link)."""
    if target.parent != out_dir or target.name in ("", ".", "..") or not target.name.endswith(".xml"):
        raise EditionError(f"{target}: the TEI file name must be a plain file name ending in .xml, "
                           f"written into {out_dir}")
    if target.is_symlink():
        inside(project.root, target, what=f"{target}: the TEI file is a symlink:")


def check_output_size(target: Path, data: bytes) -> None:
    """What convert writes, validate accepts: refuse TEI beyond the XML limits, before writing."""
    try:
        check_xml_size(data, str(target))
    except EditionError as exc:
        raise EditionError(f"{exc}; the seed makes a TEI file larger than validate and publish accept: "
                           "split the seed into several texts") from None


def _check_same_seed(target: Path, rec: dict[str, str] | None, seed: Seed) -> None:
    """Two seeds whose names make the same TEI file name must not overwrite each other."""
    made_from = (rec or {}).get("seed")
    if made_from and made_from != seed.name:
        raise EditionError(f"{target}: was converted from the seed {made_from!r}; the seed {seed.name!r} makes "
                           "the same TEI file name, so it is not overwritten. List one of them in "
                           "editorial/texts.toml with a `tei` name of its own, or rename it.")
