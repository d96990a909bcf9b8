"""Reader for text pulled out of a PDF (``pdf-text``), and the line-based part of OCR.

Grammar of the raw text, line by line::

    page       = body-line* [ rule note-block ]
    rule       = "____…" (three or more underscores, alone on the line)
    note-block = note-start (note-start | note-continuation | blank)*
    note-start = number spaces text     ; number = the next note in sequence
    note-continuation = any line, while the current note has not ended with a period

Body lines are grouped into blocks: a blank line ends a block, and so does a line that
starts with indentation after a line that ended a clause (``,`` ``;`` ``.`` ``:``), since
PDF extraction often drops the blank line between paragraphs but keeps the indent.

Note numbers are glued to the words they follow (``Millénaire1``, ``de 20052`` for
2005 + note 2, ``19729`` for 1972 + note 9).  Only numbers of notes that exist are
candidates, and the sequence decides: a note is first cited in order (1, 2, 3…), so a
candidate is a mark if it is the next note not yet cited, or a note cited before.
``pour 2008``, ``61/183``, ``vol. 976`` never qualify.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..load import Line
from ..model import Block, NoteMark
from .base import Flow, RawBlock, TextBuilder, join_cut_paragraphs

RULE = re.compile(r"^\s*_{3,}\s*$")
NOTE_START = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?P<text>\S.*)$")
NOTE_ENDED = re.compile(r"[.)»]\s*$")
CLAUSE_END = re.compile(r"[,;.:]\s*$")
ROMAN_LINE = re.compile(r"^\s*[IVXL]+\s*$")
ITEM_START = re.compile(r"^\s*[a-z]\)\s")

# A word followed by a glued note number, or a year followed by one.
GLUED_TO_WORD = re.compile(
    r"""(?x)
    (?<![\w/.\-])                       # a whole token: not inside a symbol like A/58/124
    (?P<stem>[^\W\d_][^\W\d_’'\-]*[^\W\d_])   # two or more letters
    (?P<number>\d{1,3})
    (?=[\s,;:.)»]|$)
    """
)
GLUED_TO_YEAR = re.compile(
    r"""(?x)
    (?<![\w/.\-])
    (?P<stem>1[89]\d\d|20\d\d)          # a year
    (?P<number>\d{1,3})
    (?=[\s,;:.)»]|$)
    """
)


def split_pages(
    lines: Sequence[Line],
) -> tuple[list[tuple[Line, bool]], dict[str, list[Line]], list[str]]:
    """Separate body lines from the note blocks at page feet.

    Returns the body lines, each flagged True when it is the first line after a page's
    note block; the notes (number → their lines); and the numbers in order."""
    body: list[tuple[Line, bool]] = []
    notes: dict[str, list[Line]] = {}
    order: list[str] = []
    index = 0
    after_break = False
    while index < len(lines):
        line = lines[index]
        if not RULE.match(line.text):
            body.append((line, after_break and bool(line.text.strip())))
            if line.text.strip():
                after_break = False
            index += 1
            continue
        # A rule: read the note block that follows.
        index += 1
        current: str | None = None
        while index < len(lines):
            line = lines[index]
            text = line.text
            if not text.strip():
                index += 1
                continue
            start = NOTE_START.match(text)
            expected = str(int(order[-1]) + 1) if order else None
            if start and (expected is None or start["number"] == expected):
                current = start["number"]
                order.append(current)
                notes[current] = [Line(line.number, start["text"])]
                index += 1
                continue
            if current is not None and not NOTE_ENDED.search(notes[current][-1].text):
                notes[current].append(line)
                index += 1
                continue
            break
        after_break = True
    return body, notes, order


def group_blocks(body: Sequence[tuple[Line, bool]]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    builder: TextBuilder | None = None
    previous_text = ""
    after_break = False

    def close() -> None:
        nonlocal builder
        if builder is not None and builder.length:
            blocks.append(RawBlock(block=builder.build(), after_break=after_break))
        builder = None

    for line, breaks in body:
        text = line.text
        if not text.strip():
            close()
            previous_text = ""
            continue
        indented = text[:1].isspace()
        starts_new = (
            builder is None
            or ROMAN_LINE.match(text)
            or ROMAN_LINE.match(previous_text)
            or ITEM_START.match(text)
            or (indented and CLAUSE_END.search(previous_text))
        )
        if starts_new:
            close()
            builder = TextBuilder(line.number)
            after_break = breaks
        assert builder is not None
        builder.space()
        builder.add(text, line.number)
        previous_text = text
    close()
    return blocks


def build_notes(notes: dict[str, list[Line]]) -> dict[str, Block]:
    built: dict[str, Block] = {}
    for number, lines in notes.items():
        builder = TextBuilder(lines[0].number)
        for line in lines:
            builder.space()
            builder.add(line.text, line.number)
        built[number] = builder.build()
    return built


def find_glued_marks(
    blocks: list[RawBlock], note_order: list[str], already_cited: frozenset[str] = frozenset()
) -> list[RawBlock]:
    """Take glued note numbers off the words, in reading order, by the sequence rule."""
    if not note_order:
        return blocks
    defined = set(note_order)
    cited: set[str] = set(already_cited)
    # index in note_order of the next note not yet cited
    position = next(
        (index for index, number in enumerate(note_order) if number not in cited), len(note_order)
    )
    result: list[RawBlock] = []
    for raw in blocks:
        block = raw.block
        pieces: list[tuple[int, int, str]] = []  # (start of number, end, number)
        candidates = sorted(
            [m for m in GLUED_TO_WORD.finditer(block.text)]
            + [m for m in GLUED_TO_YEAR.finditer(block.text)],
            key=lambda match: match.start(),
        )
        for match in candidates:
            number = match["number"]
            if number not in defined:
                continue
            is_next = position < len(note_order) and note_order[position] == number
            if is_next:
                cited.add(number)
                while position < len(note_order) and note_order[position] in cited:
                    position += 1
            elif number not in cited:
                continue
            pieces.append((match.start("number"), match.end("number"), number))
        if pieces:
            block = _remove_marks(block, pieces)
        result.append(
            RawBlock(
                block=block,
                heading_level=raw.heading_level,
                list_number=raw.list_number,
                after_break=raw.after_break,
            )
        )
    return result


def _remove_marks(block: Block, pieces: list[tuple[int, int, str]]) -> Block:
    """Cut the digits out of the text and put a NoteMark where they were."""
    text = block.text
    new_text: list[str] = []
    marks: list[NoteMark] = list(block.notes)
    removed = 0
    cursor = 0
    cuts: list[tuple[int, int]] = []
    for start, end, number in pieces:
        new_text.append(text[cursor:start])
        marks.append(NoteMark(start - removed, number, block.line_at(start)))
        cuts.append((start, end - start))
        removed += end - start
        cursor = end
    new_text.append(text[cursor:])

    def moved(offset: int) -> int:
        return offset - sum(length for start, length in cuts if start < offset)

    return Block(
        text="".join(new_text),
        line=block.line,
        lines=tuple((moved(offset), line) for offset, line in block.lines),
        notes=tuple(sorted(marks, key=lambda mark: mark.offset)),
        spans=block.spans,
    )


def read_pdf_text(lines: Sequence[Line]) -> Flow:
    body, raw_notes, order = split_pages(lines)
    blocks = join_cut_paragraphs(group_blocks(body))
    notes = build_notes(raw_notes)
    return Flow(blocks=find_glued_marks(blocks, order), notes=notes)
