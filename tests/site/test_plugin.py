"""The plugin's own pieces: failing closed, the archive, search entries, vendored assets."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import time
import zipfile
from pathlib import Path
from random import Random
from types import SimpleNamespace

import markdown as markdown_module
import material
import pytest
from mkdocs.exceptions import PluginError

from resolutions.archive import (
    ArchiveWriter,
    Compressed,
    CompressedAhead,
    build_epoch,
    compress,
    write_archive,
)
from resolutions.corpus import CitationIndex
from resolutions.glossary import Entry, MentionIndex
from resolutions.mkdocs.config import ResolutionsConfig
from resolutions.mkdocs.plugin import ResolutionsPlugin
from resolutions.mkdocs.stash import PageStash, stash_html_blocks, unstash_html_blocks
from resolutions.model import Block, Document, Footnote, Item, NoteMark, Paragraph
from resolutions.pipeline import Corpus
from resolutions.search import glossary_search_entry, search_entries

from .build import ROOT, build_site

VALID_TEXT = """---
symbol: A/RES/79/999
title: Un texte valide
body: ag
type: résolution
date: 2024-12-17
source: "Nations Unies, Assemblée générale : texte de test"
format: pdf-text
---
 L’Assemblée générale,

 Rappelant sa résolution 78/284 du 4 juin 2024,

 1. Décide de rester saisie de la question.
"""


def test_a_text_that_cannot_be_converted_fails_the_build(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a-valid.txt").write_text(VALID_TEXT, encoding="utf-8")
    broken = VALID_TEXT.replace("date: 2024-12-17", "date: 17 décembre 2024")
    (sources / "b-broken.txt").write_text(broken, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, sources)
    assert result.returncode != 0
    line = broken.splitlines().index("date: 17 décembre 2024") + 1
    assert re.search(rf"b-broken\.txt:{line}: error: .*date", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists(), "no site is published without one of its texts"


def test_the_same_sources_build_the_same_archive(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "b" / "page.html").write_text("<p>b</p>")
    (site / "a.html").write_text("<p>a</p>")
    (site / "a-b.css").write_text("p {}")
    first = write_archive(site, "site.zip", 1_700_000_000).read_bytes()
    for path in site.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    (site / "site.zip").unlink()
    second = write_archive(site, "site.zip", 1_700_000_000).read_bytes()
    assert first == second
    # An archive left by an earlier build is not put inside the new one.
    third = write_archive(site, "site.zip", 1_700_000_000).read_bytes()
    assert third == first
    with zipfile.ZipFile(site / "site.zip") as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == ["site/a-b.css", "site/a.html", "site/b/page.html"]
    assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


class WholeFileCompressor:
    """What ``zipfile`` compresses a member with, here ``archive.compress``'s raw deflate:
    the data kept until ``flush``, then compressed whole."""

    def __init__(self) -> None:
        self.data = bytearray()

    def compress(self, data: bytes) -> bytes:
        self.data += data
        return b""

    def flush(self) -> bytes:
        return compress("", bytes(self.data)).data


def zipped_by_writestr(site: Path, name: str, epoch: int, last: str) -> bytes:
    """The archive as ``ZipFile.writestr`` writes it (the archive's code before its
    files were compressed on several threads), each file's data deflated by
    ``archive.compress``: what ``write_archive`` must match."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(zipfile, "_get_compressor", lambda *_: WholeFileCompressor())
        return _zipped_by_writestr(site, name, epoch, last)


def _zipped_by_writestr(site: Path, name: str, epoch: int, last: str) -> bytes:
    paths = sorted(
        (path.relative_to(site).as_posix(), path) for path in site.rglob("*") if path.is_file()
    )
    ordered = [pair for pair in paths if not pair[0].startswith(f"{last}/")]
    ordered += [pair for pair in paths if pair[0].startswith(f"{last}/")]
    reference = site.parent / "reference.zip"
    with zipfile.ZipFile(reference, "w") as archive:
        for relative, path in ordered:
            info = zipfile.ZipInfo(f"{Path(name).stem}/{relative}", time.gmtime(epoch)[:6])
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return reference.read_bytes()


@pytest.mark.parametrize("threads", [1, 3])
def test_the_archive_compressed_on_threads_is_the_one_zipfile_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    site = tmp_path / "site"
    random = Random(14)
    contents = {
        "empty.txt": b"",
        "index.html": "<p>Résolution 62/176 : « Coopération internationale »</p>".encode() * 300,
        "assets/noise.bin": random.randbytes(70_000),  # stored larger than it is
        "textes/é-accentué.html": "<h1>Décision No 758</h1>".encode() * 2_000,
        "search/t/ab.js": b"__shard('ab', {});" * 5_000,
        "search/manifest.js": b"{}",
    }
    for relative, data in contents.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(data)
    # Chunks of about 40 kB: several files in one, one file alone, several chunks
    # compressed at once and written in their order.
    monkeypatch.setattr("resolutions.archive.CHUNK_BYTES", 40_000)
    expected = zipped_by_writestr(site, "site.zip", 1_700_000_000, "search")
    archived = write_archive(site, "site.zip", 1_700_000_000, threads=threads)
    assert archived.read_bytes() == expected
    with zipfile.ZipFile(archived) as archive:
        assert archive.testzip() is None
        assert {
            info.filename.removeprefix("site/"): archive.read(info) for info in archive.infolist()
        } == contents


def test_files_compressed_ahead_are_taken_unless_they_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page worker compresses its pages for the archive (CompressedAhead); the
    # archive takes their data from it, but compresses again a file written since.
    site = tmp_path / "site"
    (site / "textes").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (site / "textes" / f"{name}.html").write_text(f"<h1>{name}</h1>" * 500)
    ahead = CompressedAhead.beside(tmp_path)
    for name in ("a", "b"):
        ahead.add(f"textes/{name}.html", site / "textes" / f"{name}.html")
    ahead.receive(ahead.finished())
    (site / "textes" / "b.html").write_text("<h1>b, written again</h1>" * 500)
    compressed_here: list[str] = []

    def compress_counted(relative: str, data: bytes) -> Compressed:
        compressed_here.append(relative)
        return compress(relative, data)

    monkeypatch.setattr("resolutions.archive.compress", compress_counted)
    expected = zipped_by_writestr(site, "site.zip", 1_700_000_000, "search")
    writer = ArchiveWriter(site, "site.zip", 1_700_000_000, ahead=ahead)
    writer.start()
    assert writer.finish().read_bytes() == expected
    assert sorted(compressed_here) == ["textes/b.html", "textes/c.html"]
    assert ahead.spool.closed


def test_the_search_index_comes_last_in_the_archive_and_a_cancelled_one_leaves_nothing(
    tmp_path: Path,
) -> None:
    # The build zips its pages while it writes the search index (ArchiveWriter): the
    # search folder's files are added once the rest is in.
    site = tmp_path / "site"
    for name in ("a.html", "search/t/0.js", "search/manifest.js", "textes/b.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    with zipfile.ZipFile(write_archive(site, "site.zip", 1_700_000_000)) as archive:
        names = [info.filename for info in archive.infolist()]
        assert archive.read("site/search/t/0.js") == b"search/t/0.js"
    assert names == [
        "site/a.html",
        "site/textes/b.html",
        "site/search/manifest.js",
        "site/search/t/0.js",
    ]
    (site / "site.zip").unlink()
    writer = ArchiveWriter(site, "site.zip", 1_700_000_000)
    writer.start()
    writer.cancel()
    assert sorted(path.name for path in site.iterdir()) == ["a.html", "search", "textes"]


def test_build_time_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_epoch() == 1_700_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_epoch() == 315_532_800, "zip dates start in 1980"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_epoch() == 315_532_800, "never the clock"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH='yesterday' is not a number"):
        build_epoch()


def hand_made_document() -> Document:
    preamble = Paragraph(
        "Rappelant sa résolution 61/183,", 3, id="pp1", kind="preambular", lead="Rappelant"
    )
    item = Item("en renforçant les contrôles <aux> frontières;", 6, id="op2-a", label="a)")
    operative = Paragraph(
        "Prie les États de coopérer :",
        5,
        id="op2",
        kind="operative",
        number="2",
        lead="Prie",
        items=(item,),
        notes=(NoteMark(4, "1", 5),),
    )
    return Document(
        slug="a-res-1-1",
        symbol="A/RES/1/1",
        title="Titre",
        body="ag",
        type="résolution",
        date="2001-02-03",
        source="test",
        format="pdf-text",
        source_path="x.txt",
        line=1,
        author=Block("L’Assemblée générale,", 2),
        paragraphs=(preamble, operative),
        footnotes=(Footnote("1", Block("Voir A/1/2.", 9), ("op2",)),),
    )


def test_search_entries_lead_to_each_paragraph() -> None:
    entries = search_entries(hand_made_document(), "textes/a-res-1-1.html")
    assert [entry["location"] for entry in entries] == [
        "textes/a-res-1-1.html",
        "textes/a-res-1-1.html#author",
        "textes/a-res-1-1.html#pp1",
        "textes/a-res-1-1.html#op2",
        "textes/a-res-1-1.html#op2-a",
        "textes/a-res-1-1.html#fn-1",
    ]
    titles = {entry["location"].partition("#")[2]: entry["title"] for entry in entries}
    # Named as "Cité par" and the glossary name them (ids.label).
    assert titles["op2"] == "A/RES/1/1 — paragraphe 2"
    assert titles["op2-a"] == "A/RES/1/1 — paragraphe 2 a)"
    assert titles["pp1"] == "A/RES/1/1 — alinéa 1 du préambule"
    assert titles["author"] == "A/RES/1/1 — auteur"
    assert titles["fn-1"] == "A/RES/1/1 — note 1"
    item = next(entry for entry in entries if entry["location"].endswith("#op2-a"))
    assert item["text"] == "en renforçant les contrôles &lt;aux&gt; frontières;"


def test_a_text_without_symbol_is_named_by_its_body_and_year() -> None:
    document = hand_made_document()
    document = Document(**{**document.__dict__, "symbol": "", "body": "cnd"})
    entries = search_entries(document, "textes/x.html")
    assert entries[1]["title"].startswith("Commission des stupéfiants, résolution (2001) — ")


def test_the_home_page_needs_its_marker() -> None:
    plugin = ResolutionsPlugin()
    plugin.load_config({})
    assert isinstance(plugin.config, ResolutionsConfig)
    document = hand_made_document()
    plugin.corpus = Corpus((document,), None, CitationIndex(), MentionIndex.build([document]))
    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    config = SimpleNamespace(docs_dir="docs")
    with pytest.raises(PluginError, match="<!-- ra:corpus -->"):
        plugin._fill_home("# Accueil\n", page, config)
    filled = plugin._fill_home("# Accueil\n\n<!-- ra:corpus -->\n", page, config)
    assert "1 texte</strong>" in filled and 'href="textes/a-res-1-1.html"' in filled


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), ROOT / "scripts" / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_french_search_override_is_up_to_date() -> None:
    """overrides/…/lunr.fr.min.js is the theme's file plus our folding: rerun
    scripts/vendor-lunr-fr.py after upgrading mkdocs-material."""
    vendor = load_script("vendor-lunr-fr.py")
    assert vendor.STOCK.is_relative_to(Path(material.__file__).parent)
    assert vendor.TARGET.read_text(encoding="utf-8") == vendor.compose()
    assert "foldingStemmer" in vendor.TARGET.read_text(encoding="utf-8")


def test_iframe_worker_is_vendored_with_its_licence() -> None:
    folder = ROOT / "overrides/assets/javascripts/iframe-worker"
    script = (ROOT / "scripts/vendor-iframe-worker.sh").read_text(encoding="utf-8")
    version = re.search(r"^VERSION=(\S+)$", script, re.MULTILINE).group(1)
    assert f"iframe-worker {version}" in (folder / "VERSION").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (folder / "LICENSE").read_text(encoding="utf-8")
    shim = (folder / "shim.js").read_text(encoding="utf-8")
    assert "IFrameWorker" in shim and "http" not in shim, "the shim loads nothing remote"
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/javascripts/iframe-worker/shim.js" in mkdocs_yml


def test_vendoring_script_is_valid_bash() -> None:
    checked = subprocess.run(
        ["bash", "-n", str(ROOT / "scripts/vendor-iframe-worker.sh")], check=False
    )
    assert checked.returncode == 0


def test_html_blocks_skip_python_markdown_and_come_back_unchanged() -> None:
    markdown = "\n".join(
        [
            "# Titre",
            "",
            '<div class="ra-meta"><dl><dt>Symbole</dt></dl></div>',
            "",
            "Texte *en Markdown* avec <em>du HTML en ligne</em>.",
            "<p>collé au paragraphe précédent : pas un bloc</p>",
            "",
            '<section class="cite-par">',
            "<h2>Cité par</h2>",
            "</section>",
            "",
            "## I. Partie {#sec-I}",
        ]
    )
    stashed, blocks = stash_html_blocks(markdown)
    assert blocks == [
        '<div class="ra-meta"><dl><dt>Symbole</dt></dl></div>',
        '<section class="cite-par">\n<h2>Cité par</h2>\n</section>',
    ]
    assert "ra-meta" not in stashed and "## I. Partie {#sec-I}" in stashed
    assert "<p>collé au paragraphe précédent" in stashed
    html = markdown_module.markdown(stashed, extensions=["attr_list"])
    restored = unstash_html_blocks(html, blocks, "x.md")
    direct = markdown_module.markdown(markdown, extensions=["attr_list"])
    assert re.sub(r"\n+", "\n", restored) == re.sub(r"\n+", "\n", direct)
    assert 'id="sec-I"' in restored and "ra-stash" not in restored
    with pytest.raises(PluginError, match=r"x\.md: HTML blocks \[1\] lost"):
        unstash_html_blocks(html.replace("<p>ra-stash-1</p>", ""), blocks, "x.md")


def test_blocks_the_theme_search_skips_wait_until_the_page_is_written() -> None:
    """A page the theme's search reads (the home page; text pages with
    ``search_paragraphs: false``) gets its blocks back before the search parses it, but
    not those marked ``data-search-exclude``: Material's parser fails on a list of
    lists inside one (the build stopped with a traceback)."""
    from material.plugins.search.plugin import Parser

    markdown = "\n".join(
        [
            "# Titre",
            "",
            '<div class="ra-para" id="op1"><p>Décide de rester saisie.</p></div>',
            "",
            # As a text's "Liens par paragraphe": a list of lists.
            '<ul class="ra-links-list" data-search-exclude><li id="liens-op1"><a href="#op1">'
            'Paragraphe 1</a><ul class="ra-links-list__links"><li><span>Cite :</span> '
            '<a href="b.html">A/RES/1/1</a></li></ul></li></ul>',
        ]
    )
    stash = PageStash()
    html = markdown_module.markdown(stash.take(markdown, "p.md"))
    searched = stash.put_back(html, "p.md", searched=True)
    assert "Décide de rester saisie" in searched and "liens-op1" not in searched
    parser = Parser()
    parser.feed(searched)
    parser.close()
    read = " ".join("".join(section.text) for section in parser.data)
    assert "Décide" in read and "ra-stash" not in read and "A/RES/1/1" not in read
    written = stash.put_back(searched, "p.md")
    whole = PageStash()
    assert written == whole.put_back(markdown_module.markdown(whole.take(markdown, "p.md")), "p.md")
    assert "ra-stash" not in written and 'id="liens-op1"' in written
    with pytest.raises(ValueError):  # what the theme's search did with the whole page
        Parser().feed(written)


def test_glossary_entries_are_searched_by_their_names() -> None:
    entry = Entry(
        id="onudc",
        kind="organe",
        names=("Office des Nations Unies contre la drogue et le crime",),
        english_name="United Nations Office on Drugs and Crime",
        description="Secrétariat des conventions & programmes.",
        acronyms=("ONUDC",),
        english_acronym="UNODC",
    )
    found = glossary_search_entry(entry, "glossaire/onudc.html")
    assert found["location"] == "glossaire/onudc.html"
    assert found["title"] == "Office des Nations Unies contre la drogue et le crime (ONUDC)"
    assert "UNODC" in found["text"] and "&amp; programmes" in found["text"]


def test_site_folders_are_checked_with_the_configuration() -> None:
    plugin = ResolutionsPlugin()
    errors, _ = plugin.load_config({"texts_dir": "../textes"})
    assert [(name, str(error)) for name, error in errors] == [
        (
            "texts_dir",
            "must be a relative folder of lower-case letters, digits and hyphens, not '../textes'",
        )
    ]
    errors, _ = plugin.load_config({"glossary_dir": "/lexique/"})
    assert errors == []
    assert plugin.config.glossary_dir == "lexique", "slashes around a folder are dropped"
