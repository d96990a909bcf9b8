"""Render a text's annexes (a convention after the resolution): Markdown headings for
the annex, its chapters and its articles, so that they appear in the page's table of
contents, and one-line HTML blocks with stable ids for everything else.

Blocks are rendered in the order of ``Annex.blocks``, the order the footnotes stage
numbers note references in, so that each reference gets its ``fnref`` id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import ids
from ..model import Annex, AnnexLine, Article, Block, Chapter, Item, Paragraph
from .inline import RenderContext, escape, render_inline
from .markdown import (
    FRENCH,
    Citing,
    Counterpart,
    _permalink,
    _version_links,
    cite_button,
    heading_text,
    lang_attribute,
)

ANNEX_HEADING_LEVEL = 2
"""The annex is a part of the page as a section is (``##``); chapters and articles
are one and two levels under it."""
LINE_CLASSES = {
    "preamble": "ra-annex-preamble",
    "author": "ra-author",
    "agreement": "ra-annex-agreement",
    "witness": "ra-annex-witness",
    "heading": "ra-annex-heading",
}


class _AnnexPage:
    """The rendering of one annex: the text's language and counterparts, shared."""

    def __init__(
        self,
        context: RenderContext,
        lang: str,
        counterparts: Sequence[Counterpart],
        citing: Citing | None = None,
        markers: Mapping[str, str] | None = None,
    ) -> None:
        self.context = context
        self.citing = citing
        self.markers = markers or {}
        self.lang = lang
        self.french = lang == FRENCH
        self.attr = lang_attribute(lang)
        self.counterparts = counterparts
        self.out: list[str] = []

    def inline(self, block: Block, lead: str = "") -> str:
        return render_inline(block, self.context, lead=lead, french=self.french)

    def links(self, anchor: str, label: str) -> str:
        versions = _version_links(anchor, label, self.counterparts, self.context)
        return f"{versions} {_permalink(anchor, label, self.lang)}"

    def cite(self, anchor: str) -> str:
        """The block's « Citer » button, named as every list names the block
        (``article 5, paragraphe 2 a) de l’annexe``)."""
        if self.citing is None:
            return ""
        label = ids.label(anchor)
        # « Citer l’article 5… », « Citer le paragraphe 4… », as the text's own buttons.
        name = ("l’" if label[:1] in "aâeéèêiîoôuh" else "le ") + label
        return cite_button(self.citing, label, name, self.lang)

    def heading(self, level: int, anchor: str, heading: Block, title: Block | None) -> None:
        """A Markdown heading (in the table of contents) with the title after a dash.
        A Markdown heading is plain text: a heading line that carries a note mark is a
        block instead, and so is a title that carries one, so that the marks link."""
        if heading.notes:
            self.block(f"ra-annex-heading ra-annex-h{level}", anchor, heading)
        else:
            lang = f' lang="{self.lang}"' if self.attr else ""
            inline_title = title is not None and not title.notes
            words = heading.text + (f" — {title.text}" if inline_title and title else "")
            self.out += [f"{'#' * level} {heading_text(words)} {{#{anchor}{lang}}}", ""]
            if inline_title:
                return
        if title is not None:
            self.block("ra-annex-title", ids.title_of(anchor), title)

    def block(self, css: str, anchor: str, block: Block, label: str = "") -> None:
        self.out += [
            f'<p class="{css}" id="{anchor}"{self.attr}>{self.inline(block)}'
            f"{self.links(anchor, label) if label else ''}</p>",
            "",
        ]

    def item(self, item: Item) -> str:
        label = f"alinéa {item.label}" if item.label else "suite"
        subs = ""
        if item.items:
            subs = (
                '<ol class="ra-items ra-subitems">'
                + "".join(self.item(sub) for sub in item.items)
                + "</ol>"
            )
        css = "ra-item" if item.label else "ra-item ra-item-tail"
        shown = f'<span class="ra-label">{escape(item.label)}</span> ' if item.label else ""
        return (
            f'<li class="{css}" id="{item.id}">{shown}{self.inline(item)}'
            f"{self.links(item.id, label)}{self.cite(item.id)}{subs}</li>"
        )

    def paragraph(self, paragraph: Paragraph, label: str) -> None:
        kind = {"preambular": "ra-pp", "numbered": "ra-op"}.get(paragraph.kind, "ra-other")
        number = (
            f'<span class="ra-num">{escape(paragraph.number)}.</span> ' if paragraph.number else ""
        )
        parts = [
            f'<div class="ra-para {kind}" id="{paragraph.id}"{self.attr}>',
            f"<p>{number}{self.inline(paragraph, paragraph.lead)}"
            f"{self.links(paragraph.id, label)}{self.cite(paragraph.id)}"
            f"{self.markers.get(paragraph.id, '')}</p>",
        ]
        if paragraph.items:
            parts.append('<ol class="ra-items">')
            parts.extend(self.item(item) for item in paragraph.items)
            parts.append("</ol>")
        parts.append("</div>")
        self.out += ["".join(parts), ""]

    def article(self, article: Article, level: int) -> None:
        self.heading(level, article.id, article.heading, article.title)
        for index, paragraph in enumerate(article.paragraphs, 1):
            where = f"paragraphe {paragraph.number}" if paragraph.number else f"alinéa {index}"
            self.paragraph(paragraph, f"article {article.number}, {where}")

    def annex(self, annex: Annex) -> list[str]:
        level = ANNEX_HEADING_LEVEL
        self.heading(level, annex.id, annex.heading, None)
        for index, title in enumerate(annex.title, 1):
            self.block("ra-annex-title", ids.annex_title(annex.id, index), title)
        for part in annex.parts:
            if isinstance(part, AnnexLine):
                self.block(LINE_CLASSES[part.role], part.id, part.block)
            elif isinstance(part, Paragraph):
                self.paragraph(part, f"passage de l’annexe ({part.id})")
            elif isinstance(part, Chapter):
                self.heading(level + 1, part.id, part.heading, part.title)
                for article in part.articles:
                    self.article(article, level + 2)
            else:
                self.article(part, level + 1)
        return self.out


def render_annexes(
    annexes: Sequence[Annex],
    context: RenderContext,
    lang: str,
    counterparts: Sequence[Counterpart] = (),
    citing: Citing | None = None,
    markers: Mapping[str, str] | None = None,
) -> list[str]:
    """The Markdown lines of every annex, in order; ``citing``: the text as its
    paragraphs' « Citer » buttons name it; ``markers``: paragraph id → its count of
    connections (see ``connections``)."""
    out: list[str] = []
    for annex in annexes:
        if context.terms_shown is not None:
            # A section of the page: glossary terms are marked again at their first
            # mention in it (render_document keeps one set per section).
            context.terms_shown = set()
        out += _AnnexPage(context, lang, counterparts, citing, markers).annex(annex)
    return out
