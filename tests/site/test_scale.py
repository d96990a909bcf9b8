"""A page does not grow with the corpus: the same text's page, the hand-written pages
and the home page weigh the same in a site of 10 texts and in a site of 1,000 (within
20%); no listing holds more than a page of texts, nor weighs 100 kB."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from resolutions.render.listings import PAGE_SIZE

from .build import ROOT, build_site

FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n", re.DOTALL)
SMALL, LARGE = 10, 1000
TOLERANCE = 0.20
LISTING_BYTES = 100_000


def single_text_seeds() -> list[Path]:
    """The seed files that hold one text each (copies of them need one new slug each)."""
    seeds = []
    for path in sorted((ROOT / "source_texts").glob("*.txt")):
        meta = yaml.safe_load(FRONT_MATTER.match(path.read_text(encoding="utf-8"))["meta"])
        if "documents" not in meta:
            seeds.append(path)
    return seeds


def make_corpus(folder: Path, count: int) -> list[str]:
    """``count`` copies of the seeds, each with its own slug and symbol, and the
    glossary; their slugs."""
    folder.mkdir(parents=True)
    glossary = ROOT / "source_texts" / "glossaire.yml"
    if glossary.exists():
        shutil.copy(glossary, folder / glossary.name)
    seeds = [(path, path.read_text(encoding="utf-8")) for path in single_text_seeds()]
    slugs = []
    for number in range(count):
        path, text = seeds[number % len(seeds)]
        match = FRONT_MATTER.match(text)
        meta = yaml.safe_load(match["meta"])
        meta["slug"] = f"{path.stem}-{number:04d}"
        if meta.get("symbol"):
            meta["symbol"] = f"{meta['symbol']}/C{number:04d}"
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        target = folder / f"{meta['slug']}.txt"
        target.write_text(f"---\n{head}---\n{text[match.end() :]}", encoding="utf-8")
        slugs.append(meta["slug"])
    return slugs


def built(tmp_path: Path, count: int) -> tuple[Path, float]:
    sources, site = tmp_path / f"sources-{count}", tmp_path / f"site-{count}"
    make_corpus(sources, count)
    start = time.perf_counter()
    result = build_site(site, sources)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-3000:]
    return site, elapsed


@pytest.mark.slow
def test_page_size_stays_flat_as_the_corpus_grows(tmp_path: Path) -> None:
    small, small_time = built(tmp_path, SMALL)
    large, large_time = built(tmp_path, LARGE)
    assert len(list((large / "textes").glob("*.json"))) == LARGE
    seeds = len(single_text_seeds())
    pages = [f"textes/{path.stem}-{n:04d}.html" for n, path in enumerate(single_text_seeds())]
    pages += ["guide.html", "a-propos.html", "404.html", "index.html"]
    assert seeds >= 3
    report = [f"build: {SMALL} texts {small_time:.1f} s, {LARGE} texts {large_time:.1f} s"]
    for page in pages:
        small_size = (small / page).stat().st_size
        large_size = (large / page).stat().st_size
        ratio = large_size / small_size
        report.append(f"{page}: {small_size} → {large_size} bytes (× {ratio:.3f})")
        assert abs(ratio - 1) <= TOLERANCE, "\n".join(report)
    listings = [large / "textes" / "index.html"]
    listings += sorted((large / "textes" / "organe").rglob("*.html"))
    listings += sorted((large / "textes" / "annee").glob("*.html"))
    # The copies keep the seeds' years: hundreds of texts a year, over several pages.
    assert any(path.stem.endswith("-2") for path in listings)
    for path in listings:
        size = path.stat().st_size
        assert size < LISTING_BYTES, f"{path.relative_to(large)}: {size} bytes"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert len(soup.select("ol.ra-listing > li")) <= PAGE_SIZE, path
    largest = max(listings, key=lambda path: path.stat().st_size)
    report.append(f"largest listing: {largest.relative_to(large)} {largest.stat().st_size} bytes")
    print("\n".join(report))
