"""English texts on the (French) site: the page of an English text carries lang="en"
on the text's own words and French labels around them, and a text published in French
and in English links each version to the other, paragraph by paragraph (issue 11).

The English text is written here in the Markdown format (an extract of the English
original of A/RES/78/284, with a test sentence citing resolution 62/176)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from resolutions.corpus import annotate as annotate_corpus
from resolutions.glossary import annotate as annotate_glossary
from resolutions.glossary import load_glossary
from resolutions.model import Block, Section
from resolutions.pipeline import convert_bytes
from resolutions.render.inline import RenderContext
from resolutions.render.markdown import Counterpart, glossary_tip, render_document

from .build import ROOT, build_site

ENGLISH = """---
symbol: A/RES/78/284
title: >-
  Central Asia’s unified resolve and cooperation to effectively address and counter
  drug-related challenges
body: ag
type: résolution
date: 2024-06-04
source: "Texte d’essai : extrait de la version anglaise de A/RES/78/284, écrit pour les tests"
format: markdown
lang: en
---

*The General Assembly*,

*Guided by* the Charter of the United Nations,

*Underscoring* that the Single Convention on Narcotic Drugs of 1961 as amended by the 1972
Protocol<sup>1</sup> constitutes the cornerstone of the international drug control system,

1. *Welcomes* the efforts of Central Asian States, with the support of the United Nations
Office on Drugs and Crime, in addressing and countering the world drug problem;

2. *Also welcomes* the commitment of Central Asian States to continue cooperation with the
International Narcotics Control Board and the World Health Organization;

3. *Further welcomes* the steps taken in line with General Assembly resolution 62/176 of 18
December 2007.

*85th plenary meeting*
*4 June 2024*

---

<sup>1</sup> United Nations, *Treaty Series*, vol. 976, No. 14152.
"""


def english_document():
    converted = convert_bytes(ENGLISH.encode(), "source_texts/a-res-78-284-en.txt")
    (document,) = converted.documents
    glossary = load_glossary(ROOT / "source_texts" / "glossaire.yml")
    (document,), _ = annotate_corpus([annotate_glossary(document, glossary)], glossary)
    return document, glossary


def page_html(markdown_text: str) -> BeautifulSoup:
    """The page's Markdown made HTML as the site's Markdown does it (attr_list)."""
    body = markdown_text.split("---\n", 2)[2]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list"]), "html.parser")


def test_the_english_text_is_marked_english_and_its_labels_french() -> None:
    document, glossary = english_document()
    assert document.slug == "a-res-78-284-en" and document.lang == "en"
    context = RenderContext(term_tip=glossary_tip(glossary, "en"))
    french = Counterpart("fr", "a-res-78-284", frozenset({"op1", "op2", "op9"}))
    soup = page_html(render_document(document, context, counterparts=(french,)))

    assert soup.h1["lang"] == "en"
    meta = soup.select_one(".ra-meta")
    assert not meta.has_attr("lang") and not meta.find_all(lang="en")
    assert "Texte anglais (original)" in meta.select_one(".ra-lang").get_text()
    link = meta.select_one("a.ra-version-link")
    assert (link["href"], link["hreflang"], link.get_text()) == (
        "a-res-78-284.html",
        "fr",
        "Version française",
    )
    paragraphs = soup.select(".ra-para")
    assert [paragraph["id"] for paragraph in paragraphs] == ["pp1", "pp2", "op1", "op2", "op3"]
    assert all(paragraph["lang"] == "en" for paragraph in paragraphs)
    assert soup.select_one("#author")["lang"] == "en"
    assert soup.select_one("#closing")["lang"] == "en"
    assert soup.select_one(".ra-note-text")["lang"] == "en"
    assert not soup.select_one("ol.ra-notes").has_attr("lang")
    # The site's own words inside the English paragraphs say they are French.
    assert all(a["lang"] == "fr" for a in soup.select(".ra-para a.ra-permalink"))
    # The same paragraph in French, only where the French text has it.
    versions = {a.find_parent(class_="ra-para")["id"]: a for a in soup.select("a.ra-version")}
    assert set(versions) == {"op1", "op2"}
    assert versions["op2"]["href"] == "a-res-78-284.html#op2"
    assert versions["op2"]["lang"] == "fr" and versions["op2"]["hreflang"] == "fr"
    assert "version française" in versions["op2"]["aria-label"]

    terms = {a["data-ra-entry"]: a["data-ra-tip"] for a in soup.select("a.ra-term")}
    assert {"onudc", "oics", "oms", "convention-1961", "charte-nations-unies"} <= set(terms)
    assert terms["onudc"].startswith("United Nations Office on Drugs and Crime (UNODC) / ")
    # Alone, the text cites a resolution outside the corpus (its English address) and,
    # in its note, the treaty series number of the 1961 Convention.
    cites = {a["href"] for a in soup.select("a.ra-cite")}
    assert cites == {
        "https://docs.un.org/en/A/RES/62/176",
        "../glossaire/convention-1961.html",
    }


def test_an_english_section_heading_is_marked_english() -> None:
    document, _ = english_document()
    section = Section("sec-I", "I", Block(text="Cooperation in Central Asia", line=1))
    paragraphs = tuple(replace(paragraph, section="I") for paragraph in document.paragraphs)
    soup = page_html(render_document(replace(document, sections=(section,), paragraphs=paragraphs)))
    heading = soup.select_one("h2#sec-I")
    assert (heading["lang"], heading.get_text()) == ("en", "I. Cooperation in Central Asia")


def test_a_french_text_has_no_lang_of_its_own() -> None:
    source = (ROOT / "source_texts" / "a-res-78-284.txt").read_bytes()
    (document,) = convert_bytes(source, "source_texts/a-res-78-284.txt").documents
    soup = page_html(render_document(document))
    assert soup.find_all(lang=True) == []
    assert soup.select(".ra-lang") == [] and soup.select("a.ra-version") == []


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("sources")
    shutil.copytree(ROOT / "source_texts", sources, dirs_exist_ok=True)
    # This test's extract stands for the English version the corpus may already hold.
    for path in sources.glob("*.txt"):
        front = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        if "lang: en" in front and "A/RES/78/284" in front:
            path.unlink()
    (sources / "a-res-78-284-en.txt").write_text(ENGLISH, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    done = build_site(site, sources)
    assert done.returncode == 0, done.stderr
    return site


def read(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_each_version_links_to_the_other_at_the_same_paragraph(bilingual_site: Path) -> None:
    french = read(bilingual_site, "textes/a-res-78-284.html")
    english = read(bilingual_site, "textes/a-res-78-284-en.html")
    assert french.html["lang"] == "fr" and english.html["lang"] == "fr"  # the site's chrome
    assert english.select_one("article h1")["lang"] == "en"
    assert "Texte anglais (original)" in english.select_one(".ra-lang").get_text()
    header = french.select_one(".ra-lang a.ra-version-link")
    assert (header["href"], header.get_text()) == ("a-res-78-284-en.html", "Version anglaise")
    assert english.select_one(".ra-lang a.ra-version-link")["href"] == "a-res-78-284.html"

    for page, other, other_slug in (
        (french, english, "a-res-78-284-en"),
        (english, french, "a-res-78-284"),
    ):
        other_ids = {tag["id"] for tag in other.select(".ra-para[id], .ra-item[id]")}
        for block in page.select(".ra-para[id], .ra-item[id]"):
            links = [
                a["href"]
                for a in block.find_all("a", class_="ra-version")
                if a.find_parent(class_=["ra-para", "ra-item"]) is block
            ]
            expected = [f"{other_slug}.html#{block['id']}"] if block["id"] in other_ids else []
            assert links == expected, block["id"]
    assert french.select_one("#op1 a.ra-version")["href"] == "a-res-78-284-en.html#op1"
    assert french.select_one("#op15 a.ra-version") is None

    data = json.loads((bilingual_site / "textes/a-res-78-284-en.json").read_text())
    assert data["documents"][0]["translations"] == {"fr": "a-res-78-284"}
    data = json.loads((bilingual_site / "textes/a-res-78-284.json").read_text())
    assert data["documents"][0]["translations"] == {"en": "a-res-78-284-en"}


def test_only_the_french_version_is_set_with_french_typography(bilingual_site: Path) -> None:
    """Issue 15: the French page gets no-break spaces, ’ and n°; the English page keeps
    its words as printed, its punctuation and its "No." included."""
    english = read(bilingual_site, "textes/a-res-78-284-en.html")
    words = " ".join(
        part.get_text() for part in english.select(".ra-para, .ra-author, .ra-closing, .ra-notes")
    )
    assert "\u202f" not in words and "n°" not in words
    assert "vol. 976, No. 14152." in words
    assert "drug problem;" in words
    french = read(bilingual_site, "textes/a-res-78-284.html")
    notes = french.select_one(".ra-notes").get_text()
    assert "vol. 976, n°\u00a014152." in notes
    assert "\u202f;" in french.select_one(".ra-para.ra-op").get_text()


def test_cited_by_and_listings_name_the_english_version(bilingual_site: Path) -> None:
    cited = read(bilingual_site, "textes/a-res-62-176.html")
    rows = [
        row for row in cited.select(".cite-par__ligne") if "a-res-78-284-en.html" in row.a["href"]
    ]
    assert len(rows) == 1
    assert rows[0].a.get_text().startswith("A/RES/78/284 (anglais)")
    assert rows[0].select_one("q")["lang"] == "en"
    # The two versions do not cite each other.
    french = read(bilingual_site, "textes/a-res-78-284.html")
    assert not [a for a in french.select(".cite-par a") if "a-res-78-284-en" in a["href"]]
    listing = read(bilingual_site, "textes/organe/ag.html")
    symbols = [span.get_text(" ", strip=True) for span in listing.select(".ra-listing-symbol")]
    assert "A/RES/78/284" in symbols and "A/RES/78/284 (anglais)" in symbols


def test_glossary_pages_list_the_english_mentions(bilingual_site: Path) -> None:
    page = read(bilingual_site, "glossaire/onudc.html")
    documents = {item.a["href"]: item for item in page.select(".ra-glossary-mentions > li")}
    english = documents["../textes/a-res-78-284-en.html"]
    assert english.a.get_text().endswith("(texte anglais)")
    assert {q["lang"] for q in english.select("q")} == {"en"}
    assert english.select_one("mark").get_text() == "United Nations Office on Drugs and Crime"
    french = documents["../textes/a-res-78-284.html"]
    assert not french.select("q[lang]")


def test_an_english_note_tooltip_keeps_its_language(bilingual_site: Path, browser) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto((bilingual_site / "textes/a-res-78-284-en.html").as_uri())
        page.locator("a.ra-fnref").first.hover()
        tooltip = page.locator("#ra-tooltip")
        expect(tooltip).to_be_visible()
        words = tooltip.locator("span[lang='en']")
        expect(words).to_have_text("United Nations, Treaty Series, vol. 976, No. 14152.")
        # The label is the site's, in French (the tooltip hangs from the French body).
        expect(tooltip.locator(".ra-tooltip__label")).to_have_text("Note 1")
    finally:
        context.close()
