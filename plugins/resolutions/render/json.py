"""Export the model as JSON (the data behind every page; schema in docs/donnees.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from ..model import SCHEMA_VERSION, Block, Correction, Document, Paragraph, Span


def span_to_json(span: Span) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": span.kind, "start": span.start, "end": span.end}
    for field in dataclasses.fields(span):
        if field.name not in ("start", "end"):
            data[field.name] = getattr(span, field.name)
    return data


def block_to_json(block: Block) -> dict[str, Any]:
    return {
        "text": block.text,
        "line": block.line,
        "notes": [{"number": mark.number, "offset": mark.offset} for mark in block.notes],
        "annotations": [span_to_json(span) for span in block.spans],
    }


def paragraph_to_json(paragraph: Paragraph) -> dict[str, Any]:
    return {
        "id": paragraph.id,
        "kind": paragraph.kind,
        "number": paragraph.number,
        "section": paragraph.section,
        "lead": paragraph.lead,
        **block_to_json(paragraph),
        "items": [
            {"id": item.id, "label": item.label, **block_to_json(item)} for item in paragraph.items
        ],
    }


def correction_to_json(correction: Correction) -> dict[str, Any]:
    return {
        "line": correction.line,
        "original": correction.original,
        "replacement": correction.replacement,
        "reason": correction.reason,
        "confidence": correction.confidence,
    }


def document_to_json(document: Document) -> dict[str, Any]:
    return {
        "slug": document.slug,
        "symbol": document.symbol or None,
        "title": document.title,
        "body": document.body,
        "type": document.type,
        "date": document.date,
        "source": document.source,
        "format": document.format,
        "format_detected": document.format_detected,
        "lang": document.lang,
        "source_path": document.source_path,
        "line": document.line,
        "fragment": document.fragment,
        "incomplete": document.incomplete,
        "details": dict(document.details),
        "detail_lines": dict(document.detail_lines),
        "heading": [block_to_json(block) for block in document.heading],
        "author": block_to_json(document.author) if document.author else None,
        "sections": [
            {"id": section.id, "number": section.number, "heading": section.heading.text}
            for section in document.sections
        ],
        "paragraphs": [paragraph_to_json(paragraph) for paragraph in document.paragraphs],
        "closing": block_to_json(document.closing) if document.closing else None,
        "footnotes": [
            {"number": note.number, **block_to_json(note.text), "refs": list(note.refs)}
            for note in document.footnotes
        ],
        "corrections": [correction_to_json(correction) for correction in document.corrections],
        "removals": [
            {"line": removal.line, "text": removal.text, "reason": removal.reason}
            for removal in document.removals
        ],
    }


def export(documents: Iterable[Document]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [document_to_json(document) for document in documents],
    }
