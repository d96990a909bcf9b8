"""The lists of texts: the hub (``<texts>/index.md``), one listing per body and per year,
and the table of every text on the home page.  Pure functions of the documents."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ..load import BODIES
from ..model import Document
from .inline import attribute as escape_html
from .markdown import LANGUAGE_NAMES, french_date, lang_attribute
from .pages import SitePage, excluded_from_search, plural, relative_url


def listing_order(documents: Iterable[Document]) -> list[Document]:
    """Most recent first; texts of the same date by symbol."""
    by_symbol = sorted(documents, key=lambda document: (document.symbol, document.slug))
    return sorted(by_symbol, key=lambda document: document.date, reverse=True)


def text_path(texts: str, slug: str) -> str:
    """The page of the text ``slug`` in the docs folder."""
    return f"{texts}/{slug}.md"


def texts_table(documents: Iterable[Document], page: str, texts: str, *, with_body: bool) -> str:
    """The list of ``documents`` as one raw HTML block, links relative to ``page``."""
    header = "<th>Symbole</th><th>Titre</th>"
    header += "<th>Organe</th>" if with_body else ""
    header += "<th>Date</th>"
    rows = []
    for document in listing_order(documents):
        url = relative_url(text_path(texts, document.slug), page)
        symbol = escape_html(document.symbol) if document.symbol else "—"
        if document.lang != "fr":
            # The French and English versions of one symbol are two rows.
            symbol += f' <span class="ra-lang-tag">({LANGUAGE_NAMES.get(document.lang)})</span>'
        title_lang = lang_attribute(document.lang)
        cells = [
            f'<td class="ra-symbol"><a href="{url}">{symbol}</a></td>',
            f'<td><a href="{url}"{title_lang}>{escape_html(document.title)}</a></td>',
        ]
        if with_body:
            cells.append(f"<td>{escape_html(BODIES.get(document.body, document.body))}</td>")
        cells.append(
            f'<td class="ra-date"><time datetime="{escape_html(document.date)}">'
            f"{escape_html(french_date(document.date))}</time></td>"
        )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="ra-listing"><table><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def listing_pages(documents: Sequence[Document], texts: str, graph: str) -> list[SitePage]:
    """The hub (``<texts>/index.md``), then one page per body (``<texts>/organe/<body>.md``,
    by code), then one per year (``<texts>/annee/<year>.md``, most recent first);
    ``graph`` is the path of the citation graph's page, which the hub links to."""
    by_body: dict[str, list[Document]] = defaultdict(list)
    by_year: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        by_body[document.body].append(document)
        by_year[document.date[:4]].append(document)
    hub = f"{texts}/index.md"
    bodies = {body: f"{texts}/organe/{body}.md" for body in sorted(by_body)}
    years = {year: f"{texts}/annee/{year}.md" for year in sorted(by_year, reverse=True)}
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
        label = escape_html(BODIES.get(body, body))
        lines.append(
            f'- <a href="{relative_url(path, hub)}">{label}</a> '
            f"({plural(len(by_body[body]), 'texte')})"
        )
    lines += ["", "## Par année", "", '<ul class="ra-years">']
    for year, path in years.items():
        lines.append(
            f'<li><a href="{relative_url(path, hub)}">{year}</a> '
            f"<span>({len(by_year[year])})</span></li>"
        )
    lines += [
        "</ul>",
        "",
        "## Les citations",
        "",
        f'Le <a href="{relative_url(graph, hub)}">graphe des citations</a> montre quels '
        "textes citent quels autres ; chaque page de texte énumère, sous « Cité par », "
        "les passages du corpus qui la citent.",
        "",
    ]
    pages = [SitePage(hub, excluded_from_search("\n".join(lines)))]
    for body, path in bodies.items():
        pages.append(
            listing_page(path, BODIES.get(body, body), by_body[body], hub, texts, with_body=False)
        )
    for year, path in years.items():
        pages.append(
            listing_page(path, f"Textes de {year}", by_year[year], hub, texts, with_body=True)
        )
    return pages


def listing_page(
    path: str, title: str, documents: Sequence[Document], hub: str, texts: str, *, with_body: bool
) -> SitePage:
    """The page at ``path`` that lists ``documents`` under ``title``."""
    markdown = "\n".join(
        [
            f"# {escape_html(title)}",
            "",
            f'<p class="ra-count">{plural(len(documents), "texte")} · '
            f'<a href="{relative_url(hub, path)}">tous les organes et toutes les '
            "années</a></p>",
            "",
            texts_table(documents, path, texts, with_body=with_body),
            "",
        ]
    )
    return SitePage(path, excluded_from_search(markdown))


def home_block(
    documents: Sequence[Document], page: str, texts: str, archive: str | None
) -> tuple[str, str]:
    """What the home page (at ``page``) shows of the corpus: its counts, the link to the
    offline archive (named ``archive``, if there is one) and the table of every text, as
    one raw HTML block; and that table alone (see the plugin's on_post_page)."""
    paragraphs = sum(len(d.paragraphs) for d in documents)
    notes = sum(len(d.footnotes) for d in documents)
    bodies = Counter(document.body for document in documents)
    per_body = " ; ".join(
        f"{BODIES.get(body, body)} : {count}" for body, count in sorted(bodies.items())
    )
    parts = [
        '<div class="ra-corpus" data-search-exclude>',
        f'<p class="ra-counts"><strong>{plural(len(documents), "texte")}</strong> '
        f"({escape_html(per_body)}), {plural(paragraphs, 'paragraphe')}, "
        f"{plural(notes, 'note')}.</p>",
    ]
    if archive:
        parts.append(
            f'<p class="ra-archive"><a href="{escape_html(archive)}" '
            "download>Télécharger tout le site (archive zip)</a> pour le lire hors ligne : "
            "décompressez l’archive, puis ouvrez <code>index.html</code>.</p>"
        )
    table = texts_table(documents, page, texts, with_body=True)
    parts += [table, "</div>"]
    return "\n".join(parts), table
