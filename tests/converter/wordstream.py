"""Word streams for fidelity tests, written independently of the converter's readers.

The source side strips page furniture and markup with plain text rules; the model side
serialises a Document back to text.  Note numbers are written glued to the word they
follow, as PDF extraction prints them, and digits glued to letters are then dropped on
both sides: what remains must be the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from resolutions.model import Block, Correction, Document, LabelCorrection

TOKEN = re.compile(r"[^\W\d_]+|\d+")
GLUED_TO_LETTER = re.compile(r"(?<=[^\W\d_])\d{1,3}(?!\d)")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(GLUED_TO_LETTER.sub(" ", text))


class PageText(HTMLParser):
    """Every text of an HTML page, by the standard library's tokenizer (the reader uses
    beautifulsoup4): what a browser shows and what it does not (scripts, styles, the
    head, hidden elements: the reader records what it leaves out as removals), comments
    aside; blocks are separated by a space, and each item of a numbered list gets the
    number a browser prints before it."""

    BLOCK = frozenset({
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "td", "th", "title", "tr", "ul",
    })  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in self.BLOCK:
            self.parts.append(" ")
        if tag == "ol":
            start = attributes.get("start") or "1"
            numeric = (attributes.get("type") or "1") == "1"
            self.lists.append([int(start) if start.isdigit() else 1] if numeric else None)
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            counter = self.lists[-1]
            value = attributes.get("value") or ""
            if value.isdigit():
                counter[0] = int(value)
            self.parts.append(f"{counter[0]}. ")
            counter[0] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(html: str) -> str:
    parser = PageText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def source_tokens(raw: str, source_format: str) -> list[str]:
    body = FRONT_MATTER.sub("", raw, count=1)
    if source_format == "html":
        body = page_text(body)
    if source_format == "markdown":
        body = re.sub(r"</?sup>", "", body)
        body = body.replace("*", "").replace("#", "")
    return tokens(body)


def serialise(block: Block) -> str:
    """The block's text as the source printed it: each note number glued at its mark,
    each recorded correction (OCR repair) undone."""
    text = block.text
    corrections = [span for span in block.spans if isinstance(span, Correction)]
    # A mark inside a correction was printed as part of its original (a quote read as
    # the mark of a note): undoing the correction writes it back.
    edits = [
        (mark.offset, mark.offset, mark.number, 1)
        for mark in block.notes
        if not any(span.start < mark.offset < span.end for span in corrections)
    ]
    edits += [(span.start, span.end, span.original, 0) for span in corrections]
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
        numbers = {c.line: c for c in document.corrections if isinstance(c, LabelCorrection)}
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
