"""An annex on the page (render/annex.py): Markdown headings with their anchors for the
annex, its chapters and articles; every block of the annex under its id; a note cited
in the annex linked both ways; the glossary and citations annotate the annex; the JSON
export holds it."""

from __future__ import annotations

import re
from html import unescape

import markdown

from resolutions.corpus import CitedBy, annotate
from resolutions.pipeline import convert_bytes
from resolutions.render.connections import paragraph_links
from resolutions.render.json import document_to_json
from resolutions.render.markdown import render_document

SOURCE = """---
symbol: A/RES/79/243
title: Convention
body: ag
type: résolution
date: 2024-12-24
source: Essai
format: markdown
lang: en
---

*The General Assembly*,

*Recalling* its resolution 74/247,

1. *Adopts* the Convention annexed to the present resolution;

*55th plenary meeting 24 December 2024*

Annex

United Nations Convention against Cybercrime

Preamble

*The States Parties to the present Convention*,

*Recalling* General Assembly resolution 74/247,

*Have agreed* as follows:

Chapter I

General provisions

*Article 1*

*Use of terms*

1. For the purposes of this Convention:

(a) “Service provider” shall mean any entity that:

(i) Provides a communications service; or

(ii) Processes data;

(b) “Property” shall mean assets of every kind.

IN WITNESS WHEREOF, the undersigned have signed this Convention.<sup>1</sup>

<sup>1</sup> Interpretative notes were annexed to the report.
"""


def page() -> tuple[str, str]:
    (document,) = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    text = render_document(document)
    html = markdown.markdown(text, extensions=["attr_list", "toc"])
    return text, html


def test_headings_are_markdown_with_their_anchors() -> None:
    text, html = page()
    headings = re.findall(r"^(#+) (.+)$", text, re.M)
    # The page title, then the annex, its chapter and its article, one level apart.
    assert [(len(level), title) for level, title in headings[1:]] == [
        (2, 'Annex {#annexe lang="en"}'),
        (3, 'Chapter I — General provisions {#annexe-chap-I lang="en"}'),
        (4, 'Article 1 — Use of terms {#annexe-art-1 lang="en"}'),
        (2, "Notes {#notes}"),
    ]
    assert '<h4 id="annexe-art-1" lang="en">Article 1 — Use of terms' in html


def test_every_block_of_the_annex_is_on_the_page_under_its_id() -> None:
    (document,) = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    _, html = page()
    for anchor, block in document.annexes[0].blocks():
        if anchor.endswith("-titre"):
            # A title is printed in its chapter's or article's heading, after the dash.
            parent = anchor.removesuffix("-titre")
            assert re.search(rf'<h\d id="{parent}"[^>]*>[^<]* — {block.text}<', html), anchor
            continue
        assert f'id="{anchor}"' in html, anchor
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    for sub in ("Provides a communications service; or", "Processes data;"):
        assert sub in words
    assert "IN WITNESS WHEREOF, the undersigned have signed this Convention." in words


def test_a_note_cited_in_the_annex_links_both_ways() -> None:
    (document,) = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    assert [note.refs for note in document.footnotes] == [("annexe-foi",)]
    _, html = page()
    assert re.search(r'<p class="ra-annex-witness" id="annexe-foi"[^>]*>.*id="fnref-1-1"', html)
    assert 'href="#fnref-1-1"' in html


def test_citations_are_read_in_the_annex_too() -> None:
    (converted,) = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    (document,), _ = annotate([converted])
    cited = {
        anchor: [span.key for span in block.spans if span.kind == "citation"]
        for anchor, block in document.blocks()
        if anchor in ("pp1", "annexe-pp1")
    }
    assert cited == {"pp1": ["A/RES/74/247"], "annexe-pp1": ["A/RES/74/247"]}


def test_json_export_holds_the_annex() -> None:
    (document,) = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    (annex,) = document_to_json(document)["annexes"]
    assert [part["type"] for part in annex["parts"]] == [
        "line",
        "line",
        "paragraph",
        "line",
        "chapter",
        "line",
    ]
    article = annex["parts"][4]["articles"][0]
    assert (article["id"], article["title"]["text"]) == ("annexe-art-1", "Use of terms")
    item = article["paragraphs"][0]["items"][0]
    assert [sub["id"] for sub in item["items"]] == [
        "annexe-art-1-par-1-a-i",
        "annexe-art-1-par-1-a-ii",
    ]


def test_every_paragraph_and_item_of_the_annex_has_its_citer_button() -> None:
    """Issue 15: the annex's paragraphs had a ¶ but no « Citer »."""
    text, _ = page()
    buttons = dict(
        (unescape(name), unescape(cited))
        for cited, name in re.findall(r'data-ra-cite="([^"]*)" aria-label="([^"]*)"', text)
    )
    text_of = "Assemblée générale, résolution 79/243 (version anglaise)"
    assert buttons["Citer l’article 1, paragraphe 1 a) i) de l’annexe"] == (
        f"{text_of}, article 1, paragraphe 1 a) i) de l’annexe, 24 décembre 2024"
    )
    # The resolution's two paragraphs, then the annex's: its preamble's one, article 1's
    # paragraph 1, its items (a) and (b) and (a)'s sub-items (i) and (ii).
    assert len(buttons) == 2 + 1 + 1 + 2 + 2
    assert "Citer le paragraphe 1" in buttons
    assert "Citer l’alinéa 1 du préambule de l’annexe" in buttons


def test_a_cited_annex_paragraph_has_its_count_of_connections() -> None:
    """A text of the corpus citing article 1, paragraph 1 (a) of the annex: the
    paragraph shows the count in its margin, as the resolution's own paragraphs do."""
    (document,) = convert_bytes(SOURCE.encode(), "source_texts/essai.txt").documents
    [paragraph] = [p for annex in document.annexes for p in annex.paragraphs() if p.items]
    item = paragraph.items[0]
    row = CitedBy(
        "autre",
        "op2",
        "… l’article premier de la Convention …",
        "ag",
        "2025-01-01",
        symbol="A/RES/80/1",
        cited_anchor=item.id,
    )
    links = paragraph_links(document, [row], {}, lambda slug, anchor: f"{slug}.html#{anchor}")
    assert list(links) == [paragraph.id]
    assert [link.label for link in links[paragraph.id].cited_by] == ["A/RES/80/1, paragraphe 2"]
    text = render_document(document, markers={paragraph.id: '<a class="ra-links">1</a>'})
    [line] = [line for line in text.splitlines() if f'id="{paragraph.id}"' in line]
    assert '<a class="ra-links">1</a></p>' in line
