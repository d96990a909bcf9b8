"""Throughput of the citation stage.

Finding: ``find_citations`` over the blocks of the seeds (paragraphs, items, headings
and notes, as the converter hands them over), repeated until the text reaches at least
``--megabytes`` MB; prints MB/s (UTF-8 bytes of block text per second), best of
``--runs``.

The corpus pass: ``corpus.annotate`` over the seed documents copied ``n`` times under
new slugs, for growing ``n``, so that its cost per megabyte can be seen to stay flat.

    PYTHONPATH=plugins .venv/bin/python benchmarks/bench_citations.py
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from resolutions.citations import CitationContext, find_citations
from resolutions.corpus import annotate
from resolutions.model import Document
from resolutions.pipeline import convert_corpus

ROOT = Path(__file__).resolve().parents[1]


def seed_blocks(documents: tuple[Document, ...]) -> list[tuple[str, CitationContext]]:
    blocks = []
    for document in documents:
        context = CitationContext(document.body, document.symbol or None)
        texts = [block.text for _, block in document.blocks()]
        texts += [note.text.text for note in document.footnotes]
        blocks.extend((text, context) for text in texts)
    return blocks


def bench_find(documents: tuple[Document, ...], megabytes: float, runs: int) -> None:
    blocks = seed_blocks(documents)
    seed_bytes = sum(len(text.encode()) for text, _ in blocks)
    copies = max(1, int(megabytes * 1_000_000 // seed_bytes) + 1)
    work = blocks * copies
    size = seed_bytes * copies
    timings = []
    found = 0
    for _ in range(runs):
        start = time.perf_counter()
        found = sum(len(find_citations(text, context)) for text, context in work)
        timings.append(time.perf_counter() - start)
    best = min(timings)
    print(
        f"find_citations: {size / 1e6:.1f} MB in {len(work)} blocks, {found} citations; "
        f"best {size / 1e6 / best:.2f} MB/s, median {size / 1e6 / statistics.median(timings):.2f}"
        f" MB/s over {runs} runs"
    )


def copied(documents: tuple[Document, ...], copies: int) -> tuple[Document, ...]:
    return tuple(
        replace(document, slug=f"{document.slug}-{index}")
        for index in range(copies)
        for document in documents
    )


def bench_corpus(documents: tuple[Document, ...], sizes: list[int]) -> None:
    seed_bytes = sum(len(text.encode()) for text, _ in seed_blocks(documents))
    for copies in sizes:
        corpus = copied(documents, copies)
        start = time.perf_counter()
        annotate(corpus)
        elapsed = time.perf_counter() - start
        megabytes = seed_bytes * copies / 1e6
        print(
            f"annotate: {len(corpus)} documents, {megabytes:.1f} MB in {elapsed:.2f} s "
            f"({megabytes / elapsed:.2f} MB/s, {elapsed / len(corpus) * 1000:.2f} ms a document)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus-sizes", default="50,100,200", help="copies of the seeds")
    arguments = parser.parse_args()
    documents = convert_corpus(ROOT / "source_texts").documents
    bench_find(documents, arguments.megabytes, arguments.runs)
    bench_corpus(documents, [int(size) for size in arguments.corpus_sizes.split(",") if size])


if __name__ == "__main__":
    main()
