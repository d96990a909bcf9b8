"""The pages rendered by a second process (mkdocs/parallel.py): the same site, byte for
byte, as MkDocs's serial loop makes; a worker that fails fails the build."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from resolutions.mkdocs import parallel
from resolutions.mkdocs.parallel import PageWorker

from .build import ROOT, SOURCE_DATE_EPOCH

PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "CONTRIBUTING.md")
WORKER_STARTED = "pages rendered by process"


def project_with(folder: Path, setting: str | None) -> Path:
    """A copy of the project whose plugin entry has ``setting`` added."""
    folder.mkdir()
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name)
        else:
            shutil.copy2(ROOT / name, folder / name)
    if setting is not None:
        config = folder / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert text.count("  - resolutions:\n") == 1
        text = text.replace("  - resolutions:\n", f"  - resolutions:\n      {setting}\n")
        config.write_text(text, encoding="utf-8")
    return folder


def verbose_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    env.pop("RESOLUTIONS_SITE_URL", None)
    env["RESOLUTIONS_SOURCE_DIR"] = str(ROOT / "source_texts")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose"]
    return subprocess.run(
        [*command, "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )


def every_file(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_the_seed_site_is_the_same_built_by_two_processes_or_one(tmp_path: Path) -> None:
    sites = {}
    for name, setting in (("parallel", None), ("serial", "parallel_pages: false")):
        project = project_with(tmp_path / f"project-{name}", setting)
        site = tmp_path / f"site-{name}"
        result = verbose_build(project, site)
        assert result.returncode == 0, result.stderr[-4000:]
        started = WORKER_STARTED in result.stderr
        assert started == (name == "parallel"), f"{name}: worker started: {started}"
        sites[name] = every_file(site)
    parallel_site, serial_site = sites["parallel"], sites["serial"]
    assert sorted(parallel_site) == sorted(serial_site)
    differing = [path for path in serial_site if parallel_site[path] != serial_site[path]]
    assert differing == []
    # The comparison covers the pages the worker rendered: text pages, with their HTML.
    assert sum(path.startswith("textes/") and path.endswith(".html") for path in serial_site) > 2


# ------------------------------------------------------------------ the worker alone


def generated_pages(tmp_path: Path, count: int) -> tuple[MkDocsConfig, Files]:
    """``count`` generated pages out of the theme's search, converted (as MkDocs leaves
    them after its first loop), and the hand-written home page."""
    docs = tmp_path / "docs"
    docs.mkdir()
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
        file = File(
            f"textes/p{number}.md", str(docs), site, False, inclusion=InclusionLevel.NOT_IN_NAV
        )
        file.generated_by = "resolutions"
        files.append(file)
    for file in files:
        page = Page(None, file, config)
        page.meta = {"search": {"exclude": True}} if file.generated_by else {}
    return config, files


def written(page: Page, config: MkDocsConfig, *args: object, **kwargs: object) -> None:
    Path(page.file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
    Path(page.file.abs_dest_path).write_text(page.file.src_uri, encoding="utf-8")


def test_the_worker_writes_half_of_the_generated_pages_and_mkdocs_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, files = generated_pages(tmp_path, 6)
    monkeypatch.setattr(parallel, "_build_page", written)
    worker = PageWorker()
    worker.start(files, config, None, None)  # type: ignore[arg-type]
    assert worker.running
    left = [file.src_uri for file in files.documentation_pages()]
    assert left == ["index.md", "textes/p0.md", "textes/p2.md", "textes/p4.md"]
    assert len(worker.pages) == 7, "templates still list every page"
    worker.join()
    site = tmp_path / "site" / "textes"
    assert sorted(path.name for path in site.iterdir()) == ["p1.html", "p3.html", "p5.html"]
    assert (site / "p3.html").read_text(encoding="utf-8") == "textes/p3.md"
    assert not worker.running and worker.pages == ()


def test_a_failing_worker_fails_the_build_naming_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, files = generated_pages(tmp_path, 6)

    def failing(page: Page, *args: object, **kwargs: object) -> None:
        if page.file.src_uri == "textes/p3.md":
            raise ValueError("no such template")

    monkeypatch.setattr(parallel, "_build_page", failing)
    worker = PageWorker()
    worker.start(files, config, None, None)  # type: ignore[arg-type]
    with pytest.raises(PluginError) as raised:
        worker.join()
    assert str(raised.value) == (
        "resolutions: the process rendering 3 of the pages failed: "
        "ValueError: no such template (page 'textes/p3.md')"
    )


def test_a_worker_killed_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, files = generated_pages(tmp_path, 4)
    monkeypatch.setattr(parallel, "_build_page", lambda *args, **kwargs: os.kill(os.getpid(), 9))
    worker = PageWorker()
    worker.start(files, config, None, None)  # type: ignore[arg-type]
    with pytest.raises(PluginError, match="rendering 2 of the pages was stopped by SIGKILL"):
        worker.join()


def test_the_worker_s_warnings_are_counted_by_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config, files = generated_pages(tmp_path, 4)

    def warning(page: Page, *args: object, **kwargs: object) -> None:
        logging.getLogger("mkdocs.test").warning("a link to nowhere in %s", page.file.src_uri)

    monkeypatch.setattr(parallel, "_build_page", warning)
    worker = PageWorker()
    worker.start(files, config, None, None)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        worker.join()
    assert [record.getMessage() for record in caplog.records] == [
        "resolutions: 2 warning(s) above came from rendering 2 of the pages"
    ]


def test_a_failed_build_kills_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, files = generated_pages(tmp_path, 4)
    monkeypatch.setattr(parallel, "_build_page", lambda *args, **kwargs: signal.pause())
    worker = PageWorker()
    worker.start(files, config, None, None)  # type: ignore[arg-type]
    pid = worker.pid
    assert pid is not None
    worker.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not worker.running
