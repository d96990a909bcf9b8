"""Part of the texts' pages made by a forked process while the plugin makes the rest.

Once the corpus is made, ``on_files`` makes every generated page in the build's main
process, one after the other: at 10,000 texts the texts' pages alone took 24.8 s of it
(their Markdown: the inline HTML of every paragraph, its French typography), on one
core, while the other ran only the search index's process.  A text's page and data
need the corpus but nothing another page makes, and building, each is written to disk
as it is made (``generated.add_generated``), never kept: so ``TextPagesWorker.start``
forks a process that makes and writes the pages of the last texts of the corpus (a
share of them, ``CHILD_SHARE``: contiguous, so that it reads, and copies, as little of
the corpus's memory as it can) while the plugin makes the others, then the listings,
the graph and the glossary's pages.  In their place the plugin hands MkDocs files that
name where the process writes them (``render.site.MadeElsewhere``, ``add_made_elsewhere``),
in the same order as the serial build's; ``join`` waits for it before anything reads
them (at ``on_nav``, before the page worker reads the pages' front matter).

The pages are made by the same code from the same objects as in the serial build
(``render.site.text_pages``), so they are the same bytes
(``tests/site/test_parallel_pages.py`` compares every file of the two builds).  The
process's failure, death or warnings fail the build (``forked.ForkedChild``).  The
preview never forks it: it keeps its pages in memory, from one rebuild to the next.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..pipeline import Corpus, Made
from ..render.pages import Folders, write_page
from ..render.site import text_pages
from .forked import ForkedChild, Report

log = logging.getLogger("mkdocs.plugins.resolutions")

CHILD_SHARE = 0.5
"""The share of the texts whose pages the process makes: the plugin makes the others and
then the rest of the generated pages (a third of the time of the texts' pages at 1,000
texts) while the second core also runs the search index's process.  At half, a cold
build of 10,000 texts never waited for the process (py-spy, load 6-9: the process
took 57.7 s of samples for its 5,000 texts, the plugin 43.6 s for its own and about
45 s for the rest before the wait, the search index's start among it).  0.6 was
tried (sixth round) and measured worse on the quiet machine: a cold 10,000-text build
151.7 s and a peak of 1,463-1,526 MB for all its processes, against 139.3 s and
1,379 MB at half (README, footnote 17): the process's share is copied from the
plugin's memory as it touches it."""


def generated_target(config: MkDocsConfig, sources: Path, path: str) -> Path:
    """Where a generated file is written, building: a page's Markdown into ``sources``,
    where MkDocs reads it, a data file straight into the site (``add_generated``)."""
    folder = sources if path.endswith(".md") else Path(config.site_dir)
    return folder / path


class TextPagesWorker:
    """The process making part of the texts' pages, from ``start`` to ``join``."""

    def __init__(self) -> None:
        self.child = ForkedChild()
        self.slugs: frozenset[str] = frozenset()

    @property
    def running(self) -> bool:
        return self.child.running

    def start(
        self,
        corpus: Corpus,
        folders: Folders,
        config: MkDocsConfig,
        sources: Path,
        export: Path | None,
        *,
        searched_after: bool,
    ) -> frozenset[str]:
        """Fork the process that makes and writes the pages of the last texts; the slugs
        of those texts, which the plugin leaves to it (none if there are too few)."""
        documents = corpus.documents
        first = len(documents) - int(len(documents) * CHILD_SHARE)
        slugs = frozenset(document.slug for document in documents[first:])
        if not slugs or first == 0:
            return frozenset()

        def make(child: ForkedChild) -> Report:
            written = 0
            for page in text_pages(
                corpus, folders, Made(), searched_after=searched_after, only=slugs
            ):
                child.doing = f"page '{page.path}'"
                target = generated_target(config, sources, page.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(page.content.encode("utf-8"))
                if export is not None:
                    write_page(export, page.path, page.content)
                written += 1
            child.doing = ""
            return {"written": written}

        self.child.start(f"making the pages of {len(slugs)} texts", make)
        self.slugs = slugs
        return slugs

    def join(self) -> None:
        """Wait for the process: its failure, death or warnings fail the build."""
        if not self.child.running:
            return
        count = len(self.slugs)
        self.slugs = frozenset()
        started = time.perf_counter()
        report = self.child.join()
        # The wait says whether the share suits the machine (CHILD_SHARE).
        log.info(
            "resolutions: the pages of %d texts made by a second process (%.1f s of "
            "processor time; waited for it %.1f s)",
            count,
            report.get("cpu", 0.0),
            time.perf_counter() - started,
        )

    def stop(self) -> None:
        """The build failed: the process is killed, its pages will not be used."""
        self.slugs = frozenset()
        self.child.stop()


def add_made_elsewhere(files: Files, config: MkDocsConfig, path: str, sources: Path) -> None:
    """Add to MkDocs's files, out of the navigation, a file the process writes (where
    ``add_generated`` would have written it)."""
    target = generated_target(config, sources, path)
    files.append(
        File.generated(config, path, abs_src_path=str(target), inclusion=InclusionLevel.NOT_IN_NAV)
    )
