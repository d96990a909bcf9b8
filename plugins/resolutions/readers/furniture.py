"""Page furniture and the cover block, taken out of PDF text and OCR before reading.

A copy of an official document carries, besides the text, what the page printed around
it.  Editors paste it as it came, and it falls anywhere: on lines of its own in a
hard-wrapped copy, inside a sentence in a flattened one (``… in Persons 25-19346 2/8
that the 2030 Agenda …``).  This stage removes it wherever it falls and records each
removal (``Removal``: line, characters, reason), so that fidelity can account for every
character the text loses.

What is furniture::

    job number      "07-47050 (F)", "25-19346"             anywhere
    bar code        "*0747050*"                             anywhere
    page counter    "2/8", "- 3 -", "Page 3 of 8"           alone on a line, or beside
                                                            other furniture (n ≤ N)
    running header  the text's own symbol ("A/RES/62/176")  anywhere after the heading
    recycling text  "Veuillez recycler", "Please recycle"   anywhere
    cover block     masthead, symbol, body, "Distr. générale", date, "Original : …",
                    session, agenda item and its title, "Résolution adoptée par …",
                    "[sur la base du rapport …]"              before the author clause

The cover block is read into ``details`` (name, value, line): the symbol (also when a
copy splits it over two lines, ``Nations Unies A`` / ``/S-30/2``), the session, the
agenda item, the adoption date (ISO), the draft or report symbol.  What is left of the
heading (the number and title of the text) stays text.

A page counter is taken only beside other furniture or alone on its line, and only when
its page is at most its total with no leading zero: ``61/183`` (a resolution),
``n° 3/05`` (a decision) and ``5/06`` are never page counters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import attrgetter

from .. import months
from ..load import Line
from ..model import Detail, Removal

MONTHS_FR = months.FRENCH
MONTHS_EN = months.ENGLISH

# Each pattern opens on a character, with the look-behind that ends a token placed after
# it: a pattern that opens on a look-behind is tried at every position of the text
# (five times slower over a whole text).
JOB_NUMBER = r"\d(?<![\w/.\-]\d)\d-\d{5}(?:\s*\([A-Z]\))?(?![\w/\-])"
BAR_CODE = r"\*\d{7,}\*"
RECYCLING = r"(?:Veuillez\s+recycler|Please\s+recycle)\b"
PAGE_COUNTER = r"(?P<page>[1-9](?<![\w/.\-][1-9])\d{0,2})\s?/\s?(?P<pages>[1-9]\d{0,2})(?![\w/])"
DASHED_PAGE = r"[-–](?<![\w\-–][-–])\s?[1-9]\d{0,2}\s?[-–](?![\w\-–])"
PAGE_WORD = r"[Pp](?<!\w[Pp])age\s+[1-9]\d{0,2}(?:\s+(?:of|sur|de)\s+[1-9]\d{0,2})?\b"

PRINT_DATE = r"[0-3](?<![\w/.\-][0-3])\d[01]\d\d\d(?![\w/\-])"
"""The print date beside a job number ("130624"), ddmmyy."""
ALWAYS = re.compile(f"(?P<job>{JOB_NUMBER})|(?P<bar>{BAR_CODE})|(?P<recycle>{RECYCLING})")
BESIDE_JOB = re.compile(f"(?P<printdate>{PRINT_DATE})")
DASHED = re.compile(DASHED_PAGE)
COUNTERS = re.compile(
    f"(?P<counter>{PAGE_COUNTER})|(?P<dashed>{DASHED_PAGE})|(?P<word>{PAGE_WORD})"
)


@dataclass(frozen=True)
class Anchored:
    """A pattern searched only where it can match.  Every match of ``pattern`` holds one
    of the ``anchors``, a literal that ``str.find`` finds at C speed, a known number of
    characters after the match's start; the pattern is tried at those starts alone.
    Python's engine tries a pattern that opens on a class or an alternation at every
    position of the text (some 50 ns a character: these patterns were most of the
    furniture stage's time); this tries it at a few dozen positions, and gives exactly
    the matches of ``pattern.finditer``."""

    pattern: re.Pattern[str]
    anchors: tuple[tuple[str | re.Pattern[str], int, int], ...]
    """(anchor, nearest, farthest): the anchor starts between ``nearest`` and
    ``farthest`` characters after the start of any match that holds it.  An anchor is a
    literal, or a pattern that opens on one (the engine finds it as fast) and says what
    must stand around it in any match, so that fewer starts are tried."""
    opens: str = ""
    """The characters a match can open with, when few (the other starts are skipped)."""

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        starts: set[int] = set()
        for anchor, nearest, farthest in self.anchors:
            if not isinstance(anchor, str):
                for at in map(_START, anchor.finditer(text, pos + nearest)):
                    starts.update(range(max(pos, at - farthest), at - nearest + 1))
                continue
            at = text.find(anchor, pos + nearest)
            if nearest == farthest:
                # One start per literal (``find`` began far enough for it to be ≥ pos).
                while at >= 0:
                    starts.add(at - nearest)
                    at = text.find(anchor, at + 1)
                continue
            while at >= 0:
                starts.update(range(max(pos, at - farthest), at - nearest + 1))
                at = text.find(anchor, at + 1)
        if self.opens:
            starts = {start for start in starts if text[start] in self.opens}
        end = pos
        for start in sorted(starts):
            # As finditer: the leftmost match, then the next one after it (no pattern
            # here matches the empty string).
            if start >= end and (match := self.pattern.match(text, start)):
                yield match
                end = match.end()

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def blank(self, text: str) -> str:
        """``text`` with every match replaced by as many spaces (``sub``'s matches)."""
        pieces: list[str] = []
        cursor = 0
        for match in self.finditer(text):
            pieces += [text[cursor : match.start()], " " * (match.end() - match.start())]
            cursor = match.end()
        return "".join(pieces) + text[cursor:]


_START = re.Match.start

# Where each furniture pattern's literal stands from its start (see the patterns above):
# "07-47050" its hyphen at 2, "*0747050*" its star at 0, "2 /8" its slash at 1 to 4,
# "- 3 -" its dash at 0, "Page 3" its "age" at 1.
COUNTER_SLASH = re.compile(
    "/(?:"
    + "|".join(
        rf"(?<=(?<![\w/.\-])[1-9]{digits}{space}/)"
        for digits in ("", r"\d", r"\d\d")
        for space in ("", r"\s")
    )
    + r")(?=\s?[1-9])"
)
"""The slash of a page counter, as ``PAGE_COUNTER`` has it: one to three digits
before it (the first 1–9, opening a number: what stands before is no letter, digit,
slash, point or hyphen), a space between them or not, and a digit 1–9 after it or after
a space.  Most slashes are those of symbols ("A/RES/62/176", "E/2003/28/Rev.1"): in
A/RES/62/176 with page furniture this finds 27 of the 99, and the pattern was tried up
to four times before each of them."""
# The hyphens, dashes and stars of a text are mostly not furniture's (compound words,
# Markdown emphasis): each anchor below says what follows its literal in any match, so
# that a start is tried only where that stands.
JOB_HYPHEN = re.compile(r"-(?=\d{5})")
"""The hyphen of a job number ("07-47050"), five digits after it."""
BAR_STAR = re.compile(r"\*(?=\d{7})")
"""The first star of a bar code ("*0747050*"), seven digits or more after it."""
PAGE_DASHES = (re.compile(r"-(?=\s?[1-9])"), re.compile(r"–(?=\s?[1-9])"))
"""The first dash of a dashed page number ("- 3 -"), a page number after it."""
PAGE_AGE = re.compile(r"age(?=\s+[1-9])")
"""The "age" of "Page 3", a page number after it."""
ALWAYS_ANCHORED = Anchored(
    ALWAYS, ((JOB_HYPHEN, 2, 2), (BAR_STAR, 0, 0), ("Veuillez", 0, 0), ("Please", 0, 0))
)
DASHED_ANCHORED = Anchored(DASHED, tuple((dash, 0, 0) for dash in PAGE_DASHES))
COUNTERS_ANCHORED = Anchored(
    COUNTERS,
    ((COUNTER_SLASH, 1, 4), *((dash, 0, 0) for dash in PAGE_DASHES), (PAGE_AGE, 1, 1)),
    opens="123456789-–Pp",
)
REASONS = {
    "job": "numéro de tirage",
    "bar": "code-barres",
    "recycle": "mention de recyclage",
    "counter": "numéro de page",
    "dashed": "numéro de page",
    "word": "numéro de page",
    "header": "en-tête courant (cote du document)",
    "title": "en-tête courant (titre du document)",
    "printdate": "date d’impression",
}

# A UN or OSCE document symbol, spaces tolerated around the slashes (copies split it).
SYMBOL = (
    r"(?:A|E|S|E/CN\.7|PC\.DEC|MC\.DEC|MC\.DOC|PC\.DOC)"
    r"(?:\s?/\s?(?:RES|DEC|L\.\d+|S-\d+|\d+(?:\.\d+)?|Rev\.\d+|Add\.\d+|Corr\.\d+|[A-Z]{1,3}))*"
    r"\s?/\s?[A-Z0-9][\w.\-]*"
)
BODY_NAMES = (
    r"Assemblée\s+générale|General\s+Assembly|Conseil\s+économique\s+et\s+social"
    r"|Economic\s+and\s+Social\s+Council|Conseil\s+de\s+sécurité|Security\s+Council"
    r"|Conseil\s+permanent|Permanent\s+Council|Conseil\s+ministériel|Ministerial\s+Council"
    r"|Commission\s+des\s+stupéfiants|Commission\s+on\s+Narcotic\s+Drugs"
)


def day_month_year(prefix: str) -> str:
    """A printed date ("17 décembre 2015", "4 June 2024"), its groups named by prefix."""
    months = "|".join(MONTHS_FR + MONTHS_EN)
    return (
        rf"(?P<{prefix}day>\d{{1,2}})(?:er)?\s+(?P<{prefix}month>{months})"
        rf"\s+(?P<{prefix}year>\d{{4}})"
    )


ORDINAL_SESSION = (
    r"\b[A-ZÉ][\w\-]*?(?:ième|ieme|th|first|second|third|1st|2nd|3rd|\dth|\de)"
    r"\s+(?:special\s+|extraordinary\s+)?session(?:\s+extraordinaire)?\b"
)

COVER_PIECES = rf"""
      (?P<masthead>(?:(?P<symbol_letter>\b[AES])[ ]*\n[ ]*)?
                    \b(?:Nations\s+Unies|United\s+Nations|Organisation\s+pour\s+la\s+sécurité
                       \s+et\s+la\s+coopération\s+en\s+Europe)\b
                    (?(symbol_letter)[ ]+(?P<symbol_rest>/[ ]?[A-Z][\w/.\-]*)
                                    |(?:\s+(?P<masthead_symbol>{SYMBOL}))?))
    | (?P<adoption>(?:Résolution|Décision|Resolution|Decision)\s+adopt\w+\s+(?:par|by)\s+
                   (?:l['’]|le\s+|la\s+|the\s+)(?:{BODY_NAMES})\s+(?:le|on)\s+{day_month_year("a_")})
    | (?P<report>\[(?:[^\]\[]{{0,200}}?)
                 \((?P<report_symbol>{SYMBOL}(?:\s+et\s+(?:Corr|Add)\.\d+)?)
                 (?:,\s?(?:paras?|par)\.\s?\d+(?:\s?(?:[-–,]|and|et)\s?\d+)*)?\)\])
    | (?P<meeting>\d+\s?(?:e|re|ème|st|nd|rd|th)\s+(?:séance\s+plénière|plenary\s+meeting)
                   (?:\s+(?:du\s+)?Conseil\s+\w+)?)
    | (?P<journal>(?:(?:PC|MC)(?:\(\d+\))?\s+)?Journal\s+(?:n°|no|No\.?)\s?\d+
                   (?:\s+(?:du|of\s+the)\s+(?:CP|CM|PC|MC|Conseil\s+\w+))?
                   (?:,\s?point\s+\d+\s+de\s+l['’]ordre\s+du\s+jour|,\s?(?:agenda\s+)?item\s+\d+)?)
    | (?P<meeting_day>\b[A-ZÉ][\w\-]+\s+journée\s+de\s+la\s+[\w\-]+\s+[Rr]éunion
                   (?:\s+du\s+Conseil\s+ministériel)?|\b[A-Z]\w+\s+day\s+of\s+the\s+[\w\-]+
                   \s+Meeting)
    | (?P<language>\b(?:FRANÇAIS|ANGLAIS|ENGLISH|FRENCH|RUSSE|RUSSIAN)\b)
    | (?P<distribution>Distr\.\s?:?\s?(?:générale|General|limitée|Limited|restreinte|Restricted)\b)
    | (?P<original>Original\s?:\s?[A-Za-zÀ-ÿ]+)
    | (?P<session>{ORDINAL_SESSION})
    | (?P<agenda>(?:Points?\s+[\w()]+(?:\s?(?:,|et)\s?[\w()]+)*\s+de\s+l['’]ordre\s+du\s+jour
                  (?:\s+provisoire)?|Agenda\s+items?\s+[\w()]+(?:\s?(?:,|and)\s?[\w()]+)*))
    | (?P<date>{day_month_year("d_")})
    | (?P<symbol>(?<![\w/.\-]){SYMBOL}(?![\w/]))
    | (?P<body>\b(?:{BODY_NAMES}|OSCE)\b(?!\s*[,:]))
"""
"""The pieces of a cover block, a verbose pattern."""
COVER_OPENS = r"[\d\[]|\b[A-ZÉ]|Ré|Dé|Re|De|PC|MC|Jo|Di|Or|Po|Ag"
"""What every piece of the cover opens on: a digit, a "[", a capital that begins a
word, or one of the few words that may follow a letter ("Résolution", "PC", "Journal",
"Distr.", "Original", "Point", "Agenda").  Python's engine tries the fourteen pieces at
every position of the head; a look-ahead of what they open on stops it at most
positions, in a fraction of the time (over the 65-character head of A/RES/62/176
hard-wrapped: 22 µs without it, 4.5 µs with it)."""
COVER = re.compile(rf"(?x)(?={COVER_OPENS})(?:{COVER_PIECES})")
COVER_REASONS = {
    "masthead": "en-tête du document (organisation)",
    "masthead_name": "en-tête du document (nom de l’organisation)",
    "adoption": "page de couverture (date d’adoption)",
    "report": "page de couverture (rapport ou projet)",
    "distribution": "page de couverture (distribution)",
    "original": "page de couverture (langue originale)",
    "session": "page de couverture (session)",
    "agenda": "page de couverture (point de l’ordre du jour)",
    "agenda_title": "page de couverture (intitulé du point de l’ordre du jour)",
    "date": "page de couverture (date de distribution)",
    "symbol": "page de couverture (cote du document)",
    "body": "page de couverture (organe)",
    "meeting": "page de couverture (séance)",
    "journal": "page de couverture (journal de séance)",
    "meeting_day": "page de couverture (journée de la réunion)",
    "language": "page de couverture (langue de la version)",
}
WEAK = {"date", "symbol", "body", "language", "masthead_name"}
"""Cover pieces that could be words of a title: taken only beside another piece of the
cover, or alone on their line ("Technical assistance provided by the United Nations
Office on" keeps its "United Nations")."""

AUTHOR_ANYWHERE = re.compile(
    rf"(?:(?<=\s)|^)(?:L['’]\s?|Le\s+|La\s+|The\s+)(?:{BODY_NAMES})(?=\s*[,:]|\s*$|\s+[A-ZÉ])"
)
"""An author clause ("L'Assemblée générale," …): where the cover block ends."""

FIRST_NUMBER = re.compile(r"(?:^|\s)1[.)]\s+[A-ZÀ-Þ«*]")
AUTHOR_ANCHORED = Anchored(AUTHOR_ANYWHERE, (("L", 0, 0), ("The", 0, 0)))
FIRST_NUMBER_ANCHORED = Anchored(FIRST_NUMBER, (("1", 0, 1),))
HEAD_LIMIT = 4000
"""Characters looked at for a cover block: covers are a few hundred."""


@dataclass(frozen=True)
class Furnished:
    lines: tuple[Line, ...]
    removals: tuple[Removal, ...]
    details: tuple[Detail, ...]
    resumes: frozenset[int] = frozenset()
    """Numbers of the lines where the text resumes after lines that held only furniture
    (a page break, which the readers use to join a paragraph cut by it)."""


_SPACE_RUN = re.compile(r"[ ]{2,}")
_WHITE_SPACE_RUN = re.compile(r"\s+")
_SPACES = re.compile(r"\s*")
_SPACE_RUN_FROM = re.compile(r"[ ]*")
_NOT_LINE_BREAK = re.compile(r"[^\n]")
_TEXT_OF = attrgetter("text")
_PLUS_ONE = (1).__add__


class _Text:
    """Lines joined by ``\\n`` into one string, so a pattern can span lines (a symbol
    split by the copy), with the way back to each character's line number."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = list(lines)
        # Offsets summed and texts joined at C speed (``map``, ``accumulate``): this runs
        # over every line of every text.
        self.texts = list(map(_TEXT_OF, self.lines))
        self.starts: list[int] = list(accumulate(map(_PLUS_ONE, map(len, self.texts)), initial=0))
        self.starts.pop()  # the offset after the last line
        self.text = "\n".join(self.texts)

    def stripped_lengths(self) -> Iterator[int]:
        """Each line's length without the white space around it (at C speed)."""
        return map(len, map(str.strip, self.texts))

    def line_at(self, offset: int) -> int:
        return self.lines[self._index_at(offset)].number if self.lines else 1

    def cut(
        self, cuts: Sequence[tuple[int, int, str]]
    ) -> tuple[list[Line], list[Removal], set[int]]:
        """The lines with ``cuts`` taken out, each cut recorded as a removal, and the
        numbers of the lines where the text resumes after lines that held only
        furniture.  ``cuts`` are (start, end, reason), sorted and apart.

        A cut never removes a line break: line numbers stay where they were; a line
        left empty that was not blank is dropped (it never was a blank line, so it does
        not end a paragraph).  Only the lines a cut touches are visited one by one: the
        kept lines are taken at C speed (``compress``)."""
        lines = self.lines
        texts = self.texts
        starts = self.starts
        text = self.text
        removals: list[Removal] = []
        pieces: dict[int, list[tuple[int, int]]] = {}
        for start, end, reason in cuts:
            index = bisect.bisect_right(starts, start) - 1
            removals.append(Removal(lines[index].number, text[start:end], reason))
            line_start = starts[index]
            if start < end <= line_start + len(texts[index]):
                # Within its line (all cuts but a few of the cover's).
                pieces.setdefault(index, []).append((start - line_start, end - line_start))
                continue
            # A cut over line breaks is cut from each line it covers.
            while start < end and index < len(lines):
                line_start = starts[index]
                line_end = line_start + len(texts[index])
                piece_end = min(end, line_end)
                if piece_end > start:
                    pieces.setdefault(index, []).append(
                        (start - line_start, piece_end - line_start)
                    )
                index += 1
                start = line_end + 1
        # Each cut line as it remains, or dropped; the kept lines then taken in one step.
        result = list(lines)
        keep = bytearray(b"\x01") * len(lines)
        dropped: list[int] = []
        for index, line_pieces in pieces.items():
            before = texts[index]
            # Furniture alone on its line (most lines cut) leaves nothing.
            alone = line_pieces == [(0, len(before))]
            remains = "" if alone else _remains(before, line_pieces)
            if not remains.strip() and before.strip():
                keep[index] = 0
                dropped.append(index)
            else:
                result[index] = Line(lines[index].number, remains)
        # The text resumes at the first kept line that holds text after a dropped one.
        resumes: set[int] = set()
        looked_up_to = 0  # the lines before it are known not to be such a line
        for index in sorted(dropped):
            if index < looked_up_to:
                continue  # in the run of dropped lines whose resume is already found
            looked_up_to = index + 1
            while looked_up_to < len(lines) and not (
                keep[looked_up_to] and result[looked_up_to].text.strip()
            ):
                looked_up_to += 1
            if looked_up_to < len(lines):
                resumes.add(result[looked_up_to].number)
        return list(compress(result, keep)), removals, resumes

    def _index_at(self, offset: int) -> int:
        """The index of the line holding character ``offset`` of ``text``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)


def _remains(text: str, pieces: Sequence[tuple[int, int]]) -> str:
    """A line's ``text`` less its ``pieces`` ((start, end), in order and apart), spaces
    run together."""
    kept: list[str] = []
    cursor = 0
    for start, end in pieces:
        kept.append(text[cursor:start])
        cursor = end
    kept.append(text[cursor:])
    joined = "".join(kept)
    if "  " in joined:
        joined = _SPACE_RUN.sub(" ", joined)
    joined = joined.rstrip()
    if not text[:1].isspace():
        # A cut at the start must not indent the line (indentation is evidence of a new
        # paragraph for the readers).
        joined = joined.lstrip()
    return joined


def _iso(match: re.Match[str], prefix: str) -> str:
    month = match[f"{prefix}month"]
    number = (MONTHS_FR.index(month) if month in MONTHS_FR else MONTHS_EN.index(month)) + 1
    return f"{match[prefix + 'year']}-{number:02d}-{int(match[prefix + 'day']):02d}"


_SLASH_SPACES = re.compile(r"\s*/\s*")
_AGENDA_ITEM = re.compile(r"(?:Points?|items?)\s+(.+?)(?:\s+de\s+l['’]ordre|$)", re.S)
_DOCUMENT_SYMBOL = re.compile(r"^[A-Z][A-Z.]*/")
"""A full document symbol ("A/RES/62/176", "PC.DEC/758"), not a bare number."""
_TITLE_PREFIX = re.compile(r"^\s*(?:[\w/.\-]+\.\s+)?")


def _single_spaced(value: str) -> str:
    return _WHITE_SPACE_RUN.sub(" ", value)


def _squeeze(value: str) -> str:
    return _SLASH_SPACES.sub("/", _WHITE_SPACE_RUN.sub(" ", value)).strip()


def _head_end(text: str) -> int:
    """Where the cover block ends: at the author clause, else at paragraph 1 (page
    furniture blanked first: "1. - 2 - Nous" is paragraph 1)."""
    window = ALWAYS_ANCHORED.blank(DASHED_ANCHORED.blank(text[:HEAD_LIMIT]))
    author = AUTHOR_ANCHORED.search(window)
    if author:
        return author.start()
    number = FIRST_NUMBER_ANCHORED.search(window)
    return number.start() if number else 0


def read_cover(text: _Text, end: int) -> tuple[list[tuple[int, int, str]], list[Detail]]:
    """The cover block's pieces in ``text.text[:end]``: (start, end, reason) cuts and
    the details they give."""
    cuts: list[tuple[int, int, str]] = []
    details: list[Detail] = []
    head = text.text[:end]
    agenda_end: int | None = None
    for match in COVER.finditer(head):
        kind = match.lastgroup or ""
        if kind in ("masthead_symbol", "symbol_rest"):
            kind = "masthead"
        start, stop = match.span()
        line = text.line_at(start)
        if kind == "masthead" and match["masthead_symbol"]:
            details.append(Detail("symbol", _squeeze(match["masthead_symbol"]), line))
        elif kind == "masthead" and match["symbol_rest"]:
            # A copy that reads the masthead's large symbol letter apart from the rest
            # of the symbol, around the organisation's name ("A" / "United Nations
            # /RES/78/284").
            symbol = match["symbol_letter"] + match["symbol_rest"]
            details.append(Detail("symbol", _squeeze(symbol), line))
        elif kind == "symbol":
            details.append(Detail("symbol", _squeeze(match["symbol"]), line))
        elif kind == "adoption":
            details.append(Detail("adoption_date", _iso(match, "a_"), line))
            details.append(Detail("adoption", _single_spaced(match["adoption"]), line))
        elif kind == "report":
            symbol = _squeeze(match["report_symbol"])
            name = "draft_symbol" if "/L." in symbol else "report_symbol"
            details.append(Detail(name, symbol, line))
            details.append(Detail("committee", _single_spaced(match["report"][1:-1]), line))
        elif kind == "distribution":
            details.append(Detail("distribution", _single_spaced(match[0]), line))
        elif kind == "session":
            details.append(Detail("session", _single_spaced(match[0]), line))
        elif kind == "agenda":
            item = _AGENDA_ITEM.search(match[0])
            details.append(Detail("agenda_item", _single_spaced(item[1]) if item else "", line))
            agenda_end = stop
        elif kind == "date":
            details.append(Detail("date", _iso(match, "d_"), line))
        elif kind == "meeting":
            details.append(Detail("meeting", _single_spaced(match[0]), line))
        if kind == "masthead" and not (match["masthead_symbol"] or match["symbol_rest"]):
            kind = "masthead_name"
        cuts.append((start, stop, COVER_REASONS[kind]))
        if agenda_end is not None and kind != "agenda" and start > agenda_end:
            # The agenda item's title runs from the item to the next cover piece (the
            # adoption line): "Point 64 de l'ordre du jour Zone de paix … Résolution
            # adoptée …".  Only when something follows it, so the text's own title is
            # never taken for it.
            title = head[agenda_end:start].strip()
            if title and len(title) < 300:
                title_start = head.index(title, agenda_end)
                cuts.append((title_start, title_start + len(title), COVER_REASONS["agenda_title"]))
                details.append(
                    Detail("agenda_title", _single_spaced(title), text.line_at(title_start))
                )
            agenda_end = None
    return _anchored(head, cuts, details, text)


def _anchored(
    head: str, cuts: list[tuple[int, int, str]], details: list[Detail], text: _Text
) -> tuple[list[tuple[int, int, str]], list[Detail]]:
    """Keep weak pieces (a date, a symbol, a body's name) only beside a kept piece or
    alone on their line; their details go with them."""
    weak_reasons = {COVER_REASONS[kind] for kind in WEAK}
    kept = [cut[2] not in weak_reasons for cut in cuts]

    def alone(start: int, end: int) -> bool:
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", end)
        line_end = len(head) if line_end < 0 else line_end
        return not head[line_start:start].strip() and not head[end:line_end].strip()

    changed = True
    while changed:
        changed = False
        for index, (start, end, _) in enumerate(cuts):
            if kept[index]:
                continue
            beside = any(
                kept[other]
                and (
                    not head[cuts[other][1] : start].strip()
                    or not head[end : cuts[other][0]].strip()
                )
                for other in range(len(cuts))
                if other != index
                and (
                    (cuts[other][1] <= start and start - cuts[other][1] <= 3)
                    or (end <= cuts[other][0] and cuts[other][0] - end <= 3)
                    # On one line with only spaces between, however wide a layout copy
                    # set them apart ("General Assembly          Distr.: General").
                    or _spaces_between(head, cuts[other][1], start)
                    or _spaces_between(head, end, cuts[other][0])
                )
            )
            if beside or alone(start, end):
                kept[index] = True
                changed = True
    dropped_lines = {text.line_at(cut[0]) for cut, keep in zip(cuts, kept, strict=True) if not keep}
    dropped_values = {
        head[cut[0] : cut[1]] for cut, keep in zip(cuts, kept, strict=True) if not keep
    }
    kept_details = [
        detail
        for detail in details
        if not (
            detail.name in ("date", "symbol")
            and detail.line in dropped_lines
            and any(
                _squeeze(value) == detail.value or detail.name == "date" for value in dropped_values
            )
        )
    ]
    return [cut for cut, keep in zip(cuts, kept, strict=True) if keep], kept_details


_SYMBOL_CHARACTER = re.compile(r"[\w/.\-]")
_NUMBER_WORD_BEFORE = re.compile(
    r"(?:n[°o]|No\.?|décisions?|résolutions?|resolutions?|decisions?)$", re.I
)
_NUMBER_WORD_LONGEST = len("résolutions")
"""A match of ``_NUMBER_WORD_BEFORE`` ends the text: it lies in this many last characters."""
PRINT_DATE_LENGTH = 6
"""A print date's length ("130624")."""


def _symbol_pattern(symbols: Sequence[str]) -> re.Pattern[str]:
    """What ``symbol_runs`` finds, as a pattern: a slash of a symbol may have a space on
    either side ("A/RES/62/ 176" as a copy breaks it), and no word character or slash
    may follow (not "A/RES/62/1761", not "A/RES/62/176/Add.1")."""
    own = [re.escape(symbol).replace("/", r"\s?/\s?") for symbol in symbols]
    return re.compile(rf"(?:{'|'.join(own)})(?![\w/])")


def _symbol_end(body: str, begin: int, parts: Sequence[str]) -> int:
    """Where the symbol of ``parts`` read from ``begin`` ends (``-1``: it is not there)."""
    if not body.startswith(parts[0], begin):
        return -1
    position = begin + len(parts[0])
    for part in parts[1:]:
        if body[position : position + 1].isspace():
            position += 1
        if not body.startswith("/", position):
            return -1
        position += 1
        if body[position : position + 1].isspace():
            position += 1
        if not body.startswith(part, position):
            return -1
        position += len(part)
    following = body[position : position + 1]
    if following == "/" or following.isalnum() or following == "_":
        return -1
    return position


def _symbol_begin(body: str, anchor: int, parts: Sequence[str]) -> int:
    """Where the symbol would begin whose part ``parts[-1]`` stands at ``anchor``
    (``parts`` the parts up to it; ``-1``: nowhere)."""
    position = anchor
    for part in reversed(parts[:-1]):
        if body[position - 1 : position].isspace():
            position -= 1
        if body[position - 1 : position] != "/":
            return -1
        position -= 1
        if body[position - 1 : position].isspace():
            position -= 1
        if position < len(part) or not body.startswith(part, position - len(part)):
            return -1
        position -= len(part)
    return position


def symbol_runs(body: str, symbols: Sequence[str], start: int) -> list[tuple[int, int]]:
    """The spans of ``symbols`` in ``body`` from ``start``: what
    ``_symbol_pattern(symbols).finditer(body, start)`` finds (the first symbol listed
    wins where two start at the same place).

    Compiling that pattern is Python code run over every character of the symbols, once
    per text since each text's symbol differs: some 0.15 ms, 4 % of a text's
    conversion.  Here each symbol's longest part is found by ``str.find`` and the rest
    read around it; a symbol with an empty part or a space (which a valid one never
    has) is left to the pattern.  A text where the longest parts stand far more often
    than a text's running headers and citations (an input made of them: each costs a
    Python step, some 15 times the pattern's time) is left to the pattern too, past a
    budget linear in the text."""
    if not symbols:
        return []
    budget = 200 + len(body) // 100
    found: set[tuple[int, int, int]] = set()
    for order, symbol in enumerate(symbols):
        parts = symbol.split("/")
        if not all(part and not any(map(str.isspace, part)) for part in parts):
            return [match.span() for match in _symbol_pattern(symbols).finditer(body, start)]
        longest = max(range(len(parts)), key=lambda index: len(parts[index]))
        anchor = body.find(parts[longest], start)
        while anchor != -1:
            budget -= 1
            if budget < 0:
                return [match.span() for match in _symbol_pattern(symbols).finditer(body, start)]
            begin = _symbol_begin(body, anchor, parts[: longest + 1])
            if begin >= start:
                end = _symbol_end(body, begin, parts)
                if end != -1:
                    found.add((begin, order, end))
            anchor = body.find(parts[longest], anchor + 1)
    runs: list[tuple[int, int]] = []
    cursor = start
    for begin, _, end in sorted(found):
        if begin >= cursor:
            runs.append((begin, end))
            cursor = end
    return runs


def _body_cuts(text: _Text, start: int, symbols: Sequence[str]) -> list[tuple[int, int, str]]:
    """Furniture after the cover block.  Each pattern runs once over the whole text; job
    numbers, bar codes, recycling texts and running headers are taken wherever they
    fall, and only the lines that hold one of them, a page counter, or six characters
    are looked at again (is a print date or a counter alone on its line, or beside
    other furniture?)."""
    # Only a full document symbol ("A/RES/62/176", "PC.DEC/758") makes a running header:
    # a bare number such as "62/1" is how texts cite each other.
    own = [symbol for symbol in symbols if _DOCUMENT_SYMBOL.match(symbol)]
    body = text.text
    line_starts = text.starts
    find_line_break = body.find
    cuts: list[tuple[int, int, str]] = []
    # What each line holds: the furniture taken wherever it falls (cuts), and the page
    # counters to judge.  A match over a line break is no furniture.
    taken: dict[int, list[tuple[int, int, str]]] = {}
    counters: dict[int, list[re.Match[str]]] = {}
    for match in ALWAYS_ANCHORED.finditer(body, start):
        begin, end = match.span()
        if find_line_break("\n", begin, end) < 0:
            cut = (begin, end, REASONS[match.lastgroup or "job"])
            cuts.append(cut)
            taken.setdefault(bisect.bisect_right(line_starts, begin) - 1, []).append(cut)
    for match in COUNTERS_ANCHORED.finditer(body, start):
        begin, end = match.span()
        if find_line_break("\n", begin, end) < 0:
            counters.setdefault(bisect.bisect_right(line_starts, begin) - 1, []).append(match)
    for begin, end in symbol_runs(body, own, start):
        if _SYMBOL_CHARACTER.match(body, begin - 1, begin):
            continue  # inside a longer symbol ("A/RES/62/1761")
        if find_line_break("\n", begin, end) < 0:
            cut = (begin, end, REASONS["header"])
            cuts.append(cut)
            taken.setdefault(bisect.bisect_right(line_starts, begin) - 1, []).append(cut)
    # A print date is taken only alone on its line or beside other furniture, so it is
    # looked for only on the lines that hold other furniture and on those of six
    # characters (its pattern, opening on a class, read every character of the text).
    first_line = bisect.bisect_right(line_starts, start) - 1
    date_long = map(PRINT_DATE_LENGTH.__eq__, text.stripped_lengths())
    date_lines = [i for i in compress(range(len(text.lines)), date_long) if i >= first_line]
    texts = text.texts
    for index in taken.keys() | counters.keys() | set(date_lines):
        line_start = line_starts[index]
        line = texts[index]
        line_end = line_start + len(line)
        found = taken.get(index, [])
        date = BESIDE_JOB.search(body, max(start, line_start), line_end)
        line_counters = counters.get(index)
        if date is None and line_counters is None:
            continue  # furniture taken wherever it falls, nothing to judge (most lines)
        # Alone on its line: only white space before and after it, read from where the
        # line's text begins and ends (a flattened copy is one long line, which a slice
        # per match would copy again and again).
        text_start = line_start + len(line) - len(line.lstrip())
        text_end = line_start + len(line.rstrip())
        if date is not None:
            for match in BESIDE_JOB.finditer(body, date.start(), line_end):
                begin, end = match.span()
                if (begin <= text_start and end >= text_end) or any(
                    _spaces_between(body, other_end, begin) for _, other_end, _ in found
                ):
                    found.append((begin, end, REASONS["printdate"]))
                    cuts.append(found[-1])
        for match in line_counters or ():
            if match["counter"] and int(match["page"]) > int(match["pages"]):
                continue
            begin, end = match.span()
            before = body[max(line_start, begin - 30) : begin].rstrip()
            if _NUMBER_WORD_BEFORE.search(before, len(before) - _NUMBER_WORD_LONGEST):
                continue
            # "- 2 -" is never prose: a page number wherever it falls.
            if (
                (begin <= text_start and end >= text_end)
                or match.lastgroup == "dashed"
                or any(
                    _spaces_between(body, other_end, begin)
                    or _spaces_between(body, end, other_begin)
                    for other_begin, other_end, _ in found
                )
            ):
                found.append((begin, end, REASONS[match.lastgroup or "counter"]))
                cuts.append(found[-1])
    return cuts


def _blanked(body: str, cuts: Sequence[tuple[int, int, str]], start: int) -> str:
    """``body`` with the furniture cut after ``start`` turned into spaces (line breaks
    kept), so that a running title with the symbol printed among its lines ("Central
    Asia’s unified … effectively" / "A/RES/78/284 address and counter …") reads as the
    title; offsets are unchanged."""
    pieces: list[str] = []
    cursor = 0
    for cut_start, cut_end, _ in sorted(cuts):
        cut_start = max(cut_start, start, cursor)
        if cut_end <= cut_start:
            continue
        cut = body[cut_start:cut_end]
        # Body furniture never spans a line break (only the cover's may): spaces made
        # at C speed rather than a substitution per cut.
        blank = _NOT_LINE_BREAK.sub(" ", cut) if "\n" in cut else " " * len(cut)
        pieces += [body[cursor:cut_start], blank]
        cursor = cut_end
    if not pieces:
        return body  # nothing cut after ``start``: no copy of the text
    return "".join(pieces) + body[cursor:]


def _spaces_between(body: str, start: int, end: int) -> bool:
    """Only spaces from ``start`` to ``end`` (in order): two pieces beside each other on
    one line, however wide a layout copy set them apart ("2/17        24-24134")."""
    # The run of spaces read from ``start`` and stopped at ``end``: no slice of what lies
    # between (on a flattened copy, one long line, that could be most of the text).
    if start > end:
        return False
    if end - start <= 2:
        return True
    run = _SPACE_RUN_FROM.match(body, start, end)  # a run of spaces, maybe empty: a match
    return run is not None and run.end() == end


def _title_headers(
    text: _Text, head_end: int, cuts: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Running headers that repeat the printed title (UN pages print it with the
    symbol): taken only beside other furniture, since the text may name its own subject
    ("Decides to declare 15 November the International Day …") and a section heading may
    repeat the title on a line of its own."""
    head = list(text.text[:head_end])
    for start, end, _ in cuts:
        if start < head_end:
            head[start : min(end, head_end)] = " " * (min(end, head_end) - start)
    title = _TITLE_PREFIX.sub("", "".join(head)).strip()
    words = title.split()
    if len(words) < 3:
        return []
    body = _blanked(text.text, cuts, head_end)
    matches = word_runs(body, words, head_end)
    if not matches:
        return []  # the title is not printed again (most texts): no edges to sort
    edges = sorted({position for start, end, _ in cuts for position in (start, end)})
    found: list[tuple[int, int, str]] = []
    for match_start, match_end in matches:
        # Beside other furniture: only white space between (the furniture is blanked in
        # ``body``, so the run of spaces around the title reaches it, however wide the
        # copy's layout set them apart), or furniture among its lines.  Edges found by
        # bisection (every page's furniture is an edge).
        space_before = match_start
        while space_before > head_end and body[space_before - 1].isspace():
            space_before -= 1
        spaces_after = _SPACES.match(body, match_end)  # maybe empty: always a match
        space_after = spaces_after.end() if spaces_after is not None else match_end
        near = bisect.bisect_left(edges, space_before) < bisect.bisect_right(edges, space_after)
        if near:
            found.append((match_start, match_end, REASONS["title"]))
    return found


def word_runs(body: str, words: Sequence[str], start: int) -> list[tuple[int, int]]:
    """Where ``words`` (non-empty, without white space) occur in ``body`` from ``start``,
    one after the other with any run of white space between: the spans that
    ``re.compile(r"\\s+".join(map(re.escape, words))).finditer(body, start)`` finds.

    Compiling that pattern is Python code run over every character of the title, once
    per text since each text's title differs: 3 ms a text, half of the conversion of a
    10,000-text corpus.  Here the first word is found by ``str.find`` and the others
    checked from there.  An input made so that most places start a long partial match
    (the title's first words repeated all over the body) would cost a Python step per
    word of each; past a budget linear in the body, the pattern is compiled after all."""
    first, rest = words[0], words[1:]
    budget = 1_000 + len(body) // 4
    runs: list[tuple[int, int]] = []
    position = body.find(first, start)
    while position != -1:
        end = position + len(first)
        whole = True
        for word in rest:
            budget -= 1
            spaces = _WHITE_SPACE_RUN.match(body, end)
            if spaces is None or not body.startswith(word, spaces.end()):
                whole = False
                break
            end = spaces.end() + len(word)
        if budget < 0:
            pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
            return [match.span() for match in pattern.finditer(body, start)]
        if whole:
            runs.append((position, end))
            position = body.find(first, end)
        else:
            position = body.find(first, position + 1)
    return runs


def strip_furniture(
    lines: Sequence[Line], symbols: Sequence[str] = (), cover: bool = True
) -> Furnished:
    """The lines less their furniture, what was removed, and the cover's details.

    ``symbols`` are the text's own symbols from its metadata: a running header repeats
    them.  ``cover=False`` leaves the cover block as it is (a Markdown export prints it
    as its heading).  Lines that held only furniture are dropped (they never were blank lines, so
    they do not end a paragraph)."""
    text = _Text(lines)
    head_end = _head_end(text.text)
    cuts, details = read_cover(text, head_end) if cover else ([], [])
    known = [*symbols, *(detail.value for detail in details if detail.name == "symbol")]
    cuts.extend(_body_cuts(text, head_end, sorted(set(known), key=len, reverse=True)))
    cuts.extend(_title_headers(text, head_end, cuts))
    if not cuts:
        return Furnished(tuple(lines), (), tuple(details))
    cuts.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in cuts:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, reason))
    kept, removals, resumes = text.cut(merged)
    return Furnished(tuple(kept), tuple(removals), tuple(details), frozenset(resumes))
