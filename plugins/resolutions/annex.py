"""The structure of an annex: a text printed after the resolution's closing formula
(a convention, a declaration, a plan of action), read by rules of its own.

The grammar, over blocks, once the annex heading is read (each rule a named function
below, tried in the order of ``ANNEX_RULES``)::

    annex      = heading title* part*
    heading    = "Annexe" | "Annex" [numeral]                ; alone on its line
    title      = short block, no sentence end, right after the heading
    part       = line | chapter | article | numbered | item | paragraph
    line       = "Préambule" | "Preamble"                      ; role preamble
               | "Articles 23 and 35, with regard to …"          ; role heading
               | "Les États Parties …," | "The States Parties …,"  ; role author
               | "Sont convenus de ce qui suit :" | "Have agreed as follows:"
               | "EN FOI DE QUOI …" | "IN WITNESS WHEREOF …"     ; ends the articles
    chapter    = "Chapitre premier" | "Chapitre II" | "Chapter II"  [title]
    article    = "Article premier" | "Article 5" ["."]  [title]
    numbered   = number ["." | ")"] text   ; 1 at an article's start, or the next in
                                           ; sequence (in the article, or in the annex
                                           ; when it numbers across articles)
    item       = "a)" | "(a)" | "i)" | "(i)" text     ; a roman label under a lettered
                                           ; item is its sub-item
    paragraph  = any other block: preambular in the preamble, an article's unnumbered
                 paragraph (alinéa), or running text of the annex

A title (of a chapter or an article) is the block after its heading when that block
is short, ends no sentence and is no number, item or heading; a flattened copy prints
it in the heading's own block ("Article 4 Offences established …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from . import ids
from .model import Annex, AnnexLine, AnnexLineRole, Article, Block, Chapter, Item, Paragraph

if TYPE_CHECKING:
    from .readers.base import RawBlock
    from .structure import ParseState

ANNEX_HEADING = re.compile(r"^(?:Annexe|Annex|ANNEXE|ANNEX)(?:\s+(?P<number>[IVXL]+|\d{1,2}))?$")
CHAPTER_HEADING = re.compile(
    r"^(?:Chapitre|Chapter|CHAPITRE|CHAPTER)\s+(?P<number>premier|[IVXL]+|\d{1,2})\.?"
    r"(?:\s+(?P<title>[A-ZÀ-ÖØ-Þ0-9«“].*))?$"
)
ARTICLE_HEADING = re.compile(
    r"^(?:Article|ARTICLE)\s+(?P<number>premier|1er|\d{1,3})\s?\.?"
    r"(?:\s+(?P<title>[A-ZÀ-ÖØ-Þ0-9«“].*))?$"
)
HEADING_LINE = re.compile(
    r"^(?:(?:Annexe|Annex|ANNEXE|ANNEX)(?:\s+(?:[IVXL]+|\d{1,2}))?"
    r"|(?:Chapitre|Chapter|CHAPITRE|CHAPTER)\s+(?:premier|[IVXL]+|\d{1,2})\.?"
    r"|(?:Article|ARTICLE)\s+(?:premier|1er|\d{1,3})\s?\.?"
    r"|Préambule|Preamble)$"
)
"""A line that is a heading of an annex and nothing else: what a reader must keep on a
line of its own (the next line never continues it)."""
PREAMBLE = re.compile(r"^(?:Préambule|Preamble|PRÉAMBULE|PREAMBLE)$")
INSTRUMENT_AUTHOR = re.compile(r"^(?:Les |The |Nous, |We, )[^.;:]{2,140},$")
AGREEMENT = re.compile(
    r"^(?:Sont convenue?s|Conviennent|Have agreed|Agree|Hereby agree)\b.{0,60}:$"
)
WITNESS = re.compile(r"^(?:IN WITNESS WHEREOF|EN FOI DE QUOI)\b")
NUMBER = re.compile(r"^(?P<number>\d{1,3})(?P<punct>[.)])\s+(?=\S)")
ITEM = re.compile(r"^(?:\((?P<paren>[a-z]{1,5})\)|(?P<label>[a-z]{1,5})\))\s+(?=\S)")
ROMAN_LABEL = re.compile(r"^(?=[ivxl]+$)x{0,3}(?:ix|iv|v?i{0,3})$")
ENDS_SENTENCE = re.compile(r"[.!?…:,][»”\")\]]*\s*$")
"""A block ending so is no title (a title line may end on ";", as a convention's
title cut over two lines does)."""
TITLE_LENGTH = 200
ANNEX_TITLE_LENGTH = 400
"""A convention's title runs long (A/RES/79/243's: 235 characters over four lines)."""
CHAPTER_PREMIER = {"premier": "I"}
ARTICLE_PREMIER = {"premier": "1", "1er": "1"}


@dataclass
class _ArticleDraft:
    id: str
    number: str
    heading: Block
    title: Block | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    last_number: int = 0
    unnumbered: int = 0

    def build(self) -> Article:
        return Article(self.id, self.number, self.heading, self.title, tuple(self.paragraphs))


@dataclass
class _ChapterDraft:
    id: str
    number: str
    heading: Block
    title: Block | None = None
    articles: list[_ArticleDraft] = field(default_factory=list)

    def build(self) -> Chapter:
        articles = tuple(article.build() for article in self.articles)
        return Chapter(self.id, self.number, self.heading, self.title, articles)


@dataclass
class AnnexDraft:
    """One annex being read: the annex rules write only this."""

    id: str
    number: str | None
    heading: Block
    title: list[Block] = field(default_factory=list)
    parts: list[AnnexLine | Paragraph | _ChapterDraft | _ArticleDraft] = field(default_factory=list)
    chapter: _ChapterDraft | None = None
    article: _ArticleDraft | None = None
    articles: list[_ArticleDraft] = field(default_factory=list)
    last_number: int = 0
    """The last numbered paragraph of the annex, across articles (interpretative notes
    number their paragraphs 1-5 under several article headings)."""
    counts: dict[str, int] = field(default_factory=lambda: {"preambular": 0, "other": 0})
    lines: dict[str, int] = field(default_factory=dict)
    has_author: bool = False
    in_articles: bool = False
    after_witness: bool = False
    agreed: bool = False
    """"Have agreed as follows:" was read: the preamble is over."""
    used: set[str] = field(default_factory=set)

    def unique(self, anchor: str) -> str:
        """``anchor``, or ``anchor-2``… when a heading is printed twice ("Article 2"
        over two groups of interpretative notes): ids on a page are unique."""
        taken, count = anchor, 1
        while taken in self.used:
            count += 1
            taken = f"{anchor}-{count}"
        self.used.add(taken)
        return taken

    def build(self) -> Annex:
        parts = tuple(
            part.build() if isinstance(part, _ChapterDraft | _ArticleDraft) else part
            for part in self.parts
        )
        return Annex(self.id, self.number, self.heading, tuple(self.title), parts)

    def add_line(self, role: AnnexLineRole, block: Block) -> None:
        self.chapter = self.article = None  # what follows is the annex's, in reading order
        self.lines[role] = self.lines.get(role, 0) + 1
        self.parts.append(AnnexLine(ids.annex_line(self.id, role, self.lines[role]), role, block))

    def last_paragraph(self) -> Paragraph | None:
        if self.article is not None:
            return self.article.paragraphs[-1] if self.article.paragraphs else None
        last = self.parts[-1] if self.parts else None
        return last if isinstance(last, Paragraph) else None

    def replace_last_paragraph(self, paragraph: Paragraph) -> None:
        if self.article is not None:
            self.article.paragraphs[-1] = paragraph
        else:
            self.parts[-1] = paragraph

    def add_paragraph(self, block: Block, number: str | None, kind: str) -> None:
        article = self.article
        if article is not None:
            if number is None:
                article.unnumbered += 1
            anchor = ids.article_paragraph(article.id, number, article.unnumbered)
        elif number is not None:
            self.chapter = None  # see below
            anchor = ids.annex_paragraph(self.id, "numbered", number)
        else:
            # Text outside any article closes the chapter: it follows the chapter's
            # articles in reading order.
            self.chapter = None
            self.counts[kind] += 1
            anchor = ids.annex_paragraph(self.id, kind, self.counts[kind])
        if number is not None:
            self.last_number = int(number)
            if article is not None:
                article.last_number = int(number)
        # Imported here: structure imports this module.
        from .structure import find_lead

        paragraph = Paragraph(
            text=block.text,
            line=block.line,
            lines=block.lines,
            notes=block.notes,
            spans=block.spans,
            id=anchor,
            kind=kind,  # type: ignore[arg-type]
            number=number,
            lead=find_lead(block) if kind == "preambular" else "",
        )
        if article is not None:
            article.paragraphs.append(paragraph)
        else:
            self.parts.append(paragraph)


def _strip(block: Block, length: int) -> Block:
    from .structure import strip_prefix

    return strip_prefix(block, length)


def _annex(state: ParseState) -> AnnexDraft:
    assert state.annexes
    return state.annexes[-1]


def _is_title(raw: RawBlock | None, longest: int = TITLE_LENGTH) -> bool:
    """A title line: short, capitalised, no sentence end, nothing else."""
    if raw is None or raw.list_number is not None:
        return False
    text = raw.text
    return bool(
        text and len(text) < longest and (text[:1].isupper() or text[:1].isdigit())
    ) and not (
        ENDS_SENTENCE.search(text)
        or NUMBER.match(text)
        or ITEM.match(text)
        or HEADING_LINE.match(text)
        or CHAPTER_HEADING.match(text)
        or ARTICLE_HEADING.match(text)
        or WITNESS.match(text)
    )


# ----------------------------------------------------------------------- the rules


def annex_heading(state: ParseState, raw: RawBlock) -> bool:
    """``Annex`` / ``Annexe II`` alone on its line, after the resolution's text: an annex
    begins (a second one, such as a convention's own interpretative notes, after it)."""
    match = ANNEX_HEADING.match(raw.text)
    if not match or not (state.paragraphs or state.annexes):
        return False
    number = match["number"]
    anchor = ids.annex(number, len(state.annexes) + 1)
    if any(annex.id == anchor for annex in state.annexes):
        anchor = ids.annex(None, len(state.annexes) + 1)  # "Annexe I" printed twice
    state.annexes.append(AnnexDraft(id=anchor, number=number, heading=raw.block))
    return True


def annex_title(state: ParseState, raw: RawBlock) -> bool:
    """The lines right after the heading that name the annexed text."""
    annex = _annex(state)
    if annex.parts or not _is_title(raw, ANNEX_TITLE_LENGTH) or PREAMBLE.match(raw.text):
        return False
    if len(annex.title) and INSTRUMENT_AUTHOR.match(raw.text):
        return False
    annex.title.append(raw.block)
    return True


def annex_preamble(state: ParseState, raw: RawBlock) -> bool:
    """``Preamble`` / ``Préambule``."""
    if not PREAMBLE.match(raw.text):
        return False
    _annex(state).add_line("preamble", raw.block)
    return True


def annex_author(state: ParseState, raw: RawBlock) -> bool:
    """``The States Parties to the present Convention,``: once, before any paragraph."""
    annex = _annex(state)
    if (
        annex.has_author
        or annex.in_articles
        or annex.counts["preambular"]
        or annex.last_number
        or not INSTRUMENT_AUTHOR.match(raw.text)
    ):
        return False
    annex.has_author = True
    annex.add_line("author", raw.block)
    return True


def annex_agreement(state: ParseState, raw: RawBlock) -> bool:
    """``Have agreed as follows:``: the preamble ends."""
    annex = _annex(state)
    if annex.in_articles or not AGREEMENT.match(raw.text):
        return False
    annex.agreed = True
    annex.add_line("agreement", raw.block)
    return True


def annex_witness(state: ParseState, raw: RawBlock) -> bool:
    """``IN WITNESS WHEREOF …``: the articles end; what follows is no article's."""
    annex = _annex(state)
    if not WITNESS.match(raw.text):
        return False
    annex.chapter = annex.article = None
    annex.after_witness = True
    annex.add_line("witness", raw.block)
    return True


def _split(block: Block, start: int) -> tuple[Block, Block]:
    """``block`` cut before ``start``: (the part before, trailing space dropped; the
    rest), each note mark in one part only."""
    head = _clip(block, len(block.text[:start].rstrip()))
    tail = _strip(block, start)
    tail = replace(tail, notes=tuple(m for m in tail.notes if m.offset > 0 or not head.notes))
    return head, tail


def _take_title(
    state: ParseState, raw: RawBlock, match: re.Match[str], in_sequence: bool
) -> tuple[Block, Block | None, Block | None]:
    """(heading, title, rest).  The title printed in the heading's block, else the next
    block if it is a title line (``state.index`` then moves past it).  A heading that
    runs on into a sentence (a flattened copy: "Article premier Objet La présente …")
    is a heading only when it is the next in sequence: what follows its number is then
    the ``rest``, read as the article's first paragraph."""
    if match["title"]:
        start = match.start("title")
        heading, rest = _split(raw.block, start)
        if len(match["title"]) < TITLE_LENGTH and not ENDS_SENTENCE.search(match["title"]):
            return heading, rest, None
        if not in_sequence:
            raise _NotAHeading
        return heading, None, rest
    following = state.following()
    if _is_title(following):
        assert following is not None
        state.index += 1
        return raw.block, following.block, None
    return raw.block, None, None


class _NotAHeading(Exception):
    """The block opens with "Article 5" but runs on into a sentence."""


def _clip(block: Block, length: int) -> Block:
    """``block`` cut to its first ``length`` characters (spans clipped)."""
    spans = tuple(
        replace(span, end=min(span.end, length)) for span in block.spans if span.start < length
    )
    return replace(
        block,
        text=block.text[:length],
        lines=tuple((offset, line) for offset, line in block.lines if offset < length)
        or block.lines[:1],
        notes=tuple(mark for mark in block.notes if mark.offset <= length),
        spans=spans,
    )


def _read_rest(state: ParseState, rest: Block | None) -> None:
    """The words after a heading, in its block: a paragraph of what the heading opened."""
    if rest is None or not rest.text:
        return
    from .readers.base import RawBlock

    raw = RawBlock(block=rest)
    next(rule for rule in (numbered, annex_item, annex_paragraph) if rule(state, raw))


def chapter(state: ParseState, raw: RawBlock) -> bool:
    """``Chapter IV`` / ``Chapitre premier``, then its title."""
    match = CHAPTER_HEADING.match(raw.text)
    if not match:
        return False
    annex = _annex(state)
    number = CHAPTER_PREMIER.get(match["number"], match["number"])
    chapters = [part for part in annex.parts if isinstance(part, _ChapterDraft)]
    in_sequence = _roman_value(number) == len(chapters) + 1
    try:
        heading, title, rest = _take_title(state, raw, match, in_sequence)
    except _NotAHeading:
        return False
    draft = _ChapterDraft(annex.unique(ids.chapter(annex.id, number)), number, heading, title)
    annex.parts.append(draft)
    annex.chapter = draft
    annex.article = None
    annex.in_articles = True
    _read_rest(state, rest)
    return True


def _roman_value(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for index, char in enumerate(numeral):
        value = values.get(char, 0)
        following = values.get(numeral[index + 1], 0) if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def article(state: ParseState, raw: RawBlock) -> bool:
    """``Article 5`` / ``Article premier`` (``Article 13.`` with a stop), then its title."""
    match = ARTICLE_HEADING.match(raw.text)
    if not match:
        return False
    annex = _annex(state)
    number = ARTICLE_PREMIER.get(match["number"], match["number"])
    previous = annex.articles[-1].number if annex.articles else "0"
    try:
        heading, title, rest = _take_title(state, raw, match, int(number) == int(previous) + 1)
    except _NotAHeading:
        return False
    draft = _ArticleDraft(annex.unique(ids.article(annex.id, number)), number, heading, title)
    if annex.chapter is not None and not annex.after_witness:
        annex.chapter.articles.append(draft)
    else:
        annex.parts.append(draft)
    annex.articles.append(draft)
    annex.article = draft
    annex.in_articles = True
    _read_rest(state, rest)
    return True


ARTICLES_HEADING = re.compile(r"^(?:Articles?|ARTICLES?)\s+(?:premier|\d{1,3})\b")


def articles_heading(state: ParseState, raw: RawBlock) -> bool:
    """``Articles 23 and 35, with regard to the term “investigation”``: a heading over
    numbered paragraphs that names no single article (interpretative notes).  What
    follows it is the annex's, no article's."""
    following = state.following()
    if (
        not ARTICLES_HEADING.match(raw.text)
        or len(raw.text) >= TITLE_LENGTH
        or ENDS_SENTENCE.search(raw.text)
        or following is None
        or not (following.list_number is not None or NUMBER.match(following.text))
    ):
        return False
    _annex(state).add_line("heading", raw.block)
    return True


def numbered(state: ParseState, raw: RawBlock) -> bool:
    """``2. …``: 1 at an article's start, else the next number in the article or across
    the annex.  A number that opens with an item (``12. (a) …``) has an empty text and
    the item as its first."""
    annex = _annex(state)
    if raw.list_number is not None:
        printed, length = raw.list_number, 0
    else:
        match = NUMBER.match(raw.text)
        if not match:
            return False
        printed, length = match["number"], match.end()
    within = annex.article.last_number if annex.article is not None else annex.last_number
    if int(printed) not in (within + 1, annex.last_number + 1):
        return False
    block = _strip(raw.block, length)
    opening = ITEM.match(block.text)
    if opening and _label_of(opening) in ("a", "i"):
        annex.add_paragraph(_clip(block, 0), printed, "numbered")
        _add_item(annex, _strip(block, opening.end()), _label_of(opening), _shown(opening))
    else:
        annex.add_paragraph(block, printed, "numbered")
    return True


def _label_of(match: re.Match[str]) -> str:
    return match["paren"] or match["label"]


def _shown(match: re.Match[str]) -> str:
    return f"({match['paren']})" if match["paren"] else f"{match['label']})"


def _item(block: Block, anchor: str, label: str) -> Item:
    return Item(
        text=block.text,
        line=block.line,
        lines=block.lines,
        notes=block.notes,
        spans=block.spans,
        id=anchor,
        label=label,
    )


def _letter(item: Item) -> str:
    return item.label.strip("()")


def _add_item(annex: AnnexDraft, block: Block, letter: str, shown: str) -> bool:
    """Item ``letter`` of the last paragraph, or a roman sub-item of its last item.  A
    sub-item may open the item's own block (``(a) (i) The conversion …``)."""
    parent = annex.last_paragraph()
    if parent is None:
        return False
    labelled = [item for item in parent.items if item.label]
    last = labelled[-1] if labelled else None
    # "(i)" after "(h)" is the ninth letter (so "(v)" after "(u)", "(x)" after "(w)");
    # after any other item, a roman label is that item's first sub-item.
    follows = last is not None and len(letter) == 1 and ord(letter) == ord(_letter(last)[-1:]) + 1
    if last is not None and ROMAN_LABEL.match(letter) and not follows and parent.items[-1] is last:
        sub = _item(block, ids.item(last.id, shown), shown)
        changed = replace(last, items=(*last.items, sub))
        parent = replace(parent, items=(*parent.items[:-1], changed))
    elif len(letter) == 1:
        anchor = ids.item(parent.id, shown)
        opening = ITEM.match(block.text)
        if opening and ROMAN_LABEL.match(_label_of(opening)) and _label_of(opening) == "i":
            rest = _strip(block, opening.end())
            sub_shown = _shown(opening)
            sub = _item(rest, ids.item(anchor, sub_shown), sub_shown)
            entry = replace(_item(_clip(block, 0), anchor, shown), items=(sub,))
        else:
            entry = _item(block, anchor, shown)
        parent = replace(parent, items=(*parent.items, entry))
    else:
        return False
    annex.replace_last_paragraph(parent)
    return True


def annex_item(state: ParseState, raw: RawBlock) -> bool:
    """``(a) …`` / ``a) …`` under the paragraph before it; ``(ii) …`` under its item."""
    match = ITEM.match(raw.text)
    if not match:
        return False
    return _add_item(_annex(state), _strip(raw.block, match.end()), _label_of(match), _shown(match))


def item_tail(state: ParseState, raw: RawBlock) -> bool:
    """A lower-case block right after an item: the words that close the list, printed
    under it at the paragraph's margin (``… (ii) …; | with the intent that …``).  Kept
    in the list as an unlabelled item, so that the next item letter still follows."""
    annex = _annex(state)
    parent = annex.last_paragraph()
    if parent is None or not parent.items or not raw.text[:1].islower():
        return False
    tails = sum(1 for item in parent.items if not item.label)
    entry = _item(raw.block, ids.item_tail(parent.id, tails + 1), "")
    annex.replace_last_paragraph(replace(parent, items=(*parent.items, entry)))
    return True


def annex_paragraph(state: ParseState, raw: RawBlock) -> bool:
    """Any other block: preambular in the preamble, else unnumbered text."""
    annex = _annex(state)
    preamble = annex.has_author and not (annex.in_articles or annex.last_number or annex.agreed)
    annex.add_paragraph(raw.block, None, "preambular" if preamble else "other")
    return True


ANNEX_RULES = (
    annex_heading,
    annex_title,
    annex_preamble,
    annex_author,
    annex_agreement,
    annex_witness,
    chapter,
    article,
    articles_heading,
    numbered,
    annex_item,
    item_tail,
    annex_paragraph,
)


def build_annexes(drafts: list[AnnexDraft]) -> tuple[Annex, ...]:
    return tuple(draft.build() for draft in drafts)
