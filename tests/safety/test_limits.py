"""Issue 12, finding 6: size blow-ups within the 20 MB limit are refused, with a
``file:line`` error that says which limit, before they cost minutes and gigabytes."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from resolutions.errors import SourceError
from resolutions.load import MAX_LINE_CHARS, MAX_LINES, NFC_MAX_EXPANSION, SCHEMA
from resolutions.pipeline import MAX_BLOCK_CHARS, MAX_NOTES, MAX_PARAGRAPHS, convert_bytes

HEAD = (
    "---\nsymbol: A/RES/1/1\ntitle: Un titre\nbody: ag\ntype: résolution\ndate: 2000\n"
    "source: essai\nformat: pdf-text\n---\n L’Assemblée générale,\n\n"
)
FIRST = HEAD.count("\n") + 1


def refused(body: str, message: str) -> SourceError:
    with pytest.raises(SourceError, match=message) as raised:
        convert_bytes((HEAD + body).encode(), "t.txt")
    return raised.value


def test_too_many_paragraphs() -> None:
    body = "".join(f"{n}. Décide de continuer.\n\n" for n in range(1, MAX_PARAGRAPHS + 2))
    error = refused(body, "over the limit of 30,000 for one text")
    assert error.line == FIRST + 2 * MAX_PARAGRAPHS


def test_an_annexs_paragraphs_count_toward_the_limit() -> None:
    # One operative paragraph, then an annex whose one article holds the rest.
    annex = "".join(f"{n}. Chaque État Partie agit.\n\n" for n in range(1, MAX_PARAGRAPHS + 1))
    body = "1. Adopte la Convention.\n\nAnnexe\n\nArticle premier\n\n" + annex
    error = refused(body, "over the limit of 30,000 for one text")
    # Paragraph 30,001 of the text is the annex's paragraph 30,000 (its last line).
    assert error.line == FIRST + 6 + 2 * (MAX_PARAGRAPHS - 1)


def test_too_many_lines_is_refused_before_any_parsing() -> None:
    error = refused("x\n" * (MAX_LINES + 10), "lines, over the limit of 200,000")
    assert error.line == FIRST - 2 + MAX_LINES  # the body starts two lines above


def test_a_line_too_long() -> None:
    error = refused("1. Décide.\n\n2. " + "mot " * (MAX_LINE_CHARS // 4 + 1) + "\n", "characters")
    assert error.line == FIRST + 2


def test_nfc_makes_no_character_longer_than_the_bound_loading_relies_on() -> None:
    # Loading looks for a line over the limit only in a body longer than the limit over
    # NFC_MAX_EXPANSION: a character NFC made longer would let a line through.
    longest = max(
        len(unicodedata.normalize("NFC", chr(code)))
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF  # surrogates are no characters
    )
    assert longest <= NFC_MAX_EXPANSION


def test_a_line_too_long_in_a_body_under_the_limit_once_expanded() -> None:
    # U+FB2C (Hebrew shin with dagesh and shin dot) is three characters in NFC: a body of
    # a third of the limit and one more, on one line, is over the limit once normalised.
    body = "1. Décide.\n\n2. " + "\ufb2c" * (MAX_LINE_CHARS // NFC_MAX_EXPANSION + 1) + "\n"
    error = refused(body, "characters")
    assert error.line == FIRST + 2


def test_a_paragraph_too_long() -> None:
    words = ("mot " * 1000 + "\n") * (MAX_BLOCK_CHARS // 4000 + 2)
    error = refused("1. Décide " + words, re.escape(f"over the limit of {MAX_BLOCK_CHARS:,}"))
    assert error.line == FIRST


def test_too_many_notes() -> None:
    head = HEAD.replace("pdf-text", "markdown")
    marks = "".join(f"mot<sup>{n}</sup>\n" for n in range(1, MAX_NOTES + 3))
    notes = "".join(f"<sup>{n}</sup> Note {n}.\n\n" for n in range(1, MAX_NOTES + 3))
    with pytest.raises(SourceError, match="notes, over the limit of 5,000"):
        convert_bytes(f"{head}1. Décide\n{marks}.\n\n{notes}".encode(), "t.txt")


@pytest.mark.parametrize("field", sorted(set(SCHEMA) - {"format"}))  # format: a name
def test_every_metadata_string_has_a_length_limit(field: str) -> None:
    value = "a" * (SCHEMA[field].max_length + 1)
    raw = HEAD.replace("source: essai\n", f"source: essai\n{field}: {value}\n")
    if field == "source":
        raw = HEAD.replace("source: essai\n", f"source: {value}\n")
    if field in ("symbol", "title", "body", "type", "date", "format", "lang", "slug"):
        raw = re.sub(rf"^{field}: .*\n", "", raw, flags=re.M) if field in raw else raw
        raw = raw.replace("---\n", f"---\n{field}: {value}\n", 1)
    with pytest.raises(SourceError, match=f"'{field}' is .* characters long, over the limit"):
        convert_bytes((raw + "1. Décide.\n").encode(), "t.txt")
