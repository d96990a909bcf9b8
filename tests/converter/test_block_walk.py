"""The model's walks over a text's blocks (model.BlockWalk): every block with its anchor,
the notes last, and changes that keep each block's kind."""

from __future__ import annotations

from dataclasses import replace

import pytest

from resolutions.model import Block, Document, Footnote, Item, Paragraph, Section


def document() -> Document:
    item = Item("en renforçant les contrôles", 6, id="op1-a", label="a)")
    return Document(
        slug="t",
        symbol="A/RES/1/1",
        title="Titre",
        body="ag",
        type="résolution",
        date="2001-02-03",
        source="test",
        format="pdf-text",
        source_path="t.txt",
        line=1,
        heading=(Block("Résolution 1/1", 1),),
        author=Block("L’Assemblée générale,", 2),
        sections=(Section("sec-I", "I", Block("Coopération", 3)),),
        paragraphs=(
            Paragraph("Rappelant,", 4, id="pp1", kind="preambular"),
            Paragraph("Prie :", 5, id="op1", kind="operative", number="1", items=(item,)),
        ),
        closing=Block("1re séance plénière", 7),
        footnotes=(Footnote("1", Block("Voir A/1/2.", 9), ("op1",)),),
    )


def test_all_blocks_are_the_blocks_in_reading_order_then_the_notes() -> None:
    text = document()
    assert [anchor for anchor, _ in text.all_blocks()] == [
        "title-1",
        "author",
        "pp1",
        "op1",
        "op1-a",
        "sec-I",  # no paragraph says it is in section I: where the body ends
        "closing",
        "fn-1",
    ]
    assert text.all_blocks()[:-1] == text.blocks()


def test_a_change_must_keep_the_kind_of_a_block() -> None:
    text = document()
    same = text.map_blocks(lambda anchor, block: replace(block, text=block.text))
    assert same == text
    with pytest.raises(TypeError, match="a change made a Block of a Paragraph"):
        text.map_blocks(lambda anchor, block: Block(block.text, block.line))


def test_a_paragraph_or_item_read_from_a_block_keeps_every_field_of_the_block() -> None:
    # paragraph_of and item_of name the block's fields one by one (for speed): a field
    # added to Block must be added there too, or it would be silently dropped.
    from resolutions.model import Emphasis, NoteMark, _block_fields, item_of, paragraph_of

    block = Block(
        "Rappelant la Déclaration",
        4,
        lines=((0, 4), (11, 5)),
        notes=(NoteMark(24, "1", 5),),
        spans=(Emphasis(0, 10),),
    )
    assert set(_block_fields(block)) == set(Block.__dataclass_fields__)
    for made in (paragraph_of(block, "pp1", "preambular"), item_of(block, "op1-a", "a)")):
        for name in Block.__dataclass_fields__:
            assert getattr(made, name) == getattr(block, name), name
