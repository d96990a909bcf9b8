"""A text's connections with the rest of the corpus, on its own page.

Two views, both plain HTML made at build time (no script needed, readable on a phone):

- **per paragraph**: the corpus texts a paragraph (or one of its items) cites, and the
  passages of other texts that cite that paragraph by its number.  A paragraph with
  any shows a small count in the margin (``paragraph_marker``), a link to its entry in
  the list "Liens par paragraphe" (``render_paragraph_list``); ra.js opens that entry
  in a small popover instead;
- **the neighbourhood** (``render_neighbourhood``): every text this one cites (in the
  corpus or not) and every corpus text that cites it, one hop, named by symbol and
  short title, never by an internal key.

Everything is escaped; names come from the texts' metadata, the citations' labels and
the glossary's titles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from .. import ids
from ..corpus import CitedBy, citation_graph, short_label
from ..model import Citation, Document, Item, Paragraph
from .citation_graph import GROUP_LABELS
from .inline import attribute, escape
from .markdown import LANGUAGE_NAMES, SITE_LANGUAGE
from .official import NETWORK_NOTE
from .pages import display_symbol

DocumentUrl = Callable[[str, str], str]
"""``(slug, anchor)`` → the address of a corpus text's page (at its paragraph)."""


@dataclass(frozen=True)
class CorpusText:
    """What a page says of another corpus text: its symbol, title and language."""

    symbol: str
    title: str
    lang: str = SITE_LANGUAGE

    @classmethod
    def of(cls, document: Document) -> CorpusText:
        return cls(display_symbol(document.body, document.symbol), document.title, document.lang)

    def name(self) -> str:
        """Symbol and title (``A/RES/62/176 — Coopération…``), or the title alone;
        the language when it is not the site's (a text and its translation share a
        symbol)."""
        name = f"{self.symbol} — {self.title}" if self.symbol else self.title
        if self.lang != SITE_LANGUAGE:
            name += f" ({LANGUAGE_NAMES.get(self.lang, self.lang)})"
        return name


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    lang: str = SITE_LANGUAGE
    """The language of the label's words (an English text's excerpt or title)."""


@dataclass(frozen=True)
class ParagraphLinks:
    """A paragraph's connections: the corpus texts it cites, the passages citing it."""

    paragraph_id: str
    label: str
    cites: tuple[Link, ...] = ()
    cited_by: tuple[Link, ...] = ()

    @property
    def count(self) -> int:
        return len(self.cites) + len(self.cited_by)

    @property
    def list_id(self) -> str:
        return f"liens-{self.paragraph_id}"


def _corpus_targets(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(slug, anchor) of each corpus text the paragraph or its items cite, in reading
    order, each once."""
    found: dict[tuple[str, str], None] = {}
    for block in (paragraph, *_items(paragraph.items)):
        for span in block.spans:
            if isinstance(span, Citation) and span.target.startswith("doc:"):
                slug, _, anchor = span.target.removeprefix("doc:").partition("#")
                found.setdefault((slug, anchor), None)
    return list(found)


def citing_name(row: CitedBy) -> str:
    """A citing passage as the lists name it: ``A/RES/78/284, alinéa 4 du préambule``."""
    name = display_symbol(row.body, row.symbol) or row.title or row.slug
    if row.lang != SITE_LANGUAGE:
        name += f" ({LANGUAGE_NAMES.get(row.lang, row.lang)})"
    return f"{name}, {ids.label(row.block_id)}"


def paragraph_links(
    document: Document,
    rows: Iterable[CitedBy],
    texts: Mapping[str, CorpusText],
    document_url: DocumentUrl,
) -> dict[str, ParagraphLinks]:
    """Paragraph id → its connections, for the paragraphs that have any.  ``rows``: the
    text's "Cité par" rows (a row counts for a paragraph when it names it or one of its
    items); ``texts``: the corpus texts by slug, to name what the paragraph cites."""
    # The resolution's paragraphs and its annexes' (an article's paragraphs included).
    paragraphs = [*document.paragraphs]
    paragraphs += [paragraph for annex in document.annexes for paragraph in annex.paragraphs()]
    owner = {}
    for paragraph in paragraphs:
        owner[paragraph.id] = paragraph.id
        owner.update((item.id, paragraph.id) for item in _items(paragraph.items))
    citing: dict[str, list[Link]] = {}
    for row in rows:
        paragraph_id = owner.get(row.cited_anchor)
        if paragraph_id is not None:
            link = Link(citing_name(row), document_url(row.slug, row.block_id))
            citing.setdefault(paragraph_id, []).append(link)
    found: dict[str, ParagraphLinks] = {}
    for paragraph in paragraphs:
        cites = []
        for slug, anchor in _corpus_targets(paragraph):
            text = texts.get(slug)
            name = text.name() if text else slug
            if anchor:
                name += f", {ids.label(anchor)}"
            cites.append(Link(name, document_url(slug, anchor)))
        links = ParagraphLinks(
            paragraph.id,
            ids.label(paragraph.id),
            tuple(cites),
            tuple(citing.get(paragraph.id, ())),
        )
        if links.count:
            found[paragraph.id] = links
    return found


def _items(items: Iterable[Item]) -> Iterator[Item]:
    """Items and their sub-items (an annex's (a)/(i)), in reading order."""
    for item in items:
        yield item
        yield from _items(item.items)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def paragraph_marker(links: ParagraphLinks | None) -> str:
    """The count in the paragraph's margin: a link to its entry in the list (a
    popover, with ra.js).  Its words say what it counts; the arrows are for the eye."""
    if links is None:
        return ""
    said = [links.label]
    if links.cites:
        # One per text and paragraph named: "renvois", as a text may be named twice.
        said.append(f"{_plural(len(links.cites), 'renvoi', 'renvois')} au corpus")
    if links.cited_by:
        said.append(f"cité par {_plural(len(links.cited_by), 'passage', 'passages')}")
    sentence = ", ".join(said)
    # French typography: a no-break space before the colon.
    words = f" {'lien' if links.count == 1 else 'liens'}\u00a0: {sentence}"
    return (
        f'<a class="ra-links" href="#{links.list_id}" data-ra-links="{links.list_id}" '
        f'lang="{SITE_LANGUAGE}" title="{attribute(sentence[0].upper() + sentence[1:])}">'
        f'<span class="ra-links__mark" aria-hidden="true">⇄</span>{links.count}'
        f'<span class="ra-visually-hidden">{escape(words)}</span></a>'
    )


def _link(link: Link) -> str:
    lang = f' lang="{attribute(link.lang)}"' if link.lang != SITE_LANGUAGE else ""
    return f'<a href="{attribute(link.href)}"{lang}>{escape(link.label)}</a>'


def render_paragraph_list(links: Mapping[str, ParagraphLinks]) -> str:
    """The section "Liens par paragraphe": one entry per connected paragraph, the
    target of its margin count.  Empty when no paragraph is connected."""
    if not links:
        return ""
    entries = []
    for item in links.values():
        parts = []
        if item.cites:
            parts.append(
                '<span class="ra-links-list__kind">Cite&nbsp;:</span> '
                + ", ".join(_link(link) for link in item.cites)
            )
        if item.cited_by:
            parts.append(
                '<span class="ra-links-list__kind">Cité par&nbsp;:</span> '
                + ", ".join(_link(link) for link in item.cited_by)
            )
        entries.append(
            f'<li id="{item.list_id}" class="ra-links-list__entry">'
            f'<a class="ra-links-list__paragraph" href="#{item.paragraph_id}">'
            f"{escape(item.label[0].upper() + item.label[1:])}</a>"
            f'<ul class="ra-links-list__links">'
            + "".join(f"<li>{part}</li>" for part in parts)
            + "</ul></li>"
        )
    return (
        "## Liens par paragraphe {#liens}\n\n"
        # The names are the citing texts' and the cited ones': searched on their pages.
        f'<ul class="ra-links-list" data-search-exclude>{"".join(entries)}</ul>\n'
    )


# --------------------------------------------------------------------------- neighbourhood


@dataclass(frozen=True)
class Neighbour:
    """A text one hop away: its name, where it leads, whether that is outside."""

    name: str
    href: str
    group: str
    date: str
    in_corpus: bool
    lang: str = SITE_LANGUAGE

    @property
    def external(self) -> bool:
        return self.href.startswith(("https://", "http://"))


def cited_neighbours(
    graph: Mapping,
    texts: Mapping[str, CorpusText],
    document_url: DocumentUrl,
    entry_url: Callable[[str], str],
) -> list[Neighbour]:
    """What a text cites, one hop: ``graph`` is ``corpus.citation_graph`` of the text
    alone (with the glossary's titles), ``texts`` names the corpus texts it cites."""
    nodes = {node["id"]: node for node in graph["nodes"]}
    found = []
    for edge in graph["edges"]:
        target = edge["target"]
        node = nodes.get(target, {})
        if target.startswith("doc:"):
            slug = target.removeprefix("doc:")
            text = texts.get(slug)
            found.append(
                Neighbour(
                    text.name() if text else slug,
                    document_url(slug, ""),
                    "corpus",
                    "",
                    True,
                    text.lang if text else SITE_LANGUAGE,
                )
            )
            continue
        symbol = str(node.get("symbol") or "")
        label = str(node.get("label") or "")
        short = str(node.get("short") or short_label(target))
        if node.get("entry"):
            name, href = label or short, entry_url(str(node["entry"]))
        else:
            # "A/RES/61/183 — Résolution 61/183 de l’Assemblée générale…"
            shown = symbol or short
            name = f"{shown} — {label}" if label and label != shown else shown
            href = str(node.get("url") or "")
        found.append(
            Neighbour(
                name, href, str(node.get("group") or "other"), str(node.get("date") or ""), False
            )
        )
    return found


def citing_neighbours(
    rows: Iterable[CitedBy], texts: Mapping[str, CorpusText], document_url: DocumentUrl
) -> list[Neighbour]:
    """The corpus texts that cite this one, each once, in the rows' order (by date)."""
    found: dict[str, Neighbour] = {}
    for row in rows:
        if row.slug in found:
            continue
        text = texts.get(row.slug) or CorpusText(
            display_symbol(row.body, row.symbol), row.title, row.lang
        )
        found[row.slug] = Neighbour(
            text.name(), document_url(row.slug, ""), row.body, row.date, True, text.lang
        )
    return list(found.values())


SHORT_NAME = 90
"""Characters of a name shown in "Textes liés" (a title runs to 300): the whole name
is the link's title."""


def short_name(name: str, limit: int = SHORT_NAME) -> str:
    """``name`` cut at the last word that fits in ``limit`` characters, "…" after."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:—-") + "…"


def _neighbour_item(neighbour: Neighbour) -> str:
    lang = f' lang="{attribute(neighbour.lang)}"' if neighbour.lang != SITE_LANGUAGE else ""
    name = escape(short_name(neighbour.name))
    whole = (
        f' title="{attribute(neighbour.name)}"'
        if short_name(neighbour.name) != neighbour.name
        else ""
    )
    if not neighbour.href:
        return f'<li class="ra-voisin ra-voisin--sans-adresse"{lang}{whole}>{name}</li>'
    if neighbour.external:
        return (
            f'<li class="ra-voisin"><a class="ra-external" href="{attribute(neighbour.href)}" '
            f'rel="external" title="{attribute(f"{neighbour.name} ({NETWORK_NOTE})")}"{lang}>'
            f"{name}"
            f'<span class="ra-visually-hidden"> ({escape(NETWORK_NOTE)})</span>'
            '<span class="ra-external__mark" aria-hidden="true">↗</span></a></li>'
        )
    css = "ra-voisin ra-voisin--corpus" if neighbour.in_corpus else "ra-voisin"
    return f'<li class="{css}"><a href="{attribute(neighbour.href)}"{lang}{whole}>{name}</a></li>'


_GROUP_ORDER = ("corpus", *GROUP_LABELS)


def _grouped(neighbours: Sequence[Neighbour]) -> str:
    """The texts by kind (the corpus's own first, then by body, the treaties last),
    each kind in date order."""
    order = {group: index for index, group in enumerate(_GROUP_ORDER)}
    groups: dict[str, list[Neighbour]] = {}
    for neighbour in sorted(
        neighbours, key=lambda n: (order.get(n.group, len(order)), n.date, n.name)
    ):
        groups.setdefault(neighbour.group, []).append(neighbour)
    out = []
    for group, members in groups.items():
        label = "Textes du corpus" if group == "corpus" else GROUP_LABELS.get(group, group)
        out.append(
            f'<li class="ra-voisins__groupe"><span class="ra-voisins__organe">{escape(label)}'
            f"</span>"
            f"<ul>{''.join(_neighbour_item(n) for n in members)}</ul></li>"
        )
    return f'<ul class="ra-voisins__liste">{"".join(out)}</ul>'


def render_neighbourhood(cited: Sequence[Neighbour], citing: Sequence[Neighbour]) -> str:
    """The section "Textes liés": what the text cites, what cites it (one hop)."""
    cites = (
        _grouped(cited)
        if cited
        else '<p class="ra-voisins__aucun">Ce texte ne cite aucun texte identifié.</p>'
    )
    cited_by = (
        f'<ul class="ra-voisins__liste">{"".join(_neighbour_item(n) for n in citing)}</ul>'
        if citing
        # Not the words of "Cité par" below, which says the same at more length.
        else '<p class="ra-voisins__aucun">Aucun texte du corpus ne le cite.</p>'
    )
    return (
        "## Textes liés {#textes-lies}\n\n"
        '<div class="ra-voisins" data-search-exclude>'
        f'<section class="ra-voisins__cote" aria-labelledby="voisins-cite">'
        f'<h3 id="voisins-cite">Ce texte cite ({len(cited)})</h3>{cites}</section>'
        f'<section class="ra-voisins__cote" aria-labelledby="voisins-cite-par">'
        f'<h3 id="voisins-cite-par">Textes qui le citent ({len(citing)})</h3>{cited_by}'
        "</section></div>\n"
    )


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class Connections:
    """What a text's page shows of its connections: each connected paragraph's margin
    count (paragraph id → HTML) and the sections "Textes liés" and "Liens par
    paragraphe" (Markdown with HTML blocks, put before "Cité par")."""

    markers: Mapping[str, str]
    sections: str


def cited_slugs(document: Document) -> set[str]:
    """The corpus texts a text cites anywhere (its notes included)."""
    return {
        span.target.removeprefix("doc:").partition("#")[0]
        for _, block in document.blocks() + [(n.number, n.text) for n in document.footnotes]
        for span in block.spans
        if isinstance(span, Citation) and span.target.startswith("doc:")
    }


def connections_of(
    document: Document,
    rows: Sequence[CitedBy],
    texts: Mapping[str, CorpusText],
    entry_title: Callable[[str], str],
    document_url: DocumentUrl,
    entry_url: Callable[[str], str],
) -> Connections:
    """A text's connections, from its own citations, its "Cité par" rows, the corpus
    texts it names (``texts``, by slug) and the glossary's titles (``entry_title``)."""
    links = paragraph_links(document, rows, texts, document_url)
    graph = citation_graph([document], entry_title)
    neighbourhood = render_neighbourhood(
        cited_neighbours(graph, texts, document_url, entry_url),
        citing_neighbours(rows, texts, document_url),
    )
    return Connections(
        {paragraph_id: paragraph_marker(item) for paragraph_id, item in links.items()},
        neighbourhood + "\n" + render_paragraph_list(links),
    )
