"""What every reader produces: a flow of raw blocks and the notes of the file.

A reader knows one raw format (PDF text, Markdown export, OCR) and nothing about the
structure of a resolution; it hands ``structure`` a list of ``RawBlock`` (text with its
note marks and spans, in reading order, page furniture removed) and the notes it found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..annex import HEADING_LINE, TITLE_LENGTH
from ..model import Block, Correction, Detail, Diagnostic, NoteMark, Removal, Span

_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not \\s: a no-break space is kept as printed
TERMINAL = re.compile(r"[.,;:!?…»”)\]]\s*$")
"""A block ending like this may end a paragraph; one that does not was cut by a page."""


class TextBuilder:
    """Builds one block's text from pieces, collapsing white space, and records where
    each source line starts, where note marks sit, and spans."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[tuple[int, int]] = []
        self.notes: list[NoteMark] = []
        self.spans: list[Span] = []
        self._pending_space = False
        self._last_line: int | None = None
        """The line of the last text added (``lines``'s last entry's)."""

    # No part ends with a space: a text added is cut of its spaces at both ends, and a
    # space is added only before a text.  So a pending space is owed whenever some text
    # stands before it.

    def add(self, text: str, line: int) -> None:
        """Append ``text`` (any white-space run becomes one space) read from ``line``."""
        if "  " in text or "\n" in text or "\t" in text:
            text = _SPACES.sub(" ", text)
        if not text:
            return
        if text[0] == " ":
            self._pending_space = True
            text = text.lstrip(" ")
            if not text:
                return
        if self._pending_space and self.length:
            self.parts.append(" ")
            self.length += 1
        self._pending_space = False
        if line != self._last_line:
            self.lines.append((self.length, line))
            self._last_line = line
        if text[-1] == " ":
            text = text.rstrip(" ")
            self._pending_space = True
        self.parts.append(text)
        self.length += len(text)

    def space(self) -> None:
        """A line break or other separator: the next text starts a new word."""
        self._pending_space = True

    def mark(self, number: str, line: int) -> None:
        self.notes.append(NoteMark(self.length, number, line))
        # A mark sits on the word before it: a space between them ("1972 ¹, la") was
        # the copy's, not the text's.  A space after the mark is the text's ("1988¹ ;").
        self._pending_space = False

    @property
    def offset(self) -> int:
        return self.length

    def next_offset(self) -> int:
        """Where the next non-space character will land."""
        pending = self._pending_space and self.length
        return self.length + (1 if pending else 0)

    def span(self, span: Span) -> None:
        if span.end > span.start:
            self.spans.append(span)

    def text(self) -> str:
        return "".join(self.parts)

    def build(self) -> Block:
        return Block(
            text=self.text(),
            line=self.lines[0][1] if self.lines else self.line,
            lines=tuple(self.lines),
            notes=tuple(self.notes),
            spans=tuple(self.spans),
        )


@dataclass
class RawBlock:
    """A paragraph-sized run of text as the reader found it."""

    block: Block
    heading_level: int = 0
    """1–6 for a Markdown heading, 0 otherwise."""
    list_number: str | None = None
    """The number of a Markdown ordered-list item (``1.``), which the parser took off."""
    after_break: bool = False
    """A page rule or a page's note block came just before this block."""

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def line(self) -> int:
        return self.block.line


@dataclass
class Flow:
    blocks: list[RawBlock]
    notes: dict[str, Block]
    """Note number → note text, in order of appearance."""
    corrections: list[Correction] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    """Page furniture taken out of the text, each recorded where it was."""
    details: list[Detail] = field(default_factory=list)
    """What the cover block printed (symbol, session, adoption date…), with its line."""


def join_blocks(first: Block, second: Block) -> Block:
    """One block from two, the second's text after a space (a paragraph cut by a page)."""
    shift = len(first.text) + 1
    return Block(
        text=f"{first.text} {second.text}",
        line=first.line,
        lines=first.lines + tuple((offset + shift, line) for offset, line in second.lines),
        notes=first.notes
        + tuple(NoteMark(mark.offset + shift, mark.number, mark.line) for mark in second.notes),
        spans=first.spans + tuple(shift_span(span, shift) for span in second.spans),
    )


def shift_span(span: Span, shift: int) -> Span:
    return replace(span, start=span.start + shift, end=span.end + shift)


_CONTINUES = re.compile(r"^[a-zàâäçéèêëîïôöùûüœ0-9(«]")
_NUMBERED = re.compile(r"^\d{1,3}\.?\s+\*?[A-ZÀ-ÖØ-Þ]")
_ITEM_LABEL = re.compile(r"^\(?(?:[a-z]|[ivx]{2,5})\)\s")
"""An item label: a letter, or a roman sub-item "(ii)" (an annexed convention's)."""
_LOWER_START = re.compile(r"^[a-zàâäçéèêëîïôöùûüœ]")
_AUTHOR = re.compile(r"^(?:L['’]\s?|Le |La |Les |The )[^,;.:]{2,80}?\s?[,:]$")


def _ended(text: str) -> bool:
    """Whether ``text`` ends like a paragraph (``TERMINAL``), searched from its last
    character that is not a space: a match can start nowhere else, and a search from the
    start tries the pattern at every character of the paragraph."""
    end = len(text.rstrip())
    return bool(TERMINAL.search(text, max(end - 1, 0)) or _marked_end(text, end))


MARK_AFTER_END = re.compile(r"[.,;:»”)] ?[1-9]\d{0,2}$")
"""A paragraph's end with its note mark moved after the punctuation (``Development,3``,
``Development, 3``): marks are taken off the words only once blocks are joined."""


def _marked_end(text: str, end: int) -> bool:
    return text[end - 1 : end].isdigit() and bool(MARK_AFTER_END.search(text, max(end - 5, 0), end))


def _continues(previous: RawBlock, raw: RawBlock, in_body: bool) -> bool:
    """Whether ``raw`` is the rest of ``previous``, cut by a page; ``in_body``: the body
    has begun (above it, cover and heading lines end on no punctuation by nature)."""
    if not previous.text:
        return False
    ended = _ended(previous.text)
    if ended and not raw.after_break:
        return False  # what the tests below would say, without them (most blocks)
    if (
        previous.heading_level
        or HEADING_LINE.match(previous.text)
        or HEADING_LINE.match(raw.text)
        or raw.heading_level
        or raw.list_number is not None
        or _NUMBERED.match(raw.text)
        or _ITEM_LABEL.match(raw.text)
    ):
        return False
    if not ended and _CONTINUES.match(raw.text):
        return True
    if raw.after_break:
        # A page break is known to fall here (a page rule, a note block, furniture
        # taken out): a lower-case start continues even after a comma ("nécessaire, |
        # pour mettre"), and in the body a paragraph that stops on no punctuation is
        # continued whatever follows ("… et la | Convention", "… des Nations | Unies").
        return bool(_LOWER_START.match(raw.text)) or (not ended and in_body)
    return False


def _tail(run: list[RawBlock]) -> RawBlock:
    """What ``_continues`` reads of the block a run of parts joins into, without joining
    them: its heading level and list number (the first part's; none once joined) and
    the end of its text (the last part's: parts are joined with a space)."""
    if len(run) == 1:
        return run[0]
    first = run[0]
    last = len(run) - 1
    while last > 0 and not run[last].text.strip():
        last -= 1  # empty parts add only spaces: the end is that of the last word
    return RawBlock(
        block=Block(text=" ".join(part.text for part in run[last:]), line=first.block.line),
        heading_level=0,
        list_number=first.list_number,
        after_break=first.after_break,
    )


def _join_run(run: list[RawBlock]) -> RawBlock:
    """``join_blocks`` over a whole run at once, in time linear in its size (joining two
    at a time copies the growing text and its tuples again at every step)."""
    if len(run) == 1:
        return run[0]
    texts: list[str] = []
    lines: list[tuple[int, int]] = []
    notes: list[NoteMark] = []
    spans: list[Span] = []
    shift = 0
    for raw in run:
        block = raw.block
        texts.append(block.text)
        lines.extend((offset + shift, line) for offset, line in block.lines)
        notes.extend(NoteMark(mark.offset + shift, mark.number, mark.line) for mark in block.notes)
        spans.extend(shift_span(span, shift) if shift else span for span in block.spans)
        shift += len(block.text) + 1
    first = run[0]
    return RawBlock(
        block=Block(
            text=" ".join(texts),
            line=first.block.line,
            lines=tuple(lines),
            notes=tuple(notes),
            spans=tuple(spans),
        ),
        heading_level=0,
        list_number=first.list_number,
        after_break=first.after_break,
    )


def _is_title(runs: list[list[RawBlock]]) -> bool:
    """The last run is the title line of a chapter or an article (``Article 5`` alone
    before it): it ends on no punctuation by nature, and is never continued."""
    if len(runs) < 2 or len(runs[-1]) != 1 or not HEADING_LINE.match(runs[-2][-1].text):
        return False
    title = runs[-1][0].text
    return len(title) < TITLE_LENGTH and not _ended(title)


def join_cut_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join a block that does not end a sentence with the next when that one starts in
    lower case (or with a digit that is not a paragraph number): a paragraph cut by a
    page break, with or without a page rule or a note block between the halves.

    Each run of blocks to join is gathered first and joined once, so the time is
    linear in the size of the text however many blocks a run holds."""
    runs: list[list[RawBlock]] = []
    in_body = False
    for raw in blocks:
        if runs and _continues(_tail(runs[-1]), raw, in_body) and not _is_title(runs):
            runs[-1].append(raw)
        else:
            runs.append([raw])
        # The body has begun at the author clause, a numbered paragraph, a fragment's
        # lower-case start, or a sentence-long block ending on punctuation.
        in_body = in_body or bool(
            raw.list_number is not None
            or _NUMBERED.match(raw.text)
            or _AUTHOR.match(raw.text)
            or _LOWER_START.match(raw.text)
            or (raw.text.count(" ") >= 20 and _ended(raw.text))
        )
    return [_join_run(run) for run in runs]
