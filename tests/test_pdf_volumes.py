"""PDF volumes ([tool.edition] pdf_volumes): volumes of K texts laid out in parallel, each with its
indexes, a combined index of all volumes, and the site's PDF links pointing at each text's volume."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from edition.config import load_project
from edition.errors import EditionError
from edition.publish.volumes import combined_index_html, index_entries, plan

from letters_support import generate_letters

REPO = Path(__file__).resolve().parent.parent


def _letters(dest: Path, n: int, volumes: object) -> Path:
    generate_letters(n, dest, min_kb=2, max_kb=3, seed=11)
    conf = dest / "pyproject.toml"
    value = f'"{volumes}"' if isinstance(volumes, str) else str(volumes)
    conf.write_text(conf.read_text(encoding="utf-8").replace('steps = ["validate", "html"]',
                                                             f'steps = ["html", "pdf"]\npdf_volumes = {value}\njobs = 2'),
                    encoding="utf-8")
    return dest


def test_plan(tmp_path: Path) -> None:
    root = _letters(tmp_path / "p", 5, 2)
    project = load_project(root)
    texts = project.text_paths()
    assert [(v.name, len(v.texts)) for v in plan(project, texts)] == [("volume-01", 2), ("volume-02", 2), ("volume-03", 1)]
    project.settings["pdf_volumes"] = "per-text"
    assert [v.name for v in plan(project, texts)] == [t.stem for t in texts]
    project.settings["pdf_volumes"] = "one"
    assert [(v.name, len(v.texts)) for v in plan(project, texts)] == [("edition", 5)]
    project.settings["pdf_volumes"] = 0
    with pytest.raises(EditionError, match="pdf_volumes"):
        plan(project, texts)


def test_combined_index_merges_volumes() -> None:
    def book(entries: str) -> str:
        return (f'<html><body><section class="index index-persons" id="index-persons"><ul class="index-list">'
                f'{entries}</ul></section></body></html>')

    a = book('<li class="ix-entry" id="ix-hoxha"><span class="ix-name">Hoxha, Enver</span> '
             '<span class="ix-pages"><a>3</a><span class="ix-sep">, </span><a>5</a></span></li>')
    b = book('<li class="ix-entry" id="ix-hoxha"><span class="ix-name">Hoxha, Enver</span> '
             '<span class="ix-pages"><a>12</a></span></li>'
             '<li class="ix-entry" id="ix-tito"><span class="ix-name">Tito</span> <span class="ix-pages"><a>2</a></span></li>')
    assert index_entries(a) == {"persons": [("ix-hoxha", "Hoxha, Enver", "3, 5")]}
    from edition.publish.volumes import Volume

    out = combined_index_html([(Volume("volume-1", "1", ()), a), (Volume("volume-2", "2", ()), b)], "Letters")
    assert "<li>Hoxha, Enver <b>1</b>: 3, 5; <b>2</b>: 12</li>" in out
    assert "<li>Tito <b>2</b>: 2</li>" in out
    assert out.index("Hoxha") < out.index("Tito")


@pytest.mark.slow
def test_volumes_laid_out_with_combined_index(tmp_path: Path) -> None:
    from edition.build import run_steps

    root = _letters(tmp_path / "p", 3, 2)
    project = load_project(root)
    reports = {r.name: r for r in run_steps(project)}
    pdf = root / "output" / "pdf"
    assert sorted(p.name for p in pdf.glob("*.pdf")) == ["index.pdf", "volume-01.pdf", "volume-02.pdf"]
    assert any("combined index" in line for line in reports["pdf"].lines)
    text = subprocess.run(["pdftotext", "-layout", str(pdf / "index.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "index of all volumes" in text
    # every person the letters mention is in the combined index, with the volumes that mention it
    letters = sorted((root / "tei").glob("l*.xml"))
    author = re.search(r'<author><persName ref="#[^"]+">([^<]+)</persName>', letters[2].read_text(encoding="utf-8")).group(1)
    line = next(ln for ln in text.splitlines() if author.split()[-1] in ln)
    assert "2:" in line, line
    # the site offers each text's volume
    page = (root / "output" / "html" / f"{letters[2].stem}.html").read_text(encoding="utf-8")
    assert 'href="pdf/volume-02.pdf"' in page and 'pdf/edition.pdf' not in page
    assert (root / "output" / "html" / "pdf" / "volume-02.pdf").read_bytes() == (pdf / "volume-02.pdf").read_bytes()
    # nothing changed: no volume laid out again
    again = {r.name: r for r in run_steps(project, rebuild=True)}
    assert any("2 volume(s) unchanged" in line for line in again["pdf"].lines)


def test_each_volume_is_held_to_the_pdf_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A volume beyond the `edition pdf` memory limit is refused before any volume is laid out."""
    from edition.publish import inputs
    from edition.publish.volumes import publish_volumes

    root = _letters(tmp_path / "p", 4, 2)
    monkeypatch.setitem(inputs.PUBLISH_LIMITS, "pdf", (40, 10**9))
    with pytest.raises(EditionError, match="`edition pdf` publishes at most 40 tags"):
        publish_volumes(load_project(root), "A5")
    assert not (root / "output" / "pdf").exists()
