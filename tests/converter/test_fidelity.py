"""Fidelity: the words of each source are exactly the words of the model, in order."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from resolutions.pipeline import convert_file

from .wordstream import is_subsequence, model_streams, source_tokens, tokens

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "source_texts").glob("*.txt"))
# HTML sources (format: html): every text of the page (tests/converter/wordstream.py).
HTML_SOURCES = sorted((Path(__file__).parent / "html").glob("*.txt"))


@pytest.mark.parametrize(
    "path",
    SOURCES + HTML_SOURCES,
    ids=[path.stem for path in SOURCES] + [f"html-{path.stem}" for path in HTML_SOURCES],
)
def test_no_word_lost_added_or_moved(path: Path) -> None:
    result = convert_file(path, ROOT)
    source_format = result.documents[0].format
    source = source_tokens(path.read_text(encoding="utf-8"), source_format)
    body, notes = model_streams(result.documents)
    # Page furniture the readers took out is recorded, so it is accounted for here.
    removed = [
        word
        for document in result.documents
        for removal in document.removals
        for word in tokens(removal.text)
    ]
    missing = Counter(source) - Counter(body + notes + removed)
    added = Counter(body + notes + removed) - Counter(source)
    assert not missing and not added, f"missing {dict(missing)}; added {dict(added)}"
    matched = is_subsequence(body, source)
    assert matched == len(body), (
        f"body out of order at word {matched}: {body[matched : matched + 8]}"
    )
    matched = is_subsequence(notes, source)
    assert matched == len(notes), f"notes out of order at {matched}: {notes[matched : matched + 8]}"
