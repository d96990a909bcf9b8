"""Half of the generated pages converted and rendered by a forked process, beside
MkDocs's own loops.

MkDocs builds the pages one after the other in ``mkdocs.commands.build.build``: every
page is read and converted from Markdown (``_populate_page``), ``on_env`` runs, then
every page goes through the theme's templates and is written (``_build_page``).  Those
two loops were a quarter of a build, on one core of two.  A generated page needs
nothing of another generated page to be converted or rendered, so ``PageWorker.start``
(at ``on_nav``, the last event before the first loop) forks a process that converts,
renders and writes every other generated page, while MkDocs, in the parent, builds the
rest: the pages it gives away are left out of the list MkDocs's loops go through, and
stay in ``Files`` for the links to them.

This relies on MkDocs's build loop and calls its private ``_populate_page`` and
``_build_page``: MkDocs is pinned below 2 (1.6 is its last line), and this module is
the one place that does, so a change there is met here only.  The pages are made by
the same code from the same objects as in the serial build, so they are the same bytes
(``tests/site/test_parallel_pages.py`` builds the seed site both ways and compares
every file).  What each side needs of the other, and gets:

- the worker converts the pages of the navigation too, as the parent does: every page
  shows the navigation, with what those pages' front matter says;
- the ``pages`` of each template's context, which MkDocs lists from ``Files``: the
  list before the split is given back (the plugin's ``on_page_context`` and
  ``on_template_context``: the sitemap lists every page);
- the theme's search reads a page as it is rendered (Material's ``on_page_context``),
  in the process that renders it: only pages it does not read (front matter ``search:
  exclude``) are given away, which the worker checks once it has read them;
- a link to an anchor of a page converted by the other process: MkDocs checks the
  anchors after its loop, the worker those of its pages' links, and at ``join`` the
  parent checks the rest with what the worker reports (the same message as MkDocs's);
  a warning logged by the worker fails a strict build, and so does the worker's failure
  or death (``join``, at ``on_post_build``, before the archive is zipped).

Its pages written, the worker compresses them for the archive (``compress``): MkDocs
still builds its half in the parent then, and the second core had only the search
index's process to run; the archive takes each page's data from it (``ahead``) if the
page is still what was compressed (``archive.CompressedAhead``).

``parallel_pages: false`` in the plugin's settings keeps MkDocs's serial loops; ``mkdocs
serve`` always does (the preview reuses pages as MkDocs renders them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE, get_data

from ..archive import CompressedAhead
from .forked import ForkedChild, Report
from .stash import in_theme_search

log = logging.getLogger("mkdocs.plugins.resolutions")
anchors_log = logging.getLogger("mkdocs.structure.pages")
"""Where MkDocs logs a link to a missing anchor."""

FRONT_MATTER_READ = 8192
"""Bytes read from the start of a generated page to find its front matter; a page
whose front matter is longer stays with MkDocs."""


class PageWorker:
    """The forked process that builds part of the pages, from ``start`` to ``join``."""

    def __init__(self) -> None:
        self.child = ForkedChild()
        self.given: Sequence[File] = ()
        self.pages: Sequence[File] = ()
        """The ``pages`` of every template's context (the sitemap's among them), as
        MkDocs listed them before the split; empty when nothing was split."""
        self.files: Files | None = None
        self.in_worker = False
        """True in the worker: what the plugin writes besides the pages, it leaves to
        the parent."""
        self.ahead: CompressedAhead | None = None
        """The worker's pages compressed for the archive (complete once it joined)."""

    def start(
        self, files: Files, config: MkDocsConfig, nav: Navigation, *, compress: bool = False
    ) -> None:
        """Fork a process that converts, renders and writes every other generated page
        the theme's search does not read, and leave those out of MkDocs's loops;
        ``compress``: then compresses them for the archive (see ``compressed``)."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        in_nav = navigation_files(nav)
        movable = [
            file
            for file in pages
            if file.generated_by == "resolutions" and file not in in_nav and unsearched(file)
        ]
        # Every other one: the pages of a kind (texts, glossary, graph) come together,
        # and their sizes with them.
        given = movable[1::2]
        if not given:
            return

        ahead = CompressedAhead.beside(Path(config.site_dir).parent) if compress else None

        def build(child: ForkedChild) -> Report:
            self.in_worker = True
            report = _build(given, pages, files, config, nav, child)
            if ahead is not None:
                for file in given:
                    child.doing = f"compressing '{file.dest_uri}'"
                    ahead.add(file.dest_uri, Path(file.abs_dest_path))
                child.doing = ""
                report["compressed"] = ahead.finished()
            return report

        try:
            self.child.start(f"building {len(given)} of the pages", build)
        except BaseException:
            if ahead is not None:
                ahead.close()
            raise
        self.given, self.pages, self.files, self.ahead = given, pages, files, ahead
        left_out = set(given)
        every_page = Files.documentation_pages

        def parents_share(
            *, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
        ) -> Sequence[File]:
            listed = every_page(files, inclusion=inclusion)
            return [file for file in listed if file not in left_out]

        # MkDocs's loops list their pages with this method: set on this one object, and
        # taken away at ``join``.
        files.documentation_pages = parents_share  # type: ignore[method-assign]
        log.debug("resolutions: %d pages built by process %d", len(given), self.child.pid)

    @property
    def running(self) -> bool:
        return self.child.running

    @property
    def pid(self) -> int | None:
        return self.child.pid

    def join(self, config: MkDocsConfig) -> None:
        """Wait for the worker and check the anchors of the links between its pages and
        the others; its failure, death or warnings (in strict mode) fail the build,
        with what it reported."""
        if not self.child.running:
            return
        given, files, ahead = self.given, self.files, self.ahead
        self._forget()
        try:
            report = self.child.join()
        except BaseException:
            if ahead is not None:
                ahead.close()
            raise
        if ahead is not None:
            places = report.get("compressed", [])
            assert isinstance(places, list)
            ahead.receive(places)
            self.ahead = ahead
        log.info(
            "resolutions: %d pages built by a second process (%.1f s of processor time)",
            len(given),
            report.get("cpu", 0.0),
        )
        assert files is not None
        _check_anchors_across(files, given, report, config.validation.links.anchors)

    def compressed(self) -> CompressedAhead | None:
        """The worker's pages compressed for the archive, once it joined (None if it
        compressed none); the caller closes it."""
        ahead, self.ahead = self.ahead, None
        return ahead

    def stop(self) -> None:
        """The build failed: the worker is killed, its pages will not be used."""
        ahead = self.ahead
        self._forget()
        self.child.stop()
        if ahead is not None:
            ahead.close()

    def _forget(self) -> None:
        if self.files is not None:
            vars(self.files).pop("documentation_pages", None)
        self.files = None
        self.given = self.pages = ()
        self.ahead = None


def navigation_files(nav: Navigation | None) -> set[File]:
    """The files of the pages the navigation lists."""
    return {page.file for page in nav.pages} if nav is not None else set()


def unsearched(file: File) -> bool:
    """Whether the front matter of a generated page keeps it out of the theme's
    search, read as MkDocs will read it (false if it cannot be told from its start)."""
    if file.abs_src_path is not None:
        with open(file.abs_src_path, "rb") as page:
            start = page.read(FRONT_MATTER_READ).decode("utf-8", errors="replace")
    else:
        start = file.content_string[:FRONT_MATTER_READ]
    if not YAML_RE.match(start):
        return False
    return not in_theme_search(get_data(start)[1])


def _build(
    given: list[File],
    pages: Sequence[File],
    files: Files,
    config: MkDocsConfig,
    nav: Navigation,
    child: ForkedChild,
) -> Report:
    """In the forked process: convert the pages of the navigation and ``given``, then
    render, write and check ``given`` as MkDocs's loops do; what the parent needs to
    check the links between the two halves is the report."""
    taken, in_nav = set(given), navigation_files(nav)
    for file in pages:  # in MkDocs's order
        child.doing = f"page '{file.src_uri}'"
        if file in taken:
            _populate_page(file.page or Page(None, file, config), config, files)
        elif file in in_nav and file.page is not None:
            # A page of the navigation: the parent converts it too, and logs what
            # it finds there (a warning would otherwise be logged and counted twice).
            logging.disable(logging.CRITICAL)
            try:
                _populate_page(file.page, config, files)
            finally:
                logging.disable(logging.NOTSET)
    for file in given:
        assert file.page is not None
        if in_theme_search(file.page.meta):
            raise RuntimeError(
                f"'{file.src_uri}' is read by the theme's search, which its "
                "front matter's start did not say"
            )
    child.doing = ""
    env = config.theme.get_env()
    env = config.plugins.on_env(env, config=config, files=files)
    for file in given:
        assert file.page is not None
        child.doing = f"page '{file.src_uri}'"
        _build_page(file.page, config, pages, nav, env, excluded=False)
    child.doing = ""
    anchors = config.validation.links.anchors
    elsewhere: list[tuple[str, str, str, str]] = []
    for file in given:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=anchors)
        for target, links in (file.page.links_to_anchors or {}).items():
            if target.page is None or target.page.present_anchor_ids is None:
                elsewhere.extend(
                    (file.src_uri, target.src_uri, anchor, link) for anchor, link in links.items()
                )
    return {
        "links": elsewhere,
        "anchors": {
            file.src_uri: sorted(file.page.present_anchor_ids or ())
            for file in given
            if file.page is not None
        },
    }


def _check_anchors_across(
    files: Files, given: Sequence[File], report: Mapping[str, object], level: int
) -> None:
    """The anchors MkDocs could not check in either process: those of links from the
    parent's pages to the worker's, and from the worker's to the parent's."""
    anchors = report.get("anchors", {})
    assert isinstance(anchors, dict)
    present = {uri: set(ids) for uri, ids in anchors.items()}
    taken = set(given)
    for file in files:
        page = file.page
        if file in taken or page is None or not page.links_to_anchors:
            continue
        for target, links in page.links_to_anchors.items():
            if target.src_uri in present:
                for anchor, link in links.items():
                    if anchor not in present[target.src_uri]:
                        _missing_anchor(level, file.src_uri, link, target.src_uri, anchor)
    reported = report.get("links", [])
    assert isinstance(reported, list)
    for source, target_uri, anchor, link in reported:
        found = files.get_file_from_path(target_uri)
        if found is None or found.page is None or found.page.present_anchor_ids is None:
            continue
        if anchor not in found.page.present_anchor_ids:
            _missing_anchor(level, source, link, target_uri, anchor)


def _missing_anchor(level: int, source: str, link: str, target: str, anchor: str) -> None:
    # MkDocs's own message (Page.validate_anchor_links).
    anchors_log.log(
        level,
        f"Doc file '{source}' contains a link '{link}', but the doc '{target}' does not "
        f"contain an anchor '#{anchor}'.",
    )
