"""Tagging documents, indexing mentions and warning about unknown acronyms, on
documents built by hand."""

from __future__ import annotations

from resolutions.glossary import (
    Glossary,
    MentionIndex,
    annotate,
    excerpt_around,
    unknown_acronyms,
)
from resolutions.model import Block, Citation, Emphasis, Footnote, Mention, NoteMark

from .conftest import document, paragraph


def mentions_of(block: Block) -> list[tuple[str, str]]:
    return [
        (span.entry, block.text[span.start : span.end])
        for span in block.spans
        if isinstance(span, Mention)
    ]


def test_headings_are_not_tagged_and_paragraphs_are(glossary: Glossary) -> None:
    doc = annotate(
        document(
            paragraph("Rappelant la Charte des Nations Unies,"),
            heading=("Assemblée générale", "Résolution adoptée par l’Assemblée générale"),
        ),
        glossary,
    )
    assert all(not block.spans for block in doc.heading)
    assert mentions_of(doc.paragraphs[0]) == [("charte-nations-unies", "Charte des Nations Unies")]


def test_no_mention_across_a_note_mark(glossary: Glossary) -> None:
    text = "le Plan d’action pour la mise en œuvre de la Déclaration sur les principes "
    text += "fondamentaux de la réduction de la demande de drogues et la Commission des stupéfiants"
    mark = NoteMark(offset=len("le Plan d’action"), number="5", line=10)
    end_mark = NoteMark(offset=len(text), number="6", line=10)
    doc = annotate(document(paragraph(text, notes=(mark, end_mark))), glossary)
    # The plan's full name runs over mark 5: only what follows the mark is tagged.
    assert mentions_of(doc.paragraphs[0]) == [
        (
            "declaration-reduction-demande-1998",
            "Déclaration sur les principes fondamentaux de la réduction de la demande de drogues",
        ),
        ("commission-stupefiants", "Commission des stupéfiants"),
    ]


def test_no_mention_inside_a_link(glossary: Glossary) -> None:
    text = "conformément à la Charte des Nations Unies et à la Convention de 1988"
    start = text.index("Charte")
    link = Citation(start, start + len("Charte des Nations Unies"), key="ag:charte")
    own = Citation(text.index("Convention"), len(text), key="glossary:convention-1988")
    emphasis = Emphasis(0, len("conformément"))
    doc = annotate(document(paragraph(text, spans=(link, own, emphasis))), glossary)
    block = doc.paragraphs[0]
    # A citation keyed glossary: is the glossary's own mention, re-cast by the citations
    # stage: it does not block the mention.
    assert mentions_of(block) == [("convention-1988", "Convention de 1988")]
    assert link in block.spans and own in block.spans and emphasis in block.spans


def test_footnotes_items_and_author_are_tagged(glossary: Glossary) -> None:
    note = Footnote("9", Block(text="Nations Unies, Recueil des Traités, vol. 976.", line=40))
    doc = document(paragraph("Prie l’ONUDC de continuer,", block_id="op1"), footnotes=(note,))
    doc = annotate(doc, glossary)
    assert mentions_of(doc.footnotes[0].text) == [
        ("onu", "Nations Unies"),
        ("recueil-des-traites", "Recueil des Traités"),
    ]
    assert mentions_of(doc.paragraphs[0]) == [("onudc", "ONUDC")]


def test_annotating_twice_changes_nothing(glossary: Glossary) -> None:
    doc = document(paragraph("l’OMS et l’OICS"), heading=("OMS",))
    once = annotate(doc, glossary)
    assert annotate(once, glossary) == once


def test_index_lists_each_block_once_per_entry_in_corpus_order(glossary: Glossary) -> None:
    first = document(
        paragraph("l’ONUDC, puis encore l’ONUDC et l’OICS,", block_id="pp1"),
        paragraph("Prie l’Office des Nations Unies contre la drogue et le crime,", block_id="op1"),
        slug="premier",
    )
    second = document(paragraph("Salue l’ONUDC,", block_id="op2"), slug="second")
    index = MentionIndex.build([annotate(first, glossary), annotate(second, glossary)])
    sites = index.sites("onudc")
    assert [(site.slug, site.block_id, site.occurrences) for site in sites] == [
        ("premier", "pp1", 2),
        ("premier", "op1", 1),
        ("second", "op2", 1),
    ]
    assert [site.block_id for site in index.sites("oics")] == ["pp1"]
    assert index.sites("oms") == ()
    for site in sites:
        start, end = site.highlight
        assert site.excerpt[start:end] in (
            "ONUDC",
            "Office des Nations Unies contre la drogue et le crime",
        )


def test_index_reads_mentions_only_from_annotated_documents(glossary: Glossary) -> None:
    doc = document(paragraph("l’ONUDC"))
    assert MentionIndex.build([doc]).entry_ids() == ()
    assert MentionIndex.build([annotate(doc, glossary)]).entry_ids() == ("onudc",)


# --------------------------------------------------------------------------- excerpts


def test_short_sentence_is_the_excerpt() -> None:
    text = "Rappelant la Charte. Réaffirmant le rôle de l’ONUDC, et le reste; Autre phrase."
    start = text.index("ONUDC")
    excerpt, begin, end = excerpt_around(text, start, start + 5)
    assert excerpt == "Réaffirmant le rôle de l’ONUDC, et le reste;"
    assert excerpt[begin:end] == "ONUDC"


def test_long_sentence_is_cut_at_words_around_the_mention() -> None:
    words = " ".join(f"mot{index}" for index in range(200))
    text = f"{words} l’ONUDC {words}."
    start = text.index("ONUDC")
    excerpt, begin, end = excerpt_around(text, start, start + 5, width=100)
    assert excerpt.startswith("… mot") and excerpt.endswith(" …")
    assert excerpt[begin:end] == "ONUDC"
    assert 80 <= len(excerpt) <= 110
    for word in excerpt.strip("… ").split():
        assert word in text.split() or word == "l’ONUDC"


def test_abbreviation_does_not_end_a_sentence() -> None:
    text = "Nations Unies, Recueil des Traités, vol. 976, no 14152."
    excerpt, _, _ = excerpt_around(text, text.index("Recueil"), text.index(", vol"))
    assert excerpt == text


# --------------------------------------------------------------------------- acronyms


def test_unknown_acronyms_are_reported_with_their_line(glossary: Glossary) -> None:
    text = (
        "le FMI, l’ONUDC, l’Atelier ZORG-POLIS, A/RES/62/176, PC.DEC/758, la section IV, "
        "le VIH, le VIH/sida, les annexes A-E et la XXIe session"
    )
    lines = ((0, 20), (text.index("ZORG"), 21), (text.index("le VIH"), 22))
    block = paragraph(text)
    block = type(block)(**{**block.__dict__, "lines": lines})
    doc = document(block, heading=("DECISION No 758 RENFORCEMENT",))
    assert unknown_acronyms(doc, glossary) == [(20, "FMI"), (21, "ZORG-POLIS")]


def test_unknown_acronyms_in_footnotes(glossary: Glossary) -> None:
    note = Footnote("1", Block(text="Voir le rapport du PNUD (E/2009/28).", line=50))
    doc = document(paragraph("Rien."), footnotes=(note,))
    assert unknown_acronyms(doc, glossary) == [(50, "PNUD")]
    assert [block_id for block_id, _ in doc.all_blocks()] == ["pp1", "fn-1"]
