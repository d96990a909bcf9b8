"""The PDF reader on a French resolution written for the test (tests/pdf/synthetic.py):
the same template as the official PDFs, in French, with what the real ones do not all
show — a note carried over to the next page, Markdown-special characters in the text, a
raised ordinal, a paragraph cut by a page break, a numbered paragraph after a tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolutions.readers.pdf import convert_pdf

from .synthetic import Line, Page, Rule, Run, write_pdf
from .test_pdf_reader import body_tokens, read_body, text_layer_tokens, tokens

RIGHT = 490.0


def italic(text: str, size: float = 10.0) -> Run:
    return Run(text, "italic", size)


def bold(text: str, size: float = 10.0) -> Run:
    return Run(text, "bold", size)


def mark(number: str, size: float = 6.5) -> Run:
    return Run(number, "roman", size, raised=True)


def body(x: float, top: float, *runs: Run, full: bool = True) -> Line:
    return Line(x, top, tuple(runs), justify_to=RIGHT if full else None)


def pages() -> list[Page]:
    first = Page(
        [
            Line(123, 41, (Run("Nations Unies", size=14),)),
            Line(482, 41, (Run("A/RES/99/1"),)),
            Rule(60, 552, 64.8),
            Line(123, 71, (bold("Assemblée générale", 20),)),
            Line(397, 79, (Run("Distr. générale"),)),
            Line(397, 91, (Run("12 mars 2031"),)),
            Line(60, 214, (bold("Quatre-vingt-dix-neuvième session"),)),
            Line(60, 226, (Run("Point 12 de l’ordre du jour"),)),
            Line(60, 238, (bold("Contrôle international des drogues"),)),
            Line(
                123, 268, (bold("Résolution adoptée par l’Assemblée générale le 10 mars 2031", 13),)
            ),
            Line(123, 295, (Run("[sans renvoi à une grande commission (A/99/L.7)]"),)),
            Line(72, 319, (bold("99/1. Coopération internationale contre", 12),)),
            Line(123, 333, (bold("la drogue & le crime", 12),)),
            Line(147, 359, (italic("L’Assemblée générale"), Run(","))),
            body(
                147,
                377,
                italic("Rappelant "),
                Run("sa résolution 98/5 et la Convention de 1988,"),
                mark("1"),
                Run(" qui fixe le cadre"),
            ),
            body(
                123,
                389,
                Run("des politiques, les signes a*b, x_y, <b>, &amp; et \\ compris,"),
                full=False,
            ),
            body(
                147, 407, italic("Notant avec préoccupation "), Run("que le trafic de drogues par")
            ),
            body(
                123,
                419,
                Run("voie postale [lien](x) progresse dans toutes les régions du monde et"),
            ),
            Line(100, 650, (bold("__________________", 8),)),
            Line(
                117,
                662,
                (
                    mark("1", 5.5),
                    Run(" Nations Unies, ", size=8.4),
                    Run("Recueil des Traités", "italic", 8.4),
                    Run(", vol. 1582, n° 27627.", size=8.4),
                ),
            ),
            Line(117, 673, (mark("2", 5.5), Run(" Voir une note longue qui continue", size=8.4))),
            Line(65, 740, (Run("31-01234 (F)    150331"),)),
            Line(65, 751, (Run("*3101234*", size=12),)),
        ]
    )
    second = Page(
        [
            Line(318, 43, (bold("Coopération internationale contre la drogue", 8.4),)),
            Line(60, 52, (bold("A/RES/99/1", 8.4),)),
            Line(420, 52, (bold("& le crime", 8.4),)),
            Rule(60, 552, 64.8),
            body(
                123,
                74,
                Run("que ses effets sur la santé publique s’aggravent,"),
                mark("2"),
                full=False,
            ),
            Line(
                147,
                92,
                (Run("1. "), italic("Prie "), Run("les États Membres de renforcer la")),
                RIGHT,
                gap=14,
            ),
            body(
                123, 104, Run("coopération entre les services douaniers et postaux :"), full=False
            ),
            body(147, 122, Run("(a) En échangeant des informations ;"), full=False),
            body(147, 140, Run("(b) # En formant - les agents ;"), full=False),
            Line(
                400,
                170,
                (italic("12"), Run("e", "italic", 6.5, raised=True), italic(" séance plénière")),
            ),
            Line(420, 182, (italic("10 mars 2031"),)),
            Line(100, 650, (bold("__________________", 8),)),
            Line(123, 662, (Run("sur la page suivante.", size=8.4),)),
            Line(60, 748, (bold("2/2", 8.4),)),
            Line(524, 748, (Run("31-01234", size=8.4),)),
        ]
    )
    return [first, second]


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "resolution.pdf"
    write_pdf(path, pages())
    return path


def test_cover_block_goes_to_the_front_matter(french: Path) -> None:
    front = convert_pdf(french).front_matter
    assert front["symbol"] == "A/RES/99/1"
    assert front["title"] == "Coopération internationale contre la drogue & le crime"
    assert front["lang"] == "fr" and front["body"] == "ag" and front["type"] == "résolution"
    assert front["date"] == "2031-03-10"
    assert front["source"] == "https://docs.un.org/fr/A/RES/99/1"
    assert front["draft_symbol"] == "A/99/L.7" and front["agenda_item"] == "12"
    assert front["agenda_title"] == "Contrôle international des drogues"
    assert "slug" not in front


def test_every_word_is_accounted_for(french: Path) -> None:
    converted = convert_pdf(french)
    ours = body_tokens(converted.markdown)
    for removal in converted.removals:
        ours.update(tokens(removal.text))
    assert ours == text_layer_tokens(french)


def test_paragraphs_notes_and_marks(french: Path) -> None:
    converted = convert_pdf(french)
    flow, _ = read_body(converted.markdown)
    texts = [raw.text for raw in flow.blocks]
    assert texts == [
        "L’Assemblée générale,",
        "Rappelant sa résolution 98/5 et la Convention de 1988, qui fixe le cadre des "
        "politiques, les signes a*b, x_y, <b>, &amp; et \\ compris,",
        "Notant avec préoccupation que le trafic de drogues par voie postale [lien](x) "
        "progresse dans toutes les régions du monde et que ses effets sur la santé publique "
        "s’aggravent,",
        "Prie les États Membres de renforcer la coopération entre les services douaniers et "
        "postaux :",
        "(a) En échangeant des informations ;",
        "(b) # En formant - les agents ;",
        "12e séance plénière 10 mars 2031",
    ]
    assert flow.blocks[3].list_number == "1"
    assert [mark.number for mark in flow.blocks[1].block.notes] == ["1"]
    assert [mark.number for mark in flow.blocks[2].block.notes] == ["2"]
    assert flow.notes["1"].text == "Nations Unies, Recueil des Traités, vol. 1582, n° 27627."
    assert flow.notes["2"].text == "Voir une note longue qui continue sur la page suivante."
    emphasised = [
        raw.text[span.start : span.end]
        for raw in flow.blocks
        for span in raw.block.spans
        if span.kind == "emphasis"
    ]
    assert emphasised[:3] == ["L’Assemblée générale", "Rappelant", "Notant avec préoccupation"]
    closing = flow.blocks[-1].block
    assert [closing.text[s.start : s.end] for s in closing.spans if s.kind == "superscript"] == [
        "e"
    ]


def test_furniture_is_recorded_by_page(french: Path) -> None:
    removals = convert_pdf(french).removals
    by_reason = {(removal.line, removal.reason, removal.text) for removal in removals}
    assert (1, "numéro de tirage", "31-01234 (F) 150331") in by_reason
    assert (1, "code-barres", "*3101234*") in by_reason
    assert (2, "folio (numéro de page)", "2/2") in by_reason
    assert (2, "numéro de tirage", "31-01234") in by_reason
    assert (2, "en-tête courant", "A/RES/99/1") in by_reason
    assert (1, "bloc de tête : cote du document", "A/RES/99/1") in by_reason


def test_a_pdf_without_the_un_cover_is_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No masthead: nothing is taken for a cover, the metadata the cover would give are
    left for the editor (import says which), and the text is all there."""
    path = tmp_path / "Decision du Conseil.pdf"
    write_pdf(
        path,
        [
            Page(
                [
                    Line(123, 100, (bold("Décision sur la coopération"),)),
                    body(147, 130, italic("Le Conseil permanent"), Run(","), full=False),
                    body(
                        147, 148, Run("1. "), italic("Décide "), Run("de poursuivre ses travaux.")
                    ),
                ]
            )
        ],
    )
    converted = convert_pdf(path)
    assert "symbol" not in converted.front_matter and not converted.removals
    flow, _ = read_body(converted.markdown)
    assert [raw.text for raw in flow.blocks] == [
        "Décision sur la coopération",
        "Le Conseil permanent,",
        "Décide de poursuivre ses travaux.",
    ]
    from resolutions.cli import main

    out = tmp_path / "out"
    assert main(["import", str(path), "--out", str(out)]) == 0
    assert (out / "decision-du-conseil.txt").exists()
    error = capsys.readouterr().err
    for key in ("symbol", "title", "body", "date"):
        assert f"warning: '{key}' not found on the PDF's cover" in error
