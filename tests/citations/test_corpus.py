"""The corpus pass: a new text citing a seed gets its backlink and its graph edge;
resolution rules; the check's list; idempotence and self-citations."""

from __future__ import annotations

import json

import pytest

from resolutions import model
from resolutions.corpus import (
    CorpusIndex,
    annotate,
    citation_graph,
    document_key,
    excerpt,
    unresolved,
    year_of_key,
)
from resolutions.pipeline import convert_bytes

from .conftest import GLOSSARY

# A short decision written for this test in the manner of the Permanent Council's
# decisions (the number 9001 is not a real decision's).
NEW_DECISION = """---
symbol: PC.DEC/9001
title: Suite donnée à la coopération internationale en matière de lutte anti-drogue
body: osce-cp
type: décision
date: 2008-03-06
source: "Texte écrit pour les tests du corpus"
format: pdf-text
---
 DÉCISION No 9001
SUITE DONNÉE À LA COOPÉRATION INTERNATIONALE
EN MATIÈRE DE LUTTE ANTI-DROGUE


 Le Conseil permanent,

 Rappelant sa Décision No 758 du 5 décembre 2006 sur le renforcement de la
coopération internationale en matière de lutte anti-drogue, ainsi que la Décision
No 5/05 du Conseil ministériel de Ljubljana (MC.DEC/5/05),

 Prenant note de la résolution 62/176 de l’Assemblée générale, en date du
18 décembre 2007,

1. Charge le Secrétaire général de faire rapport sur la mise en œuvre du
paragraphe 4 de sa Décision No 758 ;

2. Décide de réexaminer la question en 2009 et de tenir compte du paragraphe 40 de
sa Décision No 758.
"""


@pytest.fixture(scope="module")
def corpus(seed_documents):
    [new] = convert_bytes(NEW_DECISION.encode(), "source_texts/pc-dec-9001.txt").documents
    return annotate((*seed_documents, new), GLOSSARY)


def test_the_new_decision_is_listed_on_pc_dec_758(corpus) -> None:
    _, index = corpus
    rows = index.cited_by("pc-dec-758")
    assert [(row.slug, row.block_id, row.cited_anchor) for row in rows] == [
        ("pc-dec-9001", "pp1", ""),
        ("pc-dec-9001", "op1", "op4"),
        ("pc-dec-9001", "op2", ""),
    ]
    first = rows[0]
    assert (first.symbol, first.body, first.date) == ("PC.DEC/9001", "osce-cp", "2008-03-06")
    assert first.excerpt.startswith("Rappelant sa Décision No 758 du 5 décembre 2006")
    assert [(row.slug, row.block_id) for row in index.cited_by("a-res-62-176")] == [
        ("pc-dec-9001", "pp2")
    ]


def test_targets_of_the_new_decision(corpus) -> None:
    documents, _ = corpus
    [new] = [document for document in documents if document.slug == "pc-dec-9001"]
    found = [
        (block_id, span.key, span.target)
        for block_id, block in new.blocks()
        for span in block.spans
        if isinstance(span, model.Citation)
    ]
    assert found == [
        ("pp1", "PC.DEC/758", "doc:pc-dec-758"),
        ("pp1", "MC.DEC/5/05", ""),
        ("pp1", "MC.DEC/5/05", ""),
        ("pp2", "A/RES/62/176", "doc:a-res-62-176"),
        ("op1", "PC.DEC/758#op4", "doc:pc-dec-758#op4"),
        # Decision 758 has no paragraph 40: the link goes to the decision, and the
        # check says so.
        ("op2", "PC.DEC/758#op40", "doc:pc-dec-758"),
    ]
    problems = [item for item in unresolved([new]) if "op40" in item.label]
    assert problems == [
        (
            "source_texts/pc-dec-9001.txt",
            27,  # where "paragraphe 40 de sa Décision No 758" begins
            "Paragraphe 40 de la décision n° 758 du Conseil permanent de l’OSCE (PC.DEC/758) "
            ": le texte du corpus n’a pas de paragraphe op40",
        )
    ]


def test_the_edge_is_in_the_graph_json(corpus) -> None:
    documents, _ = corpus
    graph = json.loads(json.dumps(citation_graph(documents)))
    assert {
        "source": "doc:pc-dec-9001",
        "target": "doc:pc-dec-758",
        "count": 3,
        "blocks": ["pp1", "op1", "op2"],
    } in graph["edges"]
    nodes = {node["id"]: node for node in graph["nodes"]}
    assert nodes["doc:pc-dec-758"]["in_corpus"] is True
    assert nodes["doc:pc-dec-758"]["group"] == "osce-cp"
    # Outside texts are nodes of their own, dated from the citing text or the symbol.
    assert nodes["MC.DEC/5/05"]["in_corpus"] is False
    assert (nodes["MC.DEC/5/05"]["date"], nodes["MC.DEC/5/05"]["url"]) == ("2005", "")
    assert nodes["A/RES/61/183"]["date"] == "2006-12-20"
    assert nodes["A/RES/61/183"]["url"] == "https://docs.un.org/fr/A/RES/61/183"
    assert nodes["cnd:57/9"]["short"] == "CND 57/9"
    # Every edge joins two nodes; every corpus text is a node.
    assert all(e["source"] in nodes and e["target"] in nodes for e in graph["edges"])
    assert {n["slug"] for n in graph["nodes"] if n["in_corpus"]} == {d.slug for d in documents}


def test_annotating_twice_changes_nothing(corpus) -> None:
    documents, index = corpus
    again, index_again = annotate(documents, GLOSSARY)
    assert again == documents
    assert index_again == index


def test_document_keys(seed_documents) -> None:
    assert {document.slug: document_key(document) for document in seed_documents} == {
        "a-res-62-176": "A/RES/62/176",
        "a-res-78-284": "A/RES/78/284",
        "cnd-2019-declaration-ministerielle": None,
        "cnd-res-62-1": "cnd:62/1",
        "cnd-res-62-2": "cnd:62/2",
        "osce-cm-2020-criminalite-transnationale-organisee": None,
        "pc-dec-758": "PC.DEC/758",
    }


@pytest.mark.parametrize(
    ("key", "target"),
    [
        ("cnd:62/1", "doc:cnd-res-62-1"),
        ("cnd:62/1#op5", "doc:cnd-res-62-1#op5"),
        ("A/RES/62/176#op6-a", "doc:a-res-62-176#op6-a"),
        ("A/RES/61/183", "https://docs.un.org/fr/A/RES/61/183"),
        ("A/RES/61/183#op3", "https://docs.un.org/fr/A/RES/61/183"),
        ("E/2007/28/Corr.1", "https://docs.un.org/fr/E/2007/28/Corr.1"),
        ("MC.DEC/5/05", ""),
        ("PC.DEC/1", ""),
        ("cnd:57/9", ""),
        ("glossary:declaration-ministerielle-2019", "doc:cnd-2019-declaration-ministerielle"),
        ("glossary:convention-1988", "glossary:convention-1988"),
        ("glossary:inconnue", ""),
        ("unts:976/14152", "glossary:convention-1961"),
        ("unts:520/7515", "glossary:convention-1961"),
        ("unts:1/1", ""),
    ],
)
def test_resolution_rules(seed_documents, key: str, target: str) -> None:
    index = CorpusIndex.build(seed_documents, GLOSSARY)
    assert index.target_for(key) == target


def test_excerpt_is_cut_at_words() -> None:
    text = " ".join(f"mot{number}" for number in range(100))
    start = text.index("mot50")
    cut = excerpt(text, start, start + 5, width=40)
    assert cut.startswith("…") and cut.endswith("…") and "mot50" in cut
    assert len(cut) <= 42
    assert excerpt("Voir résolution 55/2.", 5, 20) == "Voir résolution 55/2."


def test_year_of_key() -> None:
    assert year_of_key("E/2007/28") == ("2007", "symbole")
    assert year_of_key("MC.DEC/3/05") == ("2005", "symbole")
    assert year_of_key("A/62/117") == ("2007", "session")
    assert year_of_key("cnd:57/9") == ("", "")
