"""Reader for the OCR of a scanned page (``ocr``).

The OCR is read like PDF text (same blocks, same page-foot rules, same glued numbers),
with what scans add:

- a note printed at the foot of a page with no rule above it: a line ``1 Comprend …``
  (a number, spaces, a capital — no period, so not a paragraph number) whose number is
  the next note; the note runs until a line ends its sentence;
- the superscript note mark read as a quote glued between two words
  (``DECLARATION‘SUR``): it becomes the mark of the next note not yet cited, and the
  quote a space, a correction made by ``corrections.correct_block`` (marked on the page
  like every other).

Words are kept exactly as scanned: word-level repair is the ``ocr_repair`` stage's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..corrections import Correction, Edit, correct_block
from ..load import Line
from ..model import NoteMark
from .base import Flow, RawBlock, join_cut_paragraphs
from .furniture import strip_furniture
from .pdf_text import build_notes, find_glued_marks, split_pages
from .segment import segment

BARE_NOTE = re.compile(r"^\s*(?P<number>\d{1,3})\s+(?P<text>[A-ZÀ-Þ].*)$")
SENTENCE_END = re.compile(r"[.)»]\s*$")
QUOTE_MARK = re.compile(r"[‘`´](?<=[^\W\d_][‘`´])(?=[^\W\d_])")
"""A quote between two letters.  The pattern opens on the quote (the engine skips to it
at C speed), its look-behind after it: opening on the look-behind, it was tried at every
position of every block."""


def _lift_bare_notes(lines: Sequence[Line]) -> tuple[list[Line], dict[str, list[Line]]]:
    """Take notes printed without a rule out of the body lines."""
    body: list[Line] = []
    notes: dict[str, list[Line]] = {}
    current: str | None = None
    for line in lines:
        match = BARE_NOTE.match(line.text)
        expected = str(len(notes) + 1)
        if current is None and match and match["number"] == expected:
            current = match["number"]
            notes[current] = [Line(line.number, match["text"])]
            if SENTENCE_END.search(line.text):
                current = None
            continue
        if current is not None:
            notes[current].append(line)
            if SENTENCE_END.search(line.text):
                current = None
            continue
        body.append(line)
    return body, notes


def read_ocr(lines: Sequence[Line], symbols: Sequence[str] = ()) -> Flow:
    furnished = strip_furniture(lines, symbols)
    body_lines, bare_notes = _lift_bare_notes(furnished.lines)
    body, ruled_notes, ruled_order = split_pages(body_lines)
    notes_raw = {**bare_notes, **ruled_notes}
    order = list(bare_notes) + [number for number in ruled_order if number not in bare_notes]
    # A bare note interrupts the text where the page ended: the next block may continue
    # the previous paragraph, which join_cut_paragraphs handles.
    body = [(line, breaks or line.number in furnished.resumes) for line, breaks in body]
    blocks = join_cut_paragraphs(segment(body, ocr=True))
    corrections: list[Correction] = []
    cited: set[str] = set()
    marked: list[RawBlock] = []
    for raw in blocks:
        block = raw.block
        match = QUOTE_MARK.search(block.text)
        uncited = [number for number in order if number not in cited]
        if match and uncited:
            number = uncited[0]
            cited.add(number)
            offset = match.start()
            line = block.line_at(offset)
            # The correction names the whole word, which is what a reader recognises.
            word_start = block.text.rfind(" ", 0, offset) + 1
            word_end = block.text.find(" ", offset)
            word_end = len(block.text) if word_end < 0 else word_end
            word = block.text[word_start:word_end]
            split = offset - word_start
            edit = Edit(
                start=word_start,
                end=word_end,
                replacement=f"{word[:split]} {word[split + 1 :]}",
                reason=f"« {match.group()} » lu comme l’appel de la note {number}",
                confidence=1.0,
                line=line,
            )
            block, made = correct_block(block, [edit])
            corrections.extend(made)
            # The quote became a space of the same length: the mark sits where it was.
            marks = (*block.notes, NoteMark(offset, number, line))
            block = replace(block, notes=tuple(sorted(marks, key=lambda mark: mark.offset)))
        marked.append(RawBlock(block, raw.heading_level, raw.list_number, raw.after_break))
    marked = find_glued_marks(marked, order, frozenset(cited))
    return Flow(
        blocks=marked,
        notes=build_notes(notes_raw),
        corrections=corrections,
        removals=list(furnished.removals),
        details=list(furnished.details),
    )
