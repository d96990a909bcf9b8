"""language.language_shares counts function words piece by piece (for speed): it must
count exactly what reading the whole text's words with the pattern counts."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from resolutions.language import _LANGUAGE_OF, _WORD, detect_language, language_shares


def reference(text: str) -> dict[str, int]:
    """The definition: every run of letters of the lower-cased text is a word."""
    found = Counter(map(_LANGUAGE_OF.get, _WORD.findall(text.lower())))
    return {"fr": found.get("fr", 0), "en": found.get("en", 0)}


PIECES = [
    "le", "La", "DE", "the", "Of", "and", "d’une", "qu'il", "l’Assemblée", "(de", "de,",
    "2005le", "le_la", "x²de", "½the", "été", "İt", "ǅe", " ", "  ", "\u00a0", "\u2028", "\t",
    "\n", "«", "»", ".", "-", "1",
    # Pieces the separators cut or leave ("/", "’", ";", '"' become spaces first).
    "62/176", "n°", "1er", "l’on;", '"the"', "١٢de", "of/the", "’", "de:",
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4)).map("".join))
def test_the_same_counts_as_reading_every_word(text: str) -> None:
    assert language_shares(text) == reference(text)


def test_french_and_english_are_told_apart() -> None:
    french = (
        "Rappelant que la coopération des États est essentielle pour la lutte contre les "
        "drogues et le trafic, "
    )
    english = (
        "Recalling that the cooperation of States is essential for the fight against drugs "
        "and the traffic, "
    )
    assert detect_language(french * 3) == "fr"
    assert detect_language(english * 3) == "en"
    assert detect_language(french * 2 + english * 2) is None  # bilingual: neither
