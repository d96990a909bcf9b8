"""Every anchor id of the site is made here, so that ids stay stable across re-imports.

Ids depend only on what is printed (paragraph numbers, item letters, note numbers,
section numerals) and on reading order for unnumbered text, never on the converter's
internals: re-importing a corrected text keeps ``#op5`` pointing at paragraph 5.
"""

from __future__ import annotations


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
