"""Conversion throughput: the seeds converted again and again until 10 MB have passed.

Prints MB/s on one core for the structural conversion (load, read, structure,
footnotes: issue 2's target is at least 8 MB/s), for the OCR word repair of scanned
texts (issue 6), for the corpus passes (glossary mentions, citations and backlinks) and
for the Markdown renderer.

    python benchmarks/bench_convert.py [--megabytes 10]
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from resolutions.ocr import french_lexicon, repair
from resolutions.pipeline import annotate_corpus, convert_bytes, load_glossary_of
from resolutions.render.markdown import render_document

ROOT = Path(__file__).resolve().parents[1]


def rate(megabytes: float, seconds: float) -> str:
    return f"{megabytes / seconds:.1f} MB/s ({seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    sources = [(path.name, path.read_bytes()) for path in sorted(ROOT.glob("source_texts/*.txt"))]
    goal = args.megabytes * 1_000_000
    converted = 0
    documents = []
    gc.collect()
    start = time.perf_counter()
    while converted < goal:
        for name, raw in sources:
            documents.extend(convert_bytes(raw, name, repair=False).documents)
            converted += len(raw)
    seconds = time.perf_counter() - start
    megabytes = converted / 1e6
    print(f"source: {megabytes:.1f} MB ({len(documents)} texts, the seeds repeated)")
    print(f"structural conversion (load → structure → footnotes): {rate(megabytes, seconds)}")

    lexicon = french_lexicon()
    scanned = [d for d in documents if d.format == "ocr"]
    scanned_bytes = sum(len(raw) for name, raw in sources if "tirana" in name)
    scanned_bytes *= len(scanned) // max(1, sum(1 for name, _ in sources if "tirana" in name))
    words = sum(len(b.text.split()) for d in scanned for _, b in d.blocks())
    start = time.perf_counter()
    for document in scanned:
        repair(document, lexicon)
    seconds = time.perf_counter() - start
    print(
        f"OCR word repair: {rate(scanned_bytes / 1e6, seconds)}, "
        f"{words / seconds:,.0f} words/s over {len(scanned)} scanned texts"
    )

    glossary = load_glossary_of(ROOT / "source_texts", ROOT)
    start = time.perf_counter()
    annotated, _, _ = annotate_corpus(documents, glossary)
    seconds = time.perf_counter() - start
    print(f"corpus passes (mentions, citations, backlinks): {rate(megabytes, seconds)}")

    start = time.perf_counter()
    rendered = sum(len(render_document(document).encode()) for document in annotated)
    seconds = time.perf_counter() - start
    print(f"Markdown rendering: {rate(megabytes, seconds)} of source, {rendered / 1e6:.1f} MB out")


if __name__ == "__main__":
    main()
