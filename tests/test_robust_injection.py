"""Injection into the published site: TEI text and attributes that look like HTML or script
(tests/fixtures/hostile/injection/) never become active HTML.

`edition html` renders the hostile text and register; the DOM of every page is inspected
with lxml.html (scripts, event attributes, URL schemes, dangerous elements, styles), and, when
Chromium is available, every page is loaded with JavaScript on, every element gets mouse,
focus and click events, and `window.__h8` (set by every payload) must stay undefined.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from edition.cli import main
from browser_support import chromium

INJ = Path(__file__).parent / "fixtures" / "hostile" / "injection"
TEXT, REGISTER = INJ / "injection-text.xml", INJ / "injection-register.xml"

URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset", "ping", "cite",
             "longdesc", "xlink:href", "{http://www.w3.org/1999/xlink}href", "manifest", "codebase", "content"}
ACTIVE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "svg",
                   "math", "link", "meta", "style", "template", "portal"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)



def _normalise_url(value: str) -> str:
    """What a browser acts on: leading/trailing C0 controls and spaces stripped, tabs/newlines removed."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                       "\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def _render(tei: Path, register: Path, out: Path, cwd: Path) -> tuple[int, str]:
    import os

    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["html", "--no-search", "-o", str(out), "--register", str(register), str(tei)])
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("inj")
    (base / "pyproject.toml").write_text("[tool.edition]\n", encoding="utf-8")
    hostile, benign = base / "hostile", base / "benign"
    code, err = _render(TEXT, REGISTER, hostile, base)
    assert code == 0, err
    code, err = _render(INJ / "baseline-text.xml", INJ / "baseline-register.xml", benign, base)
    assert code == 0, err
    return {"hostile": hostile, "benign": benign}


def _pages(d: Path) -> list[Path]:
    return sorted(d.rglob("*.html"))


def _profile(d: Path) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """Script sources, (element, on* attribute) pairs and active element names the site emits."""
    scripts, events, active = set(), set(), set()
    for page in _pages(d):
        doc = lxml_html.fromstring(page.read_bytes())
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.split("}")[-1].lower()
            if tag == "script":
                scripts.add(el.get("src") or "inline:" + (el.text or "").strip()[:200])
            if tag in ACTIVE_ELEMENTS:
                active.add(tag)
            for name in el.attrib:
                if name.lower().startswith("on"):
                    events.add((tag, name.lower()))
    return scripts, events, active


def test_every_page_is_inert(site: dict[str, Path]) -> None:
    pages = _pages(site["hostile"])
    assert pages, "no page rendered"
    base_scripts, base_events, base_active = _profile(site["benign"])
    problems: list[str] = []
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        doc = lxml_html.fromstring(raw.encode("utf-8"))
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.split("}")[-1].lower()
            where = f"{page.name}: <{tag}>"
            if tag == "script":
                key = el.get("src") or "inline:" + (el.text or "").strip()[:200]
                if key not in base_scripts or "__h8" in (el.text or "") or "H8PAYLOAD" in (el.text or ""):
                    problems.append(f"{where} script not emitted for benign input: {key[:80]}")
            if tag in ACTIVE_ELEMENTS and tag not in base_active:
                problems.append(f"{where} active element")
            for name, value in el.attrib.items():
                lname = name.lower()
                if lname.startswith("on") and ((tag, lname) not in base_events or "__h8" in value):
                    problems.append(f"{where} event attribute {name}={value[:60]!r}")
                if lname in URL_ATTRS or lname.endswith("href") or lname == "src":
                    if BAD_SCHEME.match(_normalise_url(value)):
                        problems.append(f"{where} {name}={value[:60]!r}")
                if lname == "style" and re.search(r"javascript:|expression\(|url\(", value, re.I):
                    problems.append(f"{where} style={value[:60]!r}")
                if lname == "http-equiv" and value.lower() == "refresh":
                    problems.append(f"{where} meta refresh")
    assert problems == []


def test_payload_text_is_shown_not_lost(site: dict[str, Path]) -> None:
    """Markup-looking text is escaped, not dropped: the reader sees it as text."""
    page = site["hostile"] / "injection-text.html"
    assert page.exists(), sorted(p.name for p in site["hostile"].iterdir())
    text = lxml_html.fromstring(page.read_bytes()).text_content()
    for shown in ("<script>window.__h8='text'</script>", "<img src=x onerror=\"window.__h8='img'\">",
                  "<script>window.__h8='cdata'</script>", "<script>window.__h8='note'</script>"):
        assert shown in text


def test_the_inspection_would_catch_an_active_page(site: dict[str, Path], tmp_path: Path) -> None:
    """Control: the same checks flag a page with a real script, event handler and javascript: link."""
    bad = tmp_path / "bad"
    shutil.copytree(site["hostile"], bad)
    page = bad / "injection-text.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<a href=' javascript:window.__h8=1' onmouseover='window.__h8=2'>x</a><script>window.__h8=3</script></body>"),
        encoding="utf-8")
    with pytest.raises(AssertionError):
        test_every_page_is_inert({"hostile": bad, "benign": site["benign"]})


# --- Chromium -----------------------------------------------------------------------------

PROBE = """() => {
  document.addEventListener('click', e => {
    const a = e.target.closest && e.target.closest('a[href]');
    if (a && !/^\\s*javascript:/i.test(a.getAttribute('href') || '')) e.preventDefault();
  }, true);
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'dblclick', 'mousedown', 'pointerover']) {
      try { el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true})); } catch (e) {}
    }
    if (el.focus) { try { el.focus(); } catch (e) {} }
  }
  for (const a of document.querySelectorAll('a[href]')) { try { a.click(); } catch (e) {} }
  return window.__h8 === undefined ? null : String(window.__h8);
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.mark.browser
def test_no_payload_runs_in_chromium(site: dict[str, Path], browser: object) -> None:
    fired: list[str] = []
    context = browser.new_context(java_script_enabled=True)  # type: ignore[attr-defined]
    # nothing leaves the machine; file:// pages only
    context.route(re.compile(r"^(https?|wss?)://"), lambda route: route.abort())
    try:
        for page_path in _pages(site["hostile"]):
            page = context.new_page()
            page.on("dialog", lambda d, name=page_path.name: (fired.append(f"{name}: dialog {d.message}"), d.dismiss()))
            page.goto(page_path.as_uri(), wait_until="load", timeout=15000)
            value = page.evaluate(PROBE)
            page.wait_for_timeout(50)
            value = value or page.evaluate("() => window.__h8 === undefined ? null : String(window.__h8)")
            if value is not None:
                fired.append(f"{page_path.name}: window.__h8 = {value}")
            page.close()
    finally:
        context.close()
    assert fired == []


@pytest.mark.browser
def test_chromium_probe_would_see_a_payload(browser: object, tmp_path: Path) -> None:
    """Control: the probe reports a page whose handler does run."""
    page_path = tmp_path / "active.html"
    page_path.write_text("<!DOCTYPE html><p onmouseover=\"window.__h8='fired'\">x</p>", encoding="utf-8")
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(page_path.as_uri())
    assert page.evaluate(PROBE) == "fired"
    context.close()
