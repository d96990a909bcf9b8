"""axe-core on every kind of page, desktop and phone, opened from disk with the network
blocked: no serious or critical violation.  Each page is photographed on the way
(build/screenshots/pages/), for a person to look at.

axe-core is vendored under tests/site/vendor/axe-core/ (scripts/vendor-axe-core.sh): a
test tool, never copied into the site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import material
import pytest
from playwright.sync_api import expect

from .conftest import Site, Tab

AXE = Path(__file__).parent / "vendor" / "axe-core"
BLOCKING = ("serious", "critical")

DEVICES = {
    "bureau": {"viewport": {"width": 1280, "height": 900}},
    "telephone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    # The site follows the system's dark mode (Material's "slate" scheme).
    "bureau-sombre": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
}

PAGES = {
    "accueil": "index.html",
    "textes": "textes/index.html",
    "texte-fr": "textes/a-res-62-176.html",
    "texte-en": "textes/a-res-78-284-en.html",
    "glossaire-entree": "glossaire/caricc.html",
    "glossaire": "glossaire/index.html",
    "graphe": "textes/citations.html",
    "graphe-hors-corpus": "textes/citations/hors-corpus.html",
    "organe": "textes/organe/ag.html",
    "annee": "textes/annee/2007.html",
    "organe-annee": "textes/organe/ag/2007.html",
    "page-redigee": "donnees.html",
}
"""One page of each kind, read from the seeds: CARICC is named in 78/284; the texts
outside the corpus that the seeds cite are a page of the graph of their own; 62/176 is the
General Assembly's text of 2007; "Les données" is a hand-written page with code examples
wider than a phone.  Not the 404 page: served for a missing address, it links from the
site's root, so that from disk it finds no style or script (tests/site/test_hosted.py)."""

SEARCH_QUERY = "CARICC"


def axe_version() -> str:
    """The version scripts/vendor-axe-core.sh wrote into VERSION."""
    first_line = (AXE / "VERSION").read_text(encoding="utf-8").splitlines()[0]
    return re.fullmatch(r"axe-core (\S+) \(npm\).*", first_line).group(1)


@pytest.fixture(params=sorted(DEVICES))
def device(request: pytest.FixtureRequest, browser, site: Site) -> Iterator[tuple[str, Tab]]:
    """A page on a desktop or a phone whose requests outside file:// are refused (as a
    reader offline would have it) and recorded: none may have been tried."""
    context = browser.new_context(locale="fr-FR", **DEVICES[request.param])
    local = ("file:", "data:", "about:", "blob:")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(local) else route.abort(),
    )
    opened = Tab(context.new_page(), site)
    yield request.param, opened
    context.close()
    assert not opened.errors, f"JavaScript errors: {opened.errors}"
    assert not opened.outside_requests(), f"requests left file://: {opened.outside_requests()}"


@pytest.fixture(scope="session")
def page_shots(screenshots: Path) -> Path:
    folder = screenshots / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def blocking_violations(tab: Tab) -> list[str]:
    """axe-core injected into the page as it is now; each serious or critical violation
    as one line (rule, what it asks, the first nodes)."""
    tab.page.add_script_tag(path=str(AXE / "axe.min.js"))
    results = tab.page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return {
                version: axe.version,
                rulesPassed: results.passes.length,
                violations: results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(" ")),
                })),
            };
        }"""
    )
    assert results["version"] == axe_version()
    # Rules that found nothing to check are not "passes": a blank page passes few.
    assert results["rulesPassed"] >= 20, "axe-core checked almost nothing: is the page empty?"
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {len(v['nodes'])} × {v['nodes'][:5]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def photograph(tab: Tab, folder: Path, name: str) -> None:
    """What a reader sees first, and the whole page; transitions run to their end (a
    phone's media features apply after the first paint, and the « Citer » buttons fade
    in from there)."""
    tab.page.screenshot(path=folder / f"{name}.png", animations="disabled")
    # Not full_page=True: while it captures, Chromium forgets the phone's touch screen,
    # (hover: none) stops matching and what a phone always shows disappears.  A window
    # as tall as the page shows the same thing.
    window = tab.page.viewport_size
    height = tab.page.evaluate("document.documentElement.scrollHeight")
    tab.page.set_viewport_size({"width": window["width"], "height": height})
    tab.page.screenshot(path=folder / f"{name}-page.png", animations="disabled")
    tab.page.set_viewport_size(window)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_kind_of_page_is_accessible(
    device: tuple[str, Tab], kind: str, page_shots: Path
) -> None:
    name, tab = device
    tab.open(PAGES[kind])
    expect(tab.page.locator("article h1").first).to_be_visible()
    photograph(tab, page_shots, f"{kind}-{name}")
    assert blocking_violations(tab) == []


def test_the_search_dialog_open_is_accessible(device: tuple[str, Tab], page_shots: Path) -> None:
    """The dialog as a reader finds it after typing: open, with results."""
    name, tab = device
    tab.open("index.html")
    # On a desktop the box is in the header; on a phone a button opens it.
    opener = tab.page.locator("label.md-header__button[for='__search'], input.md-search__input")
    opener.filter(visible=True).first.click()
    box = tab.page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(SEARCH_QUERY, delay=15)
    expect(tab.page.locator("li.md-search-result__item").first).to_be_visible(timeout=15_000)
    photograph(tab, page_shots, f"recherche-{name}")
    assert blocking_violations(tab) == []


def test_the_search_dialog_override_is_the_themes_file_with_a_name() -> None:
    """overrides/partials/search.html differs from the installed Material's only by the
    dialog's name and its own comment: an upgrade of the theme that changes the file
    makes this fail, and the override is made again from the new file."""
    stock = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    ours = Path(__file__).parents[2] / "overrides" / "partials" / "search.html"
    comment = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)
    named = ' role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    expected = comment.sub("", stock.read_text(encoding="utf-8")).replace(
        ' role="dialog">', named, 1
    )
    actual = comment.sub("", ours.read_text(encoding="utf-8"))
    assert named in actual
    assert actual == expected
