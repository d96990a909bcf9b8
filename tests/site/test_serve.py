"""`make serve`: the live preview rebuilds when a source text changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .build import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


@contextmanager
def serving(tmp_path: Path, sources: Path) -> Iterator[tuple[int, Path]]:
    """`mkdocs serve` on ``sources`` for the time of a ``with``: (its port, its log)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "RESOLUTIONS_SOURCE_DIR": str(sources)}
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield port, log_path
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_preview_shows_an_edited_source_text(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "source_texts", sources)
    text = sources / "pc-dec-758.txt"
    original = text.read_text(encoding="utf-8")
    assert "\ntitle: Renforcement" in original
    with serving(tmp_path, sources) as (port, log):
        url = f"http://127.0.0.1:{port}/textes/pc-dec-758.html"
        started = wait_for(lambda: "Renforcement" in fetch(url), 60)
        assert started, log.read_text()
        text.write_text(
            original.replace("\ntitle: Renforcement", "\ntitle: Titre modifié, Renforcement"),
            encoding="utf-8",
        )
        shown = wait_for(lambda: "Titre modifié" in fetch(url), 30)
        assert shown, log.read_text()
        # The rebuild keeps the theme's search too (MkDocs reads the plugin's settings
        # again for each rebuild): our shards are not written again after each edit.
        assert fetch(f"http://127.0.0.1:{port}/search/manifest.js") == ""
        assert re.search(r'"search":\s*"[^"]*workers/search\.\w+\.min\.js"', fetch(url))


def test_preview_keeps_the_theme_search(tmp_path: Path) -> None:
    """The preview names Material's worker and gives it every entry (our shards would be
    written again after each edit)."""
    with serving(tmp_path, ROOT / "source_texts") as (port, log):
        url = f"http://127.0.0.1:{port}/textes/pc-dec-758.html"
        assert wait_for(lambda: "Renforcement" in fetch(url), 60), log.read_text()
        page = fetch(url)
        index = json.loads(fetch(f"http://127.0.0.1:{port}/search/search_index.json"))
    worker = re.search(r'"search":\s*"([^"]+)"', page)
    assert worker and re.search(r"workers/search\.\w+\.min\.js$", worker.group(1)), worker
    locations = {entry["location"] for entry in index["docs"]}
    assert "textes/pc-dec-758.html" in locations
    assert any(location.startswith("textes/pc-dec-758.html#op") for location in locations)
