"""Issue 12, finding 5: words in deeply nested Markdown lists are never lost in silence
(markdown-it drops what lies past its ``maxNesting``: 9 of 12 words kept at depth 12)."""

from __future__ import annotations

import pytest

from resolutions.errors import SourceError
from resolutions.pipeline import convert_bytes

HEAD = (
    "---\ntitle: t\nslug: t\nbody: ag\ntype: résolution\ndate: 2000\nsource: s\n"
    "format: markdown\n---\n1. Décide de rester saisie.\n\n"
)


def nested(depth: int) -> bytes:
    return (HEAD + "".join("  " * level + f"- mot{level}\n" for level in range(depth))).encode()


@pytest.mark.parametrize("depth", [1, 5, 9])
def test_every_word_of_a_nested_list_is_kept(depth: int) -> None:
    document = convert_bytes(nested(depth), "t.txt").documents[0]
    words = " ".join(block.text for _, block in document.blocks()).split()
    assert [f"mot{level}" for level in range(depth)] == [w for w in words if w.startswith("mot")]


@pytest.mark.parametrize("depth", [10, 12, 60])
def test_deeper_lists_are_an_error_at_their_line(depth: int) -> None:
    with pytest.raises(SourceError, match="Markdown nested more than 20 levels deep") as raised:
        convert_bytes(nested(depth), "t.txt")
    assert raised.value.line == HEAD.count("\n") + 1 + 9  # the item at depth 10
