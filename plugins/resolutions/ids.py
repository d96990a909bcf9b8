"""Every anchor id of the site is made here, so that ids stay stable across re-imports.

Ids depend only on what is printed (paragraph numbers, item letters, note numbers,
section numerals) and on reading order for unnumbered text, never on the converter's
internals: re-importing a corrected text keeps ``#op5`` pointing at paragraph 5.
"""

from __future__ import annotations

import re

AUTHOR = "author"
"""The author clause ("L’Assemblée générale,")."""

CLOSING = "closing"
"""The closing formula ("108e séance plénière…")."""


def preambular(index: int) -> str:
    """The ``index``-th preambular paragraph (1-based, in reading order)."""
    return f"pp{index}"


def operative(number: str, section: str | None = None) -> str:
    """An operative paragraph by its printed number; ``section`` (its numeral) when the
    text numbers each section from 1, so that ``II.1`` is ``sec-II-op1``, not ``op1``."""
    return f"sec-{section}-op{number}" if section else f"op{number}"


def other(index: int) -> str:
    """The ``index``-th unnumbered paragraph of running text (a declaration, a fragment)."""
    return f"p{index}"


def item(parent: str, label: str) -> str:
    """A lettered sub-item: ``item("op6", "a)")`` and ``item("op6", "(a)")`` are
    ``op6-a``."""
    return f"{parent}-{label.strip('().').lower()}"


def section(number: str) -> str:
    return f"sec-{number}"


def footnote(number: str) -> str:
    return f"fn-{number}"


def footnote_ref(number: str, occurrence: int) -> str:
    """The ``occurrence``-th (1-based) place that cites note ``number``."""
    return f"fnref-{number}-{occurrence}"


def heading(index: int) -> str:
    return f"title-{index}"


# Annexes.  Every id of an annex starts with the annex's own, so that no id of the
# resolution (``op5``, ``pp2``, ``closing``) changes when an annex is read:
#
#   annexe                     the (only or first unnumbered) annex; ``annexe-ii`` for
#                              "Annexe II", ``annexe-2`` for a second unnumbered one
#   annexe-titre-1             its title lines
#   annexe-preambule, annexe-auteur, annexe-accord, annexe-foi
#                              "Preamble", the author clause, "Have agreed as follows:",
#                              "IN WITNESS WHEREOF…"; annexe-intertitre-1 a heading
#                              naming several articles
#   annexe-pp3, annexe-par-2, annexe-p1
#                              paragraphs outside articles: preambular, numbered, other
#   annexe-chap-IV, annexe-chap-IV-titre
#   annexe-art-5, annexe-art-5-titre
#   annexe-art-5-par-2         numbered paragraph 2 of article 5
#   annexe-art-10-al-1         an unnumbered paragraph (alinéa) of article 10
#   annexe-art-5-par-2-a       item (a) of it; annexe-art-2-al-1-e-ii its sub-item (ii)
#   annexe-art-11-par-1-suite-1  words closing a list, after its last item


def annex(number: str | None, index: int) -> str:
    """The ``index``-th annex (1-based); ``number`` as printed ("II"), if any."""
    if number:
        return f"annexe-{number.lower()}"
    return "annexe" if index == 1 else f"annexe-{index}"


def annex_title(annex_id: str, index: int) -> str:
    return f"{annex_id}-titre-{index}"


ANNEX_LINE_NAMES = {
    "preamble": "preambule",
    "author": "auteur",
    "agreement": "accord",
    "witness": "foi",
    "heading": "intertitre",
}


def annex_line(annex_id: str, role: str, occurrence: int = 1) -> str:
    name = f"{annex_id}-{ANNEX_LINE_NAMES[role]}"
    return name if occurrence == 1 else f"{name}-{occurrence}"


def annex_paragraph(annex_id: str, kind: str, index_or_number: str | int) -> str:
    """A paragraph of an annex outside any article."""
    prefix = {"preambular": "pp", "numbered": "par-", "other": "p"}[kind]
    return f"{annex_id}-{prefix}{index_or_number}"


def chapter(annex_id: str, number: str) -> str:
    return f"{annex_id}-chap-{number}"


def article(annex_id: str, number: str) -> str:
    return f"{annex_id}-art-{number}"


def article_paragraph(article_id: str, number: str | None, index: int) -> str:
    """Numbered paragraph ``number`` of an article, or its ``index``-th unnumbered one."""
    return f"{article_id}-par-{number}" if number else f"{article_id}-al-{index}"


def item_tail(parent: str, index: int) -> str:
    """The ``index``-th unlabelled run of words closing a list of items (``… (ii) …;
    with the intent that …``)."""
    return f"{parent}-suite-{index}"


def title_of(anchor: str) -> str:
    """The title line of a chapter or an article."""
    return f"{anchor}-titre"


_LABELS = (
    (re.compile(r"title-\d+"), "titre"),
    (re.compile(r"fn-(.+)"), "note {0}"),
    (re.compile(r"sec-([^-]+)"), "section {0}"),
)
_BLOCK = re.compile(
    r"(?:sec-(?P<section>[^-]+)-)?(?P<kind>pp|op|p)(?P<number>[^-]+)(?:-(?P<item>[^-]+))?"
)
_PARAGRAPH_WORDS = {"pp": "alinéa {} du préambule", "op": "paragraphe {}", "p": "passage {}"}


def label(anchor: str) -> str:
    """How a reader names, in French, the block at ``anchor`` (an id made above):
    ``op6-a`` → "paragraphe 6 a)", ``pp2`` → "alinéa 2 du préambule", ``sec-II-op1`` →
    "paragraphe 1 de la section II", ``fn-3`` → "note 3".  The one wording of the site,
    in "Cité par", the glossary pages, the notes' links back and the search results."""
    if anchor in (AUTHOR, CLOSING):
        return "auteur" if anchor == AUTHOR else "formule finale"
    for pattern, words in _LABELS:
        found = pattern.fullmatch(anchor)
        if found:
            return words.format(*found.groups())
    annex = _ANNEX.fullmatch(anchor)
    if annex is not None:
        return _annex_label(annex)
    block = _BLOCK.fullmatch(anchor)
    if block is None:
        return anchor
    words = _PARAGRAPH_WORDS[block["kind"]].format(block["number"])
    if block["item"]:
        words += f" {block['item']})"
    if block["section"]:
        words += f" de la section {block['section']}"
    return words


# An annex's ids (made by the functions above): the annex, then where in it.
_ANNEX = re.compile(
    r"annexe(?:-(?P<annex>[ivxlc]+|\d+))?(?:-(?P<rest>.+))?"
)
_ANNEX_PARTS = (
    (re.compile(r"titre-\d+"), "titre"),
    (re.compile(r"preambule(?:-\d+)?"), "préambule"),
    (re.compile(r"auteur(?:-\d+)?"), "auteur"),
    (re.compile(r"accord(?:-\d+)?"), "formule d’accord"),
    (re.compile(r"foi(?:-\d+)?"), "formule finale"),
    (re.compile(r"intertitre(?:-\d+)?"), "intertitre"),
    (re.compile(r"pp(\d+)"), "alinéa {0} du préambule"),
    (re.compile(r"par-(\w+)"), "paragraphe {0}"),
    (re.compile(r"p(\d+)"), "passage {0}"),
    (re.compile(r"chap-(\w+)(?:-titre)?"), "chapitre {0}"),
)
_ARTICLE = re.compile(
    r"art-(?P<article>\w+)(?:-titre|-(?:par-(?P<number>\w+)|al-(?P<alinea>\d+))"
    r"(?:-(?P<item>[a-z]+))?(?:-(?P<sub>[ivxlc]+))?(?:-suite-\d+)?)?"
)


def _annex_label(found: re.Match[str]) -> str:
    """``annexe-art-5-par-2-a`` → "article 5, paragraphe 2 a) de l’annexe"."""
    annex = "de l’annexe" + (f" {found['annex'].upper()}" if found["annex"] else "")
    rest = found["rest"]
    if not rest:
        return "annexe" + annex.removeprefix("de l’annexe")
    article = _ARTICLE.fullmatch(rest)
    if article is not None:
        words = f"article {article['article']}"
        if article["number"]:
            words += f", paragraphe {article['number']}"
        elif article["alinea"]:
            words += f", alinéa {article['alinea']}"
        if article["item"]:
            words += f" {article['item']})"
        if article["sub"]:
            words += f" {article['sub']})"
        return f"{words} {annex}"
    for pattern, words in _ANNEX_PARTS:
        part = pattern.fullmatch(rest)
        if part:
            return f"{words.format(*part.groups())} {annex}"
    return f"{rest} {annex}"
