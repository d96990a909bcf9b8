"""A text's page as a reader uses it (issue 15): the official record in the header, a
paragraph's connections with the corpus, the text's neighbourhood, fewer tab stops.
The built site, parsed (beautifulsoup4) and in Chromium from file:// (the ``tab`` and
``phone`` fixtures block every request that leaves file://)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import Site, Tab

UN_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
INTERNAL_KEY = re.compile(r"\b[a-z]+:|^[a-z0-9]+(?:-[a-z0-9]+)+$")
"""``glossary:…``, ``cnd:…``, or a slug such as ``convention-1961``."""


# ------------------------------------------------------------------ the official record


def test_a_un_text_links_its_official_record_in_six_languages(site: Site) -> None:
    soup = site.page("textes/a-res-62-176.html")
    links = soup.select(".ra-meta a.ra-official-link")
    assert [link["hreflang"] for link in links] == UN_LANGUAGES
    for link in links:
        assert link["href"] == f"https://docs.un.org/{link['hreflang']}/A/RES/62/176"
        assert "connexion Internet nécessaire" in link.get_text()
        assert link.select_one(".ra-external__mark").get_text() == "↗"


def test_an_osce_text_links_no_official_record(site: Site) -> None:
    for page in (
        "textes/pc-dec-758.html",
        "textes/osce-cm-2020-criminalite-transnationale-organisee.html",
    ):
        meta = site.page(page).select_one(".ra-meta")
        assert not meta.select("a[href^='http']"), page
        assert "Document officiel" not in meta.get_text()


def test_the_official_links_need_no_network_to_show(tab: Tab) -> None:
    """The header shows, from file://, with the network blocked; nothing is fetched."""
    tab.open("textes/a-res-78-284.html")
    # Six for the resolution, one for its draft (in French).
    links = tab.page.locator(".ra-meta a.ra-official-link")
    expect(links).to_have_count(7)
    expect(links.nth(3)).to_have_attribute(
        "title",
        "Document officiel A/RES/78/284 en français "
        "(site des Nations Unies, connexion Internet nécessaire)",
    )
    expect(tab.page.locator(".ra-meta")).to_contain_text("A/78/L.68")
    expect(tab.page.locator(".ra-meta")).to_contain_text(
        "Résolution adoptée par l'Assemblée générale le 4 juin 2024"
    )


# ------------------------------------------------------------------ connections


def test_a_paragraph_count_opens_its_connections_in_a_popover(tab: Tab, screenshots: Path) -> None:
    """78/284's fourth preambular paragraph cites the 2019 ministerial declaration, a
    text of the corpus (read in the source: « … comme réaffirmé dans la Déclaration
    ministérielle de 2019 … »)."""
    tab.open("textes/a-res-78-284.html")
    marker = tab.page.locator("[id='pp4'] a.ra-links")
    expect(marker).to_have_count(1)
    expect(marker).to_have_attribute("aria-expanded", "false")
    marker.click()
    popover = tab.page.locator(".ra-links-popover")
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "dialog")
    link = popover.locator("a[href$='cnd-2019-declaration-ministerielle.html']")
    expect(link).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "true")
    assert tab.page.url.endswith("a-res-78-284.html"), "the page must not move"
    tab.page.screenshot(path=screenshots / "connections-popover.png")
    tab.page.keyboard.press("Escape")
    expect(popover).to_have_count(0)
    expect(marker).to_be_focused()
    # By keyboard, then a click outside closes it.
    tab.page.keyboard.press("Enter")
    expect(popover).to_be_visible()
    tab.page.locator("article h1").click()
    expect(popover).to_have_count(0)
    # The link inside leads to the cited text.
    marker.click()
    tab.page.locator(".ra-links-popover a").first.click()
    expect(tab.page).to_have_url(re.compile(r"cnd-2019-declaration-ministerielle\.html$"))


@pytest.fixture
def no_script(browser, site: Site) -> Iterator[Tab]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="fr-FR"
    )
    opened = Tab(context.new_page(), site)
    yield opened
    context.close()
    assert not opened.outside_requests(), opened.outside_requests()


def test_without_script_the_count_leads_to_the_paragraph_s_entry(no_script: Tab) -> None:
    no_script.open("textes/a-res-78-284.html")
    no_script.page.locator("[id='pp4'] a.ra-links").click()
    no_script.page.wait_for_url(re.compile("#liens-pp4$"))
    entry = no_script.page.locator("[id='liens-pp4']")
    expect(entry).to_be_in_viewport()
    expect(entry.locator("a[href$='cnd-2019-declaration-ministerielle.html']")).to_have_count(1)


def test_the_neighbourhood_reads_on_a_phone_without_script(
    no_script: Tab, site: Site, screenshots: Path
) -> None:
    """What 78/284 cites and what cites 62/176's neighbour, as lists with real names
    that fit a phone's width."""
    no_script.open("textes/a-res-78-284.html#textes-lies")
    section = no_script.page.locator(".ra-voisins")
    expect(section).to_be_in_viewport()
    expect(section.locator("li.ra-voisin").first).to_be_visible()
    # (Without script, the theme's header title runs past the edge: not this list.)
    widest = section.evaluate(
        "list => Math.max(...Array.from(list.querySelectorAll('*'), e =>"
        " e.getBoundingClientRect().right))"
    )
    width = no_script.page.evaluate("document.documentElement.clientWidth")
    assert widest <= width, f"the list runs {widest - width}px past the screen's edge"
    no_script.page.screenshot(path=screenshots / "neighbourhood-phone.png")
    soup = site.page("textes/a-res-78-284.html")
    for hidden in soup.select(".ra-voisins .ra-visually-hidden, .ra-voisins [aria-hidden]"):
        hidden.extract()
    names = [li.get_text() for li in soup.select(".ra-voisins li.ra-voisin")]
    assert "Charte des Nations Unies" in names
    assert "A/RES/70/1 — Résolution 70/1 de l’Assemblée générale" in names
    for name in names:
        assert not INTERNAL_KEY.search(name), name
    cited = site.page("textes/cnd-2019-declaration-ministerielle.html")
    (citing,) = cited.select("#voisins-cite-par ~ ul a")
    # Cut at the last word within 90 characters (« liés » ends at 91); whole in its title.
    assert citing.get_text() == (
        "A/RES/78/284 — Coopération visant à aborder et combattre avec efficacité les problèmes…"
    )
    assert citing["title"].endswith("l'approche résolument unifiée de l'Asie centrale")
