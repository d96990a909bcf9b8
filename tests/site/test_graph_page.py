"""The whole corpus's citation graph as a reader opens it (issue 15): lists by body and
year, each text with what it cites and what cites it, by symbol and title, never by an
internal key; readable on a phone with no sideways scrolling, from disk, with no network.

Expected names and links are read from source_texts/: eight texts (A/RES/62/176 of
2007, A/RES/78/284 of 2024 in French and in English, the CND's ministerial declaration
and resolutions 62/1 and 62/2 of 2019, PC.DEC/758 of 2006, the OSCE ministerial council's
decision of 2020); A/RES/78/284 in both languages cites « la Déclaration ministérielle de
2019 » (its paragraph beginning « Rappelant également… »)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .build import ROOT
from .conftest import Site, Tab

GRAPH = "textes/citations.html"
OUTSIDE = "textes/citations/hors-corpus.html"

SEED_TEXTS = {
    "a-res-62-176": "A/RES/62/176",
    "a-res-78-284": "A/RES/78/284",
    "a-res-78-284-en": "A/RES/78/284 (anglais)",
    "cnd-2019-declaration-ministerielle": "",
    "cnd-res-62-1": "CND 62/1",
    "cnd-res-62-2": "CND 62/2",
    "pc-dec-758": "PC.DEC/758",
    "osce-cm-2020-criminalite-transnationale-organisee": "",
}
"""Each seed text's page and the symbol the graph shows for it ("" when it has none)."""


def heading(tag) -> str:
    """A heading's words, without its permalink."""
    return tag.get_text(strip=True).removesuffix("¶")


def items(site: Site, page: str) -> dict[str, object]:
    """The texts listed on ``page``, by the address of the page each links to."""
    return {
        item.select_one(".ra-graphe-titre a")["href"]: item
        for item in site.page(page).select("li.ra-graphe-texte")
    }


def names_under(item, label: str) -> list[str]:
    for part in item.select(".ra-graphe-sens"):
        if part.select_one(".ra-graphe-sens__nom").get_text().startswith(label + " ("):
            return [li.get_text(strip=True) for li in part.select("ul.ra-graphe-noms > li")]
    return []


def test_the_graph_page_lists_every_text_by_body_and_year(site: Site) -> None:
    soup = site.page(GRAPH)
    assert heading(soup.select_one("article h1")) == "Les citations entre les textes"
    listed = items(site, GRAPH)
    assert sorted(listed) == sorted(f"{slug}.html" for slug in SEED_TEXTS)
    for slug, symbol in SEED_TEXTS.items():
        shown = listed[f"{slug}.html"].select_one(".ra-listing-symbol")
        assert (shown.get_text() if shown else "") == symbol, slug
    bodies = [heading(h2) for h2 in soup.select("article h2")]
    assert bodies == [
        "Les textes du corpus les plus cités",
        "Assemblée générale",
        "Commission des stupéfiants",
        "OSCE, Conseil permanent",
        "OSCE, Conseil ministériel",
        "Textes hors corpus cités",
    ]
    years = [heading(h3) for h3 in soup.select("article h3")]
    assert years == ["2024", "2007", "2019", "2006", "2020"]
    declaration = listed["cnd-2019-declaration-ministerielle.html"]
    assert names_under(declaration, "Cité par") == ["A/RES/78/284", "A/RES/78/284 (anglais)"]
    assert "CND 62/1" not in names_under(declaration, "Cité par")
    cited = names_under(listed["a-res-78-284.html"], "Cite")
    assert cited[0].startswith("Déclaration ministérielle"), "the corpus's texts first"
    # The most cited text of the corpus is in the first view.
    [first] = soup.select("ol.ra-graphe-cites > li")[:1]
    assert first.a["href"] == "cnd-2019-declaration-ministerielle.html#cite-par"


def test_no_graph_page_names_a_text_by_an_internal_key(site: Site) -> None:
    glossary = yaml.safe_load((ROOT / "source_texts" / "glossaire.yml").read_text("utf-8"))
    keys = {entry["id"] for entry in glossary["entries"]}
    for page in (GRAPH, OUTSIDE):
        shown = {a.get_text(strip=True) for a in site.page(page).select("article a")}
        assert not shown & keys, page
        assert not any(name.startswith(("glossary:", "doc:", "cnd:")) for name in shown)
    outside = site.page(OUTSIDE).get_text()
    assert "Convention unique sur les stupéfiants de 1961" in outside


@pytest.fixture(
    params=[("bureau", 1280, 900), ("telephone", 390, 844)], ids=["bureau", "telephone"]
)
def offline(request: pytest.FixtureRequest, browser, site: Site) -> Iterator[tuple[str, Tab]]:
    """A desktop or a phone on the site from disk, every request outside file:// refused."""
    name, width, height = request.param
    phone = name == "telephone"
    context = browser.new_context(
        viewport={"width": width, "height": height},
        has_touch=phone,
        is_mobile=phone,
        locale="fr-FR",
    )
    local = ("file:", "data:", "about:", "blob:")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(local) else route.abort(),
    )
    opened = Tab(context.new_page(), site)
    yield name, opened
    context.close()
    assert not opened.errors, f"JavaScript errors: {opened.errors}"
    assert not opened.outside_requests(), f"requests left file://: {opened.outside_requests()}"


def test_the_first_view_shows_labelled_corpus_texts_and_nothing_overflows(
    offline: tuple[str, Tab], screenshots: Path
) -> None:
    name, tab = offline
    for page in (GRAPH, OUTSIDE):
        tab.open(page)
        expect(tab.page.locator("article h1")).to_be_visible()
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= tab.page.viewport_size["width"], f"{page}: {width} px wide"
        tab.page.screenshot(path=screenshots / f"graphe-{Path(page).stem}-{name}.png")
    tab.open(GRAPH)
    first = tab.page.locator("ol.ra-graphe-cites a").first
    expect(first).to_be_in_viewport()
    expect(first).to_contain_text("Déclaration ministérielle")
    # Down the page, each corpus text under its symbol.
    symbol = tab.page.locator("li.ra-graphe-texte .ra-listing-symbol", has_text="CND 62/1")
    symbol.scroll_into_view_if_needed()
    expect(symbol).to_be_visible()
