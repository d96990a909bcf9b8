"""Which language a text is printed in: French or English (the two the site publishes).

The test is the share of each language's commonest function words among the text's
words: they make up a third of any running text and almost never occur in the other
language ("de", "la", "les", "et" against "the", "of", "and", "to").  Symbols, numbers
and proper names count for neither.  A text too short to tell (fewer than
``MIN_EVIDENCE`` function words) gives ``None``: the metadata then decides alone.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import filterfalse, repeat

from .model import Language

FUNCTION_WORDS: dict[Language, frozenset[str]] = {
    "fr": frozenset(
        "le la les de des du un une et en à au aux par pour sur dans que qui est sont "
        "ses son sa leur leurs ce cette ces avec ainsi ne pas il elle nous".split()
    ),
    "en": frozenset(
        "the of and to in for on by with that which is are its their this these as "
        "at from be has have an it not".split()
    ),
}
MIN_EVIDENCE = 8
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> Language | None:
    """``"fr"`` or ``"en"`` when the function words clearly say so, else ``None``."""
    counts = language_shares(text)
    total = counts["fr"] + counts["en"]
    if total < MIN_EVIDENCE:
        return None
    best: Language = "fr" if counts["fr"] >= counts["en"] else "en"
    # A bilingual file (French and English side by side) is neither: say so.
    return best if counts[best] >= 0.8 * total else None


_LANGUAGE_OF = {word: language for language, words in FUNCTION_WORDS.items() for word in words}


_SEPARATORS = ("’", "'", ",", ".", ";", ":", "(", ")", "«", "»", "/", "-", "\"")
"""Characters that are never letters and often stand next to a word ("l’", "(de",
"2005,"): put for spaces before the text is cut, so that most pieces are words."""


def language_shares(text: str) -> dict[Language, int]:
    """How many function words of each language ``text`` holds (for messages)."""
    counts: dict[Language, int] = {"fr": 0, "en": 0}
    # The words are the runs of letters (``_WORD``).  White space is never a letter, nor
    # are the separators, which are put for spaces first (one ``str.replace`` each, at C
    # speed): each piece between spaces then holds whole words, and a piece of letters
    # alone is one word.  The pieces are counted, and only the few distinct pieces with
    # other characters than letters ("n°", "1er") are cut into words by the pattern
    # (reading the whole text with the pattern was most of this function's time).
    lowered = text.lower()
    for separator in _SEPARATORS:
        lowered = lowered.replace(separator, " ")
    pieces = Counter(lowered.split())
    for piece in filterfalse(str.isalpha, pieces):
        if piece.isdecimal():
            continue  # a number holds no word
        times = pieces[piece]
        for word in _WORD.findall(piece):
            language = _LANGUAGE_OF.get(word)
            if language is not None:
                counts[language] += times
    # Each language's words looked up at C speed with ``dict.get``: ``Counter``'s own
    # lookup calls Python code (``__missing__``) for each word the text lacks, most of
    # them in a short text.
    for language, words in FUNCTION_WORDS.items():
        counts[language] += sum(map(pieces.get, words, repeat(0)))
    return counts
