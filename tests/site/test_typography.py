"""French typography on the built site's text pages (issue 15): no ``;`` ``:`` ``?`` ``!``
``»`` after an ordinary space or glued to a word, no ordinary space after ``«``, curly
apostrophes and ``n°``, in the words of every French text.  The JSON export keeps the
words as printed."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from .conftest import Site

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
TEXT_PARTS = (
    ".ra-heading-line, .ra-author, .ra-para > p, .ra-item, .ra-closing, .ra-note-text, "
    "h2[id^='sec-']"
)
"""The elements that hold a text's own words (a paragraph's items are read apart)."""
TOKENS = re.compile(r"(?:https?://|www\.)\S+|\b\d{1,2}:\d{2}\b|\S+@\S+")
"""URLs, times and addresses: their signs are not punctuation."""
BAD_BEFORE = re.compile(r"[ \t\n\w][;:?!»]")
BAD_AFTER = re.compile(r"«[ \t\n]")
STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def text_pages(site: Site) -> list[tuple[str, BeautifulSoup]]:
    pages = []
    for path in sorted((site.root / "textes").glob("*.html")):
        soup = site.soup(path)
        if soup.select_one(".ra-meta"):
            pages.append((path.name, soup))
    return pages


def french_words(part: Tag) -> str:
    """The element's words, code left out, each URL, time or address as a blank."""
    copy = BeautifulSoup(str(part), "lxml")
    for code in copy.find_all(["code", "kbd", "pre", "samp"]):
        code.decompose()
    return TOKENS.sub(" ", copy.get_text())


def in_english(part: Tag) -> bool:
    holder = part if part.has_attr("lang") else part.find_parent(attrs={"lang": True})
    return holder is not None and holder["lang"] != "fr"


def test_french_texts_are_set_with_french_typography(site: Site) -> None:
    french_slugs = {d["slug"] for d in site.documents() if d.get("lang", "fr") == "fr"}
    checked_pages = set()
    signs = 0
    faults = []
    for name, soup in text_pages(site):
        for part in soup.select(TEXT_PARTS):
            if in_english(part):
                continue
            checked_pages.add(name.removesuffix(".html"))
            words = french_words(part)
            where = f"{name}#{part.get('id') or part.find_parent(id=True)['id']}"
            for match in (*BAD_BEFORE.finditer(words), *BAD_AFTER.finditer(words)):
                around = words[max(0, match.start() - 25) : match.end() + 25]
                faults.append(f"{where}: {around!r}")
            for match in STRAIGHT_APOSTROPHE.finditer(words):
                faults.append(f"{where}: {words[match.start() - 15 : match.end() + 15]!r}")
            for match in re.finditer(r"[;:?!»]", words):
                before = words[match.start() - 1] if match.start() else ""
                if before in (NARROW_NBSP, NBSP):
                    wanted = NBSP if match.group() == ":" else NARROW_NBSP
                    if before != wanted:
                        faults.append(f"{where}: {match.group()!r} after {before!r}")
                    signs += 1
    assert not faults, "\n".join(faults[:40])
    assert checked_pages == french_slugs
    assert signs > 50, f"only {signs} signs: the pages changed, the test proves little"


def test_numero_and_apostrophes_on_the_page_and_not_in_the_data(site: Site) -> None:
    soup = site.page("textes/a-res-62-176.html")
    notes = soup.select_one("ol.ra-notes").get_text()
    assert f"vol. 976, n°{NBSP}14152" in notes and "no 14152" not in notes
    (document,) = [d for d in site.documents() if d["slug"] == "a-res-62-176"]
    printed = [note["text"] for note in document["footnotes"]]
    assert any("vol. 976, no 14152" in text for text in printed)
    page = site.page("textes/a-res-78-284.html")
    term = page.select_one("[id='pp11'] a.ra-term[data-ra-entry='caricc']")
    assert "Centre régional d’information et de coordination" in term.get_text()
    (document,) = [d for d in site.documents() if d["slug"] == "a-res-78-284"]
    (pp11,) = [p for p in document["paragraphs"] if p["id"] == "pp11"]
    assert "Centre régional d'information et de coordination" in pp11["text"]
