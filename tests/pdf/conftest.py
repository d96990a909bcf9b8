"""The real PDFs sit beside the clone, in ``../shared/pdfs`` (CI copies ``shared/`` there)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

PDF_FOLDER = Path(__file__).resolve().parents[2] / ".." / "shared" / "pdfs"


def pdf_paths() -> list[Path]:
    if not PDF_FOLDER.is_dir():
        return []
    return sorted(PDF_FOLDER.glob("*.pdf"))


def require_pdfs() -> list[Path]:
    """The PDFs; in CI (CI=true) their absence is a failure, elsewhere a skip."""
    paths = pdf_paths()
    if not paths:
        message = f"no PDFs in {PDF_FOLDER.resolve()} (shared/pdfs beside the clone)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return paths


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "pdf_path" in metafunc.fixturenames:
        paths = pdf_paths()
        metafunc.parametrize(
            "pdf_path", paths or [None], ids=[p.name for p in paths] or ["no-pdfs"]
        )


@pytest.fixture
def pdf(pdf_path: Path | None) -> Path:
    if pdf_path is None:
        require_pdfs()
    assert pdf_path is not None
    return pdf_path


@cache
def converted(path: Path):
    from resolutions.readers.pdf import convert_pdf

    return convert_pdf(path)


@cache
def text_layer(path: Path) -> list[dict]:
    """Per page, read once with pdfplumber's own grouping: its words (with their size)
    and its text lines (with their position), and the page height."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages.append(
                {
                    "height": float(page.height),
                    "words": page.extract_words(extra_attrs=["size"]),
                    "lines": page.extract_text_lines(),
                }
            )
    return pages
