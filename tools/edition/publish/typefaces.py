"""The typefaces of the print edition are a build requirement, not a wish.

WeasyPrint sets the book with the fonts installed when it runs; a family of the CSS font stack
that is missing is silently replaced (the book was once set in DejaVu while its colophon named
Linux Libertine). `TYPEFACES` names the families of xslt/print/print.css's stack, each with the
name the colophon gives it and where to get it; `check_typefaces` asks fontconfig (fc-list) which
are installed and fails — or, when the project allows a fallback, warns — naming each missing one.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

from ..errors import EditionError

#: (fontconfig family, the colophon's name, where to get it): the book's type, then the families
#: for characters it lacks, in the order of the CSS font stack.
TYPEFACES: tuple[tuple[str, str, str], ...] = (
    ("Linux Libertine O", "Linux Libertine", "Debian/Ubuntu package fonts-linuxlibertine"),
    ("Junicode Two Beta", "Junicode", "https://github.com/psb1558/Junicode-font (release 2)"),
    ("Noto Serif", "Noto", "Debian/Ubuntu package fonts-noto-core"),
)


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Every family fontconfig knows (each name of a multi-named family), or None without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    out = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def missing_typefaces() -> list[str]:
    """Descriptions of the families of TYPEFACES that are not installed."""
    families = installed_families()
    if families is None:
        return ["fc-list (fontconfig) not found: cannot check the book's typefaces"]
    return [f"{family!r} ({where})" for family, _name, where in TYPEFACES if family not in families]


def check_typefaces(allow_fallback: bool = False) -> list[str]:
    """Raise EditionError when a typeface of the book is missing; with `allow_fallback`, return the
    warnings instead (the book is then set in whatever fontconfig substitutes)."""
    missing = missing_typefaces()
    if not missing:
        return []
    message = ("print: the book's typefaces must be installed, missing: " + "; ".join(missing)
               + " (or set [tool.edition] print_font_fallback = true to build with substitutes)")
    if allow_fallback:
        return [message.replace("must be installed", "are not all installed; the PDF is set in substitutes")]
    raise EditionError(message)
