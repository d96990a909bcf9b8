"""The pages a reader browses the texts with: the hub « Les textes »
(``<texts>/index.md``), a page per body (``<texts>/organe/<body>.md``: its years and its
latest texts), a listing per body and year (``<texts>/organe/<body>/<year>.md``) and per
year (``<texts>/annee/<year>.md``), and the corpus on the home page.  Pure functions of
the documents.

Every page stays small whatever the size of the corpus: a listing holds at most
``PAGE_SIZE`` texts and goes on over numbered pages (``annee/2007.md``,
``annee/2007-2.md``…); the home page gives the counts and the ``LATEST`` most recent
texts.  Only the hub and a body's page grow, with the number of bodies and years (a few
hundred links for eighty years of five bodies)."""

from __future__ import annotations

import math
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from ..load import BODIES
from ..model import Document
from ..pipeline import Made
from .inline import attribute, escape
from .markdown import FRENCH, LANGUAGE_NAMES, french_date, heading_text, lang_attribute
from .pages import SitePage, display_symbol, excluded_from_search, plural, relative_url
from .typography import french

PAGE_SIZE = 100
"""Texts on one listing page."""
LATEST = 10
"""The most recent texts shown on the home page and on each body's page."""


def listing_order(documents: Iterable[Document]) -> list[Document]:
    """Most recent first; texts of the same date by symbol."""
    by_symbol = sorted(documents, key=lambda document: (document.symbol, document.slug))
    return sorted(by_symbol, key=lambda document: document.date, reverse=True)


def text_path(texts: str, slug: str) -> str:
    """The page of the text ``slug`` in the docs folder."""
    return f"{texts}/{slug}.md"


def texts_list(
    documents: Sequence[Document],
    page: str,
    texts: str,
    *,
    with_body: bool,
    start: int = 1,
    made: Made | None = None,
) -> str:
    """``documents`` (in the order given) as a numbered list, one raw HTML block, links
    relative to ``page``: each text's symbol and title as one link, then its body (when
    ``with_body``) and its date.  ``start``: the rank of the first, on a listing's
    second page 101.  ``made`` keeps each text's item between the rebuilds of a preview
    (at 10,000 texts, the listings took 5 s of each rebuild)."""
    made = made or Made()
    folder = posixpath.dirname(page)
    items = [
        made.get(
            f"listed:{folder}:{with_body}:{document.slug}",
            (document, texts),
            partial(_listing_item, document, page, texts, with_body),
        )
        for document in documents
    ]
    first = f' start="{start}"' if start != 1 else ""
    return f'<ol class="ra-listing"{first}>{"".join(items)}</ol>'


def _listing_item(document: Document, page: str, texts: str, with_body: bool) -> str:
    url = attribute(relative_url(text_path(texts, document.slug), page))
    name = []
    if document.symbol:
        symbol = escape(display_symbol(document.body, document.symbol))
        if document.lang != "fr":
            # The French and English versions of one symbol are two entries.
            language = escape(LANGUAGE_NAMES.get(document.lang, document.lang))
            symbol += f' <span class="ra-lang-tag">({language})</span>'
        name.append(f'<span class="ra-listing-symbol">{symbol}</span>')
    # A French title in French typography, as its page shows it (the data keep the
    # title as printed).
    title = french(document.title) if document.lang == FRENCH else document.title
    name.append(
        f'<span class="ra-listing-title"{lang_attribute(document.lang)}>{escape(title)}</span>'
    )
    about = [escape(BODIES.get(document.body, document.body))] if with_body else []
    about.append(
        f'<time datetime="{attribute(document.date)}">{escape(french_date(document.date))}</time>'
    )
    return (
        f'<li><a href="{url}">{" ".join(name)}</a> '
        f'<span class="ra-listing-about">{" · ".join(about)}</span></li>'
    )


def pager(pages: Sequence[str], current: int, label: str) -> str:
    """Links to every page of one listing (``pages``: their paths), the current one
    marked; nothing when the listing fits on one page."""
    if len(pages) < 2:
        return ""
    here = pages[current]
    links = []
    for index, target in enumerate(pages):
        mark = ' aria-current="page"' if index == current else ""
        links.append(f'<li><a{mark} href="{relative_url(target, here)}">{index + 1}</a></li>')
    return (
        f'<nav class="ra-pager" aria-label="{attribute(label)}">'
        f'<span class="ra-pager-label">Pages :</span> <ol>{"".join(links)}</ol></nav>'
    )


def paged_listing(
    path: str,
    title: str,
    documents: Sequence[Document],
    texts: str,
    back: Sequence[tuple[str, str]],
    *,
    with_body: bool,
    made: Made | None = None,
) -> list[SitePage]:
    """One listing over as many pages as it takes: ``path`` is the first page's, the
    next ones end in ``-2``, ``-3``…; ``back`` the links above the list, as (path, words).
    ``made``: a preview hands back the last rebuild's pages while the list holds the
    same texts (mostly the very same objects: compared at C speed), where sorting and
    going through every list's texts was a twentieth of a rebuild at 10,000 texts."""
    if made is not None and made.remember:
        return made.get(
            f"listing:{path}",
            (title, list(documents), texts, tuple(back), with_body),
            partial(_paged_listing, path, title, documents, texts, back, with_body, made),
        )
    return _paged_listing(path, title, documents, texts, back, with_body, made)


def _paged_listing(
    path: str,
    title: str,
    documents: Sequence[Document],
    texts: str,
    back: Sequence[tuple[str, str]],
    with_body: bool,
    made: Made | None,
) -> list[SitePage]:
    ordered = listing_order(documents)
    count = max(1, math.ceil(len(ordered) / PAGE_SIZE))
    stem = path.removesuffix(".md")
    paths = [path] + [f"{stem}-{number}.md" for number in range(2, count + 1)]
    pages = []
    for index, here in enumerate(paths):
        chunk = ordered[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        heading = title if index == 0 else f"{title} (page {index + 1} sur {count})"
        links = [
            f'<a href="{relative_url(target, here)}">{escape(words)}</a>' for target, words in back
        ]
        shown = plural(len(ordered), "texte")
        if count > 1:
            shown += f", {index * PAGE_SIZE + 1} à {index * PAGE_SIZE + len(chunk)} ici"
        nav = pager(paths, index, f"Pages de la liste « {title} »")
        lines = [
            f"# {heading_text(heading)}",
            "",
            f'<p class="ra-count">{shown} · {" · ".join(links)}</p>',
            "",
        ]
        first = index * PAGE_SIZE + 1
        listing = texts_list(chunk, here, texts, with_body=with_body, start=first, made=made)
        lines += [nav, "", listing, "", nav, ""] if nav else [listing, ""]
        pages.append(SitePage(here, excluded_from_search("\n".join(lines))))
    return pages


def years_list(years: Counter[str], link: Callable[[str], str]) -> str:
    """Years, most recent first, each a link with its count of texts."""
    items = [
        f'<li><a href="{link(year)}">{escape(year)}</a> '
        f'<span class="ra-count">({count})</span></li>'
        for year, count in sorted(years.items(), reverse=True)
    ]
    return f'<ul class="ra-years">{"".join(items)}</ul>'


def listing_pages(
    documents: Sequence[Document], texts: str, graph: str, made: Made | None = None
) -> list[SitePage]:
    """The hub (``<texts>/index.md``), then for each body (by code) its page and its
    years' listings, then each year's listing (most recent first); ``graph`` is the
    path of the citation graph's page, which the hub links to; ``made`` keeps the
    lists' items between the rebuilds of a preview."""
    by_body: dict[str, list[Document]] = defaultdict(list)
    by_year: dict[str, list[Document]] = defaultdict(list)
    by_body_year: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for document in documents:
        year = document.date[:4]
        by_body[document.body].append(document)
        by_year[year].append(document)
        by_body_year[document.body, year].append(document)
    hub = f"{texts}/index.md"
    bodies = {body: f"{texts}/organe/{body}.md" for body in sorted(by_body)}
    years = {year: f"{texts}/annee/{year}.md" for year in sorted(by_year, reverse=True)}

    def body_year(body: str, year: str) -> str:
        return f"{texts}/organe/{body}/{year}.md"

    pages = [_hub(hub, documents, bodies, by_body, years, by_year, graph)]
    for body, path in bodies.items():
        name = BODIES.get(body, body)
        page = (made or Made()).get(
            f"body-page:{path}",
            (by_body[body], hub, texts),  # its texts (by year, the latest), and its links
            partial(_body_page, path, body, by_body[body], hub, texts, made),
        )
        pages.append(page)
        its_years = {year for found, year in by_body_year if found == body}
        for year in sorted(its_years, reverse=True):
            pages += paged_listing(
                body_year(body, year),
                f"{name}, {year}",
                by_body_year[body, year],
                texts,
                [
                    (path, f"{name}, toutes les années"),
                    (years[year], f"tous les organes en {year}"),
                ],
                with_body=False,
                made=made,
            )
    for year, path in years.items():
        pages += paged_listing(
            path,
            f"Textes de {year}",
            by_year[year],
            texts,
            [(hub, "tous les organes et toutes les années")],
            with_body=True,
            made=made,
        )
    return pages


def _body_page(
    path: str, body: str, documents: list[Document], hub: str, texts: str, made: Made | None
) -> SitePage:
    """A body's page: its years (with their counts) and its latest texts."""
    name = BODIES.get(body, body)
    its_years = Counter(document.date[:4] for document in documents)

    def year_link(year: str) -> str:
        return relative_url(f"{texts}/organe/{body}/{year}.md", path)

    lines = [
        f"# {heading_text(name)}",
        "",
        f'<p class="ra-count">{plural(len(documents), "texte")} · '
        f'<a href="{relative_url(hub, path)}">tous les organes et toutes les '
        "années</a></p>",
        "",
        "## Par année",
        "",
        years_list(its_years, year_link),
        "",
        "## Les plus récents",
        "",
        texts_list(listing_order(documents)[:LATEST], path, texts, with_body=False, made=made),
        "",
    ]
    return SitePage(path, excluded_from_search("\n".join(lines)))


def _hub(
    hub: str,
    documents: Sequence[Document],
    bodies: dict[str, str],
    by_body: dict[str, list[Document]],
    years: dict[str, str],
    by_year: dict[str, list[Document]],
    graph: str,
) -> SitePage:
    lines = [
        "# Les textes",
        "",
        f"Le corpus compte {plural(len(documents), 'texte')}. "
        "Chaque texte a sa page, où chaque paragraphe a son ancre.",
        "",
        "## Par organe",
        "",
    ]
    for body, path in bodies.items():
        lines.append(
            f'- <a href="{relative_url(path, hub)}">{escape(BODIES.get(body, body))}</a> '
            f"({plural(len(by_body[body]), 'texte')})"
        )
    counts = Counter({year: len(texts) for year, texts in by_year.items()})
    lines += [
        "",
        "## Par année",
        "",
        years_list(counts, lambda year: relative_url(years[year], hub)),
        "",
        "## Les citations",
        "",
        f'Le <a href="{relative_url(graph, hub)}">graphe des citations</a> montre quels '
        "textes citent quels autres ; chaque page de texte énumère, sous « Cité par », "
        "les passages du corpus qui la citent.",
        "",
    ]
    return SitePage(hub, excluded_from_search("\n".join(lines)))


def home_block(documents: Sequence[Document], page: str, texts: str, archive: str | None) -> str:
    """What the home page (at ``page``) shows of the corpus, as one raw HTML block: its
    counts, the link to the offline archive (named ``archive``, if there is one), the
    ``LATEST`` most recent texts and the way to all of them."""
    paragraphs = sum(len(d.paragraphs) for d in documents)
    notes = sum(len(d.footnotes) for d in documents)
    bodies = Counter(document.body for document in documents)
    per_body = " ; ".join(
        f"{BODIES.get(body, body)} : {count}" for body, count in sorted(bodies.items())
    )
    parts = [
        '<div class="ra-corpus" data-search-exclude>',
        f'<p class="ra-counts"><strong>{plural(len(documents), "texte")}</strong> '
        f"({escape(per_body)}), {plural(paragraphs, 'paragraphe')}, "
        f"{plural(notes, 'note')}.</p>",
    ]
    if archive:
        parts.append(
            f'<p class="ra-archive"><a href="{attribute(archive)}" '
            "download>Télécharger tout le site (archive zip)</a> pour le lire hors ligne : "
            "décompressez l’archive, puis ouvrez <code>index.html</code>.</p>"
        )
    latest = listing_order(documents)[:LATEST]
    hub = relative_url(f"{texts}/index.md", page)
    parts += [
        '<h3 id="derniers-textes">Les textes les plus récents</h3>',
        texts_list(latest, page, texts, with_body=True),
        f'<p class="ra-more"><a href="{hub}">Tous les textes, par organe et par année</a></p>',
        "</div>",
    ]
    return "\n".join(parts)
