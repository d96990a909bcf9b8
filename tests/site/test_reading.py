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


def test_the_official_links_need_no_network_to_show(tab: Tab, screenshots: Path) -> None:
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
    tab.page.locator(".ra-meta").screenshot(path=screenshots / "official-record.png")
    # On paper: the French address once, no arrows, no « connexion nécessaire ».
    tab.page.emulate_media(media="print")
    shown = tab.page.locator(".ra-meta a.ra-official-link").evaluate_all(
        "links => links.filter(a => getComputedStyle(a).display !== 'none').map(a => a.hreflang)"
    )
    assert shown == ["fr", "fr"], shown  # the text's record and its draft's
    expect(tab.page.locator(".ra-official__hint")).to_be_hidden()
    expect(tab.page.locator("[id='pp4'] a.ra-links")).to_be_hidden()


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
    # Tab past its link goes on to what follows the paragraph, and closes it.
    marker.focus()
    tab.page.keyboard.press("Enter")
    expect(popover.locator("a").first).to_be_focused()
    tab.page.keyboard.press("Tab")
    expect(popover).to_have_count(0)
    after = tab.page.evaluate(
        "!document.getElementById('pp4').contains(document.activeElement) && Boolean("
        "document.getElementById('pp4').compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    assert after, "focus went back up the page"
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


# ------------------------------------------------------------------ fewer marks, fewer stops


def sections_of(soup) -> list[list]:
    """The page's content cut at each section heading (h2): the blocks of each part."""
    parts: list[list] = [[]]
    for element in soup.select_one("article").find_all(recursive=False):
        if element.name == "h2":
            parts.append([])
        parts[-1].append(element)
    return parts


def test_a_term_is_marked_once_per_section(site: Site) -> None:
    """On every text page, a glossary entry is a link at most once per section; its
    later mentions keep its address and tooltip for the reader's setting.  62/176 has
    sections I and II: a term of both is marked in each."""
    repeats_seen = 0
    for path in sorted((site.root / "textes").glob("*.html")):
        soup = site.soup(path)
        if not soup.select_one(".ra-meta"):
            continue
        for part in sections_of(soup):
            marked: dict[str, str] = {}
            for block in part:
                for term in block.select("a.ra-term"):
                    entry = term["data-ra-entry"]
                    assert entry not in marked, f"{path.name}: {entry} marked twice"
                    marked[entry] = term["href"]
                for repeat in block.select("span.ra-term-repeat[data-ra-href]"):
                    repeats_seen += 1
                    entry = repeat["data-ra-entry"]
                    # After its first mention in the section, whose tooltip it takes.
                    assert marked.get(entry) == repeat["data-ra-href"], (path.name, entry)
    assert repeats_seen, "no repeated mention: the test would prove nothing"
    soup = site.page("textes/a-res-62-176.html")
    first, second = sections_of(soup)[1:3]
    in_first = {a["data-ra-entry"] for block in first for a in block.select("a.ra-term")}
    in_second = {a["data-ra-entry"] for block in second for a in block.select("a.ra-term")}
    assert in_first & in_second, "no term marked in both sections of 62/176"


def test_the_reader_can_show_every_mention_and_it_is_remembered(
    tab: Tab, screenshots: Path
) -> None:
    tab.open("textes/a-res-78-284.html")
    page = tab.page
    terms = page.locator("article a.ra-term")
    repeats = page.locator("article span.ra-term-repeat[data-ra-href]")
    first_only, later = terms.count(), repeats.count()
    assert first_only and later
    setting = page.get_by_label("Signaler chaque mention du glossaire")
    expect(setting).not_to_be_checked()
    setting.check()
    expect(repeats).to_have_count(0)
    expect(terms).to_have_count(first_only + later)
    # A mention made a link shows its tooltip like the first one.
    made = page.locator("article a.ra-term--repeat").first
    entry = made.get_attribute("data-ra-entry")
    first = page.locator(f"article a.ra-term[data-ra-entry='{entry}']").first
    expect(made).to_have_attribute("data-ra-tip", first.get_attribute("data-ra-tip"))
    made.hover()
    expect(page.locator("#ra-tooltip")).to_be_visible()
    expect(page.locator("#ra-tooltip")).to_contain_text(first.get_attribute("data-ra-tip")[:40])
    page.screenshot(path=screenshots / "every-mention.png")
    # Remembered from file://, on this page and the next.
    page.reload()
    expect(page.get_by_label("Signaler chaque mention du glossaire")).to_be_checked()
    expect(repeats).to_have_count(0)
    tab.open("textes/a-res-62-176.html")
    expect(page.locator("article span.ra-term-repeat[data-ra-href]")).to_have_count(0)
    page.get_by_label("Signaler chaque mention du glossaire").uncheck()
    expect(page.locator("article a.ra-term--repeat")).to_have_count(0)
    tab.open("textes/a-res-78-284.html")
    expect(terms).to_have_count(first_only)
    expect(repeats).to_have_count(later)


TAB_STOPS = """paragraph => Array.from(
  paragraph.querySelectorAll('a.ra-permalink, button.ra-cite-button')
).filter(control => control.tabIndex >= 0).length"""


def test_a_paragraph_s_permalinks_and_citer_are_one_tab_stop(tab: Tab) -> None:
    """62/176's paragraph 6 has items a) and b): six controls, one tab stop; the arrow
    keys reach the others, and the item's « Citer » copies the item."""
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.open("textes/a-res-62-176.html")
    page = tab.page
    paragraphs = page.locator(".ra-para")
    stops = [paragraphs.nth(i).evaluate(TAB_STOPS) for i in range(paragraphs.count())]
    assert stops and set(stops) == {1}, stops
    own = page.locator("[id='op6'] > p > .ra-controls > button.ra-cite-button")
    own.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("[id='op6-a'] > .ra-controls > a.ra-permalink")).to_be_focused()
    expect(page.locator("[id='op6-a'] > .ra-controls > a.ra-permalink")).to_have_css("opacity", "1")
    page.keyboard.press("ArrowDown")
    item = page.locator("[id='op6-a'] > .ra-controls > button.ra-cite-button")
    expect(item).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".ra-cite-status")).to_have_text("Citation copiée")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Assemblée générale, résolution 62/176, par. 6 a), ")
    page.keyboard.press("End")
    expect(page.locator("[id='op6-b'] > .ra-controls > button.ra-cite-button")).to_be_focused()
    page.keyboard.press("ArrowRight")  # round to the first
    expect(page.locator("[id='op6'] > p > .ra-controls > a.ra-permalink")).to_be_focused()
    # Tab leaves the paragraph's controls.
    page.keyboard.press("Tab")
    left = page.evaluate(
        "document.activeElement.closest('[id=\"op6\"]') === null"
        " || !document.activeElement.matches('a.ra-permalink, button.ra-cite-button')"
    )
    assert left


def test_the_paragraph_count_is_legible_in_both_schemes(browser, site: Site) -> None:
    """The count's figures against its tint and the page: at least 4.5:1 (small text)."""
    from .test_browser import computed, contrast, over, rgba

    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto((site.root / "textes/a-res-78-284.html").as_uri())
            marker = page.locator("[id='pp4'] a.ra-links")
            page_bg = rgba(computed(page.locator("body"), "backgroundColor"))[:3]
            tint = over(computed(marker, "backgroundColor"), "rgb({}, {}, {})".format(*page_bg))
            figures = over(computed(marker, "color"), "rgb({}, {}, {})".format(*tint))
            assert contrast(figures, tint) >= 4.5, (scheme, figures, tint)
        finally:
            context.close()


@pytest.mark.parametrize("width", [960, 1280, 390])
def test_the_paragraph_count_stays_clear_of_the_table_of_contents(
    browser, site: Site, width: int
) -> None:
    """Inside its paragraph's box (a gutter on a wide screen, after the last word on a
    phone): never over the table of contents, never past the screen's edge."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto((site.root / "textes/a-res-78-284.html").as_uri())
        marker = page.locator("[id='pp4'] a.ra-links").bounding_box()
        paragraph = page.locator("[id='pp4']").bounding_box()
        assert paragraph["x"] <= marker["x"]
        assert marker["x"] + marker["width"] <= paragraph["x"] + paragraph["width"] + 0.5
        toc = page.locator(".md-sidebar--secondary .md-nav__link").first
        if toc.is_visible():
            assert marker["x"] + marker["width"] < toc.bounding_box()["x"]
    finally:
        context.close()
