"""The project lock: one command writing tei/ or output/ at a time per project.

`project_lock(project, command)` takes an exclusive `flock` on `output/.build.lock`; every
command that writes tei/ or output/ takes it (build, convert, enrich, speakers, link, html,
pdf), so none of them rewrites a file another is writing. By default a second command fails at
once with an EditionError saying which command holds the lock (its pid and start time); with
`[tool.edition] lock_wait = SECONDS` it first waits that long, saying what it waits for. The kernel releases the lock when its holder dies, however it
dies (kill -9 included), so a lock left by a killed build is never in the way: the next
build takes it, says so, and clears the temporaries the killed build's interrupted atomic
writes left behind (its finished writes are whole files, its unfinished ones never replaced
anything). The lock file is never deleted (deleting it would let two processes lock two
different files); only its content, the holder's description, changes.

POSIX only (fcntl.flock); the lock lives in the output directory, which builds must not
delete as a whole while running (delete or replace its subdirectories instead).
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import Project
from .errors import EditionError

LOCK_NAME = ".build.lock"


@dataclass
class Lock:
    """A held build lock; `notes` are summary lines about what was recovered."""

    path: Path
    notes: list[str] = field(default_factory=list)


def _describe(text: str) -> tuple[int | None, str]:
    """(pid, human description) of a lock file's content 'pid=…\\nhost=…\\nstarted=…'."""
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    try:
        pid: int | None = int(fields.get("pid", ""))
    except ValueError:
        pid = None
    desc = f"pid {pid if pid is not None else 'unknown'}"
    if fields.get("command"):
        desc = f"`edition {fields['command']}`, {desc}"
    if fields.get("host") and fields["host"] != os.uname().nodename:
        desc += f" on {fields['host']}"
    if fields.get("started"):
        desc += f", started {fields['started']}"
    return pid, desc


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", "replace")


def _held(path: Path, desc: str) -> EditionError:
    return EditionError(
        f"{path}: held by {desc}: another edition command is writing tei/ or output/; wait for it to finish, or set [tool.edition] lock_wait = SECONDS to wait. "
        "If no such command is running, the lock is released already: run the command again."
    )


@contextmanager
def lock_directory(directory: Path, *, cleanup: tuple[Path, ...] = (), command: str = "build", wait: float = 0.0,
                   notify: Callable[[str], None] | None = None) -> Iterator[Lock]:
    """Hold the lock of `directory` (created if missing) for the duration of the block.

    If another process holds it: raise EditionError at once (`wait` 0), or wait up to `wait`
    seconds, telling `notify` once what is awaited. After taking it, remove the stale
    temporaries of killed writers in `directory` and `cleanup` (recursively when the previous holder
    was killed or ended by an error; else only at their top, where interrupted site stagings lie).
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EditionError(f"{directory}: cannot create the output directory: {exc.strerror or exc}") from None
    path = directory / LOCK_NAME
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
                         0o644)
        except OSError as exc:
            raise EditionError(f"{path}: cannot open the lock: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _, desc = _describe(_read(fd))
            os.close(fd)
            if time.monotonic() >= deadline:
                raise _held(path, desc) from None
            if not told and notify is not None:
                notify(f"waiting for {path}, held by {desc} (up to {wait:g} s)")
                told = True
            time.sleep(0.2)
            continue
        except OSError as exc:
            os.close(fd)
            raise EditionError(f"{path}: cannot take the lock: {exc.strerror or exc}") from None
        # The file may have been replaced between open and flock: then we hold a lock on a
        # name nobody else can find; start again on the current file.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)

    lock = Lock(path)
    released = False
    try:
        previous = _read(fd)
        old_pid, old_desc = _describe(previous)
        if old_pid is not None and old_pid != os.getpid():
            lock.notes.append(f"recovered: the previous command ({old_desc}) ended without releasing its lock")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        body = f"pid={os.getpid()}\nhost={os.uname().nodename}\nstarted={stamp}\ncommand={command}\n".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, body, 0)
        removed: list[Path] = []
        # The whole trees only when the last holder did not end cleanly (killed, or stopped by an error,
        # which may have killed its workers): a clean end leaves no temporaries, and walking every file
        # of a large site on every command would cost more than a no-op build.
        for d in (directory, *cleanup):
            removed += remove_stale_temporaries(d, recursive=bool(previous.strip()))
        if removed:
            lock.notes.append(
                f"recovered: removed {len(removed)} temporary file(s) of an interrupted write: "
                + ", ".join(sorted(p.name for p in removed)[:5])
                + (" …" if len(removed) > 5 else "")
            )
        yield lock
        released = True
    finally:
        try:
            os.ftruncate(fd, 0)  # released cleanly: nothing to recover next time
            if not released:  # ended by an error: the next holder looks for temporaries everywhere
                os.pwrite(fd, f"ended={time.strftime('%Y-%m-%dT%H:%M:%S%z')} by an error\n".encode(), 0)
        except OSError:
            pass
        os.close(fd)  # closing releases the flock


def lock_wait(project: Project) -> float:
    """[tool.edition] lock_wait: seconds a command waits for the lock (default 0: fail at once)."""
    value = project.settings.get("lock_wait", 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise EditionError(f"{project.root / 'pyproject.toml'}: [tool.edition] lock_wait must be a number of "
                           f"seconds (0 or more), not {value!r}")
    return float(value)


@contextmanager
def project_lock(project: Project, command: str, notify: Callable[[str], None] | None = None) -> Iterator[Lock]:
    """Hold the project's lock (in its output directory) while `edition COMMAND` writes; see
    `lock_directory`. Stale temporaries in tei/ and output/ are cleared on taking it."""
    if notify is None:
        import sys

        def notify(message: str) -> None:
            print(message, file=sys.stderr, flush=True)

    with lock_directory(project.output_dir, cleanup=(project.tei_dir,), command=command,
                        wait=lock_wait(project), notify=notify) as lock:
        yield lock


@contextmanager
def build_lock(project: Project) -> Iterator[Lock]:
    """Hold the project's lock for `edition build`; see `project_lock`."""
    with project_lock(project, "build") as lock:
        yield lock


def lock_for_command(project: Project, command: str, out_dir: Path | None = None) -> None:
    """Take the project's lock for the rest of the running click command (released when it ends).

    `out_dir`: where the command writes, when the user chose it; outside the project's tei/ and
    output/ no lock is needed (and none is taken, so no output/ appears there).
    """
    import click

    if out_dir is not None:
        real = Path(out_dir).resolve()
        ours = [d.resolve() for d in (project.output_dir, project.tei_dir)]
        if not any(real == d or d in real.parents for d in ours):
            return
    click.get_current_context().with_resource(project_lock(project, command))


# the names of atomic_write's temporaries and of publish/staging.py's directories, with their writer's pid
_TMP_RE = re.compile(r"^\..+\.pid(\d+)\.[^.]+\.tmp$")
_STAGING_RE = re.compile(r"^\..+\.(?:staging|old)-(\d+)$")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(directory: Path | str, *, recursive: bool = False) -> list[Path]:
    """Delete temporaries that `xmlio.atomic_write` left behind in a process that no longer runs
    (killed mid-write), and staging directories of an interrupted site publication; those of running processes
    are kept. Returns what was removed. (Here, not in xmlio: a build that finds nothing to do imports no lxml.)"""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    removed = []
    # the staging directories of an interrupted site publication (publish/staging.py)
    for d in list(directory.rglob(".*-*") if recursive else directory.glob(".*-*")):
        m = _STAGING_RE.match(d.name)
        if m and d.is_dir() and not d.is_symlink() and not _pid_alive(int(m.group(1))):
            import shutil

            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    candidates = directory.rglob(".*.tmp") if recursive else directory.glob(".*.tmp")
    for tmp in candidates:
        m = _TMP_RE.match(tmp.name)
        if m and tmp.is_file() and not tmp.is_symlink() and not _pid_alive(int(m.group(1))):
            try:
                tmp.unlink()
                removed.append(tmp)
            except FileNotFoundError:
                pass
    return removed
