"""Clean texts damaged by a seeded generator of OCR confusions, then repaired."""

from __future__ import annotations

import pytest

from resolutions.ocr_repair import repair
from resolutions.pipeline import convert_file

from .documents import clean_sources, damage_document, word_error_rate

RATE = 0.1
"""Share of words misread: the OCR seed has about 60 wrong words in 900."""


@pytest.fixture(scope="module")
def clean_documents():
    return [
        document
        for path in clean_sources()
        for document in convert_file(path, repair=False).documents
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_repair_takes_back_most_of_the_damage(seed, clean_documents, lexicon):
    damaged = [
        damage_document(document, seed * 1000 + index, RATE)
        for index, document in enumerate(clean_documents)
    ]
    repaired = [repair(document, lexicon) for document in damaged]
    before = word_error_rate(clean_documents, damaged)
    after = word_error_rate(clean_documents, repaired)
    assert before > 0.03  # the noise is real
    assert after <= before / 4, (before, after)


def test_the_damage_is_reproducible(clean_documents):
    first = damage_document(clean_documents[0], 7, RATE)
    again = damage_document(clean_documents[0], 7, RATE)
    other = damage_document(clean_documents[0], 8, RATE)
    assert first == again
    assert first != other
