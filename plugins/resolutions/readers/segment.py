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
from operator import itemgetter

from ..annex import ANNEX_HEADING, CHAPTER_HEADING, HEADING_LINE
from ..corrections import OCR_DIGIT_LETTERS, OCR_DIGITS
from ..load import Line
from ..model import Block
from .base import RawBlock
from .furniture import BODY_NAMES

CLAUSE_END = re.compile(r"[,;.:](?:\d{1,3})?$")
"""A clause ends here, maybe with a note mark after the punctuation (``Persons,1``)."""
_CLAUSE_MARK = re.compile(r"[,;.:]|\d")
"""A word's last character that may end a clause: punctuation, or a digit (a mark)."""
_LAST_CHARACTER = itemgetter(-1)
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
    """The body's words, with what each line says around them (kept per line, not per
    word: conversion runs at several MB/s and a word is seen once)."""

    texts: list[str]
    line_of: list[int]
    """Index in ``lines`` of each word's line."""
    lines: list[tuple[Line, bool, bool, str]]
    """(line, after a blank line, after a page's notes, the previous line's text)."""
    line_first: list[int]
    """Index of the first word of each line."""
    first_of_line: set[int]
    width: int = 0
    """The measure of a hard-wrapped copy (its long lines' length), 0 when unknown."""
    line_offsets: list[int] = field(default_factory=list)
    """Where each line's first word lands in the words joined by single spaces."""
    line_words: list[str] = field(default_factory=list)
    """Each line's words joined by single spaces (the body's words joined are these
    joined: a tenth as many pieces to join)."""
    layout_starts: list[bool] = field(default_factory=list)
    """Whether the layout shows a block starting at each line (``Segmenter._layout_lines``),
    found for all lines at once when first needed."""


def joined_length(words: Sequence[str]) -> int:
    """The length of ``words`` joined by single spaces, and one more (a space after)."""
    return sum(map(len, words)) + len(words)


def words_of(body: Sequence[tuple[Line, bool]]) -> Words:
    words = Words([], [], [], [], set())
    # The lists' methods taken once: this loop runs for every line of every text.
    add_line, add_first = words.lines.append, words.line_first.append
    add_offset, add_words, add_line_of, add_line_words = (
        words.line_offsets.append,
        words.texts.extend,
        words.line_of.extend,
        words.line_words.append,
    )
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
        position = len(words.lines)
        add_line((line, after_blank, breaks, previous_line))
        add_first(len(words.texts))
        add_offset(joined)
        # Lines come right-stripped from loading: an indented line's spaces are cut
        # off its start at C speed, and only a line with a run of spaces inside is
        # sorted word by word (an indented seed line was, before).
        words_text = text.lstrip(" ")
        pieces = words_text.split(" ")
        if "  " in words_text or words_text.endswith(" "):
            pieces = [piece for piece in pieces if piece]
            words_text = " ".join(pieces)
        joined += len(words_text) + 1  # the line is its words joined by single spaces
        add_line_words(words_text)
        add_words(pieces)
        add_line_of([position] * len(pieces))
        after_blank = False
        previous_line = text
    words.first_of_line = set(words.line_first)
    if len(lengths) >= 8:
        # The 95th percentile: the longest lines run to the measure (an odd longer line
        # is a heading or a table row).
        lengths.sort()
        words.width = lengths[int(len(lengths) * 0.95)]
    return words


def is_lead(texts: Sequence[str], index: int) -> bool:
    word = texts[index].rstrip(",;:")
    following = texts[index + 1] if index + 1 < len(texts) else ""
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


def places(texts: list[str], wanted: frozenset[str]) -> list[int]:
    """The indices of the words in ``wanted``: which of them the text holds is found
    with a set, then each one's places with ``list.index``, all at C speed (a test of
    every word in Python, or even by ``map``, cost several times as much)."""
    found: list[int] = []
    for word in wanted.intersection(texts):
        at = texts.index(word)
        try:
            while True:  # each place once: ``list.count`` first would read the list again
                found.append(at)
                at = texts.index(word, at + 1)
        except ValueError:
            pass
    return found


AUTHOR_WINDOW = 2000
"""Words looked at for the author clause: it follows a cover block of a few hundred."""
CONJUNCTIONS = frozenset(("et", "and", "ou", "or"))


def title_goes_on(texts: Sequence[str], index: int) -> bool:
    """A participle after a colon, or after a semicolon and before a capital, goes on a
    quoted title rather than opening a paragraph ("on HIV and AIDS: Ending Inequalities
    …", "Convention against Cybercrime; Strengthening International Cooperation …"): a
    preambular paragraph ends on a comma."""
    before = texts[index - 1] if index else ""
    if before.endswith(":"):
        return True
    following = texts[index + 1] if index + 1 < len(texts) else ""
    return before.endswith(";") and following[:1].isupper()


_PUNCTUATED = re.compile(r"[,;.:][”»\"]?$|[”»\"][,;.:]$")


def marks_ending_lines(texts: Sequence[str], line_first: Sequence[int]) -> set[int]:
    """The note marks that end a line after a clause end, detached by a space as
    ``pdftotext`` copies them ("the Ministerial Declaration of 2019, 7" / "Reaffirming
    …"): a number of one to three digits, last on its line, after a word that ends on
    punctuation.  The clause ends with the mark."""
    found = set()
    for first in line_first[1:]:
        last = first - 1
        word = texts[last] if last >= 1 else ""
        if len(word) <= 3 and word.isdigit() and _PUNCTUATED.search(texts[last - 1]):
            found.add(last)
    return found


def _indented_more(text: str, previous: str) -> bool:
    """A paragraph's first line is set in from the line before it.  A copy that keeps
    the page's left margin ("pdftotext -layout") indents every line: only a line set in
    further than the one before opens a paragraph there."""
    return len(text) - len(text.lstrip(" ")) > len(previous) - len(previous.lstrip(" "))


class Segmenter:
    """Decides, word by word, where blocks start (the grammar in the module docstring)."""

    def __init__(self, words: Words, ocr: bool = False) -> None:
        self.words = words
        self.texts = words.texts
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
        self.ends: set[int] = set()
        """The words that end a clause (``,`` ``;`` ``.`` ``:``, maybe with a note mark
        after it: ``Persons,1``)."""

    def _clause_before(self, index: int) -> bool:
        return index == 0 or index - 1 in self.ends

    def _item_before(self, index: int) -> bool:
        """An item label may follow a clause end, or "et"/"and"/"ou"/"or" after one."""
        if self._clause_before(index):
            return True
        return self.texts[index - 1] in CONJUNCTIONS and index >= 2 and index - 2 in self.ends

    def _number(self, index: int) -> str | None:
        if self.texts[index][-1] not in ".)":
            return None  # what NUMBER_TOKEN would say, without calling it for most words
        match = NUMBER_TOKEN.match(self.texts[index])
        if not match or index + 1 >= len(self.texts):
            return None
        following = self.texts[index + 1]
        if not (OPENS_TEXT.match(following) or (self.in_annex and ITEM_TOKEN.match(following))):
            return None
        printed = match["number"]
        if not printed.isdigit():
            if not self.ocr or not self.texts[index].endswith("."):
                return None
            printed = OCR_DIGITS[printed]
        expected = {str(self.last_number + 1)} | ({"1"} if self.section_open else set())
        return printed if printed in expected else None

    def _item_after_number(self, index: int) -> str | None:
        """The item expected after a number that opens with its first item, in the
        same block ("3. (a) Each State Party …" in an annexed convention): ``b``."""
        following = self.texts[index + 1] if index + 1 < len(self.texts) else ""
        item = ITEM_TOKEN.match(following) if self.in_annex else None
        if item and (item["letter"] or item["paren"]) == "a":
            return "b"
        return None

    def _author_length(self, index: int) -> int:
        """How many words the author clause at ``index`` takes (0: none here)."""
        if self.texts[index][:1] not in ("L", "T"):
            return 0
        window = " ".join(self.texts[index : index + 8])
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

    def _layout_start(self, index: int) -> bool:
        """A boundary the layout shows at the line ``index`` opens (see
        ``_layout_lines``)."""
        if not self.words.layout_starts:
            self.words.layout_starts = self._layout_lines()
        return self.words.layout_starts[self.words.line_of[index]]

    def _layout_lines(self) -> list[bool]:
        """For each line, whether the layout shows a block starting there: a blank line
        before it, an indented line after a clause end, a numeral alone on a line (or
        the line after it), a heading of an annex alone on a line (or the line after it,
        or after its title), an item label opening the line, a short line before it.

        All lines in one pass, so that what a line says of itself (a numeral alone, a
        heading) is found once and not again as the next line's previous line; and a
        cheap character test goes before each pattern, which most lines fail (a dozen
        pattern calls a line were a third of segmentation's time)."""
        lines = self.words.lines
        measured = self.words.width >= 50  # else no line is short of the measure
        # A line before that leaves no room for a word of one character is not short:
        # ``_short_line_before``'s own length test, made here without the call (most
        # lines of a hard-wrapped copy run to the measure).
        short = 0.85 * self.words.width - 2
        starts: list[bool] = []
        roman: list[bool] = []
        heading: list[bool] = []
        stripped = ""
        for position, (line, after_blank, _, previous_line) in enumerate(lines):
            text = line.text
            previous, stripped = stripped, text.strip()  # the line before's, this one's
            # Necessary conditions first: a numeral line holds only I, V, X, L; a
            # heading line opens on "Annexe", "Chapitre", "Article", "Préambule"…; an
            # item label "(iii)" closes within its first seven characters.
            roman.append(stripped[0] in "IVXL" and bool(ROMAN_LINE.match(text)))
            heading.append(stripped[0] in "ACP" and bool(HEADING_LINE.match(stripped)))
            if after_blank or roman[-1] or heading[-1]:
                starts.append(True)
                continue
            # Not after a blank line: ``previous_line`` is the line before, or "" for
            # the first line.
            before = position > 0 and previous_line != ""
            starts.append(
                (before and (roman[position - 1] or heading[position - 1]))
                or (position >= 2 and heading[position - 2] and self._after_title(position))
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
        return starts

    def _closing_at(self, index: int) -> bool:
        """ "85e séance plénière", "55th (resumed) plenary meeting" open at ``index``."""
        following = self.texts[index + 1 : index + 3]
        if following[:1] and following[0] in RESUMED:
            following = following[1:]
        return bool(following) and following[0] in CLOSING_NEXT

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

    def _annex_cue(self, index: int, line_start: bool) -> bool:
        """Whether an annex's heading or formula opens at ``index`` (the words that
        must stand alone, "Annexe" and "Préambule", get their end marked too)."""
        texts = self.texts
        word = texts[index]
        following = texts[index + 1] if index + 1 < len(texts) else ""
        after = texts[index + 2] if index + 2 < len(texts) else ""
        clause_before = self._clause_before(index)
        if word in ("Annexe", "Annex", "ANNEXE", "ANNEX"):
            if not (self.closing_seen and (clause_before or not self.in_annex or line_start)):
                return False
            numbered = bool(ANNEX_HEADING.match(f"{word} {following}")) and following.isupper()
            title = after if numbered else following
            if not (title[:1].isupper() or not title):
                return False
            self.in_annex = True
            self.next_article, self.next_chapter = 1, 0
            self.starts.add(index + (2 if numbered else 1))
            return True
        if not self.in_annex:
            return False
        if word in ("Préambule", "Preamble"):
            self.region = "preamble"
            self.starts.add(index + 1)
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
            line = self.words.lines[self.words.line_of[index]][0].text.strip()
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
        """The words where a cue may open a block, in order (found once, so that the
        loop below jumps over the words between): line starts, the words that may open
        an annex's heading or formula, and the words after a clause end or a conjunction
        that may be a number, a label, a numeral, a closing or a lead ("5.", "b)",
        "ii)", "II", "85e", "Rappelant": they end with "." or ")", or open with a capital
        or a digit; a lower-case word there opens nothing)."""
        texts = self.texts
        # Each word's last character, one string: the clause ends are found in it by a
        # pattern (at C speed) rather than word by word.
        lasts = "".join(map(_LAST_CHARACTER, texts))
        self.ends = {
            match.start()
            for match in _CLAUSE_MARK.finditer(lasts)
            if match.group() in ",;.:" or CLAUSE_END.search(texts[match.start()])
        }
        self.ends |= marks_ending_lines(texts, self.words.line_first)
        after_cue = {index + 1 for index in self.ends if index + 1 < len(texts)}
        # The conjunctions and annex words (not the last word: nothing follows it).
        last = len(texts) - 1
        after_cue.update(index + 1 for index in places(texts, CONJUNCTIONS) if index < last)
        annex_words = {index for index in places(texts, ANNEX_WORDS) if index < last}
        may_open = {
            index
            for index in after_cue
            if (word := texts[index])[-1] in ".)" or word[0].isupper() or word[0].isdecimal()
        }
        # A line start is a cue when the layout shows a block there, or when its word
        # may open one as above: a lower-case word opening a line the layout does not
        # set apart opens nothing (most lines of a hard-wrapped copy: A/RES/62/176 at 72
        # columns, the loop below stops at 79 words instead of 266).
        if not self.words.layout_starts:
            self.words.layout_starts = self._layout_lines()
        line_cues = {
            first
            for first, layout_start in zip(
                self.words.line_first, self.words.layout_starts, strict=True
            )
            if layout_start
            or (word := texts[first])[-1] in ".)"
            or word[0].isupper()
            or word[0].isdecimal()
        }
        return sorted(line_cues | may_open | annex_words)

    def _next_in_head(self, index: int, cues: list[int]) -> int:
        """The next word from ``index`` on where a block may open while the author clause
        is looked for (every word is read then): a cue, or any word that may begin the
        author clause ("L'Assemblée", "The"), number a paragraph ("1.") or open an
        annex's heading ("Annexe", "Article"); past ``AUTHOR_WINDOW``, the next cue.
        Read word by word, as far as the head goes (a few dozen words before an author
        clause; ``AUTHOR_WINDOW`` in a text with none)."""
        texts = self.texts
        first_of_line = self.words.first_of_line
        last = min(len(texts), AUTHOR_WINDOW)
        while index < last:
            word = texts[index]
            if (
                word[0] in "LT"
                or index in first_of_line
                or (index and (index - 1 in self.ends or texts[index - 1] in CONJUNCTIONS))
                or (word[-1] in ".)" and NUMBER_TOKEN.match(word))
                or word in ANNEX_WORDS
            ):
                return index
            index += 1
        return self._next_cue(index, cues)

    @staticmethod
    def _next_cue(index: int, cues: list[int]) -> int:
        """The first cue from ``index`` on (past the last word when none is left)."""
        at = bisect.bisect_left(cues, index)
        return cues[at] if at < len(cues) else sys.maxsize

    def run(self) -> set[int]:
        texts = self.texts
        words = self.words
        cues = self._cues()
        index = 0
        while index < len(texts):
            if not self.section_open:
                # Jump to the next word where something may open a block: a cue, or
                # while the author clause is looked for, any word that may begin it,
                # number a paragraph or open an annex.
                in_head = not self.author_seen and index < AUTHOR_WINDOW
                index = self._next_in_head(index, cues) if in_head else self._next_cue(index, cues)
                if index >= len(texts):
                    break
            line_start = index in words.first_of_line
            start = index == 0 or (line_start and self._layout_start(index))
            clause_before = self._clause_before(index)
            looking_for_author = not self.author_seen and index < AUTHOR_WINDOW
            if (
                texts[index] in ANNEX_WORDS
                and (self.closing_seen or self.in_annex)
                and self._annex_cue(index, line_start)
            ):
                    self.starts.add(index)
                    index += 1
                    continue
            if not (
                line_start
                or clause_before
                or looking_for_author
                or texts[index - 1] in CONJUNCTIONS
                or self.section_open
            ):
                # No cue can open a block here: most words end the loop at this test.
                index += 1
                continue
            if looking_for_author and self.region == "head":
                length = self._author_length(index)
                if length:
                    self.author_seen = True
                    self.region = "preamble"
                    self.starts.add(index)
                    self.starts.add(index + length)
                    index += length
                    continue
            number = self._number(index)
            if number is not None and (
                clause_before or self.section_open or line_start or self.region == "head"
            ):
                self.last_number = int(number)
                self.region = "body"
                self.section_open = False
                self.next_item = self._item_after_number(index)
                self.starts.add(index)
                index += 1
                continue
            item = ITEM_TOKEN.match(texts[index]) if texts[index][-1] == ")" else None
            if item and self._item_before(index):
                letter = item["letter"] or item["paren"]
                previous = texts[index - 1] if index else ""
                expected = "a" if previous.endswith(":") else self.next_item
                if letter == expected or (line_start and letter == "a"):
                    self.next_item = chr(ord(letter) + 1)
                    self.next_sub_item = "i"
                    self.starts.add(index)
                    index += 1
                    continue
            sub_item = SUB_ITEM_TOKEN.match(texts[index]) if self.in_annex else None
            if sub_item and self._item_before(index) and sub_item["roman"] == self.next_sub_item:
                position = SUB_ITEMS.index(sub_item["roman"])
                self.next_sub_item = SUB_ITEMS[min(position + 1, len(SUB_ITEMS) - 1)]
                self.starts.add(index)
                index += 1
                continue
            if (
                self.next_section < len(ROMANS)
                and texts[index] == ROMANS[self.next_section]
                and clause_before
                and index + 1 < len(texts)
                and OPENS_TEXT.match(texts[index + 1])
                and self.region != "head"
            ):
                self.next_section += 1
                self.section_open = True
                self.starts.update((index, index + 1))
                index += 1
                continue
            if (
                line_start
                and texts[index] == ROMANS[min(self.next_section, len(ROMANS) - 1)]
                and ROMAN_LINE.match(words.lines[words.line_of[index]][0].text)
            ):
                self.next_section += 1
                self.section_open = True
            closing = (
                texts[index][0].isdecimal()  # what CLOSING_TOKEN opens on, tested first
                and CLOSING_TOKEN.match(texts[index])
                and self._closing_at(index)
            )
            if clause_before and (
                closing
                or (
                    self.region == "preamble"
                    and is_lead(texts, index)
                    and not title_goes_on(texts, index)
                )
            ):
                start = True
                self.closing_seen = self.closing_seen or bool(closing)
            if start:
                self.starts.add(index)
            index += 1
        return self.starts


def block_offsets(words: Words, starts: Sequence[int]) -> list[int]:
    """Where each block's first word (``starts``, in order) lands in the body's words
    joined by single spaces.  A line's start is known from the lines' lengths; a word
    inside a line is reached from the last one placed, so each word of a flattened
    copy's one line is counted once, however many blocks it holds."""
    offsets: list[int] = []
    placed_word, placed_offset = -1, 0
    for first in starts:
        line_index = words.line_of[first]
        if placed_word < words.line_first[line_index]:
            placed_word = words.line_first[line_index]
            placed_offset = words.line_offsets[line_index]
        placed_offset += joined_length(words.texts[placed_word:first])
        placed_word = first
        offsets.append(placed_offset)
    return offsets


def segment(body: Sequence[tuple[Line, bool]], ocr: bool = False) -> list[RawBlock]:
    """The blocks of the body lines (each flagged when it follows a page's notes)."""
    words = words_of(body)
    texts = words.texts
    starts = [start for start in sorted(Segmenter(words, ocr).run() | {0}) if start < len(texts)]
    blocks: list[RawBlock] = []
    lines = words.lines
    # A block's text is its words joined by single spaces, as a TextBuilder fed its
    # lines would make it (white space inside a line is only spaces here: tabs became
    # spaces on loading, page-break characters in ``words_of``), cut out of the whole
    # body joined once.
    joined = " ".join(words.line_words)
    offsets = block_offsets(words, starts)
    for position, first in enumerate(starts):
        last = (starts[position + 1] if position + 1 < len(starts) else len(texts)) - 1
        start = offsets[position]
        end = offsets[position + 1] - 1 if position + 1 < len(starts) else len(joined)
        # Each source line the block takes words from, where its first word lands.
        block_lines: list[tuple[int, int]] = [(0, lines[words.line_of[first]][0].number)]
        for line_index in range(words.line_of[first] + 1, words.line_of[last] + 1):
            number = lines[line_index][0].number
            if number != block_lines[-1][1]:  # parts of one source line count once
                block_lines.append((words.line_offsets[line_index] - start, number))
        after_break = lines[words.line_of[first]][2] and first in words.first_of_line
        blocks.append(
            RawBlock(
                block=Block(
                    text=joined[start:end], line=block_lines[0][1], lines=tuple(block_lines)
                ),
                after_break=after_break,
            )
        )
    return blocks
