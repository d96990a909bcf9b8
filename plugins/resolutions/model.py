"""The typed document model every stage reads and writes.

Everything here is a frozen dataclass: a stage never mutates its input, it returns a
new value (``dataclasses.replace``).  Text is stored once, as the exact words of the
source, and everything else about it is *stand-off*: note marks are zero-width
positions in the text, and emphasis, glossary mentions, citations and OCR corrections
are ``[start, end)`` spans over it.  That keeps the fidelity guarantee checkable (the
words are the words) and lets each annotating stage work without knowing the others.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal, TypeVar, cast, get_args

from . import ids

SCHEMA_VERSION = 1

ParagraphKind = Literal["preambular", "operative", "numbered", "other"]
"""``numbered``: a numbered paragraph of an annexed instrument (an article's ``1.``),
never an operative paragraph of the resolution."""
SourceFormat = Literal["pdf-text", "markdown", "ocr", "html"]
Language = Literal["fr", "en"]


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class Detail:
    """A fact the cover block prints: ``symbol``, ``session``, ``agenda_item``,
    ``agenda_title``, ``adoption_date`` (ISO), ``adoption``, ``draft_symbol``,
    ``report_symbol``, ``committee``, ``distribution``, ``date``, ``meeting``."""

    name: str
    value: str
    line: int


@dataclass(frozen=True)
class Removal:
    """Page furniture taken out of the text (a job number, a page counter, a running
    header, the masthead): recorded so that nothing leaves the source unaccounted for."""

    line: int
    text: str
    """The characters removed, exactly as in the source."""
    reason: str
    """What the furniture is, in French, for the reviewer (``numéro de tirage``…)."""


@dataclass(frozen=True)
class NoteMark:
    """A note reference: the printed note ``number`` sits right after ``text[:offset]``."""

    offset: int
    number: str
    line: int


@dataclass(frozen=True)
class Span:
    """A stand-off annotation over ``text[start:end]``; subclasses say what it is."""

    kind: ClassVar[str] = "span"
    start: int
    end: int


@dataclass(frozen=True)
class Emphasis(Span):
    """Italics as printed (Markdown sources keep them; PDF text has none)."""

    kind: ClassVar[str] = "emphasis"


@dataclass(frozen=True)
class Superscript(Span):
    """A superscript that is part of the words, such as the ordinal in ``85e``."""

    kind: ClassVar[str] = "superscript"


@dataclass(frozen=True)
class Mention(Span):
    """A glossary entry named in the text (filled in by the glossary stage)."""

    kind: ClassVar[str] = "mention"
    entry: str = ""


@dataclass(frozen=True)
class Citation(Span):
    """A reference to another text (filled in by the citations stage).

    ``key`` is the normalised identity of the cited text (``A/RES/61/183``,
    ``cnd:57/9``, ``PC.DEC/758``, ``A/62/117``, ``glossary:convention-1988``…),
    ``target`` where it resolves: ``doc:<slug>#<anchor>``, ``glossary:<id>``, an
    ``https://`` address, or ``""`` when it cannot be resolved.
    """

    kind: ClassVar[str] = "citation"
    citation_kind: str = ""
    key: str = ""
    label: str = ""
    target: str = ""


@dataclass(frozen=True)
class Correction(Span):
    """A word changed from the source: ``text[start:end]`` now reads what the source
    printed as ``original``.  Kept for review and shown to readers."""

    kind: ClassVar[str] = "correction"
    original: str = ""
    replacement: str = ""
    """What now stands for ``original`` (for a span, equal to ``text[start:end]``)."""
    reason: str = ""
    confidence: float = 1.0
    line: int = 0


@dataclass(frozen=True)
class LabelCorrection(Correction):
    """A block's printed label read as another (a paragraph number ``S.`` read ``5.``).
    The label is not part of the block's text, so this is never one of its spans: the
    document's list holds it, ``start``/``end`` spanning the label as printed."""


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """A run of text from the source with its annotations.

    ``lines`` maps offsets in ``text`` to source lines: ``(offset, line)`` pairs, one
    per source line that contributed text, in order.
    """

    text: str
    line: int
    lines: tuple[tuple[int, int], ...] = ()
    notes: tuple[NoteMark, ...] = ()
    spans: tuple[Span, ...] = ()

    def line_at(self, offset: int) -> int:
        """The source line that holds ``text[offset]``."""
        if not self.lines:
            return self.line
        index = bisect.bisect_right([start for start, _ in self.lines], offset) - 1
        return self.lines[max(index, 0)][1]

    def spans_of(self, span_type: type[Span]) -> tuple[Span, ...]:
        return tuple(span for span in self.spans if isinstance(span, span_type))


@dataclass(frozen=True)
class Item(Block):
    """A lettered sub-item ``a)`` of a paragraph; in an annexed instrument, its own
    roman sub-items ``(i)``, ``(ii)`` are ``items``."""

    id: str = ""
    label: str = ""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Paragraph(Block):
    """A preambular or operative paragraph, or unnumbered running text (``other``).

    ``number`` is the number as printed (``"10"``), ``lead`` the leading verb phrase
    (``"Prie instamment"``), which is always a prefix of ``text``.
    """

    id: str = ""
    kind: ParagraphKind = "other"
    number: str | None = None
    section: str | None = None
    lead: str = ""
    items: tuple[Item, ...] = ()


def _block_fields(block: Block) -> dict[str, Any]:
    """What a paragraph or an item read from ``block`` keeps of it, unchanged: its text,
    lines, note marks and spans (named one by one: a loop over the dataclass's fields
    with ``getattr`` cost as much as building the paragraph)."""
    return {
        "text": block.text,
        "line": block.line,
        "lines": block.lines,
        "notes": block.notes,
        "spans": block.spans,
    }


_PARAGRAPH_KINDS = frozenset(get_args(ParagraphKind))


def paragraph_of(
    block: Block,
    anchor: str,
    kind: str,
    number: str | None = None,
    section: str | None = None,
    lead: str = "",
) -> Paragraph:
    """``block`` read as a paragraph of ``kind`` at ``anchor``."""
    if kind not in _PARAGRAPH_KINDS:
        raise ValueError(f"no paragraph kind '{kind}'")
    return Paragraph(
        **_block_fields(block),
        id=anchor,
        kind=cast(ParagraphKind, kind),
        number=number,
        section=section,
        lead=lead,
    )


def item_of(block: Block, anchor: str, label: str) -> Item:
    """``block`` read as the item ``label`` (``a)``, ``(i)``) at ``anchor``."""
    return Item(**_block_fields(block), id=anchor, label=label)


@dataclass(frozen=True)
class Section:
    """A roman-numbered part of a resolution (``I``, ``II``) with its heading."""

    id: str
    number: str
    heading: Block


@dataclass(frozen=True)
class Footnote:
    """A note with its printed number; ``refs`` lists, once per citation, the ids of
    the blocks (paragraph, item, ``title``, ``closing``) whose text cites it."""

    number: str
    text: Block
    refs: tuple[str, ...] = ()


_Kind = TypeVar("_Kind", bound=Block)


def _same_kind(before: _Kind, after: Block) -> _Kind:
    """``after``, which a change made of ``before``: a change keeps the kind of a block
    (a paragraph stays a paragraph, with its number and items)."""
    if not isinstance(after, type(before)):
        raise TypeError(f"a change made a {type(after).__name__} of a {type(before).__name__}")
    return after


# --------------------------------------------------------------------------- annexes


AnnexLineRole = Literal["preamble", "author", "agreement", "witness", "heading"]


@dataclass(frozen=True)
class AnnexLine:
    """A line of an annex that is neither a paragraph nor an article heading: the
    ``Preamble`` heading, the instrument's author clause (``The States Parties to the
    present Convention,``), ``Have agreed as follows:``, ``IN WITNESS WHEREOF…``, or a
    heading that names no single article (``Articles 23 and 35, with regard to …``)."""

    id: str
    role: AnnexLineRole
    block: Block


@dataclass(frozen=True)
class Article:
    """``Article 5`` (or ``Article premier``) with its title and its paragraphs; ``number``
    is the article's number in figures (``premier`` is ``1``)."""

    id: str
    number: str
    heading: Block
    title: Block | None = None
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """``Chapter IV`` / ``Chapitre premier`` with its title and the articles under it;
    ``number`` is the numeral (``premier`` is ``I``)."""

    id: str
    number: str
    heading: Block
    title: Block | None = None
    articles: tuple[Article, ...] = ()


AnnexPart = AnnexLine | Paragraph | Chapter | Article


@dataclass(frozen=True)
class Annex:
    """A text annexed to the resolution (a convention, a declaration, a plan), printed
    after its closing formula: the ``Annex``/``Annexe II`` heading, the title lines, and
    its parts in reading order (lines, paragraphs, chapters holding articles, articles)."""

    id: str
    number: str | None
    heading: Block
    title: tuple[Block, ...] = ()
    parts: tuple[AnnexPart, ...] = ()

    def articles(self) -> list[Article]:
        found: list[Article] = []
        for part in self.parts:
            if isinstance(part, Chapter):
                found.extend(part.articles)
            elif isinstance(part, Article):
                found.append(part)
        return found

    def chapters(self) -> list[Chapter]:
        return [part for part in self.parts if isinstance(part, Chapter)]

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the annex, in and out of articles, in reading order."""
        found: list[Paragraph] = []
        for part in self.parts:
            if isinstance(part, Paragraph):
                found.append(part)
            elif isinstance(part, Chapter):
                found.extend(p for article in part.articles for p in article.paragraphs)
            elif isinstance(part, Article):
                found.extend(part.paragraphs)
        return found

    def blocks(self) -> list[tuple[str, Block]]:
        """Every text-bearing block of the annex with its anchor id, in reading order."""
        found: list[tuple[str, Block]] = [(self.id, self.heading)]
        found += [(ids.annex_title(self.id, n), b) for n, b in enumerate(self.title, 1)]

        def article(part: Article) -> None:
            found.append((part.id, part.heading))
            if part.title is not None:
                found.append((ids.title_of(part.id), part.title))
            for paragraph in part.paragraphs:
                _paragraph_blocks(paragraph, found)

        for part in self.parts:
            if isinstance(part, AnnexLine):
                found.append((part.id, part.block))
            elif isinstance(part, Paragraph):
                _paragraph_blocks(part, found)
            elif isinstance(part, Chapter):
                found.append((part.id, part.heading))
                if part.title is not None:
                    found.append((ids.title_of(part.id), part.title))
                for each in part.articles:
                    article(each)
            else:
                article(part)
        return found

    def map_blocks(self, change: Callable[[str, Block], Block]) -> Annex:
        """A copy where every block of ``blocks`` is ``change(id, block)``: ``self``, and
        each part, as it is when ``change`` hands back every one of its blocks."""

        def titled(part: Article | Chapter) -> dict[str, Any]:
            title = part.title
            return {
                "heading": change(part.id, part.heading),
                "title": change(ids.title_of(part.id), title) if title is not None else None,
            }

        def article(part: Article) -> Article:
            paragraphs = _kept(
                part.paragraphs,
                tuple(_map_paragraph(p, change, _map_item) for p in part.paragraphs),
            )
            return _replaced(part, **titled(part), paragraphs=paragraphs)

        parts: list[AnnexPart] = []
        for part in self.parts:
            if isinstance(part, AnnexLine):
                parts.append(_replaced(part, block=change(part.id, part.block)))
            elif isinstance(part, Paragraph):
                parts.append(_map_paragraph(part, change, _map_item))
            elif isinstance(part, Chapter):
                articles = _kept(part.articles, tuple(article(a) for a in part.articles))
                parts.append(_replaced(part, **titled(part), articles=articles))
            else:
                parts.append(article(part))
        title = tuple(change(ids.annex_title(self.id, n), b) for n, b in enumerate(self.title, 1))
        return _replaced(
            self,
            heading=change(self.id, self.heading),
            title=_kept(self.title, title),
            parts=_kept(self.parts, tuple(parts)),
        )


_Value = TypeVar("_Value")


def _kept(before: tuple[_Value, ...], after: tuple[_Value, ...]) -> tuple[_Value, ...]:
    """``after``, or ``before`` itself when each of its elements is the very same
    object: a change that leaves a text's blocks as they are copies nothing."""
    if len(before) == len(after) and all(map(operator.is_, before, after)):
        return before
    return after


_Whole = TypeVar("_Whole")


def _replaced(value: _Whole, **changes: Any) -> _Whole:
    """``replace(value, **changes)``, or ``value`` itself when every field given is
    the very object it holds (a copy of a dataclass was most of a pass that changes a
    few blocks of a text: citations resolved)."""
    if all(getattr(value, name) is new for name, new in changes.items()):
        return value
    return replace(value, **changes)  # type: ignore[type-var]


def _map_paragraph(
    paragraph: Paragraph,
    change: Callable[[str, Block], Block],
    item: Callable[[Item, Callable[[str, Block], Block]], Item],
) -> Paragraph:
    """``paragraph`` changed by ``change``, with its items changed by ``item``."""
    changed = _same_kind(paragraph, change(paragraph.id, paragraph))
    items = _kept(paragraph.items, tuple(item(each, change) for each in paragraph.items))
    return changed if changed.items is items else replace(changed, items=items)


def _paragraph_blocks(paragraph: Paragraph, found: list[tuple[str, Block]]) -> None:
    found.append((paragraph.id, paragraph))
    for item in paragraph.items:
        found.append((item.id, item))
        found.extend((sub.id, sub) for sub in item.items)


def _map_item(item: Item, change: Callable[[str, Block], Block]) -> Item:
    changed = _same_kind(item, change(item.id, item))
    if not item.items:
        return changed
    items = _kept(item.items, tuple(_same_kind(sub, change(sub.id, sub)) for sub in item.items))
    return changed if changed.items is items else replace(changed, items=items)


def _map_item_alone(item: Item, change: Callable[[str, Block], Block]) -> Item:
    """A resolution's item changed, its own sub-items left as they are (``blocks``
    does not list them)."""
    return _same_kind(item, change(item.id, item))


class BlockWalk:
    """Reading-order walks shared by a parsed text and a Document: both hold a heading,
    an author clause, sections, paragraphs and a closing formula."""

    heading: tuple[Block, ...]
    author: Block | None
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    closing: Block | None
    annexes: tuple[Annex, ...]
    footnotes: tuple[Footnote, ...]

    def body_order(self) -> list[Section | Paragraph]:
        """Sections and paragraphs in reading order (a section before its paragraphs,
        a section with no paragraph of its own where it stands)."""
        order: list[Section | Paragraph] = []
        pending = list(self.sections)
        for paragraph in self.paragraphs:
            if paragraph.section and any(s.number == paragraph.section for s in pending):
                while pending:
                    section = pending.pop(0)
                    order.append(section)
                    if section.number == paragraph.section:
                        break
            order.append(paragraph)
        order.extend(pending)
        return order

    def blocks(self) -> list[tuple[str, Block]]:
        """Every text-bearing block with its anchor id, in reading order."""
        found: list[tuple[str, Block]] = [
            (ids.heading(index), block) for index, block in enumerate(self.heading, 1)
        ]
        if self.author is not None:
            found.append((ids.AUTHOR, self.author))
        for part in self.body_order():
            if isinstance(part, Section):
                found.append((part.id, part.heading))
            else:
                found.append((part.id, part))
                found.extend((item.id, item) for item in part.items)
        if self.closing is not None:
            found.append((ids.CLOSING, self.closing))
        for annex in self.annexes:
            found.extend(annex.blocks())
        return found

    def all_blocks(self) -> list[tuple[str, Block]]:
        """Every text-bearing block with its anchor id: ``blocks`` in reading order,
        then the text of each footnote (``fn-<number>``)."""
        found = self.blocks()
        found.extend((ids.footnote(note.number), note.text) for note in self.footnotes)
        return found


@dataclass(frozen=True)
class ParsedText(BlockWalk):
    """What the structure stage reads in one text, before metadata makes it a Document."""

    heading: tuple[Block, ...]
    author: Block | None
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    closing: Block | None
    fragment: bool
    incomplete: bool
    details: tuple[tuple[str, str], ...]
    corrections: tuple[Correction, ...]
    lang: Language
    footnotes: tuple[Footnote, ...] = ()
    removals: tuple[Removal, ...] = ()
    detail_lines: tuple[tuple[str, int], ...] = ()
    annexes: tuple[Annex, ...] = ()

    def document_fields(self) -> dict[str, object]:
        """The keyword arguments this gives ``Document``."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Document(BlockWalk):
    slug: str
    symbol: str
    title: str
    body: str
    type: str
    date: str
    source: str
    format: SourceFormat
    source_path: str
    line: int
    heading: tuple[Block, ...] = ()
    """The heading lines as printed above the text (title, number, session…)."""
    author: Block | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    closing: Block | None = None
    footnotes: tuple[Footnote, ...] = ()
    fragment: bool = False
    incomplete: bool = False
    details: tuple[tuple[str, str], ...] = ()
    """Extra metadata found in the printed heading and cover block (session, agenda
    item, draft symbol, adoption date…), as (name, value)."""
    detail_lines: tuple[tuple[str, int], ...] = ()
    """The source line of each detail read from the cover block, as (name, line)."""
    corrections: tuple[Correction, ...] = ()
    """Every correction (``corrections.py``): the structure's (a paragraph number read
    ``S.``), the OCR reader's (a quote read as a note mark), then the OCR word repairs
    and the editors' own."""
    format_detected: bool = False
    lang: Language = "fr"
    """The language of the text as printed: declared in the metadata, else detected."""
    removals: tuple[Removal, ...] = ()
    """Page furniture the readers took out of the text, with where it was."""
    annexes: tuple[Annex, ...] = ()
    """The texts annexed after the closing formula (a convention and its articles)."""

    def map_blocks(self, change: Callable[[str, Block], Block]) -> Document:
        """A copy where every text-bearing block (see ``blocks``) is ``change(id, block)``.

        Footnote texts are passed too, with the id ``fn-<number>``.  What holds only
        blocks that ``change`` hands back as they are is kept, not copied (``self``
        when it hands back every block)."""
        heading = tuple(
            change(ids.heading(index), block) for index, block in enumerate(self.heading, 1)
        )
        author = change(ids.AUTHOR, self.author) if self.author is not None else None
        sections = tuple(
            _replaced(section, heading=change(section.id, section.heading))
            for section in self.sections
        )
        paragraphs = tuple(
            _map_paragraph(paragraph, change, _map_item_alone) for paragraph in self.paragraphs
        )
        closing = change(ids.CLOSING, self.closing) if self.closing is not None else None
        annexes = tuple(annex.map_blocks(change) for annex in self.annexes)
        footnotes = tuple(
            _replaced(note, text=change(ids.footnote(note.number), note.text))
            for note in self.footnotes
        )
        return _replaced(
            self,
            heading=_kept(self.heading, heading),
            author=author,
            sections=_kept(self.sections, sections),
            paragraphs=_kept(self.paragraphs, paragraphs),
            closing=closing,
            footnotes=_kept(self.footnotes, footnotes),
            annexes=_kept(self.annexes, annexes),
        )


@dataclass(frozen=True)
class Diagnostic:
    """A finding about a source text, located at ``path:line``."""

    path: str
    line: int
    severity: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class ConversionResult:
    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)
