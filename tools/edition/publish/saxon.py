"""Run XSLT 3.0 stylesheets with saxonche: compile once per process, reuse, capture everything.

* One `PySaxonProcessor` per process; each stylesheet is compiled once (`Transformer.get`).
* Input is always parsed by `edition.xmlio` first (no DTD, no entities, no network) and handed to
  Saxon as DOCTYPE-free text, so Saxon's own parser never sees a hostile prolog.
* `xsl:message` output and `xsl:result-document` outputs are captured, not written: the caller
  decides where they go and writes them atomically.
* Errors (static or dynamic) become EditionError naming the stylesheet and Saxon's message.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import EditionError

_local = threading.local()


def processor() -> Any:
    """The process's (thread's) Saxon processor, created on first use."""
    proc = getattr(_local, "proc", None)
    if proc is None:
        from saxonche import PySaxonProcessor

        proc = _local.proc = PySaxonProcessor(license=False)
        _local.compiler = proc.new_xslt30_processor()
        _local.cache = {}
    return proc


def xdm_document(source: etree._ElementTree | etree._Element | bytes | str) -> Any:
    """Parse a (safely parsed, DOCTYPE-free) document into a Saxon XDM document node.

    Use it for document-valued stylesheet parameters (a register, an ODD) so that they are
    handed to Saxon once and reused across transformations.
    """
    if isinstance(source, bytes):
        text = source.decode("utf-8")
    elif isinstance(source, str):
        text = source
    else:
        root = source.getroot() if isinstance(source, etree._ElementTree) else source
        text = etree.tostring(root, encoding="unicode")
    try:
        return processor().parse_xml(xml_text=text)
    except Exception as exc:  # PySaxonApiError: a limit of Saxon's parser that lxml's does not have
        raise EditionError(f"XSLT input could not be loaded by Saxon: {str(exc).strip()}") from None


def _xdm_value(value: Any) -> Any:
    proc = processor()
    from saxonche import PyXdmValue

    if isinstance(value, PyXdmValue):
        return value
    if isinstance(value, (etree._ElementTree, etree._Element)):
        return xdm_document(value)
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    if isinstance(value, (str, Path)):
        return proc.make_string_value(str(value))
    raise TypeError(f"unsupported stylesheet parameter type {type(value).__name__}")


@dataclass
class Result:
    main: str  # the principal result, serialised
    documents: dict[str, str] = field(default_factory=dict)  # xsl:result-document href (absolute URI) → text
    # the string value of each result document (a method="text" document's text, unescaped)
    strings: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)  # xsl:message texts, in order


class Transformer:
    """A compiled stylesheet. Use `Transformer.get(path)` to share compilations within a process."""

    def __init__(self, stylesheet: Path):
        self.stylesheet = Path(stylesheet).resolve()
        processor()
        try:
            self._exe = _local.compiler.compile_stylesheet(stylesheet_file=str(self.stylesheet))
        except Exception as exc:  # PySaxonApiError
            raise EditionError(f"{self.stylesheet}: XSLT compilation failed: {str(exc).strip()}") from None

    @classmethod
    def get(cls, stylesheet: Path) -> Transformer:
        processor()
        key = str(Path(stylesheet).resolve())
        if key not in _local.cache:
            _local.cache[key] = cls(Path(key))
        return _local.cache[key]

    def run(
        self,
        source: etree._ElementTree | etree._Element | bytes | Any,
        *,
        params: dict[str, Any] | None = None,
        base_output: Path | None = None,
        source_name: str = "input",
    ) -> Result:
        """Transform `source` (lxml tree, bytes, or an XDM node from `xdm_document`).

        `params` values may be str/Path/bool/int/float, lxml trees or XDM values; `base_output` is the
        URI against which result-document hrefs resolve.
        """
        from saxonche import PyXdmNode

        processor()
        exe = self._exe
        exe.clear_parameters()
        for name, value in (params or {}).items():
            exe.set_parameter(name, _xdm_value(value))
        exe.set_save_xsl_message(True)
        exe.set_capture_result_documents(True)
        base = Path(base_output or Path.cwd() / "index.html").resolve()
        exe.set_base_output_uri(base.as_uri())
        try:
            doc = source if isinstance(source, PyXdmNode) else xdm_document(source)
            main = exe.transform_to_string(xdm_node=doc) or ""
        except Exception as exc:  # PySaxonApiError
            raise EditionError(f"{source_name}: transformation by {self.stylesheet.name} failed: {str(exc).strip()}") from None
        msgs = exe.get_xsl_messages()
        messages = [m.string_value for m in msgs] if msgs is not None else []  # the text, not escaped XML
        exe.clear_xsl_messages()
        docs = exe.get_result_documents() or {}
        return Result(main=main, documents={str(k): str(v) for k, v in docs.items()}, messages=messages,
                      strings={str(k): "".join(v.item_at(i).string_value for i in range(v.size)) for k, v in docs.items()})
