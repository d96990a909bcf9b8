"""The site's generated pages (render/site.py and the modules it calls), made without
MkDocs: their paths, the addresses between them, how the graph and the glossary entries
are cut in parts.  Expected paths and links are written from the layout the README
describes (``textes/organe/<body>.html``, ``textes/annee/<year>.html``…)."""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.structure.files import File

from resolutions.load import BODIES
from resolutions.model import Block, Document, Paragraph
from resolutions.pipeline import build_corpus
from resolutions.render.glossary_pages import (
    chunk_rows,
    cut_again,
    cut_texts,
    in_reading_order,
    reading_rank,
)
from resolutions.render.listings import home_block, listing_pages
from resolutions.render.pages import SEARCH_EXCLUDED, Folders, relative_url
from resolutions.render.site import site_pages

ROOT = Path(__file__).resolve().parents[2]


def text(slug: str, body: str, date: str, symbol: str = "") -> Document:
    return Document(
        slug=slug,
        symbol=symbol,
        title=f"Titre de {slug}",
        body=body,
        type="résolution",
        date=date,
        source="test",
        format="pdf-text",
        source_path=f"source_texts/{slug}.txt",
        line=1,
        author=Block("L’Assemblée générale,", 2),
        paragraphs=(Paragraph("Décide de rester saisie.", 3, id="op1", kind="operative"),),
    )


@pytest.mark.parametrize(
    ("target", "page"),
    [
        ("textes/organe/ag.md", "textes/index.md"),
        ("textes/index.md", "textes/organe/ag.md"),
        ("textes/a-res-1-1.md", "index.md"),
        ("textes/a-res-1-1.md", "textes/annee/2001.md"),
        ("glossaire/onudc/2.md", "glossaire/onudc.md"),
        ("textes/citations.md", "textes/index.md"),
    ],
)
def test_addresses_between_pages_are_those_mkdocs_makes(target: str, page: str) -> None:
    def file(path: str) -> File:
        return File(path, "docs", "site", use_directory_urls=False)

    assert relative_url(target, page) == file(target).url_relative_to(file(page))


def test_the_hub_lists_bodies_then_years_and_each_listing_links_back() -> None:
    documents = [
        text("a-res-1-1", "ag", "2001-02-03", "A/RES/1/1"),
        text("a-res-1-2", "ag", "2002-05-06", "A/RES/1/2"),
        text("cnd-1", "cnd", "2001-07-08", "CND 1"),
    ]
    pages = listing_pages(documents, "textes", "textes/citations.md")
    assert [page.path for page in pages] == [
        "textes/index.md",
        "textes/organe/ag.md",
        "textes/organe/ag/2002.md",
        "textes/organe/ag/2001.md",
        "textes/organe/cnd.md",
        "textes/organe/cnd/2001.md",
        "textes/annee/2002.md",
        "textes/annee/2001.md",
    ]
    hub = pages[0].content
    assert hub.startswith(SEARCH_EXCLUDED)
    assert "Le corpus compte 3 textes." in hub
    assert '<a href="organe/ag.html">Assemblée générale</a> (2 textes)' in hub
    assert '<li><a href="annee/2001.html">2001</a> <span class="ra-count">(2)</span></li>' in hub
    assert '<a href="citations.html">graphe des citations</a>' in hub
    year_2001 = pages[-1].content
    assert '<a href="../index.html">tous les organes et toutes les années</a>' in year_2001
    # Most recent first, with the body in a year's listing.
    assert year_2001.index("CND 1") < year_2001.index("A/RES/1/1")
    assert (
        '<a href="../a-res-1-1.html"><span class="ra-listing-symbol">A/RES/1/1</span>' in year_2001
    )
    assert "Commission des stupéfiants · <time" in year_2001
    ag_2001 = pages[3].content
    assert '<a href="../ag.html">Assemblée générale, toutes les années</a>' in ag_2001
    assert '<a href="../../annee/2001.html">tous les organes en 2001</a>' in ag_2001
    assert "Assemblée générale · <time" not in ag_2001


def test_the_home_block_links_from_the_home_page() -> None:
    documents = [text("a-res-1-1", "ag", "2001-02-03", "A/RES/1/1")]
    block = home_block(documents, "index.md", "textes", "site.zip")
    assert '<a href="textes/a-res-1-1.html"><span class="ra-listing-symbol">A/RES/1/1' in block
    assert '<a href="textes/index.html">Tous les textes, par organe et par année</a>' in block
    assert '<a href="site.zip" download>' in block
    assert "<strong>1 texte</strong> (Assemblée générale : 1), 1 paragraphe, 0 note." in block
    without_archive = home_block(documents, "index.md", "textes", None)
    assert "download" not in without_archive


@dataclass(frozen=True)
class Row:
    slug: str
    block_id: str = "op1"
    excerpt: str = ""


def test_glossary_parts_never_split_the_rows_of_one_text() -> None:
    rows = [Row("a"), Row("a"), Row("b"), Row("c"), Row("c"), Row("c"), Row("d")]
    parts = chunk_rows(rows, 3)
    assert [[row.slug for row in part] for part in parts] == [
        ["a", "a", "b"],
        ["c", "c", "c"],
        ["d"],
    ]
    # A text with more rows than the limit fills parts, and the next text follows it.
    parts = chunk_rows([Row("a")] * 5 + [Row("b")], 3)
    assert [[row.slug for row in part] for part in parts] == [["a"] * 3, ["a", "a", "b"]]


def test_glossary_parts_weigh_rows_by_what_they_take() -> None:
    rows = [Row("a"), Row("b"), Row("b"), Row("c")]
    sizes = {"a": 50, "b": 30, "c": 10}
    parts = chunk_rows(rows, 70, lambda row: sizes[row.slug])
    # b's two rows (60) do not fit after a (50): a part of their own; c (10) joins them.
    assert [[row.slug for row in part] for part in parts] == [["a"], ["b", "b", "c"]]


def row_by_row(rows: list[Row], limit: int, weight: dict[str, int]) -> list[list[Row]]:
    """The cut as it was written before it went text by text: each row weighed and
    placed in turn."""
    texts: list[list[Row]] = []
    for row in rows:
        if texts and texts[-1][0].slug == row.slug:
            texts[-1].append(row)
        else:
            texts.append([row])
    parts: list[list[Row]] = [[]]
    size = 0
    for found in texts:
        weights = [weight[row.block_id] for row in found]
        if parts[-1] and size + sum(weights) > limit:
            parts.append([])
            size = 0
        for row, row_weight in zip(found, weights, strict=True):
            if parts[-1] and size + row_weight > limit:
                parts.append([])
                size = 0
            parts[-1].append(row)
            size += row_weight
    return [part for part in parts if part]


def test_glossary_parts_cut_text_by_text_as_row_by_row() -> None:
    """Texts weighed whole (a preview keeps each text's weight) cut where rows weighed
    one by one are cut, texts over the limit included."""
    chance = random.Random(14)
    for _ in range(300):
        rows = [
            Row(f"t{text}", f"b{text}-{number}")
            for text in range(chance.randint(0, 30))
            for number in range(chance.randint(1, 6))
        ]
        weight = {row.block_id: chance.randint(1, 40) for row in rows}
        limit = chance.randint(1, 120)
        cut = chunk_rows(rows, limit, lambda row, weight=weight: weight[row.block_id])
        assert [list(part) for part in cut] == row_by_row(rows, limit, weight)


def test_a_list_cut_again_after_a_change_is_cut_as_from_scratch() -> None:
    """A preview cuts an entry's list again from its last cut (``cut_again``): the
    parts are those a fresh cut makes, after any change of a few texts' rows or
    weights (a text over the limit included), and the texts away from the change are
    not weighed again (else the reuse saves nothing)."""
    chance = random.Random(14)
    reuses = 0
    for _ in range(400):
        count = chance.randint(1, 60)
        order = [f"t{number}" for number in range(count)]
        rows = [
            tuple(Row(slug, f"{slug}-{number}") for number in range(chance.randint(1, 4)))
            for slug in order
        ]
        weight = {row.block_id: chance.randint(1, 30) for text in rows for row in text}
        limit = chance.randint(20, 100)
        weighed: list[str] = []

        def weigh(text, weight=weight, weighed=weighed):  # type: ignore[no-untyped-def]
            weighed.append(text[0].slug)
            weights = [weight[row.block_id] for row in text]
            return sum(weights), weights

        earlier = cut_again(order, rows, limit, weigh, None)
        assert (earlier.parts, earlier.part_texts) == cut_texts(
            zip(order, rows, strict=True), limit, weigh
        )
        now = list(rows)
        edited = chance.sample(range(count), chance.randint(1, min(3, count)))
        reweighed = []
        for index in edited:
            if chance.random() < 0.5:  # new rows (another object), maybe another weight
                now[index] = tuple(
                    Row(order[index], f"{order[index]}-{number}-new")
                    for number in range(chance.randint(1, 4))
                )
                weight.update({row.block_id: chance.randint(1, 60) for row in now[index]})
            else:  # the same rows, weighed anew (a text's label changed)
                for row in now[index]:
                    weight[row.block_id] = chance.randint(1, 60)
                reweighed.append(order[index])
        weighed.clear()
        again = cut_again(order, now, limit, weigh, earlier, reweighed)
        weighed_again = len(weighed)
        fresh = cut_texts(zip(order, now, strict=True), limit, weigh)
        assert (again.parts, again.part_texts) == fresh
        assert again.starts == cut_again(order, now, limit, weigh, None).starts
        reuses += count >= 30 and weighed_again < count // 2
    assert reuses > 100  # of the lists of 30 texts or more, about half the 400


def test_texts_in_reading_order_as_their_rows_were_sorted() -> None:
    """The corpus's reading order, worked out once, orders any list's texts as sorting
    the list's rows did: by body (load.BODIES's order, then unknown bodies by name),
    the most recent first, ties by slug reversed; a text the corpus lacks too."""
    chance = random.Random(14)
    bodies = ["ag", "cnd", "ecosoc", "osce-cp", "zz", "aa", ""]
    where = {
        f"s{number}": (chance.choice(bodies), f"20{chance.randint(10, 12)}-0{chance.randint(1, 3)}")
        for number in range(200)
    }
    order = {body: index for index, body in enumerate(BODIES)}
    rank = reading_rank(where, where)
    for _ in range(50):
        slugs = [*chance.sample(sorted(where), chance.randint(0, 40)), "absent"]
        newest = sorted(slugs, key=lambda slug: (where.get(slug, ("", ""))[1], slug), reverse=True)
        expected = sorted(
            newest,
            key=lambda slug: (
                order.get(where.get(slug, ("", ""))[0], len(order)),
                where.get(slug, ("", ""))[0],
            ),
        )
        assert in_reading_order(slugs, rank, where) == expected


def test_every_page_of_the_seed_corpus_has_its_own_path_in_its_folder(tmp_path: Path) -> None:
    corpus = build_corpus(ROOT / "source_texts", ROOT, jobs=1)
    folders = Folders(texts="lire/textes", glossary="lire/glossaire")
    pages = site_pages(corpus, folders)
    paths = [page.path for page in pages.files]
    assert len(paths) == len(set(paths))
    assert all(
        path.startswith(("lire/textes/", "lire/glossaire/", "donnees/")) for path in paths
    ), paths
    for document in corpus.documents:
        assert f"lire/textes/{document.slug}.md" in paths
        assert f"lire/textes/{document.slug}.json" in paths
    assert pages.texts == {d.slug: f"lire/textes/{d.slug}.md" for d in corpus.documents}
    assert corpus.glossary is not None
    assert set(pages.entries) == {entry.id for entry in corpus.glossary}
    # Glossary links from a text page go up one folder, to the glossary's.
    text_page = next(
        page for page in pages.files if page.path == pages.texts[corpus.documents[0].slug]
    )
    assert 'href="../glossaire/' in text_page.content


def test_the_conversion_core_never_imports_mkdocs() -> None:
    """Every module outside ``resolutions.mkdocs`` imported: MkDocs is not loaded."""
    package = ROOT / "plugins" / "resolutions"
    modules = sorted(
        "resolutions." + ".".join(path.relative_to(package).with_suffix("").parts)
        for path in package.rglob("*.py")
        if "mkdocs" not in path.relative_to(package).parts and path.name != "__init__.py"
    )
    assert "resolutions.render.site" in modules and "resolutions.search.entries" in modules
    script = "import importlib, sys\n"
    script += "".join(f"importlib.import_module({name!r})\n" for name in modules)
    script += "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
