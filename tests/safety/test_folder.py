"""Issue 12, findings 7, 8 and 10: what sits in ``source_texts/`` and how it is read.

Every file there is a text, the glossary or an error; links out of the folder, FIFOs
and devices are refused without being read; ``source_path`` never holds the absolute
path of the machine that built the site; nothing is ignored in silence.
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import pytest

from resolutions.cli import main
from resolutions.errors import SourceError
from resolutions.load import BODIES, SLUG, load_source, parse_source
from resolutions.pipeline import convert_corpus
from tests.site.build import ROOT, build_site

TEXT = (
    "---\nsymbol: A/RES/1/{n}\ntitle: Un titre\nbody: ag\ntype: résolution\n"
    "date: 2000-01-01\nsource: essai\nformat: pdf-text\n{extra}---\n"
    " L’Assemblée générale,\n\n 1. Décide de rester saisie de la question.\n"
)


def corpus(tmp_path: Path, count: int = 1, glossary: bool = True) -> Path:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    for n in range(1, count + 1):
        (folder / f"a-res-1-{n}.txt").write_text(TEXT.format(n=n, extra=""), encoding="utf-8")
    if glossary:
        (folder / "glossaire.yml").write_bytes((ROOT / "source_texts/glossaire.yml").read_bytes())
    return folder


def check(folder: Path, capsys: pytest.CaptureFixture, *paths: str) -> tuple[int, str]:
    status = main(["check", *(paths or [str(folder)])])
    return status, capsys.readouterr().out


# ------------------------------------------------------------------ finding 7


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path, capsys) -> None:
    folder = corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT.format(n=9, extra=""), encoding="utf-8")
    (folder / "a-res-1-9.txt").symlink_to(secret)
    with pytest.raises(SourceError, match=r"a link to .*secret\.txt, outside source_texts/"):
        convert_corpus(folder)
    status, out = check(folder, capsys)
    assert status == 1
    assert "a-res-1-9.txt:1: error: a link to" in out


def test_source_path_is_relative_in_the_json(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    result = build_site(tmp_path / "site", folder)
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "site" / "textes").glob("*.json"):
        data = path.read_text(encoding="utf-8")
        assert str(tmp_path) not in data
        if path.name.startswith("a-res"):
            assert json.loads(data)["documents"][0]["source_path"] == "source_texts/a-res-1-1.txt"


# ------------------------------------------------------------------ finding 8


def test_check_on_a_fifo_does_not_wait(tmp_path: Path, capsys) -> None:
    folder = corpus(tmp_path)
    fifo = folder / "tube.txt"
    os.mkfifo(fifo)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(check(folder, capsys)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "check waited on the FIFO"
    status, out = outcome[0]
    assert status == 1
    assert "tube.txt:1: error: a named pipe (FIFO), not a text file" in out
    with pytest.raises(SourceError, match="named pipe"):
        load_source(fifo)


def test_a_device_is_refused_without_reading() -> None:
    with pytest.raises(SourceError, match="a character device, not a text file"):
        load_source(Path("/dev/zero"))


def test_a_symbol_too_long_for_a_file_name_is_refused_by_check() -> None:
    raw = TEXT.format(n="9" * 260, extra="").encode()
    with pytest.raises(SourceError, match="over the limit of 80"):
        parse_source(raw, "t.txt")


def test_what_names_a_page_is_checked_once_where_it_is_read() -> None:
    """A slug and a body code become file names: load refuses a slug that is not a
    ``load.SLUG`` and a body that is not one of ``BODIES``, whose codes all are."""
    raw = TEXT.format(n=1, extra="slug: ../dehors\n")
    with pytest.raises(SourceError, match=re.escape("slug '../dehors' must be lower-case")):
        parse_source(raw.encode(), "t.txt")
    raw = TEXT.format(n=1, extra="").replace("body: ag", "body: ../ag")
    with pytest.raises(SourceError, match=re.escape("unknown body '../ag'")):
        parse_source(raw.encode(), "t.txt")
    assert all(SLUG.fullmatch(code) for code in BODIES)


# ------------------------------------------------------------------ finding 10


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("fromat: ocr\n", "unknown key 'fromat' (did you mean 'format'?)"),
        ("title: Autre\n", "key 'title' is given twice"),
        ("corrections:\n  - {line: 99, original: a, correction: b}\n", "line 99 is outside"),
    ],
)
def test_mistakes_in_metadata_are_errors(extra: str, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)):
        parse_source(TEXT.format(n=1, extra=extra).encode(), "t.txt")


def test_yaml_values_stay_strings() -> None:
    raw = TEXT.format(n=1, extra="").replace("title: Un titre", "title: yes")
    raw = raw.replace("symbol: A/RES/1/1", "symbol: 1.10")
    entry = parse_source(raw.encode(), "t.txt").entries[0]
    assert entry["title"] == "yes"
    assert entry["symbol"] == "1.10"


@pytest.mark.parametrize("name", ["A-RES-1-2.TXT", "notes.md", "sous-dossier"])
def test_every_file_of_the_folder_is_a_text_the_glossary_or_an_error(
    tmp_path: Path, capsys, name: str
) -> None:
    folder = corpus(tmp_path)
    if name == "sous-dossier":
        (folder / name).mkdir()
        (folder / name / "a-res-1-2.txt").write_text(TEXT.format(n=2, extra=""), "utf-8")
    else:
        (folder / name).write_text(TEXT.format(n=2, extra=""), encoding="utf-8")
    with pytest.raises(SourceError):
        convert_corpus(folder)
    status, out = check(folder, capsys)
    assert status == 1
    assert f"source_texts/{name}:1: error: " in out


def test_an_empty_folder_fails_check(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    status, out = check(folder, capsys)
    assert status == 1
    assert "no source text (*.txt) in this folder" in out


def test_a_missing_glossary_is_said(tmp_path: Path, capsys) -> None:
    folder = corpus(tmp_path, glossary=False)
    result = build_site(tmp_path / "site", folder)
    assert "no glossaire.yml" in result.stderr
