"""The built site, read as HTML (beautifulsoup4): pages, anchors, notes, links, hosts."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ..search_index import index_entries
from .conftest import Site

SEED_SLUGS = {
    "pc-dec-758",
    "a-res-62-176",
    "a-res-78-284",
    "cnd-2019-declaration-ministerielle",
    "cnd-res-62-1",
    "cnd-res-62-2",
    "osce-cm-2020-criminalite-transnationale-organisee",
    "a-res-78-284-en",  # imported from the official English PDF
}


def anchors_of(document: dict) -> list[str]:
    """Every anchor the converter gave a text, from its JSON export."""
    found = [f"title-{index}" for index, _ in enumerate(document["heading"], 1)]
    if document["author"]:
        found.append("author")
    found += [section["id"] for section in document["sections"]]
    for paragraph in document["paragraphs"]:
        found.append(paragraph["id"])
        found += [item["id"] for item in paragraph["items"]]
    if document["closing"]:
        found.append("closing")
    found += [f"fn-{note['number']}" for note in document["footnotes"]]
    return found


def test_a_page_for_each_document_of_the_seeds(site: Site) -> None:
    slugs = {document["slug"] for document in site.documents()}
    assert slugs == SEED_SLUGS
    for document in site.documents():
        page = site.page(f"textes/{document['slug']}.html")
        title = page.select_one("article h1").get_text(" ", strip=True)
        assert document["title"] in title
        assert page.select_one(".ra-meta"), "the metadata header is missing"
        data = page.find("a", string="Données (JSON)")
        assert data["href"] == f"{document['slug']}.json"


def test_every_paragraph_anchor_is_on_its_page(site: Site) -> None:
    for document in site.documents():
        page = site.page(f"textes/{document['slug']}.html")
        expected = anchors_of(document)
        assert len(expected) == len(set(expected))
        for anchor in expected:
            found = page.find_all(id=anchor)
            assert len(found) == 1, f"{document['slug']}#{anchor}: {len(found)} elements"
        for paragraph in document["paragraphs"]:
            element = page.find(id=paragraph["id"])
            assert "ra-para" in element["class"]
            permalink = element.select_one(f'a.ra-permalink[href="#{paragraph["id"]}"]')
            assert permalink is not None, f"{document['slug']}#{paragraph['id']}: no permalink"


def test_notes_and_their_references_point_at_each_other(site: Site) -> None:
    notes_seen = 0
    for document in site.documents():
        page = site.page(f"textes/{document['slug']}.html")
        references = page.select("a.ra-fnref")
        notes = page.select("ol.ra-notes > li")
        assert len(notes) == len(document["footnotes"])
        cited: dict[str, set[str]] = {}
        for reference in references:
            target = reference["href"].removeprefix("#")
            assert reference["href"] == f"#{target}"
            assert reference["data-ra-note"] == target
            note = page.find(id=target)
            assert note is not None and note.name == "li", f"{document['slug']}: {target}"
            assert note.select_one(".ra-note-text").get_text(strip=True)
            cited.setdefault(target, set()).add(reference["id"])
        for note, exported in zip(notes, document["footnotes"], strict=True):
            assert note["id"] == f"fn-{exported['number']}"
            assert note["value"] == exported["number"], "notes keep their printed numbers"
            backrefs = {a["href"].removeprefix("#") for a in note.select("a.ra-backref")}
            assert backrefs == cited.get(note["id"], set()), f"{document['slug']}: {note['id']}"
            for backref in backrefs:
                assert page.find(id=backref)["href"] == f"#{note['id']}"
            notes_seen += 1
    assert notes_seen > 0


def local_target(site: Site, page: Path, url: str) -> tuple[Path, str] | None:
    """Where a link of ``page`` leads inside the site, or None for another host."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = site.root if parts.path.startswith("/") else page.parent
    return (base / unquote(parts.path.lstrip("/"))).resolve(), unquote(parts.fragment)


LINKS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"))


def test_no_broken_internal_link_or_anchor(site: Site) -> None:
    broken = []
    checked = 0
    for page in site.pages():
        soup = site.soup(page)
        for tag, attribute in LINKS:
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = local_target(site, page, element[attribute])
                if target is None:
                    continue
                path, fragment = target
                where = f"{page.relative_to(site.root)}: {element[attribute]}"
                if path.is_dir():
                    path = path / "index.html"
                if not path.is_file() or site.root.resolve() not in path.parents:
                    broken.append(f"{where} (no such file)")
                elif fragment and path.suffix == ".html" and not site.soup(path).find(id=fragment):
                    broken.append(f"{where} (no such anchor)")
                checked += 1
    assert not broken, "\n".join(broken)
    assert checked > 500


REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)


def test_nothing_is_loaded_from_another_host(site: Site) -> None:
    remote = []
    for page in site.pages():
        soup = site.soup(page)
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
        ):
            for element in soup.find_all(tag, attrs={attribute: True}):
                if REMOTE.match(element[attribute]) or element[attribute].startswith("http"):
                    remote.append(f"{page.name}: <{tag} {attribute}={element[attribute]}>")
        for style in soup.find_all("style"):
            remote += [f"{page.name}: <style> {m}" for m in css_remote(style.get_text())]
    stylesheets = sorted(site.root.rglob("*.css"))
    assert any(path.name == "ra.css" for path in stylesheets)
    for stylesheet in stylesheets:
        css = stylesheet.read_text(encoding="utf-8")
        remote += [f"{stylesheet.name}: {m}" for m in css_remote(css)]
    assert not remote, "\n".join(remote)


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)


def css_remote(css: str) -> list[str]:
    """Every address of another host that ``css`` loads (url(), @import, @font-face)."""
    css = CSS_COMMENT.sub("", css)
    found = [
        "".join(match)
        for match in CSS_URL.findall(css)
        if REMOTE.match("".join(match)) or "".join(match).startswith("http")
    ]
    for face in FONT_FACE.findall(css):
        # A font face may only name local() fonts or files of the site.
        if re.search(r"src\s*:[^;]*(?:https?:|//)", face):
            found.append(face)
    return found


def test_css_scan_finds_remote_addresses() -> None:
    """The scanner above must see what it is meant to refuse."""
    assert css_remote("@import url(https://fonts.googleapis.com/css?family=Roboto);")
    assert css_remote("@font-face { font-family: X; src: url(//cdn.example/x.woff2) }")
    assert css_remote("a { background: url('http://example.org/a.png') }")
    assert not css_remote("/* https://example.org */ a { background: url(../img/a.png) }")
    assert not css_remote("@font-face { font-family: X; src: local(Charter) }")


def test_offline_search_shim_is_the_local_copy(site: Site) -> None:
    for page in site.pages():
        scripts = [s["src"] for s in site.soup(page).find_all("script", src=True)]
        shims = [src for src in scripts if "iframe-worker" in src]
        assert len(shims) == 1 and not REMOTE.match(shims[0]), f"{page.name}: {shims}"
        assert local_target(site, page, shims[0])[0].is_file()
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def test_every_page_is_in_french(site: Site) -> None:
    for page in site.pages():
        assert site.soup(page).html["lang"] == "fr", page.name


def test_navigation_lists_no_text(site: Site) -> None:
    """Texts are reached through the index pages: the navigation does not grow with the
    corpus."""
    slugs = {document["slug"] for document in site.documents()}
    for relative in ("index.html", "guide.html", "textes/a-res-62-176.html"):
        nav = site.page(relative).select_one("nav.md-nav--primary")
        links = {Path(a["href"]).stem for a in nav.find_all("a", href=True)}
        assert not links & slugs, relative
        assert len(nav.find_all("a", href=True)) < 20


def test_home_page_shows_the_counts_and_the_latest_texts(site: Site) -> None:
    """The seeds are 8 texts, fewer than the 10 latest the home page shows: all of them,
    most recent first, each with its body and date, then the way to every text."""
    home = site.page("index.html")
    entries = home.select(".ra-corpus ol.ra-listing > li")
    documents = site.documents()
    assert len(entries) == len(documents) == 8
    linked = [entry.a["href"] for entry in entries]
    assert set(linked) == {f"textes/{d['slug']}.html" for d in documents}
    dates = [entry.time["datetime"] for entry in entries]
    assert dates == sorted(dates, reverse=True)
    counts = home.select_one(".ra-counts").get_text(" ", strip=True)
    assert f"{len(documents)} textes" in counts
    paragraphs = sum(len(d["paragraphs"]) for d in documents)
    assert f"{paragraphs} paragraphes" in counts
    for entry in entries:
        assert entry.select_one(".ra-listing-title").get_text(strip=True)
        assert " · " in entry.select_one(".ra-listing-about").get_text()
    assert home.select_one(".ra-corpus .ra-more a")["href"] == "textes/index.html"


def test_index_pages_by_body_and_by_year(site: Site) -> None:
    """From « Les textes », every text is reached twice: through its body's page and
    the body's year, and through its year."""
    documents = site.documents()
    hub = site.page("textes/index.html")
    hrefs = [link["href"] for link in hub.select("article a[href]")]
    bodies = {d["body"] for d in documents}
    years = {d["date"][:4] for d in documents}
    assert {h for h in hrefs if h.startswith("organe/")} == {f"organe/{b}.html" for b in bodies}
    assert {h for h in hrefs if h.startswith("annee/")} == {f"annee/{y}.html" for y in years}
    for document in documents:
        body, year = document["body"], document["date"][:4]
        body_page = site.page(f"textes/organe/{body}.html")
        assert f"{body}/{year}.html" in [a["href"] for a in body_page.select(".ra-years a")]
        for listing in (f"textes/organe/{body}/{year}.html", f"textes/annee/{year}.html"):
            page = site.page(listing)
            depth = "../" * (listing.count("/") - 1)
            listed = [a["href"] for a in page.select("ol.ra-listing > li > a")]
            assert listed.count(f"{depth}{document['slug']}.html") == 1, listing


def test_search_index_has_one_entry_per_paragraph(site: Site) -> None:
    index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    # The theme's index keeps its configuration; its entries are ours, in page files.
    assert index["docs"] == []
    docs = index_entries(site.root)
    locations = [entry["location"] for entry in docs]
    assert len(locations) == len(set(locations))
    by_location = dict(zip(locations, docs, strict=True))
    for document in site.documents():
        page = f"textes/{document['slug']}.html"
        entries = [location for location in locations if location.split("#")[0] == page]
        assert entries[0] == page, "the text's own entry comes first (the theme needs it)"
        for anchor in anchors_of(document):
            assert f"{page}#{anchor}" in entries, f"no search entry for {page}#{anchor}"
        for paragraph in document["paragraphs"]:
            entry = by_location[f"{page}#{paragraph['id']}"]
            assert entry["text"] == " ".join(paragraph["text"].split()).replace(
                "&", "&amp;"
            ).replace("<", "&lt;").replace(">", "&gt;")
            if paragraph["kind"] == "operative" and document["symbol"]:
                # An English version says so: its French version has the same symbol.
                ref = document["symbol"] + (" (texte anglais)" if document["lang"] == "en" else "")
                # Named as "Cité par" names it: a text that numbers each section
                # from 1 (``sec-II-op1``) says the section.
                words = f"paragraphe {paragraph['number']}"
                if paragraph["id"].startswith("sec-"):
                    words += f" de la section {paragraph['section']}"
                assert entry["title"] == f"{ref} — {words}"
    # The offline plugin copied the rewritten index, not the theme's.
    script = (site.root / "search/search_index.js").read_text(encoding="utf-8")
    assert script.removeprefix("var __index = ") == (
        site.root / "search/search_index.json"
    ).read_text(encoding="utf-8")
    assert index["config"]["lang"] == ["fr"]
    assert "/" not in re.sub(r"\\.", "", index["config"]["separator"])


def test_the_site_is_offered_as_one_archive(site: Site) -> None:
    home = site.page("index.html")
    link = home.select_one(".ra-archive a[download]")
    archive = site.root / link["href"]
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        infos = opened.infolist()
    folder = Path(link["href"]).stem
    files = sorted(
        path.relative_to(site.root).as_posix()
        for path in site.root.rglob("*")
        if path.is_file() and path != archive
    )
    # Sorted, the search index last: the build zips the pages while it writes the index.
    searched = [name for name in files if name.startswith("search/")]
    expected = [f"{folder}/{name}" for name in files if name not in searched] + [
        f"{folder}/{name}" for name in searched
    ]
    assert names == expected and searched
    assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}  # the epoch


@pytest.mark.parametrize("relative", ["guide.html", "a-propos.html"])
def test_hand_written_pages_are_built(site: Site, relative: str) -> None:
    article = site.page(relative).select_one("article")
    assert article.find("h1") and len(article.get_text()) > 1000


def test_cited_by_is_in_the_table_of_contents(site: Site) -> None:
    """Every text's page has a "Cité par" section that its table of contents lists; a
    text that no text of the corpus cites says so, and one that is cited lists its rows."""
    said_none = listed = 0
    for document in site.documents():
        page = site.page(f"textes/{document['slug']}.html")
        heading = page.select_one("article h2#cite-par")
        assert heading is not None, document["slug"]
        assert heading.get_text(" ", strip=True).startswith("Cité par")
        toc = page.select("nav.md-nav--secondary a.md-nav__link[href='#cite-par']")
        assert len(toc) == 1, f"{document['slug']}: 'Cité par' not in the table of contents"
        assert toc[0].get_text(strip=True) == "Cité par"
        section = heading.find_next_sibling(class_="cite-par")
        rows = section.select("li.cite-par__ligne")
        none = "Aucun texte du corpus ne cite ce texte."
        if rows:
            listed += 1
            assert none not in section.get_text()
        else:
            said_none += 1
            assert section.get_text(strip=True) == none
        # "Cité par" comes before the notes, after the text.
        notes = page.select_one("article h2#notes")
        if notes is not None:
            assert heading in notes.find_all_previous("h2")
    assert said_none and listed, "the seeds have texts cited and texts not cited"


def test_small_links_say_their_visible_words_in_their_name(site: Site) -> None:
    """A note's way back and the tag of the other version: their accessible name holds
    the words they show (WCAG 2.5.3, label in name), and a way back names the paragraph
    in words, never by its internal id."""
    page = site.page("textes/a-res-62-176.html")
    first = page.select_one("#fn-1 a.ra-backref")
    # Note 1 of 62/176 is called in the first preambular paragraph.
    assert first.get_text() == "↩\ufe0e\xa0alinéa 1 du préambule"
    assert first["aria-label"] == "Retour à l’appel de note, alinéa 1 du préambule"
    english = site.page("textes/a-res-78-284-en.html")
    tag = english.select_one("#op2 a.ra-version")
    assert tag.get_text() == "FR"
    assert tag["aria-label"] == "FR\u202f: paragraphe 2 dans la version française"
    checked = 0
    for path in site.pages():
        if path.parent.name != "textes":
            continue
        for link in site.soup(path).select("a.ra-backref, a.ra-version"):
            shown = link.get_text().removeprefix("↩\ufe0e").strip()
            assert shown in link["aria-label"], f"{path.name}: {link}"
            assert not re.fullmatch(r"(sec-\w+-)?(pp|op|p)\d+(-[a-z]+)?", shown), path.name
            checked += 1
    assert checked > 20


def test_a_paragraph_number_read_from_a_misprint_is_marked_on_the_page(site: Site) -> None:
    """The scan of the Tirana declaration prints paragraph 5's number « S. »: the built
    page marks the number as any other correction (the scan's reading in the tooltip,
    reachable by keyboard), and only that number."""
    labels = [
        (document["slug"], correction)
        for document in site.documents()
        for correction in document["corrections"]
        if correction["original"] == "S." and correction["replacement"] == "5."
    ]
    assert [slug for slug, _ in labels] == ["osce-cm-2020-criminalite-transnationale-organisee"]
    page = site.page(f"textes/{labels[0][0]}.html")
    marked = page.select(".ra-para .ra-num .ra-corr")
    assert [(span.find_parent(class_="ra-para")["id"], span.get_text()) for span in marked] == [
        ("op5", "5.")
    ]
    assert "« S. »" in marked[0]["data-ra-tip"]
    assert marked[0]["tabindex"] == "0"
