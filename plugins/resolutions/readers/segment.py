"""Paragraphs from evidence: where a block of PDF text or OCR starts, with or without
blank lines.

Copies of a resolution come hard-wrapped with no blank line between paragraphs, or
flattened into one line, as often as with blank lines.  So a boundary is decided
between two *words*, from what the text itself prints, never from the layout alone::

    boundary before word w  ⇐  a blank line before w
                            |  w opens an indented line after a clause end (, ; . :)
                            |  w or the word before it is a roman numeral alone on a line
                            |  w opens a line with an item label "a)"
                            |  the word before w ends a clause, and w is
                                 the next paragraph number in sequence ("5." / "5)")
                               | the next item label ("b)", "(b)") of a list
                               | a preambular lead ("Rappelant", "Gravement préoccupée",
                                 "Recalling", "Deeply concerned"), in the preamble
                               | the next section numeral ("II") before a capital
                               | the closing formula ("85e séance plénière")
                               | the author clause ("L'Assemblée générale,"), once
                            |  an annex's heading line ("Annexe", "Préambule",
                               "Chapitre II", "Article 5"), the line after it, and
                               the line after a chapter's or an article's title line
                            |  in a flattened annex: "Annexe" after the closing
                               formula, "Préambule", the next chapter ("Chapitre II")
                               or article ("Article 5") in sequence, "Sont convenus",
                               "EN FOI DE QUOI" (``_annex_cue``)

Numbers are taken only in sequence, so a year or a figure after a full stop
(``… en 2008. 3. Prie``) is never a paragraph number.  After the author clause the
preamble runs until paragraph 1; a section heading runs until the next paragraph
number, with no punctuation needed before it.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, count, islice, repeat
from operator import add, eq, sub

from ..annex import ANNEX_HEADING, CHAPTER_HEADING, HEADING_LINE
from ..corrections import OCR_DIGIT_LETTERS, OCR_DIGITS
from ..load import Line
from ..model import Block
from .base import RawBlock
from .furniture import BODY_NAMES

CLAUSE_END = re.compile(r"[,;.:](?:\d{1,3})?$")
"""A clause ends here, maybe with a note mark after the punctuation (``Persons,1``)."""
SENTENCE_END = re.compile(r"[.;:][»”\")\]]*$")
ROMAN_LINE = re.compile(r"^\s*[IVXL]+\s*$")
ITEM_LINE = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{2,5})\)\s")
NUMBER_TOKEN = re.compile(rf"^(?P<number>\d{{1,3}}|[{OCR_DIGIT_LETTERS}])[.)]$")
ITEM_TOKEN = re.compile(r"^(?:(?P<letter>[a-z])\)|\((?P<paren>[a-z])\))$")
SUB_ITEM_TOKEN = re.compile(r"^\(?(?P<roman>i{1,3}|iv|vi{0,3}|ix|x)\)$")
"""A roman sub-item label ("i)", "(ii)") under a lettered item of an annexed text."""
SUB_ITEMS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
ROMANS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]
CLOSING_TOKEN = re.compile(r"^\d{1,4}\s?(?:e|re|ème|st|nd|rd|th)$")
CLOSING_NEXT = {"séance", "plenary"}
RESUMED = {"(resumed)", "(reprise)"}
AUTHOR = re.compile(
    rf"^(?:L['’]\s?|Le\s|La\s|The\s)(?:{BODY_NAMES})(?:\s?[,:])?",
)
OPENS_TEXT = re.compile(r"^[«“\"*(]?[A-ZÀ-ÖØ-Þ]")

# Preambular leads.  French: a present participle ("Rappelant"), a participle or
# adjective followed by its complement ("Préoccupée par", "Consciente de"), an adverb
# or a reflexive pronoun before one ("Gravement préoccupé", "Se félicitant"); English
# likewise ("Recalling", "Concerned that", "Deeply concerned").
FR_PARTICIPLE = re.compile(r"^[A-ZÉÈ][a-zéèêëàâîïôûüç’'\-]+ant$")
EN_PARTICIPLE = re.compile(r"^[A-Z][a-z\-]+ing$")
ADJECTIVE = re.compile(r"^[A-ZÉÈ][a-zéèêëàâîïôûüç\-]+(?:ée?s?|ue?s?|ente?s?|aite?s?|eux|euse|ed)$")
ADVERB = re.compile(r"^[A-ZÉÈ][a-zéèêëàâîïôûüç]+(?:ment|ly)$")
COMPLEMENT = {
    "par",
    "de",
    "d’",
    "d'",
    "du",
    "des",
    "que",
    "qu’",
    "qu'",
    "à",
    "au",
    "aux",
    "en",
    "dans",
    "devant",
    "sur",
    "pour",
    "avec",
    "by",
    "that",
    "of",
    "to",
    "with",
    "at",
    "about",
    "in",
    "for",
    "from",
}
LEAD_WORDS = {
    "Aware",
    "Mindful",
    "Conscious",
    "Cognizant",
    "Desirous",
    "Conscient",
    "Consciente",
    "Conscients",
    "Désireux",
    "Désireuse",
    "Inquiète",
    "Inquiet",
    "Soucieux",
    "Soucieuse",
    "Compte",
    "Sachant",
}
NOT_LEADS = {
    "Beijing",
    "Nanjing",
    "Kunming",
    "During",
    "Including",
    "Nothing",
    "Morning",
    "Evening",
    "Spring",
    "King",
    "Pendant",
    "Durant",
    "Constant",
    "Président",
    "United",
    "Limited",
    "Afghanistan",
    "Tadjikistan",
    "Ouzbékistan",
    "Kazakhstan",
    "Pakistan",
    "Turkménistan",
    "Kirghizistan",
    "Kurdistan",
    "Hindustan",
}


@dataclass
class Words:
    """The body's words as one string, with what each line says around them (kept per
    line, never per word: conversion runs at several MB/s, and making each word a string
    of its own cost as much as deciding the boundaries)."""

    joined: str
    """The body's words joined by single spaces: a word is a run of characters other
    than the space, and a place in the body is where a word starts in this string."""
    lines: list[tuple[Line, bool, bool, str]]
    """(line, after a blank line, after a page's notes, the previous line's text)."""
    line_offsets: list[int]
    """Where each line's first word starts in ``joined``."""
    line_at: dict[int, int]
    """The index in ``lines`` of the line that each line start (an offset) opens."""
    line_words: list[str]
    """Each line's words joined by single spaces (``joined`` is these joined)."""
    width: int = 0
    """The measure of a hard-wrapped copy (its long lines' length), 0 when unknown."""
    layout_starts: list[bool] = field(default_factory=list)
    """Whether the layout shows a block starting at each line (``Segmenter._layout_lines``),
    found for all lines at once when first needed."""

    def line_of(self, at: int) -> int:
        """The index in ``lines`` of the line that holds the place ``at``."""
        return bisect.bisect_right(self.line_offsets, at) - 1


def words_of(body: Sequence[tuple[Line, bool]]) -> Words:
    lines: list[tuple[Line, bool, bool, str]] = []
    offsets: list[int] = []
    line_words: list[str] = []
    # The lists' methods taken once: this loop runs for every line of every text.
    add_line, add_offset, add_words = lines.append, offsets.append, line_words.append
    lengths: list[int] = []
    add_length = lengths.append
    joined = 0
    after_blank = False
    previous_line = ""
    for line, breaks in body:
        text = line.text
        if "\f" in text or "\v" in text:
            # A page break character from a PDF tool is a space between words.
            line = Line(line.number, text.replace("\f", " ").replace("\v", " "))
            text = line.text
        length = len(text.strip())
        if not length:
            after_blank = True
            previous_line = ""
            continue
        add_length(length)
        add_line((line, after_blank, breaks, previous_line))
        add_offset(joined)
        # Lines come right-stripped from loading: an indented line's spaces are cut
        # off its start at C speed, and only a line with a run of spaces inside is
        # cut into words and joined again.
        words_text = text.lstrip(" ")
        if "  " in words_text or words_text.endswith(" "):
            words_text = " ".join([piece for piece in words_text.split(" ") if piece])
        joined += len(words_text) + 1  # the line is its words joined by single spaces
        add_words(words_text)
        after_blank = False
        previous_line = text
    words = Words(" ".join(line_words), lines, offsets, dict(zip(offsets, count())), line_words)
    if len(lengths) >= 8:
        # The 95th percentile: the longest lines run to the measure (an odd longer line
        # is a heading or a table row).
        lengths.sort()
        words.width = lengths[int(len(lengths) * 0.95)]
    return words


def is_lead(word: str, following: str) -> bool:
    """Whether ``word`` (then ``following``, or "") opens a preambular lead."""
    word = word.rstrip(",;:")
    if word in NOT_LEADS or not word[:1].isupper() or word.isupper():
        return False
    if word in ("Se", "S’", "S'") or word.startswith(("S’", "S'")):
        return True
    if FR_PARTICIPLE.match(word) or EN_PARTICIPLE.match(word) or word in LEAD_WORDS:
        return True
    if ADVERB.match(word) and following[:1].islower():
        return True
    if ADJECTIVE.match(word):
        nxt = following.lower()
        return nxt in COMPLEMENT or nxt.startswith(("d’", "d'", "qu’", "qu'"))
    return False


ANNEX_WORDS = frozenset(
    {"Annexe", "Annex", "ANNEXE", "ANNEX", "Préambule", "Preamble", "Chapitre", "Chapter"}
    | {"Article", "EN", "IN", "Sont", "Have"}
)
"""Words that may open an annex's heading or formula, wherever they fall in a line."""
AGREEMENT_WORDS = frozenset((("Sont", "convenus"), ("Sont", "convenues"), ("Have", "agreed")))
WITNESS_WORDS = frozenset((("EN", "FOI"), ("IN", "WITNESS")))

AUTHOR_WINDOW = 2000
"""Words looked at for the author clause: it follows a cover block of a few hundred."""
CONJUNCTIONS = frozenset(("et", "and", "ou", "or"))

# The places where a cue may open a block inside a line, found in the joined words by
# patterns that open on a literal (the engine finds a literal at C speed, where a
# pattern opening on a class or an alternation is tried at every character).  A word
# "may open" a block when it opens on a capital or a digit or ends with "." or ")"
# ("Rappelant", "5.", "b)", "II", "85e"): the look-ahead passes over the words that
# open on a small letter and end otherwise (most words), the code decides the rest.
_MAY_OPEN = r"(?=[^a-zà-ÿ]|[^ ]*[.)](?: |$))"
CLAUSE_CUES = tuple(re.compile(re.escape(mark) + r"\d{0,3} " + _MAY_OPEN) for mark in ",;.:")
"""A clause end (``,`` ``;`` ``.`` ``:``, maybe with a note mark after it: ``Persons,1``)
and the word after it: each pattern's match ends where that word starts."""
CONJUNCTION_CUES = re.compile(f" (?:{'|'.join(sorted(CONJUNCTIONS))}) {_MAY_OPEN}")
"""A conjunction and the word after it: one pattern for all four, so that the text is
scanned once rather than once for each (each scan stops at every space).  Its matches
are the four patterns' together: no two overlap (a match ends on a word that may open a
block, which is no conjunction), and no two conjunctions start at the same place."""
ANNEX_CUES = (
    re.compile("Annex"),
    re.compile("ANNEX"),
    re.compile("Pr[ée]amb"),
    re.compile("Chapt"),
    re.compile("Chapit"),
    re.compile("Article "),
    re.compile("EN "),
    re.compile("IN "),
    re.compile("Sont "),
    re.compile("Have "),
)
"""Where the words of ``ANNEX_WORDS`` may stand (each is checked whole in code)."""
HEAD_PLACE = re.compile(
    rf" (?=L['’]|L[ae]\s|The\s|(?:\d{{1,3}}|[{OCR_DIGIT_LETTERS}])[.)](?: |$))"
)
"""The places in the head where a block may open besides the cues: a word that may
begin the author clause (what ``AUTHOR`` opens on) or number a paragraph
(``NUMBER_TOKEN``) anywhere in the head.  Each match ends on the space before it.  (A
word that opens an annex is a cue once the closing formula is read, and opens nothing
before it.)"""


def may_open(word: str) -> bool:
    """Whether a block may open at ``word`` after a clause end or a conjunction, or at
    a line start the layout does not set apart."""
    return word[-1] in ".)" or word[0].isupper() or word[0].isdecimal()


def title_goes_on(before: str, following: str) -> bool:
    """A participle after a colon, or after a semicolon and before a capital, goes on a
    quoted title rather than opening a paragraph ("on HIV and AIDS: Ending Inequalities
    …", "Convention against Cybercrime; Strengthening International Cooperation …"): a
    preambular paragraph ends on a comma.  ``before`` and ``following`` are the words
    around the participle ("" when there is none)."""
    if before.endswith(":"):
        return True
    return before.endswith(";") and following[:1].isupper()


_PUNCTUATED = re.compile(r"[,;.:][”»\"]?$|[”»\"][,;.:]$")
"""A word that ends on a clause's punctuation, maybe with a closing quote."""


def _indented_more(text: str, previous: str) -> bool:
    """A paragraph's first line is set in from the line before it.  A copy that keeps
    the page's left margin ("pdftotext -layout") indents every line: only a line set in
    further than the one before opens a paragraph there."""
    return len(text) - len(text.lstrip(" ")) > len(previous) - len(previous.lstrip(" "))


class Segmenter:
    """Decides, word by word, where blocks start (the grammar in the module docstring).
    A place is where a word starts in ``Words.joined``; only the words at the cues are
    read (``_cues``), and the words around them."""

    def __init__(self, words: Words, ocr: bool = False) -> None:
        self.words = words
        self.joined = words.joined
        self.size = len(self.joined)
        self.ocr = ocr
        self.region = "head"  # head → preamble (after the author) → body (after "1.")
        self.author_seen = False
        self.last_number = 0
        self.section_open = False
        self.next_section = 0
        self.next_item: str | None = None
        self.closing_seen = False
        self.in_annex = False
        self.next_sub_item = "i"
        self.next_article = 1
        self.next_chapter = 0
        self.starts: set[int] = set()
        self.cues: list[int] = []
        self._author_limit: int | None = None

    # The words around a place (``at``, where a word starts; past the last word, "").

    def _word(self, at: int) -> str:
        end = self.joined.find(" ", at)
        return self.joined[at:end] if end >= 0 else self.joined[at:]

    def _next(self, at: int) -> int:
        """Where the word after the one at ``at`` starts (past the end when none)."""
        end = self.joined.find(" ", at)
        return end + 1 if end >= 0 else self.size + 1

    def _word_before(self, at: int) -> str:
        """The word before the one at ``at`` (``at`` > 0)."""
        return self.joined[self.joined.rfind(" ", 0, at - 1) + 1 : at - 1]

    def _advance(self, at: int, count: int) -> int:
        """Where the word ``count`` words after the one at ``at`` starts."""
        for _ in range(count):
            at = self._next(at)
        return at

    def _in_author_window(self, at: int) -> bool:
        """Whether the word at ``at`` is one of the ``AUTHOR_WINDOW`` first: surely so
        before as many characters (a word and its space take two or more), else as
        counted once (``_author_limit``)."""
        if at < AUTHOR_WINDOW:
            return True
        if self._author_limit is None:
            self._author_limit = self._find_author_limit()
        return at < self._author_limit

    def _find_author_limit(self) -> int:
        """Where the word after the ``AUTHOR_WINDOW`` first ones starts (past the last
        word when there are no more)."""
        if self.joined.count(" ") < AUTHOR_WINDOW:
            return self.size + 1  # every word is within the window
        # The words before each line's end, counted at C speed, then the line that
        # holds the word sought cut into words.
        line_words = self.words.line_words
        ends = list(accumulate(map(add, map(str.count, line_words, repeat(" ")), repeat(1))))
        line_index = bisect.bisect_right(ends, AUTHOR_WINDOW)
        words_text = line_words[line_index]
        counted = ends[line_index - 1] if line_index else 0
        pieces = words_text.split(" ", AUTHOR_WINDOW - counted)
        return self.words.line_offsets[line_index] + len(words_text) - len(pieces[-1])

    def _ends_clause(self, at: int) -> bool:
        """Whether the word before the one at ``at`` (``at`` > 0) ends a clause
        (``CLAUSE_END``, or a note mark ending a line: ``_mark_ends_line``): its last
        character first."""
        last = self.joined[at - 2]
        if last in ",;.:":
            return True
        if not last.isdigit():
            return False  # neither a mark after punctuation nor a mark alone (most words)
        word = self._word_before(at)
        return bool(CLAUSE_END.search(word)) or self._mark_ends_line(at, word)

    def _mark_ends_line(self, at: int, word: str) -> bool:
        """A note mark ends a line after a clause end, detached by a space as
        ``pdftotext`` copies it ("the Ministerial Declaration of 2019, 7" / "Reaffirming
        …"): ``word``, the word before the line start ``at``, is a number of one to
        three digits after a word that ends on punctuation.  The clause ends with the
        mark."""
        if not (len(word) <= 3 and word.isdigit() and at in self.words.line_at):
            return False
        mark_at = at - len(word) - 1  # where the mark starts
        return mark_at > 0 and bool(_PUNCTUATED.search(self._word_before(mark_at)))

    def _clause_before(self, at: int) -> bool:
        return at == 0 or self._ends_clause(at)

    def _item_before(self, at: int) -> bool:
        """An item label may follow a clause end, or "et"/"and"/"ou"/"or" after one."""
        if self._clause_before(at):
            return True
        if self._word_before(at) not in CONJUNCTIONS:
            return False
        before = self.joined.rfind(" ", 0, at - 1) + 1  # where the conjunction starts
        return before > 0 and self._ends_clause(before)

    def _number(self, at: int, word: str) -> str | None:
        if word[-1] not in ".)":
            return None  # what NUMBER_TOKEN would say, without calling it for most words
        match = NUMBER_TOKEN.match(word)
        following = self._next(at)
        if not match or following >= self.size:
            return None
        following_word = self._word(following)
        # In an annex, a number may open with its first item ("3. (a) Each State Party").
        if not (
            OPENS_TEXT.match(following_word)
            or (self.in_annex and ITEM_TOKEN.match(following_word))
        ):
            return None
        printed = match["number"]
        if not printed.isdigit():
            if not self.ocr or not word.endswith("."):
                return None
            printed = OCR_DIGITS[printed]
        expected = {str(self.last_number + 1)} | ({"1"} if self.section_open else set())
        return printed if printed in expected else None

    def _item_after_number(self, following: int) -> str | None:
        """The item expected after a number that opens with its first item, in the
        same block ("3. (a) Each State Party …" in an annexed convention): ``b``.
        ``following`` is where the word after the number starts."""
        if not self.in_annex or following >= self.size:
            return None
        item = ITEM_TOKEN.match(self._word(following))
        if item and (item["letter"] or item["paren"]) == "a":
            return "b"
        return None

    def _author_length(self, at: int) -> int:
        """How many words the author clause at ``at`` takes (0: none here)."""
        joined = self.joined
        if joined[at] not in ("L", "T"):
            return 0
        window_end = at - 1
        for _ in range(8):  # the window: the clause's words and a few more
            window_end = joined.find(" ", window_end + 1)
            if window_end < 0:
                window_end = self.size
                break
        window = joined[at:window_end]
        match = AUTHOR.match(window)
        if not match:
            return 0
        end = match.end()
        following = window[end:].lstrip()
        if not match.group().endswith((",", ":")):
            if following[:1] in (",", ":"):
                end = window.index(following[0], end) + 1  # "Le Conseil … social :"
            elif following and not following[:1].isupper():
                # No comma: the clause stands alone only before a capital
                # ("L'Assemblée générale Rappelant …").
                return 0
        return len(window[:end].split())

    def _layout_start(self, at: int) -> bool:
        """A boundary the layout shows at the line ``at`` opens (see ``_layout_lines``)."""
        if not self.words.layout_starts:
            self.words.layout_starts = self._layout_lines()[0]
        return self.words.layout_starts[self.words.line_at[at]]

    def _layout_lines(self) -> tuple[list[bool], list[int]]:
        """For each line, whether the layout shows a block starting there: a blank line
        before it, an indented line after a clause end, a numeral alone on a line (or
        the line after it), a heading of an annex alone on a line (or the line after it,
        or after its title), an item label opening the line, a short line before it.
        And the line starts that are cues: those, and the lines whose first word may
        open a block (``may_open``).

        All lines in one pass, so that what a line says of itself (a numeral alone, a
        heading) is found once and not again as the next line's previous line; and a
        cheap character test goes before each pattern, which most lines fail (a dozen
        pattern calls a line were a third of segmentation's time)."""
        lines = self.words.lines
        offsets = self.words.line_offsets
        line_words = self.words.line_words
        measured = self.words.width >= 50  # else no line is short of the measure
        # A line before that leaves no room for a word of one character is not short:
        # ``_short_line_before``'s own length test, made here without the call (most
        # lines of a hard-wrapped copy run to the measure).
        short = 0.85 * self.words.width - 2
        starts: list[bool] = []
        cues: list[int] = []
        add_start, add_cue = starts.append, cues.append
        # What the line before, and the one before it, say of themselves.
        roman_before = heading_before = heading_two_before = False
        stripped = ""
        for position, (line, after_blank, _, previous_line) in enumerate(lines):
            text = line.text
            previous, stripped = stripped, text.strip()  # the line before's, this one's
            # Necessary conditions first: a numeral line holds only I, V, X, L; a
            # heading line opens on "Annexe", "Chapitre", "Article", "Préambule"…; an
            # item label "(iii)" closes within its first seven characters.
            first = stripped[0]
            roman = first in "IVXL" and bool(ROMAN_LINE.match(text))
            heading = first in "ACP" and bool(HEADING_LINE.match(stripped))
            if after_blank or roman or heading:
                start = True
            else:
                # Not after a blank line: ``previous_line`` is the line before, or ""
                # for the first line.
                before = position > 0 and previous_line != ""
                start = (
                    (before and (roman_before or heading_before))
                    or (heading_two_before and self._after_title(position))
                    or (")" in stripped[:7] and bool(ITEM_LINE.match(text)))
                    or (
                        before
                        and text[:1].isspace()
                        and _indented_more(text, previous_line)
                        and bool(CLAUSE_END.search(previous_line.rstrip()))
                    )
                    or (
                        measured
                        and before
                        and len(previous) <= short
                        and self._short_line_before(text, previous)
                    )
                )
            heading_two_before, heading_before, roman_before = heading_before, heading, roman
            add_start(start)
            if start:
                add_cue(offsets[position])
                continue
            # A lower-case word opening a line the layout does not set apart opens
            # nothing (most lines of a hard-wrapped copy: A/RES/62/176 at 72 columns,
            # the segmenter stops at 79 words instead of 266): ``may_open`` of the
            # line's first word, written out.
            words_text = line_words[position]
            first = words_text[0]
            if first.isupper() or first.isdecimal():
                add_cue(offsets[position])
                continue
            space = words_text.find(" ")
            if words_text[space - 1 if space > 0 else -1] in ".)":
                add_cue(offsets[position])
        return starts, cues

    def _closing_at(self, at: int) -> bool:
        """ "85e séance plénière", "55th (resumed) plenary meeting" open at ``at``."""
        following = self._next(at)
        if following >= self.size:
            return False
        word = self._word(following)
        if word in RESUMED:
            following = self._next(following)
            if following >= self.size:
                return False
            word = self._word(following)
        return word in CLOSING_NEXT

    def _annex_cue(self, at: int, word: str, line_start: bool) -> bool:
        """Whether an annex's heading or formula opens at ``at`` (the words that
        must stand alone, "Annexe" and "Préambule", get their end marked too)."""
        second = self._next(at)
        following = self._word(second)
        after = self._word(self._next(second)) if second < self.size else ""
        clause_before = self._clause_before(at)
        if word in ("Annexe", "Annex", "ANNEXE", "ANNEX"):
            if not (self.closing_seen and (clause_before or not self.in_annex or line_start)):
                return False
            numbered = bool(ANNEX_HEADING.match(f"{word} {following}")) and following.isupper()
            title = after if numbered else following
            if not (title[:1].isupper() or not title):
                return False
            self.in_annex = True
            self.next_article, self.next_chapter = 1, 0
            self.starts.add(self._advance(at, 2 if numbered else 1))
            return True
        if not self.in_annex:
            return False
        if word in ("Préambule", "Preamble"):
            self.region = "preamble"
            self.starts.add(second)
            return True
        if word in ("Chapitre", "Chapter"):
            numeral = following.rstrip(".")
            expected = ("premier", "I") if self.next_chapter == 0 else ()
            if numeral not in expected and not (
                self.next_chapter < len(ROMANS) and numeral == ROMANS[self.next_chapter]
            ):
                return False
            if not CHAPTER_HEADING.match(f"{word} {following}"):
                return False
            self.next_chapter += 1
            self.region = "body"
            return True
        if word == "Article":
            number = following.rstrip(".")
            in_sequence = number in (str(self.next_article),) + (
                ("premier", "1er") if self.next_article == 1 else ()
            )
            # Out of sequence (interpretative notes under "Article 2", "Article 17"), a
            # heading alone on its line, or one that a paragraph number follows.
            line = self.words.lines[self.words.line_of(at)][0].text.strip()
            paragraph = NUMBER_TOKEN.match(after)
            if not (
                in_sequence
                or (line_start and HEADING_LINE.match(line))
                or (paragraph and paragraph["number"] in ("1", str(self.last_number + 1)))
            ):
                return False
            self.next_article = int(number) + 1 if number.isdigit() else 2
            self.region = "body"
            self.section_open = True  # its paragraphs number from 1
            self.next_item = None
            return True
        pair = (word, following)
        if pair in WITNESS_WORDS and clause_before:
            self.section_open = False
            return True
        if pair in AGREEMENT_WORDS and clause_before and self.region == "preamble":
            self.region = "body"
            return True
        return False

    def _after_title(self, position: int) -> bool:
        """The line after a title line that follows "Chapitre II" or "Article 5" alone
        on its line: the title ends with its line."""
        if position < 2:
            return False
        heading = self.words.lines[position - 2][0].text.strip()
        title = self.words.lines[position - 1][0].text.strip()
        return bool(
            HEADING_LINE.match(heading)
            and heading.split(" ", 1)[0] in ("Chapitre", "Chapter", "Article", "CHAPITRE")
            and title
            and not CLAUSE_END.search(title)
            and not ITEM_LINE.match(title)
            and not NUMBER_TOKEN.match(title.split(" ", 1)[0])
        )

    def _short_line_before(self, text: str, previous: str) -> bool:
        """A hard-wrapped paragraph's last line stops short of the measure: when the
        line's first word would have fitted at the end of the line before (``previous``,
        stripped), and that line ends a sentence, the break was a paragraph's end, not
        the wrapping's.  Characters are not all the same width in a PDF: 15% of the
        measure is left for that."""
        width = self.words.width
        if width < 50:
            return False
        stripped = text.lstrip()
        first_word = stripped.split(" ", 1)[0]
        # The length test first: most lines of a hard-wrapped copy fail it.
        return (
            bool(previous)
            and len(previous) + 1 + len(first_word) <= 0.85 * width
            and bool(SENTENCE_END.search(previous))
            # "1." or "(a)" alone on its line is a label set apart from its paragraph
            # (PDF copies print the number in a column of its own), not a paragraph.
            and not (NUMBER_TOKEN.match(previous) or ITEM_TOKEN.match(previous))
            and bool(OPENS_TEXT.match(stripped))
        )

    def _cues(self) -> list[int]:
        """The places where a cue may open a block, in order (found once, so that the
        loop below jumps over the words between): line starts, and the words after a
        clause end or a conjunction that may be a number, a label, a numeral, a closing
        or a lead ("5.", "b)", "ii)", "II", "85e", "Rappelant": they end with "." or
        ")", or open with a capital or a digit; a lower-case word there opens nothing).
        The words that may open an annex's heading or formula join them once the
        closing formula is read (``_annex_cues``): before it they open nothing."""
        joined = self.joined
        words = self.words
        cues: set[int] = set()
        add = cues.add
        for pattern in (*CLAUSE_CUES, CONJUNCTION_CUES):
            for match in pattern.finditer(joined):
                # ``may_open`` of the word there, written out: the look-ahead let it
                # through, most for a capital.
                at = match.end()
                first = joined[at]
                if first.isupper() or first.isdecimal():
                    add(at)
                    continue
                end = joined.find(" ", at)
                if joined[end - 1 if end >= 0 else -1] in ".)":
                    add(at)
        for conjunction in CONJUNCTIONS:  # the first word has no space before it
            if joined.startswith(f"{conjunction} "):
                at = len(conjunction) + 1
                if may_open(self._word(at)):
                    add(at)
        # A line start is a cue when the layout shows a block there, or when its word
        # may open one as above.
        words.layout_starts, line_cues = self._layout_lines()
        cues.update(line_cues)
        return sorted(cues)

    def _annex_cues(self, after: int) -> None:
        """Add to the cues the places after ``after`` of the words that may open an
        annex's heading or formula (not the last word: nothing follows it)."""
        joined = self.joined
        found = set(self.cues)
        for pattern in ANNEX_CUES:
            for match in pattern.finditer(joined, after + 1):
                at = match.start()
                if at and joined[at - 1] != " ":
                    continue
                end = joined.find(" ", at)
                if end >= 0 and joined[at:end] in ANNEX_WORDS:
                    found.add(at)
        self.cues = sorted(found)

    def _next_in_head(self, at: int) -> int:
        """The next place from ``at`` on where a block may open while the author clause
        is looked for: a cue, or a word that may begin the author clause ("L'Assemblée",
        "The") or number a paragraph ("1."); past ``AUTHOR_WINDOW`` words, the next cue.
        Elsewhere in the head nothing can open a block: a word after a clause end or a
        conjunction, or opening a line, that is no cue (``may_open``) is no label,
        number, numeral, closing or lead (the body's first word starts a block in any
        case).  The head runs a few dozen words before an author clause, but
        ``AUTHOR_WINDOW`` in a text with none: its places are found by bisection and
        ``HEAD_PLACE``, not read word by word (that loop was a third of reading a
        scanned text without one)."""
        place = self._next_cue(at)
        found = HEAD_PLACE.search(self.joined, max(0, at - 1), place)
        if found:
            place = found.end()
        if place < self.size and (place < AUTHOR_WINDOW or self._in_author_window(place)):
            return place
        # None left in the window: the next cue past it.
        if self._author_limit is None and self.size >= AUTHOR_WINDOW:
            self._author_limit = self._find_author_limit()
        window_end = max(AUTHOR_WINDOW, self._author_limit or 0)
        return self._next_cue(max(at, window_end))

    def _next_cue(self, at: int) -> int:
        """The first cue from ``at`` on (past the last word when none is left)."""
        cues = self.cues
        found = bisect.bisect_left(cues, at)
        return cues[found] if found < len(cues) else sys.maxsize

    def run(self) -> set[int]:
        joined = self.joined
        size = self.size
        words = self.words
        line_at = words.line_at
        self.cues = self._cues()
        at = 0
        while at < size:
            if not self.section_open:
                # Jump to the next word where something may open a block: a cue, or
                # while the author clause is looked for, any word that may begin it,
                # number a paragraph or open an annex.
                in_head = not self.author_seen and self._in_author_window(at)
                at = self._next_in_head(at) if in_head else self._next_cue(at)
                if at >= size:
                    break
            end = joined.find(" ", at)
            following = end + 1 if end >= 0 else size + 1
            word = joined[at:end] if end >= 0 else joined[at:]
            line_start = at in line_at
            start = at == 0 or (line_start and self._layout_start(at))
            clause_before = self._clause_before(at)
            looking_for_author = not self.author_seen and self._in_author_window(at)
            if (
                word in ANNEX_WORDS
                and (self.closing_seen or self.in_annex)
                and self._annex_cue(at, word, line_start)
            ):
                self.starts.add(at)
                at = following
                continue
            if not (
                line_start
                or clause_before
                or looking_for_author
                or self.section_open
                or self._word_before(at) in CONJUNCTIONS
            ):
                # No cue can open a block here: most words end the loop at this test.
                at = following
                continue
            if looking_for_author and self.region == "head":
                length = self._author_length(at)
                if length:
                    self.author_seen = True
                    self.region = "preamble"
                    self.starts.add(at)
                    at = self._advance(at, length)
                    self.starts.add(at)
                    continue
            number = self._number(at, word)
            if number is not None and (
                clause_before or self.section_open or line_start or self.region == "head"
            ):
                self.last_number = int(number)
                self.region = "body"
                self.section_open = False
                self.next_item = self._item_after_number(following)
                self.starts.add(at)
                at = following
                continue
            item = ITEM_TOKEN.match(word) if word[-1] == ")" else None
            if item and self._item_before(at):
                letter = item["letter"] or item["paren"]
                previous = self._word_before(at) if at else ""
                expected = "a" if previous.endswith(":") else self.next_item
                if letter == expected or (line_start and letter == "a"):
                    self.next_item = chr(ord(letter) + 1)
                    self.next_sub_item = "i"
                    self.starts.add(at)
                    at = following
                    continue
            sub_item = SUB_ITEM_TOKEN.match(word) if self.in_annex else None
            if sub_item and self._item_before(at) and sub_item["roman"] == self.next_sub_item:
                position = SUB_ITEMS.index(sub_item["roman"])
                self.next_sub_item = SUB_ITEMS[min(position + 1, len(SUB_ITEMS) - 1)]
                self.starts.add(at)
                at = following
                continue
            if (
                self.next_section < len(ROMANS)
                and word == ROMANS[self.next_section]
                and clause_before
                and following < size
                and OPENS_TEXT.match(self._word(following))
                and self.region != "head"
            ):
                self.next_section += 1
                self.section_open = True
                self.starts.update((at, following))
                at = following
                continue
            if (
                line_start
                and word == ROMANS[min(self.next_section, len(ROMANS) - 1)]
                and ROMAN_LINE.match(words.lines[line_at[at]][0].text)
            ):
                self.next_section += 1
                self.section_open = True
            closing = (
                word[0].isdecimal()  # what CLOSING_TOKEN opens on, tested first
                and CLOSING_TOKEN.match(word)
                and self._closing_at(at)
            )
            if clause_before and (
                closing
                or (
                    self.region == "preamble"
                    and is_lead(word, following_word := self._word(following))
                    and not title_goes_on(self._word_before(at) if at else "", following_word)
                )
            ):
                start = True
                if closing and not self.closing_seen:
                    self.closing_seen = True
                    self._annex_cues(at)
            if start:
                self.starts.add(at)
            at = following
        return self.starts


def segment(body: Sequence[tuple[Line, bool]], ocr: bool = False) -> list[RawBlock]:
    """The blocks of the body lines (each flagged when it follows a page's notes)."""
    words = words_of(body)
    joined = words.joined
    size = len(joined)
    # A block's text is its words joined by single spaces, as a TextBuilder fed its
    # lines would make it (white space inside a line is only spaces here: tabs became
    # spaces on loading, page-break characters in ``words_of``), cut out of the whole
    # body joined once: a block runs from its start to the space before the next.
    starts = [start for start in sorted(Segmenter(words, ocr).run() | {0}) if start < size]
    blocks: list[RawBlock] = []
    lines = words.lines
    offsets = words.line_offsets
    numbers = [line.number for line, _, _, _ in lines]
    # Parts of one source line (a line cut by the furniture) count once in a block's
    # lines; when no two lines in a row come from one source line, a block's lines are
    # taken as they are, at C speed.
    repeated = any(map(eq, numbers, islice(numbers, 1, None)))
    for position, start in enumerate(starts):
        end = starts[position + 1] - 1 if position + 1 < len(starts) else size
        # The lines the block takes words from: the one its first word is on, through
        # the one its last character is on.
        first_line = bisect.bisect_right(offsets, start) - 1
        last_line = bisect.bisect_right(offsets, end - 1, first_line) - 1
        # Each source line the block takes words from, where its first word lands.
        if not repeated:
            block_lines = (
                (0, numbers[first_line]),
                *zip(
                    map(sub, offsets[first_line + 1 : last_line + 1], repeat(start)),
                    numbers[first_line + 1 : last_line + 1],
                    strict=True,
                ),
            )
        else:
            kept = [(0, numbers[first_line])]
            for index in range(first_line + 1, last_line + 1):
                if numbers[index] != kept[-1][1]:
                    kept.append((offsets[index] - start, numbers[index]))
            block_lines = tuple(kept)
        blocks.append(
            RawBlock(
                block=Block(text=joined[start:end], line=numbers[first_line], lines=block_lines),
                after_break=lines[first_line][2] and start == offsets[first_line],
            )
        )
    return blocks
