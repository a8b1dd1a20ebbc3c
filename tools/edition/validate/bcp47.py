"""Well-formedness of BCP 47 language tags (RFC 5646, section 2.1), without the IANA registry.

Beyond the ABNF, tags whose primary language subtag has 4–8 letters are refused: RFC 5646
reserves 4-letter subtags and registers 5–8-letter ones only exceptionally, and none is
registered, so "english" is an error, not a language.
"""

from __future__ import annotations

import re

_ALNUM = "[A-Za-z0-9]"
_LANGTAG = re.compile(
    rf"""
    (?P<language>[A-Za-z]{{2,3}}(?:-[A-Za-z]{{3}}){{0,3}}|[A-Za-z]{{4,8}})
    (?:-(?P<script>[A-Za-z]{{4}}))?
    (?:-(?P<region>[A-Za-z]{{2}}|[0-9]{{3}}))?
    (?P<variants>(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*)
    (?P<extensions>(?:-[0-9A-WY-Za-wy-z](?:-{_ALNUM}{{2,8}})+)*)
    (?:-(?P<private>[xX](?:-{_ALNUM}{{1,8}})+))?
    """,
    re.VERBOSE,
)
_PRIVATE = re.compile(rf"[xX](?:-{_ALNUM}{{1,8}})+")
_GRANDFATHERED = {
    g.lower() for g in (
        "en-GB-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn i-tao i-tay "
        "i-tsu sgn-BE-FR sgn-BE-NL sgn-CH-DE art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min "
        "zh-min-nan zh-xiang"
    ).split()
}


def bcp47_problem(tag: str) -> str | None:
    """None for a well-formed tag, else why it is not one."""
    if tag.lower() in _GRANDFATHERED or _PRIVATE.fullmatch(tag):
        return None
    if not tag:
        return "an empty language tag"
    if "_" in tag:
        return f"BCP 47 separates subtags with '-', not '_' (did you mean {tag.replace('_', '-')!r}?)"
    mt = _LANGTAG.fullmatch(tag)
    if not mt:
        return "not a BCP 47 language tag (language[-Script][-REGION][-variant]…, e.g. en, ru, sq, sr-Latn, en-GB)"
    lang = mt.group("language").split("-")[0]
    if len(lang) >= 4:
        return (f"{lang!r} is not a language subtag: use the 2- or 3-letter ISO 639 code "
                "(e.g. en, ru, sq, de)")
    variants = [v.lower() for v in mt.group("variants").split("-") if v]
    if len(variants) != len(set(variants)):
        return "a variant subtag is repeated"
    singletons = [s.lower() for s in re.findall(r"-([0-9A-WY-Za-wy-z])(?=-)", mt.group("extensions"))]
    if len(singletons) != len(set(singletons)):
        return "an extension singleton is repeated"
    return None
