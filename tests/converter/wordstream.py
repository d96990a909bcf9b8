"""Word streams for fidelity tests, written independently of the converter's readers.

The source side strips page furniture and markup with plain text rules; the model side
serialises a Document back to text.  Note numbers are written glued to the word they
follow, as PDF extraction prints them, and digits glued to letters are then dropped on
both sides: what remains must be the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from resolutions.model import Block, Correction, Document

TOKEN = re.compile(r"[^\W\d_]+|\d+")
GLUED_TO_LETTER = re.compile(r"(?<=[^\W\d_])\d{1,3}(?!\d)")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(GLUED_TO_LETTER.sub(" ", text))


def source_tokens(raw: str, source_format: str) -> list[str]:
    body = FRONT_MATTER.sub("", raw, count=1)
    if source_format == "markdown":
        body = re.sub(r"</?sup>", "", body)
        body = body.replace("*", "").replace("#", "")
    return tokens(body)


def serialise(block: Block) -> str:
    """The block's text as the source printed it: each note number glued at its mark,
    each recorded correction (OCR repair) undone."""
    text = block.text
    edits = [(mark.offset, mark.offset, mark.number, 1) for mark in block.notes]
    edits += [
        (span.start, span.end, span.original, 0)
        for span in block.spans
        if isinstance(span, Correction)
    ]
    # From the end of the text backwards, a mark before the correction it follows.
    for start, end, replacement, _ in sorted(edits, key=lambda e: (e[0], e[3]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def model_streams(documents: Iterable[Document]) -> tuple[list[str], list[str]]:
    """(body words in reading order, note words in note order) of the documents."""
    body: list[str] = []
    notes: list[str] = []
    notes_given: set[str] = set()  # a note shared by two texts of a file is printed once
    for document in documents:
        numbers = {c.line: c for c in document.corrections if not c.start and c.replacement}
        for anchor, block in document.blocks():
            paragraph_number = getattr(block, "number", None)
            if paragraph_number:
                printed = f"{paragraph_number}."
                correction = numbers.get(block.line)
                if correction and correction.replacement == printed:
                    printed = correction.original
                body += tokens(printed)
            label = getattr(block, "label", "")
            if label:
                body += tokens(label)
            if anchor.startswith("sec-"):
                body += tokens(anchor[4:])
            body += tokens(serialise(block))
        for note in document.footnotes:
            if note.number not in notes_given:
                notes_given.add(note.number)
                notes += [note.number, *tokens(serialise(note.text))]
    return body, notes


def is_subsequence(needle: list[str], haystack: list[str]) -> int:
    """How many items of ``needle`` match, in order, inside ``haystack``."""
    position = 0
    for matched, word in enumerate(needle):
        try:
            position = haystack.index(word, position) + 1
        except ValueError:
            return matched
    return len(needle)
