"""Reader for Markdown exports, parsed with markdown-it-py (never regexes over Markdown).

A source whose lines are all of the exports' plain kinds is cut into blocks by
``markdown_blocks``, an inline content in the exports' plain syntax tokenized by
``markdown_inline`` (each gives the tokens markdown-it-py makes, in one pass; tests
compare them); any other by markdown-it-py.

What the exports contain and what becomes of it:

- ``<sup>3</sup>`` (digits) is a note mark; ``85<sup>e</sup>`` (letters) is part of the
  word and kept as a ``Superscript`` span;
- a paragraph that *starts* with ``<sup>N</sup>`` is the text of note N (note blocks sit
  wherever a page ended, with or without a ``---`` rule before them);
- ``---`` rules are page furniture; a paragraph cut by a page is joined back
  (``join_cut_paragraphs``);
- ``1. *Salue* …`` is an ordered-list item for CommonMark: its number is kept apart;
- ``*…*`` becomes an ``Emphasis`` span, ``**…**`` is dropped (headings are bold);
- any other raw HTML is kept as literal text: the renderer escapes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..load import Line
from ..model import Block, Emphasis, Superscript
from .base import Flow, RawBlock, TextBuilder, join_cut_paragraphs
from .furniture import strip_furniture
from .markdown_blocks import BlockToken, simple_blocks
from .markdown_inline import InlineToken, simple_inline

_SUP_OPEN = re.compile(r"^<sup>$", re.I)
_SUP_CLOSE = re.compile(r"^</sup>$", re.I)

MAX_NESTING = 20
"""Block nesting (a list in a list counts two levels) a Markdown export may reach.
markdown-it silently drops what lies past its own ``maxNesting``: that is set far
higher, and a text nested deeper than this is refused instead (``NestingTooDeep``)."""


class NestingTooDeep(ValueError):
    """A Markdown block nested deeper than MAX_NESTING, at ``line`` of the file."""

    def __init__(self, line: int) -> None:
        super().__init__(f"Markdown nested deeper than {MAX_NESTING} levels")
        self.line = line


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": 4 * MAX_NESTING})
    parser.disable(
        [
            # Link syntax in a source is text, not a link: a source cannot smuggle links in.
            "link",
            "image",
            "autolink",
            "linkify",
            "reference",
            # Exports use none of these, and each misreads them: a "---" page rule under a
            # line is not a Setext heading, an indented line is not code, "> " is a quote
            # mark in the text.  (Fewer rules also parse faster: 7 → 11 MB/s.)
            "lheading",
            "code",
            "fence",
            "blockquote",
            "table",
        ],
        ignoreInvalid=True,
    )
    return parser


_PARSER = _parser()
"""Blocks and inline content, as one call; reads what ``simple_inline`` leaves."""
_BLOCK_PARSER = _parser().disable(["inline", "text_join"])
"""The same parser, stopping at the blocks (for a source ``simple_blocks`` leaves): each
inline token's content is then read by ``simple_inline`` (the exports' plain use of the
syntax, in one pass), else by ``_PARSER``."""


def _inline_children(content: str) -> Sequence[Token] | Sequence[InlineToken]:
    """An inline token's children, as ``_PARSER`` makes them."""
    children = simple_inline(content)
    if children is not None:
        return children
    return _PARSER.parseInline(content)[0].children or []


def _inline_to_builder(
    children: Sequence[Token] | Sequence[InlineToken], first_line: int, line_numbers: Sequence[int]
) -> tuple[TextBuilder, str | None]:
    """Build a block from an inline token stream.

    Returns the builder and, when the stream opens with ``<sup>N</sup>``, the note
    number N (the block is then that note's text)."""
    builder = TextBuilder(first_line)
    line_index = 0
    last_line = len(line_numbers) - 1

    def current_line() -> int:
        return line_numbers[min(line_index, last_line)]

    note_number: str | None = None
    emphasis_starts: list[int] = []
    index = 0
    while index < len(children):
        token = children[index]
        kind = token.type
        if kind == "text":
            # Most tokens: text, then a line break (tested first, with the line at hand).
            line = line_numbers[line_index if line_index < last_line else last_line]
            builder.add(token.content, line)
            index += 1
            continue
        if kind == "softbreak":
            builder.space()
            line_index += 1
            index += 1
            continue
        if (
            kind == "html_inline"
            and _SUP_OPEN.match(token.content)
            and (
                index + 2 < len(children)
                and children[index + 1].type == "text"
                and children[index + 2].type == "html_inline"
                and _SUP_CLOSE.match(children[index + 2].content)
            )
        ):
            content = children[index + 1].content.strip()
            if content.isdigit():
                if builder.length == 0 and note_number is None and not builder.notes:
                    note_number = content
                else:
                    builder.mark(content, current_line())
            else:
                start = builder.offset
                builder.add(content, current_line())
                builder.span(Superscript(start, builder.offset))
            index += 3
            continue
        if token.type in ("softbreak", "hardbreak"):
            builder.space()
            line_index += 1
        elif token.type == "em_open":
            emphasis_starts.append(builder.next_offset())
        elif token.type == "em_close":
            start = emphasis_starts.pop() if emphasis_starts else 0
            builder.span(Emphasis(min(start, builder.offset), builder.offset))
        elif token.type in ("strong_open", "strong_close"):
            pass
        elif token.type == "code_inline":
            builder.add(token.markup + token.content + token.markup, current_line())
        elif token.type in ("text", "html_inline"):
            builder.add(token.content, current_line())
        index += 1
    return builder, note_number


def _line_numbers(token: Token | BlockToken, lines: Sequence[Line]) -> list[int]:
    if token.map is None:
        return [lines[0].number]
    start, end = token.map
    return [lines[index].number for index in range(start, min(end, len(lines)))] or [
        lines[min(start, len(lines) - 1)].number
    ]


def read_markdown(lines: Sequence[Line], symbols: Sequence[str] = ()) -> Flow:
    # Exports keep the page furniture as lines of their own (job numbers, page counters,
    # running headers): taken out first, and recorded.  The cover block stays: an
    # export prints it as the heading (Markdown headings and emphasis).
    furnished = strip_furniture(lines, symbols, cover=False)
    lines = furnished.lines
    source = "\n".join(line.text for line in lines)
    tokens: Sequence[Token | BlockToken] | None = simple_blocks(source)
    if tokens is None:
        tokens = _BLOCK_PARSER.parse(source)
    for token in tokens:
        if token.level > MAX_NESTING:
            raise NestingTooDeep(_line_numbers(token, lines)[0])
    blocks: list[RawBlock] = []
    notes: dict[str, Block] = {}
    after_break = False
    heading_level = 0
    list_number: str | None = None
    for index, token in enumerate(tokens):
        if token.type == "hr":
            after_break = True
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "list_item_open" and token.info:
            list_number = token.info
        elif token.type == "inline":
            numbers = _line_numbers(tokens[index - 1] if index else token, lines)
            builder, note_number = _inline_to_builder(
                _inline_children(token.content), numbers[0], numbers
            )
            if note_number is not None:
                notes[note_number] = builder.build()
                after_break = True
                continue
            if not builder.length:
                continue
            blocks.append(
                RawBlock(
                    block=builder.build(),
                    heading_level=heading_level,
                    list_number=list_number,
                    after_break=after_break or numbers[0] in furnished.resumes,
                )
            )
            after_break = False
            list_number = None
        elif token.type == "html_block":
            # Raw HTML in a source is text, never markup: kept as words, escaped when
            # rendered.
            numbers = _line_numbers(token, lines)
            builder = TextBuilder(numbers[0])
            for offset, raw_line in enumerate(token.content.splitlines()):
                builder.space()
                builder.add(raw_line, numbers[min(offset, len(numbers) - 1)])
            if builder.length:
                blocks.append(RawBlock(block=builder.build(), after_break=after_break))
                after_break = False
    return Flow(
        blocks=join_cut_paragraphs(blocks), notes=notes, removals=list(furnished.removals)
    )
