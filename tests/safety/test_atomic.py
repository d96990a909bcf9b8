"""Issue 12, findings 8 and 11: output is swapped in whole, builds do not collide,
workers die with their parent, SIGTERM leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from resolutions.pipeline import die_with_parent
from tests.site.build import ROOT, SOURCE_DATE_EPOCH, build_site

TEXT = (
    "---\nsymbol: A/RES/1/{n}\ntitle: Un titre {n}\nbody: ag\ntype: résolution\n"
    "date: 2000-01-01\nsource: essai\nformat: pdf-text\n---\n"
    " L’Assemblée générale,\n\n 1. Décide de rester saisie de la question.\n"
)


def corpus(root: Path, count: int = 3) -> Path:
    folder = root / "source_texts"
    folder.mkdir()
    (folder / "glossaire.yml").write_bytes((ROOT / "source_texts/glossaire.yml").read_bytes())
    for n in range(1, count + 1):
        (folder / f"a-res-1-{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    return folder


def test_a_failed_build_leaves_the_last_site_whole(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    site = tmp_path / "site"
    assert build_site(site, folder).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    assert (site / "search" / "search_index.json").is_file()
    (folder / "a-res-1-2.txt").write_text("---\ntitle: [broken\n---\nx\n", encoding="utf-8")
    failed = build_site(site, folder)
    assert failed.returncode != 0
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.building")] == []


def test_two_builds_at_once_both_succeed(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    site = tmp_path / "site"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "RESOLUTIONS_SOURCE_DIR": str(folder),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
               str(ROOT / "mkdocs.yml"), "--site-dir", str(site)]  # fmt: skip
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "textes" / "a-res-1-3.html").is_file()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_sigterm_removes_the_build_folder(tmp_path: Path) -> None:
    folder = corpus(tmp_path, count=60)
    site = tmp_path / "site"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "RESOLUTIONS_SOURCE_DIR": str(folder),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file",
               str(ROOT / "mkdocs.yml"), "--site-dir", str(site)]  # fmt: skip
    run = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    building = tmp_path / f".site.building-{run.pid}"
    deadline = time.monotonic() + 120
    while not building.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert building.exists(), "the build never started writing"
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=120) != 0
    assert not building.exists()
    assert not site.exists()


def _parent_death_signal() -> int:
    import ctypes

    value = ctypes.c_int()
    ctypes.CDLL(None).prctl(2, ctypes.byref(value))  # PR_GET_PDEATHSIG
    return value.value


def test_workers_die_with_their_parent() -> None:
    with ProcessPoolExecutor(1, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        assert pool.submit(_parent_death_signal).result() == signal.SIGKILL
