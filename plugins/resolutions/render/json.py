"""Export the model as JSON (the data behind every page; schema in docs/donnees.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from ..corpus import translations as pair_versions
from ..model import (
    SCHEMA_VERSION,
    Annex,
    AnnexLine,
    Article,
    Block,
    Chapter,
    Correction,
    Document,
    Item,
    Paragraph,
    Span,
)


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
        "items": [item_to_json(item) for item in paragraph.items],
    }


def item_to_json(item: Item) -> dict[str, Any]:
    data = {"id": item.id, "label": item.label, **block_to_json(item)}
    if item.items:  # roman sub-items, in annexed instruments only
        data["items"] = [item_to_json(sub) for sub in item.items]
    return data


def _titled(part: Article | Chapter) -> dict[str, Any]:
    return {
        "id": part.id,
        "number": part.number,
        "heading": block_to_json(part.heading),
        "title": block_to_json(part.title) if part.title is not None else None,
    }


def article_to_json(article: Article) -> dict[str, Any]:
    return {
        "type": "article",
        **_titled(article),
        "paragraphs": [paragraph_to_json(paragraph) for paragraph in article.paragraphs],
    }


def annex_to_json(annex: Annex) -> dict[str, Any]:
    parts: list[dict[str, Any]] = []
    for part in annex.parts:
        if isinstance(part, AnnexLine):
            parts.append(
                {"type": "line", "id": part.id, "role": part.role, **block_to_json(part.block)}
            )
        elif isinstance(part, Paragraph):
            parts.append({"type": "paragraph", **paragraph_to_json(part)})
        elif isinstance(part, Chapter):
            parts.append(
                {
                    "type": "chapter",
                    **_titled(part),
                    "articles": [article_to_json(article) for article in part.articles],
                }
            )
        else:
            parts.append(article_to_json(part))
    return {
        "id": annex.id,
        "number": annex.number,
        "heading": block_to_json(annex.heading),
        "title": [block_to_json(block) for block in annex.title],
        "parts": parts,
    }


def correction_to_json(correction: Correction) -> dict[str, Any]:
    return {
        "line": correction.line,
        "original": correction.original,
        "replacement": correction.replacement,
        "reason": correction.reason,
        "confidence": correction.confidence,
    }


def document_to_json(
    document: Document, translations: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``translations``: the slugs of the text's versions in other languages, by
    language (``corpus.translations``)."""
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
        "translations": dict(sorted((translations or {}).items())),
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
        "annexes": [annex_to_json(annex) for annex in document.annexes],
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


def export(
    documents: Iterable[Document],
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """``translations``: slug → {language: slug}, as ``corpus.translations`` gives it
    (default: the pairs found among ``documents`` themselves)."""
    documents = list(documents)
    if translations is None:
        translations = pair_versions(documents)
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [
            document_to_json(document, translations.get(document.slug)) for document in documents
        ],
    }
