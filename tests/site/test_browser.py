"""The built site in Chromium (conftest.py finds it), opened from disk (file://), as a reader
opens it: tooltips, search, landing on a paragraph.  No request may leave file:// (the
``tab`` fixture checks every request)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
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


def search(tab: Tab, query: str, pasted: bool = False) -> list[str]:
    """Type ``query`` in the search box (``pasted``: all but its last letter put in at
    once, with no key, so that the last key's query is the only one); the pages listed,
    every result loaded."""
    tab.open("index.html")
    box = tab.page.locator("input.md-search__input")
    box.click()
    if pasted:
        box.fill(query[:-1])
        box.press(query[-1])
    else:
        box.press_sequentially(query, delay=15)
    meta = tab.page.locator(".md-search-result__meta")
    expect(meta).to_have_text(RESULT_COUNT, timeout=15_000)
    # The theme answers each key as it is typed: a count read too early is the count of
    # a prefix of the query.  Wait until the count stays the same for half a second.
    shown, stable = meta.inner_text().strip(), 0
    for _ in range(100):
        tab.page.wait_for_timeout(100)
        now = meta.inner_text().strip()
        stable = stable + 1 if now == shown else 0
        shown = now
        if stable >= 5:
            break
    match = RESULT_COUNT.match(shown)
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


def test_a_quote_read_as_a_note_mark_is_a_correction_around_its_note(tab: Tab) -> None:
    """The scan prints the title's note 1 as a quote ("DECLARATION‘SUR", line 10): the
    words are marked as a correction, and the note reference inside keeps its own tip."""
    tab.open("textes/osce-cm-2020-criminalite-transnationale-organisee.html")
    corrected = tab.page.locator("[id='title-1'] span.ra-corr")
    expect(corrected).to_have_count(1)
    expect(corrected).to_have_text("DECLARATION1 SUR")
    tooltip = tab.page.locator("#ra-tooltip")
    corrected.hover(position={"x": 4, "y": 4})  # on the "D", away from the note mark
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("« DECLARATION‘SUR »")
    tab.page.mouse.move(2, 600)
    expect(tooltip).to_be_hidden()
    reference = corrected.locator("a.ra-fnref")
    reference.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note_of(tab, reference))
    expect(tooltip).not_to_contain_text("DECLARATION‘SUR")


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
    permalink = tab.page.locator("[id='op6'] > p > .ra-controls > a.ra-permalink")
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


@pytest.fixture
def phone(browser, site: Site) -> Iterator[Tab]:
    """A touch screen (a phone's size): taps, no hover; same checks as ``tab``."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="fr-FR"
    )
    opened = Tab(context.new_page(), site)
    yield opened
    context.close()
    assert not opened.errors, f"JavaScript errors: {opened.errors}"
    assert not opened.outside_requests(), f"requests left file://: {opened.outside_requests()}"


def test_a_tap_on_a_note_reference_shows_its_note_first(phone: Tab, screenshots: Path) -> None:
    """First tap: the note in a tooltip, the page stays where it is; the link inside
    leads to the note; a tap elsewhere, or Escape, closes the tooltip."""
    phone.open("textes/a-res-62-176.html")
    references = phone.page.locator("a.ra-fnref")
    first, second = references.nth(0), references.nth(1)
    tooltip = phone.page.locator("#ra-tooltip")
    url = phone.page.url

    first.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note_of(phone, first))
    expect(first).to_have_attribute("aria-describedby", "ra-tooltip")
    phone.page.wait_for_timeout(300)  # a navigation would have happened by now
    assert phone.page.url == url
    phone.page.screenshot(path=screenshots / "tooltip-touch.png")

    # A tap outside closes it.
    phone.page.locator("article h1").tap()
    expect(tooltip).to_be_hidden()
    assert phone.page.url == url

    # Escape closes it too (a phone with a keyboard).
    second.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note_of(phone, second))
    phone.page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert phone.page.url == url

    # The link inside the tooltip goes to the note at the foot of the page.
    first.tap()
    link = tooltip.locator("a.ra-tooltip__link")
    expect(link).to_have_attribute("href", first.get_attribute("href"))
    link.tap()
    note = first.get_attribute("data-ra-note")
    phone.page.wait_for_url(re.compile(f"#{note}$"))
    expect(phone.page.locator(f"[id='{note}']")).to_be_in_viewport()
    expect(tooltip).to_be_hidden()


def test_a_second_tap_on_a_glossary_term_opens_its_entry(phone: Tab) -> None:
    phone.open("textes/a-res-78-284.html")
    term = phone.page.locator("[id='pp11'] a.ra-term[data-ra-entry='caricc']")
    tooltip = phone.page.locator("#ra-tooltip")
    url = phone.page.url
    term.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Almaty")
    expect(tooltip.locator("a.ra-tooltip__link")).to_have_text("Voir l’entrée du glossaire")
    phone.page.wait_for_timeout(300)
    assert phone.page.url == url
    term.tap()
    expect(phone.page).to_have_url(re.compile(r"glossaire/caricc\.html$"))


def test_the_link_in_a_glossary_tooltip_opens_the_entry(phone: Tab) -> None:
    phone.open("textes/a-res-78-284.html")
    term = phone.page.locator("[id='pp11'] a.ra-term[data-ra-entry='caricc']")
    term.tap()
    link = phone.page.locator("#ra-tooltip a.ra-tooltip__link")
    expect(link).to_be_visible()
    link.tap()
    expect(phone.page).to_have_url(re.compile(r"glossaire/caricc\.html$"))


def test_a_tap_on_an_ocr_correction_shows_what_the_scan_read(phone: Tab) -> None:
    """A correction is no link: a tap shows its tooltip, with no link inside."""
    phone.open("textes/osce-cm-2020-criminalite-transnationale-organisee.html")
    corrected = phone.page.locator("[id='op3'] span.ra-corr", has_text="sûreté").first
    tooltip = phone.page.locator("#ra-tooltip")
    corrected.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("« sireté »")
    expect(tooltip.locator("a")).to_have_count(0)
    phone.page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


FIRST_LINE = """element => {
  const range = document.createRange()
  range.selectNodeContents(element)
  const line = range.getClientRects()[0]
  const box = element.getBoundingClientRect()
  return {top: line.top, bottom: line.bottom, left: box.left, right: box.right}
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_landed_paragraph_is_below_the_header_and_back_to_top(
    browser, site: Site, screenshots: Path, width: int
) -> None:
    """Landing on #op6, then scrolling up a little (which makes the theme show « Retour
    en haut de la page » under the header): the paragraph's first line is below both."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR")
    tab = Tab(context.new_page(), site)
    try:
        tab.open("textes/a-res-62-176.html#op6")
        paragraph = tab.page.locator("[id='op6'] > p")
        expect(paragraph).to_be_in_viewport()
        button = tab.page.locator(".md-top")
        tab.page.wait_for_timeout(400)  # the theme watches the scroll again 250 ms after landing
        for _ in range(2):
            tab.page.evaluate("window.scrollBy(0, -1)")
            tab.page.wait_for_timeout(100)
        expect(button).not_to_have_attribute("hidden", "")
        expect(button).to_have_css("opacity", "1")
        tab.page.screenshot(path=screenshots / f"landing-{width}.png")
        line = paragraph.evaluate(FIRST_LINE)
        header = tab.page.locator("header.md-header").bounding_box()
        top = button.bounding_box()
        assert line["top"] >= header["y"] + header["height"], "the header covers the line"
        beside = top["x"] >= line["right"] or top["x"] + top["width"] <= line["left"]
        assert beside or line["top"] >= top["y"] + top["height"], (
            f"« Retour en haut de la page » covers the first line: {top} over {line}"
        )
        assert not tab.errors
    finally:
        context.close()


def computed(locator: Locator, property_name: str, pseudo: str = "") -> str:
    return locator.evaluate(
        "(element, [name, pseudo]) => getComputedStyle(element, pseudo || null)[name]",
        [property_name, pseudo],
    )


def test_a_text_prints_full_width_without_the_site_around_it(tab: Tab) -> None:
    """In print, the text takes the page's width; no navigation, search, header, footer;
    glossary terms are not underlined, notes have no back-link, no "Données (JSON)";
    an outside link is followed by its address."""
    tab.open("textes/a-res-62-176.html")
    page = tab.page
    term = page.locator("a.ra-term").first
    backref = page.locator("a.ra-backref").first
    data = page.locator(".ra-meta .ra-data")
    outside = page.locator("article a.ra-cite[href^='https://']").first
    # On screen: underlined, back-links and data link shown, no address after links.
    assert computed(term, "textDecorationLine") == "underline"
    assert computed(backref, "display") != "none"
    assert computed(data, "display") != "none"
    assert computed(outside, "content", "::after") in ("none", "normal")

    page.emulate_media(media="print")
    assert computed(term, "textDecorationLine") == "none"
    corrections = page.locator("span.ra-corr, span.ra-cite-unresolved")
    for index in range(corrections.count()):
        assert computed(corrections.nth(index), "textDecorationLine") == "none"
    backrefs = page.locator("a.ra-backref")
    assert backrefs.count() >= 2
    for index in range(backrefs.count()):
        assert computed(backrefs.nth(index), "display") == "none"
    assert computed(data, "display") == "none"
    for chrome in (
        "header.md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-search",
        "footer.md-footer",
        ".md-top",
    ):
        element = page.locator(chrome).first
        assert computed(element, "display") == "none", chrome
    href = outside.get_attribute("href")
    assert computed(outside, "content", "::after") == f'" ({href})"'
    width = page.viewport_size["width"]
    assert page.locator("[id='op6']").bounding_box()["width"] >= 0.9 * width
    # The running header's words: the symbol and the title, as the page's heading has them.
    title = page.locator("article h1").evaluate(
        "h1 => Array.from(h1.childNodes).filter(n => !n.classList?.contains('headerlink'))"
        ".map(n => n.textContent).join('').replace(/\\s+/g, ' ').trim()"
    )
    assert title.startswith("A/RES/62/176 — ")
    running = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--ra-running-title')"
    )
    assert running == f'"{title}"'


def test_a_printed_text_repeats_its_symbol_and_title_on_every_page(tab: Tab, tmp_path) -> None:
    """The PDF Chromium prints has the running header on each page (read with pdftotext,
    when poppler-utils is installed)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("no pdftotext (apt-get install -y poppler-utils)")
    tab.open("textes/a-res-62-176.html")
    pdf = tmp_path / "texte.pdf"
    tab.page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 3
    title = "A/RES/62/176 — Coopération internationale face au problème mondial de la drogue"
    for number, printed in enumerate(pages, 1):
        lines = [line.strip() for line in printed.splitlines() if line.strip()]
        assert lines[0] == title, f"page {number}: {lines[0]!r}"
        assert lines[-1] == f"{number} / {len(pages)}"
    assert "Données (JSON)" not in text and "↩" not in text
    assert "(https://docs.un.org/fr/A/RES/61/183)" in text


RGB = re.compile(r"rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? (?:/ )?([\d.]+))?\)")


def rgba(css: str) -> tuple[float, float, float, float]:
    match = RGB.fullmatch(css.strip())
    assert match, f"not an sRGB colour: {css!r}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def over(top: str, bottom: str) -> tuple[float, float, float]:
    """``top`` composited over the opaque ``bottom``."""
    *colour, alpha = rgba(top)
    under = rgba(bottom)
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip(colour, under[:3], strict=True))


def luminance(colour: tuple[float, float, float]) -> float:
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[float, float, float], other: tuple[float, float, float]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours_of_a_text(browser, site: Site, scheme: str, screenshots: Path) -> dict[str, object]:
    """A text's page in a browser whose system is set to ``scheme``: the scheme the site
    took, a glossary tooltip's colours, a metadata label's and a correction's."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", color_scheme=scheme
    )
    tab = Tab(context.new_page(), site)
    try:
        tab.open("textes/osce-cm-2020-criminalite-transnationale-organisee.html")
        page = tab.page
        body = page.locator("body")
        expect(body).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        page_bg = computed(body, "backgroundColor")
        corrected = page.locator("[id='op3'] span.ra-corr", has_text="sûreté").first
        corrected.hover()
        tooltip = page.locator("#ra-tooltip")
        expect(tooltip).to_be_visible()
        page.screenshot(path=screenshots / f"tooltip-{scheme}.png")
        label = page.locator(".ra-meta dt").first
        meta = page.locator(".ra-meta")
        found = {
            "page": rgba(page_bg)[:3],
            "tooltip_fg": computed(tooltip, "color"),
            "tooltip_bg": computed(tooltip, "backgroundColor"),
            "label": computed(label, "color"),
            "meta_bg": computed(meta, "backgroundColor"),
            "mark": computed(corrected, "textDecorationColor"),
            "term_mark": computed(page.locator("a.ra-term").first, "textDecorationColor"),
        }
        assert not tab.errors and not tab.outside_requests()
        return found
    finally:
        context.close()


def test_dark_mode_follows_the_system_and_keeps_annotations_legible(
    browser, site: Site, screenshots: Path
) -> None:
    light = colours_of_a_text(browser, site, "light", screenshots)
    dark = colours_of_a_text(browser, site, "dark", screenshots)
    assert luminance(light["page"]) > 0.8 and luminance(dark["page"]) < 0.1
    for name in ("tooltip_fg", "tooltip_bg", "label", "term_mark"):
        assert light[name] != dark[name], f"{name} is the same in both schemes"
    for found in (light, dark):
        tooltip_bg = over(found["tooltip_bg"], "rgb({}, {}, {})".format(*found["page"]))
        text = over(found["tooltip_fg"], "rgb({}, {}, {})".format(*tooltip_bg))
        assert contrast(text, tooltip_bg) >= 7, found
        meta_bg = over(found["meta_bg"], "rgb({}, {}, {})".format(*found["page"]))
        label = over(found["label"], "rgb({}, {}, {})".format(*meta_bg))
        assert contrast(label, meta_bg) >= 4.5, found
        # The dotted underline of a glossary term shows against the page.
        term_mark = over(found["term_mark"], "rgb({}, {}, {})".format(*found["page"]))
        assert contrast(term_mark, found["page"]) >= 1.5, found
    # In the dark, the tooltip is a surface lighter than the page, not the page itself.
    dark_tooltip = over(dark["tooltip_bg"], "rgb({}, {}, {})".format(*dark["page"]))
    assert luminance(dark_tooltip) > luminance(dark["page"])


def test_the_palette_toggle_switches_scheme_in_french(browser, site: Site) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    tab = Tab(context.new_page(), site)
    try:
        tab.open("textes/a-res-62-176.html")
        body = tab.page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        tab.page.locator("label.md-header__button[title='Passer au thème clair']").click()
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        expect(
            tab.page.locator("label.md-header__button[title='Passer au thème sombre']")
        ).to_be_visible()
        assert not tab.errors and not tab.outside_requests()
    finally:
        context.close()
