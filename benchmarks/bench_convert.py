"""Conversion throughput: the seeds converted again and again until 10 MB have passed.

Prints MB/s on one core for the structural conversion (load, read, structure,
footnotes: issue 2's target is at least 8 MB/s, issue 11's at least 5 MB/s for PDF
text), for the OCR word repair of scanned texts (issue 6), for the corpus passes
(glossary mentions, citations and backlinks) and for the Markdown renderer.

The structural conversion is also measured per format of the seeds, and on the seeds
re-laid out as editors paste real copies (hard-wrapped at 72 columns, flattened into
one line, with page furniture: the re-layouts of the layout-invariance tests,
``tests/converter/relayout.py``), all the seeds and then each format's alone.

Times are the process's CPU time (``time.process_time``): the work of one core,
whatever else the machine runs meanwhile (the project's two cores are shared).

Each conversion starts with ``re``'s cache of compiled patterns emptied
(``re.purge``), as a corpus of distinct texts has it: a pattern built from a text's own
words (its title, its symbol) is compiled again for every text of a real corpus, while
the seeds converted again and again would find it compiled by their first pass (a
title pattern took half of a 10,000-text build's conversion and no figure here showed
it).  The converter's constant patterns are compiled once, at import, so the emptied
cache costs them nothing.

The per-format and per-layout figures are each the best of ``--repeat`` runs.

    python benchmarks/bench_convert.py [--megabytes 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from resolutions.ocr_repair import french_lexicon, repair
from resolutions.pipeline import annotate_corpus, convert_bytes, load_glossary_of
from resolutions.render.markdown import render_document

ROOT = Path(__file__).resolve().parents[1]


def rate(megabytes: float, seconds: float) -> str:
    return f"{megabytes / seconds:.1f} MB/s ({seconds:.2f} s)"


REPEAT = 3
"""Each per-format and per-layout figure is the best of this many runs (``--repeat``):
a run of a few tenths of a second on a shared machine varies by some 15 %, more than
the changes it is meant to show; the best run is the one least disturbed (as timeit)."""


def throughput(
    sources: Sequence[tuple[str, bytes]], goal: float, repeat: int = REPEAT
) -> tuple[float, float]:
    """(megabytes, seconds) of converting ``sources`` again and again until ``goal``
    bytes have passed: the fastest of ``repeat`` runs."""
    runs = []
    for _ in range(max(1, repeat)):
        converted = 0
        gc.collect()
        start = time.process_time()
        while converted < goal:
            for name, raw in sources:
                re.purge()
                convert_bytes(raw, name, repair=False)
                converted += len(raw)
        runs.append((converted / 1e6, time.process_time() - start))
    return min(runs, key=lambda run: run[1] / run[0])


def relaid_seeds() -> dict[str, list[tuple[str, bytes]]]:
    """The seeds as the layout-invariance tests re-lay them out, by layout."""
    sys.path.insert(0, str(ROOT))
    from tests.converter import relayout
    from tests.corpus import seed_texts

    layouts: dict[str, list[tuple[str, bytes]]] = {
        "hard-wrapped at 72 columns": [],
        "flattened into one line": [],
        "hard-wrapped, with the cover and page furniture": [],
    }
    for path in seed_texts():
        seed = relayout.load_seed(path)
        wrapped = relayout.relayout(seed, layout="wrapped", width=72)
        layouts["hard-wrapped at 72 columns"].append((path.name, wrapped.text.encode()))
        if seed.format != "markdown":  # a Markdown export is never one line
            flat = relayout.relayout(seed, layout="flat")
            layouts["flattened into one line"].append((path.name, flat.text.encode()))
        furnished = relayout.relayout(
            seed,
            layout="wrapped",
            width=72,
            furniture=relayout.furniture_for(seed.meta),
            breaks=list(range(0, 1000, 30)),  # a page break every 30 break points
        )
        layouts["hard-wrapped, with the cover and page furniture"].append(
            (path.name, furnished.text.encode())
        )
    return layouts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=REPEAT, help="best of this many runs")
    args = parser.parse_args()
    sources = [(path.name, path.read_bytes()) for path in sorted(ROOT.glob("source_texts/*.txt"))]
    goal = args.megabytes * 1_000_000
    converted = 0
    documents = []
    gc.collect()
    start = time.process_time()
    while converted < goal:
        for name, raw in sources:
            re.purge()
            documents.extend(convert_bytes(raw, name, repair=False).documents)
            converted += len(raw)
    seconds = time.process_time() - start
    megabytes = converted / 1e6
    print(f"source: {megabytes:.1f} MB ({len(documents)} texts, the seeds repeated)")
    print(f"structural conversion (load → structure → footnotes): {rate(megabytes, seconds)}")
    formats: dict[str, list[tuple[str, bytes]]] = {}
    format_of: dict[str, str] = {}
    for name, raw in sources:
        source_format = convert_bytes(raw, name, repair=False).documents[0].format
        formats.setdefault(source_format, []).append((name, raw))
        format_of[name] = source_format
    for source_format, group in sorted(formats.items()):
        print(f"  {source_format} seeds: {rate(*throughput(group, goal / 4, args.repeat))}")
    for layout, group in relaid_seeds().items():
        print(f"  seeds {layout}: {rate(*throughput(group, goal / 4, args.repeat))}")
        # Each format's readers on its own (issue 11 asks the figure for PDF text).
        for source_format in sorted(formats):
            part = [(name, raw) for name, raw in group if format_of[name] == source_format]
            if part:
                print(f"    {source_format}: {rate(*throughput(part, goal / 8, args.repeat))}")

    lexicon = french_lexicon()
    scanned = [d for d in documents if d.format == "ocr"]
    scanned_bytes = sum(len(raw) for name, raw in sources if "tirana" in name)
    scanned_bytes *= len(scanned) // max(1, sum(1 for name, _ in sources if "tirana" in name))
    words = sum(len(b.text.split()) for d in scanned for _, b in d.blocks())
    start = time.process_time()
    for document in scanned:
        repair(document, lexicon)
    seconds = time.process_time() - start
    print(
        f"OCR word repair: {rate(scanned_bytes / 1e6, seconds)}, "
        f"{words / seconds:,.0f} words/s over {len(scanned)} scanned texts"
    )

    glossary = load_glossary_of(ROOT / "source_texts", ROOT)
    start = time.process_time()
    annotated, _, _ = annotate_corpus(documents, glossary)
    seconds = time.process_time() - start
    print(f"corpus passes (mentions, citations, backlinks): {rate(megabytes, seconds)}")

    start = time.process_time()
    rendered = sum(len(render_document(document).encode()) for document in annotated)
    seconds = time.process_time() - start
    print(f"Markdown rendering: {rate(megabytes, seconds)} of source, {rendered / 1e6:.1f} MB out")


if __name__ == "__main__":
    main()
