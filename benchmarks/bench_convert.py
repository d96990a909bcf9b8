"""Conversion throughput: the seeds converted again and again until 10 MB have passed.

Prints MB/s on one core for the per-file stages (load, read, structure, footnotes) and
for the Markdown renderer.  Target (issue 2): at least 8 MB/s for conversion.

    python benchmarks/bench_convert.py [--megabytes 10]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from resolutions.pipeline import convert_bytes
from resolutions.render.markdown import render_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    sources = [(path.name, path.read_bytes()) for path in sorted(ROOT.glob("source_texts/*.txt"))]
    goal = args.megabytes * 1_000_000
    converted = 0
    documents = []
    start = time.perf_counter()
    while converted < goal:
        for name, raw in sources:
            documents.extend(convert_bytes(raw, name).documents)
            converted += len(raw)
    convert_seconds = time.perf_counter() - start
    start = time.perf_counter()
    rendered = sum(len(render_document(document).encode()) for document in documents)
    render_seconds = time.perf_counter() - start
    print(f"converted {converted / 1e6:.1f} MB of source ({len(documents)} texts)")
    print(f"conversion: {converted / 1e6 / convert_seconds:.1f} MB/s ({convert_seconds:.2f} s)")
    print(
        f"Markdown rendering: {converted / 1e6 / render_seconds:.1f} MB/s of source "
        f"({rendered / 1e6:.1f} MB of Markdown, {render_seconds:.2f} s)"
    )


if __name__ == "__main__":
    main()
