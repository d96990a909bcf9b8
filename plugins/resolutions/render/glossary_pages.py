"""The glossary pages as Markdown: the index, and one page per entry.

Pure functions: they are given the glossary, the mention index and two callables that
say where pages live (``link_for(slug, anchor)`` for a paragraph of a text,
``entry_link(entry_id)`` for a glossary page), and return Markdown that Python-Markdown
renders — Markdown headings (so the table of contents sees them) and raw HTML blocks
for the rest.  Every piece of text comes from the glossary file or from the source
texts, which are not trusted: all of it goes through ``inline.escape`` (HTML-escaped, on one line).

The words on the page are French (the site's language).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from ..glossary import KINDS, Entry, Glossary, MentionIndex
from ..model import Document
from .citation_graph import block_label
from .inline import attribute, escape

LinkFor = Callable[[str, str], str]
EntryLink = Callable[[str], str]


class SiteRow(Protocol):
    """A paragraph that names or cites an entry: ``glossary.MentionSite`` and the
    citations component's ``corpus.CitedBy`` both fit.  A row may also carry
    ``highlight`` (``(start, end)`` of the mention in ``excerpt``) and ``occurrences``."""

    @property
    def slug(self) -> str: ...

    @property
    def block_id(self) -> str: ...

    @property
    def excerpt(self) -> str: ...


KIND_LABELS: dict[str, tuple[str, str]] = {
    "organe": ("Organe", "Organes et organismes"),
    "convention": ("Convention", "Conventions"),
    "protocole": ("Protocole", "Protocoles"),
    "charte": ("Charte", "Chartes"),
    "déclaration": ("Déclaration", "Déclarations"),
    "plan": ("Plan d’action", "Plans d’action"),
    "programme": ("Programme", "Programmes"),
    "projet": ("Projet", "Projets"),
    "initiative": ("Initiative", "Initiatives"),
    "système": ("Système d’information", "Systèmes d’information"),
    "document": ("Document", "Autres documents"),
    "publication": ("Publication", "Publications"),
}
"""Singular (entry page) and plural (index heading) label of each kind."""

INDEX_TITLE = "Glossaire"
INDEX_INTRO = (
    "Les organes, instruments et programmes que nomment les textes du corpus. "
    "Chaque fiche les décrit et renvoie à chaque paragraphe qui les mentionne."
)

NO_MENTION = "aucune mention dans le corpus"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!<>|])")
"""Characters that could make Markdown of a heading's text (parentheses cannot, once
the brackets of a link are escaped)."""


def _text(value: str) -> str:
    """Text for an HTML element or attribute."""
    return attribute(value)


def _heading_text(value: str) -> str:
    """Text for a Markdown heading: HTML-escaped, and Markdown's own punctuation
    backslash-escaped so a name cannot become emphasis, a link or ``{: attributes}``."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(re.sub(r"[\r\n]+", " ", value)))


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _sort_key(value: str) -> str:
    """French alphabetical order, near enough: accents and case ignored."""
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def document_labels(documents: Iterable[Document]) -> dict[str, str]:
    """Slug → "symbol — title" (or the title alone), for the "Mentionné dans" lists."""
    labels: dict[str, str] = {}
    for document in documents:
        symbol = document.symbol
        labels[document.slug] = f"{symbol} — {document.title}" if symbol else document.title
    return labels


def _excerpt_html(site: SiteRow) -> str:
    highlight = getattr(site, "highlight", None)
    if highlight is None:
        return _text(site.excerpt)
    start, end = highlight
    return (
        _text(site.excerpt[:start])
        + "<mark>"
        + _text(site.excerpt[start:end])
        + "</mark>"
        + _text(site.excerpt[end:])
    )


def _sites_html(
    sites: Sequence[SiteRow], link_for: LinkFor, labels: Mapping[str, str], css: str
) -> list[str]:
    """Sites grouped by document, in the order given (the corpus order)."""
    by_document: dict[str, list[SiteRow]] = {}
    for site in sites:
        by_document.setdefault(site.slug, []).append(site)
    lines = [f'<ul class="{css}">']
    for slug, found in by_document.items():
        label = labels.get(slug, slug)
        lines.append(
            f'<li class="ra-glossary-document"><a href="{_text(link_for(slug, ""))}">'
            f"{_text(label)}</a>"
        )
        lines.append("<ul>")
        for site in found:
            occurrences = getattr(site, "occurrences", 1)
            times = f" ({occurrences} fois)" if occurrences > 1 else ""
            lines.append(
                f'<li><a href="{_text(link_for(slug, site.block_id))}">'
                f"{_text(block_label(site.block_id))}</a>{times} : "
                f"<q>{_excerpt_html(site)}</q></li>"
            )
        lines.append("</ul></li>")
    lines.append("</ul>")
    return lines


def _summary(sites: Sequence[SiteRow]) -> str:
    documents = len({site.slug for site in sites})
    return (
        f"{_count(documents, 'texte', 'textes')}, {_count(len(sites), 'paragraphe', 'paragraphes')}"
    )


def _treaty_reference(reference: str) -> str:
    volume, number = reference.split("/")
    return f"vol. {volume}, n° {number}"


def glossary_entry_page(
    entry: Entry,
    mentions: Sequence[SiteRow],
    link_for: LinkFor,
    labels: Mapping[str, str],
    cited_by: Sequence[SiteRow] = (),
) -> str:
    """The page of one entry: what it is, its names, and every paragraph that names it
    (``mentions``, from ``MentionIndex``) or, for an instrument, cites it (``cited_by``,
    from the citations component, same shape).  ``labels`` maps document slugs to the
    label shown for them (see ``document_labels``)."""
    singular, _ = KIND_LABELS[entry.kind]
    facts: list[str] = []
    if entry.acronyms:
        facts.append(
            "<dt>Sigle</dt><dd>"
            + ", ".join(f"<abbr>{_text(acronym)}</abbr>" for acronym in entry.acronyms)
            + "</dd>"
        )
    facts.append(
        "<dt>Appellations dans les textes</dt><dd>"
        + " ; ".join(_text(name) for name in entry.names)
        + "</dd>"
    )
    english = entry.english_name
    if entry.english_acronym:
        english += f" ({entry.english_acronym})"
    facts.append(f'<dt>En anglais</dt><dd lang="en">{_text(english)}</dd>')
    if entry.url:
        shown = re.sub(r"^https?://", "", entry.url).rstrip("/")
        facts.append(
            f'<dt>Site officiel</dt><dd><a href="{_text(entry.url)}" rel="external noopener">'
            f"{_text(shown)}</a></dd>"
        )
    if entry.unts:
        references = " ; ".join(_text(_treaty_reference(ref)) for ref in entry.unts)
        facts.append(f"<dt>Recueil des Traités des Nations Unies</dt><dd>{references}</dd>")
    if entry.document:
        label = labels.get(entry.document, "le texte")
        facts.append(
            f'<dt>Dans le corpus</dt><dd><a href="{_text(link_for(entry.document, ""))}">'
            f"{_text(label)}</a></dd>"
        )

    lines = [
        f"# {_heading_text(entry.title)}",
        "",
        f'<div class="ra-glossary-entry" data-entry="{_text(entry.id)}">',
        f'<p class="ra-glossary-kind">{_text(singular)}</p>',
        f'<p class="ra-glossary-description">{_text(entry.description)}</p>',
        '<dl class="ra-glossary-facts">',
        *facts,
        "</dl>",
        "</div>",
        "",
        "## Mentionné dans",
        "",
    ]
    if mentions:
        lines.append(f'<p class="ra-glossary-summary">{_text(_summary(mentions))}</p>')
        lines.append("")
        lines.extend(_sites_html(mentions, link_for, labels, "ra-glossary-mentions"))
    else:
        lines.append(f'<p class="ra-glossary-none">{_text(NO_MENTION.capitalize())}.</p>')
    if cited_by:
        lines.extend(["", "## Cité par", ""])
        lines.append(f'<p class="ra-glossary-summary">{_text(_summary(cited_by))}</p>')
        lines.append("")
        lines.extend(_sites_html(cited_by, link_for, labels, "ra-glossary-citations"))
    return "\n".join(lines) + "\n"


def glossary_index_page(glossary: Glossary, index: MentionIndex, entry_link: EntryLink) -> str:
    """The glossary's index: every entry, grouped by kind, in alphabetical order of the
    label shown (the acronym when there is one), with its description and how many
    texts and paragraphs name it."""
    lines = [f"# {INDEX_TITLE}", "", f'<p class="ra-glossary-intro">{_text(INDEX_INTRO)}</p>']
    by_kind: dict[str, list[Entry]] = {}
    for entry in glossary:
        by_kind.setdefault(entry.kind, []).append(entry)
    for kind in KINDS:
        entries = by_kind.get(kind)
        if not entries:
            continue
        _, plural = KIND_LABELS[kind]
        lines.extend(["", f"## {_heading_text(plural)}", "", '<dl class="ra-glossary-index">'])
        for entry in sorted(entries, key=lambda entry: _sort_key(entry.short_label)):
            sites = index.sites(entry.id)
            summary = (
                f"mentionné dans {_summary(sites)}" if sites else "aucune mention dans le corpus"
            )
            label = (
                f"<abbr>{_text(entry.acronyms[0])}</abbr> — {_text(entry.names[0])}"
                if entry.acronyms
                else _text(entry.title)
            )
            link = _text(entry_link(entry.id))
            lines.append(f'<dt id="{_text(entry.id)}"><a href="{link}">{label}</a></dt>')
            lines.append(
                f"<dd>{_text(entry.description)} "
                f'<span class="ra-glossary-count">({_text(summary)})</span></dd>'
            )
        lines.append("</dl>")
    return "\n".join(lines) + "\n"
