"""Stage 1: read a source file into metadata and normalised body lines.

``load_source`` guarantees, for every later stage:

- the body is ``str`` decoded from UTF-8 (with or without BOM), or from CP1252 when the
  bytes are not UTF-8 (the fallback is reported as a warning, never silent);
- line ends are ``\\n`` (CRLF and lone CR converted), the text is NFC-normalised,
  tabs are spaces, and no line has trailing white space;
- every body line keeps its line number in the *file* (front matter included), so a
  message can always say ``path:line``;
- metadata is a validated ``dict`` per text (one entry per text for multi-text files),
  with the file-level fields inherited by each entry.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError
from .model import Diagnostic

BODIES = {
    "ag": "Assemblée générale",
    "cnd": "Commission des stupéfiants",
    "ecosoc": "Conseil économique et social",
    "osce-cp": "OSCE, Conseil permanent",
    "osce-cm": "OSCE, Conseil ministériel",
}
TYPES = {"résolution", "décision", "déclaration", "rapport", "document"}
FORMATS = ("pdf-text", "markdown", "ocr", "html")
LANGUAGES = ("fr", "en")
MAX_BYTES = 20 * 1024 * 1024
"""Larger sources are refused: no resolution comes near it, and a runaway paste should
fail fast with a clear message rather than stall the build."""

NO_FRONT_MATTER = (
    "no front matter: a source text starts with its metadata (symbol, title, body, type, "
    "date, source) between two '---' lines; copy docs/contribuer/modele-texte.txt"
)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TEXT_FIELDS = ("symbol", "title", "body", "type", "date", "source", "format", "slug", "lang")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Source:
    path: str
    entries: tuple[dict[str, Any], ...]
    """One metadata dict per text in the file, file-level fields inherited."""
    lines: tuple[Line, ...]
    format: str
    format_detected: bool
    diagnostics: tuple[Diagnostic, ...] = ()
    has_front_matter: bool = True


def slugify(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def too_large(path: str, size: int) -> SourceError:
    return SourceError(
        path,
        1,
        f"file is {size / 1_048_576:.0f} MB, over the {MAX_BYTES // 1_048_576} MB limit for "
        "a source text: no resolution is that long, check what was pasted into it",
    )


def decode(raw: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    # Size first: a runaway paste is refused before any pass over its bytes.
    if len(raw) > MAX_BYTES:
        raise too_large(path, len(raw))
    if not raw.strip():
        raise SourceError(path, 1, "empty file: there is no text to convert")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise SourceError(path, line, "binary data (NUL byte): this is not a text file")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise SourceError(
                path, line, "not UTF-8 text (and not CP1252 either): save the file as UTF-8"
            ) from None
        return text, [
            Diagnostic(
                path,
                line,
                "warning",
                "not UTF-8: read as CP1252 (Windows Latin-1); save the file as UTF-8",
            )
        ]


def normalise_lines(text: str, first_line: int) -> tuple[Line, ...]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return tuple(
        Line(first_line + index, line.replace("\t", " ").rstrip())
        for index, line in enumerate(text.split("\n"))
    )


class _MetadataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML where dates stay text: ``2000-02-31`` must reach our own check and get
    a clear message, not crash the timestamp constructor."""


_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_hint(problem: str) -> str:
    """What an editor most likely did, for the YAML errors editors make."""
    if "mapping values are not allowed" in problem:
        return " (a value that holds ': ' must be put in double quotes)"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return " (a value that starts with '[' or '{' must be put in double quotes)"
    if "tab character" in problem or "'\\t'" in problem:
        return " (indent with spaces, not tabs)"
    if "end of stream" in problem:
        return " (a quotation mark is opened and never closed)"
    return ""


def _split_front_matter(text: str, path: str) -> tuple[dict[str, Any] | None, str, int]:
    """Return (metadata or None, body, line number of the body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            block = "\n".join(lines[1:index])
            try:
                data = yaml.load(block, Loader=_MetadataLoader)
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                line = (mark.line + 2) if mark is not None else 2
                problem = getattr(error, "problem", None) or str(error).splitlines()[0]
                message = f"front matter is not valid YAML: {problem}{_yaml_hint(problem)}"
                # An unclosed quote or bracket is noticed lines below: say where it opened.
                start = getattr(error, "context_mark", None)
                context = getattr(error, "context", None) or ""
                if start is not None and ("quoted" in context or "flow" in context):
                    message += f"; it opens on line {start.line + 2}"
                raise SourceError(path, line, message) from None
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise SourceError(path, 2, "front matter must be a YAML mapping (key: value lines)")
            return data, "\n".join(lines[index + 1 :]), index + 2
    raise SourceError(path, 1, "front matter opened with '---' is never closed by a '---' line")


def _field_line(text: str, key: str, default: int) -> int:
    for number, line in enumerate(text.split("\n"), 1):
        if re.match(rf"^\s*-?\s*{re.escape(key)}\s*:", line):
            return number
    return default


def _validate_entry(entry: dict[str, Any], path: str, raw_text: str, line: int) -> dict[str, Any]:
    def fail(key: str, message: str) -> SourceError:
        return SourceError(path, _field_line(raw_text, key, line), message)

    clean: dict[str, Any] = dict(entry)
    for key in TEXT_FIELDS:
        value = clean.get(key)
        if isinstance(value, Date):
            clean[key] = value.isoformat()
        elif value is not None and not isinstance(value, str | int | float):
            raise fail(key, f"'{key}' must be text, not {type(value).__name__}")
        elif value is not None:
            clean[key] = str(value).strip()
    for key in ("title", "body", "type", "date", "source"):
        if not clean.get(key):
            raise fail(key, f"missing required field '{key}'")
    if not clean.get("symbol") and not clean.get("slug"):
        raise fail("symbol", "missing 'symbol' (or, for a text without one, 'slug')")
    if clean["body"] not in BODIES:
        raise fail("body", f"unknown body '{clean['body']}' (known: {', '.join(sorted(BODIES))})")
    if clean["type"] not in TYPES:
        raise fail("type", f"unknown type '{clean['type']}' (known: {', '.join(sorted(TYPES))})")
    if not _ISO_DATE.match(clean["date"]):
        raise fail("date", f"date '{clean['date']}' is not ISO (YYYY-MM-DD, YYYY-MM or YYYY)")
    try:
        parts = [int(part) for part in clean["date"].split("-")]
        Date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise fail("date", f"date '{clean['date']}' does not exist") from None
    if clean.get("lang") is not None and clean["lang"] not in LANGUAGES:
        raise fail("lang", f"unknown language '{clean['lang']}' (known: {', '.join(LANGUAGES)})")
    slug = clean.get("slug") or slugify(clean["symbol"])
    if not _SLUG.match(slug):
        raise fail(
            "slug",
            f"slug '{slug}' must be lower-case letters, digits and hyphens only: it names the "
            "text's page, which cannot be in another folder",
        )
    clean["slug"] = slug
    # Where editors' OCR decisions sit, so that their errors can name the line.
    if "corrections" in clean:
        clean["corrections_line"] = _field_line(raw_text, "corrections", line)
    clean.setdefault("symbol", "")
    clean["symbol"] = clean["symbol"] or ""
    return clean


_HTML_PAGE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|body)\b", re.I | re.S
)
_HTML_BLOCK = re.compile(r"<(?:p|div)(?:\s[^<>]*)?>", re.I)
_HTML_BLOCK_END = re.compile(r"</(?:p|div)\s*>", re.I)


def detect_format(lines: tuple[Line, ...]) -> str:
    """Guess the format of a source that does not declare it.

    A web page opens with ``<!DOCTYPE html>``, ``<html>`` or ``<body>``, or is made of
    ``<p>…</p>`` or ``<div>…</div>`` blocks; Markdown exports carry ``<sup>`` marks,
    ``*emphasis*`` or ``#`` headings; PDF text carries ``____`` page-foot rules; OCR shows
    its typical misreadings (a digit or capital glued to an apostrophe, ``¢``) — anything
    else is treated as PDF text.
    """
    body = "\n".join(line.text for line in lines)
    if _HTML_PAGE.search(body) or (_HTML_BLOCK.search(body) and _HTML_BLOCK_END.search(body)):
        return "html"
    # (``*2410174*`` is a UN bar code, not emphasis: emphasis holds a letter.)
    if re.search(r"<sup>|^#{1,6} |^\*(?=[^*\n]*[^\W\d_])[^*\s][^*]*\*", body, re.M):
        return "markdown"
    if re.search(r"(?:^|\s)[1I]’[A-ZÉa-zé]|¢|[a-z]‘[A-Za-z]", body):
        return "ocr"
    return "pdf-text"


def load_source(path: Path, display_path: str | None = None) -> Source:
    shown = display_path or str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise too_large(shown, path.stat().st_size)
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(shown, 1, f"cannot read the file: {error.strerror}") from None
    return parse_source(raw, shown, path.stem)


def parse_source(raw: bytes, shown: str, stem: str = "texte") -> Source:
    """Like ``load_source`` for bytes already read (``stem`` names a text with no
    front matter)."""
    text, diagnostics = decode(raw, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata, body, first_line = _split_front_matter(text, shown)
    lines = normalise_lines(body, first_line)
    if not any(line.text.strip() for line in lines):
        raise SourceError(shown, first_line, "no text after the front matter")
    has_front_matter = metadata is not None
    if metadata is None:
        # A raw file with no front matter can still be tried with `convert`: describe it
        # from its name so the editor sees the structure before writing metadata.
        metadata = {
            "title": stem,
            "slug": slugify(stem) or "texte",
            "body": "ag",
            "type": "résolution",
            "date": "1900",
            "source": shown,
        }
    declared = metadata.get("format")
    if declared is not None and declared not in FORMATS:
        raise SourceError(
            shown,
            _field_line(text, "format", 2),
            f"unknown format '{declared}' (known: {', '.join(FORMATS)})",
        )
    format_detected = declared is None
    source_format = declared or detect_format(lines)
    documents = metadata.get("documents")
    if documents is None:
        entries = [metadata]
    else:
        if not isinstance(documents, list) or not documents:
            raise SourceError(
                shown, _field_line(text, "documents", 2), "'documents' must be a list of texts"
            )
        shared = {key: value for key, value in metadata.items() if key != "documents"}
        entries = []
        for item in documents:
            if not isinstance(item, dict):
                raise SourceError(
                    shown, _field_line(text, "documents", 2), "each 'documents' entry is a mapping"
                )
            entries.append({**shared, **item})
    validated = tuple(_validate_entry(entry, shown, text, 2) for entry in entries)
    slugs = [entry["slug"] for entry in validated]
    for slug in slugs:
        if slugs.count(slug) > 1:
            raise SourceError(shown, 2, f"two texts of this file have the slug '{slug}'")
    return Source(
        path=shown,
        entries=validated,
        lines=lines,
        format=source_format,
        format_detected=format_detected,
        diagnostics=tuple(diagnostics),
        has_front_matter=has_front_matter,
    )
