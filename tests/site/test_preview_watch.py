"""`mkdocs serve` learns of an edit from the system (inotify) rather than by polling, and
only of changes: every build reads every source, which must not start the next."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from resolutions.mkdocs.preview import watch_natively

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify is Linux's")


class Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.seen = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        self.seen.set()


@contextmanager
def server_watching(*paths: Path) -> Iterator[LiveReloadServer]:
    """MkDocs's server (not serving) watching ``paths``, its observer moved to the
    system's and started."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root="/nonexistent")
    try:
        for path in paths:
            server.watch(str(path))
        assert watch_natively(server)
        yield server
    finally:
        if server.observer.is_alive():
            server.observer.stop()
            server.observer.join()
        server.server_close()


def test_the_watched_paths_move_to_the_system_observer(tmp_path: Path) -> None:
    docs, sources = tmp_path / "docs", tmp_path / "sources"
    docs.mkdir()
    sources.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n")
    with server_watching(docs, config, sources, sources) as server:
        assert type(server.observer).__name__ == "ChangesObserver"
        assert server._watched_paths == {str(docs): 1, str(config): 1, str(sources): 2}
        server.observer.start()
        (sources / "texte.txt").write_text("modifié\n")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30)


def test_reading_a_source_is_no_change(tmp_path: Path) -> None:
    read, written = tmp_path / "lu.txt", tmp_path / "écrit.txt"
    read.write_text("texte\n")
    with server_watching(tmp_path) as server:
        recorder = Recorder()
        server.observer.schedule(recorder, str(tmp_path), recursive=True)
        server.observer.start()
        read.read_text()  # opened, read, closed: as every build does
        written.write_text("texte\n")
        # The system reports events in order: one for the reading would come first.
        assert recorder.seen.wait(timeout=30)
        assert {Path(event.src_path).name for event in recorder.events} == {"écrit.txt"}
