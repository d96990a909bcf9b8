"""What every generated page of the site shares: its path, the addresses between pages,
the front matter that keeps it out of the theme's search.

A generated page is a ``SitePage``: a path in the docs folder (``textes/index.md``) and
its Markdown, made by a pure function of the corpus; the MkDocs plugin only hands them
to MkDocs.  The site is built with ``use_directory_urls: false``: the page
``textes/<slug>.md`` is published at ``textes/<slug>.html``, and every address between
generated pages is relative, so that the site opens from ``file://``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


class SitePage(NamedTuple):
    """One generated file: its path in the docs folder and its content (Markdown for a
    ``.md`` page, the bytes of a data file as text)."""

    path: str
    content: str


@dataclass(frozen=True)
class Folders:
    """Where the generated pages go in the site (the plugin's ``texts_dir`` and
    ``glossary_dir``), and the folder of the source texts, as the glossary page names it."""

    texts: str = "textes"
    glossary: str = "glossaire"
    sources: str = "source_texts"


GRAPH_DATA = "donnees/graphe-des-citations.json"
"""The citation graph as data (nodes and edges), for reuse outside the site."""

SEARCH_EXCLUDED = "---\nsearch:\n  exclude: true\n---\n\n"
"""Front matter that keeps a page out of the theme's search index."""


def excluded_from_search(markdown: str) -> str:
    """``markdown`` with the front matter that keeps it out of the theme's search: a
    listing's rows, or a page indexed paragraph by paragraph after the build, would fill
    search results with excerpts."""
    return SEARCH_EXCLUDED + markdown


SYMBOL_PREFIXES = {"cnd": "CND", "ecosoc": "ECOSOC"}
"""Bodies whose resolutions are numbered without a series letter (``62/1``): such a
symbol alone reads as the General Assembly's (A/RES/62/1), so lists put the body first."""


def display_symbol(body: str, symbol: str) -> str:
    """A symbol as lists show it: ``62/1`` of the Commission des stupéfiants as
    ``CND 62/1``; any other symbol as it is printed."""
    prefix = SYMBOL_PREFIXES.get(body)
    if prefix and re.fullmatch(r"\d+/\d+", symbol):
        return f"{prefix} {symbol}"
    return symbol


def page_url(path: str) -> str:
    """The address of the page at ``path`` (``textes/a.md`` → ``textes/a.html``)."""
    return path.removesuffix(".md") + ".html" if path.endswith(".md") else path


def relative_url(target: str, page: str) -> str:
    """The address of the page ``target`` as seen from the page ``page`` (both paths in
    the docs folder), as MkDocs's ``File.url_relative_to`` makes it."""
    return posixpath.relpath("/" + page_url(target), "/" + posixpath.dirname(page_url(page)))


def plural(count: int, noun: str) -> str:
    """``1 texte``, ``2 textes``: French plural of a regular noun."""
    return f"{count} {noun}{'s' if count > 1 else ''}"


def write_page(folder: Path, path: str, content: str) -> None:
    """Write one generated page (or data file) into ``folder``, laid out as a docs folder:
    the plugin's ``markdown_dir``, which a plain MkDocs build compares with."""
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8"))
