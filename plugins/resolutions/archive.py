"""The offline archive: the whole built site as one zip, the same bytes for the same site."""

from __future__ import annotations

import os
import tempfile
import threading
import time
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import deflate  # libdeflate's raw deflate (archive.compress)

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip archive can record."""


def build_epoch() -> int:
    """The time the build claims: ``SOURCE_DATE_EPOCH`` if set, never the clock
    (ValueError, naming the variable, if it is not a number of seconds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ZIP_EPOCH
    if not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH='{value}' is not a number of seconds")
    return max(int(value), ZIP_EPOCH)


def write_archive(
    site_dir: Path, name: str, epoch: int, last: str = "search", threads: int | None = None
) -> Path:
    """Zip ``site_dir`` into ``site_dir/name``: same files in, same bytes out.

    Entries are sorted, the files under the folder ``last`` after all the others (see
    ``ArchiveWriter``), dated ``epoch`` and given fixed permissions, and sit in one
    folder named after the archive, so that unpacking it makes one folder."""
    writer = ArchiveWriter(site_dir, name, epoch, last, threads)
    writer.start()
    return writer.finish()


COMPRESS_LEVEL = 1
"""libdeflate's level: a plain deflate stream, as any zip reader reads it. Over the
946 MB of a 10,000-text site, zlib's level 6 (``zipfile``'s) took 17.2 s of processor
time for 208 MB, libdeflate's level 1 takes 3.6 s for 225 MB (README, The offline
archive, gives every level measured)."""
CHUNK_BYTES = 1 << 20
"""About how many bytes of files one compressing task takes: enough that the tasks'
overhead is small, few enough that the chunks waiting to be written stay small."""


def compressing_threads() -> int:
    """One compressing thread per core the build may use."""
    return max(1, len(os.sched_getaffinity(0)))


class ArchiveWriter:
    """``write_archive`` in two parts, so that a build can zip its pages while it
    writes the search index: ``start`` zips, in a thread, every file but those under
    ``last``; ``finish`` waits for it, then zips ``last``'s files.

    The files are read and compressed by ``threads`` threads, a chunk of files each
    (with zlib's level 6, compressing alone in one thread was most of the end of a
    10,000-text build; libdeflate's wrapper holds the interpreter's lock while it
    compresses, but the files' reading still overlaps), and written in the archive's
    order by the thread that writes it, with the very bytes ``ZipFile.writestr`` would
    write with that compressor (``_write_member``).  Files another process
    compressed already (``ahead``: the pages of ``mkdocs/parallel.py``'s worker) are
    taken from it, if they have not changed since."""

    def __init__(
        self,
        site_dir: Path,
        name: str,
        epoch: int,
        last: str = "search",
        threads: int | None = None,
        ahead: CompressedAhead | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.target = site_dir / name
        self.partial = site_dir / f".{name}.{os.getpid()}.partial"
        self.name = name
        self.last = last
        self.folder = Path(name).stem
        self.stamp = time.gmtime(epoch)[:6]
        self.threads = threads or compressing_threads()
        self.ahead = ahead
        self.archive: zipfile.ZipFile | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.cancelled = False

    def _paths(self, late: bool) -> list[tuple[str, Path]]:
        found = []
        for path in self.site_dir.rglob("*"):
            if not path.is_file() or path == self.target:
                continue
            if path.name.startswith(f".{self.name}.") and path.name.endswith(".partial"):
                continue
            relative = path.relative_to(self.site_dir).as_posix()
            if (relative.split("/", 1)[0] == self.last) == late:
                found.append((relative, path))
        return sorted(found)

    def _add(self, paths: list[tuple[str, Path]]) -> None:
        """Compress ``paths`` on ``threads`` threads and write them in their order."""
        waiting: deque[Future[list[Compressed]]] = deque()
        with ThreadPoolExecutor(self.threads, thread_name_prefix="archive") as pool:
            try:
                for chunk in _chunks(paths, CHUNK_BYTES):
                    if self.cancelled:
                        return
                    waiting.append(pool.submit(_compress, chunk, self.ahead))
                    # A few chunks ahead of the writing, not the whole site in memory.
                    while len(waiting) > 2 * self.threads:
                        self._write(waiting.popleft().result())
                while waiting and not self.cancelled:
                    self._write(waiting.popleft().result())
            finally:
                for future in waiting:
                    future.cancel()

    def _write(self, members: list[Compressed]) -> None:
        for member in members:
            if self.cancelled:
                return
            self._write_member(member)

    def _write_member(self, member: Compressed) -> None:
        """Write one compressed file as ``ZipFile.writestr`` would (a seekable file,
        deflated, its header written with its CRC and sizes known): ``zipfile`` has no
        public way to write data compressed elsewhere, so this does what its
        ``_open_to_write`` and ``_ZipWriteFile.close`` do (tests/site/test_plugin.py
        compares the two archives byte for byte)."""
        archive = self.archive
        assert archive is not None and archive.fp is not None
        info = zipfile.ZipInfo(f"{self.folder}/{member.relative}", date_time=self.stamp)
        info.create_system = 3  # Unix, whatever the building machine
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size, info.CRC, info.compress_size = member.size, member.crc, len(member.data)
        zip64 = info.file_size * 1.05 > zipfile.ZIP64_LIMIT
        if not zip64 and info.compress_size > zipfile.ZIP64_LIMIT:
            raise RuntimeError(f"{member.relative}: compressed, too large for a zip archive")
        info.header_offset = archive.fp.tell()
        archive.fp.write(info.FileHeader(zip64))
        archive.fp.write(member.data)
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive.start_dir = archive.fp.tell()
        archive._didModify = True  # type: ignore[attr-defined]  # close writes the directory

    def _run(self) -> None:
        try:
            self._add(self._paths(late=False))
        except BaseException as error:  # raised again by finish, in the build's thread
            self.error = error

    def start(self) -> None:
        self.archive = zipfile.ZipFile(self.partial, "w")
        self.thread = threading.Thread(target=self._run, name="archive", daemon=True)
        self.thread.start()

    def finish(self) -> Path:
        """The archive, complete (the error of the thread, if it failed)."""
        assert self.archive is not None and self.thread is not None
        self.thread.join()
        try:
            if self.error is not None:
                raise self.error
            self._add(self._paths(late=True))
            self.archive.close()
        except BaseException:
            self.cancel()
            raise
        if self.ahead is not None:
            self.ahead.close()
        self.partial.replace(self.target)
        return self.target

    def cancel(self) -> None:
        """Stop (a failed build): the thread ends, the partial archive is removed."""
        self.cancelled = True
        if self.thread is not None:
            self.thread.join()
        if self.archive is not None:
            self.archive.close()
        self.partial.unlink(missing_ok=True)
        if self.ahead is not None:
            self.ahead.close()


@dataclass(frozen=True)
class Compressed:
    """One file of the site, compressed as the archive holds it."""

    relative: str
    crc: int
    size: int
    data: bytes


def _chunks(paths: list[tuple[str, Path]], chunk_bytes: int) -> Iterator[list[tuple[str, Path]]]:
    """``paths`` in their order, in runs of about ``chunk_bytes`` bytes of files."""
    chunk: list[tuple[str, Path]] = []
    size = 0
    for relative, path in paths:
        chunk.append((relative, path))
        size += path.stat().st_size
        if size >= chunk_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _compress(
    paths: list[tuple[str, Path]], ahead: CompressedAhead | None = None
) -> list[Compressed]:
    """Each file deflated (raw deflate, libdeflate's level ``COMPRESS_LEVEL``), or as
    ``ahead`` has it if it was compressed from the same bytes."""
    compressed = []
    for relative, path in paths:
        data = path.read_bytes()
        found = ahead.get(relative, data) if ahead is not None else None
        compressed.append(found or compress(relative, data))
    return compressed


def compress(relative: str, data: bytes) -> Compressed:
    """``data`` (the file ``relative``) as the archive holds it: raw deflate, which
    ``zipfile`` and every zip reader inflate; the same bytes for the same data and
    libdeflate version."""
    packed = bytes(deflate.deflate_compress(data, COMPRESS_LEVEL))
    return Compressed(relative, zlib.crc32(data), len(data), packed)


class CompressedAhead:
    """Files of the site compressed before the archive is written, by another process:
    their data in one file with no name (``spool``), where each is in ``places``.

    The process that compresses (``add``) and the one that writes the archive share the
    file, made before the fork: the first appends to it, the second reads it where
    ``places`` (handed over once the first is done) says.  ``get`` gives back a file's
    data only if the file holds the bytes it was compressed from (its size and CRC),
    so that a file written again after is compressed again."""

    def __init__(self, spool: IO[bytes]) -> None:
        self.spool = spool
        self.places: dict[str, tuple[int, int, int, int]] = {}
        """By the file's path in the site: offset and length of its data, CRC, size."""

    @classmethod
    def beside(cls, folder: Path) -> CompressedAhead:
        """An empty spool in ``folder`` (on the site's disk: /tmp may be in memory)."""
        folder.mkdir(parents=True, exist_ok=True)
        return cls(tempfile.TemporaryFile(dir=folder))

    def add(self, relative: str, path: Path) -> None:
        """In the compressing process: compress the file and append its data."""
        member = compress(relative, path.read_bytes())
        offset = self.spool.seek(0, os.SEEK_END)
        self.spool.write(member.data)
        self.places[relative] = (offset, len(member.data), member.crc, member.size)

    def finished(self) -> list[tuple[str, int, int, int, int]]:
        """In the compressing process: its data written out, the places to report."""
        self.spool.flush()
        return [(relative, *place) for relative, place in self.places.items()]

    def receive(self, places: list[tuple[str, int, int, int, int]]) -> None:
        """In the archive's process: the places the compressing process reported."""
        self.places = {
            relative: (offset, length, crc, size) for relative, offset, length, crc, size in places
        }

    def get(self, relative: str, data: bytes) -> Compressed | None:
        place = self.places.get(relative)
        if place is None:
            return None
        offset, length, crc, size = place
        if size != len(data) or crc != zlib.crc32(data):
            return None
        packed = os.pread(self.spool.fileno(), length, offset)
        if len(packed) != length:
            return None
        return Compressed(relative, crc, size, packed)

    def close(self) -> None:
        self.spool.close()
