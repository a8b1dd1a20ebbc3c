"""Text loss and crashes of `edition html` and `edition pdf` over a folder of TEI P5 documents (issue 13).

Run on demand:  python bench/text_loss.py DIR [--no-pdf] [--show N]

For every *.xml in DIR (any TEI P5: third-party test documents, not part of this repository) it publishes
the reading page and the print book in this one process (stylesheets and WeasyPrint set up once) and
counts the words of the document's text, sourceDoc and facsimile (edition.publish.textloss: minus the
deliberate suppressions) that the reading page, the print HTML and the PDF (pdftotext) do not show.
A document the toolkit refuses with a message (not TEI, not well-formed) is listed as refused; any other
exception is a crash, printed with its traceback. Output: one line per document, then the mean and worst
loss per output.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import traceback
from pathlib import Path

from lxml import etree

from edition.errors import EditionError
from edition.publish import html as htmlmod
from edition.publish import pdf as pdfmod
from edition.publish import textloss
from edition.publish.inputs import assemble
from edition.publish.print_params import print_params


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF (WeasyPrint) column")
    ap.add_argument("--show", type=int, default=8, help="missing words shown per document and output")
    args = ap.parse_args()
    leave_out = textloss.suppressed()
    typesetter = None if args.no_pdf else pdfmod.Typesetter("A4")
    losses: dict[str, list[float]] = {"html": [], "print": [], "pdf": []}
    crashes, refused = [], []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for i, path in enumerate(sorted(args.folder.glob("*.xml"))):
            try:
                pub = assemble([path])
                expected = textloss.source_words(pub.texts[0].root, leave_out)
                if not expected:
                    print(f"{path.name:40} (no words in text/sourceDoc/facsimile)")
                    continue
                site = tmp / f"site{i}"
                htmlmod.publish([path], site, search=False)
                page = etree.parse(str(site / htmlmod._site_texts(pub.texts, "")[0].page), etree.HTMLParser())
                row = {"html": textloss.missing(expected, "".join(page.getroot().xpath("//main")[0].itertext()))}
                root, _ = pdfmod.print_html(pdfmod.corpus([pub.texts[0].tree], None, paths=pub.paths[:1]),
                                            params=print_params(pub.paths, [pub.texts[0].root]))
                row["print"] = textloss.missing(expected, "".join(root.itertext()))
                if typesetter is not None:
                    book = pdfmod.typeset(root, typesetter)
                    (tmp / "book.pdf").write_bytes(book.pdf)
                    row["pdf"] = textloss.missing(expected, textloss.pdf_text(tmp / "book.pdf"), marks_apart=True)
            except EditionError as exc:
                refused.append(path.name)
                print(f"{path.name:40} refused: {str(exc).splitlines()[0][:100]}")
                continue
            except Exception:  # a crash: the point of this run is to find them
                crashes.append(path.name)
                print(f"{path.name:40} CRASH\n{traceback.format_exc()}")
                continue
            cells = []
            for out, gone in row.items():
                pct = 100 * len(gone) / len(expected)
                losses[out].append(pct)
                cells.append(f"{out} {pct:5.2f}%")
            print(f"{path.name:40} {len(expected):6} words  " + "  ".join(cells))
            for out, gone in row.items():
                if gone:
                    print(f"    {out} misses: {' '.join(gone[:args.show])}")
    print(f"\n{sum(len(v) > 0 for v in [losses['html']]) and len(losses['html'])} documents published, "
          f"{len(refused)} refused with a message, {len(crashes)} crashes {crashes}")
    for out, vals in losses.items():
        if vals:
            print(f"{out:6} mean loss {statistics.mean(vals):.2f}%  worst {max(vals):.2f}%  "
                  f"documents with any loss: {sum(v > 0 for v in vals)}")


if __name__ == "__main__":
    main()
