"""The PDF-text reader's blocks and notes (furniture, segmentation, note marks), one
fixture case per layout a copy comes in: ``fixtures/segment.txt``.

Expected output: one line per block, ``| text`` with each note mark written ``[^N]``
where it sits, then ``N: text`` for each note."""

from __future__ import annotations

import pytest

from resolutions.load import Line
from resolutions.readers.base import Flow
from resolutions.readers.pdf_text import read_pdf_text

from .fixtures import read_fixtures


def render(flow: Flow) -> str:
    out = []
    for raw in flow.blocks:
        text = raw.text
        for mark in sorted(raw.block.notes, key=lambda m: m.offset, reverse=True):
            text = f"{text[: mark.offset]}[^{mark.number}]{text[mark.offset :]}"
        out.append(f"| {text}")
    out.extend(f"{number}: {note.text}" for number, note in flow.notes.items())
    return "\n".join(out)


@pytest.mark.parametrize(("source", "expected"), read_fixtures("segment.txt"))
def test_reader_blocks(source: str, expected: str) -> None:
    symbols: tuple[str, ...] = ()
    if source.startswith("@symbol "):
        first, source = source.split("\n", 1)
        symbols = (first.split(" ", 1)[1],)
    lines = [Line(number, text) for number, text in enumerate(source.split("\n"), 1)]
    assert render(read_pdf_text(lines, symbols)) == expected
