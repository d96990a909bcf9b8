"""`check` on a text with an annex: numbering is checked article by article (each
article starts again at 1, or the annex numbers across its articles, as interpretative
notes do), articles run in sequence; and the real A/RES/79/243, imported from its PDF,
passes (57 numbering errors before the annex was in the model)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from resolutions import checks
from resolutions.cli import main
from resolutions.pipeline import convert_bytes

from ..pdf.test_expected_counts import PDF_DIR

HEAD = (
    "---\nsymbol: A/RES/1/1\ntitle: Essai\nbody: ag\ntype: résolution\ndate: 2000-01-01\n"
    "source: essai\nformat: pdf-text\n---\n"
)
RESOLUTION = "L’Assemblée générale,\n\n1. Adopte la Convention.\n\nAnnexe\n\n"


def annex_errors(annex: str) -> list[str]:
    (document,) = convert_bytes((HEAD + RESOLUTION + annex).encode(), "t.txt").documents
    return [diagnostic.message for diagnostic in checks.annex_numbering(document)]


def test_each_article_numbers_its_paragraphs_from_one() -> None:
    annex = (
        "Article premier\n\nObjet\n\n1. Un.\n\n2. Deux.\n\n"
        "Article 2\n\nTerminologie\n\n1. Un.\n\n2. Deux.\n\n3. Trois.\n"
    )
    assert annex_errors(annex) == []


def test_numbers_may_run_across_the_annex() -> None:
    annex = (
        "Article 2\n\n1. Un.\n\n2. Deux.\n\nArticle 17\n\n3. Trois.\n\n"
        "Articles 23 et 35, s’agissant du terme « enquête »\n\n4. Quatre.\n\n"
        "Article 35\n\n5. Cinq.\n"
    )
    assert annex_errors(annex) == []


def test_a_gap_in_an_article_is_reported_with_its_article() -> None:
    # "4." after "2." is no paragraph number (numbers are taken in sequence): the check
    # finds it at the start of an unnumbered paragraph.
    annex = "Article premier\n\nObjet\n\n1. Un.\n\n2. Deux.\n\n4. Quatre.\n"
    assert annex_errors(annex) == [
        "a-res-1-1: in the annex, paragraph 4 of article 1 follows paragraph 2 "
        "(a gap in the numbering)"
    ]


def test_articles_run_in_sequence() -> None:
    annex = "Article premier\n\nObjet\n\n1. Un.\n\nArticle 3\n\nPortée\n\n1. Un.\n"
    assert annex_errors(annex) == [
        "a-res-1-1: in the annex, article 3 follows article 1 (a gap in the numbering)"
    ]


def test_an_annex_block_that_holds_several_paragraphs_is_refused() -> None:
    clause = (
        "the cooperation of States in the prevention of crime and in the protection of victims "
    )
    preamble = " ".join(
        f"{lead} {clause * 3}," for lead in ("Recalling", "Noting", "Convinced", "Concerned")
    )
    text = (
        "The General Assembly,\n\n1. Adopts the Convention.\n\nAnnex\n\nPreamble\n\n"
        f"The States Parties to the present Convention,\n\n{preamble}\n\n"
        "Have agreed as follows:\n"
    )
    (document,) = convert_bytes((HEAD + text).encode(), "t.txt").documents
    (finding,) = checks.run_together(document)
    assert finding.severity == "error" and finding.line == HEAD.count("\n") + 11
    assert "3 places where a paragraph seems to end" in finding.message


def test_the_imported_convention_passes_check(tmp_path: Path) -> None:
    pdf = PDF_DIR / "A_RES_79_243.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} not found")
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["import", str(pdf), "--out", str(tmp_path)]) == 0
    (source,) = tmp_path.glob("*.txt")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["check", str(source)])
    assert status == 0, err.getvalue()
    assert "0 errors" in err.getvalue()
