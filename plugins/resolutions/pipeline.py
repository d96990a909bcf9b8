"""The conversion pipeline: each stage a small function over the typed model.

    load ─► read (pdf-text | markdown | ocr | html) ─► structure + footnotes ─► Document
         ─► [per-text annotate: OCR repair, glossary mentions, citations]
         ─► corpus pass (resolve citations, backlinks) ─► render (Markdown, JSON)

``convert_file`` runs the per-file stages; ``convert_corpus`` runs them over a folder and
then the corpus pass.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from . import corpus as corpus_pass
from . import glossary as glossary_stage
from . import model, ocr_repair, unaddressed
from .citations import GlossaryEntry, entries_by_id
from .errors import SourceError
from .load import (
    BODIES,
    NO_FRONT_MATTER,
    Source,
    file_kind,
    load_source,
    parse_source,
    read_source_bytes,
)
from .model import ConversionResult, Diagnostic, Document, ParsedText
from .readers.base import Flow
from .readers.html import read_html
from .readers.markdown import MAX_NESTING, NestingTooDeep, read_markdown
from .readers.ocr import read_ocr
from .readers.pdf_text import NotesNotRead, read_pdf_text
from .structure import parse_structure

T = TypeVar("T")

READERS: dict[str, Callable[..., Flow]] = {
    "pdf-text": read_pdf_text,
    "markdown": read_markdown,
    "ocr": read_ocr,
    "html": read_html,
}


def read(source: Source) -> Flow:
    try:
        if source.format in ("pdf-text", "ocr", "markdown"):
            # Their furniture stage needs the text's own symbols: running headers repeat them.
            symbols = [entry.get("symbol", "") for entry in source.entries]
            return READERS[source.format](source.lines, symbols)
        return READERS[source.format](source.lines)
    except NotesNotRead as error:
        after = error.after if len(error.after) <= 60 else f"{error.after[:60]}…"
        raise SourceError(
            source.path,
            error.line,
            f"the rule '____' on this line is followed by '{after}', which is not a "
            "numbered note: the notes of the page would be read as the text's own words. "
            "If the copy lost its line breaks or its note numbers (a flattened copy, some "
            "PDF viewers), paste it again with one printed line per line and each note "
            "starting with its number ('1 Voir résolution 55/2.')",
        ) from None
    except NestingTooDeep as error:
        raise SourceError(
            source.path,
            error.line,
            f"Markdown nested more than {MAX_NESTING} levels deep (a list in a list counts "
            "two) starts here: the Markdown parser would drop its words; flatten the lists",
        ) from None


def repair_ocr(document: Document, entry: dict, path: str) -> Document:
    """OCR word repair for a scanned text, with the editors' decisions from its metadata
    (editors' own corrections apply to any text)."""
    raw_decisions = entry.get("corrections")
    if document.format != "ocr" and not raw_decisions:
        return document
    if document.lang != "fr" and not raw_decisions:
        # The repair knows French words only: an English scan is published as scanned
        # rather than "corrected" into French.
        return document
    decisions = ocr_repair.parse_decisions(raw_decisions, path, entry.get("corrections_line", 2))
    try:
        lexicon = ocr_repair.french_lexicon()
    except FileNotFoundError as error:
        raise SourceError(path, document.line, f"OCR repair needs a lexicon: {error}") from None
    return ocr_repair.repair(document, lexicon, decisions)


MAX_BLOCK_CHARS = 200_000
"""One paragraph (or note) at most this long: the longest of the corpus is under 5,000
characters; a run of cut blocks all joined into one is a broken paste."""
MAX_PARAGRAPHS = 30_000
MAX_NOTES = 5_000
"""Per text: a resolution has tens of paragraphs and notes, a long report a few
thousand.  Each paragraph is a search entry and a part of a page: 1,000,000 of them
took 15 minutes and 3 GB to build."""


def _check_limits(flow: Flow, path: str) -> None:
    for raw in flow.blocks:
        if len(raw.text) > MAX_BLOCK_CHARS:
            raise SourceError(
                path,
                raw.line,
                f"a paragraph of {len(raw.text):,} characters starts here, over the limit of "
                f"{MAX_BLOCK_CHARS:,}: are blank lines missing between paragraphs?",
            )
    if len(flow.notes) > MAX_NOTES:
        line = list(flow.notes.values())[MAX_NOTES].line
        raise SourceError(
            path, line, f"{len(flow.notes):,} notes, over the limit of {MAX_NOTES:,} for a file"
        )
    for number, note in flow.notes.items():
        if len(note.text) > MAX_BLOCK_CHARS:
            raise SourceError(
                path,
                note.line,
                f"note {number} is over the limit of {MAX_BLOCK_CHARS:,} characters",
            )


def _check_counts(part: ParsedText, entry: dict, path: str) -> None:
    # An annex's paragraphs count too: the limit bounds the text, wherever it is printed.
    paragraphs = [*part.paragraphs, *(p for annex in part.annexes for p in annex.paragraphs())]
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise SourceError(
            path,
            paragraphs[MAX_PARAGRAPHS].line,
            f"'{entry['slug']}' has {len(paragraphs):,} paragraphs, over the limit of "
            f"{MAX_PARAGRAPHS:,} for one text; this is paragraph {MAX_PARAGRAPHS + 1:,}",
        )


FRONT_MATTER_DETAILS = ("session", "agenda_item", "agenda_title", "draft_symbol", "report_symbol")
"""Cover-block facts that ``resolutions import`` writes into the front matter (the PDF's
cover is taken out of the text, so only the front matter still says them)."""


def with_front_matter_details(
    details: tuple[tuple[str, str], ...], entry: dict
) -> tuple[tuple[str, str], ...]:
    """The details the text printed, then those its front matter gives and the text
    does not print (the printed value wins: it is what the check compares)."""
    printed = {name for name, _ in details}
    return details + tuple(
        (name, entry[name])
        for name in FRONT_MATTER_DETAILS
        if entry.get(name) and name not in printed
    )


def documents_of(source: Source, repair: bool = True) -> tuple[Document, ...]:
    """The texts of a source; ``repair=False`` stops before OCR word repair (the words
    exactly as scanned, for reviewing the repair stage itself)."""
    flow = read(source)
    _check_limits(flow, source.path)
    parts = parse_structure(flow, source.entries, source.format, source.path)
    documents = []
    for entry, part in zip(source.entries, parts, strict=True):
        if not part.paragraphs and not part.heading:
            raise SourceError(source.path, 1, f"no text found for '{entry['slug']}'")
        _check_counts(part, entry, source.path)
        first_line = min(
            [block.line for block in part.heading]
            + [paragraph.line for paragraph in part.paragraphs],
            default=1,
        )
        fields = part.document_fields()
        fields["details"] = with_front_matter_details(part.details, entry)
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
                **fields,  # type: ignore[arg-type]
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


def display_paths(
    paths: Iterable[Path], root: Path | None, links: set[Path] | None = None
) -> list[str]:
    """``display_path`` of each path, each folder resolved once (``resolve`` walks every
    part of a path: a tenth of a second for 1,000 files, at every rebuild of the
    preview) and each file's name joined to its folder's as a string (``relative_to``
    on each of 10,000 paths took half a second of a rebuild).  A file that is itself a
    link is resolved whole, as ``display_path`` does; ``links``: the paths that are
    links, when the folder's listing said so (else each path is asked)."""
    if root is None:
        return [path.as_posix() for path in paths]
    resolved_root = root.resolve()
    folders: dict[Path, str | None] = {}
    """A folder → its resolved form relative to the root ("" for the root itself), or
    None when it is outside."""
    shown = []
    for path in paths:
        name = path.name
        is_link = path in links if links is not None else os.path.islink(path)
        if name in ("", ".", "..") or is_link:
            shown.append(display_path(path, root))
            continue
        folder = path.parent
        if folder not in folders:
            folders[folder] = _shown_folder(folder, resolved_root)
        shown.append(_shown_in(folders[folder], path, name))
    return shown


def _shown_folder(folder: Path, resolved_root: Path) -> str | None:
    """How ``display_paths`` shows a folder: resolved, relative to the (resolved) root,
    "" for the root itself; None when it is outside."""
    try:
        relative = folder.resolve().relative_to(resolved_root).as_posix()
    except ValueError:
        return None
    return "" if relative == "." else relative


def _shown_in(folder: str | None, path: Path, name: str) -> str:
    """``display_paths``'s path of a file ``name`` (not a link) in a folder shown as
    ``folder`` (see _shown_folder)."""
    if folder is None:
        return path.as_posix()
    return f"{folder}/{name}" if folder else name


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


IGNORED_FILES = (".gitkeep",)


def scan_folder(folder: Path, root: Path | None = None) -> tuple[list[Path], list[Diagnostic]]:
    """The source texts of ``folder`` and what is wrong with the rest of it: every file
    there is a text (``*.txt``, a regular file), the glossary, the list of accepted
    unaddressed citations (``unaddressed.ACCEPTED_FILE``), or an error (a sub-folder,
    ``*.TXT``, a link out of the folder, a FIFO or a device, which are never opened).
    No text at all is an error."""
    listing = list_folder(folder, root)
    return listing.texts, listing.problems


@dataclass
class FolderListing:
    """What one listing of a sources folder found (``list_folder``)."""

    texts: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    statuses: dict[Path, tuple[int, ...]] = field(default_factory=dict)
    """Each text's ``file_status``, taken as it was listed."""
    links: set[Path] = field(default_factory=set)
    """The texts that are links (to a file of the folder)."""
    shown: list[str] = field(default_factory=list)
    """Each text's path as ``display_paths`` shows it (relative to the root), in the
    order of ``texts``."""


def list_folder(
    folder: Path, root: Path | None = None, paths: dict[str, Path] | None = None
) -> FolderListing:
    """``scan_folder``, with each text's status and whether it is a link, from the one
    system call a file that the listing makes (``DirEntry.stat``): a preview at 10,000
    texts asked again for each text's status (``Memo.unchanged_source``) and whether it
    is a link (``display_paths``), three calls a file at each rebuild.  Each text's
    shown path is made here too, from the folder's, resolved once.  ``paths``: the
    ``Path`` of each name of ``folder`` that an earlier listing made, handed out again
    and completed (a preview's: making 10,000 paths and hashing each as a new object
    was a twentieth of a rebuild at 10,000 texts)."""
    listing = FolderListing()
    texts, problems = listing.texts, listing.problems
    inside = folder.resolve()
    known = paths if paths is not None else {}
    if root is None:
        shown_folder: str | None = None
    else:
        shown_folder = _shown_folder(folder, root.resolve())

    def problem(path: Path, message: str) -> None:
        problems.append(Diagnostic(display_path(path, root), 1, "error", message))

    try:
        # scandir: whether each entry is a link without a system call, its status with
        # one (Path.is_symlink then Path.stat were two, 10,000 of each at each rebuild
        # of a preview at 10,000 texts).
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=operator.attrgetter("name"))
    except OSError as error:
        problem(folder, f"cannot read the folder: {error.strerror}")
        return listing
    for entry in entries:
        name = entry.name
        if name in IGNORED_FILES:
            continue
        path = known.get(name)
        if path is None:
            path = known[name] = folder / name
        is_link = entry.is_symlink()
        if is_link:
            target = path.resolve()
            if not target.is_relative_to(inside):
                problem(path, f"a link to {target}, outside {folder.name}/: copy the file in")
                continue
        try:
            status = entry.stat()
        except OSError as error:
            problem(path, f"cannot read the file: {error.strerror}")
            continue
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            problem(
                path,
                f"a sub-folder: texts sit directly in {folder.name}/, sub-folders are not read",
            )
        elif not stat.S_ISREG(mode):
            problem(path, f"{file_kind(mode)}, not a text file: nothing was read from it")
        elif entry.name in (GLOSSARY_FILE, unaddressed.ACCEPTED_FILE):
            continue
        elif not entry.name.endswith(".txt"):
            problem(
                path,
                f"not a source text: a text is named *.txt (lower case), the glossary "
                f"{GLOSSARY_FILE}; move other files out of {folder.name}/",
            )
        else:
            texts.append(path)
            listing.statuses[path] = status_of(status)
            if is_link:
                listing.links.add(path)
                listing.shown.append(display_path(path, root))
            else:
                listing.shown.append(_shown_in(shown_folder, path, name))
    if not texts:
        problem(folder, "no source text (*.txt) in this folder: there is nothing to publish")
    if len(known) > len(entries):  # names gone from the folder: their paths dropped
        listed_names = {entry.name for entry in entries}
        for name in known.keys() - listed_names:
            del known[name]
    return listing


def source_files(folder: Path) -> list[Path]:
    return scan_folder(folder)[0]


@lru_cache(maxsize=1)
def converter_fingerprint() -> str:
    """A hash of the converter's own code: a cached conversion is reused only by the
    exact code that made it."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


MODEL_TYPES: dict[str, type] = {
    name: value
    for name, value in vars(model).items()
    if isinstance(value, type) and is_dataclass(value) and value.__module__ == model.__name__
}
"""The classes a cached conversion may hold: the model's dataclasses, nothing else."""
MODEL_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(item.name for item in fields(cls)) for cls in MODEL_TYPES.values()
}
"""Each model class's field names, in order: ``dataclasses.fields`` builds its tuple
anew at each call, and was most of ``encode_model``'s time."""
CACHE_FORMAT = 2
CACHE_MAGIC = b"resolutions-cache"
"""An entry's first line: ``CACHE_MAGIC``, ``CACHE_FORMAT``, its key and the SHA-256 of
the rest, separated by spaces; the rest is the conversion, as JSON."""


def encode_model(value: object) -> object:
    """A model value as JSON data: a dataclass is an object naming its class in ``"@"``,
    a tuple a list; anything else than the model's classes and plain values is refused
    (``TypeError``)."""
    cls = type(value)
    if cls is str or value is None:
        return value
    names = MODEL_FIELDS.get(cls)
    if names is not None:
        encoded: dict[str, object] = {"@": cls.__name__}
        for name in names:
            encoded[name] = encode_model(getattr(value, name))
        return encoded
    if isinstance(value, tuple | list):
        return [encode_model(item) for item in value]
    if isinstance(value, str | int | float):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        raise TypeError(f"not a model class: {cls!r}")
    raise TypeError(f"cannot cache a {cls.__name__}")


def decode_model(data: object) -> object:
    """The inverse of ``encode_model``; ``ValueError`` on anything it did not make."""
    if isinstance(data, list):
        return tuple(decode_model(item) for item in data)
    if isinstance(data, dict):
        cls = MODEL_TYPES.get(data.get("@"))  # type: ignore[arg-type]
        if cls is None:
            raise ValueError(f"unknown class {data.get('@')!r}")
        names = MODEL_FIELDS[cls]
        # "@" and each field, nothing else: as many keys, and each name among them.
        if len(data) != len(names) + 1 or not all(name in data for name in names):
            raise ValueError(f"fields of {cls.__name__} differ")
        return cls(**{name: decode_model(data[name]) for name in names})
    if data is None or isinstance(data, str | int | float):
        return data
    raise ValueError(f"unexpected {type(data).__name__}")


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class ConversionCache:
    """Conversions of unchanged sources, kept by content hash (so an edit reconverts
    one text, and a rename reconverts nothing).

    An entry is data, not code: a first line with the key it was made for (converter
    version, shown path, SHA-256 of the source) and the SHA-256 of the rest, then the
    model as JSON (``encode_model``), all checked on reading.  The checksum is of the
    bytes as written, so neither writing nor reading puts the JSON in a canonical form
    (writing an entry, its JSON sorted and written twice, was a third of a conversion
    worker's time at 10,000 texts).  A
    damaged or unreadable entry is a miss: the text is converted again and ``lookup``
    says why."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _key(self, raw: bytes, shown: str, stage: bytes = b"") -> str:
        """The key of a conversion; ``stage`` names what was done beyond converting
        (``Preparation.stage``: the glossary's bytes among it), empty for nothing."""
        staged = stage + b"\0" if stage else b""
        return hashlib.sha256(
            converter_fingerprint().encode() + b"\0" + shown.encode() + b"\0" + staged + raw
        ).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.entry"

    def lookup(
        self, raw: bytes, shown: str, stage: bytes = b""
    ) -> tuple[ConversionResult | None, str | None]:
        """(the cached conversion or None, why an entry found was not used)."""
        key = self._key(raw, shown, stage)
        path = self._path(key)
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError as error:
            return None, f"cannot read the cached conversion {path}: {error.strerror}"
        try:
            header, _, payload = content.partition(b"\n")
            header_parts = header.split(b" ")
            if len(header_parts) != 4:
                raise ValueError("not a cache entry")
            magic, version, entry_key, digest = header_parts
            if magic != CACHE_MAGIC or version != str(CACHE_FORMAT).encode():
                raise ValueError("not a cache entry of this version")
            if entry_key != key.encode():
                raise ValueError("made for another source or converter")
            if digest != hashlib.sha256(payload).hexdigest().encode():
                raise ValueError("its content does not match its checksum")
            result = decode_model(json.loads(payload))
            if not isinstance(result, ConversionResult):
                raise ValueError("not a conversion")
        except (ValueError, TypeError, RecursionError) as error:
            return None, f"damaged cached conversion {path} ({error}): converted again"
        return result, None

    def get(self, raw: bytes, shown: str, stage: bytes = b"") -> ConversionResult | None:
        return self.lookup(raw, shown, stage)[0]

    def put(self, raw: bytes, shown: str, result: ConversionResult, stage: bytes = b"") -> None:
        try:
            payload = _json_bytes(encode_model(result))
        except TypeError:
            return  # nothing but the model is cached
        key = self._key(raw, shown, stage)
        digest = hashlib.sha256(payload).hexdigest()
        header = b" ".join([CACHE_MAGIC, str(CACHE_FORMAT).encode(), key.encode(), digest.encode()])
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(header + b"\n" + payload)
        temporary.replace(path)


def _read(path: Path, shown: str) -> bytes:
    return read_source_bytes(path, shown)


@dataclass(frozen=True)
class Preparation:
    """The corpus pass's part that needs only one text and the glossary, done where
    the text is converted (a conversion's worker, on every core) and cached with it:
    the glossary's mentions (``glossary.annotate``), then the citations the text makes,
    found but not resolved (``corpus.with_candidates``).  What needs the whole corpus,
    resolving them and the backlinks, is ``annotate_corpus``'s (``_resolve``)."""

    glossary: glossary_stage.Glossary | None
    digest: bytes
    """SHA-256 of the glossary file's bytes (empty with no glossary): in the cache's
    key, so that a glossary edited tags every text again."""
    found: dict[str, PreparedText] = field(default_factory=dict, compare=False, repr=False)
    """Slug → what a worker found in that text beside preparing it (see
    ``PreparedText``), filled in by ``convert_paths`` in the process that called it."""

    @property
    def stage(self) -> bytes:
        """What the conversion cache's key says of this preparation."""
        return b"prepared:" + self.digest.hex().encode()

    def prepare(self, document: Document) -> Document:
        return prepared(document, self.glossary, self.entries)

    @cached_property
    def entries(self) -> Mapping[str, GlossaryEntry]:
        return entries_by_id(self.glossary or ())


@dataclass(frozen=True)
class PreparedText:
    """What the corpus pass reads of one prepared text, worked out by the worker that
    prepared it (never cached: it is quickly made again from the text): its anchors
    (``corpus.anchors_of``) and its own index of mentions (``MentionIndex.build``;
    ``_resolve`` keeps every mention, so the corpus's index is put together from them)."""

    anchors: frozenset[str]
    mentions: glossary_stage.MentionIndex

    @classmethod
    def of(cls, document: Document) -> PreparedText:
        return cls(corpus_pass.anchors_of(document), glossary_stage.MentionIndex.build((document,)))


def prepared(
    document: Document,
    glossary: glossary_stage.Glossary | None,
    entries: Mapping[str, GlossaryEntry],
) -> Document:
    """``document`` tagged with the glossary's mentions and its citations found (see
    ``Preparation``); ``entries``: the glossary's entries by id."""
    tagged = glossary_stage.annotate(document, glossary) if glossary is not None else document
    return corpus_pass.with_candidates(tagged, entries)


_worker_preparation: Preparation | None = None
"""In a conversion's worker: the preparation its parent asked for (``_start_worker``)."""


def _start_worker(parent: int, preparation: Preparation | None) -> None:
    """A conversion's worker: dies with ``parent``, prepares with ``preparation`` (given
    once to each worker: the glossary's matcher is compiled once per process)."""
    global _worker_preparation
    die_with_parent(parent)
    _worker_preparation = preparation


def _convert_in_worker(
    job: tuple[Path, str, Path | None, bool, bytes | None],
) -> tuple[ConversionResult, dict[str, PreparedText]]:
    """``_convert_one`` in a worker, with what it found in each text if it prepared
    them (``PreparedText``: work the main process is spared)."""
    result = _convert_one(job, _worker_preparation)
    if _worker_preparation is None:
        return result, {}
    return result, {document.slug: PreparedText.of(document) for document in result.documents}


def _convert_one(
    job: tuple[Path, str, Path | None, bool, bytes | None],
    preparation: Preparation | None = None,
) -> ConversionResult:
    """Convert one file, then ``preparation`` if any; ``raw`` is its content when the
    caller has read it already."""
    path, shown, cache_folder, require_metadata, raw = job
    if raw is None:
        raw = _read(path, shown)
    cache = ConversionCache(cache_folder) if cache_folder is not None else None
    stage = preparation.stage if preparation is not None else b""
    damaged = None
    if cache is not None:
        cached, damaged = cache.lookup(raw, shown, stage)
        if cached is not None:
            return cached
    source = parse_source(raw, shown, path.stem)
    if require_metadata and not source.has_front_matter:
        raise SourceError(shown, 1, NO_FRONT_MATTER)
    documents = documents_of(source)
    if preparation is not None:
        documents = tuple(preparation.prepare(document) for document in documents)
    result = ConversionResult(documents=documents, diagnostics=source.diagnostics)
    if cache is not None:
        cache.put(raw, shown, result, stage)
    if damaged is not None:
        warning = Diagnostic(shown, 1, "warning", damaged)
        result = ConversionResult(result.documents, (*result.diagnostics, warning))
    return result


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
"""Held while processes are forked (see ``stop_signals_held``)."""


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when the process that started it dies (Linux's
    PR_SET_PDEATHSIG), so that a build killed midway leaves no worker running; and
    take the stop signals the parent held while it forked."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


@contextmanager
def stop_signals_held() -> Iterator[set[int | signal.Signals] | None]:
    """The stop signals held in this thread for the block, while processes are forked:
    one that came during ``os.fork`` was raised in an after-fork callback (the logging
    module's), which swallows exceptions ("Exception ignored"), and a stopped build
    went on to publish the site; held, it comes once the block is done.  Yields the
    mask before, which a forked child puts back (None where signals cannot be held)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield None
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield before
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


PARALLEL_THRESHOLD = 48
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class SourceState:
    """What a preview knows of a source file it read: its status (device, inode, type,
    size, modification and change times) and the SHA-256 of the bytes it read then."""

    status: tuple[int, ...] | None
    """None when the file may have changed within the file system's clock tick after
    it was read (see ``of``): such a file is read again."""
    digest: bytes

    @classmethod
    def of(cls, path: Path, digest: bytes, read_at: int) -> SourceState:
        """The state of ``path`` whose bytes, read from ``read_at`` (``time.time_ns``)
        on, hash to ``digest``.  A file modified less than RACY_NS before the reading
        began (or after it) is not known by its status: a second write within the same
        tick of the file system's clock, of the same size, would leave it unchanged
        (git's "racily clean" entries)."""
        try:
            status = file_status(path)
        except OSError:
            return cls(None, digest)
        if status[4] >= read_at - RACY_NS:  # its st_mtime_ns
            return cls(None, digest)
        return cls(status, digest)


RACY_NS = 2_000_000_000
"""How recent a file's modification time may be, before it was read, for its status
alone to say it is unchanged later: two seconds, over every file system's clock tick
(FAT's is two seconds; ext4's and tmpfs's a few milliseconds)."""


def file_status(path: Path) -> tuple[int, ...]:
    """What changes when a file's bytes do (``os.stat``, following links as reading
    does): its device and inode (an editor that saves by renaming a new file over
    it), type, size, modification and change times (``touch`` can set the first
    back, never the second)."""
    return status_of(os.stat(path))


def status_of(info: os.stat_result) -> tuple[int, ...]:
    """``file_status`` of a status already taken."""
    return (
        info.st_dev,
        info.st_ino,
        info.st_mode,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    )


class Memo:
    """What an earlier run in the same process made, reused when its inputs have not
    changed: ``mkdocs serve`` rebuilds the whole site after every edit, and an edit
    changes one text.  Each kind of result is keyed by everything it is made from (a
    source's bytes, a document's value); a run keeps only the results it used, so the
    memo holds one corpus.  The one cache of a preview: the conversion's stages, the
    checks, and what the site makes of the corpus (``made``)."""

    def __init__(self) -> None:
        self.conversions: dict[tuple[str, bool, bytes, bytes], ConversionResult] = {}
        """(shown path, metadata required, SHA-256 of the bytes, ``Preparation.stage``
        or empty) → the conversion."""
        self.sources: dict[str, SourceState] = {}
        """Shown path → the source file's state when it was last read: a file whose
        status is unchanged is not read and hashed again (at 10,000 texts, reading
        and hashing every source was a tenth of each rebuild of a preview)."""
        self.glossary: tuple[str, bytes, glossary_stage.Glossary] | None = None
        """(shown path, SHA-256 of the file, the glossary read from it)."""
        self.tagged: dict[int, tuple[Document, glossary_stage.Glossary | None, Document]] = {}
        """id(converted document) → (that document, the glossary, the document tagged)."""
        self.citation_index: corpus_pass.CorpusIndex | None = None
        """What the citations were resolved against in the last run."""
        self.cited: dict[int, tuple[Document, Document, corpus_pass.Backlinks]] = {}
        """id(tagged document) → (that document, the document with its citations, the
        backlinks it gives), valid while the index is equal to ``citation_index``."""
        self.anchors: dict[int, tuple[Document, frozenset[str]]] = {}
        """id(tagged document) → (that document, its anchors): the index's part of it."""
        self.gathering = corpus_pass.Gathering()
        """The backlinks of the last run, by citing text (see ``corpus.Gathering``)."""
        self.mentions: dict[str, tuple[Document, glossary_stage.MentionIndex]] = {}
        """Slug → (the annotated document, the mentions it holds)."""
        self.mention_index: glossary_stage.MentionIndex | None = None
        self.mention_order: tuple[str, ...] = ()
        """The corpus's index of mentions in the last run, and its texts in order."""
        self.checked: dict[int, tuple[Document, list[Diagnostic]]] = {}
        """id(document) → (that document, what ``checks.check_documents`` found in it)."""
        self.made = Made(remember=True)
        """Pages' Markdown and search entries, by what they are made from."""
        self.paths: tuple[Path, dict[str, Path]] | None = None
        """The sources folder and the ``Path`` of each name listed in it (see
        ``list_folder``)."""

    def paths_in(self, folder: Path) -> dict[str, Path]:
        """The ``Path`` of each name of ``folder`` that earlier listings made."""
        if self.paths is None or self.paths[0] != folder:
            self.paths = (folder, {})
        return self.paths[1]

    def unchanged_source(
        self, path: Path, shown: str, status: tuple[int, ...] | None = None
    ) -> SourceState | None:
        """The state of ``path`` as last read, if its status (``status``: as the
        folder's listing took it, else asked now) says it has not changed since; else
        None (read it)."""
        known = self.sources.get(shown)
        if known is None or known.status is None:
            return None
        if status is None:
            try:
                status = file_status(path)
            except OSError:
                return None  # reading it says why
        return known if status == known.status else None


class Made:
    """What was made from the corpus in the previous build (pages' Markdown, search
    entries), by name, with what it was made from; ``get`` hands it back while those
    inputs are equal.  Only ``mkdocs serve`` builds twice in a process: elsewhere
    (``remember=False``) nothing is kept.  Inputs are mostly the very objects of the
    previous build (see Memo), which compare equal at once."""

    def __init__(self, remember: bool = False) -> None:
        self.remember = remember
        self.previous: dict[str, tuple[object, Any]] = {}
        self.current: dict[str, tuple[object, Any]] = {}

    def next_build(self) -> None:
        self.previous, self.current = self.current, {}

    def get(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        if not self.remember:
            return make()
        found = self.previous.get(name)
        result = found[1] if found is not None and found[0] == inputs else make()
        self.current[name] = (inputs, result)
        return result

    def unchanged(self, name: str, inputs: object) -> bool:
        """Whether ``inputs`` are those given under ``name`` in the previous build
        (remembered for the next; never, when nothing is kept)."""
        if not self.remember:
            return False
        found = self.previous.get(name)
        self.current[name] = (inputs, None)
        return found is not None and found[0] == inputs

    def carried(self, name: str) -> Any:
        """What ``get`` made under ``name`` in the previous build, kept for the next
        as it is, without its inputs compared (the caller knows they are equal); None
        if nothing was."""
        found = self.previous.get(name) if self.remember else None
        if found is None:
            return None
        self.current[name] = found
        return found[1]


def _digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()


def convert_paths(
    paths: Iterable[Path],
    root: Path | None = None,
    jobs: int | None = 1,
    cache: Path | None = None,
    require_metadata: bool = False,
    memo: Memo | None = None,
    listing: FolderListing | None = None,
    preparation: Preparation | None = None,
) -> ConversionResult:
    """Convert several files; slugs, and symbols within a body and a language, must be
    unique across them (a text may be published in French and in English).

    ``jobs`` worker processes (``None``: one per core) share the files; ``cache`` is a
    folder where conversions are kept by content hash.  ``require_metadata`` refuses a
    file with no front matter (what is published must be described; ``convert`` alone
    accepts a raw file, to try it).  ``memo`` keeps conversions in memory between runs:
    a file whose bytes are unchanged is not converted again; ``listing``: the listing of
    the folder the paths come from (``list_folder``), whose statuses ``memo`` trusts.
    ``preparation``: what is done to each text once converted (see ``Preparation``),
    in the same worker, and cached with its conversion."""
    stage = preparation.stage if preparation is not None else b""
    paths = list(paths)
    links = listing.links if listing is not None else None
    statuses = listing.statuses if listing is not None else {}
    if (
        listing is not None
        and len(listing.shown) == len(paths) == len(listing.texts)
        and all(map(operator.is_, paths, listing.texts))
    ):
        shown_paths = listing.shown  # the listing's texts, shown as it listed them
    else:
        shown_paths = display_paths(paths, root, links)
    work: list[tuple[Path, str, Path | None, bool, bytes | None]] = [
        (path, shown, cache, require_metadata, None)
        for path, shown in zip(paths, shown_paths, strict=True)
    ]
    results: list[ConversionResult | None] = [None] * len(work)
    keys: list[tuple[str, bool, bytes, bytes]] = []
    if memo is not None:
        sources: dict[str, SourceState] = {}
        for index, (path, shown, _, _, _) in enumerate(work):
            state = memo.unchanged_source(path, shown, statuses.get(path))
            if state is not None:
                result = memo.conversions.get((shown, require_metadata, state.digest, stage))
                if result is not None:
                    sources[shown] = state
                    keys.append((shown, require_metadata, state.digest, stage))
                    results[index] = result
                    continue
            read_at = time.time_ns()
            raw = _read(path, shown)
            sources[shown] = SourceState.of(path, _digest(raw), read_at)
            keys.append((shown, require_metadata, sources[shown].digest, stage))
            results[index] = memo.conversions.get(keys[-1])
            # The bytes hashed are the bytes converted, even if the file changes meanwhile.
            work[index] = (path, shown, cache, require_metadata, raw)
        memo.sources = sources
    missing = [index for index, result in enumerate(results) if result is None]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(missing) >= PARALLEL_THRESHOLD:
        chunk = max(len(missing) // 64, 8)
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(os.getpid(), preparation)
        ) as pool:
            with stop_signals_held():  # the workers are forked as the jobs are handed out
                converted = pool.map(
                    _convert_in_worker, [work[i] for i in missing], chunksize=chunk
                )
            for index, (result, found) in zip(missing, converted, strict=True):
                results[index] = result
                if preparation is not None:
                    preparation.found.update(found)
    else:
        for index in missing:
            results[index] = _convert_one(work[index], preparation)
    converted_all = [result for result in results if result is not None]
    assert len(converted_all) == len(results), "every file converted"
    if memo is not None:
        memo.conversions = dict(zip(keys, converted_all, strict=True))
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    seen_slugs: dict[str, Document] = {}
    seen_symbols: dict[tuple[str, str, str], Document] = {}
    for result in converted_all:
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
                key = (document.body, document.lang, document.symbol)
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
    memo: Memo | None = None,
    preparation: Preparation | None = None,
) -> ConversionResult:
    """Convert every ``*.txt`` source of ``folder`` (and prepare each, see
    ``Preparation``)."""
    folder = Path(folder)
    root = root if root is not None else folder.parent
    listing = list_folder(folder, root, memo.paths_in(folder) if memo is not None else None)
    for problem in listing.problems:
        if problem.severity == "error":
            raise SourceError(problem.path, problem.line, problem.message)
    result = convert_paths(
        listing.texts,
        root,
        jobs,
        cache,
        require_metadata=True,
        memo=memo,
        listing=listing,
        preparation=preparation,
    )
    return ConversionResult(result.documents, (*listing.problems, *result.diagnostics))


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


def load_glossary_of(
    folder: Path, root: Path | None = None, memo: Memo | None = None
) -> glossary_stage.Glossary | None:
    """The glossary that sits beside the source texts, if there is one (with ``memo``:
    the same object as the run before while the file's bytes are the same)."""
    path = folder / GLOSSARY_FILE
    if not path.exists():
        return None
    shown = display_path(path, root)
    if memo is None:
        return glossary_stage.load_glossary(path, shown)
    digest = _digest(_read(path, shown))
    if memo.glossary is not None and memo.glossary[:2] == (shown, digest):
        return memo.glossary[2]
    glossary = glossary_stage.load_glossary(path, shown)
    memo.glossary = (shown, digest, glossary)
    return glossary


def _prepare(
    documents: Iterable[Document], glossary: glossary_stage.Glossary | None, memo: Memo | None
) -> tuple[Document, ...]:
    """Each text prepared (see ``Preparation``); with ``memo``, a text converted in an
    earlier run (the very same object) keeps what was found then, if the glossary is
    the same."""
    entries = entries_by_id(glossary or ())
    if memo is None:
        return tuple(prepared(document, glossary, entries) for document in documents)
    kept: dict[int, tuple[Document, glossary_stage.Glossary | None, Document]] = {}
    made = []
    for document in documents:
        found = memo.tagged.get(id(document))
        if found is None or found[0] is not document or found[1] is not glossary:
            found = (document, glossary, prepared(document, glossary, entries))
        kept[id(document)] = found
        made.append(found[2])
    memo.tagged = kept
    return tuple(made)


def _mention_index(
    documents: tuple[Document, ...], memo: Memo | None
) -> glossary_stage.MentionIndex:
    """The index of mentions; with ``memo``, put together from each text's own index,
    kept from earlier runs while the text is equal (often the very same object, which
    compares at once): the same index, built in the same order (texts in corpus order,
    blocks in reading order).  An entry whose texts' sites are all as in the last run
    keeps its sites, and its sites by text, as the very same objects (what the
    glossary's pages are cut from: see ``render.glossary_pages``)."""
    if memo is None:
        return glossary_stage.MentionIndex.build(documents)
    kept: dict[str, tuple[Document, glossary_stage.MentionIndex]] = {}
    changed: dict[str, glossary_stage.MentionIndex | None] = {}
    """Slug → its index in the last run (None: it had none), for the texts whose
    sites changed."""
    for document in documents:
        found = memo.mentions.get(document.slug)
        if found is None or found[0] != document:
            own = glossary_stage.MentionIndex.build((document,))
            if found is not None and own.as_dict() == found[1].as_dict():
                own = found[1]  # the same sites (a title edited): the same objects
            else:
                changed[document.slug] = found[1] if found is not None else None
            found = (document, own)
        kept[document.slug] = found
    order = tuple(kept)
    index = None
    if memo.mention_index is not None and order == memo.mention_order:
        index = _mentions_updated(memo.mention_index, kept, changed)
    if index is None:
        index = _mentions_of(kept)
    memo.mentions, memo.mention_index, memo.mention_order = kept, index, order
    return index


def _mentions_of(
    kept: dict[str, tuple[Document, glossary_stage.MentionIndex]],
) -> glossary_stage.MentionIndex:
    """The corpus's index of mentions from each text's (``kept``, in corpus order)."""
    by_text: dict[str, dict[str, tuple[glossary_stage.MentionSite, ...]]] = {}
    for slug, (_, own) in kept.items():
        for entry_id, named in own.as_dict().items():
            by_text.setdefault(entry_id, {})[slug] = named
    sites = {
        entry_id: tuple(chain.from_iterable(found.values())) for entry_id, found in by_text.items()
    }
    return glossary_stage.MentionIndex(sites, by_text)


def _mentions_updated(
    previous: glossary_stage.MentionIndex,
    kept: dict[str, tuple[Document, glossary_stage.MentionIndex]],
    changed: dict[str, glossary_stage.MentionIndex | None],
) -> glossary_stage.MentionIndex | None:
    """``previous`` (the index of the last run, over the same texts in the same order)
    with the sites of the ``changed`` texts in place of theirs (``changed``: each one's
    index in the last run); None when a changed text names an entry it did not name, or
    no longer names one it named (then the texts of an entry, and perhaps the order of
    the entries, change: the index is built whole)."""
    touched: set[str] = set()
    for slug, before in changed.items():
        now = kept[slug][1]
        if before is None or set(now.entry_ids()) != set(before.entry_ids()):
            return None
        touched.update(now.entry_ids())
    if not touched:
        return previous
    sites = previous.as_dict()
    by_text = {entry_id: previous.by_text(entry_id) for entry_id in sites}
    for entry_id in touched:
        found = dict(by_text[entry_id])  # each text keeps its place
        found.update((slug, kept[slug][1].sites(entry_id)) for slug in changed if slug in found)
        by_text[entry_id] = found
        sites[entry_id] = tuple(chain.from_iterable(found.values()))
    return glossary_stage.MentionIndex(sites, by_text)


def _resolve(
    documents: tuple[Document, ...],
    glossary: glossary_stage.Glossary | None,
    memo: Memo | None,
    found: Mapping[str, PreparedText] | None = None,
) -> tuple[tuple[Document, ...], corpus_pass.CitationIndex]:
    """The citations of prepared texts (see ``Preparation``) resolved against the whole
    corpus, and their backlinks; with ``memo``, a text prepared in an earlier run (the
    very same object) keeps its citations and backlinks, if the corpus index they were
    resolved against is equal to this run's.  Both run the corpus module's per-text
    step (``resolve_candidates``) and ``gather``, so the result is the same.
    ``found``: the texts' anchors, as the workers found them (``PreparedText``)."""
    entries = entries_by_id(glossary or ())
    if memo is None:

        def anchors_found(document: Document) -> frozenset[str]:
            text = found.get(document.slug) if found is not None else None
            return text.anchors if text is not None else corpus_pass.anchors_of(document)

        index = corpus_pass.CorpusIndex.build(documents, entries, anchors_found)
        cited = [corpus_pass.resolve_candidates(document, index) for document in documents]
        backlinks = corpus_pass.gather(
            index, zip(documents, (found[1] for found in cited), strict=True)
        )
        return tuple(found[0] for found in cited), backlinks
    anchors: dict[int, tuple[Document, frozenset[str]]] = {}

    def anchors_of(document: Document) -> frozenset[str]:
        found = memo.anchors.get(id(document))
        if found is None or found[0] is not document:
            found = (document, corpus_pass.anchors_of(document))
        anchors[id(document)] = found
        return found[1]

    index = corpus_pass.CorpusIndex.build(documents, entries, anchors_of)
    memo.anchors = anchors
    if index != memo.citation_index:
        memo.cited = {}
        memo.citation_index = index
    index = memo.citation_index  # the same object while equal: Gathering compares it first
    kept: dict[int, tuple[Document, Document, corpus_pass.Backlinks]] = {}
    for document in documents:
        resolved = memo.cited.get(id(document))
        if resolved is None or resolved[0] is not document:
            resolved = (document, *corpus_pass.resolve_candidates(document, index))
        kept[id(document)] = resolved
    memo.cited = kept
    backlinks = memo.gathering.gather(index, ((found[0], found[2]) for found in kept.values()))
    return tuple(kept[id(document)][1] for document in documents), backlinks


def annotate_corpus(
    documents: Iterable[Document],
    glossary: glossary_stage.Glossary | None,
    memo: Memo | None = None,
) -> tuple[tuple[Document, ...], corpus_pass.CitationIndex, glossary_stage.MentionIndex]:
    """The corpus-wide stages: glossary mentions, then citations resolved against the
    whole corpus with their backlinks, then the index of mentions.  Each is one pass.
    ``memo`` reuses what an earlier run found in the texts that did not change."""
    return annotate_prepared(_prepare(documents, glossary, memo), glossary, memo)


def annotate_prepared(
    documents: Iterable[Document],
    glossary: glossary_stage.Glossary | None,
    memo: Memo | None = None,
    found: Mapping[str, PreparedText] | None = None,
) -> tuple[tuple[Document, ...], corpus_pass.CitationIndex, glossary_stage.MentionIndex]:
    """``annotate_corpus`` of texts already prepared (``Preparation``, with the same
    ``glossary``): what needs the whole corpus.  ``found`` (not with ``memo``): what
    the workers found in the texts (``Preparation.found``), used as it is."""
    annotated, citations = _resolve(tuple(documents), glossary, memo, found)
    if memo is None and found:
        # The corpus's index put together from each text's, as a preview does it.
        mentions = _mentions_of(
            {document.slug: (document, _own_mentions(document, found)) for document in annotated}
        )
        return annotated, citations, mentions
    return annotated, citations, _mention_index(annotated, memo)


def _own_mentions(
    document: Document, found: Mapping[str, PreparedText]
) -> glossary_stage.MentionIndex:
    text = found.get(document.slug)
    if text is not None:
        return text.mentions
    return glossary_stage.MentionIndex.build((document,))


def glossary_digest(folder: Path, root: Path | None = None) -> bytes:
    """SHA-256 of the glossary beside the source texts (empty if there is none)."""
    path = folder / GLOSSARY_FILE
    if not path.exists():
        return b""
    return _digest(_read(path, display_path(path, root)))


def build_corpus(
    folder: Path | str,
    root: Path | None = None,
    jobs: int | None = 1,
    cache: Path | None = None,
    memo: Memo | None = None,
) -> Corpus:
    """Every stage over every source of ``folder``: what ``mkdocs build`` publishes.
    ``memo`` (kept by the caller between runs) spares the work on unchanged texts."""
    folder = Path(folder)
    root = root if root is not None else folder.parent
    glossary = load_glossary_of(folder, root, memo)
    if memo is not None:
        # A preview keeps each text's conversion apart from the glossary: an edit of
        # the glossary tags every text again without converting any.
        converted = convert_corpus(folder, root, jobs, cache, memo)
        documents, citations, mentions = annotate_corpus(converted.documents, glossary, memo)
    else:
        preparation = Preparation(glossary, glossary_digest(folder, root))
        converted = convert_corpus(folder, root, jobs, cache, preparation=preparation)
        documents, citations, mentions = annotate_prepared(
            converted.documents, glossary, found=preparation.found
        )
    return Corpus(documents, glossary, citations, mentions, converted.diagnostics)


__all__ = [
    "BODIES",
    "Corpus",
    "Made",
    "Memo",
    "Preparation",
    "annotate_corpus",
    "annotate_prepared",
    "build_corpus",
    "convert_bytes",
    "convert_corpus",
    "convert_file",
    "convert_paths",
    "documents_of",
    "source_files",
]
