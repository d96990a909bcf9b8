"""Bad input gets one line naming the file and the line, and exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from resolutions.cli import main
from resolutions.errors import SourceError
from resolutions.pipeline import convert_corpus

FRONT = (
    "---\ntitle: Essai\nsymbol: A/RES/1/1\nbody: ag\ntype: résolution\ndate: 2000-01-01\n"
    "source: essai\n{extra}---\n"
)
TEXT = " L’Assemblée générale,\n\n Rappelant sa résolution 1/2,\n\n 1. Décide de rester saisie.\n"


def run(tmp_path: Path, name: str, content: bytes, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / name
    path.write_bytes(content)
    status = main(["convert", str(path)])
    captured = capsys.readouterr()
    return status, captured.err.strip(), captured.out


CASES = [
    ("empty.txt", b"", 2, "empty.txt:1: error: empty file"),
    ("blank.txt", b"  \n\n", 2, "blank.txt:1: error: empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR", 2, "binary.txt:3: error: binary data"),
    (
        "undecodable.txt",
        FRONT.format(extra="").encode() + b"Texte \x81\x8d\x8f\x90\x9d illisible.\n",
        2,
        "undecodable.txt:9: error: invalid UTF-8 at byte",
    ),
    (
        "broken-yaml.txt",
        b"---\ntitle: [unclosed\nbody: ag\n---\nTexte.\n",
        2,
        "broken-yaml.txt:3: error: front matter is not valid YAML",
    ),
    (
        "unclosed.txt",
        b"---\ntitle: Essai\nTexte sans fin de front matter.\n",
        2,
        "unclosed.txt:1: error: front matter opened with '---' is never closed",
    ),
    (
        "missing-field.txt",
        (
            "---\ntitle: Essai\nbody: ag\ntype: résolution\nsource: s\nsymbol: X/1\n---\nTexte.\n"
        ).encode(),
        2,
        "missing-field.txt:2: error: missing required field 'date'",
    ),
    (
        "bad-date.txt",
        FRONT.format(extra="").replace("2000-01-01", "2000-02-31").encode() + TEXT.encode(),
        2,
        "bad-date.txt:6: error: date '2000-02-31' does not exist",
    ),
    (
        "unknown-format.txt",
        FRONT.format(extra="format: docx\n").encode() + TEXT.encode(),
        2,
        "unknown-format.txt:8: error: unknown format 'docx'",
    ),
    (
        "missing-note.txt",
        FRONT.format(extra="format: markdown\n").encode()
        + "*L'Assemblée générale,*\n\n*Rappelant* sa résolution<sup>5</sup>,\n".encode(),
        2,
        "missing-note.txt:12: error: note 5 is cited here but its text is missing",
    ),
]


@pytest.mark.parametrize(("name", "content", "status", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_message(tmp_path, capsys, name, content, status, message):
    got_status, err, out = run(tmp_path, name, content, capsys)
    assert got_status == status
    assert err.count("\n") == 0, err
    assert err.startswith(f"{tmp_path / name}{message[len(name) :]}"), err
    assert "Traceback" not in err
    assert out == ""


def test_cp1252_text_converts_with_a_warning(tmp_path, capsys):
    content = (FRONT.format(extra="") + TEXT).encode("cp1252")
    status, err, out = run(tmp_path, "latin.txt", content, capsys)
    assert status == 0
    assert "latin.txt:5: warning: not UTF-8: read as CP1252" in err
    assert "L’Assemblée générale," in out


def test_bom_and_crlf_convert(tmp_path, capsys):
    content = b"\xef\xbb\xbf" + (FRONT.format(extra="") + TEXT).replace("\n", "\r\n").encode()
    status, err, out = run(tmp_path, "bom.txt", content, capsys)
    assert (status, err) == (0, "")
    assert '"text": "Décide de rester saisie."' in out


def test_raw_file_without_front_matter_can_be_tried(tmp_path, capsys):
    status, err, out = run(tmp_path, "brouillon.txt", TEXT.encode(), capsys)
    assert (status, err) == (0, "")
    assert '"slug": "brouillon"' in out and '"id": "op1"' in out


def test_no_traceback_from_the_installed_command(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02")
    done = subprocess.run(
        [sys.executable, "-m", "resolutions.cli", "convert", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert (
        done.stderr.strip() == f"{path}:1: error: binary data (NUL byte): this is not a text file"
    )


def test_a_published_corpus_refuses_a_file_without_metadata(tmp_path):
    """`convert` tries a raw file; the corpus the site publishes must describe it."""
    (tmp_path / "texte.txt").write_text(FRONT.format(extra="") + TEXT, encoding="utf-8")
    (tmp_path / "brut.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        convert_corpus(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path.name}/brut.txt:1: error: no front matter")
