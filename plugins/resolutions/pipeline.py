"""The conversion pipeline: each stage a small function over the typed model.

    load ─► read (pdf-text | markdown | ocr) ─► structure + footnotes ─► Document
         ─► [per-text annotate: OCR repair, glossary mentions, citations]
         ─► corpus pass (resolve citations, backlinks) ─► render (Markdown, JSON)

``convert_file`` runs the per-file stages; ``convert_corpus`` runs them over a folder and
then the corpus pass.  Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import SourceError
from .load import BODIES, Source, load_source, parse_source
from .model import ConversionResult, Diagnostic, Document
from .readers.base import Flow
from .readers.markdown import read_markdown
from .readers.ocr import read_ocr
from .readers.pdf_text import read_pdf_text
from .structure import parse_structure

READERS = {"pdf-text": read_pdf_text, "markdown": read_markdown, "ocr": read_ocr}


def read(source: Source) -> Flow:
    return READERS[source.format](source.lines)


def documents_of(source: Source) -> tuple[Document, ...]:
    flow = read(source)
    parts = parse_structure(flow, source.entries, source.format, source.path)
    documents = []
    for entry, part in zip(source.entries, parts, strict=True):
        if not part["paragraphs"] and not part["heading"]:
            raise SourceError(source.path, 1, f"no text found for '{entry['slug']}'")
        first_line = min(
            [block.line for block in part["heading"]]
            + [paragraph.line for paragraph in part["paragraphs"]],
            default=1,
        )
        documents.append(
            Document(
                slug=entry["slug"],
                symbol=entry.get("symbol", ""),
                title=entry["title"],
                body=entry["body"],
                type=entry["type"],
                date=entry["date"],
                source=entry["source"],
                format=source.format,  # type: ignore[arg-type]
                source_path=source.path,
                line=first_line,
                format_detected=source.format_detected,
                **part,
            )
        )
    return tuple(documents)


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def convert_file(path: Path | str, root: Path | None = None) -> ConversionResult:
    """Convert one source file (every text it holds)."""
    path = Path(path)
    source = load_source(path, display_path(path, root))
    return ConversionResult(documents=documents_of(source), diagnostics=source.diagnostics)


def convert_bytes(raw: bytes, name: str = "<texte>") -> ConversionResult:
    """Convert a source given as bytes (tests, previews); ``name`` is shown in errors."""
    source = parse_source(raw, name, Path(name).stem)
    return ConversionResult(documents=documents_of(source), diagnostics=source.diagnostics)


def source_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.txt") if path.is_file())


def convert_paths(paths: Iterable[Path], root: Path | None = None) -> ConversionResult:
    """Convert several files; slugs and symbols must be unique across them."""
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    seen_slugs: dict[str, Document] = {}
    seen_symbols: dict[tuple[str, str], Document] = {}
    for path in paths:
        result = convert_file(path, root)
        diagnostics.extend(result.diagnostics)
        for document in result.documents:
            if document.slug in seen_slugs:
                other = seen_slugs[document.slug]
                raise SourceError(
                    document.source_path,
                    2,
                    f"slug '{document.slug}' is already used by {other.source_path}",
                )
            seen_slugs[document.slug] = document
            if document.symbol:
                key = (document.body, document.symbol)
                if key in seen_symbols:
                    other = seen_symbols[key]
                    raise SourceError(
                        document.source_path,
                        2,
                        f"symbol '{document.symbol}' is already used by {other.source_path}",
                    )
                seen_symbols[key] = document
            documents.append(document)
    return ConversionResult(documents=tuple(documents), diagnostics=tuple(diagnostics))


def convert_corpus(folder: Path | str, root: Path | None = None) -> ConversionResult:
    """Convert every ``*.txt`` source of ``folder``."""
    folder = Path(folder)
    return convert_paths(source_files(folder), root if root is not None else folder.parent)


__all__ = [
    "BODIES",
    "convert_bytes",
    "convert_corpus",
    "convert_file",
    "convert_paths",
    "documents_of",
    "source_files",
]
