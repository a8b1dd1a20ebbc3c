"""The edition's register (tei/register.xml): well-formed, schema-valid, consistent, and
made only of name forms that really occur in the seeds.

The register is the tagger's word list, so its forms must be exactly the strings of the
texts: every non-preferred form is checked against both seeds (the article after undoing
its WikiText-103 tokenisation), as a whole word and case-sensitively, the way the enrich
stage matches them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from edition.convert.corrections import Corrections
from edition.xmlio import NS, XML_ID, parse_file, tei

REGISTER = Path("tei") / "register.xml"
SEED_ARTICLE = Path("seeds") / "000_173910b34eca1096.txt"
SEED_MEMOIR = Path("seeds") / "003_b69932f3d68367df.txt"

KINDS = (("person", "persName"), ("place", "placeName"), ("org", "orgName"))


def undo_wikitext(text: str) -> str:
    """Undo the WikiText-103 tokenisation that matters for name forms.

    " @-@ " -> "-", " @,@ " -> ",", " @.@ " -> "."; clitics split off by the tokeniser
    are re-attached ("Khrushchev 's" -> "Khrushchev's", "O 'Donnell" -> "O'Donnell").
    """
    text = re.sub(r" @(.)@ ", r"\1", text)
    text = re.sub(r" '(s|t|ve|ll|re|d|m)\b", r"'\1", text)
    text = re.sub(r"\bO '([A-Z])", r"O'\1", text)
    return text


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def occurs(form: str, text: str) -> bool:
    """Whole-word, case-sensitive occurrence (the tagger's matching rule)."""
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


@pytest.fixture(scope="module")
def register(repo_root: Path) -> etree._ElementTree:
    return parse_file(repo_root / REGISTER)


def readings(repo_root: Path, seed: Path, text_id: str) -> list[str]:
    """The diplomatic and the corrected reading of a seed (corrections from
    editorial/corrections/<text-id>.tsv, as `convert` applies them)."""
    lines = (repo_root / seed).read_text(encoding="utf-8").split("\n")
    corrections = Corrections.load(repo_root / "editorial" / "corrections" / f"{text_id}.tsv", lines)
    corrected = [corrections.corr_of(corrections.mark(n, line)) for n, line in enumerate(lines, 1)]
    return ["\n".join(lines), "\n".join(corrected)]


@pytest.fixture(scope="module")
def seed_texts(repo_root: Path) -> dict[str, str]:
    """Each text id → its readings (diplomatic, corrected) joined by a line that matches nothing;
    the article's tokenisation undone."""
    sep = "\n\x00\n"
    article = readings(repo_root, SEED_ARTICLE, "sas")
    memoir = readings(repo_root, SEED_MEMOIR, "fbm")
    return {
        "sas": sep.join(normalise_space(undo_wikitext(r)) for r in article),
        "fbm": sep.join(normalise_space(r) for r in memoir),
    }


def entries(register: etree._ElementTree) -> list[tuple[str, etree._Element, str]]:
    """(kind, entry element, name element local name) for every register entry."""
    out = []
    for kind, name in KINDS:
        for entry in register.getroot().iter(tei(kind)):
            out.append((kind, entry, name))
    return out


def forms_of(entry: etree._Element, name: str) -> list[tuple[str, str]]:
    """(type, text) of every name child of an entry, text with whitespace normalised."""
    return [
        (n.get("type", ""), normalise_space("".join(n.itertext())).strip())
        for n in entry.findall(f"tei:{name}", NS)
    ]


def entry_by_id(register: etree._ElementTree, xml_id: str) -> etree._Element:
    found = register.getroot().xpath(f"//*[@xml:id='{xml_id}']")
    assert len(found) == 1, f"no unique entry {xml_id}"
    return found[0]


# --- structure and validity ---------------------------------------------------------


def test_register_is_a_tei_document_with_the_three_lists(register: etree._ElementTree) -> None:
    root = register.getroot()
    assert root.tag == tei("TEI")
    assert root.get(XML_ID) == "register"
    title = root.findtext("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS)
    assert title == "Register of persons, places and organisations"
    licence = root.find(".//tei:publicationStmt/tei:availability/tei:licence", NS)
    assert licence is not None and licence.get("target", "").startswith("https://creativecommons.org/")
    stand_off = root.find("tei:standOff", NS)
    assert stand_off is not None
    lists = {el.get(XML_ID): el.tag for el in stand_off}
    assert lists == {
        "persons": tei("listPerson"),
        "places": tei("listPlace"),
        "orgs": tei("listOrg"),
    }


def test_register_is_valid_against_tei_all(
    register: etree._ElementTree, tei_all: etree.RelaxNG
) -> None:
    ok = tei_all.validate(register)
    assert ok, "\n".join(str(e) for e in list(tei_all.error_log)[:10])


def test_ids_are_unique_and_readable_slugs(register: etree._ElementTree) -> None:
    ids = [el.get(XML_ID) for el in register.getroot().iter() if el.get(XML_ID)]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate xml:id: {dupes}"
    for kind, entry, _ in entries(register):
        xml_id = entry.get(XML_ID)
        assert xml_id, f"{kind} without xml:id at line {entry.sourceline}"
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", xml_id), xml_id


def test_ids_do_not_clash_with_the_texts(repo_root: Path, register: etree._ElementTree) -> None:
    """xml:ids are unique across the whole edition (texts generated so far included)."""
    ours = {el.get(XML_ID) for el in register.getroot().iter() if el.get(XML_ID)}
    for path in sorted((repo_root / "tei").glob("*.xml")):
        if path.name == REGISTER.name:
            continue
        theirs = {el.get(XML_ID) for el in parse_file(path).getroot().iter() if el.get(XML_ID)}
        assert not ours & theirs, f"{path.name} shares xml:ids with the register: {sorted(ours & theirs)}"


def test_every_entry_has_one_preferred_name_and_places_and_orgs_a_type(
    register: etree._ElementTree,
) -> None:
    for kind, entry, name in entries(register):
        preferred = [t for t, _ in forms_of(entry, name) if t == "preferred"]
        assert len(preferred) == 1, f"{entry.get(XML_ID)}: {len(preferred)} preferred names"
        for t, text in forms_of(entry, name):
            assert t in {"preferred", "variant", "abbreviation"}, f"{entry.get(XML_ID)}: type {t!r}"
            assert text, f"{entry.get(XML_ID)}: empty {name}"
        if kind in ("place", "org"):
            assert entry.get("type"), f"{entry.get(XML_ID)} has no @type"


def test_preferred_person_names_are_structured(register: etree._ElementTree) -> None:
    for entry in register.getroot().iter(tei("person")):
        pref = entry.find("tei:persName[@type='preferred']", NS)
        assert pref is not None
        assert pref.find("tei:surname", NS) is not None, entry.get(XML_ID)


def test_life_dates_are_iso_and_in_order(register: etree._ElementTree) -> None:
    for entry in register.getroot().iter(tei("person")):
        when = {}
        for ev in ("birth", "death"):
            el = entry.find(f"tei:{ev}", NS)
            if el is not None:
                value = el.get("when", "")
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value), f"{entry.get(XML_ID)} {ev} {value!r}"
                when[ev] = value
        if len(when) == 2:
            assert when["birth"][:4] < when["death"][:4], entry.get(XML_ID)


def test_coordinates_are_plausible_latitude_longitude(register: etree._ElementTree) -> None:
    for geo in register.getroot().iter(tei("geo")):
        lat, lon = (float(x) for x in geo.text.split())
        assert -90 <= lat <= 90 and -180 <= lon <= 180, geo.text


# --- name forms ----------------------------------------------------------------------


def test_no_form_is_shared_by_two_entries_without_a_documented_decision(
    register: etree._ElementTree,
) -> None:
    owners: dict[str, list[etree._Element]] = defaultdict(list)
    for _, entry, name in entries(register):
        for _, text in forms_of(entry, name):
            owners[text].append(entry)
    for text, those in owners.items():
        if len(those) < 2:
            continue
        documented = any(
            f"“{text}”" in "".join(note.itertext())
            for entry in those
            for note in entry.findall("tei:note[@type='editorial']", NS)
        )
        assert documented, f"form {text!r} in {[e.get(XML_ID) for e in those]} without an editorial note"


def test_every_listed_form_occurs_in_a_seed(
    register: etree._ElementTree, seed_texts: dict[str, str]
) -> None:
    """No invented forms: every variant/abbreviation is a string of one of the texts, in its
    diplomatic or its corrected reading (the tagger searches the corrected one)."""
    missing = []
    for _, entry, name in entries(register):
        for kind, text in forms_of(entry, name):
            if kind == "preferred":
                continue
            if not any(occurs(text, t) for t in seed_texts.values()):
                missing.append(f"{entry.get(XML_ID)}: {text!r}")
    assert not missing, "forms that occur in neither seed:\n" + "\n".join(missing)


def test_every_entry_is_named_in_the_corrected_reading_of_a_seed(
    repo_root: Path, register: etree._ElementTree
) -> None:
    """No invented entities, and none the tagger cannot find: at least one form of every
    entry occurs in the corrected reading (the one enrichment searches) of a text. A damaged
    form alone is not enough: its corrected form must be listed too."""
    corrected = [
        normalise_space(undo_wikitext(readings(repo_root, SEED_ARTICLE, "sas")[1])),
        normalise_space(readings(repo_root, SEED_MEMOIR, "fbm")[1]),
    ]
    for _, entry, name in entries(register):
        assert any(
            occurs(text, t) for _, text in forms_of(entry, name) for t in corrected
        ), f"{entry.get(XML_ID)} is named in neither text's corrected reading"


def test_forms_carry_no_wikitext_tokenisation(register: etree._ElementTree) -> None:
    for _, entry, name in entries(register):
        for _, text in forms_of(entry, name):
            assert "@" not in text and " 's" not in text and " '" not in text, (entry.get(XML_ID), text)


@pytest.mark.parametrize(
    "word",
    [
        "Khrushchevite", "Khrushchevites", "Khrushchevism", "Stalinist", "de-Stalinization",
        "post-Stalin", "Leninism", "Leninist", "Marxist-Leninist", "Marxism-Leninism",
        "Titoite", "Trotskyite", "Hitlerite", "Soviet", "Soviets", "Albanian", "Albanians",
        "Chinese", "Yugoslav", "Kerenskys", "Party", "our Party",
    ],
)
def test_derived_words_demonyms_and_generic_references_are_not_forms(
    register: etree._ElementTree, word: str
) -> None:
    for _, entry, name in entries(register):
        assert word not in [text for _, text in forms_of(entry, name)], (entry.get(XML_ID), word)


# --- representative entries ------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml_id", "expected"),
    [
        ("enver-hoxha", {("variant", "Hoxha"), ("variant", "Enver")}),
        ("mehmet-shehu", {("variant", "Mehmet")}),
        ("hysni-kapo", {("variant", "Hysni"), ("variant", "Kapo")}),
        ("ramiz-alia", {("variant", "Ramiz"), ("variant", "Alia")}),
        ("anastas-mikoyan", {("variant", "Mikoyan"), ("variant", "Anastasiy")}),
        ("pyotr-pospelov", {("preferred", "Pyotr Pospelov"), ("variant", "Pospyelov")}),
        ("dolores-ibarruri", {("preferred", "Dolores Ibárruri"), ("variant", "Ibarruri")}),
        ("yefremov", {("variant", "Yef remov"), ("preferred", "Yefremov")}),
        ("deng-xiaoping", {("preferred", "Deng Xiaoping"), ("variant", "Den Xiaoping")}),
        ("nikita-khrushchev", {("preferred", "Nikita Khrushchev"), ("variant", "Khrushchev")}),
        ("james-s-odonnell", {("variant", "O'Donnell")}),
        ("beijing", {("preferred", "Beijing"), ("variant", "Peking")}),
        ("soviet-union", {("preferred", "Soviet Union"), ("abbreviation", "USSR")}),
        ("sazan-narrows", {("preferred", "Sazan Narrows")}),
        ("cpsu", {("abbreviation", "CPSU")}),
        ("pla", {("abbreviation", "PLA"), ("variant", "Party of Labour")}),
        ("peoples-republic-of-albania", {("abbreviation", "PRA")}),
        ("comecon", {("abbreviation", "Comecon")}),
        ("warsaw-pact", {("variant", "Warsaw Treaty")}),
    ],
)
def test_representative_entries(
    register: etree._ElementTree, xml_id: str, expected: set[tuple[str, str]]
) -> None:
    entry = entry_by_id(register, xml_id)
    name = {"person": "persName", "place": "placeName", "org": "orgName"}[etree.QName(entry).localname]
    assert expected <= set(forms_of(entry, name))


def test_damaged_forms_are_marked(register: etree._ElementTree) -> None:
    damaged = register.getroot().xpath("//tei:persName[@subtype='damaged']", namespaces=NS)
    texts = {"".join(n.itertext()) for n in damaged}
    assert {"Yef remov", "Den Xiaoping"} <= texts
    for n in damaged:
        assert n.get("type") == "variant"


@pytest.mark.parametrize(
    "xml_id", ["ivanov", "alexander-kerensky", "soviet-union", "pla", "pla-central-committee"]
)
def test_ambiguities_are_documented_in_the_entry(register: etree._ElementTree, xml_id: str) -> None:
    notes = entry_by_id(register, xml_id).findall("tei:note[@type='editorial']", NS)
    assert notes and all("".join(n.itertext()).strip() for n in notes)


def test_places_have_a_known_type(register: etree._ElementTree) -> None:
    allowed = {"country", "settlement", "region", "district", "building", "water"}
    for place in register.getroot().iter(tei("place")):
        assert place.get("type") in allowed, (place.get(XML_ID), place.get("type"))
