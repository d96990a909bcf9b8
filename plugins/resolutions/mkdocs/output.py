"""Where `mkdocs build` writes: a temporary folder swapped in for the site once the
build has succeeded (AtomicOutput), and the per-process folders it and the preview use."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.resolutions")


class AtomicOutput:
    """`mkdocs build` writes into a temporary folder beside the site's, swapped in once
    the whole build (strict mode's check included) has succeeded: a build that fails,
    is killed or stopped leaves the last site whole (pages, search index and archive
    of one build), never half of a new one.

    A lock on the folder that holds the site makes a second build into it wait for
    the first.  SIGTERM stops the build like an error (its folder is removed); a folder
    left by a killed build is removed by the next one."""

    def __init__(self) -> None:
        self.final: Path | None = None
        self.building: Path | None = None
        self.sources: Path | None = None
        """Beside the site: the generated pages' Markdown, until MkDocs reads it."""
        self.removing: threading.Thread | None = None  # see release_sources
        self.lock: Any = None
        self.complete = False
        self.failed = False

    def start(self, site_dir: Path) -> Path:
        import fcntl

        if self.building is not None:
            return self.building
        self.final = site_dir
        parent, name = site_dir.parent, site_dir.name
        parent.mkdir(parents=True, exist_ok=True)
        # The lock is on the folder that holds the site: no file is left behind.
        self.lock = os.open(parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("resolutions: another build of %s is running: waiting for it", site_dir)
            fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.building = process_folder(parent, f".{name}.building-")
        self.sources = process_folder(parent, f".{name}.sources-")
        main = threading.current_thread() is threading.main_thread()
        if main and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, self._terminate)
        return self.building

    def _terminate(self, signum: int, frame: object) -> None:
        self.failed = True
        raise SystemExit(128 + signum)

    def release_sources(self) -> None:
        """Every page is read: remove their Markdown in a thread while the build ends.
        Removing files the kernel has written to disk waits on it (on this project's
        machine, 2,700 pages took 5.8 s to remove, 0.14 s while still in memory), and
        the archive's compression, at the end of the build, does not."""
        sources, self.sources = self.sources, None
        if sources is None:
            return
        self.removing = threading.Thread(
            target=shutil.rmtree, args=(sources, True), name="sources", daemon=True
        )
        self.removing.start()

    def finish(self) -> None:
        """Swap the new site in if the build completed, else remove it; unlock."""
        building, final = self.building, self.final
        if building is None or final is None:
            return
        try:
            if self.complete and not self.failed:
                old = final.parent / f".{final.name}.old-{os.getpid()}"
                shutil.rmtree(old, ignore_errors=True)
                if final.is_dir() and not final.is_symlink():
                    final.rename(old)
                elif final.exists() or final.is_symlink():
                    final.unlink()
                building.rename(final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                shutil.rmtree(building, ignore_errors=True)
        finally:
            self.building = None
            if self.removing is not None:
                self.removing.join()
                self.removing = None
            if self.sources is not None:
                shutil.rmtree(self.sources, ignore_errors=True)
                self.sources = None
            if self.lock is not None:
                os.close(self.lock)  # releases the lock
                self.lock = None


def process_folder(parent: Path, prefix: str) -> Path:
    """An empty folder ``parent/<prefix><pid>`` for this process, after removing those
    that processes no longer running left behind (killed before they cleaned up)."""
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name.removeprefix(prefix)
        if pid.isdigit() and not process_exists(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    folder = parent / f"{prefix}{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True
