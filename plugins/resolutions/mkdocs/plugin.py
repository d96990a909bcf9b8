"""The ``resolutions`` MkDocs plugin: hands MkDocs the pages the converter makes.

It only adapts: the conversion (``pipeline``), every generated page (``render.site``),
the search entries (``search``) and the archive (``archive``) are made outside it, with
no MkDocs import.  ``on_files`` builds the corpus (the build fails, naming the file and
line, if a text cannot be converted or ``resolutions check`` finds an error) and adds
the generated pages, in memory and out of the navigation; ``on_page_markdown`` fills
the home page's table and keeps raw HTML out of Python-Markdown (``stash``: put back
as the page is written, or before the theme's search reads it);
``on_post_build`` writes the search entries, then the archive.  Serving, ``preview``
reuses what the last rebuild made; building, ``output`` swaps the new site in once the
build has succeeded.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2 import Template as JinjaTemplate
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import checks
from ..archive import ArchiveWriter, build_epoch
from ..errors import SourceError
from ..pipeline import Corpus, Made, Memo, build_corpus
from ..render.listings import home_block
from ..render.pages import Folders, page_url, write_page
from ..render.site import MadeElsewhere, SitePages, site_files, site_paths
from ..search import add_to_index
from . import collector
from .config import ResolutionsConfig
from .generated import accept_generated, add_generated
from .headings import HeadingsRenderer
from .heap import give_back_freed_memory
from .output import AtomicOutput
from .parallel import PageWorker
from .preview import PageReuse, reuse_pages, watch_natively, with_preview_error
from .search_worker import SearchIndexWorker, writes_sharded_index
from .stash import PageStash, in_theme_search
from .text_pages import TextPagesWorker, add_made_elsewhere

log = logging.getLogger("mkdocs.plugins.resolutions")

NO_SITEMAP: JinjaTemplate = JinjaTemplate("")


class ResolutionsPlugin(BasePlugin[ResolutionsConfig]):
    def __init__(self) -> None:
        self.is_serve = False
        self.project_dir = Path.cwd()
        self.corpus: Corpus | None = None
        self.folders = Folders()  # where the generated pages go (see on_config)
        self.export: Path | None = None  # the option markdown_dir (see on_config)
        self.pages = SitePages([], {}, {})  # and where each text's and entry's page is
        self.stash = PageStash()  # raw HTML blocks kept out of Python-Markdown
        self.headings = HeadingsRenderer()  # generated pages' headings, without the rest
        self.output: AtomicOutput | None = None  # `mkdocs build`: see AtomicOutput
        self.archive: ArchiveWriter | None = None  # being written, during on_post_build
        self.worker = PageWorker()  # `mkdocs build`: builds half of the generated pages
        self.index_worker = SearchIndexWorker()  # `mkdocs build`: writes the search index
        self.text_worker = TextPagesWorker()  # `mkdocs build`: makes part of the texts' pages
        # mkdocs serve keeps this object from one rebuild to the next (MkDocs keeps a
        # plugin that has on_startup): what a rebuild can reuse is kept here.
        self.builds = 0
        self.memo: Memo | None = None  # all a rebuild reuses of the last (see pipeline.Memo)
        self.made = Made()  # pages' Markdown, search entries: the memo's, when serving
        self.reuse: PageReuse | None = None  # the pages' HTML (see PageReuse)
        self.preview_error: str | None = None  # why the last conversion failed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if not self.config.enabled:
            return
        self.is_serve = command == "serve"
        if command == "build":
            self.output = AtomicOutput()
        if self.is_serve:
            self.memo = Memo()
            self.made = self.memo.made
            self.reuse = PageReuse()

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
        options = self.config
        self.folders = Folders(options.texts_dir, options.glossary_dir, options.source_dir)
        if options.markdown_dir:
            # Inside the docs folder, the pages written would hide the generated ones.
            self.export = (self.project_dir / options.markdown_dir).resolve()
            docs = Path(config.docs_dir).resolve()
            if self.export == docs or docs in self.export.parents:
                raise PluginError(
                    f"resolutions: 'markdown_dir' ({self.export}) must be outside the docs folder"
                )
        if self.is_serve:
            # The preview keeps the theme's index: writing the shards and page files
            # again after every edit cost 8 s of each rebuild at 1,000 texts.  Set at
            # each rebuild: MkDocs reads the plugin's settings again for each (set once,
            # the first build alone kept the theme's index).  overrides/main.html reads it.
            self.config["search_index"] = "theme"
        if self.reuse is not None:
            self.reuse.theme.install(config)
            offline = config.plugins.get("material/offline")
            if offline is not None and offline.config.get("enabled", True):
                # The offline plugin copies the search index into a script for file://
                # (its other settings, mkdocs.yml makes itself).  Served over http, the
                # preview reads the index itself: copying it (90 MB at 10,000 texts)
                # was half a second of every rebuild.
                offline.config["enabled"] = False
        if self.is_serve and self.builds:
            collector.rebuild_starts()
        self.builds += 1
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.reuse is not None:
            self.reuse.hold(Path(config.site_dir))
        if self._in_processes() and writes_sharded_index(config, self.config):
            # Forked now, while the build's memory is small (see search_worker.py).
            self.index_worker.fork(Path(config.site_dir) / "search")

    def _in_processes(self) -> bool:
        """Whether the build shares its work with forked processes."""
        return self.config.enabled and self.config.parallel_pages and not self.is_serve

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        self.made.next_build()
        self.stash = PageStash()  # not what a failed rebuild left
        generated = 0
        sources = self.output.sources if self.output is not None else None
        with collector.resting():
            self.corpus = self._convert()
            self.pages = site_paths(self.corpus, self.folders)
            elsewhere: frozenset[str] = frozenset()
            if self._in_processes() and sources is not None:
                # Forked first, to start as soon as the corpus is made (text_pages.py).
                elsewhere = self.text_worker.start(
                    self.corpus,
                    self.folders,
                    config,
                    sources,
                    self.export,
                    searched_after=self.config.search_paragraphs,
                )
            # The index's process, if forked, counts the texts' terms while the pages
            # are made here: the build's second core had nothing else to do.
            self.index_worker.start(self.corpus.documents, self._text_urls(), self.made)
            made = site_files(
                self.corpus,
                self.folders,
                searched_after=self.config.search_paragraphs,
                made=self.made,
                elsewhere=elsewhere,
            )

            def add(path: str, content: str) -> None:
                add_generated(files, config, path, content, self.config, self.export, sources)

            def accept(path: str, content: str) -> None:
                accept_generated(files, config, path, content, self.config, self.export)

            if self.reuse is not None:
                generated = reuse_pages(
                    files,
                    config,
                    self.reuse,
                    made,
                    add,
                    accept,
                    none=self.preview_error is not None,  # every page built to show it
                )
            else:
                for page in made:
                    if isinstance(page, MadeElsewhere) and sources is not None:
                        # Written by the process (and into markdown_dir), not here.
                        accept_generated(files, config, page.path, "", self.config, None)
                        add_made_elsewhere(files, config, page.path, sources)
                    else:
                        add(page.path, page.content)
                    generated += 1
        collector.corpus_made(serving=self.is_serve)
        if not self.is_serve:
            # Before MkDocs's page loops and the fork of the page worker (see heap.py);
            # a preview's rebuild frees little and is timed.
            give_back_freed_memory()
        counts = (len(self.corpus.documents), self.config.source_dir, generated)
        log.info("%d texts converted from %s/ (%d pages and data files generated)", *counts)
        return files

    @event_priority(-100)  # last: the HTML kept is the HTML written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        output = self.stash.put_back(output, page.file.src_uri)
        if self.reuse is not None:
            self.reuse.keep(page.file.src_uri, output, page.file.dest_uri)
        if self.preview_error is not None:
            output = with_preview_error(output, self.preview_error)
        return output

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer | None:
        if self.config.enabled and not self.config.watch_polling:
            watch_natively(server)
        return server

    def on_pre_template(
        self, template: JinjaTemplate, *, template_name: str, config: MkDocsConfig
    ) -> JinjaTemplate | None:
        if self.reuse is not None and template_name == "sitemap.xml":
            # No sitemap in a preview, which no search engine reads: MkDocs rendered it
            # at each rebuild for every page (15,000 at 10,000 texts) and compressed it.
            # An empty output is written nowhere.
            return NO_SITEMAP
        return template

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        if self.worker.pages:  # every page, those the worker renders included
            context["pages"] = self.worker.pages
        return context

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if self.worker.pages:  # as in the serial build (see parallel.py)
            context["pages"] = self.worker.pages
        return context

    @event_priority(110)  # first: the texts' pages are all written before anything reads them
    def _join_text_pages(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self.text_worker.join()

    @event_priority(-100)  # last: the navigation the pages are built with
    def _start_page_worker(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        if self._in_processes():
            self.worker.start(files, config, nav, compress=self.config.archive)

    on_nav = CombinedEvent(_join_text_pages, _start_page_worker)

    def _text_urls(self) -> dict[str, str]:
        return {slug: page_url(page) for slug, page in self.pages.texts.items()}

    def _entry_urls(self) -> dict[str, str]:
        return {entry_id: page_url(page) for entry_id, page in self.pages.entries.items()}

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> None:
        if self.reuse is not None:
            # MkDocs makes a new environment for every rebuild, which compiles the
            # theme's templates again; their compiled code is kept instead.
            env.bytecode_cache = self.reuse.templates

    def _convert(self) -> Corpus:
        """The corpus, converted, annotated and checked; the build fails, naming the file
        and line, on any error (serving, the preview goes on, see _refuse)."""
        folder = self.project_dir / self.config.source_dir
        if not folder.is_dir():
            raise PluginError(f"resolutions: no source folder '{folder}'")
        cache = self.config.cache_dir
        try:
            result = build_corpus(
                folder,
                self.project_dir,
                jobs=self.config.jobs,
                cache=self.project_dir / cache if cache else None,
                memo=self.memo,
            )
        except SourceError as error:
            # Fail closed: a site without one of its texts must not be published.
            return self._refuse(str(error), f"resolutions: {error}")
        front = checks.FrontMatter(self.project_dir)
        kept = self.memo.checked if self.memo is not None else None
        found = checks.ordered(checks.check_documents(result.documents, front, kept))
        refused = checks.refusal(result.diagnostics, found)
        if refused is not None:
            return self._refuse(*refused)
        self.preview_error = None
        for diagnostic in (*result.diagnostics, *found):
            # A warning does not stop the (strict) build: the text converted.  `resolutions
            # check --strict`, run before publishing, is where warnings block.
            log.info("%s", diagnostic)
        if not result.documents:
            raise PluginError(f"resolutions: no text found in '{folder}'")
        if result.glossary is None:
            log.info("resolutions: no glossaire.yml in '%s': the site has no glossary", folder)
        return result

    def _refuse(self, message: str, refusal: str) -> Corpus:
        """A build fails with ``refusal``.  Serving, once a corpus was shown, the preview
        goes on with the texts as they last converted, and every page shows ``message``
        (the server used to stop answering until the text was fixed)."""
        if not self.is_serve or self.corpus is None:
            raise PluginError(refusal) from None
        # Printed, not logged: MkDocs counts logged errors and, in strict mode, aborts
        # the rebuild, which leaves the server waiting.
        print(f"ERROR    -  resolutions: {message}", file=sys.stderr, flush=True)
        self.preview_error = message
        return self.corpus

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        is_home = page.file.src_uri == self.config.home_page
        if is_home:
            markdown = self._fill_home(markdown, page, config)
            if self.export is not None and not self.worker.in_worker:
                write_page(self.export, page.file.src_uri, markdown)
        if is_home or page.file.generated_by == "resolutions":
            markdown = self.stash.take(markdown, page.file.src_uri)
        if page.file.generated_by == "resolutions":
            self.headings.offer(page, markdown)
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or not in_theme_search(page.meta):
            # A page the theme's search leaves out gets its blocks back as it is written
            # (on_post_page): until then its HTML is a few placeholders.
            return None
        return self.stash.put_back(html, page.file.src_uri, searched=True)

    def _fill_home(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        marker = self.config.home_marker
        if marker not in markdown:
            raise PluginError(
                f"resolutions: {config.docs_dir}/{page.file.src_uri}: the marker '{marker}' "
                "is missing; it says where the counts and the latest texts go"
            )
        documents = self.corpus.documents if self.corpus else ()
        archive = self.config.archive_name if self.config.archive else None
        block = home_block(documents, page.file.src_uri, self.config.texts_dir, archive)
        return markdown.replace(marker, block, 1)

    @event_priority(-50)  # after material/search wrote search_index.json (priority 0), and
    # before the offline plugin (-100) copies that file into search_index.js
    def _write_search_entries(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.corpus:
            return
        if not self.config.search_paragraphs and self.config.search_index == "theme":
            return
        started = time.perf_counter()
        theme_index = Path(config.site_dir) / "search" / "search_index.json"
        if self.index_worker.running:
            glossary, entry_urls = self.corpus.glossary, self._entry_urls()
            self.index_worker.finish(
                theme_index, self._text_urls(), glossary, entry_urls, self.made
            )
            return
        self.index_worker.stop()  # forked, never started: the index is written here
        stats = add_to_index(
            theme_index,
            self.corpus.documents,
            self._text_urls(),
            self.corpus.glossary,
            self._entry_urls(),
            self.made,
            sharded=self.config.search_index == "sharded",
            paragraphs=self.config.search_paragraphs,
        )
        if stats is not None:
            seconds = time.perf_counter() - started
            counts = (stats.pages, stats.terms, stats.shards, stats.index_bytes / 1e6, seconds)
            log.info("Search index: %d pages, %d terms, %d shards, %.1f MB in %.1f s", *counts)

    @event_priority(110)  # first of all: the worker's pages are written
    def _join_worker(self, *, config: MkDocsConfig) -> None:
        self.worker.join(config)
        if self.output is not None:
            self.output.release_sources()  # every page is read

    @event_priority(100)  # first: the pages are written, the search index is not yet
    def _start_archive(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.archive or self.is_serve:
            return
        try:
            epoch = build_epoch()
        except ValueError as error:
            raise PluginError(f"resolutions: {error}") from None
        site, ahead = Path(config.site_dir), self.worker.compressed()
        self.archive = ArchiveWriter(site, self.config.archive_name, epoch, ahead=ahead)
        self.archive.start()

    @event_priority(-150)  # after the offline plugin (-100) wrote search_index.js, which
    # the archive must hold for search to work from the unpacked files
    def _write_archive(self, *, config: MkDocsConfig) -> None:
        if self.archive is not None:
            target, self.archive = self.archive.finish(), None
            log.info("Offline archive written: %s (%d bytes)", target, target.stat().st_size)
        elif self.is_serve and self.config.enabled and self.config.archive:
            log.info("Offline archive skipped while serving")

    @event_priority(-200)  # last of all
    def _thaw(self, *, config: MkDocsConfig) -> None:
        collector.build_ends(serving=self.is_serve)
        if self.reuse is not None:
            self.reuse.release(completed=True)
        if self.output is not None:
            self.output.complete = True

    on_post_build = CombinedEvent(
        _join_worker, _start_archive, _write_search_entries, _write_archive, _thaw
    )

    def on_build_error(self, *, error: Exception) -> None:
        self.text_worker.stop()
        self.worker.stop()
        self.index_worker.stop()
        collector.build_failed(serving=self.is_serve)
        if self.reuse is not None:
            self.reuse.release(completed=False)
        stopped, self.archive = self.archive, None
        if stopped is not None:
            stopped.cancel()
        if self.output is not None:
            # Strict mode's abort comes after the last event: nothing is published.
            self.output.complete = False
            self.output.failed = True
