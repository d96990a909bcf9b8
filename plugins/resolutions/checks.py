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
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .corpus import unresolved
from .glossary import Glossary, unknown_acronyms
from .language import MIN_EVIDENCE, detect_language, language_shares
from .load import Line
from .model import Article, Block, Chapter, Diagnostic, Document, Language, Paragraph
from .render.pages import plural

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


PLACEHOLDER = "À COMPLÉTER"
"""What `resolutions new` writes for a field the text does not give: check refuses it."""

# ----------------------------------------------------------------- structure not found

STRUCTURED_TYPES = ("résolution", "décision")
"""Types of text that open with an author clause ("L’Assemblée générale,")."""

AUTHORS: dict[str, dict[str, str]] = {
    "ag": {"fr": "L’Assemblée générale,", "en": "The General Assembly,"},
    "cnd": {"fr": "La Commission des stupéfiants,", "en": "The Commission on Narcotic Drugs,"},
    "ecosoc": {
        "fr": "Le Conseil économique et social,",
        "en": "The Economic and Social Council,",
    },
    "osce-cp": {"fr": "Le Conseil permanent,", "en": "The Permanent Council,"},
    "osce-cm": {"fr": "Le Conseil ministériel,", "en": "The Ministerial Council,"},
}
"""The author clause each body's resolutions and decisions open with, by language."""

# A block that holds several paragraphs run together (the blank lines between them lost
# in the copy) is one long block where a paragraph ends and the next one's lead follows:
# "…de 1988, Préoccupée par…", "…des États ; 2. Prie…", "…Member States, Recalling…".
# Measured with PARAGRAPH_BOUNDARY below, on genuine paragraphs:
# - the seeds of source_texts/ (French): 133 paragraphs and items; the longest unnumbered
#   paragraph has 203 words (A/RES/78/284, line 41), the longest operative one 231; none
#   holds a boundary;
# - six English UN resolutions as printed in their official PDFs (A/RES/78/226, 78/229,
#   78/267, 78/284, 79/191 and 79/243 less its annexed convention; 418 paragraphs, split
#   at the printed first-line indents): the longest preambular paragraph has 301 words
#   (A/RES/78/229, "Recognizing the progress made…"), the longest operative one 258;
#   none holds a boundary.
# The same texts with their paragraphs run together give blocks of 311 to 14,667 words
# holding 3 to 173 boundaries (the fewest: the CND seed's declaration fragment, 3 in 383
# words; A/RES/78/267, 15 in 757 words).  A word count alone cannot tell them apart (a
# real paragraph of 301 words, a run-together copy of A/RES/3014 (XXVII) of 170): a block
# is refused when it is longer than a short paragraph AND holds two boundaries or more,
# or when it is longer than any paragraph printed.
RUN_TOGETHER_WORDS = 120
RUN_TOGETHER_BOUNDARIES = 2
LONGEST_BLOCK_WORDS = 1000
"""Over three times the longest unnumbered paragraph measured (301 words)."""

_FRENCH_LEADS = (
    r"[A-ZÉÈÊ][a-zéèêëàâîïôûùç]+ant"  # Rappelant, Réaffirmant, Notant, Considérant…
    r"|Se [a-zéèêëàâîïôûùç]+ant|S[’'][a-zéèêëàâîïôûùç]+ant"  # Se félicitant, S’inquiétant
    r"|Préoccupée?|Profondément|Gravement|Vivement|Sérieusement|[EÉ]galement"
    r"|Consciente?|Convaincue?|Résolue?|Déterminée?|Alarmée?|Guidée?|Encouragée?"
    r"|Soucieu(?:x|se)|Inquiète|Satisfaite?|Persuadée?"
)
_ENGLISH_LEADS = (
    r"Acknowledging|Affirming|Alarmed|Appreciating|Approving|Aware|Bearing in mind"
    r"|Believing|Cognizant|Commending|Concerned|Condemning|Confident|Conscious|Considering"
    r"|Convinced|Declaring|Deeply|Deploring|Desiring|Desirous|Determined|Emphasizing"
    r"|Encouraged|Encouraging|Endorsing|Expressing|Fully|Further|Gravely|Guided|Having"
    r"|Highlighting|Inspired|Keeping in mind|Mindful|Noting|Observing|Reaffirming"
    r"|Realizing|Recalling|Recognizing|Referring|Regretting|Reiterating|Reminding"
    r"|Resolved|Seeking|Seriously|Stressing|Strongly|Taking|Underlining|Underscoring"
    r"|Urging|Welcoming"
)
PARAGRAPH_BOUNDARY = re.compile(
    rf"""(?x)
    (?:
        [,;:.](?:\s*\d{{1,3}})?\s+             # a paragraph's end, maybe a note number
        (?:
            \d{{1,3}}\s*[.)]\s+(?=[^\W\d_])   # the next paragraph's number: "; 2. Prie"
          | (?:{_FRENCH_LEADS}|{_ENGLISH_LEADS})\b   # a preambular lead: ", Rappelant"
        )
      | ;\s+(?:Nous|We)\b                     # a declaration's next paragraph
    )
    """
)


def author_clause(document: Document) -> list[Diagnostic]:
    """A resolution or a decision opens with its author clause; a text where none was
    found was not structured (its paragraphs would all be unnumbered text)."""
    if document.author is not None or document.fragment:
        return []
    if document.type not in STRUCTURED_TYPES:
        return []
    expected = AUTHORS.get(document.body, {}).get(document.lang)
    examples = f"'{expected}'" if expected else "'L’Assemblée générale,'"
    return [
        Diagnostic(
            document.source_path,
            document.line,
            "error",
            f"{document.slug}: no author clause found: a {document.type} opens with its "
            f"author alone on a line, such as {examples}, and its structure (preambular and "
            "operative paragraphs) could not be found; check that the author clause is "
            "there, on a line of its own, with a blank line before and after it",
        )
    ]


def run_together(document: Document) -> list[Diagnostic]:
    """Unnumbered blocks that hold several paragraphs: the text was not split."""
    found = []
    # An annex's unnumbered blocks too: an annexed text is published as the resolution is.
    annexed = (paragraph for annex in document.annexes for paragraph in annex.paragraphs())
    for paragraph in (*document.paragraphs, *annexed):
        if paragraph.kind in ("operative", "numbered"):
            continue
        words = len(paragraph.text.split())
        if words <= RUN_TOGETHER_WORDS:
            continue
        boundaries = list(PARAGRAPH_BOUNDARY.finditer(paragraph.text))
        if len(boundaries) >= RUN_TOGETHER_BOUNDARIES:
            first = boundaries[0]
            shown = " ".join(first[0].split())
            why = (
                f"{len(boundaries)} places where a paragraph seems to end and the next "
                f"to begin, the first on line {paragraph.line_at(first.start())}: '{shown}'"
            )
        elif words > LONGEST_BLOCK_WORDS:
            why = f"no paragraph of a resolution is that long ({LONGEST_BLOCK_WORDS} words at most)"
        else:
            continue
        found.append(
            Diagnostic(
                document.source_path,
                paragraph.line,
                "error",
                f"{document.slug}: a block of {words} words with no paragraph number, "
                f"{why}: the paragraphs were not separated; put a blank line between "
                "paragraphs",
            )
        )
    return found


# A page's notes are read up to where the body resumes; in a copy that lost its line
# breaks (a PDF's text flattened into one line) the next page's paragraphs can be read as
# the last note's text.  Measured on genuine notes: the 279 notes of the six official
# PDFs as pasted (pdfplumber's text and its layout text) and of the seeds: the longest
# has 60 words (A/RES/79/243, note 1) and none holds a PARAGRAPH_BOUNDARY.  The six PDFs'
# text flattened (pdfplumber's and pdftotext's) gives 33 notes that swallowed the body,
# of 347 to 4,345 words holding 4 to 49 boundaries.  So a note is refused by the same rule
# as a run-together block.


def body_in_notes(document: Document) -> list[Diagnostic]:
    """Notes that hold paragraphs of the body: the page's notes were read past the
    page's end."""
    found = []
    for note in document.footnotes:
        text = note.text.text
        words = len(text.split())
        if words <= RUN_TOGETHER_WORDS:
            continue
        boundaries = list(PARAGRAPH_BOUNDARY.finditer(text))
        if len(boundaries) < RUN_TOGETHER_BOUNDARIES and words <= LONGEST_BLOCK_WORDS:
            continue
        where = (
            f", the first paragraph seemingly starting on line "
            f"{note.text.line_at(boundaries[0].start())}: '{' '.join(boundaries[0][0].split())}'"
            if boundaries
            else ""
        )
        found.append(
            Diagnostic(
                document.source_path,
                note.text.line,
                "error",
                f"{document.slug}: note {note.number} holds {words} words and "
                f"{len(boundaries)} places where a paragraph seems to begin{where}: "
                "paragraphs of the text were read as the note (a copy whose line breaks "
                "were lost, where the notes at a page's foot run into the next page); "
                "paste the text again with its line breaks, one printed line per line",
            )
        )
    return found


LONE_LABEL = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|\(?[a-z]\)|[IVXL]+\.)\s*$")
"""A block that is only a paragraph number or an item label ("1.", "(a)")."""


def lone_labels(document: Document) -> list[Diagnostic]:
    """A paragraph number alone, its paragraph apart from it: the copy put the number on
    a line of its own (a PDF copy often does), and the paragraph was not numbered."""
    found = []
    for _, block in document.blocks():
        if LONE_LABEL.match(block.text):
            label = block.text.strip()
            found.append(
                Diagnostic(
                    document.source_path,
                    block.line,
                    "error",
                    f"{document.slug}: '{label}' stands alone: the paragraph it numbers "
                    "was not attached to it, so the text's numbering was not found; put "
                    f"'{label}' at the start of its paragraph's first line",
                )
            )
    return found


# ------------------------------------------------------------------- the metadata


@dataclass(frozen=True)
class Field:
    """A metadata field as written in a source's front matter."""

    line: int
    value: str


_FIELD = re.compile(r"^\s*(?:-\s+)?(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")


class FrontMatter:
    """Where each metadata field of a text is written, for messages that name its line,
    and whether a field is written at all (a declared ``lang``).  A file is read only
    when a check needs it, and once."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._files: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        """The front matter's lines, ``[0]`` being the opening ``---`` (line 1)."""
        if path not in self._files:
            full = (self.root / path) if self.root is not None else Path(path)
            try:
                text = full.read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                text = ""
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            front: list[str] = []
            if lines and lines[0].strip() == "---":
                for line in lines:
                    front.append(line)
                    if len(front) > 1 and line.strip() in ("---", "..."):
                        break
            self._files[path] = front
        return self._files[path]

    def field(self, document: Document, name: str) -> Field | None:
        """``name`` as written for ``document``: in its own entry under ``documents:``,
        else at the file's level."""
        own: list[tuple[int, str]] = []
        shared: list[tuple[int, str]] = []
        entries: list[list[tuple[int, str]]] = []
        in_documents = False
        for number, line in enumerate(self.lines(document.source_path)[1:-1], 2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace() and not line.startswith("-"):
                in_documents = line.startswith("documents:")
                shared.append((number, line))
            elif in_documents:
                if line.lstrip().startswith("- "):
                    entries.append([])
                if entries:
                    entries[-1].append((number, line))
        for entry in entries:
            values = {
                found["key"]: _plain(found["value"])
                for _, line in entry
                if (found := _FIELD.match(line))
            }
            if values.get("slug") == document.slug or (
                "slug" not in values and values.get("symbol") == document.symbol
            ):
                own = entry
                break
        for number, line in own + shared:
            found = _FIELD.match(line)
            if found and found["key"] == name:
                return Field(number, _plain(found["value"]))
        return None


def _plain(value: str) -> str:
    """A YAML scalar as written, without its quotes or a trailing comment."""
    value = value.strip()
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        return value[1:end] if end > 0 else value[1:]
    return value.split(" #", 1)[0].strip()


def placeholders(document: Document, front: FrontMatter) -> list[Diagnostic]:
    """Fields `resolutions new` could not fill in from the text, still to be written
    (those that converted: a body, a type or a date left so is refused by ``load``)."""
    found = []
    for name in ("symbol", "title", "source"):
        if PLACEHOLDER.casefold() in getattr(document, name).casefold():
            written = front.field(document, name)
            line = written.line if written else document.line
            found.append(_placeholder(document.source_path, line, name))
    return found


def placeholder_lines(path: str, front: FrontMatter) -> list[Diagnostic]:
    """Every field of a file's front matter still to be completed, whether the text
    converts or not (for `resolutions check`, which then reports them all at once)."""
    found = []
    for number, line in enumerate(front.lines(path)[1:-1], 2):
        written = _FIELD.match(line)
        if written and PLACEHOLDER.casefold() in _plain(written["value"]).casefold():
            found.append(_placeholder(path, number, written["key"]))
    return found


def _placeholder(path: str, line: int, name: str) -> Diagnostic:
    hint = PLACEHOLDER_HINTS.get(name, "see the comment on the line")
    return Diagnostic(
        path, line, "error", f"'{name}' is still to be completed ('{PLACEHOLDER}'): {hint}"
    )


PLACEHOLDER_HINTS = {
    "symbol": "write the text's official symbol (A/RES/79/123, PC.DEC/758); a text that "
    "has none is named by 'slug' instead",
    "title": "write the title as printed, with its accents",
    "body": "write the body's code: ag, cnd, ecosoc, osce-cp or osce-cm",
    "type": "write résolution, décision, déclaration, rapport or document",
    "date": "write the date of adoption, YYYY-MM-DD (or YYYY-MM, or YYYY)",
    "source": "say where the text comes from (the body, the symbol, and how it was copied: "
    "from the PDF, from a web page)",
}


LANGUAGE_NAMES: dict[Language, str] = {"fr": "French", "en": "English"}


LANGUAGE_SAMPLE_WORDS = 300
"""Words of a long text read first to check its language: every n-th block, from the
first to the last, so that a text in two languages shows both.  Only when the sample
disagrees with the text's language is the whole text read (detection reads about
a million words a second: the whole of every text would add 8 s to a build of
10,000 texts)."""


def document_blocks(document: Document) -> list[Block]:
    """The blocks a text's language is detected from (as the pipeline does): heading,
    author clause, paragraphs and their items."""
    blocks: list[Block] = [*document.heading]
    if document.author is not None:
        blocks.append(document.author)
    for paragraph in document.paragraphs:
        blocks.append(paragraph)
        blocks.extend(paragraph.items)
    return blocks


def _sample(blocks: list[Block]) -> str:
    words = sum(block.text.count(" ") + 1 for block in blocks)
    step = max(1, round(words / LANGUAGE_SAMPLE_WORDS))
    return " ".join(block.text for block in blocks[::step])


def language(document: Document, front: FrontMatter) -> list[Diagnostic]:
    """The language declared in the metadata is the language of the text.

    With no ``lang`` in the metadata, the detected language is the text's (so they
    agree); a text whose function words are mixed (a bilingual copy) is published as
    French, with a warning.  A text too short to tell (fewer than ``MIN_EVIDENCE``
    function words) gets nothing: French, the site's language, is a safe default."""
    blocks = document_blocks(document)
    if detect_language(_sample(blocks)) == document.lang:
        return []
    text = " ".join(block.text for block in blocks)
    detected = detect_language(text)
    if detected == document.lang:
        return []
    shares = language_shares(text)
    declared = front.field(document, "lang")
    if detected is not None:
        if declared is None:
            return []  # detected from the words before OCR repair: the pipeline's choice
        other: Language = "fr" if detected == "en" else "en"
        return [
            Diagnostic(
                document.source_path,
                declared.line,
                "error",
                f"{document.slug}: the metadata says 'lang: {declared.value}' but the text "
                f"reads as {LANGUAGE_NAMES[detected]} ({shares[detected]} "
                f"{LANGUAGE_NAMES[detected]} function words against {shares[other]} "
                f"{LANGUAGE_NAMES[other]}): correct 'lang', or check that the text pasted "
                "is the one the metadata describes",
            )
        ]
    if declared is not None or shares["fr"] + shares["en"] < MIN_EVIDENCE:
        return []
    return [
        Diagnostic(
            document.source_path,
            document.line,
            "warning",
            f"{document.slug}: cannot tell whether the text is French or English "
            f"({shares['fr']} French and {shares['en']} English function words): a bilingual "
            "copy? Keep one language, or declare it with 'lang: fr' or 'lang: en'",
        )
    ]


def printed_metadata(document: Document, front: FrontMatter) -> list[Diagnostic]:
    """The symbol and the date of the metadata agree with those printed in the text's
    heading (``Document.details``), when it prints them."""
    details = dict(document.details)
    lines = dict(document.detail_lines)
    found = []
    printed = details.get("symbol", "")
    if printed and document.symbol and _symbol_key(printed) != _symbol_key(document.symbol):
        written = front.field(document, "symbol")
        found.append(
            _disagreement(
                document, written, "symbol", document.symbol, printed, "symbol", lines.get("symbol")
            )
        )
    printed = details.get("adoption_date", "")
    if printed and document.date and not printed.startswith(document.date):
        written = front.field(document, "date")
        found.append(
            _disagreement(
                document,
                written,
                "date",
                document.date,
                printed,
                "date of adoption",
                lines.get("adoption_date"),
            )
        )
    return found


def _symbol_key(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper()


def _disagreement(
    document: Document,
    written: Field | None,
    name: str,
    value: str,
    printed: str,
    what: str,
    printed_line: int | None,
) -> Diagnostic:
    where = f"on line {printed_line}" if printed_line else "in its heading"
    return Diagnostic(
        document.source_path,
        written.line if written else document.line,
        "warning",
        f"{document.slug}: the metadata's {name} '{value}' (line "
        f"{written.line if written else document.line}) differs from the {what} printed in "
        f"the text {where}, '{printed}': correct the metadata, or check that the text "
        "pasted is the one it describes",
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


def annex_numbering(document: Document) -> list[Diagnostic]:
    """In an annex, each article numbers its paragraphs from 1 (or, as interpretative
    notes do, continues the annex's numbering across articles and headings); articles
    run 1, 2, 3… when the first is article 1.  Each article is checked on its own: an
    article's "1." is never a step back from the article before."""
    found: list[Diagnostic] = []
    for annex in document.annexes:
        articles = annex.articles()
        if articles and articles[0].number == "1":
            for before, article in pairwise(articles):
                if int(article.number) != int(before.number) + 1:
                    found.append(
                        _annex_error(
                            document,
                            article.heading.line,
                            f"article {article.number} follows article {before.number}",
                            int(article.number) > int(before.number) + 1,
                        )
                    )
        across = 0
        for part in annex.parts:
            groups: list[tuple[str, Sequence[Paragraph]]]
            if isinstance(part, Chapter):
                groups = [(f" of article {a.number}", a.paragraphs) for a in part.articles]
            elif isinstance(part, Article):
                groups = [(f" of article {part.number}", part.paragraphs)]
            elif isinstance(part, Paragraph):
                groups = [("", [part])]
            else:
                continue
            for where, paragraphs in groups:
                previous = 0 if where else across
                for paragraph in paragraphs:
                    number, printed = _annex_number(paragraph)
                    if number is None:
                        continue
                    if not printed or number not in (previous + 1, across + 1):
                        found.append(
                            _annex_error(
                                document,
                                paragraph.line,
                                f"paragraph {number}{where} follows paragraph {previous}",
                                number > previous + 1,
                            )
                        )
                    if printed:
                        previous = across = number
    return found


def _annex_number(paragraph: Paragraph) -> tuple[int | None, bool]:
    """(number, taken as the paragraph's number): a numbered paragraph's, or the number
    an unnumbered one opens with (out of sequence, so not taken)."""
    if paragraph.number is not None:
        return int(paragraph.number), True
    if stray := STRAY_NUMBER.match(paragraph.text):
        return int(stray["number"]), False
    return None, False


def _annex_error(document: Document, line: int, what: str, gap: bool) -> Diagnostic:
    kind = "a gap" if gap else "a repeat or a step back"
    return Diagnostic(
        document.source_path,
        line,
        "error",
        f"{document.slug}: in the annex, {what} ({kind} in the numbering)",
    )


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
    """Every note is cited in the text.  When none of several notes is, the marks were
    not recognised at all: one error says so, rather than one per note."""
    if len(document.footnotes) > 1 and not any(note.refs for note in document.footnotes):
        first = document.footnotes[0]
        return [
            Diagnostic(
                document.source_path,
                first.text.line,
                "error",
                f"{document.slug}: {len(document.footnotes)} notes are printed and the text "
                "cites none of them: the note marks were not recognised (in a copy from a "
                "PDF, the note's number glued to the word it follows, 'de 19881,'; in "
                "Markdown, '<sup>1</sup>'); check that the text and its notes come from "
                "the same document and that the marks were not removed",
            )
        ]
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


def annotation_findings(
    documents: Iterable[Document], glossary: Glossary | None
) -> list[Diagnostic]:
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


def check_document(document: Document, front: FrontMatter) -> list[Diagnostic]:
    """Every check of one converted text: what `resolutions check` reports about it and
    what the site's build refuses to publish (its errors)."""
    return [
        *placeholders(document, front),
        *author_clause(document),
        *run_together(document),
        *body_in_notes(document),
        *lone_labels(document),
        *numbering(document),
        *annex_numbering(document),
        *notes(document),
        *language(document, front),
        *printed_metadata(document, front),
    ]


def check_documents(
    documents: Iterable[Document],
    front: FrontMatter | None = None,
    kept: dict[int, tuple[Document, list[Diagnostic]]] | None = None,
) -> list[Diagnostic]:
    """``check_document`` over several texts; ``front`` reads their metadata lines
    (by default, from paths relative to the working folder).

    ``kept`` (id(text) → that text, what the checks found in it), for a preview that
    checks every text again after each edit: a text checked in the run before (the very
    same object) keeps its findings, and ``kept`` is left holding this run's texts."""
    front = front if front is not None else FrontMatter()
    found: list[Diagnostic] = []
    current: dict[int, tuple[Document, list[Diagnostic]]] = {}
    for document in documents:
        earlier = kept.get(id(document)) if kept is not None else None
        if earlier is None or earlier[0] is not document:
            earlier = (document, check_document(document, front))
        if kept is not None:
            current[id(document)] = earlier
        found += earlier[1]
    if kept is not None:
        kept.clear()
        kept.update(current)
    return found


def refusal(
    conversion: Iterable[Diagnostic], found: Iterable[Diagnostic]
) -> tuple[str, str] | None:
    """Why a corpus must not be published, if it must not: the errors of its conversion,
    else those the checks ``found`` (what `resolutions check` refuses: a text that
    converts but whose structure was not found would be one long paragraph on its
    page).  As (the ``file:line: error:`` lines, the message that stops a build)."""
    errors = "\n".join(str(d) for d in conversion if d.severity == "error")
    if errors:
        return errors, f"resolutions:\n{errors}"
    refused = [str(d) for d in found if d.severity == "error"]
    if not refused:
        return None
    errors = "\n".join(refused)
    return errors, (
        f"resolutions: {plural(len(refused), 'error')} in the source texts; "
        f"`resolutions check` says the same:\n{errors}"
    )


def ordered(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """In the order of the files, then of their lines; duplicates removed."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=lambda d: (d.path, d.line, d.severity != "error", d.message))
