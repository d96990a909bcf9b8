"""The Markdown reader's own block reader gives markdown-it-py's block tokens, or steps aside.

``simple_blocks`` stands in for markdown-it-py's block parser on sources made of the
exports' kinds of lines; wherever it answers, its tokens (type, tag, info, lines,
content, level) must be markdown-it-py's.  Compared on the Markdown seeds and on
generated sources made of lines where CommonMark's block rules turn (items numbered 1
or not, with either delimiter, after a paragraph or inside an item; rules and
headings without a blank line; indented lines, bullets, HTML).
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.load import parse_source
from resolutions.readers.furniture import strip_furniture
from resolutions.readers.markdown import _BLOCK_PARSER
from resolutions.readers.markdown_blocks import BLOCK_RULES, BlockToken, simple_blocks

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    "", "", "", "  ", "\t", "*Rappelant* sa résolution 62/176,", "L’Assemblée générale,",
    "1. *Salue* l’action", "2. *Prie* le Secrétaire", "01. un", "10) dix", "1) un",
    "1.", "1.  deux espaces", "1.\tx", "1234567890. x", "7 juin 2024", "2006.",
    "# Assemblée générale", "### **78/284. Coopération**", "## Titre ##", "#hashtag",
    "####### sept", "---", "***", "___", "- - -", "-", "- tiret", "* étoile", "+ plus",
    "**Soixante-dix-huitième session**", "<sup>1</sup> Nations Unies, *Recueil*",
    "<sup>2</sup>", "<sup>", "<div>", "<p>x</p>", "</sup> x", "<b>x</b> y", " indenté",
    "    code", "> cité", "```", "=== ", "[sans renvoi à une grande commission]",
    "Distr. générale  ", "\u00a0insécable", "a\u00a0", "1. 2. imbriqué", "1. # titre",
    "1. ---", "1. <sup>3</sup> note",
]  # fmt: skip


def markdown_it_tokens(source: str) -> list[tuple]:
    return [
        (token.type, token.tag, token.info, token.map, token.content, token.level)
        for token in _BLOCK_PARSER.parse(source)
    ]


def agrees(source: str) -> bool:
    """True when ``simple_blocks`` reads ``source``; fails when it reads it wrong."""
    tokens = simple_blocks(source)
    if tokens is None:
        return False
    assert [tuple(token) for token in tokens] == markdown_it_tokens(source), source
    return True


def test_the_parser_runs_the_block_rules_the_reader_stands_in_for() -> None:
    assert tuple(_BLOCK_PARSER.get_active_rules()["block"]) == BLOCK_RULES


def test_an_export() -> None:
    source = "# Assemblée générale\n\n---\n*L’Assemblée générale,*\nsuite\n1. *Salue*\n\n2. *Prie*"
    assert simple_blocks(source) == [
        BlockToken("heading_open", "h1", "", [0, 1], "", 0),
        BlockToken("inline", "", "", [0, 1], "Assemblée générale", 1),
        BlockToken("heading_close", "h1", "", None, "", 0),
        BlockToken("hr", "hr", "", [2, 3], "", 0),
        # An item numbered 1 interrupts a paragraph; the blank line keeps the list open.
        BlockToken("paragraph_open", "p", "", [3, 5], "", 0),
        BlockToken("inline", "", "", [3, 5], "*L’Assemblée générale,*\nsuite", 1),
        BlockToken("paragraph_close", "p", "", None, "", 0),
        BlockToken("ordered_list_open", "ol", "", [5, 8], "", 0),
        BlockToken("list_item_open", "li", "1", [5, 7], "", 1),
        BlockToken("paragraph_open", "p", "", [5, 6], "", 2),
        BlockToken("inline", "", "", [5, 6], "*Salue*", 3),
        BlockToken("paragraph_close", "p", "", None, "", 2),
        BlockToken("list_item_close", "li", "", None, "", 1),
        BlockToken("list_item_open", "li", "2", [7, 8], "", 1),
        BlockToken("paragraph_open", "p", "", [7, 8], "", 2),
        BlockToken("inline", "", "", [7, 8], "*Prie*", 3),
        BlockToken("paragraph_close", "p", "", None, "", 2),
        BlockToken("list_item_close", "li", "", None, "", 1),
        BlockToken("ordered_list_close", "ol", "", None, "", 0),
    ]
    assert agrees(source)


def test_what_it_leaves_to_markdown_it() -> None:
    for source in [
        "texte\n  indenté",
        "- tiret",
        "<div>\nx",
        "<sup>",  # a tag alone on its line: an HTML block
        "x\n</sup>\u00a0",
        "1.",
        "1.  deux espaces",
        "1. 2. imbriqué",
        "## Titre ##",
        "a\rb",
        "a\0b",
    ]:
        assert simple_blocks(source) is None, repr(source)


def test_the_markdown_seeds() -> None:
    for path in sorted((ROOT / "source_texts").glob("*.txt")):
        source = parse_source(path.read_bytes(), path.name, path.stem)
        if source.format != "markdown":
            continue
        lines = strip_furniture(source.lines, (), cover=False).lines
        assert agrees("\n".join(line.text for line in lines)), path.name


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=25).map("\n".join))
def test_generated_sources(source: str) -> None:
    agrees(source)


def test_generated_sources_are_mostly_read() -> None:
    """The same comparison on a fixed sample, of which a good share is read by
    ``simple_blocks`` (so the comparison is not made on None alone)."""
    rng = random.Random(14)
    plain = [line for line in LINES if simple_blocks(line) is not None]
    read = 0
    for _ in range(3000):
        read += agrees("\n".join(rng.choices(plain, k=rng.randint(1, 25))))
    assert read > 1000
