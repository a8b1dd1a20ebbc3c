"""The corrections file: each row applied at exactly its place, bad rows named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.convert.corrections import Corrections
from edition.errors import EditionError

LINES = ["The Cornrade and the Cornrade met.", "A.fter the stili night"]
HEAD = "line\tsic\tcorr\toccurrence\tnote\n"


def load(tmp_path: Path, body: str) -> Corrections:
    f = tmp_path / "c.tsv"
    f.write_text("# comment\n" + HEAD + body, encoding="utf-8")
    return Corrections.load(f, LINES)


def test_marks_the_named_occurrence_only(tmp_path: Path) -> None:
    c = load(tmp_path, "1\tCornrade\tComrade\t2\tOCR rn→m\n")
    marked = c.mark(1, LINES[0])
    assert c.sic_of(marked) == LINES[0]
    assert c.corr_of(marked) == "The Cornrade and the Comrade met."
    assert c.expand(marked).count("<choice>") == 1
    assert '<corr resp="#editors">Comrade</corr>' in c.expand(marked)
    c.check_all_applied()


def test_two_corrections_on_one_line(tmp_path: Path) -> None:
    c = load(tmp_path, "2\tA.fter\tAfter\t\t\n2\tstili\tstill\t\t\n")
    assert c.corr_of(c.mark(2, LINES[1])) == "After the still night"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("3\tx\ty\t\t\n", "not a line of the seed"),
        ("1\tComrade\tx\t\t\n", "does not occur on seed line 1"),
        ("1\tCornrade\tComrade\t\t\n", "occurs 2 times"),
        ("1\tCornrade\tComrade\t3\t\n", "occurrence 3"),
        ("1\t\tComrade\t\t\n", "empty sic"),
    ],
)
def test_bad_rows_name_file_and_row(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(EditionError) as exc:
        load(tmp_path, row)
    assert message in str(exc.value)
    assert f"{tmp_path / 'c.tsv'}:3:" in str(exc.value)


def test_unapplied_row_is_an_error(tmp_path: Path) -> None:
    c = load(tmp_path, "2\tstili\tstill\t\t\n")
    with pytest.raises(EditionError, match="never applied"):
        c.check_all_applied()


def test_bad_header(tmp_path: Path) -> None:
    f = tmp_path / "c.tsv"
    f.write_text("sic\tcorr\n", encoding="utf-8")
    with pytest.raises(EditionError, match="header"):
        Corrections.load(f, LINES)
