"""Smoke tests of the benchmark suite (bench/scale.py, bench/run.py): the scale corpus is valid,
distinct, as densely marked up as the real texts, and the runner works at N=1 on the cheap steps.
Nothing here is timed: the benchmarks themselves run on demand (`make bench`)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from edition.config import load_project
from edition.convert import convert_seed
from edition.validate import validate
from edition.xmlio import XML_ID, parse_file

REPO = Path(__file__).resolve().parent.parent
TEI = "{http://www.tei-c.org/ns/1.0}"


def _load(name: str):
    """A bench/ script as a module (bench/ is not a package; run.py imports scale beside it)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name.removeprefix('bench_')}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scale = _load("scale")
bench_run = _load("bench_run")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return scale.load_base(tmp_path_factory.mktemp("base"))


@pytest.fixture(scope="module")
def corpus(base, tmp_path_factory):
    out = tmp_path_factory.mktemp("scale")
    return out, scale.generate(4, out, base)


def _ids(path: Path) -> list[str]:
    return [el.get(XML_ID) for el in parse_file(path).getroot().iter() if el.get(XML_ID)]


def test_corpus_is_valid_for_the_edition(corpus):
    out, paths = corpus
    assert [p.name for p in paths] == ["soviet-albanian-split-000.xml", "from-bucharest-to-moscow-000.xml",
                                       "soviet-albanian-split-001.xml", "from-bucharest-to-moscow-001.xml"]
    result = validate(paths, register=out / "tei" / "register.xml", seeds_dirs=[out / "seeds"])
    assert result.errors == 0, [str(d) for d in result.diagnostics][:5]
    assert load_project(out).texts[2].id == "sas001"


def test_corpus_is_valid_tei_all(corpus, tei_all):
    for path in corpus[1][:2]:
        assert tei_all.validate(parse_file(path)), tei_all.error_log.last_error


def test_ids_are_prefixed_unique_and_pointers_follow(corpus):
    out, paths = corpus
    seen: set[str] = set()
    register_ids = set(_ids(out / "tei" / "register.xml"))
    for path in paths:
        root = parse_file(path).getroot()
        text_id = root.get(XML_ID)
        own = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
        body_ids = [el.get(XML_ID) for el in root.iter(f"{TEI}text") for el in el.iter() if el.get(XML_ID)]
        assert body_ids and all(i.startswith(text_id + "-") for i in body_ids)
        assert not seen & set(body_ids)
        seen |= set(body_ids)
        for el in root.iter():
            for attr in ("target", "ref", "resp"):
                for tok in (el.get(attr) or "").split():
                    if tok.startswith("#"):
                        assert tok[1:] in own or tok[1:] in register_ids, (path.name, attr, tok)


def test_markup_density_is_kept_and_text_varies(base, corpus):
    _, paths = corpus
    originals = {b.meta["tei"]: b.tei for b in base}
    texts = []
    for path in paths:
        original = etree.fromstring(originals[path.name.rsplit("-", 1)[0] + ".xml"])
        copy = parse_file(path).getroot()
        tags = Counter(el.tag for el in copy.iter(etree.Element))
        assert tags == Counter(el.tag for el in original.iter(etree.Element))
        body = "".join(copy.find(f"{TEI}text").itertext())
        assert len(body) == len("".join(original.find(f"{TEI}text").itertext()))
        assert body != "".join(original.find(f"{TEI}text").itertext())
        texts.append(body)
    assert len(set(texts)) == len(texts)


def test_generation_is_deterministic(base, corpus, tmp_path):
    out, paths = corpus
    again = scale.generate(4, tmp_path / "again", base)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]
    assert (tmp_path / "again" / "seeds" / "fbm001.txt").read_bytes() == (out / "seeds" / "fbm001.txt").read_bytes()


def test_seed_variants_convert_with_their_corrections(corpus, tmp_path):
    out, paths = corpus
    project = load_project(out)
    for meta, path in zip(project.texts[:2], paths[:2]):
        outcome = convert_seed(project, out / "seeds" / meta.seed, profile=meta.profile, out_dir=tmp_path)
        converted = parse_file(outcome.target).getroot()
        assert converted.get(XML_ID) == meta.id
        corrections = len(converted.findall(f".//{TEI}corr"))
        assert corrections == len(parse_file(path).getroot().findall(f".//{TEI}corr")) > 0


def test_perturbation_keeps_length_and_is_keyed():
    text = "the Soviet committee and its leadership proposed that comrades travel abroad, not Hoxha"
    for copy in (0, 1, 7):
        changed = scale.perturb_text(text, copy).split()
        assert [len(w) for w in changed] == [len(w) for w in text.split()]
        kept = [w for w in text.split() if len(w) < 4 or not w.islower()]  # short or capitalised: kept
        assert [w for w in changed if w in kept] == kept
    assert scale.perturb_text(text, 1) != scale.perturb_text(text, 2)


def test_fit_reports_slope_and_r2():
    a, b, r2 = bench_run.fit([1.0, 2.0, 4.0], [3.0, 5.0, 9.0])
    assert (round(a, 9), round(b, 9), round(r2, 9)) == (1.0, 2.0, 1.0)
    assert bench_run.fit([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0])[2] < 0.9


@pytest.mark.slow
def test_runner_at_n1_with_cheap_steps(tmp_path):
    out_json = tmp_path / "m.json"
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "1", "--repeat", "1",
                           "--steps", "convert,validate,lxml", "--json", str(out_json)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    rows = [ln for ln in proc.stdout.splitlines() if ln.startswith("| 1 | ")]
    assert [r.split(" | ")[2] for r in rows[:3]] == ["convert", "validate", "lxml"]
    assert "convert/lxml" in proc.stdout
    data = json.loads(out_json.read_text())
    assert {m["step"] for m in data["measures"]} == {"convert", "validate", "lxml"}
    assert all(m["n"] == 1 and len(m["runs"]) == 1 and m["runs"][0]["cpu"] > 0 for m in data["measures"])
    assert "N=1" in proc.stderr


def test_runner_rejects_unknown_step():
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--steps", "convert,nonsense"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "unknown step(s) nonsense" in proc.stderr
    assert proc.stdout == ""
