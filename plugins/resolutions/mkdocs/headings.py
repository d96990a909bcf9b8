"""Generated pages converted from their headings alone, by one Markdown converter.

Once its raw HTML blocks are stashed (``stash.py``), what is left of a generated page's
Markdown for Python-Markdown is its headings (``# A/RES/62/176 — Titre``, ``## Notes
{#notes}``), each on a line of its own between blank lines, and a placeholder line for
each block (``ra-stash-3``), which becomes ``<p>ra-stash-3</p>``.  MkDocs's
``Page.render`` made a new ``Markdown`` object for every page and ran every stage of it
over the placeholders too: 1.45 ms a text page, 2.3 s of processor time for the 1,690
generated pages of 1,000 texts.  Here the page's headings alone are converted, by a
converter made once per process and reset between pages (what Python-Markdown offers
for reuse), with MkDocs's own processors for the page, and the placeholders'
paragraphs are put back between them.  So every heading is converted as before (its
id, the table of contents, the permalink, the page's title from its first heading), by
the same code, and the HTML is the same: each block of the page is one top-level
element, written one to a line.  A page of any other shape (a list, a paragraph, raw
HTML left in its Markdown) goes through ``Page.render`` as before.

This relies on MkDocs's internals: ``Page.render``'s steps, copied here with the
converter kept, and the private processors it registers (``_RawHTMLPreprocessor``,
``_ExtractAnchorsTreeprocessor``, ``_RelativePathTreeprocessor``,
``_ExtractTitleTreeprocessor``).  MkDocs is pinned below 2 (1.6 is its last line), and
this module is the one place that does it; ``tests/site/test_headings.py`` checks
every generated page of the seed site renders here as ``Page.render`` renders it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .stash import STASH

PLACEHOLDER = re.compile(STASH.format(r"\d+"))


def headings_and_placeholders(markdown_text: str) -> list[str] | None:
    """The page's blocks, each one line (a heading, or a placeholder), if the page is
    nothing else; None otherwise."""
    blocks: list[str] = []
    after_blank = True
    for line in markdown_text.split("\n"):
        if not line:
            after_blank = True
            continue
        if not after_blank or not (line.startswith("#") or PLACEHOLDER.fullmatch(line)):
            return None
        blocks.append(line)
        after_blank = False
    return blocks


class HeadingsRenderer:
    """Renders the generated pages whose Markdown is headings and placeholders, with
    one converter per process."""

    def __init__(self) -> None:
        self.converter: Any = None  # a markdown.Markdown
        self.config: MkDocsConfig | None = None
        self.rendered = 0
        """Pages rendered here (the others went through ``Page.render``)."""

    def offer(self, page: Page, markdown_text: str) -> bool:
        """If ``markdown_text`` (the page's, as MkDocs will render it) is headings and
        placeholders only, render ``page`` here when MkDocs renders it."""
        blocks = headings_and_placeholders(markdown_text)
        if blocks is None:
            return False

        def render(config: MkDocsConfig, files: Files) -> None:
            del page.render  # the method again
            self.render(page, blocks, config, files)

        # MkDocs calls page.render(config, files) after the page_markdown event: an
        # attribute of this one page, which the method's name finds first.
        page.render = render  # type: ignore[method-assign]
        return True

    def _converter(self, config: MkDocsConfig) -> Any:
        if self.converter is None or self.config is not config:
            # As Page.render makes it, with the Python-Markdown it imports.
            self.converter = mkdocs_pages.markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            self.config = config
        return self.converter

    def render(self, page: Page, blocks: Sequence[str], config: MkDocsConfig, files: Files) -> None:
        """``Page.render`` of the page whose Markdown is ``blocks`` (headings and
        placeholders, see ``headings_and_placeholders``)."""
        headings = [block for block in blocks if not PLACEHOLDER.fullmatch(block)]
        md = self._converter(config)
        md.reset()
        # Page.render's processors, made for this page: registered under their names,
        # each replaces the last page's.
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative_paths = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative_paths._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        converted = md.convert("\n\n".join(headings)).split("\n") if headings else []
        if len(converted) != len(headings) or not all(h.startswith("<h") for h in converted):
            # Not one heading element a line: what Page.render makes of the whole page.
            Page.render(page, config, files)
            return
        self.rendered += 1
        elements = iter(converted)
        page.content = "\n".join(
            f"<p>{block}</p>" if PLACEHOLDER.fullmatch(block) else next(elements)
            for block in blocks
        )
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        # The title comes from the page's first element, if it is a heading 1: the
        # first heading here only if no placeholder comes before it.
        first_is_heading = bool(blocks) and not PLACEHOLDER.fullmatch(blocks[0])
        page._title_from_render = title.title if first_is_heading else None
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            page.links_to_anchors = relative_paths.links_to_anchors
