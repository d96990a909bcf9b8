"""An annex (a convention after the resolution) read as chapters, articles, numbered
paragraphs, items and sub-items: the rules on their own, the parser on fixture cases
(``fixtures/annex.txt``, written as ``fixtures/structure.txt`` is), and whole texts
(``annexes/annex-fr.txt``, ``annexes/annex-en.txt``) re-laid out as copies come:
hard-wrapped with no blank line, flattened into one line.

The expected outlines were written by reading the sample texts, before running the
converter on them."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.annex import annex_heading, annex_item, article, numbered
from resolutions.load import Line
from resolutions.model import Block, Document
from resolutions.pipeline import convert_bytes
from resolutions.readers.base import RawBlock
from resolutions.readers.markdown import read_markdown
from resolutions.structure import LAYOUTS, ParseState, layout_for, parse_text

from ..converter.wordstream import model_streams, source_tokens
from .fixtures import read_fixtures

SAMPLES = Path(__file__).parent / "annexes"


def raw(text: str, line: int = 1) -> RawBlock:
    return RawBlock(block=Block(text=text, line=line))


def state_in_annex(*following: str, lang: str = "en") -> ParseState:
    """A state with one operative paragraph read and an annex just opened."""
    made = ParseState(
        blocks=[raw(text) for text in following], layout=LAYOUTS[lang], source_format="pdf-text"
    )
    made.add_paragraph("operative", Block(text="Adopts the Convention;", line=1), "1")
    assert annex_heading(made, raw("Annex", 2))
    return made


# ----------------------------------------------------------------------- the rules


def test_annex_heading_only_after_the_resolutions_text() -> None:
    empty = ParseState(blocks=[], layout=LAYOUTS["fr"], source_format="pdf-text")
    assert not annex_heading(empty, raw("Annexe"))
    made = state_in_annex()
    assert [annex.id for annex in made.annexes] == ["annexe"]
    assert annex_heading(made, raw("Annexe II"))
    assert not annex_heading(made, raw("Annex of the report"))
    assert [annex.id for annex in made.annexes] == ["annexe", "annexe-ii"]


def test_article_takes_its_title_block_unless_a_paragraph_follows() -> None:
    made = state_in_annex("Use of terms", "1. For the purposes of this Convention:")
    assert article(made, raw("Article 2"))
    draft = made.annexes[-1].article
    assert draft is not None and draft.title is not None
    assert (draft.id, draft.title.text, made.index) == ("annexe-art-2", "Use of terms", 1)
    made = state_in_annex("1. The definition of the term includes those who process data.")
    assert article(made, raw("Article 17"))
    assert made.annexes[-1].article.title is None and made.index == 0  # type: ignore[union-attr]


def test_article_running_into_a_sentence_is_a_heading_only_in_sequence() -> None:
    made = state_in_annex()
    assert article(made, raw("Article 1 Statement of purpose The purposes are to:"))
    draft = made.annexes[-1].article
    assert draft is not None and draft.heading.text == "Article 1" and draft.title is None
    assert [p.text for p in draft.paragraphs] == ["Statement of purpose The purposes are to:"]
    assert not article(made, raw("Article 7 The States shall cooperate as follows:"))


def test_an_article_printed_twice_gets_a_second_id() -> None:
    made = state_in_annex()
    assert article(made, raw("Article 2")) and article(made, raw("Article 2"))
    assert [a.id for a in made.annexes[-1].articles] == ["annexe-art-2", "annexe-art-2-2"]
    assert annex_heading(made, raw("Annex II")) and annex_heading(made, raw("Annex II"))
    assert [annex.id for annex in made.annexes] == ["annexe", "annexe-ii", "annexe-3"]


def test_numbered_restarts_in_each_article_or_continues_across_the_annex() -> None:
    made = state_in_annex()
    article(made, raw("Article 1"))
    assert numbered(made, raw("1. First."))
    assert not numbered(made, raw("2024. A year."))
    assert numbered(made, raw("2. Second."))
    article(made, raw("Article 2"))
    assert numbered(made, raw("1. First of article 2."))
    article(made, raw("Article 3"))
    assert not numbered(made, raw("3. Neither 1 nor the annex's next (2)."))
    assert numbered(made, raw("2. The annex's next."))


def test_roman_label_is_a_sub_item_unless_it_is_the_next_letter() -> None:
    made = state_in_annex()
    article(made, raw("Article 2"))
    numbered(made, raw("1. For the purposes of this Convention:"))
    for label in "abcdefgh":
        assert annex_item(made, raw(f"({label}) Term {label};"))
        if label == "e":
            assert annex_item(made, raw("(i) Provides;"))
            assert annex_item(made, raw("(ii) Processes;"))
    assert annex_item(made, raw("(i) “Property” shall mean assets;"))
    items = made.annexes[-1].article.paragraphs[-1].items  # type: ignore[union-attr]
    assert [item.label for item in items] == [f"({label})" for label in "abcdefghi"]
    assert [sub.id for sub in items[4].items] == [
        "annexe-art-2-par-1-e-i",
        "annexe-art-2-par-1-e-ii",
    ]


def test_a_label_opening_an_item_is_its_first_sub_item() -> None:
    made = state_in_annex()
    article(made, raw("Article 17"))
    assert numbered(made, raw("1. (a) (i) The conversion of property;"))
    paragraph = made.annexes[-1].article.paragraphs[-1]  # type: ignore[union-attr]
    assert paragraph.text == "" and paragraph.items[0].text == ""
    assert [(sub.id, sub.text) for sub in paragraph.items[0].items] == [
        ("annexe-art-17-par-1-a-i", "The conversion of property;")
    ]


def test_a_page_break_never_joins_a_heading_or_its_title_to_the_text() -> None:
    """A Markdown export, in the body (after paragraph 1): a page rule (``---``) after
    the closing formula, after an article's title, after an article heading.  A block
    that ends on no punctuation is continued across a page break, except these."""
    source = [
        "1. *Adopts* the Convention annexed to the present resolution.",
        "",
        "*55th plenary meeting 24 December 2024*",
        "",
        "---",
        "",
        "Annex",
        "",
        "*Article 1*",
        "",
        "*Statement of purpose*",
        "",
        "---",
        "",
        "The purposes of this Convention are to:",
        "",
        "*Article 41*",
        "",
        "---",
        "",
        "24/7 network",
        "",
        "1. Each State Party shall designate a point of contact.",
    ]
    lines = [Line(number, text) for number, text in enumerate(source, 1)]
    assert [raw.text for raw in read_markdown(lines).blocks] == [
        "Adopts the Convention annexed to the present resolution.",
        "55th plenary meeting 24 December 2024",
        "Annex",
        "Article 1",
        "Statement of purpose",
        "The purposes of this Convention are to:",
        "Article 41",
        "24/7 network",
        "Each State Party shall designate a point of contact.",
    ]


# ------------------------------------------------------------ the parser, fixtures


def outline(parsed: Document | object) -> str:
    """One line per block of the resolution's body and annexes: ``id | text``."""
    out = [f"{anchor} | {block.text}" for anchor, block in parsed.blocks()]  # type: ignore[attr-defined]
    return "\n".join(line for line in out if not line.startswith(("title-", "author |")))


@pytest.mark.parametrize(("source", "expected"), read_fixtures("annex.txt"))
def test_parser(source: str, expected: str) -> None:
    lang = "fr"
    if source.startswith("@lang "):
        first, source = source.split("\n", 1)
        lang = first.split(" ", 1)[1]
    blocks = [raw(text.replace("\n", " "), n) for n, text in enumerate(source.split("\n\n"), 1)]
    parsed = parse_text(blocks, layout_for(lang, "pdf-text"), "pdf-text", lang)  # type: ignore[arg-type]
    assert outline(parsed) == expected


# ----------------------------------------------- whole texts, in every layout a copy has

FRONT = """---
slug: annexe-{lang}
symbol: A/RES/79/243
title: Convention
body: ag
type: résolution
date: 2024-12-24
source: test
format: pdf-text
lang: {lang}
---
"""


def sample(lang: str) -> str:
    return (SAMPLES / f"annex-{lang}.txt").read_text(encoding="utf-8")


def convert(text: str, lang: str) -> Document:
    result = convert_bytes((FRONT.format(lang=lang) + text).encode("utf-8"), f"annex-{lang}.txt")
    (document,) = result.documents
    return document


def hard_wrapped(text: str, width: int) -> str:
    """Each paragraph wrapped at ``width`` columns, no blank line between paragraphs."""
    return "\n".join(textwrap.fill(paragraph, width) for paragraph in text.split("\n\n")) + "\n"


def flattened(text: str) -> str:
    return " ".join(text.split()) + "\n"


EXPECTED_ANNEX = {
    # Read in annexes/annex-en.txt: 2 chapters, 3 articles, 2 + 2 + 2 numbered paragraphs,
    # items 2 + 3 + 2, sub-items 2 (art. 2) + 2 (art. 3), one tail (art. 3), a second
    # annex with 3 numbered paragraphs under 2 article headings.
    "en": {
        "chapters": ["annexe-chap-I", "annexe-chap-II"],
        "articles": ["annexe-art-1", "annexe-art-2", "annexe-art-3"],
        "titles": ["Statement of purpose", "Use of terms", "Misuse of devices"],
        "preambular": 2,
        "numbered": 6,
        "items": 7,
        "sub_items": 4,
        "tails": 1,
        "second": ["annexe-2-art-2-par-1", "annexe-2-art-2-par-2", "annexe-2-art-3-par-3"],
    },
    # Read in annexes/annex-fr.txt: article premier unnumbered with 2 items; article 2
    # with 2 paragraphs, items a) (with i), ii)) and b); article 3 with 2 paragraphs.
    "fr": {
        "chapters": ["annexe-chap-I", "annexe-chap-II"],
        "articles": ["annexe-art-1", "annexe-art-2", "annexe-art-3"],
        "titles": ["Objet", "Terminologie", "Accès illégal"],
        "preambular": 2,
        "numbered": 4,
        "items": 4,
        "sub_items": 2,
        "tails": 0,
        "second": [],
    },
}


def measured(document: Document) -> dict[str, object]:
    annex = document.annexes[0]
    paragraphs = annex.paragraphs()
    items = [item for paragraph in paragraphs for item in paragraph.items]
    second = document.annexes[1].paragraphs() if len(document.annexes) > 1 else []
    return {
        "chapters": [chapter.id for chapter in annex.chapters()],
        "articles": [article.id for article in annex.articles()],
        "titles": [article.title.text if article.title else None for article in annex.articles()],
        "preambular": sum(1 for p in paragraphs if p.kind == "preambular"),
        "numbered": sum(1 for p in paragraphs if p.kind == "numbered"),
        "items": sum(1 for item in items if item.label),
        "sub_items": sum(len(item.items) for item in items),
        "tails": sum(1 for item in items if not item.label),
        "second": [p.id for p in second],
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sample_has_the_structure_read_in_it(lang: str) -> None:
    document = convert(sample(lang), lang)
    assert measured(document) == EXPECTED_ANNEX[lang]
    assert [p.id for p in document.paragraphs] == ["pp1", "op1", "op2"]
    assert document.closing is not None


def as_relaid(blank_line_outline: str) -> str:
    """An outline as a copy with no blank line can tell it.  Two
    boundaries only a blank line (or a PDF's indentation) shows are not there: between
    the lines of an annex's title (one title block, the same words), and before the
    words that close a list of items (``… data; | with the intent that …``: they stay
    with the last item)."""
    lines: list[str] = []
    for line in blank_line_outline.split("\n"):
        anchor, text = line.split(" | ", 1)
        title = re.fullmatch(r"(.+-titre)-(\d+)", anchor)
        continued = (title and title[2] != "1") or re.search(r"-suite-\d+$", anchor)
        if continued and lines:
            lines[-1] += f" {text}"
        else:
            lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "fr"])
@settings(max_examples=20, deadline=None)
@given(width=st.integers(min_value=55, max_value=110))
def test_hard_wrapped_copy_reads_as_the_blank_line_copy(lang: str, width: int) -> None:
    """Wrapped at a generated width of 55-110 columns, no blank line."""
    text = sample(lang)
    expected = as_relaid(outline(convert(text, lang)))
    # A width may show the title's line break or not (the short-line rule): both sides
    # are compared with the title in one block.
    assert as_relaid(outline(convert(hard_wrapped(text, width), lang))) == expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_flattened_copy_reads_as_the_blank_line_copy(lang: str) -> None:
    """One line: where an article's first paragraph has no number, nothing tells its
    title from its text (``Article premier Objet La présente …``): the title is then
    read as the start of that paragraph, the words the same.  Every other block is as
    in the blank-line copy."""
    text = sample(lang)
    expected = as_relaid(outline(convert(text, lang)))
    if lang == "fr":
        expected = expected.replace(
            "annexe-art-1-titre | Objet\nannexe-art-1-al-1 | ", "annexe-art-1-al-1 | Objet "
        )
    assert as_relaid(outline(convert(flattened(text), lang))) == expected


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("layout", ["blank", "hard", "flat"])
def test_no_word_of_the_annex_lost_or_added(lang: str, layout: str) -> None:
    text = {"blank": sample(lang), "hard": hard_wrapped(sample(lang), 72)}.get(
        layout, flattened(sample(lang))
    )
    body, notes = model_streams([convert(text, lang)])
    source = source_tokens(text, "pdf-text")
    assert Counter(body + notes) == Counter(source)
    assert body == source  # and in the order printed


def test_relaid_outline_joins_only_title_lines_and_list_tails() -> None:
    blank = (
        "annexe | Annex\nannexe-titre-1 | A;\nannexe-titre-2 | B\n"
        "x-a-ii | C;\nx-suite-1 | d\nx-b | E"
    )
    assert as_relaid(blank) == "annexe | Annex\nannexe-titre-1 | A; B\nx-a-ii | C; d\nx-b | E"


def test_annex_ids_leave_the_resolutions_ids_alone() -> None:
    text = sample("en")
    without = text.split("\n\nAnnex\n", 1)[0] + "\n"
    assert [p.id for p in convert(without, "en").paragraphs] == [
        p.id for p in convert(text, "en").paragraphs
    ]
