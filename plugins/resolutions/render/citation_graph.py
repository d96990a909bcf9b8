"""The citation graph as an SVG drawn at build time, and the "Cité par" section.

Both are plain HTML strings built from the corpus pass's data (``corpus.citation_graph``
and ``corpus.CitedBy`` rows); nothing is loaded when the page opens, so they work from
``file://`` with no script and no network.  Every piece of text is escaped.

The graph's layout: one row per body (Assemblée générale, Conseil économique et social,
Commission des stupéfiants, …, then the treaties and other instruments), one column
per year in date order (undated texts last, under "sans date"); texts of one body and
one year are stacked in their cell.  Each citation is a curve from the citing text to
the cited one, ending in an arrow; the corpus's texts are filled dots linking to their
pages, outside texts hollow dots linking to their official address when they have one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from .. import ids
from ..corpus import CitedBy
from .inline import attribute as escape
from .markdown import LANGUAGE_NAMES

__all__ = [
    "GROUP_LABELS",
    "render_citation_graph",
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
"""Rows of the graph in this order; French names shown to readers."""

UNDATED = "sans date"

_LEFT = 200
_TOP = 44
_COLUMN = 128
_LANE = 24
_ROW_PADDING = 14
_RADIUS = 6
_LABEL_CHARS = 17
_LANES_PER_COLUMN = 8

_STYLE = """
.graphe-citations { font: 12px sans-serif; }
.graphe-citations .rangee { fill: var(--md-default-fg-color--lightest, #f2f2f2); }
.graphe-citations .rangee-nom, .graphe-citations .colonne-nom {
  fill: var(--md-default-fg-color--light, #555); }
.graphe-citations .arc { fill: none; stroke: var(--md-default-fg-color--lighter, #999);
  stroke-opacity: .7; }
.graphe-citations .noeud circle { stroke: var(--md-primary-fg-color, #3f51b5);
  stroke-width: 2; }
.graphe-citations .noeud--corpus circle { fill: var(--md-primary-fg-color, #3f51b5); }
.graphe-citations .noeud--hors-corpus circle { fill: var(--md-default-bg-color, #fff); }
.graphe-citations .noeud--sans-adresse circle { stroke-dasharray: 2 2; }
.graphe-citations .noeud text { fill: var(--md-default-fg-color, #222); }
.graphe-citations a:focus circle, .graphe-citations a:hover circle {
  stroke: var(--md-accent-fg-color, #e91e63); stroke-width: 3; }
.graphe-citations .fleche { fill: var(--md-default-fg-color--lighter, #999); }
"""


def _year(node: Mapping) -> str:
    date = str(node.get("date") or "")
    return date[:4] if re.match(r"\d{4}", date) else UNDATED


def _short(text: str, limit: int = _LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _node_caption(node: Mapping) -> str:
    return str(node.get("short") or node.get("symbol") or node.get("label") or node["id"])


def _tooltip(node: Mapping) -> str:
    parts = [str(node.get("title") or node.get("label") or node["id"])]
    symbol = node.get("symbol")
    if symbol and symbol not in parts[0]:
        parts.append(str(symbol))
    if node.get("date"):
        parts.append(str(node["date"]))
    if not node.get("in_corpus"):
        parts.append("hors corpus" if node.get("url") else "hors corpus, sans adresse connue")
    return " — ".join(parts)


def render_citation_graph(
    graph: Mapping,
    link_for: Callable[[str], str],
    entry_link_for: Callable[[str], str] | None = None,
) -> str:
    """The graph (``corpus.citation_graph``'s data) as an inline ``<svg>`` in a
    ``<figure>`` that scrolls sideways, with a caption and the links as a list.

    ``link_for(slug)`` gives the address of a corpus text's page, as the caller needs it
    (relative to the page that shows the graph); ``entry_link_for(id)`` that of a
    glossary entry's page, for the instruments."""
    links = _Links(link_for, entry_link_for)
    nodes: Sequence[Mapping] = graph["nodes"]
    groups = [group for group in GROUP_LABELS if any(n["group"] == group for n in nodes)]
    groups += sorted({n["group"] for n in nodes} - set(GROUP_LABELS))
    years = sorted({_year(n) for n in nodes} - {UNDATED})
    if any(_year(n) == UNDATED for n in nodes):
        years.append(UNDATED)

    # Stack the texts of one body and one year in their cell, in date then id order;
    # a cell holds at most _LANES_PER_COLUMN texts a column, then wraps sideways, and a
    # year's column is as wide as its widest cell needs.
    cells: dict[tuple[str, str], list[Mapping]] = {}
    for node in sorted(nodes, key=lambda n: (str(n.get("date") or ""), n["id"])):
        cells.setdefault((node["group"], _year(node)), []).append(node)
    spans = {
        year: max(
            (math.ceil(len(v) / _LANES_PER_COLUMN) for (_, y), v in cells.items() if y == year),
            default=1,
        )
        for year in years
    }
    column_x: dict[str, float] = {}
    x = float(_LEFT)
    for year in years:
        column_x[year] = x
        x += spans[year] * _COLUMN
    width = x + 20
    row_top: dict[str, float] = {}
    row_height: dict[str, float] = {}
    top = float(_TOP)
    for group in groups:
        depth = max(
            (min(len(v), _LANES_PER_COLUMN) for (g, _), v in cells.items() if g == group),
            default=1,
        )
        row_top[group] = top
        row_height[group] = depth * _LANE + 2 * _ROW_PADDING
        top += row_height[group] + 6
    height = top + 10

    position: dict[str, tuple[float, float]] = {}
    for (group, year), stacked in cells.items():
        for index, node in enumerate(stacked):
            column, lane = divmod(index, _LANES_PER_COLUMN)
            x = column_x[year] + column * _COLUMN + 12
            y = row_top[group] + _ROW_PADDING + lane * _LANE + _LANE / 2
            position[node["id"]] = (x, y)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphe-citations" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'aria-labelledby="graphe-titre graphe-description">',
        '<title id="graphe-titre">Graphe des citations du corpus</title>',
        f'<desc id="graphe-description">{len(nodes)} textes et {len(graph["edges"])} liens '
        "de citation, rangés par organe et par année.</desc>",
        f"<style>{_STYLE}</style>",
        '<defs><marker id="fleche" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path class="fleche" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    ]
    for group in groups:
        label = GROUP_LABELS.get(group, group)
        out.append(
            f'<rect class="rangee" x="0" y="{row_top[group]:.0f}" width="{width:.0f}" '
            f'height="{row_height[group]:.0f}" rx="4"/>'
            f'<text class="rangee-nom" x="8" y="{row_top[group] + 18:.0f}">{escape(label)}</text>'
        )
    for year in years:
        x = column_x[year] + 12
        out.append(f'<text class="colonne-nom" x="{x:.0f}" y="{_TOP - 14}">{escape(year)}</text>')

    out.append('<g class="arcs">')
    for edge in graph["edges"]:
        if edge["source"] not in position or edge["target"] not in position:
            continue
        out.append(_edge(edge, position[edge["source"]], position[edge["target"]]))
    out.append("</g>")

    out.append('<g class="noeuds">')
    for node in sorted(nodes, key=lambda n: n["id"]):
        out.append(_node(node, position[node["id"]], links))
    out.append("</g></svg>")
    svg = "\n".join(out)
    return (
        '<figure class="graphe-citations-cadre">\n'
        '<div style="overflow-x: auto">\n' + svg + "\n</div>\n"
        "<figcaption>Chaque flèche va du texte qui cite au texte cité. Points pleins : "
        "textes du corpus ; points creux : textes hors corpus (en pointillé quand ils "
        "n’ont pas d’adresse connue).</figcaption>\n" + _edge_list(graph, links) + "</figure>\n"
    )


def _edge_list(graph: Mapping, links: _Links) -> str:
    """The same links as a list, for readers who cannot use the drawing."""
    nodes = {node["id"]: node for node in graph["nodes"]}

    def name(node_id: str) -> str:
        node = nodes.get(node_id, {"id": node_id})
        caption = escape(_node_caption(node))
        href = links.href(node)
        return f'<a href="{escape(href)}">{caption}</a>' if href else caption

    rows = [f"<li>{name(edge['source'])} → {name(edge['target'])}</li>" for edge in graph["edges"]]
    return (
        "<details><summary>Liste des citations</summary>\n<ul>\n"
        + "\n".join(rows)
        + "\n</ul>\n</details>\n"
    )


def _edge(edge: Mapping, start: tuple[float, float], end: tuple[float, float]) -> str:
    (x1, y1), (x2, y2) = start, end
    # Stop short of the target dot so that the arrow head stays visible.
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    x2 -= (x2 - x1) / length * (_RADIUS + 2)
    y2 -= (y2 - y1) / length * (_RADIUS + 2)
    bend = 28 if abs(y2 - y1) < _LANE else 0
    middle_y = (y1 + y2) / 2 - bend
    path = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{middle_y:.1f} {x2:.1f},{middle_y:.1f} {x2:.1f},{y2:.1f}"
    width = 1 + math.log2(max(1, int(edge.get("count", 1))))
    blocks = ", ".join(str(block) for block in edge.get("blocks", ()))
    count = int(edge.get("count", 1))
    noun = "citation" if count == 1 else "citations"
    title = f"{edge['source']} → {edge['target']} ({count} {noun} : {blocks})"
    return (
        f'<path class="arc" d="{path}" stroke-width="{width:.1f}" marker-end="url(#fleche)">'
        f"<title>{escape(title)}</title></path>"
    )


class _Links:
    """Where a node leads: a corpus page, a glossary page, or an official address."""

    def __init__(
        self, link_for: Callable[[str], str], entry_link_for: Callable[[str], str] | None
    ) -> None:
        self.link_for = link_for
        self.entry_link_for = entry_link_for

    def href(self, node: Mapping) -> str:
        if node.get("in_corpus"):
            return self.link_for(str(node["slug"]))
        if node.get("entry") and self.entry_link_for is not None:
            return self.entry_link_for(str(node["entry"]))
        return str(node.get("url") or "")


def _node(node: Mapping, where: tuple[float, float], links: _Links) -> str:
    x, y = where
    href = links.href(node)
    if node.get("in_corpus"):
        classes = "noeud noeud--corpus"
    elif href:
        classes = "noeud noeud--hors-corpus"
    else:
        classes = "noeud noeud--hors-corpus noeud--sans-adresse"
    body = (
        f"<title>{escape(_tooltip(node))}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_RADIUS}"/>'
        f'<text x="{x + _RADIUS + 4:.1f}" y="{y + 4:.1f}">{escape(_short(_node_caption(node)))}'
        "</text>"
    )
    if href:
        return f'<a class="{classes}" href="{escape(href)}">{body}</a>'
    return f'<g class="{classes}">{body}</g>'


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
        name = row.symbol or row.title or row.slug
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
