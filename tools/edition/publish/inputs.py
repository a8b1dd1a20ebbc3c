"""The publishing input, assembled in one place for the HTML site and the print book.

Both outputs read the same things: the TEI texts (parsed safely, checked for the TEI outline), the
register, the ODD (HTML only), the texts' short names in cross-references (editorial/texts.toml,
keyed by TEI file name) and the stylesheet tree (the project's own xslt/, else the packaged one, with
html/, print/, timeline/ and the shared edition model common/). `assemble` builds it from paths,
`project_input` from the edition's configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import resources
from ..config import Project
from ..errors import EditionError
from ..xmlio import TEI_NS, XML_ID, check_tei, parse_bytes


@dataclass
class TextInput:
    """One TEI document to publish."""

    path: Path
    data: bytes
    tree: etree._ElementTree
    label: str = ""  # short name in cross-references ("memoir"); empty: the title

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

    def xslt(self, kind: str) -> Path:
        """xslt/<kind>/ (html, print, timeline, common) of this input's stylesheet tree."""
        return self.xslt_root / kind

    @property
    def paths(self) -> list[Path]:
        return [t.path for t in self.texts]


def load_tei(path: Path) -> TextInput:
    """Read and parse a TEI document (TEI or teiCorpus with a header) safely; EditionError naming the file otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {exc.strerror or exc}") from None
    tree = parse_bytes(data, str(path))
    root = tree.getroot()
    if root.tag not in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"):
        raise EditionError(f"{path}:{root.sourceline or 1}: not a TEI P5 document (root element {root.tag!r})")
    if root.tag == f"{{{TEI_NS}}}TEI":
        check_tei(tree, str(path))  # a header, then a text: what every page relies on
    elif root.find(f"{{{TEI_NS}}}teiHeader") is None:
        raise EditionError(f"{path}:{root.sourceline or 1}: teiCorpus without a teiHeader")
    return TextInput(path, data, tree)


def assemble(texts: list[Path], *, register: Path | None = None, odd: Path | None = None,
             labels: dict[str, str] | None = None, xslt_root: Path | None = None) -> PublishInput:
    """The publishing input of `texts` (`labels`: TEI file name → short name)."""
    if not texts:
        raise EditionError("no TEI documents to publish")
    labels = dict(labels or {})
    loaded = [load_tei(p) for p in texts]
    for t in loaded:
        t.label = labels.get(t.path.name, "")
    return PublishInput(
        texts=loaded,
        register=load_tei(register) if register else None,
        odd=load_tei(odd) if odd else None,
        labels=labels,
        xslt_root=xslt_root or resources.xslt_root(),
    )


def project_labels(project: Project) -> dict[str, str]:
    """The short names of the edition's texts (editorial/texts.toml `label`), by TEI file name."""
    return {m.tei: str(m.get("label")) for m in project.texts if m.get("label")}


def project_input(project: Project, *, with_odd: bool = True) -> PublishInput:
    """The edition's texts (editorial/texts.toml order), register, ODD, labels and stylesheet tree."""
    odd = resources.schema_dir(project.root) / "edition.odd"
    return assemble(
        project.text_paths(),
        register=project.register_path(),
        odd=odd if with_odd and odd.exists() else None,
        labels=project_labels(project),
        xslt_root=resources.xslt_root(project.root),
    )
