"""Index terms from text: fold, split, drop elided and stop words, stem.

The browser applies the very same rules to the reader's query
(``overrides/assets/javascripts/workers/ra-search-tokens.js``); ``tests/site/
test_search_tokens.py`` runs both over every word of the seeds and the glossary. The
stop words travel to the browser inside the index's manifest, so they are written once,
here.

- Folding: lower case, NFD with the combining marks dropped, ``œ`` → ``oe``, ``æ`` → ``ae``:
  "STUPÉFIANTS", "stupéfiants" and "stupefiants" are one word.
- Words: runs of letters and digits, joined by ``/``, ``.`` or ``-``. A run holding a
  ``/`` is a symbol and stays whole (``a/res/62/176``, ``s-20/2``, ``pc.dec/758``,
  ``61/183``); any other run is split at ``.`` and ``-``. Apostrophes split, so the
  elided ``l'``, ``d'``, ``qu'``, ``jusqu'`` are words of their own, and they are dropped:
  a single letter is never a word, nor is an elided form.
- Stems: French Snowball (nltk's, which gives the same stems as the ``lunr.fr`` stemmer
  the browser runs), on words made of letters only; numbers and symbols are kept as
  they are. Stems are for matching only: the reader is never shown one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import chain

from nltk.stem.snowball import FrenchStemmer  # type: ignore[import-untyped]  # no stubs

LIGATURES = (("œ", "oe"), ("æ", "ae"))
COMBINING = re.compile(r"[\u0300-\u036f]")
# Letters and digits ([^\W_]), runs joined by one "/", "." or "-".
RAW_TOKEN = re.compile(r"[^\W_]+(?:[/.\-][^\W_]+)*")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
WORD_SPLIT = re.compile(r"[.\-]")
HAS_DIGIT = re.compile(r"[0-9]")  # ASCII digits, as JavaScript's \d
SHORT_FORM = re.compile(r"(?:[a-z]+-)?[0-9]")
# Entries are HTML: tags are not words, and the entities html.escape writes are read.
TAG = re.compile(r"<[^>]*>")
ENTITY = re.compile(r"&(amp|lt|gt|quot|#x27|#39|nbsp);")
ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#x27": "'", "#39": "'", "nbsp": " "}

# Elided forms (before an apostrophe), never words of their own. Single letters (l', d',
# j', m', n', s', t', c') are dropped as single letters.
ELISIONS = frozenset({"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "quelqu", "presqu"})

# Words too common to tell texts apart, folded: French function words, and the English
# ones of the English versions. A longer list would drop words a reader searches for.
STOP_WORDS = frozenset(
    """
    au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les
    leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que
    qui sa se ses son sur ta te tes toi ton tu un une vos votre vous ni si sont est ete
    etre ont avoir fait dont cela ceci ainsi entre sous leurs no nos
    the of and to in on for by with as at is are be been that this these those from or an
    it its which was were has have had not their other such all any
    """.split()
)

_STEMMER = FrenchStemmer()


def fold(text: str) -> str:
    """Lower case, without accents, with ``œ`` and ``æ`` spelt out."""
    return _without_accents(text.lower())


def _without_accents(lowered: str) -> str:
    """``fold`` of a text already in lower case."""
    if lowered.isascii():  # nothing to decompose (most symbols, numbers, English words)
        return lowered
    folded = COMBINING.sub("", unicodedata.normalize("NFD", lowered))
    for ligature, letters in LIGATURES:  # str.replace: a translation table is slower
        if ligature in folded:
            folded = folded.replace(ligature, letters)
    return folded


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one folded word (a number or a symbol is its own term)."""
    if HAS_DIGIT.search(word) or "/" in word:
        return word
    return str(_STEMMER.stem(word))


def plain_folded(text: str) -> str:
    """``text`` (HTML) without its tags, its entities read, folded."""
    return fold(plain(text))


def plain(text: str) -> str:
    """``text`` (HTML) without its tags, its entities read."""
    if "<" in text:
        text = TAG.sub(" ", text)
    if "&" in text:
        text = ENTITY.sub(lambda match: ENTITIES[match.group(1)], text)
    return text


def token_words(token: str) -> list[str]:
    """The words of one run of letters and digits: itself if a symbol, else its parts."""
    if "/" in token:
        return [token]
    return [part for part in WORD_SPLIT.split(token) if part]


def words(text: str) -> list[str]:
    """The folded words of ``text`` (HTML: tags skipped, entities read), in order, elided
    forms and stop words included: what a quoted phrase is matched against."""
    found: list[str] = []
    for token in RAW_TOKEN.findall(plain_folded(text)):
        found.extend(token_words(token))
    return found


def is_word(word: str) -> bool:
    """Whether a folded word can be searched: no single letter, elided form or stop word."""
    if len(word) == 1 and not HAS_DIGIT.match(word):
        return False
    return word not in ELISIONS and word not in STOP_WORDS


def symbol_forms(symbol: str) -> list[str]:
    """A folded symbol and its shorter usual form: ``a/res/62/176`` is also ``62/176``,
    ``a/res/s-20/2`` also ``s-20/2`` (from the first part that starts with a number,
    or a session such as ``s-20``, while a ``/`` remains)."""
    forms = [symbol]
    for position, char in enumerate(symbol):
        rest = symbol[position + 1 :]
        if char in "/." and SHORT_FORM.match(rest) and "/" in rest:
            forms.append(rest)
            break
    return forms


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order; a symbol gives each of its forms."""
    found: list[str] = []
    for token in RAW_TOKEN.findall(plain_folded(text)):
        known = _TOKEN_TERMS.get(token)
        if known is None:
            known = _TOKEN_TERMS[token] = token_terms(token)
        found.extend(known)
    return found


class _TermsOfToken(dict[str, tuple[str, ...]]):
    """Each run of letters and digits seen, with its terms (``token_terms`` of the run
    folded by ``fold_run``), found once: runs repeat."""

    def __init__(self, fold_run: Callable[[str], str]) -> None:
        super().__init__()
        self.fold_run = fold_run

    def __missing__(self, token: str) -> tuple[str, ...]:
        found = self[token] = token_terms(self.fold_run(token))
        return found


_TERMS_OF_FOLDED = _TermsOfToken(lambda token: token)
_TERMS_OF_LOWERED = _TermsOfToken(_without_accents)
_FOLDS_ALONE: set[str] = set()
_FOLDS_OTHERWISE: set[str] = set()


def indexed_terms(text: str) -> list[str]:
    """``terms(text)``, made faster for the index: where every character of the text,
    in lower case, folds alone (``_folds_alone``: all 37,588 texts and titles of the
    1,000-text benchmark site), the text is split before it is folded, and each
    distinct run is folded once, not every text in full (folding was a tenth of the
    index's time at 10,000 texts); and runs become terms in C (``map`` over the runs'
    known terms). ``tests/search/test_tokens.py`` compares it with ``terms``."""
    lowered = plain(text).lower()
    if lowered.isascii() or _each_folds_alone(lowered):
        runs, terms_of = RAW_TOKEN.findall(lowered), _TERMS_OF_LOWERED
    else:
        runs, terms_of = RAW_TOKEN.findall(_without_accents(lowered)), _TERMS_OF_FOLDED
    return list(chain.from_iterable(map(terms_of.__getitem__, runs)))


def _each_folds_alone(lowered: str) -> bool:
    characters = set(lowered)
    if characters <= _FOLDS_ALONE:
        return True
    for character in characters - _FOLDS_ALONE - _FOLDS_OTHERWISE:
        (_FOLDS_ALONE if _folds_alone(character) else _FOLDS_OTHERWISE).add(character)
    return characters <= _FOLDS_ALONE


def _folds_alone(character: str) -> bool:
    """Whether, wherever ``character`` stands in a text in lower case, folding the text
    then splitting it into runs gives the runs of the text split first, each folded:
    a letter or digit folds into letters and digits (« é » → « e », « œ » → « oe »),
    anything else into itself, so that the runs are where they were. Not so for an
    accent alone (folding removes it, joining the runs on either side), nor for a
    letter whose accent folding keeps (« أ », an alif and a hamza that is no letter:
    the folded run is cut in two). Any combining mark takes the slower way: canonical
    reordering moves marks past each other (among marks only, but the slower way needs
    no such argument). Every letter or digit decomposes into a character that combines
    with nothing, then its marks (all of Unicode 14 checked), so a text decomposes
    character by character."""
    if unicodedata.combining(character):
        return False
    folded = _without_accents(character)
    if not RAW_TOKEN.fullmatch(character):
        return folded == character
    return bool(folded) and all(LETTER_OR_DIGIT.fullmatch(part) for part in folded)


def token_terms(token: str) -> tuple[str, ...]:
    """The terms of one run of letters and digits (runs repeat: ``terms`` keeps these)."""
    found: list[str] = []
    for word in token_words(token):
        if "/" in word:
            found.extend(symbol_forms(word))
        elif is_word(word):
            found.append(stem(word))
    return tuple(found)


_TOKEN_TERMS: dict[str, tuple[str, ...]] = {}


def query_terms(text: str) -> list[str]:
    """The terms of a query: a symbol stays whole (its shorter forms are the index's)."""
    return [word if "/" in word else stem(word) for word in words(text) if is_word(word)]
