"""Single rules of the repair stage, on hand-built paragraphs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import wordfreq

from resolutions.model import Correction, Document, Emphasis, Item, NoteMark, Paragraph
from resolutions.ocr_repair import (
    APPLY_THRESHOLD,
    french_lexicon,
    propose,
    repair,
)


def document(*paragraphs: Paragraph, source_format: str = "ocr") -> Document:
    return Document(
        slug="essai",
        symbol="",
        title="Essai",
        body="osce-cm",
        type="déclaration",
        date="2020",
        source="essai",
        format=source_format,  # type: ignore[arg-type]
        source_path="source_texts/essai.txt",
        line=1,
        paragraphs=paragraphs,
    )


def paragraph(text: str, **fields) -> Paragraph:
    fields.setdefault("id", "op1")
    fields.setdefault("line", 10)
    return Paragraph(text=text, **fields)


def repaired_text(text: str, lexicon) -> str:
    return repair(document(paragraph(text)), lexicon).paragraphs[0].text


# --------------------------------------------------------------------------- lexicon


def test_wordfreq_ships_its_french_data():
    data = Path(wordfreq.__file__).parent / "data" / "large_fr.msgpack.gz"
    assert data.is_file()


def test_the_lexicon_is_built_once():
    assert french_lexicon() is french_lexicon()


def test_the_lexicon_knows_spelling_and_frequency(lexicon):
    assert lexicon.knows("rôle") and not lexicon.knows("réle") and not lexicon.knows("role")
    assert lexicon.knows("œuvre") and lexicon.knows("Œuvre")
    assert lexicon.knows("aujourd’hui")
    # Capitals may lack their accent: a typographic convention, not an error.
    assert lexicon.knows("Etats") and lexicon.knows("DECLARATION") and lexicon.knows("MATIERE")
    assert not lexicon.knows("etats")
    assert lexicon.frequency("rôle") > 10 * lexicon.frequency("role") > 0
    assert lexicon.frequency("réle") == 0.0


def test_a_missing_word_list_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"french: the French word list is missing"):
        french_lexicon(tmp_path / "french")


# --------------------------------------------------------------------------- words

REPAIRED = [
    ("les affaires étrangéres", "les affaires étrangères"),
    ("le vingtieme anniversaire", "le vingtième anniversaire"),
    ("le réle de", "le rôle de"),
    ("le role de", "le rôle de"),
    ("la sOreté et la sireté", "la sûreté et la sûreté"),
    ("de fagon menacant en renfor¢ant", "de façon menaçant en renforçant"),
    ("la mise en ceuvre", "la mise en œuvre"),
    ("de 1’Organisation et de I’OSCE", "de l’Organisation et de l’OSCE"),
    ("pour ’OSCE.", "pour l’OSCE."),
    ("I’Assemblée décide.", "L’Assemblée décide."),
    ("la criminalité organiseée", "la criminalité organisée"),
    ("la comission", "la commission"),
    ("des intéréts", "des intérêts"),
    ("des institutions démo-\ncratiques", "des institutions démocratiques"),
    ("les auto-\névaluations", "les auto-évaluations"),
    ("la criminalité organis‘ée", "la criminalité organisée"),
    ("DECLARATION‘SUR LE RENFORCEMENT", "DECLARATION SUR LE RENFORCEMENT"),
    ("Systemes et matiere.", "Systèmes et matière."),
    ("de l’Assembleée générale", "de l’Assemblée générale"),
]


@pytest.mark.parametrize(("scanned", "printed"), REPAIRED)
def test_a_confusion_is_repaired(scanned, printed, lexicon):
    assert repaired_text(scanned, lexicon) == printed


LEFT_ALONE = [
    "la tache et la cote",  # French words, if not the intended ones
    "le Projet Cohesion à Tirana et Ljubljana",  # names
    "A/RES/62/176 et MC.DEC/5/05 ; n° 3/05 ; XXIe siècle ; 85e session",
    "voir https://www.unodc.org/unodc/fr/index.html et chap. I, sect. A",
    "DECLARATION SUR LA COOPERATION EN MATIERE",  # capitals without accents
    "Egalement préoccupé par les Etats",
    "la Déclaration du Millénaire1, adoptée",  # a glued note number
    "qu’il y a lieu",
    "a priori",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_what_is_left_alone(text, lexicon):
    assert [p for p in propose(document(paragraph(text)), lexicon) if p.applied] == []


# --------------------------------------------------------------------------- a / à

A_GRAVE = [
    # the verb avoir
    ("s’il y a lieu", False),
    ("la Commission a adopté", False),
    ("qu’elle a tenue", False),
    ("le Conseil a également décidé", False),
    ("le Conseil a besoin de", False),
    ("il les a prises", False),
    # the preposition before a word that cannot follow the verb
    ("aider les États a procéder", True),
    ("invitons les partenaires a s’associer", True),
    ("se joindre a nous", True),
    ("adoptés a I’OSCE", True),
    ("réunion a Vienne", True),
    ("a titre préventif", True),
    # before a determiner, with evidence from the word before
    ("les protocoles a cette Convention", True),
    ("procéder a des évaluations", True),
    ("grace a des contacts", True),
    ("l’accès a des recours", True),
    ("ayant a l’esprit", True),
    ("grâce à des contacts et a un dialogue", True),
]


@pytest.mark.parametrize(("text", "preposition"), A_GRAVE)
def test_a_or_a_grave(text, preposition, lexicon):
    found = [p for p in propose(document(paragraph(text)), lexicon) if p.original == "a"]
    applied = [p for p in found if p.applied]
    assert bool(applied) == preposition
    assert all(p.replacement == "à" for p in found)


def test_a_before_a_determiner_without_evidence_is_doubtful(lexicon):
    (found,) = propose(document(paragraph("le secteur privé a un rôle")), lexicon)
    assert (found.original, found.replacement, found.applied) == ("a", "à", False)
    assert found.confidence < APPLY_THRESHOLD
    assert repaired_text("le secteur privé a un rôle", lexicon) == "le secteur privé a un rôle"


# --------------------------------------------------------------------------- the model


def test_offsets_follow_the_corrections(lexicon):
    text = "Le réle de I’OSCE, sa fagon et ses intéréts."
    original = paragraph(
        text,
        lead="Le réle",
        lines=((0, 10), (text.index("fagon"), 11)),
        notes=(NoteMark(text.index(","), "2", 10), NoteMark(len(text), "3", 11)),
        spans=(Emphasis(text.index("sa"), text.index("sa") + 8),),
        items=(Item(text="a) le réle", line=12, id="op1-a", label="a"),),
    )
    repaired = repair(document(original), lexicon)
    block = repaired.paragraphs[0]
    assert block.text == "Le rôle de l’OSCE, sa façon et ses intérêts."
    assert block.lead == "Le rôle"
    assert [mark.offset for mark in block.notes] == [block.text.index(","), len(block.text)]
    (emphasis,) = block.spans_of(Emphasis)
    assert block.text[emphasis.start : emphasis.end] == "sa façon"
    assert block.lines == ((0, 10), (block.text.index("façon"), 11))
    corrections = block.spans_of(Correction)
    assert [(c.original, block.text[c.start : c.end], c.line) for c in corrections] == [
        ("réle", "rôle", 10),
        ("I’OSCE", "l’OSCE", 10),
        ("fagon", "façon", 11),
        ("intéréts", "intérêts", 11),
    ]
    assert block.items[0].text == "a) le rôle"
    assert [c.original for c in repaired.corrections] == [
        "réle",
        "I’OSCE",
        "fagon",
        "intéréts",
        "réle",
    ]


def test_a_text_of_another_format_is_left_as_printed(lexicon):
    typed = document(paragraph("le réle de I’OSCE"), source_format="pdf-text")
    assert propose(typed, lexicon) == []
    assert repair(typed, lexicon) is typed


def test_corrections_already_made_are_kept(lexicon):
    earlier = Correction(0, 2, original="S.", replacement="5.", reason="structure", line=9)
    scanned = replace(document(paragraph("le réle")), corrections=(earlier,))
    assert repair(scanned, lexicon).corrections[0] == earlier
    assert len(repair(scanned, lexicon).corrections) == 2


def test_repair_is_idempotent(lexicon):
    once = repair(document(paragraph("le réle de I’OSCE a la sécurité")), lexicon)
    assert repair(once, lexicon) == once
