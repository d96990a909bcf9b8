"""French display typography (render/typography.py): what a French page shows, the
offsets and the escaping it must not disturb, and English texts left as printed."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.model import Block, Citation, Emphasis, Mention, NoteMark
from resolutions.pipeline import convert_bytes
from resolutions.render.inline import RenderContext, render_inline
from resolutions.render.markdown import render_document
from resolutions.render.typography import NARROW_NBSP as NN
from resolutions.render.typography import NBSP as NB
from resolutions.render.typography import apply, french, french_changes

EXAMPLES = [
    # Signs after an ordinary space: the space becomes a no-break one.
    ("Décide ; prie : quoi ? non !", f"Décide{NN}; prie{NB}: quoi{NN}? non{NN}!"),
    # Signs glued to the word: a no-break space is put in.
    ("drogue; menace: pourquoi? enfin!", f"drogue{NN}; menace{NB}: pourquoi{NN}? enfin{NN}!"),
    ("« Convention »", f"«{NN}Convention{NN}»"),
    ("«Convention»", f"«{NN}Convention{NN}»"),
    ("« Quoi? »", f"«{NN}Quoi{NN}?{NN}»"),
    ("(2005);", f"(2005){NN};"),
    ("a déclaré:«Non»", f"a déclaré{NB}:«{NN}Non{NN}»"),
    ("quoi?!", f"quoi{NN}?!"),
    ("(?)", "(?)"),
    # A run of spaces, or a no-break space already there, is one no-break space.
    ("mot  ;", f"mot{NN};"),
    (f"mot{NB};", f"mot{NN};"),
    # Apostrophes between letters.
    ("l'approche d'un État", "l’approche d’un État"),
    ("'guillemet' isolé", "'guillemet' isolé"),
    # n° only as the abbreviation, before a number.
    ("vol. 976, no 14152.", f"vol. 976, n°{NB}14152."),
    ("Décision No 5/05 et nos 3 et 4", f"Décision N°{NB}5/05 et n°s{NB}3 et 4"),
    ("No. 758", f"N°{NB}758"),
    ("Supplément n° 8 et nº 9", f"Supplément n°{NB}8 et n°{NB}9"),
    ("no one, piano 3, Non 3, casino 5, no-3", "no one, piano 3, Non 3, casino 5, no-3"),
    # Tokens that hold signs stay whole.
    ("séance de 10:30 à 12:00", "séance de 10:30 à 12:00"),
    ("voir https://unodc.org/x?a=1;b=2 ; puis", f"voir https://unodc.org/x?a=1;b=2{NN}; puis"),
    ("voir https://docs.un.org/fr/A/RES/62/176.", "voir https://docs.un.org/fr/A/RES/62/176."),
    ("(www.osce.org/fr:a)", "(www.osce.org/fr:a)"),
    ("écrire à mailto:info@unodc.org; ou", f"écrire à mailto:info@unodc.org{NN}; ou"),
    ("la commande `a ; b` ; fin", f"la commande `a ; b`{NN}; fin"),
    ("A &amp; B;", f"A &amp; B{NN};"),
    ("javascript:alert(1)", "javascript:alert(1)"),
    ("A/RES/62/176:", f"A/RES/62/176{NB}:"),
    ("A/RES/62/176, E/CN.7/2019/L.2", "A/RES/62/176, E/CN.7/2019/L.2"),
    # Nothing to hold a sign that opens the text.
    ("; début", "; début"),
    ("", ""),
]


@pytest.mark.parametrize(("printed", "shown"), EXAMPLES)
def test_french_examples(printed: str, shown: str) -> None:
    assert french(printed) == shown
    assert french(shown) == shown


FRENCHISH = st.text(
    alphabet=st.sampled_from(list("aéoNns '’:;!?«»().,/-019 \u00a0\u202f\n`&#xhtp@w°")),
    max_size=80,
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def words(text: str) -> str:
    """What typography may not change: every character but spaces, the apostrophe's
    shape, the ° of n° and the dot of No."""
    return re.sub(r"[\s.]", "", text.replace("’", "'").replace("°", "o"))


@SETTINGS
@given(FRENCHISH)
def test_french_is_idempotent_and_keeps_the_words(text: str) -> None:
    once = french(text)
    assert french(once) == once
    assert words(once) == words(text)
    changes = french_changes(text)
    assert all(0 <= offset < len(text) for offset in changes)


@SETTINGS
@given(FRENCHISH, st.lists(st.integers(min_value=0, max_value=80), max_size=6))
def test_changes_apply_slice_by_slice(text: str, cuts: list[int]) -> None:
    """The renderer emits the text between annotation boundaries: the slices with their
    changes make the whole text's typography, wherever the cuts fall."""
    points = sorted({0, len(text), *(cut for cut in cuts if cut <= len(text))})
    changes = french_changes(text)
    pieces = [apply(text, changes, start, end) for start, end in pairwise(points)]
    assert "".join(pieces) == french(text)


def block() -> Block:
    text = "Rappelant la Convention unique; l'Organe (no 14152) : <b>«voir»</b> & 10:30 ?"
    convention = text.index("Convention")
    organe = text.index("Organe")
    number = text.index("no 14152")
    return Block(
        text=text,
        line=1,
        notes=(NoteMark(text.index(";"), "2", 1),),
        spans=(
            Emphasis(0, len("Rappelant")),
            Citation(
                convention,
                convention + len("Convention unique"),
                key="glossary:convention-1961",
                target="glossary:convention-1961",
            ),
            Mention(organe, organe + len("Organe"), entry="oics"),
            Citation(
                number, number + len("no 14152"), key="treaty", target="https://x.org/a?b=1;c"
            ),
        ),
    )


def tags_of(rendered: str) -> list[str]:
    return re.findall(r"<[^>]*>", rendered)


def test_render_inline_sets_the_text_and_leaves_the_markup() -> None:
    context = RenderContext()
    plain = render_inline(block(), context)
    typeset = render_inline(block(), RenderContext(), french=True)
    # The same elements and attributes, at the same places in the words.
    assert tags_of(typeset) == tags_of(plain)
    assert 'href="https://x.org/a?b=1;c"' in typeset
    shown = html.unescape(re.sub(r"<[^>]*>", "", typeset))
    assert shown == french(
        "Rappelant la Convention unique2; l'Organe (no 14152) : <b>«voir»</b> & 10:30 ?"
    )
    # The note mark stays right after the word, the no-break space after it.
    assert f"<sup>2</sup></a>{NN};" in typeset
    assert (
        f'<a class="ra-cite" href="https://x.org/a?b=1;c" title="treaty" rel="external">'
        f"n°{NB}14152</a>"
    ) in typeset
    # The source's markup-like words stay escaped text.
    assert f"&lt;b&gt;«{NN}voir{NN}»&lt;/b&gt; &amp; 10:30{NN}?" in typeset
    assert "<b>" not in typeset


ENGLISH = b"""---
symbol: A/RES/1/1
title: Title
body: ag
type: r\xc3\xa9solution
date: 2000-01-01
source: Test
format: markdown
lang: en
---

*The General Assembly*,

1. *Decides* to act: now; isn't it? Yes! See "Treaty Series", No. 14152;

2. *Requests* the Secretary-General to report on it.
"""


def test_an_english_text_is_left_as_printed() -> None:
    (english,) = convert_bytes(ENGLISH, "source_texts/a-res-1-1-en.txt").documents
    assert english.lang == "en"
    page = render_document(english)
    assert "act: now; isn't it? Yes!" in page
    assert "No. 14152;" in page
    assert NN not in page and "’" not in page and "n°" not in page
    # The same words in a text declared French are set the French way.
    as_french = render_document(replace(english, lang="fr"))
    assert f"act{NB}: now{NN}; isn’t it{NN}? Yes{NN}!" in as_french
    assert f"N°{NB}14152{NN};" in as_french
