"""The site as published under a project path (RESOLUTIONS_SITE_URL, set by publish.yml),
and as built for file:// (no address: relative links only)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from .build import build_site
from .conftest import Site

SITE_URL = "https://org.github.io/resolutions-annotees/"
PREFIX = urlsplit(SITE_URL).path


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hosted")
    result = build_site(root, site_url=SITE_URL)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return root


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def addresses(page: BeautifulSoup) -> list[str]:
    found = [tag["href"] for tag in page.find_all(href=True)]
    return found + [tag["src"] for tag in page.find_all(src=True)]


def test_the_404_page_links_under_the_project_path(hosted: Path) -> None:
    """Served for any missing address, the 404 page cannot use relative links: every one
    of its links starts with the project's path, and each names a file of the site."""
    links = [a for a in addresses(soup(hosted / "404.html")) if not a.startswith("#")]
    assert links
    for address in links:
        assert address.startswith(PREFIX), address
        assert (hosted / address.removeprefix(PREFIX).split("#")[0]).is_file(), address


def test_every_page_has_its_real_canonical_address(hosted: Path) -> None:
    pages = sorted(path for path in hosted.rglob("*.html") if path.name != "404.html")
    assert len(pages) > 20
    for path in pages:
        canonical = soup(path).find("link", rel="canonical")
        assert canonical is not None, path
        assert canonical["href"] == SITE_URL + path.relative_to(hosted).as_posix()


def test_the_sitemap_lists_every_text_at_its_address(hosted: Path) -> None:
    sitemap = (hosted / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    texts = sorted((hosted / "textes").glob("*.html"))
    assert texts
    for path in texts:
        assert SITE_URL + path.relative_to(hosted).as_posix() in listed
    assert all(address.startswith(SITE_URL) for address in listed)


def test_a_build_for_file_keeps_relative_links(site: Site) -> None:
    """Without an address (make site), no page but the 404 links from the root of a host,
    and no canonical link names one."""
    for path in site.pages():
        if path.name == "404.html":
            continue
        page = site.soup(path)
        assert page.find("link", rel="canonical") is None, path
        rooted = [a for a in addresses(page) if a.startswith("/") and not a.startswith("//")]
        assert rooted == [], (path, rooted[:3])


def test_citer_copies_the_published_address(hosted: Path, browser) -> None:
    """« Citer » (issue 15) on a published page gives the block's permanent address,
    the page's canonical one, wherever the page was opened from (here, from disk)."""
    from playwright.sync_api import expect

    from .conftest import Tab

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        tab = Tab(context.new_page(), Site(hosted))
        tab.open("textes/a-res-62-176.html")
        tab.page.locator("[id='op6-a'] > .ra-controls > button.ra-cite-button").click()
        expect(tab.page.locator(".ra-cite-status")).to_have_text("Citation copiée")
        assert tab.page.evaluate("navigator.clipboard.readText()") == (
            "Assemblée générale, résolution 62/176, par. 6 a), 18 décembre 2007, "
            f"{SITE_URL}textes/a-res-62-176.html#op6-a"
        )
        assert not tab.errors and not tab.outside_requests()
    finally:
        context.close()
