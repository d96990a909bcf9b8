"""A text's conversion compiles no regular expression: every pattern it uses is compiled
once, at import.  A pattern built from a text's own words (its title, its symbol) is
compiled again for each text of a real corpus, where ``re``'s cache never holds it (a
title pattern was half of a 10,000-text build's conversion), while a test or a
benchmark that converts the same texts again finds it in the cache: so the cache is
emptied before each conversion here, and the compiler watched."""

from __future__ import annotations

import re
import re._compiler as compiler
from pathlib import Path

import pytest

from resolutions.pipeline import convert_bytes
from tests.converter import relayout
from tests.corpus import seed_texts, source_texts

HTML_PAGES = Path(__file__).parent / "html"
STDLIB_CDATA_ENDS = {r"</\s*script\s*>", r"</\s*style\s*>"}
"""What ``html.parser`` compiles at each ``<script>`` or ``<style>`` (its end tag): one
pattern per element name, which ``re``'s cache keeps over a corpus."""


def copies() -> list[tuple[str, bytes]]:
    """Every source text, the HTML test pages, and each seed hard-wrapped, flattened,
    and with the cover and the page furniture on every page (a running header repeats
    the symbol)."""
    found = [(path.name, path.read_bytes()) for path in source_texts()]
    found += [(path.name, path.read_bytes()) for path in sorted(HTML_PAGES.glob("*.txt"))]
    for path in seed_texts():
        seed = relayout.load_seed(path)
        layouts = {
            "wrapped": relayout.relayout(seed, layout="wrapped", width=72),
            "furniture": relayout.relayout(
                seed,
                layout="wrapped",
                width=72,
                furniture=relayout.furniture_for(seed.meta),
                breaks=list(range(0, 1000, 30)),
            ),
        }
        if seed.format != "markdown":
            layouts["flat"] = relayout.relayout(seed, layout="flat")
        found += [(f"{path.name} {name}", copy.text.encode()) for name, copy in layouts.items()]
    return found


@pytest.mark.parametrize(
    ("name", "raw"), [pytest.param(name, raw, id=name) for name, raw in copies()]
)
def test_a_conversion_compiles_no_pattern(
    name: str, raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled: list[str] = []
    original = compiler.compile

    def watched(pattern: object, flags: int = 0) -> object:
        compiled.append(str(pattern))
        return original(pattern, flags)

    # Converted once first: what a library compiles once and keeps (Beautiful Soup's
    # table of entities, at its first page) is no cost of a text.  The pattern of a
    # text's own words this puts in re's cache is emptied from it below.
    convert_bytes(raw, name, repair=False)
    re.purge()
    monkeypatch.setattr(compiler, "compile", watched)
    convert_bytes(raw, name, repair=False)
    assert [pattern for pattern in compiled if pattern not in STDLIB_CDATA_ENDS] == []
