"""Publish mutated TEI documents, HTML and print, and report failures and lost words (issue 13).

    python bench/publish_fuzz.py [--rounds 200] [--seed 1] [--kind structure|attributes]

Each round takes a render case (tests/cases/render/*/input.xml) and mutates it: `structure` moves elements of
its <text> into other places and inserts elements of many TEI modules holding words of their own (a schema
would refuse much of what comes out); `attributes` sets attributes of its elements to hostile values (numbers
that are not numbers, dates that are not dates, pointers to nothing …). Then it publishes the document as a
site (every page, no search index: edition.publish.html.publish_files) and as print HTML, as the commands do,
and measures the words of <text> missing from the reading page and from the print HTML
(edition.publish.textloss, the measure of tests/test_render_cases.py).

Reported: every failure (a failed transformation or any other exception), grouped by message; and each
document that loses more than 0.5 % of its words in an output, with the element and parent that held the lost
words. A word the measure joins across an element boundary ("wakingfuzzword3") may be reported lost although
the output shows both halves apart: check such a case by hand. The documents are written to a temporary
directory, kept (its path is printed) so that a failure can be run again.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

T = "{http://www.tei-c.org/ns/1.0}"
NEW = ["note", "p", "lg", "l", "table", "row", "cell", "list", "item", "head", "div", "quote", "q", "said", "sp",
       "speaker", "stage", "app", "lem", "rdg", "choice", "sic", "corr", "abbr", "expan", "orig", "reg", "persName",
       "placeName", "orgName", "date", "foreign", "hi", "lb", "pb", "cb", "gap", "unclear", "supplied", "del", "add",
       "subst", "figure", "graphic", "figDesc", "formula", "ref", "ptr", "anchor", "seg", "g", "w", "pc", "s", "u",
       "entry", "form", "sense", "floatingText", "body", "label", "title", "bibl", "listBibl", "name", "rs", "term",
       "index", "milestone", "space", "damage", "surplus", "handShift", "ab", "argument", "epigraph", "byline",
       "dateline", "salute", "signed", "closer", "opener", "postscript", "trailer", "castList", "castItem", "role",
       "listWit", "witness", "desc"]
VALUES = ["", " ", "x", "-1", "0", "3.5", "1e9", "NaN", "99999", "#", "#nowhere", "#a #b", "file.xml#x",
          "http://example.org/x", "javascript:alert(1)", "1960-13-01", "1961-02-29", "-0044", "1960", "a b c", "é",
          "&<>\"'", "iv", "12a"]
NAMES = ["n", "when", "from", "to", "notBefore", "notAfter", "rend", "type", "target", "ref", "who", "cols", "rows",
         "quantity", "unit", "place", "resp", "cert", "wit", "source", "corresp", "facs", "url", "width", "level",
         "break", "hand", "reason", "{http://www.w3.org/XML/1998/namespace}lang", "style", "sameAs", "part", "key"]


def mutate(tree, rnd: random.Random, kind: str, r: int) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    text = tree.getroot().find(f"{T}text")
    if text is None:
        return
    for _ in range(rnd.randint(1, 6)):
        els = [e for e in text.iter() if isinstance(e.tag, str)]
        target = rnd.choice(els)
        if kind == "attributes":
            target.set(rnd.choice([*(a for a in target.attrib if not a.endswith("}id")), *NAMES]), rnd.choice(VALUES))
        elif rnd.random() < 0.5 and len(els) > 3:  # move an element elsewhere
            src = rnd.choice(els[1:])
            if src is target or src in target.iterancestors() or src.getparent() is None:
                continue
            src.getparent().remove(src)
            target.insert(rnd.randint(0, len(target)), src)
        else:  # insert an element holding words of its own
            e = etree.Element(T + rnd.choice(NEW))
            e.text = f"fuzzword{r} "
            if rnd.random() < 0.3:
                etree.SubElement(e, T + rnd.choice(NEW)).text = f"inner{r} "
            target.insert(rnd.randint(0, len(target)), e)


def holder(path: Path, word: str) -> str:
    """The element (and its parent) whose text or tail holds `word`."""
    from lxml import etree

    for e in etree.parse(str(path)).iter():
        if not isinstance(e.tag, str):
            continue
        for txt, owner in ((e.text, e), (e.tail, e.getparent())):
            if txt and word in re.sub(r"\s", "", txt) and owner is not None:
                parent = owner.getparent()
                return f"{etree.QName(owner).localname} in {etree.QName(parent).localname if parent is not None else '-'}"
    return "(a word joined across elements)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kind", choices=("structure", "attributes"), default="structure")
    ap.add_argument("--show", action="store_true", help="also list each lossy output: document and lost words")
    args = ap.parse_args()
    import lxml.html
    from lxml import etree

    from edition.config import load_project
    from edition.errors import EditionError
    from edition.publish import pdf as pdfmod
    from edition.publish.html import publish_files
    from edition.publish.inputs import assemble
    from edition.publish.print_params import print_params
    from edition.publish.textloss import missing, source_words, suppressed

    rnd = random.Random(args.seed)
    cases = sorted((REPO / "tests" / "cases" / "render").glob("*/input.xml"))
    project, leave_out = load_project(REPO), suppressed()
    tmp = Path(tempfile.mkdtemp(prefix="publish-fuzz-"))
    failures: dict[tuple[str, str], list[str]] = {}
    losses: Counter[str] = Counter()
    lossy = 0
    for r in range(args.rounds):
        tree = etree.parse(str(rnd.choice(cases)))
        mutate(tree, rnd, args.kind, r)
        path = tmp / f"doc{r}.xml"
        tree.write(str(path), encoding="utf-8", xml_declaration=True)
        expected = source_words(tree.getroot(), leave_out)
        for out in ("html", "print"):
            try:
                if out == "html":
                    publish_files(project, [path], tmp / f"site{r}", search=False)
                    page = lxml.html.parse(str(tmp / f"site{r}" / f"doc{r}.html")).getroot()
                    for el in page.xpath("//script | //style"):
                        el.getparent().remove(el)
                    got = page.text_content()
                else:
                    pub = assemble([path])
                    root, _ = pdfmod.print_html(pdfmod.corpus([t.tree for t in pub.texts], None, paths=pub.paths),
                                                params=print_params(pub.paths, [t.root for t in pub.texts]))
                    got = "".join(root.itertext())
            except EditionError as exc:
                failures.setdefault((out, str(exc).split("failed:")[-1].strip()[:160]), []).append(path.name)
                continue
            except Exception as exc:  # a traceback in the product: report it, do not stop the sweep
                failures.setdefault((out, f"TRACEBACK {type(exc).__name__}: {str(exc)[:140]}"), []).append(path.name)
                continue
            lost = missing(expected, got)
            if expected and len(lost) / len(expected) > 0.005:
                lossy += 1
                for w in set(lost):
                    losses[f"{out}: {holder(path, w)}"] += 1
                if args.show:
                    print(f"{path.name} {out}: lost {sorted(set(lost))[:6]}")
    print(f"{args.rounds} documents ({args.kind}, seed {args.seed}) in {tmp}")
    print(f"failures: {sum(len(v) for v in failures.values())}")
    for (out, msg), names in sorted(failures.items()):
        print(f"  {out}: {len(names)}× {msg}  (e.g. {names[0]})")
    print(f"outputs losing more than 0.5 % of the words: {lossy} of {2 * args.rounds}; lost words held by:")
    for what, n in losses.most_common():
        print(f"  {n:3} {what}")


if __name__ == "__main__":
    main()
