"""The names of the citation graph's groups, and a text's "Cité par" section.

The section is a plain HTML string built from the corpus pass's ``corpus.CitedBy`` rows;
nothing is loaded when the page opens, so it works from ``file://`` with no script and
no network.  Every piece of text is escaped.  The whole graph's pages are made by
``graph_pages``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .. import ids
from ..corpus import CitedBy
from .inline import attribute as escape
from .markdown import LANGUAGE_NAMES
from .pages import display_symbol

__all__ = [
    "GROUP_LABELS",
    "render_cited_by",
]

GROUP_LABELS = {
    "ag": "Assemblée générale",
    "ecosoc": "Conseil économique et social",
    "cnd": "Commission des stupéfiants",
    "sc": "Conseil de sécurité",
    "osce-cp": "OSCE, Conseil permanent",
    "osce-cm": "OSCE, Conseil ministériel",
    "instrument": "Traités et instruments",
    "other": "Autres textes",
}
"""The groups of the graph's texts in this order (bodies, then the treaties and
other instruments); French names shown to readers."""

# --------------------------------------------------------------------------- "Cité par"

NOT_CITED = "Aucun texte du corpus ne cite ce texte."
"""What a text's "Cité par" says when no text of the corpus cites it."""


def render_cited_by(
    rows: Iterable[CitedBy],
    link_for: Callable[[str], str],
    heading: str = "Cité par",
    heading_id: str = "cite-par",
) -> str:
    """The "Cité par" section of a document page: a Markdown heading (so that the
    table of contents and the search sections list it) and the list as one HTML block.

    One row per citing paragraph: the citing text (symbol, or title when it has no
    symbol) and paragraph as a link to that paragraph, its body and year, and the
    words around the citation.  When nothing in the corpus cites the text, the section
    says so."""
    rows = list(rows)
    title = f"## {escape(heading)} {{#{heading_id}}}\n\n"
    if not rows:
        # The same words on every such page: kept out of the search index.
        none = f'<p class="cite-par cite-par__aucun" data-search-exclude>{escape(NOT_CITED)}</p>'
        return f"{title}{none}\n"
    items = []
    for row in rows:
        name = display_symbol(row.body, row.symbol) or row.title or row.slug
        if row.lang != "fr":
            # A text and its English version may both cite this one: two rows.
            name += f" ({LANGUAGE_NAMES.get(row.lang, row.lang)})"
        lang = f' lang="{escape(row.lang)}"' if row.lang != "fr" else ""
        href = f"{link_for(row.slug)}#{row.block_id}"
        body = GROUP_LABELS.get(row.body, row.body)
        year = row.date[:4]
        cited = (
            f' <span class="cite-par__cible">(vise : {escape(ids.label(row.cited_anchor))})</span>'
            if row.cited_anchor
            else ""
        )
        items.append(
            f'<li class="cite-par__ligne"><a href="{escape(href)}">{escape(name)}, '
            f"{escape(ids.label(row.block_id))}</a>{cited}"
            f' — <span class="cite-par__organe">{escape(body)}</span>, '
            f'<span class="cite-par__annee">{escape(year)}</span>'
            f'<br><q class="cite-par__extrait"{lang}>{escape(row.excerpt)}</q></li>'
        )
    return f'{title}<ul class="cite-par cite-par__liste">' + "".join(items) + "</ul>\n"
