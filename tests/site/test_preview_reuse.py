"""What a preview's rebuild reuses of the last one (the corpus pass's indexes, the
glossary's parts, the graph's lists, kept per text) gives what a fresh build gives from
the same sources: the same corpus, the same indexes, the same generated files, after
each kind of edit.  (``test_preview_rebuild`` checks the whole site through MkDocs;
this checks the corpus and the generated files of many more edits, in this process.)"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from resolutions.corpus import anchors_of, citation_graph, merge_citation_graphs, translations
from resolutions.errors import SourceError
from resolutions.glossary import group_by_text
from resolutions.pipeline import Corpus, Made, Memo, build_corpus
from resolutions.render import glossary_pages, graph_pages
from resolutions.render.graph_pages import Links
from resolutions.render.pages import Folders
from resolutions.render.site import site_files, text_graphs

from .build import ROOT, edit


def drop_paragraph(path: Path, start: str) -> None:
    """The paragraph that begins with ``start`` taken out."""
    text = path.read_text(encoding="utf-8")
    begin = text.index(f"\n\n{start}")
    path.write_text(text[:begin] + text[text.index("\n\n", begin + 2) :], encoding="utf-8")


def files(corpus: Corpus, made: Made | None) -> list[tuple[str, str]]:
    if made is not None:
        made.next_build()
    return [tuple(page) for page in site_files(corpus, Folders(), made=made)]


def assert_same_corpus(kept: Corpus, fresh: Corpus) -> None:
    assert kept.documents == fresh.documents
    assert kept.citations == fresh.citations
    assert kept.mentions.as_dict() == fresh.mentions.as_dict()
    assert list(kept.mentions.entry_ids()) == list(fresh.mentions.entry_ids())
    for entry_id in fresh.mentions.entry_ids():
        by_text = kept.mentions.by_text(entry_id)
        assert dict(by_text) == group_by_text(fresh.mentions.sites(entry_id)), entry_id
        assert list(by_text) == list(group_by_text(fresh.mentions.sites(entry_id))), entry_id
    for entry in fresh.glossary or ():
        by_text = kept.citations.cited_by_entry_by_text(entry.id)
        assert list(by_text.items()) == list(
            group_by_text(fresh.citations.cited_by_entry(entry.id)).items()
        ), entry.id


def versions(corpus: Corpus) -> set[str]:
    """The texts that have a version in another language."""
    return set(translations(corpus.documents))


def titles(corpus: Corpus) -> Callable[[str], str]:
    glossary = corpus.glossary
    return lambda entry_id: entry.title if glossary and (entry := glossary.get(entry_id)) else ""


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "source_texts"
    shutil.copytree(ROOT / "source_texts", folder)
    # Parts of a few rows and lists of a few texts: the seeds fill several of each.
    monkeypatch.setattr(glossary_pages, "ENTRY_PART_BYTES", 2_500)
    monkeypatch.setattr(graph_pages, "PART_TEXTS", 2)
    return folder


WHO = "l’Organisation mondiale de la Santé"
LATER = "la Charte des Nations Unies et la Déclaration ministérielle de 2019"
"""Cited by texts later than the OSCE's decision of 2006: a citation by it goes first
in their lists."""
UDHR = "la Déclaration universelle des droits de l’homme"
"""Cited by the Assembly's resolution 78/284 alone (in its two languages): cited by its
resolution 62/176, which comes first in the corpus, the graph's node for it is 62/176's."""
UDHR_RESOLUTION = "la résolution 217 A (III) de l’Assemblée générale du 10 décembre 1948"
"""Cited by resolution 78/284 without a date (its footnote, « Résolution 217 A (III). »):
cited with one by resolution 62/176, the graph's node for it is 62/176's, which has a
date, and moves it after resolution S-30/1 (no date either) in 78/284's list of the
outside texts it cites."""


def edits(folder: Path) -> list[tuple[str, Callable[[], None]]]:
    osce = folder / "pc-dec-758.txt"
    cited = folder / "a-res-62-176.txt"
    cnd = folder / "cnd-2019-e-2019-28-extrait.txt"
    declaration = cnd  # its first text, which resolution 78/284 cites
    french = folder / "a-res-78-284.txt"
    return [
        (
            "a cited text's title",
            lambda: edit(cited, "title: Coopération", "title: Nouvelle coopération"),
        ),
        (
            "the title of a text another text cites",
            lambda: edit(
                declaration, 'title: "Déclaration ministérielle', 'title: "La déclaration'
            ),
        ),
        (
            "a paragraph fewer in a text with a version in another language",
            lambda: drop_paragraph(french, "15. *Invite*"),
        ),
        (
            "the title of a text naming glossary entries",
            lambda: edit(cnd, "title: Renforcement", "title: Le renforcement"),
        ),
        (
            "a paragraph naming an entry (its excerpt changes, the entries it names do not)",
            lambda: edit(osce, "les plus \nprofitables", "les plus \nrentables"),
        ),
        (
            "a text gaining a glossary mention",
            lambda: edit(osce, "Gravement préoccupé", f"Avec {WHO}, gravement préoccupé"),
        ),
        (
            "a text losing it",
            lambda: edit(osce, f"Avec {WHO}, gravement préoccupé", "Gravement préoccupé"),
        ),
        (
            "a text gaining a citation of a corpus text",
            lambda: edit(
                osce,
                "Gravement préoccupé",
                "Rappelant la résolution 62/176 de l’Assemblée générale, gravement préoccupé",
            ),
        ),
        (
            "a text losing it",
            lambda: edit(
                osce,
                "Rappelant la résolution 62/176 de l’Assemblée générale, gravement préoccupé",
                "Gravement préoccupé",
            ),
        ),
        (
            "a text gaining citations of texts that later texts cite",
            lambda: edit(osce, "Gravement préoccupé", f"Rappelant {LATER}, gravement préoccupé"),
        ),
        (
            "a text losing them",
            lambda: edit(osce, f"Rappelant {LATER}, gravement préoccupé", "Gravement préoccupé"),
        ),
        (
            "the first text gaining a citation that only a later text made",
            lambda: edit(
                cited, " Rappelant la Déclaration du", f" Rappelant {UDHR}, la Déclaration du"
            ),
        ),
        (
            "it losing it",
            lambda: edit(
                cited, f" Rappelant {UDHR}, la Déclaration du", " Rappelant la Déclaration du"
            ),
        ),
        (
            "the first text giving a date to an outside text that a later text cites",
            lambda: edit(
                cited,
                " Rappelant la Déclaration du",
                f" Rappelant {UDHR_RESOLUTION}, la Déclaration du",
            ),
        ),
        (
            "it no longer citing it",
            lambda: edit(
                cited,
                f" Rappelant {UDHR_RESOLUTION}, la Déclaration du",
                " Rappelant la Déclaration du",
            ),
        ),
        (
            # Its name (with the title) is in the graph's item of the text it cites,
            # another year's list: that list is made again.
            "the title of a text citing another corpus text",
            lambda: edit(french, 'title: "Coopération visant', 'title: "La coopération visant'),
        ),
        (
            "a text citing an entry that its other version does not cite there",
            lambda: edit(
                folder / "a-res-78-284-en.txt",
                "*Welcoming* the increasing",
                "*Welcoming*, guided by the Charter of the United Nations, the increasing",
            ),
        ),
        (
            # The English version's row, hidden while the French one cites the same
            # entry from the same paragraph, is shown; its other row stays.
            "a text no longer citing an entry that its other version cites there too",
            lambda: edit(
                french,
                "*Guidée par la Charte des Nations Unies,*",
                "*Guidée par les Nations Unies,*",
            ),
        ),
        ("a text's date", lambda: edit(cnd, "date: 2019-03", "date: 2005-03")),
        (
            "a new text",
            lambda: (folder / "pc-dec-759.txt").write_text(
                osce.read_text(encoding="utf-8").replace("PC.DEC/758", "PC.DEC/759"),
                encoding="utf-8",
            ),
        ),
        ("a deleted text", lambda: (folder / "a-res-78-284-en.txt").unlink()),
        ("a deleted cited text", lambda: cited.unlink()),
    ]


def test_a_rebuild_after_each_edit_is_a_fresh_build(sources: Path) -> None:
    memo = Memo()
    kept = build_corpus(sources, sources.parent, memo=memo)
    files(kept, memo.made)
    for what, change in edits(sources):
        change()
        kept = build_corpus(sources, sources.parent, memo=memo)
        fresh = build_corpus(sources, sources.parent)
        assert_same_corpus(kept, fresh)
        assert files(kept, memo.made) == files(fresh, None), what
        graph, links = memo.made.current["graph"][1].update(
            kept.documents, text_graphs(kept.documents, memo.made), kept.glossary, titles(kept)
        )
        whole = merge_citation_graphs(citation_graph([document]) for document in fresh.documents)
        assert graph == whole, what
        assert links == Links.of(whole, fresh.documents, titles(fresh)), what


def test_the_edits_change_what_they_say(sources: Path) -> None:
    """The edits above do what their names say (else the test above checks less)."""
    before = build_corpus(sources, sources.parent)
    steps = dict(enumerate(edits(sources)))
    corpora = []
    for number in sorted(steps):
        steps[number][1]()
        corpora.append(build_corpus(sources, sources.parent))

    def who_texts(corpus: Corpus) -> set[str]:
        return {site.slug for site in corpus.mentions.sites("oms")}

    def citing_62_176(corpus: Corpus) -> set[str]:
        return {row.slug for row in corpus.citations.cited_by("a-res-62-176")}

    assert "pc-dec-758" not in who_texts(before)
    declaration = "cnd-2019-declaration-ministerielle"
    assert "a-res-78-284" in {row.slug for row in before.citations.cited_by(declaration)}
    assert corpora[1].document(declaration).title != corpora[0].document(declaration).title

    def anchors(corpus: Corpus) -> frozenset[str]:
        return anchors_of(corpus.document("a-res-78-284"))

    assert anchors(corpora[2]) < anchors(corpora[1])
    assert {"a-res-78-284", "a-res-78-284-en"} <= versions(corpora[2])
    assert "pc-dec-758" in who_texts(corpora[5])
    assert "pc-dec-758" not in who_texts(corpora[6])
    assert "pc-dec-758" not in citing_62_176(corpora[6])
    assert "pc-dec-758" in citing_62_176(corpora[7])
    assert "pc-dec-758" not in citing_62_176(corpora[8])

    def named_by_osce(corpus: Corpus) -> dict[str, list]:
        return {
            entry_id: [
                site for site in corpus.mentions.sites(entry_id) if site.slug == "pc-dec-758"
            ]
            for entry_id in corpus.mentions.entry_ids()
        }

    assert named_by_osce(corpora[4]).keys() == named_by_osce(corpora[3]).keys()
    assert named_by_osce(corpora[4])["osce"] != named_by_osce(corpora[3])["osce"]
    assert len(who_texts(before)) > 1  # the entry has other texts

    def citing(corpus: Corpus) -> list[list[str]]:
        return [
            list(dict.fromkeys(row.slug for row in rows))
            for rows in (
                corpus.citations.cited_by_entry("charte-nations-unies"),
                corpus.citations.cited_by("cnd-2019-declaration-ministerielle"),
            )
        ]

    assert citing(corpora[8]) == [["a-res-62-176", "a-res-78-284"], ["a-res-78-284"]]
    assert citing(corpora[9]) == [
        ["pc-dec-758", "a-res-62-176", "a-res-78-284"],
        ["pc-dec-758", "a-res-78-284"],
    ]
    assert citing(corpora[10]) == citing(corpora[8])
    udhr = "glossary:declaration-universelle-droits-homme"

    def first_citer(corpus: Corpus) -> str:
        graphs = [citation_graph([document]) for document in corpus.documents]
        return next(
            document.slug
            for document, graph in zip(corpus.documents, graphs, strict=True)
            if any(node["id"] == udhr for node in graph["nodes"])
        )

    assert first_citer(corpora[10]) == "a-res-78-284-en"
    assert first_citer(corpora[11]) == "a-res-62-176"
    assert first_citer(corpora[12]) == "a-res-78-284-en"

    def outside_cited_by_78_284(corpus: Corpus) -> list[str]:
        graph = merge_citation_graphs(citation_graph([document]) for document in corpus.documents)
        links = Links.of(graph, corpus.documents, titles(corpus))
        return list(links.cites_outside["a-res-78-284"][:2])

    assert outside_cited_by_78_284(corpora[12]) == ["A/RES/217(III)", "A/RES/S-30/1"]
    assert outside_cited_by_78_284(corpora[13]) == ["A/RES/S-30/1", "A/RES/217(III)"]
    assert outside_cited_by_78_284(corpora[14]) == outside_cited_by_78_284(corpora[12])
    number = {what: step for step, (what, _) in steps.items()}
    retitled = number["the title of a text citing another corpus text"]
    title = corpora[retitled].document("a-res-78-284").title
    assert title.startswith("La coopération")
    assert title != corpora[retitled - 1].document("a-res-78-284").title
    year = corpora[retitled].document("a-res-78-284").date[:4]
    assert corpora[retitled].document(declaration).date[:4] != year

    def charter(step: int) -> set[tuple[str, str]]:
        rows = corpora[step].citations.cited_by_entry("charte-nations-unies")
        return {(row.slug, row.block_id) for row in rows}

    shown = number["a text no longer citing an entry that its other version cites there too"]
    assert ("a-res-78-284-en", "pp1") in charter(shown)
    assert ("a-res-78-284-en", "pp1") not in charter(shown - 1)
    assert len([slug for slug, _ in charter(shown) if slug == "a-res-78-284-en"]) == 2


def test_a_text_that_stops_converting_leaves_the_memo_as_it_was(sources: Path) -> None:
    memo = Memo()
    build_corpus(sources, sources.parent, memo=memo)
    osce = sources / "pc-dec-758.txt"
    original = osce.read_text(encoding="utf-8")
    osce.write_text(original.replace("\ntitle:", "\ntitle: [broken\nx:", 1), "utf-8")
    with pytest.raises(SourceError):
        build_corpus(sources, sources.parent, memo=memo)
    osce.write_text(original.replace("\ntitle: ", "\ntitle: Corrigé, ", 1), "utf-8")
    kept = build_corpus(sources, sources.parent, memo=memo)
    fresh = build_corpus(sources, sources.parent)
    assert_same_corpus(kept, fresh)
    assert files(kept, memo.made) == files(fresh, None)


def test_an_unchanged_entry_keeps_its_rows_by_text(sources: Path) -> None:
    """What lets a rebuild leave an entry's parts alone, and weigh again only the rows
    of the edited text: after an edit that changes no mention (a title), the index
    hands back the very same rows by text; the entries the edited text cites, the very
    same rows of every other text."""
    memo = Memo()
    before = build_corpus(sources, sources.parent, memo=memo)
    edit(sources / "a-res-62-176.txt", "title: Coopération", "title: Nouvelle coopération")
    after = build_corpus(sources, sources.parent, memo=memo)
    assert after.mentions.entry_ids()
    for entry_id in after.mentions.entry_ids():
        assert after.mentions.by_text(entry_id) is before.mentions.by_text(entry_id)
    cited = after.citations.cited_by_entry_by_text("convention-1961")
    assert list(cited) == ["pc-dec-758", "a-res-62-176", "a-res-78-284"]
    earlier = before.citations.cited_by_entry_by_text("convention-1961")
    assert cited["a-res-62-176"] != earlier["a-res-62-176"]  # its title is in its rows
    assert cited["pc-dec-758"] is earlier["pc-dec-758"]
    assert cited["a-res-78-284"] is earlier["a-res-78-284"]
