"""Every anchor id of the site is made here, so that ids stay stable across re-imports.

Ids depend only on what is printed (paragraph numbers, item letters, note numbers,
section numerals) and on reading order for unnumbered text, never on the converter's
internals: re-importing a corrected text keeps ``#op5`` pointing at paragraph 5.
"""

from __future__ import annotations

import re

AUTHOR = "author"
"""The author clause ("L’Assemblée générale,")."""

CLOSING = "closing"
"""The closing formula ("108e séance plénière…")."""


def preambular(index: int) -> str:
    """The ``index``-th preambular paragraph (1-based, in reading order)."""
    return f"pp{index}"


def operative(number: str, section: str | None = None) -> str:
    """An operative paragraph by its printed number; ``section`` (its numeral) when the
    text numbers each section from 1, so that ``II.1`` is ``sec-II-op1``, not ``op1``."""
    return f"sec-{section}-op{number}" if section else f"op{number}"


def other(index: int) -> str:
    """The ``index``-th unnumbered paragraph of running text (a declaration, a fragment)."""
    return f"p{index}"


def item(parent: str, label: str) -> str:
    """A lettered sub-item: ``item("op6", "a)")`` and ``item("op6", "(a)")`` are
    ``op6-a``."""
    return f"{parent}-{label.strip('().').lower()}"


def section(number: str) -> str:
    return f"sec-{number}"


def footnote(number: str) -> str:
    return f"fn-{number}"


def footnote_ref(number: str, occurrence: int) -> str:
    """The ``occurrence``-th (1-based) place that cites note ``number``."""
    return f"fnref-{number}-{occurrence}"


def heading(index: int) -> str:
    return f"title-{index}"


_LABELS = (
    (re.compile(r"title-\d+"), "titre"),
    (re.compile(r"fn-(.+)"), "note {0}"),
    (re.compile(r"sec-([^-]+)"), "section {0}"),
)
_BLOCK = re.compile(
    r"(?:sec-(?P<section>[^-]+)-)?(?P<kind>pp|op|p)(?P<number>[^-]+)(?:-(?P<item>[^-]+))?"
)
_PARAGRAPH_WORDS = {"pp": "alinéa {} du préambule", "op": "paragraphe {}", "p": "passage {}"}


def label(anchor: str) -> str:
    """How a reader names, in French, the block at ``anchor`` (an id made above):
    ``op6-a`` → "paragraphe 6 a)", ``pp2`` → "alinéa 2 du préambule", ``sec-II-op1`` →
    "paragraphe 1 de la section II", ``fn-3`` → "note 3".  The one wording of the site,
    in "Cité par", the glossary pages, the notes' links back and the search results."""
    if anchor in (AUTHOR, CLOSING):
        return "auteur" if anchor == AUTHOR else "formule finale"
    for pattern, words in _LABELS:
        found = pattern.fullmatch(anchor)
        if found:
            return words.format(*found.groups())
    block = _BLOCK.fullmatch(anchor)
    if block is None:
        return anchor
    words = _PARAGRAPH_WORDS[block["kind"]].format(block["number"])
    if block["item"]:
        words += f" {block['item']})"
    if block["section"]:
        words += f" de la section {block['section']}"
    return words
