"""The per-document build graph of the site (edition.incremental, edition.extracts).

* The multi-text pages made from the corpus copies and the reading pages made with only their
  neighbours are byte-identical to the pages the whole-corpus publisher makes (real edition, letters).
* After an edit, the incremental build makes only the pages the edit affects, and its output is
  byte-identical to a clean build of the same state.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest

from edition.config import load_project
from edition.incremental import publish_incremental
from edition.multipages import CORRECTIONS, HOME, MULTI, ORGS, PERSONS, PLACES, REGISTER, TIMELINE
from edition.publish.html import publish_project

from letters_support import letters_module

REPO = Path(__file__).resolve().parent.parent


def _letters(dest: Path, n: int = 8) -> Path:
    letters_module().generate(n, dest, min_kb=3, max_kb=8, seed=7)
    return dest


def _real(dest: Path) -> Path:
    dest.mkdir()
    for name in ("tei", "editorial", "seeds", "xslt"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy2(REPO / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _tree(root: Path) -> dict[str, bytes]:
    """Every file of a site but Pagefind's index (not byte-stable between runs, see the guide)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "pagefind" not in p.relative_to(root).parts}


def _assert_same(a: Path, b: Path) -> None:
    ta, tb = _tree(a), _tree(b)
    assert sorted(ta) == sorted(tb)
    differ = [name for name in ta if ta[name] != tb[name]]
    assert not differ, f"differ: {differ}"


def _build(root: Path):
    return publish_incremental(load_project(root), search=False)


def _assert_like_clean_and_whole(root: Path, tmp_path: Path) -> None:
    """The project's site equals a clean build's of its present state and `edition html`'s."""
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, symlinks=True, ignore=shutil.ignore_patterns("output"))
    _build(clean)
    site = root / "output" / "html"
    _assert_same(site, clean / "output" / "html")
    publish_project(load_project(root), tmp_path / "whole", search=False)
    _assert_same(site, tmp_path / "whole")


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("make", [_letters, _real], ids=["letters", "real-edition"])
def test_graph_pages_equal_whole_corpus_pages(tmp_path: Path, make) -> None:
    root = make(tmp_path / "p")
    project = load_project(root)
    publish_project(project, tmp_path / "whole", search=False)
    publish_incremental(project, tmp_path / "graph", search=False)
    _assert_same(tmp_path / "whole", tmp_path / "graph")


def _first_plain_word(path: Path) -> tuple[str, str]:
    """A word of a paragraph without mentions, dates or corrections, and a replacement of it."""
    text = path.read_text(encoding="utf-8")
    for p in re.findall(r"<p xml:id=\"[^\"]+\">[^<]+\.</p>", text):
        word = re.findall(r"\b[a-z]{5,}\b", p)[0]
        return p, p.replace(f" {word} ", " edited ", 1)
    raise AssertionError("no plain paragraph")


def _kind_keys(para: str) -> set[str]:
    """The keys of the places and organisations pages, for those whose names stand in `para`."""
    return {key for tag, key in (("placeName", PLACES), ("orgName", ORGS)) if f"<{tag} " in para}


@pytest.mark.slow
def test_letters_incremental_equals_clean(tmp_path: Path) -> None:
    root = _letters(tmp_path / "p", n=10)
    letter = next(p for p in sorted((root / "tei").glob("l*.xml"))
                  if re.search(r"<p xml:id=\"[^\"]+\">[^<]+\.</p>", p.read_text(encoding="utf-8")))
    first = _build(root)
    pages = [f"{p.stem}.html" for p in sorted((root / "tei").glob("l*.xml"))]
    # ten reading pages and the pages over all texts (no entry has more than MENTION_CAP mentions: no page of them)
    assert sorted(first.made) == sorted([*pages, MULTI, TIMELINE, *REGISTER, HOME, CORRECTIONS])

    assert _build(root).made == []  # nothing changed: nothing made

    old, new = _first_plain_word(letter)  # a word outside every quoted block: its page only
    _replace_once(letter, old, new)
    assert _build(root).made == [f"{letter.stem}.html"]

    # a word beside a person's name in a paragraph without dates, corrections or speech: the persons page quotes
    # it, so it is made again (and the places or organisations page if it quotes a name of theirs in that
    # paragraph), not the register's index (the counts are the same), nor any other page over all texts
    text = letter.read_text(encoding="utf-8")
    para = next(p for p in re.findall(r"<p xml:id=[^>]*>.*?</p>", text, re.S)
                if "</persName> " in p and not re.search(r"<(date|choice|said)\b", p))
    _replace_once(letter, para, para.replace("</persName> ", "</persName> edited ", 1))
    made = set(_build(root).made)
    assert {f"{letter.stem}.html", PERSONS} <= made
    assert made <= {f"{letter.stem}.html", PERSONS} | _kind_keys(para)

    # a word beside a date: the timeline quotes it
    text = letter.read_text(encoding="utf-8")
    para = next(p for p in re.findall(r"<p xml:id=[^>]*>.*?</p>", text, re.S)[1:]
                if "</date> " in p and not re.search(r"<(persName|placeName|orgName|choice|said)\b", p))
    _replace_once(letter, para, para.replace("</date> ", "</date> edited ", 1))
    assert sorted(_build(root).made) == sorted([f"{letter.stem}.html", TIMELINE])

    # a corrected reading: the list of corrections (the home page counts corrections, not their readings)
    text = letter.read_text(encoding="utf-8")
    corr = re.search(r"<corr>([^<]+)</corr>", text)
    _replace_once(letter, corr.group(0), f"<corr>{corr.group(1)}x</corr>")
    assert sorted(_build(root).made) == sorted([f"{letter.stem}.html", CORRECTIONS])

    # a register entry: the pages of the letters that mention it, and the pages over all texts that read the register
    rid = re.search(r'persName ref="#([^"]+)"', letter.read_text(encoding="utf-8")).group(1)
    mentioning = sorted(f"{p.stem}.html" for p in (root / "tei").glob("l*.xml")
                        if f'ref="#{rid}"' in p.read_text(encoding="utf-8"))
    register = root / "tei" / "register.xml"
    _replace_once(register, f'xml:id="{rid}"', f'xml:id="{rid}" sex="unknown"')
    made = _build(root).made
    assert sorted(made) == sorted([*mentioning, MULTI, *REGISTER, HOME])
    assert len(mentioning) < 10

    clean = tmp_path / "clean"
    shutil.copytree(root, clean, symlinks=True, ignore=shutil.ignore_patterns("output"))
    _build(clean)
    _assert_same(root / "output" / "html", clean / "output" / "html")


def _persons_of(persons, pages: list[str]) -> list[tuple[str, str, object, int]]:
    """Of the pages of mentions `pages` (mentions-ID.html), those of persons: (page, id, the entry on the persons
    page, its number of mentions there)."""
    out = []
    for page in pages:
        rid = page[len("mentions-"):-len(".html")]
        entry = persons.xpath(f'//article[@id="{rid}"]')
        if entry:  # else a place or an organisation
            out.append((page, rid, entry[0], int(re.search(r"Mentions \((\d+)\)", entry[0].text_content()).group(1))))
    return out


@pytest.mark.slow
def test_letters_pages_of_mentions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry with more mentions than MENTION_CAP lists the first on its register page, with a link to a page of
    its own listing them all; an edit beside one of its mentions makes again that page and the register pages,
    no other entry's page; the site stays the same as a clean build's and as `edition html`'s."""
    import lxml.html

    from edition.publish import records as register_pages

    monkeypatch.setattr(register_pages, "MENTION_CAP", 1)
    root = _letters(tmp_path / "p", n=6)
    first = _build(root).made
    pages = sorted(m for m in first if m.startswith("mentions-"))
    assert pages
    site = root / "output" / "html"
    persons = lxml.html.parse(str(site / "persons.html"))
    checked = 0
    for page, rid, entry, total in _persons_of(persons, pages):
        assert total > 1 and len(entry.xpath(".//ol[@class='mentions']/li")) == 1
        assert entry.xpath(f".//a[@href='{page}']")
        own = lxml.html.parse(str(site / page))
        assert len(own.xpath(f'//article[@id="{rid}"]//ol[@class="mentions"]/li')) == total
        checked += 1
    assert checked

    # a word beside a mention of an entry with a page of mentions, in a paragraph without dates, corrections or speech
    for letter in sorted((root / "tei").glob("l*.xml")):
        text = letter.read_text(encoding="utf-8")
        hits = [(p, m) for p in re.findall(r"<p xml:id=[^>]*>.*?</p>", text, re.S) if not re.search(r"<(date|choice|said)\b", p)
                for m in re.findall(r'<persName ref="#([^"]+)">[^<]*</persName> ', p) if f"mentions-{m}.html" in pages]
        if hits:
            break
    para, rid = hits[0]
    named = set(re.findall(r'ref="#([^"]+)"', para))
    old = re.search(rf'<persName ref="#{rid}">[^<]*</persName> ', para).group(0)
    _replace_once(letter, para, para.replace(old, old + "edited ", 1))
    made = set(_build(root).made)
    assert {f"{letter.stem}.html", PERSONS, f"mentions-{rid}.html"} <= made
    assert made <= {f"{letter.stem}.html", PERSONS} | _kind_keys(para) | {f"mentions-{n}.html" for n in named}

    _assert_like_clean_and_whole(root, tmp_path)


@pytest.mark.slow
def test_letters_pages_of_mentions_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry's pages of mentions come in parts, one per chunk of MENTION_PART_TEXTS texts holding some: each
    lists that chunk's mentions, numbered on from the part before, and links to every part; together they list
    them all. A word beside a mention remakes the part of its text, not the entry's other parts; the site stays
    the same as a clean build's and as `edition html`'s."""
    import lxml.html

    from edition.publish import records as register_pages

    monkeypatch.setattr(register_pages, "MENTION_CAP", 1)
    monkeypatch.setattr(register_pages, "MENTION_PART_TEXTS", 2)
    root = _letters(tmp_path / "p", n=6)
    made = _build(root).made
    site = root / "output" / "html"
    persons = lxml.html.parse(str(site / "persons.html"))
    parted = sorted({m.split("~")[0] + ".html" for m in made if m.startswith("mentions-") and "~" in m})
    checked = []
    for first, rid, _, total in _persons_of(persons, parted):
        names = [first] + sorted((m for m in made if m.startswith(f"mentions-{rid}~")), key=lambda m: int(m[:-5].split("~")[1]))
        seen = 0
        for k, name in enumerate(names):
            page = lxml.html.parse(str(site / name))
            nav = page.xpath('//nav[@class="mention-parts"]//a')
            assert [a.get("href") for a in nav] == names
            assert [a.get("href") for a in nav if a.get("aria-current") == "page"] == [name]
            ol = page.xpath(f'//article[@id="{rid}"]//ol[@class="mentions"]')
            items = ol[0].xpath("li") if ol else []
            if items:
                assert int(ol[0].get("start", "1")) == seen + 1, name
            seen += len(items)
            assert f"Mentions ({total})" in page.xpath("string(//article)")
        assert seen == total  # the parts list every mention, once
        checked.append(rid)
    assert checked

    # a word beside a mention of such a person in a later chunk: that part is made again, the other parts not
    hits = [(letter, rid, p) for letter in sorted((root / "tei").glob("l*.xml"))[2:] for rid in checked
            for p in re.findall(r"<p xml:id=[^>]*>.*?</p>", letter.read_text(encoding="utf-8"), re.S)
            if not re.search(r"<(date|choice|said)\b", p) and re.search(rf'<persName ref="#{rid}">[^<]*</persName> ', p)]
    assert hits, "no letter past the first chunk mentions such a person in a plain paragraph"
    letter, rid, para = hits[0]
    paras = [para]
    old = re.search(rf'<persName ref="#{rid}">[^<]*</persName> ', paras[0]).group(0)
    _replace_once(letter, paras[0], paras[0].replace(old, old + "edited ", 1))
    again = set(_build(root).made)
    mine = {m for m in again if m.startswith(f"mentions-{rid}.") or m.startswith(f"mentions-{rid}~")}
    assert len(mine) == 1, mine  # the part of the edited letter alone
    page = lxml.html.parse(str(site / mine.pop()))
    assert "edited" in page.xpath(f'string(//article[@id="{rid}"]//ol[@class="mentions"])')

    # one more mention in the last letter: every part shows the new total (and the parts after its chunk, none
    # here, would number on from it)
    last = sorted((root / "tei").glob("l*.xml"))[-1]
    text = last.read_text(encoding="utf-8")
    opening = re.findall(r'<p xml:id="[^"]+">', text)[-1]
    _replace_once(last, opening, f'{opening}<persName ref="#{rid}">Him</persName> ')
    again = set(_build(root).made)
    total = int(re.search(r"Mentions \((\d+)\)", lxml.html.parse(str(site / f"mentions-{rid}.html")).xpath(
        f'string(//article[@id="{rid}"])')).group(1))
    for name in [f"mentions-{rid}.html", *(m for m in made if m.startswith(f"mentions-{rid}~"))]:
        assert name in again, name  # made again: it shows the total
        shown = lxml.html.parse(str(site / name)).xpath(f'string(//article[@id="{rid}"])')
        assert f"Mentions ({total})" in shown, name

    _assert_like_clean_and_whole(root, tmp_path)


@pytest.mark.slow
def test_real_edition_incremental_equals_clean(tmp_path: Path) -> None:
    root = _real(tmp_path / "p")
    _build(root)
    sas = root / "tei" / "soviet-albanian-split.xml"
    _replace_once(sas, " the line of the ", " the course of the ")
    made = _build(root).made
    # the two texts quote each other: both reading pages look into the edited one
    assert "soviet-albanian-split.html" in made and "from-bucharest-to-moscow.html" in made
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("output"))
    _build(clean)
    _assert_same(root / "output" / "html", clean / "output" / "html")
    assert filecmp.cmp(sas, clean / "tei" / "soviet-albanian-split.xml", shallow=False)


@pytest.mark.slow
def test_the_texts_copies_made_again_when_gone(tmp_path: Path) -> None:
    """The copies the pages over all texts read are looked for only when those pages are made (not at every
    build: 4,000 stats at N = 2,000); a cache emptied by hand is made again then, and the site is a clean build's."""
    root = _letters(tmp_path / "p", n=4)
    _build(root)
    shutil.rmtree(root / "output" / ".cache" / "extracts")
    letter = sorted((root / "tei").glob("l*.xml"))[1]
    text = letter.read_text(encoding="utf-8")
    title = re.search(r"<title[^>]*>([^<]+)</title>", text).group(1)
    _replace_once(letter, f">{title}</title>", f">{title} (draft)</title>")  # the header: its copy read
    made = _build(root).made
    assert MULTI in made and HOME in made
    assert (root / "output" / ".cache" / "extracts" / f"{letter.name}.head").is_file()
    _assert_like_clean_and_whole(root, tmp_path)


@pytest.mark.parametrize("limit", ["html", "site pages"])
def test_build_holds_each_page_to_the_memory_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    """A reading page (with the texts it reads) beyond the `edition html` limit, or the pages over all texts
    beyond theirs (corpus copies): one message naming the limit, and no site written."""
    from edition.errors import EditionError
    from edition.publish import inputs

    root = _letters(tmp_path / "p", n=3)
    monkeypatch.setitem(inputs.PUBLISH_LIMITS, limit, (50, 10**9))
    with pytest.raises(EditionError) as err:
        _build(root)
    said = "`edition html` publishes" if limit == "html" else "the pages over all texts"
    assert said in str(err.value) and "at most 50 tags" in str(err.value)
    assert not (root / "output" / "html").exists()


def test_an_edition_of_more_texts_than_the_timeline_draws_has_no_timeline_page(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The timeline draws one row per text: beyond timeline.MAX_TEXTS texts the site has no timeline page and no
    link to one, and says so once; the whole-corpus publisher does the same."""
    from edition.publish import timeline

    monkeypatch.setattr(timeline, "MAX_TEXTS", 2)
    root = _letters(tmp_path / "p", n=3)
    report = _build(root)
    site = root / "output" / "html"
    assert not (site / "timeline.html").exists() and TIMELINE not in report.made
    assert [w for w in report.warnings if "timeline.html not made" in w] == [
        "timeline.html not made: the timeline draws one row per text and the edition has 3 texts (at most 2); "
        "the dates are marked on the reading pages"]
    assert "timeline.html" not in (site / "index.html").read_text(encoding="utf-8")
    whole = publish_project(load_project(root), tmp_path / "whole", search=False)
    assert any("timeline.html not made" in w for w in whole.warnings)
    _assert_same(site, tmp_path / "whole")
