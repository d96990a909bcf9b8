"""Front matter of the usual simple shape is read without YAML
(``load._simple_front_matter``): what it reads is what YAML reads, and what it does
not take (a quote inside quotes, comments, lists, a key given twice, a value YAML
refuses) is left to YAML.  Blocks are drawn from the pieces YAML treats specially, so
that each of them lands at the start, inside and at the end of a value."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions import load

# Ordinary pieces are repeated, so that a good part of the blocks has the simple shape
# throughout and the special pieces land inside values that it would otherwise take.
ORDINARY_KEYS = ["title", "symbol", "pdf_sha256", "source"]
KEYS = [*ORDINARY_KEYS * 3, "<<", "Title", "a b", "x-y", "_k", "2"]
SEPARATORS = [*[": "] * 6, ":", ":  ", " : ", ":\t", ": \t"]
ORDINARY_PIECES = ["Coopération", " internationale", "A/RES/62/176", "2007-12-18", "ag", "é"]
SPECIAL_PIECES = [
    "yes",
    "null",
    "~",
    "1.10",
    "0x1F",
    "É",
    "(F)",
    "«",
    "»",
    "l’",
    "l'",
    *":#-?,[]{}&*!|>'\"%@`\\",
    ": ",
    " #",
    "# ",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u202f",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x07",
    "http://un.org",
    "<<",
]
VALUES = st.lists(
    st.sampled_from([*ORDINARY_PIECES * 4, *SPECIAL_PIECES]), min_size=1, max_size=5
).map("".join)
LINES = st.one_of(
    st.builds(
        lambda key, separator, value: key + separator + value,
        st.sampled_from(KEYS),
        st.sampled_from(SEPARATORS),
        VALUES,
    ),
    st.builds(lambda key, value: f'{key}: "{value}"', st.sampled_from(KEYS), VALUES),
    st.builds(lambda key, value: f"{key}: '{value}'", st.sampled_from(KEYS), VALUES),
    st.sampled_from(["", "  - item", "documents:", "# a comment", "  continued", "---"]),
)
BLOCKS = st.lists(LINES, min_size=1, max_size=3).map("\n".join)
ONE_FIELD = st.builds(lambda key, value: f"{key}: {value}", st.sampled_from(ORDINARY_KEYS), VALUES)


def read_by_yaml(block: str) -> object:
    try:
        return yaml.load(block, Loader=load._MetadataLoader)
    except yaml.YAMLError as error:
        return type(error)


@settings(max_examples=3000, derandomize=True, database=None, deadline=None)
@given(block=BLOCKS)
def test_the_simple_shape_is_read_as_yaml_reads_it(block: str) -> None:
    simple = load._simple_front_matter(block)
    if simple is not None:
        assert simple == read_by_yaml(block)


@settings(max_examples=3000, derandomize=True, database=None, deadline=None)
@given(block=ONE_FIELD)
def test_one_plain_value_is_read_as_yaml_reads_it(block: str) -> None:
    simple = load._simple_front_matter(block)
    if simple is not None:
        assert simple == read_by_yaml(block)


def test_the_seeds_usual_front_matter_is_taken() -> None:
    # Written by reading the template: plain values and a source in double quotes.
    block = (
        "symbol: A/RES/62/176\ntitle: Coopération internationale face au problème mondial "
        'de la drogue\nbody: ag\ntype: résolution\ndate: 2007-12-18\nsource: "Nations '
        'Unies, Assemblée générale, A/RES/62/176 : texte extrait du PDF"\nformat: pdf-text'
    )
    assert load._simple_front_matter(block) == read_by_yaml(block)
    assert load._simple_front_matter(block) is not None


def test_single_quotes_are_taken() -> None:
    # The English seed's date and agenda item (a date or a number kept as text).
    block = "date: '2024-06-04'\nagenda_item: '64'\ntitle: ' a\\b '"
    assert load._simple_front_matter(block) == {
        "date": "2024-06-04",
        "agenda_item": "64",
        "title": " a\\b ",
    }
    assert load._simple_front_matter(block) == read_by_yaml(block)


def test_what_yaml_reads_otherwise_is_left_to_it() -> None:
    for block in [
        "title: x #comment",  # a comment
        "title: 'l''x'",  # a single quote doubled inside single quotes
        "title: x\n  y",  # a value over two lines
        "title: x\ntitle: y",  # a key given twice: YAML's own error
        "title: a: b",  # YAML refuses it
        "title: x:",  # YAML refuses it
        'source: "a \\" b"',  # an escape
        "documents:\n  - title: x",
    ]:
        assert load._simple_front_matter(block) is None, block
