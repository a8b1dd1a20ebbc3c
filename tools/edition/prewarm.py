"""A worker process that readies the reading-page renderer while the build does other work.

After a one-document edit, `edition build` spends about half a second compiling site.xsl and rendering
the page, and as long again, before that, validating the text and working out which pages are stale
(N = 2,000 letters: bench/RESULTS.md, round 9). With a second CPU the two can overlap. When the build
finds, before its first step, that the html step will run over a site it made before, it starts one
spawned worker, which imports Saxon and compiles the site's stylesheet; the html step then renders its
few stale reading pages there (`SiteGraph._render`). The worker runs the same `render_page` as the
process pool of a large build, so the pages are the same bytes.

Not started on one CPU, with `[tool.edition] jobs = 1`, for a first build (it makes its pages in a pool
of its own), nor by `edition serve` (it keeps its compiled stylesheets in its own process).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Project

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_ACTIVE: dict[str, Warm] = {}


@dataclass
class Warm:
    pool: ProcessPoolExecutor
    ready: Any  # the compilation's Future (True: compiled)
    pages: int = 0  # reading pages rendered in the worker (what tests/test_prewarm.py checks)
    jobs: int = 0  # pages over all texts' jobs made there (multipages.Job: a word beside a name, the register's pages)


def _compile(site_xsl: str) -> bool:
    """In the worker: import Saxon and compile the stylesheet (kept by `Transformer.get` for the renders). A
    failure is left to the first render, whose own `Transformer.get` reports it as it would in the build's
    process."""
    from .errors import EditionError
    from .publish.saxon import Transformer

    try:
        Transformer.get(Path(site_xsl))
    except EditionError:
        return False
    return True


def wanted(project: Project) -> bool:
    """Whether a warm worker pays here: two CPUs or more, `jobs` not 1, and a site made before (its graph)."""
    from .incremental import GRAPH

    return (os.cpu_count() or 1) > 1 and project.jobs > 1 and (project.output_dir / GRAPH).is_file()


@contextmanager
def warm_worker(project: Project) -> Iterator[None]:
    """While the context lasts, a worker compiling the project's site.xsl is at `worker(project)`'s call;
    closed after it (a worker still compiling is let finish: a process pool has no kill)."""
    if not wanted(project):
        yield
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import resources
    from .workers import die_with_parent

    site_xsl = resources.xslt_root(project.root) / "html" / "site.xsl"
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent)
    key = str(project.root)
    _ACTIVE[key] = Warm(pool, pool.submit(_compile, str(site_xsl)))  # (a submit starts the process)
    try:
        yield
    finally:
        _ACTIVE.pop(key, None)
        # Waited for (a compilation not yet done, ≤ 0.5 s, only when no page was made there): a shutdown without
        # waiting leaves the pool's threads to the interpreter's exit, where Python 3.11 can write to the pool's
        # closed wake-up pipe ("OSError: [Errno 9] Bad file descriptor", seen after a build killed by -9).
        pool.shutdown(wait=True, cancel_futures=True)


def worker(project: Project) -> Warm | None:
    """The project's warm worker, if the build started one."""
    return _ACTIVE.get(str(project.root))
