"""The pages of the citation graph: ``<texts>/citations.md``, which draws the whole graph
or, past GRAPH_PART_TEXTS texts, lists its parts, one page each
(``<texts>/citations/<year>[-<n>].md``), and the graph as data (GRAPH_DATA)."""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..corpus import graph_of
from ..model import Document
from ..pipeline import Made
from .citation_graph import render_citation_graph
from .inline import attribute as escape_html
from .pages import GRAPH_DATA, Folders, SitePage, excluded_from_search, plural

GRAPH_PART_TEXTS = 50
"""Past this many texts, the citation graph is drawn in parts of at most this many texts
of the corpus (with their neighbours), so that no page grows with the corpus: the
whole graph of 1,000 generated texts was one page of 3.8 MB."""

HEADING = "Les citations entre les textes"


def graph_data(graph: dict) -> SitePage:
    """The graph as JSON, beside the other data (not among the texts' JSON files)."""
    return SitePage(GRAPH_DATA, json.dumps(graph, ensure_ascii=False, sort_keys=True) + "\n")


def graph_parts(documents: Iterable[Document]) -> list[tuple[str, str, list[Document]]]:
    """(name, title, texts) of each part of the citation graph: the texts of one year
    in date order, GRAPH_PART_TEXTS at a time (``2019``, ``2019-2``…)."""
    by_year: dict[str, list[Document]] = defaultdict(list)
    for document in sorted(documents, key=lambda document: (document.date, document.slug)):
        by_year[document.date[:4]].append(document)
    parts = []
    for year, found in sorted(by_year.items(), reverse=True):
        chunks = [
            found[start : start + GRAPH_PART_TEXTS]
            for start in range(0, len(found), GRAPH_PART_TEXTS)
        ]
        for number, chunk in enumerate(chunks, 1):
            name = year if number == 1 else f"{year}-{number}"
            title = f"Textes de {year}"
            if len(chunks) > 1:
                title += f" ({number} sur {len(chunks)})"
            parts.append((name, title, chunk))
    return parts


def graph_pages(
    graph: dict, documents: Sequence[Document], folders: Folders, made: Made | None = None
) -> list[SitePage]:
    """The citation graph's page (``<texts>/citations.md``) first, then its parts if it
    is drawn in parts: the texts of one year, at most GRAPH_PART_TEXTS at a time, with
    the texts they cite and those that cite them.  ``made`` keeps pages between the
    rebuilds of a preview."""
    made = made or Made()
    texts = folders.texts
    main = f"{texts}/citations.md"
    if len(documents) <= GRAPH_PART_TEXTS:
        content = made.get(
            "graph",
            (graph, texts, folders.glossary),
            lambda: graph_page(graph, texts, None, folders),
        )
        return [SitePage(main, content)]
    around: dict[str, list[dict]] = defaultdict(list)
    for edge in graph["edges"]:
        around[edge["source"]].append(edge)
        if edge["target"] != edge["source"]:
            around[edge["target"]].append(edge)
    nodes = {node["id"]: node for node in graph["nodes"]}
    parts: list[tuple[str, str, int, int]] = []
    pages: list[SitePage] = []
    for name, title, members in graph_parts(documents):
        ids = {f"doc:{document.slug}" for document in members}
        edges = {id(edge): edge for node_id in ids for edge in around[node_id]}
        shown = ids | {edge[end] for edge in edges.values() for end in ("source", "target")}
        part = graph_of((nodes[node_id] for node_id in shown), edges.values())
        folder = f"{texts}/citations"
        content = made.get(
            f"graph-part:{name}",
            (part, title, folder, folders.glossary),
            lambda part=part, title=title, folder=folder: graph_page(part, folder, title, folders),
        )
        pages.append(SitePage(f"{folder}/{name}.md", content))
        cited = sum(1 for edge in edges.values() if edge["source"] in ids)
        parts.append((f"citations/{name}.html", title, len(members), cited))
    index = made.get(
        "graph",
        (parts, len(graph["nodes"]), len(graph["edges"]), texts),
        lambda: graph_index(parts, graph, texts),
    )
    return [SitePage(main, index), *pages]


def graph_intro(folder: str) -> str:
    """What the graph shows, and where its data is, for a page of ``folder``."""
    data = posixpath.relpath(GRAPH_DATA, folder)
    return (
        "Chaque texte du corpus est un point plein, rangé par organe et par année ; "
        "chaque courbe va d’un texte à un texte qu’il cite. Les points creux sont "
        "des textes cités qui ne sont pas dans le corpus. Le graphe est aussi "
        f'publié en JSON : <a href="{data}" download>{posixpath.basename(GRAPH_DATA)}</a>.'
    )


def graph_page(graph: dict, folder: str, part: str | None, folders: Folders) -> str:
    """A drawing of ``graph`` on a page of ``folder``: the whole graph, or the ``part``
    named (see graph_pages)."""
    to_glossary = posixpath.relpath(folders.glossary, folder)
    to_texts = posixpath.relpath(folders.texts, folder)
    if part is None:
        lines = [f"# {HEADING}", "", graph_intro(folder), ""]
    else:
        lines = [
            f"# {escape_html(part)} : les citations",
            "",
            "Les textes de cette partie, ceux qu’ils citent et ceux qui les citent. "
            f'<a href="{to_texts}/citations.html">Toutes les parties du graphe</a>. '
            + graph_intro(folder),
            "",
        ]
    lines += [
        render_citation_graph(
            graph,
            lambda slug: f"{to_texts}/{slug}.html".removeprefix("./"),
            lambda entry_id: f"{to_glossary}/{entry_id}.html",
        ),
        "",
    ]
    return excluded_from_search("\n".join(lines))


def graph_index(parts: list[tuple[str, str, int, int]], graph: dict, folder: str) -> str:
    """The citation graph's page when the graph is drawn in parts: one row a part
    (address, title, texts, citations they make)."""
    rows = "".join(
        f'<tr><td><a href="{escape_html(url)}">{escape_html(title)}</a></td>'
        f'<td class="ra-count">{count}</td><td class="ra-count">{cited}</td></tr>'
        for url, title, count, cited in parts
    )
    lines = [
        f"# {HEADING}",
        "",
        graph_intro(folder),
        "",
        f"<p>Le graphe compte {plural(len(graph['nodes']), 'point')} et "
        f"{plural(len(graph['edges']), 'lien')} : il est dessiné par année, "
        f"{GRAPH_PART_TEXTS} textes du corpus au plus à la fois, avec les textes "
        "qu’ils citent et ceux qui les citent.</p>",
        "",
        '<div class="ra-listing"><table><thead><tr><th>Partie</th><th>Textes</th>'
        f"<th>Citations faites</th></tr></thead><tbody>{rows}</tbody></table></div>",
        "",
    ]
    return excluded_from_search("\n".join(lines))
