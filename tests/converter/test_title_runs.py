"""``furniture.word_runs``: the running headers that repeat a text's title are found
without compiling a pattern per text; the spans must be the pattern's, on any body."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.readers.furniture import word_runs


def pattern_runs(body: str, words: list[str], start: int) -> list[tuple[int, int]]:
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [match.span() for match in pattern.finditer(body, start)]


# Few letters and several kinds of white space, so that words and partial runs recur.
WORD = st.text(alphabet="abé.(", min_size=1, max_size=3)
BODY = st.text(alphabet="abé.( \n\t\u00a0\u2009", max_size=300)


@settings(max_examples=400, deadline=None)
@given(BODY, st.lists(WORD, min_size=1, max_size=5), st.integers(0, 20))
def test_the_spans_are_the_patterns(body: str, words: list[str], start: int) -> None:
    assert word_runs(body, words, start) == pattern_runs(body, words, start)


def test_a_title_found_across_wrapped_lines_and_inside_longer_words() -> None:
    body = (
        "Intro. Coopération internationale\n  contre la drogue 3/8 "
        "xCoopération internationale contre la droguex"
    )
    words = "Coopération internationale contre la drogue".split()
    assert word_runs(body, words, 0) == [(7, 52), (58, 101)]
    assert word_runs(body, words, 8) == [(58, 101)]


def test_a_body_made_of_partial_runs_gives_the_patterns_answer() -> None:
    # Every place starts a run of 60 matching words that fails on the last one: past
    # the budget the pattern is used, and the answer is the same.
    words = ["a"] * 60 + ["b"]
    body = "a " * 3_000 + "b a " + "a " * 59 + "b"
    assert word_runs(body, words, 0) == pattern_runs(body, words, 0) != []
