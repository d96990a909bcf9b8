"""Build the site at a git revision and from the working tree, and compare them byte for byte.

A change that only moves code (a refactoring) must leave every file of the built site as
it was: pages, data, search index, the offline archive.  This builds both with the same
``SOURCE_DATE_EPOCH`` and the same source texts, then lists every file that is only in
one build or whose bytes differ (exit status 1 if any).

    .venv/bin/python scripts/compare-builds.py [--before REV] [--sources FOLDER] [--keep DIR]

``--before`` is the revision built as the reference (default: HEAD); its code is taken
from ``git archive``, so the working tree's uncommitted changes are what is compared.
``--sources`` replaces ``source_texts/`` in both builds (a generated corpus:
``benchmarks/generate_corpus.py`` past 50 texts draws the citation graph in parts).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DATE_EPOCH = "1700000000"


def build(project: Path, site: Path, sources: Path | None) -> None:
    """``mkdocs build --strict`` of ``project`` (its mkdocs.yml, docs and plugin code)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    # The plugin's code is the project's own: its folder comes before the installed one.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(project / "plugins"), *filter(None, [env.get("PYTHONPATH")])]
    )
    env.pop("RESOLUTIONS_SITE_URL", None)
    env.pop("RESOLUTIONS_SOURCE_DIR", None)
    if sources is not None:
        env["RESOLUTIONS_SOURCE_DIR"] = str(sources.resolve())
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"the build of {project} failed:\n{result.stderr}")


def export(revision: str, folder: Path) -> None:
    """The files of ``revision`` in ``folder`` (git archive: no worktree to clean up)."""
    archive = folder / "revision.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", revision], cwd=ROOT, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "project", filter="data")
    archive.unlink()


def differences(before: Path, after: Path) -> list[str]:
    """One line per file only in one site or with other bytes, in path order."""
    found: list[str] = []
    names = {
        path.relative_to(site).as_posix()
        for site in (before, after)
        for path in site.rglob("*")
        if path.is_file()
    }
    for name in sorted(names):
        old, new = before / name, after / name
        if not new.is_file():
            found.append(f"only before: {name}")
        elif not old.is_file():
            found.append(f"only after:  {name}")
        elif not filecmp.cmp(old, new, shallow=False):
            found.append(f"differs:     {name}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="HEAD", help="git revision (default: HEAD)")
    parser.add_argument("--sources", type=Path, help="source texts for both builds")
    parser.add_argument("--keep", type=Path, help="keep both sites in this folder")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as scratch:
        work = options.keep.resolve() if options.keep else Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        export(options.before, Path(scratch))
        build(Path(scratch) / "project", work / "before", options.sources)
        build(ROOT, work / "after", options.sources)
        found = differences(work / "before", work / "after")
        files = sum(1 for path in (work / "after").rglob("*") if path.is_file())
    for line in found:
        print(line)
    print(
        f"{len(found)} of {files} files differ between {options.before} and the working tree"
        + (f" (sources: {options.sources})" if options.sources else "")
    )
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
