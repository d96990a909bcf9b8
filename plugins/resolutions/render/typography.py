"""French display typography: the spaces, apostrophes and ``n°`` of a French page.

The page shows a French text as French typography sets it: a narrow no-break space
(U+202F) before ``;``, ``!``, ``?`` and ``»`` and after ``«``, a no-break space (U+00A0)
before ``:``, the apostrophe ``’`` and ``n° 14152`` for ``no 14152``.  The source text
and the model keep the words as printed (the JSON export, the search index and the
fidelity tests read those); only the page changes.

Every change is the replacement of *one* character of the text by a string (a space
by a no-break space, ``;`` by a no-break space and ``;``, ``o`` by ``°``, a second space
by nothing), keyed by that character's offset.  So the renderer applies the changes to
whatever slice of the text it emits between two annotation boundaries: no stand-off
offset moves, no change ever straddles a span, and nothing touches markup, which the
renderer writes around the escaped slices.

Left alone: URLs, e-mail addresses, ``code`` between backticks, HTML-entity-like
``&amp;``, and a sign glued to what follows it (``10:30``, ``1:1``, ``javascript:alert``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_SPACES = frozenset(" \t\n\u00a0\u202f\u2009\u2007")
"""The white space a source may put (or a previous pass put) before or after a sign."""
_NARROW_BEFORE = frozenset(";!?»")
_WIDE_BEFORE = frozenset(":")
_NO_SPACE_AFTER = frozenset("([{«“‘\"'/;:!?")
"""After these, a sign is not "glued" to a word: ``?!``, ``(?)``, ``«»`` stay as they are."""
_PROSE_FOLLOWERS = frozenset(")]}»”’.,;:!?…\"'«“")
"""What may follow ``;`` ``:`` ``!`` ``?`` in prose (besides a space or the end; a
quotation may open right after ``:``): a sign
followed by anything else is not punctuation of a sentence but part of a token
(``10:30``, ``javascript:alert``, ``?a=1``, ``a;b``, ``![image]``) and stays as it is."""

_PROTECTED = re.compile(
    r"(?:(?:https?|ftp|file):/|mailto:)[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]]"
    r"|www\.[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|`[^`\n]*`"
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",
    re.IGNORECASE,
)
# The patterns below start with the one character they change and look behind it
# afterwards: a pattern that starts with a lookbehind is tried at every position of the
# text, one that starts with a character only where that character is (a quarter of a
# French text's page went to trying these two at every letter).
_APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')(?=[^\W\d_])")
"""A straight apostrophe between two letters."""
_NUMERO = re.compile(
    r"(?P<o>[oº°])(?<=[Nn].)(?<![\w°/.-]..)(?P<s>s?)(?P<dot>\.?)(?P<space>[ \u00a0\u202f])(?=\d)"
)
"""``no 14152``, ``No 758``, ``nos 3 et 4``, ``No. 5/05`` (and ``n° 8``, for its space):
the abbreviation of *numéro* only when a number follows; never inside a word, a symbol
or a URL (the letter before the ``N`` or ``n`` is looked at)."""


_SIGNS = re.compile(r"[;!?»:«]")
"""The characters a change can start from besides an apostrophe and ``no``: found by
the regex engine, the rest of the text is never walked in Python (it was a third of
the time of a text's page)."""


_MAY_PROTECT = re.compile(r"[@`&:.](?:(?<=:)/|(?<=(?i:mailto):)|(?<=(?i:www)\.)|(?<=[@`&]))")
"""What every match of ``_PROTECTED`` holds (``:/``, ``mailto:``, ``www.``, ``@``, a
backtick, ``&``): a text without any is searched no further (``_PROTECTED`` is slow on
plain prose: its address pattern tries each word at every one of its letters).  The
pattern starts with one class of characters, which the regex engine looks for alone,
and looks behind the one it finds (an alternation of words, case-insensitive, was
tried at every letter)."""


def _shield(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` falls in a URL, an address, code or an entity."""
    if _MAY_PROTECT.search(text) is None:
        return lambda offset: False
    spans = [match.span() for match in _PROTECTED.finditer(text)]
    starts = [start for start, _ in spans]

    def shielded(offset: int) -> bool:
        index = bisect_right(starts, offset) - 1
        return index >= 0 and offset < spans[index][1]

    return shielded


def french_changes(text: str) -> dict[int, str]:
    """The display changes of a French ``text``: ``{offset: replacement}``, each the
    replacement of the one character at ``offset``."""
    changes: dict[int, str] = {}
    if not text:
        return changes
    shielded = _shield(text)

    def change(offset: int, replacement: str) -> None:
        if not shielded(offset) and offset not in changes:
            changes[offset] = replacement

    def space_run_before(offset: int) -> int:
        start = offset
        while start > 0 and text[start - 1] in _SPACES:
            start -= 1
        return start

    for sign in _SIGNS.finditer(text):
        offset = sign.start()
        char = text[offset]
        if shielded(offset):
            continue
        if char in _NARROW_BEFORE or char in _WIDE_BEFORE:
            space = NARROW_NBSP if char in _NARROW_BEFORE else NBSP
            followed = text[offset + 1] if offset < len(text) - 1 else " "
            if char != "»" and followed not in _SPACES | _PROSE_FOLLOWERS:
                continue  # 10:30, javascript:alert, ?a=1, ![x]: a token, not a sentence
            start = space_run_before(offset)
            if start == 0:
                continue  # the sign opens the text: nothing to hold it to
            if start < offset:
                # The run of spaces becomes one no-break space, next to the sign.
                for index in range(start, offset - 1):
                    change(index, "")
                change(offset - 1, space)
            elif (
                text[offset - 1] != "«" if char == "»" else text[offset - 1] not in _NO_SPACE_AFTER
            ):
                change(offset, space + char)  # glued to the word: « Quoi ? », mot ;
        if char == "«":
            end = offset + 1
            while end < len(text) and text[end] in _SPACES:
                end += 1
            if end == len(text):
                continue
            if end > offset + 1:
                change(offset + 1, NARROW_NBSP)
                for index in range(offset + 2, end):
                    change(index, "")
            elif text[end] != "»":
                change(offset, char + NARROW_NBSP)
    for match in _APOSTROPHE.finditer(text):
        change(match.start(), "’")
    for match in _NUMERO.finditer(text):
        if match.group("o") != "°":
            change(match.start("o"), "°")
        if match.group("dot"):
            change(match.start("dot"), "")
        change(match.start("space"), NBSP)
    return changes


def apply(text: str, changes: Mapping[int, str], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with the ``changes`` that fall in it."""
    return apply_sorted(text, changes, sorted(changes), start, end)


def apply_sorted(
    text: str,
    changes: Mapping[int, str],
    offsets: Sequence[int],
    start: int = 0,
    end: int | None = None,
) -> str:
    """``apply``, given the changes' ``offsets`` in order: a text set slice by slice
    (``inline.render_inline``) sorts them once, not once per slice."""
    end = len(text) if end is None else end
    first = bisect_left(offsets, start)
    last = bisect_left(offsets, end, first)
    if first == last:
        return text[start:end]
    out: list[str] = []
    position = start
    for index in range(first, last):
        offset = offsets[index]
        out += (text[position:offset], changes[offset])
        position = offset + 1
    out.append(text[position:end])
    return "".join(out)


def french(text: str) -> str:
    """``text`` as the page shows it in a French text."""
    return apply(text, french_changes(text))
