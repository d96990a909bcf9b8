"""Issue 12, finding 9: two listing rows that look the same cannot lead to two pages.

Invisible, text-direction and lookalike characters are refused in metadata; NFD is
read as NFC, so the same symbol typed both ways is one symbol (and a clash).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from resolutions.errors import SourceError
from resolutions.load import parse_source
from resolutions.pipeline import convert_corpus

TEXT = (
    "---\nsymbol: {symbol}\ntitle: {title}\nbody: ag\ntype: résolution\n"
    "date: 2000-01-01\nsource: essai\nformat: pdf-text\n---\n"
    " L’Assemblée générale,\n\n 1. Décide de rester saisie de la question.\n"
)


def source(symbol: str = "A/RES/1/1", title: str = "Coopération") -> bytes:
    return TEXT.format(symbol=symbol, title=title).encode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("symbol", "A/RES/1/\u200b1", "U+200B ZERO WIDTH SPACE"),
        ("symbol", "\u0410/RES/1/1", "U+0410 CYRILLIC CAPITAL LETTER A"),
        ("symbol", "\uff21/RES/1/1", "FULLWIDTH LATIN CAPITAL LETTER A"),
        ("title", "Coop\u00e9ration \u202eeuqinu", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("title", "Co\u043eperation", "mixes cyrillic and latin letters"),
        ("title", "\uff23ooperation", "a lookalike of 'C'"),
        ("title", "Coop\u00adération", "U+00AD SOFT HYPHEN"),
        ("title", "Coopération \u2066suite", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ],
)
def test_lookalike_and_invisible_characters_are_refused(
    field: str, value: str, message: str
) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as raised:
        parse_source(source(**{field: value}), "t.txt")
    assert str(raised.value).startswith(f"t.txt:{2 if field == 'symbol' else 3}: error: '{field}'")


def test_french_typography_is_accepted() -> None:
    title = "Déclaration « politique » sur l’œuvre\u202f; 2019\u00a0–\u00a0Évaluation…"
    assert parse_source(source(title=title), "t.txt").entries[0]["title"] == title


def test_nfd_and_nfc_are_one_symbol(tmp_path: Path) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    title = "Coopération"
    (folder / "a.txt").write_bytes(source(title=title, symbol="A/RES/1/1"))
    decomposed = unicodedata.normalize("NFD", title)
    assert decomposed != title
    entry = parse_source(source(title=decomposed), "t.txt").entries[0]
    assert entry["title"] == title
    (folder / "b.txt").write_bytes(source(title=decomposed, symbol="A/RES/1/1"))
    with pytest.raises(SourceError, match="already used"):
        convert_corpus(folder)
