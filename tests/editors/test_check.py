"""`resolutions check`: every bad input an editor can hand in, with the exact line it
must print (``file:line: error|warning: message``), the exit status, and the report.

Each case writes its files into a fresh ``source_texts/`` folder and runs the command
in-process from the folder above it, as `make check` does from the project root.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from resolutions.cli import NO_FRONT_MATTER, main
from resolutions.load import MAX_BYTES
from resolutions.pipeline import convert_file

ROOT = Path(__file__).resolve().parents[2]
FINDING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): (?P<severity>error|warning): ")
REPORT = re.compile(r"^(?P<path>\S+?): (?P<slug>[a-z0-9-]+): format ")

PDF_TEXT = (
    " L’Assemblée générale,\n\n Rappelant sa résolution 60/1 du 16 septembre 2005,\n\n"
    " 1. Décide de rester saisie de la question.\n"
)


def front(**fields: str | None) -> str:
    """A text's front matter: symbol, title, body, type, date, source on lines 2–7,
    then any other field given (``None`` leaves a field out)."""
    values: dict[str, str | None] = {
        "symbol": "A/RES/1/1",
        "title": "Essai",
        "body": "ag",
        "type": "résolution",
        "date": "2000-01-01",
        "source": "essai",
    }
    values.update(fields)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items() if v is not None) + "---\n"


def line_of(text: str | bytes, needle: str) -> int:
    """The number of the first line of ``text`` holding ``needle``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


@dataclass
class Checked:
    status: int
    findings: list[str]
    reports: list[str]
    out: str
    err: str


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Write ``files`` into ``source_texts/``, run ``resolutions check [options] PATH…``
    (default: the folder) and split what it printed."""
    folder = tmp_path / "source_texts"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)

    def run(files: dict[str, str | bytes], *options: str, paths: tuple[str, ...] = ()):
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        status = main(["check", *options, *(paths or ("source_texts",))])
        captured = capsys.readouterr()
        lines = captured.out.splitlines()
        assert "Traceback" not in captured.out + captured.err
        assert all(FINDING.match(line) or REPORT.match(line) for line in lines), lines
        return Checked(
            status,
            [line for line in lines if FINDING.match(line)],
            [line for line in lines if REPORT.match(line)],
            captured.out,
            captured.err,
        )

    return run


# ----------------------------------------------------------------- files that cannot be read


def test_empty_file(check) -> None:
    done = check({"vide.txt": b""})
    assert done.findings == [
        "source_texts/vide.txt:1: error: empty file: there is no text to convert"
    ]
    assert done.status == 1
    assert done.reports == []


def test_binary_file(check) -> None:
    done = check({"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\rIHDR"})
    assert done.findings == [
        "source_texts/image.txt:3: error: binary data (NUL byte): this is not a text file"
    ]
    assert done.status == 1


def test_a_50_mb_file_is_refused_at_once(check, tmp_path: Path) -> None:
    paragraph = " 1. Décide de rester saisie de la question, " + "et de nouveau " * 20 + "\n\n"
    text = front() + paragraph * (50 * 1_048_576 // len(paragraph.encode()) + 1)
    (tmp_path / "source_texts" / "enorme.txt").write_text(text, encoding="utf-8")
    size = (tmp_path / "source_texts" / "enorme.txt").stat().st_size
    assert size >= 50 * 1_048_576 > MAX_BYTES
    start = time.perf_counter()
    done = check({})
    elapsed = time.perf_counter() - start
    print(f"\n{size / 1_048_576:.0f} MB file refused by `resolutions check` in {elapsed:.3f} s")
    assert done.findings == [
        "source_texts/enorme.txt:1: error: file is 50 MB, over the 20 MB limit for a source "
        "text: no resolution is that long, check what was pasted into it"
    ]
    assert done.status == 1


# ------------------------------------------------- encodings and line ends that convert


def reference_conversion(tmp_path: Path, text: str):
    """The same text saved as plain UTF-8 with LF line ends: what every variant must give."""
    path = tmp_path / "reference.txt"
    path.write_text(text, encoding="utf-8")
    return convert_file(path).documents[0]


def same_text(left, right) -> bool:
    return (left.paragraphs, left.footnotes, left.heading, left.title) == (
        right.paragraphs,
        right.footnotes,
        right.heading,
        right.title,
    )


def test_latin_1_text_converts_with_a_warning_at_its_first_accent(check, tmp_path) -> None:
    # Latin-1 has no curly apostrophe: an editor's Latin-1 file has straight ones.  The
    # front matter is plain ASCII, so the first byte that is not UTF-8 is in the text.
    text = (
        front(title="Rapport annuel", type="rapport")
        + " L'Assemblee generale,\n\n 1. Prie le Secrétaire général de faire rapport.\n"
    )
    done = check({"latin1.txt": text.encode("latin-1")})
    line = line_of(text, "Secrétaire")
    assert line == 11  # the third line of the text
    assert done.findings == [
        f"source_texts/latin1.txt:{line}: warning: not UTF-8: read as CP1252 (Windows "
        "Latin-1); save the file as UTF-8"
    ]
    assert done.status == 0
    converted = convert_file(tmp_path / "source_texts" / "latin1.txt").documents[0]
    assert same_text(converted, reference_conversion(tmp_path, text))
    assert "Secrétaire général" in converted.paragraphs[-1].text


def test_cp1252_text_converts_with_a_warning(check, tmp_path) -> None:
    # CP1252 has the curly apostrophe (byte 0x92) that Latin-1 lacks.
    text = front() + PDF_TEXT
    done = check({"cp1252.txt": text.encode("cp1252")})
    assert done.findings == [
        f"source_texts/cp1252.txt:{line_of(text, 'résolution')}: warning: not UTF-8: read as "
        "CP1252 (Windows Latin-1); save the file as UTF-8"
    ]
    converted = convert_file(tmp_path / "source_texts" / "cp1252.txt").documents[0]
    assert same_text(converted, reference_conversion(tmp_path, text))
    assert "L’Assemblée générale," in [block.text for _, block in converted.blocks()]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("bom.txt", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("crlf.txt", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_bom_and_crlf_convert_without_a_finding(check, tmp_path, name, encode) -> None:
    text = front() + PDF_TEXT
    done = check({name: encode(text)})
    assert (done.findings, done.status) == ([], 0)
    assert len(done.reports) == 1
    converted = convert_file(tmp_path / "source_texts" / name).documents[0]
    reference = reference_conversion(tmp_path, text)
    assert same_text(converted, reference)
    # Line numbers count the same lines: messages point where the editor looks.
    assert [p.line for p in converted.paragraphs] == [p.line for p in reference.paragraphs]


# ------------------------------------------------------------------------ metadata


def test_no_front_matter_is_an_error_for_check_but_convert_accepts_it(check, capsys) -> None:
    done = check({"brut.txt": PDF_TEXT})
    assert done.findings == [f"source_texts/brut.txt:1: error: {NO_FRONT_MATTER}"]
    assert "docs/contribuer/modele-texte.txt" in NO_FRONT_MATTER
    assert done.status == 1
    # `convert` still tries a raw file, so that an editor sees its structure first.
    assert main(["convert", "source_texts/brut.txt"]) == 0
    assert '"slug": "brut"' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("title", "line", "message"),
    [
        (
            "Coopération : l'approche unifiée",
            3,
            "front matter is not valid YAML: mapping values are not allowed in this context "
            "(a value that holds ': ' must be put in double quotes)",
        ),
        (
            '"Coopération internationale',
            7,
            "front matter is not valid YAML: found unexpected end of stream (a quotation mark "
            "is opened and never closed); it opens on line 3",
        ),
        (
            "[Coopération",
            4,
            "front matter is not valid YAML: did not find expected ',' or ']' (a value that "
            "starts with '[' or '{' must be put in double quotes); it opens on line 3",
        ),
    ],
    ids=["colon", "quote", "bracket"],
)
def test_broken_yaml(check, title: str, line: int, message: str) -> None:
    done = check({"yaml.txt": front(title=title) + PDF_TEXT})
    assert done.findings == [f"source_texts/yaml.txt:{line}: error: {message}"]
    assert done.status == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"format": "docx"},
            "format",
            "unknown format 'docx' (known: pdf-text, markdown, ocr, html)",
        ),
        (
            {"body": "onu"},
            "body",
            "unknown body 'onu' (known: ag, cnd, ecosoc, osce-cm, osce-cp)",
        ),
        (
            {"type": "loi"},
            "type",
            "unknown type 'loi' (known: document, décision, déclaration, rapport, résolution)",
        ),
        (
            {"date": "17/12/2024"},
            "date",
            "date '17/12/2024' is not ISO (YYYY-MM-DD, YYYY-MM or YYYY)",
        ),
        ({"date": "2023-02-30"}, "date", "date '2023-02-30' does not exist"),
        ({"source": None}, "symbol", "missing required field 'source'"),
    ],
    ids=["format", "body", "type", "date-format", "date-day", "missing-source"],
)
def test_bad_metadata(check, fields: dict, field: str, message: str) -> None:
    text = front(**fields) + PDF_TEXT
    done = check({"meta.txt": text})
    # A missing field has no line of its own: the message points at the front matter.
    line = 2 if fields == {"source": None} else line_of(text, f"{field}:")
    assert done.findings == [f"source_texts/meta.txt:{line}: error: {message}"]
    assert done.status == 1


def test_duplicate_symbol_in_two_files(check) -> None:
    first = front() + PDF_TEXT
    second = front(slug="autre-texte") + PDF_TEXT
    done = check({"a.txt": first, "b.txt": second})
    assert done.findings == [
        "source_texts/b.txt:2: error: symbol 'A/RES/1/1' is already used by source_texts/a.txt"
    ]
    assert done.status == 1
    # Both texts are still reported, each under its own slug.
    assert [line.split(": ")[1] for line in done.reports] == ["a-res-1-1", "autre-texte"]


ENGLISH_TEXT = (
    " The General Assembly,\n\n Recalling its resolution 60/1 of 16 September 2005,\n\n"
    " 1. Decides to remain seized of the matter.\n"
)


def test_french_and_english_versions_of_one_symbol(check) -> None:
    # Two versions of one text, not a clash: the English one gets its own slug.
    done = check({"a.txt": front() + PDF_TEXT, "a-en.txt": front(lang="en") + ENGLISH_TEXT})
    assert done.findings == []
    assert done.status == 0
    assert sorted(line.split(": ")[1] for line in done.reports) == ["a-res-1-1", "a-res-1-1-en"]
    # Two English texts of one symbol are a clash.
    done = check(
        {
            "a-en.txt": front(lang="en") + ENGLISH_TEXT,
            "b-en.txt": front(lang="en", slug="autre") + ENGLISH_TEXT,
        }
    )
    assert done.findings == [
        "source_texts/b-en.txt:2: error: symbol 'A/RES/1/1' is already used by "
        "source_texts/a-en.txt"
    ]


def test_a_clash_is_found_when_only_the_new_file_is_checked(check) -> None:
    # The editor checks only the file they added; it sorts before the one it clashes with.
    done = check(
        {"b-ancien.txt": front() + PDF_TEXT, "a-nouveau.txt": front(slug="autre") + PDF_TEXT},
        paths=("source_texts/a-nouveau.txt",),
    )
    assert done.findings == [
        "source_texts/a-nouveau.txt:2: error: symbol 'A/RES/1/1' is also used by "
        "source_texts/b-ancien.txt"
    ]
    assert len(done.reports) == 1


def test_duplicate_slug(check) -> None:
    first = front(symbol="A/RES/1/1", slug="meme-page") + PDF_TEXT
    second = front(symbol="A/RES/1/2", slug="meme-page") + PDF_TEXT
    done = check({"a.txt": first, "b.txt": second})
    assert done.findings == [
        f"source_texts/b.txt:{line_of(second, 'slug:')}: error: slug 'meme-page' is already "
        "used by source_texts/a.txt"
    ]


def test_duplicate_slug_made_from_the_symbol(check) -> None:
    # "A/RES/1/1" and "A-RES-1-1" make the same page name: the message names the symbol line.
    done = check(
        {"a.txt": front() + PDF_TEXT, "b.txt": front(symbol="A-RES-1-1") + PDF_TEXT},
    )
    assert done.findings == [
        "source_texts/b.txt:2: error: slug 'a-res-1-1' is already used by source_texts/a.txt"
    ]


# ------------------------------------------------------------------------ the text


def test_a_note_cited_but_missing(check) -> None:
    text = front(format="markdown") + (
        "*L'Assemblée générale,*\n\n*Rappelant* sa résolution 1/2<sup>5</sup>,\n\n"
        "1. *Décide* de rester saisie de la question.\n"
    )
    done = check({"note.txt": text})
    assert done.findings == [
        f"source_texts/note.txt:{line_of(text, '<sup>5</sup>')}: error: note 5 is cited here "
        "but its text is missing"
    ]
    assert done.status == 1


def test_a_note_never_cited(check) -> None:
    text = front(format="pdf-text") + PDF_TEXT + "\n____\n\n 1  Une note que rien ne cite.\n"
    done = check({"note.txt": text})
    assert done.findings == [
        f"source_texts/note.txt:{line_of(text, 'Une note')}: error: a-res-1-1: note 1 is never "
        "cited in the text"
    ]
    assert done.status == 1


GAP_PDF = (
    " L’Assemblée générale,\n\n 1. Décide d’agir ;\n\n 2. Prie le Secrétaire général d’agir ;"
    "\n\n 4. Décide de rester saisie de la question.\n"
)
GAP_MARKDOWN = (
    "*L'Assemblée générale,*\n\n1. *Décide* d’agir ;\n\n2. *Prie* le Secrétaire général "
    "d’agir ;\n\n4. *Décide* de rester saisie de la question.\n"
)


@pytest.mark.parametrize(
    ("source_format", "body"), [("pdf-text", GAP_PDF), ("markdown", GAP_MARKDOWN)]
)
def test_a_gap_in_operative_numbering(check, source_format: str, body: str) -> None:
    text = front(format=source_format) + body
    done = check({"suite.txt": text})
    assert done.findings == [
        f"source_texts/suite.txt:{line_of(text, '4. ')}: error: a-res-1-1: operative paragraph 4 "
        "follows paragraph 2 (a gap in the numbering)"
    ]
    assert done.status == 1


def test_a_repeated_paragraph_number(check) -> None:
    text = front(format="markdown") + GAP_MARKDOWN.replace("4. *Décide*", "2. *Décide*")
    done = check({"suite.txt": text})
    line = text.split("\n").index("2. *Décide* de rester saisie de la question.") + 1
    assert done.findings == [
        f"source_texts/suite.txt:{line}: error: a-res-1-1: operative paragraph 2 follows "
        "paragraph 2 (a repeat or a step back in the numbering)"
    ]


def test_page_furniture_left_in(check) -> None:
    text = front(symbol="A/RES/12/1", format="pdf-text") + (
        "A/RES/12/1\n\n L’Assemblée générale,\n\n 1. Décide d’agir ;\n\n- 3 -\n\n"
        "A/RES/12/1\n\n 2. Décide de rester saisie de la question.\n"
    )
    done = check({"pages.txt": text})
    repeated = [n for n, line in enumerate(text.split("\n"), 1) if line == "A/RES/12/1"][1]
    assert done.findings == [
        f"source_texts/pages.txt:{line_of(text, '- 3 -')}: warning: looks like page furniture "
        "left in: '- 3 -'",
        f"source_texts/pages.txt:{repeated}: warning: the symbol 'A/RES/12/1' is repeated alone "
        "on a line: a running head?",
    ]
    assert done.status == 0


def test_an_unknown_acronym_is_a_warning(check, tmp_path) -> None:
    shutil.copy(ROOT / "source_texts" / "glossaire.yml", tmp_path / "source_texts")
    text = front(format="pdf-text") + (
        " L’Assemblée générale,\n\n 1. Prie l’ONUDC et le XYZQ de lui faire rapport.\n"
    )
    done = check({"sigle.txt": text})
    assert done.findings == [
        f"source_texts/sigle.txt:{line_of(text, 'XYZQ')}: warning: a-res-1-1: acronym 'XYZQ' "
        "is not in the glossary (source_texts/glossaire.yml)"
    ]
    assert done.status == 0
    assert check({}, "--strict").status == 1


def test_an_unresolved_citation_is_a_warning(check) -> None:
    text = front(format="pdf-text") + (
        " L’Assemblée générale,\n\n 1. Rappelle la résolution 50/12 de la Commission des "
        "stupéfiants.\n"
    )
    done = check({"citation.txt": text})
    assert done.findings == [
        f"source_texts/citation.txt:{line_of(text, '50/12')}: warning: citation with no "
        "address: Résolution 50/12 de la Commission des stupéfiants"
    ]
    assert done.status == 0
    assert check({}, "--strict").status == 1


# ----------------------------------------------------------- order, status, report


def test_findings_come_in_the_order_of_the_files_and_their_lines(check) -> None:
    later = front(symbol="A/RES/12/1", format="pdf-text") + (
        " L’Assemblée générale,\n\n 1. Décide d’agir ;\n\n7\n\n 3. Décide d’agir encore.\n"
        "\n____\n\n 1  Une note que rien ne cite.\n"
    )
    files = {"b.txt": later, "a.txt": b"", "c.txt": front(symbol="A/RES/2/2", date="2000-13")}
    files["c.txt"] += PDF_TEXT
    done = check(files)
    assert done.findings == [
        "source_texts/a.txt:1: error: empty file: there is no text to convert",
        f"source_texts/b.txt:{line_of(later, '7')}: warning: looks like page furniture left "
        "in: '7'",
        f"source_texts/b.txt:{line_of(later, '3. ')}: error: a-res-12-1: operative paragraph 3 "
        "follows paragraph 1 (a gap in the numbering)",
        f"source_texts/b.txt:{line_of(later, 'Une note')}: error: a-res-12-1: note 1 is never "
        "cited in the text",
        "source_texts/c.txt:6: error: date '2000-13' does not exist",
    ]
    assert done.err.strip() == "1 texts checked: 4 errors, 1 warnings"


def test_exit_status(check, tmp_path) -> None:
    clean = check({"propre.txt": front() + PDF_TEXT})
    assert (clean.findings, clean.status) == ([], 0)
    assert check({}, "--strict").status == 0
    (tmp_path / "source_texts" / "page.txt").write_text(
        front(symbol="A/RES/1/2") + PDF_TEXT + "\n12\n", encoding="utf-8"
    )
    warned = check({})
    assert [f.split(": ")[1] for f in warned.findings] == ["warning"]
    assert warned.status == 0
    assert check({}, "--strict").status == 1
    (tmp_path / "source_texts" / "vide.txt").write_bytes(b"")
    assert check({}).status == 1


def test_the_report_line_of_each_text(check) -> None:
    declared = front(format="pdf-text") + (
        " L’Assemblée générale,\n\n Rappelant sa résolution 61/183 du 20 décembre 2006 et "
        "le Document final du Sommet mondial de 20051,\n\n Notant l’action menée,\n\n"
        "  I \nCoopération internationale\n\n 1. Décide d’agir ;\n\n"
        "  II \nSuivi\n\n 2. Prie le Secrétaire général de lui faire rapport, conformément "
        "à sa résolution 60/1.\n\n____\n\n 1  Adopté à New York en 2005.\n"
    )
    detected = front(symbol="A/RES/1/2") + PDF_TEXT
    done = check({"declare.txt": declared, "devine.txt": detected}, "--quiet")
    assert done.reports == []
    done = check({})
    assert done.findings == []
    assert done.reports == [
        "source_texts/declare.txt: a-res-1-1: format pdf-text (declared); 2 preambular, "
        "2 operative, 0 other paragraphs; 2 sections; 1 notes; 0 corrections; 0 mentions; "
        "2 citations",
        "source_texts/devine.txt: a-res-1-2: format pdf-text (detected); 1 preambular, "
        "1 operative, 0 other paragraphs; 0 sections; 0 notes; 0 corrections; 0 mentions; "
        "1 citations",
    ]
    markdown = front(symbol="A/RES/1/3") + (
        "*L'Assemblée générale,*\n\n1. *Décide* de rester saisie de la question.\n"
    )
    done = check({"export.txt": markdown}, paths=("source_texts/export.txt",))
    assert done.reports == [
        "source_texts/export.txt: a-res-1-3: format markdown (detected); 0 preambular, "
        "1 operative, 0 other paragraphs; 0 sections; 0 notes; 0 corrections; 0 mentions; "
        "0 citations"
    ]


def test_the_seeds_check_without_an_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "resolutions.cli", "check", "--quiet", "source_texts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert ": error: " not in done.stdout
    # The seven seed texts and the English A/RES/78/284 imported from its PDF.
    assert re.fullmatch(r"8 texts checked: 0 errors, \d+ warnings\n", done.stderr)


def test_no_traceback_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (folder / "binaire.txt").write_bytes(b"\x00\x01\x02")
    (folder / "yaml.txt").write_text(front(title="[Coopération") + PDF_TEXT, encoding="utf-8")
    (folder / "brut.txt").write_text(PDF_TEXT, encoding="utf-8")
    (folder / "bon.txt").write_text(front(symbol="A/RES/1/2") + PDF_TEXT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "resolutions.cli", "check", "source_texts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "source_texts/binaire.txt:1: error: binary data (NUL byte): this is not a text file",
        f"source_texts/brut.txt:1: error: {NO_FRONT_MATTER}",
        "source_texts/yaml.txt:4: error: front matter is not valid YAML: did not find expected "
        "',' or ']' (a value that starts with '[' or '{' must be put in double quotes); it "
        "opens on line 3",
        "source_texts/bon.txt: a-res-1-2: format pdf-text (detected); 1 preambular, "
        "1 operative, 0 other paragraphs; 0 sections; 0 notes; 0 corrections; 0 mentions; "
        "1 citations",
    ]
    assert done.stderr == "1 texts checked: 3 errors, 0 warnings\n"


def test_duplicate_symbol_within_one_file(check) -> None:
    text = (
        "---\nbody: cnd\ntype: résolution\ndate: 2019-03\nsource: essai\nformat: pdf-text\n"
        "documents:\n  - symbol: 62/1\n    slug: cnd-res-62-1\n    title: Première\n"
        "  - symbol: 62/1\n    slug: cnd-res-62-1-bis\n    title: Seconde\n---\n"
        "Résolution 62/1\n\n La Commission des stupéfiants,\n\n 1. Décide d’agir.\n\n"
        "Résolution 62/1\n\n La Commission des stupéfiants,\n\n 1. Décide d’agir encore.\n"
    )
    done = check({"rapport.txt": text})
    second = [n for n, line in enumerate(text.split("\n"), 1) if "symbol: 62/1" in line][1]
    assert done.findings == [
        f"source_texts/rapport.txt:{second}: error: symbol '62/1' is already used by another "
        "text of this file"
    ]
