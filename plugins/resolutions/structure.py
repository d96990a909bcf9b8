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
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from . import ids
from .errors import SourceError
from .model import (
    Block,
    Correction,
    Document,
    Emphasis,
    Footnote,
    Item,
    NoteMark,
    Paragraph,
    Section,
    Span,
)
from .readers.base import Flow, RawBlock

AUTHOR = re.compile(
    r"^(?:L['’]\s?|Le |La |Les |The )[^,;.:]{2,80}?(?:\s?[,:])?$"
)
"""The author clause: "L'Assemblée générale,", "Le Conseil économique et social :",
"L'Assemblée générale" (no comma), "The General Assembly,"."""
AUTHOR_BODY = re.compile(
    r"Assemblée|Conseil|Commission|Conférence|Ministres|Assembly|Council|Conference|Commission"
)
NUMBER = re.compile(r"^(?P<number>\d{1,3}|[SOlIBZG])(?P<punct>[.)])?\s+(?=\S)")
OCR_DIGITS = {"S": "5", "O": "0", "l": "1", "I": "1", "B": "8", "Z": "2", "G": "6"}
ITEM = re.compile(r"^(?:(?P<label>[a-z])\)|\((?P<paren>[a-z])\))\s+(?=\S)")
ROMAN = re.compile(r"^(?P<number>[IVXL]+)$")
ROMAN_HEADING = re.compile(r"^(?P<number>[IVXL]+)\.?\s+(?P<heading>\S.*)$")
CLOSING = re.compile(
    r"^\d+\s?(?:e|re|ème|st|nd|rd|th)\s+(?:séance\s+plénière|plenary\s+meeting)\b", re.I
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
    return replace(
        block,
        text=block.text[length:],
        lines=tuple((moved(offset), line) for offset, line in block.lines),
        notes=tuple(replace(mark, offset=moved(mark.offset)) for mark in block.notes),
        spans=tuple(spans),
    )


def find_lead(block: Block) -> str:
    """The leading verb phrase of a paragraph: the printed italics when the source has
    them, otherwise the verb with the adverbs that go with it."""
    text = block.text
    for span in block.spans:
        if isinstance(span, Emphasis) and span.start == 0 and span.end > 0:
            return text[: span.end].rstrip(" ,;:")
    words = re.findall(r"\S+", text)
    if not words or not words[0][:1].isupper() or words[0] in ("Nous", "Nous,"):
        return ""
    # An adverb or a reflexive pronoun opens the phrase: the participle follows it
    # ("Vivement préoccupée", "Se félicitant", "S’inquiétant").
    opener = words[0].lower().rstrip(",")
    opens = opener in LEAD_OPENERS or opener.startswith(("s’", "s'"))
    taken = 2 if opens and len(words) > 1 else 1
    while taken < len(words):
        rest = " ".join(words[taken:]).lower()
        phrase = next((p for p in LEAD_PHRASES if rest.startswith(p + " ") or rest == p), None)
        if phrase:
            taken += len(phrase.split())
            continue
        if words[taken].lower() in LEAD_WORDS:
            taken += 1
            continue
        break
    lead_words = words[:taken]
    if any(word[-1:] in ",;:" for word in lead_words[:-1]):
        lead_words = lead_words[: next(i for i, w in enumerate(lead_words) if w[-1:] in ",;:") + 1]
    lead = " ".join(lead_words).rstrip(",;:")
    return lead if text.startswith(lead) else words[0].rstrip(",;:")


def _is_heading_like(raw: RawBlock) -> bool:
    letters = [char for char in raw.text if char.isalpha()]
    capitals = sum(1 for char in letters if char.isupper())
    return raw.heading_level > 0 or (bool(letters) and capitals / len(letters) > 0.6)


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
            if (raw.heading_level or len(raw.text) < 120) and re.search(
                rf"(?<![\w/]){re.escape(marker)}(?![\w/])", raw.text
            ):
                found = index
                break
        if found is None:
            raise SourceError(
                path, 2, f"cannot find where the text '{entry['slug']}' begins ('{marker}')"
            )
        starts.append(found)
    starts.append(len(flow.blocks))
    return [flow.blocks[starts[index] : starts[index + 1]] for index in range(len(entries))]


def header_details(heading: Sequence[Block]) -> tuple[tuple[str, str], ...]:
    """Metadata printed in a UN heading block (session, agenda item, draft symbol)."""
    details: list[tuple[str, str]] = []
    texts = [block.text for block in heading]
    for index, text in enumerate(texts):
        if re.search(r"\bsession$", text, re.I) and len(text) < 60:
            details.append(("session", text))
        elif match := re.match(r"^Point (\S+) de l['’]ordre du jour$", text):
            details.append(("agenda_item", match[1]))
            if index + 1 < len(texts) and not re.match(r"^Résolution", texts[index + 1]):
                details.append(("agenda_title", texts[index + 1]))
        elif match := re.match(r"^Distr\. (\S+) (.+)$", text):
            details.append(("distribution", f"{match[1]}, {match[2]}"))
        elif match := re.search(r"\((?P<symbol>[A-Z]+/\d+/L\.\d+(?:/\S+)?)\)\]?$", text):
            details.append(("draft_symbol", match["symbol"]))
            if "renvoi" in text or "commission" in text.lower():
                details.append(("committee", text.strip("[]")))
        elif re.match(r"^Résolution adoptée par", text):
            details.append(("adoption", text))
    return tuple(details)


class _TextParser:
    """Parses one text's blocks into a Document (one instance per text)."""

    def __init__(self, blocks: list[RawBlock], source_format: str, path: str) -> None:
        self.blocks = blocks
        self.format = source_format
        self.path = path
        self.corrections: list[Correction] = []
        self.paragraphs: list[Paragraph] = []
        self.sections: list[Section] = []
        self.section: str | None = None
        self.last_number = 0
        self.counts = {"preambular": 0, "other": 0}
        self.section_opened = False
        """A section heading was just read: its first paragraph may restart at 1."""

    def number_of(self, raw: RawBlock) -> tuple[str | None, int]:
        """(printed number, length of the prefix to strip) if ``raw`` opens with the
        next paragraph number in sequence."""
        expected = str(self.last_number + 1)
        restart = self.section_opened
        if raw.list_number is not None:
            # A Markdown list item carries its printed number; a gap is the check's to report.
            return raw.list_number, 0
        match = NUMBER.match(raw.text)
        if not match:
            return None, 0
        printed = match["number"]
        if printed.isdigit():
            if printed != expected and not (restart and printed == "1"):
                return None, 0
            if match["punct"] is None and not self.last_number:
                return None, 0
            return printed, match.end()
        if self.format == "ocr" and match["punct"] == "." and OCR_DIGITS[printed] == expected:
            self.corrections.append(
                Correction(
                    start=0,
                    end=len(printed),
                    original=f"{printed}.",
                    replacement=f"{expected}.",
                    reason=(
                        f"numéro de paragraphe « {printed}. » lu « {expected}. » (suite 1, 2, 3…)"
                    ),
                    confidence=0.99,
                    line=raw.line,
                )
            )
            return expected, match.end()
        return None, 0

    def add_paragraph(self, kind: str, block: Block, number: str | None) -> None:
        if kind == "operative":
            assert number is not None
            anchor = ids.operative(number)
        else:
            self.counts[kind] += 1
            make = ids.preambular if kind == "preambular" else ids.other
            anchor = make(self.counts[kind])
        lead = find_lead(block) if kind != "other" else ""
        self.paragraphs.append(
            Paragraph(
                text=block.text,
                line=block.line,
                lines=block.lines,
                notes=block.notes,
                spans=block.spans,
                id=anchor,
                kind=kind,  # type: ignore[arg-type]
                number=number,
                section=self.section,
                lead=lead,
            )
        )

    def add_item(self, raw: RawBlock, label: str, length: int) -> bool:
        if not self.paragraphs:
            return False
        parent = self.paragraphs[-1]
        block = strip_prefix(raw.block, length)
        item = Item(
            text=block.text,
            line=block.line,
            lines=block.lines,
            notes=block.notes,
            spans=block.spans,
            id=ids.item(parent.id, label),
            label=label,
        )
        self.paragraphs[-1] = replace(parent, items=(*parent.items, item))
        return True

    def next_roman(self) -> str:
        numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        return numerals[min(len(self.sections), len(numerals) - 1)]

    def open_section(self, number: str, heading: Block) -> None:
        self.section = number
        self.section_opened = True
        self.sections.append(Section(id=ids.section(number), number=number, heading=heading))

    def parse(self) -> dict[str, Any]:
        blocks = self.blocks
        author_index = next(
            (
                index
                for index, raw in enumerate(blocks[:15])
                if not raw.heading_level
                and AUTHOR.match(raw.text)
                and AUTHOR_BODY.search(raw.text)
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
        index = 0
        while index < len(body):
            raw = body[index]
            index += 1
            roman_heading = ROMAN_HEADING.match(raw.text)
            if (
                not raw.heading_level
                and roman_heading
                and roman_heading["number"] == self.next_roman()
                and self.number_of(raw)[0] is None
                and len(raw.text) < 200
                and not ENDS_SENTENCE.search(raw.text)
            ):
                # "II Coopération internationale" run together by a flattened copy.
                self.open_section(
                    roman_heading["number"],
                    strip_prefix(raw.block, roman_heading.start("heading")),
                )
                continue
            if raw.heading_level:
                match = ROMAN_HEADING.match(raw.text)
                if match:
                    heading_block = strip_prefix(raw.block, match.start("heading"))
                    self.open_section(match["number"], heading_block)
                    continue
            roman = ROMAN.match(raw.text)
            if roman:
                following = body[index] if index < len(body) else None
                if (
                    following is not None
                    and self.number_of(following)[0] is None
                    and not ITEM.match(following.text)
                ):
                    self.open_section(roman["number"], following.block)
                    index += 1
                else:
                    self.open_section(roman["number"], Block(text="", line=raw.line))
                continue
            number, length = self.number_of(raw)
            if number is not None:
                self.last_number = int(number)
                self.section_opened = False
                self.add_paragraph("operative", strip_prefix(raw.block, length), number)
                continue
            item = ITEM.match(raw.text)
            label = (f"{item['label']})" if item["label"] else f"({item['paren']})") if item else ""
            if item and self.add_item(raw, label, item.end()):
                continue
            if author is not None and not self.last_number:
                self.add_paragraph("preambular", raw.block, None)
            else:
                self.add_paragraph("other", raw.block, None)
        first_text = next((raw.text for raw in body), "")
        fragment = not heading and author is None and first_text[:1].islower()
        last = self.paragraphs[-1] if self.paragraphs else None
        last_text = (last.items[-1].text if last and last.items else last.text) if last else ""
        incomplete = closing is None and bool(last_text) and not ENDS_SENTENCE.search(last_text)
        return {
            "heading": tuple(heading),
            "author": author,
            "paragraphs": tuple(self.paragraphs),
            "sections": tuple(self.sections),
            "closing": closing,
            "fragment": fragment,
            "incomplete": incomplete,
            "details": header_details(heading),
            "corrections": tuple(self.corrections),
        }


def attach_footnotes(
    documents: list[dict[str, Any]], notes: dict[str, Block], path: str
) -> list[tuple[Footnote, ...]]:
    """Give each text the notes it cites, with every citing block, and check that each
    cited note exists.  A note cited by no text stays with the text where it is printed."""
    per_document: list[dict[str, list[str]]] = [{} for _ in documents]
    first_citer: dict[str, int] = {}
    for position, parts in enumerate(documents):
        document = Document(
            slug="",
            symbol="",
            title="",
            body="",
            type="",
            date="",
            source="",
            format="pdf-text",
            source_path=path,
            line=0,
            heading=parts["heading"],
            author=parts["author"],
            paragraphs=parts["paragraphs"],
            sections=parts["sections"],
            closing=parts["closing"],
        )
        for anchor, block in document.blocks():
            for mark in block.notes:
                if mark.number not in notes:
                    raise SourceError(
                        path, mark.line, f"note {mark.number} is cited here but its text is missing"
                    )
                per_document[position].setdefault(mark.number, []).append(anchor)
                first_citer.setdefault(mark.number, position)
    result: list[tuple[Footnote, ...]] = []
    for position in range(len(documents)):
        footnotes = []
        for number, block in notes.items():
            owner = first_citer.get(number)
            if owner is None:
                owner = _owner_by_line(documents, block.line)
            if owner == position or number in per_document[position]:
                footnotes.append(
                    Footnote(
                        number=number,
                        text=block,
                        refs=tuple(per_document[position].get(number, ())),
                    )
                )
        result.append(tuple(footnotes))
    return result


def _owner_by_line(documents: list[dict[str, Any]], line: int) -> int:
    owner = 0
    for position, parts in enumerate(documents):
        first = min(
            [block.line for block in parts["heading"]]
            + [paragraph.line for paragraph in parts["paragraphs"]]
            + ([parts["author"].line] if parts["author"] else []),
            default=None,
        )
        if first is not None and first <= line:
            owner = position
    return owner


def parse_structure(
    flow: Flow, entries: Sequence[dict[str, Any]], source_format: str, path: str
) -> list[dict[str, Any]]:
    """The structure of every text of a file, as keyword arguments for ``Document``."""
    runs = split_texts(flow, entries, path)
    parts = [_TextParser(run, source_format, path).parse() for run in runs]
    footnotes = attach_footnotes(parts, flow.notes, path)
    for position, part in enumerate(parts):
        part["footnotes"] = footnotes[position]
    # Corrections the reader made (a note mark read from a quote) go with the text
    # whose lines hold them.
    for correction in flow.corrections:
        owner = _owner_by_line(parts, correction.line)
        parts[owner]["corrections"] = (*parts[owner]["corrections"], correction)
    for part in parts:
        part["removals"] = ()
        part["detail_lines"] = ()
    for detail in flow.details:
        part = parts[_owner_by_line(parts, detail.line)]
        if detail.name not in dict(part["details"]):
            part["details"] = (*part["details"], (detail.name, detail.value))
            part["detail_lines"] = (*part["detail_lines"], (detail.name, detail.line))
    for removal in flow.removals:
        owner = _owner_by_line(parts, removal.line)
        parts[owner]["removals"] = (*parts[owner]["removals"], removal)
    return parts


__all__ = ["NoteMark", "parse_structure", "strip_prefix"]
