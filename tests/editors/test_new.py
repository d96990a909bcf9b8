"""`resolutions new RAW_FILE`: the metadata a raw text gives about itself, and nothing
guessed.  The prefill is tested on documents built here with what the readers find in a
printed heading (``Document.details`` and the heading's lines), then the command runs
on a raw file, its result is checked, completed by hand, and checked again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from resolutions import checks
from resolutions.cli import main
from resolutions.model import Block, Document, Paragraph
from resolutions.pipeline import convert_file
from resolutions.prefill import Prefilled, front_matter, prefill, slug_of


def document(
    heading: list[str],
    author: str | None,
    details: dict[str, str] | None = None,
    paragraphs: tuple[str, ...] = (
        "Rappelant sa résolution 60/1 et la Déclaration du Millénaire,",
    ),
) -> Document:
    blocks = tuple(Block(text=text, line=number) for number, text in enumerate(heading, 1))
    line = len(heading) + 2
    return Document(
        slug="brut",
        symbol="",
        title="brut",
        body="ag",
        type="résolution",
        date="1900",
        source="brut.txt",
        format="pdf-text",
        source_path="brut.txt",
        line=1,
        heading=blocks,
        author=Block(text=author, line=line) if author else None,
        paragraphs=tuple(
            Paragraph(text=text, line=line + 2 * index, id=f"pp{index}", kind="preambular")
            for index, text in enumerate(paragraphs, 1)
        ),
        details=tuple((details or {}).items()),
    )


def values(fields: list[Prefilled]) -> dict[str, str | None]:
    return {field.name: field.value for field in fields}


UN_HEADING = [
    "Soixante-dix-neuvième session",
    "Point 108 de l’ordre du jour",
    "Prévention du crime et justice pénale",
    "Résolution adoptée par l’Assemblée générale le 17 décembre 2024",
    "[sur la base du rapport de la Troisième Commission (A/79/459)]",
    "79/191. Aborder et combattre le problème mondial de la drogue dans le cadre d’une "
    "approche globale, intégrée et équilibrée",
]
UN_DETAILS = {
    "symbol": "A/RES/79/191",
    "session": "Soixante-dix-neuvième session",
    "agenda_item": "108",
    "agenda_title": "Prévention du crime et justice pénale",
    "adoption_date": "2024-12-17",
    "report_symbol": "A/79/459",
    "distribution": "générale, 19 décembre 2024",
}


def test_a_un_resolution_with_its_cover_block() -> None:
    fields = prefill(document(UN_HEADING, "L’Assemblée générale,", UN_DETAILS), "brouillon")
    assert values(fields) == {
        "symbol": "A/RES/79/191",
        "title": "Aborder et combattre le problème mondial de la drogue dans le cadre d’une "
        "approche globale, intégrée et équilibrée",
        "body": "ag",
        "type": "résolution",
        "date": "2024-12-17",
        "source": None,  # where the copy comes from: the text cannot say
        "format": "pdf-text",
        "lang": "fr",
    }
    assert slug_of(fields) == "a-res-79-191"


def test_an_english_ecosoc_resolution() -> None:
    fields = prefill(
        document(
            [
                "Resolution adopted by the Economic and Social Council on 24 July 2024",
                "2024/10. Promoting alternative development as a development-oriented drug "
                "control strategy",
            ],
            "The Economic and Social Council,",
            {"symbol": "E/RES/2024/10", "adoption_date": "2024-07-24"},
            paragraphs=(
                "Recalling its resolution 2023/5 of 6 June 2023 and the outcome of the "
                "special session of the General Assembly on the world drug problem, which "
                "is the basis of the work of the Commission on Narcotic Drugs in this field,",
            ),
        ),
        "draft",
    )
    assert values(fields) == {
        "symbol": "E/RES/2024/10",
        "title": "Promoting alternative development as a development-oriented drug control "
        "strategy",
        "body": "ecosoc",
        "type": "résolution",
        "date": "2024-07-24",
        "source": None,
        "format": "pdf-text",
        "lang": "en",
    }


@pytest.mark.parametrize(
    ("heading", "author", "details", "body", "kind", "title"),
    [
        (  # a CND resolution in the Commission's report: a number, no UN symbol
            ["Résolution 62/1", "Renforcement de la coopération internationale"],
            "La Commission des stupéfiants,",
            {},
            "cnd",
            "résolution",
            "Renforcement de la coopération internationale",
        ),
        (  # an OSCE decision: its number and title on one line
            ["DÉCISION No 758 Renforcement de la coopération en matière de lutte antidrogue"],
            "Le Conseil permanent,",
            {"symbol": "PC.DEC/758"},
            "osce-cp",
            "décision",
            "Renforcement de la coopération en matière de lutte antidrogue",
        ),
        (
            ["Décision no 3/05 Lutte contre la criminalité transnationale organisée"],
            "The Ministerial Council,",
            {"symbol": "MC.DEC/3/05"},
            "osce-cm",
            "décision",
            "Lutte contre la criminalité transnationale organisée",
        ),
        (
            ["The 2019 Ministerial Declaration"],
            None,
            {"symbol": "E/CN.7/2019/15"},
            "cnd",
            None,
            "The 2019 Ministerial Declaration",
        ),
    ],
)
def test_body_type_and_title(heading, author, details, body, kind, title) -> None:
    fields = values(prefill(document(heading, author, details), "brouillon"))
    assert (fields["body"], fields["type"], fields["title"]) == (body, kind, title)


def test_what_the_text_does_not_say_is_left_to_complete() -> None:
    fields = prefill(document(["Coopération internationale"], None), "Mon brouillon")
    assert values(fields) == {
        "symbol": None,
        "title": "Coopération internationale",
        "body": None,
        "type": None,
        "date": None,
        "source": None,
        "format": "pdf-text",
        "slug": "mon-brouillon",  # the page's name until the symbol is written
    }
    written = front_matter(fields)
    assert 'symbol: "À COMPLÉTER"  # À COMPLÉTER : la cote officielle' in written
    assert 'body: "À COMPLÉTER"  # À COMPLÉTER : l’organe : ag, cnd, ecosoc, osce-cm, osce-cp' in (
        written
    )
    assert "# lang: la langue (fr ou en) n’a pas pu être reconnue" in written


def test_a_title_in_capitals_and_a_contradiction_are_not_guessed() -> None:
    fields = prefill(
        document(
            ["DECISION No 758", "RENFORCEMENT DE LA COOPERATION INTERNATIONALE"],
            "Le Conseil permanent,",
            {"symbol": "A/RES/79/1"},
        ),
        "brouillon",
    )
    by_name = {field.name: field for field in fields}
    assert by_name["title"] == Prefilled(
        "title",
        None,
        "titre imprimé en capitales : « RENFORCEMENT DE LA COOPERATION INTERNATIONALE »",
    )
    assert by_name["body"] == Prefilled(
        "body",
        None,
        "le texte se contredit (ag d’après la cote ; osce-cp d’après la formule d’ouverture)",
    )
    assert by_name["type"].value is None and "se contredit" in by_name["type"].comment


def test_the_front_matter_reads_back_as_written() -> None:
    fields = prefill(document(UN_HEADING, "L’Assemblée générale,", UN_DETAILS), "brouillon")
    data = yaml.load(front_matter(fields).strip("-\n"), Loader=yaml.BaseLoader)
    assert data == {field.name: field.value or "À COMPLÉTER" for field in fields}


# ------------------------------------------------------------------ the command line

RAW = """\
   Lutte contre le trafic de drogues par les services postaux
et de messagerie


 L’Assemblée générale,

 Rappelant sa résolution 78/284 du 4 juin 2024 et la Convention des Nations Unies
contre le trafic illicite de stupéfiants et de substances psychotropes de 19881,

 Préoccupée par l’usage croissant des envois postaux et des services de messagerie
express pour l’expédition de colis contenant des drogues,

 1. Engage les États Membres à renforcer la coopération entre leurs services
douaniers et les opérateurs postaux ;

 2. Décide de rester saisie de la question.

____
 1  Nations Unies, Recueil des Traités, vol. 1582, no 27627.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "source_texts").mkdir()
    (tmp_path / "brouillon.txt").write_text(RAW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_the_metadata_then_the_raw_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "brouillon.txt"]) == 0
    written = (project / "source_texts" / "brouillon.txt").read_text(encoding="utf-8")
    header, raw = re.match(r"(?s)(---\n.*?\n---\n)(.*)", written).groups()
    assert raw == RAW  # the text as pasted, unchanged
    data = yaml.safe_load(header.strip("-\n"))
    assert data == {
        "symbol": "À COMPLÉTER",
        "title": "Lutte contre le trafic de drogues par les services postaux et de messagerie",
        "body": "ag",
        "type": "À COMPLÉTER",
        "date": "À COMPLÉTER",
        "source": "À COMPLÉTER",
        "format": "pdf-text",
        "lang": "fr",
        "slug": "brouillon",
    }
    out, err = capsys.readouterr()
    lines = header.split("\n")
    assert out.splitlines() == [
        f"source_texts/brouillon.txt:{lines.index(row) + 1}: warning: '{name}' is to be completed"
        for name in ("symbol", "type", "date", "source")
        for row in lines
        if row.startswith(f"{name}: ")
    ]
    assert err == (
        "source_texts/brouillon.txt: written from brouillon.txt: title, body, lang read in "
        "the text; 4 fields to complete (symbol, type, date, source)\n"
    )


def test_check_refuses_the_new_file_until_it_is_completed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "brouillon.txt"]) == 0
    capsys.readouterr()
    assert main(["check", "source_texts"]) == 1
    findings = capsys.readouterr().out.splitlines()
    path = project / "source_texts" / "brouillon.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    line = {row.split(":")[0]: number for number, row in enumerate(lines, 1)}
    assert findings == [
        f"source_texts/brouillon.txt:{line['symbol']}: error: 'symbol' is still to be "
        "completed ('À COMPLÉTER'): write the text's official symbol (A/RES/79/123, "
        "PC.DEC/758); a text that has none is named by 'slug' instead",
        f"source_texts/brouillon.txt:{line['type']}: error: 'type' is still to be completed "
        "('À COMPLÉTER'): write résolution, décision, déclaration, rapport or document",
        f"source_texts/brouillon.txt:{line['date']}: error: 'date' is still to be completed "
        "('À COMPLÉTER'): write the date of adoption, YYYY-MM-DD (or YYYY-MM, or YYYY)",
        f"source_texts/brouillon.txt:{line['source']}: error: 'source' is still to be "
        "completed ('À COMPLÉTER'): say where the text comes from (the body, the symbol, and "
        "how it was copied: from the PDF, from a web page)",
    ]
    # The editor writes what the text did not say.
    completed = {
        "symbol": "symbol: A/RES/79/999",
        "type": "type: résolution",
        "date": "date: 2024-12-17",
        "source": 'source: "Nations Unies, A/RES/79/999 : texte extrait du PDF"',
    }
    for name, row in completed.items():
        lines[line[name] - 1] = row
    lines = [row for row in lines if not row.startswith("slug:")]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert main(["check", "source_texts"]) == 0
    out = capsys.readouterr().out
    assert ": error: " not in out, out
    converted = convert_file(path, project).documents[0]
    assert converted.slug == "a-res-79-999"
    assert [p.kind for p in converted.paragraphs] == ["preambular"] * 2 + ["operative"] * 2
    assert checks.check_documents([converted], checks.FrontMatter(project)) == []


def test_new_refuses_to_overwrite_without_force(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "brouillon.txt"]) == 0
    target = project / "source_texts" / "brouillon.txt"
    target.write_text("déjà commencé", encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "brouillon.txt"]) == 1
    assert capsys.readouterr().err == (
        "source_texts/brouillon.txt:1: error: the file already exists; to replace it, run the "
        "command again with --force\n"
    )
    assert target.read_text(encoding="utf-8") == "déjà commencé"
    assert main(["new", "brouillon.txt", "--force"]) == 0
    assert target.read_text(encoding="utf-8").endswith(RAW)


def test_new_with_another_folder_and_an_english_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = (
        "Technical assistance for the prevention of drug trafficking\n\n"
        " The General Assembly,\n\n"
        " Recalling its resolution 78/284 of 4 June 2024 and the work of the Commission on "
        "Narcotic Drugs in this field,\n\n"
        " 1. Requests the United Nations Office on Drugs and Crime to submit to it a report "
        "on the implementation of the present resolution at its next session.\n"
    )
    (project / "draft.txt").write_text(english, encoding="utf-8")
    assert main(["new", "draft.txt", "--out", "ailleurs"]) == 0
    written = (project / "ailleurs" / "draft.txt").read_text(encoding="utf-8")
    data = yaml.safe_load(written.split("---\n")[1])
    assert data["lang"] == "en"
    assert data["title"] == "Technical assistance for the prevention of drug trafficking"
    assert written.endswith(english)


def test_new_refuses_a_text_that_has_its_metadata(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    described = "---\nsymbol: A/RES/1/1\ntitle: Essai\nbody: ag\ntype: résolution\n"
    described += "date: 2000\nsource: essai\n---\n" + RAW
    (project / "decrit.txt").write_text(described, encoding="utf-8")
    assert main(["new", "decrit.txt"]) == 2
    assert capsys.readouterr().err == (
        "decrit.txt:1: error: this text already has its metadata (a '---' block): check it "
        "with `resolutions check`\n"
    )
    assert list((project / "source_texts").iterdir()) == []
    assert main(["new", "absent.txt"]) == 2
    assert capsys.readouterr().err == "absent.txt:1: error: no such file\n"
