"""The flat reading text of a block and wrapping spans across inline markup."""

from __future__ import annotations

from lxml import etree

from edition.enrich.textmap import BREAK, blocks_of, flatten, wrap_span
from edition.xmlio import TEI_NS, tei

NS = f'xmlns="{TEI_NS}"'


def _p(xml: str) -> etree._Element:
    return etree.fromstring(f"<p {NS}>{xml}</p>")


def _inner(el: etree._Element) -> str:
    s = etree.tostring(el, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")
    return s[s.index(">") + 1: s.rindex("<")]


def _wrap(p: etree._Element, needle: str, tag: str = "persName", **attrs: str) -> bool:
    fb = flatten(p)
    start = fb.text.index(needle)
    return wrap_span(fb, start, start + len(needle), etree.Element(tei(tag), attrs))


def test_reading_text_uses_corr_not_sic_and_cuts_out_notes() -> None:
    p = _p('A <choice><sic>Cornrade</sic><corr>Comrade</corr></choice> B<note n="1">x y</note> C<lb/>D')
    fb = flatten(p)
    assert fb.text == f"A Comrade B{BREAK} C D"
    assert [n.get("n") for n in fb.nested] == ["1"]


def test_name_that_is_the_corrected_word_wraps_the_whole_choice() -> None:
    p = _p("Kozlov and <choice><sic>Yef remov</sic><corr>Yefremov</corr></choice> came.")
    assert _wrap(p, "Yefremov", ref="#yefremov")
    assert _inner(p) == ('Kozlov and <persName ref="#yefremov"><choice><sic>Yef remov</sic>'
                         "<corr>Yefremov</corr></choice></persName> came.")


def test_pretty_printed_choice_is_still_lifted() -> None:
    p = _p("in <choice>\n  <sic>Yef remov</sic>\n  <corr>Yefremov</corr>\n</choice>, then")
    assert _wrap(p, "Yefremov")
    assert _inner(p).startswith("in <persName><choice>") and _inner(p).endswith("</choice></persName>, then")


def test_date_across_a_corrected_dash() -> None:
    p = _p("in the 1955<choice><sic>?</sic><corr>–</corr></choice>1961 period")
    assert _wrap(p, "1955–1961", "date")
    assert _inner(p) == "in the <date>1955<choice><sic>?</sic><corr>–</corr></choice>1961</date> period"


def test_name_across_a_line_break_keeps_the_lb() -> None:
    p = _p("<hi>x</hi> Enver<lb/>Hoxha spoke")
    fb = flatten(p)
    start = fb.text.index("Enver")
    assert wrap_span(fb, start, start + len("Enver Hoxha"), etree.Element(tei("persName")))
    assert _inner(p) == "<hi>x</hi> <persName>Enver<lb/>Hoxha</persName> spoke"


def test_name_filling_a_q_with_more_text_after_wraps_the_q() -> None:
    p = _p("at the <q>“Kirov”</q> Theatre in")
    assert _wrap(p, "“Kirov” Theatre", "placeName")
    assert _inner(p) == "at the <placeName><q>“Kirov”</q> Theatre</placeName> in"


def test_span_that_would_split_an_element_is_refused() -> None:
    p = _p("say <q>“Comrade Mikoyan</q> said”")
    fb = flatten(p)
    start = fb.text.index("Mikoyan said")
    assert not wrap_span(fb, start, start + len("Mikoyan said"), etree.Element(tei("persName")))
    assert _inner(p) == "say <q>“Comrade Mikoyan</q> said”"


def test_protected_ranges_cover_existing_names() -> None:
    p = _p('the <persName ref="#x">Hoxha</persName> line')
    fb = flatten(p)
    s = fb.text.index("Hoxha")
    assert fb.is_protected(s, s + 5) and not fb.is_protected(0, 3)


def test_blocks_skip_the_header_and_include_nested_notes() -> None:
    root = etree.fromstring(
        f'<TEI {NS}><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>'
        '<text><body><p xml:id="a">x<note xml:id="n">y</note></p><head>h</head></body></text></TEI>')
    ids = [b.get("{http://www.w3.org/XML/1998/namespace}id") or etree.QName(b).localname for b in blocks_of(root)]
    assert ids == ["a", "n", "head"]


def test_text_outside_any_block_is_still_searched() -> None:
    root = etree.fromstring(
        f'<TEI {NS}><teiHeader/><text><body><div><quote xml:id="q">Stalin <hi>said</hi> so</quote>'
        '<sp><speaker>Hoxha</speaker><p xml:id="p">x</p></sp></div></body></text></TEI>')
    got = [b.get("{http://www.w3.org/XML/1998/namespace}id") or etree.QName(b).localname for b in blocks_of(root)]
    assert got == ["q", "speaker", "p"]


def test_name_split_by_a_correction_inside_it() -> None:
    p = _p("and Khrush<choice><sic>c</sic><corr>ch</corr></choice>ev’s speech")
    assert flatten(p).text == "and Khrushchev’s speech"
    assert _wrap(p, "Khrushchev", ref="#nikita-khrushchev")
    assert _inner(p) == ('and <persName ref="#nikita-khrushchev">Khrush<choice><sic>c</sic><corr>ch</corr>'
                         "</choice>ev</persName>’s speech")


def test_register_forms_read_the_corrected_text(tmp_path) -> None:
    from edition.enrich.register import load_register

    reg = tmp_path / "register.xml"
    reg.write_text(
        f'<TEI {NS}><teiHeader/><standOff><listPerson><person xml:id="y">'
        '<persName type="preferred"><forename>Nikolai</forename>\n  <surname>Yefremov</surname></persName>'
        '<persName type="variant"><choice><sic>Yef remov</sic><corr>Yefremov</corr></choice></persName>'
        "</person></listPerson></standOff></TEI>")
    assert load_register(reg).entries["y"].forms == ["Nikolai Yefremov", "Yefremov"]


def test_protected_queries_agree_with_a_scan() -> None:
    """is_protected and is_enclosed answer by binary search what a scan of the protected spans answers."""
    import random

    from edition.enrich.textmap import FlatBlock

    rng = random.Random(15)
    el = etree.Element("p")
    for _ in range(30):
        fb = FlatBlock(el, text="x" * 200)
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 190)
            fb.protected.append((s, s + rng.randint(1, 40), el))
        for _ in range(50):
            s = rng.randint(0, 199)
            e = s + rng.randint(1, 30)
            assert fb.is_protected(s, e) == any(ps < e and s < pe for ps, pe, _ in fb.protected)
            assert fb.is_enclosed(s, e) == (fb.enclosing(s, e) is not None)


def test_context_rules_see_a_bounded_window() -> None:
    from edition.enrich.textmap import CONTEXT, FlatBlock

    fb = FlatBlock(etree.Element("p"), text="a" * 5000 + "NAME" + "b" * 5000)
    assert fb.before(5000) == "a" * CONTEXT and fb.after(5004) == "b" * CONTEXT
    assert FlatBlock(etree.Element("p"), text="xy NAME").before(3) == "xy "
