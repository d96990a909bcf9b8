"""The Markdown reader's own inline tokenizer gives markdown-it-py's tokens, or steps aside.

``simple_inline`` stands in for markdown-it-py on the inline content the exports use
(text, line breaks, plain ``*…*``/``**…**``, ``<sup>``); wherever it answers, its
tokens must be markdown-it-py's, to the empty text tokens that parser leaves around a
``**`` pair.  Compared on every inline content of the Markdown seeds and on generated
content made of the pieces where CommonMark's rules turn (star runs beside spaces and
punctuation, line breaks after spaces, tags, escapes).
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.load import parse_source
from resolutions.readers.markdown import _BLOCK_PARSER, _PARSER
from resolutions.readers.markdown_inline import INLINE_RULES, InlineToken, simple_inline

ROOT = Path(__file__).resolve().parents[2]

PIECES = [
    "*", "**", "***", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "<sup>", "</sup>",
    "<SUP>", "<b>", "< ", "a", "Prie", "é", "1", ".", ",", "(", ")", "«", "»", "’",
    "-", "_", "\\", "`", "&amp;", "&", ":", ";", "[", "]", "€", "°",
]  # fmt: skip


def markdown_it_children(content: str) -> list[tuple[str, str, str]]:
    children = _PARSER.parseInline(content)[0].children or []
    return [(token.type, token.content, token.markup) for token in children]


def agrees(content: str) -> bool:
    """True when ``simple_inline`` reads ``content``; fails when it reads it wrong."""
    tokens = simple_inline(content)
    if tokens is None:
        return False
    assert [tuple(token) for token in tokens] == markdown_it_children(content), content
    return True


def test_the_parser_runs_the_inline_rules_the_tokenizer_stands_in_for() -> None:
    rules = _PARSER.get_active_rules()
    assert set(rules["inline"]) == INLINE_RULES
    assert rules["inline2"] == ["balance_pairs", "emphasis", "fragments_join"]
    assert rules["core"] == ["normalize", "block", "inline", "text_join"]
    assert _BLOCK_PARSER.get_active_rules()["core"] == ["normalize", "block"]
    assert _BLOCK_PARSER.get_active_rules()["block"] == rules["block"]


def test_a_paragraph_of_an_export() -> None:
    content = "*Rappelant* sa résolution 62/176<sup>1</sup>,  \n  Prie **instamment** *a *"
    assert simple_inline(content) == [
        InlineToken("em_open", "", "*"),
        InlineToken("text", "Rappelant", ""),
        InlineToken("em_close", "", "*"),
        InlineToken("text", " sa résolution 62/176", ""),
        InlineToken("html_inline", "<sup>", ""),
        InlineToken("text", "1", ""),
        InlineToken("html_inline", "</sup>", ""),
        InlineToken("text", ",", ""),
        InlineToken("hardbreak", "", ""),
        # markdown-it-py empties the outer star of each ``**`` run, and the last star
        # (after a space) closes nothing: the first one stays open, as text.
        InlineToken("text", "Prie ", ""),
        InlineToken("strong_open", "", "**"),
        InlineToken("text", "instamment", ""),
        InlineToken("strong_close", "", "**"),
        InlineToken("text", " *a *", ""),
    ]
    assert agrees(content)


def test_what_it_leaves_to_markdown_it() -> None:
    for content in [
        "a_b",  # underscore emphasis
        "\\*x*",  # an escape
        "`x`",  # code
        "A &amp; B",  # an entity
        "a <b>c</b>",  # other HTML
        "a <SUP>1</SUP>",  # a tag of another case
        "***x***",  # a run of three
        "*a**",  # a closer of another length than its opener
        "*a **b* c**",
    ]:
        assert simple_inline(content) is None, content


def test_every_inline_content_of_the_markdown_seeds() -> None:
    read = 0
    for path in sorted((ROOT / "source_texts").glob("*.txt")):
        source = parse_source(path.read_bytes(), path.name, path.stem)
        if source.format != "markdown":
            continue
        tokens = _BLOCK_PARSER.parse("\n".join(line.text for line in source.lines))
        for token in tokens:
            if token.type == "inline":
                read += agrees(token.content)
    assert read > 100  # the seeds' 154 inline contents, notes with "*Ibid.*," apart


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_generated_content(content: str) -> None:
    agrees(content)


def test_generated_content_is_mostly_read() -> None:
    """The same comparison on a fixed sample, of which a good share is read by
    ``simple_inline`` (so the comparison is not made on None alone)."""
    rng = random.Random(14)
    plain = [piece for piece in PIECES if piece not in ("_", "\\", "`", "&amp;", "&", "<b>")]
    read = 0
    for _ in range(4000):
        pieces = rng.choices(plain, k=rng.randint(1, 30))
        read += agrees("".join(pieces))
    assert read > 1000
