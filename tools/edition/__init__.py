"""TEI edition toolkit: convert → enrich → validate → publish."""

__version__ = "0.1.0"
