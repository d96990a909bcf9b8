"""The citation graph's pages as lists (issue 15): each text with what it cites and what
cites it, by body and year, every page bounded whatever the size of the corpus (issue 14)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from resolutions.model import Document
from resolutions.render.graph_pages import (
    NAMES_SHOWN,
    PART_BYTES,
    PART_TEXTS,
    graph_pages,
    pack,
)
from resolutions.render.pages import Folders, display_symbol

from .test_site_pages import text


def node(document: Document) -> dict:
    return {
        "id": f"doc:{document.slug}",
        "in_corpus": True,
        "slug": document.slug,
        "group": document.body,
        "date": document.date,
    }


def edge(source: str, target: str) -> dict:
    return {"source": source, "target": target, "count": 1, "blocks": ["op1"]}


CONVENTION = {
    "id": "glossary:convention-1961",
    "in_corpus": False,
    "entry": "convention-1961",
    "short": "convention-1961",
    "label": "Nations Unies, Recueil des Traités, vol. 976, n° 14152",
    "group": "instrument",
    "date": "",
    "url": "",
}
RESOLUTION = {
    "id": "A/RES/61/183",
    "in_corpus": False,
    "symbol": "A/RES/61/183",
    "short": "A/RES/61/183",
    "label": "Résolution 61/183 de l’Assemblée générale",
    "group": "ag",
    "date": "2006-12-20",
    "url": "https://docs.un.org/fr/A/RES/61/183",
}


def soups(pages) -> dict[str, BeautifulSoup]:
    return {page.path: BeautifulSoup(page.content, "html.parser") for page in pages}


def names(item, label: str) -> list[str]:
    """The names listed under ``label`` ("Cite", "Cité par") in a text's item."""
    for part in item.select(".ra-graphe-sens"):
        if part.select_one(".ra-graphe-sens__nom").get_text().startswith(label + " ("):
            return [li.get_text(strip=True) for li in part.select("ul.ra-graphe-noms > li")]
    return []


def test_a_small_corpus_lists_each_text_with_what_it_cites_and_what_cites_it() -> None:
    older = text("a-res-60-1", "ag", "2005-10-24", "A/RES/60/1")
    cnd = text("cnd-62-1", "cnd", "2019-03-22", "62/1")
    newer = text("a-res-62-176", "ag", "2007-12-18", "A/RES/62/176")
    documents = (older, cnd, newer)
    graph = {
        "nodes": [node(older), node(cnd), node(newer), CONVENTION, RESOLUTION],
        "edges": [
            edge("doc:a-res-62-176", "doc:a-res-60-1"),
            edge("doc:a-res-62-176", "glossary:convention-1961"),
            edge("doc:a-res-62-176", "A/RES/61/183"),
            edge("doc:cnd-62-1", "doc:a-res-60-1"),
            edge("doc:cnd-62-1", "doc:cnd-62-1"),  # "la présente résolution"
        ],
    }
    titles = {"convention-1961": "Convention unique sur les stupéfiants de 1961"}
    pages = soups(graph_pages(graph, documents, Folders(), entry_title=titles.get))
    assert set(pages) == {"textes/citations.md", "textes/citations/hors-corpus.md"}
    main = pages["textes/citations.md"]
    items = {
        item.select_one(".ra-listing-symbol").get_text(): item
        for item in main.select("li.ra-graphe-texte")
    }
    assert list(items) == ["A/RES/62/176", "A/RES/60/1", "CND 62/1"]  # body, then latest year
    assert names(items["A/RES/62/176"], "Cite") == [
        "A/RES/60/1",
        "A/RES/61/183(site des Nations Unies, connexion Internet nécessaire)↗",
        "Convention unique sur les stupéfiants de 1961",
    ]
    assert names(items["A/RES/60/1"], "Cité par") == ["A/RES/62/176", "CND 62/1"]
    assert names(items["CND 62/1"], "Cité par") == [], "a text citing itself is no link"
    assert "aucun texte du corpus" in items["CND 62/1"].get_text()
    # The most cited first, in the first view.
    [first] = main.select("ol.ra-graphe-cites > li")[:1]
    assert first.get_text(" ", strip=True).startswith("A/RES/60/1 Titre de a-res-60-1")
    assert "cité par 2 textes du corpus" in first.get_text()
    # Never an internal key as a name.
    for soup in pages.values():
        assert "convention-1961" not in soup.get_text()


def test_a_large_corpus_is_listed_by_body_and_year_over_bounded_pages() -> None:
    count = PART_TEXTS + 5
    same_year = [
        text(f"t-{n:03}", "ag", f"2010-01-{1 + n % 28:02}", f"A/RES/65/{n}") for n in range(count)
    ]
    documents = (*same_year, text("c-1", "cnd", "2009-03-01", "52/1"))
    graph = {
        "nodes": [node(document) for document in documents],
        # Each text cites the one before it, and the CND text cites them all.
        "edges": [edge(f"doc:t-{n:03}", f"doc:t-{n - 1:03}") for n in range(1, count)]
        + [edge("doc:c-1", f"doc:t-{n:03}") for n in range(count)],
    }
    pages = soups(graph_pages(graph, documents, Folders()))
    main = pages["textes/citations.md"]
    years = {a.get_text(): a["href"] for a in main.select("ul.ra-years a")}
    assert years == {"2010": "citations/ag/2010.html", "2009": "citations/cnd/2009.html"}
    listed = [
        item.select_one(".ra-listing-symbol").get_text()
        for path, soup in pages.items()
        if path.startswith("textes/citations/ag/")
        for item in soup.select("li.ra-graphe-texte")
    ]
    assert sorted(listed) == sorted(d.symbol for d in documents if d.body == "ag")
    assert {"textes/citations/ag/2010.md", "textes/citations/ag/2010-2.md"} <= set(pages)
    for path, soup in pages.items():
        assert len(str(soup.select_one("ul.ra-graphe") or "").encode()) <= PART_BYTES, path
    # The CND text cites them all: NAMES_SHOWN names, then the rest counted, linked.
    [cnd] = pages["textes/citations/cnd/2009.md"].select("li.ra-graphe-texte")
    shown = names(cnd, "Cite")
    assert len(shown) == NAMES_SHOWN + 1
    assert shown[-1] == f"et {count - NAMES_SHOWN} autres"
    more = cnd.select("ul.ra-graphe-noms > li")[-1].a["href"]
    assert more == "../../c-1.html#textes-lies"


def test_pack_cuts_by_bytes_and_by_count() -> None:
    assert pack(["a" * 40, "b" * 40, "c" * 40], budget=100, most=10) == [
        ["a" * 40, "b" * 40],
        ["c" * 40],
    ]
    assert pack(["x"] * 5, budget=100, most=2) == [["x", "x"], ["x", "x"], ["x"]]
    assert pack(["y" * 300], budget=100) == [["y" * 300]], "too large: a page of its own"


def test_a_symbol_made_of_numbers_alone_says_its_body() -> None:
    assert display_symbol("cnd", "62/1") == "CND 62/1"
    assert display_symbol("ag", "A/RES/62/1") == "A/RES/62/1"
    assert display_symbol("osce-cp", "PC.DEC/758") == "PC.DEC/758"
    assert display_symbol("cnd", "") == ""


def test_a_body_years_page_leads_to_the_years_on_either_side() -> None:
    """PART_TEXTS + 1 texts of the Assembly: 2008 (one), 2009 (the rest but one), 2010."""
    documents = (
        text("old", "ag", "2008-05-01", "A/RES/63/1"),
        *(text(f"m-{n:03}", "ag", "2009-05-01", f"A/RES/64/{n}") for n in range(PART_TEXTS - 1)),
        text("new", "ag", "2010-05-01", "A/RES/65/1"),
    )
    graph = {"nodes": [node(document) for document in documents], "edges": []}
    pages = soups(graph_pages(graph, documents, Folders()))

    def around(path: str) -> dict[str, str]:
        return {a.get_text(): a["href"] for a in pages[path].select("p.ra-count a")}

    assert around("textes/citations/ag/2009.md") == {
        "Les citations entre les textes": "../../citations.html",
        "Année précédente": "2008.html",
        "Année suivante": "2010.html",
    }
    assert "Année suivante" not in around("textes/citations/ag/2010.md")
    assert "Année précédente" not in around("textes/citations/ag/2008.md")
    counts = pages["textes/citations.md"].select_one("p.ra-count").get_text()
    assert counts.startswith("101 textes du corpus, 0 texte hors corpus cité ; ")
