"""OCR word repair: corrections proposed from a French lexicon, recorded and reviewable.

A text whose format is ``ocr`` was read from a scan, and the reading confuses letters
that look alike.  This stage proposes, for every block of such a text, the words the
scan most likely printed, applies the confident proposals, each one a
``model.Correction`` span made by ``corrections.correct_document`` (what the source
printed stays available to readers and editors), and lists the doubtful ones without
applying them.

The lexicon
    ``Lexicon`` joins two well-kept sources that ``pip install`` brings: the French word
    list ``pyspellchecker`` ships, with the project's words of the field (spelling: is
    this a French word?), and ``wordfreq``'s French frequencies (which word is more
    likely?).  Another list, such as Debian's ``wfrench`` (``/usr/share/dict/french``),
    may be named by ``RESOLUTIONS_WORD_LIST``; none is ever required.  Frequencies alone
    cannot tell a misspelling from a rare word, because the web text wordfreq counts
    writes ``meme`` and ``systeme`` too, and a word list alone cannot choose between
    ``complète`` and ``complété``.  A word the list knows is never changed, with the
    single exception of ``a``/``à`` below.  Capitals may lack their accent (``Etats``,
    ``DECLARATION``): that is a typographic convention, not an OCR error, so a capital is
    matched whatever its accent and never given one.

What is proposed (the confusion classes)
    - accents: ``e é è ê ë``, ``a à â``, ``i î ï``, ``o ô``, ``u ù û ü``
      (``étrangéres`` → ``étrangères``, ``vingtieme`` → ``vingtième``);
    - shapes: ``é`` read for ``ô`` (``réle`` → ``rôle``), ``i`` or a capital ``O`` for
      ``û`` (``sireté``, ``sOreté`` → ``sûreté``), ``0`` for ``o``, ``1`` or ``I``
      inside a word for ``l``;
    - the cedilla: ``c``, ``g`` or ``¢`` for ``ç`` (``fagon``, ``menacant``,
      ``renfor¢ant``);
    - the ligature: ``ce`` for ``œ`` (``ceuvre`` → ``œuvre``);
    - the elided article: ``1’`` or ``I’`` for ``l’`` (``I’OSCE``), and a dropped ``l``
      (``’OSCE`` → ``l’OSCE``), before a vowel or ``h``;
    - a doubled letter (``organiseée`` → ``organisée``) or a dropped one
      (``comission`` → ``commission``);
    - a word cut by a hyphen at the end of a line (``démo-`` / ``cratiques``): joined
      when the whole word is known and a part alone is not, kept hyphenated when the
      compound is known or both parts are words (``auto-`` / ``évaluations``);
    - a stray quote inside a word (``organis‘ée``) or between two (``DECLARATION‘SUR``).

    Candidates are generated from the word itself by these classes (at most three
    substitutions, or one inserted letter), never by searching the dictionary for near
    words.  Each candidate the word list knows is scored by its frequency times a weight
    for how unusual its confusions are; the confidence of the best is its share of all
    the scores plus the frequency of the word as printed (a word that web text uses is
    less surely wrong).  Left alone: words the lexicon knows, words in capitals,
    numbers, symbols, paths and addresses, and a capitalised word that does not begin a
    sentence (a proper name) unless no French text ever had it (``l’Assembleée``).

``a`` or ``à``: the rule
    Both are words, so the printed ``a`` is changed only when its neighbours show it is
    the preposition.  Looking at the word before and the word after (punctuation in
    between means "no neighbour"):

    1. the verb *avoir*, left alone, if the word before is a subject or object pronoun
       (``il``, ``elle``, ``on``, ``qui``, ``y`` as in *il y a*, ``en``, ``les``,
       ``nous``…), or the word after is a past participle (``été``, ``adopté``,
       ``pris``), an adverb that follows *avoir* (``pas``, ``également``…), a noun of a
       locution with *avoir* (``besoin``, ``droit``, ``trait``, ``lieu``…) or Latin
       (``a priori``);
    2. else ``à`` if the word after is none of these and not a determiner: an
       infinitive (``a procéder``), ``s’`` or ``se`` and a verb, a stressed pronoun
       (``a nous``), a capitalised name, or any other word (``a titre``, ``a partir``);
       likewise ``à`` before ``l’`` and a capitalised name (``a I’OSCE``);
    3. before a determiner (``la``, ``un``, ``des``, ``cette``, ``l’``…) both readings
       are grammatical (*le secteur a un rôle* / *grâce à des contacts*), so ``à`` is
       applied only with evidence from the word before: an infinitive (``procéder à``),
       a plural (a plural cannot be the subject of ``a``: ``protocoles à``), a present
       participle (``ayant à``, ``visant à``), a word that governs ``à`` (``grâce``,
       ``quant``, ``accès``, ``conformément``…), or ``et``/``ou`` continuing a series
       whose last member began with ``à``, ``au`` or ``aux`` (*grâce à des contacts et à
       un dialogue*); without evidence it is proposed as doubtful and not applied.

    A capital ``A`` is left alone (capitals carry no accents here), and so is an ``a``
    with punctuation on the side that decides.

Editors' decisions (front matter ``corrections:``)
    A list of entries ``{line, original, correction, decision, occurrence}``:

    - ``decision: confirm`` applies a proposed correction even if it was doubtful;
    - ``decision: refuse`` never applies it (it stays refused on every rebuild);
    - no ``decision``: the editor's own correction, applied like the others with the
      reason ``editor``, and preferred to any proposal on the same words.

    ``line`` is the line of the file where the ``original`` starts, ``occurrence`` (from
    1) picks one of several identical originals on that line, all of them by default.
    A confirmed or refused correction must match a proposal of that line, and an
    editor's original must be found on its line: otherwise the build stops with
    ``path:line: error:`` so a stale decision cannot go unnoticed.  Editors' own
    corrections apply to texts of any format; proposals are made for OCR texts only.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import model
from .corrections import Edit, correct_document
from .errors import SourceError
from .field_words import FIELD_WORDS

__all__ = [
    "APPLY_THRESHOLD",
    "DEBIAN_WORD_LIST",
    "WORD_LIST_VARIABLE",
    "Decision",
    "Lexicon",
    "Proposal",
    "french_lexicon",
    "packaged_spellings",
    "parse_decisions",
    "propose",
    "repair",
    "review",
    "review_report",
]

APPLY_THRESHOLD = 0.8
"""Proposals at least this confident are applied; the others are listed for editors."""

WORD_LIST_VARIABLE = "RESOLUTIONS_WORD_LIST"
"""Names a word list (one word a line, UTF-8) to use instead of the packaged one."""

DEBIAN_WORD_LIST = Path("/usr/share/dict/french")
"""Debian's ``wfrench`` word list (``apt-get install wfrench``): an optional source."""

APOSTROPHES = "’'ʼ"
QUOTES = APOSTROPHES + "‘`´"
VOWELS_AND_H = set("aeiouyhàâäéèêëîïôöùûüœæ")

# --------------------------------------------------------------------------- lexicon


def fold_accents(text: str) -> str:
    """``text`` lower-cased without diacritics, ligatures spelled out (``Œuvre`` → ``oeuvre``)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _spelling_key(word: str) -> str:
    """How the word list spells ``word``: lower case, straight apostrophe, ``oe`` for ``œ``."""
    lowered = word.lower().replace("œ", "oe").replace("æ", "ae")
    for apostrophe in "’ʼ":
        lowered = lowered.replace(apostrophe, "'")
    return lowered


ACCENTED_FORMS = {
    "a": "aàâä",
    "e": "eéèêë",
    "i": "iîï",
    "o": "oôö",
    "u": "uùûü",
    "c": "cç",
    "y": "yÿ",
}


def _first_letter_forms(key: str) -> list[str]:
    """``key`` with each accent its first letter may have lost as a capital."""
    base = fold_accents(key[0]) if key else ""
    return [form + key[1:] for form in ACCENTED_FORMS.get(base, key[:1])]


class Lexicon:
    """French spelling (a word list) and word frequencies (wordfreq).

    ``knows(word)``: the word list has it (any case; a capital matches with or without
    its accent; a word in capitals matches whatever its accents).
    ``frequency(word)``: its frequency in French text, 0.0 when wordfreq never saw it.
    """

    def __init__(self, frequencies: Mapping[str, float], spellings: Iterable[str]) -> None:
        self._frequencies = frequencies
        self._spellings = frozenset(_spelling_key(word) for word in spellings)
        self._folded: frozenset[str] | None = None

    def _folded_spellings(self) -> frozenset[str]:
        if self._folded is None:
            self._folded = frozenset(fold_accents(word) for word in self._spellings)
        return self._folded

    def knows(self, word: str) -> bool:
        if not word:
            return False
        if len(word) > 1 and word.isupper():
            return fold_accents(_spelling_key(word)) in self._folded_spellings()
        key = _spelling_key(word)
        if key in self._spellings:
            return True
        if word[0].isupper():
            return any(form in self._spellings for form in _first_letter_forms(key))
        return False

    def frequency(self, word: str) -> float:
        key = word.lower().replace("’", "'")
        found = self._frequencies.get(key, 0.0)
        if word[:1].isupper():
            found = max(
                [found] + [self._frequencies.get(form, 0.0) for form in _first_letter_forms(key)]
            )
        return found


def packaged_spellings() -> list[str]:
    """The French word list of ``pyspellchecker`` (MIT; 139,905 words in 0.9.1, drawn from
    the OpenSubtitles 2018 corpus and cleaned by its authors), lower case, ``oe`` for
    ``œ``, straight apostrophes: the spelling source ``pip install`` brings."""
    from spellchecker import SpellChecker

    return list(SpellChecker(language="fr", distance=1).word_frequency.keys())


def french_lexicon(word_list: str | Path | None = None) -> Lexicon:
    """The French lexicon, built once per process and word list (about a quarter of a
    second).  Spelling comes from ``word_list``, else from the file named by
    ``RESOLUTIONS_WORD_LIST``, else from the packaged list (``packaged_spellings``) and
    the project's words of the field (``field_words.py``)."""
    if not word_list:
        word_list = os.environ.get(WORD_LIST_VARIABLE) or None
    return _lexicon(None if word_list is None else Path(word_list))


@lru_cache(maxsize=4)
def _lexicon(word_list: Path | None) -> Lexicon:
    from wordfreq import get_frequency_dict

    if word_list is None:
        words = packaged_spellings() + list(FIELD_WORDS)
    elif not word_list.is_file():
        raise FileNotFoundError(
            f"{word_list}: the French word list is missing (named by {WORD_LIST_VARIABLE} or "
            f"given); unset {WORD_LIST_VARIABLE} to use the list pyspellchecker ships"
        )
    else:
        words = word_list.read_text(encoding="utf-8").split()
    return Lexicon(get_frequency_dict("fr", wordlist="large"), words)


# --------------------------------------------------------------------------- proposals


@dataclass(frozen=True)
class Proposal:
    """A correction the stage proposes for ``block`` (an anchor id).

    ``start``/``end`` are offsets in the block's text as the source printed it,
    ``line`` the source line where the original starts.  ``decision`` is the editor's
    (``confirm``, ``refuse``, ``editor``) or empty."""

    line: int
    block: str
    start: int
    end: int
    original: str
    replacement: str
    reason: str
    confidence: float
    applied: bool
    decision: str = ""

    def edit(self) -> Edit:
        """The proposal as a correction to make."""
        return Edit(
            start=self.start,
            end=self.end,
            replacement=self.replacement,
            reason=self.reason,
            confidence=self.confidence,
            line=self.line,
        )


DecisionKind = Literal["confirm", "refuse", "editor"]


@dataclass(frozen=True)
class Decision:
    """An editor's decision from a text's front matter (see the module docstring)."""

    line: int
    original: str
    correction: str
    decision: DecisionKind
    occurrence: int | None = None


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


_RAW_TOKEN = re.compile(r"[\w¢’‘'ʼ`´]+")
_SKIP_BEFORE = set("/<@\\&#=_")
_SKIP_AFTER = set("/@\\_")
_SENTENCE_OPENERS = set(".!?:;…(")
_TRAILING_NOTE = re.compile(r"(?<=[^\W\d_])\d{1,3}$")
_HYPHEN_AT_BREAK = re.compile(r"([^\W\d_]+)-(\s+)([^\W\d_]+)")


def _tokens(text: str) -> list[_Token]:
    """The words of ``text`` with their offsets, leaving out symbols, paths, tags and
    numbers; a note number glued to a word is not part of it."""
    found: list[_Token] = []
    for match in _RAW_TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        glued_to_symbol = before != "" and before in ".:" and text[start - 2 : start - 1].isalnum()
        if before in _SKIP_BEFORE or glued_to_symbol:
            continue
        if after in _SKIP_AFTER or (after == "." and text[end + 1 : end + 2].isalnum()):
            continue
        if after == ":" and text[end + 1 : end + 2] == "/":
            continue
        if "_" in word:
            continue
        if word[0] in "’'" and before == "|" and text[start - 2 : start - 1].strip() == "":
            word, start, before = "|" + word, start - 1, text[start - 2 : start - 1]
        # Quotes around a word are punctuation; one right before a vowel after a space
        # may be an apostrophe whose ``l`` was lost, so it stays.
        while word and word[-1] in QUOTES:
            word = word[:-1]
            end -= 1
        dropped_l = (
            len(word) > 1
            and word[0] in "’'"
            and word[1].lower() in VOWELS_AND_H
            and (not before or before.isspace() or before in "(«")
        )
        if not dropped_l:
            while word and word[0] in QUOTES:
                word = word[1:]
                start += 1
        glued = _TRAILING_NOTE.search(word)
        if glued:
            end -= len(word) - glued.start()
            word = word[: glued.start()]
        if not word or not any(char.isalpha() for char in word):
            continue
        if word[0].isdigit() and not (word[0] == "1" and len(word) > 1 and word[1] in APOSTROPHES):
            continue
        inner = word[1:] if word[0] == "1" else word
        if any(
            char.isdigit()
            and not (char in "01" and 0 < index < len(inner) - 1 and inner[index - 1].isalpha())
            for index, char in enumerate(inner)
        ):
            continue
        found.append(_Token(start, end, word))
    return found


def _starts_sentence(text: str, offset: int) -> bool:
    index = offset - 1
    while index >= 0 and (text[index].isspace() or text[index] in "*_"):
        index -= 1
    return index < 0 or text[index] in _SENTENCE_OPENERS or text[index] == ")"


def _impossible_positions(word: str) -> set[int]:
    """Characters no French word has there: ``¢``, a digit between letters, a capital
    after a small letter (``sOreté``)."""
    found = set()
    for index, char in enumerate(word):
        previous = word[index - 1] if index else ""
        glued_digit = char.isdigit() and previous.isalpha()
        capital_inside = char.isupper() and previous.isalpha() and previous.islower()
        if char == "¢" or glued_digit or capital_inside:
            found.add(index)
    return found


# What the scan shows → what may have been printed: (letter, class, weight).
_SUBSTITUTIONS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "e": (("é", "accent", 1.0), ("è", "accent", 1.0), ("ê", "accent", 1.0), ("ë", "accent", 0.5)),
    "é": (("è", "accent", 1.0), ("ê", "accent", 1.0), ("e", "accent", 1.0), ("ô", "shape", 0.5)),
    "è": (("é", "accent", 1.0), ("ê", "accent", 1.0), ("e", "accent", 1.0)),
    "ê": (("é", "accent", 1.0), ("è", "accent", 1.0), ("e", "accent", 1.0)),
    "ë": (("e", "accent", 1.0), ("é", "accent", 1.0)),
    "a": (("à", "accent", 1.0), ("â", "accent", 1.0)),
    "à": (("a", "accent", 1.0), ("â", "accent", 1.0)),
    "â": (("a", "accent", 1.0), ("à", "accent", 1.0)),
    "i": (("î", "accent", 1.0), ("ï", "accent", 1.0), ("û", "shape", 0.5)),
    "î": (("i", "accent", 1.0), ("ï", "accent", 1.0)),
    "ï": (("i", "accent", 1.0), ("î", "accent", 1.0)),
    "o": (("ô", "accent", 1.0),),
    "ô": (("o", "accent", 1.0),),
    "u": (("û", "accent", 1.0), ("ù", "accent", 1.0), ("ü", "accent", 0.5)),
    "û": (("u", "accent", 1.0),),
    "ù": (("u", "accent", 1.0),),
    "c": (("ç", "cedilla", 1.0),),
    "g": (("ç", "cedilla", 0.5),),
}
_IMPOSSIBLE_SUBSTITUTIONS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "¢": (("ç", "cedilla", 1.0), ("c", "shape", 0.5)),
    "O": (("û", "shape", 1.0), ("ô", "shape", 1.0), ("o", "shape", 1.0)),
    "0": (("o", "shape", 1.0),),
    "1": (("l", "shape", 1.0), ("i", "shape", 0.5)),
    "I": (("l", "shape", 1.0),),
}
EXTRA_SUBSTITUTION_WEIGHT = 0.5
"""Each confusion beyond the first in one word makes the reading less likely."""
SUBSTITUTION_ON_VARIANT_WEIGHT = 0.3
"""A ligature or a doubled letter already explains the word: a further confusion on top
of it is the less likely reading."""
MAX_SUBSTITUTIONS = 3
ATTESTED = 1e-7
"""A frequency (zipf 2) at which wordfreq's French attests a word the word list lacks
(``psychotropes``): enough to remove a quote that split it, never to change letters."""
CAPITAL_DOUBT = 0.9
"""How much less sure a repair is inside a sentence on a capitalised word, which may be
a name the lexicon does not hold."""
_INSERTED_LETTERS = "abcdefghijlmnopqrstuvxyzé"
ORIGINAL_PRIOR = 1e-8
"""The weight a printed word keeps even when wordfreq never saw it (zipf 1)."""


def _substitution_sites(
    word: str, first: int
) -> list[tuple[int, tuple[tuple[str, str, float], ...]]]:
    impossible = _impossible_positions(word)
    sites = []
    for index in range(first, len(word)):
        char = word[index]
        if index in impossible and char in _IMPOSSIBLE_SUBSTITUTIONS:
            sites.append((index, _IMPOSSIBLE_SUBSTITUTIONS[char]))
        elif char in _SUBSTITUTIONS:
            sites.append((index, _SUBSTITUTIONS[char]))
    return sites


def _candidates(
    word: str, keep_first: bool, insertions: bool = True
) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Readings of ``word`` by the confusion classes: candidate → (weight, classes).
    ``insertions``: whether a dropped letter may explain it (not for an abbreviation)."""
    variants: list[tuple[str, float, tuple[str, ...], int]] = [(word, 1.0, (), MAX_SUBSTITUTIONS)]
    for match in re.finditer("ce", word):
        at = match.start()
        ligature = "Œ" if at == 0 and word[0] == "C" else "œ"
        variants.append((word[:at] + ligature + word[at + 2 :], 1.0, ("ligature",), 2))
    for index in range(len(word) - 1):
        pair = word[index : index + 2]
        if pair[0] in "aeiou" and pair[1] != pair[0] and fold_accents(pair[1]) == pair[0]:
            # An accented vowel read twice, plain then accented (``organiseée``).
            variants.append((word[:index] + word[index + 1 :], 1.0, ("doubled letter",), 1))
        elif pair[0].isalpha() and word[index : index + 3] == pair[0] * 3:
            variants.append((word[:index] + word[index + 1 :], 1.0, ("doubled letter",), 1))
    if insertions and len(word) >= 4 and word[1:].islower() and word.isalpha():
        for index in range(1, len(word) + 1):
            for letter in _INSERTED_LETTERS:
                weight = 0.3 if letter == word[index - 1] else 0.1
                variants.append(
                    (word[:index] + letter + word[index:], weight, ("dropped letter",), 0)
                )
    found: dict[str, tuple[float, tuple[str, ...]]] = {}

    def keep(candidate: str, weight: float, classes: tuple[str, ...]) -> None:
        if candidate != word and weight > found.get(candidate, (0.0,))[0]:
            found[candidate] = (weight, tuple(dict.fromkeys(classes)))

    for variant, base_weight, base_classes, max_changes in variants:
        keep(variant, base_weight, base_classes)
        if not max_changes:
            continue
        sites = _substitution_sites(variant, 1 if keep_first else 0)
        for count in range(1, min(max_changes, len(sites)) + 1):
            for chosen in itertools.combinations(sites, count):
                for picks in itertools.product(*(options for _, options in chosen)):
                    letters = list(variant)
                    weight = base_weight * EXTRA_SUBSTITUTION_WEIGHT ** (count - 1)
                    if variant != word:
                        weight *= SUBSTITUTION_ON_VARIANT_WEIGHT
                    classes = list(base_classes)
                    for (index, _), (letter, kind, pick_weight) in zip(chosen, picks, strict=True):
                        letters[index] = letter
                        weight *= pick_weight
                        classes.append(kind)
                    keep("".join(letters), weight, tuple(classes))
    return found


def _best_reading(
    word: str, lexicon: Lexicon, keep_first: bool, insertions: bool
) -> tuple[str, str, float] | None:
    """(replacement, reason, confidence) for an unknown ``word``, or None."""
    scored = []
    for candidate, (weight, classes) in _candidates(word, keep_first, insertions).items():
        if lexicon.knows(candidate):
            frequency = lexicon.frequency(candidate)
            if frequency > 0:
                scored.append((weight * frequency, candidate, classes))
    if not scored:
        return None
    scored.sort(key=lambda item: (-item[0], item[1]))
    total = sum(score for score, _, _ in scored) + max(lexicon.frequency(word), ORIGINAL_PRIOR)
    best_score, best, classes = scored[0]
    return best, ", ".join(classes), best_score / total


def _repair_word(
    word: str, lexicon: Lexicon, starts_sentence: bool, abbreviated: bool = False
) -> tuple[str, str, float] | None:
    """(replacement, reason, confidence) for one word without apostrophe, or None.
    ``abbreviated``: the word is followed by a period and may be cut short (``chap.``)."""
    if len(word) < 2 or not any(char.isalpha() for char in word):
        return None
    impossible = _impossible_positions(word)
    letters = [char for char in word if char.isalpha()]
    if all(char.isupper() for char in letters):
        return None  # titles and acronyms: capitals carry no accents to repair
    capitalised = word[0].isupper()
    if not impossible and lexicon.knows(word):
        return None
    if capitalised and not starts_sentence and not impossible:
        # A proper name, or a word capitalised on purpose (``l’Assemblée``): only a
        # reading no French text ever had (``l’Assembleée``) is repaired, less surely.
        if lexicon.frequency(word) > 0:
            return None
        found = _best_reading(word, lexicon, True, not abbreviated)
        return (found[0], found[1], found[2] * CAPITAL_DOUBT) if found else None
    return _best_reading(word, lexicon, capitalised, not abbreviated)


ELISIONS = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu",
    "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu",
}  # fmt: skip


def _propose_token(token: _Token, text: str, lexicon: Lexicon) -> tuple[str, str, float] | None:
    """(replacement, reason, confidence) for one word, or None when it is left alone."""
    word = token.text
    initial = _starts_sentence(text, token.start)
    apostrophe_at = next((index for index, char in enumerate(word) if char in QUOTES), -1)
    if apostrophe_at < 0:
        abbreviated = text[token.end : token.end + 1] == "."
        return _repair_word(word, lexicon, initial, abbreviated)
    prefix, mark, rest = word[:apostrophe_at], word[apostrophe_at], word[apostrophe_at + 1 :]
    if lexicon.knows(word):
        return None
    if prefix.lower() in ELISIONS or prefix in ("", "1", "I", "|"):
        if not rest or (prefix.lower() not in ELISIONS and rest[0].lower() not in VOWELS_AND_H):
            return None
        repaired_rest = _repair_word(rest, lexicon, starts_sentence=False)
        new_rest, reasons, confidence = rest, [], 1.0
        if repaired_rest is not None:
            new_rest, reason, confidence = repaired_rest
            reasons.append(reason)
        new_prefix = prefix
        if prefix.lower() not in ELISIONS:
            new_prefix = "L" if initial else "l"
            reasons.insert(0, "elision")
            # A dropped letter is a guess between ``l’`` and ``d’``; a misread one is not.
            confidence = min(confidence, 0.85 if prefix == "" else 0.97)
        if mark not in APOSTROPHES:
            mark = "’"
            reasons.append("quote read for an apostrophe")
        replacement = new_prefix + mark + new_rest
        if replacement == word:
            return None
        return replacement, ", ".join(reasons), confidence
    # A quote that is no apostrophe: between two words, or inside one.
    left, right = prefix, rest.lstrip(QUOTES)
    joined = left + right
    if left and right and (lexicon.knows(joined) or lexicon.frequency(joined) >= ATTESTED):
        return joined, "stray quote", 0.9
    if left and right and lexicon.knows(left) and lexicon.knows(right):
        return left + " " + right, "stray quote", 0.9
    return None


# --------------------------------------------------------------------------- a / à

SUBJECT_OR_OBJECT = {
    "il", "elle", "on", "qui", "y", "en", "ne", "ça", "cela", "ceci", "chacun", "chacune",
    "quiconque", "rien", "tout", "les", "nous", "vous", "lui", "leur", "me", "te", "se",
}  # fmt: skip
AFTER_AVOIR = {
    "pas", "plus", "jamais", "déjà", "toujours", "également", "aussi", "ainsi", "encore",
    "bien", "souvent", "enfin", "récemment", "longtemps", "beaucoup", "peu", "trop",
    "tant", "désormais", "besoin", "droit", "trait", "lieu", "recours", "accès", "cours",
    "raison", "tort", "peur", "envie", "hâte", "pour", "notamment", "certes",
}  # fmt: skip
STRESSED_PRONOUNS = {"nous", "vous", "eux", "moi", "toi", "soi", "elles"}
LATIN = {"priori", "posteriori", "fortiori", "contrario", "minima", "maxima"}
DETERMINERS = {
    "le", "la", "les", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa",
    "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "ton",
    "ta", "tes", "tout", "toute", "tous", "toutes", "chaque", "plusieurs", "certains",
    "certaines", "quelques", "aucun", "aucune", "de", "l", "d",
}  # fmt: skip
GOVERNS_A = {
    "grâce", "quant", "jusqu", "conformément", "contrairement", "parallèlement",
    "relativement", "accès", "face",
}  # fmt: skip
COORDINATORS = {"et", "ou", "ni", "puis"}
NOT_PLURAL = {
    "mais", "plus", "moins", "alors", "puis", "ainsi", "dans", "sans", "sous", "vers", "chez",
    "après", "depuis", "jamais", "toujours", "parfois", "ailleurs", "très", "fois",
}  # fmt: skip
_IRREGULAR_PARTICIPLE_STEMS = (
    "été eu fait dit pris mis permis admis compris soumis remis promis commis transmis "
    "entrepris repris appris surpris acquis requis conquis pu dû su vu voulu reçu ouvert "
    "offert souffert couvert découvert produit conduit réduit introduit traduit construit "
    "détruit inscrit décrit souscrit prescrit écrit joint rejoint atteint éteint peint "
    "craint contraint né mort vécu connu reconnu paru apparu disparu lu élu cru bu résolu "
    "assis valu fallu plu vaincu convaincu battu rompu interrompu suivi poursuivi"
).split()
IRREGULAR_PARTICIPLES = {
    stem + ending for stem in _IRREGULAR_PARTICIPLE_STEMS for ending in ("", "e", "s", "es")
}
_SENTENCE_END = re.compile(r"[.;:!?]")


def _is_participle(word: str, lexicon: Lexicon) -> bool:
    if word in IRREGULAR_PARTICIPLES:
        return True
    for endings, infinitives in (
        (("ées", "és", "ée", "é"), ("er",)),
        (("ies", "is", "ie", "i"), ("ir",)),
        (("ues", "us", "ue", "u"), ("re", "ir", "oir")),
    ):
        for ending in endings:
            if word.endswith(ending) and len(word) >= len(ending) + 3:
                stem = word[: -len(ending)]
                return any(lexicon.knows(stem + infinitive) for infinitive in infinitives)
    return False


def _is_infinitive(word: str, lexicon: Lexicon) -> bool:
    """A verb in the infinitive: it ends like one and its ``nous`` form is a word."""
    if word in {"être", "avoir", "faire", "dire", "aller"}:
        return True
    for ending in ("oir", "er", "ir", "re"):
        if word.endswith(ending) and len(word) > len(ending) + 1 and lexicon.knows(word):
            stem = word[: -len(ending)]
            if stem.endswith("c"):
                stem = stem[:-1] + "ç"
            elif stem.endswith("g"):
                stem += "e"
            return lexicon.knows(stem + "ons") or lexicon.knows(stem + "issons")
    return False


def _is_present_participle(word: str, lexicon: Lexicon) -> bool:
    """``visant``, ``ayant``: it ends in ``-ant`` and its ``nous`` form is a word
    (``enfant`` is no verb: there is no ``enfons``)."""
    return word.endswith("ant") and len(word) > 4 and lexicon.knows(word[:-3] + "ons")


def _is_plural(word: str, lexicon: Lexicon) -> bool:
    if len(word) < 3 or word in NOT_PLURAL or not word.islower():
        return False
    if word.endswith("aux") and lexicon.knows(word[:-3] + "al"):
        return True
    return word[-1] in "sx" and word[-2] not in "sx" and lexicon.knows(word[:-1])


def _elided(word: str) -> tuple[str, str]:
    """(``l``, ``OSCE``) for ``l’OSCE``; (``""``, word) when nothing is elided."""
    for index, char in enumerate(word):
        if char in APOSTROPHES:
            return word[:index].lower(), word[index + 1 :]
    return "", word


def _a_or_a_grave(
    index: int,
    tokens: Sequence[_Token],
    read: Sequence[str],
    decided: dict[int, str],
    text: str,
    lexicon: Lexicon,
) -> tuple[float, str] | None:
    """For the printed ``a`` at ``tokens[index]``: (confidence, why) that it is ``à``,
    or None when it is the verb or cannot be told (see the module docstring)."""

    def neighbour(other: int) -> str | None:
        if not 0 <= other < len(tokens):
            return None
        low, high = sorted((index, other))
        between = text[tokens[low].end : tokens[high].start]
        return read[other] if not between.strip() else None

    before, after = neighbour(index - 1), neighbour(index + 1)
    previous = _elided(before)[1].lower() if before is not None else None
    if previous in SUBJECT_OR_OBJECT:
        return None
    if after is None:
        return None
    article, head = _elided(after)
    following = after.lower()
    if article in ("s", "se") or following == "se":
        return 0.9, "à before a pronominal verb"
    if following in STRESSED_PRONOUNS:
        return 0.9, "à before a stressed pronoun"
    if article in ("l", "d"):
        if head[:1].isupper():
            return 0.9, "à before a name"
    elif following in LATIN or following in AFTER_AVOIR or _is_participle(following, lexicon):
        return None
    elif following not in DETERMINERS:
        return 0.9, "à before a word that cannot follow the verb avoir"
    # A determiner follows: the word before must show the preposition.
    if previous is None:
        return 0.5, "a or à before a determiner: no evidence either way"
    if previous in GOVERNS_A:
        return 0.9, f"à after « {previous} »"
    if _is_infinitive(previous, lexicon):
        return 0.9, "à after an infinitive"
    if _is_plural(previous, lexicon):
        return 0.85, "à after a plural, which cannot be the subject of a"
    if _is_present_participle(previous, lexicon):
        return 0.85, "à after a present participle (ayant à, visant à)"
    if previous in COORDINATORS and _series_began_with_a_grave(index, tokens, read, decided, text):
        return 0.85, "à continuing a series begun with à"
    return 0.5, "a or à before a determiner: no evidence either way"


def _series_began_with_a_grave(
    index: int,
    tokens: Sequence[_Token],
    read: Sequence[str],
    decided: dict[int, str],
    text: str,
    reach: int = 20,
) -> bool:
    for other in range(index - 1, max(index - reach, 0) - 1, -1):
        if _SENTENCE_END.search(text[tokens[other].end : tokens[other + 1].start]):
            return False
        word = read[other].lower()
        if word in ("à", "au", "aux") or decided.get(other) == "à":
            return True
        if word == "a" and decided.get(other) == "a":
            return False
    return False


# --------------------------------------------------------------------------- proposing


def _hyphen_proposals(
    block: model.Block, lexicon: Lexicon
) -> list[tuple[int, int, str, str, float]]:
    """Words cut at the end of a line: (start, end, replacement, reason, confidence)."""
    text = block.text
    breaks = {offset for offset, _ in block.lines[1:]}
    found = []
    for match in _HYPHEN_AT_BREAK.finditer(text):
        gap_start, gap_end = match.span(2)
        if "\n" not in match.group(2) and not any(
            gap_start <= offset <= gap_end for offset in breaks
        ):
            continue
        left, right = match.group(1), match.group(3)
        if lexicon.knows(f"{left}-{right}"):
            replacement, confidence = f"{left}-{right}", 0.9
        elif lexicon.knows(left + right):
            both_words = lexicon.knows(left) and lexicon.knows(right)
            replacement, confidence = left + right, 0.6 if both_words else 0.95
        elif lexicon.knows(left) and lexicon.knows(right):
            replacement, confidence = f"{left}-{right}", 0.85
        else:
            continue
        found.append((match.start(), match.end(), replacement, "hyphenation", confidence))
    return found


def _block_proposals(block_id: str, block: model.Block, lexicon: Lexicon) -> list[Proposal]:
    text = block.text
    raw: list[tuple[int, int, str, str, float]] = _hyphen_proposals(block, lexicon)
    taken = [(start, end) for start, end, *_ in raw]
    tokens = [
        token
        for token in _tokens(text)
        if not any(start < token.end and token.start < end for start, end in taken)
    ]
    read = [token.text for token in tokens]
    for position, token in enumerate(tokens):
        found = _propose_token(token, text, lexicon)
        if found is not None:
            replacement, reason, confidence = found
            raw.append((token.start, token.end, replacement, reason, confidence))
            if confidence >= APPLY_THRESHOLD:
                read[position] = replacement
    decided: dict[int, str] = {}
    for position, token in enumerate(tokens):
        if token.text != "a":
            continue
        verdict = _a_or_a_grave(position, tokens, read, decided, text, lexicon)
        if verdict is None:
            decided[position] = "a"
            continue
        confidence, reason = verdict
        raw.append((token.start, token.end, "à", reason, confidence))
        if confidence >= APPLY_THRESHOLD:
            decided[position] = "à"
            read[position] = "à"
    raw.sort()
    return [
        Proposal(
            line=block.line_at(start),
            block=block_id,
            start=start,
            end=end,
            original=text[start:end],
            replacement=replacement,
            reason=reason,
            confidence=round(confidence, 3),
            applied=confidence >= APPLY_THRESHOLD,
        )
        for start, end, replacement, reason, confidence in raw
    ]


def propose(document: model.Document, lexicon: Lexicon) -> list[Proposal]:
    """Every correction proposed for an OCR text, applied or doubtful, in text order
    (none for texts of other formats)."""
    if document.format != "ocr":
        return []
    proposals: list[Proposal] = []
    for block_id, block in document.all_blocks():
        proposals.extend(_block_proposals(block_id, block, lexicon))
    return proposals


# --------------------------------------------------------------------------- decisions

_DECISION_KEYS = ("line", "original", "correction", "decision", "occurrence")


def parse_decisions(raw: object, path: str, line: int) -> tuple[Decision, ...]:
    """Validate the ``corrections:`` front-matter value (``line``: where that key is)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise SourceError(
            path,
            line,
            "corrections: expected a list of entries {line, original, correction, decision}, "
            f"found {type(raw).__name__}",
        )
    decisions: list[Decision] = []
    seen: dict[tuple[int, str, int | None], Decision] = {}
    for number, entry in enumerate(raw, 1):
        where = f"corrections, entry {number}"
        if not isinstance(entry, dict):
            raise SourceError(path, line, f"{where}: expected a mapping, found {entry!r}")
        unknown = sorted(str(key) for key in entry if key not in _DECISION_KEYS)
        if unknown:
            raise SourceError(
                path,
                line,
                f"{where}: unknown key(s) {', '.join(unknown)} "
                f"(allowed: {', '.join(_DECISION_KEYS)})",
            )
        for key in ("line", "original", "correction"):
            if key not in entry:
                raise SourceError(path, line, f"{where}: '{key}' is missing")
        source_line = entry["line"]
        if not isinstance(source_line, int) or isinstance(source_line, bool) or source_line < 1:
            raise SourceError(
                path, line, f"{where}: 'line' must be a line number, found {source_line!r}"
            )
        original, correction = entry["original"], entry["correction"]
        for key, value in (("original", original), ("correction", correction)):
            if not isinstance(value, str) or not value.strip():
                raise SourceError(
                    path,
                    line,
                    f"{where}: '{key}' must be non-empty text, found {value!r} "
                    "(quote it: YAML reads on, no, 1… as other types)",
                )
        if original == correction:
            raise SourceError(path, line, f"{where}: the correction is the original")
        kind = entry.get("decision", "editor")
        if kind not in ("confirm", "refuse", "editor"):
            raise SourceError(
                path, line, f"{where}: 'decision' must be confirm or refuse, found {kind!r}"
            )
        occurrence = entry.get("occurrence")
        if occurrence is not None and (
            not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1
        ):
            raise SourceError(
                path, line, f"{where}: 'occurrence' must be 1, 2…, found {occurrence!r}"
            )
        decision = Decision(source_line, original, correction, kind, occurrence)
        identity = (source_line, original, occurrence)
        if identity in seen and seen[identity] != decision:
            raise SourceError(
                path,
                line,
                f"{where}: contradicts an earlier entry for '{original}' on line {source_line}",
            )
        seen[identity] = decision
        decisions.append(decision)
    return tuple(decisions)


def _line_span(block: model.Block, line: int) -> tuple[int, int] | None:
    """The offsets of ``block.text`` read from source ``line``, if any."""
    if not block.lines:
        return (0, len(block.text)) if block.line == line else None
    for index, (offset, number) in enumerate(block.lines):
        if number == line:
            end = block.lines[index + 1][0] if index + 1 < len(block.lines) else len(block.text)
            return offset, end
    return None


def _editor_matches(
    decision: Decision, blocks: Sequence[tuple[str, model.Block]]
) -> list[tuple[str, model.Block, int]]:
    """(block id, block, start) of each occurrence of the original on its line,
    whole words preferred to parts of words."""
    whole: list[tuple[str, model.Block, int]] = []
    parts: list[tuple[str, model.Block, int]] = []
    for block_id, block in blocks:
        span = _line_span(block, decision.line)
        if span is None:
            continue
        text = block.text
        start = text.find(decision.original, span[0])
        while 0 <= start < span[1]:
            end = start + len(decision.original)
            bounded = not (start and text[start - 1].isalnum()) and not (
                end < len(text) and text[end].isalnum()
            )
            (whole if bounded else parts).append((block_id, block, start))
            start = text.find(decision.original, start + 1)
    return whole or parts


def _document_lines(blocks: Sequence[tuple[str, model.Block]]) -> tuple[int, int]:
    lines = [block.line for _, block in blocks]
    lines += [number for _, block in blocks for _, number in block.lines]
    return (min(lines), max(lines)) if lines else (0, -1)


def review(
    document: model.Document, lexicon: Lexicon, decisions: Sequence[Decision] = ()
) -> list[Proposal]:
    """The proposals for ``document`` with the editors' decisions applied: refused ones
    are not applied, confirmed ones are, editors' own corrections are added."""
    proposals = propose(document, lexicon)
    blocks = document.all_blocks()
    first_line, last_line = _document_lines(blocks)
    for decision in decisions:
        if not first_line <= decision.line <= last_line:
            continue  # another text of the same file
        if decision.decision == "editor":
            proposals = _add_editor_correction(document, proposals, blocks, decision)
            continue
        matching = [
            index
            for index, proposal in enumerate(proposals)
            if proposal.line == decision.line and proposal.original == decision.original
        ]
        if decision.occurrence is not None:
            matching = matching[decision.occurrence - 1 : decision.occurrence]
        matching = [i for i in matching if proposals[i].replacement == decision.correction]
        if not matching:
            raise SourceError(
                document.source_path,
                decision.line,
                f"corrections: nothing proposes '{decision.original}' → "
                f"'{decision.correction}' on this line to {decision.decision}",
            )
        for index in matching:
            proposals[index] = replace(
                proposals[index],
                applied=decision.decision == "confirm",
                decision=decision.decision,
            )
    return proposals


def _add_editor_correction(
    document: model.Document,
    proposals: list[Proposal],
    blocks: Sequence[tuple[str, model.Block]],
    decision: Decision,
) -> list[Proposal]:
    matches = _editor_matches(decision, blocks)
    if decision.occurrence is not None:
        matches = matches[decision.occurrence - 1 : decision.occurrence]
    if not matches:
        raise SourceError(
            document.source_path,
            decision.line,
            f"corrections: '{decision.original}' is not on this line",
        )
    for block_id, _block, start in matches:
        end = start + len(decision.original)
        proposals = [
            proposal
            for proposal in proposals
            if not (proposal.block == block_id and proposal.start < end and start < proposal.end)
        ]
        proposals.append(
            Proposal(
                line=decision.line,
                block=block_id,
                start=start,
                end=end,
                original=decision.original,
                replacement=decision.correction,
                reason="editor",
                confidence=1.0,
                applied=True,
                decision="editor",
            )
        )
    order = {block_id: index for index, (block_id, _) in enumerate(blocks)}
    proposals.sort(key=lambda proposal: (order[proposal.block], proposal.start))
    return proposals


# --------------------------------------------------------------------------- applying


def repair(
    document: model.Document, lexicon: Lexicon, decisions: Sequence[Decision] = ()
) -> model.Document:
    """``document`` reading corrected: every applied proposal (after the editors'
    decisions) is made by ``corrections.correct_document``, a ``Correction`` span in its
    block and in ``document.corrections``."""
    edits: dict[str, list[Edit]] = {}
    for proposal in review(document, lexicon, decisions):
        if proposal.applied:
            edits.setdefault(proposal.block, []).append(proposal.edit())
    return correct_document(document, edits)


# --------------------------------------------------------------------------- review


def review_report(document: model.Document, proposals: Sequence[Proposal]) -> str:
    """A plain-text list of every correction of ``document`` for editors: line,
    before → after, why, confidence, and what became of it."""
    status_of = {
        "confirm": "confirmed",
        "refuse": "refused",
        "editor": "editor",
    }
    rows = []
    for proposal in proposals:
        status = status_of.get(proposal.decision) or ("applied" if proposal.applied else "doubtful")
        rows.append((proposal.line, status, proposal))
    ours = {(p.line, p.original, p.replacement) for p in proposals}
    earlier = [
        correction
        for correction in document.corrections
        if (correction.line, correction.original, correction.replacement) not in ours
    ]
    counts = {
        status: sum(1 for _, row_status, _ in rows if row_status == status)
        for status in ("applied", "confirmed", "editor", "doubtful", "refused")
    }
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    out = [f"{document.source_path} — {document.slug}: {summary}"]
    if earlier:
        out.append(f"  {len(earlier)} made while reading the structure")
    for correction in earlier:
        out.append(
            f"  line {correction.line:>4}  structure  {correction.original} → "
            f"{correction.replacement}  ({correction.reason}; {correction.confidence:.2f})"
        )
    for line, status, proposal in sorted(rows, key=lambda row: (row[0], row[2].start)):
        original = " ".join(proposal.original.split("\n"))  # a word cut at a line end
        out.append(
            f"  line {line:>4}  {status:<9}  {original} → {proposal.replacement}"
            f"  ({proposal.reason}; {proposal.confidence:.2f})"
        )
    return "\n".join(out) + "\n"
