"""Safe parsing and atomic, stable writing (edition.xmlio)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.xmlio import atomic_write, parse_bytes, parse_file, serialize_tei

SECRET = "/etc/hostname"

HOSTILE = {
    "external-entity": f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{SECRET}">]><x>&e;</x>',
    "network-entity": '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]><x>&e;</x>',
    "parameter-entity": '<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><x/>',
    "billion-laughs": "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">"
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]><x>&j;</x>",
    "external-dtd": '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd"><x/>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_doctype_and_entities_are_refused(name: str) -> None:
    with pytest.raises(EditionError) as exc:
        parse_bytes(HOSTILE[name].encode(), "evil.xml")
    msg = str(exc.value)
    assert msg.startswith("evil.xml:")
    if Path(SECRET).exists():
        assert Path(SECRET).read_text().strip() not in msg


def test_xinclude_is_not_processed() -> None:
    doc = b'<x xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></x>'
    tree = parse_bytes(doc, "x.xml")
    assert "root:" not in (tree.getroot().xpath("string()"))


def test_not_well_formed_names_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "broken.xml"
    f.write_text("<TEI>\n  <p>unclosed\n</TEI>\n", encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        parse_file(f)
    assert str(exc.value).startswith(f"{f}:3:")
    assert "not well-formed" in str(exc.value)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(EditionError, match="empty"):
        parse_bytes(b"  \n", "e.xml")
    with pytest.raises(EditionError, match="cannot read"):
        parse_file(tmp_path / "missing.xml")


def test_serialisation_is_stable_through_a_parse() -> None:
    src = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a <hi>b</hi> c</p><p>d</p></body></text></TEI>'
    once = serialize_tei(parse_bytes(src, "t").getroot())
    twice = serialize_tei(parse_bytes(once, "t").getroot())
    assert once == twice
    assert once.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n') and once.endswith(b"\n")
    assert b"<p>a <hi>b</hi> c</p>" in once


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.xml"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_text() == "two"
    assert sorted(os.listdir(target.parent)) == ["f.xml"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.xml"
    target.write_text("old")

    def boom(*_a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(EditionError, match=r"f\.xml: cannot write: disk full; the previous version is kept"):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["f.xml"]
