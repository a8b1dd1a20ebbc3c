"""Property-based tests (hypothesis) for the converters: arbitrary text either converts into TEI
that is well-formed, byte-stable and valid against the edition's schema (tei/schema/edition.rng;
the official tei_all where that is absent), or fails with EditionError — never another
exception, never invalid TEI, never a partial file.

Texts are drawn from the raw material of each profile (WikiText-103 headings and @-@ tokens;
memoir front matter, footnote markers, a Notes list, a Next: line) mixed with arbitrary
Unicode, so that both the happy path and the error paths are exercised.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from edition.config import Project, load_project
from edition.convert import convert_seed
from edition.errors import EditionError
from edition.xmlio import parse_file, serialize_tei

EXAMPLES = 60
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def schema(repo_root: Path, request: pytest.FixtureRequest) -> etree.RelaxNG:
    rng = repo_root / "tei" / "schema" / "edition.rng"
    if rng.exists():
        try:
            return etree.RelaxNG(etree.parse(str(rng)))
        except etree.RelaxNGParseError:
            pass  # a schema being edited; fall back to the official one
    return request.getfixturevalue("tei_all")


@pytest.fixture(scope="module")
def project(repo_root: Path) -> Project:
    return load_project(repo_root)


# --- strategies ---------------------------------------------------------------------------

words = st.sampled_from(["the", "Soviet", "Albanian", "split", "Khrushchev", "Hoxha", "1961", "(", ")", ",", ".",
                         '"', "'s", "@-@", "@,@", "@.@", "“", "”", "‘", "’", "–", "?", "&", "<", ">", "]]>", "=",
                         "naïve", "Шехю", "中", "\u00a0", "\u200b", "'"])
free = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)  # controls: see the bytes test
sentence = st.lists(st.one_of(words, free), min_size=1, max_size=25).map(" ".join)

wiki_heading = st.builds(lambda lvl, t, close: ("= " * lvl) + t + (" =" * close),
                         st.integers(1, 4), st.one_of(words, sentence), st.integers(0, 4))
wiki_line = st.one_of(sentence, wiki_heading, st.just(""), st.just(" "), free)
wiki_text = st.lists(wiki_line, min_size=0, max_size=30).map("\n".join)



@st.composite
def memoir_text(draw: st.DrawFn) -> str:
    """A chapter whose markers and notes usually match (so it converts), sometimes damaged."""
    front = ["Enver Hoxha", "", "The Khruschevites", "", "", draw(sentence), "", draw(sentence)]
    body = draw(st.lists(st.lists(st.one_of(words, free), min_size=1, max_size=15), min_size=1, max_size=6))
    k = draw(st.integers(0, 4))
    notes = []
    for n in range(1, k + 1):
        para = draw(st.integers(0, len(body) - 1))
        pos = draw(st.integers(0, len(body[para])))
        body[para].insert(pos, f"{draw(st.sampled_from(['pokushenie', 'durak', 'brat', 'zakuski']))}{n}")
        lang = draw(st.sampled_from(["Russian", "French", "Klingon"]))
        notes.append(f"{n}.\u00a0“{draw(sentence)}” ({lang} in the original).")
    lines = front + [x for b in body for x in (" ".join(b), "")]
    if notes or draw(st.booleans()):
        lines += ["", "Notes", "", *[x for nt in notes for x in (nt, "")]]
    if draw(st.booleans()):
        lines += ["", f"Next: {draw(sentence)}"]
    if draw(st.integers(0, 3)) == 0:  # damage: drop, duplicate or replace a line
        i = draw(st.integers(0, len(lines) - 1))
        lines[i : i + 1] = draw(st.sampled_from([[], [lines[i], lines[i]], [draw(free)]]))
    return "\n".join(lines)


# --- the property -------------------------------------------------------------------------


def _event(name: str) -> None:
    try:
        event(name)
    except Exception:  # outside a hypothesis test (the control below)
        pass


def _check(project: Project, schema: etree.RelaxNG, text: str, profile: str, newline: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        seed = tmp_path / "prop.txt"
        seed.write_bytes(text.replace("\n", newline).encode("utf-8", "surrogatepass"))
        out = tmp_path / "out"
        try:
            outcome = convert_seed(project, seed, profile=profile, out_dir=out)
        except EditionError as exc:
            _event(f"refused: {str(exc).split(': ', 1)[-1][:40]}")
            assert str(exc).strip(), "an EditionError needs a message"
            leftovers = sorted(p.name for p in out.glob("*")) if out.exists() else []
            assert [n for n in leftovers if n != ".manifest.json"] == [], f"written despite the error: {leftovers}"
            return
        _event("converted")
        data = outcome.target.read_bytes()
        tree = parse_file(outcome.target)  # well-formed, no DOCTYPE, UTF-8
        assert serialize_tei(tree.getroot()) == data, "not byte-stable through a parse"
        if not schema.validate(tree):
            errors = "\n".join(f"{e.line}: {e.message}" for e in list(schema.error_log)[:5])
            raise AssertionError(f"invalid TEI for seed {text!r}:\n{errors}")
        assert sorted(p.name for p in out.iterdir()) == [".manifest.json", outcome.target.name]


@pytest.mark.slow
@SETTINGS
@given(text=wiki_text, newline=st.sampled_from(["\n", "\r\n"]))
def test_wikitext_converts_or_refuses(project: Project, schema: etree.RelaxNG, text: str, newline: str) -> None:
    _check(project, schema, text, "wikitext", newline)


@pytest.mark.slow
@SETTINGS
@given(text=memoir_text(), newline=st.sampled_from(["\n", "\r\n"]))
def test_memoir_converts_or_refuses(project: Project, schema: etree.RelaxNG, text: str, newline: str) -> None:
    _check(project, schema, text, "memoir", newline)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_any_bytes_convert_or_refuse(project: Project, schema: etree.RelaxNG, data: bytes) -> None:
    """Raw bytes (binary, broken UTF-8, BOMs) through both profiles and detection."""
    text = data.decode("utf-8", "surrogateescape")
    for profile in ("auto", "wikitext", "memoir"):
        with tempfile.TemporaryDirectory() as tmp:
            seed = Path(tmp) / "prop.txt"
            seed.write_bytes(data)
            try:
                convert_seed(project, seed, profile=profile, out_dir=Path(tmp) / "out")
            except EditionError:
                continue
            tree = parse_file(Path(tmp) / "out" / "prop.xml")
            assert schema.validate(tree), (text, profile, str(schema.error_log)[:500])


def test_the_property_can_fail(project: Project, schema: etree.RelaxNG, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: a converter that emits invalid TEI is caught by `_check`."""
    import edition.convert as conv

    real = conv.build_document

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        data, warnings = real(*args, **kwargs)
        return data.replace(b"<body>", b"<body><bogus/>", 1), warnings

    monkeypatch.setattr(conv, "build_document", broken)
    with pytest.raises(AssertionError, match="invalid TEI"):
        _check(project, schema, "= = Origins = =\n\nSome text .\n", "wikitext", "\n")
