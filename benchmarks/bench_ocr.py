"""OCR repair: quality on the OCR seed and on damaged clean texts, and throughput.

Prints
- precision and recall of the corrections made on the OCR seed (Tirana 2020) against the
  list of its true errors (``tests/ocr/true_errors_tirana.yml``), for the converted text
  (reader, structure, then repair) and for the repair stage alone on the raw lines;
- the word error rate of the clean seeds damaged by the seeded confusion generator of
  the tests, before and after repair (targets of issue 6: precision ≥ 0.95, recall ≥
  0.90, a real fall of the word error rate);
- the time to build the lexicon and the repair throughput in words per second.

    python benchmarks/bench_ocr.py [--seeds 5] [--rate 0.1] [--words 200000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test material: true errors, damage, word error rate

from resolutions.ocr_repair import french_lexicon, repair  # noqa: E402
from resolutions.pipeline import convert_file  # noqa: E402
from tests.ocr.documents import (  # noqa: E402
    TIRANA,
    all_blocks,
    applied_corrections,
    clean_sources,
    damage_document,
    precision_recall,
    raw_document,
    true_errors,
    word_error_rate,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--rate", type=float, default=0.1, help="share of words damaged")
    parser.add_argument("--words", type=int, default=200_000, help="words to time")
    args = parser.parse_args()

    start = time.perf_counter()
    lexicon = french_lexicon()
    print(f"lexicon built in {time.perf_counter() - start:.2f} s")

    truth = true_errors()
    for label, document in (
        ("converted text", convert_file(TIRANA, repair=False).documents[0]),
        ("raw lines, repair stage alone", raw_document(TIRANA)),
    ):
        found = applied_corrections(repair(document, lexicon))
        precision, recall = precision_recall(found, truth)
        print(
            f"Tirana 2020 OCR, {label}: precision {precision:.3f}, recall {recall:.3f} "
            f"({sum((found & truth).values())} right of {sum(found.values())} made, "
            f"{sum(truth.values())} true errors)"
        )

    clean = [
        document
        for path in clean_sources()
        for document in convert_file(path, repair=False).documents
    ]
    befores, afters = [], []
    for seed in range(1, args.seeds + 1):
        damaged = [
            damage_document(document, seed * 1000 + index, args.rate)
            for index, document in enumerate(clean)
        ]
        befores.append(word_error_rate(clean, damaged))
        afters.append(word_error_rate(clean, [repair(document, lexicon) for document in damaged]))
        print(f"noise seed {seed}: word error rate {befores[-1]:.4f} → {afters[-1]:.4f}")
    before, after = sum(befores) / len(befores), sum(afters) / len(afters)
    print(
        f"noise, mean of {args.seeds} seeds at rate {args.rate}: word error rate "
        f"{before:.4f} → {after:.4f} ({1 - after / before:.0%} of the damage repaired)"
    )

    # Throughput: the damaged texts of the first seed (about 6 % wrong words, as a scan),
    # repaired again and again; the damage itself is not timed.
    damaged = [
        damage_document(document, 1000 + index, args.rate) for index, document in enumerate(clean)
    ]
    words_per_round = sum(
        len(block.text.split()) for document in damaged for _, block in all_blocks(document)
    )
    words = 0
    start = time.perf_counter()
    while words < args.words:
        for document in damaged:
            repair(document, lexicon)
        words += words_per_round
    seconds = time.perf_counter() - start
    print(f"repair throughput: {words / seconds:,.0f} words/s ({words} words, {seconds:.2f} s)")


if __name__ == "__main__":
    main()
