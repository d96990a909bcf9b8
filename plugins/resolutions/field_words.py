"""Words of drug-control French that the packaged word list (pyspellchecker's, drawn
from film subtitles) lacks, added to it by the OCR repair (``ocr_repair.french_lexicon``): a
correct word the lexicon does not know may be "repaired" into a wrong one.

Lower case, every form spelled out (no rules), reviewed by hand.  Kept as Python, not
data, so that an edit renews the conversion cache (keyed by the converter's code).
"""

from __future__ import annotations

FIELD_WORDS: tuple[str, ...] = (
    # The words of the clean texts and the glossary that Debian's wfrench knows and the
    # packaged list does not.
    "acétique",
    "afghans",
    "anhydride",
    "amphétamine",
    "comportementaux",
    "diligenter",
    "multidisciplinaire",
    "multidisciplinaires",
    "opiacé",
    "opiacée",
    "opiacées",
    "opiacés",
    "permanganate",
    "potassium",
    "tâcher",
    # The field's terms that neither list knows.
    "amphétamines",
    "antidrogue",
    "cocaïer",
    "cocaïers",
    "éphédrine",
    "fentanyl",
    "kétamine",
    "méthamphétamine",
    "méthamphétamines",
    "multilatéralisme",
    "narcotrafic",
    "opioïde",
    "opioïdes",
    "pseudoéphédrine",
    "psychotrope",
    "psychotropes",
    "tramadol",
    "transfrontalier",
    "transfrontalière",
    "transfrontalières",
    "transfrontaliers",
)
