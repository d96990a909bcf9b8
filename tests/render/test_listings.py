"""Browsing pages (render/listings.py): every text reachable by body and by year, long
listings over numbered pages, the home page with the latest texts only.  Expected pages
and counts are written from the corpus made below."""

from __future__ import annotations

import posixpath
import re

from bs4 import BeautifulSoup

from resolutions.model import Document
from resolutions.render.listings import LATEST, PAGE_SIZE, home_block, listing_pages
from resolutions.render.pages import page_url

GRAPH = "textes/citations.md"


def text_url(slug: str) -> str:
    return f"textes/{slug}.html"


def text(number: int, body: str, date: str, **changes: str) -> Document:
    fields = {
        "slug": f"t-{number:05d}",
        "symbol": f"S/{number}",
        "title": f"Titre {number}",
        "body": body,
        "type": "résolution",
        "date": date,
        "source": "Essai",
        "format": "markdown",
        "source_path": f"source_texts/t-{number:05d}.txt",
        "line": 1,
    }
    return Document(**{**fields, **changes})


def corpus() -> list[Document]:
    """250 texts of the General Assembly in 2007 (three pages of 100, 100 and 50), 3 of
    the CND in 2007 and 2 in 2019, one OSCE text of 2020 dated by year only."""
    texts = [text(n, "ag", f"2007-{1 + n % 12:02d}-{1 + n % 28:02d}") for n in range(250)]
    texts += [text(300 + n, "cnd", "2007-03-14") for n in range(3)]
    texts += [text(400, "cnd", "2019-03-15"), text(401, "cnd", "2019-03-22")]
    texts.append(text(500, "osce-cm", "2020", symbol=""))
    return texts


def pages() -> dict[str, BeautifulSoup]:
    """Each page by its site path (``textes/annee/2007.html``), parsed."""
    return {
        page_url(page.path): BeautifulSoup(page.content, "html.parser")
        for page in listing_pages(corpus(), "textes", GRAPH)
    }


def listed(soup: BeautifulSoup, here: str) -> list[str]:
    """The texts a page lists, as site paths, in order."""
    return [
        posixpath.normpath(posixpath.join(posixpath.dirname(here), a["href"]))
        for a in soup.select("ol.ra-listing > li > a")
    ]


def test_the_pages_are_those_of_each_body_year_and_body_and_year() -> None:
    assert sorted(pages()) == [
        "textes/annee/2007-2.html",
        "textes/annee/2007-3.html",
        "textes/annee/2007.html",
        "textes/annee/2019.html",
        "textes/annee/2020.html",
        "textes/index.html",
        "textes/organe/ag.html",
        "textes/organe/ag/2007-2.html",
        "textes/organe/ag/2007-3.html",
        "textes/organe/ag/2007.html",
        "textes/organe/cnd.html",
        "textes/organe/cnd/2007.html",
        "textes/organe/cnd/2019.html",
        "textes/organe/osce-cm.html",
        "textes/organe/osce-cm/2020.html",
    ]


def test_every_link_leads_to_a_page_of_the_site() -> None:
    built = pages()
    texts = {text_url(document.slug) for document in corpus()}
    for here, soup in built.items():
        for link in soup.find_all("a", href=True):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here), link["href"]))
            assert target in built or target in texts or target == page_url(GRAPH), (here, link)


def test_a_long_listing_goes_on_over_numbered_pages() -> None:
    built = pages()
    ag = [built[f"textes/organe/ag/{name}.html"] for name in ("2007", "2007-2", "2007-3")]
    sizes = [len(soup.select("ol.ra-listing > li")) for soup in ag]
    assert sizes == [100, 100, 50]
    assert [soup.select_one("ol.ra-listing").get("start") for soup in ag] == [None, "101", "201"]
    first = ag[0]
    assert first.h1 is None  # a Markdown heading: "# …"
    assert "# Assemblée générale, 2007\n" in str(first)
    assert "# Assemblée générale, 2007 \\(page 2 sur 3\\)\n" in str(ag[1])  # Markdown escapes
    assert "250 textes, 101 à 200 ici" in ag[1].select_one(".ra-count").get_text()
    for index, soup in enumerate(ag):
        # The pager above and below the list: every page, the current one marked.
        pagers = soup.select("nav.ra-pager")
        assert len(pagers) == 2
        links = pagers[0].select("a")
        assert [a.get_text() for a in links] == ["1", "2", "3"]
        assert [a.get("aria-current") for a in links] == [
            "page" if number == index else None for number in range(3)
        ]
    short = built["textes/organe/cnd/2019.html"]
    assert short.select("nav.ra-pager") == []


def test_every_text_is_listed_once_under_its_body_and_year_and_under_its_year() -> None:
    built = pages()
    by_body_year: dict[str, list[str]] = {}
    by_year: dict[str, list[str]] = {}
    for here, soup in built.items():
        match = re.fullmatch(r"textes/(organe/[\w-]+|annee)/(\d{4})(-\d+)?\.html", here)
        if match is None:
            continue
        group = by_year if match[1] == "annee" else by_body_year
        group.setdefault(f"{match[1]}/{match[2]}", []).extend(listed(soup, here))
    for document in corpus():
        url, year = text_url(document.slug), document.date[:4]
        assert by_body_year[f"organe/{document.body}/{year}"].count(url) == 1
        assert by_year[f"annee/{year}"].count(url) == 1
    assert sum(map(len, by_year.values())) == len(corpus())
    assert sum(map(len, by_body_year.values())) == len(corpus())


def test_listings_are_most_recent_first() -> None:
    built = pages()
    dates = {text_url(d.slug): d.date for d in corpus()}
    here = "textes/annee/2007.html"
    order = [dates[url] for url in listed(built[here], here)]
    assert order == sorted(order, reverse=True)
    # The last text of page 1 is not older than the first of page 2.
    second = "textes/annee/2007-2.html"
    assert order[-1] >= dates[listed(built[second], second)[0]]


def test_the_hub_and_a_bodys_page_lead_to_every_year() -> None:
    built = pages()
    hub = built["textes/index.html"]
    hrefs = [a["href"] for a in hub.select("a")]
    assert hrefs == [
        "organe/ag.html",
        "organe/cnd.html",
        "organe/osce-cm.html",
        "annee/2020.html",
        "annee/2019.html",
        "annee/2007.html",
        "citations.html",
    ]
    assert "Le corpus compte 256 textes." in hub.get_text()
    cnd = built["textes/organe/cnd.html"]
    years = [(a["href"], a.find_next_sibling().get_text()) for a in cnd.select(".ra-years a")]
    assert years == [("cnd/2019.html", "(2)"), ("cnd/2007.html", "(3)")]
    # Its latest texts: all five, the two of 2019 first.
    latest = listed(cnd, "textes/organe/cnd.html")
    assert latest[:2] == ["textes/t-00401.html", "textes/t-00400.html"]
    assert len(latest) == 5
    ag = built["textes/organe/ag.html"]
    assert len(ag.select("ol.ra-listing > li")) == LATEST


def test_a_listing_entry_shows_symbol_title_body_and_date() -> None:
    built = pages()
    entry = built["textes/annee/2019.html"].select_one("ol.ra-listing > li")
    assert entry.a["href"] == "../t-00401.html"
    assert entry.select_one(".ra-listing-symbol").get_text() == "S/401"
    assert entry.select_one(".ra-listing-title").get_text() == "Titre 401"
    about = entry.select_one(".ra-listing-about")
    assert about.get_text() == "Commission des stupéfiants · 22 mars 2019"
    assert about.time["datetime"] == "2019-03-22"
    # Under a body's year, the body goes without saying; a text without a symbol is
    # shown by its title alone.
    osce = built["textes/organe/osce-cm/2020.html"].select_one("ol.ra-listing > li")
    assert osce.select(".ra-listing-symbol") == []
    assert osce.select_one(".ra-listing-about").get_text() == "2020"


def test_an_english_text_is_marked_as_such() -> None:
    english = text(1, "ag", "2024-06-04", lang="en", title="Central Asia's resolve")
    *_, year = listing_pages([english], "textes", GRAPH)
    entry = BeautifulSoup(year.content, "html.parser").select_one("ol.ra-listing > li")
    assert entry.select_one(".ra-listing-symbol").get_text(" ", strip=True) == "S/1 (anglais)"
    assert entry.select_one(".ra-listing-title")["lang"] == "en"


def test_a_cnd_symbol_of_numbers_alone_says_its_body() -> None:
    """« 62/1 » alone reads as the Assembly's A/RES/62/1 (issue 15)."""
    cnd = text(1, "cnd", "2019-03-22", symbol="62/1")
    *_, year = listing_pages([cnd], "textes", GRAPH)
    entry = BeautifulSoup(year.content, "html.parser").select_one("ol.ra-listing > li")
    assert entry.select_one(".ra-listing-symbol").get_text() == "CND 62/1"


def test_titles_are_escaped() -> None:
    hostile = text(1, "ag", "2024-06-04", title='<script>alert(1)</script> & "x"', symbol="<b>")
    for page in listing_pages([hostile], "textes", GRAPH):
        assert "<script" not in page.content and "<b>" not in page.content
    home = home_block([hostile], "index.md", "textes", None)
    assert '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "x"' in home


def test_the_home_page_shows_the_counts_and_the_latest_texts_only() -> None:
    texts = corpus()
    home = BeautifulSoup(
        home_block(texts, "index.md", "textes", "site.zip"),
        "html.parser",
    )
    counts = home.select_one(".ra-counts").get_text()
    assert counts.startswith("256 textes (Assemblée générale : 250 ; ")
    entries = home.select("ol.ra-listing > li")
    assert len(entries) == LATEST
    assert entries[0].a["href"] == "textes/t-00500.html"  # 2020, the latest
    assert home.select_one(".ra-archive a")["href"] == "site.zip"
    assert home.select_one(".ra-more a")["href"] == "textes/index.html"


def test_a_listing_page_stays_small_whatever_the_corpus() -> None:
    """A full page of texts with long titles: its Markdown stays well under the 100 kB
    a page may weigh (the theme adds its navigation around it)."""
    long_title = "Coopération internationale face au problème mondial de la drogue " * 4
    texts = [text(n, "ag", "2007-12-18", title=long_title) for n in range(10 * PAGE_SIZE)]
    built = listing_pages(texts, "textes", GRAPH)
    largest = max(len(page.content.encode("utf-8")) for page in built)
    assert largest < 60_000, largest


def test_a_french_title_is_shown_in_french_typography() -> None:
    """As on the text's page: a curly apostrophe, a no-break space before the colon."""
    printed = text(1, "ag", "2024-06-04", title="Coopération : l'approche unifiée")
    *_, year = listing_pages([printed], "textes", GRAPH)
    title = BeautifulSoup(year.content, "html.parser").select_one(".ra-listing-title")
    assert title.get_text() == "Coopération\xa0: l’approche unifiée"
    english = text(2, "ag", "2024-06-04", lang="en", title="Asia's resolve: unified")
    *_, year = listing_pages([english], "textes", GRAPH)
    title = BeautifulSoup(year.content, "html.parser").select_one(".ra-listing-title")
    assert title.get_text() == "Asia's resolve: unified"
