"""Generated pages converted from their headings alone (mkdocs/headings.py): the same
HTML, table of contents, title and anchors as MkDocs's ``Page.render`` makes of the
whole page, for every generated page of the seed site and for the shapes a page can
take."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from resolutions.mkdocs.headings import HeadingsRenderer, headings_and_placeholders
from resolutions.mkdocs.stash import stash_html_blocks
from resolutions.pipeline import build_corpus
from resolutions.render.pages import Folders
from resolutions.render.site import site_files

from .build import ROOT


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    return load_config(str(ROOT / "mkdocs.yml"))


def page_file(config: MkDocsConfig, docs: Path, path: str, content: str) -> File:
    """A page of ``docs``, written with ``content``."""
    (docs / path).parent.mkdir(parents=True, exist_ok=True)
    (docs / path).write_text(content, encoding="utf-8")
    return File(path, str(docs), config.site_dir, config.use_directory_urls)


def toc(links: list[AnchorLink]) -> list[tuple]:
    return [(link.title, link.id, link.level, toc(link.children)) for link in links]


def rendered(page: Page) -> tuple:
    """All that rendering a page gives MkDocs and the theme."""
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return (
        page.content,
        toc(list(page.toc)),
        page._title_from_render,
        page.title,
        page.present_anchor_ids,
        links,
    )


def both_ways(
    file: File, markdown: str, config: MkDocsConfig, files: Files, renderer: HeadingsRenderer
) -> tuple[tuple, tuple, bool]:
    """The page rendered by Page.render, then here: (MkDocs's, ours, whether it was
    offered here)."""
    results = []
    offered = False
    for here in (False, True):
        page = Page(None, file, config)
        page.read_source(config)
        page.markdown = markdown
        if here:
            offered = renderer.offer(page, markdown)
        page.render(config, files)
        results.append(rendered(page))
        file.page = None
    return results[0], results[1], offered


def test_every_generated_page_of_the_seeds_renders_as_mkdocs_renders_it(
    config: MkDocsConfig, tmp_path: Path
) -> None:
    corpus = build_corpus(ROOT / "source_texts", ROOT)
    generated = [
        (path, content)
        for path, content in site_files(corpus, Folders("textes", "glossaire", "source_texts"))
        if path.endswith(".md")
    ]
    files = Files([page_file(config, tmp_path, path, content) for path, content in generated])
    renderer = HeadingsRenderer()
    offered = []
    for path, _ in generated:
        file = files.get_file_from_path(path)
        assert file is not None
        page = Page(None, file, config)
        page.read_source(config)  # the front matter off, as MkDocs hands it to plugins
        assert page.markdown is not None
        markdown, _ = stash_html_blocks(page.markdown)
        file.page = None
        mkdocs_s, ours, was_offered = both_ways(file, markdown, config, files, renderer)
        assert ours == mkdocs_s, path
        if was_offered:
            offered.append(path)
    # Every text's page is headings and blocks: each goes this way.
    text_pages = {f"textes/{document.slug}.md" for document in corpus.documents}
    assert len(text_pages) == len(corpus.documents) > 5
    assert text_pages <= set(offered)
    assert renderer.rendered == len(offered)


PAGE = "textes/x.md"
SHAPES = {
    "a heading, then blocks": (
        "# A/RES/62/176 — Titre\n\nra-stash-0\n\n## Notes {#notes}\n\nra-stash-1\n"
    ),
    "a block before the first heading": "ra-stash-0\n\n# Titre\n\nra-stash-1",
    "headings of the same text": "# Titre\n\n## Notes\n\nra-stash-0\n\n## Notes\n\n## Notes",
    "escapes and attributes": (
        '# PC\\.DEC/758 — lutte anti\\-drogue { lang="en" }\n\n'
        "## I\\. L’action du système {#sec-I}\n\nra-stash-0\n\n### Sous-titre : suite\n"
    ),
    "a second heading 1": "## Avant\n\n# Titre\n\nra-stash-0\n\n# Encore",
    "blocks only": "ra-stash-0\n\nra-stash-1\n",
    "nothing": "",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_page_of_headings_and_blocks_renders_as_mkdocs_renders_it(
    config: MkDocsConfig, tmp_path: Path, shape: str
) -> None:
    markdown = SHAPES[shape]
    file = page_file(config, tmp_path, PAGE, markdown)
    renderer = HeadingsRenderer()
    mkdocs_s, ours, offered = both_ways(file, markdown, config, Files([file]), renderer)
    assert offered and renderer.rendered == 1
    assert ours == mkdocs_s


@pytest.mark.parametrize(
    "markdown",
    [
        "# Titre\n\nLe corpus compte 8 textes.\n",  # a paragraph
        '# Titre\n\n- <a href="a.html">A</a>\n',  # a list
        "# Titre\nra-stash-0\n",  # a block run into the heading's line
        '# Titre\n\n<nav class="ra-pages"><p>1</p></nav>\n',  # raw HTML left in it
    ],
)
def test_a_page_of_any_other_shape_is_left_to_mkdocs(
    config: MkDocsConfig, tmp_path: Path, markdown: str
) -> None:
    assert headings_and_placeholders(markdown) is None
    file = page_file(config, tmp_path, PAGE, markdown)
    page = Page(None, file, config)
    assert not HeadingsRenderer().offer(page, markdown)
    assert "render" not in vars(page)


def test_the_page_gets_its_render_method_back(config: MkDocsConfig, tmp_path: Path) -> None:
    markdown = SHAPES["a heading, then blocks"]
    file = page_file(config, tmp_path, PAGE, markdown)
    page = Page(None, file, config)
    page.read_source(config)
    renderer = HeadingsRenderer()
    assert renderer.offer(page, markdown)
    page.render(config, Files([file]))
    # Nothing of the page's conversion is kept on it past its rendering.
    assert "render" not in vars(page)
