"""The "Cité par" section and the SVG graph: links, escaping, no outside resource."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from resolutions import ids
from resolutions.corpus import CitedBy, annotate, citation_graph
from resolutions.render.citation_graph import (
    render_citation_graph,
    render_cited_by,
)

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
def graph(seed_documents) -> dict:
    documents, _ = annotate(seed_documents, GLOSSARY)
    return citation_graph(documents)


def test_graph_svg_is_well_formed_and_links_every_corpus_text(graph) -> None:
    html = render_citation_graph(graph, link_for)
    root = ET.fromstring(html)  # the whole figure is well-formed XML
    svg = root.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    links = {element.get("href") for element in svg.iter("{http://www.w3.org/2000/svg}a")}
    corpus = {node["slug"] for node in graph["nodes"] if node["in_corpus"]}
    assert {link_for(slug) for slug in corpus} <= links
    # Outside texts with an official address link to it; the others are not links.
    assert "https://docs.un.org/fr/A/RES/61/183" in links
    assert not any("MC.DEC" in link for link in links)
    paths = list(svg.iter("{http://www.w3.org/2000/svg}path"))
    drawn = [p for p in paths if p.get("class") == "arc"]
    assert len(drawn) == len(graph["edges"])
    # Rows by body, in French.
    names = [
        t.text
        for t in svg.iter("{http://www.w3.org/2000/svg}text")
        if t.get("class") == "rangee-nom"
    ]
    assert names[:3] == [
        "Assemblée générale",
        "Conseil économique et social",
        "Commission des stupéfiants",
    ]


def test_graph_loads_nothing_from_elsewhere(graph) -> None:
    html = render_citation_graph(graph, link_for)
    assert "<script" not in html
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert "@import" not in html
    sources = re.findall(r'\s(?:src|xlink:href)="([^"]+)"', html)
    assert sources == []


def test_graph_escapes_labels() -> None:
    graph = {
        "nodes": [
            {
                "id": "doc:x",
                "in_corpus": True,
                "slug": "x",
                "symbol": HOSTILE,
                "short": HOSTILE,
                "label": HOSTILE,
                "title": HOSTILE,
                "group": "ag",
                "date": "2007",
                "url": "",
            },
            {
                "id": HOSTILE,
                "in_corpus": False,
                "slug": "",
                "symbol": "",
                "short": HOSTILE,
                "label": HOSTILE,
                "title": HOSTILE,
                "group": HOSTILE,
                "date": "",
                "url": "",
            },
        ],
        "edges": [{"source": "doc:x", "target": HOSTILE, "count": 1, "blocks": [HOSTILE]}],
    }
    html = render_citation_graph(graph, link_for)
    assert "<script" not in html and "<img" not in html
    ET.fromstring(html)


def test_instruments_link_to_their_glossary_page(seed_documents) -> None:
    documents = tuple(
        with_mentions(document, {"Convention de 1988": "convention-1988"})
        for document in seed_documents
    )
    graph = citation_graph(annotate(documents, GLOSSARY)[0])
    [node] = [node for node in graph["nodes"] if node["id"] == "glossary:convention-1988"]
    assert (node["entry"], node["group"]) == ("convention-1988", "instrument")
    html = render_citation_graph(graph, link_for, lambda entry: f"../glossaire/{entry}/")
    assert '<a class="noeud noeud--hors-corpus" href="../glossaire/convention-1988/">' in html
    # Without a glossary address the instrument is drawn, not linked.
    assert "../glossaire/" not in render_citation_graph(graph, link_for)
