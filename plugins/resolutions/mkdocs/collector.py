"""When Python's cycle collector runs during a build, and why.

The corpus is millions of small objects, made at once and kept to the end of the
build: the cycle collector would walk them again and again (a quarter of the
conversion's time at 10,000 texts), and they hold no cycles to find."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def rebuild_starts() -> None:
    """Serving, before every rebuild but the first.  A rebuild allocates little that
    outlives it, but the memos it keeps are millions of objects that every full pass of
    the collector walks (3 s of a rebuild at 10,000 texts): the collector rests during a
    rebuild, and what the last one left, still young, is collected before it.  (The
    first build runs as `mkdocs build` does, so that its objects grow old.)"""
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
    """After the build (or its failure): the collector as it was before."""
    if serving:
        gc.enable()
    else:
        gc.unfreeze()


def build_failed() -> None:
    gc.unfreeze()
    gc.enable()
