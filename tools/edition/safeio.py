"""Safe file input: regular files only, bounded reads, paths kept inside the project.

`read_regular(path, limit)` opens without blocking (a FIFO opened for reading would wait for a
writer forever), checks on the open descriptor that it is a regular file (FIFOs, character and
block devices, sockets and directories are refused with a message naming what the path is) and
reads at most `limit` + 1 bytes, so /dev/zero, a growing file or a file swapped after a `stat`
can never exhaust memory. Every refusal and every OSError is an EditionError naming the path.

`inside(root, path)` resolves a path taken from configuration (symlinks followed) and refuses
it when it leads out of the project.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import EditionError

# One size limit story: what convert may write, validate accepts, publish reads (xmlio uses it).
MAX_FILE_BYTES = 32 * 1024 * 1024
# Small configuration and data files (TOML, TSV, JSON): far below any real one.
MAX_CONFIG_BYTES = 8 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def kind_of(mode: int) -> str:
    """'a named pipe (FIFO)', 'a directory' … for a st_mode that is not a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def os_message(exc: OSError) -> str:
    """An OSError in words, without Python's '[Errno N]' decoration."""
    return exc.strerror or str(exc)


def read_regular(path: Path | str, limit: int = MAX_FILE_BYTES, *, what: str = "file") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them; EditionError otherwise."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise EditionError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {os_message(exc)}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise EditionError(f"{path}: is {kind_of(st.st_mode)}, not a regular {what}; refusing to read it")
        if st.st_size > limit:
            raise EditionError(f"{path}: {st.st_size} bytes; larger than the limit of {limit} bytes for a {what}")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise EditionError(f"{path}: more than {limit} bytes; larger than the limit for a {what}")
        return b"".join(chunks)
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {os_message(exc)}") from None
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int = MAX_CONFIG_BYTES, *, what: str = "file") -> str:
    """A small UTF-8 text file (configuration, TSV), read as `read_regular` reads."""
    data = read_regular(path, limit, what=what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EditionError(f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start}); "
                           "save the file as UTF-8") from None


def check_regular(path: Path | str, *, what: str = "file") -> None:
    """Refuse a path that exists but is not a regular file (following symlinks)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise EditionError(f"{path}: cannot read: {os_message(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise EditionError(f"{path}: is {kind_of(st.st_mode)}, not a regular {what}; refusing to read it")


def _real(name: str, parents: dict[str, str]) -> str:
    """`os.path.realpath(name)`, reusing the resolved directories of earlier calls (`parents`), so
    that the files of one directory cost one lstat each (a symbolic link is resolved whole)."""
    head, tail = os.path.split(name)
    if not head or not tail or tail in (".", "..") or head == name:
        return os.path.realpath(name)
    if head not in parents:
        parents[head] = _real(head, parents)
    try:
        if stat.S_ISLNK(os.lstat(name).st_mode):
            return os.path.realpath(name)
    except FileNotFoundError:
        pass
    except OSError:
        return os.path.realpath(name)
    return os.path.join(parents[head], tail)


def is_inside(root: Path | str, path: Path | str, parents: dict[str, str]) -> bool:
    """Whether `path` (relative to `root` unless absolute) resolves inside `root`, symlinks followed: `inside`
    without its Path and its message, for a check of thousands of paths (`parents`: see `_real`)."""
    root_s = os.fspath(root)
    try:
        if root_s not in parents:
            parents[root_s] = _real(root_s, parents)
        real_s, root_s = _real(os.path.join(root_s, os.fspath(path)), parents), parents[root_s]
    except (OSError, RuntimeError):
        return False
    return bool(real_s and root_s and (real_s == root_s or real_s.startswith(root_s.rstrip(os.sep) + os.sep)))


def inside(root: Path, path: Path | str, *, what: str, parents: dict[str, str] | None = None) -> Path:
    """`path` (relative to `root` unless absolute), refused when it resolves outside `root`.

    `what` starts the message: "FILE: [tool.edition] tei_dir" → "FILE: [tool.edition] tei_dir '../x'
    leads outside the project …".

    Symlinks are followed, so a link leading out of the project is refused too. Returns the path
    as given under root (not resolved), so messages and names stay those the user wrote.
    `parents`: a dict shared by the calls checking many paths at once (see `_real`); a path it finds
    outside is checked again the usual way, for the message.
    """
    root = Path(root)
    if parents is not None and is_inside(root, path, parents):  # strings, not Paths: thousands of calls
        return root / path
    candidate = root / path
    try:
        real, real_root = candidate.resolve(), root.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (older Pythons)
        raise EditionError(f"{what} {str(path)!r}: cannot resolve the path: {exc}") from None
    if real != real_root and real_root not in real.parents:
        raise EditionError(f"{what} {str(path)!r} leads outside the project (to {real}); "
                           f"only paths inside {real_root} are allowed")
    return candidate
