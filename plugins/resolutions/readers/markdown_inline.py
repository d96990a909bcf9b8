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


_EM_OPEN = InlineToken("em_open", "", "*")
_EM_CLOSE = InlineToken("em_close", "", "*")
_STRONG_OPEN = InlineToken("strong_open", "", "**")
_STRONG_CLOSE = InlineToken("strong_close", "", "**")
_SOFTBREAK = InlineToken("softbreak", "", "")
_HARDBREAK = InlineToken("hardbreak", "", "")
_SUP_OPEN = InlineToken("html_inline", "<sup>", "")
_SUP_CLOSE = InlineToken("html_inline", "</sup>", "")
_EMPTY_TEXT = InlineToken("text", "", "")
_STAR = InlineToken("text", "*", "")
_STARS = {1: _STAR, 2: InlineToken("text", "**", "")}
"""Tokens that are always alike, made once (a named tuple is not changed)."""

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


@functools.lru_cache(maxsize=4096)
def _kind(char: str) -> tuple[bool, bool]:
    """(white space, punctuation) as markdown-it-py's ``scanDelims`` tells them.
    Cached: a text beside its stars holds a few dozen distinct characters (bounded, so
    that a text of every character does not fill a long-lived preview's memory)."""
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
    tokens: list[InlineToken] = []
    append = tokens.append
    openers: list[tuple[int, int]] = []  # (index in tokens, length of the run)
    # Two text tokens side by side are joined at the end, as markdown-it-py joins them:
    # only a star left as text or the empty text around ``**`` puts them so.
    side_by_side = False
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
                append(InlineToken("text", text, ""))
            append(_HARDBREAK if len(before) - len(text) >= 2 else _SOFTBREAK)
            position = start + 1
            while position < size and src[position] in " \t":
                position += 1
            continue
        if start > position:
            append(InlineToken("text", src[position:start], ""))
        if first == "<":
            closing = src[start + 1] == "/"
            position = start + (6 if closing else 5)
            append(_SUP_CLOSE if closing else _SUP_OPEN)
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
                tokens[index] = _EM_OPEN
                append(_EM_CLOSE)
            else:
                # markdown-it-py turns the inner star of each run into the tag and
                # empties the outer one's text token.
                tokens[index] = _EMPTY_TEXT
                tokens[index + 1] = _STRONG_OPEN
                append(_STRONG_CLOSE)
                append(_EMPTY_TEXT)
                side_by_side = True
        elif can_open:
            # Written as text until a closer pairs it.
            openers.append((len(tokens), length))
            append(_STAR)
            if length == 2:
                append(_STAR)
        else:
            append(_STARS[length])
            side_by_side = True
    if position < size:
        append(InlineToken("text", src[position:], ""))
    if not (side_by_side or openers):
        return tokens
    joined: list[InlineToken] = []
    run: list[str] = []  # adjacent text tokens' contents
    for token in tokens:
        if token.type == "text":
            run.append(token.content)
            continue
        if run:
            joined.append(InlineToken("text", "".join(run), ""))
            run = []
        joined.append(token)
    if run:
        joined.append(InlineToken("text", "".join(run), ""))
    return joined
