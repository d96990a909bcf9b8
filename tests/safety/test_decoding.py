"""Issue 12, finding 4: one bad byte no longer republishes a text as mojibake.

Invalid UTF-8 in a file that is otherwise UTF-8 is an error naming the line and the
byte; only a file wholly in CP1252 (no UTF-8 letter anywhere) is read as CP1252, with
a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resolutions.cli import main
from resolutions.errors import SourceError
from resolutions.load import parse_source

TEXT = (
    "---\nsymbol: A/RES/1/1\ntitle: Coopération internationale\nbody: ag\ntype: résolution\n"
    "date: 2000-01-01\nsource: essai\nformat: pdf-text\n---\n L’Assemblée générale,\n\n"
    " 1. Décide de rester saisie de la question.\n"
)


def test_one_bad_byte_in_utf8_is_an_error_naming_line_and_byte() -> None:
    raw = TEXT.encode().replace(b"question", b"quest\xe9on")
    with pytest.raises(SourceError) as raised:
        parse_source(raw, "t.txt")
    offset = raw.index(b"\xe9on") + 1
    assert str(raised.value).startswith(f"t.txt:12: error: invalid UTF-8 at byte {offset:,}")
    assert "(byte 41 of the line: 0xE9)" in str(raised.value)


def test_a_wholly_cp1252_file_is_read_with_a_warning() -> None:
    source = parse_source(TEXT.replace("’", "'").encode("cp1252"), "t.txt")
    assert source.entries[0]["title"] == "Coopération internationale"
    assert [d.severity for d in source.diagnostics] == ["warning"]


def test_check_exits_1_on_a_bad_byte(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TEXT.encode().replace(b"Assembl", b"Assembl\xff"))
    assert main(["check", str(folder)]) == 1
    assert "a.txt:10: error: invalid UTF-8" in capsys.readouterr().out
