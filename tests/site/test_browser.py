"""The built site in Chromium (conftest.py finds it), opened from disk (file://), as a reader
opens it: tooltips, search, landing on a paragraph.  No request may leave file:// (the
``tab`` fixture checks every request)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

from .conftest import Site, Tab

RESULT_COUNT = re.compile(r"^(\d+) documents? trouvés?$|^Aucun document trouvé$")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("œ", "oe").replace("æ", "ae")


def full_text(document: dict) -> str:
    blocks = [document["title"], *(block["text"] for block in document["heading"])]
    for paragraph in document["paragraphs"]:
        blocks.append(paragraph["text"])
        blocks += [item["text"] for item in paragraph["items"]]
    blocks += [note["text"] for note in document["footnotes"]]
    for optional in ("author", "closing"):
        if document[optional]:
            blocks.append(document[optional]["text"])
    return fold(" ".join(blocks))


def search(tab: Tab, query: str) -> list[str]:
    """Type ``query`` in the search box; the pages listed, every result loaded."""
    tab.open("index.html")
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    meta = tab.page.locator(".md-search-result__meta")
    expect(meta).to_have_text(RESULT_COUNT, timeout=15_000)
    match = RESULT_COUNT.match(meta.inner_text().strip())
    expected = int(match.group(1) or 0)
    items = tab.page.locator("li.md-search-result__item")
    scroller = tab.page.locator(".md-search__scrollwrap")
    for _ in range(50):  # the theme renders results in batches as the list scrolls
        if items.count() >= expected:
            break
        # The theme adds 4 results each time the list *reaches* its end: leave it first.
        scroller.evaluate("element => { element.scrollTop = 0 }")
        tab.page.wait_for_timeout(50)
        scroller.evaluate("element => { element.scrollTop = element.scrollHeight }")
        tab.page.wait_for_timeout(100)
    assert items.count() == expected
    hrefs = [
        item.locator("a.md-search-result__link").first.get_attribute("href") for item in items.all()
    ]
    return [href.removeprefix(tab.site.root.as_uri() + "/") for href in hrefs]


def listed_texts(pages: list[str]) -> set[str]:
    return {Path(page).stem for page in pages if page.startswith("textes/")}


@pytest.mark.parametrize("query", ["CARICC", "stupefiants", "précurseurs"])
def test_search_lists_the_right_texts(tab: Tab, site: Site, query: str) -> None:
    """Every text that holds the word is listed, and nothing that lacks even its start."""
    word = fold(query)
    texts = {document["slug"]: full_text(document) for document in site.documents()}
    must = {slug for slug, text in texts.items() if word.removesuffix("s") in text}
    may = {slug for slug, text in texts.items() if word[:5] in text}
    assert must, f"no text holds {query!r}: the test would prove nothing"
    found = listed_texts(search(tab, query))
    assert must <= found, f"missing: {sorted(must - found)}"
    assert found <= may, f"unexpected: {sorted(found - may)}"


def test_search_ignores_accents(tab: Tab) -> None:
    accented = listed_texts(search(tab, "stupéfiants"))
    assert len(accented) >= 5
    assert accented == listed_texts(search(tab, "stupefiants"))
    assert listed_texts(search(tab, "STUPÉFIANT")) == accented
    ligature = listed_texts(search(tab, "œuvre"))
    assert ligature and listed_texts(search(tab, "oeuvre")) == ligature


def test_search_keeps_symbols_whole(tab: Tab, site: Site) -> None:
    with_symbol = {d["slug"] for d in site.documents() if "61/183" in full_text(d)}
    assert with_symbol
    assert listed_texts(search(tab, "61/183")) == with_symbol


def test_a_click_on_a_result_lands_on_the_paragraph(tab: Tab, screenshots: Path) -> None:
    search(tab, "CARICC")
    tab.page.screenshot(path=screenshots / "search.png")
    links = "a.md-search-result__link[href*='/textes/'][href*='#']"
    result = tab.page.locator(links).filter(visible=True).first
    expect(result).to_be_visible()
    anchor = result.get_attribute("href").split("#")[1]
    assert re.fullmatch(r"(pp|op|p)\d+(-[a-z]+)?", anchor), anchor
    result.click()
    tab.page.wait_for_url(re.compile(f"#{anchor}$"))
    target = tab.page.locator(f"[id='{anchor}']")
    expect(target).to_contain_text("CARICC")
    expect(target).to_be_in_viewport()
    assert tab.page.evaluate(f"document.getElementById('{anchor}').matches(':target')")
    box = target.bounding_box()
    header = tab.page.locator("header.md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1, "the paragraph is under the header"


def note_of(tab: Tab, reference: Locator) -> str:
    note = reference.get_attribute("data-ra-note")
    return tab.page.locator(f"[id='{note}'] .ra-note-text").text_content().strip()


def test_a_note_reference_shows_its_note_on_hover_and_focus(tab: Tab, screenshots: Path) -> None:
    tab.open("textes/a-res-62-176.html")
    references = tab.page.locator("a.ra-fnref")
    assert references.count() >= 2
    first, second = references.nth(0), references.nth(1)
    tooltip = tab.page.locator("#ra-tooltip")

    first.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip).to_contain_text(note_of(tab, first))
    expect(first).to_have_attribute("aria-describedby", "ra-tooltip")
    tab.page.screenshot(path=screenshots / "tooltip.png")

    tab.page.mouse.move(2, 600)
    expect(tooltip).to_be_hidden()
    expect(first).not_to_have_attribute("aria-describedby", "ra-tooltip")

    first.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note_of(tab, first))
    tab.page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()

    # The keyboard moves on to the next note reference: its own note shows.
    second.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note_of(tab, second))
    expect(second).to_have_attribute("aria-describedby", "ra-tooltip")
    tab.page.keyboard.press("Shift+Tab")
    expect(second).not_to_have_attribute("aria-describedby", "ra-tooltip")


def shows_its_tip_on_hover_and_focus(tab: Tab, element: Locator, expected: str) -> None:
    tooltip = tab.page.locator("#ra-tooltip")
    element.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(expected)
    tab.page.mouse.move(2, 600)
    expect(tooltip).to_be_hidden()
    element.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(expected)
    tab.page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


def test_an_ocr_correction_shows_what_the_scan_read(tab: Tab) -> None:
    tab.open("textes/osce-cm-2020-criminalite-transnationale-organisee.html")
    corrected = tab.page.locator("[id='op3'] span.ra-corr", has_text="sûreté").first
    expect(corrected).to_be_visible()
    shows_its_tip_on_hover_and_focus(tab, corrected, "« sireté »")
    expect(tab.page.locator(".ra-meta .ra-notice")).to_contain_text("corrections automatiques")


def test_a_glossary_term_shows_its_name_and_description(tab: Tab, screenshots: Path) -> None:
    """CARICC is named in full in 78/284 (never by its acronym): the tooltip gives the
    entry's title and description, by mouse and by keyboard, and the term is a link."""
    tab.open("textes/a-res-78-284.html")
    term = tab.page.locator("[id='pp11'] a.ra-term[data-ra-entry='caricc']")
    expect(term).to_have_count(1)
    # The page shows the French apostrophe (issue 15); the source prints a straight one.
    expect(term).to_contain_text("Centre régional d’information et de coordination")
    shows_its_tip_on_hover_and_focus(tab, term, "Almaty")
    term.evaluate("element => element.blur()")  # dismissed by Escape until it loses focus
    term.hover()
    expect(tab.page.locator("#ra-tooltip")).to_be_visible()
    tab.page.screenshot(path=screenshots / "glossary-tooltip.png")
    term.click()
    expect(tab.page).to_have_url(re.compile(r"glossaire/caricc\.html$"))


def test_a_glossary_entry_lists_where_it_is_mentioned(tab: Tab) -> None:
    tab.open("glossaire/caricc.html")
    mentions = tab.page.locator("main a[href*='textes/']")
    hrefs = {href.split("/")[-1] for href in mentions.evaluate_all("l => l.map(a => a.href)")}
    assert "pc-dec-758.html#pp8" in hrefs
    assert any(href.startswith("a-res-78-284.html#") for href in hrefs)
    tab.page.locator("main a[href$='pc-dec-758.html#pp8']").first.click()
    expect(tab.page.locator("[id='pp8']")).to_be_in_viewport()
    expect(tab.page.locator("[id='pp8']")).to_contain_text("CARICC")


def test_a_document_page_from_disk(tab: Tab, screenshots: Path) -> None:
    tab.open("textes/a-res-62-176.html#op6")
    expect(tab.page.locator("[id='op6']")).to_be_in_viewport()
    lead = tab.page.locator("[id='pp1'] em.ra-lead")
    assert lead.evaluate("element => getComputedStyle(element).fontStyle") == "italic"
    permalink = tab.page.locator("[id='op6'] > p > a.ra-permalink")
    assert permalink.evaluate("element => getComputedStyle(element).opacity") == "0"
    permalink.focus()
    expect(permalink).to_have_css("opacity", "1")
    tab.page.screenshot(path=screenshots / "document.png")
    assert any(url.endswith("ra.css") for url in tab.requests)
    assert any(url.endswith("ra.js") for url in tab.requests)


def test_search_from_disk_loads_only_local_files(tab: Tab) -> None:
    search(tab, "drogue")
    loaded = [url for url in tab.requests if "iframe-worker" in url or "search_index" in url]
    assert any("iframe-worker/shim.js" in url for url in loaded)
    assert any(url.endswith("search/search_index.js") for url in loaded)
    assert not tab.outside_requests()
