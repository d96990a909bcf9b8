"""Reader for HTML: the UN's static pages of resolutions, and any web page an editor saves.

The body of the source file (under its YAML front matter) is the page's HTML, parsed by
beautifulsoup4 with Python's own parser.  What the pages contain and what becomes of it:

- block elements (``<p>``, ``<li>``, ``<h1>``…``<h6>``, ``<div>``, table cells…) make one
  block each; a heading keeps its level, an item of a numbered list (``<ol>``) its number;
  ``<br>`` is a space inside a block, two in a row end the block; ``<hr>`` is a page rule;
- ``<sup>3</sup>`` (digits) is a note mark, ``85<sup>e</sup>`` (letters) stays part of the
  word as a ``Superscript`` span; a link to a note (``<a href="#_ftn3">[3]</a>``, Word's
  export) is a note mark too;
- notes are read from a footnote list (``<div class="footnotes">``, ``<section
  role="doc-endnotes">``: each ``<li>`` of its ``<ol>``), from elements with a note id
  (``id="fn3"``, Word's ``id="ftn3"``), and from any block that *opens* with a raised number
  (UN pages print the notes as ``<p><sup>3</sup> …</p>`` at the bottom); the links back to
  the text (``↩``) are dropped (recorded);
- ``<i>``, ``<em>`` (and an italic ``style``) become an ``Emphasis`` span; bold is dropped;
- entities are decoded; runs of no-break spaces used for layout become one space;
- what is not text of the resolution is dropped and recorded as a ``Removal``: scripts,
  styles, the page's ``<head>``, navigation, forms, embedded frames and media, hidden
  elements; comments are dropped.  Attributes never reach the model (no ``href``, no
  ``on…``): a ``javascript:`` link is its words, and markup written as text
  (``&lt;script&gt;``) stays text, escaped when rendered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    ProcessingInstruction,
    Script,
    Stylesheet,
    TemplateString,
)

from ..load import Line
from ..model import Block, Emphasis, Removal, Superscript
from ..structure import strip_prefix
from .base import Flow, RawBlock, TextBuilder, join_cut_paragraphs

DROPPED = {
    "head": "en-tête technique de la page web (<head>)",
    "title": "titre de la fenêtre du navigateur (<title>)",
    "script": "script de la page web, jamais exécuté",
    "noscript": "texte de repli sans script de la page web",
    "style": "feuille de style de la page web",
    "template": "gabarit non affiché de la page web",
    "nav": "navigation de la page web",
    "form": "formulaire de la page web",
    "button": "bouton de la page web",
    "select": "liste de choix de la page web",
    "textarea": "zone de saisie de la page web",
    "iframe": "cadre incorporé dans la page web",
    "object": "objet incorporé dans la page web",
    "embed": "objet incorporé dans la page web",
    "svg": "dessin incorporé dans la page web",
    "canvas": "dessin incorporé dans la page web",
    "audio": "son incorporé dans la page web",
    "video": "vidéo incorporée dans la page web",
}
"""Elements that are not text of the resolution, with the reason recorded (in French)."""

HIDDEN = "élément masqué de la page web (hidden, display:none)"

BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
EMPHASIS = {"i", "em"}
HEADINGS = {f"h{level}": level for level in range(1, 7)}

NOTE_ID = re.compile(r"^(?:_?ftn|fn|footnote|endnote|_?edn|note)[-_:]?(\d{1,3})$", re.I)
"""The id of a note's own element: ``fn3`` (Pandoc), ``ftn3`` / ``_ftn3`` (Word),
``footnote-3``; never a reference's id (``fnref3``, ``_ftnref3``)."""
NOTE_LINK = re.compile(r"^#(?:_?ftn|fn|footnote|endnote|_?edn|note)[-_:]?(\d{1,3})$", re.I)
BACK_LINK = re.compile(
    r"^#(?:_?ftnref|fnref|footnote-ref|_?ednref|noteref)[-_:]?\d{1,3}(?:[-_:]\d{1,3})?$", re.I
)
"""A link from a note back to (one of) its marks: ``#fnref3``, ``#fnref3-2``, ``#_ftnref3``."""
NOTE_CONTAINER = re.compile(r"\b(?:footnotes?|endnotes?|notes)\b", re.I)
MARK_TEXT = re.compile(r"^\s*\[?(\d{1,3})\]?\s*$")
LAYOUT_SPACES = re.compile(r"\s*\xa0\s*")
"""A no-break space with other white space around it (``&nbsp;&nbsp;&nbsp;`` to indent a
number, ``&nbsp;`` before a line end): layout, read as one space.  A single no-break space
between two words is kept as printed."""
ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
INVISIBLE = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
ALL_TEXT = (NavigableString, Script, Stylesheet, TemplateString)
"""Every kind of text a dropped element can hold (a <head> holds its scripts' code)."""
BACK_LINK_REASON = "lien de retour de la note vers son appel (↩)"


def _attribute(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def _is_hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or bool(HIDDEN_STYLE.search(_attribute(tag, "style")))


def _is_note_container(tag: Tag) -> bool:
    return bool(
        NOTE_CONTAINER.search(_attribute(tag, "class"))
        or _attribute(tag, "role") in ("doc-endnotes", "doc-footnotes")
        or "footnote-list" in _attribute(tag, "style")
        or "endnote-list" in _attribute(tag, "style")
    )


def _mark_number(tag: Tag) -> tuple[str, bool] | None:
    """(note number, whether it links to the note) if ``tag`` is a note mark: raised
    digits, or a link to a note (``<a href="#fn3">``, ``<sup><a href="#fn3">3</a></sup>``)."""
    match = MARK_TEXT.match(tag.get_text())
    if not match:
        return None
    links = [tag] if tag.name == "a" else tag.find_all("a")
    linked = any(NOTE_LINK.match(_attribute(link, "href")) for link in links)
    if tag.name == "sup" or linked:
        return match[1], linked
    return None


def _is_back_link(tag: Tag) -> bool:
    return bool(
        BACK_LINK.match(_attribute(tag, "href"))
        or _attribute(tag, "role") == "doc-backlink"
        or "footnote-back" in _attribute(tag, "class")
    )


def _note_numbers(soup: BeautifulSoup) -> dict[int, str]:
    """Elements that hold one note's text (by ``id(tag)``), with the note's number."""
    numbers: dict[int, str] = {}

    def numbered(tag: Tag) -> bool:
        return id(tag) in numbers or tag.find_parent(lambda t: id(t) in numbers) is not None

    for tag in soup.find_all(True):
        match = NOTE_ID.match(_attribute(tag, "id")) or (
            NOTE_ID.match(_attribute(tag, "name")) if tag.name == "a" else None
        )
        if not match:
            continue
        if tag.name == "a":
            # Word marks a note's head with <a name="_ftn3">: the note is the block around it.
            owner = tag.find_parent(lambda t: t.name in BLOCKS and t.name not in ("body", "html"))
            if owner is None:
                continue
            tag = owner
        if not numbered(tag):
            numbers[id(tag)] = str(int(match[1]))
    for container in soup.find_all(_is_note_container):
        for ordered in container.find_all("ol"):
            counter = _int(_attribute(ordered, "start"), 1)
            for item in ordered.find_all("li", recursive=False):
                counter = _int(_attribute(item, "value"), counter)
                if not numbered(item):
                    numbers[id(item)] = str(counter)
                counter += 1
    return numbers


def _text_of(tag: Tag) -> str:
    """All the text of ``tag`` (scripts' code included), blocks apart from each other."""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                apart = child.name in BLOCKS or child.name in ("br", "hr", "title")
                parts.append(" " if apart else "")
                walk(child)
                parts.append(" " if apart else "")
            elif isinstance(child, ALL_TEXT) and not isinstance(child, INVISIBLE):
                parts.append(str(child))

    walk(tag)
    return "".join(parts)


def _int(text: str, default: int) -> int:
    return int(text) if text.strip().isdigit() else default


@dataclass
class _Open:
    """The block being built, with what the reader knows about it."""

    builder: TextBuilder
    heading_level: int = 0
    list_number: str | None = None
    note_number: str | None = None
    """Set when the block opened with a raised number: the block is that note's text."""
    emphasis_start: int | None = None
    breaks: int = 0
    """``<br>`` seen in a row, nothing but white space between them."""


@dataclass
class _Reader:
    lines: Sequence[Line]
    note_elements: dict[int, str]
    blocks: list[RawBlock] = field(default_factory=list)
    notes: dict[str, Block] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    current: _Open | None = None
    line: int = 1
    """Line in the parsed HTML (1-based) where the reader is."""
    after_break: bool = False
    in_note: str | None = None
    emphasis_depth: int = 0
    pending: tuple[int, str | None] | None = None
    """Heading level and list number of an element whose text sits in inner blocks
    (``<li><p>…</p></li>``): given to the first block built inside it."""

    def file_line(self, line: int | None = None) -> int:
        index = (line or self.line) - 1
        return self.lines[max(0, min(index, len(self.lines) - 1))].number

    # Blocks.

    def open(self) -> _Open:
        if self.current is None:
            self.current = _Open(TextBuilder(self.file_line()))
            if self.emphasis_depth:
                self.current.emphasis_start = 0
            if self.pending is not None:
                self.current.heading_level, self.current.list_number = self.pending
        return self.current

    def flush(self) -> None:
        """End the block being built (if any) and hand it over; inside a note, where the
        note's blocks make one text, only a space."""
        if self.in_note is not None:
            if self.current is not None:
                self.current.builder.space()
            return
        current, self.current = self.current, None
        if current is None:
            return
        builder = current.builder
        if current.emphasis_start is not None:
            builder.span(Emphasis(current.emphasis_start, builder.offset))
        if not builder.length:
            return
        self.pending = None
        if current.note_number is not None:
            self.notes[current.note_number] = builder.build()
            self.after_break = True
            return
        self.blocks.append(
            RawBlock(
                block=builder.build(),
                heading_level=current.heading_level,
                list_number=current.list_number,
                after_break=self.after_break,
            )
        )
        self.after_break = False

    # Nodes.

    def text(self, string: str) -> None:
        if "\xa0" in string:
            string = LAYOUT_SPACES.sub(_layout_space, string)
        if string.strip():
            current = self.open()
            current.builder.add(string, self.file_line())
            current.breaks = 0
        elif string and self.current is not None:
            self.current.builder.space()
        self.line += string.count("\n")

    def remove(self, tag: Tag, reason: str) -> None:
        """Record a dropped element by its text (a script's code, a menu's words); the
        page's <head>, element by element (its title, each style and script)."""
        if tag.name == "head":
            for child in tag.children:
                if isinstance(child, Tag):
                    self.remove(child, DROPPED.get(child.name, reason))
                elif isinstance(child, NavigableString) and not isinstance(child, INVISIBLE):
                    self.record(str(child), tag.sourceline, reason)
            return
        self.record(_text_of(tag), tag.sourceline, reason)

    def record(self, text: str, line: int | None, reason: str) -> None:
        text = " ".join(text.split())
        if text:
            self.removals.append(Removal(line=self.file_line(line), text=text, reason=reason))

    def children(self, tag: Tag | BeautifulSoup) -> None:
        for child in tag.children:
            if isinstance(child, INVISIBLE):
                self.line += str(child).count("\n")
            elif isinstance(child, NavigableString):
                self.text(str(child))
            elif isinstance(child, Tag):
                self.element(child)

    def element(self, tag: Tag) -> None:
        if tag.sourceline is not None:
            self.line = tag.sourceline
        name = tag.name.lower()
        if name in DROPPED:
            self.remove(tag, DROPPED[name])
            self.line += str(tag).count("\n")
            return
        if _is_hidden(tag):
            self.remove(tag, HIDDEN)
            self.line += str(tag).count("\n")
            return
        if id(tag) in self.note_elements and self.in_note is None:
            self.note(tag, self.note_elements[id(tag)])
            return
        if name == "a" and _is_back_link(tag):
            # A link from a note back to its mark: the note's number when it opens a
            # block (<a href="#fnref3">3</a> Texte…), else navigation (↩︎), not text.
            match = MARK_TEXT.match(tag.get_text())
            if (
                match
                and self.in_note is None
                and (self.current is None or not self.current.builder.length)
            ):
                self.mark(match[1], may_open_note=True)
            else:
                self.remove(tag, BACK_LINK_REASON)
            return
        found = _mark_number(tag) if name in ("sup", "a") else None
        if found is not None:
            number, linked = found
            # A link to a note is a mark wherever it is; raised digits opening a block
            # are the number of the note that the block holds.
            self.mark(number, may_open_note=not linked)
            return
        if name == "br":
            self.line_break()
            return
        if name == "hr":
            self.flush()
            self.after_break = True
            return
        if name in BLOCKS:
            self.block(tag, name)
            return
        if name == "sup":
            self.superscript(tag)
            return
        if name in EMPHASIS or ITALIC_STYLE.search(_attribute(tag, "style")):
            self.emphasis(tag)
            return
        self.children(tag)

    def block(self, tag: Tag, name: str) -> None:
        self.flush()
        if self.in_note is None and (name in HEADINGS or name == "li"):
            level = HEADINGS.get(name, 0)
            number = self.list_number(tag) if name == "li" else None
            if level or number is not None:
                self.pending = (level, number)
        self.children(tag)
        self.flush()
        if self.in_note is None and (name in HEADINGS or name == "li"):
            self.pending = None

    def list_number(self, item: Tag) -> str | None:
        """The number a browser shows before an item of a numbered list."""
        parent = item.parent
        if not isinstance(parent, Tag) or parent.name != "ol":
            return None
        if _attribute(parent, "type") not in ("", "1"):
            return None  # a), i.: not a paragraph number
        counter = _int(_attribute(parent, "start"), 1)
        for sibling in parent.find_all("li", recursive=False):
            counter = _int(_attribute(sibling, "value"), counter)  # numbering goes on from it
            if sibling is item:
                break
            counter += 1
        return str(counter)

    def line_break(self) -> None:
        if self.current is None:
            return
        self.current.breaks += 1
        if self.current.breaks >= 2:
            self.flush()
        else:
            self.current.builder.space()

    def mark(self, number: str, may_open_note: bool) -> None:
        current = self.open()
        builder = current.builder
        if (
            may_open_note
            and not builder.length
            and current.note_number is None
            and not builder.notes
            and self.in_note is None
        ):
            current.note_number = number  # a block that opens with a raised number: a note
        elif self.in_note is not None and not builder.length:
            pass  # the note's own number, printed at its head
        else:
            builder.mark(number, self.file_line())

    def superscript(self, tag: Tag) -> None:
        builder = self.open().builder
        start = builder.next_offset()
        self.children(tag)
        builder = self.open().builder
        builder.span(Superscript(min(start, builder.offset), builder.offset))

    def emphasis(self, tag: Tag) -> None:
        current = self.open()
        outermost = self.emphasis_depth == 0
        if outermost:
            current.emphasis_start = current.builder.next_offset()
        self.emphasis_depth += 1
        self.children(tag)
        self.emphasis_depth -= 1
        after = self.current
        if outermost and after is not None and after.emphasis_start is not None:
            builder = after.builder
            builder.span(Emphasis(min(after.emphasis_start, builder.offset), builder.offset))
            after.emphasis_start = None

    def note(self, tag: Tag, number: str) -> None:
        """An element that holds one note: its whole text, blocks inside it joined."""
        self.flush()
        self.in_note = number
        current = self.current = _Open(TextBuilder(self.file_line()))
        self.children(tag)
        self.in_note = None
        self.current = None
        builder = current.builder
        if current.emphasis_start is not None:
            builder.span(Emphasis(current.emphasis_start, builder.offset))
        if builder.length and number not in self.notes:
            self.notes[number] = _without_printed_number(builder.build(), number)
        self.after_break = True


def _layout_space(match: re.Match[str]) -> str:
    return match[0] if match[0] == "\xa0" else " "


PRINTED_NUMBER = re.compile(r"^\[?(-?\d+)[\].)]?\s+(?=\S)")
"""A number printed at the head of a note's text (``3.``, ``[3]``): one pattern for
every note, its number compared after (a pattern made of each note's number was
compiled again for every text of a corpus whose ``re`` cache did not hold it)."""


def _without_printed_number(block: Block, number: str) -> Block:
    """A note's text without its number printed as text at its head (``3.``, ``[3]``).
    ``number`` is written as ``str(int)`` writes it, so the run of digits (and sign)
    that opens the text is either the number itself or not it."""
    match = PRINTED_NUMBER.match(block.text)
    return strip_prefix(block, match.end()) if match and match[1] == number else block


def read_html(lines: Sequence[Line]) -> Flow:
    source = "\n".join(line.text for line in lines)
    soup = BeautifulSoup(source, "html.parser")
    reader = _Reader(lines=lines, note_elements=_note_numbers(soup))
    reader.children(soup)
    reader.flush()
    return Flow(blocks=_join_cut(reader.blocks), notes=reader.notes, removals=reader.removals)


def _join_cut(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join a paragraph cut by a page: in HTML, only across a rule or a note block."""
    joined: list[RawBlock] = []
    for raw in blocks:
        if joined and raw.after_break:
            pair = join_cut_paragraphs([joined[-1], raw])
            if len(pair) == 1:
                joined[-1] = pair[0]
                continue
        joined.append(raw)
    return joined
