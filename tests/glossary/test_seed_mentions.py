"""Which entries each seed text names, paragraph by paragraph, written by reading the
texts in ``source_texts/`` (not by running the matcher).

Paragraph ids: ``pp1``… preambular paragraphs in reading order, ``op<number>`` operative
paragraphs by their printed number, ``p1``… unnumbered text, ``author`` the opening
line ("L’Assemblée générale,"), ``fn-<number>`` footnotes.  Headings are never tagged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resolutions.glossary import (
    Glossary,
    MentionIndex,
    annotate,
    unknown_acronyms,
)
from resolutions.model import Document, Mention
from resolutions.pipeline import convert_file

from ..corpus import seed_texts

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "source_texts"

COMPARED = re.compile(r"^(?:(?:pp|op|p)\d+(?:-[a-z])?|author|fn-\d+)$")
"""Blocks the expectations cover (headings are checked apart: never tagged)."""

EXPECTED: dict[str, dict[str, set[str]]] = {
    "pc-dec-758": {
        "author": {"osce-conseil-permanent"},  # "Le Conseil permanent,"
        "pp1": {"osce"},
        "pp3": {"onu", "onudc"},  # "de son Office contre la drogue et le crime (ONUDC)"
        "pp4": {
            "osce",
            "charte-securite-europeenne",
            "plan-action-bucarest",
            "strategie-osce-2003",
            "concept-frontieres-2005",
            "osce-conseil-ministeriel",
        },
        "pp5": {"convention-1961", "protocole-1972", "convention-1971", "convention-1988"},
        "pp6": {"onudc"},
        "pp7": {"osce", "pacte-de-paris"},
        "pp8": {"caricc", "onu"},
        "pp9": {"osce"},
        "op2": {"convention-1961", "protocole-1972", "convention-1971", "convention-1988"},
        "op4": {"osce", "onudc"},
        "op5": {"onudc", "osce"},
    },
    "a-res-62-176": {
        "author": {"assemblee-generale"},
        "pp1": {"declaration-millenaire", "document-final-sommet-2005"},
        "pp2": {"declaration-politique-1998"},
        # The demand-reduction Plan of Action is cut by note mark 5 ("Plan d’action5
        # pour la mise en œuvre…"): only the Declaration after the mark is tagged.
        "pp3": {
            "declaration-ministerielle-2003",
            "commission-stupefiants",
            "declaration-reduction-demande-1998",
            "plan-action-cultures-illicites-1998",
        },
        "pp6": {"charte-nations-unies"},
        "op1": {"commission-stupefiants", "assemblee-generale"},
        "op2": {"commission-stupefiants", "onudc"},
        "op3": {
            "convention-1961",
            "protocole-1972",
            "convention-1971",
            "convention-1988",
            "convention-criminalite-organisee",
            "convention-corruption",  # cut by a page and its notes
        },
        "op4": {
            "declaration-ministerielle-2003",
            "commission-stupefiants",
            "declaration-reduction-demande-1998",
        },
        "op11": {"plan-action-cultures-illicites-1998"},
        "op16": {"oics", "projet-cohesion", "projet-prism"},
        "op18": {"oics"},
        "op19": {"onudc"},
        "op20": {"onudc"},
        "op21": {"onudc"},
        "op22": {"onudc", "ecosoc", "commission-stupefiants"},
        "op23": {"ecosoc", "onudc"},
        "op24": {"onudc", "commission-statistique"},
        "op25": {"onudc", "onu"},
        "op26": {
            "sous-commission-proche-moyen-orient",
            "commission-stupefiants",
            "assemblee-generale",
        },
        "op27": {"onu", "onudc"},
        "fn-4": {"ecosoc"},
        "fn-9": {"onu", "recueil-des-traites"},
    },
    "a-res-78-284": {
        "author": {"assemblee-generale"},
        "pp1": {"charte-nations-unies"},
        "pp2": {"convention-1961", "protocole-1972", "convention-1971", "convention-1988"},
        "pp4": {
            "declaration-politique-2009",
            "declaration-ministerielle-2014",
            "commission-stupefiants",
            "document-final-2016",
            "declaration-ministerielle-2019",
            "declaration-haut-niveau-2024",
        },
        "pp5": {"charte-nations-unies", "declaration-universelle-droits-homme"},
        "pp6": {"programme-2030"},
        "pp7": {"onu"},
        "pp9": {"onu", "commission-stupefiants"},
        "pp10": {"commission-stupefiants", "onu", "onudc", "oics", "oms"},
        "pp11": {"caricc"},
        "pp16": {"convention-1988"},
        "pp19": {"onudc", "oics", "oms"},
        "op2": {"convention-1961", "protocole-1972", "convention-1971", "convention-1988"},
        "op7": {"onu", "onudc", "caricc"},
        "op8": {"onudc", "oms", "onu"},
        "op10": {"onudc"},
        # The centre's full name holds the Office's: the longest name is the mention.
        "op11": {"centre-information-onudc-menaces"},
        "op12": {"onudc", "onu", "centre-information-onudc-menaces"},
        "op13": {"oms", "onudc", "onusida"},
        "op15": {"onu", "onudc"},
        "fn-1": {"onu", "recueil-des-traites"},
        "fn-4": {"ecosoc"},
        "fn-7": {"ecosoc"},
    },
    "cnd-2019-declaration-ministerielle": {
        "p1": {
            "declaration-politique-2009",
            "declaration-ministerielle-2014",
            "document-final-2016",
            "commission-stupefiants",
        },
        "p2": {"onudc", "commission-stupefiants"},
        "p3": {"onudc", "onu"},
        "p4": {"onu", "commission-stupefiants"},
        "p5": {"commission-stupefiants"},
    },
    "cnd-res-62-1": {
        "author": {"commission-stupefiants"},
        "pp1": {"convention-1988"},
        "pp2": {
            "declaration-politique-2009",
            "declaration-ministerielle-2014",
            "document-final-2016",
        },
        "pp4": {"assemblee-generale"},
        "pp6": {"onu"},
        "pp11": {"oics"},
        "pp12": {"pacte-de-paris"},
        "pp13": {"projet-prism", "projet-cohesion", "oics"},
        "op1": {"convention-1988"},
        "op2": {"oics", "pen-online"},
        "op3": {"pics", "oics"},
        "op5": {"convention-1988"},
        "op6": {"oics"},
        "op7": {
            "onudc",
            "declaration-politique-2009",
            "declaration-ministerielle-2014",
            "document-final-2016",
        },
        "op9": {"lignes-directrices-industrie-chimique", "oics"},
        "op10": {"onu"},
        "fn-13": {"ecosoc"},
        "fn-14": {"ecosoc"},
        "fn-15": {"assemblee-generale"},
    },
    "cnd-res-62-2": {
        "author": {"commission-stupefiants"},
        "pp3": {"programme-smart", "onudc", "alerte-precoce-nsp"},
    },
    "osce-cm-2020-criminalite-transnationale-organisee": {
        "op1": {"osce", "convention-criminalite-organisee"},
        "op2": {"osce", "osce-conseil-ministeriel"},
        "op5": {"onu", "osce"},
        "op9": {"osce", "onudc"},
        "op10": {"osce"},
        "op11": {"osce"},
    },
}


@pytest.fixture(scope="module")
def corpus(glossary: Glossary) -> dict[str, Document]:
    documents = {}
    # The seeds (English mentions are tested in test_english.py).
    for path in seed_texts():
        for doc in convert_file(path).documents:
            documents[doc.slug] = annotate(doc, glossary)
    return documents


def mentioned(doc: Document) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for block_id, block in doc.all_blocks():
        entries = {span.entry for span in block.spans if isinstance(span, Mention)}
        if entries:
            found[block_id] = entries
    return found


def words(doc: Document, entry_id: str) -> list[str]:
    """The words of every mention of ``entry_id`` in ``doc``."""
    return [
        " ".join(block.text[span.start : span.end].split())
        for _, block in doc.all_blocks()
        for span in block.spans
        if isinstance(span, Mention) and span.entry == entry_id
    ]


def test_every_seed_text_has_expectations(corpus: dict[str, Document]) -> None:
    assert set(corpus) == set(EXPECTED)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_entries_named_in_each_paragraph(corpus: dict[str, Document], slug: str) -> None:
    found = mentioned(corpus[slug])
    compared = {
        block_id: entries for block_id, entries in found.items() if COMPARED.match(block_id)
    }
    assert compared == EXPECTED[slug]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_headings_are_never_tagged(corpus: dict[str, Document], slug: str) -> None:
    for block_id, block in corpus[slug].all_blocks():
        if block_id.startswith(("title-", "sec-")):
            assert not [span for span in block.spans if isinstance(span, Mention)], block_id


def test_caricc_by_acronym_in_decision_758(corpus: dict[str, Document]) -> None:
    assert words(corpus["pc-dec-758"], "caricc") == [
        "Centre régional d’information et de coordination pour l’Asie centrale",
        "CARICC",
    ]


def test_caricc_only_by_full_french_name_in_78_284(corpus: dict[str, Document]) -> None:
    full = (
        "Centre régional d'information et de coordination d'Asie centrale pour la lutte "
        "contre le trafic illicite de stupéfiants, de substances psychotropes et de leurs "
        "précurseurs"
    )
    assert words(corpus["a-res-78-284"], "caricc") == [full, full]


@pytest.mark.parametrize("slug", ["a-res-62-176", "cnd-res-62-1"])
def test_oics_by_its_full_name(corpus: dict[str, Document], slug: str) -> None:
    names = words(corpus[slug], "oics")
    assert names and set(names) == {"Organe international de contrôle des stupéfiants"}


def test_convention_1988_is_listed_paragraph_by_paragraph(corpus: dict[str, Document]) -> None:
    index = MentionIndex.build(corpus.values())
    assert [(site.slug, site.block_id) for site in index.sites("convention-1988")] == [
        ("a-res-62-176", "op3"),
        ("a-res-78-284", "pp2"),
        ("a-res-78-284", "pp16"),
        ("a-res-78-284", "op2"),
        ("cnd-res-62-1", "pp1"),
        ("cnd-res-62-1", "op1"),
        ("cnd-res-62-1", "op5"),
        ("pc-dec-758", "pp5"),
        ("pc-dec-758", "op2"),
    ]
    for site in index.sites("convention-1988"):
        start, end = site.highlight
        assert site.excerpt[start:end] in (
            "Convention de 1988",
            "Convention des Nations Unies contre le trafic illicite de stupéfiants et de "
            "substances psychotropes de 1988",
        )


def test_nations_unies_alone_only_where_no_longer_name_holds_it(
    corpus: dict[str, Document],
) -> None:
    for doc in corpus.values():
        for _, block in doc.all_blocks():
            for span in block.spans:
                if isinstance(span, Mention) and span.entry == "onu":
                    before = " ".join(block.text[: span.start].split()[-2:])
                    assert before not in (
                        "Office des",
                        "Charte des",
                        "Convention des",
                        "commun des",
                    )


def test_unknown_acronyms_in_the_seeds(corpus: dict[str, Document], glossary: Glossary) -> None:
    """None: ADAM-POLIS, a workshop's name (pc-dec-758), is among the ignored acronyms."""
    assert "ADAM-POLIS" in (SOURCES / "pc-dec-758.txt").read_text(encoding="utf-8")
    found = {slug: unknown_acronyms(doc, glossary) for slug, doc in corpus.items()}
    assert found == {slug: [] for slug in corpus}
