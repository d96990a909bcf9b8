"""When the cycle collector runs around builds (``mkdocs.collector``): serving, what
the first build made is frozen, out of the collector's full passes, and stays frozen
when a later rebuild fails; a `mkdocs build` leaves nothing frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from resolutions.mkdocs import collector


@pytest.fixture
def nothing_frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    gc.unfreeze()
    monkeypatch.setattr(collector._Resting, "frozen", False)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def test_serving_freezes_what_the_first_build_made(nothing_frozen: None) -> None:
    made = [{"text": number} for number in range(1000)]  # what a first build keeps
    collector.build_ends(serving=True)
    frozen = gc.get_freeze_count()
    assert frozen >= len(made)
    collector.rebuild_starts()
    collector.build_failed(serving=True)
    assert gc.get_freeze_count() == frozen
    collector.rebuild_starts()
    collector.build_ends(serving=True)
    assert gc.get_freeze_count() == frozen  # frozen once


def test_a_build_leaves_nothing_frozen(nothing_frozen: None) -> None:
    with collector.resting():
        collector.corpus_made(serving=False)
    assert gc.get_freeze_count() > 0
    collector.build_ends(serving=False)
    assert gc.get_freeze_count() == 0
    collector.corpus_made(serving=False)
    collector.build_failed(serving=False)
    assert gc.get_freeze_count() == 0
