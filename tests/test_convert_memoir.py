"""The memoir-chapter profile: notes, foreign words, corrections, quotations, round trip, validity.

Expectations come from reading the seed (the glossed words of the ten notes, as the issue names
them) or are computed from the seed and the corrections file independently of the converter.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.config import TextMeta, load_project
from edition.convert import build_document
from edition.convert.corrections import Corrections
from edition.convert.memoir_inline import MARKER, Block, find_markers, glossed_extent, pair_quotes
from edition.convert.seed import read_seed
from edition.errors import EditionError
from edition.xmlio import parse_bytes

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEED = "003_b69932f3d68367df.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "memoir"

# The glossed word(s) at each marker, read from the seed (issue 2 names them), and the language.
FBM_GLOSSED = {
    1: ("pokushenie", "ru"), 2: ("poljezen", "ru"), 3: ("Nu njet, nu njet", "ru"), 4: ("pertsofka", "ru"),
    5: ("zakuski", "ru"), 6: ("stolovaya", "ru"), 7: ("durak", "ru"), 8: ("hommes de paille", "fr"),
    9: ("brat", "ru"), 10: ("bratya", "ru"),
}
WINTER_GLOSSED = {1: ("Dorogie tovarishchi", "ru"), 2: ("Ladno", "ru"), 3: ("enfants terribles", "fr"),
                  4: ("priyomnaya", "ru")}


def t(name: str) -> str:
    return f"{{{NS['t']}}}{name}"


def convert_file(seed_path: Path, corr_path: Path | None, text_id: str, repo_root: Path) -> tuple[bytes, list[str]]:
    project = load_project(repo_root)
    seed = read_seed(seed_path)
    meta = project.text_for_seed(seed.path)
    if meta is None:
        meta = TextMeta(id=text_id, seed=seed.name, profile="memoir", tei=f"{text_id}.xml", title=text_id,
                        author="Enver Hoxha")
    corrections = Corrections.load(corr_path, seed.lines) if corr_path else Corrections.empty()
    return build_document(project, seed, meta, corrections)


@pytest.fixture(scope="module")
def fbm(repo_root: Path) -> tuple[bytes, etree._Element]:
    data, _ = convert_file(repo_root / "seeds" / SEED, repo_root / "editorial" / "corrections" / "fbm.tsv", "fbm", repo_root)
    return data, parse_bytes(data, "fbm").getroot()


@pytest.fixture(scope="module")
def winter(repo_root: Path) -> tuple[bytes, etree._Element]:
    data, _ = convert_file(FIXTURES / "winter.txt", FIXTURES / "winter.tsv", "wtr", repo_root)
    return data, parse_bytes(data, "winter").getroot()


def reading(el: etree._Element, *, markers: bool = False, brackets: bool = False) -> str:
    """Diplomatic reading: sic chosen, corr and editorial notes skipped. Authorial notes are skipped,
    or (markers=True) rendered as their number, as the source prints the marker. brackets=True
    writes foreign as «…» and notes as ⟨n⟩, to check where things are."""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        name = etree.QName(e).localname
        if e is not el and (name == "corr" or (name == "note" and e.get("type") == "editorial")):
            pass
        elif e is not el and name == "note":
            if markers:
                out.append(e.get("n", ""))
            elif brackets:
                out.append(f"⟨{e.get('n')}⟩")
        else:
            if brackets and name == "foreign":
                out.append("«")
            out.append(e.text or "")
            for c in e:
                walk(c)
            if brackets and name == "foreign":
                out.append("»")
        if e.tail and e is not el:
            out.append(e.tail)

    walk(el)
    return "".join(out)


def seed_parts(path: Path) -> tuple[list[str], list[str], str]:
    """The seed's lines before `Notes`, the note lines, and the `Next:` text."""
    lines = read_seed(path).lines
    i = max(k for k, ln in enumerate(lines) if ln.strip() == "Notes")
    j = max(k for k, ln in enumerate(lines) if ln.startswith("Next:"))
    return lines[:i], [ln for ln in lines[i + 1 : j] if ln.strip()], lines[j].removeprefix("Next:").strip()


def notes_list(path: Path) -> dict[int, str]:
    _, notes, _ = seed_parts(path)
    return {int(m.group(1)): m.group(2).strip() for m in (re.match(r"(\d+)\.\s+(.*)", n) for n in notes)}


# --- notes and foreign words -------------------------------------------------------------------

def check_notes(root: etree._Element, prefix: str, expected: dict[int, tuple[str, str]], seed_path: Path) -> None:
    glosses = notes_list(seed_path)
    notes = root.findall(".//t:text//t:note[@type='authorial']", NS)
    assert sorted(int(n.get("n")) for n in notes) == sorted(expected)
    for note in notes:
        n = int(note.get("n"))
        words, lang = expected[n]
        assert note.get("place") == "foot" and note.get(XML_ID) == f"{prefix}-n{n}"
        assert reading(note) == glosses[n], f"note {n} holds the wrong gloss"
        p = next(a for a in note.iterancestors() if etree.QName(a).localname == "p")
        marked = reading(p, brackets=True)
        assert re.search(rf"«{re.escape(words)}»[”’?!.,]*⟨{n}⟩", marked), f"note {n} not right after «{words}»: {marked[:200]}"
        foreign = [f for f in p.iter(t("foreign")) if reading(f) == words]
        assert foreign and all(f.get(XML_LANG) == lang for f in foreign), f"note {n}: foreign language"


def test_fbm_all_ten_notes_at_the_right_word_with_the_right_gloss(fbm, repo_root: Path) -> None:
    check_notes(fbm[1], "fbm", FBM_GLOSSED, repo_root / "seeds" / SEED)


def test_fbm_notes_list_not_repeated_and_no_marker_digits_left(fbm) -> None:
    root = fbm[1]
    body = root.find(".//t:text", NS)
    text = reading(body)
    assert "Notes" not in text.split() and "Russian in the original" not in text
    assert "Next:" not in text and "The Final Act" not in text
    glued = re.findall(r"(?:[^\W\d_]|[”’?!])[.,]?\d+(?![\w-])", text)
    assert glued == [], f"digits glued to words left in the text: {glued}"
    # …while numbers of the text stay (years, "Volume 19", "3rd Congress", "81 parties").
    for number in ("Volume 19", "3rd Congress", "Meeting of 81 parties", "in 1957.", "U-2 incident"):
        assert number in text


def test_fbm_shared_gloss_has_an_editorial_note(fbm) -> None:
    root = fbm[1]
    eds = root.findall(".//t:note[@type='editorial']", NS)
    assert len(eds) == 1
    ed = eds[0]
    assert ed.get("resp") == "#editors" and ed.get(XML_ID) == "fbm-en1" and ed.get("target") == "#fbm-n5"
    assert ed.get("place") is None and ed.get("n") is None
    assert ed.getprevious() is not None and ed.getprevious().get(XML_ID) == "fbm-n5"
    assert "pertsofka" in ed.text and "zakuski" in ed.text and "hors-d’oeuvres" in ed.text
    n4, n5 = (root.find(f".//t:note[@n='{k}']", NS) for k in (4, 5))
    assert reading(n4) == reading(n5)  # the source's text is kept in both


def test_fbm_recurring_glossed_word_is_foreign_too(fbm) -> None:
    stolovaya = [f for f in fbm[1].iter(t("foreign")) if f.text == "stolovaya"]
    assert len(stolovaya) == 2 and {f.get(XML_LANG) for f in stolovaya} == {"ru"}


# --- corrections ----------------------------------------------------------------------------------

def test_fbm_every_correction_applied_once_where_listed(fbm, repo_root: Path) -> None:
    seed = read_seed(repo_root / "seeds" / SEED)
    rows = Corrections.load(repo_root / "editorial" / "corrections" / "fbm.tsv", seed.lines).rows
    assert len(rows) >= 50
    choices = fbm[1].findall(".//t:text//t:choice", NS)
    got = sorted((c.findtext("t:sic", namespaces=NS), c.findtext("t:corr", namespaces=NS)) for c in choices)
    assert got == sorted((r.sic, r.corr) for r in rows)
    assert all(c.find("t:corr", NS).get("resp") == "#editors" for c in choices)
    # the corrected reading no longer has the errors the issue names
    corrected = "".join(fbm[1].find(".//t:text", NS).itertext())
    named = ["Cornrade", "A.fter", "siayed", "laot", "f ormulations", "Yef remov", "peopie", "ChineaeSoviet",
             "vnew", "unityw", "indifficult", "MarxismLeninism", "anti-Marxìst", "Brama"]
    for sic in named:
        assert any(r.sic == sic for r in rows), f"{sic} not in the corrections file"
    reading_corr = re.sub(r"\s+", " ", "".join(
        (s.text or "") if etree.QName(s).localname != "sic" else "" for s in fbm[1].find(".//t:text", NS).iter()))
    assert "Cornrade" not in reading_corr and "Comrade Mikoyan" in corrected


def test_fbm_book_title_kept_with_correction(fbm) -> None:
    tp = fbm[1].find(".//t:front/t:docTitle/t:titlePart", NS)
    assert tp.findtext("t:choice/t:sic", namespaces=NS) == "Khruschevites"
    assert tp.findtext("t:choice/t:corr", namespaces=NS) == "Khrushchevites"


# --- structure and quotations -----------------------------------------------------------------------

def test_fbm_front_matter_and_next_link(fbm) -> None:
    root = fbm[1]
    front = root.find(".//t:text/t:front", NS)
    assert [etree.QName(c).localname for c in front] == ["docAuthor", "docTitle", "head", "argument"]
    assert front.findtext("t:docAuthor", namespaces=NS) == "Enver Hoxha"
    assert front.findtext("t:head", namespaces=NS) == "From Bucharest to Moscow"
    arg = front.find("t:argument/t:p", NS)
    assert reading(arg).startswith("February 1960: Mikoyan") and "Soviet Gargantuas" in reading(arg)
    assert [q.text for q in arg.iter(t("q"))] == ["“visit”"]
    rel = root.find(".//t:teiHeader//t:relatedItem[@type='next']//t:title", NS)
    assert rel is not None and rel.text == "13. The Final Act"
    langs = {lang.get("ident") for lang in root.iterfind(".//t:langUsage/t:language", NS)}
    assert {"en", "ru", "fr"} <= langs


def test_fbm_paragraph_ids_and_quotations(fbm) -> None:
    root = fbm[1]
    ps = root.findall(".//t:body/t:p", NS)
    assert [p.get(XML_ID) for p in ps] == [f"fbm-p{i:03d}" for i in range(1, len(ps) + 1)]
    ids = [e.get(XML_ID) for e in root.iter() if e.get(XML_ID)]
    assert len(ids) == len(set(ids))
    first_speech = next(p for p in ps if "Mikoyan, who wants" in reading(p))
    said = first_speech.find("t:said", NS)
    assert said is not None and reading(said).startswith("“I have been sent by ") and reading(said).endswith("matter,”")
    q_texts = {reading(q) for q in root.iter(t("q"))}
    assert {"“problems of the movement”", "“visit”", "‘one hundred flowers’"} <= q_texts
    speech = list(root.iter(t("said")))
    assert len(speech) > 100
    for s in speech:  # each starts with its mark, or the mark is a correction's, or was lost (note 3)
        first = s[0] if len(s) and not (s.text or "") else None
        supplied = first is not None and (first.findtext("t:corr", namespaces=NS) or "").startswith("“")
        assert reading(s).startswith("“") or supplied or reading(s).startswith("Nu njet"), reading(s)


# --- nothing lost ------------------------------------------------------------------------------------

def check_round_trip(root: etree._Element, seed_path: Path) -> None:
    """The seed's words, in order, from the TEI: front and body read diplomatically with each authorial
    note shown as its printed marker; the Notes list from the authorial notes (`n. text`); the
    `Next:` line from the header's relatedItem."""
    before, notes, nxt = seed_parts(seed_path)
    text = root.find(".//t:text", NS)
    tei_words = " ".join(reading(part, markers=True) for part in (text.find("t:front", NS), text.find("t:body", NS))).split()
    assert tei_words == " ".join(before).split()
    tei_notes = [f"{n.get('n')}. {reading(n)}" for n in text.iterfind(".//t:note[@type='authorial']", NS)]
    assert " ".join(sorted(tei_notes, key=lambda s: int(s.split(".")[0]))).split() == " ".join(notes).split()
    assert root.find(".//t:relatedItem[@type='next']//t:title", NS).text == nxt


def test_fbm_round_trip(fbm, repo_root: Path) -> None:
    check_round_trip(fbm[1], repo_root / "seeds" / SEED)


def test_fbm_valid_against_tei_all_and_deterministic(fbm, repo_root: Path, tei_all) -> None:
    assert tei_all.validate(fbm[1].getroottree()), tei_all.error_log
    again, _ = convert_file(repo_root / "seeds" / SEED, repo_root / "editorial" / "corrections" / "fbm.tsv", "fbm", repo_root)
    assert again == fbm[0]


# --- another chapter in the same format ---------------------------------------------------------------

def test_winter_notes_foreign_and_corrections(winter) -> None:
    root = winter[1]
    check_notes(root, "wtr", WINTER_GLOSSED, FIXTURES / "winter.txt")
    pairs = sorted((c.findtext("t:sic", namespaces=NS), c.findtext("t:corr", namespaces=NS)) for c in root.iter(t("choice")))
    assert pairs == sorted([("farnily", "family"), ("tbe", "the"), ("stili", "still"), ("f ear", "fear"),
                            ("Marxist Leninist", "Marxist-Leninist")])
    assert [f.get(XML_LANG) for f in root.iter(t("foreign")) if f.text == "priyomnaya"] == ["ru", "ru"]
    assert root.find(".//t:note[@type='editorial']", NS) is None
    assert root.find(".//t:relatedItem[@type='next']//t:title", NS).text == "14. A Test Chapter"
    body = reading(root.find(".//t:body", NS))
    assert "Volume 22" in body and "the 12 parties" in body and "U-2" in body


def test_winter_round_trip_validity_determinism(winter, repo_root: Path, tei_all) -> None:
    check_round_trip(winter[1], FIXTURES / "winter.txt")
    assert tei_all.validate(winter[1].getroottree()), tei_all.error_log
    assert convert_file(FIXTURES / "winter.txt", FIXTURES / "winter.tsv", "wtr", repo_root)[0] == winter[0]


def test_paragraph_broken_mid_sentence_is_joined_with_a_milestone(tmp_path: Path, repo_root: Path, winter, tei_all) -> None:
    path = _variant(tmp_path, "of the camp, and his wife laughed", "of the camp, and his\n\nwife laughed")
    data, _ = convert_file(path, None, "wtr", repo_root)
    root = parse_bytes(data, "variant").getroot()
    ps = root.findall(".//t:body/t:p", NS)
    assert len(ps) == len(winter[1].findall(".//t:body/t:p", NS))
    ms = root.findall(".//t:body//t:milestone", NS)
    assert [(m.get("unit"), m.get("n")) for m in ms] == [("seed-line", "19")]
    assert ms[0].getparent().get(XML_ID) == "wtr-p004" and ms[0].tail.startswith("wife laughed")
    check_round_trip(root, path)
    assert tei_all.validate(root.getroottree()), tei_all.error_log


def test_chapter_without_summary_has_no_argument(tmp_path: Path, repo_root: Path, tei_all) -> None:
    summary = (FIXTURES / "winter.txt").read_text(encoding="utf-8").split("\n")[7]
    path = _variant(tmp_path, summary + "\n", "")
    data, warnings = convert_file(path, None, "wtr", repo_root)
    root = parse_bytes(data, "variant").getroot()
    assert root.find(".//t:front/t:argument", NS) is None
    assert root.find(".//t:front/t:head", NS).text == "A Dinner at the Embassy"
    assert reading(root.find(".//t:body/t:p", NS)).startswith("This chapter is a test fixture")
    assert warnings == [f"{path}:7: no chapter summary (argument) after the chapter title"]
    check_round_trip(root, path)
    assert tei_all.validate(root.getroottree()), tei_all.error_log


# --- markers: what is and is not one ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "line, numbers",
    [
        ("a pokushenie1 against him", [1]),
        ("“Nu njet, nu njet,”3 replied", [3]),
        ("from the stolovaya.6 The film", [6]),
        ("leading you bratya?”10", [10]),
        ("Volume 19 of my Works, the 3rd Congress, 81 parties, in 1957. The U-2 incident, 20-25 km", []),
        ("on November 25, in the final meeting", []),
    ],
)
def test_marker_detection(line: str, numbers: list[int]) -> None:
    clean, markers = find_markers(line, 1)
    assert [m.number for m in markers] == numbers
    assert not MARKER.search(clean)


@pytest.mark.parametrize(
    "line, gloss_words, glossed",
    [
        ("he called us enfants terribles3 of the camp", 2, "enfants terribles"),
        ("he was a good tovarishch7 to them", 1, "tovarishch"),
        ("“Can we have a discussion, brat?”9 he asked", 1, "brat"),
        ("“Nu njet, nu njet,”3 replied Pospyelov", 4, "Nu njet, nu njet"),
        ("Nu njet, nu njet,”3 replied Pospyelov", 4, "Nu njet, nu njet"),
        ("We had escaped from the stolovaya.6 The film", 2, "stolovaya"),
        ("and said, “Chto delat?”5 quietly", 3, "Chto delat"),
        ("they called “the boss”4 here", 2, "boss"),
    ],
)
def test_glossed_extent_rule(line: str, gloss_words: int, glossed: str) -> None:
    clean, markers = find_markers(line, 1)
    block = Block(1, clean, markers)
    block.quotes = pair_quotes(clean, lambda i: ("", ""), lambda msg: None)
    start, end = glossed_extent(block, markers[0], gloss_words, lambda s: s)
    assert clean[start:end] == glossed


# --- errors -----------------------------------------------------------------------------------------------

def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "winter.txt").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_marker_without_note_is_an_error_naming_both(tmp_path: Path, repo_root: Path) -> None:
    path = _variant(tmp_path, "4. “Reception room” (Russian in the original).\n", "")
    with pytest.raises(EditionError) as exc:
        convert_file(path, None, "wtr", repo_root)
    msg = str(exc.value)
    assert msg.startswith(f"{path}:23: footnote marker 4 (after “priyomnaya”) has no note text")
    assert "Notes list (line 29) has notes 1, 2, 3" in msg


def test_note_without_marker_is_an_error_naming_both(tmp_path: Path, repo_root: Path) -> None:
    path = _variant(tmp_path, "the priyomnaya.4", "the priyomnaya.")
    with pytest.raises(EditionError) as exc:
        convert_file(path, None, "wtr", repo_root)
    msg = str(exc.value)
    assert msg.startswith(f"{path}:37: note 4 (“Reception room” (Russian in the original).) in the Notes list has no marker")
    assert msg.endswith("markers found: 1, 2, 3")


def test_cli_reports_marker_error_without_traceback(tmp_path: Path, repo_root: Path, monkeypatch) -> None:
    path = _variant(tmp_path, "“Ladno,”2 said", "“Ladno,”2 said, “Nyet!”7 said")
    shutil.copy(repo_root / "pyproject.toml", tmp_path)
    shutil.copytree(repo_root / "editorial", tmp_path / "editorial")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["convert", str(path), "--profile", "memoir", "-o", str(tmp_path / "out")])
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "footnote marker 7 (after “Nyet”) has no note text" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out" / "variant.xml").exists()
