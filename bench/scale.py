"""Scale corpus for the benchmarks: N documents made from the edition's real texts.

    python bench/scale.py N OUT_DIR        # write a complete temporary project with N texts

Document i (0-based) is a copy of the real text i mod 2 (sas, fbm, sas, …), copy k = i // 2.
Each copy is made from the *enriched* TEI of its text, so it keeps the real markup density
(names, dates, foreign words, notes, corrections, quotations):

* every xml:id of the text (``sas``, ``sas-origins-p1``, ``sas-enrich`` …) gets the copy's text
  id as prefix (``sas003``, ``sas003-origins-p1`` …) and every ``#id`` pointer to them follows,
  so ids stay unique across the generated edition; pointers into the register are kept;
* some words are perturbed deterministically (a keyed choice of lower-case words of four or
  more letters, each shifted by a keyed Caesar rotation that keeps its length), outside names,
  dates, foreign words and corrections, so no two copies have the same text but every copy
  has the same size and the same markup;
* the header names the copy's own seed (a variant of the real seed perturbed the same way,
  leaving the lines that carry a correction untouched so the corrections still apply) and its
  SHA-256, so ``seed-checksum`` and the other rules check real data.

The project written has ``pyproject.toml`` (``[tool.edition]``), ``editorial/texts.toml``
listing the N texts, one corrections file per text, ``seeds/``, ``tei/`` (texts, the real
register and schema) and a link to the repository's ``xslt/``. Nothing in the repository is
changed: the real texts are converted and enriched in a scratch directory first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.xmlio import parse_bytes, serialize_tei

REPO = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Elements whose text is left as it is: the enrich stage's links and the editors' corrections.
KEEP = {f"{{{TEI_NS}}}{n}" for n in ("persName", "placeName", "orgName", "roleName", "date", "foreign",
                                    "choice", "sic", "corr", "orig", "reg", "idno")}
WORD = re.compile(r"\b[a-z]{4,}\b")
POINTER_ATTRS = ("target", "ref", "resp", "corresp", "from", "to", "next", "prev", "ana", "source", "sameAs")


@dataclass(frozen=True)
class BaseText:
    """One real text of the edition, converted and enriched, with what a copy needs."""

    meta: dict  # its [[texts]] table from editorial/texts.toml
    seed: Path
    tei: bytes  # the enriched TEI
    corrected_lines: frozenset[int]  # seed lines named in its corrections file


def _key(copy: int, word: str) -> bytes:
    return hashlib.blake2b(f"{copy}\x00{word}".encode(), digest_size=4).digest()


def perturb_word(word: str, copy: int) -> str:
    """A keyed, length-keeping change of about one lower-case word in three (copy 0 too)."""
    h = _key(copy, word)
    if h[0] % 3:
        return word
    shift = 1 + h[1] % 25
    return "".join(chr((ord(c) - 97 + shift) % 26 + 97) for c in word)


def perturb_text(text: str, copy: int) -> str:
    return WORD.sub(lambda m: perturb_word(m.group(0), copy), text)


def perturb_seed(data: bytes, copy: int, keep_lines: frozenset[int]) -> bytes:
    """The seed with words perturbed on every line except `keep_lines` (1-based)."""
    lines = data.decode("utf-8").split("\n")
    out = [ln if i in keep_lines else perturb_text(ln, copy) for i, ln in enumerate(lines, 1)]
    return "\n".join(out).encode("utf-8")


def _rename(old: str, base_id: str, new_id: str) -> str:
    if old == base_id:
        return new_id
    if old.startswith(base_id + "-"):
        return new_id + old[len(base_id):]
    return old


def make_copy(base: BaseText, copy: int, seed_name: str, seed_sha: str, tei_name: str) -> bytes:
    """The TEI of one copy (see the module docstring), serialised."""
    tree = parse_bytes(base.tei, f"{base.meta['tei']} (enriched)")
    root = tree.getroot()
    base_id = root.get(XML_ID)
    new_id = f"{base_id}{copy:03d}"
    renamed: dict[str, str] = {}
    for el in root.iter(etree.Element):
        old = el.get(XML_ID)
        if old is not None:
            new = _rename(old, base_id, new_id)
            if new != old:
                el.set(XML_ID, new)
                renamed[old] = new
    ns = {"t": TEI_NS}
    for el in root.iter(etree.Element):
        for attr in POINTER_ATTRS:
            value = el.get(attr)
            if value and "#" in value:
                el.set(attr, " ".join("#" + renamed.get(tok[1:], tok[1:]) if tok.startswith("#") else tok
                                      for tok in value.split()))
    # Words of the text, outside the kept elements.
    for text in root.xpath("t:text", namespaces=ns):
        for el in text.iter(etree.Element):
            if any(a.tag in KEEP for a in (el, *el.iterancestors())):
                pass
            elif el.text:
                el.text = perturb_text(el.text, copy)
            if el is not text and el.tail and not any(a.tag in KEEP for a in el.iterancestors()):
                el.tail = perturb_text(el.tail, copy)
    header = root.find(f"{{{TEI_NS}}}teiHeader")
    title = header.find(f".//{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    if title is not None:
        title.text = f"{title.text} (copy {copy})"
    for idno in header.xpath(".//t:sourceDesc//t:idno[@type='seed-file']", namespaces=ns):
        idno.text = seed_name
    for idno in header.xpath(".//t:sourceDesc//t:idno[@type='sha256']", namespaces=ns):
        idno.text = seed_sha
    for idno in header.xpath(".//t:publicationStmt/t:idno[@type='URL']", namespaces=ns):
        if idno.text:
            idno.text = re.sub(r"[^/]+\.html$", Path(tei_name).with_suffix(".html").name, idno.text)
    return serialize_tei(root)


def _write_base_project(dest: Path) -> None:
    """A project directory with the repository's data and no generated files."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("seeds", "editorial"):
        shutil.copytree(REPO / name, dest / name, dirs_exist_ok=True)
    (dest / "tei").mkdir(exist_ok=True)
    shutil.copy2(REPO / "tei" / "register.xml", dest / "tei" / "register.xml")
    shutil.copytree(REPO / "tei" / "schema", dest / "tei" / "schema", dirs_exist_ok=True)
    link = dest / "xslt"
    if not link.exists():
        os.symlink(REPO / "xslt", link)
    (dest / "pyproject.toml").write_text('[tool.edition]\ntei_dir = "tei"\nseeds_dir = "seeds"\n'
                                         'output_dir = "output"\neditorial_dir = "editorial"\n', encoding="utf-8")


def _edition(cwd: Path, *args: str) -> None:
    cmd = [sys.executable, "-c", "from edition.cli import main; main(prog_name='edition')", *args]
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"edition {' '.join(args)} failed in {cwd}:\n{proc.stderr}")


def _corrected_lines(path: Path) -> frozenset[int]:
    lines = set()
    if path.exists():
        for row in path.read_text(encoding="utf-8").splitlines():
            first = row.split("\t", 1)[0]
            if first.isdigit():
                lines.add(int(first))
    return frozenset(lines)


def load_base(scratch: Path) -> list[BaseText]:
    """Convert and enrich the real texts in `scratch` (a new directory) and return them."""
    _write_base_project(scratch)
    _edition(scratch, "convert", *sorted(str(p) for p in (scratch / "seeds").glob("*.txt")))
    _edition(scratch, "enrich")
    texts = tomllib.loads((REPO / "editorial" / "texts.toml").read_text(encoding="utf-8"))["texts"]
    return [BaseText(meta=t, seed=REPO / "seeds" / t["seed"], tei=(scratch / "tei" / t["tei"]).read_bytes(),
                     corrected_lines=_corrected_lines(REPO / "editorial" / "corrections" / f"{t['id']}.tsv"))
            for t in texts]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def generate(n: int, out: Path, base: list[BaseText]) -> list[Path]:
    """Write a project with `n` texts into `out` (a new or empty directory); return the TEI paths."""
    if n < 1:
        raise ValueError("n must be at least 1")
    _write_base_project(out)
    for old in (out / "seeds").glob("*.txt"):
        old.unlink()
    for old in (out / "editorial" / "corrections").glob("*.tsv"):
        old.unlink()
    edition = tomllib.loads((REPO / "editorial" / "texts.toml").read_text(encoding="utf-8"))["edition"]
    toml = ["[edition]", *(f"{k} = {_toml_value(v)}" for k, v in edition.items())]
    paths = []
    for i in range(n):
        b, copy = base[i % len(base)], i // len(base)
        new_id = f"{b.meta['id']}{copy:03d}"
        seed_name = f"{new_id}.txt"
        tei_name = f"{Path(b.meta['tei']).stem}-{copy:03d}.xml"
        seed = perturb_seed(b.seed.read_bytes(), copy, b.corrected_lines)
        (out / "seeds" / seed_name).write_bytes(seed)
        corr = REPO / "editorial" / "corrections" / f"{b.meta['id']}.tsv"
        if corr.exists():
            shutil.copy2(corr, out / "editorial" / "corrections" / f"{new_id}.tsv")
        tei = make_copy(b, copy, seed_name, hashlib.sha256(seed).hexdigest(), tei_name)
        path = out / "tei" / tei_name
        path.write_bytes(tei)
        paths.append(path)
        meta = dict(b.meta, id=new_id, seed=seed_name, tei=tei_name, title=f"{b.meta['title']} (copy {copy})")
        toml += ["", "[[texts]]", *(f"{k} = {_toml_value(v)}" for k, v in meta.items())]
    (out / "editorial" / "texts.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("out", type=Path, help="directory of the generated project (created)")
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        ap.error(f"{args.out}: not empty")
    args.out = args.out.resolve()
    base = load_base(args.out / ".base")
    paths = generate(args.n, args.out, base)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} TEI documents, {size / 1e6:.2f} MB, in {args.out / 'tei'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
