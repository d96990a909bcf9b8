"""The furniture patterns searched from their anchors (``furniture.Anchored``) find
exactly what ``finditer`` over the whole text finds: same matches, same order, same
groups.  Texts are drawn from the characters and words the patterns are made of, so
that matches, near misses and overlapping candidates are frequent."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.readers import furniture as F

PIECES = [
    *"0123456789",
    "12",
    "123",
    "07-",
    "47050",
    "0747050",
    # Whole pieces of furniture, which the pieces around them may spoil or extend.
    " 07-47050 ",
    " *0747050* ",
    " 2/8 ",
    " 12 /345 ",
    " 123 /456 ",
    " 3/ 12 ",
    " - 3 - ",
    " Page 3 of 8 ",
    " 1. Prie ",
    " The General Assembly, ",
    " L’Assemblée générale, ",
    "L'Assemblée générale Rappelant",
    " Le Conseil permanent, ",
    *" \n/-–*().,P",
    "p",
    "age",
    "Page",
    "page",
    " of ",
    " sur ",
    "(F)",
    "(E)",
    "Veuillez",
    " recycler",
    "Please",
    " recycle",
    "L’",
    "L'",
    "Le ",
    "La ",
    "The ",
    "Assemblée générale",
    "General Assembly",
    ",",
    "A/RES/",
    "١",  # an Arabic-Indic digit: \\d matches it, [0-9] does not
    "x",
    "é",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
ANCHORED = {
    "always": F.ALWAYS_ANCHORED,
    "dashed": F.DASHED_ANCHORED,
    "counters": F.COUNTERS_ANCHORED,
    "author": F.AUTHOR_ANCHORED,
    "first number": F.FIRST_NUMBER_ANCHORED,
}


def described(matches) -> list[tuple[tuple[int, int], str | None, dict[str, str | None]]]:  # type: ignore[no-untyped-def]
    return [(match.span(), match.lastgroup, match.groupdict()) for match in matches]


@pytest.mark.parametrize("name", ANCHORED)
@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(text=TEXTS, start=st.integers(0, 20))
def test_same_matches_as_finditer(name: str, text: str, start: int) -> None:
    anchored = ANCHORED[name]
    assert described(anchored.finditer(text, start)) == described(
        anchored.pattern.finditer(text, start)
    )
    assert anchored.blank(text) == anchored.pattern.sub(lambda m: " " * len(m.group()), text)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # Written by reading the patterns: a job number, a bar code, a recycling notice.
        ("always", "x 07-47050 (F) *0747050* Please recycle", 3),
        # "2 /8" (slash at 2), "12/ 8" (slash at 2), "123 /456" (slash at 4), "- 3 -",
        # "Page 3 of 8"; "61/1830" has a 4-digit total, "0/3" a leading zero.
        ("counters", "2 /8 12/ 8 123 /456 - 3 - Page 3 of 8 61/1830 0/3", 5),
    ],
)
def test_examples(name: str, text: str, expected: int) -> None:
    assert len(list(ANCHORED[name].finditer(text))) == expected
    assert len(list(re.finditer(ANCHORED[name].pattern, text))) == expected


MARK_PIECES = [
    *"0123456789",
    "2005",
    "1972",
    "19729",
    "20172",
    *" ,;:.)»”/-_’'",
    "Millénaire",
    "drogue",
    "de",
    "A/58",
    "x",
    "é",
    "١",
    "²",
]


@settings(max_examples=1000, derandomize=True, database=None, deadline=None)
@given(text=st.lists(st.sampled_from(MARK_PIECES), max_size=40).map("".join))
def test_note_mark_candidates_are_each_patterns_matches(text: str) -> None:
    """The note-mark reader scans a block once for runs of digits and tries its four
    patterns there: what it finds is what the four patterns' own searches find."""
    from resolutions.readers import pdf_text as P

    expected = [
        match
        for pattern in (P.GLUED_TO_WORD, P.GLUED_TO_YEAR, P.AFTER_PUNCTUATION, P.DETACHED)
        for match in pattern.finditer(text)
    ]

    def key(match: re.Match[str]) -> tuple[int, tuple[int, int], dict[str, str | None]]:
        return match.start("number"), match.span(), match.groupdict()

    assert sorted(map(key, P._mark_candidates(text))) == sorted(map(key, expected))
    # Given the notes' numbers, the same matches less those whose number is none of them.
    for numbers in ({"1", "2", "9"}, {"5", "72", "172"}, set()):
        wanted = [match for match in expected if match["number"] in numbers]
        assert sorted(map(key, P._mark_candidates(text, numbers))) == sorted(map(key, wanted))


COVER_PIECES = [
    "Nations Unies",
    "United Nations",
    " A/RES/62/176",
    "A",
    "/S-30/2",
    "Assemblée générale",
    "General Assembly",
    "Distr. générale",
    "Distr.: General",
    "Original : français",
    "Soixante-dixième session",
    "Seventy-eighth session",
    "Point 118 de l’ordre du jour",
    "Agenda item 5",
    "Résolution adoptée par l’Assemblée générale le 17 décembre 2015",
    "Resolution adopted by the General Assembly on 4 June 2024",
    "[sur la base du rapport de la Troisième Commission (A/70/489)]",
    "85e séance plénière",
    "48th plenary meeting",
    "PC Journal No 591",
    "Journal n° 7 du CP",
    "Deuxième journée de la vingt-septième Réunion",
    "FRANÇAIS",
    "ENGLISH",
    "OSCE",
    "17 décembre 2015",
    "4 June 2024",
    "DECISION No 758",
    "RENFORCEMENT",
    "x",
    "é",
    "É",
    "١",
    "12",
    *" \n,:[]()/.-’'",
]


@settings(max_examples=1000, derandomize=True, database=None, deadline=None)
@given(text=st.lists(st.sampled_from(COVER_PIECES), max_size=30).map("".join))
def test_cover_look_ahead_changes_no_match(text: str) -> None:
    """The cover's pattern opens on a look-ahead of what its pieces open on, for speed
    alone: it finds what the pieces alone find."""
    pieces = re.compile(f"(?x){F.COVER_PIECES}")
    assert described(F.COVER.finditer(text)) == described(pieces.finditer(text))
