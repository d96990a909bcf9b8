"""Test material for the OCR repair stage, written independently of the converter.

- ``raw_document``: a Document built straight from a source file's lines, one paragraph
  per blank-line-separated chunk (lines joined by a space, ``lines`` offsets kept), so
  the repair stage can be measured on text no reader has touched;
- ``true_errors`` / ``precision_recall``: the hand-written list of a text's OCR errors
  and the score of a repaired document's corrections against it;
- ``damage_document``: a seeded generator of the confusions a scan makes, applied to
  clean texts, and ``word_error_rate`` to measure what the repair gives back.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from resolutions.model import Block, Document, Paragraph

from ..corpus import seed_texts

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "source_texts"
TIRANA = SOURCES / "osce-cm-2020-tirana-criminalite-organisee.txt"
TRUE_ERRORS_TIRANA = Path(__file__).with_name("true_errors_tirana.yml")


def clean_sources() -> list[Path]:
    """Every source text that is not an OCR (they were typed or exported, not scanned)."""
    # French seeds only: the repair knows French words (English texts are never repaired).
    return [path for path in seed_texts() if "format: ocr" not in path.read_text()]


# --------------------------------------------------------------------------- documents


def raw_document(path: Path, source_format: str = "ocr") -> Document:
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = lines.index("---", 1)
    meta = yaml.safe_load("\n".join(lines[1:closing]))
    paragraphs: list[Paragraph] = []
    chunk: list[tuple[int, str]] = []

    def flush() -> None:
        if not chunk:
            return
        offsets, text = [], ""
        for number, line_text in chunk:
            if text:
                text += " "
            offsets.append((len(text), number))
            text += line_text
        paragraphs.append(
            Paragraph(
                text=text,
                line=chunk[0][0],
                lines=tuple(offsets),
                id=f"p{len(paragraphs) + 1}",
            )
        )
        chunk.clear()

    for number, line_text in enumerate(lines[closing + 1 :], start=closing + 2):
        if line_text.strip():
            chunk.append((number, line_text.strip()))
        else:
            flush()
    flush()
    return Document(
        slug=meta.get("slug", path.stem),
        symbol=str(meta.get("symbol", "")),
        title=str(meta.get("title", "")),
        body=str(meta.get("body", "")),
        type=str(meta.get("type", "")),
        date=str(meta.get("date", "")),
        source=str(meta.get("source", "")),
        format=source_format,  # type: ignore[arg-type]
        source_path=f"source_texts/{path.name}",
        line=paragraphs[0].line,
        paragraphs=tuple(paragraphs),
    )


# --------------------------------------------------------------------------- scoring


def true_errors(path: Path = TRUE_ERRORS_TIRANA) -> Counter[tuple[int, str, str]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Counter((entry["line"], entry["original"], entry["correct"]) for entry in entries)


def applied_corrections(document: Document) -> Counter[tuple[int, str, str]]:
    return Counter(
        (correction.line, correction.original, correction.replacement)
        for correction in document.corrections
    )


def precision_recall(
    found: Counter[tuple[int, str, str]], truth: Counter[tuple[int, str, str]]
) -> tuple[float, float]:
    right = sum((found & truth).values())
    precision = right / sum(found.values()) if found else 1.0
    recall = right / sum(truth.values()) if truth else 1.0
    return precision, recall


# --------------------------------------------------------------------------- damage

WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
ACCENT_MISREADS = {
    "é": "eè",
    "è": "eé",
    "ê": "eé",
    "à": "a",
    "â": "a",
    "î": "i",
    "ô": "oé",
    "û": "uiO",
    "ù": "u",
}
CEDILLA_MISREADS = "cg¢"
ELISION_MISREADS = ("I’", "1’", "’")
DOUBLED = re.compile(r"([bcdfglmnprst])\1")


def _damages(word: str, rng: random.Random) -> list[str]:
    """Every way the scan could misread ``word`` (one confusion each)."""
    found = []
    for index, char in enumerate(word):
        if char in ACCENT_MISREADS and word != "à":
            found.append(word[:index] + rng.choice(ACCENT_MISREADS[char]) + word[index + 1 :])
        if char == "ç":
            found.append(word[:index] + rng.choice(CEDILLA_MISREADS) + word[index + 1 :])
        if char == "œ":
            found.append(word[:index] + "ce" + word[index + 1 :])
        if char == "é" and index:
            found.append(word[:index] + "e" + word[index:])  # organiseée
    if word == "à":
        found.append("a")
    if re.match(r"l[’']", word) and len(word) > 2:
        misread = rng.choice(ELISION_MISREADS).replace("’", word[1])
        found.append(misread + word[2:])
    doubled = DOUBLED.search(word)
    if doubled:
        found.append(word[: doubled.start()] + word[doubled.start() + 1 :])
    if len(word) >= 6 and word.isalpha():
        cut = rng.randrange(2, len(word) - 2)
        found.append(word[:cut] + "‘" + word[cut:])
    if len(word) >= 8 and word.isalpha() and word.islower():
        cut = rng.randrange(3, len(word) - 3)
        found.append(word[:cut] + "-\n" + word[cut:])  # a hyphen at the end of a line
    return found


def _shift(edits: Sequence[tuple[int, int, int]], offset: int) -> int:
    delta = 0
    for start, end, length in edits:
        if offset >= end:
            delta += length - (end - start)
        elif offset > start:
            return start + delta + length
    return offset + delta


def _damage_block(block: Block, rng: random.Random, rate: float) -> Block:
    edits: list[tuple[int, int, str]] = []
    for match in WORD.finditer(block.text):
        if rng.random() >= rate:
            continue
        choices = _damages(match.group(), rng)
        if choices:
            edits.append((match.start(), match.end(), rng.choice(choices)))
    if not edits:
        return block
    pieces, cursor, breaks = [], 0, []
    for start, end, damaged in edits:
        pieces.append(block.text[cursor:start])
        before = sum(len(piece) for piece in pieces)
        if "-\n" in damaged:
            head, tail = damaged.split("\n")
            breaks.append((before + len(head) + 1, block.line_at(start)))
            damaged = f"{head} {tail}"
        pieces.append(damaged)
        cursor = end
    pieces.append(block.text[cursor:])
    lengths = [(start, end, len(damaged.replace("\n", " "))) for start, end, damaged in edits]
    lines = sorted({(_shift(lengths, offset), line) for offset, line in block.lines} | set(breaks))
    return replace(
        block,
        text="".join(pieces),
        lines=tuple(lines),
        notes=tuple(replace(mark, offset=_shift(lengths, mark.offset)) for mark in block.notes),
        spans=tuple(
            replace(span, start=_shift(lengths, span.start), end=_shift(lengths, span.end))
            for span in block.spans
            if not any(start < span.end and span.start < end for start, end, _ in lengths)
        ),
    )


def damage_document(document: Document, seed: int, rate: float) -> Document:
    """``document`` as an OCR of a scan of it: each word misread with probability
    ``rate`` by one of the confusions of ``_damages``; reproducible from ``seed``."""
    rng = random.Random(seed)
    return replace(
        document.map_blocks(lambda _id, block: _damage_block(block, rng, rate)), format="ocr"
    )


# --------------------------------------------------------------------------- word error rate


def all_blocks(document: Document) -> list[tuple[str, Block]]:
    """Every text-bearing block, footnotes included, with its anchor id."""
    found: list[tuple[str, Block]] = []

    def collect(anchor: str, block: Block) -> Block:
        found.append((anchor, block))
        return block

    document.map_blocks(collect)
    return found


def _block_texts(document: Document) -> list[str]:
    return [block.text for _, block in all_blocks(document)]


def _edit_distance(left: Sequence[str], right: Sequence[str]) -> int:
    previous = list(range(len(right) + 1))
    for i, word in enumerate(left, 1):
        current = [i]
        for j, other in enumerate(right, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def word_error_rate(reference: Iterable[Document], read: Iterable[Document]) -> float:
    """Word-level edit distance of ``read`` to ``reference``, over the reference's words."""
    errors = words = 0
    for clean, other in zip(reference, read, strict=True):
        for clean_text, other_text in zip(_block_texts(clean), _block_texts(other), strict=True):
            clean_words = clean_text.split()
            errors += _edit_distance(clean_words, other_text.split())
            words += len(clean_words)
    return errors / words
