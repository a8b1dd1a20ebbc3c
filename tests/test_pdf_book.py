"""The print edition, read back from the PDF (pypdf, poppler's pdftotext/pdffonts).

The book of the print fixtures (tests/fixtures/print: two texts and a register) is typeset once
per session; every expectation is derived from the TEI, never written down by hand.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from edition.publish import pdf as pdfmod
from edition.xmlio import NS, XML_ID, parse_file

REPO = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "print"
TEXTS = [FIX / "sas.xml", FIX / "fbm.xml"]
REGISTER = FIX / "register.xml"
NAME_TAGS = ("persName", "placeName", "orgName")
WORD = r"[^\W\d_]+|\d+"  # letters or digits: a footnote call does not glue onto its word



pytestmark = pytest.mark.xdist_group("edition-book")


@pytest.fixture(scope="session", params=["fixture", pytest.param("edition", marks=pytest.mark.slow)])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The book typeset once per session: the print fixtures, and the real edition (conftest)."""
    if request.param == "fixture":
        texts, register, labels = TEXTS, REGISTER, None
        result = pdfmod.make_book(texts, register, page_size="A5")
    else:
        texts, register, labels, result = request.getfixturevalue("edition_book")
    path = tmp_path_factory.mktemp("pdf") / "book.pdf"
    path.write_bytes(result.pdf)
    reader = pypdf.PdfReader(str(path))
    pages = pdftotext_pages(path, len(reader.pages))
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    return {"result": result, "path": path, "reader": reader, "pages": pages, "dests": dests,
            "texts": texts, "register": register, "labels": labels}


def pdftotext_pages(path: Path, count: int) -> list[str]:
    """The text of every page, from one pdftotext run (pages end with a form feed, as per page)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p + "\f" for p in out.split("\f")[:count]]
    assert len(pages) == count
    return pages


def pdftotext(path: Path, page: int, *extra: str) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), *extra, str(path), "-"],
                         capture_output=True, text=True, check=True)
    return out.stdout


def flat(text: str) -> str:
    """Join words hyphenated at line ends (copied as a soft hyphen, U+00AD), normalise spaces."""
    text = re.sub(r"(\w)\u00ad\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


def tei(path: Path) -> etree._Element:
    return parse_file(path).getroot()


def reading_text(el: etree._Element, notes: bool = True) -> str:
    """The printed reading: corr/reg instead of sic/orig, notes included (or not)."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        local = etree.QName(e).localname if isinstance(e.tag, str) else ""
        if local in ("sic", "orig", "del") and etree.QName(e.getparent()).localname == "choice" or local == "del":
            pass
        elif local == "note" and not notes:
            pass
        elif isinstance(e.tag, str):
            parts.append(e.text or "")
            for child in e:
                walk(child)
                parts.append(" " if local in ("note",) else "")
        if e.tail and e is not el:
            parts.append(e.tail)

    walk(el)
    return "".join(parts)


# ---------------------------------------------------------------- notes


def authorial_notes(texts: list[Path]) -> list[etree._Element]:
    return [n for p in texts for n in tei(p).iterfind(".//tei:text//tei:note[@type='authorial']", NS)]


def test_fixture_has_notes_and_names() -> None:
    assert len(authorial_notes(TEXTS)) >= 5


def test_every_authorial_note_is_on_the_page_of_its_marker(book: dict) -> None:
    dests, pages = book["dests"], book["pages"]
    for note in authorial_notes(book["texts"]):
        nid = note.get(XML_ID)
        assert f"call-{nid}" in dests and nid in dests, f"{nid}: note or its call missing from the PDF"
        page = dests[f"call-{nid}"]
        assert dests[nid] == page, f"{nid}: call on page {page + 1}, note on page {dests[nid] + 1}"
        text = flat(pages[page])
        body = " ".join("".join(note.itertext()).split())
        assert f"{note.get('n')}. {body}" in text, f"{nid}: '{note.get('n')}. {body}' not on page {page + 1}"


def test_apparatus_gives_the_transmitted_reading_on_the_same_page(book: dict) -> None:
    dests, pages, html_text = book["dests"], book["pages"], book["result"].html
    choices = []
    for p in book["texts"]:
        found = [c for c in tei(p).iterfind(".//tei:text//tei:choice[tei:sic][tei:corr]", NS)
                 if not any(etree.QName(a).localname == "note" for a in c.iterancestors())]
        kind = [("".join(c.find("tei:sic", NS).itertext()), "".join(c.find("tei:corr", NS).itertext())) for c in found]
        # a correction made 5 times or more in a text is stated once, without entries (xslt/print/notes.xsl)
        choices += [c for c, k in zip(found, kind) if kind.count(k) < 5]
    apps = re.findall(r'id="app-([^"]+)"', html_text)
    assert len(apps) == len(choices) > 0
    for app, choice in zip(apps, choices):
        page = dests[f"corr-{app}"]
        assert dests[f"app-{app}"] == page, f"correction on page {page + 1}, its apparatus entry is not"
        sic = " ".join("".join(choice.find("tei:sic", NS).itertext()).split())
        corr = " ".join(reading_text(choice.find("tei:corr", NS)).split())
        assert f"{corr}] {sic} source" in flat(pages[page]), f"'{corr}] {sic} source' not on page {page + 1}"


def test_authorial_and_editorial_series_are_distinct(book: dict) -> None:
    html_text = book["result"].html
    marks_auth = re.findall(r'class="fn fn-auth" id="[^"]+" data-mark="([^"]+)"', html_text)
    marks_ed = re.findall(r'class="fn fn-ed[^"]*" id="[^"]+" data-mark="([^"]+)"', html_text)
    assert marks_auth == [n.get("n") for n in authorial_notes(book["texts"])]
    assert marks_ed and all(m.isalpha() for m in marks_ed)
    assert all(m.isdigit() for m in marks_auth)


# ---------------------------------------------------------------- index


def register_forms(texts: list[Path], register: Path) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for entry in tei(register).iterfind(".//tei:standOff//*[@xml:id]", NS):
        for name in entry:
            if etree.QName(name).localname in NAME_TAGS:
                forms[entry.get(XML_ID)].add(" ".join("".join(name.itertext()).split()))
    for path in texts:
        for name in tei(path).iterfind(".//tei:text//*[@ref]", NS):
            text = " ".join(reading_text(name).split())
            forms[name.get("ref")[1:]].update({text, text.split(" ")[0]})
    return forms


def index_links(book: dict, start: str = "index-persons",
                ends: tuple[str, ...] = ("index-events", "index-speakers")) -> list[tuple[int, str, int, str]]:
    """(index page, mention id, target page, printed text) for every link on the pages of the indexes of
    names (the indexes of events and of speakers after them link to paragraphs and speech, not to names:
    test_index_of_events_lists_the_paragraphs_naming_each_event, tests/test_pdf_links.py)."""
    reader, dests = book["reader"], book["dests"]
    first = dests[start]
    out = []
    for p in range(first, min(dests.get(k, len(reader.pages)) for k in ends)):
        page = reader.pages[p]
        height = float(page.mediabox.height)
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                           pdftotext(book["path"], p + 1, "-bbox"))
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link" or "/Dest" not in a:
                continue
            name = str(a["/Dest"])
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            # words starting inside the link's rectangle ("9," is one word for pdftotext)
            inside = [html.unescape(w[4]) for w in words
                      if min(x0, x1) - 1 <= float(w[0]) < max(x0, x1)
                      and float(w[1]) >= top - 2 and float(w[3]) <= bottom + 2]
            out.append((p, name, dests[name], " ".join(inside)))
    return out


def index_pages(book: dict) -> list[tuple[str, int, str]]:
    """(mention id, target page, printed text) per index link, with the pages a range ("25–28")
    stands for: its first link prints the range (pdftotext reads "25–28," as one word), the
    pages inside it are the entry's too, and its last link (printing nothing of its own) must go
    to the range's last page."""
    out: list[tuple[str, int, str]] = []
    pending: tuple[str, int] | None = None  # (entry, last page) of an open range
    for _, name, target, printed in index_links(book):
        key, text = name.rsplit(".", 1)[0], printed.strip(", ")
        if pending is not None:
            assert (key, target) == pending and text == "", f"range end of {pending[0]}: {name} prints {text!r}"
            pending = None
            continue
        m = re.fullmatch(r"(\d+)–(\d+)\*?", text)
        if m:
            first, last = int(m.group(1)), int(m.group(2))
            assert last - first >= 2, f"{key}: range {text} of fewer than three pages"
            out += [(key, target, m.group(1))] + [(key, page - 1, "") for page in range(first + 1, last + 1)]
            pending = (key, last - 1)
        else:
            out.append((key, target, text))
    assert pending is None
    return out


def test_every_index_number_points_to_a_page_naming_the_entry(book: dict) -> None:
    pages, forms = book["pages"], register_forms(book["texts"], book["register"])
    entries = index_pages(book)
    assert len(entries) > 20
    for key, target, printed in entries:
        assert printed in ("", str(target + 1)), f"index link for {key}: prints {printed!r}, goes to page {target + 1}"
        text = flat(pages[target])
        assert any(f in text for f in forms[key]), f"page {target + 1} does not name {key} ({sorted(forms[key])})"


def test_index_lists_every_page_of_every_mention_once(book: dict) -> None:
    dests = book["dests"]
    mention_pages: dict[str, set[int]] = defaultdict(set)
    for name, page in dests.items():
        m = re.fullmatch(r"(.+)\.(\d+)", name)
        if m and not name.startswith(("call-", "app-", "corr-")):
            mention_pages[m.group(1)].add(page)
    listed: dict[str, list[int]] = defaultdict(list)
    for key, target, _printed in index_pages(book):
        listed[key].append(target)
    refs = {n.get("ref")[1:] for p in book["texts"] for n in tei(p).iterfind(".//tei:text//*[@ref]", NS)}
    assert refs <= set(mention_pages), f"mentions without anchors: {refs - set(mention_pages)}"
    for key, wanted in mention_pages.items():
        assert sorted(listed[key]) == sorted(wanted), f"{key}: index lists {listed[key]}, mentions on {sorted(wanted)}"


def test_index_of_events_lists_the_paragraphs_naming_each_event(book: dict) -> None:
    """The index of events (editorial/events.xml): for each event, the pages of the paragraphs whose edited
    reading contains one of its forms (label type="form"), each once; the fixture book has no register of
    events and so no index of events."""
    dests = book["dests"]
    if not book["labels"]:
        assert "index-events" not in dests
        return
    events = tei(REPO / "editorial" / "events.xml")
    forms = {ev.get(XML_ID): [" ".join(f.text.split()) for f in ev.iterfind("tei:label[@type='form']", NS)]
             for ev in events.iterfind(".//tei:event", NS)}
    paras = {p.get(XML_ID): " ".join(reading_text(p).split())
             for path in book["texts"] for p in tei(path).iterfind(".//tei:text//tei:p[@xml:id]", NS)}
    naming = {ev: {pid for pid, text in paras.items() if any(f in text for f in fs)} for ev, fs in forms.items()}
    assert all(naming.values())  # each event is named somewhere
    expected = sorted(page for pids in naming.values() for page in {dests[pid] for pid in pids})
    listed: list[int] = []
    pending: int | None = None  # the last page of an open range ("41–43": its last link prints nothing)
    for _, name, target, printed in index_links(book, start="index-events", ends=("index-speakers",)):
        assert name in set().union(*naming.values()), name
        text = printed.strip(", ")
        if pending is not None:
            assert (target, text) == (pending, ""), f"range end: {name} prints {text!r}"
            pending = None
            continue
        m = re.fullmatch(r"(\d+)–(\d+)", text)
        first, last = (int(m.group(1)), int(m.group(2))) if m else (target + 1, target + 1)
        assert first == target + 1, f"{name}: prints {text!r}, goes to page {target + 1}"
        listed += range(first - 1, last)
        pending = last - 1 if m else None
    assert pending is None and sorted(listed) == expected
    text = flat(book["pages"][dests["index-events"]])
    assert "Index of events" in text and "Moscow meeting of 81 communist and workers’ parties, 3 November 1960" in text


def test_variant_forms_are_cross_referenced_in_their_place(book: dict) -> None:
    """A variant form of a register entry that the texts use ("Peng Chen", "Pospyelov") gets an entry of its
    own, "Peng Chen, see Peng Zhen", where it falls in the alphabet; the forms come from the register."""
    doc = etree.fromstring(book["result"].html.encode("utf-8"), etree.HTMLParser())
    items = [" ".join("".join(li.itertext()).split()) for li in doc.xpath("//section[@id='index-persons']//li")]
    xrefs = [i for i in items if ", see " in i]
    if not book["labels"]:
        assert xrefs == []  # the fixture's register has no variant forms the texts use
        return
    assert "Peng Chen, see Peng Zhen" in xrefs and "Pospyelov, see Pospelov, Pyotr" in xrefs
    for form, before, after in [("Peng Chen", "Pano, Nicholas C.", "Peng Dehuai"), ("Pospyelov", "Pospelov, Pyotr", "R")]:
        at = next(n for n, i in enumerate(items) if i.startswith(form + ", see"))
        assert items[at - 1].startswith(before) and items[at + 1].startswith(after), items[at - 1:at + 2]
    assert not [i for i in xrefs if i.startswith(("Kadar,", "Tito,"))]  # an accent or a part of the heading: no reference
    pages = flat("".join(book["pages"][book["dests"]["index-persons"]:book["dests"]["index-places"]]))
    assert "Peng Chen, see Peng Zhen" in pages


def test_introduction_and_principles_are_the_editions_front_matter(book: dict) -> None:
    """The edition's book opens with the introduction and principles of editorial/front.xml (as the site), not
    the generated project description ("a pointer of the form #id in @ref"); the principles' examples of a
    correction print both readings, keyed to no line; the names in them are no index entries."""
    pages, dests = book["pages"], book["dests"]
    intro = flat("".join(pages[dests["introduction"]:dests["principles"]]))
    if not book["labels"]:
        assert "This edition presents two texts" in intro  # without front matter: the texts' project description
        return
    assert intro.startswith("Introduction This edition brings together two English texts") and "#" not in intro
    assert "pointer of the form" not in flat("".join(pages))
    principles = flat(pages[dests["principles"]])
    assert "Comrade (transmitted: “Cornrade”)" in principles and "Cornrade source" not in principles
    assert not [n for n in dests if n.startswith("u-persons-")]


def test_forward_page_references_keep_their_placeholders_width() -> None:
    """A reference to a later page is first set as zeros; its number, once known, must take the same
    room (figure spaces pad a shorter one), or the division would not come out the same."""
    from edition.publish.pdf_pagerefs import resolve_page_refs

    xhtml = "http://www.w3.org/1999/xhtml"
    root = etree.fromstring(f'<div xmlns="{xhtml}"><span class="pageref" data-href="#a"/>'
                            '<span class="pageref" data-href="#b"/></div>')
    assert resolve_page_refs(root, {}, placeholder="00") == ["a", "b"]
    assert [s.text for s in root] == ["00", "00"]
    resolve_page_refs(root, {"a": 9, "b": 12}, width=2)
    assert [s.text for s in root] == ["\u20079", "12"]
    resolve_page_refs(root, {"a": 9, "b": 12})
    assert [s.text for s in root] == ["9", "12"]


def test_runs_of_three_or_more_pages_print_as_ranges() -> None:
    from edition.publish.pdf_pagerefs import page_runs

    assert page_runs([25, 26, 28, 33, 34, 35, 36, 51]) == [(25, 25), (26, 26), (28, 28), (33, 36), (51, 51)]
    assert page_runs([9, 7, 8, 8]) == [(7, 9)]
    # a starred page (speech with an inferred speaker) is not merged with unstarred neighbours
    assert page_runs([1, 2, 3, 4], starred={3}) == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert page_runs([1, 2, 3, 5], starred={1, 2, 3}) == [(1, 3), (5, 5)]


# ---------------------------------------------------------------- contents, bookmarks


def toc_lines(book: dict) -> list[tuple[str, int]]:
    page = book["dests"]["contents"]
    text = book["pages"][page]
    return [(m.group(1).strip(), int(m.group(2)))
            for m in re.finditer(r"^(.+?)[ .]*\.\s*(\d+)\s*$", text, re.M)]


def test_contents_page_numbers_are_right(book: dict) -> None:
    dests, pages = book["dests"], book["pages"]
    lines = dict(toc_lines(book))
    expected = {"Introduction": "introduction", "Editorial principles": "principles",
                "List of editorial corrections": "corrections", "Index of persons": "index-persons",
                "Index of places": "index-places", "Index of organisations": "index-orgs"}
    for path in book["texts"]:
        root = tei(path)
        expected[" ".join(reading_text(root.find(".//tei:titleStmt/tei:title[@type='main']", NS)).split())] = root.get(XML_ID)
        for div in root.iterfind(".//tei:body//tei:div[tei:head]", NS):
            head = reading_text(div.find("tei:head", NS), notes=False)
            expected[" ".join(head.split())] = "h-" + div.get(XML_ID)
    for title, anchor in expected.items():
        if title == "Introduction" and anchor != "introduction":
            continue
        assert title in lines, f"contents lack {title!r}: {lines}"
        assert lines[title] == dests[anchor] + 1, f"{title}: contents say {lines[title]}, it is on {dests[anchor] + 1}"
        assert re.findall(WORD, title)[0] in flat(pages[lines[title] - 1])


def test_bookmarks_mirror_the_contents(book: dict) -> None:
    reader = book["reader"]

    def walk(items: list, level: int = 1) -> list[tuple[str, int]]:
        out = []
        for item in items:
            if isinstance(item, list):
                out += walk(item, level + 1)
            else:
                out.append((" ".join(item.title.split()), reader.get_destination_page_number(item) + 1))
        return out

    marks = walk(reader.outline)
    toc = toc_lines(book)
    assert [t for t, _ in marks] == [t for t, _ in toc]
    assert [p for _, p in marks] == [p for _, p in toc]


# ---------------------------------------------------------------- text, fonts, metadata


def test_no_word_of_the_reading_text_is_lost(book: dict) -> None:
    raw = "\n".join(book["pages"])
    joined = re.sub(r"(\w)\u00ad\s*\n\s*(\w)", r"\1\2", raw)
    # a hyphenated word may be joined wrongly (to a footnote below it): keep the halves too
    words = set(re.findall(WORD, joined)) | set(re.findall(WORD, raw))
    prefixes = set(re.findall(r"([^\W\d_]+)\u00ad\s*$", raw, re.M))
    missing = []
    for path in book["texts"]:
        reading = reading_text(tei(path).find("tei:text", NS))
        # pdftotext joins "centuries-" at a line end to the next line: "centuriesold"
        joined_compounds = {c.replace("-", "") for c in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", reading)}
        for word in re.findall(WORD, reading):
            if word in words:
                continue
            if any(word.startswith(p) and word[len(p):] in words for p in prefixes):
                continue
            if any(word in c and c in words for c in joined_compounds):
                continue
            missing.append(word)
    assert not missing, f"{len(missing)} words of the reading text not in the PDF: {missing[:20]}"


def test_every_character_is_printed() -> None:
    # the fixture's accented and Cyrillic words come through as text (fonts have the glyphs)
    result = pdfmod.make_book([FIX / "sas.xml"], REGISTER, page_size="A4")
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    for word in ("Хрущёв", "Łódź", "Timișoara", "naïve", "façade", "Köln", "Ángel", "“Secret Speech”", "1955–1961"):
        assert word in text


def test_all_fonts_are_embedded(book: dict) -> None:
    out = subprocess.run(["pdffonts", str(book["path"])], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        assert cols[-5] == "yes", f"font not embedded: {row}"


def test_metadata_and_fixed_dates(book: dict) -> None:
    meta = book["reader"].metadata
    root = tei(book["texts"][0])
    assert meta.title == root.findtext(".//tei:titleStmt/tei:title[@type='collection']", namespaces=NS)
    authors = [" ".join("".join(a.itertext()).split()) for t in book["texts"]
               for a in tei(t).iterfind(".//tei:titleStmt/tei:author", NS)]
    assert meta.author == ", ".join(dict.fromkeys(authors))
    when = root.find(".//tei:publicationStmt/tei:date", NS).get("when").replace("-", "")
    assert meta["/CreationDate"].startswith(f"D:{when}")
    assert meta["/ModDate"] == meta["/CreationDate"]
    assert book["reader"].trailer["/Root"]["/Lang"] == root.get(f"{{{NS['xml']}}}lang")


def test_every_id_in_the_print_html_is_unique(book: dict) -> None:
    """Ids made for elements without xml:id do not meet across the documents the book is made from (the
    texts and register, the front matter, the register of events)."""
    ids = re.findall(r'\sid="([^"]*)"', book["result"].html)
    assert len(ids) > 100
    assert not [i for i, n in Counter(ids).items() if n > 1]


def test_two_builds_are_byte_identical(book: dict) -> None:
    edition = bool(book["labels"])  # the edition's book has its front matter and register of events
    front = REPO / "editorial" / "front.xml" if edition else None
    events = REPO / "editorial" / "events.xml" if edition else None
    again = pdfmod.make_book(book["texts"], book["register"], page_size="A5", labels=book["labels"], front=front,
                             events=events)
    assert again.pdf == book["result"].pdf


def test_source_date_epoch_sets_the_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    result = pdfmod.make_book([FIX / "fbm.xml"], None, page_size="A5")
    meta = pypdf.PdfReader(io.BytesIO(result.pdf)).metadata
    assert meta["/CreationDate"].startswith("D:19700101000000")


def test_running_heads_name_edition_text_and_section(book: dict) -> None:
    pages, dests = book["pages"], book["dests"]
    # the running head and the page number: the first line of the page as laid out
    first_line = [next((ln for ln in pdftotext(book["path"], i + 1, "-layout").splitlines() if ln.strip()), "")
                  for i in range(len(pages))]
    sas = tei(book["texts"][0])
    title = " ".join(reading_text(sas.find(".//tei:titleStmt/tei:title[@type='main']", NS)).split())
    edition = " ".join(reading_text(sas.find(".//tei:titleStmt/tei:title[@type='collection']", NS)).split())
    heads = [" ".join(reading_text(h, notes=False).split()) for h in sas.iterfind(".//tei:body/tei:div/tei:head", NS)]
    start, end = dests[sas.get(XML_ID)], dests[tei(book["texts"][1]).get(XML_ID)]
    verso = [first_line[p] for p in range(start + 1, end) if p % 2 == 1 and pages[p].strip()]
    recto = [first_line[p] for p in range(start + 1, end) if p % 2 == 0 and pages[p].strip()]
    assert verso and all(title.upper() in line.upper() for line in verso)
    assert recto and all(any(h.upper() in line.upper() for h in heads) for line in recto)
    front = [first_line[p] for p in range(dests["principles"] + 1, start) if p % 2 == 1 and pages[p].strip()]
    assert all(edition.upper() in line.upper() for line in front)
