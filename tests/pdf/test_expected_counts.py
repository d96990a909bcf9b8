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


def note_marks(document: dict[str, Any]) -> int:
    """Every note mark kept in the document's blocks."""
    total = sum(block_notes(block) for block in document["heading"])
    total += block_notes(document["author"]) + block_notes(document["closing"])
    for paragraph in document["paragraphs"]:
        total += block_notes(paragraph) + sum(block_notes(item) for item in paragraph["items"])
    total += sum(block_notes(note) for note in document["footnotes"])
    return total


def resolution_paragraphs(document: dict[str, Any], has_annex: bool) -> list[dict[str, Any]]:
    """The resolution's own paragraphs. When the PDF has an annex (A/RES/79/243: a whole
    convention, with its own preamble and numbered paragraphs), those printed after the
    closing formula belong to the annex: the model has no annex, so they are told apart by
    their line."""
    paragraphs = document["paragraphs"]
    if has_annex and document["closing"]:
        closing_line = document["closing"]["line"]
        paragraphs = [paragraph for paragraph in paragraphs if paragraph["line"] < closing_line]
    return paragraphs


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


def test_annex_paragraphs_are_not_the_resolutions() -> None:
    """With an annex, paragraphs printed after the closing formula are not counted."""

    def block(line: int, text: str = "x") -> dict[str, Any]:
        return {"text": text, "line": line, "notes": [], "annotations": []}

    def paragraph(kind: str, number: str | None, line: int, items: int = 0) -> dict[str, Any]:
        return {
            **block(line, f"{kind} {number} a b c d e f g h"),
            "kind": kind,
            "number": number,
            "items": [block(line + 1) for _ in range(items)],
        }

    document = {
        "heading": [],
        "author": block(1),
        "closing": block(10),
        "sections": [],
        "footnotes": [{**block(30), "number": "1", "refs": ["p3"]}],
        "paragraphs": [
            paragraph("preambular", None, 2),
            paragraph("operative", "1", 4),
            paragraph("operative", "2", 6, items=2),
            paragraph("preambular", None, 12),
            paragraph("operative", "1", 14, items=3),
        ],
    }
    document["paragraphs"][-1]["notes"] = [{"number": "1", "offset": 3}]
    with_annex = measure([document], has_annex=True)
    assert with_annex["preambular"] == 1 and with_annex["operative"] == 2
    assert with_annex["items"] == {"per_operative": {2: 2}, "total": 2, "in_preambular": False}
    assert (with_annex["notes"], with_annex["note_refs"]) == (1, 1)
    assert note_marks(document) == 1
    without = measure([document], has_annex=False)
    assert (without["preambular"], without["operative"]) == (2, 3)
    assert spot_checks(document, has_annex=True)["op_last"] == "operative 2 a b c d e f"


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
