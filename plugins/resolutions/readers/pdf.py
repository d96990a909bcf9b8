"""Reader for official PDFs (UN documents made with Word): the text layer, read with
pdfplumber, becomes a Markdown *source text* that ``readers.markdown`` reads.

``pdf_to_source(path)`` returns ``(front_matter, markdown_body, removals)``:

- every character of the text layer comes with its font name, size and position;
  characters are grouped into printed lines by their vertical extent (a raised note
  mark overlaps the line it belongs to), and a line is split where a gap of several
  ems separates two columns (the symbol and the title of a running header);
- **page furniture**, by position and pattern: lines above the rule at the top of a page
  (running headers: symbol, title), lines in the bottom band (job number ``24-10174 (E)``,
  page counter ``2/6``, the barcode in a "3 of 9" font), and on page 1 the masthead and
  cover block, from ``United Nations`` down to the numbered title (``78/284. …``).  Each
  removed line is recorded as a ``Removal`` whose ``line`` is the *page number*;
- **cover data** (symbol, body, language, session, agenda item, adoption date, draft or
  report symbol, title) are read from the cover lines into the front matter;
- **note marks**: characters clearly smaller than their line and raised above its
  baseline; digits are a note mark ``<sup>N</sup>``, letters a superscript kept in the
  word; the notes are the lines under the ``________`` rule of a page foot, each note
  starting with its raised number; a note without one continues the note before it
  (a note carried over to the next page);
- **italics** (a font name with ``Italic`` or ``Oblique``) become ``*…*``;
- **paragraphs** from geometry: a wider gap between lines than the text's line pitch,
  a first line indented against the line before, a numbered start ``1.`` or an item
  start ``(a)`` followed by a tab, a line after a short (unjustified) line, a change
  between bold and regular lines; right-aligned lines in a row (``85th plenary
  meeting`` / ``4 June 2024``) stay one paragraph.  A paragraph runs on across a
  page break unless one of these says it ended.

Markdown-special characters of the text are escaped with a backslash, so the Markdown
reader gives back the very words printed.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from itertools import pairwise
from pathlib import Path
from typing import Any

from .. import months
from ..errors import SourceError
from ..load import slugify
from ..model import Removal

# --------------------------------------------------------------------------- errors


class PdfError(SourceError):
    """A PDF that cannot be read; printed ``file.pdf:page N: error: …`` when a page is
    known, ``file.pdf:1: error: …`` otherwise."""

    def __init__(self, path: str, message: str, page: int | None = None) -> None:
        super().__init__(path, page or 1, message)
        self.page = page

    def __str__(self) -> str:
        where = f"page {self.page}" if self.page is not None else "1"
        return f"{self.path}:{where}: error: {self.message}"


# --------------------------------------------------------------------------- glyphs, lines


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str

    @property
    def italic(self) -> bool:
        name = self.font.lower()
        return "italic" in name or "oblique" in name

    @property
    def bold(self) -> bool:
        return "bold" in self.font.lower()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Piece:
    """A run of a line's text: plain words, or a raised run (``raised``)."""

    text: str
    italic: bool = False
    raised: bool = False


@dataclass
class TextLine:
    page: int
    glyphs: list[Glyph]
    pieces: list[Piece] = field(default_factory=list)
    size: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    bold: bool = False
    trailing_space: bool = False
    label_tab: bool = False
    """The line opens with a number or item label followed by a tab-wide gap."""

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces).strip()


_LABEL = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\)|[a-z]\))$")


def _make_line(page: int, glyphs: list[Glyph]) -> TextLine | None:
    glyphs = sorted(glyphs, key=lambda g: g.x0)
    visible = [g for g in glyphs if not g.blank]
    if not visible:
        return None
    size = Counter(round(g.size, 1) for g in visible).most_common(1)[0][0]
    normal = [g for g in visible if g.size >= size * 0.9] or visible
    baseline = statistics.median(g.bottom for g in normal)
    line = TextLine(page=page, glyphs=glyphs, size=size)
    line.top = min(g.top for g in normal)
    line.bottom = max(g.bottom for g in normal)
    line.x0 = visible[0].x0
    line.x1 = visible[-1].x1
    line.bold = sum(g.bold for g in visible) * 2 > len(visible)
    line.trailing_space = glyphs[-1].blank
    pieces: list[Piece] = []
    previous: Glyph | None = None
    pending_space = False
    for glyph in glyphs:
        if glyph.blank:
            pending_space = True
            previous = glyph
            continue
        raised = glyph.size <= size * 0.8 and glyph.bottom < baseline - size * 0.15
        gap = glyph.x0 - previous.x1 if previous is not None else 0.0
        # A gap wider than a letter with no space glyph in it is a tab or a justified
        # space that the PDF did not write as a character.
        if previous is not None and not previous.blank and gap > min(glyph.size, size) * 0.2:
            pending_space = True
        # A mark is glued to the word it follows; a space inside a raised run is kept.
        if pending_space and pieces and (not raised or pieces[-1].raised):
            pieces.append(Piece(" ", italic=False))
        pending_space = False
        italic = glyph.italic and not raised
        last = pieces[-1] if pieces else None
        if (
            last is not None
            and last.raised == raised
            and last.italic == italic
            and last.text != " "
        ):
            last.text += glyph.text
        else:
            pieces.append(Piece(glyph.text, italic=italic, raised=raised))
        previous = glyph
    line.pieces = pieces
    # A label (``1.``, ``(a)``) then a tab: the first word is a label and the gap after
    # it is wider than two spaces.
    words = glyphs
    first_end = None
    for index, glyph in enumerate(words):
        if glyph.blank:
            first_end = index
            break
    if first_end:
        label = "".join(g.text for g in words[:first_end])
        following = next((g for g in words[first_end:] if not g.blank), None)
        if following is not None and _LABEL.match(label):
            line.label_tab = following.x0 - words[first_end - 1].x1 > size * 0.9
    return line


def _split_columns(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Split one band of glyphs where a gap of several ems separates two columns."""
    glyphs = sorted(glyphs, key=lambda g: g.x0)
    parts: list[list[Glyph]] = [[]]
    last_visible: Glyph | None = None
    for glyph in glyphs:
        if (
            not glyph.blank
            and last_visible is not None
            and glyph.x0 - last_visible.x1 > 5 * min(glyph.size, last_visible.size)
        ):
            parts.append([])
        parts[-1].append(glyph)
        if not glyph.blank:
            last_visible = glyph
    return [part for part in parts if part]


def page_lines(page_number: int, chars: Iterable[dict[str, Any]]) -> list[TextLine]:
    """The printed lines of a page, top to bottom."""
    glyphs = [
        Glyph(
            text=char["text"],
            x0=float(char["x0"]),
            x1=float(char["x1"]),
            top=float(char["top"]),
            bottom=float(char["bottom"]),
            size=float(char["size"]),
            font=str(char.get("fontname", "")),
        )
        for char in chars
        if char.get("upright", True)
    ]
    glyphs.sort(key=lambda g: (g.top, g.x0))
    bands: list[tuple[float, float, list[Glyph]]] = []
    for glyph in glyphs:
        height = max(glyph.bottom - glyph.top, 0.1)
        placed = False
        for index in range(len(bands) - 1, max(len(bands) - 8, -1), -1):
            top, bottom, members = bands[index]
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            if overlap >= 0.5 * min(bottom - top, height):
                members.append(glyph)
                if glyph.size >= max(g.size for g in members):
                    bands[index] = (min(top, glyph.top), max(bottom, glyph.bottom), members)
                placed = True
                break
        if not placed:
            bands.append((glyph.top, glyph.bottom, [glyph]))
    lines = []
    for _, _, members in bands:
        for part in _split_columns(members):
            line = _make_line(page_number, part)
            if line is not None:
                lines.append(line)
    lines.sort(key=lambda line: (round(line.top), line.x0))
    return lines


# --------------------------------------------------------------------------- reading


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[TextLine]
    rule_top: float | None
    """The top of the rule under the running header (or the masthead), if drawn."""


def _header_rule(page: Any) -> float | None:
    """The top of a wide, thin rule in the top band of the page."""
    candidates = []
    for shape in [*page.rects, *page.lines]:
        height = float(shape["bottom"]) - float(shape["top"])
        if height <= 2 and float(shape["top"]) < page.height * 0.15:
            candidates.append((float(shape["top"]), float(shape["x0"]), float(shape["x1"])))
    if not candidates:
        return None
    # Word draws the rule as abutting pieces: add up the widths at each height.
    widths: dict[float, float] = {}
    for top, x0, x1 in candidates:
        widths[round(top)] = widths.get(round(top), 0.0) + (x1 - x0)
    wide = [top for top, width in widths.items() if width >= page.width * 0.4]
    return float(min(wide)) if wide else None


def read_pages(path: Path, shown: str) -> list[PdfPage]:
    """The text layer of every page; a clear error for what is not a readable PDF."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise PdfError(shown, f"cannot read the file: {error.strerror}") from None
    if b"%PDF-" not in head:
        raise PdfError(shown, "not a PDF file (no '%PDF-' header)")
    pages: list[PdfPage] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                try:
                    lines = page_lines(number, page.chars)
                    rule = _header_rule(page)
                except (PSException, ValueError, KeyError, TypeError) as error:
                    raise PdfError(shown, f"cannot read this page: {error}", number) from None
                pages.append(PdfPage(number, float(page.width), float(page.height), lines, rule))
    except PdfError:
        raise
    except (PDFSyntaxError, PSException) as error:
        raise PdfError(shown, f"broken PDF: {error}") from None
    except Exception as error:  # pdfminer raises bare exceptions for damaged files
        name = type(error).__name__
        if "Password" in name or "Encrypt" in name:
            raise PdfError(shown, "the PDF is encrypted: save an unprotected copy") from None
        raise PdfError(
            shown, f"broken PDF, damaged or truncated: {error or name}: get the file again"
        ) from None
    if not pages:
        raise PdfError(shown, "the PDF has no pages")
    if not any(line.text for page in pages for line in page.lines):
        raise PdfError(
            shown,
            "the PDF has no text layer (a scan?): run OCR first, or paste the text into a "
            "source text with 'format: ocr'",
        )
    return pages


# --------------------------------------------------------------------------- furniture

JOB_NUMBER = re.compile(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?$")
PAGE_COUNTER = re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$")
BARCODE = re.compile(r"^\*[0-9A-Z]+\*$")
NOTE_RULE = re.compile(r"^_{3,}$")
SYMBOL = re.compile(r"^(?:[A-Z]{1,6}(?:\.[A-Z]{1,6})*)(?:/[A-Z0-9.\-]+)+$")
TITLE_NUMBER = re.compile(r"^(?P<number>(?:S-)?\d{1,3}/\d{1,4})\.\s+(?P<title>\S.*)$")

FOOTER_BAND = 0.93
"""Lines whose top is below this fraction of the page height are the page's footer."""
HEADER_BAND = 0.085
"""Without a drawn rule, lines ending above this fraction of the page are its header."""


def _footer_reason(line: TextLine) -> str:
    text = line.text
    if any("3 of 9" in g.font or "barcode" in g.font.lower() for g in line.glyphs):
        return "code-barres"
    if BARCODE.match(text):
        return "code-barres"
    if JOB_NUMBER.match(text):
        return "numéro de tirage"
    if PAGE_COUNTER.match(text):
        return "folio (numéro de page)"
    return "pied de page"


def _is_footer(page: PdfPage, line: TextLine) -> bool:
    return line.top >= page.height * FOOTER_BAND


def _is_header(page: PdfPage, line: TextLine) -> bool:
    if page.rule_top is not None:
        return line.bottom <= page.rule_top + 1
    return line.bottom <= page.height * HEADER_BAND


# --------------------------------------------------------------------------- cover

MONTHS = months.numbers(tuple(name.lower() for name in months.ENGLISH)) | months.numbers(
    months.FRENCH
)
DATE = re.compile(r"\b(?P<day>\d{1,2})(?:er)?\s+(?P<month>[a-zéû]+)\s+(?P<year>\d{4})\b", re.I)
BODY_NAMES = (
    ("ag", re.compile(r"\bGeneral Assembly\b|\bAssemblée générale\b")),
    ("ecosoc", re.compile(r"\bEconomic and Social Council\b|\bConseil économique et social\b")),
    ("osce-cp", re.compile(r"\bPermanent Council\b|\bConseil permanent\b")),
    ("osce-cm", re.compile(r"\bMinisterial Council\b|\bConseil ministériel\b")),
)
ADOPTED = re.compile(
    r"\b(?P<kind>Resolution|Decision|Résolution|Décision)\s+(?:adopted|adoptée)\b", re.I
)
ADOPTED_ON = re.compile(
    r"\b(?:adopted|adoptée)\b.*?\b(?:on|le)\s+(?P<date>\d{1,2}(?:er)?\s+\S+\s+\d{4})"
)
REFERENCE = re.compile(r"^\[(?P<text>.*)\]$")
REFERENCE_SYMBOL = re.compile(r"\((?P<symbol>[A-Z]+/[^\s,)]+)")
SESSION = re.compile(r"\bsession\b", re.I)
AGENDA = re.compile(r"^(?:Agenda item|Point)\s+(?P<item>[\w()]+(?:\s*\([a-z]\))?)", re.I)


def iso_date(text: str) -> str | None:
    """``4 June 2024`` or ``1er avril 2024`` as ``2024-06-04``; None if it is no date."""
    found = DATE.search(text)
    if found is None:
        return None
    month = MONTHS.get(found["month"].lower())
    if month is None:
        return None
    try:
        return Date(int(found["year"]), month, int(found["day"])).isoformat()
    except ValueError:
        return None


@dataclass
class Cover:
    lines: list[TextLine]
    reasons: list[str]
    data: dict[str, str]


def read_cover(page: PdfPage) -> Cover | None:
    """The masthead and cover block of page 1, down to the numbered title, and what it
    says; None when the page has no such block (the title is not found)."""
    lines = [line for line in page.lines if not _is_footer(page, line)]
    # The numbered title is printed bold, like the masthead's other headings.
    title_at = next(
        (index for index, line in enumerate(lines) if line.bold and TITLE_NUMBER.match(line.text)),
        None,
    )
    numbered = title_at is not None
    if title_at is None:
        # No numbered title: the block ends with the "[… (A/78/L.45)]" line, if any.
        title_at = next(
            (index for index, line in enumerate(lines) if REFERENCE.match(line.text)), None
        )
        if title_at is None:
            return None
    end = title_at + 1
    if numbered:
        first = lines[title_at]
        while (
            end < len(lines)
            and lines[end].bold == first.bold
            and abs(lines[end].size - first.size) < 0.5
            and lines[end].top - lines[end - 1].bottom < first.size
        ):
            end += 1
    cover_lines = lines[:end]
    data: dict[str, str] = {}
    reasons: list[str] = []
    agenda_title: list[str] = []
    in_agenda = False
    adoption: list[str] = []
    title: list[str] = []
    for index, line in enumerate(cover_lines):
        text = line.text
        reason = "bloc de tête"
        if numbered and index >= title_at:
            match = TITLE_NUMBER.match(text) if index == title_at else None
            if match is not None:
                data["number"] = match["number"]
                text = match["title"]
            title.append(text)
            reasons.append("bloc de tête : numéro et titre")
            continue
        if in_agenda and line.bold and not ADOPTED.search(text):
            agenda_title.append(text)
            reasons.append("bloc de tête : intitulé du point de l'ordre du jour")
            continue
        in_agenda = False
        if SYMBOL.match(text.replace(" ", "")) and "symbol" not in data:
            data["symbol"] = text.replace(" ", "")
            reason = "bloc de tête : cote du document"
        elif text in ("United Nations", "Nations Unies"):
            data["lang"] = "en" if text == "United Nations" else "fr"
            reason = "bloc de tête : Nations Unies"
        elif ADOPTED.search(text) or (adoption and not REFERENCE.match(text)):
            adoption.append(text)
            reason = "bloc de tête : adoption"
        elif REFERENCE.match(text):
            inner = REFERENCE.match(text)["text"]  # type: ignore[index]
            data["reference"] = inner
            found = REFERENCE_SYMBOL.search(inner)
            if found:
                data["document"] = found["symbol"]
            reason = "bloc de tête : renvoi"
        elif AGENDA.match(text):
            data["agenda_item"] = AGENDA.match(text)["item"]  # type: ignore[index]
            reason = "bloc de tête : point de l'ordre du jour"
            in_agenda = True
        elif SESSION.search(text) and line.bold:
            data["session"] = text
            reason = "bloc de tête : session"
        else:
            for body, pattern in BODY_NAMES:
                if pattern.search(text):
                    data.setdefault("body", body)
                    reason = "bloc de tête : organe"
            if "Distr" in text:
                data.setdefault("lang", "en" if "General" in text else "fr")
                reason = "bloc de tête : distribution"
            elif iso_date(text) and "distributed" not in data:
                data["distributed"] = iso_date(text) or ""
                reason = "bloc de tête : date de distribution"
        reasons.append(reason)
    if not data.get("symbol") and not data.get("body"):
        # No masthead: what was found is not a UN cover block.
        return None
    if agenda_title:
        data["agenda_title"] = " ".join(agenda_title)
    if adoption:
        sentence = " ".join(adoption)
        kind = ADOPTED.search(sentence)
        if kind is not None:
            data["type"] = "décision" if kind["kind"].lower().startswith("d") else "résolution"
        when = ADOPTED_ON.search(sentence)
        if when is not None and iso_date(when["date"]):
            data["adopted"] = iso_date(when["date"]) or ""
    if title:
        data["title"] = " ".join(title)
    return Cover(cover_lines, reasons, data)


# --------------------------------------------------------------------------- paragraphs


@dataclass
class Layout:
    """A page's text block: left and right edges of the body text."""

    left: float
    right: float


def _layouts(pages: list[PdfPage], body: dict[int, list[TextLine]], size: float) -> dict:
    """Each page's left edge (the leftmost x at which several body lines start) and
    right edge (the left edge plus the document's justified width: the lines of a page
    with few lines, such as the last, say little about where a full line ends)."""
    lefts: dict[int, float] = {}
    spans: list[float] = []
    for page in pages:
        lines = [line for line in body.get(page.number, []) if abs(line.size - size) < 1]
        if not lines:
            continue
        starts = Counter(round(line.x0) for line in lines)
        enough = max(2, len(lines) // 10)
        frequent = [x for x, count in starts.items() if count >= enough]
        lefts[page.number] = float(min(frequent) if frequent else min(starts))
        spans += [line.x1 - lefts[page.number] for line in lines]
    spans.sort()
    width = spans[min(len(spans) - 1, int(len(spans) * 0.9))] if spans else 0.0
    layouts = {}
    for page in pages:
        left = lefts.get(page.number, 0.0)
        layouts[page.number] = Layout(left, left + width if width else page.width)
    return layouts


def _line_pitch(body: dict[int, list[TextLine]], size: float) -> float:
    pitches = []
    for lines in body.values():
        for before, after in pairwise(lines):
            if abs(before.size - size) < 1 and abs(after.size - size) < 1:
                pitches.append(round((after.top - before.top) * 2) / 2)
    positive = [pitch for pitch in pitches if pitch > 0]
    return Counter(positive).most_common(1)[0][0] if positive else size * 1.2


class Paragraphs:
    """Groups body lines into paragraphs by geometry (see the module docstring)."""

    def __init__(self, layouts: dict[int, Layout], pitch: float) -> None:
        self.layouts = layouts
        self.pitch = pitch

    def _right_aligned(self, line: TextLine) -> bool:
        layout = self.layouts[line.page]
        width = layout.right - layout.left
        return (
            line.x0 > layout.left + width * 0.35 and abs(line.x1 - layout.right) < line.size * 1.5
        )

    def starts(self, before: TextLine | None, line: TextLine) -> bool:
        """Does ``line`` start a new paragraph after ``before``?"""
        if before is None:
            return True
        layout, previous = self.layouts[line.page], self.layouts[before.page]
        same_page = before.page == line.page
        if same_page and line.top - before.top > self.pitch * 1.3:
            return True
        if line.label_tab:
            return True
        if line.bold != before.bold:
            return True
        if self._right_aligned(before) and self._right_aligned(line):
            return False
        indent = line.x0 - layout.left
        indent_before = before.x0 - previous.left
        if indent > indent_before + line.size * 0.8:
            return True
        return before.x1 < previous.right - before.size * 1.5


def _join(parts: list[TextLine]) -> list[Piece]:
    """The pieces of consecutive lines, a space between lines except after a hyphen
    that ends a line with no space (a compound word broken at its hyphen)."""
    pieces: list[Piece] = []
    for index, line in enumerate(parts):
        if index:
            before = parts[index - 1]
            if not (before.text.endswith(("-", "\u2011")) and not before.trailing_space):
                pieces.append(Piece(" "))
        pieces.extend(Piece(p.text, p.italic, p.raised) for p in line.pieces)
    return pieces


# --------------------------------------------------------------------------- Markdown

_ESCAPED = re.compile(r"([\\`*_<>&\[\]])")
_LINE_START = re.compile(r"^([#+=|>~:-])")
_LIST_START = re.compile(r"^\d{1,9}[.)](?:\s|$)")
_EDGE = re.compile(r"^(?P<lead>[\W_]*)(?P<core>.*?)(?P<trail>[\W_]*)$", re.S)


def escape(text: str) -> str:
    """``text`` with the characters that mean something in Markdown escaped."""
    return _ESCAPED.sub(r"\\\1", text)


def render_pieces(pieces: list[Piece]) -> str:
    """Markdown for one paragraph: italic runs as ``*…*`` (their edge punctuation and
    spaces outside, so that the markers always open and close), raised runs as
    ``<sup>…</sup>``."""
    # A space between two italic runs belongs to the italics.
    tokens: list[Piece] = []
    for index, piece in enumerate(pieces):
        if piece.text == " " and not piece.raised:
            before = pieces[index - 1] if index else None
            after = pieces[index + 1] if index + 1 < len(pieces) else None
            italic = bool(
                before
                and after
                and before.italic
                and after.italic
                and not before.raised
                and not after.raised
            )
            piece = Piece(" ", italic=italic)
        if (
            tokens
            and not piece.raised
            and not tokens[-1].raised
            and tokens[-1].italic == piece.italic
        ):
            tokens[-1] = Piece(tokens[-1].text + piece.text, piece.italic)
        else:
            tokens.append(piece)
    out: list[str] = []
    for token in tokens:
        if token.raised:
            out.append(f"<sup>{escape(token.text.strip())}</sup>")
        elif token.italic:
            edge = _EDGE.match(token.text)
            assert edge is not None
            if any(char.isalnum() for char in edge["core"]):
                out.append(
                    escape(edge["lead"]) + "*" + escape(edge["core"]) + "*" + escape(edge["trail"])
                )
            else:
                out.append(escape(token.text))
        else:
            out.append(escape(token.text))
    text = "".join(out).strip()
    text = re.sub(r"[ \t]+", " ", text)
    if not _LIST_START.match(text):
        text = _LINE_START.sub(r"\\\1", text)
    return text


# --------------------------------------------------------------------------- the whole


@dataclass
class Converted:
    front_matter: dict[str, Any]
    markdown: str
    removals: list[Removal]
    pages: int


def _body_size(pages: list[PdfPage]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0]


def convert_pdf(path: Path, shown: str | None = None) -> Converted:
    shown = shown or path.as_posix()
    pages = read_pages(path, shown)
    removals: list[Removal] = []
    cover = read_cover(pages[0])
    cover_ids = {id(line) for line in cover.lines} if cover else set()
    body: dict[int, list[TextLine]] = {}
    notes_lines: list[TextLine] = []
    for page in pages:
        in_notes = False
        for line in page.lines:
            if id(line) in cover_ids:
                continue
            if _is_footer(page, line):
                removals.append(Removal(page.number, line.text, _footer_reason(line)))
                continue
            if _is_header(page, line):
                removals.append(Removal(page.number, line.text, "en-tête courant"))
                continue
            if NOTE_RULE.match(line.text):
                removals.append(Removal(page.number, line.text, "filet des notes"))
                in_notes = True
                continue
            if in_notes:
                notes_lines.append(line)
            else:
                body.setdefault(page.number, []).append(line)
    if cover is not None:
        removals[:0] = [
            Removal(1, line.text, reason)
            for line, reason in zip(cover.lines, cover.reasons, strict=True)
        ]
    size = _body_size(pages)
    grouping = Paragraphs(_layouts(pages, body, size), _line_pitch(body, size))
    paragraphs: list[list[TextLine]] = []
    previous: TextLine | None = None
    for number in sorted(body):
        for line in body[number]:
            if grouping.starts(previous, line):
                paragraphs.append([])
            paragraphs[-1].append(line)
            previous = line
    notes: list[list[TextLine]] = []
    for line in notes_lines:
        first = line.pieces[0] if line.pieces else None
        if (first is not None and first.raised and first.text.strip().isdigit()) or not notes:
            notes.append([])
        notes[-1].append(line)
    blocks = [render_pieces(_join(lines)) for lines in paragraphs]
    blocks += [render_pieces(_join(lines)) for lines in notes]
    markdown = "\n\n".join(block for block in blocks if block) + "\n"
    data = cover.data if cover is not None else {}
    return Converted(front_matter(data, path), markdown, removals, len(pages))


def un_address(symbol: str, lang: str) -> str:
    """The official document system's address of a UN symbol."""
    return f"https://docs.un.org/{lang}/{symbol}"


UN_SYMBOL = re.compile(r"^(?:A|E|S|ST|CND|UNEP|TD)/")


def front_matter(data: dict[str, str], path: Path) -> dict[str, Any]:
    """The metadata of a source text, prefilled from the cover block."""
    lang = data.get("lang", "en")
    symbol = data.get("symbol", "")
    metadata: dict[str, Any] = {}
    if symbol:
        metadata["symbol"] = symbol
    metadata["title"] = data.get("title", "")
    metadata["body"] = data.get("body", "")
    metadata["type"] = data.get("type", "résolution")
    metadata["date"] = data.get("adopted") or data.get("distributed", "")
    metadata["source"] = un_address(symbol, lang) if UN_SYMBOL.match(symbol) else symbol
    metadata["format"] = "markdown"
    metadata["lang"] = lang
    if lang != "fr" and symbol:
        # The French text of the same symbol keeps the plain slug.
        metadata["slug"] = f"{slugify(symbol)}-{lang}"
    for key in ("session", "agenda_item", "agenda_title"):
        if data.get(key):
            metadata[key] = data[key]
    if data.get("document"):
        # "[without reference to a Main Committee (A/78/L.68)]": the draft resolution;
        # "[on the report of the Third Committee (A/78/482, para. 29)]": the report.
        kind = "draft_symbol" if "/L." in data["document"] else "report_symbol"
        metadata[kind] = data["document"]
    metadata["pdf_sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return metadata


def pdf_to_source(path: Path | str, shown: str | None = None) -> tuple[dict, str, list[Removal]]:
    """A PDF as a Markdown source text: (front matter, Markdown body, removals)."""
    converted = convert_pdf(Path(path), shown)
    return converted.front_matter, converted.markdown, converted.removals
