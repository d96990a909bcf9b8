"""Every citation of each seed, where it sits, its kind, key and resolved target.

The expectations below were written by reading the source texts in ``source_texts/``
(footnotes included), not by copying the finder's output.  Instruments named by title
come from the glossary stage and are checked separately (``test_instruments``).
"""

from __future__ import annotations

import pytest

from resolutions import model
from resolutions.corpus import annotate, unresolved

from .conftest import GLOSSARY, with_mentions

UN = "https://docs.un.org/fr/"

# (block id, kind, key, the words cited, target)
EXPECTED = {
    "a-res-62-176": [
        ("pp1", "resolution", "A/RES/61/183", "résolution 61/183", UN + "A/RES/61/183"),
        ("op23", "resolution", "E/RES/2007/12", "résolution 2007/12", UN + "E/RES/2007/12"),
        ("fn-1", "resolution", "A/RES/55/2", "résolution 55/2", UN + "A/RES/55/2"),
        ("fn-2", "resolution", "A/RES/60/1", "résolution 60/1", UN + "A/RES/60/1"),
        ("fn-3", "resolution", "A/RES/S-20/2", "Résolution S-20/2", UN + "A/RES/S-20/2"),
        ("fn-4", "document", "E/2003/28/Rev.1", "E/2003/28/Rev.1", UN + "E/2003/28/Rev.1"),
        ("fn-4", "document", "A/58/124", "A/58/124", UN + "A/58/124"),
        ("fn-5", "resolution", "A/RES/54/132", "Résolution 54/132", UN + "A/RES/54/132"),
        ("fn-6", "resolution", "A/RES/S-20/3", "Résolution S-20/3", UN + "A/RES/S-20/3"),
        ("fn-7", "resolution", "A/RES/S-20/4", "Résolution S-20/4 E", UN + "A/RES/S-20/4"),
        ("fn-8", "document", "E/2007/28", "E/2007/28", UN + "E/2007/28"),
        ("fn-8", "document", "E/2007/28/Corr.1", "Corr.1", UN + "E/2007/28/Corr.1"),
        # The note cites the Commission's report: its resolution 50/12, which has no
        # symbol and so no address of its own.
        ("fn-8", "resolution", "cnd:50/12", "résolution 50/12", ""),
        (
            "fn-9",
            "treaty-series",
            "unts:976/14152",
            "Recueil des Traités, vol. 976, no 14152",
            "glossary:convention-1961",
        ),
        (
            "fn-10",
            "treaty-series",
            "unts:1019/14956",
            "Ibid., vol. 1019, no 14956",
            "glossary:convention-1971",
        ),
        (
            "fn-11",
            "treaty-series",
            "unts:1582/27627",
            "Ibid., vol. 1582, no 27627",
            "glossary:convention-1988",
        ),
        ("fn-12", "resolution", "A/RES/55/25", "Résolution 55/25", UN + "A/RES/55/25"),
        ("fn-12", "resolution", "A/RES/55/255", "résolution 55/255", UN + "A/RES/55/255"),
        ("fn-13", "resolution", "A/RES/58/4", "Résolution 58/4", UN + "A/RES/58/4"),
        ("fn-14", "resolution", "A/RES/S-20/2", "Résolutions S-20/2-4 A-E", UN + "A/RES/S-20/2"),
        ("fn-14", "resolution", "A/RES/S-20/3", "Résolutions S-20/2-4 A-E", UN + "A/RES/S-20/3"),
        ("fn-14", "resolution", "A/RES/S-20/4", "Résolutions S-20/2-4 A-E", UN + "A/RES/S-20/4"),
        ("fn-15", "resolution", "A/RES/S-20/4", "résolution S-20/4 C", UN + "A/RES/S-20/4"),
        ("fn-16", "document", "A/62/117", "A/62/117", UN + "A/62/117"),
    ],
    "a-res-78-284": [
        # The draft's symbol, in the heading the converter keeps.
        ("title-7", "document", "A/78/L.68", "A/78/L.68", UN + "A/78/L.68"),
        (
            "fn-1",
            "treaty-series",
            "unts:976/14152",
            "Recueil des Traités, vol. 976, n° 14152",
            "glossary:convention-1961",
        ),
        (
            "fn-2",
            "treaty-series",
            "unts:1019/14956",
            "Ibid., vol. 1019, n° 14956",
            "glossary:convention-1971",
        ),
        (
            "fn-3",
            "treaty-series",
            "unts:1582/27627",
            "Ibid., vol. 1582, n° 27627",
            "glossary:convention-1988",
        ),
        ("fn-4", "document", "E/2009/28", "E/2009/28", UN + "E/2009/28"),
        ("fn-5", "document", "E/2014/28", "E/2014/28", UN + "E/2014/28"),
        ("fn-6", "resolution", "A/RES/S-30/1", "Résolution S-30/1", UN + "A/RES/S-30/1"),
        ("fn-7", "document", "E/2024/28", "E/2024/28", UN + "E/2024/28"),
        ("fn-8", "resolution", "A/RES/217(III)", "Résolution 217 A (III)", UN + "A/RES/217(III)"),
        ("fn-9", "resolution", "A/RES/70/1", "Résolution 70/1", UN + "A/RES/70/1"),
    ],
    # The declaration's fragment cites nothing by number.
    "cnd-2019-declaration-ministerielle": [],
    "cnd-res-62-1": [
        # "Résolution 62/1", its own heading, is not a citation.
        ("pp4", "resolution", "A/RES/59/162", "résolution 59/162", UN + "A/RES/59/162"),
        (
            "fn-12",
            "treaty-series",
            "unts:1582/27627",
            "Ibid., vol. 1582, n° 27627",
            "glossary:convention-1988",
        ),
        ("fn-13", "document", "E/2009/28", "E/2009/28", UN + "E/2009/28"),
        ("fn-14", "document", "E/2014/28", "E/2014/28", UN + "E/2014/28"),
        ("fn-15", "resolution", "A/RES/S-30/1", "Résolution S-30/1", UN + "A/RES/S-30/1"),
    ],
    "cnd-res-62-2": [
        ("pp3", "resolution", "cnd:57/9", "résolution 57/9", ""),
        ("pp4", "resolution", "cnd:58/9", "résolution 58/9", ""),
    ],
    "osce-cm-2020-criminalite-transnationale-organisee": [
        ("op2", "osce-decision", "MC.DEC/3/05", "n° 3/05", ""),
        ("op2", "osce-decision", "MC.DEC/5/06", "n° 5/06", ""),
    ],
    "pc-dec-758": [
        # "DECISION No 758", its own heading, is not a citation.
        ("pp4", "osce-decision", "MC.DEC/5/05", "Décision No 5/05", ""),
        ("pp4", "document", "MC.DEC/5/05", "MC.DEC/5/05", ""),
    ],
}


def citations_of(document: model.Document) -> list[tuple[str, str, str, str, str]]:
    blocks = document.blocks() + [(f"fn-{n.number}", n.text) for n in document.footnotes]
    return [
        (block_id, span.citation_kind, span.key, block.text[span.start : span.end], span.target)
        for block_id, block in blocks
        for span in block.spans
        if isinstance(span, model.Citation) and span.citation_kind != "instrument"
    ]


@pytest.fixture(scope="module")
def annotated(seed_documents):
    plain = tuple(with_mentions(document, {}) for document in seed_documents)
    return annotate(plain, GLOSSARY)


def test_every_seed_document_is_expected(annotated) -> None:
    documents, _ = annotated
    assert sorted(document.slug for document in documents) == sorted(EXPECTED)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_seed_citations(annotated, slug: str) -> None:
    documents, _ = annotated
    [document] = [document for document in documents if document.slug == slug]
    assert citations_of(document) == EXPECTED[slug]


def test_62_176_alone_holds_more_than_twenty() -> None:
    assert len(EXPECTED["a-res-62-176"]) > 20


def test_unresolved_are_listed_with_their_source_line(annotated) -> None:
    """All of them, accepted or not (the check leaves out those accepted by editors in
    source_texts/citations-sans-adresse.yml: tests/editors/test_strict.py)."""
    documents, _ = annotated
    assert unresolved(documents, accepted={}) == [
        ("source_texts/a-res-62-176.txt", 101, "Résolution 50/12 de la Commission des stupéfiants"),
        (
            "source_texts/cnd-2019-e-2019-28-extrait.txt",
            109,
            "Résolution 57/9 de la Commission des stupéfiants, en date du 21 mars 2014",
        ),
        (
            "source_texts/cnd-2019-e-2019-28-extrait.txt",
            111,
            "Résolution 58/9 de la Commission des stupéfiants, en date du 13 mars 2015",
        ),
        (
            "source_texts/osce-cm-2020-tirana-criminalite-organisee.txt",
            22,
            "Décision n° 3/05 du Conseil ministériel de l’OSCE (MC.DEC/3/05)",
        ),
        (
            "source_texts/osce-cm-2020-tirana-criminalite-organisee.txt",
            22,
            "Décision n° 5/06 du Conseil ministériel de l’OSCE (MC.DEC/5/06)",
        ),
        (
            "source_texts/pc-dec-758.txt",
            36,
            "Décision n° 5/05 du Conseil ministériel de l’OSCE (Ljubljana) (MC.DEC/5/05)",
        ),
        ("source_texts/pc-dec-758.txt", 37, "Document MC.DEC/5/05"),
    ]


def test_instruments(seed_documents) -> None:
    """78/284 names the 2019 Ministerial Declaration twice in one paragraph; the
    declaration is in the corpus (the fragment opening the CND extract), so the
    citations lead to its page and its page lists 78/284 among the texts citing it."""
    mentions = {
        "a-res-78-284": {"Déclaration ministérielle de 2019": "declaration-ministerielle-2019"},
        "cnd-res-62-1": {
            "Convention de 1988": "convention-1988",
            "Office des Nations Unies contre la drogue et le crime": "onudc",
        },
    }
    documents = tuple(
        with_mentions(document, mentions.get(document.slug, {})) for document in seed_documents
    )
    annotated, index = annotate(documents, GLOSSARY)
    by_slug = {document.slug: document for document in annotated}

    pp4 = dict(by_slug["a-res-78-284"].blocks())["pp4"]
    instruments = [
        (span.key, span.target, pp4.text[span.start : span.end])
        for span in pp4.spans
        if isinstance(span, model.Citation) and span.citation_kind == "instrument"
    ]
    assert (
        instruments
        == [
            (
                "glossary:declaration-ministerielle-2019",
                "doc:cnd-2019-declaration-ministerielle",
                "Déclaration ministérielle de 2019",
            )
        ]
        * 2
    )

    # One row per citing paragraph, on the document's page and on the entry's.
    rows = index.cited_by("cnd-2019-declaration-ministerielle")
    assert [(row.slug, row.block_id, row.body, row.date) for row in rows] == [
        ("a-res-78-284", "pp4", "ag", "2024-06-04")
    ]
    assert "Déclaration ministérielle de 2019" in rows[0].excerpt
    assert index.cited_by_entry("declaration-ministerielle-2019") == rows

    # "Convention de 1988" in 62/1 (op5) resolves to the glossary; an organ is not cited.
    op5 = dict(by_slug["cnd-res-62-1"].blocks())["op5"]
    assert [
        (span.citation_kind, span.key, span.target)
        for span in op5.spans
        if isinstance(span, model.Citation)
    ] == [("instrument", "glossary:convention-1988", "glossary:convention-1988")]
    assert not any(
        isinstance(span, model.Citation) and span.key == "glossary:onudc"
        for _, block in by_slug["cnd-res-62-1"].blocks()
        for span in block.spans
    )
    # The Convention's entry lists, in date order, the treaty notes and the mention.
    assert [(row.slug, row.block_id) for row in index.cited_by_entry("convention-1988")] == [
        ("a-res-62-176", "fn-11"),
        ("cnd-res-62-1", "op5"),
        ("cnd-res-62-1", "fn-12"),
        ("a-res-78-284", "fn-3"),
    ]
