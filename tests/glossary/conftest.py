"""Shared pieces for the glossary tests: the real glossary loaded once, a way to write
a small glossary file by hand, and hand-built documents."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from resolutions.glossary import Glossary, load_glossary
from resolutions.model import Block, Document, NoteMark, Paragraph, Span

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_FILE = ROOT / "source_texts" / "glossaire.yml"


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY_FILE)


@pytest.fixture
def write_glossary(tmp_path: Path) -> Callable[[str], Path]:
    """Write YAML (dedented) to a glossary file and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "glossaire.yml"
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def small_glossary(write_glossary: Callable[[str], Path]) -> Glossary:
    """A glossary whose acronyms look like parts of document symbols (RES, DEC, PC)."""
    return load_glossary(
        write_glossary(
            """
            entries:
              - id: resolutions-bureau
                kind: organe
                acronyms: [RES, DEC, PC]
                names: [l’Office central des résolutions]
                english_name: Central Resolutions Office
                description: Un organe inventé pour les tests.
              - id: etats-parties
                kind: organe
                names: [Réunion des États parties]
                english_name: Meeting of States Parties
                description: Une réunion inventée pour les tests.
            """
        )
    )


def paragraph(
    text: str,
    block_id: str = "pp1",
    line: int = 10,
    notes: tuple[NoteMark, ...] = (),
    spans: tuple[Span, ...] = (),
) -> Paragraph:
    kind = "preambular" if block_id.startswith("pp") else "operative"
    return Paragraph(
        text=text,
        line=line,
        lines=((0, line),),
        notes=notes,
        spans=spans,
        id=block_id,
        kind=kind,
        number=block_id[2:] if kind == "operative" else None,
    )


def document(
    *paragraphs: Paragraph,
    heading: tuple[str, ...] = (),
    slug: str = "doc-test",
    footnotes: tuple = (),
) -> Document:
    return Document(
        slug=slug,
        symbol="A/RES/0/1",
        title="Texte de test",
        body="ag",
        type="résolution",
        date="2024-01-01",
        source="tests",
        format="pdf-text",
        source_path="source_texts/test.txt",
        line=1,
        heading=tuple(
            Block(text=text, line=index, lines=((0, index),))
            for index, text in enumerate(heading, 1)
        ),
        paragraphs=paragraphs,
        footnotes=footnotes,
    )
