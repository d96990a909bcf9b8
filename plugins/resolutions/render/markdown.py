"""Render a Document as the Markdown page the site builds.

The page is Markdown where Markdown is enough (the title and section headings, so that
the table of contents and the search sections work with any MkDocs-like tool) and raw
HTML blocks elsewhere: paragraphs need stable ids, note links and tooltips that plain
Markdown cannot express.  Every HTML block is one line, so Markdown processors pass it
through untouched; every piece of source text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import yaml

from .. import ids
from ..glossary import Glossary
from ..load import BODIES
from ..model import Block, Document, LabelCorrection, Paragraph, Section
from ..months import french_date
from .inline import RenderContext, attribute, correction_tags, escape, render_inline
from .official import official_record, official_rows
from .typography import french as french_typography

FORMAT_LABELS = {
    "pdf-text": "texte extrait d’un PDF",
    "markdown": "export Markdown",
    "ocr": "reconnaissance optique (OCR) d’une copie numérisée",
    "html": "page web (HTML)",
}
SITE_LANGUAGE = "fr"
"""The language of the site's own words (labels, menus); a text in another language
carries its own ``lang`` attribute on every element that holds its words."""
FRENCH = "fr"
"""The language whose texts the page sets with French typography (``typography.py``)."""
LANGUAGE_NAMES = {"fr": "français", "en": "anglais"}
"""A text's language as the site's lists name it."""
LANGUAGE_LABELS = {"fr": "Texte français", "en": "Texte anglais (original)"}
"""What the header says of a text that is not in the site's language."""
VERSION_LABELS = {"fr": "Version française", "en": "Version anglaise"}
VERSION_SHORT = {"fr": "FR", "en": "EN"}
VERSION_OF = {"fr": "dans la version française", "en": "dans la version anglaise"}


@dataclass(frozen=True)
class Counterpart:
    """The same text in another language (``corpus.translations``): where its page is
    and which anchors it has, so that a paragraph links to the same paragraph there."""

    lang: str
    slug: str
    anchors: frozenset[str] = frozenset()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def glossary_tip(glossary: Glossary | None, lang: str = SITE_LANGUAGE) -> Callable[[str], str]:
    """The tooltip of a term: its full name, then its one-sentence description.  In a
    text in English the English name comes first, then the French one (the
    description is French, as the site is)."""

    def tip(entry_id: str) -> str:
        entry = glossary.get(entry_id) if glossary is not None else None
        if entry is None:
            return entry_id
        title = entry.title
        if lang == "en" and entry.english_name:
            title = f"{entry.english_title} / {entry.title}"
        return f"{title} — {entry.description}" if entry.description else title

    return tip


def heading_text(text: str) -> str:
    """Text safe inside a Markdown heading: on one line (a heading is one), HTML escaped,
    Markdown specials escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(re.sub(r"[\r\n]+", " ", text)))


def display_title(document: Document) -> str:
    return f"{document.symbol} — {document.title}" if document.symbol else document.title


def lang_attribute(lang: str) -> str:
    """`` lang="en"`` on an element holding words of a text in ``lang``; nothing for the
    site's own language, which the page declares once."""
    return f' lang="{attribute(lang)}"' if lang != SITE_LANGUAGE else ""


def _permalink(anchor: str, label: str, lang: str = SITE_LANGUAGE) -> str:
    # Inside the words of an English text, the site's French label says it is French.
    chrome = f' lang="{SITE_LANGUAGE}"' if lang != SITE_LANGUAGE else ""
    return (
        f'<a class="ra-permalink" href="#{anchor}"{chrome} '
        f'aria-label="Lien permanent : {attribute(label)}">¶</a>'
    )


def _version_links(
    anchor: str, label: str, counterparts: Sequence[Counterpart], context: RenderContext
) -> str:
    """A small link to the block of the same id in each other version of the text that
    has it: ``#op6`` here, ``#op6`` there."""
    links = []
    for other in counterparts:
        if anchor not in other.anchors:
            continue
        url = attribute(context.document_url(other.slug, anchor))
        short = VERSION_SHORT.get(other.lang, other.lang.upper())
        # The name starts with the tag's visible text (WCAG 2.5.3, label in name): a
        # reader who says "FR" to a voice control reaches it.
        name = attribute(f"{short}\u202f: {label} {VERSION_OF.get(other.lang, other.lang)}")
        links.append(
            # A no-break space: the tag never goes to a line of its own.
            f'&nbsp;<a class="ra-version" href="{url}" hreflang="{attribute(other.lang)}" '
            f'lang="{SITE_LANGUAGE}" aria-label="{name}" title="{name}">'
            f"{escape(short)}</a>"
        )
    return "".join(links)


# ------------------------------------------------------------------ "Citer"

_SYMBOL_NUMBER = (
    (re.compile(r"^[AE]/(?:RES|DEC)/(.+)$"), "{0}"),  # A/RES/62/176 → 62/176
    (re.compile(r"^(?:PC|MC)\.DEC/(.+)$"), "n° {0}"),  # PC.DEC/758 → n° 758
)


@dataclass(frozen=True)
class Citing:
    """What a paragraph's « Citer » button needs from its text: the text named as a
    citation names it (``Assemblée générale, résolution 62/176``) and its date in
    French; built once per document."""

    text: str
    date: str

    @classmethod
    def of(cls, document: Document) -> Citing:
        body = BODIES.get(document.body, document.body)
        return cls(f"{body}, {_designation(document)}", french_date(document.date))


def _designation(document: Document) -> str:
    """The text as a citation names it: its type and number (``résolution 62/176``,
    ``décision n° 758``), else its title; ``(version anglaise)`` for a text not in
    French."""
    symbol = document.symbol
    if symbol:
        number = next(
            (
                form.format(m.group(1))
                for pattern, form in _SYMBOL_NUMBER
                if (m := pattern.match(symbol))
            ),
            symbol,
        )
        named = f"{document.type} {number}"
    elif document.title.casefold().startswith(document.type.casefold()):
        named = document.title
    else:
        named = f"{document.type} « {document.title} »"
    if document.lang != SITE_LANGUAGE:
        named += f" ({VERSION_LABELS.get(document.lang, document.lang).lower()})"
    return named


def _citation_part(paragraph: Paragraph, item: str = "") -> tuple[str, str]:
    """The paragraph (and item label) as a citation writes it (``par. 6 a)``) and as
    the button's name says it (``le paragraphe 6 a)``)."""
    item = f" {item}" if item else ""
    if paragraph.kind == "operative":
        # The section is named only when the text numbers each section from 1 (ids.py).
        own = paragraph.section if paragraph.id.startswith("sec-") else None
        section = f"sect. {own}, " if own else ""
        where = f" de la section {own}" if own else ""
        return (
            f"{section}par. {paragraph.number}{item}",
            f"le paragraphe {paragraph.number}{item}{where}",
        )
    if paragraph.kind == "preambular":
        number = paragraph.id[2:]
        return f"al. {number}{item} du préambule", f"l’alinéa {number}{item} du préambule"
    number = paragraph.id[1:]
    return f"passage {number}{item}", f"le passage {number}{item}"


def _controls(permalink: str, cite_button: str) -> str:
    """A block's ¶ and « Citer » in one span that never wraps (``ra-controls``): on a
    phone the button went to a line of its own under the ¶ (7 of 37 blocks of
    62/176)."""
    if not cite_button:
        return permalink
    return f'<span class="ra-controls">{permalink}{cite_button}</span>'


def _cite_button(citing: Citing | None, paragraph: Paragraph, lang: str, item: str = "") -> str:
    """The « Citer » button of a paragraph or item: the citation is written here, into
    ``data-ra-cite``; ra.js copies it with the block's address."""
    if citing is None:
        return ""
    part, name = _citation_part(paragraph, item)
    return cite_button(citing, part, name, lang)


def cite_button(citing: Citing, part: str, name: str, lang: str) -> str:
    """A « Citer » button for the block that ``part`` names in a citation (``par. 6
    a)``) and ``name`` in the button's name (``le paragraphe 6 a)``)."""
    chrome = f' lang="{SITE_LANGUAGE}"' if lang != SITE_LANGUAGE else ""
    return (
        f'<button type="button" class="ra-cite-button"{chrome} '
        f'data-ra-cite="{attribute(f"{citing.text}, {part}, {citing.date}")}" '
        f'aria-label="{attribute(f"Citer {name}")}">Citer</button>'
    )


def render_paragraph(
    paragraph: Paragraph,
    context: RenderContext,
    lang: str = SITE_LANGUAGE,
    counterparts: Sequence[Counterpart] = (),
    citing: Citing | None = None,
    marker: str = "",
    number_correction: LabelCorrection | None = None,
) -> str:
    """A paragraph and its items; ``lang`` is the text's language, ``counterparts``
    its other versions (a link to the same paragraph in each), ``citing`` the text as
    a citation names it (a « Citer » button on the paragraph and each item),
    ``marker`` its count of connections with the corpus (``connections.py``), already
    HTML, put in the margin; ``number_correction``, the paragraph's number as a scan
    misprinted it (``S.`` read ``5.``), marked on the number like any correction."""
    kind = {"preambular": "ra-pp", "operative": "ra-op"}.get(paragraph.kind, "ra-other")
    number = ""
    if paragraph.number:
        printed = f"{escape(paragraph.number)}."
        if number_correction is not None:
            opening, closing = correction_tags(number_correction)
            printed = f"{opening}{printed}{closing}"
        number = f'<span class="ra-num">{printed}</span> '

    french = lang == FRENCH
    body = render_inline(paragraph, context, lead=paragraph.lead, french=french)
    label = ids.label(paragraph.id)
    versions = _version_links(paragraph.id, label, counterparts, context)
    parts = [
        f'<div class="ra-para {kind}" id="{paragraph.id}"{lang_attribute(lang)}>',
        f"<p>{number}{body}{versions} "
        f"{_controls(_permalink(paragraph.id, label, lang), _cite_button(citing, paragraph, lang))}"
        f"{marker}</p>",
    ]
    if paragraph.items:
        parts.append('<ol class="ra-items">')
        for item in paragraph.items:
            item_label = f"alinéa {item.label}"
            parts.append(
                f'<li class="ra-item" id="{item.id}"><span class="ra-label">'
                f"{escape(item.label)}</span> {render_inline(item, context, french=french)}"
                f"{_version_links(item.id, item_label, counterparts, context)} "
                + _controls(
                    _permalink(item.id, item_label, lang),
                    _cite_button(citing, paragraph, lang, item.label),
                )
                + "</li>"
            )
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


def render_versions(
    document: Document, counterparts: Sequence[Counterpart], context: RenderContext
) -> str:
    """The header's line on the text's language: "Texte anglais (original)" for a text
    not in the site's language, and a link to each other version of the text."""
    parts = []
    if document.lang != SITE_LANGUAGE:
        parts.append(escape(LANGUAGE_LABELS.get(document.lang, document.lang)))
    for other in counterparts:
        url = attribute(context.document_url(other.slug, ""))
        parts.append(
            f'<a class="ra-version-link" href="{url}" hreflang="{attribute(other.lang)}">'
            f"{escape(VERSION_LABELS.get(other.lang, other.lang))}</a>"
        )
    if not parts:
        return ""
    return f'<p class="ra-lang">{" · ".join(parts)}</p>'


def render_meta(
    document: Document,
    counterparts: Sequence[Counterpart] = (),
    context: RenderContext | None = None,
) -> str:
    rows = [
        # Said in words: a dash reads as nothing to a screen reader, and looks like a
        # missing value to a reader.
        ("Symbole", escape(document.symbol) if document.symbol else "aucun"),
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
        )
        if value
    )
    record = official_record(document)
    if record:
        rows.insert(1, ("Document officiel", record))  # right under the symbol
    rows.extend(official_rows(document))
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
    versions = render_versions(document, counterparts, context or RenderContext())
    return f'<div class="ra-meta">{versions}<dl>{table}</dl>{notice_html}{data_link}</div>'


def render_footnotes(document: Document, context: RenderContext) -> list[str]:
    if not document.footnotes:
        return []
    items = []
    for note in document.footnotes:
        backrefs = []
        for occurrence, anchor in enumerate(note.refs, 1):
            ref = ids.footnote_ref(note.number, occurrence)
            # The paragraph in words (ids.label); the link's name starts with other
            # words and holds the visible ones whole, parentheses apart: axe-core's
            # label-in-name check (WCAG 2.5.3) does not find words put in parentheses.
            where = ids.label(anchor)
            backrefs.append(
                f'<a class="ra-backref" href="#{ref}" '
                f'aria-label="Retour à l’appel de note, {attribute(where)}">↩&#xFE0E;&nbsp;'
                f"{escape(where)}</a>"
            )
        text = render_inline(note.text, context, french=document.lang == FRENCH)
        items.append(
            f'<li id="{ids.footnote(note.number)}" value="{attribute(note.number)}" '
            f'class="ra-note"><span class="ra-note-number">{escape(note.number)}</span> '
            f'<span class="ra-note-text"{lang_attribute(document.lang)}>{text}</span> '
            f"{' '.join(backrefs)}</li>"
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
    document: Document,
    context: RenderContext | None = None,
    extra: str = "",
    counterparts: Sequence[Counterpart] = (),
    markers: Mapping[str, str] | None = None,
) -> str:
    """The whole page; ``extra`` (already rendered, e.g. "Cité par") goes before notes;
    ``counterparts``, the text's versions in other languages, are linked from the
    header and from each paragraph that they have too; ``markers``: paragraph id →
    the HTML of its count of connections (``connections.paragraph_marker``).

    The site's words stay French; every element holding the text's own words (title,
    heading lines, author clause, paragraphs, section headings, closing formula, notes)
    carries ``lang`` when the text is in another language."""
    context = context or RenderContext()
    context.note_counters.clear()
    # A term is marked at its first mention in each section of the page (the text
    # before the first section heading is one, the notes another).
    context.terms_shown = set()
    try:
        return _render_page(document, context, extra, counterparts, markers)
    finally:
        context.terms_shown = None


def _render_page(
    document: Document,
    context: RenderContext,
    extra: str,
    counterparts: Sequence[Counterpart],
    markers: Mapping[str, str] | None,
) -> str:
    lang = document.lang
    french = lang == FRENCH
    citing = Citing.of(document)
    attr = lang_attribute(lang)
    # attr_list puts the language on the Markdown headings.
    heading_attr = f' {{ lang="{lang}" }}' if attr else ""
    out = [front_matter(document), f"# {heading_text(display_title(document))}{heading_attr}", ""]
    out += [render_meta(document, counterparts, context), ""]
    if document.heading:
        lines = "".join(
            f'<p class="ra-heading-line" id="{ids.heading(index)}">'
            f"{render_inline(block, context, french=french)}</p>"
            for index, block in enumerate(document.heading, 1)
        )
        out += [f'<div class="ra-heading"{attr}>{lines}</div>', ""]
    if document.author is not None:
        out += [
            f'<p class="ra-author" id="{ids.AUTHOR}"{attr}>'
            f"{render_inline(document.author, context, french=french)}</p>",
            "",
        ]
    # A paragraph number read as another (``corrections.label_correction``): the
    # document holds it, by the paragraph's line and the number it now reads.
    number_corrections = {
        (correction.line, correction.replacement): correction
        for correction in document.corrections
        if isinstance(correction, LabelCorrection)
    }
    for part in document.body_order():
        if isinstance(part, Section):
            context.terms_shown = set()
            title = f"{part.number}. {part.heading.text}" if part.heading.text else part.number
            if french:
                title = french_typography(title)
            section_attr = f' lang="{lang}"' if attr else ""
            out += [f"## {heading_text(title)} {{#{part.id}{section_attr}}}", ""]
        else:
            marker = (markers or {}).get(part.id, "")
            fixed = number_corrections.get((part.line, f"{part.number}."))
            out += [
                render_paragraph(part, context, lang, counterparts, citing, marker, fixed),
                "",
            ]
    if document.closing is not None:
        out += [
            f'<p class="ra-closing" id="{ids.CLOSING}"{attr}>'
            f"{render_inline(document.closing, context, french=french)}</p>",
            "",
        ]
    if document.annexes:
        # Imported here: the annex renderer builds on this module's helpers.
        from .annex import render_annexes

        out += render_annexes(document.annexes, context, lang, counterparts, citing, markers)
    if extra:
        out += [extra, ""]
    context.terms_shown = set()
    notes = render_footnotes(document, context)
    if notes:
        out += [notes[0], "", notes[1], ""]
    return "\n".join(out)


def block_plain_text(block: Block) -> str:
    return block.text
