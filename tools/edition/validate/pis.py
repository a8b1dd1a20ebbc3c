"""The <?xml-model?> processing instructions that let XML editors validate as the scholar types."""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from .. import resources

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"


def _schema_dir(tei_path: Path) -> Path:
    return resources.schema_dir(tei_path.parent if tei_path.parent.exists() else None)


def xml_model_pis(tei_path: Path | str) -> list[str]:
    """The two PIs (RELAX NG, then Schematron) for a TEI file at `tei_path`, hrefs relative to it.

    For tei/fbm.xml: `<?xml-model href="schema/edition.rng" type="application/xml"
    schematypens="http://relaxng.org/ns/structure/1.0"?>` and the same for schema/edition.sch with
    the Schematron namespace. The Schematron holds the XPath 1 subset of the rules; all rules run
    in `edition validate`.
    """
    tei_path = Path(tei_path).resolve()
    schema_dir = _schema_dir(tei_path)
    rel = Path(os.path.relpath(schema_dir, tei_path.parent)).as_posix()
    return [
        f'<?xml-model href="{rel}/edition.rng" type="application/xml" schematypens="{RNG_NS}"?>',
        f'<?xml-model href="{rel}/edition.sch" type="application/xml" schematypens="{SCH_NS}"?>',
    ]


def add_xml_model_pis(tree: etree._ElementTree, tei_path: Path | str) -> bool:
    """Put the xml-model PIs before the root of `tree` unless already there; True if it changed.

    Idempotent: a PI with the same href is never added twice, so converting again changes nothing.
    """
    root = tree.getroot()
    present = set()
    node = root.getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            present.add(node.get("href"))
        node = node.getprevious()
    changed = False
    for pi in xml_model_pis(tei_path):
        text = pi[len("<?xml-model "):-2]
        href = text.split('"')[1]
        if href not in present:
            root.addprevious(etree.PI("xml-model", text))
            changed = True
    return changed
