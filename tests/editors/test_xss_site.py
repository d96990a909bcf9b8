"""Hostile text in the sources never reaches readers as markup: the whole site is built
with the real `mkdocs build --strict` from a corpus whose texts carry XSS payloads in
every place a source can put text (title and source in the metadata, a heading, a
paragraph, a sub-item, a note; in each of the three formats), then every page, the
search index and the JSON exports are inspected.

The control is a build of the same corpus with each payload replaced by a plain word:
every page of the hostile site must have exactly the scripts and the same count of each
active element as its clean twin.  A slug that tries to leave its folder is refused.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from resolutions.cli import main
from resolutions.render.listings import LATEST
from resolutions.render.typography import french
from tests.converter.test_safety import PAYLOADS
from tests.site.build import ROOT, build_site

from ..search_index import index_entries
from ..xss import dangerous

SITE_PAYLOADS = [
    # Out of the places where markup is text or a comment.
    "</title><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "</textarea><script>alert(1)</script>",
    '<a href="data:text/html,x">clic</a>',
    "<javascript:alert(1)>",
    # pymdownx.snippets includes files on a line of its own; a text must not pull any in.
    '--8<-- "mkdocs.yml"',
    '--8<-- "CONTRIBUTING.md"',
]
ALL_PAYLOADS = PAYLOADS + SITE_PAYLOADS
FORMATS = ("pdf-text", "markdown", "ocr")
CLEAN_WORD = "texte"

COUNTED_TAGS = (
    "script a img svg iframe frame object embed style link meta base form input button "
    "textarea math video audio source track"
).split()
EVENT_IN_TAG = re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    number: int
    payload: str
    source_format: str

    @property
    def slug(self) -> str:
        return f"a-res-1-{self.number}"

    def shown(self, payload: str) -> str:
        """The payload as the reader should see it: a Markdown export's entities are
        decoded (``&lt;`` is how Markdown writes ``<``), other formats are taken as typed."""
        return html.unescape(payload) if self.source_format == "markdown" else payload

    def on_page(self, payload: str) -> str:
        """The payload as a French text's page shows it: ``shown``, set with the page's
        French typography (``[x]: …`` is shown ``[x]\u00a0: …``), which changes spaces
        and signs, never markup.  The data (JSON, search) keeps ``shown``."""
        return french(self.shown(payload))


TEXTS = [
    Text(number, payload, source_format)
    for number, (payload, source_format) in enumerate(
        ((payload, source_format) for payload in ALL_PAYLOADS for source_format in FORMATS), 1
    )
]


def source(text: Text, payload: str) -> str:
    quoted = json.dumps  # a YAML double-quoted string, whatever the payload holds
    front = (
        f"---\nsymbol: A/RES/1/{text.number}\ntitle: {quoted('Titre ' + payload)}\nbody: ag\n"
        f"type: résolution\ndate: 2000-01-{text.number % 28 + 1:02d}\n"
        f"source: {quoted('Source ' + payload)}\nformat: {text.source_format}\n---\n"
    )
    if text.source_format == "markdown":
        body = (
            f"## TITRE {payload}\n\n*L'Assemblée générale,*\n\n*Rappelant* {payload} et sa "
            "résolution<sup>1</sup>,"
            f"\n\n{payload}\n\n1. *Décide* {payload} :\n\na) {payload} ;\n\n"
            f"<sup>1</sup> Note {payload}.\n"
        )
    else:
        body = (
            f"TITRE {payload}\n\n L’Assemblée générale,\n\n Rappelant {payload} et sa "
            "résolution1,\n\n"
            f"{payload}\n\n 1. Décide {payload} :\n\n a) {payload} ;\n\n____\n\n"
            f" 1  Note {payload}.\n"
        )
    return front + body


def write_corpus(folder: Path, hostile: bool) -> Path:
    folder.mkdir()
    shutil.copy(ROOT / "source_texts" / "glossaire.yml", folder)
    for text in TEXTS:
        payload = text.payload if hostile else CLEAN_WORD
        (folder / f"{text.slug}.txt").write_text(source(text, payload), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Sites:
    hostile: Path
    clean: Path


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    built = {}
    for name, hostile in (("hostile", True), ("clean", False)):
        root = tmp_path_factory.mktemp(name)
        corpus = write_corpus(root / "source_texts", hostile)
        result = build_site(root / "site", corpus)
        assert result.returncode == 0, f"{name} build failed:\n{result.stderr}"
        assert f"{len(TEXTS)} texts converted" in result.stderr
        built[name] = root / "site"
    return Sites(built["hostile"], built["clean"])


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def scripts(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    return [
        (tag.get("src", ""), tag.get("type", ""), tag.get_text()) for tag in soup.find_all("script")
    ]


def test_both_sites_have_the_same_pages(sites: Sites) -> None:
    pages = html_pages(sites.hostile)
    assert pages == html_pages(sites.clean)
    assert {f"textes/{text.slug}.html" for text in TEXTS} <= set(pages)


def test_no_payload_becomes_markup_in_any_page(sites: Sites) -> None:
    pages = html_pages(sites.hostile)
    for relative in pages:
        raw = (sites.hostile / relative).read_text(encoding="utf-8")
        twin = (sites.clean / relative).read_text(encoding="utf-8")
        for tag in COUNTED_TAGS:
            opening = re.compile(rf"<{tag}[\s/>]", re.IGNORECASE)
            assert len(opening.findall(raw)) == len(opening.findall(twin)), (relative, tag)
        assert not EVENT_IN_TAG.search(raw), (relative, EVENT_IN_TAG.search(raw))
        soup, clean = soup_of(sites.hostile / relative), soup_of(sites.clean / relative)
        assert scripts(soup) == scripts(clean), relative
        assert dangerous(soup) == [], relative
        for tag in COUNTED_TAGS:
            assert len(soup.find_all(tag)) == len(clean.find_all(tag)), (relative, tag)


def test_every_script_is_a_file_of_the_site_or_the_themes_own(sites: Sites) -> None:
    """Script files load from the site's own assets; inline scripts are ones the clean
    build has too (the theme's configuration and bootstraps)."""
    clean_inline = {
        tag.get_text()
        for relative in html_pages(sites.clean)
        for tag in soup_of(sites.clean / relative).find_all("script", src=False)
    }
    for relative in html_pages(sites.hostile):
        soup = soup_of(sites.hostile / relative)
        for tag in soup.find_all("script", src=True):
            # 404.html is served from any depth: its addresses start at the site's root.
            if tag["src"].startswith("/"):
                target = sites.hostile / tag["src"].lstrip("/")
            else:
                target = (sites.hostile / relative).parent / tag["src"]
            inside = target.resolve().relative_to(sites.hostile.resolve())
            assert inside.parts[0] == "assets" and target.is_file(), (relative, tag["src"])
        for tag in soup.find_all("script", src=False):
            assert tag.get_text() in clean_inline, (relative, tag.get_text()[:80])


def text_page(sites: Sites, text: Text) -> BeautifulSoup:
    return soup_of(sites.hostile / "textes" / f"{text.slug}.html")


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: f"{t.number}-{t.source_format}")
def test_the_payload_is_still_there_as_text(sites: Sites, text: Text) -> None:
    soup = text_page(sites, text)
    article = soup.find("article").get_text()
    shown = text.on_page(text.payload)
    for where in (f"TITRE {shown}", f"Rappelant {shown}", f"Décide {shown}", f"Note {shown}"):
        assert where in article, where
    # Those four, the sub-item and the paragraph that is the payload alone.
    assert article.count(shown) >= 6
    # Metadata values are plain text wherever the theme puts them.
    assert soup.title.get_text().startswith(f"A/RES/1/{text.number} — Titre {text.payload}")
    assert f"Source {text.payload}" in article


def test_listing_pages_show_titles_as_text(sites: Sites) -> None:
    """Every title, as typed (in French typography, as the text's page shows it), in
    the listing of 2000 (over as many pages as it takes); the home page's latest texts
    too."""
    expected = {french(f"Titre {text.payload}") for text in TEXTS}
    year_pages = sorted((sites.hostile / "textes" / "annee").glob("2000*.html"))
    listed = [
        title.get_text()
        for path in year_pages
        for title in soup_of(path).select(".ra-listing .ra-listing-title")
    ]
    assert len(listed) == len(TEXTS) and set(listed) == expected
    home = soup_of(sites.hostile / "index.html")
    latest = [title.get_text() for title in home.select(".ra-listing .ra-listing-title")]
    assert len(latest) == min(LATEST, len(TEXTS)) and set(latest) <= expected


def test_no_file_was_pulled_in_by_a_snippet_line(sites: Sites) -> None:
    mkdocs_yml = "site_name: Résolutions annotées"
    guide = "Copiez le modèle dans"
    for relative in html_pages(sites.hostile):
        page = (sites.hostile / relative).read_text(encoding="utf-8")
        assert mkdocs_yml not in page, relative
        if relative != "contribuer/index.html":
            assert guide not in page, relative


def search_index(site: Path) -> dict:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    assert json.loads(script.removeprefix("var __index = ")) == index
    return {**index, "docs": index_entries(site)}


def test_the_search_index_holds_text_not_markup(sites: Sites) -> None:
    """The theme puts a result's title and text into the page as HTML: both must parse
    to text alone."""
    index = search_index(sites.hostile)
    clean = {entry["location"]: entry for entry in search_index(sites.clean)["docs"]}
    assert len(index["docs"]) == len(clean)
    generated = ("textes/", "glossaire/")
    by_page: dict[str, list[str]] = {}
    for entry in index["docs"]:
        location = entry["location"]
        if not location.startswith(generated):
            # A hand-written page: the theme's own entry, as in the clean build.
            assert entry == clean[location]
            continue
        for field in ("title", "text"):
            parsed = BeautifulSoup(entry[field], "html.parser")
            assert parsed.find_all(True) == [], (location, field, entry[field][:80])
            by_page.setdefault(location.split("#")[0], []).append(parsed.get_text())
    for text in TEXTS:
        found = "\n".join(by_page[f"textes/{text.slug}.html"])
        shown = text.shown(text.payload)
        assert f"Décide {shown}" in found
        assert f"Note {shown}" in found
        assert f"Titre {text.payload}" in found


def test_the_json_exports_keep_the_text_exactly(sites: Sites) -> None:
    """Data stays data: the export holds what the source says, to the character; whoever
    displays it escapes it."""
    for text in TEXTS:
        path = sites.hostile / "textes" / f"{text.slug}.json"
        document = json.loads(path.read_text(encoding="utf-8"))["documents"][0]
        assert document["title"] == f"Titre {text.payload}"
        assert document["source"] == f"Source {text.payload}"
        operative = next(p for p in document["paragraphs"] if p["kind"] == "operative")
        shown = text.shown(text.payload)
        assert operative["text"].startswith(f"Décide {shown}")
        assert operative["items"][0]["text"].startswith(shown)


# ------------------------------------------------------------------ slugs and paths

VALID = (
    "---\nsymbol: A/RES/79/999\ntitle: Un texte\nbody: ag\ntype: résolution\n"
    "date: 2024-12-17\nsource: essai\nformat: pdf-text\n{slug}---\n"
    " L’Assemblée générale,\n\n 1. Décide de rester saisie de la question.\n"
)


@pytest.mark.parametrize("slug", ["../../etc", "a/b", "/etc/passwd", "..", "textes\\\\..\\\\x"])
def test_a_slug_cannot_leave_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, slug: str
) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    text = VALID.format(slug=f'slug: "{slug}"\n')
    (folder / "evasion.txt").write_text(text, encoding="utf-8")
    shown = json.loads(f'"{slug}"')
    message = (
        f"source_texts/evasion.txt:9: error: slug '{shown}' must be lower-case letters, digits "
        "and hyphens only: it names the text's page, which cannot be in another folder"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "source_texts"]) == 1
    assert capsys.readouterr().out.splitlines() == [message]
    # The build refuses it too, naming the file, and writes nothing.
    result = build_site(tmp_path / "out" / "site", folder)
    assert result.returncode != 0
    assert message.replace("source_texts/", f"{folder}/") in result.stderr
    assert not (tmp_path / "out" / "site").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["evasion.txt"]
