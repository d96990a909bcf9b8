"""A reader's corrections find the spans their blocks hold after the structure stage.

Two corrections alike in every field (same line, words, reason) can come from one line
of a flattened copy, which holds a whole text: each must get its own span, or the
document's list would point twice at the first place and never at the second."""

from __future__ import annotations

from resolutions.model import Block, Correction, ParsedText
from resolutions.structure import placed_correction


def _correction(start: int) -> Correction:
    return Correction(
        start=start,
        end=start + 6,
        original="DE‘LA",
        replacement="DE LA",
        reason="« ‘ » lu comme l’appel de la note 1",
        line=3,
    )


def _text(*blocks: Block) -> ParsedText:
    return ParsedText(
        heading=blocks,
        author=None,
        paragraphs=(),
        sections=(),
        closing=None,
        fragment=False,
        incomplete=False,
        details=(),
        corrections=(),
        lang="fr",
    )


def test_alike_corrections_on_one_line_each_get_their_own_span() -> None:
    first, second = _correction(4), _correction(20)
    text = _text(
        Block(text="TEXTE DE LA PAIX", line=3, spans=(first,)),
        Block(text="RAPPORT SUR L’ÉTAT DE LA PAIX", line=3, spans=(second,)),
    )
    placed: set[int] = set()
    # The reader listed them with offsets in its own copy of the blocks (0 here).
    listed = [_correction(0), _correction(0)]
    assert [placed_correction(c, text, placed) for c in listed] == [first, second]
    assert [placed_correction(c, text, placed).start for c in listed[:1]] == [0]


def test_a_correction_no_block_holds_is_kept_as_listed() -> None:
    listed = _correction(0)
    assert placed_correction(listed, _text(Block(text="TEXTE", line=3)), set()) is listed
