"""Benchmark (run on demand): peak memory of every command on worst-case inputs at the size limits (issue 15).

    python bench/memory_bench.py [--shapes lb,hi,p,note,name,text,deep] [--commands validate,html,pdf,enrich,speakers,link]
                                 [--scale 1.0 | --fit html|pdf] [--timeout 900]

Each shape is a TEI file as large as the limits allow (xmlio.MAX_MARKUP tags and attributes,
MAX_XML_BYTES bytes), scaled by --scale (0.1: a tenth of the elements), in the worst form for one
resource:
  lb     <lb n="1"/>                          the most elements and attributes (one "<" and one "=" each)
  hi     <hi rend="i" n="1">x</hi>            elements with two attributes and text
  p      <p>x</p>                             the most block elements (paragraphs: pages, line numbers)
  note   <p><note>x</note></p>                the most notes (footnotes, apparatus)
  name   <persName ref="#p">x</persName>      the most register mentions
  text   <p>AAAA… (100,000 characters)</p>    the most text (32 MB), in words as long as a paragraph
  deep   <hi>×250 … </hi>×250, repeated         the deepest nesting, many times
  mentions  "Enver Hoxha and Moscow. " in plain text (32 MB)   the most names for enrich to tag
Each command runs in a fresh process of the toolkit, in a throw-away copy of the project, under
/usr/bin/time (wall, CPU = user + system, peak RSS); its exit status and last message are shown.
A command refused at a limit exits 1 at once with its message (then the peak is the refusal's).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

from edition.publish.inputs import PUBLISH_LIMITS  # noqa: E402
from edition.xmlio import MAX_MARKUP, MAX_XML_BYTES  # noqa: E402

TEI_NS = "http://www.tei-c.org/ns/1.0"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>Memory</title></titleStmt><publicationStmt><publisher>Bench</publisher>"
          "</publicationStmt><sourceDesc><p>Bench</p></sourceDesc></fileDesc></teiHeader>")
ROOM = 1000  # tags and attributes left for the header and the wrappers


def body(shape: str, scale: float) -> str:
    budget = int((MAX_MARKUP - ROOM) * scale)  # "<" and "=" each
    if shape == "lb":  # 1 "<", 1 "=" each; 1000 per paragraph
        n = budget
        return "".join("<p>" + '<lb n="1"/>' * 1000 + "</p>" for _ in range(n // 1002))
    if shape == "hi":  # 2 "<", 2 "=" each
        n = budget // 2
        return "".join("<p>" + '<hi rend="i" n="1">x</hi>' * 1000 + "</p>" for _ in range(n // 1001))
    if shape == "p":
        return "<div>" + "<p>x</p>" * (budget // 2 - 2) + "</div>"
    if shape == "note":
        return "<div>" + "<p><note>x</note></p>" * (budget // 4 - 2) + "</div>"
    if shape == "name":
        return "".join("<p>" + '<persName ref="#p">x</persName>' * 1000 + "</p>" for _ in range(budget // 2002))
    if shape == "text":
        n = int((MAX_XML_BYTES - 10_000) * scale) // 100_007
        return "<p>" + "</p><p>".join("A" * 99_999 + " " for _ in range(n)) + "</p>"
    if shape == "mentions":  # register names in plain text, as many as the bytes allow: for enrich
        n = int((MAX_XML_BYTES - 10_000) * scale) // 2_407
        return "".join("<p>" + "Enver Hoxha and Moscow. " * 100 + "</p>" for _ in range(n))
    if shape == "deep":
        one = "<p>" + "<hi>" * 250 + "x" + "</hi>" * 250 + "</p>"
        return one * (budget // 502)
    raise SystemExit(f"unknown shape {shape}")


def make(path: Path, shape: str, scale: float) -> None:
    path.write_text(f'<TEI xmlns="{TEI_NS}" xml:id="m" xml:lang="en">{HEADER}<text><body>{body(shape, scale)}'
                    "</body></text></TEI>\n", encoding="utf-8")


def fit(file: Path, shape: str, project: Path, command: str) -> float:
    """The largest scale of `shape` that `edition COMMAND FILE` accepts (pdf: with the project's register)."""
    max_tags, max_bytes = PUBLISH_LIMITS[command]
    if command == "pdf":
        register = (project / "tei" / "register.xml").read_bytes()
        max_tags, max_bytes = max_tags - register.count(b"<"), max_bytes - len(register)
    make(file, shape, 1.0)
    data = file.read_bytes()
    scale = min(1.0, max_tags / data.count(b"<"), max_bytes / len(data))
    while scale > 1e-4:
        make(file, shape, scale)
        data = file.read_bytes()
        if data.count(b"<") <= max_tags and len(data) <= max_bytes:
            return scale
        scale *= 0.98
    return scale


def argv(command: str, file: Path, project: Path) -> list[str]:
    other = project / "tei" / "soviet-albanian-split.xml"
    return {
        "validate": ["validate", str(file)],
        "html": ["html", "--no-search", "-o", "out-html", str(file)],
        "pdf": ["pdf", "-o", "out-pdf", str(file)],
        "enrich": ["enrich", str(file)],
        "speakers": ["speakers", str(file)],
        "link": ["link", str(file), str(other)],
    }[command]


def measure(command: str, file: Path, project: Path, timeout: float) -> str:
    timing = project / "time.txt"
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(timing), sys.executable, "-c",
           "from edition.cli import main; main(prog_name='edition')", *argv(command, file, project)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "tools")}
    proc = subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the command, not only /usr/bin/time
        proc.communicate()
        (project / "output" / ".build.lock").unlink(missing_ok=True)
        return f"| {command} | timeout > {timeout:.0f} s | | | | |"
    proc.stdout, proc.stderr = out, err  # type: ignore[assignment]
    wall, user, system, rss = timing.read_text().split()[-4:]
    last = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or [""])[-1]
    last = last.replace("|", "/")[:90]
    return (f"| {command} | {float(wall):.1f} | {float(user) + float(system):.1f} | {int(rss) / 1024:.0f} | "
            f"{proc.returncode} | {last} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", default="lb,hi,p,note,name,text,deep,mentions")
    ap.add_argument("--commands", default="validate,html,pdf,enrich,speakers,link")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--fit", choices=sorted(PUBLISH_LIMITS),
                    help="scale each shape to the largest input COMMAND publishes (its PUBLISH_LIMITS, with the register)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        shutil.copy2(REPO / "pyproject.toml", project)
        for sub in ("editorial", "tei", "xslt"):
            shutil.copytree(REPO / sub, project / sub)
        for shape in args.shapes.split(","):
            file = project / f"{shape}.xml"
            scale = fit(file, shape, project, args.fit) if args.fit else args.scale
            make(file, shape, scale)
            data = file.read_bytes()
            print(f"\n{shape} (scale {scale:.4f}): {len(data) / 1e6:.1f} MB, {data.count(b'<'):,} '<', "
                  f"{data.count(b'='):,} '='\n")
            print("| command | wall s | CPU s | peak RSS MB | exit | last message |")
            print("|---|---|---|---|---|---|")
            for command in args.commands.split(","):
                print(measure(command, file, project, args.timeout), flush=True)
                make(file, shape, scale)  # enrich, speakers and link may have rewritten it
                for out in project.glob("out-*"):
                    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
