"""Browser tests of the edition itself (the committed tei/ and editorial/, published in project mode): the
reading edition a historian cites — front matter, search to the passage, word-level quotation links, the
timeline. Screenshots of the title page, the introduction, a search result, a word-level quotation and the
timeline go to output/screenshots/ (and the test artifacts).

Setup: Debian's chromium (/usr/bin/chromium); Pagefind from the project's Python environment.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browser_support import ARTIFACTS, CHROMIUM, serve
from letters_support import generate_letters
from edition.cli import main

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "output" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Debian chromium not installed at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("edition")
    shutil.copy(REPO / "pyproject.toml", project)
    shutil.copytree(REPO / "editorial", project / "editorial")
    shutil.copytree(REPO / "tei", project / "tei")
    out = project / "site"
    import os

    cwd = os.getcwd()
    os.chdir(project)
    try:
        r = CliRunner().invoke(main, ["html", "-o", str(out)])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0, r.stderr
    with serve(out) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield p
    context.close()
    assert errors == []


def shot(page: Any, name: str, **kw: Any) -> None:
    for folder in (SHOTS, ARTIFACTS):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), **kw)


def test_title_page_and_introduction(site: str, page: Any) -> None:
    page.goto(site + "index.html")
    assert page.locator(".title-page .editors").inner_text() == "Edited by The edition’s editorial team"
    assert "toolkit" not in page.locator(".title-page").inner_text().lower()
    shot(page, "title-page")
    intro = page.locator("#introduction")
    intro.scroll_into_view_if_needed()
    assert "Meeting of 81 communist and workers’ parties" in intro.inner_text()
    page.evaluate("document.getElementById('introduction').scrollIntoView()")
    shot(page, "introduction")


def test_a_word_found_lands_on_its_paragraph(site: str, page: Any) -> None:
    page.goto(site + "search.html")
    page.locator(".filter-text").wait_for(state="visible")
    page.fill("#search-input", "Mikoyan")
    page.wait_for_function("() => document.querySelectorAll('#search-results li a').length > 5")
    hrefs = page.locator("#search-results li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    passages = [h for h in hrefs if h.startswith("from-bucharest-to-moscow.html")]
    assert len(passages) > 5 and all("#fbm-p" in h or "#fbm-n" in h for h in passages), hrefs  # never the whole page
    assert not [h for h in hrefs if h.startswith("soviet-albanian-split.html")]
    counts = dict(
        (label.strip().rsplit(" (", 1)[0], label.rsplit("(", 1)[1].rstrip(")"))
        for label in page.locator(".filter-text label").all_inner_texts()
    )
    assert counts["Soviet–Albanian split"] == "0"  # the article never names Mikoyan: counts follow the query
    shot(page, "search-results")
    first = page.locator("#search-results li a").first
    target = first.get_attribute("href").split("#")[1]
    first.click()
    page.wait_for_url(f"**#{target}")
    para = page.locator(f"#{target}")
    assert "search-target" in para.get_attribute("class")
    assert "Mikoyan" in para.locator("mark.search-hit").all_inner_texts()
    shot(page, "search-result")


def test_quotation_marks_exactly_the_quoted_words_in_the_source(site: str, page: Any) -> None:
    page.goto(site + "soviet-albanian-split.html")
    link = page.locator("#sas-q51-about a.quote-source-link").first
    assert link.get_attribute("href") == "from-bucharest-to-moscow.html?quote=sas-q51#fbm-p034"
    link.click()
    page.wait_for_url("**from-bucharest-to-moscow.html?quote=sas-q51#fbm-p034")
    para = page.locator("#fbm-p034")
    quoted = " ".join(" ".join(para.locator("mark.quoted.quote-target").all_inner_texts()).split())
    assert quoted.startswith("suspected that the problem of the differences")
    assert quoted.endswith("and time was required for this")
    assert "Why did I not go" not in quoted  # the words before the quotation are not marked
    gaps = " ".join(para.locator("mark.quoted-gap").all_inner_texts())
    assert "We were not in agreement with such a thing" in gaps  # the quotation's omission, at its words
    page.evaluate("document.querySelector('#fbm-p034').scrollIntoView()")
    shot(page, "word-level-quotation")
    # and back: "quoted in" leads to the quotation itself
    page.locator("#fbm-p034 a.quoted-in-link").first.click()
    page.wait_for_url("**soviet-albanian-split.html#sas-q51")
    assert page.evaluate("document.querySelector(':target').id") == "sas-q51"


def test_timeline_is_in_the_menu_with_a_list(site: str, page: Any) -> None:
    page.goto(site + "index.html")
    page.locator(".site-nav a[href='timeline.html']").click()
    page.wait_for_url("**/timeline.html")
    rows = page.locator("table.dates tbody tr")
    assert rows.count() > 100
    shot(page, "timeline")
    row = rows.filter(has_text="21 June 1960").first
    row.locator("a").click()
    page.wait_for_url("**soviet-albanian-split.html#date-*")
    assert page.evaluate("document.querySelector(':target').textContent") == "June 21"


def test_one_popover_at_a_time_and_the_speaker_highlight(site: str, page: Any) -> None:
    page.goto(site + "from-bucharest-to-moscow.html")
    choice = page.locator(".choice", has=page.locator("a.ent-person", has_text="Kapo")).first
    choice.scroll_into_view_if_needed()
    choice.locator("a.ent").hover()
    page.locator(".entity-card").wait_for(state="visible")
    box = choice.locator(".alt-reading").bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1  # the correction's tooltip stays hidden
    page.mouse.move(5, 5)
    # speaker highlight: the speeches of one person, with the speaker named
    page.select_option("#speaker-select", "anastas-mikoyan")
    said = page.locator(".said.speaker-hl")
    assert said.count() > 5
    assert all("anastas-mikoyan" in w.split() for w in said.evaluate_all("ss => ss.map(s => s.dataset.who)"))
    assert said.first.evaluate("s => getComputedStyle(s, '::before').content").startswith('"Anastas Mikoyan')


def test_reading_page_on_a_phone_and_by_keyboard(site: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site + "from-bucharest-to-moscow.html")
        assert page.evaluate("document.getElementById('reading-options').open") is False
        first = page.locator("#fbm-p001").bounding_box()
        assert first["y"] < 844 * 1.5, first  # the text starts near the first screen, not screens below
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the text"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#reading-fbm"
        shot(page, "phone-reading")
    finally:
        context.close()


def test_roving_focus_within_a_paragraph(site: str, page: Any) -> None:
    page.goto(site + "from-bucharest-to-moscow.html")
    stops = page.evaluate("() => [...document.querySelectorAll('a[href], button, input, select, summary, [tabindex]')]"
                          ".filter(e => e.tabIndex >= 0 && e.offsetParent !== null).length")
    assert stops < 700, stops  # was 1,319: every name, correction, paragraph number and button
    names = page.locator("#fbm-p010 a.ent")
    assert names.first.get_attribute("tabindex") == "0" and names.nth(1).get_attribute("tabindex") == "-1"
    names.first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent") == names.nth(1).inner_text()
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement === document.querySelector('#fbm-p010 a.ent')")


_LABEL_BOXES = """() => [...document.querySelectorAll('figure.timeline svg text.label')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height};
})"""


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_timeline_events_are_labelled_linked_and_accessible(site: str, browser: Any, viewport: str) -> None:
    """The chart as drawn in Chromium: every month of dates has a label (the registered events named), no
    two labels' boxes overlap, the year labels neither; a label is reached by keyboard and leads to its dates
    in the list (or to its event); axe finds no WCAG 2.2 A/AA violation."""
    from browser_support import axe_source

    size = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}[viewport]
    context = browser.new_context(viewport=size)
    page = context.new_page()
    try:
        page.goto(site + "timeline.html")
        boxes = page.evaluate(_LABEL_BOXES)
        texts = [b["text"] for b in boxes]
        assert len(boxes) >= 50 and all(b["w"] > 0 and b["h"] > 0 for b in boxes)
        for row in page.locator("figure.timeline g.text").all():  # every month labelled, in each row
            placed, groups = map(int, row.get_attribute("data-labelled").split("/"))
            assert placed == groups
        assert "Bucharest meeting, Jun\xa01960\xa0(7)" in texts and "Meeting of 81, Nov\xa01960\xa0(10)" in texts
        assert _overlapping(boxes) == []
        years = page.evaluate("""() => [...document.querySelectorAll('figure.timeline svg text.year')].map(t => {
            const r = t.getBoundingClientRect(); return {text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height}; })""")
        assert len(years) >= 10 and _overlapping(years) == []
        steps = [float(y["x"] + y["w"] / 2) for y in years if y["text"] in ("1950", "1955", "1960", "1965")]
        assert max(steps[i + 1] - steps[i] for i in range(3)) - min(steps[i + 1] - steps[i] for i in range(3)) < 1  # linear
        # by keyboard: Tab from the scrolling region reaches the first label, Enter follows it
        page.locator(".timeline-scroll").focus()
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('label-link')"):
                break
        assert page.evaluate("document.activeElement.querySelector('text').textContent") == "Nov\xa01941"
        page.keyboard.press("Enter")
        page.wait_for_url("**/timeline.html#dates-1941-11")
        assert "November 1941" in page.evaluate("document.querySelector(':target').textContent")
        page.goto(site + "timeline.html")
        page.locator("a.label-link", has_text="Meeting of 81").first.click()
        page.wait_for_url("**/events.html#moscow-meeting-1960")
        page.goto(site + "timeline.html")
        page.evaluate(axe_source())
        result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})")
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
        page.locator("figure.timeline").scroll_into_view_if_needed()
        shot(page, "timeline-chart" if viewport == "desktop" else "timeline-chart-phone")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_register_entry_with_many_mentions_has_a_page_of_them(site: str, browser: Any, viewport: str) -> None:
    """Enver Hoxha is mentioned more often than a register page lists (MENTION_CAP): his entry lists the first
    50 and links to a page of all of them; a back-link there leads to the mention in its text; axe finds no
    WCAG 2.2 A/AA violation on that page."""
    from browser_support import axe_source

    from edition.publish.records import MENTION_CAP

    size = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}[viewport]
    context = browser.new_context(viewport=size)
    page = context.new_page()
    try:
        page.goto(site + "persons.html#enver-hoxha")
        entry = page.locator("article#enver-hoxha")
        heading = entry.locator("h3", has_text="Mentions").inner_text()
        total = int(heading.split("(")[1].rstrip(")"))
        assert total > MENTION_CAP and entry.locator("ol.mentions > li").count() == MENTION_CAP
        entry.locator("p.more-mentions a").click()
        page.wait_for_url("**/mentions-enver-hoxha.html")
        assert page.locator("article#enver-hoxha ol.mentions > li").count() == total
        assert page.locator("h1").inner_text() == "Enver Hoxha"
        page.evaluate(axe_source())
        result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})")
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
        assert len(result["passes"]) > 10
        link = page.locator("article#enver-hoxha ol.mentions > li a.backlink").nth(total - 1)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url("**/" + href)
        target = href.split("#")[1]
        assert page.evaluate(f"document.getElementById({target!r}).textContent").strip()
        if viewport == "desktop":
            page.goto(site + "mentions-enver-hoxha.html")
            shot(page, "register-mentions")
    finally:
        context.close()


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Letters whose register entries' pages of mentions come in parts (two texts a part; one mention of each
    entry on the register pages), published by `edition html`'s publisher."""
    from edition.config import load_project
    from edition.publish import records
    from edition.publish.html import publish_project

    root = tmp_path_factory.mktemp("parted") / "p"
    generate_letters(6, root, min_kb=3, max_kb=8, seed=7)
    patch = pytest.MonkeyPatch()
    patch.setattr(records, "MENTION_CAP", 1)
    patch.setattr(records, "MENTION_PART_TEXTS", 2)
    try:
        publish_project(load_project(root), root / "site", search=False)
    finally:
        patch.undo()
    with serve(root / "site") as url:
        yield url, root / "site"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_pages_of_mentions_in_parts(parted_site: tuple[str, Path], browser: Any, viewport: str) -> None:
    """An entry's mentions in parts: each part's page links to every part (the current one marked), the second
    numbers its mentions on from the first's, and axe finds no WCAG 2.2 A/AA violation on either."""
    import lxml.html

    from browser_support import axe_source

    url, out = parted_site
    second = sorted(out.glob("mentions-*~2.html"))
    tree = lxml.html.parse(str(out / "persons.html"))
    persons = {a.get("id"): " ".join(a.xpath("string(h2)").split()) for a in tree.xpath("//article[@id]")}
    second = [p for p in second if p.name[len("mentions-"):].split("~")[0] in persons]
    assert second, "no person's mentions come in parts"
    rid = second[0].name[len("mentions-"):].split("~")[0]
    size = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}[viewport]
    context = browser.new_context(viewport=size)
    page = context.new_page()
    try:
        page.goto(url + f"mentions-{rid}.html")
        nav = page.locator("nav.mention-parts a")
        assert nav.count() >= 2
        assert page.locator("nav.mention-parts a[aria-current='page']").get_attribute("href") == f"mentions-{rid}.html"
        listed = page.locator(f"article#{rid} ol.mentions > li").count()
        for _ in range(2):
            page.evaluate(axe_source())
            result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                                   "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}})")
            assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]] == []
            if page.url.endswith("~2.html"):
                break
            nav.nth(1).click()
            page.wait_for_url(f"**/mentions-{rid}~2.html")
        ol = page.locator(f"article#{rid} ol.mentions")
        if ol.count():
            assert int(ol.get_attribute("start") or "1") == listed + 1
        assert page.locator("h1").inner_text() == persons[rid]  # the heading names the entry, the title the part too
        assert page.title().startswith(f"{persons[rid]}, texts ")
        assert page.title().split(", texts ")[1].split(" ")[0] == nav.nth(1).inner_text().removeprefix("texts ")
    finally:
        context.close()
