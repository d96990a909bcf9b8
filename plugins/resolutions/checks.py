"""Checks an editor runs before a pull request (``resolutions check``).

Conversion itself raises on what cannot be converted at all (bad encoding, broken
metadata, a note cited but missing).  These checks read converted documents, and the
source lines, for what converts but is probably wrong: a gap in the numbering, a note
that nothing cites, page furniture left in the text, acronyms the glossary does not
know, citations that resolve nowhere.  Each finding is a ``Diagnostic`` located at
``path:line``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .corpus import unresolved
from .glossary import Glossary, unknown_acronyms
from .load import Line
from .model import Diagnostic, Document

STRAY_NUMBER = re.compile(r"^(?P<number>\d{1,3})\s*[.)]\s+\S")

# Lines that are page furniture when they stand alone: a page number ("3", "- 3 -",
# "3/7", "Page 3"), a UN job number ("07-47050"), a bar code run of digits.
FURNITURE = re.compile(
    r"""(?x)
    ^\s*(?:
        [-–]?\s*\d{1,3}\s*[-–]?          # a page number, maybe between dashes
      | \d{1,3}\s*/\s*\d{1,3}            # 3/7
      | Page\s+\d{1,3}(?:\s+(?:of|sur|de)\s+\d{1,3})?
      | \d{2}-\d{5}(?:\s*\(F\))?         # UN job number, e.g. 07-47050 (F)
      | \*\d{7,}\*                       # bar code
    )\s*$
    """,
    re.IGNORECASE,
)


def numbering(document: Document) -> list[Diagnostic]:
    """Operative paragraphs run 1, 2, 3… without a gap or a repeat."""
    found: list[Diagnostic] = []
    previous = 0
    for paragraph in document.paragraphs:
        if paragraph.kind == "operative" and paragraph.number is not None:
            number = int(paragraph.number)
            if number != previous + 1:
                found.append(_numbering_error(document, paragraph.line, number, previous))
            previous = number
        elif (stray := STRAY_NUMBER.match(paragraph.text)) and previous:
            # Outside Markdown lists, a number is taken as a paragraph number only when it
            # continues the sequence; one out of sequence stays unnumbered text.
            found.append(_numbering_error(document, paragraph.line, int(stray["number"]), previous))
    return found


def _numbering_error(document: Document, line: int, number: int, previous: int) -> Diagnostic:
    what = "a gap" if number > previous + 1 else "a repeat or a step back"
    return Diagnostic(
        document.source_path,
        line,
        "error",
        f"{document.slug}: operative paragraph {number} follows paragraph {previous} "
        f"({what} in the numbering)",
    )


def notes(document: Document) -> list[Diagnostic]:
    return [
        Diagnostic(
            document.source_path,
            note.text.line,
            "error",
            f"{document.slug}: note {note.number} is never cited in the text",
        )
        for note in document.footnotes
        if not note.refs
    ]


def page_furniture(path: str, lines: Sequence[Line]) -> list[Diagnostic]:
    """Running heads and page numbers left between the paragraphs."""
    found = []
    symbol_lines: dict[str, list[int]] = {}
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if FURNITURE.match(text):
            found.append(
                Diagnostic(
                    path, line.number, "warning", f"looks like page furniture left in: '{text}'"
                )
            )
        elif re.fullmatch(r"[A-Z]+(?:\.[A-Z]+)?/(?:[A-Z0-9.-]+/)*[A-Z0-9.-]+", text):
            symbol_lines.setdefault(text, []).append(line.number)
    for symbol, numbers in symbol_lines.items():
        for number in numbers[1:]:
            found.append(
                Diagnostic(
                    path,
                    number,
                    "warning",
                    f"the symbol '{symbol}' is repeated alone on a line: a running head?",
                )
            )
    return found


def annotations(documents: Iterable[Document], glossary: Glossary | None) -> list[Diagnostic]:
    """Acronyms the glossary does not know, and citations that lead nowhere."""
    found: list[Diagnostic] = []
    documents = list(documents)
    if glossary is not None:
        for document in documents:
            found += [
                Diagnostic(
                    document.source_path,
                    line,
                    "warning",
                    f"{document.slug}: acronym '{acronym}' is not in the glossary "
                    f"({glossary.path})",
                )
                for line, acronym in unknown_acronyms(document, glossary)
            ]
    found += [
        Diagnostic(path, line, "warning", f"citation with no address: {label}")
        for path, line, label in unresolved(documents)
    ]
    return found


def check_documents(documents: Iterable[Document]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for document in documents:
        found += numbering(document)
        found += notes(document)
    return found


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """In the order of the files, then of their lines; duplicates removed."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (d.path, d.line, d.severity != "error", d.message))
