"""Throughput of the glossary matcher (``Glossary.find_mentions``).

The text is the body of every seed in ``source_texts/`` (front matter removed),
repeated until it reaches at least 5 MB of UTF-8.  Three measurements:

1. one call over the whole text;
2. one call per paragraph (blank-line separated), as the converter calls it;
3. the same whole text with the glossary grown by 2,000 invented entries, to show
   that the cost does not grow with the number of entries (one compiled trie, not
   one search per entry).

Each figure is the best of ``--repeat`` runs.  Run from the repository root:

    .venv/bin/python benchmarks/bench_glossary.py
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path

from resolutions.glossary import Entry, Glossary, load_glossary

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "source_texts"
TARGET_BYTES = 5 * 1024 * 1024
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def seed_text() -> str:
    bodies = [
        FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
        for path in sorted(SOURCES.glob("*.txt"))
    ]
    return "\n\n".join(bodies)


def repeated(text: str, target: int) -> str:
    size = len(text.encode("utf-8"))
    return "\n\n".join([text] * (target // size + 1))


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def grown(glossary: Glossary, extra: int) -> Glossary:
    """The glossary plus ``extra`` invented entries whose names share prefixes with
    real ones ("Commission …", "Office …"), the hard case for a trie."""
    stems = ("Commission régionale", "Office international", "Convention", "Organisation")
    invented = [
        Entry(
            id=f"invente-{number}",
            kind="organe",
            names=(f"{stems[number % len(stems)]} numéro {number} de la zone {number * 7}",),
            english_name="Invented",
            description="Inventé.",
            acronyms=(f"ZX{number}",),
        )
        for number in range(extra)
    ]
    return Glossary((*glossary.entries, *invented), glossary.ignored_acronyms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=float, default=TARGET_BYTES / 1024 / 1024, help="MB")
    options = parser.parse_args()

    start = time.perf_counter()
    glossary = load_glossary(SOURCES / "glossaire.yml")
    load_seconds = time.perf_counter() - start

    text = repeated(seed_text(), int(options.size * 1024 * 1024))
    megabytes = len(text.encode("utf-8")) / 1024 / 1024
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    mentions = len(glossary.find_mentions(text))

    whole = best_time(lambda: glossary.find_mentions(text), options.repeat)
    per_paragraph = best_time(
        lambda: [glossary.find_mentions(part) for part in paragraphs], options.repeat
    )
    start = time.perf_counter()
    large = grown(glossary, 2000)
    grow_seconds = time.perf_counter() - start
    large_whole = best_time(lambda: large.find_mentions(text), options.repeat)

    print(f"glossary: {len(glossary)} entries, loaded and compiled in {load_seconds * 1000:.0f} ms")
    print(f"text: {megabytes:.2f} MB, {len(paragraphs)} paragraphs, {mentions} mentions")
    print(f"find_mentions, whole text:     {megabytes / whole:6.1f} MB/s ({whole:.3f} s)")
    print(
        f"find_mentions, per paragraph:  {megabytes / per_paragraph:6.1f} MB/s "
        f"({per_paragraph:.3f} s)"
    )
    print(
        f"with {len(large)} entries (compiled in {grow_seconds * 1000:.0f} ms): "
        f"{megabytes / large_whole:6.1f} MB/s ({large_whole:.3f} s)"
    )


if __name__ == "__main__":
    main()
