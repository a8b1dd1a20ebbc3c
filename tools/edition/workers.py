"""Worker processes of the toolkit's process pools (build steps in parallel, reading pages, PDF volumes)."""

from __future__ import annotations


def die_with_parent() -> None:
    """Worker initializer: on Linux, the kernel kills the worker when the parent process dies (kill -9
    included), so no orphan goes on writing after the next build took the lock."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
