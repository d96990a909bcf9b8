"""Fixture files in markdown-it's manner: a case is a title line, then sections each
closed by a line holding a single ``.``::

    title of the case
    .
    input
    .
    expected
    .

A new case is new text, not new code.  ``read_fixtures`` returns (title, input,
expected, line) for every case of a file, for ``pytest.mark.parametrize``."""

from __future__ import annotations

from pathlib import Path

import pytest

FOLDER = Path(__file__).parent / "fixtures"


def read_fixtures(name: str) -> list[pytest.param]:
    lines = (FOLDER / name).read_text(encoding="utf-8").split("\n")
    cases = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title, start = lines[index], index + 1
        assert lines[start] == ".", f"{name}:{start + 1}: a title must be followed by '.'"
        sections: list[list[str]] = [[]]
        index = start + 1
        while len(sections) < 3 and index < len(lines):
            if lines[index] == ".":
                sections.append([])
            else:
                sections[-1].append(lines[index])
            index += 1
        assert len(sections) == 3 and not sections[2], f"{name}:{start}: unclosed case"
        cases.append(
            pytest.param(
                "\n".join(sections[0]), "\n".join(sections[1]), id=f"{name}:{start}:{title}"
            )
        )
    return cases
