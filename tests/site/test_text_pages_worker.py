"""Part of the texts' pages made by a forked process (mkdocs/text_pages.py): the files
it writes are those the plugin would write, in their place among MkDocs's files; its
failure fails the build, naming the page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from resolutions.mkdocs import text_pages as text_pages_module
from resolutions.mkdocs.text_pages import TextPagesWorker, add_made_elsewhere
from resolutions.pipeline import Corpus, Made, build_corpus
from resolutions.render.pages import Folders, SitePage
from resolutions.render.site import MadeElsewhere, site_files, text_pages

from .build import ROOT

FOLDERS = Folders("textes", "glossaire", "source_texts")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return build_corpus(ROOT / "source_texts", ROOT)


def mkdocs_config(tmp_path: Path) -> MkDocsConfig:
    docs = tmp_path / "docs"
    docs.mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors, errors
    return config


def test_the_process_writes_the_last_half_of_the_texts_pages_as_the_plugin_would(
    corpus: Corpus, tmp_path: Path
) -> None:
    config = mkdocs_config(tmp_path)
    sources, export = tmp_path / "sources", tmp_path / "export"
    worker = TextPagesWorker()
    slugs = worker.start(corpus, FOLDERS, config, sources, export, searched_after=True)
    worker.join()
    documents = corpus.documents
    assert len(documents) >= 4
    # The last half, by count: the process reads as little of the corpus as it can.
    assert slugs == {document.slug for document in documents[len(documents) - len(slugs) :]}
    assert len(slugs) == len(documents) // 2
    expected = [
        page
        for page in text_pages(corpus, FOLDERS, Made(), searched_after=True)
        if page.path.rsplit("/", 1)[1].rsplit(".", 1)[0] in slugs
    ]
    assert len(expected) == 2 * len(slugs)
    for page in expected:
        folder = sources if page.path.endswith(".md") else Path(config.site_dir)
        assert (folder / page.path).read_text(encoding="utf-8") == page.content, page.path
        assert (export / page.path).read_text(encoding="utf-8") == page.content, page.path
    written = {path.relative_to(sources).as_posix() for path in sources.rglob("*.md")}
    assert written == {page.path for page in expected if page.path.endswith(".md")}


def test_the_plugin_gives_the_process_s_files_in_their_place(
    corpus: Corpus, tmp_path: Path
) -> None:
    config = mkdocs_config(tmp_path)
    every = list(site_files(corpus, FOLDERS))
    half = {document.slug for document in corpus.documents[1::2]}
    shared = list(site_files(corpus, FOLDERS, elsewhere=half))
    assert [page.path for page in shared] == [page.path for page in every]
    elsewhere = [page for page in shared if isinstance(page, MadeElsewhere)]
    assert len(elsewhere) == 2 * len(half)
    assert all(page.content == "" for page in elsewhere)
    kept = {page.path: page.content for page in shared if not isinstance(page, MadeElsewhere)}
    assert kept == {page.path: page.content for page in every if page.path in kept}
    files = Files([])
    config.plugins._current_plugin = "resolutions"  # as MkDocs sets it during on_files
    add_made_elsewhere(files, config, elsewhere[0].path, tmp_path / "sources")
    file = files.get_file_from_path(elsewhere[0].path)
    assert file is not None
    assert file.abs_src_path == str(tmp_path / "sources" / elsewhere[0].path)
    assert file.generated_by == "resolutions"  # the page worker takes only those


def test_a_failing_process_fails_the_build_naming_the_page(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: object, **kwargs: object) -> Iterator[SitePage]:
        yield SitePage("textes/first.md", "---\n---\n")
        yield SitePage("textes/broken.md", "---\n---\n")
        raise ValueError("no way to render this")

    monkeypatch.setattr(text_pages_module, "text_pages", failing)
    worker = TextPagesWorker()
    config = mkdocs_config(tmp_path)
    worker.start(corpus, FOLDERS, config, tmp_path / "sources", None, searched_after=True)
    with pytest.raises(
        PluginError,
        match=r"texts failed: ValueError: no way to render this "
        r"\(page 'textes/broken.md'\)",
    ):
        worker.join()
    assert not worker.running


def test_a_failed_build_kills_the_process(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(*args: object, **kwargs: object) -> Iterator[SitePage]:
        while True:
            yield SitePage("textes/again.md", "---\n---\n")

    monkeypatch.setattr(text_pages_module, "text_pages", endless)
    worker = TextPagesWorker()
    config = mkdocs_config(tmp_path)
    worker.start(corpus, FOLDERS, config, tmp_path / "sources", None, searched_after=True)
    pid = worker.child.pid
    assert pid is not None
    worker.stop()
    assert not worker.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
