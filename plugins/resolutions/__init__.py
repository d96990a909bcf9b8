"""Résolutions annotées: the conversion core (no MkDocs import here)."""

from .errors import SourceError
from .model import SCHEMA_VERSION, ConversionResult, Document

__all__ = ["SCHEMA_VERSION", "ConversionResult", "Document", "SourceError"]
