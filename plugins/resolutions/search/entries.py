"""The site's search entries, made from the model rather than from HTML: one per text,
one per block of a text (paragraph, sub-item, heading, note), so that a result opens at
the block, and one per glossary entry.  The MkDocs plugin hands them, after the build,
to ``add_to_index``: into our sharded index (``index.py``), in place of the entries the
theme made of those pages, or into the theme's own index (``search_index: theme``)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from .. import ids
from ..glossary import Entry, Glossary
from ..kept_json import KeptJSON
from ..load import BODIES
from ..model import Block, Document
from ..pipeline import Made
from ..render.markdown import LANGUAGE_NAMES, display_title, french_date
from .index import (
    SearchIndexStats,
    SearchPage,
    document_keys,
    glossary_keys,
    pages_from_entries,
    write_search_index,
)

SearchEntry = dict[str, str]
"""``location`` (address, with the block's anchor), ``title`` and ``text``, HTML-escaped."""


def add_to_index(
    path: Path,
    documents: Iterable[Document],
    text_urls: Mapping[str, str],
    glossary: Glossary | None,
    entry_urls: Mapping[str, str],
    made: Made | None = None,
    *,
    sharded: bool = True,
    paragraphs: bool = True,
) -> SearchIndexStats | None:
    """Index the theme's entries (``search/search_index.json``) and ours; nothing to do
    if the theme wrote none.  ``sharded``: our index is written beside it (``index.py``)
    and the theme's keeps only its configuration, which our worker needs; else the
    theme's index gets every entry.  ``paragraphs`` False: the theme's own entries only
    (a text page as one entry)."""
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    if not paragraphs:
        documents, text_urls, glossary, entry_urls = (), {}, None, {}
    stats = None
    if sharded:
        pages = search_pages(index["docs"], documents, text_urls, glossary, entry_urls, made)
        stats = write_search_index(path.parent, pages)
        index["docs"] = []
    options: dict = {"ensure_ascii": False, "separators": (",", ":")}
    if sharded:
        text = json.dumps(index, **options)
    elif made is not None and made.remember:
        # A preview: each text's entries are the same list while the text is the same,
        # and their JSON is kept with it.
        groups = paragraph_groups(index["docs"], documents, text_urls, glossary, entry_urls, made)
        kept = made.get("search-json", (), KeptJSON)
        kept.write(path, index, groups={"docs": groups}, **options)
        return stats
    else:
        index["docs"] = with_paragraphs(
            index["docs"], documents, text_urls, glossary, entry_urls, made
        )
        text = json.dumps(index, **options)
    path.write_text(text, encoding="utf-8")
    return stats


def search_pages(
    theme_entries: Iterable[SearchEntry],
    documents: Iterable[Document],
    text_urls: Mapping[str, str],
    glossary: Glossary | None,
    entry_urls: Mapping[str, str],
    made: Made | None = None,
) -> Iterator[SearchPage]:
    """The pages of ``with_paragraphs``, with their kinds and keys, one at a time in the
    order the index numbers them (texts, the site's other pages, the glossary): a
    text's symbol leads to its French version (to another only where there is none), a
    glossary entry's acronyms and document symbol to the entry."""
    documents = list(documents)
    others = pages_from_entries(_theme_entries_elsewhere(theme_entries, text_urls, entry_urls))
    french = {d.symbol for d in documents if d.lang == "fr"}
    for owner, url, entries in _own_entries(documents, text_urls, glossary, entry_urls, made):
        if isinstance(owner, Document):
            keys = (
                () if owner.lang != "fr" and owner.symbol in french else document_keys(owner.symbol)
            )
            yield SearchPage(url, entries, "text", keys, index_block_titles=False)
        else:
            if others:
                yield from others
                others = []
            keys = glossary_keys([*owner.acronyms, owner.english_acronym], owner.url)
            yield SearchPage(url, entries, "glossary", keys)
    yield from others


def with_paragraphs(
    theme_entries: Iterable[SearchEntry],
    documents: Iterable[Document],
    text_urls: Mapping[str, str],
    glossary: Glossary | None,
    entry_urls: Mapping[str, str],
    made: Made | None = None,
) -> list[SearchEntry]:
    """The theme's entries, less those of the texts' and the entries' pages, then the
    entries of each text (at ``text_urls[slug]``) and of each glossary entry (at
    ``entry_urls[id]``).  ``made`` keeps a text's entries between the rebuilds of a
    preview."""
    groups = paragraph_groups(theme_entries, documents, text_urls, glossary, entry_urls, made)
    return [entry for group in groups for entry in group]


def paragraph_groups(
    theme_entries: Iterable[SearchEntry],
    documents: Iterable[Document],
    text_urls: Mapping[str, str],
    glossary: Glossary | None,
    entry_urls: Mapping[str, str],
    made: Made | None = None,
) -> list[list[SearchEntry]]:
    """``with_paragraphs``'s entries in groups: the theme's, then each text's and each
    glossary entry's (a text's, the very list ``made`` kept, while the text is equal)."""
    groups = [_theme_entries_elsewhere(theme_entries, text_urls, entry_urls)]
    for _owner, _url, own in _own_entries(documents, text_urls, glossary, entry_urls, made):
        groups.append(own)
    return groups


def _theme_entries_elsewhere(
    theme_entries: Iterable[SearchEntry],
    text_urls: Mapping[str, str],
    entry_urls: Mapping[str, str],
) -> list[SearchEntry]:
    """The theme's entries, less those of the pages whose entries are made here."""
    ours = {*text_urls.values(), *entry_urls.values()}
    return [entry for entry in theme_entries if entry["location"].split("#")[0] not in ours]


def _own_entries(
    documents: Iterable[Document],
    text_urls: Mapping[str, str],
    glossary: Glossary | None,
    entry_urls: Mapping[str, str],
    made: Made | None,
) -> Iterator[tuple[Document | Entry, str, list[SearchEntry]]]:
    """Each text, then each glossary entry, with its page's URL and search entries;
    ``made`` keeps a text's entries between the rebuilds of a preview."""
    made = made or Made()
    for document in documents:
        url = text_urls[document.slug]
        yield (
            document,
            url,
            made.get(
                f"search:{document.slug}", (document, url), partial(search_entries, document, url)
            ),
        )
    for entry in glossary or ():
        url = entry_urls[entry.id]
        yield entry, url, [glossary_search_entry(entry, url)]


def search_entries(document: Document, url: str) -> list[SearchEntry]:
    """One search entry for the text, then one per block (paragraph, sub-item, heading,
    note), each pointing at the block's anchor so that a result opens at it, and named
    as the site names it (``ids.label``)."""
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
    for anchor, block in document.all_blocks():
        entries.extend(block_entry(url, anchor, f"{ref} — {ids.label(anchor)}", block))
    return entries


def glossary_search_entry(entry: Entry, url: str) -> SearchEntry:
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


def block_entry(url: str, anchor: str, title: str, block: Block) -> list[SearchEntry]:
    """The entry of one block (none for a block with no text)."""
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
