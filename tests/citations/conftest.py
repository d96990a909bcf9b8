"""Shared pieces for the citation tests: glossary entries built by hand (only the
fields the citation stage reads) and the seeds converted once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from resolutions import model
from resolutions.pipeline import convert_file

from ..corpus import seed_texts

ROOT = Path(__file__).resolve().parents[2]
SEED_FILES = seed_texts()


@dataclass(frozen=True)
class Entry:
    """A glossary entry as the citation stage sees it (see ``citations.GlossaryEntry``)."""

    id: str
    kind: str
    document: str | None = None
    unts: tuple[str, ...] = ()


GLOSSARY = (
    Entry("convention-1961", "convention", unts=("520/7515", "976/14152")),
    Entry("protocole-1972", "protocole", unts=("976/14151",)),
    Entry("convention-1971", "convention", unts=("1019/14956",)),
    Entry("convention-1988", "convention", unts=("1582/27627",)),
    Entry("declaration-ministerielle-2019", "déclaration", "cnd-2019-declaration-ministerielle"),
    Entry("onudc", "organe"),
)


def with_mentions(
    document: model.Document, phrases: dict[str, str], only: str | None = None
) -> model.Document:
    """``document`` with a ``Mention`` of ``phrases[words]`` over every occurrence of
    ``words`` (in the block ``only`` if given), in place of any mention it had: the
    glossary stage's output, written by hand so these tests do not depend on it."""

    def change(block_id: str, block: model.Block) -> model.Block:
        spans = [span for span in block.spans if not isinstance(span, model.Mention)]
        if only is None or block_id == only:
            for words, entry in phrases.items():
                start = block.text.find(words)
                while start != -1:
                    spans.append(model.Mention(start, start + len(words), entry=entry))
                    start = block.text.find(words, start + 1)
        return replace(block, spans=tuple(spans))

    return document.map_blocks(change)


@pytest.fixture(scope="session")
def seed_documents() -> tuple[model.Document, ...]:
    documents: list[model.Document] = []
    for path in SEED_FILES:
        documents.extend(convert_file(path, ROOT).documents)
    return tuple(documents)
