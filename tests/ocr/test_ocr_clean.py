"""Texts that were never scanned, run through the repair stage as if they were OCR:
no word may change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from resolutions.ocr_repair import propose, repair
from resolutions.pipeline import convert_file

from .documents import clean_sources, raw_document

CLEAN = clean_sources()


def test_the_clean_seeds_are_there():
    assert len(CLEAN) == 4


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.stem)
def test_no_word_of_a_converted_clean_text_changes(path, lexicon):
    for document in convert_file(path, repair=False).documents:
        as_ocr = replace(document, format="ocr")
        applied = [p for p in propose(as_ocr, lexicon) if p.applied]
        assert applied == []
        assert repair(as_ocr, lexicon) == as_ocr


@pytest.mark.parametrize("path", CLEAN, ids=lambda path: path.stem)
def test_no_word_of_a_raw_clean_text_changes(path, lexicon):
    """The lines as received, markup and glued note numbers included."""
    document = raw_document(path)
    assert [p for p in propose(document, lexicon) if p.applied] == []
    assert repair(document, lexicon) == document
