"""The pages built by a second process (mkdocs/parallel.py), the search index by a
third (mkdocs/search_worker.py), part of the texts' pages made by a fourth
(mkdocs/text_pages.py): the same site, byte for byte, as MkDocs's serial loop and the
plugin make in one process; a worker that fails fails the build."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from resolutions.mkdocs import parallel
from resolutions.mkdocs.parallel import PageWorker

from .build import ROOT, build_site, copy_project, every_file

WORKER_STARTED = "pages built by a second process"
TEXT_PAGES_APART = re.compile(r"the pages of \d+ texts made by a second process")
INDEX_WRITTEN_APART = re.compile(r"Search index: .* MB in [\d.]+ s, by a second process")


def project_with(folder: Path, setting: str | None) -> Path:
    """A copy of the project whose plugin entry has ``setting`` added."""
    folder.mkdir()
    copy_project(folder)
    if setting is not None:
        config = folder / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert text.count("  - resolutions:\n") == 1
        text = text.replace("  - resolutions:\n", f"  - resolutions:\n      {setting}\n")
        config.write_text(text, encoding="utf-8")
    return folder


def verbose_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return build_site(site, ROOT / "source_texts", project=project, verbose=True)


def test_the_seed_site_is_the_same_built_by_three_processes_or_one(tmp_path: Path) -> None:
    sites = {}
    for name, setting in (("parallel", None), ("serial", "parallel_pages: false")):
        project = project_with(tmp_path / f"project-{name}", setting)
        site = tmp_path / f"site-{name}"
        result = verbose_build(project, site)
        assert result.returncode == 0, result.stderr[-4000:]
        started = WORKER_STARTED in result.stderr
        assert started == (name == "parallel"), f"{name}: worker started: {started}"
        apart = INDEX_WRITTEN_APART.search(result.stderr) is not None
        assert apart == (name == "parallel"), f"{name}: search index written apart: {apart}"
        texts_apart = TEXT_PAGES_APART.search(result.stderr) is not None
        assert texts_apart == (name == "parallel"), f"{name}: text pages made apart: {texts_apart}"
        sites[name] = every_file(site)
    parallel_site, serial_site = sites["parallel"], sites["serial"]
    assert sorted(parallel_site) == sorted(serial_site)
    differing = [path for path in serial_site if parallel_site[path] != serial_site[path]]
    assert differing == []
    # The comparison covers the pages the worker rendered: text pages, with their HTML;
    # and the index the other process wrote: its page files and shards.
    assert sum(path.startswith("textes/") and path.endswith(".html") for path in serial_site) > 2
    assert sum(path.startswith(("search/p/", "search/t/")) for path in serial_site) > 20


# ------------------------------------------------------------------ the worker alone


def generated_pages(tmp_path: Path, count: int) -> tuple[MkDocsConfig, Files]:
    """The hand-written home page and ``count`` generated pages out of the theme's
    search, as MkDocs has them when its first loop starts."""
    docs = tmp_path / "docs"
    (docs / "textes").mkdir(parents=True)
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")}
    )
    errors, _ = config.validate()
    assert not errors
    site = str(tmp_path / "site")
    files = Files([File("index.md", str(docs), site, False)])
    for number in range(count):
        path = f"textes/p{number}.md"
        (docs / path).write_text(UNSEARCHED + f"# p{number}\n", encoding="utf-8")
        file = File(path, str(docs), site, False, inclusion=InclusionLevel.NOT_IN_NAV)
        file.generated_by = "resolutions"
        files.append(file)
    return config, files


UNSEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


def read(page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
    """In place of MkDocs's conversion: the front matter only."""
    page.read_source(config)


def written(page: Page, config: MkDocsConfig, *args: object, **kwargs: object) -> None:
    Path(page.file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
    Path(page.file.abs_dest_path).write_text(page.file.src_uri, encoding="utf-8")


def test_the_worker_writes_half_of_the_generated_pages_and_mkdocs_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, files = generated_pages(tmp_path, 6)
    (tmp_path / "docs" / "textes" / "p3.md").write_text("# searched\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "_populate_page", read)
    monkeypatch.setattr(parallel, "_build_page", written)
    worker = PageWorker()
    worker.start(files, config, None)  # type: ignore[arg-type]
    assert worker.running
    left = [file.src_uri for file in files.documentation_pages()]
    # p3 is read by the theme's search: it stays with MkDocs.
    assert left == ["index.md", "textes/p0.md", "textes/p2.md", "textes/p3.md", "textes/p5.md"]
    assert files.get_file_from_path("textes/p1.md") is not None, "links to it still resolve"
    assert len(worker.pages) == 7, "templates still list every page"
    worker.join(config)
    site = tmp_path / "site" / "textes"
    assert sorted(path.name for path in site.iterdir()) == ["p1.html", "p4.html"]
    assert (site / "p4.html").read_text(encoding="utf-8") == "textes/p4.md"
    assert not worker.running and worker.pages == ()
    assert len(files.documentation_pages()) == 7, "MkDocs's own listing is back"


def test_a_failing_worker_fails_the_build_naming_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, files = generated_pages(tmp_path, 6)

    def failing(page: Page, *args: object, **kwargs: object) -> None:
        if page.file.src_uri == "textes/p3.md":
            raise ValueError("no such template")

    monkeypatch.setattr(parallel, "_populate_page", read)
    monkeypatch.setattr(parallel, "_build_page", failing)
    worker = PageWorker()
    worker.start(files, config, None)  # type: ignore[arg-type]
    with pytest.raises(PluginError) as raised:
        worker.join(config)
    assert str(raised.value) == (
        "resolutions: the process building 3 of the pages failed: "
        "ValueError: no such template (page 'textes/p3.md')"
    )


def test_a_worker_killed_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, files = generated_pages(tmp_path, 4)
    monkeypatch.setattr(parallel, "_populate_page", lambda *args: os.kill(os.getpid(), 9))
    worker = PageWorker()
    worker.start(files, config, None)  # type: ignore[arg-type]
    with pytest.raises(PluginError, match="building 2 of the pages was stopped by SIGKILL"):
        worker.join(config)


def test_the_worker_s_warnings_are_counted_by_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = generated_pages(tmp_path, 4)

    def warning(page: Page, *args: object, **kwargs: object) -> None:
        logging.getLogger("mkdocs.test").warning("a link to nowhere in %s", page.file.src_uri)

    monkeypatch.setattr(parallel, "_populate_page", read)
    monkeypatch.setattr(parallel, "_build_page", warning)
    worker = PageWorker()
    worker.start(files, config, None)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        worker.join(config)
    assert [record.getMessage() for record in caplog.records] == [
        "resolutions: 2 warning(s) above came from building 2 of the pages"
    ]


def test_a_failed_build_kills_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, files = generated_pages(tmp_path, 4)
    monkeypatch.setattr(parallel, "_populate_page", lambda *args: signal.pause())
    worker = PageWorker()
    worker.start(files, config, None)  # type: ignore[arg-type]
    pid = worker.pid
    assert pid is not None
    worker.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not worker.running
    assert len(files.documentation_pages()) == 5


def test_anchors_of_links_between_the_two_processes_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = generated_pages(tmp_path, 2)
    home = files.get_file_from_path("index.md")
    given = files.get_file_from_path("textes/p1.md")
    assert home is not None and given is not None

    def read_with_links(page: Page, config: MkDocsConfig, *args: object) -> None:
        page.read_source(config)
        page.present_anchor_ids = {"here"}
        page.links_to_anchors = {home: {"gone": "../index.md#gone", "top": "../index.md#top"}}

    monkeypatch.setattr(parallel, "_populate_page", read_with_links)
    monkeypatch.setattr(parallel, "_build_page", written)
    worker = PageWorker()
    worker.start(files, config, None)  # type: ignore[arg-type]
    # MkDocs converts the home page in the parent meanwhile.
    page = Page(None, home, config)
    page.present_anchor_ids = {"top"}
    page.links_to_anchors = {given: {"here": "textes/p1.md#here", "away": "textes/p1.md#away"}}
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        worker.join(config)
    missing = [record.getMessage() for record in caplog.records if "anchor" in record.getMessage()]
    assert missing == [
        "Doc file 'index.md' contains a link 'textes/p1.md#away', but the doc "
        "'textes/p1.md' does not contain an anchor '#away'.",
        "Doc file 'textes/p1.md' contains a link '../index.md#gone', but the doc "
        "'index.md' does not contain an anchor '#gone'.",
    ]
