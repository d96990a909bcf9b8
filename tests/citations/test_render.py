"""The "Cité par" section and the graph's pages: links, escaping, no outside resource."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from resolutions import ids
from resolutions.corpus import CitedBy, annotate, citation_graph
from resolutions.model import Document
from resolutions.render.citation_graph import render_cited_by
from resolutions.render.graph_pages import graph_pages
from resolutions.render.pages import Folders

from .conftest import GLOSSARY, with_mentions


def link_for(slug: str) -> str:
    return f"../{slug}/"


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_cited_by_rows() -> None:
    rows = [
        CitedBy(
            "pc-dec-9001",
            "op1",
            "… du paragraphe 4 de sa Décision No 758 ;",
            "osce-cp",
            "2008-03-06",
            "PC.DEC/9001",
            "Suite donnée",
            "op4",
        ),
        CitedBy(
            "cnd-2019-declaration-ministerielle",
            "p5",
            "la présente Déclaration",
            "cnd",
            "2019-03",
            "",
            "Déclaration ministérielle",
        ),
    ]
    html = render_cited_by(rows, link_for)
    # A Markdown heading: the table of contents lists it.
    assert html.startswith("## Cité par {#cite-par}\n\n")
    assert '<a href="../pc-dec-9001/#op1">PC.DEC/9001, paragraphe 1</a>' in html
    assert "(vise : paragraphe 4)" in html
    assert 'OSCE, Conseil permanent</span>, <span class="cite-par__annee">2008' in html
    # A text without a symbol is named by its title.
    assert (
        '<a href="../cnd-2019-declaration-ministerielle/#p5">Déclaration ministérielle, '
        "passage 5</a>" in html
    )
    assert "Aucun texte" not in html


def test_cited_by_says_when_no_text_cites() -> None:
    html = render_cited_by([], link_for)
    assert html.startswith("## Cité par {#cite-par}\n\n")
    assert "Aucun texte du corpus ne cite ce texte." in html
    assert "<li" not in html


def test_cited_by_escapes_everything() -> None:
    row = CitedBy(HOSTILE, "op1", HOSTILE, HOSTILE, "2008", HOSTILE, HOSTILE)
    html = render_cited_by([row], lambda slug: f"../{slug}/")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("block_id", "words"),
    [
        ("pp3", "alinéa 3 du préambule"),
        ("op6-a", "paragraphe 6 a)"),
        ("op10", "paragraphe 10"),
        ("fn-12", "note 12"),
        ("title-7", "titre"),
        ("sec-II", "section II"),
        ("closing", "formule finale"),
        ("author", "auteur"),
        ("p3", "passage 3"),
        ("p3-a", "passage 3 a)"),
        ("sec-II-op1", "paragraphe 1 de la section II"),
        ("sec-II-op1-b", "paragraphe 1 b) de la section II"),
        ("not-an-id", "not-an-id"),
        # An annex's ids (ids.py's scheme), as a reader names them.
        ("annexe", "annexe"),
        ("annexe-ii", "annexe II"),
        ("annexe-chap-IV", "chapitre IV de l’annexe"),
        ("annexe-art-5", "article 5 de l’annexe"),
        ("annexe-art-5-par-2-a", "article 5, paragraphe 2 a) de l’annexe"),
        ("annexe-art-10-al-1", "article 10, alinéa 1 de l’annexe"),
        ("annexe-art-2-al-1-e-ii", "article 2, alinéa 1 e) ii) de l’annexe"),
        ("annexe-pp3", "alinéa 3 du préambule de l’annexe"),
        ("annexe-ii-par-4", "paragraphe 4 de l’annexe II"),
        ("annexe-foi", "formule finale de l’annexe"),
    ],
)
def test_block_label(block_id: str, words: str) -> None:
    assert ids.label(block_id) == words


@pytest.fixture(scope="module")
def seeds(seed_documents) -> tuple[tuple[Document, ...], dict]:
    documents, _ = annotate(seed_documents, GLOSSARY)
    return documents, citation_graph(documents)


def pages_of(graph: dict, documents, entry_title=None) -> dict[str, BeautifulSoup]:
    pages = graph_pages(graph, documents, Folders(), entry_title=entry_title)
    return {page.path: BeautifulSoup(page.content, "html.parser") for page in pages}


def test_graph_page_links_every_corpus_text_and_outside_addresses(seeds) -> None:
    documents, graph = seeds
    pages = pages_of(graph, documents)
    main = pages["textes/citations.md"]
    headings = [link["href"] for link in main.select("li.ra-graphe-texte > .ra-graphe-titre a")]
    # The seeds fit on the graph's page: each text once, linked to its page.
    assert sorted(headings) == sorted(f"{document.slug}.html" for document in documents)
    outside = pages["textes/citations/hors-corpus.md"]
    links = {link["href"] for link in outside.select("a")}
    # Outside texts with an official address link to it; the others are not links.
    assert "https://docs.un.org/fr/A/RES/61/183" in links
    assert not any("MC.DEC" in link for link in links)
    names = [
        item.select_one(".ra-graphe-titre").get_text(" ", strip=True)
        for item in outside.select("li.ra-graphe-texte")
    ]
    assert any(name.startswith("MC.DEC/") for name in names)


def test_graph_pages_load_nothing_from_elsewhere(seeds) -> None:
    documents, graph = seeds
    for page in graph_pages(graph, documents, Folders()):
        assert "<script" not in page.content
        assert "@import" not in page.content
        assert re.findall(r'\s(?:src|xlink:href)="([^"]+)"', page.content) == []


def test_graph_pages_escape_names(seeds) -> None:
    documents, _ = seeds
    hostile = replace(documents[0], symbol=HOSTILE, title=HOSTILE)
    graph = {
        "nodes": [
            {
                "id": f"doc:{hostile.slug}",
                "in_corpus": True,
                "slug": hostile.slug,
                "group": "ag",
                "date": "2007",
            },
            {
                "id": HOSTILE,
                "in_corpus": False,
                "symbol": HOSTILE,
                "short": HOSTILE,
                "label": HOSTILE,
                "group": HOSTILE,
                "date": "",
                "url": "",
            },
        ],
        "edges": [
            {"source": f"doc:{hostile.slug}", "target": HOSTILE, "count": 1, "blocks": ["op1"]}
        ],
    }
    for page in graph_pages(graph, (hostile,), Folders()):
        assert "<script" not in page.content and "<img" not in page.content


def test_instruments_are_named_by_the_glossary_and_link_to_their_entry(seed_documents) -> None:
    documents = tuple(
        with_mentions(document, {"Convention de 1988": "convention-1988"})
        for document in seed_documents
    )
    documents = annotate(documents, GLOSSARY)[0]
    graph = citation_graph(documents)
    [node] = [node for node in graph["nodes"] if node["id"] == "glossary:convention-1988"]
    assert (node["entry"], node["group"]) == ("convention-1988", "instrument")
    titles = {"convention-1988": "Convention des Nations Unies contre le trafic illicite (1988)"}
    pages = pages_of(graph, documents, lambda entry: titles.get(entry, ""))
    outside = pages["textes/citations/hors-corpus.md"]
    [link] = [a for a in outside.select("a") if a["href"] == "../../glossaire/convention-1988.html"]
    assert link.get_text() == titles["convention-1988"]
    # Never the graph's key as a name, on any page.
    for soup in pages.values():
        assert "convention-1988" not in soup.get_text()
