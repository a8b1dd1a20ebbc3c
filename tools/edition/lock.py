"""The build lock: one `edition build` at a time per project.

`build_lock(project)` takes an exclusive `flock` on `output/.build.lock` without waiting. A
second build started while the first runs fails at once with an EditionError naming the
holder's pid and start time. The kernel releases the lock when its holder dies, however it
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
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import Project
from .errors import EditionError
from .xmlio import remove_stale_temporaries

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
    if fields.get("host") and fields["host"] != socket.gethostname():
        desc += f" on {fields['host']}"
    if fields.get("started"):
        desc += f", started {fields['started']}"
    return pid, desc


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", "replace")


@contextmanager
def lock_directory(directory: Path, *, cleanup: tuple[Path, ...] = ()) -> Iterator[Lock]:
    """Hold the build lock of `directory` (created if missing) for the duration of the block.

    Raise EditionError at once if another process holds it. After taking it, remove the stale
    temporaries of killed writers in `directory` and `cleanup` (recursively).
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EditionError(f"{directory}: cannot create the output directory: {exc.strerror or exc}") from None
    path = directory / LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise EditionError(f"{path}: cannot open the build lock: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _, desc = _describe(_read(fd))
            os.close(fd)
            raise EditionError(
                f"{path}: another build is running ({desc}); wait for it to finish. "
                "If no build is running, the lock is released already: run the build again."
            ) from None
        except OSError as exc:
            os.close(fd)
            raise EditionError(f"{path}: cannot take the build lock: {exc.strerror or exc}") from None
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
    try:
        old_pid, old_desc = _describe(_read(fd))
        if old_pid is not None and old_pid != os.getpid():
            lock.notes.append(f"recovered: the previous build ({old_desc}) ended without releasing its lock")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        body = f"pid={os.getpid()}\nhost={socket.gethostname()}\nstarted={stamp}\n".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, body, 0)
        removed: list[Path] = []
        for d in (directory, *cleanup):
            removed += remove_stale_temporaries(d, recursive=True)
        if removed:
            lock.notes.append(
                f"recovered: removed {len(removed)} temporary file(s) of an interrupted write: "
                + ", ".join(sorted(p.name for p in removed)[:5])
                + (" …" if len(removed) > 5 else "")
            )
        yield lock
    finally:
        try:
            os.ftruncate(fd, 0)  # released cleanly: nothing to recover next time
        except OSError:
            pass
        os.close(fd)  # closing releases the flock


@contextmanager
def build_lock(project: Project) -> Iterator[Lock]:
    """Hold the project's build lock (in its output directory); see `lock_directory`."""
    with lock_directory(project.output_dir, cleanup=(project.tei_dir,)) as lock:
        yield lock
