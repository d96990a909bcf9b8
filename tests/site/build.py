"""Build the site with the real MkDocs command line, as `make site` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DATE_EPOCH = "1700000000"
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "CONTRIBUTING.md")
"""What a build reads besides the source texts: copied, a project to build elsewhere."""


def copy_project(folder: Path, names: Iterable[str] = PROJECT_FILES) -> None:
    """Copy each of ``names`` (a file or a folder of the project) into ``folder``."""
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)


def every_file(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site (``/``-separated): two
    builds compared byte for byte."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file by ``new`` (an editor's edit, in a test);
    ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_site(
    site_dir: Path,
    source_dir: Path | None = None,
    timeout: float = 1800,
    site_url: str | None = None,
    project: Path = ROOT,
    verbose: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project`` (this one by default, or a copy made with
    ``copy_project``) into ``site_dir``; ``source_dir`` replaces ``source_texts/``
    (mkdocs.yml reads it from RESOLUTIONS_SOURCE_DIR); ``site_url`` is the published
    address (RESOLUTIONS_SITE_URL), none by default (a build for file://)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    env.pop("RESOLUTIONS_SOURCE_DIR", None)
    env.pop("RESOLUTIONS_SITE_URL", None)
    if source_dir is not None:
        env["RESOLUTIONS_SOURCE_DIR"] = str(source_dir)
    if site_url is not None:
        env["RESOLUTIONS_SITE_URL"] = site_url
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            *(["--verbose"] if verbose else []),
            "--config-file",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site_dir),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
