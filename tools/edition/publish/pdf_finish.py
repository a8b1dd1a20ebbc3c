"""The last touches to the PDF WeasyPrint wrote, with pikepdf: the margin's line numbers
(edition.publish.margin_numbers), hyphens that do not survive copying, and XMP metadata.

A hyphen WeasyPrint sets where it breaks a word is the character of CSS hyphenate-character (U+2010
HYPHEN, see print.css); the text itself writes its hyphens as U+002D. The fonts' ToUnicode maps give
the hyphenation glyph U+00AD SOFT HYPHEN instead, as ISO 32000 (14.8.2.2.3) asks: a reader copying or
searching the text drops it, "extraordinar-/ily" reads "extraordinarily". This is done only when the
book's text has no U+2010 of its own (`soft_hyphens`).

WeasyPrint writes an XMP packet only for the PDF/A, PDF/UA and PDF/X variants; a plain PDF gets
one here, from its document information (title, authors, subject, keywords, dates, producer) and
its catalog's /Lang: Dublin Core, XMP basic and Adobe PDF properties, as archives and catalogues
read them. The file is saved with a deterministic /ID, so two builds stay byte-identical.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax.saxutils import escape

from .lines import LineMap, LineNumbering
from .margin_numbers import stamp


def _pdf_date_to_iso(value: str) -> str:
    """D:20261122000000Z or D:20261122000000+00'00' → 2026-11-22T00:00:00Z (or with its offset)."""
    v = value[2:] if value.startswith("D:") else value
    date = f"{v[0:4]}-{v[4:6] or '01'}-{v[6:8] or '01'}T{v[8:10] or '00'}:{v[10:12] or '00'}:{v[12:14] or '00'}"
    rest = v[14:].replace("'", "")
    if not rest or rest.startswith("Z"):
        return date + "Z"
    return f"{date}{rest[0]}{rest[1:3]}:{rest[3:5] or '00'}"


def xmp_packet(info: dict[str, str], lang: str | None) -> bytes:
    """An XMP packet for a PDF's document information."""
    def alt(tag: str, value: str) -> str:
        return (f"<{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{escape(value)}</rdf:li></rdf:Alt></{tag}>")

    parts = []
    if info.get("/Title"):
        parts.append(alt("dc:title", info["/Title"]))
    if info.get("/Author"):
        people = "".join(f"<rdf:li>{escape(a.strip())}</rdf:li>" for a in info["/Author"].split(", ") if a.strip())
        parts.append(f"<dc:creator><rdf:Seq>{people}</rdf:Seq></dc:creator>")
    if info.get("/Subject"):
        parts.append(alt("dc:description", info["/Subject"]))
    if lang:
        parts.append(f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>")
    parts.append("<dc:format>application/pdf</dc:format>")
    if info.get("/Keywords"):
        parts.append(f"<pdf:Keywords>{escape(info['/Keywords'])}</pdf:Keywords>")
    if info.get("/Producer"):
        parts.append(f"<pdf:Producer>{escape(info['/Producer'])}</pdf:Producer>")
    if info.get("/Creator"):
        parts.append(f"<xmp:CreatorTool>{escape(info['/Creator'])}</xmp:CreatorTool>")
    if info.get("/CreationDate"):
        parts.append(f"<xmp:CreateDate>{_pdf_date_to_iso(info['/CreationDate'])}</xmp:CreateDate>")
    if info.get("/ModDate"):
        parts.append(f"<xmp:ModifyDate>{_pdf_date_to_iso(info['/ModDate'])}</xmp:ModifyDate>")
        parts.append(f"<xmp:MetadataDate>{_pdf_date_to_iso(info['/ModDate'])}</xmp:MetadataDate>")
    body = "".join(parts)
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
            f"{body}</rdf:Description></rdf:RDF></x:xmpmeta>\n"
            '<?xpacket end="w"?>').encode("utf-8")


#: CSS hyphenate-character of print.css: set only where a word is broken.
HYPHENATION_CHARACTER = "\u2010"


def soften_hyphens(book: Any) -> int:
    """Map the hyphenation glyph of every font to U+00AD in its ToUnicode CMap; return how many fonts."""
    import pikepdf

    code = f"{ord(HYPHENATION_CHARACTER):04x}"
    pattern = re.compile(rf"(<[0-9a-fA-F]+>\s*)<{code}>", re.IGNORECASE)
    changed = 0
    for obj in book.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font and "/ToUnicode" in obj:
            cmap = obj.ToUnicode.read_bytes().decode("latin-1")
            new = pattern.sub(r"\1<00ad>", cmap)
            if new != cmap:
                obj.ToUnicode.write(new.encode("latin-1"))
                changed += 1
    return changed


def finish(pdf: bytes, lines: LineMap, numbering: LineNumbering, size_css: str, font_config: Any,
           soft_hyphens: bool = True) -> bytes:
    """The PDF with its line numbers stamped, the hyphens of hyphenation soft (when `soft_hyphens`),
    and an XMP packet (unless WeasyPrint wrote one)."""
    import pikepdf

    book = pikepdf.open(io.BytesIO(pdf))
    stamp(book, lines, numbering, size_css, font_config)
    if soft_hyphens:
        soften_hyphens(book)
    if "/Metadata" not in book.Root:
        info = {str(k): str(v) for k, v in book.docinfo.items()}
        lang = str(book.Root["/Lang"]) if "/Lang" in book.Root else None
        stream = pikepdf.Stream(book, xmp_packet(info, lang))
        stream["/Type"] = pikepdf.Name.Metadata
        stream["/Subtype"] = pikepdf.Name.XML
        book.Root.Metadata = book.make_indirect(stream)
    out = io.BytesIO()
    book.save(out, deterministic_id=True)
    return out.getvalue()
