"""The pages over all texts made from the texts' records (publish/records.py, as both publishers make them)
are the pages the site stylesheet makes from the site corpus alone, gathering the records itself
(xslt/html/modules/records.xsl, h:gather-records): one rule, two ways in."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.publish import records
from edition.publish.html import _corpus, _site_texts, common_params, render_multi_page
from edition.publish.inputs import assemble
from edition.publish.saxon import Transformer, xdm_document

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "html"


@pytest.mark.parametrize("all_refs", [True, False])
@pytest.mark.parametrize("cap", [50, 1])
def test_pages_from_records_equal_pages_from_the_corpus(monkeypatch: pytest.MonkeyPatch, cap: int, all_refs: bool) -> None:
    monkeypatch.setattr(records, "MENTION_CAP", cap)
    pub = assemble([FIXTURES / f"{n}.xml" for n in ("memoir", "drama", "verse")], register=FIXTURES / "register.xml")
    texts = _site_texts(pub.texts, "")
    site_xsl = Transformer.get(REPO / "xslt" / "html" / "site.xsl")
    common = dict(common_params({}, "", len(texts), search=True, timeline_page=False),
                  register=xdm_document(pub.register.tree))
    corpus = xdm_document(_corpus(texts, pub.register.tree, "tei/register.xml"))
    rec_params = dict(common, **{"records-all-refs": all_refs})  # False: as `edition html` makes them
    per_text = [(t.source.name, records.parse_items(records.text_records(site_xsl, rec_params, _corpus([t], None, ""),
                                                                           str(t.source)))) for t in texts]
    made = records.render_all(site_xsl, common, corpus, pub.register.tree, per_text, events=False)
    by_name = {name: html for name, html, _ in made}
    assert {"persons.html", "places.html", "organisations.html", "register.html", "index.html",
            "corrections.html"} <= set(by_name)
    if cap == 1:  # an entry with more than one mention has a page of them all
        assert any(name.startswith(records.MENTIONS_PREFIX) for name in by_name)
    kinds = {page[2]: page for page in (*records.REGISTER_PAGES, records.HOME_PAGE, records.CORRECTIONS_PAGE)}
    kinds.update({name: ("register", "mentions", name) for name in by_name if name.startswith(records.MENTIONS_PREFIX)})
    for name, (entry, page, _) in kinds.items():
        entity = name[len(records.MENTIONS_PREFIX):-len(".html")] if page == "mentions" else ""
        params = dict(common, **{"mention-cap": cap, "entity": entity})  # no $records: gathered by the stylesheet
        whole, _ = render_multi_page(site_xsl, params, corpus, (entry, page, name))
        assert whole == by_name[name], name


def test_records_for_one_run_keep_only_the_registers_entries(tmp_path: Path) -> None:
    """`edition html` makes each text's records with $records-all-refs false: the items of ids that are no entry
    of the register pages are not made (the build keeps them all, whatever the register holds later)."""
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
           '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>'
           '<p><persName ref="#known">Known</persName> met <persName ref="#stranger">a stranger</persName> and '
           '<said who="#known #stranger">hello</said> near <placeName ref="#town">the town</placeName>.</p>'
           '</body></text></TEI>')
    register = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R</title></titleStmt>'
                '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>'
                '<listPerson><person xml:id="known"><persName>Known</persName></person></listPerson>'
                '<listPlace><place xml:id="town"><placeName>Town</placeName></place></listPlace>'
                '<list><item xml:id="stranger">not an entry of the register pages</item></list>'
                '</body></text></TEI>')
    (tmp_path / "t.xml").write_text(tei, encoding="utf-8")
    (tmp_path / "register.xml").write_text(register, encoding="utf-8")
    pub = assemble([tmp_path / "t.xml"], register=tmp_path / "register.xml")
    texts = _site_texts(pub.texts, "")
    site_xsl = Transformer.get(REPO / "xslt" / "html" / "site.xsl")
    common = dict(common_params({}, "", 1, search=True, timeline_page=False), register=xdm_document(pub.register.tree))

    def refs(all_refs: bool) -> list[tuple[str, str]]:
        data = records.text_records(site_xsl, dict(common, **{"records-all-refs": all_refs}),
                                    _corpus(texts, None, ""), "t.xml")
        return [(kind, ref) for kind, ref, _ in records.parse_items(data) if kind in ("m", "s")]

    assert refs(True) == [("m", "known"), ("m", "stranger"), ("m", "town"), ("s", "known"), ("s", "stranger")]
    assert refs(False) == [("m", "known"), ("m", "town"), ("s", "known")]
