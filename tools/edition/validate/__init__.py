"""`edition validate`: the edition's schema (tei/schema/edition.odd → .rng, .sch) and rules.

Public API (imported lazily, so `python -m edition.validate.odd` runs without loading the rest):

* validate(paths, register=…, seeds_dirs=…) → Result (diagnostics, exit status);
* xml_model_pis(tei_path) → the <?xml-model?> processing instructions a TEI file should carry;
  add_xml_model_pis(tree, tei_path) puts them into a parsed tree (idempotent);
* odd_html() → the encoding description (the ODD) as an HTML fragment;
* RULES: the rules by stable id (documented in the ODD's constraintSpecs).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"validate": ".engine", "Result": ".engine", "xml_model_pis": ".pis", "add_xml_model_pis": ".pis", "RULES": ".engine",
            "odd_html": ".oddhtml", "odd_data": ".oddhtml"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
