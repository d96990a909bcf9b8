"""A block's anchor in words, for readers: what a link to a paragraph says ("Cité par",
the glossary's places, a note's way back to where it is called)."""

from __future__ import annotations

import re

__all__ = ["block_label"]

_BLOCK_LABELS = (
    (re.compile(r"^pp(\d+)$"), "alinéa {0} du préambule"),
    (re.compile(r"^op(\d+)$"), "paragraphe {0}"),
    (re.compile(r"^op(\d+)-([a-z]+)$"), "paragraphe {0} {1})"),
    (re.compile(r"^sec-(\w+)-op(\d+)$"), "section {0}, paragraphe {1}"),
    (re.compile(r"^sec-(\w+)-op(\d+)-([a-z]+)$"), "section {0}, paragraphe {1} {2})"),
    (re.compile(r"^fn-(\w+)$"), "note {0}"),
    (re.compile(r"^sec-(\w+)$"), "section {0}"),
    (re.compile(r"^title-\d+$"), "titre"),
    (re.compile(r"^p(\d+)$"), "passage {0}"),
    (re.compile(r"^author$"), "préambule"),
    (re.compile(r"^closing$"), "formule finale"),
)


def block_label(block_id: str) -> str:
    """A paragraph id in words: ``op6-a`` → "paragraphe 6 a)"; an id of no known form
    is given as it is."""
    for pattern, label in _BLOCK_LABELS:
        match = pattern.match(block_id)
        if match:
            return label.format(*match.groups())
    return block_id
