"""CONTRIBUTING.md's « Ajouter un texte à partir du PDF officiel », followed as written:
its import command, run on a real PDF, writes a source text that `resolutions check`
accepts, and the options the section names exist."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from resolutions.cli import build_parser

from .conftest import require_pdfs

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Ajouter un texte à partir du PDF officiel"


def section() -> str:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert SECTION in guide
    return guide.split(SECTION, 1)[1].split("\n## ", 1)[0]


def test_the_guide_s_import_command_writes_a_text_that_check_accepts(tmp_path: Path) -> None:
    pdf = min(require_pdfs(), key=lambda path: path.stat().st_size)
    blocks = re.findall(r"^```console\n(.*?)^```", section(), re.M | re.S)
    assert len(blocks) == 1
    words = shlex.split(blocks[0].strip())
    assert words[:2] == [".venv/bin/resolutions", "import"] and words[2].endswith(".pdf")
    # The editor's project: the glossary beside the texts, none of the seeds.
    (tmp_path / "source_texts").mkdir()
    shutil.copy(ROOT / "source_texts" / "glossaire.yml", tmp_path / "source_texts")
    command = [sys.executable, "-m", "resolutions.cli", "import", str(pdf), *words[3:]]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (written,) = (tmp_path / "source_texts").glob("*.txt")
    assert written.read_text(encoding="utf-8").startswith("---\nsymbol: ")
    checked = subprocess.run(
        [sys.executable, "-m", "resolutions.cli", "check", "--quiet", "source_texts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ": error:" not in checked.stdout


def test_the_options_the_guide_names_exist() -> None:
    text = section()
    parser = build_parser()
    for option in re.findall(r"`(--[a-z-]+)`", text):
        assert option in {"--out", "--force", "--removals"}, option
        namespace = parser.parse_args(
            ["import", "x.pdf", option, *(["d"] if option == "--out" else [])]
        )
        assert namespace.command == "import"
    assert "convert fichier.pdf --markdown" in text
