"""The sharded search index written by a forked process while MkDocs builds the pages.

Written after the build (``search.add_to_index``), the index was a fifth of the build's
main process at 1,000 texts, on one core of two.  It needs the corpus, not the pages,
but for one thing: the theme's entries of the pages whose entries are not made from the
model (the hand-written pages, the listings), which the theme's search writes into
``search/search_index.json`` only once every page is rendered.  The index numbers the
texts' pages first, then those, then the glossary's, and writes each page's file as it
comes: so the process writes the texts' pages and counts their terms while the pages
are made and built, then waits for the rest.

- ``fork`` (at ``on_pre_build``): the process is forked while the build's memory is
  small, and waits.  Forked later, with the corpus, it added 66 MB to the peak at 1,000
  texts (the serial build's was 199 MB): each page of memory it wrote to was copied,
  and reading an object writes to it (its reference count), as does allocating into
  the free places left between the corpus's objects.
- ``start`` (at ``on_files``, as soon as the corpus is made): the texts' pages
  (``search_pages``, their entries made from the model: 7 % of the index's time) are
  pickled into a file with no name, which the process then reads, so that it holds
  nothing of the corpus; it counts their terms while the plugin makes the pages (on one
  core: the other had nothing to do) and MkDocs builds them.
- ``finish`` (at ``on_post_build``, where the serial build calls ``add_to_index``): the
  other pages and the glossary's are made from the theme's entries and sent; the theme's
  index keeps its configuration only, as ``add_to_index`` leaves it; the process ends the
  index (its terms scored, its shards written) while the archive zips the pages.

The files are the serial build's, byte for byte: ``search_pages``'s pages in its order
(from two calls, see ``finish``), through the same ``write_search_index``
(``tests/site/test_parallel_pages.py`` compares every file of the two builds).  The
process's failure, death or warnings fail the build (``forked.ForkedChild``).
"""

from __future__ import annotations

import json
import logging
import pickle
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import IO

from mkdocs.config.defaults import MkDocsConfig

from ..glossary import Glossary
from ..model import Document
from ..pipeline import Made
from ..search import SearchIndexStats, SearchPage, search_pages, write_search_index
from .config import ResolutionsConfig
from .forked import ForkedChild, Report

log = logging.getLogger("mkdocs.plugins.resolutions")

TASK = "writing the search index"
INDEX_PARTS = ("manifest.js", "t", "p")
"""What ``write_search_index`` writes into the search folder."""


def writes_sharded_index(config: MkDocsConfig, options: ResolutionsConfig) -> bool:
    """Whether the plugin writes our index, with the texts' paragraphs, after the build:
    the theme's search is on (its index is the one ours joins) and so are they."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return (
        search is not None
        and search.config.get("enabled", True)
        and options.search_index == "sharded"
        and options.search_paragraphs
    )


class SearchIndexWorker:
    """The process writing the index, from ``fork`` to ``finish``."""

    def __init__(self) -> None:
        self.child = ForkedChild()
        self.folder: Path | None = None
        self.spool: IO[bytes] | None = None
        self.started = False

    @property
    def running(self) -> bool:
        """Whether the process is writing the index (``finish`` ends it)."""
        return self.child.running and self.started

    def fork(self, folder: Path) -> None:
        """Fork the process that will write the index into ``folder`` (the site's
        ``search/``) once ``start`` hands it the texts' pages."""
        # Beside the site: on its disk, not in memory (/tmp may be a tmpfs).
        beside = folder.parent.parent
        beside.mkdir(parents=True, exist_ok=True)  # MkDocs makes the site's folder there
        spool = tempfile.TemporaryFile(dir=beside)  # noqa: SIM115 (kept open until start)

        def write(child: ForkedChild) -> Report:
            child.received()  # start: the texts' pages are in the spool
            started = time.perf_counter()
            stats = write_search_index(folder, _pages(child, spool))
            return {"stats": asdict(stats), "seconds": time.perf_counter() - started}

        try:
            self.child.start(TASK, write, takes_data=True)
        except BaseException:
            spool.close()
            raise
        self.folder, self.spool, self.started = folder, spool, False

    def start(
        self, documents: Sequence[Document], text_urls: Mapping[str, str], made: Made | None
    ) -> None:
        """Hand the process the texts' pages: it starts writing the index."""
        spool = self.spool
        if spool is None or not self.child.running:
            return
        self.spool = None
        with spool:  # the process reads its own copy of the file
            for page in search_pages((), documents, text_urls, None, {}, made):
                pickle.dump(page, spool, protocol=pickle.HIGHEST_PROTOCOL)
            spool.flush()
        self.child.send("texts spooled")
        self.started = True

    def finish(
        self,
        theme_index: Path,
        text_urls: Mapping[str, str],
        glossary: Glossary | None,
        entry_urls: Mapping[str, str],
        made: Made | None,
    ) -> SearchIndexStats | None:
        """What ``add_to_index`` does after the pages are built, the index written by
        the process: hand it the rest of the pages, made with the entries of
        ``theme_index`` (the theme's ``search_index.json``), leave that file its
        configuration only, and wait for the process; the index's counts (None if the
        theme wrote no index: neither is there an index then, as in the serial build)."""
        folder, self.folder = self.folder, None
        if not theme_index.is_file():
            self.stop()
            for name in INDEX_PARTS:
                part = (folder or theme_index.parent) / name
                if part.is_dir():
                    shutil.rmtree(part)
                else:
                    part.unlink(missing_ok=True)
            return None
        index = json.loads(theme_index.read_text(encoding="utf-8"))
        # The second half of search_pages's pages: with no documents, the theme's
        # entries of the other pages, then the glossary's.
        rest = list(search_pages(index["docs"], (), text_urls, glossary, entry_urls, made))
        self.child.send(rest, last=True)
        index["docs"] = []
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        theme_index.write_text(text, encoding="utf-8")
        report = self.child.join()
        counts = report["stats"]
        assert isinstance(counts, dict)
        stats = SearchIndexStats(**counts)
        log.info(
            "Search index: %d pages, %d terms, %d shards, %.1f MB in %.1f s, by a second "
            "process (%.1f s of processor time)",
            stats.pages,
            stats.terms,
            stats.shards,
            stats.index_bytes / 1e6,
            report.get("seconds", 0.0),
            report.get("cpu", 0.0),
        )
        return stats

    def stop(self) -> None:
        """The process is killed (the build failed, or the index is not written)."""
        self.folder, self.started = None, False
        if self.spool is not None:
            self.spool.close()
            self.spool = None
        self.child.stop()


def _pages(child: ForkedChild, spool: IO[bytes]) -> Iterator[SearchPage]:
    """In the process: the texts' pages, from the spool; then the rest, once the
    parent sends them."""
    child.doing = "the texts' pages"
    spool.seek(0)  # its offset is the parent's too, which no longer uses it
    while True:
        try:
            page = pickle.load(spool)
        except EOFError:
            break
        yield page
    spool.close()
    child.doing = "waiting for the other pages"
    rest = child.received()
    assert isinstance(rest, list)
    child.doing = "the other pages and the glossary's"
    yield from rest
    child.doing = "the terms and shards"
