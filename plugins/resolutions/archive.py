"""The offline archive: the whole built site as one zip, the same bytes for the same site."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

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


def write_archive(site_dir: Path, name: str, epoch: int) -> Path:
    """Zip ``site_dir`` into ``site_dir/name``: same files in, same bytes out.

    Entries are sorted, dated ``epoch`` and given fixed permissions, and sit in one
    folder named after the archive, so that unpacking it makes one folder."""
    target = site_dir / name
    partial = site_dir / f".{name}.{os.getpid()}.partial"
    paths = sorted(
        (path.relative_to(site_dir).as_posix(), path)
        for path in site_dir.rglob("*")
        if path.is_file()
        and path != target
        and not (path.name.startswith(f".{name}.") and path.name.endswith(".partial"))
    )
    folder = Path(name).stem
    stamp = time.gmtime(epoch)[:6]
    with zipfile.ZipFile(partial, "w") as archive:
        for relative, path in paths:
            info = zipfile.ZipInfo(f"{folder}/{relative}", date_time=stamp)
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    partial.replace(target)
    return target
