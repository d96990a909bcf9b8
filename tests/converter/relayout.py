"""Re-layouts of a seed text, as real copies of the same document lay it out.

The seeds of ``source_texts/`` happen to separate their paragraphs with blank lines.
Real copies do not: text copied from a PDF is hard-wrapped with no blank line at all, a
web copy is one flattened line, page furniture (job numbers, page counters, running
headers, the cover) falls inside sentences, and note marks come after the punctuation or
detached from their word.  Every function here is pure: a seed and a few numbers (the
ones hypothesis generates) in, a text out, so that a failure can be replayed by hand.

A seed is read into *units*: the runs of source lines that make one block of the
converter's model of the seed as received (a paragraph, an item, a heading, a note; the
model is checked against human reading by ``tests/golden``), page rules, and the other
lines (a section numeral ``II``).  A unit always starts a new line in any copy; inside a
unit, line breaks are only where the page happened to be wide enough.  Note marks are
taken from the same model (``NoteMark``: line and offset) and located in the raw line,
where they are wrapped between two sentinel characters so that moving them later is
exact; ``render`` takes the sentinels out.

Which re-layouts apply to which format
--------------------------------------

``pdf-text`` and ``ocr`` (a PDF's text, a scan's OCR) take all four:

(a) ``wrap``: every unit refilled at a width of 55–110 columns, no blank line at all;
    the ``____`` rule lines stay lines, as in a PDF copy, and each note starts a line;
(b) ``flatten``: a web copy.  The body becomes one line (units joined by single
    spaces).  A web page prints the notes once, at its foot, after the text: the notes
    of every page are moved to the end, after one ``____`` rule line, and they are
    flattened too (one line, each note's number then its text), since a copy that lost
    the body's line breaks lost the notes' as well;
(c) ``insert_furniture``: page breaks at generated places inside paragraphs, each with
    the foot of one page and the head of the next (job number ``07-47050 (F)``, page
    counter ``2/8`` or ``- 2 -``, running header repeating the symbol, the barcode on
    the first page), and the cover block before the title (UN masthead or OSCE cover,
    made from the metadata).  In a line layout the furniture takes lines of its own; in
    a flattened copy it runs inline, between two words of a sentence;
(d) ``place_marks`` (through ``render``): a glued note number (``Millénaire1,``) moved after the
    punctuation that follows it (``Millénaire,1``) or detached by a space
    (``Millénaire 1,``).  A mark an OCR read as a quote between two words
    (``DECLARATION‘SUR``) has neither punctuation nor a word end to move past: it stays.

``markdown`` (an export) takes only what changes the layout and not the document:

(a) hard-wrapping inside a paragraph is harmless: a line break inside a CommonMark
    paragraph is a space.  Blank lines are kept, because in Markdown they *are* the
    paragraph breaks: removing them merges paragraphs for every Markdown reader, which
    is another document, not another layout.  Headings (one line by definition), rules
    and lines ending in a hard break stay as they are, and no wrapped line starts with
    what would open a block (``#``, ``-``, ``1.``…);
(b) flattening does not apply: one line of Markdown is one paragraph, and headings,
    list items and the ``<sup>n</sup>`` note paragraphs exist only at line starts.  A
    web copy of the document is plain text, which is what ``pdf-text`` tests;
(c) the running furniture applies, as the paragraphs of their own that exports make of
    page headers and footers, cutting a paragraph where a page ended (like the ``---``
    page rules the exports already carry).  No cover: the export a-res-78-284 keeps its
    own masthead as headings and the CND extract starts in the middle of a report; no
    barcode either (exports drop the image, and ``*…*`` would be emphasis);
(d) ``<sup>n</sup>`` moved after the punctuation that follows it, or detached by a space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from resolutions.model import Document
from resolutions.pipeline import convert_bytes

OPEN, CLOSE = "\x01", "\x02"
"""Sentinels around a note mark (the number, or ``<sup>n</sup>``) in a seed's lines."""
MARK = re.compile(f"{OPEN}(?P<mark>[^{CLOSE}]*){CLOSE}(?P<punct>[,;:.]*)")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
RULE = re.compile(r"^\s*_{3,}\s*$")
MD_RULE = re.compile(r"^\s*(?:-\s*){3,}$|^\s*(?:\*\s*){3,}$")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
MD_BLOCK_START = re.compile(r"^(?:#{1,6}|[-+*>]|\d{1,9}[.)]|=+|-+|_+|\*+)$|^[-+*>#|]")
"""A token that would open a block (or a setext underline) at the start of a line."""
PARAGRAPH_ID = re.compile(r"^(?:pp|op|p)\d+(?:-\w+)?$")
"""Ids of paragraphs and their items: where page breaks fall in the body."""
MARK_STYLES = ("glued", "after", "detached")


# --------------------------------------------------------------------------- the seed


@dataclass(frozen=True)
class Unit:
    kind: str
    """``text`` (body), ``note`` (a note's text), ``rule`` (``____``, ``---``), ``fixed``
    (a Markdown line kept as it is: heading, hard break) or ``other`` (a line no block
    holds, such as a section numeral)."""
    label: str
    """The id of the model block the lines belong to (``pp3``, ``op6-a``, ``title-1``,
    ``fn-4``…), ``""`` for rules and other lines."""
    lines: tuple[str, ...]
    """The lines as printed, note marks between sentinels."""

    def tokens(self) -> list[str]:
        return [token for line in self.lines for token in line.split()]

    @property
    def indent(self) -> str:
        first = self.lines[0]
        return first[: len(first) - len(first.lstrip())]


@dataclass(frozen=True)
class Seed:
    name: str
    format: str
    meta: dict[str, Any]
    front: str
    """The front matter, both ``---`` lines and the newline after the second included."""
    parts: tuple[Unit | str, ...]
    """Units and the blank lines between them (``str``), in order."""
    unmovable_marks: int = 0
    """Note marks of the model that are not glued digits (an OCR quote read as a mark)."""

    @property
    def units(self) -> list[Unit]:
        return [part for part in self.parts if isinstance(part, Unit)]

    def marks(self) -> int:
        return sum(line.count(OPEN) for unit in self.units for line in unit.lines)


def _labels(documents: Sequence[Document]) -> dict[int, set[str]]:
    """File line number → ids of the model blocks that hold text from it."""
    labels: dict[int, set[str]] = {}
    for document in documents:
        blocks = list(document.blocks())
        blocks += [(f"fn-{note.number}", note.text) for note in document.footnotes]
        for block_id, block in blocks:
            for line in {line for _, line in block.lines} or {block.line}:
                labels.setdefault(line, set()).add(block_id)
    return labels


def _mark_spans(documents: Sequence[Document], lines: dict[int, str], markdown: bool):
    """File line number → spans ``(start, end)`` of each note mark in that raw line, and
    the number of marks that are not glued digits."""
    spans: dict[int, list[tuple[int, int]]] = {}
    unmovable = 0
    for document in documents:
        blocks = list(document.blocks())
        for _, block in blocks:
            for mark in block.notes:
                raw = lines[mark.line]
                taken = spans.setdefault(mark.line, [])
                stem = re.split(r"\s", block.text[: mark.offset])[-1]
                if markdown:
                    pattern = re.compile(rf"(?<=\S)<sup>{mark.number}</sup>")
                    found = [(m.start(), m.end()) for m in pattern.finditer(raw)]
                else:
                    pattern = re.compile(rf"(?<!\S){re.escape(stem)}({mark.number})(?!\d)")
                    found = [(m.start(1), m.end(1)) for m in pattern.finditer(raw)]
                    if not found and re.search(rf"{re.escape(stem)}[‘`´]\S", raw):
                        unmovable += 1
                        continue
                free = [span for span in found if span not in taken]
                if not free:
                    raise LookupError(
                        f"note mark {mark.number} after {stem!r} "
                        f"not found on line {mark.line}: {raw!r}"
                    )
                taken.append(free[0])
    return spans, unmovable


def load_seed(path: Path) -> Seed:
    raw = path.read_text(encoding="utf-8")
    front_match = FRONT_MATTER.match(raw)
    assert front_match, f"{path.name}: no front matter"
    front = front_match.group()
    meta = yaml.safe_load(front[4 : -len("---\n")])
    documents = convert_bytes(raw.encode("utf-8"), path.name, repair=False).documents
    body = raw[len(front) :].split("\n")
    first = front.count("\n") + 1  # file line number of body[0]
    numbered = {first + index: text for index, text in enumerate(body)}
    markdown = meta["format"] == "markdown"
    spans, unmovable = _mark_spans(documents, numbered, markdown)
    labels = _labels(documents)

    def kind_and_label(number: int, text: str) -> tuple[str, str]:
        if RULE.match(text) or (markdown and MD_RULE.match(text)):
            return "rule", ""
        if markdown and (MD_HEADING.match(text) or text.endswith(("  ", "\\"))):
            return "fixed", f"line-{number}"
        held = labels.get(number, set())
        if len(held) > 1:
            raise ValueError(f"{path.name}:{number}: one line holds {sorted(held)}")
        if not held:
            return "other", f"line-{number}"
        label = held.pop()
        return ("note" if label.startswith("fn-") else "text"), label

    parts: list[Unit | str] = []
    for index, text in enumerate(body):
        number = first + index
        if not text.strip():
            parts.append(text)
            continue
        for start, end in sorted(spans.get(number, []), reverse=True):
            text = text[:start] + OPEN + text[start:end] + CLOSE + text[end:]
        kind, label = kind_and_label(number, text)
        previous = parts[-1] if parts else None
        if (
            isinstance(previous, Unit)
            and kind in ("text", "note")
            and (previous.kind, previous.label) == (kind, label)
        ):
            parts[-1] = Unit(kind, label, (*previous.lines, text))
        else:
            parts.append(Unit(kind, label, (text,)))
    return Seed(path.stem, meta["format"], meta, front, tuple(parts), unmovable)


# --------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Line:
    kind: str
    """``text``, ``note``, ``rule``, ``fixed``, ``other``, ``blank`` or ``furniture``."""
    text: str
    unit: int = -1
    """Index of the unit the line comes from (-1: none)."""
    label: str = ""
    token_labels: tuple[str, ...] | None = None
    """A label per token, for a line made of several units (a flattened copy)."""


def visible_length(text: str) -> int:
    return len(text) - text.count(OPEN) - text.count(CLOSE)


def as_printed(seed: Seed) -> list[Line]:
    """The seed as it is, one ``Line`` per source line."""
    lines: list[Line] = []
    for index, part in enumerate(seed.parts):
        if isinstance(part, str):
            lines.append(Line("blank", part))
        else:
            lines += [Line(part.kind, text, index, part.label) for text in part.lines]
    return lines


def fill(tokens: Sequence[str], width: int, indent: str = "", markdown: bool = False) -> list[str]:
    """Greedy filling: as many tokens on a line as fit in ``width`` columns (a token
    longer than the width has a line of its own).  In Markdown, a token that would open
    a block at the start of a line stays at the end of the line before."""
    lines: list[str] = []
    current = indent
    for token in tokens:
        if current.strip() == "":
            current += token
            continue
        fits = visible_length(current) + 1 + visible_length(token) <= width
        if fits or (markdown and MD_BLOCK_START.match(token.replace(OPEN, "").replace(CLOSE, ""))):
            current += " " + token
        else:
            lines.append(current)
            current = token
    if current.strip():
        lines.append(current)
    return lines


def wrap(seed: Seed, width: int, keep_indent: bool = False) -> list[Line]:
    """(a) Every unit refilled at ``width`` columns.  PDF text and OCR: no blank line at
    all, rules kept as lines; ``keep_indent`` keeps each unit's first-line indentation
    (what some PDF copies keep), else every line starts flush left.  Markdown: inside
    each paragraph only, blank lines and fixed lines kept."""
    markdown = seed.format == "markdown"
    lines: list[Line] = []
    for index, part in enumerate(seed.parts):
        if isinstance(part, str):
            if markdown:
                lines.append(Line("blank", part))
            continue
        if part.kind in ("rule", "fixed"):
            lines += [Line(part.kind, text, index, part.label) for text in part.lines]
            continue
        indent = part.indent if keep_indent and not markdown else ""
        lines += [
            Line(part.kind, text, index, part.label)
            for text in fill(part.tokens(), width, indent, markdown)
        ]
    return lines


def flatten(seed: Seed) -> list[Line]:
    """(b) A web copy: the body one line, then one rule line and the notes, in order,
    one line (see the module's docstring).  Not for Markdown."""
    if seed.format == "markdown":
        raise ValueError("flattening does not apply to Markdown (see the module docstring)")
    body: list[str] = []
    labels: list[str] = []
    notes: list[str] = []
    for part in seed.units:
        if part.kind == "note":
            notes += part.tokens()
        elif part.kind != "rule":
            body += part.tokens()
            labels += [part.label] * len(part.tokens())
    rules = [part.lines[0].strip() for part in seed.units if part.kind == "rule"]
    lines = [Line("text", " ".join(body), 0, "", tuple(labels))]
    if notes:
        lines += [Line("rule", rules[0] if rules else "_" * 18), Line("note", " ".join(notes), 1)]
    return lines


# --------------------------------------------------------------------------- furniture

MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
_UNITS = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
).split()
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def cardinal(number: int) -> str:
    """French cardinal, 1–99 (``soixante-douze``, ``quatre-vingt-un``)."""
    if number <= 16:
        return _UNITS[number]
    if number < 20:
        return f"dix-{_UNITS[number - 10]}"
    tens, unit = divmod(number, 10)
    if tens == 7:
        return "soixante et onze" if unit == 1 else f"soixante-{cardinal(10 + unit)}"
    if tens >= 8:
        rest = number - 80
        return "quatre-vingts" if rest == 0 else f"quatre-vingt-{cardinal(rest)}"
    if unit == 0:
        return _TENS[tens]
    return f"{_TENS[tens]} et un" if unit == 1 else f"{_TENS[tens]}-{_UNITS[unit]}"


def ordinal(number: int) -> str:
    """French ordinal, capitalised, 1–99 (``Soixante-deuxième``, ``Première``)."""
    if number == 1:
        return "Première"
    word = cardinal(number)
    if word.endswith("quatre-vingts"):
        word = word[:-1]
    if word.endswith("cinq"):
        word += "u"
    elif word.endswith("neuf"):
        word = word[:-1] + "v"
    elif word.endswith("e"):
        word = word[:-1]
    word += "ième"
    return word[0].upper() + word[1:]


def french_date(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def metadata_date(meta: dict[str, Any]) -> date:
    parts = [int(part) for part in str(meta["date"]).split("-")]
    return date(parts[0], *[*parts[1:], 1, 1][:2])


@dataclass(frozen=True)
class Furniture:
    """What a printed copy adds around the text: the cover, and at each page break the
    foot of one page and the head of the next."""

    style: str
    """``un`` or ``osce``."""
    symbol: str
    cover: tuple[str, ...]
    job: str = ""
    """Job number (``07-47050``), UN only."""
    job_suffix: str = ""
    """`` (F)`` or nothing."""
    joined: bool = False
    """The foot on one line (``24-10174 2/8``) rather than one line per piece."""
    header_first: bool = True
    """OSCE: the running header above the page counter."""

    def page_break(self, page: int, pages: int) -> tuple[str, ...]:
        """Lines at the break after page ``page`` of ``pages``."""
        if self.style == "un":
            counter = f"{page}/{pages}"
            foot = [f"{self.job}{self.job_suffix}", counter]
            foot = [" ".join(foot)] if self.joined else foot
            if page == 1 and self.cover:
                foot.append(f"*{self.job.replace('-', '')}*")
            head = [self.symbol] if self.symbol else []
            return (*foot, *head)
        counter = f"- {page + 1} -"
        head = [self.symbol] if self.symbol else []
        return tuple([*head, counter] if self.header_first else [counter, *head])

    def summary(self) -> str:
        """The generated choices, for a failure message."""
        if self.style == "un":
            shown = f"UN, job {self.job}{self.job_suffix}, foot on one line: {self.joined}"
        else:
            shown = f"OSCE, header above the counter: {self.header_first}"
        return f"{shown}, cover: {' / '.join(self.cover) or 'none'}"

    def tokens(self, pages: int) -> list[str]:
        """Every token this furniture can add in a copy of ``pages`` pages."""
        found = [token for line in self.cover for token in line.split()]
        for page in range(1, pages):
            found += [token for line in self.page_break(page, pages) for token in line.split()]
        return found


def furniture_for(
    meta: dict[str, Any],
    *,
    job_digits: int = 47050,
    delay_days: int = 35,
    agenda_item: int = 107,
    meeting: int = 639,
    suffix: bool = True,
    joined: bool = False,
    header_first: bool = True,
    cover: bool = True,
) -> Furniture:
    """Furniture made from a text's metadata (body, symbol, date) and the generated
    numbers: a UN masthead and job numbers for UN bodies, an OSCE cover and page
    counters for OSCE ones.  Markdown exports get no cover and no barcode."""
    symbol = str(meta.get("symbol") or "")
    issued = metadata_date(meta) + timedelta(days=delay_days)
    markdown = meta.get("format") == "markdown"
    body = meta["body"]
    if body.startswith("osce"):
        council = "Conseil permanent" if body == "osce-cp" else "Conseil ministériel"
        lines = [*([symbol] if symbol else []), french_date(issued)]
        lines += ["Organisation pour la sécurité et la coopération en Europe", council]
        lines += ["FRANÇAIS", "Original : ANGLAIS"]
        if body == "osce-cp":
            lines += [
                f"{meeting}e séance plénière",
                f"Journal no {meeting} du CP, point {agenda_item} de l’ordre du jour",
            ]
        else:
            session = meeting % 40 + 10
            lines += [
                f"Deuxième journée de la {ordinal(session).lower()} Réunion",
                f"MC({session}) Journal no 2, point {agenda_item} de l’ordre du jour",
            ]
        return Furniture(
            "osce",
            symbol,
            tuple(lines) if cover and not markdown else (),
            header_first=header_first,
        )
    job = f"{issued.year % 100:02d}-{job_digits:05d}"
    organ = {"ag": "Assemblée générale", "ecosoc": "Conseil économique et social"}
    session_match = re.match(r"A/RES/(\d+)/", symbol)
    session = int(session_match.group(1)) if session_match else meeting % 70 + 10
    lines = [
        f"Nations Unies {symbol}".strip(),
        organ.get(body, "Conseil économique et social"),
        "Distr. générale",
        french_date(issued),
        f"{ordinal(session)} session",
        f"Point {agenda_item} de l’ordre du jour",
    ]
    return Furniture(
        "un",
        symbol,
        tuple(lines) if cover and not markdown else (),
        job=job,
        job_suffix=" (F)" if suffix else "",
        joined=joined,
    )


def break_points(lines: Sequence[Line], line_ends: bool = False) -> list[tuple[int, int]]:
    """Places a page can end inside a paragraph or an item: ``(line index, k)`` for a
    break after the ``k``-th token of that line (with ``line_ends``, only at the end of
    a line, as in a printed page).  Never after a unit's last token, nor inside
    Markdown emphasis (an odd number of ``*`` before it in the unit)."""
    last_line: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.unit >= 0:
            last_line[line.unit] = index
    points = []
    stars: dict[object, int] = {}
    for index, line in enumerate(lines):
        if line.kind != "text":
            continue
        tokens = line.text.split()
        labels = line.token_labels or (line.label,) * len(tokens)
        for k, token in enumerate(tokens, 1):
            key = (line.unit, labels[k - 1])
            stars[key] = stars.get(key, 0) + token.count("*")
            if not PARAGRAPH_ID.match(labels[k - 1]) or stars[key] % 2:
                continue
            if k < len(tokens):
                if labels[k] == labels[k - 1] and not line_ends:
                    points.append((index, k))
            elif last_line[line.unit] != index:
                points.append((index, k))
    return points


def insert_furniture(
    lines: Sequence[Line],
    furniture: Furniture,
    breaks: Sequence[int],
    mode: str,
) -> tuple[list[Line], tuple[str, ...], int]:
    """(c) Page breaks at ``breaks`` (indices into ``break_points``, taken modulo their
    number), each with ``furniture.page_break``, and the cover before the first line.

    ``mode``: ``lines`` (PDF copy: furniture lines between the two halves of a line cut
    by the page), ``inline`` (flattened copy: furniture between two words of the line)
    or ``paragraphs`` (Markdown export: furniture paragraphs, blank lines around them).
    Returns the lines, every furniture line inserted, and the number of pages."""
    points = break_points(lines, line_ends=mode == "lines")
    chosen = sorted({points[b % len(points)] for b in breaks}) if points else []
    pages = len(chosen) + 1
    by_line: dict[int, list[int]] = {}
    for index, k in chosen:
        by_line.setdefault(index, []).append(k)
    inserted: list[str] = list(furniture.cover)
    out: list[Line] = []
    page = 0
    for index, line in enumerate(lines):
        cuts = by_line.get(index)
        if not cuts:
            out.append(line)
            continue
        tokens = line.text.split()
        indent = line.text[: len(line.text) - len(line.text.lstrip())]
        pieces: list[str] = []
        start = 0
        for k in [*cuts, len(tokens)]:
            pieces.append(" ".join(tokens[start:k]))
            start = k
        segments: list[Line] = []
        for number, piece in enumerate(pieces):
            if number:
                page += 1
                furniture_lines = furniture.page_break(page, pages)
                inserted += furniture_lines
                if mode == "inline":
                    segments.append(Line("furniture", " ".join(furniture_lines)))
                elif mode == "paragraphs":
                    for text in furniture_lines:
                        segments += [Line("blank", ""), Line("furniture", text)]
                    segments.append(Line("blank", ""))
                else:
                    segments += [Line("furniture", text) for text in furniture_lines]
            if piece:
                text = (indent if not number else "") + piece
                segments.append(Line(line.kind, text, line.unit, line.label))
        if mode == "inline":
            out.append(Line(line.kind, " ".join(s.text for s in segments), line.unit, line.label))
        else:
            out += segments
    if furniture.cover:
        first = next(i for i, line in enumerate(out) if line.kind not in ("blank",))
        if mode == "inline":
            line = out[first]
            out[first] = Line(
                line.kind, " ".join([*furniture.cover, line.text]), line.unit, line.label
            )
        else:
            out[first:first] = [Line("furniture", text) for text in furniture.cover]
    return out, tuple(inserted), pages


# --------------------------------------------------------------------------- rendering


def place_marks(text: str, styles: Sequence[str] = ("glued",)) -> str:
    """(d) Each note mark written in a style, the styles taken in turn: ``glued`` as it
    was (``Millénaire1,``), ``after`` the punctuation that follows it (``Millénaire,1``;
    a mark with no punctuation after it stays glued), ``detached`` by a space
    (``Millénaire 1,``).  The sentinels go."""
    count = 0

    def write(match: re.Match[str]) -> str:
        nonlocal count
        style = styles[count % len(styles)]
        count += 1
        mark, punct = match["mark"], match["punct"]
        if style == "after":
            return punct + mark
        if style == "detached":
            return " " + mark + punct
        return mark + punct

    return MARK.sub(write, text)


def strip_marks(text: str) -> str:
    """The text with the sentinels taken out (the marks as printed)."""
    return text.replace(OPEN, "").replace(CLOSE, "")


@dataclass(frozen=True)
class Relaid:
    text: str
    """The whole source file, front matter included, ready for ``convert_bytes``."""
    furniture: tuple[str, ...] = ()
    """Every furniture line inserted, the cover's included."""
    cover: tuple[str, ...] = ()
    pages: int = 1
    description: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def render(
    seed: Seed, lines: Sequence[Line], styles: Sequence[str] = ("glued",), newline: bool = True
) -> str:
    """The source file: the front matter, the lines, the marks in ``styles``; with
    ``newline``, the last line ends with one (a layout made anew), else the lines are
    joined exactly (the seed as printed ends as it ends)."""
    body = "\n".join(line.text for line in lines)
    if newline and not body.endswith("\n"):
        body += "\n"
    return place_marks(seed.front + body, styles)


def relayout(
    seed: Seed,
    *,
    layout: str = "printed",
    width: int = 80,
    keep_indent: bool = False,
    furniture: Furniture | None = None,
    breaks: Sequence[int] = (),
    styles: Sequence[str] = ("glued",),
) -> Relaid:
    """A layout (``printed``: as received, ``wrapped``, ``flat``), then furniture if
    given, then the marks in ``styles``."""
    if layout == "wrapped":
        lines = wrap(seed, width, keep_indent)
    elif layout == "flat":
        lines = flatten(seed)
    else:
        lines = as_printed(seed)
    inserted: tuple[str, ...] = ()
    pages = 1
    if furniture is not None:
        mode = (
            "paragraphs" if seed.format == "markdown" else "inline" if layout == "flat" else "lines"
        )
        lines, inserted, pages = insert_furniture(lines, furniture, breaks, mode)
    params: dict[str, Any] = {"layout": layout, "styles": tuple(styles)}
    if layout == "wrapped":
        params |= {"width": width, "keep_indent": keep_indent}
    if furniture is not None:
        params["furniture"] = furniture.summary()
        params["breaks"] = tuple(breaks)
    description = ", ".join(f"{key}={value!r}" for key, value in params.items())
    text = render(seed, lines, styles, newline=layout != "printed")
    cover = furniture.cover if furniture is not None else ()
    return Relaid(text, inserted, cover, pages, description, params)


# --------------------------------------------------------------------------- comparison


def collapsed(text: str) -> str:
    return " ".join(text.split())


def _ref_id(block_id: str) -> str:
    """Any heading line is ``title``: how many lines a heading takes is layout."""
    return "title" if block_id.startswith("title-") else block_id


def structure(documents: Sequence[Document], cover: Sequence[str] = ()) -> dict[str, Any]:
    """What must not depend on the layout, as ordered ``key → value`` entries: the
    documents, each one's heading text (less the ``cover`` lines, which a converter may
    keep in the heading or take out as furniture), author, sections, paragraphs (id,
    kind, number, section, lead, text) and their items, closing, notes (number, text,
    citing blocks) and every note reference as ``(block id, note number)`` in reading
    order.  Texts are compared with white space collapsed."""
    found: dict[str, Any] = {"documents": [document.slug for document in documents]}
    for document in documents:
        slug = document.slug
        # What is there first (a count is the clearest first difference), then each
        # part in reading order.
        found[f"{slug}: paragraphs"] = [p.id for p in document.paragraphs]
        found[f"{slug}: notes"] = [note.number for note in document.footnotes]
        found[f"{slug}: sections"] = [(s.id, s.number) for s in document.sections]
        heading = collapsed(" ".join(block.text for block in document.heading))
        for line in cover:
            heading = collapsed(heading.replace(collapsed(line), " ", 1))
        found[f"{slug}: heading"] = heading
        found[f"{slug}: author"] = collapsed(document.author.text) if document.author else None
        for section in document.sections:
            found[f"{slug}: {section.id} heading"] = collapsed(section.heading.text)
        for paragraph in document.paragraphs:
            key = f"{slug}: {paragraph.id}"
            found[f"{key} kind, number, section, lead"] = (
                paragraph.kind,
                paragraph.number,
                paragraph.section,
                paragraph.lead,
            )
            found[f"{key} text"] = collapsed(paragraph.text)
            found[f"{key} items"] = [(item.id, item.label) for item in paragraph.items]
            for item in paragraph.items:
                found[f"{slug}: {item.id} text"] = collapsed(item.text)
        found[f"{slug}: closing"] = collapsed(document.closing.text) if document.closing else None
        for note in document.footnotes:
            found[f"{slug}: fn-{note.number} text"] = collapsed(note.text.text)
            found[f"{slug}: fn-{note.number} cited by"] = [_ref_id(ref) for ref in note.refs]
        found[f"{slug}: note refs"] = [
            (_ref_id(block_id), mark.number)
            for block_id, block in document.blocks()
            for mark in block.notes
        ]
        found[f"{slug}: fragment, incomplete"] = (document.fragment, document.incomplete)
    return found


def _short(value: Any, limit: int = 100) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(key: str, want: Any, got: Any) -> str:
    if isinstance(want, str) and isinstance(got, str):
        at = next(
            (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b),
            min(len(want), len(got)),
        )
        start = max(at - 50, 0)
        return (
            f"{key}: differs at character {at} (got {len(got)} characters, want {len(want)})\n"
            f"      got  …{got[start : at + 70]!r}\n"
            f"      want …{want[start : at + 70]!r}"
        )
    if isinstance(want, list) and isinstance(got, list):
        at = next(
            (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b),
            min(len(want), len(got)),
        )
        return (
            f"{key}: got {len(got)}, want {len(want)}; first difference at #{at + 1}: "
            f"got {_short(got[at]) if at < len(got) else '(nothing)'}, "
            f"want {_short(want[at]) if at < len(want) else '(nothing)'}\n"
            f"      got  {_short(got, 300)}\n"
            f"      want {_short(want, 300)}"
        )
    return f"{key}:\n      got  {_short(got, 300)}\n      want {_short(want, 300)}"


MISSING = object()


def first_difference(want: dict[str, Any], got: dict[str, Any]) -> str | None:
    """The first entry (in reading order) where ``got`` differs from ``want``, said
    readably, with how many entries differ in all; ``None`` when they are equal."""
    keys = list(want) + [key for key in got if key not in want]
    differing = [key for key in keys if want.get(key, MISSING) != got.get(key, MISSING)]
    if not differing:
        return None
    key = differing[0]
    if key not in got:
        message = f"{key}: missing; want {_short(want[key], 300)}"
    elif key not in want:
        message = f"{key}: not expected; got {_short(got[key], 300)}"
    else:
        message = _describe(key, want[key], got[key])
    return f"{message}\n   ({len(differing)} differing entries in all: {_short(differing, 400)})"


FURNITURE_TOKEN = re.compile(r"[/*]|^\d{2}-\d{5}$")
"""A furniture token worth looking for on its own: job number, page counter, barcode,
symbol (a plain number such as the ``2`` of ``- 2 -`` is not: the texts have many)."""


def _count(needle: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w/.\-]){re.escape(needle)}(?![\w/.\-])", text))


def furniture_leaks(
    want: Sequence[Document], got: Sequence[Document], furniture: Sequence[str]
) -> list[str]:
    """Furniture found in the text of a paragraph, an item, a note, the author, a
    section heading or the closing of ``got`` more often than in ``want`` (the seed's
    own words may contain it: ``Le Conseil permanent,``)."""

    def texts(documents: Sequence[Document]) -> dict[str, str]:
        found = {}
        for document in documents:
            for block_id, block in document.blocks():
                if not block_id.startswith("title-"):
                    found[f"{document.slug}: {block_id}"] = collapsed(block.text)
            for note in document.footnotes:
                found[f"{document.slug}: fn-{note.number}"] = collapsed(note.text.text)
        return found

    want_texts, got_texts = texts(want), texts(got)
    needles = {collapsed(line) for line in furniture}
    needles |= {
        token for line in furniture for token in line.split() if FURNITURE_TOKEN.search(token)
    }
    leaks = []
    for needle in sorted(needles):
        where = [key for key, text in got_texts.items() if _count(needle, text)]
        got_count = sum(_count(needle, text) for text in got_texts.values())
        want_count = sum(_count(needle, text) for text in want_texts.values())
        if got_count > want_count:
            leaks.append(f"furniture {needle!r} in the text of {', '.join(where)}")
    return leaks
