"""The block syntax the Markdown exports use, read line by line the way markdown-it-py does.

markdown-it-py measures every line's indent, then tries its block rules in turn at each
block and each line of a paragraph, and makes a ``Token`` for each: a fifth of a
Markdown export's conversion once the inline content is read apart
(``markdown_inline``).  An export's lines start at the margin and are of five kinds:
blank, a paragraph's text, an ATX heading (``## …``), a page rule (``---``) and an
ordered-list item (``1. *Salue* …``).  ``simple_blocks`` reads a source made only of
those and returns the block tokens markdown-it-py's block parser makes, with the fields
the Markdown reader reads; for anything else (an indented line, a bullet, raw HTML
other than a paragraph opening on ``<sup>``, an empty or nested list item, a marker
followed by other than one space, a heading closed by ``#``, a NUL or a carriage
return) it returns None and markdown-it-py reads the source.

The rules followed are CommonMark's, as markdown-it-py applies them with the rules the
reader's parser enables (``hr``, ``list``, ``html_block``, ``heading``, ``paragraph``):
a paragraph runs on to a blank line or a line that interrupts it (a heading, a rule,
an item numbered 1, any item inside a list item); a list goes on while the next block
is an item with the same delimiter (``.`` or ``)``).
``tests/converter/test_markdown_blocks.py`` compares the tokens with markdown-it-py's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown_it.common.utils import mdTrim

BLOCK_RULES = ("hr", "list", "html_block", "heading", "paragraph")
"""The block rules of the Markdown reader's parser, in markdown-it-py's order: another
one enabled would read lines ``simple_blocks`` takes as text (a test checks)."""


class BlockToken(NamedTuple):
    """One block token, with the fields of markdown-it-py's ``Token`` the reader reads."""

    type: str
    tag: str
    info: str
    map: list[int] | None
    content: str
    level: int


_BLANK, _TEXT, _HEADING, _RULE, _ITEM = range(5)

_HEADING_LINE = re.compile(r"#{1,6}(?=[ \t]|$)")
_RULE_LINE = re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")
_BULLET = re.compile(r"[-*+](?:[ \t]|$)")
_ITEM_MARKER = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
"""What markdown-it-py takes for an ordered-list marker (at most nine digits)."""
_PLAIN_ITEM = re.compile(r"(\d{1,9})([.)]) (?=[^ \t])")
"""The item an export prints: the marker, one space, the text."""
_SUP_START = re.compile(r"</?sup>")


def _kind(line: str) -> int | None:
    """The kind of a line, or None for one that ``simple_blocks`` leaves alone."""
    if not line:
        return _BLANK
    first = line[0]
    if first in " \t":
        if not line.strip(" \t"):
            return _BLANK
        return None  # indentation: code, a list item's continuation, lazy lines...
    if first == "#":
        if _HEADING_LINE.match(line):
            # A closing sequence ("## Title ##") is cut by rules of its own.
            return None if line.rstrip(" \t").endswith("#") else _HEADING
        return _TEXT
    if first in "-*_" and _RULE_LINE.fullmatch(line):
        return _RULE
    if first in "-*+" and _BULLET.match(line):
        return None
    if first.isdigit() and _ITEM_MARKER.match(line):
        return _ITEM if _PLAIN_ITEM.match(line) else None
    if first == "<":
        # "<sup>1</sup> text" is a paragraph; a tag alone on its line is an HTML block.
        tag = _SUP_START.match(line)
        return _TEXT if tag and line[tag.end() :].strip() else None
    return _TEXT


def _item_number(line: str) -> int:
    marker = _PLAIN_ITEM.match(line)
    assert marker is not None
    return int(marker[1])


def simple_blocks(source: str) -> list[BlockToken] | None:
    """The block tokens of ``source``, or None when it holds syntax outside the exports'
    plain use (see the module's docstring)."""
    if "\0" in source or "\r" in source:
        return None  # markdown-it-py's normalisation would change them
    if not source:
        return []
    lines = source.split("\n")
    if not lines[-1].strip(" \t"):
        # markdown-it-py counts no line after the last line break, nor a last line of
        # white space alone.
        lines.pop()
    kinds = [_kind(line) for line in lines]
    if None in kinds:
        return None
    tokens: list[BlockToken] = []
    count = len(lines)
    index = 0
    while index < count:
        kind = kinds[index]
        line = lines[index]
        if kind == _BLANK:
            index += 1
        elif kind == _RULE:
            tokens.append(BlockToken("hr", "hr", "", [index, index + 1], "", 0))
            index += 1
        elif kind == _HEADING:
            level = len(_HEADING_LINE.match(line).group())  # type: ignore[union-attr]
            tag = f"h{level}"
            where = [index, index + 1]
            tokens.append(BlockToken("heading_open", tag, "", where, "", 0))
            tokens.append(BlockToken("inline", "", "", where, mdTrim(line[level:]), 1))
            tokens.append(BlockToken("heading_close", tag, "", None, "", 0))
            index += 1
        elif kind == _TEXT:
            end = index + 1
            # Only an item numbered 1 interrupts a paragraph at the margin.
            while end < count and (
                kinds[end] == _TEXT
                or (kinds[end] == _ITEM and _item_number(lines[end]) != 1)
            ):
                end += 1
            where = [index, end]
            content = mdTrim("\n".join(lines[index:end]))
            tokens.append(BlockToken("paragraph_open", "p", "", where, "", 0))
            tokens.append(BlockToken("inline", "", "", where, content, 1))
            tokens.append(BlockToken("paragraph_close", "p", "", None, "", 0))
            index = end
        else:
            list_tokens = _ordered_list(lines, kinds, index)
            if list_tokens is None:
                return None
            tokens.extend(list_tokens[0])
            index = list_tokens[1]
    return tokens


def _ordered_list(
    lines: list[str], kinds: list[int | None], index: int
) -> tuple[list[BlockToken], int] | None:
    """The tokens of the ordered list whose first item is at ``index``, and the line
    after it; None when an item holds other than one paragraph of text."""
    count = len(lines)
    delimiter = _PLAIN_ITEM.match(lines[index])[2]  # type: ignore[index]
    where_list = [index, 0]
    tokens = [BlockToken("ordered_list_open", "ol", "", where_list, "", 0)]
    while True:
        marker = _PLAIN_ITEM.match(lines[index])
        assert marker is not None
        first = lines[index][marker.end() :]
        if _kind(first) != _TEXT:
            return None  # a heading, a rule, a list or HTML inside the item
        end = index + 1
        # Inside an item any item interrupts the paragraph (its line is not indented
        # as the item's text is).
        while end < count and kinds[end] == _TEXT:
            end += 1
        after = end
        while after < count and kinds[after] == _BLANK:
            after += 1
        where_item = [index, after]
        where = [index, end]
        content = mdTrim("\n".join([first, *lines[index + 1 : end]]))
        tokens.append(BlockToken("list_item_open", "li", marker[1], where_item, "", 1))
        tokens.append(BlockToken("paragraph_open", "p", "", where, "", 2))
        tokens.append(BlockToken("inline", "", "", where, content, 3))
        tokens.append(BlockToken("paragraph_close", "p", "", None, "", 2))
        tokens.append(BlockToken("list_item_close", "li", "", None, "", 1))
        index = after
        if not (
            index < count
            and kinds[index] == _ITEM
            and _PLAIN_ITEM.match(lines[index])[2] == delimiter  # type: ignore[index]
        ):
            break
    where_list[1] = index
    tokens.append(BlockToken("ordered_list_close", "ol", "", None, "", 0))
    return tokens, index
