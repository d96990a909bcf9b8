"""Configuration of the ``resolutions`` MkDocs plugin (the ``plugins:`` entry in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import Choice, Optional, Type, ValidationError

from ..load import SLUG


class SiteFolder(Type[str]):
    """A folder of the site: relative, each part a slug (``load.SLUG``: it becomes part of
    every generated page's path and address); slashes around it dropped."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value).strip("/")
        if not all(SLUG.fullmatch(part) for part in folder.split("/")):
            raise ValidationError(
                "must be a relative folder of lower-case letters, digits and hyphens, "
                f"not '{value}'"
            )
        return folder


class ResolutionsConfig(Config):
    enabled = Type(bool, default=True)

    # Settings for sources
    source_dir = Type(str, default="source_texts")
    """Folder of the source texts (``*.txt``), relative to mkdocs.yml."""
    jobs = Optional(Type(int))
    """Worker processes for the conversion; unset: one per core."""
    cache_dir = Optional(Type(str))
    """Folder (relative to mkdocs.yml) where conversions are kept by content, so that an
    edit reconverts one text; unset: no cache."""

    # Settings for generated pages
    texts_dir = SiteFolder(default="textes")
    """Folder of the site where the text pages and their index pages are generated."""
    glossary_dir = SiteFolder(default="glossaire")
    """Folder of the site where the glossary pages are generated."""
    home_page = Type(str, default="index.md")
    """The hand-written page that receives the corpus: its counts and latest texts."""
    home_marker = Type(str, default="<!-- ra:corpus -->")
    """Where, in the home page, the corpus goes (the build fails without it)."""

    # Settings for search
    search_paragraphs = Type(bool, default=True)
    """Index every paragraph of a text on its own, so that a result opens at the paragraph."""
    search_index = Choice(("sharded", "theme"), default="sharded")
    """``sharded``: our index, built with the site and loaded in pieces by our worker
    (``resolutions.search``); ``theme``: Material's, built in the reader's browser at each
    visit (the benchmark's comparison, and ``mkdocs serve`` always)."""

    # Settings for the build
    parallel_pages = Type(bool, default=True)
    """`mkdocs build` converts and renders half of the generated pages in a second
    process (``mkdocs/parallel.py``) and writes the search index in a third
    (``mkdocs/search_worker.py``); ``false``: all in one process, MkDocs building the
    pages one after the other (``mkdocs serve`` always does)."""

    # Settings for the offline archive
    archive = Type(bool, default=True)
    """Write the whole built site as one zip archive (skipped by ``mkdocs serve``)."""
    archive_name = Type(str, default="resolutions-annotees.zip")

    # Settings for the preview
    watch_polling = Type(bool, default=False)
    """``mkdocs serve`` polls the watched folders for changes, as MkDocs does, rather than
    being told of them by the system (Linux's inotify; elsewhere MkDocs polls anyway):
    for sources on a network or container mount, whose changes the system may not
    report.  Polling adds up to half a second before each rebuild."""

    # Settings for measuring the plugin
    markdown_dir = Optional(Type(str))
    """Folder (relative to mkdocs.yml) where the Markdown of every generated page, the
    home page as filled, and the data files are written, laid out as a docs folder: a
    plain MkDocs build of the same Markdown, without this plugin, is the floor that
    ``benchmarks/bench_site.py`` compares the build with.  Unset: nothing is written."""
