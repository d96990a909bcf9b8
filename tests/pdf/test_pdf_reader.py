"""The PDF reader on the real UN resolutions of ``shared/pdfs``.

The reference side is read here straight from pdfplumber (its own word grouping), never
through the reader's lines; the Markdown side is read back with the project's Markdown
reader, as the pipeline reads it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from resolutions.load import Line
from resolutions.model import Block
from resolutions.readers.markdown import read_markdown

from .conftest import converted, text_layer

pytestmark = pytest.mark.slow

TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def text_layer_tokens(path: Path) -> Counter[str]:
    """Every token of every page's text layer, as pdfplumber groups words."""
    found: Counter[str] = Counter()
    for page in text_layer(path):
        for word in page["words"]:
            found.update(tokens(word["text"]))
    return found


def read_body(markdown: str):
    lines = [Line(number, text) for number, text in enumerate(markdown.split("\n"), 1)]
    return read_markdown(lines), lines


def spaced(block: Block) -> str:
    """The block's text with its raised runs (``85<sup>th</sup>``) apart, as the text
    layer's words keep them (a size change ends a word)."""
    text = block.text
    for span in sorted(block.spans, key=lambda span: -span.start):
        if span.kind == "superscript":
            text = f"{text[: span.start]} {text[span.start : span.end]} {text[span.end :]}"
    return text


def body_tokens(markdown: str) -> Counter[str]:
    """The tokens the pipeline gets from the Markdown: blocks, notes, note marks and
    numbers, and the numbers of ordered-list items with their delimiter."""
    flow, lines = read_body(markdown)
    found: Counter[str] = Counter()
    for raw in flow.blocks:
        found.update(tokens(spaced(raw.block)))
        found.update(mark.number for mark in raw.block.notes)
        if raw.list_number is not None:
            source_line = lines[raw.block.line - 1].text
            delimiter = source_line[len(raw.list_number)]
            found.update([raw.list_number, delimiter])
    for number, note in flow.notes.items():
        found.update([number])
        found.update(tokens(spaced(note)))
        found.update(mark.number for mark in note.notes)
    return found


def test_every_word_is_in_the_body_or_a_recorded_removal(pdf: Path) -> None:
    result = converted(pdf)
    reference = text_layer_tokens(pdf)
    ours = body_tokens(result.markdown)
    for removal in result.removals:
        ours.update(tokens(removal.text))
    missing = reference - ours
    extra = ours - reference
    assert not missing and not extra, f"missing {dict(missing)}; extra {dict(extra)}"


def test_front_matter_words_come_from_the_removed_cover(pdf: Path) -> None:
    """Cover data go into the metadata, not the text: the symbol and the title are words
    of the removed cover block, never of the body."""
    result = converted(pdf)
    front = result.front_matter
    removed = " ".join(removal.text for removal in result.removals if removal.line == 1)
    assert front["symbol"] and front["symbol"] in removed
    assert front["title"] and Counter(tokens(front["title"])) <= Counter(tokens(removed))
    flow, _ = read_body(result.markdown)
    assert not any(raw.text == front["symbol"] for raw in flow.blocks)
    assert front["date"] == re.sub(r"\D", "-", front["date"]) and len(front["date"]) == 10
    assert front["lang"] == "en" and front["body"] == "ag"


def _furniture(path: Path) -> dict[str, list[str]]:
    """Furniture read independently: the footer band and header band of every page, by
    their printed patterns, and the masthead lines of page 1."""
    found: dict[str, list[str]] = {"header": [], "footer": [], "masthead": [], "region": []}
    for number, page in enumerate(text_layer(path), 1):
        lines = page["lines"]
        for line in lines:
            text = line["text"].strip()
            if line["top"] > page["height"] * 0.93:
                found["footer"].append(text)
            elif number > 1 and line["bottom"] < 66:
                found["header"].append(text)
            elif line["top"] >= 66:
                found["region"].append(text)
        if number == 1:
            found["masthead"] += [
                line["text"].strip()
                for line in lines
                if re.search(r"Distr\.|adopted by|^\[|^Agenda item|session$", line["text"])
            ]
    return found


def test_no_page_furniture_left_in_the_body(pdf: Path) -> None:
    result = converted(pdf)
    flow, _ = read_body(result.markdown)
    texts = [raw.text for raw in flow.blocks] + [note.text for note in flow.notes.values()]
    body = "\n".join(texts)
    furniture = _furniture(pdf)
    assert furniture["footer"] and furniture["masthead"]
    pages = len(furniture["footer"]) and result.pages
    for text in furniture["footer"]:
        for part in text.split():
            if re.fullmatch(r"\d{2}-\d{5}|\d{6}|\(E\)|\*\d+\*|\d+/\d+", part):
                assert not re.search(rf"(?<![\w/]){re.escape(part)}(?![\w/])", body), part
    for number in range(1, pages + 1):
        assert not re.search(rf"(?<![\w/.]){number}/{pages}(?![\w/])", body)
    for text in furniture["masthead"]:
        assert text not in body, text
    # A running header line is never a block, nor glued to the text at a page break:
    # it occurs in the body no more often than in the PDF's body region.
    region = " ".join(furniture["region"])
    plain = " ".join(texts)
    for header in set(furniture["header"]):
        assert header not in texts
        assert plain.count(header) <= region.count(header), header


def test_every_mark_has_a_note_and_every_note_a_mark(pdf: Path) -> None:
    result = converted(pdf)
    flow, _ = read_body(result.markdown)
    marks = [mark.number for raw in flow.blocks for mark in raw.block.notes]
    marks += [mark.number for note in flow.notes.values() for mark in note.notes]
    notes = list(flow.notes)
    assert set(marks) == set(notes)
    assert [int(number) for number in notes] == list(range(1, len(notes) + 1))
    # Marks are first cited in order.
    first_seen = list(dict.fromkeys(marks))
    assert first_seen == sorted(first_seen, key=int)
    for number, note in flow.notes.items():
        assert note.text.strip(), f"note {number} is empty"


def test_note_marks_are_the_raised_digits_of_the_text_layer(pdf: Path) -> None:
    """As many note marks (and note numbers) as raised, smaller digit runs in the PDF."""
    raised = 0
    for page in text_layer(pdf):
        words = page["words"]
        for word in words:
            if not word["text"].isdigit():
                continue
            neighbours = [
                other["size"]
                for other in words
                if abs(other["top"] - word["top"]) < 4 and other is not word
            ]
            if neighbours and word["size"] < 0.8 * max(neighbours):
                raised += 1
    result = converted(pdf)
    flow, _ = read_body(result.markdown)
    marks = sum(len(raw.block.notes) for raw in flow.blocks)
    marks += sum(len(note.notes) for note in flow.notes.values())
    assert marks + len(flow.notes) == raised


def test_italic_leads_become_emphasis(pdf: Path) -> None:
    """The author clause and the first preambular paragraph open with italics."""
    result = converted(pdf)
    flow, _ = read_body(result.markdown)
    first = flow.blocks[0]
    assert first.text.endswith(",")
    assert any(span.kind == "emphasis" and span.start == 0 for span in first.block.spans)
    with_leads = [
        raw for raw in flow.blocks[1:6] if any(s.kind == "emphasis" for s in raw.block.spans)
    ]
    assert len(with_leads) >= 4
