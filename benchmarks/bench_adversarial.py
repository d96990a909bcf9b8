"""Conversion time on adversarial inputs (issue 12): it must grow linearly.

    .venv/bin/python benchmarks/bench_adversarial.py

Prints, for one process, the conversion time of ``"1. x\\n\\n"`` repeated 10,000, 20,000
and 40,000 times (one run of blocks that all join into one paragraph: quadratic before,
9 s, 28 s and 124 s), the time per thousand blocks (flat when linear), then a text of
20 MB (numbered paragraphs of about 1 kB, the size limit of a source) and the same
20 MB of ``"1. x\\n\\n"``, which the line-count limit refuses before any parsing.
"""

from __future__ import annotations

import time

from resolutions.errors import SourceError
from resolutions.load import MAX_BYTES
from resolutions.pipeline import convert_bytes

HEAD = (
    "---\ntitle: Essai\nslug: essai\nbody: ag\ntype: résolution\ndate: 2000\n"
    "source: benchmark\nformat: pdf-text\n---\n"
)
PARAGRAPH = (
    "{n}. Prie l’Office des Nations Unies contre la drogue et le crime de continuer à "
    "fournir une assistance technique aux États Membres qui en font la demande, "
) * 5


def timed(raw: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        result = convert_bytes(raw, "essai.txt", repair=False)
        outcome = f"{sum(len(d.paragraphs) for d in result.documents):,} paragraphs"
    except SourceError as error:
        outcome = f"refused: {error.message[:70]}"
    return time.perf_counter() - start, outcome


def row(label: str, raw: bytes, seconds: float, per_block: str, outcome: str) -> None:
    print(f"{label:<34}{len(raw) / 1e6:>7.2f}{seconds:>10.2f}{per_block:>16}  {outcome}")


def main() -> None:
    print(f"{'input':<34}{'MB':>7}{'seconds':>10}{'ms / 1k blocks':>16}  outcome")
    for count in (10_000, 20_000, 40_000):
        raw = (HEAD + "1. x\n\n" * count).encode()
        seconds, outcome = timed(raw)
        row(f"'1. x' × {count:,}", raw, seconds, f"{seconds / count * 1e6:.1f}", outcome)
    budget = MAX_BYTES - len(HEAD.encode()) - 1
    parts, size, number = [], 0, 1
    while True:
        piece = (PARAGRAPH.format(n=number).rstrip(", ") + ".\n\n").encode()
        if size + len(piece) > budget:
            break
        parts.append(piece)
        size += len(piece)
        number += 1
    raw = HEAD.encode() + b"".join(parts)
    seconds, outcome = timed(raw)
    row("20 MB, ~1 kB paragraphs", raw, seconds, "", outcome)
    raw = (HEAD + "1. x\n\n" * (budget // 6)).encode()
    seconds, outcome = timed(raw)
    row("20 MB of '1. x'", raw, seconds, "", outcome)


if __name__ == "__main__":
    main()
