"""Glossary terms on a text's page (render/inline.py, render/markdown.py): a term is a
link at its first mention in each section of the page (the text before the first
section heading, each section, each annex, the notes); its later mentions keep its
address for the reader's setting « Signaler chaque mention du glossaire »."""

from __future__ import annotations

from bs4 import BeautifulSoup

from resolutions.glossary import load_glossary
from resolutions.pipeline import annotate_corpus, convert_bytes
from resolutions.render.inline import RenderContext
from resolutions.render.markdown import render_document

from ..corpus import SOURCE_TEXTS

SOURCE = """---
symbol: A/RES/1/2
title: Essai
body: ag
type: résolution
date: 2024-12-24
source: Essai
format: markdown
---

*L’Assemblée générale*,

*Rappelant* le rôle de la Commission des stupéfiants,

1. *Prie* la Commission des stupéfiants de faire rapport<sup>1</sup> ;

2. *Invite* la Commission des stupéfiants à agir ;

*55e séance plénière 24 décembre 2024*

Annexe

Déclaration d’essai

1. La Commission des stupéfiants examine la question.

2. La Commission des stupéfiants fait rapport.

<sup>1</sup> Rapport de la Commission des stupéfiants.
"""


def page() -> tuple[BeautifulSoup, RenderContext]:
    documents = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    glossary = load_glossary(SOURCE_TEXTS / "glossaire.yml")
    (document,), _, _ = annotate_corpus(documents, glossary)
    assert document.annexes, "the annex was not read: the test would prove less"
    context = RenderContext()
    return BeautifulSoup(render_document(document, context), "html.parser"), context


def test_a_term_is_marked_at_its_first_mention_in_each_section() -> None:
    soup, context = page()
    # Read in the source: the Commission is named in pp1, op1, op2, the annex's two
    # paragraphs and note 1; the text, the annex and the notes are three sections.
    marked = soup.select("a.ra-term[data-ra-entry='commission-stupefiants']")
    repeated = soup.select(
        "span.ra-term-repeat[data-ra-entry='commission-stupefiants'][data-ra-href]"
    )
    assert len(marked) == 3 and len(repeated) == 3, (marked, repeated)
    first, in_annex, in_notes = (a.find_parent(id=True)["id"] for a in marked)
    assert first == "pp1"
    assert in_annex.startswith("annex") and in_notes == "fn-1", (in_annex, in_notes)
    assert {span["data-ra-href"] for span in repeated} == {marked[0]["href"]}
    # The page is done: the context marks each block's own first mention again.
    assert context.terms_shown is None
