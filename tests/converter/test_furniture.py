"""Page furniture and the cover block (readers/furniture.py), on lines written by hand
the way real copies print them: each case says what must go and what must stay."""

from __future__ import annotations

import pytest

from resolutions.load import Line
from resolutions.readers.furniture import strip_furniture


def lines_of(text: str) -> list[Line]:
    return [Line(number, line) for number, line in enumerate(text.split("\n"), 1)]


def kept_text(text: str, symbols: tuple[str, ...] = ()) -> str:
    return " ".join(line.text for line in strip_furniture(lines_of(text), symbols).lines)


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("… in Persons 25-19346 2/8 that the 2030 Agenda", ["25-19346", "2/8"]),
        ("les États 07-47050 (F) *0747050* Membres", ["07-47050 (F)", "*0747050*"]),
        ("3/7", ["3/7"]),
        ("- 4 -", ["- 4 -"]),
        ("Page 3 of 8", ["Page 3 of 8"]),
        ("130624", ["130624"]),
        ("24-10174 (E) 130624", ["24-10174 (E)", "130624"]),
        ("Veuillez recycler", ["Veuillez recycler"]),
    ],
)
def test_furniture_anywhere_is_removed_and_recorded(line: str, removed: list[str]) -> None:
    text = f"L’Assemblée générale,\n{line}"
    result = strip_furniture(lines_of(text))
    assert [removal.text for removal in result.removals] == removed
    assert all(removal.line == 2 for removal in result.removals)
    for piece in removed:
        assert piece not in " ".join(line.text for line in result.lines)


@pytest.mark.parametrize(
    "line",
    [
        "sa résolution 61/183 du 20 décembre 2006",  # a resolution, not page 61 of 183
        "les décisions n° 3/05 et 5/06 du Conseil ministériel",  # OSCE decisions
        "la résolution 62/1 de la Commission",  # a CND resolution
        "entre 2008-2011 et 2/3 des États",  # a range; a fraction with nothing around it
        "le paragraphe 5 de sa Décision No 758",
        "vol. 976, no 14152",
    ],
)
def test_what_looks_like_furniture_but_is_text_stays(line: str) -> None:
    text = f"L’Assemblée générale,\n{line}"
    assert kept_text(text, ("A/RES/62/176",)) == text.replace("\n", " ")


def test_running_header_with_the_own_symbol_is_removed_anywhere_after_the_heading() -> None:
    text = "L’Assemblée générale,\nRappelant A/RES/62/176 sa résolution 61/183,"
    result = strip_furniture(lines_of(text), ("A/RES/62/176",))
    assert [r.text for r in result.removals] == ["A/RES/62/176"]
    assert result.lines[1].text == "Rappelant sa résolution 61/183,"


def test_a_bare_number_symbol_is_never_a_running_header() -> None:
    text = "La Commission des stupéfiants,\nRappelant sa résolution 62/1,"
    assert kept_text(text, ("62/1",)) == text.replace("\n", " ")


FLAT_COVER = (
    "Nations Unies A/RES/70/181 Assemblée générale Distr. générale 22 janvier 2016 "
    "Soixante-dixième session Point 118 de l’ordre du jour Résolution adoptée par "
    "l’Assemblée générale le 17 décembre 2015 [sur la base du rapport de la Troisième "
    "Commission (A/70/489)] 70/181. Coopération internationale L’Assemblée générale, "
    "Rappelant sa résolution 61/183,"
)


def test_a_flattened_cover_block_becomes_details_and_the_title_stays() -> None:
    result = strip_furniture([Line(1, FLAT_COVER)])
    assert result.lines[0].text == (
        "70/181. Coopération internationale L’Assemblée générale, Rappelant sa résolution 61/183,"
    )
    details = {detail.name: detail.value for detail in result.details}
    assert details["symbol"] == "A/RES/70/181"
    assert details["session"] == "Soixante-dixième session"
    assert details["agenda_item"] == "118"
    assert details["adoption_date"] == "2015-12-17"
    assert details["report_symbol"] == "A/70/489"
    assert details["date"] == "2016-01-22"
    # Every word removed is recorded: the words kept and the words removed are the line's.
    removed = [word for removal in result.removals for word in removal.text.split()]
    assert sorted(result.lines[0].text.split() + removed) == sorted(FLAT_COVER.split())


def test_a_symbol_split_over_two_lines_is_read_whole() -> None:
    text = (
        "Nations Unies A\n/S-30/2\nAssemblée générale\nDistr. générale\n3 mai 2016\n"
        "Trentième session extraordinaire\nPoint 8 de l’ordre du jour\n"
        "Résolution adoptée par l’Assemblée générale\nle 19 avril 2016\n"
        "S-30/1. Notre engagement commun\nL’Assemblée générale,"
    )
    result = strip_furniture(lines_of(text))
    details = {detail.name: (detail.value, detail.line) for detail in result.details}
    assert details["symbol"] == ("A/S-30/2", 1)
    assert details["adoption_date"] == ("2016-04-19", 8)
    assert details["session"] == ("Trentième session extraordinaire", 6)
    assert [line.text for line in result.lines] == [
        "S-30/1. Notre engagement commun",
        "L’Assemblée générale,",
    ]


def test_english_cover_and_agenda_title() -> None:
    text = (
        "United Nations A/RES/78/284\nGeneral Assembly\nDistr.: General\n7 June 2024\n"
        "Seventy-eighth session\nAgenda item 64\nZone of peace, trust and cooperation of "
        "Central Asia\nResolution adopted by the General Assembly on 4 June 2024\n"
        "[without reference to a Main Committee (A/78/L.68)]\n78/284. Central Asia’s resolve\n"
        "The General Assembly,"
    )
    result = strip_furniture(lines_of(text))
    details = {detail.name: detail.value for detail in result.details}
    assert details["draft_symbol"] == "A/78/L.68"
    assert details["agenda_title"] == "Zone of peace, trust and cooperation of Central Asia"
    assert details["adoption_date"] == "2024-06-04"
    assert [line.text for line in result.lines] == [
        "78/284. Central Asia’s resolve",
        "The General Assembly,",
    ]


def test_a_title_repeated_beside_the_symbol_is_a_running_header_but_not_alone() -> None:
    text = (
        "78/284. Central Asia’s unified resolve\nThe General Assembly,\n"
        "Recalling the work of the\nCentral Asia’s unified resolve\n\nA/RES/78/284\n"
        "States, and\nI\nCentral Asia’s unified resolve\n1. Decides"
    )
    result = strip_furniture(lines_of(text), ("A/RES/78/284",))
    kept = [line.text for line in result.lines]
    assert "A/RES/78/284" not in kept
    assert kept.count("Central Asia’s unified resolve") == 1  # the section heading stays
    assert [r.reason for r in result.removals].count("en-tête courant (titre du document)") == 1


def test_a_title_word_in_the_heading_is_never_taken_for_the_masthead() -> None:
    # "Assemblée générale" in a title is not the masthead: it stands beside no cover piece.
    text = (
        "Coopération entre l’Organisation et l’Assemblée générale de l’OSCE\nLe Conseil permanent,"
    )
    assert kept_text(text) == text.replace("\n", " ")


def test_the_symbol_letter_read_apart_from_the_masthead_is_one_symbol() -> None:
    # pdfplumber and some viewers read the masthead's large "A" on a line of its own.
    text = (
        "A\nUnited Nations /RES/78/226\nGeneral Assembly\nDistr.: General\n22 December 2023\n"
        "78/226. Technical assistance\nThe General Assembly,"
    )
    result = strip_furniture(lines_of(text))
    details = {detail.name: (detail.value, detail.line) for detail in result.details}
    assert details["symbol"] == ("A/RES/78/226", 1)
    assert [line.text for line in result.lines] == [
        "78/226. Technical assistance",
        "The General Assembly,",
    ]


def test_the_organisation_named_in_the_title_stays_in_the_title() -> None:
    # "United Nations" after the cover, inside the title's line, is the title's.
    text = (
        "United Nations A/RES/78/226\nGeneral Assembly\nDistr.: General\n"
        "[on the report of the Third Committee (A/78/482, para. 29)]\n"
        "78/226. Technical assistance provided by the United Nations Office on\n"
        "Drugs and Crime\nThe General Assembly,"
    )
    result = strip_furniture(lines_of(text))
    details = {detail.name: detail.value for detail in result.details}
    assert details["report_symbol"] == "A/78/482"
    assert [line.text for line in result.lines] == [
        "78/226. Technical assistance provided by the United Nations Office on",
        "Drugs and Crime",
        "The General Assembly,",
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Technical assistance provided by the\nA/RES/78/226 United Nations Office on Drugs",
        "Technical assistance provided by the\nUnited Nations Office on Drugs A/RES/78/226",
    ],
)
def test_a_running_title_with_the_symbol_among_its_lines_is_removed(header: str) -> None:
    text = (
        "78/226. Technical assistance provided by the United Nations Office on Drugs\n"
        "The General Assembly,\nRecalling its resolutions,\n__________________\n"
        f"1 Resolution 60/288.\n2/9 23-25984\n{header}\nRecalling also the work,"
    )
    result = strip_furniture(lines_of(text), ("A/RES/78/226",))
    kept = [line.text for line in result.lines]
    assert kept[-1] == "Recalling also the work,"
    assert not any("Technical" in line for line in kept[1:])
    assert "en-tête courant (titre du document)" in [r.reason for r in result.removals]


def test_a_layout_copy_sets_furniture_far_apart_on_one_line() -> None:
    # pdftotext -layout: the cover's columns and the page foot's pieces, spaces between.
    text = (
        "       United Nations                              A/RES/78/284\n"
        "       General Assembly                    Distr.: General\n"
        "78/284. Central Asia’s unified resolve and\n        cooperation\n"
        "The General Assembly,\nRecalling its resolutions,\n"
        " 24-10174 (E)     130624\n2/6                                     24-10174\n"
        "Central Asia’s unified resolve and\n"
        "cooperation                                       A/RES/78/284\n"
        "Recalling also the work,"
    )
    result = strip_furniture(lines_of(text), ("A/RES/78/284",))
    assert [line.text.strip() for line in result.lines] == [
        "78/284. Central Asia’s unified resolve and",
        "cooperation",
        "The General Assembly,",
        "Recalling its resolutions,",
        "Recalling also the work,",
    ]


def test_a_cut_changes_no_other_space_of_its_line() -> None:
    """Furniture taken out of a line runs the spaces around it together, and leaves
    every other character as printed: a no-break space before a colon, a tab."""
    text = "L’Assemblée générale,\n1. Prie le Secrétaire\xa0: de  08-47050  faire\trapport ;"
    result = strip_furniture(lines_of(text))
    assert [removal.text for removal in result.removals] == ["08-47050"]
    assert result.lines[1].text == "1. Prie le Secrétaire\xa0: de faire\trapport ;"
