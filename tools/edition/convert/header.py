"""Build the teiHeader of a converted text from `editorial/texts.toml` and converter facts."""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..config import Project, TextMeta
from ..xmlio import XML_ID, tei
from .result import ConvertResult
from .seed import Seed

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "fr": "French", "sq": "Albanian", "de": "German", "la": "Latin"}

DECL_ORDER = ("correction", "normalization", "quotation", "hyphenation", "segmentation", "interpretation")


def _sub(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tei(name), {k.replace("_", ""): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _title_with_correction(parent: etree._Element, sic: str, corr: str | None) -> None:
    title = _sub(parent, "title")
    if corr and corr != sic:
        choice = _sub(title, "choice")
        _sub(choice, "sic", sic)
        _sub(choice, "corr", corr, resp="#editors")
    else:
        title.text = sic


def build_header(project: Project, meta: TextMeta, seed: Seed, result: ConvertResult) -> etree._Element:
    ed = project.edition
    date = str(ed.get("date", "2026-01-01"))
    header = etree.Element(tei("teiHeader"))

    file_desc = _sub(header, "fileDesc")
    ts = _sub(file_desc, "titleStmt")
    _sub(ts, "title", meta.title, type="main")
    if ed.get("title"):
        _sub(ts, "title", ed["title"], type="collection")
    if meta.author:
        _sub(ts, "author", meta.author)
    resp = _sub(ts, "respStmt")
    resp.set(XML_ID, "editors")
    _sub(resp, "resp", "Conversion from the seed, TEI encoding, corrections and editorial notes")
    _sub(resp, "name", ed.get("editors", "The edition's editors"))

    ps = _sub(file_desc, "publicationStmt")
    _sub(ps, "publisher", ed.get("publisher", "The edition's editors"))
    _sub(ps, "date", date, when=date)
    avail = _sub(ps, "availability")
    lic = _sub(avail, "licence", target=ed.get("licence_url"))
    _sub(lic, "p", f"The encoding and editorial matter are published under the {ed.get('licence', 'licence stated by the editors')}.")
    if meta.get("source_licence"):
        _sub(avail, "p", f"The source text is licensed under the {meta.get('source_licence')} ({meta.get('source_licence_url', '')}).".replace(" ()", ""))
    if ed.get("base_url"):
        _sub(ps, "idno", ed["base_url"].rstrip("/") + "/" + meta.tei.removesuffix(".xml") + ".html", type="URL")

    sd = _sub(file_desc, "sourceDesc")
    bibl = _sub(sd, "bibl")
    if meta.get("source_title"):
        _title_with_correction(bibl, meta.get("source_title"), meta.get("source_title_corr"))
    if meta.author:
        _sub(bibl, "author", meta.author)
    if meta.get("source_publisher"):
        _sub(bibl, "publisher", meta.get("source_publisher"))
    for title in result.source_titles:
        _sub(bibl, "title", title, level="a")
    if meta.get("source_note"):
        _sub(bibl, "note", " ".join(meta.get("source_note").split()))
    _sub(bibl, "idno", seed.name, type="seed-file")
    _sub(bibl, "idno", seed.sha256, type="sha256")
    if result.next_title:
        rel = _sub(bibl, "relatedItem", type="next")
        rb = _sub(rel, "bibl")
        _sub(rb, "title", result.next_title, level="a")
        _sub(rb, "note", "Navigation link printed after the chapter in the source; kept here as metadata, not as text.")

    enc = _sub(header, "encodingDesc")
    pd = _sub(enc, "projectDesc")
    _sub(pd, "p", f"{ed.get('title', 'This edition')}: a TEI P5 edition produced with the edition toolkit "
         f"(version {__version__}). Persons, places, organisations and dates are linked to the edition's register "
         "(register.xml); a pointer of the form #id in @ref points into that register.")
    decl = _sub(enc, "editorialDecl")
    for section in DECL_ORDER:
        paras = result.decl.get(section)
        if not paras:
            continue
        el = _sub(decl, section, marks="all" if section == "quotation" else None)
        for p in paras:
            _sub(el, "p", p)

    prof = _sub(header, "profileDesc")
    lu = _sub(prof, "langUsage")
    langs = [meta.language] + sorted(set(result.languages) - {meta.language})
    for code in langs:
        _sub(lu, "language", LANGUAGE_NAMES.get(code, code), ident=code)

    rev = _sub(header, "revisionDesc")
    _sub(rev, "change", f"Converted from {seed.name} (sha256 {seed.sha256[:12]}…) by edition convert "
         f"{__version__}, profile {meta.profile}.", when=date, who="#editors")
    return header
