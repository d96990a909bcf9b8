"""The structure stage's rules, each on its own on a hand-built state, and the whole
parser on fixture cases (``fixtures/structure.txt``: blocks separated by blank lines,
an optional ``@lang en`` / ``@format ocr`` first line; expected, one line per
paragraph: ``id kind lead | text``, items indented, sections as ``§ id | heading``)."""

from __future__ import annotations

import pytest

from resolutions.model import Block
from resolutions.readers.base import RawBlock
from resolutions.structure import (
    LAYOUTS,
    ParseState,
    item,
    layout_for,
    ocr_operative,
    operative,
    parse_text,
    preambular,
    roman_section,
    section_with_heading,
)

from .fixtures import read_fixtures


def raw(text: str, line: int = 1) -> RawBlock:
    return RawBlock(block=Block(text=text, line=line))


def state(*following: str, lang: str = "fr", last_number: int = 0) -> ParseState:
    made = ParseState(
        blocks=[raw(text) for text in following], layout=LAYOUTS[lang], source_format="pdf-text"
    )
    made.last_number = last_number
    return made


def test_operative_takes_the_next_number_only() -> None:
    parsed = state(last_number=4)
    assert not operative(parsed, raw("6. Prie les États."))
    assert not parsed.paragraphs and parsed.last_number == 4
    assert operative(parsed, raw("5. Prie les États."))
    assert parsed.paragraphs[-1].id == "op5" and parsed.paragraphs[-1].text == "Prie les États."


def test_operative_restarts_at_one_only_after_a_section_heading() -> None:
    parsed = state(last_number=3)
    assert not operative(parsed, raw("1. Prie."))
    parsed.open_section("II", Block(text="Suite", line=1))
    assert operative(parsed, raw("1. Prie."))


def test_ocr_operative_reads_a_misread_digit_and_records_it() -> None:
    parsed = state(last_number=4)
    assert ocr_operative(parsed, raw("S. Nous reconnaissons."))
    assert parsed.paragraphs[-1].id == "op5"
    assert [(c.original, c.replacement) for c in parsed.corrections] == [("S.", "5.")]
    assert not ocr_operative(state(last_number=1), raw("S. Nous."))


def test_item_labels_per_layout() -> None:
    french = state(last_number=1)
    french.add_paragraph("operative", Block(text="Prie :", line=1), "1")
    assert item(french, raw("a) D’agir ;"))
    assert french.paragraphs[-1].items[-1].id == "op1-a"
    english = state(lang="en", last_number=1)
    english.add_paragraph("operative", Block(text="Calls:", line=1), "1")
    assert not item(english, raw("a) To act;"))
    assert item(english, raw("(a) To act;"))
    assert english.paragraphs[-1].items[-1].label == "(a)"


def test_item_needs_a_paragraph_before_it() -> None:
    assert not item(state(), raw("a) D’agir ;"))


def test_preambular_only_after_the_author_and_before_paragraph_one() -> None:
    parsed = state()
    assert not preambular(parsed, raw("Rappelant,"))
    parsed.has_author = True
    assert preambular(parsed, raw("Rappelant,"))
    parsed.last_number = 1
    assert not preambular(parsed, raw("Rappelant,"))


def test_roman_section_takes_its_heading_block_unless_a_paragraph_follows() -> None:
    parsed = state("Coopération internationale")
    assert roman_section(parsed, raw("I"))
    assert parsed.sections[-1].heading.text == "Coopération internationale"
    assert parsed.index == 1
    bare = state("1. Prie.")
    assert roman_section(bare, raw("I"))
    assert bare.sections[-1].heading.text == "" and bare.index == 0


def test_section_with_heading_needs_the_next_numeral() -> None:
    parsed = state()
    assert not section_with_heading(parsed, raw("II Action du système"))
    assert section_with_heading(parsed, raw("I Coopération internationale"))
    assert parsed.sections[-1].heading.text == "Coopération internationale"
    assert not section_with_heading(parsed, raw("II Les États sont priés d’agir."))


def test_ocr_layout_puts_its_number_rule_before_operative() -> None:
    rules = [rule.__name__ for rule in layout_for("fr", "ocr").rules]
    assert rules.index("ocr_operative") == rules.index("operative") - 1
    assert "ocr_operative" not in [rule.__name__ for rule in layout_for("fr", "pdf-text").rules]


def render(parsed) -> str:  # type: ignore[no-untyped-def]
    out = []
    if parsed.author is not None:
        out.append(f"author | {parsed.author.text}")
    for part in parsed.body_order():
        if hasattr(part, "kind"):
            out.append(f"{part.id} {part.kind} {part.lead} | {part.text}".replace("  ", " "))
            out.extend(f"  {entry.id} | {entry.text}" for entry in part.items)
        else:
            out.append(f"§ {part.id} | {part.heading.text}")
    if parsed.closing is not None:
        out.append(f"closing | {parsed.closing.text}")
    return "\n".join(out)


@pytest.mark.parametrize(("source", "expected"), read_fixtures("structure.txt"))
def test_parser(source: str, expected: str) -> None:
    lang, source_format = "fr", "pdf-text"
    while source.startswith("@"):
        first, source = source.split("\n", 1)
        key, value = first[1:].split(" ", 1)
        lang = value if key == "lang" else lang
        source_format = value if key == "format" else source_format
    blocks = [raw(text.replace("\n", " "), n) for n, text in enumerate(source.split("\n\n"), 1)]
    parsed = parse_text(blocks, layout_for(lang, source_format), source_format, lang)  # type: ignore[arg-type]
    assert render(parsed) == expected
