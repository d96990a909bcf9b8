"""The « Citer » button's citation and name, written at build time (render/markdown.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from resolutions.model import Item, Paragraph
from resolutions.pipeline import convert_bytes
from resolutions.render.inline import RenderContext
from resolutions.render.markdown import Citing, render_document, render_paragraph

SOURCE = """---
symbol: {symbol}
title: Titre d'essai
body: {body}
type: {type}
date: 2005-12-{day}
source: Essai
format: markdown
---

*Le Conseil permanent*,

*Rappelant* sa décision,

1. *Décide* :

a) de faire ;

b) de dire ;

2. *Prie* le Secrétaire général de faire rapport.
"""


def document(symbol: str = "MC.DEC/5/05", body: str = "osce-cm", kind: str = "décision"):
    raw = SOURCE.format(symbol=symbol, body=body, type=kind, day="01").encode()
    (converted,) = convert_bytes(raw, "source_texts/essai.txt").documents
    return converted


def buttons(page: str) -> list[tuple[str, str, str]]:
    """(citation, name, the element's other attributes) of each button on the page."""
    found = re.findall(
        r'<button type="button" class="ra-cite-button"([^>]*) data-ra-cite="([^"]*)" '
        r'aria-label="([^"]*)">Citer</button>',
        page,
    )
    return [(unescape(cite), unescape(name), extra) for extra, cite, name in found]


def test_one_button_per_paragraph_and_item() -> None:
    page = render_document(document())
    assert buttons(page) == [
        (
            "OSCE, Conseil ministériel, décision n° 5/05, al. 1 du préambule, 1er décembre 2005",
            "Citer l’alinéa 1 du préambule",
            "",
        ),
        (
            "OSCE, Conseil ministériel, décision n° 5/05, par. 1, 1er décembre 2005",
            "Citer le paragraphe 1",
            "",
        ),
        (
            "OSCE, Conseil ministériel, décision n° 5/05, par. 1 a), 1er décembre 2005",
            "Citer le paragraphe 1 a)",
            "",
        ),
        (
            "OSCE, Conseil ministériel, décision n° 5/05, par. 1 b), 1er décembre 2005",
            "Citer le paragraphe 1 b)",
            "",
        ),
        (
            "OSCE, Conseil ministériel, décision n° 5/05, par. 2, 1er décembre 2005",
            "Citer le paragraphe 2",
            "",
        ),
    ]


def test_how_a_text_is_named() -> None:
    assert Citing.of(document("A/RES/62/176", "ag", "résolution")).text == (
        "Assemblée générale, résolution 62/176"
    )
    assert Citing.of(document("PC.DEC/758", "osce-cp")).text == (
        "OSCE, Conseil permanent, décision n° 758"
    )
    assert Citing.of(document("E/CN.7/2019/L.2", "cnd", "document")).text == (
        "Commission des stupéfiants, document E/CN.7/2019/L.2"
    )
    untitled = replace(document(), symbol="", title="Déclaration de Tirana", type="déclaration")
    assert Citing.of(untitled).text == "OSCE, Conseil ministériel, Déclaration de Tirana"
    assert Citing.of(replace(untitled, title="Sur la drogue")).text == (
        "OSCE, Conseil ministériel, déclaration « Sur la drogue »"
    )
    english = replace(document("A/RES/78/284", "ag", "résolution"), lang="en")
    assert Citing.of(english).text == "Assemblée générale, résolution 78/284 (version anglaise)"
    assert Citing.of(replace(english, date="2024-06")).date == "juin 2024"


def test_a_text_numbered_by_section_names_the_section() -> None:
    citing = Citing("Assemblée générale, résolution 1/1", "1er janvier 2000")
    item = Item(text="de faire ;", line=3, id="sec-II-op1-a", label="a)")
    paragraph = Paragraph(
        text="Décide :",
        line=2,
        id="sec-II-op1",
        kind="operative",
        number="1",
        section="II",
        items=(item,),
    )
    shown = buttons(render_paragraph(paragraph, RenderContext(), citing=citing))
    assert [(cite, name) for cite, name, _ in shown] == [
        (
            "Assemblée générale, résolution 1/1, sect. II, par. 1, 1er janvier 2000",
            "Citer le paragraphe 1 de la section II",
        ),
        (
            "Assemblée générale, résolution 1/1, sect. II, par. 1 a), 1er janvier 2000",
            "Citer le paragraphe 1 a) de la section II",
        ),
    ]
    # Numbered through the text (op28 in part II): the paragraph number is enough.
    through = replace(paragraph, id="op28", number="28", items=())
    (only,) = buttons(render_paragraph(through, RenderContext(), citing=citing))
    assert only[:2] == (
        "Assemblée générale, résolution 1/1, par. 28, 1er janvier 2000",
        "Citer le paragraphe 28",
    )
    # Inside the words of an English text, the French button says it is French.
    (english,) = buttons(render_paragraph(through, RenderContext(), "en", citing=citing))
    assert english[2] == ' lang="fr"'


def test_a_hostile_title_stays_in_its_attribute() -> None:
    hostile = replace(document(), symbol="", title='" onclick="alert(1)', type="décision")
    page = render_document(hostile)
    assert (
        'data-ra-cite="OSCE, Conseil ministériel, décision « &quot; onclick=&quot;alert(1) »'
        in page
    )
    shown = buttons(page)
    assert len(shown) == 5
    assert shown[0][0].startswith('OSCE, Conseil ministériel, décision « " onclick="alert(1) »,')
