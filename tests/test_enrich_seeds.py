"""The enrich stage over both seeds: converted afresh, enriched with the edition's register
and rules; representative mentions pinned, idempotency, no-clobber, links and validity."""

from __future__ import annotations

import re

TEI = "http://www.tei-c.org/ns/1.0"
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from edition.config import load_project
from edition.convert import convert_seed
from edition.enrich import enrich_files
from edition.enrich.register import load_register
from edition.xmlio import TEI_NS

NS = {"t": TEI_NS}
FILES = {"sas": "soviet-albanian-split.xml", "fbm": "from-bucharest-to-moscow.xml"}


@pytest.fixture(scope="module")
def enriched(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> dict:
    register = repo_root / "tei" / "register.xml"
    project = load_project(repo_root)
    out = tmp_path_factory.mktemp("enrich-seeds")
    for meta in project.texts:
        convert_seed(project, project.seeds_dir / meta.seed, profile=meta.profile, out_dir=out)
    paths = [out / FILES["sas"], out / FILES["fbm"]]
    converted = {p.name: p.read_bytes() for p in paths}
    run = enrich_files(project, paths, register)
    return {"dir": out, "project": project, "register": register, "run": run, "converted": converted,
            "bytes": {p.name: p.read_bytes() for p in paths}}


def _root(enriched: dict, text: str) -> etree._Element:
    return etree.fromstring(enriched["bytes"][FILES[text]])


def _reading(el: etree._Element) -> str:
    return "".join(el.xpath(".//text()[not(ancestor::t:sic) and not(ancestor::t:note)]", namespaces=NS))


def _attrs(el: etree._Element) -> dict[str, str]:
    """Attributes without @resp (which names the enrich stage on every element it adds)."""
    return {k: v for k, v in el.attrib.items() if k != "resp"}


def _ids_for(enriched: dict, form: str) -> set[str]:
    reg = load_register(enriched["register"])
    return {e.id for e in reg.entries.values() if form in e.forms}


def _mentions(root: etree._Element, tag: str) -> list[tuple[str, str]]:
    return [(el.get("ref"), _reading(el)) for el in root.xpath(f"//t:text//t:{tag}", namespaces=NS)]


def test_first_name_only_mention(enriched: dict) -> None:
    fbm = _root(enriched, "fbm")
    assert ("#mehmet-shehu", "Mehmet") in _mentions(fbm, "persName")
    # "Comrade Mehmet": the title stays outside
    assert fbm.xpath("//t:text//t:persName[@ref='#mehmet-shehu'][. = 'Mehmet']"
                     "[preceding-sibling::node()[1][self::text()][substring(., string-length(.) - 7) = 'Comrade ']]",
                     namespaces=NS)


def test_damaged_name_inside_sic_corr_is_tagged_around_the_choice(enriched: dict) -> None:
    fbm = _root(enriched, "fbm")
    (ref,) = _ids_for(enriched, "Yefremov")
    hits = fbm.xpath(f"//t:persName[@ref='#{ref}'][t:choice/t:sic = 'Yef remov']", namespaces=NS)
    assert len(hits) == 1 and _reading(hits[0]) == "Yefremov"


def test_possessive_tags_the_name_only(enriched: dict) -> None:
    for text in ("fbm", "sas"):
        root = _root(enriched, text)
        tagged = [el for el in root.xpath("//t:text//t:persName[@ref='#nikita-khrushchev']", namespaces=NS)
                  if re.match(r"\s*['’]s\b", el.tail or "")]
        assert tagged, text
        assert all(_reading(el) in ("Khrushchev", "Nikita Khrushchev") for el in tagged)


def test_derived_words_and_demonyms_are_not_names(enriched: dict) -> None:
    for text in ("fbm", "sas"):
        root = _root(enriched, text)
        names = root.xpath("//t:text//t:persName|//t:text//t:placeName|//t:text//t:orgName", namespaces=NS)
        readings = {_reading(el) for el in names}
        for word in ("Khrushchevite", "Khrushchevites", "Stalinist", "Leninism", "Soviet", "Albanian", "Chinese"):
            assert word not in readings, (text, word)
        body = "".join(root.find("t:text", NS).itertext())
        assert "Khrushchevites" in body  # still in the text, untagged
        # compound adjectives such as "post-Stalin leadership" (entities.toml [[exclude]] form "*")
        assert not [el for el in names if (el.getprevious() is None and (el.getparent().text or "").endswith("post-"))
                    or (el.getprevious() is not None and (el.getprevious().tail or "").endswith("post-"))]
    assert "post-Stalin leadership" in "".join(_root(enriched, "sas").find("t:text", NS).itertext())


def test_longest_match_wins(enriched: dict) -> None:
    fbm = _root(enriched, "fbm")
    orgs = [r for _, r in _mentions(fbm, "orgName")]
    assert "Central Committee of the Communist Party of the Soviet Union" in orgs
    sas = _root(enriched, "sas")
    assert ("#soviet-union", "Soviet Union") in _mentions(sas, "placeName")


def test_dates_inferred_year_and_ranges(enriched: dict) -> None:
    sas = {_reading(d): _attrs(d) for d in _root(enriched, "sas").xpath("//t:text//t:date", namespaces=NS)}
    assert sas["June 21"] == {"when": "1960-06-21", "cert": "medium", "evidence": "conjecture"}
    assert sas["1955–1961"] == {"from": "1955", "to": "1961"}
    assert sas["November 29, 1944"] == {"when": "1944-11-29"}
    assert sas["the 1970s"] == {"notBefore": "1970", "notAfter": "1979"}
    assert sas["early in 1954"] == {"notBefore": "1954-01", "notAfter": "1954-04"}
    assert sas["October 1–21"]["from"] == "1960-10-01" and sas["October 1–21"]["to"] == "1960-10-21"
    fbm = {_reading(d): _attrs(d) for d in _root(enriched, "fbm").xpath("//t:text//t:date", namespaces=NS)}
    assert fbm["the 28th and 29th of November"]["from"] == "1960-11-28"
    assert fbm["November 7"] == {"when": "1960-11-07", "cert": "medium", "evidence": "conjecture"}
    assert fbm["April 1957"] == {"when": "1957-04"}


def test_unglossed_foreign_words(enriched: dict) -> None:
    fbm = _root(enriched, "fbm")
    foreign = [(_reading(f), f.get("{http://www.w3.org/XML/1998/namespace}lang"))
               for f in fbm.xpath("//t:text//t:foreign[not(ancestor::t:note)]", namespaces=NS)]
    for word in ("chinovnik", "pravilna"):
        assert (word, "ru") in foreign
    assert foreign.count(("stolovaya", "ru")) == 2
    assert not [w for w, _ in foreign if w in ("vodka", "dacha")]


def test_every_ref_resolves_to_exactly_one_register_entry(enriched: dict) -> None:
    reg = etree.parse(str(enriched["register"]))
    ids = reg.xpath("//@xml:id")
    used = set()
    for text in FILES:
        for ref in _root(enriched, text).xpath("//t:text//@ref", namespaces=NS):
            assert ref.startswith("#") and ids.count(ref[1:]) == 1, ref
            used.add(ref[1:])
    # every register entry is used or reported as never mentioned
    reports = enriched["run"].reports
    entries = set(load_register(enriched["register"]).entries)
    mentioned = set().union(*(set(r.mentions) for r in reports))
    assert mentioned == used & entries


def test_second_run_is_byte_identical(enriched: dict, tmp_path: Path) -> None:
    for name in FILES.values():
        (tmp_path / name).write_bytes(enriched["bytes"][name])
    paths = [tmp_path / n for n in FILES.values()]
    run = enrich_files(enriched["project"], paths, enriched["register"])
    assert [r.status for r in run.reports] == ["unchanged", "unchanged"]
    for p in paths:
        assert p.read_bytes() == enriched["bytes"][p.name]


def test_hand_markup_is_never_clobbered(enriched: dict, tmp_path: Path) -> None:
    src = enriched["bytes"][FILES["fbm"]].decode()
    # the scholar re-links one mention and tags a generic reference by hand
    src = src.replace('<persName ref="#mehmet-shehu" resp="#fbm-enrich">Mehmet</persName>',
                      '<persName ref="#hand-decision">Mehmet</persName>', 1)
    src = src.replace("the stand of our Party", 'the stand of <orgName ref="#pla" resp="#editors">our Party</orgName>', 1)
    path = tmp_path / FILES["fbm"]
    path.write_text(src)
    enrich_files(enriched["project"], [path], enriched["register"])
    out = path.read_text()
    assert out.count('<persName ref="#hand-decision">Mehmet</persName>') == 1
    assert '<orgName ref="#pla" resp="#editors">our Party</orgName>' in out
    assert "<persName ref=\"#mehmet-shehu\" resp=\"#fbm-enrich\"><persName" not in out


def test_valid_against_tei_all(enriched: dict, tei_all: etree.RelaxNG) -> None:
    for text in FILES:
        doc = etree.ElementTree(_root(enriched, text))
        assert tei_all.validate(doc), (text, tei_all.error_log.last_error)


def test_nothing_lost_every_character_of_the_text_is_kept(enriched: dict) -> None:
    for name in FILES.values():
        before = etree.fromstring(enriched["converted"][name]).find("t:text", NS)
        after = etree.fromstring(enriched["bytes"][name]).find("t:text", NS)
        assert "".join(before.itertext()) == "".join(after.itertext()), name
        # and only name, date and foreign elements were added
        tags = lambda el: Counter(etree.QName(e).localname for e in el.iter() if isinstance(e.tag, str))  # noqa: E731
        added = tags(after) - tags(before)
        assert set(added) <= {"persName", "placeName", "orgName", "date", "foreign"}, added
        assert not tags(before) - tags(after)


def test_event_names_hide_the_places_and_parties_inside_them(enriched: dict) -> None:
    """“the Bucharest Meeting”, “the 20th Congress of the CPSU”: the event, not a place or party mention,
    and no shorter form inside it (Soviet Union, Albania) is tagged instead."""
    for text in ("sas", "fbm"):
        root = _root(enriched, text)
        for el in root.iter(f"{{{TEI}}}placeName", f"{{{TEI}}}orgName"):
            name = "".join(el.itertext())
            assert not re.match(r"\s+(Meeting|Conference)\b", el.tail or ""), (text, name, (el.tail or "")[:30])
            prev = el.getprevious()
            before = (prev.tail if prev is not None else el.getparent().text) or ""
            assert not re.search(r"Congress(es)?\s+of\s+the\s+$", before), (text, name)
            # the excluded party name hides its shorter forms: no "Soviet Union" cut out of
            # "the 20th Congress of the Communist Party of the Soviet Union"
            assert not re.search(r"Congress(es)?\s+of\s+the\s+[^.]*Party\s+of\s+(the\s+)?$", before), (text, name)
            assert not el.xpath("ancestor::t:orgName", namespaces=NS), (text, name)
