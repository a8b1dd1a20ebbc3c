"""The text-reuse detector and the collation on small texts built for the purpose."""

from __future__ import annotations

from lxml import etree

from edition.link.align import Params, align
from edition.link.collate import collate
from edition.link.detect import detect
from edition.link.tokens import block_words, blocks, reading, text_words
from edition.xmlio import XML_ID

TEI = "http://www.tei-c.org/ns/1.0"

SOURCE_PARAS = [
    "We arrived in the capital late in the evening. The revisionist renegades needed another meeting "
    "of international communism to gain approval for their old plan, which had failed before.",
    "The next morning we met the delegation of the other party. Nothing of substance was said, and we "
    "left the villa convinced that the struggle would be long and hard for all of us.",
    "On the return journey we went down by train through Italy and from Bari returned safe and sound "
    "to Tirana on our own aircraft, as we had decided before leaving the capital.",
]


def tei_doc(text_id: str, paras: list[str]) -> etree._Element:
    body = "".join(f'<p xml:id="{text_id}-p{i}">{p}</p>' for i, p in enumerate(paras, 1))
    return etree.fromstring(f'<TEI xmlns="{TEI}" xml:id="{text_id}"><teiHeader/><text><body>{body}</body></text></TEI>')


def quoting(*paras: str) -> etree._Element:
    return tei_doc("a", list(paras))


def run(a_root: etree._Element, b_root: etree._Element, p: Params = Params()):  # type: ignore[no-untyped-def]
    a, b = text_words(a_root), text_words(b_root)
    units = detect(a, b, p)
    texts_a = {x.get(XML_ID): reading(x) for x in blocks(a_root)}
    texts_b = {x.get(XML_ID): reading(x) for x in blocks(b_root)}
    return a, b, units, {u.id: collate(a, b, texts_a, texts_b, u) for u in units}


def test_words_know_their_quotation_brackets_and_ellipses() -> None:
    root = quoting('He wrote <quote xml:id="a-q1">“[we] went ... <persName>Home</persName>”</quote> then.')
    words = block_words(blocks(root)[0])
    assert [(w.norm, w.quote, w.bracket, w.ellipsis_before) for w in words] == [
        ("he", None, False, False), ("wrote", None, False, False), ("we", "a-q1", True, False),
        ("went", "a-q1", False, False), ("home", "a-q1", False, True), ("then", None, False, False)]


def test_exact_quotation_is_linked_to_its_paragraph_without_differences() -> None:
    src = tei_doc("b", SOURCE_PARAS)
    a = quoting('Hoxha wrote that <quote xml:id="a-q1">“The revisionist renegades needed another meeting of '
                'international communism to gain approval for their old plan,”</quote> and left.')
    _, b, units, diffs = run(a, src)
    assert [(u.kind, u.id) for u in units] == [("quote", "a-q1")]
    assert units[0].source_blocks(b) == ["b-p1"]
    assert diffs["a-q1"] == []


def test_ellipsis_omission_and_bracketed_interpolation_are_collated() -> None:
    src = tei_doc("b", SOURCE_PARAS)
    a = quoting('<quote xml:id="a-q1">“[We] went down by train through Italy ... returned safe and sound to '
                'Tirana on our own aircraft”</quote>')
    _, _, units, diffs = run(a, src)
    assert [u.id for u in units] == ["a-q1"]
    kinds = [(d.kind, d.quoted, d.source) for d in diffs["a-q1"]]
    assert ("omission", "...", "and from Bari") in kinds
    assert ("bracketed-substitution", "[We]", "we") not in kinds  # same word: only case differs
    assert all(k != "variant" for k, _, _ in kinds)


def test_changed_and_silently_omitted_words() -> None:
    src = tei_doc("b", SOURCE_PARAS)
    a = quoting('<quote xml:id="a-q1">“The revisionist renegades wanted another meeting of international '
                'communism to gain approval for their plan”</quote>')
    _, _, _, diffs = run(a, src)
    assert [(d.kind, d.quoted, d.source) for d in diffs["a-q1"]] == [
        ("variant", "wanted", "needed"), ("silent-omission", "", "old")]


def test_quotation_spanning_two_paragraphs_points_to_both() -> None:
    src = tei_doc("b", SOURCE_PARAS)
    a = quoting('<quote xml:id="a-q1">“left the villa convinced that the struggle would be long and hard for '
                'all of us. On the return journey we went down by train through Italy”</quote>')
    _, b, units, _ = run(a, src)
    assert units[0].source_blocks(b) == ["b-p2", "b-p3"]


def test_stock_phrases_and_unrelated_quotations_are_not_links() -> None:
    src = tei_doc("b", SOURCE_PARAS + ["the Central Committee of the Communist Party of the Soviet Union met"])
    a = quoting('<quote xml:id="a-q1">“a long statement from another book in which the Central Committee of '
                'the Communist Party of the Soviet Union is named among many other things said at length”</quote>',
                "Nothing here is quoted from anywhere at all.")
    _, _, units, _ = run(a, src)
    assert units == []


def test_unquoted_reuse_is_found_with_its_paragraph() -> None:
    src = tei_doc("b", SOURCE_PARAS)
    a = quoting("As he put it, the next morning we met the delegation of the other party and nothing of "
                "substance was said, and we left the villa convinced that the struggle would be long.")
    _, b, units, _ = run(a, src)
    assert [(u.kind, u.id, u.block) for u in units] == [("reuse", "a-p1", "a-p1")]
    assert units[0].source_blocks(b) == ["b-p2"]


def test_align_finds_the_shared_run_exactly() -> None:
    a = "x y z the quick brown fox jumps over the lazy dog again and again q r".split()
    b = "intro words the quick brown fox jumps over the lazy dog again and again end".split()
    (found,) = align(a, b, Params(min_words=6))
    assert found.matched == 12 and a[found.a_start:found.a_end] == b[found.b_start:found.b_end]
