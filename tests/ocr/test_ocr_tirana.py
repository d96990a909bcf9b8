"""The OCR seed against the list of its true errors, written by reading the text."""

from __future__ import annotations

from collections import Counter

import pytest

from resolutions.model import Correction, LabelCorrection
from resolutions.ocr_repair import repair
from resolutions.pipeline import convert_file

from .documents import (
    TIRANA,
    all_blocks,
    applied_corrections,
    precision_recall,
    raw_document,
    true_errors,
)

MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def test_every_listed_error_is_printed_on_its_line():
    lines = TIRANA.read_text(encoding="utf-8").split("\n")
    for (line, original, _), count in true_errors().items():
        words = lines[line - 1].split()
        printed = sum(word == original or word.rstrip(".,;") == original for word in words)
        assert printed >= count, (line, original)


def test_precision_and_recall_on_the_converted_text(lexicon):
    """The real pipeline (reader and structure, then repair): every correction made."""
    document = repair(convert_file(TIRANA, repair=False).documents[0], lexicon)
    precision, recall = precision_recall(applied_corrections(document), true_errors())
    assert precision >= MIN_PRECISION, precision
    assert recall >= MIN_RECALL, recall


def test_precision_and_recall_on_the_raw_lines(lexicon):
    """The repair stage alone, on the scan's lines as they are (``S.`` stays: paragraph
    numbers are the structure reader's)."""
    document = repair(raw_document(TIRANA), lexicon)
    found = applied_corrections(document)
    truth = true_errors()
    precision, recall = precision_recall(found, truth)
    assert precision >= MIN_PRECISION, sorted((found - truth).elements())
    assert recall >= MIN_RECALL, sorted((truth - found).elements())


@pytest.fixture(scope="module")
def repaired(lexicon):
    return repair(convert_file(TIRANA, repair=False).documents[0], lexicon)


def test_the_text_reads_corrected(repaired):
    paragraphs = {paragraph.id: paragraph.text for paragraph in repaired.paragraphs}
    assert paragraphs["op2"].startswith(
        "Nous rappelons en outre tous les documents pertinents adoptés à l’OSCE"
    )
    assert "le rôle découlant de ces documents pour l’OSCE." in paragraphs["op2"]
    assert "la meilleure façon de mener" in paragraphs["op4"]
    assert "la sûreté et de la sécurité publiques" in paragraphs["op4"]
    assert "s’il y a lieu, grâce à des contacts et à un dialogue" in paragraphs["op9"]
    assert "en renforçant la mise en œuvre" in paragraphs["op10"]
    for text in paragraphs.values():
        for scan_only in ("I’", "1’", " ’", "¢", "ceuvre", "réle", " a la ", " a I"):
            assert scan_only not in text


def test_each_correction_marks_its_new_words_and_its_line(repaired):
    before = convert_file(TIRANA, repair=False).documents[0]
    added = repaired.corrections[len(before.corrections) :]
    assert repaired.corrections[: len(before.corrections)] == before.corrections
    marked = []
    for _anchor, block in all_blocks(repaired):
        for span in block.spans_of(Correction):
            assert block.text[span.start : span.end] == span.replacement
            assert block.line_at(span.start) == span.line
            marked.append(span)
    assert Counter(added) <= Counter(marked)

    def reading(correction: Correction) -> tuple[int, str, str, str]:
        return (correction.line, correction.original, correction.replacement, correction.reason)

    # Every correction is marked on the words it made, the reader's too (the quote read
    # as the mark of note 1), but the paragraph number printed "S." (line 39): a number
    # is its paragraph's label, not part of the paragraph's text.
    label = [c for c in repaired.corrections if isinstance(c, LabelCorrection)]
    assert [(c.line, c.original) for c in label] == [(39, "S.")]
    assert Counter(map(reading, marked)) == Counter(
        reading(c) for c in repaired.corrections if c not in label
    )


def test_structure_corrections_are_kept(repaired):
    originals = {(c.line, c.original) for c in repaired.corrections}
    assert (39, "S.") in originals
    assert (10, "DECLARATION‘SUR") in originals


def test_note_marks_follow_the_text(repaired):
    title = repaired.heading[0]
    (mark,) = title.notes
    assert title.text.startswith("DECLARATION SUR LE RENFORCEMENT")
    assert title.text[: mark.offset] == "DECLARATION"


def test_the_pipeline_repairs_scanned_texts(lexicon):
    """What the site publishes is the repaired text, with its corrections recorded."""
    published = convert_file(TIRANA).documents[0]
    assert published == repair(convert_file(TIRANA, repair=False).documents[0], lexicon)
    assert len(published.corrections) > 2
