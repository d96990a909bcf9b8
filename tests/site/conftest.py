"""The site built once per session, its pages parsed on demand, and a Chromium."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .build import ROOT, build_site

CHROMIUM_VARIABLE = "RESOLUTIONS_CHROMIUM"
"""The browser tests' Chromium, if set: a path to its executable."""
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"


class Site:
    """A built site: its folder, its pages parsed once, the converter's JSON of each text."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    @cache  # noqa: B019 (one Site per session)
    def soup(self, path: Path) -> BeautifulSoup:
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def page(self, relative: str) -> BeautifulSoup:
        return self.soup(self.root / relative)

    def documents(self) -> list[dict]:
        """Every text as the converter exported it (``textes/<slug>.json``)."""
        found = []
        for path in sorted((self.root / "textes").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            assert data["schema_version"] == 1
            found.extend(data["documents"])
        return found


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("site")
    result = build_site(root)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return Site(root)


def find_chromium(
    environment: Mapping[str, str], debian: Path, playwright_own: Path | None
) -> tuple[Path | None, str]:
    """The Chromium to test with: the path in ``RESOLUTIONS_CHROMIUM``, else Debian's
    ``/usr/bin/chromium``, else the one ``playwright install chromium`` downloaded
    (``playwright_own``, as GitHub's runners have it).  ``(None, why)`` when none is."""
    named = environment.get(CHROMIUM_VARIABLE, "")
    if named:
        if Path(named).is_file():
            return Path(named), ""
        return None, f"{CHROMIUM_VARIABLE}={named}: no such browser"
    if debian.is_file():
        return debian, ""
    if playwright_own is not None and playwright_own.is_file():
        return playwright_own, ""
    return None, (
        f"no Chromium: set {CHROMIUM_VARIABLE} to its path, or install Debian's "
        f"(apt-get install -y chromium, {debian}) or Playwright's "
        "(.venv/bin/playwright install --with-deps chromium)"
    )


def skip_or_fail(reason: str, environment: Mapping[str, str]) -> None:
    """No browser: a skip for an editor, a failure in CI (``CI=true``)."""
    if environment.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        own = Path(playwright.chromium.executable_path)
        chromium, reason = find_chromium(os.environ, DEBIAN_CHROMIUM, own)
        if chromium is None:
            skip_or_fail(reason, os.environ)
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Tab:
    """A browser page and every request it made."""

    def __init__(self, page, site: Site) -> None:
        self.page = page
        self.site = site
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, relative: str) -> None:
        path, _, fragment = relative.partition("#")
        url = (self.site.root / path).as_uri() + (f"#{fragment}" if fragment else "")
        self.page.goto(url)

    def outside_requests(self) -> list[str]:
        local = ("file:", "data:", "about:", "blob:")
        return [url for url in self.requests if not url.startswith(local)]


@pytest.fixture
def tab(browser, site: Site) -> Iterator[Tab]:
    """A fresh browser page on the site opened from disk; none of its requests may leave
    file://, and no script may fail."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    opened = Tab(context.new_page(), site)
    yield opened
    context.close()
    assert not opened.errors, f"JavaScript errors: {opened.errors}"
    assert not opened.outside_requests(), f"requests left file://: {opened.outside_requests()}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
