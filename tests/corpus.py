"""The shipped corpus as the tests see it: every source text, and which of them are the
seeds (the texts the project started from, whose expectations were written by reading
them under tests/golden, tests/glossary, tests/citations) and which were imported from an
official PDF (``resolutions import``: their front matter holds ``pdf_sha256``; their
expectations were written by reading the PDF, under tests/pdf/expected)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_TEXTS = ROOT / "source_texts"


def source_texts() -> list[Path]:
    return sorted(SOURCE_TEXTS.glob("*.txt"))


def imported_from_pdf(path: Path) -> bool:
    head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return "\npdf_sha256:" in head


def seed_texts() -> list[Path]:
    return [path for path in source_texts() if not imported_from_pdf(path)]


def imported_texts() -> list[Path]:
    return [path for path in source_texts() if imported_from_pdf(path)]
