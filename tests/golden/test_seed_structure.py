"""Golden tests: the converter against expectations written by reading the seeds.

The expected files under ``seeds/`` were written from the raw texts by a reader, not
copied from the converter's output.  A failure prints every mismatch at once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resolutions.model import Block, Correction, Document, Footnote
from resolutions.pipeline import convert_file

from ..corpus import seed_texts

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = sorted((Path(__file__).parent / "seeds").glob("*.json"))


def as_printed(block: Block) -> str:
    """The text with its recorded corrections undone (OCR word repairs, a quote read as
    a note mark): structure is checked on the words as printed (corrections have tests
    of their own, in tests/ocr)."""
    text = block.text
    for span in sorted(block.spans, key=lambda s: s.start, reverse=True):
        if isinstance(span, Correction):
            text = text[: span.start] + span.original + text[span.end :]
    return text


def word_before(block: Block, offset: int) -> str:
    """The word right before a note mark, without punctuation."""
    words = re.findall(r"[\w’'-]+", block.text[:offset])
    return words[-1] if words else ""


def notes_of(block: Block) -> list[tuple[str, str]]:
    return [(mark.number, word_before(block, mark.offset)) for mark in block.notes]


def refs_of(note: Footnote) -> list[str]:
    """Refs as the expectations write them: any heading line is "title"."""
    return ["title" if ref.startswith("title") else ref for ref in note.refs]


def compare(document: Document, expected: dict) -> list[str]:
    problems: list[str] = []

    def check(name: str, got: object, want: object) -> None:
        if got != want:
            problems.append(f"{document.slug} {name}:\n   got  {got!r}\n   want {want!r}")

    check("slug", document.slug, expected["slug"])
    check("symbol", document.symbol or None, expected["symbol"])
    check("title", document.title, expected["title"])
    check("fragment", document.fragment, expected["fragment"])
    check("incomplete", document.incomplete, expected["incomplete"])
    check("heading", " ".join(as_printed(b) for b in document.heading), expected["heading_text"])
    check("author", document.author.text if document.author else None, expected["author"])
    check("closing", document.closing.text if document.closing else None, expected["closing"])
    check(
        "sections",
        [(s.id, s.number, s.heading.text) for s in document.sections],
        [(s["id"], s["number"], s["heading"]) for s in expected["sections"]],
    )
    check(
        "paragraph ids",
        [p.id for p in document.paragraphs],
        [p["id"] for p in expected["paragraphs"]],
    )
    got = {paragraph.id: paragraph for paragraph in document.paragraphs}
    for want in expected["paragraphs"]:
        paragraph = got.get(want["id"])
        if paragraph is None:
            continue
        name = paragraph.id
        check(f"{name} kind", paragraph.kind, want["kind"])
        check(f"{name} number", paragraph.number, want["number"])
        check(f"{name} section", paragraph.section, want["section"])
        check(f"{name} text", as_printed(paragraph), want["text"])
        check(f"{name} lead", paragraph.lead, want["lead"])
        check(
            f"{name} notes",
            [(m.number, word_before(paragraph, m.offset)) for m in paragraph.notes],
            [(n["number"], n["after"]) for n in want["notes"]],
        )
        check(
            f"{name} items",
            [(i.id, i.label, as_printed(i), notes_of(i)) for i in paragraph.items],
            [
                (i["id"], i["label"], i["text"], [(n["number"], n["after"]) for n in i["notes"]])
                for i in want["items"]
            ],
        )
    if "heading_notes" in expected:
        check(
            "heading notes",
            [(m.number, word_before(b, m.offset)) for b in document.heading for m in b.notes],
            [(n["number"], n["after"]) for n in expected["heading_notes"]],
        )
    check(
        "footnotes",
        [(n.number, as_printed(n.text), refs_of(n)) for n in document.footnotes],
        [(n["number"], n["text"], n["refs"]) for n in expected["footnotes"]],
    )
    return problems


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_seed_matches_reading(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    result = convert_file(ROOT / "source_texts" / f"{expected_path.stem}.txt", ROOT)
    assert len(result.documents) == len(expected["documents"])
    problems = [
        problem
        for document, want in zip(result.documents, expected["documents"], strict=True)
        for problem in compare(document, want)
    ]
    assert not problems, "\n".join(problems)


def test_every_seed_has_expectations() -> None:
    # Texts imported from an official PDF have theirs in tests/pdf/expected.
    sources = {path.stem for path in seed_texts()}
    assert sources <= {path.stem for path in EXPECTED}
