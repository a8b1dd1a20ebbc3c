"""Letters-like corpus for the scale benchmarks: many short documents with headers, dates, persons,
places and organisations.

    python bench/letters.py N OUT_DIR [--min-kb 50 --max-kb 130] [--seed 1]

Writes a complete project (pyproject.toml with `[tool.edition] steps = ["validate", "html"]`, the texts are
already encoded: there is no seed to convert), editorial/texts.toml listing N letters, tei/ with
the letters, the edition's real register and schema, and a link to the repository's xslt/.

Letter i is made deterministically from `--seed` and i: a header (title "Letter i from A to B,
place, date", author, the edition's publication statement), a first paragraph with place and date
(placeName, date @when: in a paragraph with an id, so the timeline quotes that paragraph around the
date, not the whole letter), a salutation, 20–60 paragraphs of pseudo-words, each with mentions of register entries (persName,
placeName, orgName with @ref="#id", the form the register prefers), some dates and some
corrections (choice/sic/corr), sized to fall between --min-kb and --max-kb; and a closing. Its seed (seeds/) is its
text without markup, named with its SHA-256 in the header, so the validator's rules check real data. Nothing
is a fact: the words are invented and the letters were never written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import random
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KIND = {"person": "persName", "personGrp": "persName", "place": "placeName", "org": "orgName"}


def register_names() -> dict[str, list[tuple[str, str]]]:
    """(id, preferred name) of every register entry, by the element that mentions it."""
    root = etree.parse(str(REPO / "tei" / "register.xml")).getroot()
    out: dict[str, list[tuple[str, str]]] = {"persName": [], "placeName": [], "orgName": []}
    for e in root.iter(*(f"{{{TEI_NS}}}{k}" for k in KIND)):
        rid = e.get(XML_ID)
        names = [n for n in e if isinstance(n.tag, str) and n.tag.endswith(("persName", "placeName", "orgName"))]
        preferred = next((n for n in names if n.get("type") == "preferred"), names[0] if names else None)
        if rid and preferred is not None:
            label = " ".join("".join(preferred.itertext()).split())
            if label:
                out[KIND[etree.QName(e).localname]].append((rid, label))
    return out


def _words(rng: random.Random, n: int) -> str:
    syll = ("ka", "lo", "mi", "ter", "sa", "ve", "ro", "di", "na", "po", "el", "ur", "is", "an", "to")
    return " ".join("".join(rng.choice(syll) for _ in range(rng.randint(1, 4))) for _ in range(n))


def _date(rng: random.Random) -> tuple[str, str]:
    y, m, d = rng.randint(1941, 1991), rng.randint(1, 12), rng.randint(1, 28)
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
    return f"{y:04d}-{m:02d}-{d:02d}", f"{d} {months[m - 1]} {y}"


def _mention(rng: random.Random, names: dict[str, list[tuple[str, str]]]) -> str:
    tag = rng.choice(("persName", "persName", "placeName", "orgName"))
    rid, label = rng.choice(names[tag])
    return f'<{tag} ref="#{rid}">{escape(label)}</{tag}>'


def paragraph(rng: random.Random, names: dict[str, list[tuple[str, str]]], pid: str) -> str:
    parts = [_words(rng, rng.randint(8, 20))]
    for _ in range(rng.choice((0, 0, 1, 2, 3, 4, 5))):  # some paragraphs name no one
        parts.append(_mention(rng, names))
        parts.append(_words(rng, rng.randint(6, 18)))
    if rng.random() < 0.4:
        when, text = _date(rng)
        parts.append(f'on <date when="{when}">{text}</date>')
        parts.append(_words(rng, rng.randint(4, 10)))
    if rng.random() < 0.15:
        w = _words(rng, 1)
        parts.append(f"<choice><sic>{w}{w[-1]}</sic><corr>{w}</corr></choice>")
        parts.append(_words(rng, rng.randint(4, 10)))
    return f'      <p xml:id="{pid}">' + " ".join(parts) + ".</p>\n"


def letter(i: int, seed: int, names: dict[str, list[tuple[str, str]]], min_kb: int,
           max_kb: int) -> tuple[str, str, bytes, bytes]:
    """(text id, title, TEI bytes, seed bytes) of letter i; the seed is its text without markup."""
    rng = random.Random(f"{seed}:{i}")
    lid = f"l{i:05d}"
    (a_id, a), (b_id, b) = rng.sample(names["persName"], 2)
    pl_id, pl = rng.choice(names["placeName"])
    when, day = _date(rng)
    title = f"Letter {i + 1} from {a} to {b}, {pl}, {day}"
    target = rng.randint(min_kb, max_kb) * 1000
    body: list[str] = []
    size = 0
    while size < target - 600:
        para = paragraph(rng, names, f"{lid}-p{len(body) + 1}")
        body.append(para)
        size += len(para.encode("utf-8"))
    plain = re.sub(r"<[^>]+>", "", "".join(body))
    seed_text = f"{title}\n\n{plain}".encode("utf-8")
    seed_sha = hashlib.sha256(seed_text).hexdigest()
    tei = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{lid}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">{escape(title)}</title>
        <author><persName ref="#{a_id}">{escape(a)}</persName></author>
      </titleStmt>
      <publicationStmt>
        <publisher>The TEI Edition Toolkit project (benchmark corpus)</publisher>
        <date when="2026-11-22">2026-11-22</date>
        <availability>
          <licence target="https://creativecommons.org/publicdomain/zero/1.0/"><p>CC0 1.0.</p></licence>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl>
          <note>Invented for the benchmarks by bench/letters.py (letter {i}, seed {seed}); not a historical document.</note>
          <idno type="seed-file">{lid}.txt</idno>
          <idno type="sha256">{seed_sha}</idno>
        </bibl>
      </sourceDesc>
    </fileDesc>
    <profileDesc>
      <langUsage><language ident="en">English</language></langUsage>
    </profileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="chapter">
      <head>{escape(title)}</head>
      <p xml:id="{lid}-p0"><placeName ref="#{pl_id}">{escape(pl)}</placeName>, <date when="{when}">{day}</date></p>
      <p xml:id="{lid}-salute">Dear <persName ref="#{b_id}">{escape(b)}</persName>,</p>
{''.join(body)}      <p xml:id="{lid}-closer">Yours, <persName ref="#{a_id}">{escape(a)}</persName></p>
      </div>
    </body>
  </text>
</TEI>
"""
    return lid, title, tei.encode("utf-8"), seed_text


def generate(n: int, out: Path, *, min_kb: int = 50, max_kb: int = 130, seed: int = 1) -> list[Path]:
    """Write a project of `n` letters into `out`; return the letters' paths."""
    names = register_names()
    (out / "tei").mkdir(parents=True, exist_ok=True)
    (out / "editorial").mkdir(exist_ok=True)
    import shutil

    shutil.copy2(REPO / "tei" / "register.xml", out / "tei" / "register.xml")
    shutil.copytree(REPO / "tei" / "schema", out / "tei" / "schema", dirs_exist_ok=True)
    if not (out / "xslt").exists():
        os.symlink(REPO / "xslt", out / "xslt")
    (out / "pyproject.toml").write_text('[tool.edition]\ntei_dir = "tei"\nseeds_dir = "seeds"\noutput_dir = "output"\n'
                                        'editorial_dir = "editorial"\nsteps = ["validate", "html"]\nlink = []\n', encoding="utf-8")
    toml = ['[edition]', 'title = "Letters (benchmark corpus)"', 'short_title = "Letters"', 'date = "2026-11-22"', '']
    paths = []
    for i in range(n):
        lid, title, data, seed_text = letter(i, seed, names, min_kb, max_kb)
        (out / "seeds").mkdir(exist_ok=True)
        (out / "seeds" / f"{lid}.txt").write_bytes(seed_text)
        path = out / "tei" / f"{lid}.xml"
        path.write_bytes(data)
        paths.append(path)
        toml += ["[[texts]]", f'id = "{lid}"', f'seed = "{lid}.txt"', 'profile = "wikitext"', f'tei = "{lid}.xml"',
                 f"title = {json.dumps(title, ensure_ascii=False)}", ""]
    (out / "editorial" / "texts.toml").write_text("\n".join(toml), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--min-kb", type=int, default=50)
    ap.add_argument("--max-kb", type=int, default=130)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        ap.error(f"{args.out}: not empty")
    paths = generate(args.n, args.out.resolve(), min_kb=args.min_kb, max_kb=args.max_kb, seed=args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} letters, {size / 1e6:.2f} MB, in {args.out / 'tei'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
