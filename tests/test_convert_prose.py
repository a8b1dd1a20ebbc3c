"""The encoding description's words are editorial data (editorial/encoding/<profile>.toml)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from edition.config import load_project
from edition.convert import build_document, prose
from edition.convert.corrections import Corrections
from edition.convert.seed import read_seed
from edition.errors import EditionError
from edition.xmlio import parse_bytes


def _document(project, meta) -> bytes:  # type: ignore[no-untyped-def]
    seed = read_seed(project.seeds_dir / meta.seed)
    data, _ = build_document(project, seed, meta, Corrections.load(project.corrections_file(meta.id), seed.lines))
    return data


def _decl_text(data: bytes) -> str:
    root = parse_bytes(data, "x.xml").getroot()
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    return " ".join(root.xpath("//t:editorialDecl//t:p//text()", namespaces=ns))


def test_a_projects_own_template_is_used(repo_root: Path, tmp_path: Path) -> None:
    project = load_project(repo_root)
    editorial = tmp_path / "editorial"
    shutil.copytree(repo_root / "editorial", editorial)
    own = editorial / "encoding" / "wikitext.toml"
    own.write_text(own.read_text(encoding="utf-8").replace("dashes restored.", "dashes given back by the editors."),
                   encoding="utf-8")
    meta = project.text_by_id("sas")
    text = _decl_text(_document(dataclasses.replace(project, editorial_dir=editorial), meta))
    assert "dashes given back by the editors." in text and "dashes restored." not in text


def test_without_a_template_the_packaged_one_serves(repo_root: Path, tmp_path: Path) -> None:
    project = dataclasses.replace(load_project(repo_root), editorial_dir=tmp_path)
    assert prose.template_path(tmp_path, "memoir") == prose.packaged_templates() / "memoir.toml"
    assert "Errors of transmission" in _decl_text(_document(project, project.text_by_id("fbm")))


@pytest.mark.parametrize("text,message", [
    ('[decl.x]\nparagraphs = ["{nothing}"]\n', "unknown placeholder {nothing}"),
    ('[decl.x]\nparagraphs = ["a { b"]\n', "literal brace"),
    ('[decl.x]\nparagraphs = "one"\n', "must be a list of strings"),
    ('decl = 1\n', "no [decl.<section>] tables"),
    ('[decl\n', "invalid TOML"),
])
def test_a_broken_template_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "encoding").mkdir()
    path = tmp_path / "encoding" / "wikitext.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        prose.decl(prose.load(tmp_path, "wikitext"), id="x")
    assert str(path) in str(exc.value) and message in str(exc.value)
