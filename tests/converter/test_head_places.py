"""Segmentation's head (the words read while the author clause is looked for) jumps to
the places found by bisection and ``HEAD_PLACE`` (``Segmenter._next_in_head``).  The
blocks must be those of reading every word of the head, as segmentation did before:
that loop is kept here as the reference, and both are run on the same bodies."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.load import Line
from resolutions.readers import segment as segmentation
from resolutions.readers.segment import (
    ANNEX_WORDS,
    AUTHOR_WINDOW,
    CLAUSE_END,
    CONJUNCTIONS,
    NUMBER_TOKEN,
    Segmenter,
)


def word_by_word(self: Segmenter, at: int) -> int:
    """The next place from ``at`` where a block may open in the head, every word read:
    a word that may begin the author clause, number a paragraph or open an annex, a
    line start, or a word after a clause end or a conjunction."""
    joined = self.joined
    line_at = self.words.line_at
    previous = self._word_before(at) if at else ""
    while at < self.size and (at < AUTHOR_WINDOW or self._in_author_window(at)):
        end = joined.find(" ", at)
        if end < 0:
            end = self.size
        word = joined[at:end]
        if (
            word[0] in "LT"
            or at in line_at
            or (
                at
                and (
                    previous[-1] in ",;.:"
                    or (previous[-1].isdecimal() and CLAUSE_END.search(previous))
                    or previous in CONJUNCTIONS
                )
            )
            or (word[-1] in ".)" and NUMBER_TOKEN.match(word))
            or word in ANNEX_WORDS
        ):
            return at
        previous = word
        at = end + 1
    return self._next_cue(at)


# Words that open or close blocks in a head, and words that do not; author clauses
# left out of half the bodies, so that the whole head window is read.
AUTHOR_WORDS = "L'Assemblée L’Assemblée Le La The générale, Conseil Le\u2003Conseil".split(" ")
OTHER_WORDS = (
    "General Assembly, économique et social : Les Lutte Tirana To 1. 2. 3) 4. S. O. l. 5) 12. "
    "a) b) (a) (b) i) ii) (iii) Annexe Annex ANNEX Préambule Chapitre I II III Article 1 2 "
    "premier EN FOI DE QUOI Sont convenus Have agreed 85e séance plénière (reprise) "
    "Rappelant, Gravement préoccupée par et ou and or ; . : , x, y. z; w: 2,3 a.123 b,1234 "
    "Considérant que de la les États membres Prie Décide n° 3/05 I’OSCE 1’Organisation"
).split(" ")


Segmented = list[tuple[str, int, tuple[tuple[int, int], ...], bool]]


def segmented(lines: list[str], ocr: bool) -> Segmented:
    body = [(Line(number, text), number % 17 == 0) for number, text in enumerate(lines, 1)]
    return [
        (raw.block.text, raw.block.line, raw.block.lines, raw.after_break)
        for raw in segmentation.segment(body, ocr)
    ]


def compare(monkeypatch: pytest.MonkeyPatch, lines: list[str], ocr: bool) -> None:
    jumped = segmented(lines, ocr)
    with monkeypatch.context() as patched:
        patched.setattr(Segmenter, "_next_in_head", word_by_word)
        read = segmented(lines, ocr)
    assert jumped == read


def body_of(rng: random.Random, line_count: int, with_author: bool) -> list[str]:
    words = OTHER_WORDS + (AUTHOR_WORDS if with_author else [])
    lines = []
    for _ in range(line_count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        lines.append(" " * rng.choice([0, 0, 0, 2]) + text)
    return [line.rstrip() for line in lines]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 2**32 - 1),
    line_count=st.integers(1, 60),
    with_author=st.booleans(),
    ocr=st.booleans(),
)
def test_the_head_jumps_to_the_places_reading_every_word_stops_at(
    monkeypatch: pytest.MonkeyPatch, seed: int, line_count: int, with_author: bool, ocr: bool
) -> None:
    compare(monkeypatch, body_of(random.Random(seed), line_count, with_author), ocr)


@pytest.mark.parametrize("seed", range(6))
def test_a_head_past_the_author_window_gives_the_same_blocks(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    # No author clause: the head runs the whole window (2,000 words), then cues alone.
    rng = random.Random(seed)
    lines = body_of(rng, 500, with_author=False)
    assert sum(len(line.split()) for line in lines) > AUTHOR_WINDOW
    compare(monkeypatch, lines, ocr=seed % 2 == 0)
