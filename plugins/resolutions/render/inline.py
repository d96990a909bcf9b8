"""Inline HTML of one block: its text with note marks and stand-off spans woven in.

Spans become properly nested elements.  When two spans cross, the one of lower rank is
dropped (a correction outranks a citation, which outranks a mention, which outranks
emphasis), and a link is never put inside another link: the inner one is shown as
plain text (it stays in the corpus indexes, which do not read HTML).  All text is
escaped: nothing a source contains can become markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import ids
from ..model import Block, Citation, Correction, Emphasis, Mention, Span, Superscript
from . import typography

RANK: dict[type, int] = {
    Correction: 0,
    Citation: 1,
    Mention: 2,
    Emphasis: 3,
    Superscript: 4,
}


_RANK_OF_TYPE: dict[type, int] = {}
"""``_rank`` by the span's class, found once per class (walking ``RANK`` for every span
of every block was a tenth of ``render_inline``)."""


def _rank(span: Span) -> int:
    kind = type(span)
    rank = _RANK_OF_TYPE.get(kind)
    if rank is None:
        rank = next((rank for ranked, rank in RANK.items() if issubclass(kind, ranked)), 5)
        _RANK_OF_TYPE[kind] = rank
    return rank


LINKS = (Citation, Mention)


_LINE_BREAK = re.compile(r"\r\n?|\n")


def escape(text: str) -> str:
    """Text for an element: HTML-escaped, and on one line whatever it holds.  A line
    break is written ``&#10;`` (the same white space to a browser): the page is Markdown
    whose HTML blocks are one line each, and a blank line inside one would end it and
    hand the rest to the Markdown parser as Markdown."""
    return _breaks_as_entities(html.escape(text, quote=False))


def attribute(text: str) -> str:
    """Text for an attribute value (or an element): as ``escape``, quotes escaped too."""
    return _breaks_as_entities(html.escape(text, quote=True))


def _breaks_as_entities(escaped: str) -> str:
    """``escaped`` with each line break written ``&#10;``.  Most text has none: the
    pattern is not run over it."""
    return _LINE_BREAK.sub("&#10;", escaped) if "\n" in escaped or "\r" in escaped else escaped


@dataclass
class RenderContext:
    """What the renderer needs from the site: URLs and glossary tooltips."""

    document_url: Callable[[str, str], str] = lambda slug, anchor: (
        f"{slug}.html#{anchor}" if anchor else f"{slug}.html"
    )
    glossary_url: Callable[[str], str] = lambda entry: f"../glossaire/{entry}.html"
    term_tip: Callable[[str], str] = lambda entry: entry
    external_tip: Callable[[Citation], str] = lambda citation: citation.label or citation.key
    note_counters: dict[str, int] = field(default_factory=dict)
    terms_shown: set[str] | None = None
    """The glossary entries already marked in the current section of the page
    (``render_document`` keeps it); None: each block marks its own first mention."""

    term_attributes: dict[tuple[str, Callable, Callable], tuple[str, str, str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Per glossary entry (and the functions that make them): its id, tooltip and
    address, escaped for an attribute, made once (they were a tenth of the time of a
    page's paragraphs; a text names the same few entries again and again)."""

    def term(self, entry: str) -> tuple[str, str, str]:
        """The entry's id, tooltip and glossary address, escaped for an attribute."""
        key = (entry, self.term_tip, self.glossary_url)
        found = self.term_attributes.get(key)
        if found is None:
            found = (
                attribute(entry),
                attribute(self.term_tip(entry)),
                attribute(self.glossary_url(entry)),
            )
            self.term_attributes[key] = found
        return found

    def next_note_ref(self, number: str) -> str:
        self.note_counters[number] = self.note_counters.get(number, 0) + 1
        return ids.footnote_ref(number, self.note_counters[number])


@dataclass(frozen=True)
class Lead(Span):
    """The leading verb phrase, shown in italics (not stored in the model as a span)."""


@dataclass(frozen=True)
class _CitedMention(Mention):
    """A glossary mention that is also the citation of an instrument: shown once, as
    the term with its tooltip, linked where the citation resolves."""

    citation: Citation | None = None


def _merge_instrument_citations(spans: list[Span]) -> list[Span]:
    cited = {(s.start, s.end) for s in spans if isinstance(s, Citation)}
    if not cited:
        return spans  # most blocks cite nothing: nothing to merge
    mentions = {(s.start, s.end): s for s in spans if isinstance(s, Mention)}
    merged: list[Span] = []
    for span in spans:
        where = (span.start, span.end)
        if isinstance(span, Citation) and where in mentions:
            entry = mentions[where].entry
            merged.append(_CitedMention(span.start, span.end, entry=entry, citation=span))
        elif not (isinstance(span, Mention) and where in cited):
            merged.append(span)
    return merged


def _target_url(citation: Citation, context: RenderContext) -> str | None:
    target = citation.target
    if target.startswith("doc:"):
        slug, _, anchor = target[4:].partition("#")
        return context.document_url(slug, anchor)
    if target.startswith("glossary:"):
        return context.glossary_url(target[len("glossary:") :])
    if target.startswith(("https://", "http://")):
        return target
    return None


def correction_tags(correction: Correction) -> tuple[str, str]:
    """The tags around corrected words (or a corrected paragraph number): marked, with
    the source's reading in the tooltip, reachable by keyboard."""
    tip = f"Correction : la source porte « {correction.original} » ({correction.reason})"
    return (
        f'<span class="ra-corr" tabindex="0" data-ra-tip="{attribute(tip)}">',
        "</span>",
    )


def _open(
    span: Span, context: RenderContext, inside_link: bool, repeated: bool = False
) -> tuple[str, str]:
    if isinstance(span, Lead):
        return '<em class="ra-lead">', "</em>"
    if isinstance(span, Emphasis):
        return "<em>", "</em>"
    if isinstance(span, Superscript):
        return "<sup>", "</sup>"
    if isinstance(span, Correction):
        return correction_tags(span)
    if isinstance(span, Mention):
        entry, tip, url = context.term(span.entry)
        if inside_link:
            return (
                f'<span class="ra-term-repeat" data-ra-entry="{entry}">',
                "</span>",
            )
        if (
            isinstance(span, _CitedMention)
            and span.citation is not None
            and (cited := _target_url(span.citation, context))
        ):
            # An instrument that is itself in the corpus: the term leads to its text.
            url = attribute(cited)
        if repeated:
            # Only the first mention of a term in a section is styled and linked: a
            # page underlined everywhere is hard to read (READERS.md).  The others keep
            # their address for the reader's setting "every mention" (ra.js makes them
            # links, with the tooltip of the entry's first mention: not repeated here).
            return (
                f'<span class="ra-term-repeat" data-ra-entry="{entry}" data-ra-href="{url}">',
                "</span>",
            )
        return (
            f'<a class="ra-term" href="{url}" data-ra-entry="{entry}" data-ra-tip="{tip}">',
            "</a>",
        )
    if isinstance(span, Citation):
        target = _target_url(span, context)
        if target is None or inside_link:
            tip = attribute(context.external_tip(span))
            return (
                f'<span class="ra-cite-unresolved" tabindex="0" data-ra-tip="{tip}">',
                "</span>",
            )
        external = ' rel="external"' if target.startswith("http") else ""
        title = attribute(span.label or span.key)
        return f'<a class="ra-cite" href="{attribute(target)}" title="{title}"{external}>', "</a>"
    return "<span>", "</span>"


def render_inline(
    block: Block, context: RenderContext, lead: str = "", french: bool = False
) -> str:
    """The block's HTML; ``french``: its text is set with French typography
    (``typography.py``), slice by slice, so the spans' offsets stay the model's."""
    text = block.text
    changes = typography.french_changes(text) if french else {}
    offsets = sorted(changes)
    spans: list[Span] = [span for span in block.spans if 0 <= span.start < span.end <= len(text)]
    if lead and text.startswith(lead):
        spans = [
            span
            for span in spans
            if not (isinstance(span, Emphasis) and span.start == 0 and span.end <= len(lead))
        ]
        spans.append(Lead(0, len(lead)))
    spans = _merge_instrument_citations(spans)
    mark_offsets = [mark.offset for mark in block.notes]
    # Keep a properly nested set: drop a span that crosses an already kept one of
    # higher rank.
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (_rank(s), s.start, -s.end)):
        crosses = any(
            other.start < span.start < other.end < span.end
            or span.start < other.start < span.end < other.end
            for other in kept
        )
        if isinstance(span, LINKS) and any(span.start < o < span.end for o in mark_offsets):
            crosses = True  # a note link inside a link would be invalid HTML
        if not crosses:
            kept.append(span)
    kept.sort(key=lambda s: (s.start, -s.end, _rank(s)))
    marks = sorted(block.notes, key=lambda mark: mark.offset)
    out: list[str] = []
    terms_shown: set[str] = context.terms_shown if context.terms_shown is not None else set()
    stack: list[tuple[Span, str]] = []
    position = 0
    span_index = 0
    mark_index = 0
    boundaries = sorted(
        {0, len(text)}
        | {s.start for s in kept}
        | {s.end for s in kept}
        | {mark.offset for mark in marks}
    )
    for point in boundaries:
        if point > position:
            out.append(escape(typography.apply_sorted(text, changes, offsets, position, point)))
            position = point
        while stack and stack[-1][0].end <= point:
            out.append(stack.pop()[1])
        while mark_index < len(marks) and marks[mark_index].offset <= point:
            number = marks[mark_index].number
            anchor = context.next_note_ref(number)
            out.append(
                f'<a class="ra-fnref" id="{anchor}" href="#{ids.footnote(number)}" '
                f'data-ra-note="{ids.footnote(number)}" aria-label="Note {attribute(number)}">'
                f"<sup>{escape(number)}</sup></a>"
            )
            mark_index += 1
        while span_index < len(kept) and kept[span_index].start <= point:
            span = kept[span_index]
            inside_link = any(isinstance(open_span, LINKS) for open_span, _ in stack)
            repeated = isinstance(span, Mention) and span.entry in terms_shown
            if isinstance(span, Mention) and not inside_link:
                terms_shown.add(span.entry)
            opening, closing = _open(span, context, inside_link, repeated)
            out.append(opening)
            stack.append((span, closing))
            span_index += 1
    if position < len(text):
        out.append(escape(typography.apply_sorted(text, changes, offsets, position)))
    while stack:
        out.append(stack.pop()[1])
    return "".join(out)
