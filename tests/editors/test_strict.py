"""`make check STRICT=1` on the shipped corpus: it passes, and a new warning fails it; the
reviewed list of citations with no address (source_texts/citations-sans-adresse.yml)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from resolutions import corpus as corpus_pass
from resolutions.cli import main
from resolutions.corpus import unresolved
from resolutions.pipeline import annotate_corpus, convert_file, load_glossary_of
from resolutions.unaddressed import ACCEPTED_FILE, load_accepted

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "source_texts"


def test_make_check_strict_passes_on_the_shipped_corpus():
    done = subprocess.run(
        ["make", "--no-print-directory", "check", "STRICT=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors, 0 warnings" in done.stderr
    assert ": warning: " not in done.stdout


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped source_texts/, the current folder its parent."""
    shutil.copytree(SOURCES, tmp_path / "source_texts")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "source_texts"


def strict(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    status = main(["check", "--strict", "--quiet", "source_texts"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.out.splitlines(), captured.err


def test_the_copy_passes_as_the_shipped_corpus(corpus, capsys):
    status, findings, _ = strict(capsys)
    assert (status, findings) == (0, [])


def test_a_new_unknown_acronym_fails_strict(corpus, capsys):
    path = corpus / "pc-dec-758.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, 1) if "CARICC" in line)
    lines[number - 1] = lines[number - 1].replace("CARICC", "CARICC, avec le ZORGLUB")
    path.write_text("\n".join(lines), encoding="utf-8")
    status, findings, _ = strict(capsys)
    assert status == 1
    assert findings == [
        f"source_texts/pc-dec-758.txt:{number}: warning: pc-dec-758: acronym 'ZORGLUB' is not "
        "in the glossary (source_texts/glossaire.yml)"
    ]


def test_a_new_citation_with_no_address_fails_strict(corpus, capsys):
    """Decision 5/05 is accepted with no address; the same text citing 7/05 is not."""
    path = corpus / "pc-dec-758.txt"
    text = path.read_text(encoding="utf-8")
    assert "Décision No 5/05" in text and "(MC.DEC/5/05)" in text
    path.write_text(text.replace("5/05", "7/05"), encoding="utf-8")
    status, findings, _ = strict(capsys)
    assert status == 1
    assert findings == [
        "source_texts/pc-dec-758.txt:36: warning: citation with no address: Décision n° 7/05 "
        "du Conseil ministériel de l’OSCE (Ljubljana) (MC.DEC/7/05)",
        "source_texts/pc-dec-758.txt:37: warning: citation with no address: Document MC.DEC/7/05",
    ]


def test_without_the_reviewed_list_the_citations_are_warned_again(corpus, capsys):
    (corpus / ACCEPTED_FILE).unlink()
    status, findings, _ = strict(capsys)
    assert status == 1
    assert len(findings) == 7
    assert all(": warning: citation with no address: " in line for line in findings)


def test_every_accepted_citation_is_still_cited_and_has_a_reason():
    """No stale entry: each accepted key is a citation of the corpus with no address."""
    accepted = load_accepted(SOURCES / ACCEPTED_FILE)
    assert set(accepted) == {
        "cnd:50/12",
        "cnd:57/9",
        "cnd:58/9",
        "MC.DEC/3/05",
        "MC.DEC/5/05",
        "MC.DEC/5/06",
    }
    documents = [
        document
        for path in sorted(SOURCES.glob("*.txt"))
        for document in convert_file(path).documents
    ]
    annotated = annotate_corpus(documents, load_glossary_of(SOURCES, ROOT))[0]
    unaddressed = {
        span.key.partition("#")[0]
        for document in annotated
        for _, block in document.all_blocks()
        for span in corpus_pass._citations(block)
        if not span.target
    }
    assert set(accepted) <= unaddressed
    assert all(len(entry.reason) > 40 for entry in accepted.values())
    assert unresolved(annotated) == []


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("acceptees:\n  - cle: cnd:50/12\n", 2, "entry without 'raison'"),
        ("acceptees:\n  - cle: cnd:50/12\n    motif: x\n", 3, "unknown field 'motif'"),
        ("acceptees:\n  - cle: cnd:50/12\n    raison: ''\n", 3, "'raison' must be a non-empty"),
        (
            "acceptees:\n  - {cle: a, raison: b}\n  - {cle: a, raison: c}\n",
            3,
            "'a' is already accepted on line 2",
        ),
        ("citations:\n  - {cle: a, raison: b}\n", 1, "expected one key, 'acceptees:'"),
        ("acceptees: [\n", 2, "not valid YAML"),
    ],
)
def test_a_malformed_list_stops_the_check_at_its_line(corpus, capsys, content, line, message):
    (corpus / ACCEPTED_FILE).write_text(content, encoding="utf-8")
    status = main(["check", "--strict", "--quiet", "source_texts"])
    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.out + captured.err
    assert captured.err.startswith(f"source_texts/{ACCEPTED_FILE}:{line}: error: {message}")
