"""The site's search: entries made from the model, an index built once at build time
and read in pieces by the browser.

``entries`` makes one entry per text, block and glossary entry; ``tokens`` turns text
into index terms (the same rules as the browser's
``overrides/assets/javascripts/workers/ra-search-tokens.js``); ``index`` writes the terms
into small script files (term shards, one result file per page) that the search worker
loads with ``importScripts``, from a server or from disk (``file://``). Plain Python:
no MkDocs import.
"""

from .entries import (
    SearchEntry,
    add_to_index,
    block_entry,
    glossary_search_entry,
    search_entries,
    search_pages,
    with_paragraphs,
)
from .index import (
    SearchIndexStats,
    SearchPage,
    document_keys,
    glossary_keys,
    pages_from_entries,
    write_search_index,
)
from .tokens import fold, query_terms, stem, terms

__all__ = [
    "SearchEntry",
    "SearchIndexStats",
    "SearchPage",
    "add_to_index",
    "block_entry",
    "document_keys",
    "fold",
    "glossary_keys",
    "glossary_search_entry",
    "pages_from_entries",
    "query_terms",
    "search_entries",
    "search_pages",
    "stem",
    "terms",
    "with_paragraphs",
    "write_search_index",
]
