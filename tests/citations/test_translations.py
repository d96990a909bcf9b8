"""French and English versions of one text: paired by the corpus pass, each citation
leading to the version in the citing text's language, and a version citing its other
version counted nowhere (hand-built documents)."""

from __future__ import annotations

from dataclasses import replace

from resolutions import model
from resolutions.corpus import CorpusIndex, annotate, translations
from resolutions.render.json import export

from .conftest import Entry, with_mentions


def text(slug: str, symbol: str, lang: str, *paragraphs: str, body: str = "ag") -> model.Document:
    return model.Document(
        slug=slug,
        symbol=symbol,
        title=slug,
        body=body,
        type="résolution",
        date="2024-06-04",
        source="tests",
        format="markdown",
        source_path=f"source_texts/{slug}.txt",
        line=1,
        lang=lang,  # type: ignore[arg-type]
        paragraphs=tuple(
            model.Paragraph(text=words, line=index, id=f"op{index}", kind="operative")
            for index, words in enumerate(paragraphs, 1)
        ),
    )


def cited(document: model.Document) -> list[tuple[str, str]]:
    return [
        (span.key, span.target)
        for _, block in document.blocks()
        for span in block.spans
        if isinstance(span, model.Citation)
    ]


FRENCH = text("a-res-78-284", "A/RES/78/284", "fr", "Salue.", "Prie.")
ENGLISH = text("a-res-78-284-en", "A/RES/78/284", "en", "Welcomes.", "Requests.")


def test_versions_are_paired_by_body_and_symbol() -> None:
    other_body = text("cnd-78-284", "78/284", "en", "Decides.", body="cnd")
    alone = text("a-res-62-176", "A/RES/62/176", "fr", "Décide.")
    no_symbol = replace(text("declaration", "", "en", "We."), symbol="")
    pairs = translations([FRENCH, alone, ENGLISH, other_body, no_symbol])
    assert pairs == {
        "a-res-78-284": {"en": "a-res-78-284-en"},
        "a-res-78-284-en": {"fr": "a-res-78-284"},
    }


def test_pairing_is_in_the_json() -> None:
    data = export([FRENCH, ENGLISH])
    assert [d["translations"] for d in data["documents"]] == [
        {"en": "a-res-78-284-en"},
        {"fr": "a-res-78-284"},
    ]
    assert export([FRENCH])["documents"][0]["translations"] == {}


def test_a_citation_leads_to_the_version_in_the_citing_language() -> None:
    french_citing = text("a-res-79-1", "A/RES/79/1", "fr", "Rappelant sa résolution 78/284,")
    english_citing = text("a-res-79-1-en", "A/RES/79/1", "en", "Recalling its resolution 78/284,")
    other = text("a-res-79-2-en", "A/RES/79/2", "en", "Recalling resolution 62/176,")
    # A text only in French is reached from an English text in French.
    french_only = text("a-res-62-176", "A/RES/62/176", "fr", "Décide.")
    documents, index = annotate(
        [FRENCH, ENGLISH, french_citing, english_citing, other, french_only]
    )
    by_slug = {document.slug: document for document in documents}
    assert cited(by_slug["a-res-79-1"]) == [("A/RES/78/284", "doc:a-res-78-284")]
    assert cited(by_slug["a-res-79-1-en"]) == [("A/RES/78/284", "doc:a-res-78-284-en")]
    assert cited(by_slug["a-res-79-2-en"]) == [("A/RES/62/176", "doc:a-res-62-176")]
    rows = index.cited_by("a-res-78-284-en")
    assert [(row.slug, row.lang) for row in rows] == [("a-res-79-1-en", "en")]


def test_a_version_citing_its_other_version_is_no_citation() -> None:
    # A declaration whose glossary entry says which corpus text it is: the English
    # version names the instrument, which is its own French version.
    glossary = (Entry("declaration-test", "déclaration", "a-res-78-284"),)
    french = text("a-res-78-284", "A/RES/78/284", "fr", "Renvoie à la Déclaration test.")
    english = with_mentions(
        text("a-res-78-284-en", "A/RES/78/284", "en", "Refers to the Test Declaration."),
        {"Test Declaration": "declaration-test"},
    )
    other = with_mentions(
        text("a-res-79-3-en", "A/RES/79/3", "en", "Recalling the Test Declaration,"),
        {"Test Declaration": "declaration-test"},
    )
    documents, index = annotate([french, english, other], glossary)
    by_slug = {document.slug: document for document in documents}
    assert cited(by_slug["a-res-78-284-en"]) == []
    # Another English text reaches the instrument's English version.
    assert cited(by_slug["a-res-79-3-en"]) == [("glossary:declaration-test", "doc:a-res-78-284-en")]
    assert index.cited_by("a-res-78-284") == ()
    assert [row.slug for row in index.cited_by("a-res-78-284-en")] == ["a-res-79-3-en"]


def test_the_index_keeps_one_text_per_language() -> None:
    index = CorpusIndex.build([ENGLISH, FRENCH])
    assert index.slugs_by_key["A/RES/78/284"] == "a-res-78-284"
    assert index.target_for("A/RES/78/284#op2", "en") == "doc:a-res-78-284-en#op2"
    assert index.target_for("A/RES/78/284#op2", "fr") == "doc:a-res-78-284#op2"
    assert index.same_text("a-res-78-284") == {"a-res-78-284", "a-res-78-284-en"}


def test_one_cited_by_row_for_both_versions_of_a_citing_paragraph() -> None:
    # Both versions of A/RES/79/1 cite resolution 62/176, which is only in French.
    cited = text("a-res-62-176", "A/RES/62/176", "fr", "Décide.")
    french = text("a-res-79-1", "A/RES/79/1", "fr", "Rappelant sa résolution 62/176,", "Décide.")
    english = text(
        "a-res-79-1-en",
        "A/RES/79/1",
        "en",
        "Recalling its resolution 62/176,",
        "Also recalling resolution 62/176,",
    )
    _, index = annotate([cited, french, english])
    rows = [(row.slug, row.block_id) for row in index.cited_by("a-res-62-176")]
    # op1 once (the French row); op2 is cited by the English version only.
    assert rows == [("a-res-79-1", "op1"), ("a-res-79-1-en", "op2")]
