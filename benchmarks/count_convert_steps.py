"""The conversion's Python steps per line of source, stage by stage: a measure that the
machine's load does not move.

For the PDF-text and OCR seeds, as printed and re-laid out as ``bench_convert.py`` does
(hard-wrapped, flattened, with the cover and page furniture), one conversion of each text
is traced and, for each stage (the module running), this prints per line of the source:
the bytecodes executed, the calls of Python functions, the calls of built-in (C)
functions and methods, and among these the calls of a compiled pattern (``match``,
``search``, ``finditer``…).  8 MB/s is some 10 µs for an 80-character line, every stage
together.

The counts say where the Python work is, not its time: a step of C over every line
(``map``, ``compress``) saves bytecodes and can still cost more than the loop it replaces,
and a pattern call costs what its scan costs.  Time is ``bench_convert.py``'s.

    python benchmarks/count_convert_steps.py [--formats pdf-text,ocr]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

from bench_convert import relaid_seeds

from resolutions.pipeline import convert_bytes

ROOT = Path(__file__).resolve().parents[1]

STAGES = {
    "load.py": "load",
    "furniture.py": "readers/furniture",
    "segment.py": "readers/segment",
    "pdf_text.py": "readers/pdf_text",
    "ocr.py": "readers/ocr",
    "base.py": "readers/base",
    "structure.py": "structure",
    "annex.py": "structure",
    "ids.py": "structure",
    "language.py": "language",
    "corrections.py": "corrections",
    "model.py": "model",
    "pipeline.py": "pipeline",
    # A dataclass's generated ``__init__`` is compiled from a string.
    "<string>": "dataclass __init__",
    "dataclasses.py": "dataclass __init__",
}
PATTERN_METHODS = {"match", "fullmatch", "search", "finditer", "findall", "sub", "split"}


def stage_of(frame: FrameType) -> str:
    return STAGES.get(Path(frame.f_code.co_filename).name, "other")


def count(sources: list[tuple[str, bytes]]) -> tuple[Counter[str], ...]:
    """(bytecodes, Python calls, C calls, pattern calls) per stage, for one conversion of
    each source (each first converted once untraced, so that imports are not counted)."""
    bytecodes: Counter[str] = Counter()
    python_calls: Counter[str] = Counter()
    c_calls: Counter[str] = Counter()
    pattern_calls: Counter[str] = Counter()

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "call":
            frame.f_trace_opcodes = True
        elif event == "opcode":
            bytecodes[stage_of(frame)] += 1
        return trace

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            python_calls[stage_of(frame)] += 1
        elif event == "c_call":
            stage = stage_of(frame)
            c_calls[stage] += 1
            owner = getattr(arg, "__self__", None)
            if isinstance(owner, re.Pattern) and arg.__name__ in PATTERN_METHODS:
                pattern_calls[stage] += 1

    for name, raw in sources:
        convert_bytes(raw, name, repair=False)
        # Once under each hook: the line tracer counts bytecodes, the profiler calls.
        for install, hook in ((sys.settrace, trace), (sys.setprofile, profile)):
            re.purge()
            install(hook)
            try:
                convert_bytes(raw, name, repair=False)
            finally:
                install(None)
    return bytecodes, python_calls, c_calls, pattern_calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default="pdf-text,ocr")
    args = parser.parse_args()
    seeds = [(path.name, path.read_bytes()) for path in sorted(ROOT.glob("source_texts/*.txt"))]
    formats = {
        name: convert_bytes(raw, name, repair=False).documents[0].format for name, raw in seeds
    }
    layouts = {"as printed": seeds, **relaid_seeds()}
    for wanted in args.formats.split(","):
        for layout, sources in layouts.items():
            chosen = [(name, raw) for name, raw in sources if formats[name] == wanted]
            if not chosen:
                continue
            lines = sum(raw.count(b"\n") for _, raw in chosen)
            kilobytes = sum(len(raw) for _, raw in chosen) / 1000
            bytecodes, python_calls, c_calls, pattern_calls = count(chosen)
            print(
                f"{wanted}, {layout}: {len(chosen)} texts, {lines} lines, {kilobytes:.1f} kB "
                f"({sum(bytecodes.values()) / kilobytes:.0f} bytecodes a kB); per line "
                f"{sum(bytecodes.values()) / lines:.0f} bytecodes, "
                f"{sum(python_calls.values()) / lines:.1f} Python calls, "
                f"{sum(c_calls.values()) / lines:.1f} C calls, "
                f"{sum(pattern_calls.values()) / lines:.2f} pattern calls"
            )
            for stage, executed in bytecodes.most_common():
                print(
                    f"  {stage:20s} {executed / lines:7.1f} bytecodes "
                    f"{python_calls[stage] / lines:6.2f} Python calls "
                    f"{c_calls[stage] / lines:6.2f} C calls "
                    f"{pattern_calls[stage] / lines:5.2f} pattern calls"
                )


if __name__ == "__main__":
    main()
