"""The print edition in volumes: one book (the default), one PDF per text, or volumes of K texts.

    [tool.edition]
    pdf_volumes = "one"        # output/pdf/edition.pdf (default: small editions)
    pdf_volumes = "per-text"   # output/pdf/<text>.pdf, one book per text
    pdf_volumes = 50           # output/pdf/volume-01.pdf … volumes of 50 texts, in texts.toml order

With more than one volume, the volumes are laid out in parallel (a process pool, spawned: each
worker its own WeasyPrint; `[tool.edition] jobs`, default the machine's CPUs), each with its own
indexes (make_book, unchanged), and output/pdf/index.pdf combines the indexes of all volumes: every
heading once, with the pages per volume ("2: 13, 15; 4: 7"), read from the volumes as laid out.
A volume whose texts, register and code are unchanged keeps its PDF (content hashes in
output/.cache/volumes.json), so an edit lays out one volume again, and the combined index.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html

from ..config import Project
from ..errors import EditionError
from ..stage import Report
from ..xmlio import atomic_write

STATE = Path(".cache") / "volumes.json"


@dataclass(frozen=True)
class Volume:
    name: str  # file stem: "edition", "volume-01", or a text's stem
    label: str  # in the combined index: "1", "2" … or the text's stem
    texts: tuple[Path, ...]


def plan(project: Project, texts: list[Path]) -> list[Volume]:
    """The volumes `[tool.edition] pdf_volumes` asks for."""
    setting = project.settings.get("pdf_volumes", "one")
    where = f"{project.root / 'pyproject.toml'}: [tool.edition] pdf_volumes"
    if setting == "one":
        return [Volume("edition", "", tuple(texts))]
    if setting == "per-text":
        return [Volume(t.stem, t.stem, (t,)) for t in texts]
    if isinstance(setting, int) and not isinstance(setting, bool) and setting >= 1:
        groups = [texts[i:i + setting] for i in range(0, len(texts), setting)]
        width = max(2, len(str(len(groups))))
        return [Volume(f"volume-{k:0{width}d}", str(k), tuple(g)) for k, g in enumerate(groups, 1)]
    raise EditionError(f"{where} = {setting!r}: \"one\", \"per-text\" or a number of texts per volume (≥ 1)")


def pdf_hrefs(project: Project, texts: list[Path]) -> dict[str, str]:
    """Each text's PDF as the site offers it (site-relative), by TEI file name."""
    return {t.name: f"pdf/{v.name}.pdf" for v in plan(project, texts) for t in v.texts}


@dataclass
class Made:
    name: str
    pdf: bytes
    pages: int
    html: str
    warnings: list[str] = field(default_factory=list)


def _make(args: tuple[str, list[str], str | None, str, dict[str, str]]) -> Made:
    """One volume (in a worker process): a pure function of its texts, register and page size."""
    from .pdf import make_book

    name, texts, register, page_size, labels = args
    book = make_book([Path(t) for t in texts], Path(register) if register else None, page_size=page_size,
                     labels=labels)
    return Made(name, book.pdf, book.pages, book.html, book.warnings)


def _key(volume: Volume, register: Path | None, page_size: str, code: str) -> str:
    h = hashlib.sha256(f"{page_size}\0{code}\0".encode())
    for p in (*volume.texts, *([register] if register else [])):
        h.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def index_entries(book_html: str) -> dict[str, list[tuple[str, str, str]]]:
    """The indexes of a laid-out volume: kind → [(entry id, heading HTML, pages text)]."""
    doc = lxml_html.fromstring(book_html)
    out: dict[str, list[tuple[str, str, str]]] = {}
    for section in doc.xpath("//section[contains(concat(' ', @class, ' '), ' index ')]"):
        kind = (section.get("id") or "").removeprefix("index-")
        rows = out.setdefault(kind, [])
        for li in section.xpath(".//li[contains(concat(' ', @class, ' '), ' ix-entry ')]"):
            pages = li.xpath(".//span[contains(concat(' ', @class, ' '), ' ix-pages ')]")
            page_text = " ".join("".join(pages[0].itertext()).split()) if pages else ""
            if pages:
                pages[0].getparent().remove(pages[0])
            heading = " ".join("".join(li.itertext()).split())
            rows.append((li.get("id") or heading, heading, page_text))
    return out


TITLES = {"persons": "Index of persons", "places": "Index of places", "orgs": "Index of organisations",
          "speakers": "Index of speakers"}


def combined_index_html(volumes: list[tuple[Volume, str]], title: str) -> str:
    """One index of all volumes: each heading once, then the pages in each volume that has it."""
    merged: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for volume, book_html in volumes:
        for kind, rows in index_entries(book_html).items():
            for key, heading, pages in rows:
                entry = merged.setdefault(kind, {}).setdefault(key, (heading, []))
                entry[1].append(f"<b>{html_lib.escape(volume.label)}</b>: {html_lib.escape(pages)}")
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html_lib.escape(title)}: "
             "index</title><style>@page { size: A5; margin: 15mm; @bottom-center { content: counter(page); } } "
             "body { font-family: serif; font-size: 9pt; } ul { list-style: none; padding: 0; } "
             "li { margin: 0 0 2pt 1em; text-indent: -1em; } h1 { font-size: 13pt; } h2 { font-size: 11pt; "
             "break-before: page; }</style></head><body>",
             f"<h1>{html_lib.escape(title)}: index of all volumes</h1>",
             "<p>Each entry gives, for every volume that mentions it, the volume in bold and its pages there.</p>"]
    for kind in [k for k in TITLES if k in merged] + sorted(set(merged) - set(TITLES)):
        parts.append(f"<h2>{html_lib.escape(TITLES.get(kind, kind))}</h2><ul>")
        order = sorted(merged[kind].items(), key=lambda kv: (kv[1][0].casefold(), kv[0]))
        parts += [f"<li>{html_lib.escape(heading)} {'; '.join(refs)}</li>" for _, (heading, refs) in order]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def publish_volumes(project: Project, page_size: str) -> Report:
    """The configured volumes into output/pdf/ (more than one: in parallel, and index.pdf)."""
    from ..buildstate import tree_hash
    from ..stage import package_dir
    from .pdf import edition_sources, write_if_changed

    texts, register = edition_sources(project)
    volumes = plan(project, texts)
    out = project.output_dir / "pdf"
    labels = {m.tei: str(m.get("label")) for m in project.texts if m.get("label")}
    code = tree_hash([package_dir(), project.xslt_root()], base=package_dir().parent)
    state_path = project.output_dir / STATE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    keys = {v.name: _key(v, register, page_size, code) for v in volumes}
    todo = [v for v in volumes if state.get(v.name, {}).get("key") != keys[v.name]
            or not (out / f"{v.name}.pdf").exists() or not (project.output_dir / ".cache" / f"{v.name}.html").exists()]
    from .inputs import check_publish_size

    for v in todo:  # each volume is one book: held to the `edition pdf` memory limit before any is laid out
        check_publish_size([*v.texts, *([register] if register else [])], "pdf")
    args = [(v.name, [str(t) for t in v.texts], str(register) if register else None, page_size, labels) for v in todo]
    jobs = min(project.jobs, len(args))
    if jobs <= 1:
        made = [_make(a) for a in args]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from ..workers import die_with_parent

        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=die_with_parent) as pool:
            made = list(pool.map(_make, args))
    report = Report("pdf")
    for m in made:
        target = out / f"{m.name}.pdf"
        status = write_if_changed(target, m.pdf)
        atomic_write(project.output_dir / ".cache" / f"{m.name}.html", m.html)
        state[m.name] = {"key": keys[m.name], "pages": m.pages}
        for w in m.warnings:
            report.warn(w, file=target)
        report.info(f"pdf {target}: {m.pages} pages, {status}")
    kept = len(volumes) - len(made)
    if kept:
        report.info(f"pdf: {kept} volume(s) unchanged")
    if len(volumes) > 1 and (made or not (out / "index.pdf").exists()):
        from .pdf import Typesetter

        books = [(v, (project.output_dir / ".cache" / f"{v.name}.html").read_text(encoding="utf-8")) for v in volumes]
        title = str((project.edition or {}).get("title") or "Edition")
        doc = Typesetter(page_size).render(combined_index_html(books, title))
        report.info(f"pdf {out / 'index.pdf'}: {len(doc.pages)} pages (combined index), "
                    f"{write_if_changed(out / 'index.pdf', doc.write_pdf())}")
    state = {k: v for k, v in state.items() if k in keys}
    atomic_write(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report

