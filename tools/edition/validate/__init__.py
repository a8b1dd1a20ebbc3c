"""`edition validate`: the edition's schema (tei/schema/edition.odd → .rng, .sch) and rules.

Public API:

* validate(paths, register=…, seeds_dirs=…) → Result (diagnostics, exit status);
* xml_model_pis(tei_path) → the <?xml-model?> processing instructions a TEI file should carry;
* RULES: the rule ids (stable; documented in the ODD's constraintSpecs).
"""

from __future__ import annotations

from .engine import Result, validate
from .pis import xml_model_pis
from .rules import RULES

__all__ = ["RULES", "Result", "validate", "xml_model_pis"]
