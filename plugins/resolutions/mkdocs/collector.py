"""When Python's cycle collector runs during a build, and why.

The corpus is millions of small objects, made at once and kept to the end of the
build: the cycle collector would walk them again and again (a quarter of the
conversion's time at 10,000 texts), and they hold no cycles to find."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

AFTER_REBUILD = 0.5
"""Seconds after a preview's rebuild before the collector runs again: the collection of
what the rebuild made (0.1 s at 1,000 texts) came at its end, before the server showed
the page; by then the browser has asked for the page again."""


class _Resting:
    """Serving: whether a rebuild runs, and the collector's return after the last one."""

    lock = threading.Lock()
    building = False
    timer: threading.Timer | None = None
    frozen = False
    """Whether what the first build of the preview made is frozen (see build_ends)."""


def _wake() -> None:
    with _Resting.lock:
        _Resting.timer = None
        if not _Resting.building:
            gc.enable()
            gc.collect(1)


def rebuild_starts() -> None:
    """Serving, before every rebuild but the first.  A rebuild allocates little that
    outlives it, but the memos it keeps are millions of objects that every full pass of
    the collector walks (3 s of a rebuild at 10,000 texts): the collector rests during a
    rebuild, and what the last one left, still young, is collected before it.  (The
    first build runs as `mkdocs build` does, so that its objects grow old.)"""
    with _Resting.lock:
        _Resting.building = True
        if _Resting.timer is not None:
            _Resting.timer.cancel()
            _Resting.timer = None
    gc.collect(1)
    gc.disable()


@contextmanager
def resting() -> Iterator[None]:
    """The collector rests while the corpus is made (as it was, after)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def corpus_made(serving: bool) -> None:
    """Building, the corpus is frozen: the collector leaves it alone while MkDocs builds
    the pages.  (Not when serving: what is frozen is never collected, and the next
    rebuild leaves this build's pages behind; see rebuild_starts.)"""
    if not serving:
        gc.freeze()


def build_ends(serving: bool) -> None:
    """After the build: the collector as it was before; serving, AFTER_REBUILD seconds
    later, unless the next rebuild has started (which collects as it starts).

    Serving, what the first build made (the corpus, the memos: millions of objects,
    most of which every rebuild keeps) is frozen once it is built: a full pass of the
    collector, when the allocations of a rebuild or of the requests after it trigger
    one, walks only what came after (it walked everything, seconds at 10,000 texts,
    while the browser waited for the page).  What is frozen is still freed when no
    longer used, but a cycle among frozen objects is never collected: the first
    build's few, once."""
    if not serving:
        gc.unfreeze()
        _Resting.frozen = False
        return
    with _Resting.lock:
        _Resting.building = False
        if not _Resting.frozen:  # (gc.get_freeze_count walks every frozen object)
            gc.collect(1)  # the young garbage is not frozen with the rest
            gc.freeze()
            _Resting.frozen = True
        if _Resting.timer is not None:
            _Resting.timer.cancel()
        _Resting.timer = threading.Timer(AFTER_REBUILD, _wake)
        _Resting.timer.daemon = True
        _Resting.timer.start()


def build_failed(serving: bool) -> None:
    with _Resting.lock:
        _Resting.building = False
    if not serving:  # serving, what the first build froze stays frozen
        gc.unfreeze()
        _Resting.frozen = False
    gc.enable()
