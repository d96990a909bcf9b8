"""English texts: mentions found with the entries' English names and acronyms only,
French texts with the French ones only (the real glossary, and small ones by hand)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from resolutions.errors import SourceError
from resolutions.glossary import Glossary, annotate, load_glossary, unknown_acronyms

from .conftest import document, paragraph
from .test_annotate import mentions_of


def english(*paragraphs):
    return replace(document(*paragraphs), lang="en")


def test_english_names_and_acronyms_in_an_english_text(glossary: Glossary) -> None:
    text = (
        "Recalling the Single Convention on Narcotic Drugs of 1961 as amended by the 1972 "
        "Protocol, and welcoming the work of the United Nations Office on Drugs and Crime "
        "(UNODC), the International Narcotics Control Board and the World Health "
        "Organization,"
    )
    doc = annotate(english(paragraph(text)), glossary)
    assert mentions_of(doc.paragraphs[0]) == [
        ("convention-1961", "Single Convention on Narcotic Drugs of 1961"),
        ("protocole-1972", "1972 Protocol"),
        ("onudc", "United Nations Office on Drugs and Crime"),
        ("onudc", "UNODC"),
        ("oics", "International Narcotics Control Board"),
        ("oms", "World Health Organization"),
    ]


@pytest.mark.parametrize(
    ("text", "entry", "words"),
    [
        (
            "the Convention on Psychotropic Substances of 1971 and",
            "convention-1971",
            "Convention on Psychotropic Substances of 1971",
        ),
        (
            "the United Nations Convention against Illicit Traffic in Narcotic Drugs and "
            "Psychotropic Substances of 1988,",
            "convention-1988",
            "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
            "Psychotropic Substances of 1988",
        ),
        (
            "the Commission on Narcotic Drugs,",
            "commission-stupefiants",
            "Commission on Narcotic Drugs",
        ),
        (
            "the 2030 Agenda for Sustainable Development,",
            "programme-2030",
            "2030 Agenda for Sustainable Development",
        ),
        ("with CARICC and", "caricc", "CARICC"),
        ("the INCB and", "oics", "INCB"),
        ("the WHO and", "oms", "WHO"),
    ],
)
def test_each_english_name(glossary: Glossary, text: str, entry: str, words: str) -> None:
    doc = annotate(english(paragraph(text)), glossary)
    assert mentions_of(doc.paragraphs[0]) == [(entry, words)]


def test_french_names_are_not_matched_in_an_english_text(glossary: Glossary) -> None:
    text = "the Office des Nations Unies contre la drogue et le crime (ONUDC), the OICS and OMS"
    doc = annotate(english(paragraph(text)), glossary)
    assert mentions_of(doc.paragraphs[0]) == []


def test_english_names_are_not_matched_in_a_french_text(glossary: Glossary) -> None:
    text = "l’Office (UNODC, United Nations Office on Drugs and Crime) et l’ONUDC"
    doc = annotate(document(paragraph(text)), glossary)
    assert mentions_of(doc.paragraphs[0]) == [("onudc", "ONUDC")]


def test_unknown_acronyms_are_read_in_the_text_language(glossary: Glossary) -> None:
    text = "the UNODC, the ONUDC and the XYZW"
    found = {word for _, word in unknown_acronyms(english(paragraph(text)), glossary)}
    assert found == {"ONUDC", "XYZW"}
    found_fr = {word for _, word in unknown_acronyms(document(paragraph(text)), glossary)}
    assert found_fr == {"UNODC", "XYZW"}
    online = english(paragraph("through PEN Online and PICS"))
    assert unknown_acronyms(online, glossary) == []


def test_english_names_field_and_leading_the(write_glossary: Callable[[str], Path]) -> None:
    glossary = load_glossary(
        write_glossary(
            """
            entries:
              - id: bureau
                kind: organe
                acronyms: [BCT]
                names: [Bureau central des tests]
                english_name: the Central Testing Office
                english_acronym: CTO
                english_names:
                  - Testing Office
                  - >-
                    Central Office
                    for Tests
                description: Un organe inventé pour les tests.
            """
        )
    )
    found = glossary.find_mentions(
        "The Central Testing Office, the testing Office, the Central Office for Tests, CTO.",
        "en",
    )
    assert [m.entry for m in found] == ["bureau"] * 4
    assert glossary.find_mentions("the BCT and the Bureau central des tests", "en") == []
    assert glossary["bureau"].english_names == ("Testing Office", "Central Office for Tests")
    assert glossary["bureau"].english_title == "the Central Testing Office (CTO)"


def test_an_english_name_belongs_to_one_entry(write_glossary: Callable[[str], Path]) -> None:
    path = write_glossary(
        """
        entries:
          - id: one
            kind: organe
            names: [Premier organe]
            english_name: First Body
            description: Un organe inventé.
          - id: two
            kind: organe
            names: [Second organe]
            english_name: Second Body
            english_names: [First Body]
            description: Un autre organe inventé.
        """
    )
    with pytest.raises(SourceError, match="English 'First Body' also names 'one'"):
        load_glossary(path)
