"""`edition enrich` on a small fixture project: names, dates, foreign words, idempotency,
no-clobber, dry run, reporting and errors, as a user meets them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.manifest import Manifest
from edition.xmlio import TEI_NS

FIX = Path(__file__).parent / "fixtures" / "enrich"
NS = {"t": TEI_NS}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\ntei_dir = "tei"\neditorial_dir = "editorial"\n')
    shutil.copytree(FIX / "editorial", tmp_path / "editorial")
    (tmp_path / "tei").mkdir()
    shutil.copy(FIX / "register.xml", tmp_path / "tei" / "register.xml")
    shutil.copy(FIX / "memoir.xml", tmp_path / "tei" / "memoir.xml")
    manifest = Manifest(tmp_path / "tei")  # as if `edition convert` had written it
    manifest.record(tmp_path / "tei" / "memoir.xml", tool="convert", inputs="fixture")
    manifest.save()
    monkeypatch.chdir(tmp_path)
    return tmp_path


#: the fixture's hand-made pointer that is deliberately not in the register
DANGLING = "@ref #somebody-else (line 45) does not resolve to a register entry"


def _only_dangling_warning(stderr: str) -> bool:
    return [line.split(": ", 2)[-1] for line in stderr.splitlines()] == [DANGLING]


def run(*args: str):
    return CliRunner().invoke(main, ["enrich", *args], catch_exceptions=False)


def _tree(project: Path) -> etree._Element:
    return etree.parse(str(project / "tei" / "memoir.xml")).getroot()


def _names(root: etree._Element) -> list[tuple[str, str, str]]:
    out = []
    for el in root.xpath("//t:text//t:persName|//t:text//t:placeName|//t:text//t:orgName", namespaces=NS):
        reading = "".join(el.xpath(".//text()[not(ancestor::t:sic)]", namespaces=NS))
        out.append((etree.QName(el).localname, el.get("ref"), reading))
    return out


def test_enrich_tags_names_dates_and_foreign_words(project: Path) -> None:
    r = run()
    assert r.exit_code == 0, r.output
    assert _only_dangling_warning(r.stderr)
    assert "memoir.xml (fbm): written" in r.stdout
    root = _tree(project)
    names = _names(root)
    # a first-name-only mention, a possessive (the name only), a damaged name inside sic/corr
    assert ("persName", "#mehmet-shehu", "Mehmet") in names
    assert ("persName", "#nikita-khrushchev", "Khrushchev") in names
    assert ("persName", "#nikolai-yefremov", "Yefremov") in names
    yef = root.xpath("//t:persName[@ref='#nikolai-yefremov']", namespaces=NS)[0]
    assert [etree.QName(c).localname for c in yef] == ["choice"]
    # longest match: the Central Committee of the CPSU is one organisation
    assert ("orgName", "#cpsu-central-committee",
            "Central Committee of the Communist Party of the Soviet Union") in names
    # names are tagged in authorial notes, names and dates not in the editors' own notes
    assert root.xpath("//t:note[@type='authorial']/t:persName[@ref='#anastas-mikoyan']", namespaces=NS)
    assert not root.xpath("//t:note[@type='editorial']//*", namespaces=NS)
    # derived words and demonyms are never names
    text = etree.tostring(root, encoding="unicode")
    assert "the Khrushchevites resented" in text
    assert "Stalinist de-Stalinization and Leninism" in text
    assert ">Lenin</persName>’s road" in text
    # titles stay outside the name
    assert re.search(r"<corr[^>]*>Comrade</corr></choice> <persName ref=\"#anastas-mikoyan\"[^>]*>Mikoyan</persName>", text)
    # dates: narrative year for the memoir, cert on the inferred part
    dates = {"".join(d.xpath(".//text()[not(ancestor::t:sic)]", namespaces=NS)): dict(d.attrib)
             for d in root.xpath("//t:text//t:date", namespaces=NS)}
    assert {d.pop("resp") for d in dates.values()} == {"#fbm-enrich"}  # every new element says who made it
    assert dates["February that year"] == {"when": "1960-02", "cert": "medium", "evidence": "conjecture"}
    assert dates["1955–1961"] == {"from": "1955", "to": "1961"}
    assert dates["the beginning of June 1960"] == {"notBefore": "1960-06-01", "notAfter": "1960-06-10"}
    assert root.xpath("//t:teiHeader//t:date", namespaces=NS)[0].attrib == {"when": "2026-11-22"}
    # foreign words from the glossary; the one already tagged is not doubled
    foreign = [("".join(f.itertext()), f.get("{http://www.w3.org/XML/1998/namespace}lang"))
               for f in root.iter(f"{{{TEI_NS}}}foreign")]
    assert foreign == [("chinovnik", "ru"), ("stolovaya", "ru")]
    assert root.xpath("//t:langUsage/t:language/@ident", namespaces=NS) == ["en", "ru"]
    # the header states the inference rule, once
    interp = root.xpath("//t:interpretation/t:p[@xml:id='fbm-enrich-interpretation']", namespaces=NS)
    assert len(interp) == 1 and "1960" in interp[0].text


def test_hand_markup_survives(project: Path) -> None:
    run()
    root = _tree(project)
    hand = root.xpath("//t:persName[@ref='#somebody-else']", namespaces=NS)
    assert len(hand) == 1 and hand[0].text == "Hoxha" and len(hand[0]) == 0
    assert not root.xpath("//t:persName//t:persName", namespaces=NS)


def test_second_run_changes_nothing_byte_for_byte(project: Path) -> None:
    first = run()
    assert first.exit_code == 0
    before = (project / "tei" / "memoir.xml").read_bytes()
    manifest = (project / "tei" / ".manifest.json").read_bytes()
    second = run()
    assert second.exit_code == 0 and "memoir.xml (fbm): unchanged; added 0 names, 0 dates, 0 foreign" in second.stdout
    assert (project / "tei" / "memoir.xml").read_bytes() == before
    assert (project / "tei" / ".manifest.json").read_bytes() == manifest


def test_new_register_variant_is_tagged_on_rerun(project: Path) -> None:
    run()
    assert ("persName", "#frol-kozlov", "Kozlov") not in _names(_tree(project))
    reg = project / "tei" / "register.xml"
    reg.write_text(reg.read_text().replace(
        "</listPerson>",
        '<person xml:id="frol-kozlov"><persName type="preferred">Frol Kozlov</persName>'
        '<persName type="variant">Kozlov</persName></person></listPerson>'))
    r = run()
    assert r.exit_code == 0 and "added 1 names" in r.stdout
    assert ("persName", "#frol-kozlov", "Kozlov") in _names(_tree(project))


def test_manifest_records_enrich_unless_the_file_was_hand_edited(project: Path) -> None:
    run()
    rec = json.loads((project / "tei" / ".manifest.json").read_text())["files"]["memoir.xml"]
    assert rec["tool"] == "enrich" and rec["inputs"] == "fixture"
    # a scholar edits the file by hand: enrich still works on it, but leaves it marked as hand-edited
    tei_file = project / "tei" / "memoir.xml"
    tei_file.write_text(tei_file.read_text().replace("pays a “visit”", "pays a “visit” to Khrushchev"))
    r = run()
    assert r.exit_code == 0 and "edited by hand before" in r.stdout
    assert Manifest(project / "tei").is_hand_edited(tei_file)


def test_dry_run_writes_nothing(project: Path) -> None:
    before = (project / "tei" / "memoir.xml").read_bytes()
    r = run("--dry-run")
    assert r.exit_code == 0 and "would change (dry run" in r.stdout
    manifest = (project / "tei" / ".manifest.json").read_bytes()
    r = run("--dry-run")
    assert (project / "tei" / "memoir.xml").read_bytes() == before
    assert (project / "tei" / ".manifest.json").read_bytes() == manifest


def test_report_lists_mentions_unused_entries_misses_and_ambiguities(project: Path) -> None:
    r = run("--report")
    assert r.exit_code == 0 and _only_dangling_warning(r.stderr)
    out = r.stdout
    assert re.search(r"^    mehmet-shehu +2$", out, re.M)
    assert re.search(r"register entries never mentioned \(\d+\): .*never-mentioned", out)
    # "Central Committee" alone is listed under two entries and no rule decides it here
    assert "ambiguous form left untagged: 'Central Committee' (cpsu-central-committee, pla-central-committee)" in out
    assert re.search(r"likely misses .*\n    'Central Committee' in fbm-p002", out)


def test_every_ref_resolves_to_exactly_one_register_entry(project: Path) -> None:
    run()
    reg = etree.parse(str(project / "tei" / "register.xml"))
    ids = reg.xpath("//@xml:id")
    refs = _tree(project).xpath("//t:text//@ref", namespaces=NS)
    assert refs
    for ref in refs:
        if ref == "#somebody-else":  # the scholar's own (deliberately dangling) pointer
            continue
        assert ids.count(ref[1:]) == 1, ref


def test_dangling_hand_ref_is_warned_about(project: Path) -> None:
    r = run()
    assert r.stderr.startswith("warning: ") and _only_dangling_warning(r.stderr)


def test_valid_against_tei_all(project: Path, tei_all: etree.RelaxNG) -> None:
    run()
    doc = etree.parse(str(project / "tei" / "memoir.xml"))
    assert tei_all.validate(doc), tei_all.error_log.last_error


def test_missing_register_is_a_clear_error(project: Path) -> None:
    (project / "tei" / "register.xml").unlink()
    r = run()
    assert r.exit_code == 1
    assert "register.xml: register not found" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_broken_rules_file_is_a_clear_error(project: Path) -> None:
    (project / "editorial" / "entities.toml").write_text("[[resolve]]\nform = 'x'\n")
    r = run()
    assert r.exit_code == 1 and "entities.toml: [[resolve]] entry 1 lacks form and ref" in r.stderr


def test_missing_tei_file_and_usage_errors(project: Path) -> None:
    r = run("tei/nope.xml")
    assert r.exit_code == 1 and "nope.xml: no such TEI file" in r.stderr
    assert run("--bogus").exit_code == 2


def test_form_straddling_existing_markup_is_reported(project: Path) -> None:
    tei_file = project / "tei" / "memoir.xml"
    tei_file.write_text(tei_file.read_text().replace(
        "Central Committee of the Communist Party of the Soviet Union",
        'Central Committee of the <orgName ref="#cpsu">Communist Party of the Soviet Union</orgName>'))
    r = run("--report")
    assert r.exit_code == 0
    assert "'Central Committee of the Communist Party of the Soviet Union' in fbm-p001" in r.stdout
    assert "(overlaps existing markup)" in r.stdout
    root = _tree(project)
    assert ("orgName", "#cpsu", "Communist Party of the Soviet Union") in _names(root)
    assert ("orgName", "#cpsu-central-committee",
            "Central Committee of the Communist Party of the Soviet Union") not in _names(root)


EXCLUDE_MEHMET = '\n[[exclude]]\nform = "Mehmet"\nnote = "test: a changed decision"\n'


def test_changed_rule_rederives_the_stages_own_markup(project: Path) -> None:
    run()
    assert ("persName", "#mehmet-shehu", "Mehmet") in _names(_tree(project))
    rules = project / "editorial" / "entities.toml"
    rules.write_text(EXCLUDE_MEHMET + rules.read_text())
    r = run()
    assert r.exit_code == 0 and "added 0 names, 0 dates, 0 foreign words, removed 1 (re-derived)" in r.stdout
    names = _names(_tree(project))
    assert ("persName", "#mehmet-shehu", "Mehmet") not in names
    assert ("persName", "#mehmet-shehu", "Mehmet Shehu") in names
    assert ("persName", "#somebody-else", "Hoxha") in names  # the scholar's element is untouched
    assert run().stdout.count(": unchanged;") == 1


def test_hand_edited_file_keeps_the_stages_markup_unless_retag(project: Path) -> None:
    run()
    tei_file = project / "tei" / "memoir.xml"
    tei_file.write_text(tei_file.read_text().replace("went to ", "went to\n", 1))  # a hand edit
    rules = project / "editorial" / "entities.toml"
    rules.write_text(EXCLUDE_MEHMET + rules.read_text())
    r = run()
    assert r.exit_code == 0 and "memoir.xml (fbm): unchanged;" in r.stdout
    assert ("persName", "#mehmet-shehu", "Mehmet") in _names(_tree(project))  # kept like hand markup
    r = run("--redo")
    assert r.exit_code == 0 and "removed 1 (re-derived)" in r.stdout and "edited by hand before" in r.stdout
    names = _names(_tree(project))
    assert ("persName", "#mehmet-shehu", "Mehmet") not in names
    assert ("persName", "#somebody-else", "Hoxha") in names
    assert "went to\n" in tei_file.read_text()  # the hand edit survives


def test_register_form_with_a_title_is_refused_with_a_warning(project: Path) -> None:
    rules = project / "editorial" / "entities.toml"
    rules.write_text('titles = ["Comrade"]\n' + rules.read_text())
    reg = project / "tei" / "register.xml"
    reg.write_text(reg.read_text().replace('<persName type="variant">Mikoyan</persName>',
                                           '<persName type="variant">Mikoyan</persName>'
                                           '<persName type="variant">Comrade Mikoyan</persName>'))
    r = run()
    assert r.exit_code == 0
    assert "warning: form 'Comrade Mikoyan': begins with the title 'Comrade'" in r.stderr
    assert re.search(r"</choice> <persName ref=\"#anastas-mikoyan\"[^>]*>Mikoyan</persName>",
                     (project / "tei" / "memoir.xml").read_text())
