"""PDF import throughput: the official PDFs of ``../shared/pdfs`` read into Markdown
source texts, page by page.

Prints, for each PDF and in total, pages per second on one core for the whole import
(``readers.pdf.convert_pdf``: pdfplumber's text layer, furniture, cover, notes,
paragraphs, Markdown), and the share of it spent by pdfplumber alone reading every
page's characters.  Figures are printed, never asserted.

    python benchmarks/bench_pdf.py [--folder ../shared/pdfs] [--rounds 1]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import pdfplumber

from resolutions.readers.pdf import convert_pdf

ROOT = Path(__file__).resolve().parents[1]


def chars_only(path: Path) -> int:
    """pdfplumber reading every character of every page, nothing else."""
    with pdfplumber.open(path) as pdf:
        return sum(len(page.chars) for page in pdf.pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / ".." / "shared" / "pdfs")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.pdf"))
    if not paths:
        print(f"bench_pdf: no PDFs in {args.folder.resolve()}: nothing measured")
        return 0
    total_pages = 0
    total_seconds = 0.0
    total_reading = 0.0
    print("PDF import (one core): pages per second")
    for path in paths:
        gc.collect()
        start = time.perf_counter()
        for _ in range(args.rounds):
            converted = convert_pdf(path)
        seconds = (time.perf_counter() - start) / args.rounds
        start = time.perf_counter()
        for _ in range(args.rounds):
            chars = chars_only(path)
        reading = (time.perf_counter() - start) / args.rounds
        total_pages += converted.pages
        total_seconds += seconds
        total_reading += reading
        print(
            f"  {path.name}: {converted.pages} pages, {chars} characters, "
            f"{converted.pages / seconds:.1f} pages/s ({seconds:.2f} s; "
            f"pdfplumber's characters alone {reading:.2f} s)"
        )
    print(
        f"  all {len(paths)} PDFs: {total_pages} pages, {total_pages / total_seconds:.1f} pages/s "
        f"({total_seconds:.2f} s; pdfplumber's characters alone {total_reading:.2f} s, "
        f"{100 * total_reading / total_seconds:.0f} %)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
