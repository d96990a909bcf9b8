"""The citation graph as pages a reader can use on any screen and without a script:
for each text of the corpus, by body and by year, what it cites and what in the corpus
cites it; the texts outside the corpus that the corpus cites, by their real names; and
the graph as data (GRAPH_DATA).

- ``<texts>/citations.md``: what the graph holds, the most cited texts of the corpus,
  then either the whole list (a small corpus: it fits on the page) or, for each body,
  its years, each a link to that body's texts of that year
  (``<texts>/citations/<body>/<year>[-<n>].md``), and a link to the texts outside the
  corpus (``<texts>/citations/hors-corpus[-<n>].md``).
- Every list is cut into pages of at most PART_BYTES of list and PART_TEXTS texts, and
  each text shows at most NAMES_SHOWN names each way (its own page has them all), so no
  page grows with the corpus.

Why lists and no drawing: the drawing of the whole graph (a row per body, a column
per year) was a 2,396 px wide SVG for seven texts, labels cut, an empty grey grid on a
phone; cut by year, most of a part's curves leave the part (a text cites texts of other
years), and fifty labelled dots do not fit in 390 px without scrolling both ways.  A
list holds the same links, reads on a phone, prints, and the browser's find works on
it; the JSON is there for a graph program."""

from __future__ import annotations

import json
import posixpath
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain

from ..corpus import GRAPH_SCHEMA_VERSION, merge_citation_graphs
from ..kept_json import KeptJSON
from ..load import BODIES
from ..model import Document
from ..pipeline import Made
from .citation_graph import GROUP_LABELS
from .connections import short_name
from .inline import attribute, escape
from .listings import pager, text_path, years_list
from .markdown import FRENCH, LANGUAGE_NAMES, french_date, heading_text, lang_attribute
from .official import NETWORK_NOTE
from .pages import (
    GRAPH_DATA,
    Folders,
    SitePage,
    display_symbol,
    excluded_from_search,
    plural,
    relative_url,
)
from .typography import french

HEADING = "Les citations entre les textes"

PART_BYTES = 60_000
"""Most bytes of list on one page: with the theme's frame (about 15 kB) a page of the
graph stays under 100 kB whatever the size of the corpus."""
PART_TEXTS = 100
"""Most texts on one page of the graph, however short their lists."""
NAMES_SHOWN = 12
"""Names of cited or citing texts shown for one text, each way; the rest are counted,
with a link to the text's own page, which lists them all."""
CITERS_SHOWN = 10
"""Corpus texts shown under a text outside the corpus (the most recent)."""
MOST_CITED = 10
"""Corpus texts in "Les textes du corpus les plus cités"."""
OUTSIDE = "hors-corpus"
"""The name of the pages of texts outside the corpus (no body code can take it: body
codes are letters of ``load.BODIES``)."""

EntryTitle = Callable[[str], str]
"""A glossary id → the entry's French title ("" when the glossary has none)."""


def graph_data(
    graph: dict, made: Made | None = None, edge_groups: Sequence[Sequence[dict]] | None = None
) -> SitePage:
    """The graph as JSON, beside the other data (not among the texts' JSON files);
    ``made`` keeps each node's and edge's JSON between the rebuilds of a preview, and
    each text's edges' JSON whole given ``edge_groups`` (the graph's edges, as lists one
    after the other: see KeptGraph)."""
    options: dict = {"ensure_ascii": False, "sort_keys": True}
    if made is None or not made.remember:
        return SitePage(GRAPH_DATA, json.dumps(graph, **options) + "\n")
    kept = made.get("graph-json", (), KeptJSON)
    if edge_groups is None:
        return SitePage(GRAPH_DATA, kept.dumps(graph, ["nodes", "edges"], **options) + "\n")
    text = kept.dumps(graph, ["nodes"], groups={"edges": edge_groups}, **options)
    return SitePage(GRAPH_DATA, text + "\n")


# --------------------------------------------------------------------------- the links


@dataclass(frozen=True)
class Outside:
    """A text outside the corpus, as a reader knows it: a name, where it leads (a
    glossary entry's page or an official address), its group and date."""

    node_id: str
    name: str
    full_name: str
    entry: str
    url: str
    group: str
    date: str


@dataclass(frozen=True)
class Links:
    """Who cites whom in the corpus, from the graph: for each corpus text (by slug),
    the corpus texts it cites and the outside texts it cites; for each corpus text and
    each outside text (by node id), the corpus texts citing it."""

    texts: Mapping[str, Document]
    cites: Mapping[str, tuple[str, ...]]
    cites_outside: Mapping[str, tuple[str, ...]]
    cited_by: Mapping[str, tuple[str, ...]]
    outside: Mapping[str, Outside]
    names: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)
    """Names in lists as HTML, by key and folder (see ``_corpus_name``)."""

    @classmethod
    def of(cls, graph: Mapping, documents: Sequence[Document], entry_title: EntryTitle) -> Links:
        texts = {document.slug: document for document in documents}
        cites: dict[str, list[str]] = defaultdict(list)
        cites_outside: dict[str, list[str]] = defaultdict(list)
        cited_by: dict[str, list[str]] = defaultdict(list)
        for edge in graph["edges"]:
            source, target = edge["source"], edge["target"]
            if source == target:
                continue  # "la présente résolution" is no link between texts
            slug = source.removeprefix("doc:")
            if target.startswith("doc:"):
                cites[slug].append(target.removeprefix("doc:"))
                cited_by[target.removeprefix("doc:")].append(slug)
            else:
                cites_outside[slug].append(target)
                cited_by[target].append(slug)
        outside = {
            node["id"]: _outside(node, entry_title)
            for node in graph["nodes"]
            if not node.get("in_corpus")
        }
        return cls(
            texts,
            {slug: by_date(found, texts) for slug, found in cites.items()},
            {slug: outside_order(found, outside) for slug, found in cites_outside.items()},
            {target: by_date(found, texts) for target, found in cited_by.items()},
            outside,
        )

    def citers(self, target: str) -> tuple[str, ...]:
        """The corpus texts citing ``target`` (a slug or an outside node's id)."""
        return self.cited_by.get(target, ())

    def most_cited(self, count: int) -> list[str]:
        """The ``count`` corpus texts cited by the most corpus texts, most recent first
        among equals; none that no text cites."""
        cited = [slug for slug in self.texts if self.citers(slug)]
        cited.sort(key=lambda slug: self.texts[slug].date, reverse=True)
        cited.sort(key=lambda slug: len(self.citers(slug)), reverse=True)
        return cited[:count]


def by_date(slugs: Iterable[str], texts: Mapping[str, Document]) -> tuple[str, ...]:
    """The corpus texts of ``slugs``, each once, by date (then slug)."""
    known = [slug for slug in dict.fromkeys(slugs) if slug in texts]
    return tuple(sorted(known, key=lambda slug: (texts[slug].date, slug)))


_GROUP_ORDER = {group: index for index, group in enumerate(GROUP_LABELS)}


def outside_order(ids: Iterable[str], outside: Mapping[str, Outside]) -> tuple[str, ...]:
    """The outside texts of ``ids``, each once, by group, date and name."""
    known = [node_id for node_id in dict.fromkeys(ids) if node_id in outside]
    return tuple(
        sorted(
            known,
            key=lambda node_id: (
                _GROUP_ORDER.get(outside[node_id].group, len(_GROUP_ORDER)),
                outside[node_id].date,
                outside[node_id].name,
            ),
        )
    )


def _outside(node: Mapping, entry_title: EntryTitle) -> Outside:
    """An outside node named as a reader knows it: a glossary entry by its title, a
    symbol with what the citation called it ("A/RES/61/183 — Résolution 61/183 de
    l’Assemblée générale"); never the graph's key (``convention-1961``)."""
    entry = str(node.get("entry") or "")
    label = str(node.get("label") or "")
    if entry:
        name = entry_title(entry) or label or str(node.get("short") or node["id"])
        full = name
    else:
        shown = str(node.get("symbol") or node.get("short") or node["id"])
        name = shown
        full = f"{shown} — {label}" if label and label != shown else shown
    return Outside(
        str(node["id"]),
        name,
        full,
        entry,
        str(node.get("url") or ""),
        str(node.get("group") or "other"),
        str(node.get("date") or ""),
    )


class KeptGraph:
    """A preview's citation graph and its links (``Links``), kept from one rebuild to
    the next and made again from the texts whose graph changed: an edit changes the
    graph of one text, while merging every text's graph (sorting every edge) and
    reading every edge into links took a sixth of a rebuild at 10,000 texts.

    The graph is ``corpus.merge_citation_graphs`` of the texts' graphs, the links
    ``Links.of`` of it: both are made whole on the first build, when texts come, go or
    move, when a changed text's date changed, or when the glossary (the outside texts'
    names) is another object; otherwise the changed texts' nodes and edges are taken
    out and put in: nodes in their order, edges by their citing text (a graph's edges
    are ordered by citing text, then cited node, and one text's graph holds its own)."""

    def __init__(self) -> None:
        self.order: tuple[str, ...] = ()
        self.glossary: object = None
        self.graphs: dict[str, dict] = {}
        self.documents: dict[str, Document] = {}
        self.graph: dict = {}
        self.links: Links | None = None
        self.edge_groups: list[list[dict]] = []
        """The graph's edges, as the texts' lists of edges one after the other."""
        self.citers: dict[str, set[str]] = {}
        """A cited node's id → the slugs of the corpus texts citing it."""
        self.chosen: dict[str, dict] = {}
        """An outside node's id → the node the graph holds (its first citer's)."""
        self.named: dict[int, tuple[dict, Outside]] = {}
        """id(outside node) → (it, the outside text it is): kept while it is the same."""
        self.touched: set[str] = set()
        """The slugs and node ids whose lists of links ``_changed`` made again."""
        self.dirty: set[str] | None = None
        """The corpus texts (slugs) and outside texts (node ids) whose item in the
        graph's lists (``text_inputs``, ``outside_inputs``) the last update may have
        changed; None: any (the links were made whole)."""

    def update(
        self,
        documents: Sequence[Document],
        graphs: Sequence[dict],
        glossary: object,
        entry_title: EntryTitle,
    ) -> tuple[dict, Links]:
        """The graph of ``documents`` (``graphs``: each one's own, in the same order,
        as ``corpus.citation_graph([document])`` makes it) and its links."""
        order = tuple(document.slug for document in documents)
        texts = dict(zip(order, documents, strict=True))
        own = dict(zip(order, graphs, strict=True))
        changed = [
            slug
            for slug in order
            if own[slug] is not self.graphs.get(slug) or texts[slug] is not self.documents.get(slug)
        ]
        if (
            self.links is None
            or order != self.order
            or glossary is not self.glossary
            or any(texts[slug].date != self.documents[slug].date for slug in changed)
        ):
            self._whole(order, texts, own, entry_title)
            self.dirty = None
        elif changed:
            before = self.links
            self._changed(texts, own, changed, entry_title)
            self.dirty = _items_changed(before, self.links, changed, self.touched)
        else:
            self.dirty = set()
        self.order, self.glossary, self.graphs, self.documents = order, glossary, own, texts
        assert self.links is not None
        return self.graph, self.links

    def _whole(
        self,
        order: tuple[str, ...],
        texts: dict[str, Document],
        own: dict[str, dict],
        entry_title: EntryTitle,
    ) -> None:
        self.graph = merge_citation_graphs(own[slug] for slug in order)
        self.links = Links.of(self.graph, list(texts.values()), entry_title)
        self.edge_groups = [own[slug]["edges"] for slug in sorted(order)]
        self.citers = {}
        for slug, graph in own.items():
            for target in _cited(graph):
                self.citers.setdefault(target, set()).add(slug)
        self.chosen = {node["id"]: node for node in self.graph["nodes"] if not node["in_corpus"]}
        outside = self.links.outside
        self.named = {id(node): (node, outside[node_id]) for node_id, node in self.chosen.items()}

    def _changed(
        self,
        texts: dict[str, Document],
        own: dict[str, dict],
        changed: list[str],
        entry_title: EntryTitle,
    ) -> None:
        assert self.links is not None
        touched: set[str] = set()  # cited nodes whose citers may have changed
        for slug in changed:
            for target in _cited(self.graphs[slug]):
                self.citers[target].discard(slug)
                touched.add(target)
            for target in _cited(own[slug]):
                self.citers.setdefault(target, set()).add(slug)
                touched.add(target)
        # The nodes: each changed text's own, and the outside nodes whose first citer
        # (in corpus order) gives another node than before.
        out: set[int] = set()
        put: list[dict] = []
        for slug in changed:
            before, now = _own_node(self.graphs[slug]), _own_node(own[slug])
            if before is not now:
                out.add(id(before))
                put.append(now)
        position = {slug: number for number, slug in enumerate(self.order)}
        renamed: set[str] = set()  # outside texts whose node is another
        for target in touched:
            if target.startswith("doc:"):
                continue
            citers = self.citers.get(target)
            held = self.chosen.get(target)
            node: dict | None = None
            if citers:
                first = own[min(citers, key=position.__getitem__)]
                node = next(found for found in first["nodes"] if found["id"] == target)
            if node is held:
                continue
            renamed.add(target)
            if held is not None:
                out.add(id(held))
            if node is None:
                del self.chosen[target]
            else:
                self.chosen[target] = node
                put.append(node)
        nodes = self.graph["nodes"]
        if out or put:
            nodes = [node for node in nodes if id(node) not in out]
            for node in put:
                insort(nodes, node, key=node_order)
        self.edge_groups = [own[slug]["edges"] for slug in sorted(self.order)]
        edges = list(chain.from_iterable(self.edge_groups))
        self.graph = {"schema_version": GRAPH_SCHEMA_VERSION, "nodes": nodes, "edges": edges}
        outside: dict[str, Outside] = {}
        named: dict[int, tuple[dict, Outside]] = {}
        for node in nodes:
            if not node["in_corpus"]:
                found = self.named.get(id(node))
                if found is None or found[0] is not node:
                    found = (node, _outside(node, entry_title))
                named[id(node)] = found
                outside[node["id"]] = found[1]
        self.named = named
        links = self.links
        cites, cites_outside = dict(links.cites), dict(links.cites_outside)
        cited_by = dict(links.cited_by)
        for target in touched:
            key = target.removeprefix("doc:")
            _set_or_drop(cited_by, key, by_date(self.citers.get(target, ()), texts))
        again = set(changed)  # texts whose lists are made again
        for target in renamed:
            again |= self.citers.get(target, set())
        self.touched = {target.removeprefix("doc:") for target in touched} | again
        for slug in again:
            targets = list(_cited(own[slug]))
            corpus = [
                target.removeprefix("doc:") for target in targets if target.startswith("doc:")
            ]
            others = [target for target in targets if not target.startswith("doc:")]
            _set_or_drop(cites, slug, by_date(corpus, texts))
            _set_or_drop(cites_outside, slug, outside_order(others, outside))
        self.links = Links(texts, cites, cites_outside, cited_by, outside)


def _items_changed(
    before: Links | None, after: Links | None, changed: Iterable[str], touched: set[str]
) -> set[str] | None:
    """The texts and outside texts whose item in the graph's lists may differ between
    two links made by ``KeptGraph._changed`` for ``changed`` texts: the changed texts,
    those whose lists of links were made again (``touched``: among them every text a
    changed text cites or cited), and the texts citing a changed text, before or after
    (an item shows the names, with the titles, of the texts it cites and of those
    citing it)."""
    if before is None or after is None:
        return None
    dirty = set(touched)
    for slug in changed:
        dirty.add(slug)
        dirty.update(before.citers(slug))
        dirty.update(after.citers(slug))
    return dirty


def node_order(node: Mapping) -> tuple[str, str, str]:
    """Where a node goes in a graph's list (see ``corpus.graph_of``)."""
    return (node["group"], node["date"], node["id"])


def _cited(graph: Mapping) -> Iterator[str]:
    """What one text's graph says it cites: each edge's cited node, in the edges'
    order, but itself ("la présente résolution" is no link between texts)."""
    for edge in graph["edges"]:
        if edge["target"] != edge["source"]:
            yield edge["target"]


def _own_node(graph: Mapping) -> dict:
    """A text's own node in its graph."""
    return next(node for node in graph["nodes"] if node["in_corpus"])


def _set_or_drop(kept: dict[str, tuple[str, ...]], key: str, found: tuple[str, ...]) -> None:
    """``kept[key]`` set to ``found``, or removed when it is empty (as ``Links.of``
    lists only the texts that cite, and the nodes that are cited)."""
    if found:
        kept[key] = found
    else:
        kept.pop(key, None)


# --------------------------------------------------------------------------- the names


def text_name(document: Document) -> str:
    """A corpus text's short name: its symbol as a reader recognises it (``CND 62/1``),
    else its title; its language when it is not French (a translation shares the symbol)."""
    name = display_symbol(document.body, document.symbol) or short_name(document.title, 60)
    if document.lang != FRENCH:
        name += f" ({LANGUAGE_NAMES.get(document.lang, document.lang)})"
    return name


def text_title(document: Document) -> str:
    """A French title in French typography, as its page shows it."""
    return french(document.title) if document.lang == FRENCH else document.title


class _Page:
    """Addresses as seen from one page of the graph.  The way to the texts' folder and
    to the glossary's is worked out once: a page names tens of thousands of texts at
    10,000 (``posixpath.relpath`` for each took 5 of the 17 s of the graph's pages)."""

    def __init__(self, path: str, folders: Folders) -> None:
        self.path = path
        self.folders = folders
        self.to_texts = relative_url(text_path(folders.texts, "x"), path).removesuffix("x.html")
        self.to_glossary = relative_url(f"{folders.glossary}/x.md", path).removesuffix("x.html")

    def text(self, slug: str, anchor: str = "") -> str:
        return f"{self.to_texts}{slug}.html" + (f"#{anchor}" if anchor else "")

    def entry(self, entry_id: str) -> str:
        return f"{self.to_glossary}{entry_id}.html"

    def to(self, path: str) -> str:
        return relative_url(path, self.path)


def _corpus_name(document: Document, page: _Page, made: dict[tuple[str, str], str]) -> str:
    """A corpus text in a list of names, made once for each folder (``made``): a text
    is named under every text it cites or that cites it."""
    key = (f"doc:{document.slug}", page.to_texts)
    if key not in made:
        whole = f"{text_name(document)} — {text_title(document)}"
        made[key] = (
            f'<li><a href="{attribute(page.text(document.slug))}" title="{attribute(whole)}">'
            f"{escape(text_name(document))}</a></li>"
        )
    return made[key]


def _outside_link(text: Outside, page: _Page, shown: str) -> str:
    """A link to an outside text: its glossary entry, else its official address
    (marked as needing the network), else its name alone."""
    if text.entry:
        return f'<a href="{attribute(page.entry(text.entry))}">{shown}</a>'
    if text.url:
        return (
            f'<a class="ra-external" href="{attribute(text.url)}" rel="external" '
            f'title="{attribute(f"{text.full_name} ({NETWORK_NOTE})")}">{shown}'
            f'<span class="ra-visually-hidden"> ({escape(NETWORK_NOTE)})</span>'
            '<span class="ra-external__mark" aria-hidden="true">↗</span></a>'
        )
    return shown


def _outside_name(text: Outside, page: _Page, made: dict[tuple[str, str], str]) -> str:
    """An outside text in a list of names, made once for each folder (``made``)."""
    key = (text.node_id, page.to_glossary)
    if key not in made:
        shown = escape(short_name(text.name, 80))
        whole = f' title="{attribute(text.full_name)}"' if not text.url or text.entry else ""
        made[key] = f"<li{whole}>{_outside_link(text, page, shown)}</li>"
    return made[key]


def _names(items: list[str], total: int, more: str) -> str:
    """A list of names, NAMES_SHOWN at most, and how many more with a link ``more``."""
    shown = "".join(items[:NAMES_SHOWN])
    if total > NAMES_SHOWN:
        shown += (
            f'<li class="ra-graphe-plus"><a href="{attribute(more)}">et '
            f"{plural(total - NAMES_SHOWN, 'autre')}</a></li>"
        )
    return f'<ul class="ra-graphe-noms">{shown}</ul>'


def _direction(label: str, count: int, names: str, none: str) -> str:
    if not count:
        return (
            f'<p class="ra-graphe-sens"><span class="ra-graphe-sens__nom">{escape(label)}'
            f"</span> {escape(none)}</p>"
        )
    return (
        f'<div class="ra-graphe-sens"><span class="ra-graphe-sens__nom">{escape(label)} '
        f"({count})</span> {names}</div>"
    )


def _symbol_and_title(document: Document, href: str, limit: int) -> str:
    """A link to a corpus text: its symbol (when it has one) and its title, cut at
    ``limit`` characters (the whole title is the link's title)."""
    whole = text_title(document)
    title = short_name(whole, limit)
    title_attribute = f' title="{attribute(whole)}"' if title != whole else ""
    symbol = (
        f'<span class="ra-listing-symbol">{escape(text_name(document))}</span> '
        if document.symbol
        else ""
    )
    return (
        f'<a href="{attribute(href)}"{title_attribute}>{symbol}'
        f'<span class="ra-listing-title"{lang_attribute(document.lang)}>{escape(title)}</span></a>'
    )


def _heading_line(document: Document, page: _Page) -> str:
    return (
        f'<p class="ra-graphe-titre">{_symbol_and_title(document, page.text(document.slug), 160)}'
        f' <span class="ra-listing-about"><time datetime="{attribute(document.date)}">'
        f"{escape(french_date(document.date))}</time></span></p>"
    )


def text_item(slug: str, page: _Page, links: Links) -> str:
    """One corpus text: its name and date, what it cites (the corpus's texts first,
    then the others), what in the corpus cites it."""
    document = links.texts[slug]
    cited = [
        _corpus_name(links.texts[other], page, links.names) for other in links.cites.get(slug, ())
    ]
    cited += [
        _outside_name(links.outside[node], page, links.names)
        for node in links.cites_outside.get(slug, ())
    ]
    citing = [_corpus_name(links.texts[other], page, links.names) for other in links.citers(slug)]
    return (
        f'<li class="ra-graphe-texte">{_heading_line(document, page)}'
        + _direction(
            "Cite",
            len(cited),
            _names(cited, len(cited), page.text(slug, "textes-lies")),
            "aucun texte identifié",
        )
        + _direction(
            "Cité par",
            len(citing),
            _names(citing, len(citing), page.text(slug, "cite-par")),
            "aucun texte du corpus",
        )
        + "</li>"
    )


def outside_item(node_id: str, page: _Page, links: Links) -> str:
    """One text outside the corpus: its name, where it leads, its group and date, how
    many corpus texts cite it and the most recent of them."""
    text = links.outside[node_id]
    citers = links.citers(node_id)
    about = [GROUP_LABELS.get(text.group, text.group)]
    if text.date:
        about.append(french_date(text.date))
    name = escape(short_name(text.full_name, 200))
    shown = [
        _corpus_name(links.texts[slug], page, links.names)
        for slug in reversed(citers[-CITERS_SHOWN:])
    ]
    rest = len(citers) - len(shown)
    more = ""
    if rest and text.entry:
        more = (
            f'<li class="ra-graphe-plus"><a href="{attribute(page.entry(text.entry))}">et '
            f"{plural(rest, 'autre')} (la fiche les liste tous)</a></li>"
        )
    elif rest:
        more = f'<li class="ra-graphe-plus">et {plural(rest, "autre")}</li>'
    listed = f'<ul class="ra-graphe-noms">{"".join(shown)}{more}</ul>'
    label = "Cité par" if not rest else "Cité par, les plus récents d’abord"
    return (
        f'<li class="ra-graphe-texte"><p class="ra-graphe-titre">'
        f"{_outside_link(text, page, f'<span class=ra-listing-symbol>{name}</span>')} "
        f'<span class="ra-listing-about">{escape(" · ".join(about))}</span></p>'
        + _direction(label if citers else "Cité par", len(citers), listed, "aucun texte")
        + "</li>"
    )


# --------------------------------------------------------------------------- the pages


def pack(items: Sequence[str], budget: int = PART_BYTES, most: int = PART_TEXTS) -> list[list[str]]:
    """``items`` (HTML) in order, cut into pages of at most ``budget`` bytes and ``most``
    items; an item larger than ``budget`` makes a page of its own."""
    pages: list[list[str]] = [[]]
    size = 0
    for item in items:
        weight = len(item.encode("utf-8"))
        if pages[-1] and (size + weight > budget or len(pages[-1]) >= most):
            pages.append([])
            size = 0
        pages[-1].append(item)
        size += weight
    return pages


def _listing(items: Iterable[str]) -> str:
    return f'<ul class="ra-graphe">{"".join(items)}</ul>'


def _count(number: int, noun: str) -> str:
    """``1 977 liens``: French groups a number's digits by three, with a narrow
    no-break space."""
    return plural(number, noun).replace(str(number), f"{number:,}".replace(",", "\u202f"), 1)


def _intro(page: _Page, links: Links) -> list[str]:
    data = page.to(GRAPH_DATA)
    between = sum(len(found) for found in links.cites.values())
    outside_links = sum(len(found) for found in links.cites_outside.values())
    return [
        '<p class="ra-graphe-intro">Pour chaque texte du corpus, rangé par organe et par '
        "année : les textes qu’il cite et les textes du corpus qui le citent. Les textes "
        "hors corpus renvoient à leur fiche du glossaire ou à leur adresse officielle. "
        f'Le graphe est aussi publié en JSON, pour un logiciel de graphes : <a href="{data}" '
        f"download>{posixpath.basename(GRAPH_DATA)}</a>.</p>",
        "",
        f'<p class="ra-count">{_count(len(links.texts), "texte")} du corpus, '
        f"{_count(len(links.outside), 'texte')} hors corpus "
        f"{'cités' if len(links.outside) > 1 else 'cité'} ; "
        f"{_count(between, 'lien')} entre textes du corpus, "
        f"{_count(outside_links, 'lien')} vers des textes hors corpus.</p>",
        "",
    ]


def _most_cited(links: Links, page: _Page) -> list[str]:
    slugs = links.most_cited(MOST_CITED)
    if not slugs:
        return []
    items = []
    for slug in slugs:
        document = links.texts[slug]
        count = len(links.citers(slug))
        items.append(
            f"<li>{_symbol_and_title(document, page.text(slug, 'cite-par'), 120)} "
            f'<span class="ra-listing-about">cité par {plural(count, "texte")} du corpus'
            "</span></li>"
        )
    return [
        "## Les textes du corpus les plus cités",
        "",
        f'<ol class="ra-listing ra-graphe-cites">{"".join(items)}</ol>',
        "",
    ]


def _by_body_and_year(documents: Iterable[Document]) -> dict[str, dict[str, list[str]]]:
    """Slugs by body (in ``BODIES``'s order, then others) and year (most recent first),
    in date order within a year."""
    order = {body: index for index, body in enumerate(BODIES)}
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for document in sorted(
        documents, key=lambda d: (order.get(d.body, len(order)), d.body, d.date, d.symbol, d.slug)
    ):
        grouped[document.body][document.date[:4]].append(document.slug)
    return {body: dict(sorted(years.items(), reverse=True)) for body, years in grouped.items()}


def _outside_order(links: Links) -> list[str]:
    """Outside texts, the most cited first, then by name."""
    ids = sorted(links.outside, key=lambda node_id: links.outside[node_id].name.casefold())
    return sorted(ids, key=lambda node_id: len(links.citers(node_id)), reverse=True)


def graph_pages(
    graph: dict,
    documents: Sequence[Document],
    folders: Folders,
    made: Made | None = None,
    entry_title: EntryTitle | None = None,
    links: Links | None = None,
    dirty: set[str] | None = None,
) -> list[SitePage]:
    """The citation graph's page (``<texts>/citations.md``) first, then its other pages
    if the lists do not fit on it.  ``entry_title`` names the glossary's instruments;
    ``made`` keeps the pages between the rebuilds of a preview; ``links``, the graph's
    (``Links.of``) when the caller has them, and ``dirty`` the texts and outside texts
    whose items may have changed since the last build (``KeptGraph.dirty``; None: any)."""
    if links is None:
        links = Links.of(graph, documents, entry_title or (lambda entry_id: ""))
        dirty = None
    return _graph_pages(links, documents, folders, made, dirty)


def _graph_pages(
    links: Links,
    documents: Sequence[Document],
    folders: Folders,
    made: Made | None,
    dirty: set[str] | None = None,
) -> list[SitePage]:
    made = made or Made()
    main = f"{folders.texts}/citations.md"
    grouped = _by_body_and_year(documents)
    outside = _outside_order(links)
    # A preview: a list whose texts, order and neighbours are as in the last build and
    # none of whose items is dirty is the last build's, its items' inputs not even made
    # (at 10,000 texts, every text's inputs made and compared were a twentieth of a
    # rebuild).
    same_lists = made.unchanged("graph-lists", (grouped, main, folders)) and dirty is not None
    dirty_lists: set[tuple[str, str]] = set()
    for key in dirty or ():
        document = links.texts.get(key)
        if document is not None:
            dirty_lists.add((document.body, document.date[:4]))
    same_outside = (
        made.unchanged("graph-outside", (outside, main, folders))
        and dirty is not None
        and not any(key in links.outside for key in dirty)
    )
    home = _Page(main, folders)
    head = [f"# {HEADING}", "", *_intro(home, links), *_most_cited(links, home)]

    lines = list(head)
    pages: list[SitePage] = []
    inline = _inline_lists(grouped, links, home) if len(documents) <= PART_TEXTS else None
    if inline is not None:
        lines += inline
    else:
        lines += ["## Par organe et par année", ""]
        folder = f"{folders.texts}/citations"
        for body, years in grouped.items():
            name = BODIES.get(body, body)
            counts = Counter({year: len(slugs) for year, slugs in years.items()})
            link = partial(_year_link, home, f"{folder}/{body}")
            lines += [f"### {heading_text(name)}", "", years_list(counts, link), ""]
            ordered = list(years)
            for index, (year, slugs) in enumerate(years.items()):
                # The body's years on either side (most recent first: the next is older).
                around = [
                    (f"{folder}/{body}/{other}.md", words)
                    for at, words in (
                        (index + 1, "Année précédente"),
                        (index - 1, "Année suivante"),
                    )
                    if 0 <= at < len(ordered)
                    for other in [ordered[at]]
                ]
                path = f"{folder}/{body}/{year}.md"
                if same_lists and (body, year) not in dirty_lists:
                    carried = made.carried(f"graph-list:{path}")
                    if carried is not None:
                        pages += carried
                        continue
                pages += _kept_part_pages(
                    made,
                    [text_inputs(slug, links) for slug in slugs],
                    path,
                    f"{name}, {year} : les citations",
                    slugs,
                    partial(text_item, links=links),
                    main,
                    folders,
                    around,
                )
    if outside:
        first = f"{folders.texts}/citations/{OUTSIDE}.md"
        lines += [
            "## Textes hors corpus cités",
            "",
            f'<p><a href="{home.to(first)}">Les {plural(len(outside), "texte")} hors corpus '
            "que cite le corpus</a>, les plus cités d’abord.</p>",
            "",
        ]
        carried = made.carried(f"graph-list:{first}") if same_outside else None
        pages += (
            carried
            if carried is not None
            else _kept_part_pages(
                made,
                [outside_inputs(node_id, links) for node_id in outside],
                first,
                "Textes hors corpus cités",
                outside,
                partial(outside_item, links=links),
                main,
                folders,
            )
        )
    return [SitePage(main, excluded_from_search("\n".join(lines))), *pages]


def _year_link(page: _Page, folder: str, year: str) -> str:
    return page.to(f"{folder}/{year}.md")


def _inline_lists(
    grouped: Mapping[str, Mapping[str, list[str]]], links: Links, page: _Page
) -> list[str] | None:
    """Every text's list on the graph's own page, under a heading per body and per
    year; None when they would take more than PART_BYTES."""
    lines: list[str] = []
    size = 0
    for body, years in grouped.items():
        lines += [f"## {heading_text(BODIES.get(body, body))}", ""]
        for year, slugs in years.items():
            listing = _listing(text_item(slug, page, links) for slug in slugs)
            size += len(listing.encode("utf-8"))
            lines += [f"### {year}", "", listing, ""]
    return lines if size <= PART_BYTES else None


def text_inputs(slug: str, links: Links) -> tuple:
    """What ``text_item`` makes a text's item from: the text, the texts it cites and
    that cite it (their names), the outside texts it cites."""
    texts = links.texts
    return (
        texts[slug],
        tuple(texts[other] for other in links.cites.get(slug, ())),
        tuple(links.outside[node] for node in links.cites_outside.get(slug, ())),
        tuple(texts[other] for other in links.citers(slug)),
    )


def outside_inputs(node_id: str, links: Links) -> tuple:
    """What ``outside_item`` makes an outside text's item from."""
    return (links.outside[node_id], tuple(links.texts[slug] for slug in links.citers(node_id)))


def _kept_part_pages(
    made: Made,
    inputs: list[tuple],
    path: str,
    title: str,
    keys: Sequence[str],
    item: Callable[[str, _Page], str],
    main: str,
    folders: Folders,
    around: Sequence[tuple[str, str]] = (),
) -> list[SitePage]:
    """``_part_pages``, made again in a preview's rebuild only when what its items are
    made from (``inputs``, an item's each) has changed: an edit changes a few lists,
    and making every list again took a tenth of a rebuild at 1,000 texts."""
    return made.get(
        f"graph-list:{path}",
        (title, tuple(keys), inputs, main, folders, tuple(around)),
        partial(_part_pages, path, title, keys, item, main, folders, around),
    )


def _part_pages(
    path: str,
    title: str,
    keys: Sequence[str],
    item: Callable[[str, _Page], str],
    main: str,
    folders: Folders,
    around: Sequence[tuple[str, str]] = (),
) -> list[SitePage]:
    """One list over as many pages as PART_BYTES and PART_TEXTS make it: ``path`` is
    the first's, the next end in ``-2``, ``-3``…  The items are made for the first
    page's folder, which every page of the list shares.  ``around``: links to other
    lists, as (path, words), beside the link to the graph's page."""
    here = _Page(path, folders)
    chunks = pack([item(key, here) for key in keys])
    stem = path.removesuffix(".md")
    paths = [path] + [f"{stem}-{number}.md" for number in range(2, len(chunks) + 1)]
    pages = []
    for index, (page_path, chunk) in enumerate(zip(paths, chunks, strict=True)):
        heading = title if len(chunks) == 1 else f"{title} (page {index + 1} sur {len(chunks)})"
        nav = pager(paths, index, f"Pages de la liste « {title} »")
        others = [(main, HEADING), *around]
        back = (
            '<p class="ra-count">'
            + " · ".join(
                f'<a href="{relative_url(target, page_path)}">{escape(words)}</a>'
                for target, words in others
            )
            + "</p>"
        )
        lines = [f"# {heading_text(heading)}", "", back, ""]
        lines += [nav, "", _listing(chunk), "", nav, ""] if nav else [_listing(chunk), ""]
        pages.append(SitePage(page_path, excluded_from_search("\n".join(lines))))
    return pages
