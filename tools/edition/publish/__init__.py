"""Publish stage: TEI → HTML site and print edition through XSLT 3.0 (saxonche)."""
