"""The conversion pipeline: each stage a small function over the typed model.

    load ─► read (pdf-text | markdown | ocr) ─► structure + footnotes ─► Document
         ─► [per-text annotate: OCR repair, glossary mentions, citations]
         ─► corpus pass (resolve citations, backlinks) ─► render (Markdown, JSON)

``convert_file`` runs the per-file stages; ``convert_corpus`` runs them over a folder and
then the corpus pass.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import corpus as corpus_pass
from . import glossary as glossary_stage
from . import ocr
from .errors import SourceError
from .load import BODIES, NO_FRONT_MATTER, Source, load_source, parse_source
from .model import ConversionResult, Diagnostic, Document
from .readers.base import Flow
from .readers.markdown import read_markdown
from .readers.ocr import read_ocr
from .readers.pdf_text import read_pdf_text
from .structure import parse_structure

READERS = {"pdf-text": read_pdf_text, "markdown": read_markdown, "ocr": read_ocr}


def read(source: Source) -> Flow:
    return READERS[source.format](source.lines)


def repair_ocr(document: Document, entry: dict, path: str) -> Document:
    """OCR word repair for a scanned text, with the editors' decisions from its metadata
    (editors' own corrections apply to any text)."""
    raw_decisions = entry.get("corrections")
    if document.format != "ocr" and not raw_decisions:
        return document
    decisions = ocr.parse_decisions(raw_decisions, path, entry.get("corrections_line", 2))
    try:
        lexicon = ocr.french_lexicon()
    except FileNotFoundError as error:
        raise SourceError(path, document.line, f"OCR repair needs a lexicon: {error}") from None
    return ocr.repair(document, lexicon, decisions)


def documents_of(source: Source, repair: bool = True) -> tuple[Document, ...]:
    """The texts of a source; ``repair=False`` stops before OCR word repair (the words
    exactly as scanned, for reviewing the repair stage itself)."""
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
    if not repair:
        return tuple(documents)
    return tuple(
        repair_ocr(document, entry, source.path)
        for document, entry in zip(documents, source.entries, strict=True)
    )


def display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def convert_file(
    path: Path | str, root: Path | None = None, repair: bool = True
) -> ConversionResult:
    """Convert one source file (every text it holds)."""
    path = Path(path)
    source = load_source(path, display_path(path, root))
    return ConversionResult(documents=documents_of(source, repair), diagnostics=source.diagnostics)


def convert_bytes(raw: bytes, name: str = "<texte>", repair: bool = True) -> ConversionResult:
    """Convert a source given as bytes (tests, previews); ``name`` is shown in errors."""
    source = parse_source(raw, name, Path(name).stem)
    return ConversionResult(documents=documents_of(source, repair), diagnostics=source.diagnostics)


def source_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.txt") if path.is_file())


@lru_cache(maxsize=1)
def converter_fingerprint() -> str:
    """A hash of the converter's own code: a cached conversion is reused only by the
    exact code that made it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ConversionCache:
    """Conversions of unchanged sources, kept by content hash (so an edit reconverts
    one text, and a rename reconverts nothing)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, raw: bytes, shown: str) -> Path:
        key = hashlib.sha256(
            converter_fingerprint().encode() + b"\0" + shown.encode() + b"\0" + raw
        ).hexdigest()
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, raw: bytes, shown: str) -> ConversionResult | None:
        try:
            with self._path(raw, shown).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, raw: bytes, shown: str, result: ConversionResult) -> None:
        path = self._path(raw, shown)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)


def _convert_one(job: tuple[Path, str, Path | None, bool]) -> ConversionResult:
    path, shown, cache_folder, require_metadata = job
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(shown, 1, f"cannot read the file: {error.strerror}") from None
    cache = ConversionCache(cache_folder) if cache_folder is not None else None
    if cache is not None and (cached := cache.get(raw, shown)) is not None:
        return cached
    source = parse_source(raw, shown, path.stem)
    if require_metadata and not source.has_front_matter:
        raise SourceError(shown, 1, NO_FRONT_MATTER)
    result = ConversionResult(documents=documents_of(source), diagnostics=source.diagnostics)
    if cache is not None:
        cache.put(raw, shown, result)
    return result


PARALLEL_THRESHOLD = 48
"""Below this many files, starting worker processes costs more than it saves."""


def convert_paths(
    paths: Iterable[Path],
    root: Path | None = None,
    jobs: int | None = 1,
    cache: Path | None = None,
    require_metadata: bool = False,
) -> ConversionResult:
    """Convert several files; slugs and symbols must be unique across them.

    ``jobs`` worker processes (``None``: one per core) share the files; ``cache`` is a
    folder where conversions are kept by content hash.  ``require_metadata`` refuses a
    file with no front matter (what is published must be described; ``convert`` alone
    accepts a raw file, to try it)."""
    work = [(path, display_path(path, root), cache, require_metadata) for path in paths]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(work) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_convert_one, work, chunksize=max(len(work) // 64, 8)))
    else:
        results = [_convert_one(job) for job in work]
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    seen_slugs: dict[str, Document] = {}
    seen_symbols: dict[tuple[str, str], Document] = {}
    for result in results:
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


def convert_corpus(
    folder: Path | str,
    root: Path | None = None,
    jobs: int | None = 1,
    cache: Path | None = None,
) -> ConversionResult:
    """Convert every ``*.txt`` source of ``folder``."""
    folder = Path(folder)
    return convert_paths(
        source_files(folder),
        root if root is not None else folder.parent,
        jobs,
        cache,
        require_metadata=True,
    )


GLOSSARY_FILE = "glossaire.yml"


@dataclass(frozen=True)
class Corpus:
    """The whole corpus after every stage: what the site renders."""

    documents: tuple[Document, ...]
    glossary: glossary_stage.Glossary | None
    citations: corpus_pass.CitationIndex
    mentions: glossary_stage.MentionIndex
    diagnostics: tuple[Diagnostic, ...] = ()

    def document(self, slug: str) -> Document | None:
        return next((d for d in self.documents if d.slug == slug), None)


def load_glossary_of(folder: Path, root: Path | None = None) -> glossary_stage.Glossary | None:
    """The glossary that sits beside the source texts, if there is one."""
    path = folder / GLOSSARY_FILE
    if not path.exists():
        return None
    return glossary_stage.load_glossary(path, display_path(path, root))


def annotate_corpus(
    documents: Iterable[Document], glossary: glossary_stage.Glossary | None
) -> tuple[tuple[Document, ...], corpus_pass.CitationIndex, glossary_stage.MentionIndex]:
    """The corpus-wide stages: glossary mentions, then citations resolved against the
    whole corpus with their backlinks, then the index of mentions.  Each is one pass."""
    tagged = tuple(
        glossary_stage.annotate(document, glossary) if glossary is not None else document
        for document in documents
    )
    annotated, citations = corpus_pass.annotate(tagged, glossary or ())
    return annotated, citations, glossary_stage.MentionIndex.build(annotated)


def build_corpus(
    folder: Path | str,
    root: Path | None = None,
    jobs: int | None = 1,
    cache: Path | None = None,
) -> Corpus:
    """Every stage over every source of ``folder``: what ``mkdocs build`` publishes."""
    folder = Path(folder)
    root = root if root is not None else folder.parent
    glossary = load_glossary_of(folder, root)
    converted = convert_corpus(folder, root, jobs, cache)
    documents, citations, mentions = annotate_corpus(converted.documents, glossary)
    return Corpus(documents, glossary, citations, mentions, converted.diagnostics)


__all__ = [
    "BODIES",
    "Corpus",
    "annotate_corpus",
    "build_corpus",
    "convert_bytes",
    "convert_corpus",
    "convert_file",
    "convert_paths",
    "documents_of",
    "source_files",
]
