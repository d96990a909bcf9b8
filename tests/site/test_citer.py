"""« Citer » on every paragraph and item (issue 15): a button whose citation is written
at build time, and which copies it with the block's address from the page opened from
disk (file://): by the clipboard API, else by execCommand("copy"), else in a dialog
where the citation is selected for the reader to copy."""

from __future__ import annotations

from playwright.sync_api import expect

from resolutions.load import BODIES
from resolutions.render.markdown import french_date

from .conftest import Site, Tab

CLIPBOARD = ["clipboard-read", "clipboard-write"]
EXPECTED = {
    ("a-res-62-176", "op6-a"): (
        "Assemblée générale, résolution 62/176, par. 6 a), 18 décembre 2007",
        "Citer le paragraphe 6 a)",
    ),
    ("a-res-62-176", "op6"): (
        "Assemblée générale, résolution 62/176, par. 6, 18 décembre 2007",
        "Citer le paragraphe 6",
    ),
    ("a-res-62-176", "pp3"): (
        "Assemblée générale, résolution 62/176, al. 3 du préambule, 18 décembre 2007",
        "Citer l’alinéa 3 du préambule",
    ),
    ("pc-dec-758", "op3"): (
        "OSCE, Conseil permanent, décision n° 758, par. 3, 5 décembre 2006",
        "Citer le paragraphe 3",
    ),
    ("cnd-res-62-1", "op2"): (
        "Commission des stupéfiants, résolution 62/1, par. 2, mars 2019",
        "Citer le paragraphe 2",
    ),
    ("osce-cm-2020-criminalite-transnationale-organisee", "op4"): (
        "OSCE, Conseil ministériel, Déclaration sur le renforcement de la coopération en "
        "matière de lutte contre la criminalité transnationale organisée, par. 4, "
        "décembre 2020",
        "Citer le paragraphe 4",
    ),
}


def button_of(block) -> object:
    """The block's own button: a paragraph's is in its <p>, an item's in its <li>, each
    in the span that keeps it with the permalink."""
    holder = block if block.name == "li" else block.find("p", recursive=False)
    controls = holder.find_all("span", class_="ra-controls", recursive=False)
    assert len(controls) == 1, block["id"]
    buttons = controls[0].find_all("button", class_="ra-cite-button", recursive=False)
    assert len(buttons) == 1, block["id"]
    return buttons[0]


def test_every_paragraph_and_item_has_one_citer_button(site: Site) -> None:
    for document in site.documents():
        page = site.page(f"textes/{document['slug']}.html")
        blocks = [p["id"] for p in document["paragraphs"]]
        blocks += [item["id"] for p in document["paragraphs"] for item in p["items"]]
        assert len(page.select("button.ra-cite-button")) == len(blocks)
        for anchor in blocks:
            block = page.find(id=anchor)
            button = button_of(block)
            assert button.get_text() == "Citer" and button["type"] == "button"
            assert button["aria-label"].startswith("Citer ")
            # Next to the permalink, after it.
            assert button.find_previous_sibling("a")["class"] == ["ra-permalink"]
            # Body, text, block, date: "Assemblée générale, résolution 62/176, par. 6 a), …".
            cite = button["data-ra-cite"]
            body_and_type = f"{BODIES[document['body']]}, {document['type']} "
            assert cite.casefold().startswith(body_and_type.casefold())
            assert cite.endswith(f", {french_date(document['date'])}")
            named = document["symbol"].split("/", 2)[-1] if document["symbol"] else ""
            assert named in cite if named else document["title"] in cite
    for (slug, anchor), (cite, label) in EXPECTED.items():
        button = button_of(site.page(f"textes/{slug}.html").find(id=anchor))
        assert (button["data-ra-cite"], button["aria-label"]) == (cite, label)


def expected_copy(tab: Tab, slug: str, anchor: str) -> str:
    address = (tab.site.root / "textes" / f"{slug}.html").as_uri()
    return f"{EXPECTED[slug, anchor][0]}, {address}#{anchor}"


def confirmed(tab: Tab) -> None:
    status = tab.page.locator(".ra-cite-status")
    expect(status).to_have_text("Citation copiée")
    expect(status).to_be_visible()
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")


def test_citer_copies_an_item_with_the_clipboard(tab: Tab) -> None:
    tab.page.context.grant_permissions(CLIPBOARD)
    tab.open("textes/a-res-62-176.html")
    button = tab.page.locator("[id='op6-a'] > .ra-controls > button.ra-cite-button")
    expect(button).to_have_accessible_name("Citer le paragraphe 6 a)")
    button.click()
    confirmed(tab)
    copied = tab.page.evaluate("navigator.clipboard.readText()")
    assert copied == expected_copy(tab, "a-res-62-176", "op6-a")


WITHOUT_CLIPBOARD_API = """
window.raClipboard = navigator.clipboard
Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined})
"""


def test_citer_by_keyboard_without_the_clipboard_api(tab: Tab) -> None:
    """Where navigator.clipboard is missing, execCommand("copy") copies the citation
    (read back from the real clipboard); the button keeps the focus."""
    tab.page.context.grant_permissions(CLIPBOARD)
    tab.page.add_init_script(WITHOUT_CLIPBOARD_API)
    tab.open("textes/pc-dec-758.html")
    assert tab.page.evaluate("navigator.clipboard === undefined")
    button = tab.page.locator("[id='op3'] > p > .ra-controls > button.ra-cite-button")
    button.focus()
    expect(button).to_have_css("opacity", "1")
    tab.page.keyboard.press("Enter")
    confirmed(tab)
    expect(button).to_be_focused()
    assert tab.page.evaluate("window.raClipboard.readText()") == expected_copy(
        tab, "pc-dec-758", "op3"
    )


def test_citer_shows_the_citation_selected_when_nothing_can_copy(tab: Tab) -> None:
    tab.page.add_init_script(WITHOUT_CLIPBOARD_API + "document.execCommand = () => false\n")
    tab.open("textes/a-res-62-176.html")
    button = tab.page.locator("[id='op6'] > p > .ra-controls > button.ra-cite-button")
    button.click()
    popup = tab.page.locator(".ra-cite-popup[role='dialog']")
    expect(popup).to_be_visible()
    area = popup.locator("textarea")
    expect(area).to_be_focused()
    expected = expected_copy(tab, "a-res-62-176", "op6")
    expect(area).to_have_value(expected)
    selected = area.evaluate("a => a.value.slice(a.selectionStart, a.selectionEnd)")
    assert selected == expected
    expect(tab.page.locator(".ra-cite-status")).to_contain_text("copiez-la")
    tab.page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(button).to_be_focused()


def test_citer_by_touch(browser, site: Site) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True, locale="fr-FR"
    )
    try:
        context.grant_permissions(CLIPBOARD)
        tab = Tab(context.new_page(), site)
        tab.open("textes/a-res-62-176.html")
        tab.page.locator("[id='pp3'] > p > .ra-controls > button.ra-cite-button").tap()
        confirmed(tab)
        copied = tab.page.evaluate("navigator.clipboard.readText()")
        assert copied == expected_copy(tab, "a-res-62-176", "pp3")
        assert not tab.errors and not tab.outside_requests()
    finally:
        context.close()


PERMALINKS_PAST_THEIR_BLOCK = """() => [...document.querySelectorAll("a.ra-permalink")]
    .filter(link => {
        const box = link.closest(".ra-para, .ra-item").getBoundingClientRect();
        const right = Math.min(box.right, document.documentElement.clientWidth);
        return link.getBoundingClientRect().right > right + 0.5;
    })
    .map(link => link.getAttribute("href"))"""


def test_on_a_phone_no_permalink_is_cut_at_the_edge(browser, site: Site) -> None:
    """Issue 15: on a phone the ¶ of an item hung past the edge (6 of 37 in 62/176)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="fr-FR"
    )
    try:
        tab = Tab(context.new_page(), site)
        for slug in ("a-res-62-176", "a-res-78-284", "pc-dec-758"):
            tab.open(f"textes/{slug}.html")
            assert tab.page.evaluate(PERMALINKS_PAST_THEIR_BLOCK) == [], slug
    finally:
        context.close()


CITER_APART_FROM_ITS_PERMALINK = """() => [...document.querySelectorAll("button.ra-cite-button")]
    .filter(button => {
        const link = button.parentElement.querySelector("a.ra-permalink");
        const mark = link.getBoundingClientRect(), own = button.getBoundingClientRect();
        return own.top >= mark.bottom || own.bottom <= mark.top;
    })
    .map(button => button.closest(".ra-item, .ra-para").id)"""


def test_on_a_phone_citer_stays_beside_its_permalink(browser, site: Site) -> None:
    """On a 390 px phone « Citer » wrapped under the ¶ (7 of 37 blocks of 62/176): the
    two share a line in every block."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="fr-FR"
    )
    try:
        tab = Tab(context.new_page(), site)
        for slug in ("a-res-62-176", "a-res-78-284", "pc-dec-758"):
            tab.open(f"textes/{slug}.html")
            assert tab.page.locator("button.ra-cite-button").count() > 0
            assert tab.page.evaluate(CITER_APART_FROM_ITS_PERMALINK) == [], slug
    finally:
        context.close()


def test_citer_is_not_printed(tab: Tab) -> None:
    tab.open("textes/a-res-62-176.html")
    button = tab.page.locator("[id='op6'] > p > .ra-controls > button.ra-cite-button")
    expect(button).to_be_attached()
    assert button.evaluate("b => getComputedStyle(b).display") != "none"
    tab.page.emulate_media(media="print")
    assert button.evaluate("b => getComputedStyle(b).display") == "none"
