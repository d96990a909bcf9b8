"""Every page the site generates from the corpus, as ``SitePage`` values: one page and one
JSON file per text, the lists of texts, the citation graph, the glossary.  The MkDocs
plugin hands them to MkDocs; nothing here imports it."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ..corpus import CitedBy, anchors_of, citation_graph, translations
from ..glossary import Glossary
from ..model import Document
from ..pipeline import Corpus, Made
from .citation_graph import render_cited_by
from .connections import CorpusText, cited_slugs, connections_of
from .glossary_pages import entry_part_path, glossary_pages
from .graph_pages import KeptGraph, graph_data, graph_pages
from .inline import RenderContext
from .json import export
from .listings import listing_pages, text_path
from .markdown import Counterpart, glossary_tip, render_document
from .pages import Folders, SitePage


@dataclass(frozen=True)
class SitePages:
    """The generated files, in the order MkDocs is given them, and where the page of
    each text (by slug) and of each glossary entry (by id) is."""

    files: list[SitePage]
    texts: dict[str, str]
    entries: dict[str, str]


def site_pages(
    corpus: Corpus, folders: Folders, *, searched_after: bool = True, made: Made | None = None
) -> SitePages:
    """Every generated file of the site (``site_files``) and where each page is."""
    paths = site_paths(corpus, folders)
    files = list(site_files(corpus, folders, searched_after=searched_after, made=made))
    return replace(paths, files=files)


def site_paths(corpus: Corpus, folders: Folders) -> SitePages:
    """Where the page of each text and of each glossary entry is (no files)."""
    return SitePages(
        [],
        {document.slug: text_path(folders.texts, document.slug) for document in corpus.documents},
        {
            entry.id: entry_part_path(folders.glossary, entry.id, 1)
            for entry in corpus.glossary or ()
        },
    )


def site_files(
    corpus: Corpus,
    folders: Folders,
    *,
    searched_after: bool = True,
    made: Made | None = None,
    elsewhere: Container[str] = (),
) -> Iterator[SitePage]:
    """Every generated file of the site, one at a time: a caller that keeps each in a
    compact form (the plugin: as UTF-8) never holds all of them as strings, which at
    10,000 texts are a gigabyte.  ``searched_after``: the texts and glossary entries
    are indexed after the build (see ``search``), so their pages are kept out of the
    theme's search; ``made`` keeps pages between the rebuilds of a preview;
    ``elsewhere``: the slugs of the texts whose page and data another process makes
    (``text_pages``), given in their place as ``MadeElsewhere``."""
    made = made or Made()
    yield from text_pages(corpus, folders, made, searched_after=searched_after, elsewhere=elsewhere)
    glossary = corpus.glossary

    def entry_title(entry_id: str) -> str:
        return entry.title if glossary and (entry := glossary.get(entry_id)) else ""

    kept = made.get("graph", (), KeptGraph) if made.remember else KeptGraph()
    graph, links = kept.update(
        corpus.documents, text_graphs(corpus.documents, made), glossary, entry_title
    )
    graph_files = graph_pages(
        graph, corpus.documents, folders, made, entry_title, links, kept.dirty
    )
    listings = listing_pages(corpus.documents, folders.texts, graph_files[0].path, made)
    graph_file = graph_data(graph, made, kept.edge_groups)
    yield from [listings[0], *graph_files, graph_file, *listings[1:]]
    yield from glossary_pages(
        corpus.glossary,
        corpus.mentions,
        corpus.citations,
        corpus.documents,
        folders,
        searched_after=searched_after,
        made=made,
    )


def render_context(corpus: Corpus, folders: Folders, lang: str = "fr") -> RenderContext:
    """Addresses as seen from a text's page (``<texts>/<slug>.html``); the tooltips of a
    text in ``lang``."""
    to_glossary = posixpath.relpath(folders.glossary, folders.texts)
    return RenderContext(
        glossary_url=lambda entry_id: f"{to_glossary}/{entry_id}.html",
        term_tip=glossary_tip(corpus.glossary, lang),
    )


class MadeElsewhere(SitePage):
    """A generated file another process makes and writes (``content`` is empty): given
    in its place, so that the files keep their order."""


def text_pages(
    corpus: Corpus,
    folders: Folders,
    made: Made,
    *,
    searched_after: bool = True,
    elsewhere: Container[str] = (),
    only: Container[str] | None = None,
) -> Iterator[SitePage]:
    """The page (``<texts>/<slug>.md``) and the data (``<texts>/<slug>.json``) of each
    text, in the corpus's order.  ``searched_after``: each page says in its front matter
    that the theme's search leaves it out (it is indexed block by block after the build),
    so that a plain MkDocs build of the same Markdown does the same work.  A preview
    hands back the last rebuild's page of each text that nothing it shows changed in
    (see TextPagesKept).  A text whose slug is in ``elsewhere`` is given as two
    ``MadeElsewhere``; ``only``: the texts made, the others left out (a build shares
    its texts with a second process, ``mkdocs/text_pages.py``)."""
    texts = folders.texts
    contexts: dict[str, RenderContext] = {}
    by_slug = {document.slug: document for document in corpus.documents}
    versions = translations(corpus.documents)
    corpus_texts: dict[str, CorpusText] = {}
    kept = made.get("text-pages", (), TextPagesKept) if made.remember else TextPagesKept()
    again = kept.start(by_slug, (corpus.glossary, texts, folders.glossary, searched_after))

    def anchors(document: Document) -> frozenset[str]:
        return made.get(f"anchors:{document.slug}", (document,), partial(anchors_of, document))

    def corpus_text(slug: str) -> CorpusText:
        found = corpus_texts.get(slug)
        if found is None:
            found = corpus_texts[slug] = CorpusText.of(by_slug[slug])
        return found

    def text_files(
        document: Document, rows: tuple[CitedBy, ...], others: Mapping[str, str]
    ) -> tuple[str, str]:
        """A text's page and data (see text_page)."""
        # The corpus texts its page names: those it cites and those citing it.  (What
        # every text's key is made of is kept too: at 10,000 texts, finding what each
        # cites took 4 s of a preview's rebuild.)
        cited = made.get(f"cites:{document.slug}", (document,), partial(cited_slugs, document))
        kept.cites_now(document.slug, cited)
        related = {
            slug: corpus_text(slug)
            for slug in sorted(cited | {row.slug for row in rows})
            if slug in by_slug
        }
        context = contexts.get(document.lang) or contexts.setdefault(
            document.lang, render_context(corpus, folders, document.lang)
        )
        counterparts = tuple(
            Counterpart(lang, slug, anchors(by_slug[slug])) for lang, slug in others.items()
        )
        # Made from the text, its "Cité par" rows, its other versions, the corpus texts
        # it names, the glossary (its tooltips and titles) and the folders its links go
        # through.
        markdown, data = made.get(
            f"text:{document.slug}",
            (document, rows, counterparts, related, corpus.glossary, texts, folders.glossary),
            partial(text_page, document, rows, context, counterparts, related, corpus.glossary),
        )
        if searched_after:
            # Kept too: a copy of every text's page at each rebuild took 1.7 s at
            # 10,000 texts, and a new string is hashed again (see mkdocs.preview).
            markdown = made.get(
                f"text-searched:{document.slug}",
                (markdown,),
                partial(out_of_theme_search, markdown),
            )
        return markdown, data

    # The loop's lookups bound once: it runs for every text at each rebuild.
    rows_of, no_rows = corpus.citations.documents.get, ()
    no_versions: dict[str, str] = {}
    pages_before, rows_before, versions_before = kept.pages.get, kept.rows.get, kept.versions.get
    changed, remember = kept.changed, made.remember
    handed = kept.handed.get
    for document in corpus.documents:
        slug = document.slug
        if only is not None and slug not in only:
            continue
        if slug in elsewhere:
            yield MadeElsewhere(text_path(texts, slug), "")
            yield MadeElsewhere(f"{texts}/{slug}.json", "")
            continue
        rows = rows_of(slug, no_rows)
        others = versions.get(slug, no_versions)
        found = pages_before(slug)
        if (
            found is None
            or slug in again
            or rows != rows_before(slug)
            or others != versions_before(slug, no_versions)
            or (others and changed and not changed.isdisjoint(others.values()))
        ):
            found = text_files(document, rows, others)
        if remember:
            # Only a preview compares with the last rebuild: a build keeps no page, so
            # that pages are made and handed on one at a time (10,000 texts' pages
            # held to the end raised the build's peak by a few hundred MB).
            kept.keep(slug, rows, others, found)
            # The very SitePages of the last rebuild for the same page and data.
            files = handed(slug)
            if files is None or files[0] is not found:
                files = (
                    found,
                    SitePage(text_path(texts, slug), found[0]),
                    SitePage(f"{texts}/{slug}.json", found[1]),
                )
            kept.handing[slug] = files
            yield files[1]
            yield files[2]
            continue
        yield SitePage(text_path(texts, slug), found[0])
        yield SitePage(f"{texts}/{slug}.json", found[1])
    kept.finish()


class TextPagesKept:
    """A preview's text pages, kept from one rebuild to the next.  A text's page shows
    the text, its "Cité par" rows, its other versions, the corpus texts it cites (their
    names), the glossary and the folders: it is made again when the text changed, or
    its rows, its versions or one of them, or a text it cites (or when the glossary or
    the folders are others: then every page).  At 10,000 texts, going through every
    text's inputs took a tenth of a rebuild."""

    def __init__(self) -> None:
        self.settings: tuple = ()
        self.documents: dict[str, Document] = {}
        self.rows: dict[str, tuple[CitedBy, ...]] = {}
        self.versions: dict[str, Mapping[str, str]] = {}
        self.pages: dict[str, tuple[str, str]] = {}
        """Slug → its page and data as the last rebuild made them."""
        self.cites: dict[str, set[str]] = {}
        """Slug → the corpus texts its page names as those it cites."""
        self.cited_by: dict[str, set[str]] = {}
        """Slug → the texts whose pages name it as a text they cite."""
        self.changed: set[str] = set()
        """The texts that changed, came or went since the last rebuild."""
        self._documents: dict[str, Document] = {}
        self._rows: dict[str, tuple[CitedBy, ...]] = {}
        self._versions: dict[str, Mapping[str, str]] = {}
        self._pages: dict[str, tuple[str, str]] = {}
        self.handed: dict[str, tuple[tuple[str, str], SitePage, SitePage]] = {}
        """Slug → (its page and data, the two SitePages handed on for them)."""
        self.handing: dict[str, tuple[tuple[str, str], SitePage, SitePage]] = {}

    def start(self, documents: dict[str, Document], settings: tuple) -> set[str]:
        """A rebuild of ``documents``: the texts whose pages are made again whatever
        their rows and versions (those that changed, came or went, and those citing
        one of them)."""
        if settings != self.settings:  # every page made again
            self.documents, self.pages, self.cites, self.cited_by = {}, {}, {}, {}
            self.settings = settings
        changed = {
            slug
            for slug, document in documents.items()
            if (known := self.documents.get(slug)) is not document and known != document
        }
        changed |= self.documents.keys() - documents.keys()
        self.changed = changed
        again = set(changed)
        for slug in changed:
            again |= self.cited_by.get(slug, set())
        for slug in self.documents.keys() - documents.keys():
            self.cites_now(slug, set())
        self._documents = documents
        return again

    def cites_now(self, slug: str, cited: set[str]) -> None:
        """What ``slug``'s page names as the texts it cites."""
        for other in self.cites.get(slug, set()) - cited:
            self.cited_by[other].discard(slug)
        for other in cited:
            self.cited_by.setdefault(other, set()).add(slug)
        if cited:
            self.cites[slug] = cited
        else:
            self.cites.pop(slug, None)

    def keep(
        self,
        slug: str,
        rows: tuple[CitedBy, ...],
        versions: Mapping[str, str],
        files: tuple[str, str],
    ) -> None:
        self._rows[slug], self._versions[slug], self._pages[slug] = rows, versions, files

    def finish(self) -> None:
        """The rebuild's pages were all made: the next one compares with them (one
        that stopped midway compares with the last one that finished)."""
        self.documents, self.rows = self._documents, self._rows
        self.versions, self.pages = self._versions, self._pages
        self._documents, self._rows, self._versions, self._pages = {}, {}, {}, {}
        self.handed, self.handing = self.handing, {}


def out_of_theme_search(page: str) -> str:
    """A text's page (which starts with its front matter) kept out of the theme's
    search index."""
    return page.replace("---\n", "---\nsearch:\n  exclude: true\n", 1)


def text_page(
    document: Document,
    rows: tuple[CitedBy, ...],
    context: RenderContext,
    counterparts: tuple[Counterpart, ...] = (),
    related: Mapping[str, CorpusText] | None = None,
    glossary: Glossary | None = None,
) -> tuple[str, str]:
    """A text's page (Markdown) and data (JSON); ``related``: the corpus texts it
    cites or is cited by, by slug (their names in its connections)."""
    cited_by = render_cited_by(rows, lambda slug: f"{slug}.html")
    connections = connections_of(
        document,
        rows,
        related or {},
        lambda entry_id: entry.title if glossary and (entry := glossary.get(entry_id)) else "",
        context.document_url,
        context.glossary_url,
    )
    markdown = render_document(
        document,
        context,
        extra=f"{connections.sections}\n{cited_by}",
        counterparts=counterparts,
        markers=connections.markers,
    )
    versions = {document.slug: {other.lang: other.slug for other in counterparts}}
    # Published as "source_texts/<file>" wherever that folder is on the machine that
    # built the site (messages keep the path that machine can open); texts sit
    # directly in their folder.
    path = Path(document.source_path)
    published = replace(document, source_path=f"{path.parent.name}/{path.name}")
    # Compact: json's C encoder only runs without indent (5 s saved at 1,000 texts).
    data = json.dumps(export([published], versions), ensure_ascii=False) + "\n"
    return markdown, data


def text_graphs(documents: tuple[Document, ...], made: Made) -> list[dict]:
    """``corpus.citation_graph`` of each text (kept between the rebuilds of a preview
    while the text is equal): ``graph_pages.KeptGraph`` puts them together."""
    return [
        made.get(f"graph-of:{document.slug}", (document,), partial(citation_graph, [document]))
        for document in documents
    ]
