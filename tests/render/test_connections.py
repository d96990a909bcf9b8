"""A text's connections on its page (render/connections.py): the count in a connected
paragraph's margin, its entry in "Liens par paragraphe", and "Textes liés".

Two small texts written for the test: PC.DEC/801 cites decision 758 as a whole in its
preamble and its paragraph 5 in its paragraph 1; nothing else cites or is cited.  The
expected counts below are read from these texts."""

from __future__ import annotations

from bs4 import BeautifulSoup

from resolutions.corpus import annotate
from resolutions.glossary import load_glossary
from resolutions.pipeline import annotate_corpus, convert_bytes, convert_file
from resolutions.render.connections import (
    CorpusText,
    connections_of,
    short_name,
)
from resolutions.render.inline import RenderContext
from resolutions.render.markdown import render_document

from ..corpus import SOURCE_TEXTS
from ..xss import dangerous

CITED = """---
symbol: PC.DEC/758
title: Renforcement de la coopération internationale en matière de lutte anti-drogue
body: osce-cp
type: décision
date: 2006-12-05
source: Essai
format: markdown
---

*Le Conseil permanent*,

*Rappelant* ses engagements,

1. *Décide* de renforcer la coopération ;

2. *Charge* le Secrétaire général de faire rapport ;

3. *Invite* les États participants à agir ;

4. *Prie* les partenaires de contribuer ;

5. *Décide* de revenir sur la question :

a) en 2007 ;

b) en 2008.
"""

CITING = """---
symbol: PC.DEC/801
title: Suivi de la coopération internationale en matière de lutte anti-drogue
body: osce-cp
type: décision
date: 2007-06-14
source: Essai
format: markdown
---

*Le Conseil permanent*,

*Rappelant* sa Décision No 758 sur le renforcement de la coopération internationale,

1. *Prend note* du rapport sur l’application du paragraphe 5 de sa Décision No 758 ;

2. *Charge* le Secrétaire général de faire rapport au Conseil permanent en 2008.
"""


def corpus():
    cited = convert_bytes(CITED.encode(), "source_texts/pc-dec-758.txt").documents
    citing = convert_bytes(CITING.encode(), "source_texts/pc-dec-801.txt").documents
    documents, index = annotate(cited + citing)
    return {document.slug: document for document in documents}, index


def page(slug: str) -> tuple[BeautifulSoup, str]:
    documents, index = corpus()
    document = documents[slug]
    texts = {slug: CorpusText.of(d) for slug, d in documents.items()}
    context = RenderContext()
    connections = connections_of(
        document,
        index.cited_by(slug),
        texts,
        lambda entry: "",
        context.document_url,
        context.glossary_url,
    )
    markdown = render_document(
        document, context, extra=connections.sections, markers=connections.markers
    )
    return BeautifulSoup(markdown, "html.parser"), markdown


def test_a_paragraph_cited_by_number_shows_a_count_that_leads_to_the_citing_passage() -> None:
    soup, markdown = page("pc-dec-758")
    markers = soup.select("a.ra-links")
    # Only paragraph 5 is cited by number (paragraph 1 of 801); the whole decision is
    # cited by 801's preamble, which names no paragraph.
    assert [marker.find_parent(class_="ra-para")["id"] for marker in markers] == ["op5"]
    (marker,) = markers
    assert marker["href"] == "#liens-op5"
    assert marker.get_text() == "⇄1 lien\u00a0: paragraphe 5, cité par 1 passage"
    assert marker["title"] == "Paragraphe 5, cité par 1 passage"
    assert marker.select_one(".ra-links__mark")["aria-hidden"] == "true"
    entry = soup.select_one("li#liens-op5")
    assert entry.select_one("a.ra-links-list__paragraph")["href"] == "#op5"
    (citing,) = entry.select(".ra-links-list__links a")
    assert (citing["href"], citing.get_text()) == (
        "pc-dec-801.html#op1",
        "PC.DEC/801, paragraphe 1",
    )
    assert "## Liens par paragraphe {#liens}" in markdown


def test_a_paragraph_that_cites_a_corpus_text_shows_it() -> None:
    soup, _ = page("pc-dec-801")
    counted = {m.find_parent(class_="ra-para")["id"]: m for m in soup.select("a.ra-links")}
    assert sorted(counted) == ["op1", "pp1"]
    assert counted["op1"]["title"] == "Paragraphe 1, 1 renvoi au corpus"
    (cited,) = soup.select("li#liens-op1 .ra-links-list__links a")
    assert cited["href"] == "pc-dec-758.html#op5"
    assert cited.get_text() == (
        "PC.DEC/758 — Renforcement de la coopération internationale en matière de lutte "
        "anti-drogue, paragraphe 5"
    )
    (whole,) = soup.select("li#liens-pp1 .ra-links-list__links a")
    assert whole["href"] == "pc-dec-758.html"
    # Paragraph 2 cites nothing and nothing cites it: no count.
    assert not soup.select("[id='op2'] a.ra-links")


def test_the_neighbourhood_names_texts_by_symbol_and_title_both_ways() -> None:
    cited_page, _ = page("pc-dec-758")
    citing_page, _ = page("pc-dec-801")
    cites = citing_page.select("#voisins-cite ~ ul a")
    assert [(a["href"], a.get_text()) for a in cites] == [
        (
            "pc-dec-758.html",
            "PC.DEC/758 — Renforcement de la coopération internationale en matière de lutte "
            "anti-drogue",
        )
    ]
    cited_by = cited_page.select("#voisins-cite-par ~ ul a")
    assert [(a["href"], a.get_text()) for a in cited_by] == [
        (
            "pc-dec-801.html",
            "PC.DEC/801 — Suivi de la coopération internationale en matière de lutte anti-drogue",
        )
    ]
    assert cited_page.select_one("#voisins-cite ~ p").get_text() == (
        "Ce texte ne cite aucun texte identifié."
    )


def test_the_neighbourhood_of_a_seed_never_shows_an_internal_key() -> None:
    """62/176 cites treaties through the glossary (keys like ``glossary:convention-1961``)
    and UN documents by symbol: each is named by its title or symbol, and a UN document
    outside the corpus is marked as an outside address."""
    documents = convert_file(SOURCE_TEXTS / "a-res-62-176.txt").documents
    glossary = load_glossary(SOURCE_TEXTS / "glossaire.yml")
    (annotated,), _, _ = annotate_corpus(documents, glossary)
    context = RenderContext()
    connections = connections_of(
        annotated,
        (),
        {},
        lambda entry: glossary.get(entry).title if glossary.get(entry) else "",
        context.document_url,
        context.glossary_url,
    )
    soup = BeautifulSoup(connections.sections, "html.parser")
    names = [li.get_text() for li in soup.select("li.ra-voisin")]
    assert names, "62/176 cites texts: the list would prove nothing"
    for name in names:
        assert "glossary:" not in name and not name.startswith(("convention-", "cnd:")), name
    assert "Convention unique sur les stupéfiants de 1961" in names
    resolution = soup.select_one("a[href='https://docs.un.org/fr/A/RES/61/183']")
    assert resolution.get_text().startswith("A/RES/61/183 — Résolution 61/183")
    assert resolution["rel"] == ["external"] and "ra-external" in resolution["class"]
    assert "connexion Internet nécessaire" in resolution["title"]
    # No text of the corpus cites 62/176 here.
    assert soup.select_one("#voisins-cite-par ~ p").get_text() == (
        "Aucun texte du corpus ne le cite."
    )


def test_a_long_name_is_cut_at_a_word() -> None:
    name = "Déclaration politique et Plan d’action sur la coopération internationale en vue"
    assert short_name(name, 40) == "Déclaration politique et Plan d’action…"
    assert short_name("Charte des Nations Unies", 40) == "Charte des Nations Unies"


HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'


def test_hostile_titles_stay_text_in_every_connection() -> None:
    """A title may hold anything: in « Textes liés », « Liens par paragraphe » and the
    margin count it is text, never markup."""
    cited = convert_bytes(
        CITED.replace(
            "title: Renforcement de la coopération internationale en matière de lutte anti-drogue",
            f"title: '{HOSTILE}'",
        ).encode(),
        "source_texts/pc-dec-758.txt",
    ).documents
    citing = convert_bytes(
        CITING.replace(
            "title: Suivi de la coopération internationale en matière de lutte anti-drogue",
            f"title: '{HOSTILE}'",
        ).encode(),
        "source_texts/pc-dec-801.txt",
    ).documents
    documents, index = annotate(cited + citing)
    texts = {document.slug: CorpusText.of(document) for document in documents}
    assert all(HOSTILE in text.title for text in texts.values())
    context = RenderContext()
    for document in documents:
        connections = connections_of(
            document,
            index.cited_by(document.slug),
            texts,
            lambda entry: "",
            context.document_url,
            context.glossary_url,
        )
        html = connections.sections + "".join(connections.markers.values())
        soup = BeautifulSoup(html, "html.parser")
        assert not dangerous(soup, ("script", "img")), document.slug
        assert HOSTILE in soup.get_text(), document.slug
