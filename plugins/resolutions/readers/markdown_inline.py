"""The inline syntax the Markdown exports use, tokenized the way markdown-it-py does.

markdown-it-py reads a paragraph's inline content with a loop that tries each of its
inline rules at every character that may open one, makes a ``Token`` per piece (one per
``*``), then pairs the emphasis marks and joins the text back: a third of a Markdown
export's conversion.  The exports use a small part of that syntax: text, line breaks,
``*…*`` and ``**…**`` that plainly open and close, and ``<sup>``/``</sup>``.
``simple_inline`` reads content made only of that in one pass of one pattern and
returns the tokens markdown-it-py would make, as ``(type, content, markup)``; for
anything else (a backslash, a backtick, ``&``, ``_``, ``<`` other than ``<sup>`` or
``</sup>``, ``***``, a ``*`` run that could both open and close, a closer whose opener
is of another length) it returns None and markdown-it-py reads the content.

The rules followed are CommonMark's, as markdown-it-py implements them (its
``newline``, ``emphasis``, ``balance_pairs``, ``fragments_join`` and ``text_join``
rules), with its own character classes for the flanking of a ``*`` run;
``tests/converter/test_markdown_inline.py`` compares the tokens with markdown-it-py's
on the exports and on generated content.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

INLINE_RULES = frozenset(
    {"text", "newline", "escape", "backticks", "emphasis", "html_inline", "entity"}
)
"""The inline rules of the Markdown reader's parser that ``simple_inline`` stands in
for: content that could start ``escape`` (``\\``), ``backticks``, ``entity`` (``&``)
or ``_`` emphasis is left to markdown-it-py.  Another rule enabled in the parser would
read syntax that ``simple_inline`` takes as text (a test checks the parser's list)."""


class InlineToken(NamedTuple):
    """One child of an inline token, as markdown-it-py's ``Token`` gives it."""

    type: str
    content: str
    markup: str


_PIECE_START = re.compile(r"[*<\n]")
"""Where a piece other than text starts: a star run, a superscript tag (the only ``<``
``simple_inline`` reads), a line break."""


def _outside(src: str) -> bool:
    """Whether ``src`` holds syntax that ``simple_inline`` leaves to markdown-it-py.
    (Substring tests: a pattern with alternatives is tried at every character.)"""
    return (
        "\\" in src
        or "`" in src
        or "&" in src
        or "_" in src
        # With no run of three, a star followed by a star is a whole run of two.
        or "***" in src
        or src.count("<") != src.count("<sup>") + src.count("</sup>")
    )


@functools.cache
def _kind(char: str) -> tuple[bool, bool]:
    """(white space, punctuation) as markdown-it-py's ``scanDelims`` tells them."""
    return isWhiteSpace(ord(char)), isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _flanking(src: str, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for the star run ``src[start:end]``: markdown-it-py's
    ``scanDelims`` for ``*`` (which may split a word), the ends of the content
    counting as white space."""
    last_is_space, last_is_punctuation = _kind(src[start - 1]) if start else (True, False)
    following_is_space, following_is_punctuation = (
        _kind(src[end]) if end < len(src) else (True, False)
    )
    left_flanking = not (
        following_is_space
        or (following_is_punctuation and not (last_is_space or last_is_punctuation))
    )
    right_flanking = not (
        last_is_space
        or (last_is_punctuation and not (following_is_space or following_is_punctuation))
    )
    return left_flanking, right_flanking


def simple_inline(src: str) -> list[InlineToken] | None:
    """The inline tokens of ``src`` (an inline token's content), or None when it holds
    syntax outside the exports' plain use (see the module's docstring)."""
    if _outside(src):
        return None
    # [type, content, markup]; a star run is written as literal text until closed.
    pieces: list[list[str]] = []
    openers: list[tuple[int, int]] = []  # (index in pieces, length of the run)
    position = 0
    size = len(src)
    search = _PIECE_START.search
    while (found := search(src, position)) is not None:
        start = found.start()
        first = src[start]
        if first == "\n":
            # The spaces before a line break are dropped (two or more make a hard
            # break), and the next line's indent is skipped.
            before = src[position:start]
            text = before.rstrip(" ")
            if text:
                pieces.append(["text", text, ""])
            kind = "hardbreak" if len(before) - len(text) >= 2 else "softbreak"
            pieces.append([kind, "", ""])
            position = start + 1
            while position < size and src[position] in " \t":
                position += 1
            continue
        if start > position:
            pieces.append(["text", src[position:start], ""])
        if first == "<":
            position = start + (6 if src[start + 1] == "/" else 5)
            pieces.append(["html_inline", src[start:position], ""])
            continue
        length = 2 if src.startswith("**", start) else 1
        position = start + length
        can_open, can_close = _flanking(src, start, position)
        if can_close and openers:
            # The nearest opener left open is the one CommonMark pairs a closer with
            # (the "rule of 3" never applies to two runs of one length, 1 or 2).
            index, opened = openers.pop()
            if opened != length:
                return None  # a run matched in part: left to markdown-it-py
            if length == 1:
                pieces[index] = ["em_open", "", "*"]
                pieces.append(["em_close", "", "*"])
            else:
                # markdown-it-py turns the inner star of each run into the tag and
                # empties the outer one's text token.
                pieces[index] = ["text", "", ""]
                pieces[index + 1] = ["strong_open", "", "**"]
                pieces.append(["strong_close", "", "**"])
                pieces.append(["text", "", ""])
        elif can_open:
            openers.append((len(pieces), length))
            pieces.extend(["text", "*", ""] for _ in range(length))
        else:
            pieces.append(["text", "*" * length, ""])
    if position < size:
        pieces.append(["text", src[position:], ""])
    tokens: list[InlineToken] = []
    run: list[str] = []  # adjacent text tokens, joined as markdown-it-py joins them
    for kind, content, markup in pieces:
        if kind == "text":
            run.append(content)
            continue
        if run:
            tokens.append(InlineToken("text", "".join(run), ""))
            run = []
        tokens.append(InlineToken(kind, content, markup))
    if run:
        tokens.append(InlineToken("text", "".join(run), ""))
    return tokens
