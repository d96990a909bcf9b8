"""Half of the generated pages rendered by a forked process, beside MkDocs's own loop.

MkDocs renders the pages one after the other in ``mkdocs.commands.build.build``: every
page is read and converted (``_populate_page``), ``on_env`` runs, then every page goes
through the theme's templates and is written (``_build_page``).  That second loop is a
seventh of a build and used one core of two.  Once ``on_env`` has run, every page is
converted, so each page's rendering needs nothing but what the process already holds:
``PageWorker.start`` forks a process that renders and writes half of the generated
pages while MkDocs, in the parent, renders the other pages (the pages it is given are
taken out of MkDocs's ``Files``, so its loop leaves them alone).

This relies on MkDocs's build loop and calls its private ``_build_page``: MkDocs is
pinned below 2 (1.6 is its last line), and this module is the one place that does, so
a change there is met here only.  The rendering is the same code and the same objects
as in the serial build, so the pages are the same bytes
(``tests/site/test_parallel_pages.py`` builds the seed site both ways and compares
every file).  What must stay as it was for the parent's own pages and templates:

- the ``pages`` of each template's context, which MkDocs takes from ``Files``: the
  list before the split is given back (``on_page_context``, ``on_template_context``);
- the theme's search reads a page as it is rendered (Material's ``on_page_context``):
  only pages it does not read (front matter ``search: exclude``) are given away;
- the anchors of a given page's links are checked by the worker, as MkDocs checks
  the others after its loop; a warning logged there fails a strict build, and so does
  the worker's failure or death (``PageWorker.join``, before the archive is zipped).

``parallel_pages: false`` in the plugin's settings keeps the serial loop; ``mkdocs
serve`` always does (the preview reuses pages as MkDocs renders them).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import resource
import signal
import sys
from collections.abc import Sequence

from jinja2 import Environment
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import CountHandler

from ..pipeline import die_with_parent
from .stash import in_theme_search

log = logging.getLogger("mkdocs.plugins.resolutions")

class PageWorker:
    """The forked process that renders part of the pages, from ``start`` to ``join``."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.reader: int | None = None
        self.given = 0
        self.pages: Sequence[File] = ()
        """The ``pages`` of every template's context (the sitemap's among them), as
        MkDocs listed them before the split; empty when nothing was split."""

    def start(self, files: Files, config: MkDocsConfig, env: Environment, nav: Navigation) -> None:
        """Fork a process that renders and writes half of the generated pages the
        theme's search does not read, and take them out of ``files``."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        movable = [
            file
            for file in pages
            if file.generated_by == "resolutions"
            and file.page is not None
            and not in_theme_search(file.page.meta)
        ]
        # Every other one: the pages of a kind (texts, glossary, graph) come together,
        # and their sizes with them.
        given = movable[1::2]
        if not given:
            return
        self.pages = pages
        sys.stdout.flush()
        sys.stderr.flush()
        # What is alive now stays where it is: the collector's passes would otherwise
        # write into every object's header, and the two processes would each copy the
        # whole heap.  (collector.build_ends unfreezes it after the build.)
        gc.freeze()
        parent = os.getpid()
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            os.close(reader)
            _render_and_exit(given, pages, config, env, nav, writer, parent)
        os.close(writer)
        self.pid, self.reader, self.given = pid, reader, len(given)
        for file in given:
            files.remove(file)
        log.debug("resolutions: %d pages rendered by process %d", len(given), pid)

    @property
    def running(self) -> bool:
        return self.pid is not None

    def join(self) -> None:
        """Wait for the worker; its failure, death or warnings (in strict mode) fail
        the build, with what it reported."""
        if self.pid is None or self.reader is None:
            return
        pid, reader = self.pid, self.reader
        self.pid = self.reader = None
        self.pages = ()
        with os.fdopen(reader, "rb") as pipe:
            report_bytes = pipe.read()
        _, status = os.waitpid(pid, 0)
        report = json.loads(report_bytes) if report_bytes else {}
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            raise PluginError(
                f"resolutions: the process rendering {self.given} of the pages was "
                f"stopped by {name}: the site is not complete"
            )
        if report.get("error") or os.waitstatus_to_exitcode(status) != 0:
            raise PluginError(
                f"resolutions: the process rendering {self.given} of the pages failed: "
                f"{report.get('error') or f'exit status {os.waitstatus_to_exitcode(status)}'}"
            )
        log.info(
            "resolutions: %d pages rendered by a second process (%.1f s of processor time)",
            self.given,
            report.get("cpu", 0.0),
        )
        warnings = report.get("warnings", 0)
        if warnings:
            # Logged here, so that strict mode counts them (the worker's own count
            # dies with it).
            log.warning(
                "resolutions: %d warning(s) above came from rendering %d of the pages",
                warnings,
                self.given,
            )

    def stop(self) -> None:
        """The build failed: the worker is killed, its pages will not be used."""
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if self.reader is not None:
            os.close(self.reader)
        self.pid = self.reader = None
        self.pages = ()


def _render_and_exit(
    given: list[File],
    pages: Sequence[File],
    config: MkDocsConfig,
    env: Environment,
    nav: Navigation,
    writer: int,
    parent: int,
) -> None:
    """In the forked process: render, write and check ``given`` as MkDocs's loops do,
    report on ``writer`` and exit without running anything of the parent's (its
    ``finally`` clauses, atexit handlers, the output's swap)."""
    report: dict[str, object] = {}
    status = 1
    current = ""
    try:
        die_with_parent(parent)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(counter)
        for file in given:
            assert file.page is not None
            current = file.src_uri
            _build_page(file.page, config, pages, nav, env, excluded=False)
        anchors = config.validation.links.anchors
        every_page = Files(list(pages))
        for file in given:
            assert file.page is not None
            current = file.src_uri
            file.page.validate_anchor_links(files=every_page, log_level=anchors)
        report["warnings"] = sum(count for _, count in counter.get_counts())
        usage = resource.getrusage(resource.RUSAGE_SELF)  # since the fork
        report["cpu"] = usage.ru_utime + usage.ru_stime
        status = 0
    except BaseException as error:  # reported to the parent, whatever it was
        where = f" (page '{current}')" if current else ""
        report["error"] = f"{type(error).__name__}: {error}{where}"[:4000]
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            os.write(writer, json.dumps(report).encode("utf-8"))
            os.close(writer)
        finally:
            os._exit(status)
