"""The offline archive's compressor: processor time and size over a built site.

Every file of ``SITE`` (the archive itself left out) is read into memory once, then
deflated whole, one file at a time, by each compressor at each level: the processor
time it took (``time.process_time``, so another program's load inflates it less than
the wall time) and the compressed bytes, the size of the archive's data. The
compressors are zlib (what ``zipfile`` uses), libdeflate (the ``deflate`` package,
what ``archive.py`` uses) and, when they are installed, ISA-L (``isal``) and zlib-ng
(``zlib-ng``): each writes raw deflate, which every zip reader inflates.

    .venv/bin/python benchmarks/bench_archive.py build/site [--only zlib6 libdeflate1]
"""

from __future__ import annotations

import argparse
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import deflate

from resolutions.archive import COMPRESS_LEVEL

Compressor = Callable[[bytes], bytes]


def zlib_style(module, level: int) -> Compressor:  # zlib, or a module written as it
    def compress(data: bytes) -> bytes:
        compressor = module.compressobj(level, module.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush()

    return compress


def libdeflate(level: int) -> Compressor:
    return lambda data: bytes(deflate.deflate_compress(data, level))


def compressors() -> dict[str, Compressor]:
    found = {f"zlib{level}": zlib_style(zlib, level) for level in range(1, 7)}
    found |= {f"libdeflate{level}": libdeflate(level) for level in (1, 2, 3, 6)}
    try:
        from isal import isal_zlib  # type: ignore[import-not-found]  # optional
    except ImportError:
        pass
    else:
        found |= {f"isal{level}": zlib_style(isal_zlib, level) for level in range(4)}
    try:
        from zlib_ng import zlib_ng  # type: ignore[import-not-found]  # optional
    except ImportError:
        pass
    else:
        found |= {f"zlibng{level}": zlib_style(zlib_ng, level) for level in range(1, 7)}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build's folder)")
    parser.add_argument("--only", nargs="*", help="these compressors only (zlib6, …)")
    options = parser.parse_args()
    files = sorted(
        path for path in options.site.rglob("*") if path.is_file() and path.suffix != ".zip"
    )
    data = [path.read_bytes() for path in files]
    print(f"{len(files):,} files, {sum(map(len, data)) / 1e6:.1f} MB", flush=True)
    print(f"archive.py uses libdeflate{COMPRESS_LEVEL}")
    available = compressors()
    for name in options.only or available:
        compress = available[name]
        started = time.process_time()
        size = sum(len(compress(item)) for item in data)
        seconds = time.process_time() - started
        print(f"{name:12s} {seconds:6.1f} s of CPU  {size / 1e6:7.1f} MB", flush=True)


if __name__ == "__main__":
    main()
