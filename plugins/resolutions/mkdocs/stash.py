"""Raw HTML blocks of generated pages kept out of Python-Markdown, and put back."""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Mapping

from mkdocs.exceptions import PluginError

HTML_BLOCK_START = re.compile(
    r"<(?:div|p|ol|ul|dl|section|table|figure|details|blockquote|h[1-6])[\s>]"
)
STASH = "ra-stash-{}"
STASHED = re.compile(r"<p(?: data-search-exclude)?>ra-stash-(\d+)</p>")
"""A placeholder as Python-Markdown writes it, or as ``PageStash.put_back`` leaves it
for the theme's search to skip."""


def stash_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Take the raw HTML blocks out of generated Markdown, leaving a placeholder
    paragraph for each; ``unstash_html_blocks`` puts them back into the HTML.

    A generated page is nearly all raw HTML, which Python-Markdown passes through
    unchanged, but only after parsing every tag of it to find where each block ends:
    most of the time of a page (about 15 s of the build at 1,000 texts).  A block here
    is what Python-Markdown takes as one: it starts a line, after a blank line, with a
    block-level tag, and runs to the next blank line.  The headings stay Markdown, for
    the table of contents."""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        starts_block = not out or not out[-1].strip()
        if starts_block and HTML_BLOCK_START.match(line):
            end = index
            while end < len(lines) and lines[end].strip():
                end += 1
            out.append(STASH.format(len(blocks)))
            blocks.append("\n".join(lines[index:end]))
            index = end
            continue
        out.append(line)
        index += 1
    return "\n".join(out), blocks


def unstash_html_blocks(html: str, blocks: list[str] | Mapping[int, str], where: str) -> str:
    """``html`` with each of ``blocks`` (all of them, or some by number) in place of its
    placeholder; a block whose placeholder is missing is an error."""
    numbered = blocks if isinstance(blocks, Mapping) else dict(enumerate(blocks))
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in numbered:
            return match.group(0)
        seen.add(number)
        return numbered[number]

    restored = STASHED.sub(restore, html)
    if len(seen) != len(numbered):
        missing = sorted(set(numbered) - seen)
        raise PluginError(f"resolutions: {where}: HTML blocks {missing} lost in Markdown")
    return restored


class StashedBlocks:
    """One page's blocks while MkDocs builds the other pages: every page is read and
    rendered before the first is written, so a page's blocks wait for the whole build.
    They wait compressed (zlib's fastest level: a quarter of the UTF-8 at about 100 MB
    a second, where the strings of 10,000 texts' pages were 800 MB of the peak)."""

    __slots__ = ("data", "ends")

    def __init__(self, blocks: list[str]) -> None:
        self.data = zlib.compress("".join(blocks).encode("utf-8"), 1)
        self.ends = array("q")
        end = 0
        for block in blocks:
            end += len(block)
            self.ends.append(end)

    def blocks(self) -> list[str]:
        joined = zlib.decompress(self.data).decode("utf-8")
        starts = [0, *self.ends[:-1]]
        return [joined[start:end] for start, end in zip(starts, self.ends, strict=True)]


class PageStash:
    """The stashed blocks of the pages of one build, by page (``src_uri``)."""

    def __init__(self) -> None:
        self.pages: dict[str, StashedBlocks | dict[int, str]] = {}

    def take(self, markdown: str, page: str) -> str:
        """``markdown`` with its HTML blocks stashed (``stash_html_blocks``)."""
        markdown, blocks = stash_html_blocks(markdown)
        self.pages[page] = StashedBlocks(blocks)
        return markdown

    def put_back(self, html: str, page: str, *, searched: bool = False) -> str:
        """``html`` with the blocks of ``page`` back, if they are still stashed.
        ``searched``: the theme's search reads this HTML next, and the blocks it must
        skip (``data-search-exclude``) wait for the next call behind a placeholder it
        skips: Material's parser fails on a heading inside such a block."""
        stashed = self.pages.pop(page, None)
        if stashed is None:
            return html
        if isinstance(stashed, StashedBlocks):
            numbered = dict(enumerate(stashed.blocks()))
        else:
            numbered = stashed
        if searched:
            waiting = {n: block for n, block in numbered.items() if SKIPPED in block}
            if waiting:
                self.pages[page] = waiting
                numbered = {n: block for n, block in numbered.items() if n not in waiting}
                html = STASHED.sub(
                    lambda match: (
                        f"<p {SKIPPED}>{STASH.format(match.group(1))}</p>"
                        if int(match.group(1)) in waiting
                        else match.group(0)
                    ),
                    html,
                )
        return unstash_html_blocks(html, numbered, page)


SKIPPED = "data-search-exclude"
"""The attribute of an element that the theme's search skips."""


def in_theme_search(meta: Mapping[str, object]) -> bool:
    """Whether the theme's search reads the HTML of a page with this front matter."""
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))
