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

import html
import json
import logging
import os
import posixpath
import re
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..corpus import citation_graph
from ..errors import SourceError
from ..glossary import Entry
from ..model import Block, Document, Item, Paragraph
from ..pipeline import BODIES, Corpus, build_corpus
from ..render.citation_graph import render_citation_graph, render_cited_by
from ..render.glossary_pages import document_labels, glossary_entry_page, glossary_index_page
from ..render.inline import RenderContext
from ..render.json import export
from ..render.markdown import display_title, french_date, glossary_tip, render_document
from .config import ResolutionsConfig

log = logging.getLogger("mkdocs.plugins.resolutions")

SAFE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a slug or a body code must look like to become part of a file name."""

GRAPH_DATA = "donnees/graphe-des-citations.json"
"""The citation graph as data (nodes and edges), for reuse outside the site."""

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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if not self.config.enabled:
            return
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.project_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
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
        self.corpus = self._convert()
        self.documents = self.corpus.documents
        generated = self._generate(config) + self._glossary_pages(config)
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
        log.info(
            "%d texts converted from %s/ (%d pages and data files generated)",
            len(self.documents),
            self.config.source_dir,
            len(generated),
        )
        return files

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
            )
        except SourceError as error:
            # Fail closed: a site without one of its texts must not be published.
            raise PluginError(f"resolutions: {error}") from None
        errors = [d for d in result.diagnostics if d.severity == "error"]
        if errors:
            raise PluginError("resolutions:\n" + "\n".join(str(d) for d in errors))
        for diagnostic in result.diagnostics:
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
        return result

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

    def _render_context(self) -> RenderContext:
        """Addresses as seen from a text's page (``<texts_dir>/<slug>.html``)."""
        glossary = self.corpus.glossary if self.corpus else None
        to_glossary = posixpath.relpath(self.config.glossary_dir, self.config.texts_dir)
        return RenderContext(
            glossary_url=lambda entry_id: f"{to_glossary}/{entry_id}.html",
            term_tip=glossary_tip(glossary),
        )

    def _generate(self, config: MkDocsConfig) -> list[File]:
        texts = self.config.texts_dir
        generated: list[File] = []
        self.text_files = {}
        context = self._render_context()
        for document in self.documents:
            cited_by = render_cited_by(
                self.corpus.citations.cited_by(document.slug), lambda slug: f"{slug}.html"
            )
            page = self._generated(
                config,
                f"{texts}/{document.slug}.md",
                render_document(document, context, extra=cited_by),
            )
            # Compact: json's C encoder only runs without indent (5 s saved at 1,000 texts).
            data = json.dumps(export([document]), ensure_ascii=False) + "\n"
            self.text_files[document.slug] = page
            generated += [page, self._generated(config, f"{texts}/{document.slug}.json", data)]

        by_body: dict[str, list[Document]] = defaultdict(list)
        by_year: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            by_body[document.body].append(document)
            by_year[document.date[:4]].append(document)

        hub = File.generated(config, f"{texts}/index.md", content="")
        graph_data = citation_graph(self.documents)
        graph = self._generated(config, f"{texts}/citations.md", self._graph_page(graph_data))
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
        return [*generated, hub, graph, graph_json, *body_files.values(), *year_files.values()]

    def _graph_page(self, graph: dict) -> str:
        texts_dir = self.config.texts_dir
        to_glossary = posixpath.relpath(self.config.glossary_dir, texts_dir)
        return "\n".join(
            [
                "---",
                "search:",
                "  exclude: true",
                "---",
                "",
                "# Les citations entre les textes",
                "",
                "Chaque texte du corpus est un point plein, rangé par organe et par année ; "
                "chaque courbe va d’un texte à un texte qu’il cite. Les points creux sont "
                "des textes cités qui ne sont pas dans le corpus. Le graphe est aussi "
                f'publié en JSON : <a href="{posixpath.relpath(GRAPH_DATA, texts_dir)}" '
                f"download>{posixpath.basename(GRAPH_DATA)}</a>.",
                "",
                render_citation_graph(
                    graph,
                    lambda slug: f"{slug}.html",
                    lambda entry_id: f"{to_glossary}/{entry_id}.html",
                ),
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
        to_texts = posixpath.relpath(self.config.texts_dir, folder)
        labels = document_labels(self.documents)

        def link_for(slug: str, anchor: str) -> str:
            return f"{to_texts}/{slug}.html" + (f"#{anchor}" if anchor else "")

        pages = [index]
        self.entry_files = {}
        for entry in glossary:
            content = glossary_entry_page(
                entry,
                self.corpus.mentions.sites(entry.id),
                link_for,
                labels,
                cited_by=self.corpus.citations.cited_by_entry(entry.id),
            )
            page = self._generated(config, f"{folder}/{entry.id}.md", front_matter + content)
            self.entry_files[entry.id] = page
            pages.append(page)
        return pages

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
            label = html.escape(BODIES.get(body, body))
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
                f"# {html.escape(title)}",
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
            symbol = html.escape(document.symbol) if document.symbol else "—"
            cells = [
                f'<td class="ra-symbol"><a href="{url}">{symbol}</a></td>',
                f'<td><a href="{url}">{html.escape(document.title)}</a></td>',
            ]
            if with_body:
                cells.append(f"<td>{html.escape(BODIES.get(document.body, document.body))}</td>")
            cells.append(
                f'<td class="ra-date"><time datetime="{html.escape(document.date)}">'
                f"{html.escape(french_date(document.date))}</time></td>"
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
            f"({html.escape(per_body)}), {plural(paragraphs, 'paragraphe')}, "
            f"{plural(notes, 'note')}.</p>",
        ]
        if self.config.archive:
            parts.append(
                f'<p class="ra-archive"><a href="{html.escape(self.config.archive_name)}" '
                "download>Télécharger tout le site (archive zip)</a> pour le lire hors ligne : "
                "décompressez l’archive, puis ouvrez <code>index.html</code>.</p>"
            )
        parts += [self._table(page.file, self.documents, with_body=True), "</div>"]
        return markdown.replace(marker, "\n".join(parts), 1)

    # ---------------------------------------------------------------- after the build

    @event_priority(-50)  # after material/search wrote search_index.json (priority 0), and
    # before the offline plugin (-100) copies that file into search_index.js
    def _write_search_entries(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.config.search_paragraphs:
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        urls = {slug: file.url for slug, file in self.text_files.items()}
        entry_urls = {entry_id: file.url for entry_id, file in self.entry_files.items()}
        pages = {*urls.values(), *entry_urls.values()}
        entries = [e for e in index["docs"] if e["location"].split("#")[0] not in pages]
        for document in self.documents:
            entries.extend(search_entries(document, urls[document.slug]))
        glossary = self.corpus.glossary if self.corpus else None
        for entry in glossary or ():
            entries.append(glossary_search_entry(entry, entry_urls[entry.id]))
        index["docs"] = entries
        path.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

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

    on_post_build = CombinedEvent(_write_search_entries, _write_archive)


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


def write_archive(site_dir: Path, name: str, epoch: int) -> Path:
    """Zip ``site_dir`` into ``site_dir/name``: same files in, same bytes out.

    Entries are sorted, dated ``epoch`` and given fixed permissions, and sit in one
    folder named after the archive, so that unpacking it makes one folder."""
    target = site_dir / name
    partial = site_dir / f".{name}.partial"
    paths = sorted(
        (path.relative_to(site_dir).as_posix(), path)
        for path in site_dir.rglob("*")
        if path.is_file() and path not in (target, partial)
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
