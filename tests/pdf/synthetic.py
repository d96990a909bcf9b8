"""Small PDFs written for the tests with pypdfium2 and the standard Times fonts, laid out
as a word processor lays out a UN resolution: a page is a list of printed lines and
rules; a line is a list of runs (roman, bold, italic, raised), placed one after the
other, or spread word by word to a right edge (justified)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pypdfium2.raw as raw
from pdfminer.fontmetrics import FONT_METRICS

FONTS = {"roman": b"Times-Roman", "bold": b"Times-Bold", "italic": b"Times-Italic"}


@dataclass(frozen=True)
class Run:
    text: str
    style: str = "roman"
    size: float = 10.0
    raised: bool = False


@dataclass(frozen=True)
class Line:
    x: float
    top: float
    runs: tuple[Run, ...]
    justify_to: float | None = None
    """Spread the words so that the last one ends here (a justified line)."""
    gap: float = 0.0
    """Extra space after the first word (a tab after a paragraph number)."""


@dataclass(frozen=True)
class Rule:
    x0: float
    x1: float
    top: float


@dataclass
class Page:
    items: list[Line | Rule] = field(default_factory=list)


class _Writer:
    def __init__(self, height: float) -> None:
        self.document = pypdfium2.PdfDocument.new()
        self.height = height
        self.fonts = {
            name: raw.FPDFText_LoadStandardFont(self.document.raw, face)
            for name, face in FONTS.items()
        }

    def text_object(self, run: Run, text: str):
        obj = raw.FPDFPageObj_CreateTextObj(self.document.raw, self.fonts[run.style], run.size)
        encoded = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(encoded, ctypes.POINTER(raw.FPDF_WCHAR)))
        return obj

    @staticmethod
    def advance(run: Run, text: str) -> float:
        """The advance width of ``text`` in the run's font, from the standard metrics."""
        widths = FONT_METRICS[FONTS[run.style].decode()][1]
        return sum(widths.get(char, 500) for char in text) * run.size / 1000

    def place(self, page, obj, x: float, top: float, size: float, raised: bool) -> None:
        baseline = self.height - top - size * 0.8
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, baseline + (size * 0.35 if raised else 0))
        raw.FPDFPage_InsertObject(page.raw, obj)

    def line(self, page, line: Line) -> None:
        size = max(run.size for run in line.runs if not run.raised)
        # Words (a raised run sticks to the word before it), each a list of runs.
        words: list[list[Run]] = []
        glue = False
        for run in line.runs:
            parts = run.text.split(" ")
            for index, part in enumerate(parts):
                if index > 0:
                    glue = False
                if not part:
                    continue
                piece = Run(part, run.style, run.size, run.raised)
                if words and (glue or run.raised):
                    words[-1].append(piece)
                else:
                    words.append([piece])
                glue = True
            if run.text.endswith(" "):
                glue = False
        # Each word but the last carries its space glyph, as Word writes them.
        texts = [
            [
                run.text + (" " if at == len(word) - 1 and index < len(words) - 1 else "")
                for at, run in enumerate(word)
            ]
            for index, word in enumerate(words)
        ]
        widths = [
            sum(self.advance(run, text) for run, text in zip(word, parts, strict=True))
            for word, parts in zip(words, texts, strict=True)
        ]
        extra = 0.0
        if line.justify_to is not None and len(words) > 1:
            extra = (line.justify_to - line.x - line.gap - sum(widths)) / (len(words) - 1)
        x = line.x
        for index, (word, parts) in enumerate(zip(words, texts, strict=True)):
            for run, text in zip(word, parts, strict=True):
                self.place(page, self.text_object(run, text), x, line.top, size, run.raised)
                x += self.advance(run, text)
            x += extra + (line.gap if index == 0 else 0)

    def rule(self, page, rule: Rule) -> None:
        obj = raw.FPDFPageObj_CreateNewRect(
            rule.x0, self.height - rule.top - 0.5, rule.x1 - rule.x0, 0.5
        )
        raw.FPDFPath_SetDrawMode(obj, raw.FPDF_FILLMODE_ALTERNATE, 0)
        raw.FPDFPage_InsertObject(page.raw, obj)


def write_pdf(path: Path, pages: list[Page], width: float = 612, height: float = 792) -> None:
    writer = _Writer(height)
    for content in pages:
        page = writer.document.new_page(width, height)
        for item in content.items:
            if isinstance(item, Rule):
                writer.rule(page, item)
            else:
                writer.line(page, item)
        raw.FPDFPage_GenerateContent(page.raw)
    writer.document.save(str(path))
    writer.document.close()
