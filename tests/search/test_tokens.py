"""Index terms: what a reader's words become, and what never becomes a term."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolutions.search.tokens import fold, indexed_terms, query_terms, symbol_forms, terms, words

# Letters of French and English texts, their decomposed accents, ligatures, digits, the
# joiners of symbols, apostrophes, markup and entities.
TEXT = st.lists(
    st.sampled_from(
        [
            *"aAeEéÉèêëçÇàùûüîïôœŒæÆ0123456789/.-’' İßΣ",
            *("e\u0301", "\u0327", "&amp;", "&#x27;", "<em>", "</em>"),
        ]
    ),
    max_size=40,
).map("".join)


@given(TEXT)
def test_fold_is_lower_case_nfd_without_marks_and_ligatures_spelt_out(text: str) -> None:
    reference = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFD", text.lower()))
    assert fold(text) == reference.replace("œ", "oe").replace("æ", "ae")


# Characters whose folding depends on their neighbours, or folds them into something
# else than letters and digits: accents alone, letters whose accent folding keeps (a
# Devanagari nukta, an Arabic hamza, a Hebrew point), decomposing into several marks
# (Greek), a sign that folds into punctuation, a letter lower case makes two of.
UNUSUAL = [
    *"\u0301\u0345\u0483\u05b0\u093c\u0654\u0958\u0623\u0390\u1f85\u1e69",
    *"Å\u212b\u037e\u0387ǅﬁ한İΣς",
]


@pytest.mark.parametrize("character", UNUSUAL, ids=lambda character: f"U+{ord(character):04X}")
def test_the_index_finds_the_terms_around_an_unusual_character(character: str) -> None:
    for text in (
        character,
        f"ab{character}cd",
        f"é{character}é",
        f"{character}{character}ab",
        f"a/{character}/1",
        f"ab-{character}e\u0301",
        f"<em>AB{character}</em>&amp;",
    ):
        assert indexed_terms(text) == terms(text), text


@given(TEXT | st.lists(st.sampled_from(UNUSUAL) | st.characters() | TEXT, max_size=12).map("".join))
def test_the_index_finds_the_terms_of_any_text(text: str) -> None:
    assert indexed_terms(text) == terms(text)
    assert Counter(indexed_terms(text)) == Counter(terms(text))


@pytest.mark.parametrize(
    "text",
    [
        "l’ONUDC",
        "l'ONUDC",
        "d’argent",
        "qu’il",
        "jusqu’à",
        "lorsqu’elles",
        "puisqu’un",
        "quelqu’un",
    ],
)
def test_elided_words_are_never_terms(text: str) -> None:
    elided = fold(text).replace("’", "'").split("'")[0]
    assert elided not in terms(text)
    assert all(len(term) > 1 for term in terms(text))


def test_symbols_stay_whole_with_their_short_form() -> None:
    assert terms("A/RES/62/176") == ["a/res/62/176", "62/176"]
    assert terms("résolution S-20/2") == [*query_terms("résolution"), "s-20/2"]
    assert terms("A/RES/S-20/2") == ["a/res/s-20/2", "s-20/2"]
    assert terms("PC.DEC/758") == ["pc.dec/758"]
    assert terms("61/183") == ["61/183"]
    assert symbol_forms("e/2009/28") == ["e/2009/28", "2009/28"]


def test_a_query_symbol_is_not_split() -> None:
    assert query_terms("A/RES/62/176") == ["a/res/62/176"]
    assert query_terms("Décision No 758") == [*query_terms("décision"), "758"]


def test_hyphens_and_dots_split_words_outside_symbols() -> None:
    assert words("non-gouvernementales e.g. 2019-2020") == [
        "non",
        "gouvernementales",
        "e",
        "g",
        "2019",
        "2020",
    ]


def test_html_tags_and_entities_are_not_words() -> None:
    assert words("<code>Drogues</code> &amp; crime &lt;b&gt;") == ["drogues", "crime", "b"]


def test_stop_words_are_dropped_and_inflections_share_a_stem() -> None:
    assert terms("de la coopération et des États") == terms("coopération États")
    assert terms("précurseurs")[0] == terms("précurseur")[0]
    assert terms("chimiques")[0] == terms("chimique")[0]
