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

import difflib
import itertools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache, partial
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

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

MAX_LINES = 200_000
MAX_LINE_CHARS = 1_000_000
"""A source of up to 20 MB holds at most this many lines, each at most this long: a
resolution has a few hundred lines, a paragraph pasted on one line a few thousand
characters, an HTML page saved by a browser may be one long line.  Past them the paste
is broken, and the converter's time and memory would be spent on it before anyone
noticed."""

NO_FRONT_MATTER = (
    "no front matter: a source text starts with its metadata (symbol, title, body, type, "
    "date, source) between two '---' lines; copy docs/contribuer/modele-texte.txt"
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a slug, a body code, a glossary id or a folder of the site is (``fullmatch``):
lower-case ASCII letters and digits, single hyphens between them.  It becomes part of
file names and addresses, so it is checked once, where each is read: a slug here
(``_validate_entry``), a body code by ``BODIES`` (whose codes are slugs), a glossary id
by ``glossary.py``, a folder by ``mkdocs/config.py``; pages need no check of their own."""
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TEXT_FIELDS = ("symbol", "title", "body", "type", "date", "source", "format", "slug", "lang")


@dataclass(frozen=True)
class Rule:
    """What one metadata string may hold."""

    max_length: int
    multiline: bool = False
    """Only ``source`` may run over several lines (``source: |``)."""
    ascii: bool = False
    """A symbol is printed in ASCII: a lookalike letter would make a second text."""


SCHEMA: dict[str, Rule] = {
    "symbol": Rule(80, ascii=True),
    "title": Rule(500),
    "body": Rule(20),
    "type": Rule(20),
    "date": Rule(10),
    "source": Rule(2000, multiline=True),
    "format": Rule(20),
    "slug": Rule(80),
    "lang": Rule(2),
    "starts_with": Rule(500),
    # Read from an official PDF's cover block by `resolutions import` (readers/pdf.py).
    "session": Rule(200),
    "agenda_item": Rule(20),
    "agenda_title": Rule(500),
    "draft_symbol": Rule(80, ascii=True),
    "report_symbol": Rule(80, ascii=True),
    "pdf_sha256": Rule(64, ascii=True),
}
"""Every metadata string of a text.  The limits are far above any real value (the
longest title of the corpus is under 300 characters) and keep one field from
weighing on every page, listing and search entry that shows it."""
CORRECTION_SCHEMA: dict[str, Rule] = {
    "original": Rule(200),
    "correction": Rule(200),
    "decision": Rule(10),
}
CORRECTION_NUMBERS = ("line", "occurrence")
FILE_KEYS = (*SCHEMA, "corrections", "documents")
DOCUMENT_KEYS = (*SCHEMA, "corrections")
MAX_DOCUMENTS = 200
MAX_CORRECTIONS = 10_000
_ALLOWED_SPACES = {" ", "\u00a0", "\u202f", "\u2009"}
"""Space, no-break space, narrow no-break space, thin space: French typography."""
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


@lru_cache(maxsize=4096)
def _character_fault(char: str, multiline: bool, ascii_only: bool) -> str | None:
    """Why ``char`` cannot stand in a value under such a rule, as a message in which
    ``{where}`` is to be replaced by the character's position; None when it may.
    Cached: a text's metadata uses a few dozen distinct characters, and each verdict
    costs a Unicode database lookup or three."""
    if char == "\n" and multiline:
        return None
    if char in "\n\r":
        return "must be on one line ({where})"
    category = unicodedata.category(char)
    if category[0] == "C" or category in ("Zl", "Zp"):
        return (
            "{where}: control, invisible and text-direction characters are not allowed "
            "(they make two values that look alike)"
        )
    if category == "Zs" and char not in _ALLOWED_SPACES:
        return "{where}: use an ordinary space"
    if ascii_only and not (" " <= char <= "~"):
        return "{where}: a symbol is written in ASCII letters, digits and punctuation"
    folded = unicodedata.normalize("NFKC", char)
    if folded != char and folded.isascii() and folded.isalnum():
        # ``folded`` is ASCII letters or digits: no brace to confuse ``format``.
        return f"{{where}}, a lookalike of '{folded}': type '{folded}' itself"
    return None


@lru_cache(maxsize=4096)
def _script_of(char: str) -> str | None:
    """The script among ``_SCRIPTS`` a letter belongs to (None for other characters)."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return next((script for script in _SCRIPTS if name.startswith(script)), None)


def _character_problem(value: str, rule: Rule) -> str | None:
    """Why ``value`` (already NFC) cannot be a metadata value, or None."""
    if value.isascii() and value.isprintable():
        # Printable ASCII holds no control, invisible or lookalike character and no line
        # break, and no word can mix scripts: the common case, checked at C speed.
        return None
    distinct = set(value)
    # Each distinct character is judged once; the position is looked for only when one
    # is refused (a title repeats the same few dozen characters).
    # The verdicts looked up at C speed (``map`` over the cached function), not by a
    # generator's step per character: this runs for every field of every text.
    faults = map(
        _character_fault, distinct, itertools.repeat(rule.multiline), itertools.repeat(rule.ascii)
    )
    if any(faults):
        for position, char in enumerate(value, 1):
            fault = _character_fault(char, rule.multiline, rule.ascii)
            if fault is not None:
                name = unicodedata.name(char, "unnamed character")
                return fault.format(where=f"character {position} is U+{ord(char):04X} {name}")
    # A word can mix scripts only if the whole value does.
    if len(set(map(_script_of, distinct)) - {None}) < 2:
        return None
    for word in re.findall(r"\w+", value):
        scripts = {script for char in word if (script := _script_of(char)) is not None}
        if len(scripts) > 1:
            return (
                f"the word '{word}' mixes {' and '.join(sorted(scripts)).lower()} letters "
                "(a lookalike letter typed by mistake?)"
            )
    return None


def clean_string(value: object, rule: Rule, what: str) -> str:
    """``value`` checked against ``rule``, NFC-normalised and stripped; ``ValueError``
    says why it is refused (``what`` names it in the message)."""
    if not isinstance(value, str):
        kinds: dict[type, str] = {list: "a list", dict: "a mapping"}
        kind = kinds.get(type(value), type(value).__name__)
        raise ValueError(f"{what} must be text, not {kind}")
    value = unicodedata.normalize("NFC", value).strip()
    if rule.multiline:
        value = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").split("\n"))
    if len(value) > rule.max_length:
        raise ValueError(
            f"{what} is {len(value):,} characters long, over the limit of {rule.max_length:,}"
        )
    problem = _character_problem(value, rule)
    if problem is not None:
        raise ValueError(f"{what}: {problem}")
    return value


def _unknown_key_message(key: object, allowed: tuple[str, ...], where: str) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown key '{key}'{where}{hint}; known keys: {', '.join(allowed)}"


class Line(NamedTuple):
    """A line of a source's body, with its line number in the file.

    A named tuple rather than a dataclass: ``normalise_lines`` makes every line of every
    text at C speed (``tuple.__new__`` over ``map``), where a frozen dataclass's own
    ``__init__`` was most of the loading's time."""

    number: int
    text: str


_NEW_LINE = partial(tuple.__new__, Line)
"""``Line`` from a (number, text) pair, without a call of Python code."""


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


_NOT_SLUG_RUN = re.compile(r"[^a-z0-9]+")


def slugify(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _NOT_SLUG_RUN.sub("-", folded.lower()).strip("-")


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
        if _has_utf8_letters(raw):
            # A UTF-8 file with a bad byte: reading it all as CP1252 would turn every
            # accented letter of the text into two wrong ones.
            column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
            bad = raw[error.start : error.end].hex(" ").upper()
            raise SourceError(
                path,
                line,
                f"invalid UTF-8 at byte {error.start + 1:,} (byte {column} of the line: "
                f"0x{bad}) in a file that is otherwise UTF-8: retype the character there",
            ) from None
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


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_letters(raw: bytes) -> bool:
    """Whether ``raw`` holds a well-formed UTF-8 sequence for a non-ASCII character: a
    file wholly in CP1252 has none (``é`` then ``«`` would have to follow each other)."""
    for match in _UTF8_SEQUENCE.finditer(raw):
        try:
            match.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


_TEXT_OF = attrgetter("text")
NFC_MAX_EXPANSION = 3
"""How many times longer NFC can make a text, at most: the Unicode normalization FAQ's
figure, which ``tests/safety/test_limits.py`` checks against every code point."""


def normalise_lines(text: str, first_line: int) -> tuple[Line, ...]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Tabs replaced in the whole text at once, each line numbered and stripped by ``map``:
    # a loop of Python over the lines was most of the loading's time.
    lines = map(str.rstrip, text.replace("\t", " ").split("\n"))
    return tuple(map(_NEW_LINE, zip(itertools.count(first_line), lines)))


class _MetadataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML where dates stay text: ``2000-02-31`` must reach our own check and get
    a clear message, not crash the timestamp constructor."""


# Strings stay strings: no plain scalar is read as a date, a number, a boolean or null
# (``title: yes`` is the text "yes", ``symbol: 1.10`` keeps its zero).  The schema turns
# into a number what must be one (a correction's ``line``).
_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:merge"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"duplicate key '{key}'")
        self.key = key
        self.line = line


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping where a key given twice is an error (YAML would keep the last)."""
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise DuplicateKey(key, key_node.start_mark.line)  # reported as a bad key below
        if key in mapping:
            raise DuplicateKey(key, key_node.start_mark.line)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_MetadataLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


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


_SIMPLE_FIELD = re.compile(r"([a-z_][a-z0-9_]*): (\S.*)")


def _simple_front_matter(block: str) -> dict[str, Any] | None:
    """The front matter as YAML reads it, when each of its lines is ``key: value`` of
    the usual simple shape; None when one is not (YAML then reads it).

    Reading YAML was the largest part of loading a text.  The shape taken here is one
    that YAML reads as the value itself (no plain scalar is typed by ``_MetadataLoader``):
    a plain value opening on a letter, a digit or "(", of printable characters, with no
    ": " or " #" in it and no ":" or space at its end; or a value in double quotes with no
    quote or backslash inside, or in single quotes with no quote inside (a date or a
    number kept as text: ``date: '2024-06-04'``).  Anything else (lists, several lines,
    comments, a key given twice…) is left to YAML, with its own messages."""
    data: dict[str, Any] = {}
    for line in block.split("\n"):
        field = _SIMPLE_FIELD.fullmatch(line)
        if field is None:
            return None
        key, value = field.groups()
        if key in data or not value.isprintable():
            return None
        if value[0] in "\"'":
            quote = value[0]
            inside = value[1:-1]
            if (
                len(value) < 2
                or value[-1] != quote
                or quote in inside
                or (quote == '"' and "\\" in inside)  # in single quotes a backslash is text
            ):
                return None
            value = inside
        elif (
            not (value[0].isalnum() or value[0] == "(")
            or value[-1] in ": "
            or ": " in value
            or " #" in value
        ):
            return None
        data[key] = value
    return data


def _split_front_matter(text: str, path: str) -> tuple[dict[str, Any] | None, str, int]:
    """Return (metadata or None, body, line number of the body's first line)."""
    # The lines are found one at a time up to the closing one: the front matter is a
    # dozen lines, the body hundreds, which need not be split and joined again here.
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else len(text)].strip() != "---":
        return None, text, 1
    line_start = first_end + 1  # of the line looked at
    index = 1  # its index among the text's lines
    while first_end >= 0:
        end = text.find("\n", line_start)
        line_end = end if end >= 0 else len(text)
        if text[line_start:line_end].strip() in ("---", "..."):
            block = text[first_end + 1 : line_start - 1]  # "" when the block is empty
            try:
                data = _simple_front_matter(block)
                if data is None:
                    data = yaml.load(block, Loader=_MetadataLoader)
            except DuplicateKey as error:
                what = (
                    f"key '{error.key}' is given twice: YAML would silently keep the last one"
                    if isinstance(error.key, str)
                    else f"a key must be a name, not {type(error.key).__name__}"
                )
                raise SourceError(path, error.line + 2, f"front matter: {what}") from None
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
            return data, text[line_end + 1 :], index + 2
        if end < 0:
            break
        line_start = end + 1
        index += 1
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
    for key, rule in SCHEMA.items():
        value = clean.get(key)
        if value is None:
            continue
        try:
            clean[key] = clean_string(value, rule, f"'{key}'")
        except ValueError as error:
            raise fail(key, str(error)) from None
    if "corrections" in clean:
        clean["corrections"] = _clean_corrections(
            clean["corrections"], path, _field_line(raw_text, "corrections", line)
        )
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
    # A text declared English gets its own slug by default: its French version, under
    # the same symbol, keeps the plain one (a-res-78-284, a-res-78-284-en).
    suffix = "-en" if clean.get("lang") == "en" else ""
    slug = clean.get("slug") or slugify(clean["symbol"]) + suffix
    if not SLUG.fullmatch(slug):
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


def _clean_corrections(raw: object, path: str, line: int) -> object:
    """The strings and numbers of the editors' ``corrections:`` entries (their meaning is
    checked by ``ocr_repair.parse_decisions``)."""
    if not isinstance(raw, list):
        return raw
    if len(raw) > MAX_CORRECTIONS:
        raise SourceError(
            path, line, f"corrections: {len(raw):,} entries, over the limit of {MAX_CORRECTIONS:,}"
        )
    cleaned: list[object] = []
    for number, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            cleaned.append(entry)
            continue
        item = dict(entry)
        for key, rule in CORRECTION_SCHEMA.items():
            if key in item:
                try:
                    item[key] = clean_string(item[key], rule, f"'{key}'")
                except ValueError as error:
                    raise SourceError(path, line, f"corrections, entry {number}: {error}") from None
        for key in CORRECTION_NUMBERS:
            value = item.get(key)
            if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value.strip()):
                item[key] = int(value)
        cleaned.append(item)
    return cleaned


def _check_keys(
    mapping: dict[str, Any], allowed: tuple[str, ...], path: str, text: str, where: str
) -> None:
    for key in mapping:
        if key not in allowed:
            raise SourceError(
                path, _field_line(text, str(key), 2), _unknown_key_message(key, allowed, where)
            )


def _check_correction_lines(
    entries: tuple[dict[str, Any], ...], lines: tuple[Line, ...], path: str
) -> None:
    """A correction must name a line of the text: one outside it would be dropped."""
    first, last = lines[0].number, lines[-1].number
    for entry in entries:
        raw = entry.get("corrections")
        if not isinstance(raw, list):
            continue
        for number, item in enumerate(raw, 1):
            if not isinstance(item, dict):
                continue
            target = item.get("line")
            outside = isinstance(target, int) and not first <= target <= last
            if outside and not isinstance(target, bool):
                raise SourceError(
                    path,
                    entry.get("corrections_line", 2),
                    f"corrections, entry {number}: line {target} is outside the text "
                    f"(lines {first} to {last} of the file)",
                )


_HTML_PAGE = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|body)\b", re.I | re.S
)
_HTML_BLOCK = re.compile(r"<(?:p|div)(?:\s[^<>]*)?>", re.I)
_HTML_BLOCK_END = re.compile(r"</(?:p|div)\s*>", re.I)

_MARKDOWN_SIGN = re.compile(r"<sup>|^#{1,6} |^\*(?=[^*\n]*[^\W\d_])[^*\s][^*]*\*", re.M)
_OCR_SIGN = re.compile(r"(?:^|\s)[1I]’[A-ZÉa-zé]|¢|[a-z]‘[A-Za-z]")


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
    if _MARKDOWN_SIGN.search(body):
        return "markdown"
    if _OCR_SIGN.search(body):
        return "ocr"
    return "pdf-text"


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_source_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a source file, refused without reading them if it is not a regular
    file (a FIFO would wait for ever, ``/dev/zero`` never ends) or is over the limit."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise SourceError(shown, 1, f"cannot read the file: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(
                shown, 1, f"{file_kind(info.st_mode)}, not a text file: nothing was read from it"
            )
        if info.st_size > MAX_BYTES:
            raise too_large(shown, info.st_size)
        try:
            raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise SourceError(shown, 1, f"cannot read the file: {error.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise too_large(shown, len(raw))
    return raw


def load_source(path: Path, display_path: str | None = None) -> Source:
    shown = display_path or str(path)
    return parse_source(read_source_bytes(path, shown), shown, path.stem)


def parse_source(raw: bytes, shown: str, stem: str = "texte") -> Source:
    """Like ``load_source`` for bytes already read (``stem`` names a text with no
    front matter)."""
    text, diagnostics = decode(raw, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata, body, first_line = _split_front_matter(text, shown)
    count = body.count("\n") + 1  # counted before any line is made
    if count > MAX_LINES:
        raise SourceError(
            shown,
            first_line + MAX_LINES,
            f"{count:,} lines, over the limit of {MAX_LINES:,} for a source text: "
            "check what was pasted into it",
        )
    lines = normalise_lines(body, first_line)
    # The longest line found at C speed; the loop below only names it.  No line can be
    # longer than the body once normalised, and NFC makes a text at most three times as
    # long (a character's NFC is at most three): a body shorter than a third of the limit
    # (every real text) is not looked at again.
    too_long = (
        len(body) * NFC_MAX_EXPANSION > MAX_LINE_CHARS
        and max(map(len, map(_TEXT_OF, lines)), default=0) > MAX_LINE_CHARS
    )
    for line in lines if too_long else ():
        if len(line.text) > MAX_LINE_CHARS:
            raise SourceError(
                shown,
                line.number,
                f"line of {len(line.text):,} characters, over the limit of {MAX_LINE_CHARS:,}: "
                "check what was pasted there",
            )
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
    if has_front_matter:
        _check_keys(metadata, FILE_KEYS, shown, text, "")
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
        if len(documents) > MAX_DOCUMENTS:
            raise SourceError(
                shown,
                _field_line(text, "documents", 2),
                f"'documents' lists {len(documents)} texts, over the limit of {MAX_DOCUMENTS}",
            )
        shared = {key: value for key, value in metadata.items() if key != "documents"}
        entries = []
        for item in documents:
            if not isinstance(item, dict):
                raise SourceError(
                    shown, _field_line(text, "documents", 2), "each 'documents' entry is a mapping"
                )
            _check_keys(item, DOCUMENT_KEYS, shown, text, " in a 'documents' entry")
            entries.append({**shared, **item})
    validated = tuple(_validate_entry(entry, shown, text, 2) for entry in entries)
    _check_correction_lines(validated, lines, shown)
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
