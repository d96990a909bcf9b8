"""The ``resolutions`` MkDocs plugin: hands MkDocs the pages the converter makes.

It only adapts.  The conversion and the rendering of a text stay in the core
(``resolutions.pipeline``, ``resolutions.render``); this module decides where pages go
and what the site around them looks like:

- ``on_files``: build the corpus (every source text converted, then the glossary and
  citation passes; the build fails, naming the text, if one cannot be converted) and
  add, in memory, one page and one JSON file per text, the index pages
  (``textes/index.md``, ``textes/organe/<body>.md``, ``textes/annee/<year>.md``), the
  citation graph (``textes/citations.md``) and the glossary (``glossaire/index.md``,
  ``glossaire/<entry>.md``).  Nothing generated is written to ``docs/``, and no text
  goes into the navigation, so that a page does not grow with the corpus.
- ``on_page_markdown``: put the table of every text into the home page, and keep the
  text pages out of the theme's search indexing (they are indexed paragraph by paragraph
  after the build, from the model rather than from HTML).
- ``on_post_build``: write the paragraph search entries, then the offline archive.
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import logging
import os
import posixpath
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import checks
from ..corpus import CitedBy, anchors_of, citation_graph, translations
from ..errors import SourceError
from ..glossary import Entry
from ..model import Block, Diagnostic, Document, Item, Paragraph
from ..pipeline import BODIES, Corpus, Memo, build_corpus
from ..render.citation_graph import render_citation_graph, render_cited_by
from ..render.glossary_pages import (
    SiteRow,
    document_labels,
    document_languages,
    glossary_entry_page,
    glossary_index_page,
)
from ..render.inline import RenderContext
from ..render.inline import attribute as escape_html
from ..render.json import export
from ..render.markdown import (
    LANGUAGE_NAMES,
    Counterpart,
    display_title,
    french_date,
    glossary_tip,
    lang_attribute,
    render_document,
)
from ..search import (
    SearchPage,
    document_keys,
    glossary_keys,
    pages_from_entries,
    write_search_index,
)
from .config import ResolutionsConfig

log = logging.getLogger("mkdocs.plugins.resolutions")

SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a slug or a body code must look like to become part of a file name."""

GRAPH_DATA = "donnees/graphe-des-citations.json"
"""The citation graph as data (nodes and edges), for reuse outside the site."""

T = TypeVar("T")
Row = TypeVar("Row", bound=SiteRow)

HOME_TABLE = "<!-- ra:corpus-table -->"
"""Where the table of every text goes in the home page's HTML."""

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip archive can record."""


class ResolutionsPlugin(BasePlugin[ResolutionsConfig]):
    def __init__(self) -> None:
        self.is_serve = False
        self.project_dir = Path.cwd()
        self.corpus: Corpus | None = None
        self.documents: tuple[Document, ...] = ()
        self.text_files: dict[str, File] = {}
        """The page of each text, by slug."""
        self.entry_files: dict[str, File] = {}
        """The page of each glossary entry, by id."""
        self.stashed: dict[str, list[str]] = {}
        """Raw HTML blocks kept out of Python-Markdown, by page (see stash_html_blocks)."""
        # mkdocs serve keeps this object from one rebuild to the next (MkDocs keeps a
        # plugin that has on_startup): what a rebuild can reuse is kept here.
        self.memo: Memo | None = None
        """The corpus stages' results, by text (see pipeline.Memo)."""
        self.made = Made()
        """Pages' Markdown, search entries, by what they are made from."""
        self.reuse: PageReuse | None = None
        self.home_table = ""
        """The table of every text, put into the home page's HTML (see _fill_home)."""
        self.builds = 0
        """Builds run by this object: more than one when serving."""
        self.preview_error: str | None = None
        """Serving: why the last conversion failed (shown on every page), or None."""
        self.output: AtomicOutput | None = None
        """Where `mkdocs build` writes, until the site is swapped in (see AtomicOutput)."""
        self.checked: dict[int, tuple[Document, list[Diagnostic]]] = {}
        """id(text) → (that text, what the checks found in it), kept when serving."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if not self.config.enabled:
            return
        self.is_serve = command == "serve"
        if command == "build":
            self.output = AtomicOutput()
        if self.is_serve:
            self.memo = Memo()
            self.made = Made(remember=True)
            self.reuse = PageReuse()
            # The preview keeps the theme's index: writing the shards and page files
            # again after every edit would cost seconds (at 1,000 texts) that an edit
            # seen in the preview cannot wait; overrides/main.html reads this setting.
            self.config["search_index"] = "theme"

    def on_shutdown(self) -> None:
        if self.reuse is not None:
            self.reuse.close()
        if self.output is not None:
            self.output.finish()

    @event_priority(100)  # first: every plugin must see the folder the build writes to
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.output is not None:
            config.site_dir = str(self.output.start(Path(config.site_dir)))
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if self.is_serve and self.builds:
            # A rebuild allocates little that outlives it, but the memos it keeps are
            # millions of objects that every full pass of the cycle collector walks
            # (3 s of a rebuild at 10,000 texts): the collector rests during a rebuild,
            # and what the last one left, still young, is collected before it.  (The
            # first build runs as `mkdocs build` does, so that its objects grow old.)
            gc.collect(1)
            gc.disable()
        self.builds += 1
        for option in ("texts_dir", "glossary_dir"):
            folder = self.config[option].strip("/")
            if not re.fullmatch(r"[a-z0-9-]+(?:/[a-z0-9-]+)*", folder):
                raise PluginError(
                    f"resolutions: '{option}' must be a relative folder of lower-case "
                    f"letters, digits and hyphens, not '{self.config[option]}'"
                )
            self.config[option] = folder
        return config

    # ---------------------------------------------------------------- pages

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.made.next_build()
        # The corpus is millions of small objects, made at once and kept to the end of
        # the build: Python's cycle collector would walk them again and again (a quarter
        # of the conversion's time at 10,000 texts), and they hold no cycles to find.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.corpus = self._convert()
            self.documents = self.corpus.documents
            generated = self._generate(config) + self._glossary_pages(config)
        finally:
            if collecting:
                gc.enable()
        if not self.is_serve:
            # Nor while MkDocs builds the pages.  (Not when serving: what is frozen is
            # never collected, and the next rebuild leaves this build's pages behind.
            # See on_config.)
            gc.freeze()
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(
                    f"resolutions: '{config.docs_dir}/{file.src_uri}' would hide a generated "
                    f"page; pages under '{self.config.texts_dir}/' and "
                    f"'{self.config.glossary_dir}/' are made from the source texts, remove "
                    "it from the docs folder"
                )
            files.append(file)
        if self.config.markdown_dir:
            self._export_markdown_start(config)
            for file in generated:
                self._export(file.src_uri, file.content_bytes)
        if self.reuse is not None and self.preview_error is None:
            self._reuse_pages(files, config)
        elif self.reuse is not None:
            self.reuse.expected = {}  # every page is built, to show the error
        log.info(
            "%d texts converted from %s/ (%d pages and data files generated)",
            len(self.documents),
            self.config.source_dir,
            len(generated),
        )
        return files

    def _reuse_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Serving: each generated page whose HTML an earlier rebuild made from the same
        Markdown, in the same site, is handed to MkDocs as that HTML (see PageReuse).
        Pages that the navigation or a hand-written page links to stay pages: MkDocs
        checks those links against its pages."""
        assert self.reuse is not None
        site = site_fingerprint(files, config)
        linked = linked_pages(files, config)
        self.reuse.expected = {}
        replaced: dict[str, File] = {}
        for file in list(files):
            if file.generated_by != "resolutions" or file.src_uri in linked:
                continue
            if not file.is_documentation_page():  # data: the same bytes, linked again
                stored = self.reuse.store(file.content_bytes)
            else:
                key = hashlib.sha256(
                    f"{site}\0{file.src_uri}\0".encode() + file.content_bytes
                ).hexdigest()
                stored = self.reuse.get(file.src_uri, key)
                if stored is None:
                    self.reuse.expected[file.src_uri] = key
                    continue
            files.remove(file)
            prebuilt = LinkedFile.generated(
                config,
                file.dest_uri,
                abs_src_path=str(stored),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            files.append(prebuilt)
            replaced[file.src_uri] = prebuilt
        for pages in (self.text_files, self.entry_files):
            for name, file in pages.items():
                pages[name] = replaced.get(file.src_uri, file)
        log.info(
            "Preview: %d generated pages unchanged, %d to build",
            len(replaced),
            len(self.reuse.expected),
        )

    @event_priority(-100)  # last: the HTML kept is the HTML written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        if page.file.src_uri == self.config.home_page:
            if output.count(HOME_TABLE) != 1:
                raise PluginError(
                    f"resolutions: {page.file.src_uri}: the place of the table of every "
                    "text was lost in the theme"
                )
            output = output.replace(HOME_TABLE, self.home_table, 1)
        if self.reuse is not None:
            self.reuse.keep(page.file.src_uri, output)
        if self.preview_error is not None:
            output = with_preview_error(output, self.preview_error)
        return output

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> None:
        if self.reuse is not None:
            # MkDocs makes a new environment for every rebuild, which compiles the
            # theme's templates again; their compiled code is kept instead.
            env.bytecode_cache = self.reuse.templates

    def _convert(self) -> Corpus:
        folder = self.project_dir / self.config.source_dir
        if not folder.is_dir():
            raise PluginError(f"resolutions: no source folder '{folder}'")
        try:
            result = build_corpus(
                folder,
                self.project_dir,
                jobs=self.config.jobs,
                cache=self.project_dir / self.config.cache_dir if self.config.cache_dir else None,
                memo=self.memo,
            )
        except SourceError as error:
            if self.is_serve and self.corpus is not None:
                return self._keep_previewing(str(error))
            # Fail closed: a site without one of its texts must not be published.
            raise PluginError(f"resolutions: {error}") from None
        errors = [d for d in result.diagnostics if d.severity == "error"]
        if errors:
            message = "\n".join(str(d) for d in errors)
            if self.is_serve and self.corpus is not None:
                return self._keep_previewing(message)
            raise PluginError("resolutions:\n" + message)
        found = self._check(result.documents)
        errors = [d for d in found if d.severity == "error"]
        if errors:
            if self.is_serve and self.corpus is not None:
                return self._keep_previewing("\n".join(str(d) for d in errors))
            # What `resolutions check` refuses is not published: a text that converts
            # but whose structure was not found would be one long paragraph on its page.
            raise PluginError(
                f"resolutions: {plural(len(errors), 'error')} in the source texts; "
                "`resolutions check` says the same:\n" + "\n".join(str(d) for d in errors)
            )
        self.preview_error = None
        for diagnostic in (*result.diagnostics, *found):
            # A warning does not stop the (strict) build: the text converted.  `resolutions
            # check --strict`, run before publishing, is where warnings block.
            log.info("%s", diagnostic)
        for document in result.documents:
            for value, what in ((document.slug, "slug"), (document.body, "body")):
                if not SAFE_NAME.fullmatch(value):
                    raise PluginError(
                        f"resolutions: {document.source_path}:{document.line}: error: "
                        f"{what} '{value}' cannot be used in a file name"
                    )
        for entry in result.glossary or ():
            if not SAFE_NAME.fullmatch(entry.id):
                raise PluginError(
                    f"resolutions: {result.glossary.path}:{entry.line}: error: "
                    f"glossary id '{entry.id}' cannot be used in a file name"
                )
        if not result.documents:
            raise PluginError(f"resolutions: no text found in '{folder}'")
        if result.glossary is None:
            log.info("resolutions: no glossaire.yml in '%s': the site has no glossary", folder)
        return result

    def _keep_previewing(self, message: str) -> Corpus:
        """Serving, when a text no longer converts: the preview goes on with the texts
        as they last converted, and every page shows the error (the server used to
        stop answering until the text was fixed)."""
        assert self.corpus is not None
        # Printed, not logged: MkDocs counts logged errors and, in strict mode, aborts
        # the rebuild, which leaves the server waiting.
        print(f"ERROR    -  resolutions: {message}", file=sys.stderr, flush=True)
        self.preview_error = message
        return self.corpus

    def _check(self, documents: Iterable[Document]) -> list[Diagnostic]:
        """The checks of `resolutions check` on each text (``checks.check_document``),
        in the order of the files and their lines.  Serving, a text converted in an
        earlier rebuild (the very same object) keeps its findings."""
        front = checks.FrontMatter(self.project_dir)
        kept: dict[int, tuple[Document, list[Diagnostic]]] = {}
        found: list[Diagnostic] = []
        for document in documents:
            earlier = self.checked.get(id(document))
            if earlier is None or earlier[0] is not document:
                earlier = (document, checks.check_document(document, front))
            kept[id(document)] = earlier
            found += earlier[1]
        if self.is_serve:
            self.checked = kept
        return checks.ordered(found)

    def _export_markdown_start(self, config: MkDocsConfig) -> None:
        """Check where ``markdown_dir`` points: inside the docs folder, the written pages
        would hide the generated ones on the next build."""
        target = (self.project_dir / self.config.markdown_dir).resolve()
        docs = Path(config.docs_dir).resolve()
        if target == docs or docs in target.parents:
            raise PluginError(
                f"resolutions: 'markdown_dir' ({target}) must be outside the docs folder"
            )

    def _export(self, src_uri: str, content: bytes) -> None:
        """Write one page (or data file) of the site's Markdown to ``markdown_dir``."""
        target = self.project_dir / self.config.markdown_dir / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    def _generated(self, config: MkDocsConfig, src_uri: str, content: str) -> File:
        return File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)

    def _render_context(self, lang: str = "fr") -> RenderContext:
        """Addresses as seen from a text's page (``<texts_dir>/<slug>.html``); the
        tooltips of a text in ``lang``."""
        glossary = self.corpus.glossary if self.corpus else None
        to_glossary = posixpath.relpath(self.config.glossary_dir, self.config.texts_dir)
        return RenderContext(
            glossary_url=lambda entry_id: f"{to_glossary}/{entry_id}.html",
            term_tip=glossary_tip(glossary, lang),
        )

    def _generate(self, config: MkDocsConfig) -> list[File]:
        texts = self.config.texts_dir
        generated: list[File] = []
        self.text_files = {}
        contexts: dict[str, RenderContext] = {}
        by_slug = {document.slug: document for document in self.documents}
        versions = translations(self.documents)
        for document in self.documents:
            rows = self.corpus.citations.cited_by(document.slug)
            context = contexts.get(document.lang) or contexts.setdefault(
                document.lang, self._render_context(document.lang)
            )
            others = versions.get(document.slug, {})
            counterparts = tuple(
                Counterpart(lang, slug, anchors_of(by_slug[slug])) for lang, slug in others.items()
            )
            # Made from the text, its "Cité par" rows, its other versions, the glossary
            # (its tooltips) and the folders its links go through.
            markdown, data = self.made.get(
                f"text:{document.slug}",
                (
                    document,
                    rows,
                    counterparts,
                    self.corpus.glossary,
                    texts,
                    self.config.glossary_dir,
                ),
                lambda document=document, rows=rows, context=context, counterparts=counterparts: (
                    self._render_text(document, rows, context, counterparts)
                ),
            )
            page = self._generated(config, f"{texts}/{document.slug}.md", markdown)
            self.text_files[document.slug] = page
            generated += [page, self._generated(config, f"{texts}/{document.slug}.json", data)]

        by_body: dict[str, list[Document]] = defaultdict(list)
        by_year: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            by_body[document.body].append(document)
            by_year[document.date[:4]].append(document)

        hub = File.generated(config, f"{texts}/index.md", content="")
        graph_data = self._citation_graph()
        graph, *graph_part_files = self._graph_files(config, graph_data)
        # Beside the other data, not among the texts' JSON files.
        graph_json = self._generated(
            config,
            GRAPH_DATA,
            json.dumps(graph_data, ensure_ascii=False, sort_keys=True) + "\n",
        )
        body_files = {
            body: self._generated(config, f"{texts}/organe/{body}.md", "")
            for body in sorted(by_body)
        }
        year_files = {
            year: self._generated(config, f"{texts}/annee/{year}.md", "")
            for year in sorted(by_year, reverse=True)
        }
        hub.content_string = self._hub_page(hub, body_files, by_body, year_files, by_year, graph)
        for body, file in body_files.items():
            file.content_string = self._listing_page(
                file, BODIES.get(body, body), by_body[body], hub, with_body=False
            )
        for year, file in year_files.items():
            file.content_string = self._listing_page(
                file, f"Textes de {year}", by_year[year], hub, with_body=True
            )
        return [
            *generated,
            hub,
            graph,
            *graph_part_files,
            graph_json,
            *body_files.values(),
            *year_files.values(),
        ]

    def _citation_graph(self) -> dict:
        """``corpus.citation_graph`` of the whole corpus, put together from the graph of
        each text (kept while the text is equal): the same nodes (each text's own, then
        the outside texts in the order the texts first cite them) and the same edges
        (one per citing text and cited node), in the same sorted order."""
        nodes: dict[str, dict] = {}
        outside: dict[str, dict] = {}
        edges: list[dict] = []
        schema = None
        for document in self.documents:
            own = self.made.get(
                f"graph-of:{document.slug}",
                (document,),
                lambda document=document: citation_graph([document]),
            )
            schema = own["schema_version"]
            for node in own["nodes"]:
                if node["in_corpus"]:
                    nodes[node["id"]] = node
                else:
                    outside.setdefault(node["id"], node)
            edges += own["edges"]
        for node_id, node in outside.items():
            nodes.setdefault(node_id, node)
        return {
            "schema_version": schema,
            "nodes": sorted(nodes.values(), key=lambda n: (n["group"], n["date"], n["id"])),
            "edges": sorted(edges, key=lambda edge: (edge["source"], edge["target"])),
        }

    @staticmethod
    def _render_text(
        document: Document,
        rows: tuple[CitedBy, ...],
        context: RenderContext,
        counterparts: tuple[Counterpart, ...] = (),
    ) -> tuple[str, str]:
        """A text's page (Markdown) and data (JSON)."""
        cited_by = render_cited_by(rows, lambda slug: f"{slug}.html")
        markdown = render_document(document, context, extra=cited_by, counterparts=counterparts)
        versions = {document.slug: {other.lang: other.slug for other in counterparts}}
        # Published as "source_texts/<file>" wherever that folder is on the machine that
        # built the site (messages keep the path that machine can open); texts sit
        # directly in their folder.
        path = Path(document.source_path)
        published = replace(document, source_path=f"{path.parent.name}/{path.name}")
        # Compact: json's C encoder only runs without indent (5 s saved at 1,000 texts).
        data = json.dumps(export([published], versions), ensure_ascii=False) + "\n"
        return markdown, data

    def _graph_files(self, config: MkDocsConfig, graph: dict) -> list[File]:
        """The citation graph's page (``<texts_dir>/citations.md``), first; past
        GRAPH_PART_TEXTS texts, it lists the parts the graph is drawn in, one page each
        (``<texts_dir>/citations/<year>[-<n>].md``): the texts of one year, at most
        GRAPH_PART_TEXTS at a time, with the texts they cite and those that cite them."""
        texts = self.config.texts_dir
        main = f"{texts}/citations.md"
        if len(self.documents) <= GRAPH_PART_TEXTS:
            content = self.made.get(
                "graph",
                (graph, texts, self.config.glossary_dir),
                lambda: self._graph_page(graph, texts, None),
            )
            return [self._generated(config, main, content)]
        around: dict[str, list[dict]] = defaultdict(list)
        for edge in graph["edges"]:
            around[edge["source"]].append(edge)
            if edge["target"] != edge["source"]:
                around[edge["target"]].append(edge)
        nodes = {node["id"]: node for node in graph["nodes"]}
        parts: list[tuple[str, str, int, int]] = []
        files: list[File] = []
        for name, title, documents in graph_parts(self.documents):
            ids = {f"doc:{document.slug}" for document in documents}
            edges = {id(edge): edge for node_id in ids for edge in around[node_id]}
            shown = ids | {edge[end] for edge in edges.values() for end in ("source", "target")}
            part = {
                "schema_version": graph["schema_version"],
                "nodes": sorted(
                    (nodes[node_id] for node_id in shown),
                    key=lambda n: (n["group"], n["date"], n["id"]),
                ),
                "edges": sorted(edges.values(), key=lambda e: (e["source"], e["target"])),
            }
            folder = f"{texts}/citations"
            content = self.made.get(
                f"graph-part:{name}",
                (part, title, folder, self.config.glossary_dir),
                lambda part=part, title=title, folder=folder: self._graph_page(part, folder, title),
            )
            files.append(self._generated(config, f"{folder}/{name}.md", content))
            made = sum(1 for edge in edges.values() if edge["source"] in ids)
            parts.append((f"citations/{name}.html", title, len(documents), made))
        index = self.made.get(
            "graph",
            (parts, len(graph["nodes"]), len(graph["edges"]), texts),
            lambda: self._graph_index(parts, graph, texts),
        )
        return [self._generated(config, main, index), *files]

    @staticmethod
    def _graph_intro(folder: str) -> str:
        data = posixpath.relpath(GRAPH_DATA, folder)
        return (
            "Chaque texte du corpus est un point plein, rangé par organe et par année ; "
            "chaque courbe va d’un texte à un texte qu’il cite. Les points creux sont "
            "des textes cités qui ne sont pas dans le corpus. Le graphe est aussi "
            f'publié en JSON : <a href="{data}" download>{posixpath.basename(GRAPH_DATA)}</a>.'
        )

    def _graph_page(self, graph: dict, folder: str, part: str | None) -> str:
        """A drawing of ``graph`` on a page of ``folder``: the whole graph, or the
        ``part`` named (see _graph_files)."""
        to_glossary = posixpath.relpath(self.config.glossary_dir, folder)
        to_texts = posixpath.relpath(self.config.texts_dir, folder)
        heading = "Les citations entre les textes"
        lines = ["---", "search:", "  exclude: true", "---", ""]
        if part is None:
            lines += [f"# {heading}", "", self._graph_intro(folder), ""]
        else:
            lines += [
                f"# {escape_html(part)} : les citations",
                "",
                "Les textes de cette partie, ceux qu’ils citent et ceux qui les citent. "
                f'<a href="{to_texts}/citations.html">Toutes les parties du graphe</a>. '
                + self._graph_intro(folder),
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
        return "\n".join(lines)

    def _graph_index(self, parts: list[tuple[str, str, int, int]], graph: dict, folder: str) -> str:
        """The citation graph's page when the graph is drawn in parts: one row a part."""
        rows = "".join(
            f'<tr><td><a href="{escape_html(url)}">{escape_html(title)}</a></td>'
            f'<td class="ra-count">{count}</td><td class="ra-count">{made}</td></tr>'
            for url, title, count, made in parts
        )
        return "\n".join(
            [
                "---",
                "search:",
                "  exclude: true",
                "---",
                "",
                "# Les citations entre les textes",
                "",
                self._graph_intro(folder),
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
        )

    def _glossary_pages(self, config: MkDocsConfig) -> list[File]:
        """The glossary's index and one page per entry; the index is there even without
        a glossary, since the navigation names it."""
        folder = self.config.glossary_dir
        glossary = self.corpus.glossary
        index = self._generated(config, f"{folder}/index.md", "")
        if glossary is None:
            index.content_string = (
                "# Glossaire\n\nLe corpus n’a pas de glossaire "
                f"(fichier `{self.config.source_dir}/glossaire.yml`).\n"
            )
            return [index]
        # Entries are indexed from the glossary after the build (see
        # _write_search_entries): the pages' lists of mentions, and the index's list of
        # every entry, would fill search results with excerpts.
        front_matter = (
            "---\nsearch:\n  exclude: true\n---\n\n" if self.config.search_paragraphs else ""
        )
        index.content_string = front_matter + glossary_index_page(
            glossary, self.corpus.mentions, lambda entry_id: f"{entry_id}.html"
        )
        labels = document_labels(self.documents)
        languages = document_languages(self.documents)
        pages = [index]
        self.entry_files = {}
        for entry in glossary:
            mentions = chunk_rows(self.corpus.mentions.sites(entry.id), GLOSSARY_PART_ROWS)
            cited_by = chunk_rows(
                self.corpus.citations.cited_by_entry(entry.id), GLOSSARY_PART_ROWS
            )
            count = max(len(mentions), len(cited_by), 1)
            for number in range(1, count + 1):
                # Part 1 is the entry's page; the others are pages of its folder.
                src_uri = f"{folder}/{entry.id}.md"
                if number > 1:
                    src_uri = f"{folder}/{entry.id}/{number}.md"
                part_mentions = mentions[number - 1] if number <= len(mentions) else ()
                part_cited_by = cited_by[number - 1] if number <= len(cited_by) else ()
                shown = [row.slug for row in (*part_mentions, *part_cited_by)]
                content = self.made.get(
                    f"entry:{src_uri}",
                    # What the page shows: the entry, its rows, the label of each text.
                    (
                        entry,
                        part_mentions,
                        part_cited_by,
                        [
                            (labels.get(slug), languages.get(slug))
                            for slug in [*shown, entry.document or ""]
                        ],
                        count,
                        self.config.texts_dir,
                    ),
                    partial(
                        self._entry_page,
                        entry,
                        part_mentions,
                        part_cited_by,
                        labels,
                        number,
                        count,
                        src_uri,
                        languages,
                    ),
                )
                page = self._generated(config, src_uri, front_matter + content)
                if number == 1:
                    self.entry_files[entry.id] = page
                pages.append(page)
        return pages

    def _entry_page(
        self,
        entry: Entry,
        mentions: tuple[SiteRow, ...],
        cited_by: tuple[SiteRow, ...],
        labels: dict[str, str],
        number: int,
        count: int,
        src_uri: str,
        languages: dict[str, str] | None = None,
    ) -> str:
        """Part ``number`` of ``count`` of a glossary entry's page; with more than one,
        links to every part before the page's lists, and after."""
        folder = posixpath.dirname(src_uri)
        to_texts = posixpath.relpath(self.config.texts_dir, folder)

        def link_for(slug: str, anchor: str) -> str:
            return f"{to_texts}/{slug}.html" + (f"#{anchor}" if anchor else "")

        content = glossary_entry_page(
            entry, mentions, link_for, labels, cited_by=cited_by, languages=languages
        )
        if count == 1:
            return content
        to_glossary = posixpath.relpath(self.config.glossary_dir, folder)
        links = []
        # The first, the last and the parts around this one: a bounded list of links.
        shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
        for previous, other in zip([0, *shown], shown, strict=False):
            if other > previous + 1:
                links.append("…")
            if other == number:
                links.append(f'<strong aria-current="page">{other}</strong>')
                continue
            target = f"{entry.id}.html" if other == 1 else f"{entry.id}/{other}.html"
            links.append(f'<a href="{escape_html(to_glossary)}/{escape_html(target)}">{other}</a>')
        nav = (
            f'<nav class="ra-pages" aria-label="Parties de la fiche"><p>'
            f"Mentions et citations, partie {number} sur {count} (au plus "
            f"{GLOSSARY_PART_ROWS} paragraphes par partie) : {' · '.join(links)}</p></nav>"
        )
        head, heading, rest = content.partition("\n## ")
        return f"{head}\n{nav}\n{heading}{rest}\n{nav}\n" if heading else f"{content}\n{nav}\n"

    def _hub_page(
        self,
        hub: File,
        body_files: dict[str, File],
        by_body: dict[str, list[Document]],
        year_files: dict[str, File],
        by_year: dict[str, list[Document]],
        graph: File,
    ) -> str:
        lines = [
            "---",
            "search:",
            "  exclude: true",
            "---",
            "",
            "# Les textes",
            "",
            f"Le corpus compte {plural(len(self.documents), 'texte')}. "
            "Chaque texte a sa page, où chaque paragraphe a son ancre.",
            "",
            "## Par organe",
            "",
        ]
        for body, file in body_files.items():
            label = escape_html(BODIES.get(body, body))
            lines.append(
                f'- <a href="{file.url_relative_to(hub)}">{label}</a> '
                f"({plural(len(by_body[body]), 'texte')})"
            )
        lines += ["", "## Par année", "", '<ul class="ra-years">']
        for year, file in year_files.items():
            lines.append(
                f'<li><a href="{file.url_relative_to(hub)}">{year}</a> '
                f"<span>({len(by_year[year])})</span></li>"
            )
        lines += [
            "</ul>",
            "",
            "## Les citations",
            "",
            f'Le <a href="{graph.url_relative_to(hub)}">graphe des citations</a> montre quels '
            "textes citent quels autres ; chaque page de texte énumère, sous « Cité par », "
            "les passages du corpus qui la citent.",
            "",
        ]
        return "\n".join(lines)

    def _listing_page(
        self, file: File, title: str, documents: list[Document], hub: File, *, with_body: bool
    ) -> str:
        return "\n".join(
            [
                "---",
                "search:",
                "  exclude: true",
                "---",
                "",
                f"# {escape_html(title)}",
                "",
                f'<p class="ra-count">{plural(len(documents), "texte")} · '
                f'<a href="{hub.url_relative_to(file)}">tous les organes et toutes les '
                "années</a></p>",
                "",
                self._table(file, documents, with_body=with_body),
                "",
            ]
        )

    def _table(self, page: File, documents: Iterable[Document], *, with_body: bool) -> str:
        """The list of ``documents`` as one raw HTML block, links relative to ``page``."""
        header = "<th>Symbole</th><th>Titre</th>"
        header += "<th>Organe</th>" if with_body else ""
        header += "<th>Date</th>"
        rows = []
        for document in listing_order(documents):
            url = self.text_files[document.slug].url_relative_to(page)
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

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        slug = page.meta.get("ra_slug")
        if self.config.search_paragraphs and slug in self.text_files:
            # Indexed paragraph by paragraph after the build (see _write_search_entries).
            page.meta["search"] = {"exclude": True}
        is_home = page.file.src_uri == self.config.home_page
        if is_home:
            markdown = self._fill_home(markdown, page, config)
            if self.config.markdown_dir:
                self._export(page.file.src_uri, markdown.encode("utf-8"))
            # The table goes back in after the theme's search has read the page (see
            # on_post_page): it is kept out of search anyway, and the search plugin's
            # parse of it was most of the time of the home page.
            markdown = markdown.replace(self.home_table, HOME_TABLE, 1)
        if is_home or page.file.generated_by == "resolutions":
            markdown, self.stashed[page.file.src_uri] = stash_html_blocks(markdown)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        blocks = self.stashed.pop(page.file.src_uri, None)
        return html if blocks is None else unstash_html_blocks(html, blocks, page.file.src_uri)

    def _fill_home(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        marker = self.config.home_marker
        if marker not in markdown:
            raise PluginError(
                f"resolutions: {config.docs_dir}/{page.file.src_uri}: the marker '{marker}' "
                "is missing; it says where the table of every text goes"
            )
        paragraphs = sum(len(d.paragraphs) for d in self.documents)
        notes = sum(len(d.footnotes) for d in self.documents)
        bodies = Counter(document.body for document in self.documents)
        per_body = " ; ".join(
            f"{BODIES.get(body, body)} : {count}" for body, count in sorted(bodies.items())
        )
        parts = [
            '<div class="ra-corpus" data-search-exclude>',
            f'<p class="ra-counts"><strong>{plural(len(self.documents), "texte")}</strong> '
            f"({escape_html(per_body)}), {plural(paragraphs, 'paragraphe')}, "
            f"{plural(notes, 'note')}.</p>",
        ]
        if self.config.archive:
            parts.append(
                f'<p class="ra-archive"><a href="{escape_html(self.config.archive_name)}" '
                "download>Télécharger tout le site (archive zip)</a> pour le lire hors ligne : "
                "décompressez l’archive, puis ouvrez <code>index.html</code>.</p>"
            )
        self.home_table = self._table(page.file, self.documents, with_body=True)
        parts += [self.home_table, "</div>"]
        return markdown.replace(marker, "\n".join(parts), 1)

    # ---------------------------------------------------------------- after the build

    @event_priority(-50)  # after material/search wrote search_index.json (priority 0), and
    # before the offline plugin (-100) copies that file into search_index.js
    def _write_search_entries(self, *, config: MkDocsConfig) -> None:
        """The sharded index (``resolutions.search``) of the theme's entries and ours;
        the theme's index keeps its configuration and no entry, as our worker reads the
        shards (with ``search_index: theme``, the theme's index gets every entry)."""
        if not self.config.enabled:
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        pages = self._search_pages(index["docs"])
        if self.config.search_index == "theme":
            index["docs"] = [entry for page in pages for entry in page.entries]
        else:
            started = time.perf_counter()
            stats = write_search_index(path.parent, pages)
            log.info(
                "Search index: %d pages, %d terms, %d shards, %.1f MB in %.1f s",
                stats.pages,
                stats.terms,
                stats.shards,
                stats.index_bytes / 1e6,
                time.perf_counter() - started,
            )
            index["docs"] = []
        path.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    def _search_pages(self, theme_entries: list[dict[str, str]]) -> list[SearchPage]:
        if not self.config.search_paragraphs:
            return pages_from_entries(theme_entries)
        urls = {slug: file.url for slug, file in self.text_files.items()}
        entry_urls = {entry_id: file.url for entry_id, file in self.entry_files.items()}
        ours = {*urls.values(), *entry_urls.values()}
        pages = pages_from_entries(
            e for e in theme_entries if e["location"].split("#")[0] not in ours
        )
        # A symbol leads to its French text; to another only where there is none.
        french = {d.symbol for d in self.documents if d.lang == "fr"}
        for document in self.documents:
            url = urls[document.slug]
            entries = self.made.get(
                f"search:{document.slug}",
                (document, url),
                lambda document=document, url=url: search_entries(document, url),
            )
            keys = document_keys(document.symbol)
            if document.lang != "fr" and document.symbol in french:
                keys = ()
            pages.append(SearchPage(url, entries, "text", keys, index_block_titles=False))
        glossary = self.corpus.glossary if self.corpus else None
        for entry in glossary or ():
            url = entry_urls[entry.id]
            keys = glossary_keys([*entry.acronyms, entry.english_acronym], entry.url)
            pages.append(SearchPage(url, [glossary_search_entry(entry, url)], "glossary", keys))
        return pages

    @event_priority(-150)  # after the offline plugin (-100) wrote search_index.js, which
    # the archive must hold for search to work from the unpacked files
    def _write_archive(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.archive:
            return
        if self.is_serve:
            log.info("Offline archive skipped while serving")
            return
        target = write_archive(Path(config.site_dir), self.config.archive_name, build_epoch())
        log.info("Offline archive written: %s (%d bytes)", target, target.stat().st_size)

    @event_priority(-200)  # last of all
    def _thaw(self, *, config: MkDocsConfig) -> None:
        if self.is_serve:
            gc.enable()  # see on_config
        else:
            gc.unfreeze()
        if self.output is not None:
            self.output.complete = True

    on_post_build = CombinedEvent(_write_search_entries, _write_archive, _thaw)

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        gc.enable()
        if self.output is not None:
            # Strict mode's abort comes after the last event: nothing is published.
            self.output.complete = False
            self.output.failed = True


class AtomicOutput:
    """`mkdocs build` writes into a temporary folder beside the site's, swapped in once
    the whole build (strict mode's check included) has succeeded: a build that fails,
    is killed or stopped leaves the last site whole (pages, search index and archive
    of one build), never half of a new one.

    A lock on the folder that holds the site makes a second build into it wait for
    the first.  SIGTERM stops the build like an error (its folder is removed); a folder
    left by a killed build is removed by the next one."""

    def __init__(self) -> None:
        self.final: Path | None = None
        self.building: Path | None = None
        self.lock: Any = None
        self.complete = False
        self.failed = False

    def start(self, site_dir: Path) -> Path:
        import fcntl

        if self.building is not None:
            return self.building
        self.final = site_dir
        parent, name = site_dir.parent, site_dir.name
        parent.mkdir(parents=True, exist_ok=True)
        # The lock is on the folder that holds the site: no file is left behind.
        self.lock = os.open(parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("resolutions: another build of %s is running: waiting for it", site_dir)
            fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.building = process_folder(parent, f".{name}.building-")
        main = threading.current_thread() is threading.main_thread()
        if main and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, self._terminate)
        return self.building

    def _terminate(self, signum: int, frame: object) -> None:
        self.failed = True
        raise SystemExit(128 + signum)

    def finish(self) -> None:
        """Swap the new site in if the build completed, else remove it; unlock."""
        building, final = self.building, self.final
        if building is None or final is None:
            return
        try:
            if self.complete and not self.failed:
                old = final.parent / f".{final.name}.old-{os.getpid()}"
                shutil.rmtree(old, ignore_errors=True)
                if final.is_dir() and not final.is_symlink():
                    final.rename(old)
                elif final.exists() or final.is_symlink():
                    final.unlink()
                building.rename(final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                shutil.rmtree(building, ignore_errors=True)
        finally:
            self.building = None
            if self.lock is not None:
                os.close(self.lock)  # releases the lock
                self.lock = None


# -------------------------------------------------------------------- the preview


class Made:
    """What the plugin made in the previous build, by name, with what it was made from;
    ``get`` hands it back while those inputs are equal.  Only ``mkdocs serve`` builds
    twice in a process: elsewhere (``remember=False``) nothing is kept.  Inputs are
    mostly the very objects of the previous build (see pipeline.Memo), which compare
    equal at once."""

    def __init__(self, remember: bool = False) -> None:
        self.remember = remember
        self.previous: dict[str, tuple[object, Any]] = {}
        self.current: dict[str, tuple[object, Any]] = {}

    def next_build(self) -> None:
        self.previous, self.current = self.current, {}

    def get(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        if not self.remember:
            return make()
        found = self.previous.get(name)
        result = found[1] if found is not None and found[0] == inputs else make()
        self.current[name] = (inputs, result)
        return result


class PageReuse:
    """``mkdocs serve`` only: the HTML of generated pages from earlier rebuilds, handed
    back to MkDocs when nothing a page is made from has changed.

    A rebuild renders every page again (Python-Markdown, then the theme's templates:
    most of the 10 s of a rebuild at 1,000 texts on two cores), while an edit of one
    text changes a handful: its own page, the pages of the texts it cites (their "Cité
    par"), the glossary entries it names, its listings.  A page is made from its
    Markdown and from the site around it (the configuration, the theme, the hand-written
    pages, whose titles make the navigation), so its HTML is kept under a key of both,
    in a temporary folder, and an unchanged page becomes a file that MkDocs copies."""

    def __init__(self) -> None:
        # One folder per serving process, named after it: a server stopped without
        # cleaning up (killed) leaves its folder, removed by the next one.
        self.folder = process_folder(Path(tempfile.gettempdir()), PREVIEW_FOLDER)
        self.kept: dict[str, tuple[str, Path]] = {}
        """src_uri → (key, the file holding the HTML built under that key)."""
        self.expected: dict[str, str] = {}
        """src_uri → key, for the generated pages MkDocs builds in this rebuild."""
        self.data: dict[str, Path] = {}
        """Hash of a generated data file's bytes → the file holding them."""
        self.templates = TemplateCodeCache()

    def store(self, content: bytes) -> Path:
        """A file holding ``content`` (written once for the same bytes)."""
        key = hashlib.sha256(content).hexdigest()
        path = self.data.get(key)
        if path is None:
            path = self.folder / f"data-{key}"
            path.write_bytes(content)
            self.data[key] = path
        return path

    def get(self, src_uri: str, key: str) -> Path | None:
        kept = self.kept.get(src_uri)
        if kept is None or kept[0] != key or not kept[1].is_file():
            return None
        return kept[1]

    def keep(self, src_uri: str, html: str) -> None:
        key = self.expected.pop(src_uri, None)
        if key is None:
            return
        path = self.folder / f"{key}.html"
        # As MkDocs writes a page (mkdocs.commands.build._build_page).
        path.write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
        earlier = self.kept.get(src_uri)
        if earlier is not None and earlier[1] != path:
            earlier[1].unlink(missing_ok=True)
        self.kept[src_uri] = (key, path)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


PREVIEW_FOLDER = "resolutions-preview-"
"""Prefix of the preview's folder in the temporary folder, before the process id."""


def process_folder(parent: Path, prefix: str) -> Path:
    """An empty folder ``parent/<prefix><pid>`` for this process, after removing those
    that processes no longer running left behind (killed before they cleaned up)."""
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name.removeprefix(prefix)
        if pid.isdigit() and not process_exists(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    folder = parent / f"{prefix}{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


class LinkedFile(File):
    """A file of the preview's folder, put into the site as a hard link: one system
    call, where a copy opens, reads and writes (2,000 files a rebuild at 1,000 texts).
    MkDocs empties the site folder before each build, so nothing writes through the
    link; a copy is made where linking fails (another file system)."""

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        try:
            os.link(self.abs_src_path, self.abs_dest_path)
        except OSError:
            super().copy_file(dirty)


class TemplateCodeCache(BytecodeCache):
    """Jinja's compiled templates, in memory, for the rebuilds of one preview (Jinja
    checks each template's source against the checksum it was compiled from)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


MARKDOWN_TARGET = re.compile(r"[^\s()<>\[\]\"'`]+\.md\b")
"""Anything that looks like the address of a page in Markdown: more than the links."""


def linked_pages(files: Files, config: MkDocsConfig) -> set[str]:
    """The pages the navigation names, and every ``….md`` that a hand-written page
    mentions, read both relative to that page and to the docs folder (too many is
    harmless: those pages are built as usual)."""
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.add(posixpath.normpath(item))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.nav or [])
    for file in files:
        if file.generated_by is not None or not file.is_documentation_page():
            continue
        folder = posixpath.dirname(file.src_uri)
        for target in MARKDOWN_TARGET.findall(file.content_string):
            target = target.lstrip("/")
            found.add(posixpath.normpath(posixpath.join(folder, target)))
            found.add(posixpath.normpath(target))
    return found


def site_fingerprint(files: Files, config: MkDocsConfig) -> str:
    """A hash of what every page is made from besides its own Markdown: the
    configuration file, the theme's overrides (``custom_dir``: the installed theme does
    not change while serving), and every file of the docs folder.  Sizes and times for
    the theme and static files, contents for the hand-written pages."""
    digest = hashlib.sha256()
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    custom_dir = config.theme.custom_dir
    for path in sorted(Path(custom_dir).rglob("*")) if custom_dir else ():
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    docs = os.path.abspath(config.docs_dir)
    for file in sorted(files, key=lambda file: file.src_uri):
        if file.generated_by is not None or file.src_dir is None:
            continue
        if os.path.abspath(file.src_dir) != docs:  # the theme's, counted above
            continue
        if file.is_documentation_page():
            digest.update(f"{file.src_uri}\0".encode() + file.content_bytes)
        else:
            stat = os.stat(file.abs_src_path)
            digest.update(f"{file.src_uri}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


# -------------------------------------------------------------------- helpers

HTML_BLOCK_START = re.compile(
    r"<(?:div|p|ol|ul|dl|section|table|figure|details|blockquote|h[1-6])[\s>]"
)
STASH = "ra-stash-{}"
STASHED = re.compile(r"<p>ra-stash-(\d+)</p>")


def stash_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Take the raw HTML blocks out of generated Markdown, leaving a placeholder
    paragraph for each; ``unstash_html_blocks`` puts them back into the HTML.

    A generated page is nearly all raw HTML, which Python-Markdown passes through
    unchanged, but only after parsing every tag of it to find where each block ends:
    most of the time of a page (about 15 s of the build at 1,000 texts).  A block here
    is what Python-Markdown takes as one: it starts a line, after a blank line, with a
    block-level tag, and runs to the next blank line.  The headings stay Markdown, for
    the table of contents."""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        starts_block = not out or not out[-1].strip()
        if starts_block and HTML_BLOCK_START.match(line):
            end = index
            while end < len(lines) and lines[end].strip():
                end += 1
            out.append(STASH.format(len(blocks)))
            blocks.append("\n".join(lines[index:end]))
            index = end
            continue
        out.append(line)
        index += 1
    return "\n".join(out), blocks


def unstash_html_blocks(html: str, blocks: list[str], where: str) -> str:
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        seen.add(int(match.group(1)))
        return blocks[int(match.group(1))]

    restored = STASHED.sub(restore, html)
    if len(seen) != len(blocks):
        missing = sorted(set(range(len(blocks))) - seen)
        raise PluginError(f"resolutions: {where}: HTML blocks {missing} lost in Markdown")
    return restored


GRAPH_PART_TEXTS = 50
"""Past this many texts, the citation graph is drawn in parts of at most this many texts
of the corpus (with their neighbours), so that no page grows with the corpus: the
whole graph of 1,000 generated texts was one page of 3.8 MB."""


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


GLOSSARY_PART_ROWS = 200
"""Past this many paragraphs that name or cite an entry, the entry's page is cut in
parts: the page of the ONUDC listed 1 MB of mentions at 1,000 generated texts."""


def chunk_rows(rows: Iterable[Row], limit: int) -> list[tuple[Row, ...]]:
    """``rows`` (those of one text together) cut into parts of at most ``limit`` rows,
    never between two rows of the same text (a text with more rows than ``limit`` makes
    a part of its own)."""
    texts: list[list[Row]] = []
    for row in rows:
        if texts and texts[-1][0].slug == row.slug:
            texts[-1].append(row)
        else:
            texts.append([row])
    parts: list[list[Row]] = []
    for text in texts:
        if not parts or len(parts[-1]) + len(text) > limit:
            parts.append([])
        parts[-1].extend(text)
    return [tuple(part) for part in parts]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count > 1 else ''}"


def listing_order(documents: Iterable[Document]) -> list[Document]:
    """Most recent first; texts of the same date by symbol."""
    by_symbol = sorted(documents, key=lambda document: (document.symbol, document.slug))
    return sorted(by_symbol, key=lambda document: document.date, reverse=True)


def build_epoch() -> int:
    """The time the build claims: ``SOURCE_DATE_EPOCH`` if set, never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ZIP_EPOCH
    if not value.isdigit():
        raise PluginError(f"resolutions: SOURCE_DATE_EPOCH='{value}' is not a number of seconds")
    return max(int(value), ZIP_EPOCH)


def with_preview_error(page: str, message: str) -> str:
    """``page`` with ``message`` (the editor's ``file:line: error:`` lines) at the top
    of its body, escaped: a notice of the preview only, never in a built site."""
    notice = (
        '<div class="ra-preview-error" role="alert" style="background:#fdecea;'
        "color:#611a15;padding:.8em 1.2em;border-bottom:2px solid #d93025;"
        'font-size:.8rem"><strong>Prévisualisation : un texte ne se convertit pas ; '
        "les pages montrent les textes tels qu’ils se convertissaient avant.</strong>"
        f'<pre style="white-space:pre-wrap;margin:.4em 0 0">{escape_html(message)}</pre></div>'
    )
    body = re.search(r"<body[^>]*>", page)
    if body is None:
        return notice + page
    return page[: body.end()] + notice + page[body.end() :]


def write_archive(site_dir: Path, name: str, epoch: int) -> Path:
    """Zip ``site_dir`` into ``site_dir/name``: same files in, same bytes out.

    Entries are sorted, dated ``epoch`` and given fixed permissions, and sit in one
    folder named after the archive, so that unpacking it makes one folder."""
    target = site_dir / name
    partial = site_dir / f".{name}.{os.getpid()}.partial"
    paths = sorted(
        (path.relative_to(site_dir).as_posix(), path)
        for path in site_dir.rglob("*")
        if path.is_file()
        and path != target
        and not (path.name.startswith(f".{name}.") and path.name.endswith(".partial"))
    )
    folder = Path(name).stem
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(partial, "w") as archive:
        for relative, path in paths:
            info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=stamp)
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    partial.replace(target)
    return target


def search_entries(document: Document, url: str) -> list[dict[str, str]]:
    """One search entry for the text, then one per block (paragraph, sub-item, heading,
    note), each pointing at the block's anchor so that a result opens at it."""
    body = BODIES.get(document.body, document.body)
    ref = document.symbol or f"{body}, {document.type} ({document.date[:4]})"
    if document.lang != "fr":
        # Its French version, under the same symbol, may be found too.
        ref += f" (texte {LANGUAGE_NAMES.get(document.lang, document.lang)})"
    entries = [
        {
            "location": url,
            "title": html.escape(display_title(document), quote=False),
            "text": html.escape(
                f"{body}, {document.type}, {french_date(document.date)}", quote=False
            ),
        }
    ]
    parent: Paragraph | None = None
    for anchor, block in document.blocks():
        if isinstance(block, Paragraph):
            parent = block
        label = block_label(anchor, block, parent)
        entries.extend(block_entry(url, anchor, f"{ref} — {label}", block))
    for note in document.footnotes:
        entries.extend(
            block_entry(url, f"fn-{note.number}", f"{ref} — note {note.number}", note.text)
        )
    return entries


def glossary_search_entry(entry: Entry, url: str) -> dict[str, str]:
    """One search entry for a glossary entry: what it is, and its other names, in
    French and in English (the first is the title)."""
    english = (
        f"{entry.english_name} ({entry.english_acronym})"
        if entry.english_acronym
        else entry.english_name
    )
    text = " ; ".join([entry.description, *entry.names[1:], english])
    return {
        "location": url,
        "title": html.escape(entry.title, quote=False),
        "text": html.escape(text, quote=False),
    }


def block_entry(url: str, anchor: str, title: str, block: Block) -> list[dict[str, str]]:
    text = " ".join(block.text.split())
    if not text:
        return []
    return [
        {
            "location": f"{url}#{anchor}",
            "title": html.escape(title, quote=False),
            "text": html.escape(text, quote=False),
        }
    ]


def block_label(anchor: str, block: Block, parent: Paragraph | None) -> str:
    """How a reader names the block: ``§ 3``, ``§ 6 a)``, ``préambule, alinéa 2``…"""
    if isinstance(block, Item) and parent is not None:
        return f"{block_label(parent.id, parent, None)} {block.label}"
    if isinstance(block, Paragraph):
        if block.kind == "operative" and block.number:
            return f"§ {block.number}"
        if block.kind == "preambular":
            return f"préambule, alinéa {anchor.removeprefix('pp')}"
        return f"passage {anchor.removeprefix('p')}"
    if anchor.startswith("sec-"):
        return f"partie {anchor.removeprefix('sec-')}"
    if anchor.startswith("title-"):
        return "intitulé"
    return {"author": "auteur", "closing": "formule finale"}.get(anchor, anchor)
