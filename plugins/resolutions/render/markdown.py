"""Render a Document as the Markdown page the site builds.

The page is Markdown where Markdown is enough (the title and section headings, so that
the table of contents and the search sections work with any MkDocs-like tool) and raw
HTML blocks elsewhere: paragraphs need stable ids, note links and tooltips that plain
Markdown cannot express.  Every HTML block is one line, so Markdown processors pass it
through untouched; every piece of source text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from .. import ids
from ..glossary import Glossary
from ..load import BODIES
from ..model import Block, Document, Paragraph, Section
from .inline import RenderContext, attribute, escape, render_inline

FORMAT_LABELS = {
    "pdf-text": "texte extrait d’un PDF",
    "markdown": "export Markdown",
    "ocr": "reconnaissance optique (OCR) d’une copie numérisée",
    "html": "page web (HTML)",
}
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def glossary_tip(glossary: Glossary | None) -> Callable[[str], str]:
    """The tooltip of a term: its full name, then its one-sentence description."""

    def tip(entry_id: str) -> str:
        entry = glossary.get(entry_id) if glossary is not None else None
        if entry is None:
            return entry_id
        return f"{entry.title} — {entry.description}" if entry.description else entry.title

    return tip


def french_date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3:
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def heading_text(text: str) -> str:
    """Text safe inside a Markdown heading: on one line (a heading is one), HTML escaped,
    Markdown specials escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(re.sub(r"[\r\n]+", " ", text)))


def display_title(document: Document) -> str:
    return f"{document.symbol} — {document.title}" if document.symbol else document.title


def _permalink(anchor: str, label: str) -> str:
    return (
        f'<a class="ra-permalink" href="#{anchor}" '
        f'aria-label="Lien permanent : {attribute(label)}">¶</a>'
    )


def _paragraph_label(paragraph: Paragraph) -> str:
    if paragraph.kind == "operative":
        return f"paragraphe {paragraph.number}"
    if paragraph.kind == "preambular":
        return f"alinéa {paragraph.id[2:]} du préambule"
    return f"passage {paragraph.id[1:]}"


def render_paragraph(paragraph: Paragraph, context: RenderContext) -> str:
    kind = {"preambular": "ra-pp", "operative": "ra-op"}.get(paragraph.kind, "ra-other")
    number = f'<span class="ra-num">{escape(paragraph.number)}.</span> ' if paragraph.number else ""
    body = render_inline(paragraph, context, lead=paragraph.lead)
    parts = [
        f'<div class="ra-para {kind}" id="{paragraph.id}">',
        f"<p>{number}{body} {_permalink(paragraph.id, _paragraph_label(paragraph))}</p>",
    ]
    if paragraph.items:
        parts.append('<ol class="ra-items">')
        for item in paragraph.items:
            parts.append(
                f'<li class="ra-item" id="{item.id}"><span class="ra-label">'
                f"{escape(item.label)}</span> {render_inline(item, context)} "
                f"{_permalink(item.id, f'alinéa {item.label}')}</li>"
            )
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def render_meta(document: Document) -> str:
    rows = [
        ("Symbole", escape(document.symbol) if document.symbol else "—"),
        ("Organe", escape(BODIES.get(document.body, document.body))),
        ("Type", escape(document.type)),
        ("Date", escape(french_date(document.date))),
        ("Source", escape(document.source)),
        (
            "Format",
            escape(FORMAT_LABELS[document.format])
            + (" (détecté automatiquement)" if document.format_detected else ""),
        ),
    ]
    rows.extend(
        (escape(label), escape(value))
        for label, value in (
            ("Session", dict(document.details).get("session")),
            ("Point de l’ordre du jour", dict(document.details).get("agenda_item")),
            ("Projet", dict(document.details).get("draft_symbol")),
        )
        if value
    )
    notices = []
    if document.fragment:
        notices.append(
            "Fragment : le texte publié commence au milieu d’une phrase ; "
            "le début ne figure pas dans la source."
        )
    if document.incomplete:
        notices.append("Texte incomplet : la source s’interrompt avant la fin du texte.")
    if document.format == "ocr":
        count = len(document.corrections)
        notices.append(
            "Ce texte provient de la reconnaissance optique (OCR) d’une copie numérisée ; "
            f"{count} correction{'s' if count != 1 else ''} automatique"
            f"{'s' if count != 1 else ''} signalée{'s' if count != 1 else ''} dans le texte."
        )
    table = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    notice_html = "".join(f'<p class="ra-notice">{escape(notice)}</p>' for notice in notices)
    data_link = (
        f'<p class="ra-data"><a href="{attribute(document.slug)}.json" '
        f"download>Données (JSON)</a></p>"
    )
    return f'<div class="ra-meta"><dl>{table}</dl>{notice_html}{data_link}</div>'


def render_footnotes(document: Document, context: RenderContext) -> list[str]:
    if not document.footnotes:
        return []
    items = []
    for note in document.footnotes:
        backrefs = []
        for occurrence, anchor in enumerate(note.refs, 1):
            ref = ids.footnote_ref(note.number, occurrence)
            backrefs.append(
                f'<a class="ra-backref" href="#{ref}" '
                f'aria-label="Retour à l’appel de note ({attribute(anchor)})">↩&#xFE0E;&nbsp;'
                f"{escape(anchor)}</a>"
            )
        text = render_inline(note.text, context)
        items.append(
            f'<li id="{ids.footnote(note.number)}" value="{attribute(note.number)}" '
            f'class="ra-note"><span class="ra-note-number">{escape(note.number)}</span> '
            f'<span class="ra-note-text">{text}</span> {" ".join(backrefs)}</li>'
        )
    return ["## Notes {#notes}", f'<ol class="ra-notes">{"".join(items)}</ol>']


def front_matter(document: Document) -> str:
    # MkDocs themes print the title unescaped (their Jinja has no autoescape).
    data = {
        "title": escape(display_title(document)),
        "description": f"{BODIES.get(document.body, document.body)}, {document.type}, "
        f"{french_date(document.date)}",
        "ra_slug": document.slug,
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True) + "---\n"


def render_document(
    document: Document, context: RenderContext | None = None, extra: str = ""
) -> str:
    """The whole page; ``extra`` (already rendered, e.g. "Cité par") goes before notes."""
    context = context or RenderContext()
    context.note_counters.clear()
    out = [front_matter(document), f"# {heading_text(display_title(document))}", ""]
    out += [render_meta(document), ""]
    if document.heading:
        lines = "".join(
            f'<p class="ra-heading-line" id="{ids.heading(index)}">'
            f"{render_inline(block, context)}</p>"
            for index, block in enumerate(document.heading, 1)
        )
        out += [f'<div class="ra-heading">{lines}</div>', ""]
    if document.author is not None:
        out += [
            f'<p class="ra-author" id="author">{render_inline(document.author, context)}</p>',
            "",
        ]
    for part in document.body_order():
        if isinstance(part, Section):
            title = f"{part.number}. {part.heading.text}" if part.heading.text else part.number
            out += [f"## {heading_text(title)} {{#{part.id}}}", ""]
        else:
            out += [render_paragraph(part, context), ""]
    if document.closing is not None:
        out += [
            f'<p class="ra-closing" id="closing">{render_inline(document.closing, context)}</p>',
            "",
        ]
    if extra:
        out += [extra, ""]
    notes = render_footnotes(document, context)
    if notes:
        out += [notes[0], "", notes[1], ""]
    return "\n".join(out)


def block_plain_text(block: Block) -> str:
    return block.text
