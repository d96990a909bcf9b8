"""The whole site at scale: generated corpora of 1,000 and 10,000 texts (or any sizes),
built, served and searched, against the targets of issue 14.

For each size it prints: conversion throughput (MB/s of source, one process and one per
core); the full ``mkdocs build --strict`` (wall time, CPU time of all its processes,
peak memory of all its processes and of the largest alone) from a cold conversion
cache, with our search index and again with the theme's (Material's, built in the
browser); a plain MkDocs build of the Markdown the plugin generated (same theme,
extensions and search, no plugin: the floor) and the ratio of the two; the HTML size
of text pages (median and largest), of a hand-written page,
of the largest page of the site and of the largest page other than a text, and the
site's total size; the search index; how long ``mkdocs serve`` takes to start and to
show an edit of one source text; and the time until the first search result in
Chromium, the site opened from ``file://``, for both searches.  Then the growth at ten
times the texts, the targets (printed, never asserted) and the table of the issue's
"done when", our search beside the theme's.

Sizes whose estimated time does not fit in the budget are skipped, with a note.  Every
measurement runs in a fresh process; everything is written under a temporary folder
(``--work`` to choose it, ``--keep`` to keep it).  ``--search-only``, ``--build-only`` and
``--serve-only`` measure one part.

    .venv/bin/python benchmarks/bench_site.py [--sizes 1000,10000] [--budget-seconds N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from benchmarks.generate_corpus import Generated, generate  # noqa: E402
from resolutions.pipeline import (  # noqa: E402
    annotate_corpus,
    convert_paths,
    load_glossary_of,
    source_files,
)
from tests.site.build import copy_project  # noqa: E402  (the project a build reads, copied)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH_QUERIES = (
    "précurseurs",
    "coopération internationale",
    "blanchiment d'argent",
    "ONUDC",
    "stupéfiants",
)
"""Typed key by key on a text page, each in a fresh tab: the first result's time."""
SECOND_QUERY = "coopération"
"""Typed after the first query, the index warm: a later query's time."""
SECONDS_PER_TEXT_GUESS = 0.2
"""Before anything is measured: a generous guess of the time one text costs."""
ESTIMATE_MARGIN = 1.2
DEFAULT_BUDGET = 25 * 60
RESULT_COUNT = re.compile(r"^\d+ documents? trouvés?$")

# The child reports its own children's usage: one fresh process per measurement, so
# that ru_maxrss is this build's peak and not the largest of every earlier one.  That
# is the peak of the largest process alone: the build's conversion workers and the
# process that renders half of the pages (mkdocs/parallel.py, forked, sharing its
# parent's memory until either writes to it) come beside it.  So the whole tree of the
# build's processes is sampled too, every SAMPLE_SECONDS: the sum of their proportional
# set sizes (Pss: a page shared by two processes counts half in each), whose peak is
# the memory the build held (a peak shorter than the interval can be missed; reading
# the sizes walks the processes' page tables: about 6 % of one core at 10,000 texts,
# out of the build's CPU time but not out of the machine's).  The
# build's main process's own processor time is sampled with it (to the last sample
# before it exits): the work no other process shared, which no number of cores makes
# shorter.
MEASURE = """
import json, os, resource, subprocess, sys, threading, time
SAMPLE_SECONDS = 0.2
def tree(root):
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return found
def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
start = time.perf_counter()
child = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
peak, main_cpu = [0], [0.0]
TICKS = os.sysconf("SC_CLK_TCK")
def own_cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, ValueError, IndexError):
        return None
def sample():
    while child.poll() is None:
        peak[0] = max(peak[0], sum(pss_kb(pid) for pid in tree(child.pid)))
        main_cpu[0] = own_cpu(child.pid) or main_cpu[0]
        time.sleep(SAMPLE_SECONDS)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
stderr = child.communicate()[1]
wall = time.perf_counter() - start
sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": child.returncode, "wall": wall,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "max_rss_kb": usage.ru_maxrss, "tree_pss_kb": peak[0],
                  "main_cpu": main_cpu[0],
                  "stderr": stderr[-4000:]}))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    max_rss_mb: float
    """The peak resident size of the largest process."""
    tree_mb: float
    """The peak of the whole process tree's memory (its processes' Pss summed)."""
    main_cpu: float
    """The processor time of the build's main process alone (sampled)."""

    def __str__(self) -> str:
        return (
            f"{self.wall:6.1f} s (CPU {self.cpu:6.1f} s, of which the main process "
            f"{self.main_cpu:.1f} s), peak memory {self.tree_mb:5.0f} MB (all its "
            f"processes; the largest alone {self.max_rss_mb:.0f} MB)"
        )


@dataclass
class Result:
    size: int
    figures: dict[str, float] = field(default_factory=dict)


class BenchmarkError(RuntimeError):
    pass


def measured(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    # In a session of its own, so that an interrupted benchmark stops the build too.
    child = subprocess.Popen(
        [sys.executable, "-c", MEASURE, json.dumps(command)],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = child.communicate()
    except BaseException:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        raise
    if child.returncode != 0:
        raise BenchmarkError(stderr[-4000:])
    report = json.loads(stdout)
    if report["returncode"] != 0:
        raise BenchmarkError(f"{' '.join(command)} failed:\n{report['stderr']}")
    return Run(
        report["wall"],
        report["cpu"],
        report["max_rss_kb"] / 1024,
        report["tree_pss_kb"] / 1024,
        report["main_cpu"],
    )


def mkdocs(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *arguments]


# ------------------------------------------------------------------ the projects


def make_project(folder: Path) -> None:
    """A copy of what the build reads, with three more configurations: one whose plugin
    also writes the generated Markdown (``markdown-export/``), the same with the theme's
    search (``search_index: theme``), and a plain one without the plugin over that
    Markdown (``docs-plain/``)."""
    folder.mkdir(parents=True)
    # A copy, so that the benchmark's builds neither read nor fill the project's own
    # conversion cache.
    copy_project(folder)
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    lines = config.split("\n")
    start = lines.index("  - resolutions:")
    end = start + 1
    while end < len(lines) and lines[end].startswith(("      ", "    #")):
        end += 1
    export = [*lines[: start + 1], "      markdown_dir: markdown-export", *lines[start + 1 :]]
    (folder / "mkdocs-export.yml").write_text("\n".join(export), encoding="utf-8")
    # The same site with the theme's own search (its index built in the browser at each
    # visit), which the sharded index replaced: the comparison.
    theme = [*export[: start + 1], "      search_index: theme", *export[start + 1 :]]
    (folder / "mkdocs-theme-search.yml").write_text("\n".join(theme), encoding="utf-8")
    plain = lines[:start] + lines[end:]
    if plain.count("docs_dir: docs") != 1:
        raise BenchmarkError("mkdocs.yml: expected one line 'docs_dir: docs'")
    plain[plain.index("docs_dir: docs")] = "docs_dir: docs-plain"
    (folder / "mkdocs-plain.yml").write_text("\n".join(plain), encoding="utf-8")


def environment(sources: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1700000000",
        "RESOLUTIONS_SOURCE_DIR": str(sources),
    }


def ours_and_theme_builds(
    project: Path, folder: Path, env: dict[str, str], theme_note: str = ""
) -> tuple[Path, Path, Run, Run]:
    """The site built with our index, then with the theme's, both with the conversion
    cache cold so that the two compare: (site, theme's site, our run, the theme's run)."""
    site, theme_site = folder / "site", folder / "site-theme-search"
    cold = measured(
        mkdocs("build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)),
        env,
        project,
    )
    print(f"annotated build, conversion cache cold:  {cold}", flush=True)
    shutil.rmtree(project / "build" / "cache", ignore_errors=True)
    theme_config = str(project / "mkdocs-theme-search.yml")
    theme = measured(
        mkdocs("build", "--strict", "-f", theme_config, "-d", str(theme_site)), env, project
    )
    print(f"the same with the theme's search, cache cold: {theme}{theme_note}", flush=True)
    return site, theme_site, cold, theme


def build_figures(cold: Run, theme: Run) -> dict[str, float]:
    return {
        "cold_s": cold.wall,
        "cold_cpu_s": cold.cpu,
        "cold_rss_mb": cold.tree_mb,
        "cold_largest_rss_mb": cold.max_rss_mb,
        "cold_main_cpu_s": cold.main_cpu,
        "theme_build_s": theme.wall,
        "theme_build_cpu_s": theme.cpu,
        "theme_rss_mb": theme.tree_mb,
        "theme_largest_rss_mb": theme.max_rss_mb,
    }


# ------------------------------------------------------------------ measurements


def conversion(sources: Path, root: Path) -> dict[str, float]:
    paths = source_files(sources)
    megabytes = sum(path.stat().st_size for path in paths) / 1e6
    figures = {"source_mb": megabytes}
    for name, jobs in (("one", 1), ("all", None)):
        start = time.perf_counter()
        converted = convert_paths(paths, root, jobs=jobs, cache=None)
        figures[f"convert_{name}_mbps"] = megabytes / (time.perf_counter() - start)
    glossary = load_glossary_of(sources, root)
    start = time.perf_counter()
    annotate_corpus(converted.documents, glossary)
    figures["corpus_pass_s"] = time.perf_counter() - start
    return figures


def folder_size(folder: Path, skip: Callable[[Path], bool] = lambda path: False) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not skip(p))


def site_figures(site: Path, made: list[Generated], archive: str) -> dict[str, float]:
    text_sizes = [(site / "textes" / f"{g.slug}.html").stat().st_size for g in made]
    pages = sorted(((path.stat().st_size, path) for path in site.rglob("*.html")), reverse=True)
    index = (site / "search" / "search_index.json").read_bytes()
    sharded = [path for path in (site / "search").rglob("*.js") if path.name != "search_index.js"]
    others = other_pages(pages, made)
    return {
        "sharded_mb": sum(path.stat().st_size for path in sharded) / 1e6,
        "sharded_files": len(sharded),
        "largest_shard_kb": max((path.stat().st_size for path in sharded), default=0) / 1e3,
        "largest_other_page_kb": others[0][0] / 1e3 if others else 0.0,
        "largest_other_page": str(others[0][1].relative_to(site)) if others else "",
        "page_median_kb": statistics.median(text_sizes) / 1e3,
        "page_max_kb": max(text_sizes) / 1e3,
        "guide_kb": (site / "guide.html").stat().st_size / 1e3,
        "largest_page_kb": pages[0][0] / 1e3,
        "largest_pages": ", ".join(
            f"{path.relative_to(site)} {size / 1e3:.0f} kB" for size, path in pages[:4]
        ),
        # The pages that list the mentions of a glossary entry, and the citation graph.
        "largest_listing_kb": max(
            size
            for size, path in pages
            if path.relative_to(site).parts[0] == "glossaire"
            or path.relative_to(site).as_posix().startswith("textes/citations")
        )
        / 1e3,
        "site_mb": folder_size(site, lambda path: path.name == archive) / 1e6,
        "archive_mb": (site / archive).stat().st_size / 1e6 if (site / archive).exists() else 0,
        "index_mb": len(index) / 1e6,
        "index_gzip_mb": len(gzip.compress(index, 6)) / 1e6,
        "index_entries": len(json.loads(index)["docs"]),
    }


def other_pages(pages: list[tuple[int, Path]], made: list[Generated]) -> list[tuple[int, Path]]:
    """The pages (size, path), largest first, that are not a text's own page."""
    slugs = {g.slug for g in made}
    return [
        (size, path)
        for size, path in pages
        if path.parent.name != "textes" or path.stem not in slugs
    ]


def largest_other_page(site: Path, made: list[Generated]) -> tuple[str, float]:
    """The largest page of ``site`` other than a text's own page, and its size in kB."""
    pages = sorted(((path.stat().st_size, path) for path in site.rglob("*.html")), reverse=True)
    size, path = other_pages(pages, made)[0]
    return str(path.relative_to(site)), size / 1e3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_until(condition: Callable[[], bool], seconds: float, pause: float = 0.05) -> float:
    """Seconds until ``condition`` holds; raises after ``seconds``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if condition():
            return time.perf_counter() - start
        time.sleep(pause)
    raise BenchmarkError(f"nothing after {seconds:.0f} s")


def serve(project: Path, sources: Path, edited: Generated, patience: float) -> dict[str, float]:
    """Start ``mkdocs serve`` (the conversion cache warm, as an editor has it), then edit
    one source text's title twice; seconds until each edit shows on its page."""
    port = free_port()
    log = (project / "serve.log").open("w")
    server = subprocess.Popen(
        mkdocs("serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")),
        cwd=project,
        env=environment(sources),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/textes/{edited.slug}.html"
    path = sources / f"{edited.slug}.txt"
    original = path.read_text(encoding="utf-8")
    figures: dict[str, float] = {}
    try:
        figures["serve_start_s"] = wait_until(lambda: "Texte généré" in fetch(url), patience)
        for attempt in (1, 2):
            marker = f"Titre modifié {attempt}"
            before = process_cpu_seconds(server.pid)
            path.write_text(
                original.replace("title: Texte généré", f"title: {marker}, texte généré", 1),
                encoding="utf-8",
            )
            figures[f"serve_edit_{attempt}_s"] = wait_until(
                lambda marker=marker: marker in fetch(url), patience
            )
            figures[f"serve_edit_{attempt}_cpu_s"] = process_cpu_seconds(server.pid) - before
            figures[f"serve_edit_{attempt}_load"] = os.getloadavg()[0]
    except BenchmarkError as error:
        log_text = (project / "serve.log").read_text()[-3000:]
        raise BenchmarkError(f"serve: {error}\n{log_text}") from None
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary folders
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # with its conversion workers
            server.wait()
        log.close()
        path.write_text(original, encoding="utf-8")
    return figures


def process_cpu_seconds(pid: int) -> float:
    """The processor time a process has used (all its threads; Linux's /proc), or NaN
    where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_search(site: Path, text_page: str, patience: float) -> dict[str, float]:
    """Each query of SEARCH_QUERIES in a fresh tab opened on a text page (file://, every
    request outside it refused), typed key by key: seconds from opening the page until
    the first result shows, and the bytes of the files read (the page included); then,
    in the last tab, SECOND_QUERY: seconds from its last key until its results show.
    The time from opening the page includes loading it and typing (Playwright's keys),
    hence also the time from the last key."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    figures: dict[str, float] = {}
    firsts, after_keys, loaded, openings, typings, clicks = [], [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for query in SEARCH_QUERIES:
                context = browser.new_context()
                context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
                page = context.new_page()
                files: list[str] = []
                page.on("request", lambda request, files=files: files.append(request.url))
                start = time.perf_counter()
                page.goto((site / text_page).as_uri(), wait_until="load")
                opened = time.perf_counter()
                box = page.locator("input.md-search__input")
                box.click()
                clicked = time.perf_counter()
                # Typed key by key: the theme searches on key events, which fill() skips.
                box.press_sequentially(query)
                typed = time.perf_counter()
                openings.append(opened - start)
                typings.append(typed - opened)
                clicks.append(clicked - opened)
                first = page.locator("li.md-search-result__item").first
                first.wait_for(state="attached", timeout=patience * 1000)
                firsts.append(time.perf_counter() - start)
                after_keys.append(time.perf_counter() - typed)
                loaded.append(sum(file_size(url) for url in set(files)))
                if query != SEARCH_QUERIES[-1]:
                    context.close()
            try:
                # Typing can time out too: the theme's search at 10,000 texts blocked the
                # page's keys for over 30 s (Playwright's wait for a key) while it built
                # its index.
                box.fill("")
                page.wait_for_timeout(300)
                box.press_sequentially(SECOND_QUERY)
                start = time.perf_counter()
                page.wait_for_function(
                    "word => [...document.querySelectorAll('.md-search-result__item')]"
                    ".some(item => item.textContent.toLowerCase().includes(word))",
                    arg=SECOND_QUERY[:6],
                    timeout=patience * 1000,
                )
                figures["next_result_s"] = time.perf_counter() - start
            except PlaywrightTimeout:
                # The five first results stand: only the later query gave none in time.
                figures["next_result_s"] = math.inf
            context.close()
        finally:
            browser.close()
    figures["first_results"] = firsts
    figures["page_loads"] = openings
    figures["typings"] = typings
    figures["clicks"] = clicks
    figures["first_result_s"] = max(firsts)
    figures["after_last_key_s"] = max(after_keys)
    figures["loaded_mb"] = max(loaded) / 1e6
    return figures


def file_size(url: str) -> int:
    path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path))
    return path.stat().st_size if url.startswith("file:") and path.is_file() else 0


def print_search(label: str, figures: dict) -> None:
    times = ", ".join(
        f"{query} {seconds:.2f} s"
        for query, seconds in zip(SEARCH_QUERIES, figures["first_results"], strict=True)
    )
    print(
        f"{label}: first result (from opening a text page, file://) {times}; at most "
        f"{figures['after_last_key_s'] * 1000:.0f} ms after the last key; at most "
        f"{figures['loaded_mb']:.2f} MB read for one query; then '{SECOND_QUERY}' "
        f"{milliseconds(figures['next_result_s'])} after its last key",
        flush=True,
    )
    # Where the first result's time went: the page until its load event, then
    # Playwright's click on the box and its typing, key by key (the click apart: it is
    # Playwright's checks and the page's frames, the same whatever the search).
    print(
        f"{label}, of those: the page's load event {seconds_range(figures['page_loads'])}, "
        f"typing the query {seconds_range(figures['typings'])} (of which the click "
        f"{seconds_range(figures['clicks'])})",
        flush=True,
    )


def milliseconds(seconds: float) -> str:
    """A later query's time, or that it gave no result before the wait ran out."""
    return "no result in the time waited" if math.isinf(seconds) else f"{seconds * 1000:.0f} ms"


def seconds_range(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s"


# ------------------------------------------------------------------ one size


def fresh_corpus(size: int, work: Path) -> tuple[Path, Path, Path, list[Generated]]:
    """A new folder for ``size`` texts under ``work`` (emptied if it was there), with a
    generated corpus in its ``sources`` and a project to build it in ``project``:
    (folder, sources, project, the generated texts)."""
    folder = work / f"n{size}"
    if folder.exists():
        shutil.rmtree(folder)
    sources, project = folder / "sources", folder / "project"
    made = generate(sources, size)
    make_project(project)
    return folder, sources, project, made


def measure_size(size: int, work: Path, with_browser: bool) -> Result:
    result = Result(size)
    figures = result.figures
    folder, sources, project, made = fresh_corpus(size, work)
    env = environment(sources)
    print(f"\n=== {size:,} texts ===", flush=True)

    figures.update(conversion(sources, folder))
    print(
        f"conversion of {figures['source_mb']:.1f} MB of source: "
        f"{figures['convert_one_mbps']:.1f} MB/s in one process, "
        f"{figures['convert_all_mbps']:.1f} MB/s on {os.cpu_count()} cores; "
        f"corpus pass (mentions, citations, backlinks) {figures['corpus_pass_s']:.1f} s",
        flush=True,
    )

    site, theme_site, cold, theme = ours_and_theme_builds(
        project, folder, env, " (and the Markdown written for the plain build)"
    )

    plain_docs = project / "docs-plain"
    shutil.copytree(project / "docs", plain_docs)
    shutil.copytree(project / "markdown-export", plain_docs, dirs_exist_ok=True)
    plain_site = folder / "site-plain"
    plain_config = str(project / "mkdocs-plain.yml")
    plain = measured(
        mkdocs("build", "--strict", "-f", plain_config, "-d", str(plain_site)), env, project
    )
    print(f"plain MkDocs build of the same Markdown: {plain}")
    figures.update(build_figures(cold, theme))
    figures.update(
        plain_s=plain.wall,
        plain_cpu_s=plain.cpu,
        plain_rss_mb=plain.tree_mb,
        ratio=cold.wall / plain.wall,
        ratio_cpu=cold.cpu / plain.cpu,
    )
    print(
        f"annotated / plain: {figures['ratio']:.2f} (CPU {figures['ratio_cpu']:.2f}; the "
        "plain build converts nothing, and the wall time depends on the machine's load)"
    )

    figures.update(site_figures(site, made, "resolutions-annotees.zip"))
    plain_index = (plain_site / "search" / "search_index.json").stat().st_size / 1e6
    print(
        f"text pages: median {figures['page_median_kb']:.1f} kB, largest "
        f"{figures['page_max_kb']:.1f} kB; guide.html {figures['guide_kb']:.1f} kB; "
        f"largest glossary or citation graph page {figures['largest_listing_kb']:.1f} kB"
    )
    print(f"largest pages: {figures['largest_pages']}")
    print(
        f"site: {figures['site_mb']:.1f} MB and its zip archive {figures['archive_mb']:.1f} MB "
        f"(plain build: {folder_size(plain_site) / 1e6:.1f} MB)"
    )
    theme_index = (theme_site / "search" / "search_index.json").stat().st_size / 1e6
    figures["theme_index_mb"] = theme_index
    print(
        f"search index: {figures['sharded_mb']:.1f} MB in {figures['sharded_files']:,} files, "
        f"the largest {figures['largest_shard_kb']:.0f} kB (the theme's, built in the "
        f"browser: {theme_index:.1f} MB in one file; plain build: {plain_index:.1f} MB)"
    )
    figures["theme_largest_other_page"], figures["theme_largest_other_page_kb"] = (
        largest_other_page(theme_site, made)
    )
    print(
        f"largest page other than a text: {figures['largest_other_page']} "
        f"{figures['largest_other_page_kb']:.0f} kB (with the theme's search: "
        f"{figures['theme_largest_other_page']} {figures['theme_largest_other_page_kb']:.0f} kB)",
        flush=True,
    )

    edited = made[len(made) // 2]
    figures.update(serve(project, sources, edited, patience=max(120.0, 4 * cold.wall)))
    print_serve(figures, edited)

    if with_browser:
        figures.update(both_searches(site, theme_site, made, cold))
    return result


def both_searches(
    site: Path, theme_site: Path, made: list[Generated], cold: Run
) -> dict[str, float]:
    """Our search and the theme's in Chromium, from the same text page: their figures,
    the theme's prefixed ``theme_``."""
    figures: dict[str, float] = {}
    text_page = f"textes/{made[len(made) // 3].slug}.html"
    for label, searched, prefix in (
        ("our search", site, ""),
        ("the theme's search", theme_site, "theme_"),
    ):
        try:
            found = browser_search(searched, text_page, patience=max(120.0, 2 * cold.wall))
            print_search(f"Chromium, {label}", found)
            figures.update({prefix + key: value for key, value in found.items()})
        except Exception as error:  # a timeout is a figure too: say what happened
            print(f"Chromium, {label}: no search result ({type(error).__name__}: {error})")
    return figures


def print_serve(figures: dict[str, float], edited: Generated) -> None:
    edits = [
        f"{figures[f'serve_edit_{n}_s']:.2f} s (the server's CPU until then "
        f"{figures[f'serve_edit_{n}_cpu_s']:.2f} s, load average "
        f"{figures[f'serve_edit_{n}_load']:.1f})"
        for n in (1, 2)
    ]
    print(
        f"mkdocs serve: first page after {figures['serve_start_s']:.1f} s; an edit of "
        f"{edited.slug}.txt visible after {edits[0]}, then {edits[1]}",
        flush=True,
    )


def measure_search(size: int, work: Path) -> Result:
    """``--search-only``: the site built with our index and with the theme's (both with
    the conversion cache cold), their indexes and the search in Chromium, nothing else
    (at 10,000 texts the full measure takes an hour on a loaded machine)."""
    result = Result(size)
    figures = result.figures
    folder, sources, project, made = fresh_corpus(size, work)
    env = environment(sources)
    print(f"\n=== {size:,} texts, search only ===", flush=True)
    site, theme_site, cold, theme = ours_and_theme_builds(project, folder, env)
    figures.update(build_figures(cold, theme))
    figures.update(site_figures(site, made, "resolutions-annotees.zip"))
    figures["theme_largest_other_page"], figures["theme_largest_other_page_kb"] = (
        largest_other_page(theme_site, made)
    )
    theme_index = (theme_site / "search" / "search_index.json").stat().st_size / 1e6
    figures["theme_index_mb"] = theme_index
    print(
        f"search index: {figures['sharded_mb']:.1f} MB in {figures['sharded_files']:,} files, "
        f"the largest {figures['largest_shard_kb']:.0f} kB (the theme's, built in the "
        f"browser: {theme_index:.1f} MB in one file)"
    )
    print(
        f"largest page other than a text: {figures['largest_other_page']} "
        f"{figures['largest_other_page_kb']:.0f} kB",
        flush=True,
    )
    figures.update(both_searches(site, theme_site, made, cold))
    return result


def measure_build(size: int, work: Path) -> Result:
    """``--build-only``: the site built once with our index, the conversion cache cold:
    its wall and CPU time (the main process's apart) and the peak memory of all its
    processes, nothing else (the theme's build, the plain one and the browser are left
    out: at 10,000 texts they take most of the benchmark's time)."""
    result = Result(size)
    folder, sources, project, _made = fresh_corpus(size, work)
    print(f"\n=== {size:,} texts, build only ===", flush=True)
    run = measured(
        mkdocs("build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(folder / "site")),
        environment(sources),
        project,
    )
    print(f"annotated build, conversion cache cold:  {run}", flush=True)
    result.figures.update(
        cold_s=run.wall,
        cold_cpu_s=run.cpu,
        cold_rss_mb=run.tree_mb,
        cold_largest_rss_mb=run.max_rss_mb,
        cold_main_cpu_s=run.main_cpu,
    )
    return result


def measure_serve(size: int, work: Path) -> Result:
    """``--serve-only``: ``mkdocs serve`` started on a generated corpus, and two edits
    of one text timed until its page shows them; nothing else."""
    result = Result(size)
    _folder, sources, project, made = fresh_corpus(size, work)
    print(f"\n=== {size:,} texts, preview only ===", flush=True)
    edited = made[len(made) // 2]
    result.figures.update(serve(project, sources, edited, patience=max(120.0, size * 0.2)))
    figures = result.figures
    print_serve(figures, edited)
    return result


# ------------------------------------------------------------------ the summary


def growth(results: list[Result]) -> None:
    by_size = {result.size: result.figures for result in results}
    pairs = [(small, small * 10) for small in sorted(by_size) if small * 10 in by_size]
    if not pairs:
        print("\ngrowth: needs two sizes ten times apart")
        return
    small, large = (1000, 10000) if (1000, 10000) in pairs else pairs[-1]
    a, b = by_size[small], by_size[large]
    print(f"\n=== growth, {small:,} → {large:,} texts (target: at most × 11) ===")
    for label, key in (
        ("annotated build (cold), wall", "cold_s"),
        ("annotated build (cold), CPU", "cold_cpu_s"),
        ("plain build, wall", "plain_s"),
        ("site size", "site_mb"),
        ("search index (sharded, all files)", "sharded_mb"),
        ("text page, median size (target: flat)", "page_median_kb"),
        ("largest page of the site", "largest_page_kb"),
        ("largest glossary or citation graph page", "largest_listing_kb"),
    ):
        print(f"{label}: × {b[key] / a[key]:.2f}")


def targets(results: list[Result]) -> None:
    at = {result.size: result.figures for result in results}
    print("\n=== targets (printed, not asserted) ===")
    if 1000 in at and "ratio" in at[1000]:
        figures = at[1000]
        print(
            f"annotated build ≤ 1.25 × plain at 1,000 texts: {figures['ratio']:.2f} "
            f"(CPU {figures['ratio_cpu']:.2f}) {'met' if figures['ratio'] <= 1.25 else 'NOT met'}"
        )
    if 10000 in at and "cold_s" in at[10000]:
        figures = at[10000]
        print(
            f"build of 10,000 texts ≤ 60 s: {figures['cold_s']:.1f} s (CPU "
            f"{figures['cold_cpu_s']:.1f} s) {'met' if figures['cold_s'] <= 60 else 'NOT met'}; "
            f"peak memory ≤ 1.5 GB: {figures['cold_rss_mb'] / 1000:.2f} GB "
            f"{'met' if figures['cold_rss_mb'] <= 1500 else 'NOT met'}"
        )
    for size, limit in ((1000, 1.0), (10000, 2.0)):
        if size in at and "serve_edit_1_s" in at[size]:
            figures = at[size]
            slowest = max(figures["serve_edit_1_s"], figures["serve_edit_2_s"])
            print(
                f"preview: an edit visible ≤ {limit:.0f} s at {size:,} texts: "
                f"{figures['serve_edit_1_s']:.2f} s, {figures['serve_edit_2_s']:.2f} s "
                f"{'met' if slowest <= limit else 'NOT met'}"
            )
    for size, figures in sorted(at.items()):
        if "first_result_s" not in figures:
            continue
        theme = figures.get("theme_first_result_s")
        print(
            f"search at {size:,} texts, first result ≤ 1 s: slowest of the five "
            f"{figures['first_result_s']:.2f} s "
            f"{'met' if figures['first_result_s'] <= 1 else 'NOT met'}; a later query "
            f"≤ 300 ms: {milliseconds(figures['next_result_s'])} "
            f"{'met' if figures['next_result_s'] <= 0.3 else 'NOT met'} (the theme's search: "
            + (
                f"{theme:.2f} s, {milliseconds(figures['theme_next_result_s'])})"
                if theme
                else "not measured)"
            )
        )


def done_when(results: list[Result]) -> None:
    """The figures of issue 14's "done when", our search beside the theme's: one row
    each per size (a figure not measured at that size is a dash)."""
    print("\n=== issue 14, done when: our index beside the theme's (Material's) search ===")
    print(
        "| texts | search | first result, from opening a text page (five queries) | read "
        "for one query | index | build, wall (CPU) | peak memory | preview: edit visible "
        "| largest page other than a text |"
    )
    print("| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | --- |")
    for result in sorted(results, key=lambda result: result.size):
        figures = result.figures
        edits = [figures.get(f"serve_edit_{n}_s") for n in (1, 2)]
        preview = (
            " / ".join(f"{seconds:.2f} s" for seconds in edits if seconds is not None) or "–"
        )
        sides = (
            (
                "ours",
                "",
                f"{figures['sharded_mb']:.1f} MB in {figures['sharded_files']:,} files, "
                f"largest {figures['largest_shard_kb']:.0f} kB"
                if "sharded_mb" in figures
                else "–",
            ),
            (
                "Material's",
                "theme_",
                (
                    f"{figures['theme_index_mb']:.1f} MB, one file"
                    if "theme_index_mb" in figures
                    else "–"
                ),
            ),
        )
        for label, prefix, index in sides:
            firsts = figures.get(prefix + "first_results")
            first = ", ".join(f"{seconds:.2f}" for seconds in firsts) + " s" if firsts else "–"
            loaded = figures.get(prefix + "loaded_mb")
            build = figures.get("cold_s") if prefix == "" else figures.get("theme_build_s")
            cpu = figures.get("cold_cpu_s") if prefix == "" else figures.get("theme_build_cpu_s")
            memory = figures.get("cold_rss_mb") if prefix == "" else figures.get("theme_rss_mb")
            page = figures.get(prefix + "largest_other_page")
            page_kb = figures.get(prefix + "largest_other_page_kb")
            print(
                f"| {result.size:,} | {label} | {first} | "
                + (f"{loaded:.2f} MB" if loaded is not None else "–")
                + f" | {index} | "
                + (f"{build:.1f} s ({cpu:.1f} s)" if build is not None and cpu else "–")
                + " | "
                + (f"{memory:.0f} MB" if memory is not None else "–")
                + f" | {preview} | "
                + (f"{page} {page_kb:.0f} kB" if page else "–")
                + " |"
            )
    if any("plain_s" in result.figures for result in results):
        print("\nplain MkDocs build of the same Markdown (no plugin, the floor):")
        for result in sorted(results, key=lambda result: result.size):
            figures = result.figures
            if "plain_s" in figures:
                print(
                    f"  {result.size:,} texts: {figures['plain_s']:.1f} s "
                    f"(CPU {figures['plain_cpu_s']:.1f} s), peak memory "
                    f"{figures['plain_rss_mb']:.0f} MB"
                )


def estimated_seconds(timings: list[tuple[int, float]], size: int) -> float:
    """The time a size will take: on the line through the two largest sizes measured
    (a fixed cost and a cost per text), through the origin after one size (which
    overestimates: the fixed cost grows with it), a guess per text before any."""
    if not timings:
        seconds = size * SECONDS_PER_TEXT_GUESS
    elif len(timings) == 1:
        measured_size, measured_seconds = timings[0]
        seconds = measured_seconds * size / measured_size
    else:
        (small, small_seconds), (large, large_seconds) = timings[-2:]
        per_text = max(0.0, (large_seconds - small_seconds) / (large - small))
        seconds = large_seconds + per_text * (size - large)
    return seconds * ESTIMATE_MARGIN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument(
        "--budget-seconds",
        type=float,
        default=DEFAULT_BUDGET,
        help="skip the sizes whose estimated time does not fit (default: 25 minutes)",
    )
    parser.add_argument("--work", type=Path, help="folder for the corpora and sites")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and sites")
    only = parser.add_mutually_exclusive_group()
    only.add_argument(
        "--search-only",
        action="store_true",
        help="build with our index and with the theme's, and measure search only",
    )
    only.add_argument(
        "--build-only",
        action="store_true",
        help="build once with our index (conversion cache cold), and measure the build only",
    )
    only.add_argument(
        "--serve-only",
        action="store_true",
        help="measure mkdocs serve only: its start and the time an edit takes to show",
    )
    args = parser.parse_args()
    # Stopped by a signal, the benchmark still stops its builds and server and removes
    # its folders (the `finally` clauses).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    sizes = sorted({int(size.replace("_", "")) for size in args.sizes.split(",")})
    with_browser = CHROMIUM.exists()
    if not with_browser:
        print(f"note: {CHROMIUM} is missing, search in the browser is not measured")
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {os.cpu_count()} cores; work folder {work}; budget {args.budget_seconds:.0f} s"
    )
    results: list[Result] = []
    timings: list[tuple[int, float]] = []
    started = time.perf_counter()
    try:
        for size in sizes:
            spent = time.perf_counter() - started
            estimate = estimated_seconds(timings, size)
            if spent + estimate > args.budget_seconds:
                print(
                    f"\n=== {size:,} texts: skipped, estimated {estimate / 60:.0f} min "
                    f"(from the sizes measured before) with {spent / 60:.1f} of "
                    f"{args.budget_seconds / 60:.0f} min spent ==="
                )
                continue
            size_start = time.perf_counter()
            if args.search_only:
                results.append(measure_search(size, work))
            elif args.serve_only:
                results.append(measure_serve(size, work))
            elif args.build_only:
                results.append(measure_build(size, work))
            else:
                results.append(measure_size(size, work, with_browser))
            timings.append((size, time.perf_counter() - size_start))
            if not args.keep:
                shutil.rmtree(work / f"n{size}")
        if not (args.search_only or args.serve_only or args.build_only):
            growth(results)
        targets(results)
        done_when(results)
        print(f"\ntotal: {(time.perf_counter() - started) / 60:.1f} min")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
