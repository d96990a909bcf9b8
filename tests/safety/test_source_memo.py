"""A preview knows an unchanged source by its status (``pipeline.SourceState``) rather
than by reading and hashing it again; a source whose bytes changed is always read, even
when its size and modification time were kept or set back, and even when it changed
within the file system's clock tick after it was read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from resolutions import pipeline
from resolutions.pipeline import Memo, build_corpus

ROOT = Path(__file__).resolve().parents[2]
LONG_AGO_NS = 1_600_000_000 * 10**9
"""A modification time well before any reading (2020)."""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of the seeds, every file last modified long ago."""
    folder = tmp_path / "source_texts"
    shutil.copytree(ROOT / "source_texts", folder)
    for path in folder.iterdir():
        os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the source texts read (the glossary's reading is not counted)."""
    names: list[str] = []
    read = pipeline._read

    def counted(path: Path, shown: str) -> bytes:
        if path.name.endswith(".txt"):
            names.append(path.name)
        return read(path, shown)

    monkeypatch.setattr(pipeline, "_read", counted)
    return names


def titles(folder: Path, memo: Memo) -> dict[str, str]:
    corpus = build_corpus(folder, folder.parent, jobs=1, memo=memo)
    return {document.slug: document.title for document in corpus.documents}


def replace_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """``old`` replaced by ``new`` (as long in bytes), the modification time set back."""
    assert len(old.encode()) == len(new.encode())
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert path.stat().st_mtime_ns == status.st_mtime_ns


def test_unchanged_sources_are_not_read_again(sources: Path, reads: list[str]) -> None:
    memo = Memo()
    first = titles(sources, memo)
    assert len(reads) == 6  # the six seeds of source_texts/
    reads.clear()
    assert titles(sources, memo) == first
    assert reads == []


def test_an_edit_that_keeps_size_and_time_is_read(sources: Path, reads: list[str]) -> None:
    memo = Memo()
    before = titles(sources, memo)
    assert before["pc-dec-758"].endswith("lutte anti-drogue")
    # Same length, same modification time: only the change time (which no program can
    # set back) tells.
    replace_keeping_size_and_time(sources / "pc-dec-758.txt", "anti-drogue\n", "ANTI-DROGUE\n")
    reads.clear()
    after = titles(sources, memo)
    assert reads == ["pc-dec-758.txt"]
    assert after["pc-dec-758"].endswith("lutte ANTI-DROGUE")
    assert {slug: title for slug, title in after.items() if slug != "pc-dec-758"} == {
        slug: title for slug, title in before.items() if slug != "pc-dec-758"
    }


def test_a_text_saved_by_renaming_a_new_file_over_it_is_read(
    sources: Path, reads: list[str]
) -> None:
    """As many editors save: a new file, renamed over the old one."""
    memo = Memo()
    titles(sources, memo)
    path = sources / "a-res-62-176.txt"
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "title: Coopération internationale" in text
    written = sources / ".a-res-62-176.txt.new"
    written.write_text(
        text.replace("title: Coopération internationale", "title: Coopération Internationale"),
        encoding="utf-8",
    )
    os.utime(written, ns=(status.st_atime_ns, status.st_mtime_ns))
    os.replace(written, path)
    reads.clear()
    after = titles(sources, memo)
    assert reads == ["a-res-62-176.txt"]
    assert after["a-res-62-176"].startswith("Coopération Internationale")


def test_a_source_modified_just_before_it_was_read_is_read_again(
    sources: Path, reads: list[str]
) -> None:
    """Modified within RACY_NS of its reading, a second write in the same clock tick
    might keep every part of its status: its status is not trusted."""
    path = sources / "pc-dec-758.txt"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # modified now
    memo = Memo()
    titles(sources, memo)
    reads.clear()
    titles(sources, memo)
    assert reads == ["pc-dec-758.txt"]


def test_a_rebuild_asks_nothing_more_of_an_unchanged_source_than_its_listing(
    sources: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's listing gives each text's status and whether it is a link (one
    system call a file): an unchanged source is neither read nor asked for its status
    or whether it is a link again."""
    memo = Memo()
    corpus = build_corpus(sources, sources.parent, jobs=1, memo=memo)
    asked: list[str] = []
    status, islink = pipeline.file_status, os.path.islink

    def counted_status(path: Path) -> tuple[int, ...]:
        asked.append(f"status {Path(path).name}")
        return status(path)

    def counted_islink(path: object) -> bool:
        asked.append(f"link {Path(str(path)).name}")
        return islink(path)

    monkeypatch.setattr(pipeline, "file_status", counted_status)
    monkeypatch.setattr(pipeline.os.path, "islink", counted_islink)
    reads.clear()
    again = build_corpus(sources, sources.parent, jobs=1, memo=memo)
    assert again.documents == corpus.documents
    assert reads == []
    assert [name for name in asked if name.endswith(".txt")] == []


def test_the_listing_shows_each_text_as_display_paths_does(sources: Path, tmp_path: Path) -> None:
    """Each text's shown path, made by the listing from its folder's, is the one
    ``display_paths`` and ``display_path`` give: relative to the root, a link resolved
    whole, a folder outside the root shown as it was given, and with no root."""
    (sources / "lien.txt").symlink_to(sources / "pc-dec-758.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for root in (sources.parent, sources, tmp_path.parent, elsewhere, None):
        listing = pipeline.list_folder(sources, root)
        assert len(listing.shown) == len(listing.texts) == 7
        assert listing.shown == pipeline.display_paths(listing.texts, root)
        assert listing.shown == [pipeline.display_path(path, root) for path in listing.texts]
    assert pipeline.list_folder(sources, sources.parent).shown[-1] == "source_texts/pc-dec-758.txt"
    assert pipeline.list_folder(sources, sources).shown[0] == "a-res-62-176.txt"


def test_a_rebuild_lists_the_sources_with_the_paths_it_made_before(sources: Path) -> None:
    """A preview's listing hands back the very ``Path`` of each name (already hashed),
    and forgets the names gone from the folder."""
    memo = Memo()
    first = build_corpus(sources, sources.parent, jobs=1, memo=memo)
    paths = dict(memo.paths_in(sources))
    assert sorted(paths) == sorted(path.name for path in sources.iterdir())
    (sources / "cnd-2019-e-2019-28-extrait.txt").unlink()
    again = build_corpus(sources, sources.parent, jobs=1, memo=memo)
    files = {Path(document.source_path).name for document in first.documents}
    assert {Path(document.source_path).name for document in again.documents} == files - {
        "cnd-2019-e-2019-28-extrait.txt"
    }
    now = memo.paths_in(sources)
    assert "cnd-2019-e-2019-28-extrait.txt" not in now
    assert len(now) == len(paths) - 1
    assert all(now[name] is paths[name] for name in now)
