"""Stage 3: the structure of a resolution, from a reader's flow of blocks.

The grammar, over blocks (each rule a named function below, tried in this order)::

    file       = text+                        ; one per metadata entry (``split_texts``)
    text       = heading* [author] body* [closing]
    heading    = a Markdown heading, or a block above the author clause, or (with no
                 author clause) a leading block in capitals
    author     = "L'Assemblée générale," | "Le Conseil permanent," | …  ; short, ends ","
    body       = section | operative | item | preambular | other
    section    = roman numeral alone [heading-block]  |  Markdown heading "I. …"
    operative  = number ["." | ")"] text      ; number = the next in sequence
    item       = letter ")" text              ; belongs to the paragraph before it
    preambular = unnumbered block after the author clause, before the first operative
    other      = unnumbered block anywhere else (a declaration, a fragment)
    closing    = "85e séance plénière …"

Paragraph numbers are accepted only in sequence (1, 2, 3…), so a year or a figure at
the start of a cut paragraph is never taken for a number; for OCR, a letter that the
scanner confuses with a digit (``S.`` for ``5.``) is read as the expected number and
the reading is recorded as a correction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import ids
from .annex import ANNEX_RULES, AnnexDraft, annex_heading, build_annexes
from .corrections import OCR_DIGIT_LETTERS, OCR_DIGITS, label_correction
from .errors import SourceError
from .language import detect_language
from .model import (
    Block,
    Correction,
    Emphasis,
    Footnote,
    Language,
    NoteMark,
    Paragraph,
    ParsedText,
    Removal,
    Section,
    Span,
    item_of,
    paragraph_of,
)
from .readers.base import Flow, RawBlock

AUTHOR = re.compile(r"^(?:L['’]\s?|Le |La |Les |The )[^,;.:]{2,80}?(?:\s?[,:])?$")
"""The author clause: "L'Assemblée générale,", "Le Conseil économique et social :",
"L'Assemblée générale" (no comma), "The General Assembly,"."""
AUTHOR_BODY = re.compile(
    r"Assemblée|Conseil|Commission|Conférence|Ministres|Assembly|Council|Conference|Commission"
)
NUMBER = re.compile(rf"^(?P<number>\d{{1,3}}|[{OCR_DIGIT_LETTERS}])(?P<punct>[.)])?\s+(?=\S)")
ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII")
ROMAN = re.compile(r"^(?P<number>[IVXL]+)$")
ROMAN_HEADING = re.compile(r"^(?P<number>[IVXL]+)\.?\s+(?P<heading>\S.*)$")
CLOSING = re.compile(
    r"^\d+\s?(?:e|re|ème|st|nd|rd|th)\s+(?:\((?:resumed|reprise)\)\s+)?"
    r"(?:séance\s+plénière|plenary\s+meeting)\b",
    re.I,
)
ENDS_SENTENCE = re.compile(r"[.!?…][»”\")\]]*\s*$")

# Words that extend a leading verb phrase: "Demande instamment", "Prenant note avec
# satisfaction également", "Vivement préoccupée".
LEAD_WORDS = {
    "également",
    "instamment",
    "vivement",
    "aussi",
    "favorablement",
    "note",
    "acte",
    "encore",
    "fermement",
    "résolument",
    "profondément",
    "pleinement",
    "outre",
    "also",
    "further",
    "furthermore",
    "again",
    "strongly",
    "deeply",
    "gravely",
    "seriously",
    "urgently",
}
LEAD_PHRASES = (
    "avec satisfaction",
    "avec inquiétude",
    "avec préoccupation",
    "avec intérêt",
    "avec appréciation",
    "avec une vive inquiétude",
    "en outre",
    "de nouveau",
    "par ailleurs",
    "en particulier",
    "à l’esprit",
    "à l'esprit",
    "with appreciation",
    "with satisfaction",
    "with concern",
    "with deep concern",
    "with serious concern",
    "with interest",
    "in mind",
    "note of",
    "into account",
)
LEAD_PHRASE_WORDS = max(len(phrase.split()) for phrase in LEAD_PHRASES)
LEAD_PHRASE_STARTS = tuple(phrase + " " for phrase in LEAD_PHRASES)
LEAD_PHRASE_FIRSTS = frozenset(phrase.split(" ", 1)[0] for phrase in LEAD_PHRASES)
"""The words a phrase of ``LEAD_PHRASES`` opens on: no other word opens one."""
LEAD_SPLIT = 8
"""Words of a paragraph split to find its lead (all of them when the lead runs on)."""
LEAD_OPENERS = {
    "vivement",
    "gravement",
    "profondément",
    "egalement",
    "également",
    "sérieusement",
    "fermement",
    "se",
    "s’",
    "s'",
    "deeply",
    "gravely",
    "seriously",
    "strongly",
    "further",
    "also",
    "bearing",
    "taking",
    "having",
    "keeping",
}


def strip_prefix(block: Block, length: int) -> Block:
    """``block`` without its first ``length`` characters (a number or a label)."""
    if length <= 0:
        return block

    def moved(offset: int) -> int:
        return max(offset - length, 0)

    spans: list[Span] = []
    for span in block.spans:
        start, end = moved(span.start), moved(span.end)
        if end > start:
            spans.append(replace(span, start=start, end=end))
    text = block.text[length:]
    lines = tuple((offset - length if offset > length else 0, line) for offset, line in block.lines)
    # The classes built directly: ``dataclasses.replace`` looks at every field of
    # the class at each call, and this runs for every numbered paragraph and item.
    # Most blocks hold no note mark: no generator is made for them.
    notes = (
        tuple(NoteMark(moved(mark.offset), mark.number, mark.line) for mark in block.notes)
        if block.notes
        else ()
    )
    if type(block) is Block:
        return Block(text=text, line=block.line, lines=lines, notes=notes, spans=tuple(spans))
    return replace(block, text=text, lines=lines, notes=notes, spans=tuple(spans))


def find_lead(block: Block) -> str:
    """The leading verb phrase of a paragraph: the printed italics when the source has
    them, otherwise the verb with the adverbs that go with it."""
    text = block.text
    for span in block.spans:
        if isinstance(span, Emphasis) and span.start == 0 and span.end > 0:
            return text[: span.end].rstrip(" ,;:")
    # The runs of non-space characters, as r"\S+" finds them: the first few only (a
    # lead is a few words; splitting the whole paragraph cost as much as the rest),
    # all of them if the lead runs on that far.
    words = text.split(maxsplit=LEAD_SPLIT)
    if not words or not words[0][:1].isupper() or words[0] in ("Nous", "Nous,"):
        return ""
    # An adverb or a reflexive pronoun opens the phrase: the participle follows it
    # ("Vivement préoccupée", "Se félicitant", "S’inquiétant").
    opener = words[0].lower().rstrip(",")
    opens = opener in LEAD_OPENERS or opener.startswith(("s’", "s'"))
    taken = 2 if opens and len(words) > 1 else 1
    while taken < len(words):
        if len(words) > LEAD_SPLIT and taken + LEAD_PHRASE_WORDS + 1 >= LEAD_SPLIT:
            words = text.split()  # the last item read would be the unsplit rest
        # The words a phrase can take and one more say whether the rest of the
        # paragraph starts with it (joining the whole rest made each paragraph's lead
        # cost as much as the paragraph, at every word of the lead).
        following = words[taken].lower()
        if following not in LEAD_PHRASE_FIRSTS and following not in LEAD_WORDS:
            break  # neither a phrase nor a word of the lead starts here (most paragraphs)
        rest = " ".join(words[taken : taken + LEAD_PHRASE_WORDS + 1]).lower()
        phrase = None
        if rest.startswith(LEAD_PHRASE_STARTS) or rest in LEAD_PHRASES:
            # Which phrase, asked only when one is there (most words start none).
            phrase = next(p for p in LEAD_PHRASES if rest.startswith(p + " ") or rest == p)
        if phrase:
            taken += len(phrase.split())
            continue
        if following in LEAD_WORDS:
            taken += 1
            continue
        break
    lead_words = words[:taken]
    if taken > 1 and any(word[-1:] in ",;:" for word in lead_words[:-1]):
        lead_words = lead_words[: next(i for i, w in enumerate(lead_words) if w[-1:] in ",;:") + 1]
    lead = " ".join(lead_words).rstrip(",;:")
    return lead if text.startswith(lead) else words[0].rstrip(",;:")


def _is_heading_like(raw: RawBlock) -> bool:
    if raw.heading_level > 0:
        return True
    # The letters, and the capitals among them, counted at C speed: in a text without
    # an author clause the first paragraph after the heading is read here too.
    letters = list(filter(str.isalpha, raw.text))
    capitals = sum(map(str.isupper, letters))
    return bool(letters) and capitals / len(letters) > 0.6


def _is_symbol_character(char: str) -> bool:
    """Whether ``char`` (one character, or "" at an end) continues a symbol: a word
    character (``\\w``) or a slash."""
    return char == "/" or char == "_" or char.isalnum()


def _names_alone(text: str, marker: str) -> bool:
    """Whether ``text`` holds ``marker`` with no word character or slash right before or
    after it ("62/1" in "Résolution 62/1", not in "62/11" nor "A/62/1"): what the
    pattern ``(?<![\\w/])marker(?![\\w/])`` finds, without compiling a pattern for
    each text's marker."""
    position = text.find(marker)
    while position != -1:
        end = position + len(marker)
        if not _is_symbol_character(text[position - 1 : position]) and not (
            _is_symbol_character(text[end : end + 1])
        ):
            return True
        position = text.find(marker, position + 1)
    return False


def split_texts(flow: Flow, entries: Sequence[dict[str, Any]], path: str) -> list[list[RawBlock]]:
    """Cut a file's blocks into one run per metadata entry.

    The first text starts at the top; each next one at the first heading (or block)
    that names its ``starts_with`` text or its symbol (``Résolution 62/1``)."""
    if len(entries) == 1:
        return [flow.blocks]
    starts = [0]
    for entry in entries[1:]:
        marker = entry.get("starts_with") or entry.get("symbol")
        if not marker:
            raise SourceError(
                path, 2, f"text '{entry['slug']}' needs 'symbol' or 'starts_with' to be found"
            )
        found = None
        for index in range(starts[-1] + 1, len(flow.blocks)):
            raw = flow.blocks[index]
            if (raw.heading_level or len(raw.text) < 120) and _names_alone(raw.text, marker):
                found = index
                break
        if found is None:
            raise SourceError(
                path, 2, f"cannot find where the text '{entry['slug']}' begins ('{marker}')"
            )
        starts.append(found)
    starts.append(len(flow.blocks))
    return [flow.blocks[starts[index] : starts[index + 1]] for index in range(len(entries))]


_SESSION_LINE = re.compile(r"\bsession$", re.I)
_AGENDA_ITEM_LINE = re.compile(r"^Point (\S+) de l['’]ordre du jour$")
_DISTRIBUTION_LINE = re.compile(r"^Distr\. (\S+) (.+)$")
_DRAFT_SYMBOL_END = re.compile(r"\((?P<symbol>[A-Z]+/\d+/L\.\d+(?:/\S+)?)\)\]?$")


def header_details(heading: Sequence[Block]) -> tuple[tuple[str, str], ...]:
    """Metadata printed in a UN heading block (session, agenda item, draft symbol)."""
    details: list[tuple[str, str]] = []
    texts = [block.text for block in heading]
    for index, text in enumerate(texts):
        if _SESSION_LINE.search(text) and len(text) < 60:
            details.append(("session", text))
        elif match := _AGENDA_ITEM_LINE.match(text):
            details.append(("agenda_item", match[1]))
            if index + 1 < len(texts) and not texts[index + 1].startswith("Résolution"):
                details.append(("agenda_title", texts[index + 1]))
        elif match := _DISTRIBUTION_LINE.match(text):
            details.append(("distribution", f"{match[1]}, {match[2]}"))
        elif match := _DRAFT_SYMBOL_END.search(text):
            details.append(("draft_symbol", match["symbol"]))
            if "renvoi" in text or "commission" in text.lower():
                details.append(("committee", text.strip("[]")))
        elif text.startswith("Résolution adoptée par"):
            details.append(("adoption", text))
    return tuple(details)


# ----------------------------------------------------------------- the body's rules


@dataclass
class ParseState:
    """One text's parse in progress: the rules read and write only this."""

    blocks: list[RawBlock]
    layout: Layout
    source_format: str
    index: int = 0
    """The next block to read (a rule that takes a second block moves it on)."""
    has_author: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    section: str | None = None
    section_opened: bool = False
    """A section heading was just read: its first paragraph may restart at 1."""
    last_number: int = 0
    numbered_per_section: bool = False
    """Numbering restarted at 1 in a section: anchors then name their section."""
    counts: dict[str, int] = field(default_factory=lambda: {"preambular": 0, "other": 0})
    corrections: list[Correction] = field(default_factory=list)
    annexes: list[AnnexDraft] = field(default_factory=list)
    """The annexes read so far: once one is open, the layout's annex rules read on."""

    def following(self) -> RawBlock | None:
        return self.blocks[self.index] if self.index < len(self.blocks) else None

    def next_roman(self) -> str:
        return ROMANS[min(len(self.sections), len(ROMANS) - 1)]

    def printed_number(self, raw: RawBlock) -> tuple[str | None, int]:
        """(printed number, length of the prefix) if ``raw`` opens with the next
        paragraph number in sequence (or 1 right after a section heading)."""
        if raw.list_number is not None:
            # A Markdown list item carries its printed number; a gap is the check's to report.
            return raw.list_number, 0
        match = NUMBER.match(raw.text)
        if not match or not match["number"].isdigit():
            return None, 0
        printed = match["number"]
        expected = str(self.last_number + 1)
        if printed != expected and not (self.section_opened and printed == "1"):
            return None, 0
        if match["punct"] is None and not self.last_number:
            return None, 0
        return printed, match.end()

    def add_paragraph(self, kind: str, block: Block, number: str | None) -> None:
        if kind == "operative":
            assert number is not None
            if self.section_opened and number == "1" and self.last_number:
                self.numbered_per_section = True
            anchor = ids.operative(number, self.section if self.numbered_per_section else None)
            self.last_number = int(number)
            self.section_opened = False
        else:
            self.counts[kind] += 1
            make = ids.preambular if kind == "preambular" else ids.other
            anchor = make(self.counts[kind])
        lead = find_lead(block) if kind != "other" else ""
        self.paragraphs.append(paragraph_of(block, anchor, kind, number, self.section, lead))

    def open_section(self, number: str, heading: Block) -> None:
        self.section = number
        self.section_opened = True
        self.sections.append(Section(id=ids.section(number), number=number, heading=heading))


Rule = Callable[[ParseState, RawBlock], bool]
"""A body rule: reads ``raw`` (and maybe more blocks) into the state and returns True,
or returns False and changes nothing."""


def markdown_section(state: ParseState, raw: RawBlock) -> bool:
    """``## II. Coopération internationale``: a Markdown heading with a numeral."""
    match = ROMAN_HEADING.match(raw.text) if raw.heading_level else None
    if not match:
        return False
    state.open_section(match["number"], strip_prefix(raw.block, match.start("heading")))
    return True


def section_with_heading(state: ParseState, raw: RawBlock) -> bool:
    """``II Coopération internationale``: the next numeral and its heading in one block
    (a flattened copy runs them together)."""
    match = ROMAN_HEADING.match(raw.text)
    if (
        raw.heading_level
        or not match
        or match["number"] != state.next_roman()
        or len(raw.text) >= 200
        or ENDS_SENTENCE.search(raw.text)
        or state.printed_number(raw)[0] is not None
    ):
        return False
    state.open_section(match["number"], strip_prefix(raw.block, match.start("heading")))
    return True


def roman_section(state: ParseState, raw: RawBlock) -> bool:
    """``I`` alone, then its heading block unless a paragraph or an item follows."""
    roman = ROMAN.match(raw.text)
    if not roman:
        return False
    following = state.following()
    if (
        following is not None
        and state.printed_number(following)[0] is None
        and not state.layout.item.match(following.text)
    ):
        state.open_section(roman["number"], following.block)
        state.index += 1
    else:
        state.open_section(roman["number"], Block(text="", line=raw.line))
    return True


def operative(state: ParseState, raw: RawBlock) -> bool:
    """``5. Prie …``: the next number in sequence."""
    number, length = state.printed_number(raw)
    if number is None:
        return False
    state.add_paragraph("operative", strip_prefix(raw.block, length), number)
    return True


def ocr_operative(state: ParseState, raw: RawBlock) -> bool:
    """``S. Nous …`` in a scan: a letter the scanner reads for the expected digit, taken
    as that number, the reading recorded as a correction."""
    match = NUMBER.match(raw.text)
    if raw.list_number is not None or not match or match["number"].isdigit():
        return False
    expected = str(state.last_number + 1)
    printed = match["number"]
    if match["punct"] != "." or OCR_DIGITS[printed] != expected:
        return False
    state.corrections.append(
        label_correction(
            original=f"{printed}.",
            replacement=f"{expected}.",
            reason=f"numéro de paragraphe « {printed}. » lu « {expected}. » (suite 1, 2, 3…)",
            confidence=0.99,
            line=raw.line,
        )
    )
    state.add_paragraph("operative", strip_prefix(raw.block, match.end()), expected)
    return True


def item(state: ParseState, raw: RawBlock) -> bool:
    """``a) …`` (French) or ``(a) …`` (English): a sub-item of the paragraph before."""
    match = state.layout.item.match(raw.text)
    if not match or not state.paragraphs:
        return False
    letter = match.groupdict().get("label")
    label = f"{letter})" if letter else f"({match['paren']})"
    parent = state.paragraphs[-1]
    block = strip_prefix(raw.block, match.end())
    entry = item_of(block, ids.item(parent.id, label), label)
    state.paragraphs[-1] = replace(parent, items=(*parent.items, entry))
    return True


def preambular(state: ParseState, raw: RawBlock) -> bool:
    """An unnumbered block after the author clause and before paragraph 1."""
    if not state.has_author or state.last_number:
        return False
    state.add_paragraph("preambular", raw.block, None)
    return True


def other(state: ParseState, raw: RawBlock) -> bool:
    """Any other block (a declaration's text, a fragment, text after the numbering)."""
    state.add_paragraph("other", raw.block, None)
    return True


@dataclass(frozen=True)
class Layout:
    """How one family of texts is printed: its rules in order, and its item labels."""

    name: str
    rules: tuple[Rule, ...]
    item: re.Pattern[str]
    annex_rules: tuple[Rule, ...] = ANNEX_RULES

    def with_rule_before(self, rule: Rule, before: Rule) -> Layout:
        rules = list(self.rules)
        rules.insert(rules.index(before), rule)
        return replace(self, name=f"{self.name}+{rule.__name__}", rules=tuple(rules))


BODY_RULES: tuple[Rule, ...] = (
    annex_heading,
    markdown_section,
    section_with_heading,
    roman_section,
    operative,
    item,
    preambular,
    other,
)
FRENCH_ITEM = re.compile(r"^(?:(?P<label>[a-z])\)|\((?P<paren>[a-z])\))\s+(?=\S)")
ENGLISH_ITEM = re.compile(r"^\((?P<paren>[a-z])\)\s+(?=\S)")
LAYOUTS = {
    # French UN texts (Assemblée générale, ECOSOC, CND) and OSCE decisions share the
    # grammar; OSCE declarations ("1. Nous, Ministres…") have no author clause and fall
    # to operative/other.  Items: "a)" in French copies, "(a)" in English ones.
    "fr": Layout("fr", BODY_RULES, FRENCH_ITEM),
    "en": Layout("en", BODY_RULES, ENGLISH_ITEM),
}


OCR_LAYOUTS = {
    lang: layout.with_rule_before(ocr_operative, operative) for lang, layout in LAYOUTS.items()
}
"""A scan's layouts: a paragraph number read as a letter is taken too (made once, not
for every scanned text)."""


def layout_for(lang: str, source_format: str) -> Layout:
    return OCR_LAYOUTS[lang] if source_format == "ocr" else LAYOUTS[lang]


def parse_text(
    blocks: list[RawBlock], layout: Layout, source_format: str, lang: Language
) -> ParsedText:
    """One text's structure: heading, author clause, body by the layout's rules, closing."""
    author_index = next(
        (
            index
            for index, raw in enumerate(blocks[:15])
            if not raw.heading_level and AUTHOR.match(raw.text) and AUTHOR_BODY.search(raw.text)
        ),
        None,
    )
    if author_index is not None:
        heading = [raw.block for raw in blocks[:author_index]]
        body_start = author_index + 1
        author: Block | None = blocks[author_index].block
    else:
        count = 0
        while count < len(blocks) and _is_heading_like(blocks[count]):
            count += 1
        heading = [raw.block for raw in blocks[:count]]
        body_start = count
        author = None
    closing: Block | None = None
    body = list(blocks[body_start:])
    if body and CLOSING.match(body[-1].text):
        closing = body.pop().block
    else:
        # A closing formula followed by more text: an annex (a convention) is printed
        # after the resolution; its paragraphs follow the closing's line.
        at = next(
            (
                index
                for index, raw in enumerate(body)
                if len(raw.text) < 80 and CLOSING.match(raw.text)
            ),
            None,
        )
        if at is not None:
            closing = body.pop(at).block
    state = ParseState(blocks=body, layout=layout, source_format=source_format)
    state.has_author = author is not None
    while state.index < len(body):
        raw = body[state.index]
        state.index += 1
        # ``other`` (``annex_paragraph`` in an annex) accepts any block, so some rule
        # always takes it.
        rules = layout.annex_rules if state.annexes else layout.rules
        for rule in rules:
            if rule(state, raw):
                break
    first_text = next((raw.text for raw in body), "")
    fragment = not heading and author is None and first_text[:1].islower()
    last = state.paragraphs[-1] if state.paragraphs else None
    last_text = (last.items[-1].text if last and last.items else last.text) if last else ""
    incomplete = closing is None and bool(last_text) and not ENDS_SENTENCE.search(last_text)
    return ParsedText(
        heading=tuple(heading),
        author=author,
        paragraphs=tuple(state.paragraphs),
        sections=tuple(state.sections),
        closing=closing,
        fragment=fragment,
        incomplete=incomplete,
        details=header_details(heading),
        corrections=tuple(state.corrections),
        lang=lang,
        annexes=build_annexes(state.annexes),
    )


def attach_footnotes(
    texts: Sequence[ParsedText], notes: dict[str, Block], path: str
) -> list[tuple[Footnote, ...]]:
    """Give each text the notes it cites, with every citing block, and check that each
    cited note exists.  A note cited by no text stays with the text where it is printed."""
    per_text: list[dict[str, list[str]]] = [{} for _ in texts]
    first_citer: dict[str, int] = {}
    owner_by_line = _Owners(texts)
    for position, text in enumerate(texts):
        for anchor, block in text.blocks():
            for mark in block.notes:
                if mark.number not in notes:
                    raise SourceError(
                        path, mark.line, f"note {mark.number} is cited here but its text is missing"
                    )
                per_text[position].setdefault(mark.number, []).append(anchor)
                first_citer.setdefault(mark.number, position)
    result: list[tuple[Footnote, ...]] = []
    for position in range(len(texts)):
        footnotes = []
        for number, block in notes.items():
            owner = first_citer.get(number)
            if owner is None:
                owner = owner_by_line(block.line)
            if owner == position or number in per_text[position]:
                footnotes.append(
                    Footnote(
                        number=number,
                        text=block,
                        refs=tuple(per_text[position].get(number, ())),
                    )
                )
        result.append(tuple(footnotes))
    return result


def first_line_of(text: ParsedText) -> int | None:
    """The first line a text's heading, author clause or paragraphs come from."""
    return min(
        [block.line for block in text.heading]
        + [paragraph.line for paragraph in text.paragraphs]
        + ([text.author.line] if text.author else []),
        default=None,
    )


class _Owners:
    """Which text holds a line: each text's first line found once (finding it again for
    every note, removal and detail read all the paragraphs each time)."""

    def __init__(self, texts: Sequence[ParsedText]) -> None:
        self.firsts = [first_line_of(text) for text in texts]

    def __call__(self, line: int) -> int:
        """The text whose lines hold ``line`` (the first one, before any text starts)."""
        owner = 0
        for position, first in enumerate(self.firsts):
            if first is not None and first <= line:
                owner = position
        return owner


def text_language(entry: dict[str, Any], blocks: Sequence[RawBlock]) -> Language:
    """The declared language, else the one the words say, else French."""
    declared = entry.get("lang")
    if declared in ("fr", "en"):
        return declared  # type: ignore[no-any-return]
    # A few pages tell the language as surely as the whole text.
    return detect_language(" ".join(raw.text for raw in blocks[:30])[:6_000]) or "fr"


def placed_correction(
    correction: Correction, text: ParsedText, placed: set[int] | None = None
) -> Correction:
    """A reader's correction with the offsets of the span its block holds now: cutting
    a paragraph's number or an item's label off (``strip_prefix``) moved the block's
    spans, not the copy the reader listed.  Reader corrections are few (a quote read
    as a note mark), so the blocks are searched for each.  ``placed`` holds the spans
    (by ``id``) already given to earlier corrections: two alike on one line (a flattened
    copy holds a whole text on a line) each get their own span, in reading order."""
    for _, block in text.blocks():
        for span in block.spans:
            if (
                isinstance(span, Correction)
                and span.line == correction.line
                and span.original == correction.original
                and span.replacement == correction.replacement
                and span.reason == correction.reason
                and (placed is None or id(span) not in placed)
            ):
                if placed is not None:
                    placed.add(id(span))
                return span
    return correction


def parse_structure(
    flow: Flow, entries: Sequence[dict[str, Any]], source_format: str, path: str
) -> list[ParsedText]:
    """The structure of every text of a file."""
    runs = split_texts(flow, entries, path)
    texts = []
    for entry, run in zip(entries, runs, strict=True):
        lang = text_language(entry, run)
        texts.append(parse_text(run, layout_for(lang, source_format), source_format, lang))
    footnotes = attach_footnotes(texts, flow.notes, path)
    owner_by_line = _Owners(texts)
    # What the reader found goes with the text whose lines hold it: corrections (a note
    # mark read from a quote), furniture removed, the cover block's details.
    corrections: list[list[Correction]] = [list(text.corrections) for text in texts]
    removals: list[list[Removal]] = [[] for _ in texts]
    details: list[dict[str, str]] = [dict(text.details) for text in texts]
    detail_lines: list[list[tuple[str, int]]] = [[] for _ in texts]
    placed: set[int] = set()
    for correction in flow.corrections:
        owner = owner_by_line(correction.line)
        corrections[owner].append(placed_correction(correction, texts[owner], placed))
    for removal in flow.removals:
        removals[owner_by_line(removal.line)].append(removal)
    for detail in flow.details:
        owner = owner_by_line(detail.line)
        if detail.name not in details[owner]:
            details[owner][detail.name] = detail.value
            detail_lines[owner].append((detail.name, detail.line))
    return [
        replace(
            text,
            footnotes=footnotes[position],
            corrections=tuple(corrections[position]),
            removals=tuple(removals[position]),
            details=tuple(details[position].items()),
            detail_lines=tuple(detail_lines[position]),
        )
        for position, text in enumerate(texts)
    ]


__all__ = ["LAYOUTS", "Layout", "ParseState", "ParsedText", "parse_structure", "strip_prefix"]
