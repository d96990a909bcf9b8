"""`mkdocs serve`: after any edit, a rebuild (which reuses what the edit did not change:
conversions, glossary parts, graph lists, pages' HTML) writes the very files a fresh
server's first build writes from the same sources, byte for byte.

The builds run in this process as `mkdocs serve` runs them (one plugin kept from one
build to the next, ``serve_url`` set), with the graph's and the glossary's part sizes
made small, so that the seven seeds fill several parts of each and a reuse by part is
exercised."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from resolutions.mkdocs.preview import PageReuse, page_outline
from resolutions.render import glossary_pages, graph_pages

from .build import ROOT, SOURCE_DATE_EPOCH, copy_project, edit, every_file

SERVE_URL = "http://127.0.0.1:8000/"
NOTICE = re.compile(r'<div class="ra-preview-error" role="alert".*?</pre></div>', re.DOTALL)

Snapshot = dict[str, bytes]


def plugins_option() -> object:
    """MkDocs's ``plugins`` option, which keeps a plugin that has ``on_startup`` from
    one configuration to the next (how `mkdocs serve` keeps ours between rebuilds)."""
    return dict(MkDocsConfig._schema)["plugins"]


class Server:
    """The builds of one `mkdocs serve`, into one site folder."""

    def __init__(self, project: Path, site: Path) -> None:
        self.project = project
        self.site = site
        self.plugins: dict[str, BasePlugin] = {}  # this server's kept plugins
        self.config: MkDocsConfig | None = None

    @contextmanager
    def _own_plugins(self) -> Iterator[None]:
        option = plugins_option()
        kept = option.plugin_cache  # type: ignore[attr-defined]
        option.plugin_cache = self.plugins  # type: ignore[attr-defined]
        try:
            yield
        finally:
            option.plugin_cache = kept  # type: ignore[attr-defined]

    def build(self) -> Snapshot:
        """Build as `mkdocs serve` does at its start and after each change."""
        with self._own_plugins():
            config = load_config(
                config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site)
            )
            if self.config is None:
                config.plugins.on_startup(command="serve", dirty=False)
            self.config = config
            config.site_url = SERVE_URL
            build(config, serve_url=SERVE_URL)
        return every_file(self.site)

    def close(self) -> None:
        if self.config is not None:
            self.config.plugins.on_shutdown()


def differences(rebuilt: Snapshot, fresh: Snapshot) -> list[str]:
    return sorted(
        [f"only in the rebuild: {name}" for name in rebuilt.keys() - fresh.keys()]
        + [f"only in the fresh build: {name}" for name in fresh.keys() - rebuilt.keys()]
        + [
            f"differs: {name}"
            for name in rebuilt.keys() & fresh.keys()
            if rebuilt[name] != fresh[name]
        ]
    )


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Server, Path]]:
    """A server on a copy of the project and of the seeds (its sources folder)."""
    project, sources = tmp_path / "project", tmp_path / "sources"
    project.mkdir()
    copy_project(project)
    shutil.copytree(ROOT / "source_texts", sources)
    monkeypatch.setenv("RESOLUTIONS_SOURCE_DIR", str(sources))
    monkeypatch.delenv("RESOLUTIONS_SITE_URL", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    # Parts of a few rows and lists of a few texts: the seeds fill several of each.
    monkeypatch.setattr(glossary_pages, "ENTRY_PART_BYTES", 2_500)
    monkeypatch.setattr(graph_pages, "PART_TEXTS", 2)
    server = Server(project, tmp_path / "served")
    try:
        yield server, sources
    finally:
        server.close()


def fresh_build(server: Server, name: str) -> Snapshot:
    """What a server started now on the same sources shows first."""
    fresh = Server(server.project, server.site.parent / name)
    try:
        return fresh.build()
    finally:
        fresh.close()


def new_text(model: Path, path: Path) -> None:
    """A copy of ``model`` as another text (its own slug and symbol)."""
    text = model.read_text(encoding="utf-8")
    assert "symbol: PC.DEC/758\n" in text and "slug:" not in text
    path.write_text(text.replace("symbol: PC.DEC/758\n", "symbol: PC.DEC/759\n"), "utf-8")


def test_the_seeds_fill_several_parts(preview: tuple[Server, Path]) -> None:
    """The smaller parts do what the test needs: glossary entries over several pages,
    the graph's lists by body and year."""
    server, _ = preview
    site = server.build()
    assert any(re.fullmatch(r"glossaire/[^/]+/2\.html", name) for name in site), sorted(site)
    assert any(name.startswith("textes/citations/ag/") for name in site), sorted(site)
    # Served over http, the preview reads the index; the offline plugin's copy of it as
    # a script, for file://, is not made.
    assert "search/search_index.json" in site
    assert "search/search_index.js" not in site
    # Nor a sitemap, which no search engine reads from a preview.
    assert not {"sitemap.xml", "sitemap.xml.gz"} & site.keys()


def test_every_rebuild_shows_what_a_fresh_build_shows(preview: tuple[Server, Path]) -> None:
    server, sources = preview
    docs = server.project / "docs"
    server.build()
    steps = [
        # A text that others cite: its name on the pages of the texts citing it, in
        # the graph's lists, on the glossary entries naming it, in the listings.
        (
            "a cited text's title",
            lambda: edit(
                sources / "a-res-62-176.txt",
                "title: Coopération internationale",
                "title: Coopération internationale renforcée",
            ),
        ),
        (
            "a paragraph of a text",
            lambda: edit(
                sources / "pc-dec-758.txt",
                "à leur demande et en consultation",
                "à leur demande, avec l’ONUDC, et en consultation",
            ),
        ),
        (
            "the glossary",
            lambda: edit(
                sources / "glossaire.yml",
                "description: >-\n      ",
                "description: >-\n      Fiche modifiée. ",
            ),
        ),
        ("a hand-written page", lambda: edit(docs / "guide.md", "\n", "\nUne ligne ajoutée.\n")),
        ("a new text", lambda: new_text(sources / "pc-dec-758.txt", sources / "pc-dec-759.txt")),
        ("a deleted text", lambda: (sources / "a-res-78-284-en.txt").unlink()),
    ]
    for number, (what, change) in enumerate(steps):
        change()
        rebuilt = server.build()
        fresh = fresh_build(server, f"fresh-{number}")
        assert not differences(rebuilt, fresh), (what, differences(rebuilt, fresh))


def test_a_text_that_stops_converting_then_converts_again(
    preview: tuple[Server, Path],
) -> None:
    """While a text does not convert, every page is the last one shown, with the
    notice at its top; once fixed, the rebuild is a fresh build again."""
    server, sources = preview
    text = sources / "pc-dec-758.txt"
    original = text.read_text(encoding="utf-8")
    shown = server.build()
    text.write_text(original.replace("\ntitle:", "\ntitle: [broken\nx:", 1), "utf-8")
    broken = server.build()
    assert broken.keys() == shown.keys()
    for name, content in broken.items():
        if name.endswith(".html") and name != "404.html":  # the theme's, not a page
            assert NOTICE.search(content.decode()), name
            assert NOTICE.sub("", content.decode(), count=1).encode() == shown[name], name
        else:
            assert content == shown[name], name
    text.write_text(original.replace("\ntitle: ", "\ntitle: Corrigé, ", 1), "utf-8")
    rebuilt = server.build()
    assert not differences(rebuilt, fresh_build(server, "fresh"))


def test_an_edit_of_a_hand_written_page_builds_no_generated_page(
    preview: tuple[Server, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text of a hand-written page is its own: no generated page is built again
    after it changes (each of them was, 15,000 at 10,000 texts).  Its headings and
    metadata are what other pages may show of it: the site is then as a fresh build's."""
    server, _ = preview
    guide = server.project / "docs" / "guide.md"
    server.build()
    built: list[str] = []
    keep = PageReuse.keep

    def recorded(reuse: PageReuse, src_uri: str, html: str, dest_uri: str) -> None:
        if src_uri in reuse.expected:
            built.append(src_uri)
        keep(reuse, src_uri, html, dest_uri)

    monkeypatch.setattr(PageReuse, "keep", recorded)
    edit(guide, "\n\n## Lire un texte", "\n\nUn paragraphe ajouté.\n\n## Lire un texte")
    rebuilt = server.build()
    assert built == []
    assert not differences(rebuilt, fresh_build(server, "fresh-text"))
    for number, (old, new) in enumerate(
        [
            ("# Guide du lecteur\n", "# Guide de la lectrice\n"),
            ("# Guide de la lectrice\n", "---\ntitle: Lire le site\n---\n\n# Guide\n"),
            ("## Lire un texte\n", "Lire un texte\n=============\n"),
        ]
    ):
        edit(guide, old, new)
        rebuilt = server.build()
        assert not differences(rebuilt, fresh_build(server, f"fresh-{number}")), (old, new)


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        ("# Titre\n\nUn texte.\n", "# Titre\n\nUn autre texte.\n", False),
        ("# Titre\nSuite.\n", "# Titre\nSuite changée.\n", False),
        ("# Titre\n", "# Autre titre\n", True),
        ("Titre\n=====\n", "Autre\n=====\n", True),
        ("---\ntitle: A\n---\n\nTexte.\n", "---\ntitle: B\n---\n\nTexte.\n", True),
        ("---\nicon: a\n---\n", "---\nicon: b\n---\n", True),
        ("title: A\n\nTexte.\n", "title: B\n\nTexte.\n", True),  # MultiMarkdown metadata
        ('<h1 class="x">A</h1>\n', '<h1 class="x">B</h1>\n', True),
        ('--8<-- "a.md"\n', '--8<-- "b.md"\n', True),
    ],
)
def test_a_page_outline(before: str, after: str, shown: bool) -> None:
    """What other pages may show of a hand-written page changes its outline; nothing
    else does."""
    assert (page_outline(before) != page_outline(after)) is shown


def test_the_preview_keeps_one_file_for_each_data_file(preview: tuple[Server, Path]) -> None:
    """A data file that changed (a text's JSON, the citation graph's) replaces the
    preview's copy of it; a deleted text's goes: the preview's folder holds one file
    for each data file of the site, however many edits."""
    server, sources = preview
    server.build()
    (plugin,) = (kept for kept in server.plugins.values() if hasattr(kept, "reuse"))
    for _ in range(3):
        edit(sources / "a-res-62-176.txt", "title: ", "title: Encore, ")
        server.build()
    (sources / "a-res-78-284-en.txt").unlink()
    site = server.build()
    data = {name for name in site if name.endswith(".json") and not name.startswith("search/")}
    assert "textes/a-res-78-284-en.json" not in data
    assert "textes/a-res-62-176.json" in data
    assert len(list(plugin.reuse.folder.glob("data-*"))) == len(data)


def test_a_file_left_in_place_is_not_looked_at_again(
    preview: tuple[Server, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated file that the last rebuild left in place in the site, handed over
    as the very same string, stays as it is without its key hashed or its kept file
    looked for; a page whose Markdown changed is built again, and the site is a fresh
    build's."""
    server, sources = preview
    server.build()
    edit(sources / "a-res-62-176.txt", "title: ", "title: Encore, ")
    server.build()  # the edited text's pages built
    server.build()  # and now left in place too
    looked: list[str] = []
    get = PageReuse.get

    def recorded(reuse: PageReuse, src_uri: str, key: str) -> Path | None:
        looked.append(src_uri)
        return get(reuse, src_uri, key)

    monkeypatch.setattr(PageReuse, "get", recorded)
    server.build()
    assert looked == []
    edit(sources / "a-res-62-176.txt", "title: ", "title: Et encore, ")
    rebuilt = server.build()
    assert "textes/a-res-62-176.md" in looked
    pages = [name for name in rebuilt if name.endswith(".html")]
    assert len(looked) < len(pages) / 2, (len(looked), len(pages))  # those showing the title
    assert not differences(rebuilt, fresh_build(server, "fresh"))
