"""Browser tests of the HTML edition: Playwright driving Debian's Chromium against the built site served on
127.0.0.1, with an axe-core accessibility audit of every page type. Screenshots go to test-artifacts/html/.

Setup: Debian's chromium (/usr/bin/chromium) and `npm ci` in the repository root (axe-core).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browser_support import ARTIFACTS, axe_source, serve
from edition.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "html"
PAGES = {  # page type → file
    "home": "index.html",
    "reading": "memoir.html",
    "reading-drama": "drama.html",
    "reading-highlighted": "memoir.html",  # diplomatic view, every highlight on
    "register-persons": "persons.html",
    "register-index": "register.html",
    "encoding": "encoding.html",
    "corrections": "corrections.html",
    "downloads": "downloads.html",
    "search": "search.html",
    "timeline": "timeline.html",
}
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = [
    pytest.mark.browser,
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture edition built with its Pagefind index and served on 127.0.0.1; yields the base URL."""
    out = tmp_path_factory.mktemp("site")
    files = [str(FIXTURES / f"{n}.xml") for n in ("memoir", "drama", "verse")]
    r = CliRunner().invoke(main, ["html", *files, "--register", str(FIXTURES / "register.xml"), "--title", "Test Edition", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert (out / "pagefind" / "pagefind.js").exists()
    with serve(out) as url:
        yield url


class Page:
    """A browser page that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Page]:
    t = Page(browser)
    yield t
    t.close()
    assert t.errors == [], "console errors"


def test_note_popover_opens_by_keyboard(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "memoir.html")
    ref = page.locator("a.noteref").first
    ref.focus()
    page.keyboard.press("Enter")
    popover = page.locator(".note-popover")
    popover.wait_for(state="visible")
    assert "Friendship" in popover.inner_text()
    assert page.evaluate("document.activeElement.id") == "note-popover"
    assert ref.get_attribute("aria-expanded") == "true"
    assert page.evaluate("location.hash") == ""  # the popover replaced the jump
    tab.shot("note-popover")
    page.keyboard.press("Escape")
    assert popover.count() == 0
    assert page.evaluate("document.activeElement.id") == "ref-tm-n1"


def test_cite_this_paragraph(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "memoir.html")
    button = page.locator("#tm-p002 .cite-btn")
    button.focus()  # keyboard users reach it by Tab; it shows on focus
    assert button.is_visible()
    page.keyboard.press("Enter")
    citation = page.locator(".cite-popover .citation")
    citation.wait_for(state="visible")
    assert citation.inner_text() == (
        "Test Author. “A Test Memoir Chapter,” ¶ 2. In Test Edition. " + site + "memoir.html#tm-p002"
    )
    tab.shot("cite-paragraph")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.className").startswith("cite-btn")


def test_notes_are_links_without_javascript(site: str, browser: Any) -> None:
    t = Page(browser, java_script_enabled=False)
    try:
        t.page.goto(site + "memoir.html")
        t.page.locator("a.noteref").first.click()
        assert t.page.evaluate("1") == 1 and t.page.url.endswith("#tm-n1")
        assert t.page.locator("#tm-n1").is_visible()
        t.page.check("#view-diplomatic")  # the view switch is CSS-only
        assert t.page.locator("#c1 .rdg-source").is_visible()
        t.shot("no-javascript")
    finally:
        t.close()
    assert t.errors == []


def test_view_switch_changes_a_correction(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "memoir.html")
    corrected, source = page.locator("#c1 .rdg-corrected"), page.locator("#c1 .rdg-source")
    assert corrected.is_visible() and corrected.inner_text() == "Comrade" and not source.is_visible()
    page.locator("#c1").focus()
    assert "Source reads: “Cornrade”" in page.locator("#c1 .alt-reading .when-corrected").inner_text()
    page.check("#view-diplomatic")
    assert source.is_visible() and source.inner_text() == "Cornrade" and not corrected.is_visible()
    tab.shot("diplomatic-view")
    page.check("#view-corrected")
    assert corrected.is_visible()


def test_corrections_list_shows_both_readings_in_their_columns(site: str, tab: Page) -> None:
    """The transmitted reading stands under "Transmitted", the edited one under "Edited" (a rule of the reading
    view once hid the transmitted cells and shifted the row left)."""
    page = tab.page
    page.goto(site + "corrections.html")
    table = page.locator("table.corrections").first
    row = table.locator("tbody tr", has=page.locator("a[href='memoir.html#c1']"))
    cells, headers = row.locator("td"), table.locator("thead th")
    assert headers.all_inner_texts() == ["Place", "Transmitted", "Edited", "Responsibility"]
    assert cells.count() == 4 and all(cells.nth(i).is_visible() for i in range(4))
    assert cells.all_inner_texts() == ["¶ 1", "Cornrade", "Comrade", "Editors"]
    # each cell sits under its own header (none hidden, none shifted)
    assert [round(cells.nth(i).bounding_box()["x"]) for i in range(4)] == [round(headers.nth(i).bounding_box()["x"]) for i in range(4)]
    tab.shot("corrections")


def test_person_card_to_register_and_back(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "memoir.html")
    mention = page.locator("#m2")
    assert mention.inner_text() == "Anna Berg"
    mention.hover()
    card = page.locator(".entity-card")
    card.wait_for(state="visible")
    assert "Anna Berg (1901–1977)" in card.inner_text() and "fictitious party official" in card.inner_text()
    tab.shot("entity-card")
    card.get_by_role("link").click()
    page.wait_for_url("**/persons.html#anna-berg")
    entry = page.locator("#anna-berg")
    assert entry.is_visible() and "Mentions (2)" in entry.inner_text()
    tab.shot("register-entry")
    entry.locator("a.backlink").first.click()
    page.wait_for_url("**/memoir.html#m2")
    assert page.locator("#m2").is_visible() and page.locator("#m2").inner_text() == "Anna Berg"


def test_person_card_by_keyboard(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "memoir.html")
    page.locator("#m2").focus()
    page.locator(".entity-card").wait_for(state="visible")
    page.keyboard.press("Tab")  # into the card
    assert page.evaluate("document.activeElement.closest('.entity-card') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/persons.html#anna-berg")
    page.go_back()
    page.wait_for_url("**/memoir.html")


def test_search_and_facets(site: str, tab: Page) -> None:
    """Results are passages with deep links; the facet counts follow the query; both readings are indexed."""
    page = tab.page
    from playwright.sync_api import expect
    page.goto(site + "search.html")
    page.locator(".filter-text").wait_for(state="visible")  # filters come from the index
    page.fill("#search-input", "June")
    results = page.locator("#search-results li")
    expect(results.nth(1)).to_be_visible()
    urls = page.locator("#search-results li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any(u.startswith("memoir.html?hl=June#tm-p") for u in urls), urls  # a paragraph, not the page
    assert any(u.startswith("drama.html?hl=June#") for u in urls), urls
    assert any(u == "persons.html?hl=June" for u in urls), urls  # the other pages are searched whole
    drama = page.get_by_label("The Quarrel: A Scene (1)")
    drama.check()
    expect(results).to_have_count(1)
    assert page.locator("#search-results li a").get_attribute("href").startswith("drama.html")
    tab.shot("search-facet-text")
    drama.uncheck()
    # the counts are those of the query: a text without a hit shows 0
    page.fill("#search-input", "Cornrade")  # the transmitted reading of c1 ("Comrade")
    expect(page.locator("#search-status")).to_have_text("1 result")
    expect(page.get_by_label("The Quarrel: A Scene (0)")).to_be_visible()
    assert page.locator("#search-results li a").get_attribute("href").startswith("memoir.html?hl=Cornrade#tm-p")
    page.fill("#search-input", "")
    page.locator(".filter-person").get_by_text("Berg, Anna").click()  # persons surname first
    page.wait_for_function("() => { const as = [...document.querySelectorAll('#search-results li a')];"
                           " return as.length > 0 && as.every(a => a.getAttribute('href').startsWith('memoir.html#')); }")
    hrefs = page.locator("#search-results li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("memoir.html#tm-p") for h in hrefs), hrefs
    n = int(page.locator("#search-status").inner_text().split()[0])
    assert page.locator(".filter-person label", has_text="Berg, Anna").inner_text().endswith(f"({n})")


def test_search_result_lands_on_its_passage_with_the_hit_highlighted(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "search.html")
    page.locator(".filter-text").wait_for(state="visible")
    page.fill("#search-input", "Cornrade")
    link = page.locator("#search-results li a").first
    link.wait_for()
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    para = page.locator(f"#{target}")
    assert "search-target" in para.get_attribute("class")
    assert para.locator("mark.search-hit").all_inner_texts() == ["Cornrade"]
    assert para.locator(".choice.search-hit").count() == 1  # the word as the reading view shows it is marked
    box = para.bounding_box()
    assert 0 <= box["y"] < 900  # in view on arrival
    tab.shot("search-arrival")


def test_register_index_filter_and_sort(site: str, tab: Page) -> None:
    page = tab.page
    page.goto(site + "register.html")
    page.fill("#register-filter", "vienna")
    assert page.locator("tbody tr:visible").count() == 1
    page.fill("#register-filter", "")
    page.get_by_role("button", name="Mentions").click()
    page.get_by_role("button", name="Mentions").click()  # descending
    first = page.locator("tbody tr").first.locator("td").first.inner_text()
    assert first == "Berg, Anna"  # the index lists persons surname first


@pytest.mark.parametrize("file", ["memoir.html", "persons.html", "register.html", "search.html"])
def test_responsive_no_horizontal_scrolling_on_a_phone(site: str, browser: Any, file: str) -> None:
    t = Page(browser)
    try:
        t.page.set_viewport_size({"width": 360, "height": 740})
        t.page.goto(site + file)
        overflow = t.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        if file == "memoir.html":
            t.shot("phone-reading")
    finally:
        t.close()
    assert t.errors == []


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_accessibility_audit(site: str, tab: Page, kind: str, viewport: str) -> None:
    """axe-core: no violation of WCAG 2.2 A/AA (target size included) on any page type, desktop and phone;
    no serious or critical best-practice violation."""
    page = tab.page
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(site + PAGES[kind])
    if kind == "reading-highlighted":
        page.evaluate("document.getElementById('reading-options').open = true")  # closed on a phone
        page.check("#view-diplomatic")
        for box in page.locator(".highlights input").all():
            box.check()
        page.locator("#c1").focus()  # the other reading is shown
    if kind == "search":
        page.locator(".filter-text").wait_for(state="visible")
        page.fill("#search-input", "Vienna")
        page.locator("#search-results li").first.wait_for()
    page.evaluate(axe_source())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']}})"
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if any(t.startswith("wcag") for t in v["tags"]) or v["impact"] in ("serious", "critical")
    ]
    tab.shot(f"page-{kind}-{viewport}")
    assert bad == []
    assert len(result["passes"]) > 10  # the audit really ran
