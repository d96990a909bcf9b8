"""A new editor follows CONTRIBUTING.md word for word, and the new text is on the site.

The test reads the guide, runs its command blocks in order in a copy of the project,
and does by hand what its steps ask: paste a text into the draft file that
`resolutions new` reads, then complete the fields it left "À COMPLÉTER" (and, when the
text does not print its symbol, rename the file as the guide says).  `make check` and
`make serve` run their Makefile recipes with the interpreter of the tests (the Makefile
would make a virtual environment first), and the preview is replaced by the strict
build that `make site` makes of the same sources (serving is tested in
tests/site/test_serve.py).  It is done twice: with a copy from the PDF with blank lines
between paragraphs, and with a hard-wrapped copy with none (its cover block included).
If the guide, `resolutions new` or the Makefile drift from what works, this test fails.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from resolutions.pipeline import convert_corpus

from ..search_index import index_entries
from ..site.build import copy_project

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "CONTRIBUTING.md"
COPIED = ("source_texts", "docs", "overrides", "mkdocs.yml", "CONTRIBUTING.md")

# What the new editor writes: the example the guide gives, and a short text as a PDF
# gives it (trailing spaces, a note number glued to its word, the rule above the notes).
METADATA = {
    "symbol": "A/RES/79/999",
    "title": "Lutte contre le trafic de drogues par les services postaux et de messagerie",
    "body": "ag",
    "type": "résolution",
    "date": "2024-12-17",
    "source": "Nations Unies, Assemblée générale, A/RES/79/999 : texte extrait du PDF",
    "format": "pdf-text",
}
SLUG = "a-res-79-999"
PDF_LINES = """\
   Lutte contre le trafic de drogues par les services postaux
et de messagerie


 L’Assemblée générale,

 Rappelant sa résolution 78/284 du 4 juin 2024 et la Convention des Nations Unies
contre le trafic illicite de stupéfiants et de substances psychotropes de 19881,

 Préoccupée par l’usage croissant des envois postaux et des services de messagerie
express pour l’expédition de colis contenant des drogues,

 1. Engage les États Membres à renforcer la coopération entre leurs services
douaniers et les opérateurs postaux ;

 2. Prie l’Office des Nations Unies contre la drogue et le crime de lui présenter
un rapport à sa quatre-vingtième session.

____
 1  Nations Unies, Recueil des Traités, vol. 1582, no 27627.
"""
PASTED_TEXT = "".join(f"{line} \n" for line in PDF_LINES.rstrip("\n").split("\n"))
"""Copied from a PDF, every line ends with a space."""
HARD_WRAPPED = (
    """\
 Nations Unies                                                    A/RES/79/999
 Assemblée générale                                  Distr. générale
                                                     20 décembre 2024
 Soixante-dix-neuvième session
 Point 108 de l’ordre du jour
 Prévention du crime et justice pénale
 Résolution adoptée par l’Assemblée générale le 17 décembre 2024
 [sur la base du rapport de la Troisième Commission (A/79/459)]
 79/999. Lutte contre le trafic de drogues par les services postaux
 et de messagerie
"""
    + "\n".join(line for line in PDF_LINES.split("\n")[4:] if line.strip())
    + "\n"
)
"""The same text copied from the PDF with its cover block, hard-wrapped, with no blank
line between paragraphs: everything but the source is read from the text."""
PASTES = {"blank-lines": PASTED_TEXT, "hard-wrapped": HARD_WRAPPED}
UNIQUE_WORD = "messagerie"
"""A word of the new text that no other text of the corpus uses."""


def command_blocks(guide: str) -> list[str]:
    return [block.strip() for block in re.findall(r"^```sh\n(.*?)^```", guide, re.M | re.S)]


def guide_fields(guide: str) -> list[str]:
    """The metadata fields the guide's table describes, in its order."""
    return re.findall(r"^\| `([a-z_]+)` \|", guide, re.M)


def cli(command: str) -> str:
    """A command of the guide with the tests' interpreter in place of the virtual
    environment's programs."""
    python = shlex.quote(sys.executable)
    return re.sub(r"^\.venv/bin/resolutions\b", f"{python} -m resolutions.cli", command)


def make_recipe(target: str) -> list[str]:
    """The command lines of a Makefile target, with the tests' interpreter in place of
    the virtual environment's programs."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{target}\s*:", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        command = line.strip().removeprefix("@")
        if command.startswith("echo "):
            continue
        command = command.replace("$(BIN)/resolutions", "{python} -m resolutions.cli")
        command = command.replace("$(BIN)/mkdocs", "{python} -m mkdocs")
        command = command.replace("$(if $(STRICT),--strict)", "")
        assert "$" not in command, f"make {target}: cannot follow '{line.strip()}'"
        recipe.append(command.replace("{python}", shlex.quote(sys.executable)))
    assert recipe, f"make {target} has no command"
    return recipe


@dataclass
class Followed:
    project: Path
    new_file: Path
    new: subprocess.CompletedProcess[str]
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    paste: str

    @property
    def site(self) -> Path:
        return self.project / "build" / "site"

    def page(self, relative: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / relative).read_text(encoding="utf-8"), "lxml")


def complete(path: Path, guide: str) -> Path:
    """Step 2 by hand: write each field left "À COMPLÉTER"; a field the text gave must
    be the text's own value; without a symbol in the text, remove the 'slug' line and
    rename the file after the symbol.  Returns the file's path."""
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = lines.index("---", 1)
    described = guide_fields(guide)
    given = {}
    for field, value in METADATA.items():
        assert field in described, f"the guide's table does not describe '{field}'"
        where = [i for i in range(1, closing) if re.match(rf"^{field}\s*:", lines[i])]
        assert len(where) == 1, f"`resolutions new` wrote no line '{field}: …'"
        written = yaml.safe_load(lines[where[0]].partition(":")[2])
        if written == "À COMPLÉTER":
            assert "# À COMPLÉTER : " in lines[where[0]], lines[where[0]]
            lines[where[0]] = f"{field}: {json.dumps(value, ensure_ascii=False)}"
        else:
            given[field] = written
    # What the text says is the text's own metadata (dates as text).
    assert {k: str(v) for k, v in given.items()} == {k: METADATA[k] for k in given}
    lines = [line for line in lines if not line.startswith("slug:")]
    path.write_text("\n".join(lines), encoding="utf-8")
    named = path.with_name(f"{SLUG}.txt")
    if path != named:
        assert "renommez le fichier" in guide
        path.rename(named)
    return named


def run(command: str, project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("RESOLUTIONS_SOURCE_DIR", None)
    return subprocess.run(
        command, shell=True, cwd=project, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module", params=list(PASTES))
def followed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Followed:
    project = tmp_path_factory.mktemp("clone")
    copy_project(project, COPIED)
    guide = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = command_blocks(guide)
    assert blocks, "the guide has no ```sh command block"
    before = set((project / "source_texts").iterdir())
    new_file: Path | None = None
    new = check = build = None
    for block in blocks:
        if block == "make check":
            assert new_file is not None, "the guide checks before a text is added"
            check = run(" && ".join(make_recipe("check")), project)
        elif block == "make serve":
            # The preview serves what `make site` builds, from the same mkdocs.yml, at the
            # address the guide gives.
            serve = make_recipe("serve")
            assert re.search(r"-m mkdocs serve\b", serve[0]), serve
            address = re.search(r"--dev-addr (\S+)", serve[0])
            assert address and f"<http://{address[1]}/>" in guide, serve
            build = run(" && ".join(make_recipe("site")), project)
        elif block.startswith("make"):
            pytest.fail(f"the guide runs '{block}', which this test does not know how to follow")
        else:
            draft = re.match(r"^\.venv/bin/resolutions new (\S+)$", block)
            if draft:
                # Step 1: the text, as received, in the file the guide names.
                (project / draft[1]).write_text(PASTES[request.param], encoding="utf-8")
            done = run(cli(block), project)
            assert done.returncode == 0, f"'{block}' failed: {done.stderr}"
            if draft:
                new = done
            added = set((project / "source_texts").iterdir()) - before
            if new_file is None and added:
                assert len(added) == 1, added
                new_file = complete(added.pop(), guide)
    assert new_file is not None, "no command of the guide adds a file to source_texts/"
    assert new is not None, "the guide never describes the text with `resolutions new`"
    assert check is not None, "the guide never runs `make check`"
    assert build is not None, "the guide never previews the site (`make serve`)"
    return Followed(project, new_file, new, check, build, request.param)


def test_the_copied_file_is_named_as_the_guide_says(followed: Followed) -> None:
    assert followed.new_file.relative_to(followed.project).as_posix() == f"source_texts/{SLUG}.txt"
    # The slug comes from the symbol: the file name and the page's name agree.
    assert (followed.site / "textes" / f"{followed.new_file.stem}.html").is_file()


def test_resolutions_new_reads_what_the_text_says(followed: Followed) -> None:
    read, left = {
        "blank-lines": ("title, body, lang", "4 fields to complete (symbol, type, date, source)"),
        # The cover block gives the symbol, the type and the date of adoption.
        "hard-wrapped": ("symbol, title, body, type, date, lang", "1 fields to complete (source)"),
    }[followed.paste]
    assert followed.new.stderr.endswith(f": {read} read in the text; {left}\n"), followed.new.stderr
    # The text under the metadata is the text as pasted.
    written = followed.new_file.read_text(encoding="utf-8")
    assert written.split("\n---\n", 1)[1] == PASTES[followed.paste]


def seed_texts() -> int:
    return len(convert_corpus(ROOT / "source_texts").documents)


def test_make_check_reports_the_new_text_without_a_finding(followed: Followed) -> None:
    check = followed.check
    assert check.returncode == 0, check.stdout + check.stderr
    shown = f"source_texts/{SLUG}.txt"
    about_it = [line for line in check.stdout.splitlines() if line.startswith(f"{shown}:")]
    # No error, no warning: only the report line, which counts what was recognised.
    assert about_it == [
        f"{shown}: {SLUG}: format pdf-text (declared); 2 preambular, 2 operative, 0 other "
        "paragraphs; 0 sections; 1 notes; 0 corrections; 5 mentions; 3 citations"
    ], check.stdout
    assert re.search(rf"^{seed_texts() + 1} texts checked: 0 errors", check.stderr, re.M), (
        check.stderr
    )


def test_the_site_builds_strictly(followed: Followed) -> None:
    assert followed.build.returncode == 0, followed.build.stderr
    assert f"{seed_texts() + 1} texts converted" in followed.build.stderr


def test_the_new_text_has_its_page(followed: Followed) -> None:
    page = followed.page(f"textes/{SLUG}.html")
    assert page.find("h1").get_text().startswith(f"{METADATA['symbol']} — {METADATA['title']}")
    article = page.find("article").get_text()
    assert "Engage les États Membres à renforcer la coopération entre leurs services" in article
    assert page.select_one("#op2") is not None and page.select_one("#fn-1") is not None
    exported = json.loads((followed.site / "textes" / f"{SLUG}.json").read_text("utf-8"))
    assert exported["documents"][0]["title"] == METADATA["title"]


def test_the_new_text_is_in_every_listing(followed: Followed) -> None:
    home = followed.page("index.html")
    assert f"textes/{SLUG}.html" in [a["href"] for a in home.select(".ra-listing a")]
    hub = followed.page("textes/index.html")
    assert f"Le corpus compte {seed_texts() + 1} textes" in hub.get_text()
    hub_links = [a["href"] for a in hub.select("article a")]
    for listing in ("organe/ag.html", "annee/2024.html"):
        assert listing in hub_links
        page = followed.page(f"textes/{listing}")
        assert f"../{SLUG}.html" in [a["href"] for a in page.select(".ra-listing a")]
    body_year = followed.page("textes/organe/ag/2024.html")
    assert f"../../{SLUG}.html" in [a["href"] for a in body_year.select(".ra-listing a")]


def test_the_text_it_cites_links_back_to_it(followed: Followed) -> None:
    cited = followed.page("textes/a-res-78-284.html")
    assert any(a["href"].startswith(f"{SLUG}.html") for a in cited.select("a[href]"))


def test_the_new_text_is_in_search(followed: Followed) -> None:
    index = json.loads((followed.site / "search" / "search_index.json").read_text("utf-8"))
    script = (followed.site / "search" / "search_index.js").read_text("utf-8")
    assert json.loads(script.removeprefix("var __index = ")) == index
    page = f"textes/{SLUG}.html"
    docs = index_entries(followed.site)
    locations = [entry["location"] for entry in docs]
    for anchor in ("", "#pp1", "#pp2", "#op1", "#op2", "#fn-1"):
        assert page + anchor in locations, page + anchor
    holding = {e["location"].split("#")[0] for e in docs if UNIQUE_WORD in e["text"]}
    assert holding == {page}
    titles = [e["title"] for e in docs if e["location"] == page]
    assert titles == [f"{METADATA['symbol']} — {METADATA['title']}"]


def test_the_contribuer_page_is_the_guide(followed: Followed) -> None:
    """The site's "Contribuer" page shows the guide's own commands and the template."""
    page = followed.page("contribuer/index.html")
    guide = (followed.project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = [code.get_text().strip() for code in page.select("pre code.language-sh")]
    assert shown == command_blocks(guide)
    template = (ROOT / "docs" / "contribuer" / "modele-texte.txt").read_text(encoding="utf-8")
    assert page.select_one("pre code.language-yaml").get_text().strip() == template.strip()
    nav = [a.get_text(" ", strip=True) for a in followed.page("index.html").select("nav a")]
    assert "Contribuer" in nav
