"""Issue 12, finding 3: joining cut paragraphs is linear.

``"1. x\\n\\n"`` repeated makes one run of blocks that all join (``x`` ends no sentence,
``1.`` before a lower-case word is no paragraph number): 9 s at 10,000 blocks and 124 s
at 40,000 before, when each join searched and copied the whole growing text.  The times
are the benchmark's to print (``benchmarks/bench_adversarial.py``: no timed test here);
this checks that the linear join means what the pairwise one meant.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.model import Block, NoteMark, Span
from resolutions.readers.base import RawBlock, _continues, join_blocks, join_cut_paragraphs

HEAD = (
    "---\ntitle: t\nslug: t\nbody: ag\ntype: résolution\ndate: 2000\nsource: s\n"
    "format: pdf-text\n---\n"
)


def reference(blocks: list[RawBlock]) -> list[RawBlock]:
    """The join as it was written before (pairwise, quadratic): the meaning to keep."""
    joined: list[RawBlock] = []
    in_body = False
    for raw in blocks:
        if joined and _continues(joined[-1], raw, in_body):
            joined[-1] = RawBlock(
                block=join_blocks(joined[-1].block, raw.block),
                heading_level=0,
                list_number=joined[-1].list_number,
                after_break=joined[-1].after_break,
            )
        else:
            joined.append(raw)
        in_body = in_body or bool(
            raw.list_number is not None
            or re.match(r"^\d{1,3}\.?\s+\*?[A-ZÀ-ÖØ-Þ]", raw.text)
            or re.match(r"^(?:L['’]\s?|Le |La |Les |The )[^,;.:]{2,80}?\s?[,:]$", raw.text)
            or re.match(r"^[a-zàâäçéèêëîïôöùûüœ]", raw.text)
            or (raw.text.count(" ") >= 20 and re.search(r"[.,;:!?…»”)\]]\s*$", raw.text))
        )
    return joined


WORDS = [
    "x",
    "Décide",
    "suite",
    "1.",
    "2 A",
    "fin.",
    "(a)",
    "»",
    "",
    " ",
    "…",
    "b ;",
    "12 Note",
    "a) ",
    "Convention",
    "et la",
    "Unies",
    "l’Office",
    "de",
    "mot mot mot mot mot mot",
    "9. Encourage",
    "9.",
    "Membres",
    "12",
    "L’Assemblée générale,",
    "mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot mot,",
]


@st.composite
def raw_blocks(draw: st.DrawFn) -> list[RawBlock]:
    blocks = []
    for line in range(draw(st.integers(0, 30))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6)))
        size = len(text)
        notes = (NoteMark(size, "1", line),) if draw(st.booleans()) else ()
        spans = (Span(0, size),) if size and draw(st.booleans()) else ()
        blocks.append(
            RawBlock(
                Block(text, line, ((0, line),), notes, spans),
                heading_level=draw(st.sampled_from([0, 0, 0, 2])),
                list_number=draw(st.sampled_from([None, None, "3"])),
                after_break=draw(st.booleans()),
            )
        )
    return blocks


@settings(max_examples=1000, deadline=None)
@given(raw_blocks())
def test_same_result_as_the_pairwise_join(blocks: list[RawBlock]) -> None:
    assert join_cut_paragraphs(blocks) == reference(blocks)


class _CountingPattern:
    """Stands for a compiled pattern and counts the characters it is asked to search."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.scanned += len(text) - pos
        return self.pattern.search(text, pos)


def characters_scanned(monkeypatch, count: int) -> int:  # type: ignore[no-untyped-def]
    """How many characters the join's sentence-end test reads for ``count`` blocks that
    all join ("x" ends no sentence): the work, counted rather than timed."""
    from resolutions.readers import base

    counting = _CountingPattern(base.TERMINAL)
    monkeypatch.setattr(base, "TERMINAL", counting)
    blocks = [RawBlock(Block("x", line, ((0, line),))) for line in range(count)]
    joined = join_cut_paragraphs(blocks)
    assert len(joined) == 1 and joined[0].text == " ".join(["x"] * count)
    return counting.scanned


def test_the_join_reads_each_block_a_bounded_number_of_times(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The pairwise join searched the whole joined text at each step: 1,000 blocks read
    # about 1,000,000 characters, 2,000 blocks four times as many.
    small = characters_scanned(monkeypatch, 1_000)
    large = characters_scanned(monkeypatch, 2_000)
    assert large <= 2.2 * small, (small, large)


def characters_read(monkeypatch, count: int) -> int:  # type: ignore[no-untyped-def]
    """How many characters of words segmentation reads when ``count`` paragraphs come
    flattened on one line, as a copy pasted from a web page has them (each word read
    at a cue or around one, and each block cut out of the body, counted)."""
    from resolutions.load import Line
    from resolutions.readers import segment

    read = 0
    word_of = segment.Segmenter._word

    def counting(self, at):  # type: ignore[no-untyped-def]
        nonlocal read
        word = word_of(self, at)
        read += len(word)
        return word

    monkeypatch.setattr(segment.Segmenter, "_word", counting)
    line = " ".join(f"{number}. Prie les États de faire ceci ;" for number in range(1, count + 1))
    blocks = segment.segment([(Line(1, line), False)])
    # Each numbered paragraph is a block of its own (numbers in sequence after a ";").
    assert len(blocks) == count
    assert blocks[-1].text == f"{count}. Prie les États de faire ceci ;"
    assert blocks[-1].block.lines == ((0, 1),)
    return read + sum(len(block.text) for block in blocks)


def test_a_flattened_line_is_read_for_words_once(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Each block cut its words out of the line by scanning the whole line again: 400
    # paragraphs on one line scanned 400 times its length, 800 paragraphs four times as
    # much.  Each word is now read a bounded number of times, whatever the number of
    # blocks.
    small = characters_read(monkeypatch, 400)
    large = characters_read(monkeypatch, 800)
    assert small < 400 * 2 * len("10. Prie les États de faire ceci ; ")
    assert large <= 2.1 * small, (small, large)


def test_each_texts_first_line_is_found_once_however_many_removals(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The text that holds each removal, detail and correction was found by reading all
    # the paragraphs again for each of them: a copy with page furniture on every page
    # (hundreds of removals) read its paragraphs hundreds of times.
    from resolutions import structure
    from resolutions.pipeline import convert_bytes

    read = 0

    def counting(text):  # type: ignore[no-untyped-def]
        nonlocal read
        read += 1
        return first_line_of(text)

    first_line_of = structure.first_line_of
    monkeypatch.setattr(structure, "first_line_of", counting)
    pages = "".join(
        f"Rappelant la résolution {number},\n25-19346 {number}/60\n*2519346*\n"
        for number in range(1, 61)
    )
    source = f"{HEAD}L’Assemblée générale,\n{pages}1. Décide de rester saisie de la question.\n"
    document = convert_bytes(source.encode(), "t.txt", repair=False).documents[0]
    assert len(document.removals) >= 120  # a job number and a bar code on each page
    assert read == 2  # once to give out the notes, once for the rest
