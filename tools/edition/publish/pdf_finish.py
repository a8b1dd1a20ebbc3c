"""The last touches to the PDF WeasyPrint wrote, with pikepdf: the margin's line numbers
(edition.publish.lines) and XMP metadata.

WeasyPrint writes an XMP packet only for the PDF/A, PDF/UA and PDF/X variants; a plain PDF gets
one here, from its document information (title, authors, subject, keywords, dates, producer) and
its catalog's /Lang: Dublin Core, XMP basic and Adobe PDF properties, as archives and catalogues
read them. The file is saved with a deterministic /ID, so two builds stay byte-identical.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from .lines import LineMap, LineNumbering, stamp


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


def finish(pdf: bytes, lines: LineMap, numbering: LineNumbering, size_css: str, font_config: Any) -> bytes:
    """The PDF with its line numbers stamped and an XMP packet (unless WeasyPrint wrote one)."""
    import pikepdf

    book = pikepdf.open(io.BytesIO(pdf))
    stamp(book, lines, numbering, size_css, font_config)
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
