"""The six real UN PDFs against the structure written by reading them (tests/pdf/expected/).

The YAML files were written by a person reading each PDF, before any converter ran on it;
this test compares what the PDF reader makes of each file (the JSON model of
docs/donnees.md, as ``resolutions convert FILE.pdf --json`` prints it) with them.

- The comparison skips with "PDF reader not available" only while the module
  ``resolutions.readers.pdf`` does not exist; any other import error fails.
- The PDFs live outside the repository, in ``../shared/pdfs`` (next to the repository's
  root): absent, the tests skip, except in CI (``CI=true``), where they fail.
- The expected files themselves are checked against the PDFs' bytes (the MANIFEST's
  sha256) and, when ``pdftotext`` is installed, against the PDFs' text layer.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PDF_DIR = ROOT.parent / "shared" / "pdfs"
EXPECTED_DIR = Path(__file__).resolve().parent / "expected"
EXPECTED = sorted(EXPECTED_DIR.glob("*.yml"))
IN_CI = os.environ.get("CI", "").lower() == "true"
SPOT_WORDS = 8


def load_expected(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def pdf_path(expected: dict[str, Any]) -> Path:
    """The PDF, or a skip (a failure in CI) when the shared folder is missing."""
    path = PDF_DIR / expected["file"]
    if not path.is_file():
        message = f"{path} not found (the shared PDFs are expected at ../shared/pdfs)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_reader_available() -> bool:
    """False only when ``resolutions.readers.pdf`` does not exist; a reader that exists and
    fails to import (a missing dependency, a syntax error) raises, so the test fails."""
    try:
        importlib.import_module("resolutions.readers.pdf")
    except ModuleNotFoundError as error:
        if error.name in ("resolutions.readers.pdf", "resolutions.readers"):
            return False
        raise
    return True


def words(text: str) -> list[str]:
    return text.split()


def squeeze(text: str) -> str:
    """Text without any white space: the PDFs' text layer splits some words where the
    letters are spaced out ("Purpose s"), so long texts are compared this way."""
    return re.sub(r"\s+", "", text)


def block_notes(block: dict[str, Any] | None) -> int:
    return len(block["notes"]) if block else 0


def paragraph_notes(paragraph: dict[str, Any]) -> int:
    total = block_notes(paragraph)
    for item in paragraph["items"]:
        total += block_notes(item) + sum(block_notes(sub) for sub in item.get("items", []))
    return total


def annex_notes(annex: dict[str, Any]) -> int:
    """Every note mark in an annex's blocks."""
    total = block_notes(annex["heading"]) + sum(block_notes(block) for block in annex["title"])
    for part in annex["parts"]:
        if part["type"] in ("line", "paragraph"):
            total += paragraph_notes(part) if part["type"] == "paragraph" else block_notes(part)
            continue
        articles = part["articles"] if part["type"] == "chapter" else [part]
        if part["type"] == "chapter":
            total += block_notes(part["heading"]) + block_notes(part["title"])
        for article in articles:
            total += block_notes(article["heading"]) + block_notes(article["title"])
            total += sum(paragraph_notes(paragraph) for paragraph in article["paragraphs"])
    return total


def note_marks(document: dict[str, Any]) -> int:
    """Every note mark kept in the document's blocks, its annexes' included."""
    total = sum(block_notes(block) for block in document["heading"])
    total += block_notes(document["author"]) + block_notes(document["closing"])
    for paragraph in document["paragraphs"]:
        total += paragraph_notes(paragraph)
    total += sum(annex_notes(annex) for annex in document.get("annexes", []))
    total += sum(block_notes(note) for note in document["footnotes"])
    return total


def resolution_paragraphs(document: dict[str, Any], has_annex: bool) -> list[dict[str, Any]]:
    """The resolution's own paragraphs (an annex's are in ``annexes``, apart from them);
    ``has_annex`` is kept for the callers: an annex must have been read when the PDF
    has one."""
    if has_annex:
        assert document.get("annexes"), "the PDF has an annex: none was read"
    return document["paragraphs"]


def annex_articles(annex: dict[str, Any]) -> list[dict[str, Any]]:
    articles = []
    for part in annex["parts"]:
        if part["type"] == "chapter":
            articles.extend(part["articles"])
        elif part["type"] == "article":
            articles.append(part)
    return articles


def labelled(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items with a label: a list's closing words (an unlabelled item) are not one."""
    return [item for item in items if item["label"]]


def measure_annex(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The annex counts of the expected files, measured on the converter's JSON: the
    first annex is the annexed instrument, a second one the instrument's own annex."""
    annexes = documents[0]["annexes"]
    annex = annexes[0]
    chapters = [part for part in annex["parts"] if part["type"] == "chapter"]
    articles = annex_articles(annex)
    lines = {part["role"]: part["text"] for part in annex["parts"] if part["type"] == "line"}
    lettered: dict[int, int] = {}
    roman: dict[int, int] = {}
    for article in articles:
        items = [item for p in article["paragraphs"] for item in labelled(p["items"])]
        subs = [sub for item in items for sub in item.get("items", [])]
        if items:
            lettered[int(article["number"])] = len(items)
        if subs:
            roman[int(article["number"])] = len(subs)
    top_paragraphs = [part for part in annex["parts"] if part["type"] == "paragraph"]
    nested = annexes[1] if len(annexes) > 1 else None
    return {
        "heading": annex["heading"]["text"],
        "title": " ".join(" ".join(block["text"] for block in annex["title"]).split()),
        "preamble": {
            "heading": lines.get("preamble"),
            "author": lines.get("author"),
            "paragraphs": sum(1 for p in top_paragraphs if p["kind"] == "preambular"),
            "closing": lines.get("agreement"),
        },
        "chapters": len(chapters),
        "chapter_list": {
            chapter["number"]: [
                int(chapter["articles"][0]["number"]),
                int(chapter["articles"][-1]["number"]),
                chapter["title"]["text"] if chapter["title"] else None,
            ]
            for chapter in chapters
        },
        "articles": len(articles),
        "items_lettered": sum(lettered.values()),
        "items_roman": sum(roman.values()),
        "articles_with_items": len(lettered),
        "items_lettered_per_article": lettered,
        "items_roman_per_article": roman,
        "end": lines.get("witness"),
        "convention_annex_paragraphs": sum(
            1 for p in nested_paragraphs(nested) if p["kind"] == "numbered"
        )
        if nested
        else 0,
    }


def nested_paragraphs(annex: dict[str, Any]) -> list[dict[str, Any]]:
    found = [part for part in annex["parts"] if part["type"] == "paragraph"]
    return found + [p for article in annex_articles(annex) for p in article["paragraphs"]]


def number_key(number: str | None) -> int | str | None:
    return int(number) if number and number.isdigit() else number


def measure(documents: list[dict[str, Any]], has_annex: bool) -> dict[str, Any]:
    """The counts of the expected files, measured on the converter's JSON."""
    document = documents[0]
    paragraphs = resolution_paragraphs(document, has_annex)
    preambular = [p for p in paragraphs if p["kind"] == "preambular"]
    operative = [p for p in paragraphs if p["kind"] == "operative"]
    per_operative = {number_key(p["number"]): len(p["items"]) for p in operative if p["items"]}
    # Notes are counted over every document of the file: a reader may give an annex its own.
    footnotes = [note for each in documents for note in each["footnotes"]]
    return {
        "preambular": len(preambular),
        "operative": len(operative),
        "items": {
            "per_operative": per_operative,
            "total": sum(per_operative.values()),
            "in_preambular": any(p["items"] for p in preambular),
        },
        "notes": len(footnotes),
        "note_refs": sum(len(note["refs"]) for note in footnotes),
        "sections": len(document["sections"]),
    }


def spot_checks(document: dict[str, Any], has_annex: bool) -> dict[str, str]:
    paragraphs = resolution_paragraphs(document, has_annex)
    preambular = [p for p in paragraphs if p["kind"] == "preambular"]
    operative = [p for p in paragraphs if p["kind"] == "operative"]
    checks = {}
    for name, kind in (("pp", preambular), ("op", operative)):
        if kind:
            checks[f"{name}_first"] = " ".join(words(kind[0]["text"])[:SPOT_WORDS])
            checks[f"{name}_last"] = " ".join(words(kind[-1]["text"])[:SPOT_WORDS])
    return checks


@pytest.fixture(scope="module")
def converted() -> dict[str, list[dict[str, Any]]]:
    """Each PDF converted once for the whole module, by file name."""
    return {}


def convert(expected: dict[str, Any], cache: dict[str, list[dict[str, Any]]]):
    """The JSON documents of ``resolutions convert FILE.pdf --json`` (run in process)."""
    if not pdf_reader_available():
        pytest.skip("PDF reader not available")
    path = pdf_path(expected)
    if expected["file"] not in cache:
        from resolutions.cli import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["convert", str(path), "--json"])
        assert status == 0, f"{expected['file']}: exit {status}\n{err.getvalue()}"
        assert ": error:" not in err.getvalue(), err.getvalue()
        documents = json.loads(out.getvalue())["documents"]
        assert documents, f"{expected['file']}: no document"
        cache[expected["file"]] = documents
    return cache[expected["file"]]


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_counts(yml: Path, converted: dict[str, list[dict[str, Any]]]) -> None:
    expected = load_expected(yml)
    documents = convert(expected, converted)
    has_annex = bool(expected["annex"])
    assert measure(documents, has_annex) == expected["counts"]


ANNEX_KEYS = (
    "heading",
    "title",
    "preamble",
    "chapters",
    "chapter_list",
    "articles",
    "items_lettered",
    "items_roman",
    "articles_with_items",
    "items_lettered_per_article",
    "items_roman_per_article",
    "end",
    "convention_annex_paragraphs",
)


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_annex(yml: Path, converted: dict[str, list[dict[str, Any]]]) -> None:
    """The annexed instrument, read as chapters, articles and items, against the counts
    read in the PDF; a PDF with no annex gives none."""
    expected = load_expected(yml)
    documents = convert(expected, converted)
    if not expected["annex"]:
        assert documents[0]["annexes"] == []
        return
    wanted = {key: expected["annex"].get(key) for key in ANNEX_KEYS}
    wanted["convention_annex_paragraphs"] = wanted["convention_annex_paragraphs"] or 0
    assert measure_annex(documents) == wanted


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_identity(yml: Path, converted: dict[str, list[dict[str, Any]]]) -> None:
    """Symbol, adoption date, language, title, author clause and closing formula."""
    expected = load_expected(yml)
    document = convert(expected, converted)[0]
    assert document["symbol"] == expected["symbol"]
    assert document["date"] == expected["adopted"]
    assert document["lang"] == expected["lang"]
    # The title as printed, wherever the reader keeps it (title field or heading lines).
    printed = " ".join([document["title"], *(block["text"] for block in document["heading"])])
    assert " ".join(words(expected["title"])) in " ".join(words(printed))
    assert document["author"] is not None, "no author clause"
    assert words(document["author"]["text"]) == words(expected["author"])
    assert document["closing"] is not None, "no closing formula"
    assert words(document["closing"]["text"]) == words(expected["closing"])


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_spot_checks(yml: Path, converted: dict[str, list[dict[str, Any]]]) -> None:
    """First words of the first and last preambular and operative paragraphs, and note 1."""
    expected = load_expected(yml)
    documents = convert(expected, converted)
    wanted = {key: value for key, value in expected["spot_checks"].items() if key != "note_1"}
    assert spot_checks(documents[0], bool(expected["annex"])) == wanted
    notes = [note for document in documents for note in document["footnotes"]]
    first = [note for note in notes if note["number"] == "1"]
    assert len(first) == 1, f"note 1 found {len(first)} times"
    assert squeeze(first[0]["text"]) == squeeze(expected["spot_checks"]["note_1"])


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_note_marks_are_the_refs(yml: Path, converted: dict[str, list[dict[str, Any]]]) -> None:
    """Each note mark kept in the text is one citing block in the footnotes, and back."""
    expected = load_expected(yml)
    documents = convert(expected, converted)
    marks = sum(note_marks(document) for document in documents)
    assert marks == expected["counts"]["note_refs"]


# The expected files themselves: well formed, written for these very PDFs.


def manifest_rows() -> dict[str, tuple[str, str]]:
    """file → (symbol, sha256 prefix), from the shared folder's MANIFEST.md."""
    manifest = PDF_DIR / "MANIFEST.md"
    if not manifest.is_file():
        if IN_CI:
            pytest.fail(f"{manifest} not found")
        pytest.skip(f"{manifest} not found")
    rows = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[0].endswith(".pdf"):
            rows[cells[0]] = (cells[1], cells[4].strip("`…"))
    return rows


def test_one_expected_file_per_manifest_pdf() -> None:
    rows = manifest_rows()
    assert sorted(rows) == sorted(load_expected(path)["file"] for path in EXPECTED)
    for path in EXPECTED:
        expected = load_expected(path)
        symbol, _ = rows[expected["file"]]
        assert expected["symbol"] == symbol
        assert path.stem == expected["symbol"].lower().replace("/", "-")


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_expected_file_is_consistent(yml: Path) -> None:
    expected = load_expected(yml)
    counts = expected["counts"]
    items = counts["items"]
    assert sum(items["per_operative"].values()) == items["total"]
    assert all(1 <= number <= counts["operative"] for number in items["per_operative"])
    assert counts["note_refs"] >= counts["notes"]
    for key in ("pp_first", "pp_last", "op_first", "op_last"):
        assert len(words(expected["spot_checks"][key])) == SPOT_WORDS, key
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected["adopted"])
    annex = expected["annex"]
    if annex:
        assert sum(annex["items_lettered_per_article"].values()) == annex["items_lettered"]
        assert sum(annex["items_roman_per_article"].values()) == annex["items_roman"]
        assert len(annex["items_lettered_per_article"]) == annex["articles_with_items"]
        assert len(annex["chapter_list"]) == annex["chapters"]
        spans = sorted(annex["chapter_list"].values())
        assert spans[0][0] == 1 and spans[-1][1] == annex["articles"]
        assert all(spans[i][1] + 1 == spans[i + 1][0] for i in range(len(spans) - 1))


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_expected_file_matches_the_pdf_bytes(yml: Path) -> None:
    expected = load_expected(yml)
    digest = hashlib.sha256(pdf_path(expected).read_bytes()).hexdigest()
    _, prefix = manifest_rows()[expected["file"]]
    assert digest.startswith(prefix), f"{expected['file']} is not the PDF the counts were read in"


@pytest.mark.parametrize("yml", EXPECTED, ids=[path.stem for path in EXPECTED])
def test_expected_texts_are_in_the_pdf_text_layer(yml: Path) -> None:
    """What the expected file quotes (title, author clause, closing, spot checks, note 1)
    is in the PDF's text layer, as pdftotext reads it (white space aside)."""
    expected = load_expected(yml)
    path = pdf_path(expected)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    layer = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Note marks are plain digits in the text layer; no quoted passage has a mark inside it.
    squeezed = squeeze(layer)
    quoted = [expected["title"], expected["author"], expected["closing"]]
    quoted += list(expected["spot_checks"].values())
    missing = [text for text in quoted if squeeze(text) not in squeezed]
    assert not missing


def test_french_seed_has_the_structure_read_in_the_english_pdf() -> None:
    """The measure above, on a real conversion: the French text of A/RES/78/284 in
    source_texts/ (Markdown) has the counts read in the English PDF."""
    from resolutions.pipeline import convert_file
    from resolutions.render.json import document_to_json

    expected = load_expected(EXPECTED_DIR / "a-res-78-284.yml")
    result = convert_file(ROOT / "source_texts" / "a-res-78-284.txt", ROOT)
    documents = [document_to_json(document) for document in result.documents]
    assert measure(documents, has_annex=False) == expected["counts"]
    assert note_marks(documents[0]) == expected["counts"]["note_refs"]


def test_annex_is_measured_apart_from_the_resolution() -> None:
    """The measures on a small JSON document written by hand: the resolution's counts
    leave the annex out, the annex's count its articles, items and sub-items (a list's
    closing words are no item), and note marks in the annex are counted."""

    def block(line: int, text: str = "x", notes: int = 0) -> dict[str, Any]:
        marks = [{"number": "1", "offset": 1} for _ in range(notes)]
        return {"text": text, "line": line, "notes": marks, "annotations": []}

    def item(label: str, subs: int = 0, notes: int = 0) -> dict[str, Any]:
        data = {**block(5, notes=notes), "id": label, "label": label}
        if subs:
            data["items"] = [{**block(6), "id": "s", "label": "(i)"} for _ in range(subs)]
        return data

    def paragraph(kind: str, number: str | None, line: int, items: list) -> dict[str, Any]:
        return {
            **block(line, f"{kind} {number} a b c d e f g h"),
            "kind": kind,
            "number": number,
            "items": items,
        }

    def article(number: str, paragraphs: list) -> dict[str, Any]:
        return {
            "type": "article",
            "number": number,
            "heading": block(20, f"Article {number}"),
            "title": block(21, "Title"),
            "paragraphs": paragraphs,
        }

    annex = {
        "heading": block(12, "Annex"),
        "title": [block(13, "The"), block(14, "Convention")],
        "parts": [
            {"type": "line", "role": "author", **block(15, "The States,")},
            {"type": "paragraph", **paragraph("preambular", None, 16, [])},
            {
                "type": "chapter",
                "number": "I",
                "heading": block(17, "Chapter I"),
                "title": block(18, "General"),
                "articles": [
                    article("1", [paragraph("numbered", "1", 22, [item("(a)", 2), item("")])]),
                    article("2", [paragraph("other", None, 30, [item("(a)", notes=1)])]),
                ],
            },
        ],
    }
    document = {
        "heading": [],
        "author": block(1),
        "closing": block(10),
        "sections": [],
        "footnotes": [{**block(40), "number": "1", "refs": ["annexe-art-2-al-1-a"]}],
        "paragraphs": [
            paragraph("preambular", None, 2, []),
            paragraph("operative", "1", 4, []),
            paragraph("operative", "2", 6, [item("(a)"), item("(b)")]),
        ],
        "annexes": [annex],
    }
    counts = measure([document], has_annex=True)
    assert (counts["preambular"], counts["operative"]) == (1, 2)
    assert counts["items"] == {"per_operative": {2: 2}, "total": 2, "in_preambular": False}
    assert (counts["notes"], counts["note_refs"]) == (1, 1)
    assert note_marks(document) == 1
    measured = measure_annex([document])
    assert measured["title"] == "The Convention"
    assert measured["preamble"] == {
        "heading": None,
        "author": "The States,",
        "paragraphs": 1,
        "closing": None,
    }
    assert measured["chapter_list"] == {"I": [1, 2, "General"]}
    assert measured["items_lettered_per_article"] == {1: 1, 2: 1}
    assert measured["items_roman_per_article"] == {1: 2}
    assert measured["convention_annex_paragraphs"] == 0
    with pytest.raises(AssertionError, match="none was read"):
        measure([{**document, "annexes": []}], has_annex=True)


# ------------------------------------------------- texts imported into the corpus from a PDF


def imported_cases() -> list[tuple[Path, Path]]:
    """(source text, expected file) for every text of source_texts/ imported from one of
    the shared PDFs: its symbol names the expected file."""
    from ..corpus import imported_texts

    by_symbol = {load_expected(path)["symbol"]: path for path in EXPECTED}
    cases = []
    for source in imported_texts():
        head = yaml.safe_load(source.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])
        cases.append((source, by_symbol[head["symbol"]]))
    return cases


@pytest.mark.parametrize(("source", "yml"), imported_cases(), ids=lambda value: value.name)
def test_imported_source_text_has_the_structure_read_in_its_pdf(source: Path, yml: Path) -> None:
    """The source text `resolutions import` wrote (the file an editor reviews and the site
    publishes) converts to the structure read in the PDF."""
    from resolutions.pipeline import convert_file
    from resolutions.render.json import export

    expected = load_expected(yml)
    documents = export(convert_file(source, ROOT).documents)["documents"]
    has_annex = bool(expected.get("annex"))
    measured = measure(documents, has_annex)
    assert measured == {**expected["counts"], "items": measured["items"]} and (
        measured["items"] == expected["counts"]["items"]
    )
    document = documents[0]
    assert document["symbol"] == expected["symbol"]
    assert document["date"] == expected["adopted"]
    assert document["lang"] == expected["lang"]
    assert words(document["author"]["text"]) == words(expected["author"])
    assert words(document["closing"]["text"]) == words(expected["closing"])
    wanted = {key: value for key, value in expected["spot_checks"].items() if key != "note_1"}
    assert spot_checks(document, has_annex) == wanted
    first = [note for note in document["footnotes"] if note["number"] == "1"]
    assert [squeeze(note["text"]) for note in first] == [squeeze(expected["spot_checks"]["note_1"])]
    assert note_marks(document) == expected["counts"]["note_refs"]
