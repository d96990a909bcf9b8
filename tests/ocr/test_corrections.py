"""The one way a word is corrected (``corrections.py``), on blocks written by hand."""

from __future__ import annotations

from resolutions.corrections import Edit, correct_block, correct_document, label_correction
from resolutions.model import (
    Block,
    Correction,
    Document,
    Emphasis,
    LabelCorrection,
    NoteMark,
    paragraph_of,
)


def edit(start: int, end: int, replacement: str, line: int = 3) -> Edit:
    return Edit(start, end, replacement, reason="accent", confidence=0.9, line=line)


def test_the_text_changes_and_what_follows_it_moves():
    # "la sireté des étrangéres¹ et" : two words longer or as long, a mark, a line start.
    block = Block(
        text="la sOreté des étrangéres et",
        line=3,
        lines=((0, 3), (14, 4)),
        notes=(NoteMark(24, "1", 4),),
        spans=(Emphasis(14, 24),),
    )
    corrected, made = correct_block(
        block, [edit(14, 24, "étrangères", line=4), edit(3, 9, "sûreté")]
    )
    assert corrected.text == "la sûreté des étrangères et"
    assert [(c.start, c.end, c.original, c.replacement) for c in made] == [
        (3, 9, "sOreté", "sûreté"),
        (14, 24, "étrangéres", "étrangères"),
    ]
    assert corrected.notes == (NoteMark(24, "1", 4),)
    assert corrected.lines == ((0, 3), (14, 4))
    assert Emphasis(14, 24) in corrected.spans
    assert [s for s in corrected.spans if isinstance(s, Correction)] == made


def test_a_shorter_or_longer_replacement_shifts_marks_lines_and_lead():
    text = "Prie instamment l'Etat ceuvrer a"  # note 1 after ceuvrer
    block = paragraph_of(
        Block(text=text, line=7, lines=((0, 7), (23, 8)), notes=(NoteMark(30, "1", 8),)),
        "op1",
        "operative",
        "1",
        lead="Prie instamment",
    )
    # "Prie" → "Prions" (+2) before the lead's end; "ceuvrer" → "œuvrer" (-1).
    corrected, made = correct_block(block, [edit(0, 4, "Prions"), edit(23, 30, "œuvrer")])
    assert corrected.text == "Prions instamment l'Etat œuvrer a"
    assert corrected.lead == "Prions instamment"
    assert corrected.lines == ((0, 7), (25, 8))
    assert corrected.notes == (NoteMark(31, "1", 8),)
    assert [(c.start, c.end) for c in made] == [(0, 6), (25, 31)]
    assert all(corrected.text[c.start : c.end] == c.replacement for c in made)


def test_a_document_records_its_corrections_after_the_earlier_ones():
    label = label_correction("S.", "5.", "numéro", 0.99, line=12)
    assert (label.start, label.end) == (0, 2)
    assert isinstance(label, LabelCorrection)
    paragraph = paragraph_of(Block(text="la sireté", line=12), "op5", "operative", "5")
    document = Document(
        slug="s",
        symbol="",
        title="t",
        body="b",
        type="résolution",
        date="2020-01-01",
        source="",
        format="ocr",
        source_path="source_texts/s.txt",
        line=1,
        paragraphs=(paragraph,),
        corrections=(label,),
    )
    corrected = correct_document(document, {"op5": [edit(3, 9, "sûreté", line=12)]})
    assert corrected.paragraphs[0].text == "la sûreté"
    assert [c.original for c in corrected.corrections] == ["S.", "sireté"]
    assert correct_document(document, {}) is document


def test_a_reader_correction_in_a_numbered_paragraph_has_the_offsets_of_its_span():
    # The OCR reader corrects the quote read as a note mark before the paragraph's number
    # is cut off: the document's list must give the span's offsets, not the reader's.
    from resolutions.pipeline import convert_bytes

    source = (
        "---\nsymbol: MC.DEC/99/20\ntitle: Test\nbody: osce-cm\ntype: décision\n"
        "date: 2020-12-04\nsource: test\nformat: ocr\nlang: fr\n---\n"
        "Le Conseil ministériel,\n\n1. Adopte la DECLARATION‘SUR la drogue ;\n\n"
        "2. Décide de rester saisi de la question.\n\n"
        "1 Déclaration adoptée à Tirana.\n"
    )
    document = convert_bytes(source.encode("utf-8"), "ocr.txt", repair=False).documents[0]
    paragraph = document.paragraphs[0]
    assert paragraph.number == "1"
    spans = [span for span in paragraph.spans if isinstance(span, Correction)]
    assert [(c.start, c.end) for c in document.corrections] == [(s.start, s.end) for s in spans]
    correction = document.corrections[0]
    assert paragraph.text[correction.start : correction.end] == correction.replacement
    assert correction.replacement == "DECLARATION SUR"
