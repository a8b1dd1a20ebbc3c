"""The publishing input, assembled in one place for the HTML site and the print book.

Both outputs read the same things: the TEI texts (parsed safely, checked for the TEI outline), the
register, the ODD (HTML only), the texts' short names in cross-references (editorial/texts.toml,
keyed by TEI file name) and the stylesheet tree (the project's own xslt/, else the packaged one, with
html/, print/, timeline/ and the shared edition model common/). `assemble` builds it from paths,
`project_input` from the edition's configuration; `site_corpus` wraps it as the one document both
stylesheets take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import resources
from ..config import Project
from ..errors import EditionError
from ..xmlio import TEI_NS, XML_ID, check_tei, duplicate_ids, parse_bytes, read_xml_bytes

SITE_NS = "urn:x-edition:site"
_SLOT = "edition-site-slot"


@dataclass
class TextInput:
    """One TEI document to publish."""

    path: Path
    data: bytes
    tree: etree._ElementTree
    label: str = ""  # short name in cross-references ("memoir"); empty: the title
    problems: list[str] = field(default_factory=list)  # validity problems found on loading (duplicate ids)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def text_id(self) -> str:
        return self.root.get(XML_ID, "")


@dataclass
class PublishInput:
    """Everything the publishing stylesheets read besides their page parameters."""

    texts: list[TextInput]
    register: TextInput | None = None
    odd: TextInput | None = None
    labels: dict[str, str] = field(default_factory=dict)  # TEI file name → short name, also of texts not in `texts`
    xslt_root: Path = field(default_factory=resources.xslt_root)

    @property
    def problems(self) -> list[str]:
        """Validity problems of the input documents (reported; publishing goes on unless strict)."""
        docs = [*self.texts, *(d for d in (self.register, self.odd) if d is not None)]
        return [p for d in docs for p in d.problems]

    def xslt(self, kind: str) -> Path:
        """xslt/<kind>/ (html, print, timeline, common) of this input's stylesheet tree."""
        return self.xslt_root / kind

    @property
    def paths(self) -> list[Path]:
        return [t.path for t in self.texts]


# Publishing limits (issue 15). The XSLT processor's trees, the pages it makes and WeasyPrint's layout
# need memory in proportion to what is published; these bounds keep `edition html` and `edition pdf`
# under 1 GB on any input (bench/memory_bench.py, bench/RESULTS.md). They count over all the
# documents of one publication (one site; one book), before anything is parsed or written:
# tags ("<": start and end tags, empty elements, comments, PIs) and bytes.
PUBLISH_LIMITS: dict[str, tuple[int, int]] = {
    "html": (200_000, 8 * 1024 * 1024),
    "pdf": (15_000, 1024 * 1024),
    # `edition build` makes the site page by page (edition.incremental): each reading page is held to the
    # "html" limit with the texts it reads; the pages over all texts are made from per-text records and from
    # the texts' header copies, or (the timeline, at most 50 texts) their corpus copies (edition.extracts,
    # edition.multipages): these copies are held to this limit (≈ 4,000 letters' headers of ≈ 3.5 KB).
    "site pages": (280_000, 14 * 1024 * 1024),
}
_WHAT = {"html": "`edition html` publishes", "pdf": "`edition pdf` publishes",
         "site pages": "the pages over all texts are made from the texts' header (or corpus) copies,"}


def check_publish_size(paths: list[Path], command: str) -> None:
    """Refuse (EditionError naming the file, the count and the limit) a publication beyond
    PUBLISH_LIMITS[command]; the sums run over `paths`, the documents of one site or book."""
    max_tags, max_bytes = PUBLISH_LIMITS[command]
    tags = size = 0
    for path in paths:
        if not path.exists():
            continue  # reported as missing where it is loaded
        data = read_xml_bytes(path)
        n = data.count(b"<")
        tags += n
        size += len(data)
        total = "" if path == paths[0] else f", {tags:,} with the documents before it"
        if tags > max_tags:
            raise EditionError(f"{path}: {n:,} tags{total}; {_WHAT[command]} at most {max_tags:,} tags at "
                               "once (a memory limit, see the README); nothing written")
        total = "" if path == paths[0] else f", {size:,} with the documents before it"
        if size > max_bytes:
            raise EditionError(f"{path}: {len(data):,} bytes{total}; {_WHAT[command]} at most {max_bytes:,} "
                               "bytes at once (a memory limit, see the README); nothing written")


def load_tei(path: Path) -> TextInput:
    """Read and parse a TEI document (TEI or teiCorpus with a header) safely; EditionError naming the file otherwise."""
    data = read_xml_bytes(path)  # a regular file, bounded (FIFOs and devices refused)
    tree = parse_bytes(data, str(path), duplicate_ids=True)
    root = tree.getroot()
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        qname = etree.QName(root)
        found = f"{qname.localname} in namespace {qname.namespace}" if qname.namespace else f"{qname.localname} in no namespace"
        raise EditionError(f"{path}:{root.sourceline or 1}: not a TEI P5 document: the root element is {found}; "
                           f"a TEI document's root is TEI or teiCorpus in {TEI_NS}")
    if root.tag == f"{{{TEI_NS}}}teiCorpus":
        if root.find(f"{{{TEI_NS}}}teiHeader") is None:
            raise EditionError(f"{path}:{root.sourceline or 1}: teiCorpus without a teiHeader")
    else:
        check_tei(tree, str(path))  # a TEI root, a header, then a text: what every page relies on
    return TextInput(path, data, tree, problems=duplicate_ids(tree, str(path)))


def assemble(texts: list[Path], *, register: Path | None = None, odd: Path | None = None,
             labels: dict[str, str] | None = None, xslt_root: Path | None = None, strict: bool = False) -> PublishInput:
    """The publishing input of `texts` (`labels`: TEI file name → short name). Validity problems (a
    duplicate xml:id) are kept in `problems` for the caller to report, or, if `strict`, refused."""
    if not texts:
        raise EditionError("no TEI documents to publish")
    labels = dict(labels or {})
    loaded = [load_tei(p) for p in texts]
    for t in loaded:
        t.label = labels.get(t.path.name, "")
    pub = PublishInput(
        texts=loaded,
        register=load_tei(register) if register else None,
        odd=load_tei(odd) if odd else None,
        labels=labels,
        xslt_root=xslt_root or resources.xslt_root(),
    )
    if strict and pub.problems:
        raise EditionError("\n".join([*pub.problems, "(--strict: not published; without it these are warnings)"]))
    return pub


def project_labels(project: Project) -> dict[str, str]:
    """The short names of the edition's texts (editorial/texts.toml `label`), by TEI file name."""
    return {m.tei: str(m.get("label")) for m in project.texts if m.get("label")}


def project_input(project: Project, *, with_odd: bool = True, strict: bool = False) -> PublishInput:
    """The edition's texts (editorial/texts.toml order), register, ODD, labels and stylesheet tree."""
    odd = resources.schema_dir(project.root) / "edition.odd"
    return assemble(
        project.text_paths(),
        register=project.register_path(),
        odd=odd if with_odd and odd.exists() else None,
        labels=project_labels(project),
        xslt_root=resources.xslt_root(project.root),
        strict=strict,
    )


@dataclass(frozen=True)
class CorpusText:
    """A text in the site corpus: its TEI file name, its id (its TEI's xml:id, else the file's stem), its short
    name in cross-references, and what the HTML site names its files (page, TEI download, PDF), if any."""

    file: str
    text_id: str
    root: etree._Element
    label: str = ""
    page: str | None = None
    tei: str | None = None
    pdf: str | None = None


def site_corpus(texts: list[CorpusText], register: etree._ElementTree | None = None, register_href: str = "",
                labels: dict[str, str] | None = None) -> str:
    """The one input shape of the HTML and print stylesheets, as XML text: site:corpus holding a site:text
    (@file, @id, @label; for the site also @page, @tei, @pdf) around each text's TEI, in order; site:register
    (@tei) around the register; and a site:label (@file, @label) for each labelled file that is not among the
    texts, so that a pointer into it is named though it is not published here. The trees are serialised
    straight into the wrapper rather than copied into a wrapper tree first (one copy of the edition fewer)."""
    corpus = etree.Element(f"{{{SITE_NS}}}corpus", nsmap={"site": SITE_NS})
    roots = []
    for t in texts:
        attrs = {"id": t.text_id, **{k: v for k, v in (("page", t.page), ("tei", t.tei), ("pdf", t.pdf)) if v is not None},
                 "file": t.file}
        el = etree.SubElement(corpus, f"{{{SITE_NS}}}text", attrs)
        if t.label:
            el.set("label", t.label)
        el.append(etree.Comment(_SLOT))
        roots.append(t.root)
    if register is not None:
        el = etree.SubElement(corpus, f"{{{SITE_NS}}}register", tei=register_href)
        el.append(etree.Comment(_SLOT))
        roots.append(register.getroot())
    files = {t.file for t in texts}
    for name, label in sorted((labels or {}).items()):
        if name not in files and label:
            etree.SubElement(corpus, f"{{{SITE_NS}}}label", file=name, label=label)
    parts = etree.tostring(corpus, encoding="unicode").split(f"<!--{_SLOT}-->")  # "<" in attribute values is escaped
    assert len(parts) == len(roots) + 1
    out = [parts[0]]
    for root, rest in zip(roots, parts[1:]):
        out += [etree.tostring(root, encoding="unicode", with_tail=False), rest]
    return "".join(out)
