"""``furniture.symbol_runs``: the running headers that repeat a text's own symbols are
found without compiling a pattern per text; the spans must be the pattern's, on any
body and for any list of symbols.  Likewise ``structure._names_alone``, where the next
text of a file begins, and ``html.PRINTED_NUMBER`` at a note's head."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.readers.furniture import _symbol_pattern, symbol_runs
from resolutions.readers.html import PRINTED_NUMBER
from resolutions.structure import _names_alone


def pattern_runs(body: str, symbols: list[str], start: int) -> list[tuple[int, int]]:
    return [match.span() for match in _symbol_pattern(symbols).finditer(body, start)]


# Few pieces, so that symbols, their parts and near misses recur: parts shared by the
# symbols, one symbol the start of another ("PC.DEC/758", "PC.DEC/758.1"), the characters
# that may or may not follow one (word characters, a slash, a dot), several kinds of white
# space around slashes.  Bodies are made of the symbols themselves, their slashes spaced
# or not, pieces of them and other characters.
PART = st.sampled_from(["A", "RES", "62", "176", "1", "PC.DEC", "758", "758.1", "S-20"])
SYMBOL = st.lists(PART, min_size=2, max_size=4).map("/".join)
NOISE = ["A", "RES", "62", "176", "1", "/", " ", "\n", "\xa0", "\t", "x", "é", "_", ".", "-"]


@st.composite
def symbols_and_body(draw: st.DrawFn) -> tuple[list[str], str]:
    symbols = draw(st.lists(SYMBOL, min_size=1, max_size=3))
    spaced = st.sampled_from(symbols).flatmap(
        lambda symbol: st.lists(
            st.sampled_from(["/", " /", "/ ", " / ", "\n/", "/\xa0", "//"]),
            min_size=symbol.count("/"),
            max_size=symbol.count("/"),
        ).map(
            lambda slashes: "".join(
                part + (slashes[index] if index < len(slashes) else "")
                for index, part in enumerate(symbol.split("/"))
            )
        )
    )
    pieces = st.one_of(st.sampled_from(symbols), spaced, st.sampled_from(NOISE))
    return symbols, "".join(draw(st.lists(pieces, max_size=30)))


@settings(max_examples=500, deadline=None)
@given(symbols_and_body(), st.integers(0, 20))
def test_the_spans_are_the_patterns(case: tuple[list[str], str], start: int) -> None:
    symbols, body = case
    assert symbol_runs(body, symbols, start) == pattern_runs(body, symbols, start)


def test_a_symbol_broken_around_its_slashes_and_not_a_longer_one() -> None:
    body = (
        "x A/RES/62/176 et A / RES/62/\n176 mais A/RES/62/1761, A/RES/62/176/Add.1, A/RES/62/176."
    )
    symbols = ["A/RES/62/176"]
    assert symbol_runs(body, symbols, 0) == [(2, 14), (18, 33), (74, 86)]
    assert symbol_runs(body, symbols, 0) == pattern_runs(body, symbols, 0)


def test_the_first_symbol_listed_wins_where_two_begin() -> None:
    body = "PC.DEC/758.1 PC.DEC/758"
    assert symbol_runs(body, ["PC.DEC/758.1", "PC.DEC/758"], 0) == [(0, 12), (13, 23)]
    assert symbol_runs(body, ["PC.DEC/758", "PC.DEC/758.1"], 0) == [(0, 10), (13, 23)]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["62/1", "62", "/", "1", "A", "_", "é", " ", "-", "2"]), max_size=12
    ).map("".join),
    st.sampled_from(["62/1", "62/11", "1", "A/62/1", "-2"]),
)
def test_a_marker_alone_is_the_patterns(text: str, marker: str) -> None:
    pattern = re.compile(rf"(?<![\w/]){re.escape(marker)}(?![\w/])")
    assert _names_alone(text, marker) == bool(pattern.search(text))


def test_a_body_made_of_the_longest_part_gives_the_patterns_answer() -> None:
    # The symbol's longest part stands at every few characters: past the budget the
    # pattern is used, and the answer is the same.
    symbols = ["A/RES/62/176"]
    body = "A/RES/62/17 " * 5_000 + "A/RES/62/176 " + "A / RES/62/ 176 " * 3
    assert symbol_runs(body, symbols, 0) == pattern_runs(body, symbols, 0) != []


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", "2", "12", "1000", "٣", "-", "[", "]", ".", ")", " ", "\n", "x"]),
        max_size=8,
    ).map("".join),
    st.sampled_from([1, 2, 12, 1000, 3, -3, 0]).map(str),
)
def test_a_notes_printed_number_is_the_patterns(text: str, number: str) -> None:
    pattern = re.compile(rf"^\[?{re.escape(number)}[\].)]?\s+(?=\S)")
    expected = pattern.match(text)
    match = PRINTED_NUMBER.match(text)
    found = match.end() if match and match[1] == number else None
    assert found == (expected.end() if expected else None)
