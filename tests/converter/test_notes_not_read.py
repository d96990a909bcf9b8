"""A page-foot rule followed by text that is not a numbered note is refused, at the
rule's line.  Such a copy (pdftotext's text flattened to one line: each note's number
was on a line of its own and went elsewhere; or a copy whose note numbers were lost)
used to pass in silence, the page's notes published as the resolution's own words."""

from __future__ import annotations

import pytest

from resolutions.errors import SourceError
from resolutions.pipeline import convert_bytes

FRONT = (
    "---\nsymbol: A/RES/78/999\ntitle: Test\nbody: ag\ntype: résolution\ndate: 2023-12-19\n"
    "source: test\nformat: {format}\nlang: en\n---\n"
)
HEAD_LINES = FRONT.count("\n")


def convert(body: str, source_format: str = "pdf-text"):
    text = FRONT.format(format=source_format) + body
    return convert_bytes(text.encode("utf-8"), "copy.txt", repair=False)


@pytest.mark.parametrize("source_format", ["pdf-text", "ocr"])
def test_a_rule_then_an_unnumbered_note_is_refused_at_the_rule(source_format: str) -> None:
    body = (
        "The General Assembly,\n"
        "Recalling the Single Convention on Narcotic Drugs of 1961,\n"
        "__________________\n"
        "United Nations, Treaty Series, vol. 976, No. 14152.\n"
        "1. Decides to remain seized of the matter.\n"
    )
    with pytest.raises(SourceError, match="not a numbered note") as raised:
        convert(body, source_format)
    assert raised.value.line == HEAD_LINES + 3
    assert "'United Nations, Treaty Series, vol. 976, No. 14152.'" in str(raised.value)


def test_a_flattened_page_foot_is_refused_at_its_line() -> None:
    """pdftotext's copy flattened: the rule inside the line, the note's number gone
    (it was on a line of its own, after the page's last note)."""
    body = (
        "The General Assembly, Recalling the Single Convention on Narcotic Drugs of 1961 "
        "1 as amended, ____________ United Nations, Treaty Series, vol. 976, No. 14152. "
        "1 Reaffirms its commitment to the Convention, 1. Decides to remain seized.\n"
    )
    with pytest.raises(SourceError) as raised:
        convert(body)
    assert raised.value.line == HEAD_LINES + 1
    assert raised.value.path == "copy.txt"


def test_a_long_quotation_after_the_rule_is_shortened_in_the_message() -> None:
    words = " ".join(["word"] * 40)
    with pytest.raises(SourceError) as raised:
        convert(f"The General Assembly,\n1. Decides.\n______\n{words}\n")
    assert f"'{words[:60]}…'" in str(raised.value)


@pytest.mark.parametrize(
    "after",
    [
        "",  # a rule at the very end: no page foot, nothing to misread
        "\n\n",
        "1 United Nations, Treaty Series, vol. 976, No. 14152.\n",
        "\n1 See resolution 55/2.\n2 Resolution 70/1.\n",
    ],
)
def test_a_rule_then_notes_or_nothing_is_read(after: str) -> None:
    body = (
        "The General Assembly,\nRecalling the Convention,1 and the Declaration,2\n"
        "1. Decides to remain seized of the matter.\n__________________\n" + after
    )
    result = convert(body)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    notes = [note.number for note in result.documents[0].footnotes]
    assert notes == [line.split()[0] for line in after.splitlines() if line.strip()]
