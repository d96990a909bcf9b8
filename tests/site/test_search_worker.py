"""The search index written by a forked process (mkdocs/search_worker.py): the same
files as the serial build's ``add_to_index``; a process that fails or dies fails the
build; a failed build kills it."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from resolutions.glossary import Glossary
from resolutions.mkdocs import search_worker
from resolutions.mkdocs.forked import ForkedChild, Report
from resolutions.mkdocs.search_worker import SearchIndexWorker
from resolutions.model import Document
from resolutions.pipeline import load_glossary_of
from resolutions.search import SearchPage, add_to_index

from .build import ROOT, every_file
from .test_plugin import hand_made_document

THEME_INDEX = {
    "config": {"lang": ["fr"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"]},
    "docs": [
        {"location": "guide.html", "title": "Guide", "text": "Chercher un texte"},
        {"location": "guide.html#chercher", "title": "Chercher", "text": "les précurseurs"},
        # The theme's entry of a text page: ours replace it.
        {"location": "textes/a-res-1-1.html", "title": "Titre", "text": "tout le texte"},
    ],
}


def corpus() -> tuple[list[Document], dict[str, str], Glossary | None, dict[str, str]]:
    """Two texts and the project's glossary, with their pages' addresses."""
    first = hand_made_document()
    second = dataclasses.replace(first, slug="a-res-2-2", symbol="A/RES/2/2", title="Autre")
    glossary = load_glossary_of(ROOT / "source_texts")
    assert glossary is not None
    text_urls = {document.slug: f"textes/{document.slug}.html" for document in (first, second)}
    entry_urls = {entry.id: f"glossaire/{entry.id}.html" for entry in glossary}
    return [first, second], text_urls, glossary, entry_urls


def theme_index(site: Path) -> Path:
    path = site / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(THEME_INDEX, ensure_ascii=False), encoding="utf-8")
    return path


def started_worker(site: Path) -> SearchIndexWorker:
    documents, text_urls, _, _ = corpus()
    worker = SearchIndexWorker()
    worker.fork(site / "search")
    worker.start(documents, text_urls, None)
    assert worker.running
    return worker


def test_the_process_writes_the_serial_build_s_index_byte_for_byte(tmp_path: Path) -> None:
    documents, text_urls, glossary, entry_urls = corpus()
    serial_site = tmp_path / "serial" / "site"
    serial = add_to_index(
        theme_index(serial_site), documents, text_urls, glossary, entry_urls, None
    )
    assert serial is not None

    site = tmp_path / "forked" / "site"
    worker = started_worker(site)
    # MkDocs builds the pages meanwhile; then the theme writes its index.
    stats = worker.finish(theme_index(site), text_urls, glossary, entry_urls, None)
    assert not worker.running
    assert stats == serial
    written, expected = every_file(site), every_file(serial_site)
    assert sorted(written) == sorted(expected)
    assert [path for path in expected if written[path] != expected[path]] == []
    # Texts, the guide, then every glossary entry: the comparison covers each kind.
    assert serial.pages == 2 + 1 + len(list(glossary or ()))
    assert json.loads((site / "search" / "search_index.json").read_text())["docs"] == []
    # The spool, beside the site, had no name: nothing is left there.
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]


def test_a_failing_process_fails_the_build_saying_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(folder: Path, pages: Iterable[SearchPage]) -> None:
        next(iter(pages))
        raise OSError("No space left on device")

    monkeypatch.setattr(search_worker, "write_search_index", failing)
    _, text_urls, glossary, entry_urls = corpus()
    worker = started_worker(tmp_path / "site")
    with pytest.raises(PluginError) as raised:
        worker.finish(theme_index(tmp_path / "site"), text_urls, glossary, entry_urls, None)
    assert str(raised.value) == (
        "resolutions: the process writing the search index failed: "
        "OSError: No space left on device (the texts' pages)"
    )


def test_a_process_killed_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def killed(folder: Path, pages: Iterable[SearchPage]) -> None:
        os.kill(os.getpid(), 9)

    monkeypatch.setattr(search_worker, "write_search_index", killed)
    _, text_urls, glossary, entry_urls = corpus()
    worker = started_worker(tmp_path / "site")
    with pytest.raises(PluginError, match="writing the search index was stopped by SIGKILL"):
        worker.finish(theme_index(tmp_path / "site"), text_urls, glossary, entry_urls, None)


def test_without_the_theme_s_index_no_index_is_left(tmp_path: Path) -> None:
    _, text_urls, glossary, entry_urls = corpus()
    site = tmp_path / "site"
    worker = started_worker(site)
    pid = worker.child.pid
    assert pid is not None
    missing = site / "search" / "search_index.json"
    assert worker.finish(missing, text_urls, glossary, entry_urls, None) is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)
    assert not (site / "search").exists() or list((site / "search").iterdir()) == []


@pytest.mark.parametrize("started", [True, False])
def test_a_failed_build_kills_the_process(tmp_path: Path, started: bool) -> None:
    worker = SearchIndexWorker()
    worker.fork(tmp_path / "site" / "search")
    if started:
        documents, text_urls, _, _ = corpus()
        worker.start(documents, text_urls, None)
    pid = worker.child.pid
    assert pid is not None
    worker.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not worker.running and not worker.child.running


def test_a_process_forked_later_holds_no_end_of_an_earlier_one_s_pipes(tmp_path: Path) -> None:
    worker = SearchIndexWorker()
    worker.fork(tmp_path / "site" / "search")
    assert worker.child.reader is not None and worker.child.to_child is not None
    ends = [worker.child.reader, worker.child.to_child.fileno()]

    def open_ends(child: ForkedChild) -> Report:
        still_open = []
        for end in ends:
            try:
                os.fstat(end)
            except OSError:
                continue
            still_open.append(end)
        return {"open": still_open}

    later = ForkedChild()
    later.start("looking at its files", open_ends)
    try:
        # Held by the later process, the index's data pipe would not close with the
        # parent's end: the index's process would wait for it too.
        assert later.join()["open"] == []
    finally:
        worker.stop()
