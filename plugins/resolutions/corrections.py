"""Corrections: the one way the converter changes a word of a source, and records it.

The words of a source reach the page unchanged (the fidelity guarantee), with three
exceptions, all made here and all recorded as a ``model.Correction``:

- a text correction (``correct_block``, ``correct_document``): ``text[start:end]``
  becomes a replacement.  The OCR reader reads a quote as a note mark
  (``DECLARATION‘SUR``), the OCR repair changes a misread word (``étrangéres``), an
  editor makes a correction of their own.  The block's text is changed, its note marks,
  spans, line offsets and lead follow the text, and the correction is a stand-off span
  over the new words (the page marks it, with the source's reading in a tooltip);
- a label correction (``label_correction``, a ``model.LabelCorrection``): the
  paragraph number a scan printed ``S.`` is read as ``5.``.  The number is the
  paragraph's label, not part of its text, so the correction spans the label as printed
  (``[0, len(original))``) and is held by the document only.

Every correction also goes into ``Document.corrections`` (the JSON's list, the page's
count and ``resolutions report``), in the order they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .model import Block, Correction, Document, LabelCorrection

__all__ = [
    "OCR_DIGITS",
    "Correction",
    "Edit",
    "LabelCorrection",
    "correct_block",
    "correct_document",
    "label_correction",
]


OCR_DIGITS = {"S": "5", "O": "0", "l": "1", "I": "1", "B": "8", "Z": "2", "G": "6"}
"""The letters a scan reads for a digit: in a scanned text, a paragraph number printed
with one (``S.``) is read as that digit when it is the next number in sequence, by a
``label_correction``."""
OCR_DIGIT_LETTERS = "".join(OCR_DIGITS)


@dataclass(frozen=True)
class Edit:
    """A correction to make: ``text[start:end]`` of a block becomes ``replacement``.

    ``line`` is the source line where the words corrected start, ``reason`` says why
    (in French for readers, or the repair's own class name), ``confidence`` how sure."""

    start: int
    end: int
    replacement: str
    reason: str
    confidence: float
    line: int


def label_correction(
    original: str, replacement: str, reason: str, confidence: float, line: int
) -> LabelCorrection:
    """A block's printed label (a paragraph number) read as another: recorded, never a
    span of the block's text, which does not hold its label."""
    return LabelCorrection(
        start=0,
        end=len(original),
        original=original,
        replacement=replacement,
        reason=reason,
        confidence=confidence,
        line=line,
    )


def _offset_map(edits: Sequence[tuple[int, int, int]]) -> Callable[[int, bool], int]:
    """Maps an offset of the old text to the new one; ``edits`` are sorted, disjoint
    ``(start, end, new length)``.  An offset inside an edit goes to its new end when
    ``inside_to_end`` (an end, a note mark, a line start) and to its start otherwise."""

    def shift(offset: int, inside_to_end: bool) -> int:
        delta = 0
        for start, end, new_length in edits:
            if offset <= start:
                break
            if offset >= end:
                delta += new_length - (end - start)
                continue
            return start + delta + (new_length if inside_to_end else 0)
        return offset + delta

    return shift


def correct_block(block: Block, edits: Sequence[Edit]) -> tuple[Block, list[Correction]]:
    """``block`` with each of ``edits`` (disjoint) made: the new text, its note marks,
    spans, line offsets and lead moved with it, and each edit a ``Correction`` span over
    its replacement, recording what the source printed there.  Also returns the
    corrections, in text order, for the document's list."""
    edits = sorted(edits, key=lambda edit: edit.start)
    shift = _offset_map([(edit.start, edit.end, len(edit.replacement)) for edit in edits])
    pieces, cursor = [], 0
    for edit in edits:
        pieces += [block.text[cursor : edit.start], edit.replacement]
        cursor = edit.end
    pieces.append(block.text[cursor:])
    text = "".join(pieces)
    corrections = []
    for edit in edits:
        start = shift(edit.start, False)
        corrections.append(
            Correction(
                start=start,
                end=start + len(edit.replacement),
                original=block.text[edit.start : edit.end],
                replacement=edit.replacement,
                reason=edit.reason,
                confidence=edit.confidence,
                line=edit.line,
            )
        )
    spans = [
        replace(span, start=shift(span.start, False), end=shift(span.end, True))
        for span in block.spans
    ]
    changes: dict[str, Any] = {
        "text": text,
        "lines": tuple((shift(offset, True), line) for offset, line in block.lines),
        "notes": tuple(replace(mark, offset=shift(mark.offset, True)) for mark in block.notes),
        "spans": tuple(sorted([*spans, *corrections], key=lambda span: (span.start, span.end))),
    }
    lead = getattr(block, "lead", "")
    if lead and block.text.startswith(lead):
        changes["lead"] = text[: shift(len(lead), True)]
    return replace(block, **changes), corrections


def correct_document(document: Document, edits: Mapping[str, Sequence[Edit]]) -> Document:
    """``document`` with the ``edits`` of each block (by anchor id, footnotes as
    ``fn-<number>``) made by ``correct_block``, and their corrections added, in reading
    order, after those it already records."""
    if not edits:
        return document
    made: list[Correction] = []

    def change(block_id: str, block: Block) -> Block:
        if block_id not in edits:
            return block
        corrected, corrections = correct_block(block, edits[block_id])
        made.extend(corrections)
        return corrected

    corrected = document.map_blocks(change)
    return replace(corrected, corrections=(*document.corrections, *made))
