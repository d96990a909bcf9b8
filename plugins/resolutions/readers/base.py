"""What every reader produces: a flow of raw blocks and the notes of the file.

A reader knows one raw format (PDF text, Markdown export, OCR) and nothing about the
structure of a resolution; it hands ``structure`` a list of ``RawBlock`` (text with its
note marks and spans, in reading order, page furniture removed) and the notes it found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

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

    def _ends_with_space(self) -> bool:
        return bool(self.parts) and self.parts[-1].endswith(" ")

    def add(self, text: str, line: int) -> None:
        """Append ``text`` (any white-space run becomes one space) read from ``line``."""
        if "  " in text or "\n" in text or "\t" in text:
            text = _SPACES.sub(" ", text)
        if not text:
            return
        if text.startswith(" "):
            self._pending_space = True
            text = text.lstrip(" ")
            if not text:
                return
        if self._pending_space and self.length and not self._ends_with_space():
            self.parts.append(" ")
            self.length += 1
        self._pending_space = False
        if not self.lines or self.lines[-1][1] != line:
            self.lines.append((self.length, line))
        if text.endswith(" "):
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
        pending = self._pending_space and self.length and not self._ends_with_space()
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
_ITEM_LABEL = re.compile(r"^\(?[a-z]\)\s")
_LOWER_START = re.compile(r"^[a-zàâäçéèêëîïôöùûüœ]")
_LOWER_END = re.compile(r"(?:^|\s)[a-zàâäçéèêëîïôöùûüœ’']+$")


def _continues(previous: RawBlock, raw: RawBlock) -> bool:
    """Whether ``raw`` is the rest of ``previous``, cut by a page."""
    if (
        previous.heading_level
        or raw.heading_level
        or raw.list_number is not None
        or not previous.text
        or _NUMBERED.match(raw.text)
        or _ITEM_LABEL.match(raw.text)
    ):
        return False
    ended = bool(TERMINAL.search(previous.text))
    if not ended and _CONTINUES.match(raw.text):
        return True
    if raw.after_break:
        # A page break is known to fall here (a page rule, a note block, furniture
        # taken out): a lower-case start continues even after a comma ("nécessaire, |
        # pour mettre"), and a paragraph that stops on no punctuation is continued
        # whatever follows ("… et la | Convention", "… de l'Office des Nations |
        # Unies"), when it stops on a lower-case word, is paragraph-long or is a
        # numbered paragraph ("9. Encourage les États | Membres"): a line of a cover
        # block ("Distr. générale 7 juin 2024") is none of these.
        return bool(_LOWER_START.match(raw.text)) or (
            not ended
            and (
                bool(_LOWER_END.search(previous.text))
                or previous.text.count(" ") >= 11
                or previous.list_number is not None
                or bool(_NUMBERED.match(previous.text))
            )
        )
    return False


_HEAD_SOLID = 64
"""How many non-space characters of the start of a run ``_run_so_far`` keeps: what
``_continues`` reads at the start of a text (``_NUMBERED``) lies in the first few."""


class _Run:
    """Blocks to be joined into one, with the start of their joined text kept (white
    space collapsed, at most _HEAD_SOLID non-space characters), so that ``view`` costs
    no more than the last dozen blocks however long the run grows."""

    def __init__(self, raw: RawBlock) -> None:
        self.parts = [raw]
        self.head: list[str] = []
        self.head_solid = 0
        self.head_parts = 0
        """How many parts ``head`` covers (all of them while it is not full)."""
        self._grow_head()

    def append(self, raw: RawBlock) -> None:
        self.parts.append(raw)
        self._grow_head()

    def _grow_head(self) -> None:
        while self.head_solid < _HEAD_SOLID and self.head_parts < len(self.parts):
            text = self.parts[self.head_parts].text
            self.head_parts += 1
            if self.head:
                self.head.append(" ")
            for char in text:
                if char.isspace():
                    if not self.head or self.head[-1] != " ":
                        self.head.append(" ")
                    continue
                self.head.append(char)
                self.head_solid += 1
                if self.head_solid >= _HEAD_SOLID:
                    break

    def view(self) -> RawBlock:
        """What ``_continues`` needs of the block the run joins into, without joining
        it: the same heading level and list number, and a text that gives the same
        answers to its tests.  Those read the end of the text (a sentence end, the word
        it stops on, whether it holds 11 spaces) and its start (a paragraph number).

        The end: the last parts, from the first that leaves at least 12 spaces and a
        character that is not white space, after the space that separates them from
        the part before (so that no word looks as if it started the text).  The start:
        ``head``, the text's first non-space characters."""
        run = self.parts
        if len(run) == 1:
            return run[0]
        spaces = 0
        solid = False
        start = len(run)
        while start > 0 and (spaces < 12 or not solid):
            start -= 1
            text = run[start].text
            spaces += text.count(" ") + 1  # the separator before it
            solid = solid or bool(text.strip())
        text = " ".join(part.text for part in run[start:])
        if start > 0:
            text = "".join(self.head) + " " + text
        first = run[0]
        return RawBlock(
            block=Block(text=text, line=first.block.line),
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


def join_cut_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join a block that does not end a sentence with the next when that one starts in
    lower case (or with a digit that is not a paragraph number): a paragraph cut by a
    page break, with or without a page rule or a note block between the halves.

    Each run of blocks to join is gathered first and joined once, so the time is
    linear in the size of the text however many blocks a run holds."""
    runs: list[_Run] = []
    for raw in blocks:
        if runs and _continues(runs[-1].view(), raw):
            runs[-1].append(raw)
        else:
            runs.append(_Run(raw))
    return [_join_run(run.parts) for run in runs]
