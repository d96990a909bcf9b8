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

Numbers are taken only in sequence, so a year or a figure after a full stop
(``… en 2008. 3. Prie``) is never a paragraph number.  After the author clause the
preamble runs until paragraph 1; a section heading runs until the next paragraph
number, with no punctuation needed before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..load import Line
from .base import RawBlock, TextBuilder
from .furniture import BODY_NAMES

CLAUSE_END = re.compile(r"[,;.:](?:\d{1,3})?$")
"""A clause ends here, maybe with a note mark after the punctuation (``Persons,1``)."""
SENTENCE_END = re.compile(r"[.;:][»”\")\]]*$")
ROMAN_LINE = re.compile(r"^\s*[IVXL]+\s*$")
ITEM_LINE = re.compile(r"^\s*\(?[a-z]\)\s")
NUMBER_TOKEN = re.compile(r"^(?P<number>\d{1,3}|[SOlIBZG])[.)]$")
OCR_DIGITS = {"S": "5", "O": "0", "l": "1", "I": "1", "B": "8", "Z": "2", "G": "6"}
ITEM_TOKEN = re.compile(r"^(?:(?P<letter>[a-z])\)|\((?P<paren>[a-z])\))$")
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
class Token:
    text: str
    line: int
    line_start: bool
    indented: bool
    after_blank: bool
    after_break: bool
    line_text: str
    previous_line: str


def tokens_of(body: Sequence[tuple[Line, bool]]) -> list[Token]:
    tokens: list[Token] = []
    after_blank = False
    previous_line = ""
    for line, breaks in body:
        text = line.text
        if not text.strip():
            after_blank = True
            previous_line = ""
            continue
        first = True
        for match in re.finditer(r"[^ \t\n\r\f\v]+", text):
            tokens.append(
                Token(
                    text=match.group(),
                    line=line.number,
                    line_start=first,
                    indented=first and text[:1].isspace(),
                    after_blank=first and after_blank,
                    after_break=first and breaks,
                    line_text=text if first else "",
                    previous_line=previous_line if first else "",
                )
            )
            first = False
        after_blank = False
        previous_line = text
    return tokens


def is_lead(tokens: Sequence[Token], index: int) -> bool:
    word = tokens[index].text.rstrip(",;:")
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
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


class Segmenter:
    """Decides, word by word, where blocks start (the grammar in the module docstring)."""

    def __init__(self, tokens: list[Token], ocr: bool = False) -> None:
        self.tokens = tokens
        self.ocr = ocr
        self.region = "head"  # head → preamble (after the author) → body (after "1.")
        self.author_seen = False
        self.last_number = 0
        self.section_open = False
        self.next_section = 0
        self.next_item: str | None = None
        self.starts: set[int] = set()

    def _clause_before(self, index: int) -> bool:
        return index == 0 or bool(CLAUSE_END.search(self.tokens[index - 1].text))

    def _item_before(self, index: int) -> bool:
        """An item label may follow a clause end, or "et"/"and"/"ou"/"or" after one."""
        if self._clause_before(index):
            return True
        previous = self.tokens[index - 1].text
        return (
            previous in ("et", "and", "ou", "or")
            and index >= 2
            and bool(CLAUSE_END.search(self.tokens[index - 2].text))
        )

    def _number(self, index: int) -> str | None:
        match = NUMBER_TOKEN.match(self.tokens[index].text)
        if not match or index + 1 >= len(self.tokens):
            return None
        if not OPENS_TEXT.match(self.tokens[index + 1].text):
            return None
        printed = match["number"]
        if not printed.isdigit():
            if not self.ocr or not self.tokens[index].text.endswith("."):
                return None
            printed = OCR_DIGITS[printed]
        expected = {str(self.last_number + 1)} | ({"1"} if self.section_open else set())
        return printed if printed in expected else None

    def _author_length(self, index: int) -> int:
        """How many words the author clause at ``index`` takes (0: none here)."""
        window = " ".join(token.text for token in self.tokens[index : index + 8])
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

    def run(self) -> set[int]:
        tokens = self.tokens
        index = 0
        while index < len(tokens):
            token = tokens[index]
            start = index == 0 or token.after_blank
            if (
                token.line_start
                and index
                and (
                    ROMAN_LINE.match(token.line_text)
                    or ROMAN_LINE.match(token.previous_line)
                    or ITEM_LINE.match(token.line_text)
                    or (token.indented and CLAUSE_END.search(token.previous_line.rstrip()))
                )
            ):
                start = True
            if not self.author_seen and self.region == "head":
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
                self._clause_before(index)
                or self.section_open
                or token.line_start
                or self.region == "head"
            ):
                self.last_number = int(number)
                self.region = "body"
                self.section_open = False
                self.next_item = None
                self.starts.add(index)
                index += 1
                continue
            item = ITEM_TOKEN.match(token.text)
            if item and self._item_before(index):
                letter = item["letter"] or item["paren"]
                previous = tokens[index - 1].text if index else ""
                expected = "a" if previous.endswith(":") else self.next_item
                if letter == expected or (token.line_start and letter == "a"):
                    self.next_item = chr(ord(letter) + 1)
                    self.starts.add(index)
                    index += 1
                    continue
            if (
                self.next_section < len(ROMANS)
                and token.text == ROMANS[self.next_section]
                and self._clause_before(index)
                and index + 1 < len(tokens)
                and OPENS_TEXT.match(tokens[index + 1].text)
                and self.region != "head"
            ):
                self.next_section += 1
                self.section_open = True
                self.starts.update((index, index + 1))
                index += 1
                continue
            if token.text == ROMANS[min(self.next_section, len(ROMANS) - 1)] and (
                ROMAN_LINE.match(token.line_text)
            ):
                self.next_section += 1
                self.section_open = True
            if (
                CLOSING_TOKEN.match(token.text)
                and index + 1 < len(tokens)
                and tokens[index + 1].text in CLOSING_NEXT
                and self._clause_before(index)
            ) or (
                self.region == "preamble" and self._clause_before(index) and is_lead(tokens, index)
            ):
                start = True
            if start:
                self.starts.add(index)
            index += 1
        return self.starts


def segment(body: Sequence[tuple[Line, bool]], ocr: bool = False) -> list[RawBlock]:
    """The blocks of the body lines (each flagged when it follows a page's notes)."""
    tokens = tokens_of(body)
    starts = Segmenter(tokens, ocr).run()
    blocks: list[RawBlock] = []
    builder: TextBuilder | None = None
    after_break = False
    for index, token in enumerate(tokens):
        if index in starts or builder is None:
            if builder is not None and builder.length:
                blocks.append(RawBlock(block=builder.build(), after_break=after_break))
            builder = TextBuilder(token.line)
            after_break = token.after_break
        builder.space()
        builder.add(token.text, token.line)
    if builder is not None and builder.length:
        blocks.append(RawBlock(block=builder.build(), after_break=after_break))
    return blocks
