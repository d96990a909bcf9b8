"""Issue 14: a build tags each text with the glossary and finds its citations in the
conversion's workers, and caches that with the conversion (``pipeline.Preparation``).

What the build publishes must be what the corpus pass made of plain conversions, and
the cache's key must cover the glossary: an edited glossary tags every text again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resolutions import pipeline
from resolutions.model import Mention
from resolutions.pipeline import (
    GLOSSARY_FILE,
    Corpus,
    annotate_corpus,
    build_corpus,
    convert_corpus,
    load_glossary_of,
)

ROOT = Path(__file__).resolve().parents[2]

NEW_ENTRY = """
  - id: trafic-illicite-essai
    kind: programme
    names:
      - trafic illicite
    english_name: illicit trafficking test
    description: Une entrée ajoutée par le test.
"""
"""An entry named in no text's mentions before it is added."""

NAMING_IT = {"cnd-2019-e-2019-28-extrait.txt"}
"""The seeds that write "trafic illicite" on its own (read in them): the others write it
inside a longer name the glossary knows (la Convention des Nations Unies contre le
trafic illicite…, la Sous-Commission du trafic illicite…, le Centre régional… pour la
lutte contre le trafic illicite…), which is the one mention, or in the plural."""


def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "source_texts"
    shutil.copytree(ROOT / "source_texts", folder)
    return folder


def reference(folder: Path) -> Corpus:
    """The corpus pass run on plain conversions, in this process, with no cache."""
    glossary = load_glossary_of(folder, folder.parent)
    converted = convert_corpus(folder, folder.parent)
    documents, citations, mentions = annotate_corpus(converted.documents, glossary)
    return Corpus(documents, glossary, citations, mentions, converted.diagnostics)


def assert_same(built: Corpus, expected: Corpus) -> None:
    assert built.documents == expected.documents
    assert built.citations == expected.citations
    assert built.mentions.as_dict() == expected.mentions.as_dict()
    assert built.diagnostics == expected.diagnostics


def naming(corpus: Corpus, entry_id: str) -> set[str]:
    """The source files of the texts with a mention of ``entry_id``."""
    return {
        Path(document.source_path).name
        for document in corpus.documents
        for _, block in document.all_blocks()
        for span in block.spans
        if isinstance(span, Mention) and span.entry == entry_id
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_a_prepared_build_is_the_corpus_pass_of_plain_conversions(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Six seeds are too few for the pool: with the threshold at 1, two workers share them.
    monkeypatch.setattr(pipeline, "PARALLEL_THRESHOLD", 1)
    folder = seeds_copy(tmp_path)
    expected = reference(folder)
    cache = tmp_path / "cache"
    cold = build_corpus(folder, folder.parent, jobs=workers, cache=cache)
    assert_same(cold, expected)
    warm = build_corpus(folder, folder.parent, jobs=workers, cache=cache)
    assert_same(warm, expected)


def test_an_edited_glossary_tags_every_text_again(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    cache = tmp_path / "cache"
    before = build_corpus(folder, folder.parent, cache=cache)
    assert naming(before, "trafic-illicite-essai") == set()
    entries = len(list(cache.rglob("*.entry")))
    assert entries == len(list(folder.glob("*.txt")))  # one per source file

    glossary = folder / GLOSSARY_FILE
    glossary.write_text(glossary.read_text(encoding="utf-8") + NEW_ENTRY, encoding="utf-8")
    after = build_corpus(folder, folder.parent, cache=cache)

    assert naming(after, "trafic-illicite-essai") == NAMING_IT
    assert_same(after, reference(folder))
    # Every text was prepared again, under a key of its own: the old entries stay.
    assert len(list(cache.rglob("*.entry"))) == 2 * entries


def test_a_plain_conversion_is_cached_apart_from_a_prepared_one(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    cache = tmp_path / "cache"
    build_corpus(folder, folder.parent, cache=cache)
    # ``resolutions convert`` and a preview convert with no preparation: no mention,
    # no citation found, even with the prepared entries in the cache.
    plain = convert_corpus(folder, folder.parent, cache=cache)
    assert plain == convert_corpus(folder, folder.parent)
    assert all(
        not block.spans or all(span.kind not in ("mention", "citation") for span in block.spans)
        for document in plain.documents
        for _, block in document.all_blocks()
    )


EMPHASIS_AFTER_A_MENTION = """---
symbol: A/RES/1/1
title: Un titre
body: ag
type: résolution
date: 2000-01-01
source: essai
format: markdown
---
L’Assemblée générale,

1. *Prie* la Commission des stupéfiants de se réunir *sans délai*.
"""
"""A paragraph whose emphasis (``*Prie*``, ``*sans délai*``) stands before and after
a glossary mention (la Commission des stupéfiants), and that cites nothing."""


def test_a_block_that_cites_nothing_has_its_spans_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    shutil.copy(ROOT / "source_texts" / GLOSSARY_FILE, folder)
    (folder / "a.txt").write_text(EMPHASIS_AFTER_A_MENTION, encoding="utf-8")
    (document,) = build_corpus(folder, folder.parent).documents
    (paragraph,) = document.paragraphs
    assert [span.kind for span in paragraph.spans] == ["emphasis", "mention", "emphasis"]
    assert paragraph.spans == tuple(sorted(paragraph.spans, key=lambda s: (s.start, s.end)))
