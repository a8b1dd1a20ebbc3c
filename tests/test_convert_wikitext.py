"""The WikiText-103 converter: structure, detokenising, lost dashes, quotations, re-joins,
nothing lost (round trip of the diplomatic reading), validity against tei_all, determinism.

Snippet tests convert a small seed written to a temporary file; whole-text tests use the
project's seed (`sas`) and the small WikiText-style articles in tests/fixtures/wikitext/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.config import TextMeta, load_project
from edition.convert import build_document
from edition.convert.corrections import Corrections
from edition.convert.result import ConvertResult
from edition.convert.seed import read_seed
from edition.convert.wikitext import continues, convert, slugify
from edition.xmlio import TEI_NS, XML_ID, parse_bytes

NS = {"t": TEI_NS}
SAS_SEED = "000_173910b34eca1096.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "wikitext"
FIXTURE_FILES = sorted(p.name for p in FIXTURES.glob("*.txt"))


# -- helpers --------------------------------------------------------------------------------
def meta_for(tid: str, seed: str) -> TextMeta:
    return TextMeta(id=tid, seed=seed, profile="wikitext", tei=f"{tid}.xml", title=tid)


def convert_text(tmp_path: Path, text: str, tsv: str | None = None) -> ConvertResult:
    path = tmp_path / "snippet.txt"
    path.write_text(text, encoding="utf-8")
    seed = read_seed(path)
    corrections = Corrections.empty()
    if tsv is not None:
        (tmp_path / "c.tsv").write_text(tsv, encoding="utf-8")
        corrections = Corrections.load(tmp_path / "c.tsv", seed.lines)
    result = convert(seed, meta_for("tx", path.name), corrections)
    corrections.check_all_applied()
    return result


def reading(el: etree._Element, pick: str = "corr") -> str:
    """Text of an element, choosing `corr` (edited) or `sic` (diplomatic) in each choice."""
    skip = {"sic", "orig"} if pick == "corr" else {"corr", "reg"}
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text:
            out.append(e.text)
        for c in e:
            if isinstance(c.tag, str):
                name = etree.QName(c).localname
                if name not in skip and not (name == "note" and c.get("type") == "editorial"):
                    walk(c)
            if c.tail:
                out.append(c.tail)

    walk(el)
    return "".join(out)


def inner(el: etree._Element) -> str:
    xml = (el.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in el)
    return xml.replace(f' xmlns="{TEI_NS}"', "")


def paras(result: ConvertResult) -> list[etree._Element]:
    return result.text.findall(".//t:p", NS)


def one_para(tmp_path: Path, line: str) -> etree._Element:
    ps = paras(convert_text(tmp_path, line + "\n"))
    assert len(ps) == 1, [inner(p) for p in ps]
    return ps[0]


def squash(s: str) -> str:
    """Compare readings ignoring spacing and the shape of quotation marks."""
    s = s.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return re.sub(r"\s+", "", s)


def seed_reading(text: str) -> str:
    """The seed's characters with heading marks and the corpus's @x@ / \\$ tokens undone."""
    out = []
    for line in text.split("\n"):
        if re.match(r"^\s*= ", line):
            line = re.sub(r"^\s*=(?: =)*\s+", "", line)
            line = re.sub(r"\s+=(?: =)*\s*$", "", line)
        out.append(re.sub(r"@([-,.])@", r"\1", line).replace("\\$", "$"))
    return "\n".join(out)


@pytest.fixture(scope="module")
def project():
    return load_project(Path(__file__).resolve().parent.parent)


@pytest.fixture(scope="module")
def sas(project) -> ConvertResult:
    seed = read_seed(project.seeds_dir / SAS_SEED)
    meta = project.text_for_seed(seed.path)
    corrections = Corrections.load(project.corrections_file(meta.id), seed.lines)
    return convert(seed, meta, corrections)


# -- structure ------------------------------------------------------------------------------
def test_sas_divs_nest_by_heading_level(sas: ConvertResult) -> None:
    body = sas.text.find("t:body", NS)
    top = [d.get(XML_ID) for d in body.findall("t:div", NS)]
    assert top[0] == "sas-lead" and body.find("t:div/t:head", NS) is not None
    assert body.find("t:div", NS).find("t:head", NS) is None  # the untitled lead
    assert top[1:] == ["sas-origins", "sas-beginnings-of-the-split", "sas-the-split-deepens",
                       "sas-culmination", "sas-subsequent-developments"]
    for div in body.findall("t:div", NS):
        assert div.get("type") == "section"
        for sub in div.findall("t:div", NS):
            assert sub.get("type") == "subsection"
    origins = body.find("t:div[@xml:id='sas-origins']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    sub = origins.find("t:div", NS)
    assert sub.get(XML_ID) == "sas-soviet-yugoslav-split"
    assert reading(sub.find("t:head", NS)) == "Soviet–Yugoslav split"
    assert reading(sub.find("t:head", NS), "sic") == "Soviet?Yugoslav split"


def test_malformed_heading_read_by_its_opening_and_reported(sas: ConvertResult) -> None:
    trade = sas.text.xpath("//t:div[t:head='Trade']", namespaces=NS)
    assert len(trade) == 1 and trade[0].get("type") == "subsection"
    assert trade[0].getparent().get(XML_ID) == "sas-beginnings-of-the-split"
    assert trade[0].get(XML_ID) == "sas-trade"
    assert any("'= = = Trade = ='" in w and "level 3" in w and w.startswith(f"{SAS_SEED}:") for w in sas.warnings)


def test_ids_unique_and_paragraph_ids_follow_their_div(sas: ConvertResult) -> None:
    ids = sas.text.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    for div in sas.text.iter(f"{{{TEI_NS}}}div"):
        ps = div.findall("t:p", NS)
        assert [p.get(XML_ID) for p in ps] == [f"{div.get(XML_ID)}-p{n}" for n in range(1, len(ps) + 1)]
    quotes = sas.text.findall(".//t:quote", NS)
    assert [q.get(XML_ID) for q in quotes] == [f"sas-q{n}" for n in range(1, len(quotes) + 1)]
    assert len(quotes) > 50


def test_empty_last_section_marked_not_silently_dropped(sas: ConvertResult) -> None:
    last = sas.text.xpath("(//t:div)[last()]", namespaces=NS)[0]
    assert reading(last.find("t:head", NS)) == "Books"
    assert last.find("t:gap", NS).get("reason") == "not-in-seed"


def test_fixture_headings_title_deep_levels_and_unclosed(tmp_path: Path) -> None:
    seed = read_seed(FIXTURES / "kerrow_lighthouse.txt")
    r = convert(seed, meta_for("kl", seed.name), Corrections.empty())
    assert reading(r.text.find("t:front/t:docTitle/t:titlePart", NS)) == "Kerrow Point Lighthouse"
    lamp = r.text.xpath("//t:div[t:head='Lamp and lens']", namespaces=NS)[0]
    assert [a.get(XML_ID) for a in lamp.iterancestors(f"{{{TEI_NS}}}div")] == ["kl-construction", "kl-history"]
    legacy = r.text.xpath("//t:div[t:head='Legacy']", namespaces=NS)[0]
    assert legacy.getparent().tag == f"{{{TEI_NS}}}body" and legacy.get("type") == "section"
    assert any(w.startswith("kerrow_lighthouse.txt:26:") and "never closed" in w for w in r.warnings)


def test_level3_without_section_nests_in_lead_and_is_reported(tmp_path: Path) -> None:
    r = convert_text(tmp_path, "Lead text .\n\n= = = Early = = =\n\nBody .\n")
    lead = r.text.find("t:body/t:div", NS)
    assert lead.get(XML_ID) == "tx-lead" and lead.find("t:div", NS).get(XML_ID) == "tx-early"
    assert any("snippet.txt:3:" in w and "nested in the lead" in w for w in r.warnings)


def test_unspaced_mediawiki_headings_are_read_too(tmp_path: Path) -> None:
    r = convert_text(tmp_path, "Lead .\n\n== History ==\n\nA .\n\n=== Early ===\n\nB .\n")
    hist = r.text.find("t:body/t:div[2]", NS)
    assert reading(hist.find("t:head", NS)) == "History" and reading(hist.find("t:div/t:head", NS)) == "Early"
    assert not r.warnings


def test_duplicate_headings_get_distinct_ids(tmp_path: Path) -> None:
    r = convert_text(tmp_path, "= = Notes = =\n\nA .\n\n= = Notes = =\n\nB .\n")
    assert [d.get(XML_ID) for d in r.text.iter(f"{{{TEI_NS}}}div")] == ["tx-notes", "tx-notes-2"]
    assert slugify("Zëri i Popullit – Workers’ Parties") == "zeri-i-popullit-workers-parties"


# -- detokenising ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("subsequent de @-@ Stalinization policies .", "subsequent de-Stalinization policies."),
        ("from 4 @.@ 2 % in 1955 to 21 @.@ 6 % .", "from 4.2% in 1955 to 21.6%."),
        ("concerning 50 @,@ 000 tons of grain .", "concerning 50,000 tons of grain."),
        ("the People 's Republic of Albania .", "the People’s Republic of Albania."),
        ("we do n't know , they could n't say .", "we don’t know, they couldn’t say."),
        ("but don 't worry at all .", "but don’t worry at all."),
        ("a credit of \\$ 160 million .", "a credit of $160 million."),
        ("the Information Bureau ( better known as the Cominform ) with .", "the Information Bureau (better known as the Cominform) with."),
        ("the PRA [ People 's Republic of Albania ] and more .", "the PRA [People’s Republic of Albania] and more."),
        ("as follows : the base ; then ! Yes .", "as follows: the base; then! Yes."),
        ("O 'Donnell states it .", "O’Donnell states it."),
        ("the Communist and Workers ' Parties met .", "the Communist and Workers’ Parties met."),
        ('the " Iron Lady " \' s critics agreed .', "the “Iron Lady”’s critics agreed."),
        ("Khrushchev's report was read .", "Khrushchev’s report was read."),
        ("the impression ... that many .", "the impression ... that many."),
    ],
)
def test_detokenising_rules(tmp_path: Path, seed: str, expected: str) -> None:
    assert reading(one_para(tmp_path, seed)) == expected


# -- lost dashes ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("seed", "expected", "dashes"),
    [
        ("The Soviet ? Albanian split refers to it .", "The Soviet–Albanian split refers to it.", 1),
        ("which occurred in the 1955 ? 1961 period .", "which occurred in the 1955–1961 period.", 1),
        ("contrary to Marxist ? Leninist doctrine .", "contrary to Marxist–Leninist doctrine.", 1),
        ("held from October 1 ? 21 , with Kapo .", "held from October 1–21, with Kapo.", 1),
        ("critics of the 1960s ? 1970s agreed .", "critics of the 1960s–1970s agreed.", 1),
        ("to partition Albania ? the overwhelming fear .", "to partition Albania – the overwhelming fear.", 1),
        ("did not betray Marxism? Leninism though .", "did not betray Marxism–Leninism though.", 1),
        ("Hoxha declared? although not naming them? that , it was .", "Hoxha declared – although not naming them – that, it was.", 2),
        ('" Are you Hysni Kapo ? ! I have heard of you . "', "“Are you Hysni Kapo?! I have heard of you.”", 0),
        ('Kapo replied , " For good or bad ? " to which she said no .', "Kapo replied, “For good or bad?” to which she said no.", 0),
        ("Why did he go to Moscow ? Nobody knows .", "Why did he go to Moscow? Nobody knows.", 0),
        ('She said : " Who would ? It was the wrong island . "', "She said: “Who would? It was the wrong island.”", 0),
    ],
)
def test_question_mark_or_lost_dash(tmp_path: Path, seed: str, expected: str, dashes: int) -> None:
    p = one_para(tmp_path, seed)
    assert reading(p) == expected
    choices = p.findall(".//t:choice", NS)
    assert len(choices) == dashes
    for c in choices:
        assert c.findtext("t:sic", namespaces=NS) == "?"
        corr = c.find("t:corr", NS)
        assert corr.text == "–" and corr.get("resp") == "#editors" and corr.get("cert") is None
    assert squash(reading(p, "sic")) == squash(seed)


def test_dash_before_a_quotation_is_a_marked_conjecture(tmp_path: Path) -> None:
    p = one_para(tmp_path, "It came in 1968 ? 'Khrushchevism without Khrushchev' , since then .")
    assert reading(p) == "It came in 1968 – ‘Khrushchevism without Khrushchev’, since then."
    assert p.find(".//t:corr", NS).get("cert") == "medium"


# -- quotations -----------------------------------------------------------------------------
def test_short_quotation_is_q_long_one_is_quote_with_marks_inside(tmp_path: Path) -> None:
    p = one_para(tmp_path, 'his " Secret Speech " and " a long quotation of several words here . " Then .')
    q, quote = p.find("t:q", NS), p.find("t:quote", NS)
    assert reading(q) == "“Secret Speech”" and q.get(XML_ID) is None
    assert reading(quote) == "“a long quotation of several words here.”" and quote.get(XML_ID) == "tx-q1"
    assert reading(p) == "his “Secret Speech” and “a long quotation of several words here.” Then."


def test_nested_single_quotes_inside_double(tmp_path: Path) -> None:
    p = one_para(tmp_path, '" Khrushchev told us of the Soviet \' experience \' of who should lead . " Then .')
    quote = p.find("t:quote", NS)
    inner_q = quote.find("t:q", NS)
    assert reading(inner_q) == "‘experience’"
    assert reading(quote) == "“Khrushchev told us of the Soviet ‘experience’ of who should lead.”"


def test_closing_mark_glued_to_next_word_after_comma(tmp_path: Path) -> None:
    p = one_para(tmp_path, 'relations "remained quite close until March 5 , 1953 , "when Stalin died .')
    assert reading(p) == "relations “remained quite close until March 5, 1953,” when Stalin died."
    assert p.find("t:quote", NS) is not None


def test_uncertain_marks_stay_straight_and_are_reported(tmp_path: Path) -> None:
    r = convert_text(tmp_path, 'He wrote that , "The real cause "of the break " must be sought here ! "\n')
    p = paras(r)[0]
    assert p.find(".//t:quote", NS) is None and p.find(".//t:q", NS) is None
    assert reading(p).count('"') == 4
    assert any(w.startswith("snippet.txt:1:") and "4 double" in w and "straight" in w for w in r.warnings)


def test_orphan_mark_does_not_stop_a_certain_pair(tmp_path: Path) -> None:
    r = convert_text(tmp_path, '"This, Halliday continues, "was true of almost the entire group." Then.\n')
    p = paras(r)[0]
    assert reading(p) == '"This, Halliday continues, “was true of almost the entire group.” Then.'
    assert any("1 double" in w for w in r.warnings)


def test_possessive_plural_against_nested_quotation(tmp_path: Path) -> None:
    p = one_para(tmp_path, '" a meeting of the workers \' parties , mainly for the purpose of \' exchanging opinions \' '
                 'and deciding the place of a meeting of the workers \' parties . "')
    assert [reading(q) for q in p.findall(".//t:q", NS)] == ["‘exchanging opinions’"]
    assert reading(p).count("workers’ parties") == 2


def test_changes_and_reorganizations_are_quotations_not_possessives(tmp_path: Path) -> None:
    p = one_para(tmp_path, "the organizer of ' changes ' and ' reorganizations ' .")
    assert [reading(q) for q in p.findall(".//t:q", NS)] == ["‘changes’", "‘reorganizations’"]


def test_quotation_cut_by_the_extraction_is_closed_by_the_gap(tmp_path: Path) -> None:
    r = convert_text(tmp_path, 'An account states that , " The specialists left . The economy as a whole was\n\nMilitary pressure grew .\n')
    p1, p2 = paras(r)
    quote = p1.find("t:quote", NS)
    assert quote is not None and quote[-1].tag == f"{{{TEI_NS}}}gap" and quote[-1].get("reason") == "truncated"
    assert reading(p2) == "Military pressure grew."
    assert any(w.startswith("snippet.txt:1:") and "mid-sentence" in w for w in r.warnings)


# -- re-joining -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "line"),
    [
        ("so that the Chinese could (\n\nand did) interpret it .", "so that the Chinese could (and did) interpret it.", 3),
        ("a preliminary meeting of the\n\nrepresentatives of the parties .", "a preliminary meeting of the representatives of the parties.", 3),
        ('When we returned from Moscow [in\n \nNovember 1960] , the base grew .', "When we returned from Moscow [in November 1960], the base grew.", 3),
        ("despite \"\n\nserious flaws \" it was signed .", "despite “serious flaws” it was signed.", 3),
    ],
)
def test_paragraph_broken_mid_sentence_is_rejoined(tmp_path: Path, text: str, expected: str, line: int) -> None:
    p = one_para(tmp_path, text)
    assert reading(p) == expected
    ms = p.findall(".//t:milestone", NS)
    assert [(m.get("unit"), m.get("n")) for m in ms] == [("seed-line", str(line))]


@pytest.mark.parametrize(
    ("prev", "nxt", "joined"),
    [
        ("could (", "and did) interpret", True),
        ("of the", "representatives of", True),
        ("Moscow [in", "November 1960] , the", True),
        ("it ended .", "then it began .", False),
        ("as a whole was", "Military pressure", False),
        ("He said : \" It ended . \"", "and then", False),
        ("the meeting (", "The end", False),
        ("despite \"", "Serious flaws \" remained", True),
        ("it was finished . \"", "The next", False),
        ("the end '", "New page", True),
    ],
)
def test_rejoin_rule(prev: str, nxt: str, joined: bool) -> None:
    assert continues(prev, nxt) is joined


def test_sas_rejoins_recorded_in_segmentation_decl(sas: ConvertResult) -> None:
    ms = sas.text.findall(".//t:milestone", NS)
    assert len(ms) >= 6
    decl = " ".join(sas.decl["segmentation"])
    for m in ms:
        assert m.get("unit") == "seed-line" and re.search(rf"\b{m.get('n')}\b", decl)
    xml = " ".join(inner(p) for p in paras(sas))
    assert re.search(r'could \(<milestone unit="seed-line" n="\d+"/>and did\)', xml)
    assert re.search(r'of the <milestone unit="seed-line" n="\d+"/>representatives', xml)
    assert sas.text.find(".//t:gap[@reason='truncated']", NS) is not None


def test_decl_documents_every_rule_family(sas: ConvertResult) -> None:
    for section in ("correction", "normalization", "quotation", "segmentation"):
        assert sas.decl.get(section), section
    text = " ".join(p for ps in sas.decl.values() for p in ps)
    for word in ("@-@", "en dash", "paired", "milestone", "truncated", "quote element", "q element"):
        assert word in text
    dashes = len(sas.text.xpath("//t:choice[t:corr='–']", namespaces=NS))
    assert f"{dashes} dashes restored" in text


# -- corrections from the data file ---------------------------------------------------------
def test_correction_rows_survive_the_rules(tmp_path: Path) -> None:
    tsv = "line\tsic\tcorr\toccurrence\tnote\n1\tvanguished\tvanquished\t\ttypo\n1\tan\tand\t1\tmissing d\n"
    r = convert_text(tmp_path, 'signed in 1957 an May 1959 , " Marxism cannot be vanguished ! "\n', tsv)
    p = paras(r)[0]
    assert reading(p) == "signed in 1957 and May 1959, “Marxism cannot be vanquished!”"
    assert [c.findtext("t:sic", namespaces=NS) for c in p.iter(f"{{{TEI_NS}}}choice")] == ["an", "vanguished"]
    assert p.find("t:q", NS) is not None and p.find("t:q/t:choice", NS) is not None


# -- nothing lost, valid, deterministic -----------------------------------------------------
def _whole(project, seed_path: Path, tid: str | None = None) -> tuple[bytes, list[str], str]:
    seed = read_seed(seed_path)
    meta = project.text_for_seed(seed.path) or meta_for(tid or "fx", seed.name)
    corrections = Corrections.load(project.corrections_file(meta.id), seed.lines)
    data, warnings = build_document(project, seed, meta, corrections)
    return data, warnings, seed.text


CASES = [pytest.param(None, id="sas")] + [pytest.param(f, id=f) for f in FIXTURE_FILES]


def _path(project, name: str | None) -> Path:
    return project.seeds_dir / SAS_SEED if name is None else FIXTURES / name


@pytest.mark.parametrize("name", CASES)
def test_round_trip_diplomatic_reading_gives_back_the_seed(project, name: str | None) -> None:
    data, _, text = _whole(project, _path(project, name))
    tei_text = parse_bytes(data, "out").getroot().find("t:text", NS)
    got, want = squash(reading(tei_text, "sic")), squash(seed_reading(text))
    if got != want:
        k = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b) if any(
            a != b for a, b in zip(got, want)) else min(len(got), len(want))
        pytest.fail(f"diverges at {k}: TEI …{got[k - 40:k + 40]}… seed …{want[k - 40:k + 40]}…")


@pytest.mark.parametrize("name", CASES)
def test_valid_against_tei_all(project, tei_all, name: str | None) -> None:
    data, _, _ = _whole(project, _path(project, name))
    doc = parse_bytes(data, "out")
    assert tei_all.validate(doc), str(tei_all.error_log)[:2000]


@pytest.mark.parametrize("name", CASES)
def test_two_runs_give_identical_bytes(project, name: str | None) -> None:
    first = _whole(project, _path(project, name))
    second = _whole(project, _path(project, name))
    assert first[0] == second[0] and first[1] == second[1]


def test_fixture_structure_quality(project) -> None:
    data, warnings, _ = _whole(project, FIXTURES / "millbrook_mill.txt", "mm")
    text = parse_bytes(data, "out").getroot().find("t:text", NS)
    heads = [reading(h) for h in text.iter(f"{{{TEI_NS}}}head")]
    assert heads == ["Early years", "Trade", "Decline", "See also"]
    assert [d.get(XML_ID) for d in text.iter(f"{{{TEI_NS}}}div")] == [
        "mm-lead", "mm-early-years", "mm-trade", "mm-decline", "mm-see-also"]
    assert text.find(".//t:div[@type='section']/t:gap[@reason='not-in-seed']", NS) is not None
    assert len(text.findall(".//t:milestone", NS)) == 2
    assert any("Trade" in w and "malformed" in w for w in warnings)
    body = reading(text)
    assert "$1,250" in body and "4.8 metres" in body and "2,000 spindles" in body and "Hursts’ accounts" in body


def test_cli_convert_twice_rewrites_nothing(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    out = tmp_path / "out"
    seed = str(FIXTURES / "gull_stone_review.txt")
    r1 = CliRunner().invoke(main, ["convert", seed, "--profile", "wikitext", "-o", str(out)])
    assert r1.exit_code == 0, r1.stderr
    target = next(out.glob("*.xml"))
    assert "written" in r1.stdout and r1.stderr == ""
    before = target.read_bytes()
    r2 = CliRunner().invoke(main, ["convert", seed, "--profile", "wikitext", "-o", str(out), "--force"])
    assert r2.exit_code == 0 and "unchanged" in r2.stdout and r2.stderr == ""
    assert target.read_bytes() == before


def test_unk_token_kept_whole_and_reported(tmp_path: Path) -> None:
    r = convert_text(tmp_path, "The <unk> of Kerrow was a <unk> place .\n")
    assert reading(paras(r)[0]) == "The <unk> of Kerrow was a <unk> place."
    assert sum("'<unk>'" in w for w in r.warnings) == 2


@pytest.mark.parametrize("name", CASES)
def test_every_warning_names_file_and_line(project, name: str | None) -> None:
    _, warnings, text = _whole(project, _path(project, name))
    assert warnings or name is not None  # the sas seed has malformed headings etc.; a clean fixture may have none
    for w in warnings:
        m = re.match(r"^([^:]+):(\d+): \S", w)
        assert m, w
        assert 1 <= int(m.group(2)) <= len(text.split("\n"))


def test_no_text_at_all_is_a_clear_error(tmp_path: Path) -> None:
    from edition.errors import EditionError

    with pytest.raises(EditionError, match=r"snippet\.txt: no paragraph or heading found"):
        convert_text(tmp_path, " = Only a title = \n \n")


def test_corpus_format_article_level4_and_abbreviations(project) -> None:
    data, warnings, _ = _whole(project, FIXTURES / "harbour_game.txt", "hg")
    text = parse_bytes(data, "out").getroot().find("t:text", NS)
    story = text.xpath("//t:div[t:head='Story mode']", namespaces=NS)[0]
    assert [a.get(XML_ID) for a in story.iterancestors(f"{{{TEI_NS}}}div")] == ["hg-modes", "hg-gameplay"]
    lead = reading(text.find("t:body/t:div/t:p", NS))
    assert lead.startswith("Harbour Lights (Japanese: 港の灯り, lit. Lights of the Harbour) is")
    assert "Mori.Works" in lead and "120,000 copies" in lead and "game’s director" in lead
    assert reading(text.find("t:front/t:docTitle/t:titlePart", NS)) == "Harbour Lights (video game)"
    nested = text.xpath("//t:quote/t:q", namespaces=NS)
    assert [reading(q) for q in nested] == ["‘slow and steady’"]
    assert not any("straight" in w for w in warnings)
