"""The site's search index, built once at build time and read in pieces by the browser.

``tokens`` turns text into index terms (the same rules as the browser's
``overrides/assets/javascripts/workers/ra-search-tokens.js``); ``index`` writes the terms
into small script files (term shards, one result file per page) that the search worker
loads with ``importScripts``, from a server or from disk (``file://``). Plain Python:
no MkDocs import.
"""

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
    "SearchIndexStats",
    "SearchPage",
    "document_keys",
    "fold",
    "glossary_keys",
    "pages_from_entries",
    "query_terms",
    "stem",
    "terms",
    "write_search_index",
]
