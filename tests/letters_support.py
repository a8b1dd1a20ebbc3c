"""The letters generator of bench/letters.py (many short TEI letters with headers, dates, persons, places), for the
tests that build an edition of letters: loaded once per test process from the bench, which is not a package."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


@functools.cache
def letters_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_letters", REPO / "bench" / "letters.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def generate_letters(n: int, dest: Path, **options: object) -> Path:
    """A project of `n` letters in `dest` (bench/letters.py `generate`, its options as given); `dest`."""
    letters_module().generate(n, dest, **options)
    return dest
