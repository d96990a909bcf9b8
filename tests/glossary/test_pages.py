"""The glossary pages, rendered by Python-Markdown as MkDocs would, and read back with
BeautifulSoup: structure, links, and that untrusted text stays text."""

from __future__ import annotations

import posixpath
from dataclasses import replace

import markdown
from bs4 import BeautifulSoup

from resolutions.corpus import CitedBy
from resolutions.glossary import Entry, Glossary, MentionIndex, MentionSite, annotate
from resolutions.render.glossary_pages import (
    ENTRY_PART_BYTES,
    document_labels,
    glossary_entry_page,
    glossary_index_page,
    glossary_pages,
)
from resolutions.render.pages import Folders

from .conftest import document, paragraph


def link_for(slug: str, anchor: str) -> str:
    return f"/textes/{slug}/" + (f"#{anchor}" if anchor else "")


def entry_link(entry_id: str) -> str:
    return f"/glossaire/{entry_id}/"


def rendered(page: str) -> BeautifulSoup:
    html = markdown.markdown(page, extensions=["toc", "attr_list", "md_in_html"])
    return BeautifulSoup(html, "html.parser")


LABELS = {"premier": "A/RES/1/1 — Premier texte", "second": "62/1 — Second texte"}


def site(slug: str, block_id: str, excerpt: str, occurrences: int = 1) -> MentionSite:
    start = excerpt.index("ONUDC")
    return MentionSite(slug, block_id, excerpt, (start, start + 5), occurrences)


SITES = (
    site("premier", "pp2", "Rappelant l’ONUDC,"),
    site("premier", "op6-a", "… avec l’ONUDC et encore l’ONUDC …", 2),
    site("second", "fn-3", "Voir le rapport de l’ONUDC."),
)


def test_entry_page_says_what_the_entry_is(glossary: Glossary) -> None:
    page = glossary_entry_page(glossary["onudc"], SITES, link_for, LABELS)
    assert page.startswith("# Office des Nations Unies contre la drogue et le crime (ONUDC)\n")
    soup = rendered(page)
    assert soup.h1.get_text() == "Office des Nations Unies contre la drogue et le crime (ONUDC)"
    facts = {
        dt.get_text(): dt.find_next_sibling("dd") for dt in soup.select("dl.ra-glossary-facts dt")
    }
    assert facts["Sigle"].get_text() == "ONUDC"
    assert facts["En anglais"].get_text() == "United Nations Office on Drugs and Crime (UNODC)"
    assert facts["En anglais"]["lang"] == "en"
    assert facts["Site officiel"].a["href"] == "https://www.unodc.org/"
    assert soup.select_one(".ra-glossary-description").get_text() == glossary["onudc"].description


def test_entry_page_lists_every_paragraph_by_document(glossary: Glossary) -> None:
    soup = rendered(glossary_entry_page(glossary["onudc"], SITES, link_for, LABELS))
    assert [h2.get_text() for h2 in soup.find_all("h2")] == ["Mentionné dans"]
    documents = soup.select("ul.ra-glossary-mentions > li.ra-glossary-document")
    assert [li.a.get_text() for li in documents] == list(LABELS.values())
    assert [li.a["href"] for li in documents] == ["/textes/premier/", "/textes/second/"]
    rows = soup.select("ul.ra-glossary-mentions li li")
    assert [row.a["href"] for row in rows] == [
        "/textes/premier/#pp2",
        "/textes/premier/#op6-a",
        "/textes/second/#fn-3",
    ]
    assert [row.a.get_text() for row in rows] == [
        "alinéa 2 du préambule",
        "paragraphe 6 a)",
        "note 3",
    ]
    assert [row.mark.get_text() for row in rows] == ["ONUDC", "ONUDC", "ONUDC"]
    assert "(2 fois)" in rows[1].get_text()
    assert soup.select_one(".ra-glossary-summary").get_text() == "2 textes, 3 paragraphes"


def test_entry_page_with_no_mention_says_so(glossary: Glossary) -> None:
    soup = rendered(glossary_entry_page(glossary["oms"], (), link_for, LABELS))
    assert soup.select_one(".ra-glossary-none").get_text() == "Aucune mention dans le corpus."
    assert not soup.select("ul.ra-glossary-mentions")


def test_instrument_page_shows_treaty_series_corpus_text_and_citations(glossary: Glossary) -> None:
    cited = (
        CitedBy(
            slug="second",
            block_id="op1",
            excerpt="Ibid., vol. 1582, n° 27627.",
            body="cnd",
            date="2019-03",
        ),
    )
    entry = replace(glossary["convention-1988"], document="second")
    soup = rendered(glossary_entry_page(entry, (), link_for, LABELS, cited_by=cited))
    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in soup.select("dt")}
    assert facts["Recueil des Traités des Nations Unies"].get_text() == "vol. 1582, n° 27627"
    assert facts["Dans le corpus"].a["href"] == "/textes/second/"
    assert [h2.get_text() for h2 in soup.find_all("h2")] == ["Mentionné dans", "Cité par"]
    row = soup.select_one("ul.ra-glossary-citations li li")
    assert row.a["href"] == "/textes/second/#op1"
    assert row.q.get_text() == "Ibid., vol. 1582, n° 27627."


def test_untrusted_text_stays_text() -> None:
    hostile = Entry(
        id="piege",
        kind="organe",
        names=("*Piège* [x](javascript:alert(1)) {: onclick=alert(1) } <b>",),
        english_name="<script>alert(1)</script>",
        description="Une <img src=x onerror=alert(1)> description.",
        acronyms=("PIEGE",),
        url='https://example.org/?a=1&b="2"',
    )
    sites = (MentionSite('doc"><script>', "pp1", "<script>alert(2)</script> le PIEGE", (30, 35)),)
    page = glossary_entry_page(
        hostile, sites, lambda slug, anchor: f"/t/{slug}#{anchor}", {"x": "<i>label</i>"}
    )
    soup = rendered(page)
    assert not soup.find_all(["script", "img", "b", "i", "em"])
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert all(not a["href"].startswith("javascript:") for a in soup.find_all("a"))
    assert soup.h1.get_text() == (
        "*Piège* [x](javascript:alert(1)) {: onclick=alert(1) } <b> (PIEGE)"
    )
    assert "<script>alert(1)</script>" in soup.get_text()
    assert soup.select_one("dd a[rel]")["href"] == 'https://example.org/?a=1&b="2"'


def test_index_groups_entries_by_kind_with_counts(glossary: Glossary) -> None:
    doc = annotate(
        document(
            paragraph("l’ONUDC, l’OMS et la Convention de 1988", block_id="pp1"),
            paragraph("l’ONUDC", block_id="op1"),
        ),
        glossary,
    )
    index = MentionIndex.build([doc])
    soup = rendered(glossary_index_page(glossary, index, entry_link))
    assert soup.h1.get_text() == "Glossaire"
    headings = [h2.get_text() for h2 in soup.find_all("h2")]
    assert headings[:3] == ["Organes et organismes", "Conventions", "Protocoles"]
    links = {a["href"]: a for a in soup.select("dl.ra-glossary-index dt a")}
    assert set(links) == {entry_link(entry.id) for entry in glossary}
    onudc = links[entry_link("onudc")].find_parent("dt").find_next_sibling("dd")
    assert onudc.select_one(".ra-glossary-count").get_text() == (
        "(mentionné dans 1 texte, 2 paragraphes)"
    )
    oics = links[entry_link("oics")].find_parent("dt").find_next_sibling("dd")
    assert "aucune mention dans le corpus" in oics.get_text()
    organs = soup.find("h2", string="Organes et organismes").find_next("dl")
    shown = [dt.get_text() for dt in organs.find_all("dt")]
    assert shown == sorted(shown, key=lambda label: label.casefold().replace("é", "e"))


def test_document_labels_use_symbol_then_title() -> None:
    doc = document(paragraph("x"), slug="avec")
    assert document_labels([doc, replace(doc, slug="sans", symbol="")]) == {
        "avec": "A/RES/0/1 — Texte de test",
        "sans": "Texte de test",
    }


class Mentions:
    """The one thing glossary_pages asks of a MentionIndex or a CitationIndex."""

    def __init__(self, sites: dict[str, tuple]) -> None:
        self.found = sites

    def sites(self, entry_id: str) -> tuple:
        return self.found.get(entry_id, ())

    def cited_by_entry(self, entry_id: str) -> tuple:
        return ()


def test_a_long_entry_page_is_cut_in_bounded_parts_led_by_body_and_year(
    glossary: Glossary,
) -> None:
    """400 texts name the ONUDC: 200 of the CND and 200 of the Assembly, 20 a year from
    2001 to 2010, each in one paragraph with an excerpt of about 600 characters."""
    texts = [
        replace(
            document(paragraph("x"), slug=f"{body}-{n:03}"),
            body=body,
            date=f"{2001 + n % 10}-05-01",
        )
        for body in ("cnd", "ag")
        for n in range(200)
    ]
    year_of = {text.slug: (text.body, text.date[:4]) for text in texts}
    excerpt = "l’ONUDC " + "mot " * 148
    sites = tuple(site(text.slug, "pp1", excerpt) for text in texts)
    pages = glossary_pages(glossary, Mentions({"onudc": sites}), Mentions({}), texts, Folders())
    parts = {page.path: page.content for page in pages if page.path.startswith("glossaire/onudc")}
    assert len(parts) > 2
    listed: dict[str, list[str]] = {}
    for path, content in parts.items():
        soup = BeautifulSoup(content, "html.parser")
        mentions = soup.select_one("ul.ra-glossary-mentions")
        assert len(str(mentions).encode()) <= ENTRY_PART_BYTES, path
        listed[path] = [
            posixpath.basename(a["href"]).removesuffix(".html")
            for a in soup.select("li.ra-glossary-document > a")
        ]
    in_order = [slug for path in sorted(parts, key=part_number) for slug in listed[path]]
    assert sorted(in_order) == sorted(year_of)
    # The Assembly first (load.BODIES's order), then the CND; the latest year first.
    assert [year_of[slug] for slug in in_order] == sorted(
        (year_of[slug] for slug in in_order), key=lambda found: (found[0] != "ag", -int(found[1]))
    )
    index = BeautifulSoup(parts["glossaire/onudc.md"], "html.parser").select_one(
        "nav.ra-glossary-years"
    )
    bodies = [dt.get_text() for dt in index.select("dt")]
    assert bodies == ["Assemblée générale", "Commission des stupéfiants"]
    for dd, body in zip(index.select("dd"), ("ag", "cnd"), strict=True):
        years = [link.get_text() for link in dd.select("a")]
        assert years == [str(year) for year in range(2010, 2000, -1)]
        # Each year leads to the part where that body's texts of that year begin.
        for link in dd.select("a"):
            target = "glossaire/" + link["href"].removesuffix(".html") + ".md"
            found = [year_of[slug] for slug in listed[target]]
            assert (body, link.get_text()) in found, (body, link["href"])
            before = [
                year_of[slug]
                for path in sorted(parts, key=part_number)
                if part_number(path) < part_number(target)
                for slug in listed[path]
            ]
            assert (body, link.get_text()) not in before, (body, link["href"])


def part_number(path: str) -> int:
    """``glossaire/onudc.md`` → 1, ``glossaire/onudc/3.md`` → 3."""
    stem = posixpath.basename(path).removesuffix(".md")
    return int(stem) if stem.isdigit() else 1
