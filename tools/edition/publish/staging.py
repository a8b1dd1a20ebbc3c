"""Publish a site atomically: build it in a staging directory, then swap it in whole.

`staged_directory(final)` yields a sibling directory `.NAME.staging-PID` holding hard links to
every file of the current site (the site's writers replace files by rename, so the live files are
never changed through those links). The caller writes the new site there — pages, assets, the
search index — and only when everything succeeded is it swapped with `final` (one
renameat2(RENAME_EXCHANGE) on Linux, else two renames). A failing step (Pagefind, a stylesheet,
a full disk) leaves the previous site whole and removes the staging directory.

Subtrees named in `keep` (the book the pdf step copies into the site, html/pdf/) are written by
another step, possibly at the same time (`edition build -j2`): `site_lock` serialises that
step's copy and the swap, and at the swap they are taken over from the live site as it is then.

With `previous` (the per-document build's own site), the site replaced by the swap is kept beside it as
`.NAME.previous` (hard links: no file's bytes twice) and becomes the next build's staging copy, brought up to date with the live site by one listing of each directory
(an entry is kept while it is the live file's inode; others are linked again, and those the live site lacks
removed), instead of thousands of links made and removed at each build (tests/test_staging.py: the copy is
the one made anew, whatever was changed in the site meanwhile).

Subtrees named in `carry` (the search index's shards, tens of thousands of small files in a large
edition) are not linked into the staging copy: at the swap, those the caller did not write anew are
moved over from the live site whole (one rename each), so a per-document build does not pay for
linking and removing every file of the index.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import EditionError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextmanager
def site_lock(final: Path) -> Iterator[None]:
    """An exclusive lock (beside the site) for writing into it from outside the staging."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(final.parent / f".{final.name}.site.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux renameat2); False where the system cannot."""
    import ctypes  # here: every command imports this module, few swap a site

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP if hasattr(errno, "ENOTSUP") else errno.EINVAL):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _link_tree(src: Path, dst: Path, skip: frozenset[str] = frozenset()) -> None:
    """Hard links in `dst` (made if need be) to every file of `src` (copies where a link cannot be made), its
    directories made with their modes, its symbolic links copied as links; `skip`: names at the top left out.
    One os.link per file through os.scandir (shutil.copytree cost as much again around each link: 7,000 files of
    a site): `_mirror` into an empty directory."""
    os.makedirs(dst, exist_ok=True)
    _mirror(src, dst, skip)


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def _mirror(src: Path | str, dst: Path | str, skip: frozenset[str] = frozenset()) -> None:
    """Make `dst` (empty, or an earlier hard-link copy of `src`) a hard-link copy of `src` as it is now: an entry
    that is the same file as in `src` (the same inode, which the directory listing gives without a stat) is kept,
    any other entry made again, an entry `src` lacks (and one named in `skip`) removed."""
    made = []
    dirs = [(os.fspath(src), os.fspath(dst), skip)]
    while dirs:
        s_dir, d_dir, skipped = dirs.pop()
        made.append((s_dir, d_dir))
        with os.scandir(d_dir) as entries:
            have = {e.name: e for e in entries}
        with os.scandir(s_dir) as entries:
            for entry in entries:
                if entry.name in skipped:
                    continue
                old = have.pop(entry.name, None)
                target = os.path.join(d_dir, entry.name)
                if entry.is_symlink():
                    if old is not None:
                        _remove(old)
                    os.symlink(os.readlink(entry.path), target)
                elif entry.is_dir():
                    if old is not None and (old.is_symlink() or not old.is_dir()):
                        _remove(old)
                        old = None
                    if old is None:
                        os.mkdir(target)
                    dirs.append((entry.path, target, frozenset()))
                else:
                    if old is not None:
                        if old.inode() == entry.inode() and not old.is_symlink() and not old.is_dir():
                            continue  # the same file
                        _remove(old)
                    try:
                        os.link(entry.path, target)
                    except OSError:
                        shutil.copy2(entry.path, target)
        for old in have.values():
            _remove(old)
    for s_dir, d_dir in reversed(made):
        shutil.copystat(s_dir, d_dir)


def link_tree(src: Path, dst: Path) -> None:
    """Hard links to every file of `src` in a new tree `dst` (copies where a link cannot be made)."""
    _link_tree(src, dst)


def _remove_stale(final: Path) -> None:
    """Staging directories of runs that were killed (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(final.name)}\.(?:staging|old)-(\d+)$")
    for p in final.parent.glob(f".{final.name}.*-*"):
        m = pattern.match(p.name)
        if m and p.is_dir() and not p.is_symlink():
            try:
                os.kill(int(m.group(1)), 0)
                continue  # still running
            except ProcessLookupError:
                pass
            except PermissionError:
                continue
            shutil.rmtree(p, ignore_errors=True)


@contextmanager
def staged_directory(final: Path, keep: tuple[str, ...] = (), carry: tuple[str, ...] = (), *,
                     previous: bool = False) -> Iterator[Path]:
    """Yield the staging copy of `final`; swap it in when the block succeeds (see the module doc). `previous`: the
    replaced site is kept as the next staging copy (the build's own site; not a directory a command was given)."""
    final = Path(final)
    staging = final.parent / f".{final.name}.staging-{os.getpid()}"
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(final)
        shutil.rmtree(staging, ignore_errors=True)
        if final.is_dir():
            _stage(final, staging, frozenset(carry), previous)
        else:
            staging.mkdir()
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise EditionError(f"{final}: cannot prepare the new site beside it: {exc.strerror or exc}") from None
    try:
        yield staging
        with site_lock(final):
            for sub in keep:
                live = final / sub
                if live.is_dir():
                    shutil.rmtree(staging / sub, ignore_errors=True)
                    _link_tree(live, staging / sub)
            for sub in carry:
                if (final / sub).is_dir() and not (staging / sub).exists():
                    (final / sub).rename(staging / sub)
            if final.is_dir():
                if not _exchange(staging, final):
                    old = final.parent / f".{final.name}.old-{os.getpid()}"
                    final.rename(old)
                    staging.rename(final)
                    staging = old
            else:
                staging.rename(final)
                return
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if previous:
        _keep_previous(final, staging, carry)  # now the previous site
    else:
        shutil.rmtree(staging, ignore_errors=True)


def _previous(final: Path) -> Path:
    return final.parent / f".{final.name}.previous"


def _stage(final: Path, staging: Path, carry: frozenset[str], use_previous: bool) -> None:
    """The staging copy of `final`: the previous site (kept by the build before, hard links to the files of the
    site then) brought up to date with the site as it is, or else hard links made anew."""
    previous = _previous(final)
    if use_previous and previous.is_dir() and not previous.is_symlink():
        try:
            previous.rename(staging)
            _mirror(final, staging, carry)
            return
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    _link_tree(final, staging, carry)


def _keep_previous(final: Path, old: Path, carry: tuple[str, ...]) -> None:
    """Keep the site just replaced as the next build's staging copy (without the search index's shards, which
    that copy never holds), or remove it."""
    try:
        for sub in carry:
            if (old / sub).is_dir() and not (old / sub).is_symlink():
                shutil.rmtree(old / sub)
        shutil.rmtree(_previous(final), ignore_errors=True)
        old.rename(_previous(final))
    except OSError:
        shutil.rmtree(old, ignore_errors=True)
