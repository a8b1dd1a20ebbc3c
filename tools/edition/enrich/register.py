"""Read the edition's register (`tei/register.xml`): entries, their kind and every name form."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..xmlio import TEI_NS, XML_ID, parse_file, tei

#: register entry element → (name element in the entry, name element used in the texts)
KINDS = {
    tei("person"): ("persName", "persName"),
    tei("personGrp"): ("persName", "persName"),
    tei("place"): ("placeName", "placeName"),
    tei("org"): ("orgName", "orgName"),
}


@dataclass
class Entry:
    """One register entry: xml:id, kind ('person' | 'place' | 'org'), the tag for mentions, its forms."""

    id: str
    kind: str
    element: str
    forms: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class Register:
    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    def form_index(self) -> dict[str, list[Entry]]:
        """Each distinct form → the entries listing it (more than one: an ambiguous form)."""
        index: dict[str, list[Entry]] = {}
        for entry in self.entries.values():
            for form in entry.forms:
                bucket = index.setdefault(form, [])
                if entry not in bucket:
                    bucket.append(entry)
        return index


#: the reading text of a name: corrected/regularised forms, not sic/orig/abbr, no notes
_READING = ".//text()[not(ancestor::t:sic or ancestor::t:orig or ancestor::t:abbr or ancestor::t:note)]"


def _norm(text: str) -> str:
    return " ".join(text.split())


def load_register(path: Path) -> Register:
    """Parse the register; raise EditionError on duplicate ids or entries without a usable form."""
    path = Path(path)
    if not path.exists():
        raise EditionError(f"{path}: register not found (name tagging is driven by it; see docs/conventions.md)")
    root = parse_file(path).getroot()
    reg = Register(path)
    for el in root.iter(*KINDS):
        xml_id = el.get(XML_ID)
        own, mention = KINDS[el.tag]
        if not xml_id:
            raise EditionError(f"{path}:{el.sourceline}: {etree.QName(el).localname} without xml:id")
        if xml_id in reg.entries:
            raise EditionError(f"{path}:{el.sourceline}: duplicate xml:id {xml_id!r}")
        entry = Entry(xml_id, etree.QName(el).localname.removesuffix("Grp"), mention, line=el.sourceline or 0)
        for name in el.findall(tei(own)):  # direct children only: not names inside notes or relations
            form = _norm("".join(name.xpath(_READING, namespaces={"t": TEI_NS})))
            if form and form not in entry.forms:
                entry.forms.append(form)
        reg.entries[xml_id] = entry
    if not reg.entries:
        raise EditionError(f"{path}:1: the register has no person, place or org entries")
    return reg
