"""The pages a reader browses the texts with: « Les textes » (by body and by year), one
page per body, one per body and year, one per year, and the corpus on the home page.

Every page stays small whatever the size of the corpus: a listing holds at most
``PAGE_SIZE`` texts and goes on over numbered pages (``annee/2007.md``,
``annee/2007-2.md``…); a body's page lists its years and its latest texts; the home
page gives the counts and the ``LATEST`` most recent texts.  The hub grows with the
number of bodies and years only (a few hundred links for eighty years of five bodies).

Pure functions of the documents: they return Markdown (with raw HTML blocks) and the
source path of each page (``textes/organe/ag.md``); links are relative to the page,
computed from site paths as MkDocs writes them with ``use_directory_urls: false``."""

from __future__ import annotations

import math
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..load import BODIES
from ..model import Document
from .inline import attribute, escape
from .markdown import LANGUAGE_NAMES, french_date, heading_text, lang_attribute

__all__ = [
    "LATEST",
    "PAGE_SIZE",
    "BrowsePage",
    "browse_pages",
    "home_corpus",
    "listing_order",
    "plural",
]

PAGE_SIZE = 100
"""Texts on one listing page: about 45 kB of HTML with the theme around it."""
LATEST = 10
"""The most recent texts shown on the home page and on each body's page."""


@dataclass(frozen=True)
class BrowsePage:
    """A generated page: its Markdown source path in the site (``textes/annee/2007.md``)
    and its content."""

    src_uri: str
    markdown: str


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count > 1 else ''}"


def listing_order(documents: Iterable[Document]) -> list[Document]:
    """Most recent first; texts of the same date by symbol."""
    by_symbol = sorted(documents, key=lambda document: (document.symbol, document.slug))
    return sorted(by_symbol, key=lambda document: document.date, reverse=True)


def page_url(src_uri: str) -> str:
    """The site path MkDocs gives a Markdown page (``use_directory_urls: false``)."""
    return src_uri.removesuffix(".md") + ".html"


def relative(target: str, page: str) -> str:
    """The link from the page at site path ``page`` to the site path ``target``."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _front_matter() -> list[str]:
    # Listings are left out of search: the texts themselves are found there.
    return ["---", "search:", "  exclude: true", "---", ""]


def render_listing(
    documents: Sequence[Document],
    page: str,
    text_url: Callable[[str], str],
    *,
    with_body: bool,
    start: int = 1,
) -> str:
    """``documents`` (already in order) as a numbered list, one raw HTML block: each
    text's symbol and title as one link, then its body (when ``with_body``) and date.
    ``start`` is the rank of the first (a listing's second page starts at 101)."""
    items = []
    for document in documents:
        url = attribute(relative(text_url(document.slug), page))
        name = []
        if document.symbol:
            symbol = escape(document.symbol)
            if document.lang != "fr":
                # The French and English versions of one symbol are two entries.
                language = escape(LANGUAGE_NAMES.get(document.lang, document.lang))
                symbol += f' <span class="ra-lang-tag">({language})</span>'
            name.append(f'<span class="ra-listing-symbol">{symbol}</span>')
        title_lang = lang_attribute(document.lang)
        name.append(f'<span class="ra-listing-title"{title_lang}>{escape(document.title)}</span>')
        about = [escape(BODIES.get(document.body, document.body))] if with_body else []
        about.append(
            f'<time datetime="{attribute(document.date)}">'
            f"{escape(french_date(document.date))}</time>"
        )
        items.append(
            f'<li><a href="{url}">{" ".join(name)}</a> '
            f'<span class="ra-listing-about">{" · ".join(about)}</span></li>'
        )
    first = f' start="{start}"' if start != 1 else ""
    return f'<ol class="ra-listing"{first}>{"".join(items)}</ol>'


def _pager(pages: Sequence[str], current: int, label: str) -> str:
    """Links to every page of one listing (``pages``: their site paths), the current
    one marked; nothing when the listing fits on one page."""
    if len(pages) < 2:
        return ""
    here = pages[current]
    links = []
    for index, target in enumerate(pages):
        mark = ' aria-current="page"' if index == current else ""
        links.append(
            f'<li><a{mark} href="{attribute(relative(target, here))}">{index + 1}</a></li>'
        )
    return (
        f'<nav class="ra-pager" aria-label="{attribute(label)}">'
        f'<span class="ra-pager-label">Pages :</span> <ol>{"".join(links)}</ol></nav>'
    )


def _paged_listing(
    base: str,
    title: str,
    documents: Sequence[Document],
    text_url: Callable[[str], str],
    back: list[tuple[str, str]],
    *,
    with_body: bool,
) -> list[BrowsePage]:
    """One listing over as many pages as it takes: ``base`` is the first page's source
    path (``textes/annee/2007.md``), the next ones end in ``-2``, ``-3``…; ``back`` the
    links above the list, as (site path, words)."""
    ordered = listing_order(documents)
    count = max(1, math.ceil(len(ordered) / PAGE_SIZE))
    stem = base.removesuffix(".md")
    sources = [base] + [f"{stem}-{number}.md" for number in range(2, count + 1)]
    urls = [page_url(source) for source in sources]
    pages = []
    for index, source in enumerate(sources):
        here = urls[index]
        chunk = ordered[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        heading = title if index == 0 else f"{title} (page {index + 1} sur {count})"
        where = [
            f'<a href="{attribute(relative(target, here))}">{escape(words)}</a>'
            for target, words in back
        ]
        shown = (
            f"{plural(len(ordered), 'texte')}"
            if count == 1
            else f"{plural(len(ordered), 'texte')}, {index * PAGE_SIZE + 1} à "
            f"{index * PAGE_SIZE + len(chunk)} ici"
        )
        pager = _pager(urls, index, f"Pages de la liste « {title} »")
        lines = [
            *_front_matter(),
            f"# {heading_text(heading)}",
            "",
            f'<p class="ra-count">{shown} · {" · ".join(where)}</p>',
            "",
        ]
        if pager:
            lines += [pager, ""]
        lines += [
            render_listing(chunk, here, text_url, with_body=with_body, start=index * PAGE_SIZE + 1),
            "",
        ]
        if pager:
            lines += [pager, ""]
        pages.append(BrowsePage(source, "\n".join(lines)))
    return pages


def _years_list(years: dict[str, int], link: Callable[[str], str]) -> str:
    """Years, most recent first, each a link with its count of texts."""
    items = [
        f'<li><a href="{attribute(link(year))}">{escape(year)}</a> '
        f'<span class="ra-count">({count})</span></li>'
        for year, count in sorted(years.items(), reverse=True)
    ]
    return f'<ul class="ra-years">{"".join(items)}</ul>'


def browse_pages(
    documents: Sequence[Document],
    folder: str,
    text_url: Callable[[str], str],
    graph_url: str,
) -> list[BrowsePage]:
    """Every browsing page of the corpus: the hub ``<folder>/index.md``, each body's
    page ``<folder>/organe/<body>.md``, its years ``<folder>/organe/<body>/<year>.md``
    and each year ``<folder>/annee/<year>.md``, the long ones over several pages.
    ``text_url(slug)`` is a text's site path, ``graph_url`` the citation graph's."""
    by_body: dict[str, list[Document]] = defaultdict(list)
    by_year: dict[str, list[Document]] = defaultdict(list)
    by_body_year: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for document in documents:
        year = document.date[:4]
        by_body[document.body].append(document)
        by_year[year].append(document)
        by_body_year[document.body, year].append(document)

    hub_source = f"{folder}/index.md"
    hub = page_url(hub_source)
    body_source = {body: f"{folder}/organe/{body}.md" for body in by_body}
    year_source = {year: f"{folder}/annee/{year}.md" for year in by_year}

    def body_year_source(body: str, year: str) -> str:
        return f"{folder}/organe/{body}/{year}.md"

    pages = [
        BrowsePage(
            hub_source,
            _hub(hub, documents, by_body, by_year, body_source, year_source, graph_url),
        )
    ]
    for body in sorted(by_body):
        name = BODIES.get(body, body)
        here = page_url(body_source[body])
        years = Counter(document.date[:4] for document in by_body[body])
        latest = listing_order(by_body[body])[:LATEST]
        lines = [
            *_front_matter(),
            f"# {heading_text(name)}",
            "",
            f'<p class="ra-count">{plural(len(by_body[body]), "texte")} · '
            f'<a href="{attribute(relative(hub, here))}">tous les organes et toutes les '
            "années</a></p>",
            "",
            "## Par année",
            "",
            _years_list(
                years, lambda year, b=body, h=here: relative(page_url(body_year_source(b, year)), h)
            ),
            "",
            "## Les plus récents",
            "",
            render_listing(latest, here, text_url, with_body=False),
            "",
        ]
        pages.append(BrowsePage(body_source[body], "\n".join(lines)))
        for year in sorted(years, reverse=True):
            pages += _paged_listing(
                body_year_source(body, year),
                f"{name}, {year}",
                by_body_year[body, year],
                text_url,
                [
                    (page_url(body_source[body]), f"toutes les années de : {name}"),
                    (page_url(year_source[year]), f"tous les organes en {year}"),
                ],
                with_body=False,
            )
    for year in sorted(by_year, reverse=True):
        pages += _paged_listing(
            year_source[year],
            f"Textes de {year}",
            by_year[year],
            text_url,
            [(hub, "tous les organes et toutes les années")],
            with_body=True,
        )
    return pages


def _hub(
    hub: str,
    documents: Sequence[Document],
    by_body: dict[str, list[Document]],
    by_year: dict[str, list[Document]],
    body_source: dict[str, str],
    year_source: dict[str, str],
    graph_url: str,
) -> str:
    lines = [
        *_front_matter(),
        "# Les textes",
        "",
        f"Le corpus compte {plural(len(documents), 'texte')}. "
        "Chaque texte a sa page, où chaque paragraphe a son ancre.",
        "",
        "## Par organe",
        "",
    ]
    for body in sorted(by_body):
        target = relative(page_url(body_source[body]), hub)
        lines.append(
            f'- <a href="{attribute(target)}">{escape(BODIES.get(body, body))}</a> '
            f"({plural(len(by_body[body]), 'texte')})"
        )
    counts = {year: len(texts) for year, texts in by_year.items()}
    lines += [
        "",
        "## Par année",
        "",
        _years_list(counts, lambda year: relative(page_url(year_source[year]), hub)),
        "",
        "## Les citations",
        "",
        f'Le <a href="{attribute(relative(graph_url, hub))}">graphe des citations</a> montre '
        "quels textes citent quels autres ; chaque page de texte énumère, sous « Cité par », "
        "les passages du corpus qui la citent.",
        "",
    ]
    return "\n".join(lines)


def home_corpus(
    documents: Sequence[Document],
    home: str,
    text_url: Callable[[str], str],
    hub_url: str,
    archive_name: str | None,
) -> str:
    """What the home page says of the corpus (in place of its marker): the counts, the
    offline archive when there is one, and the ``LATEST`` most recent texts."""
    paragraphs = sum(len(document.paragraphs) for document in documents)
    notes = sum(len(document.footnotes) for document in documents)
    bodies = Counter(document.body for document in documents)
    per_body = " ; ".join(
        f"{BODIES.get(body, body)} : {count}" for body, count in sorted(bodies.items())
    )
    hub = attribute(relative(hub_url, home))
    parts = [
        '<div class="ra-corpus" data-search-exclude>',
        f'<p class="ra-counts"><strong>{plural(len(documents), "texte")}</strong> '
        f"({escape(per_body)}), {plural(paragraphs, 'paragraphe')}, "
        f"{plural(notes, 'note')}.</p>",
    ]
    if archive_name:
        parts.append(
            f'<p class="ra-archive"><a href="{attribute(archive_name)}" '
            "download>Télécharger tout le site (archive zip)</a> pour le lire hors ligne : "
            "décompressez l’archive, puis ouvrez <code>index.html</code>.</p>"
        )
    latest = listing_order(documents)[:LATEST]
    parts += [
        '<h3 id="derniers-textes">Les textes les plus récents</h3>',
        render_listing(latest, home, text_url, with_body=True),
        f'<p class="ra-more"><a href="{hub}">Tous les textes, par organe et par année</a></p>',
        "</div>",
    ]
    return "\n".join(parts)
