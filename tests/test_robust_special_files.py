"""No hang, no unbounded read: FIFOs, devices and symlinks to them are refused with a message.

Every command that reads a file the user names (validate, html, enrich, enrich --register,
convert, link, speakers, pdf) is run as a real process on a FIFO (which blocks an ordinary open
forever), /dev/zero (endless) and a seed symlinked to /dev/zero; each must exit within the
corpus timeout with one message naming the file and what it is, and no traceback.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from edition.errors import EditionError

_spec = importlib.util.spec_from_file_location("hostile_corpus", Path(__file__).parent / "fixtures" / "hostile" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("hostile_corpus", corpus)
_spec.loader.exec_module(corpus)

TIMEOUT = 20.0


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proj = corpus.make_project(tmp_path_factory.mktemp("special") / "ed")
    os.mkfifo(proj / "fifo.xml")
    os.mkfifo(proj / "seeds" / "fifo.txt")
    (proj / "zero.xml").symlink_to("/dev/zero")
    (proj / "seeds" / "zero.txt").symlink_to("/dev/zero")
    return proj


CASES = [
    (["validate", "fifo.xml"], "fifo.xml", "named pipe"),
    (["validate", "/dev/zero"], "/dev/zero", "character device"),
    (["validate", "zero.xml"], "zero.xml", "character device"),
    (["html", "--no-search", "-o", "out-html", "fifo.xml"], "fifo.xml", "named pipe"),
    (["enrich", "fifo.xml"], "fifo.xml", "named pipe"),
    (["enrich", "--register", "fifo.xml", "tei/soviet-albanian-split.xml"], "fifo.xml", "named pipe"),
    (["speakers", "fifo.xml"], "fifo.xml", "named pipe"),
    (["link", "fifo.xml", "tei/from-bucharest-to-moscow.xml"], "fifo.xml", "named pipe"),
    (["convert", "seeds/fifo.txt"], "fifo.txt", "named pipe"),
    (["convert", "/dev/zero"], "/dev/zero", "character device"),
]


@pytest.mark.parametrize("args,name,kind", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_special_files_are_refused_without_hanging(project: Path, args: list[str], name: str, kind: str) -> None:
    run = corpus.run_edition(args, cwd=project, timeout=TIMEOUT)
    assert run.code is not None, f"edition {' '.join(args)} hung (killed after {TIMEOUT} s)"
    assert run.code in (1, 2), (run.code, run.stderr)
    assert not corpus.has_traceback(run), run.stderr
    assert name in run.stderr and kind in run.stderr, run.stderr


def test_a_seed_symlinked_to_a_device_is_refused(project: Path) -> None:
    run = corpus.run_edition(["convert", "seeds/zero.txt"], cwd=project, timeout=TIMEOUT)
    assert run.code == 1 and not corpus.has_traceback(run), run.stderr
    assert "zero.txt" in run.stderr and ("outside the project" in run.stderr or "character device" in run.stderr)


def test_bounded_read_stops_at_the_limit(tmp_path: Path) -> None:
    """/dev/zero is refused for what it is; a regular file that grows is cut at limit + 1 bytes."""
    from edition.safeio import read_regular

    with pytest.raises(EditionError, match="character device"):
        read_regular("/dev/zero", 10)
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 11)
    with pytest.raises(EditionError, match="larger than the limit"):
        read_regular(big, 10)
    assert read_regular(big, 11) == b"x" * 11
