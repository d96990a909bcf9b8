"""``resolutions import`` and ``resolutions convert`` on PDFs: the editor's path, and bad
input reported as ``file:…: error: …`` with no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2
import pytest

from resolutions.cli import main
from resolutions.load import load_source

from .conftest import require_pdfs


@pytest.fixture(scope="module")
def small_pdf() -> Path:
    return min(require_pdfs(), key=lambda path: path.stat().st_size)


def test_import_writes_a_source_text_then_refuses_to_overwrite_it(
    small_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "source_texts"
    assert main(["import", str(small_pdf), "--out", str(out)]) == 0
    written = sorted(out.glob("*.txt"))
    assert len(written) == 1
    source = load_source(written[0])
    entry = source.entries[0]
    assert entry["format"] == "markdown" and source.format == "markdown"
    assert entry["lang"] == "en" and entry["body"] == "ag" and entry["type"] == "résolution"
    assert entry["source"] == f"https://docs.un.org/en/{entry['symbol']}"
    assert written[0].name == f"{entry['slug']}.txt"
    assert len(entry["pdf_sha256"]) == 64
    assert "written from" in capsys.readouterr().err

    before = written[0].read_bytes()
    written[0].write_text("edited by hand", encoding="utf-8")
    assert main(["import", str(small_pdf), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert ": error: the file already exists" in error and "Traceback" not in error
    assert written[0].read_text(encoding="utf-8") == "edited by hand"
    assert main(["import", str(small_pdf), "--out", str(out), "--force"]) == 0
    assert written[0].read_bytes() == before


def test_convert_reads_a_pdf_in_memory_with_its_removals(
    small_pdf: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(small_pdf), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (document,) = data["documents"]
    assert document["lang"] == "en" and document["format"] == "markdown"
    assert document["footnotes"] and document["paragraphs"]
    reasons = {removal["reason"] for removal in document["removals"]}
    assert {"en-tête courant", "numéro de tirage", "folio (numéro de page)"} <= reasons
    assert main(["convert", str(small_pdf), "--markdown"]) == 0
    assert document["symbol"] in capsys.readouterr().out


def _blank_pdf(path: Path) -> None:
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(612, 792)
    pdf.save(str(path))
    pdf.close()


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("plain.pdf", lambda p: p.write_text("not a PDF at all"), "not a PDF file"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<\ngarbage"), "broken PDF"),
        ("scan.pdf", _blank_pdf, "no text layer"),
    ],
)
@pytest.mark.parametrize("command", ["import", "convert"])
def test_bad_pdfs_give_a_clear_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    make,
    expected: str,
    command: str,
) -> None:
    path = tmp_path / name
    make(path)
    args = [command, str(path)] + (["--out", str(tmp_path / "out")] if command == "import" else [])
    assert main(args) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{path}:") and ": error: " in error and expected in error
    assert "Traceback" not in error
    assert not (tmp_path / "out").exists()


def test_a_truncated_pdf_gives_a_clear_error(
    small_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "truncated.pdf"
    raw = small_pdf.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    assert main(["convert", str(path)]) == 2
    error = capsys.readouterr().err
    assert ": error: " in error and "Traceback" not in error


def test_import_warns_when_the_symbol_is_taken(
    small_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The French text of the same resolution, already in the folder, holds its symbol."""
    out = tmp_path / "source_texts"
    assert main(["import", str(small_pdf), "--out", str(out)]) == 0
    (written,) = out.glob("*.txt")
    symbol = load_source(written).entries[0]["symbol"]
    capsys.readouterr()
    written.rename(out / "version-francaise.txt")
    assert main(["import", str(small_pdf), "--out", str(out)]) == 0
    error = capsys.readouterr().err
    assert f"warning: symbol '{symbol}' is also the symbol of " in error
    assert "version-francaise.txt" in error
