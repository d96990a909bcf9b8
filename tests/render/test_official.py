"""The official record in a text's header (render/official.py): the UN's address of the
symbol in its six languages, the draft, the adoption; nothing for a body whose
addresses cannot be written from the symbol.  Expected values read from the source
texts' front matter and cover blocks."""

from __future__ import annotations

from functools import cache

from bs4 import BeautifulSoup

from resolutions.model import Document
from resolutions.pipeline import convert_file
from resolutions.render.markdown import render_meta
from resolutions.render.official import is_un_symbol, un_addresses

from ..corpus import SOURCE_TEXTS


@cache
def text(name: str, slug: str | None = None) -> Document:
    documents = convert_file(SOURCE_TEXTS / name).documents
    return next(d for d in documents if slug is None or d.slug == slug)


def meta(document: Document) -> BeautifulSoup:
    return BeautifulSoup(render_meta(document), "html.parser")


def rows(document: Document) -> dict[str, BeautifulSoup]:
    soup = meta(document)
    return {dt.get_text(): dt.find_next_sibling("dd") for dt in soup.select("dl > dt")}


def test_a_un_symbol_has_an_address_in_each_official_language() -> None:
    links = un_addresses("A/RES/62/176")
    assert [(link.language, link.url) for link in links] == [
        ("ar", "https://docs.un.org/ar/A/RES/62/176"),
        ("zh", "https://docs.un.org/zh/A/RES/62/176"),
        ("en", "https://docs.un.org/en/A/RES/62/176"),
        ("fr", "https://docs.un.org/fr/A/RES/62/176"),
        ("ru", "https://docs.un.org/ru/A/RES/62/176"),
        ("es", "https://docs.un.org/es/A/RES/62/176"),
    ]


def test_only_un_document_symbols_have_an_address() -> None:
    for symbol in ("A/RES/62/176", "A/78/L.68", "E/CN.7/2019/12", "S/RES/1373(2001)"):
        assert is_un_symbol(symbol), symbol
    # OSCE decisions (file numbers unrelated to the symbol), a CND resolution's number
    # (printed in the Commission's report, no symbol of its own), nothing.
    for symbol in ("PC.DEC/758", "MC.DEC/5/06", "62/1", "", "A/RES/<script>"):
        assert not is_un_symbol(symbol), symbol
        assert un_addresses(symbol) == ()


def test_the_header_links_the_official_record_and_says_it_leaves_the_site() -> None:
    document = text("a-res-62-176.txt")
    official = rows(document)["Document officiel"]
    links = official.select("a.ra-official-link")
    assert [link["hreflang"] for link in links] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert [link.get_text() for link in links][
        3
    ] == "français (site des Nations Unies, connexion Internet nécessaire)↗"
    for link in links:
        assert link["href"] == f"https://docs.un.org/{link['hreflang']}/A/RES/62/176"
        assert link["rel"] == ["external"]
        assert "connexion Internet nécessaire" in link["title"]
        # The visible mark, hidden from screen readers (the words say it).
        assert link.select_one(".ra-external__mark")["aria-hidden"] == "true"
    assert "connexion nécessaire" in official.get_text()


def test_the_header_shows_the_draft_and_the_adoption_the_cover_prints() -> None:
    found = rows(text("a-res-78-284.txt"))
    draft = found["Projet"]
    assert draft.get_text().startswith("A/78/L.68")
    (link,) = draft.select("a.ra-official-link")
    assert (link["href"], link["hreflang"]) == ("https://docs.un.org/fr/A/78/L.68", "fr")
    assert (
        found["Adoption"].get_text() == "Résolution adoptée par l'Assemblée générale le 4 juin 2024"
    )
    assert found["Session"].get_text() == "Soixante-dix-huitième session"


def test_the_front_matter_gives_what_the_removed_cover_printed() -> None:
    """The English text was imported from the PDF: its cover went into the front matter."""
    document = text("a-res-78-284-en.txt")
    details = dict(document.details)
    assert details["draft_symbol"] == "A/78/L.68"
    assert details["session"] == "Seventy-eighth session"
    assert rows(document)["Projet"].get_text().startswith("A/78/L.68")


def test_an_osce_text_shows_no_address_rather_than_a_guessed_one() -> None:
    for document in (
        text("pc-dec-758.txt"),
        text("osce-cm-2020-tirana-criminalite-organisee.txt"),
        text("cnd-2019-e-2019-28-extrait.txt", "cnd-res-62-1"),
    ):
        soup = meta(document)
        assert "Document officiel" not in rows(document), document.slug
        assert not soup.select("a[href^='http']"), document.slug


def test_a_text_without_a_symbol_says_so_in_words() -> None:
    # The Tirana decision's front matter gives no symbol (read in the source file).
    document = text("osce-cm-2020-tirana-criminalite-organisee.txt")
    assert not document.symbol
    assert rows(document)["Symbole"].get_text() == "aucun"
