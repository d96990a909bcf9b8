"""Rules of the pdf-text reader that real copies of the official PDFs needed (the text a
PDF viewer copies: tests/pdf/test_pasted_copies.py), each on a few lines written the
way those copies print them.  Each says what must be read and what must stay text."""

from __future__ import annotations

from resolutions.pipeline import convert_bytes

FRONT = (
    "---\nsymbol: A/RES/78/999\ntitle: Test\nbody: ag\ntype: résolution\ndate: 2023-12-19\n"
    "source: test\nformat: pdf-text\nlang: en\n---\n"
)


def convert(body: str):
    result = convert_bytes((FRONT + body).encode("utf-8"), "copy.txt", repair=False)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return result.documents[0]


def refs(document) -> dict[str, list[str]]:
    return {note.number: list(note.refs) for note in document.footnotes}


def test_a_number_after_no_in_a_note_is_not_the_next_note() -> None:
    document = convert(
        "The General Assembly,\nRecalling the Declaration,1 and the report,2\n"
        "1. Decides to act.\n__________________\n"
        "1 See Official Records, 2024, Supplement No. 2 (E/2024/28), chap. I.\n"
        "2 Resolution 70/1.\n50th plenary meeting\n19 December 2023\n"
    )
    notes = {note.number: note.text.text for note in document.footnotes}
    assert notes == {
        "1": "See Official Records, 2024, Supplement No. 2 (E/2024/28), chap. I.",
        "2": "Resolution 70/1.",
    }


def test_a_note_with_a_parenthesis_then_and_is_one_note() -> None:
    document = convert(
        "The General Assembly,\nRecalling the resolutions,1\n1. Decides to act.\n"
        "__________________\n1 Security Council resolutions 2133 (2014), 2178 (2014),\n"
        "2396 (2017) and 2462 (2019).\n50th plenary meeting\n19 December 2023\n"
    )
    assert document.footnotes[0].text.text == (
        "Security Council resolutions 2133 (2014), 2178 (2014), 2396 (2017) and 2462 (2019)."
    )
    assert document.paragraphs[-1].text == "Decides to act."


def test_ibid_then_vol_is_one_note() -> None:
    document = convert(
        "The General Assembly,\nRecalling the Convention,1 and its Protocol,2\n"
        "1. Decides to act.\n__________________\n1 United Nations, Treaty Series, vol. 2237.\n"
        "2 Ibid. vol. 2241, No. 39574.\n50th plenary meeting\n19 December 2023\n"
    )
    assert document.footnotes[1].text.text == "Ibid. vol. 2241, No. 39574."


def test_a_mark_after_a_comma_and_a_space_and_a_date_day_that_is_not_one() -> None:
    # "Terrorism, 2 to" is how the PDF of A/RES/78/226 prints its mark 9; "on 1 June" is
    # a date, though note 1 was cited before.
    document = convert(
        "The General Assembly,\nRecalling the Declaration,1\n"
        "Recalling also the Convention for the Suppression of Acts of Nuclear Terrorism, 2 to\n"
        "facilitate cooperation, adopted on 1 June 2021, and the paragraphs 1, 3 and 4,\n"
        "1. Decides to act.\n__________________\n1 Resolution 60/288.\n2 Resolution 76/181.\n"
        "50th plenary meeting\n19 December 2023\n"
    )
    assert refs(document) == {"1": ["pp1"], "2": ["pp2"]}
    assert "adopted on 1 June 2021" in document.paragraphs[1].text
    assert "paragraphs 1, 3 and 4" in document.paragraphs[1].text


def test_a_paragraph_ending_on_a_mark_is_not_continued_over_the_page() -> None:
    document = convert(
        "The General Assembly,\nRecalling the 2030 Agenda for Sustainable\nDevelopment,1\n"
        "__________________\n1 Resolution 70/1.\n24-05974 (E) 050424\n*2405974*\n"
        "A/RES/78/999\nReaffirming the importance of the Convention,\n1. Decides to act.\n"
        "50th plenary meeting\n19 December 2023\n"
    )
    assert [p.text for p in document.paragraphs] == [
        "Recalling the 2030 Agenda for Sustainable Development,",
        "Reaffirming the importance of the Convention,",
        "Decides to act.",
    ]


def test_a_lead_after_a_colon_is_what_the_colon_announces() -> None:
    document = convert(
        "The General Assembly,\nRecalling the Political Declaration on HIV and AIDS:\n"
        "Ending Inequalities and Getting on Track to End AIDS by 2030,\n"
        "Recalling also its resolutions,\n1. Decides to act.\n50th plenary meeting\n"
        "19 December 2023\n"
    )
    assert [p.kind for p in document.paragraphs] == ["preambular", "preambular", "operative"]


def test_note_numbers_on_lines_of_their_own_go_back_to_their_notes() -> None:
    # pdftotext: each number on the line before its note, and the page's first notes'
    # numbers after its last note; marks detached by a space, one ending its line.
    document = convert(
        "The General Assembly,\nRecalling the Convention, 1 the Protocol, 2 and the\n"
        "Declaration of 2019, 3\nRecalling also its resolution 77/237; 4\n"
        "1. Decides to act.\n__________________\n\n"
        "United Nations, Treaty Series, vol. 976.\nIbid., vol. 1019, No. 14956.\n3\n"
        "See Official Records, 2019, Supplement No. 8 (E/2019/28),\nchap. I, sect. B.\n"
        "4\nResolution 70/1.\n1\n2\n\n50th plenary meeting\n19 December 2023\n"
    )
    notes = {note.number: note.text.text for note in document.footnotes}
    assert notes == {
        "1": "United Nations, Treaty Series, vol. 976.",
        "2": "Ibid., vol. 1019, No. 14956.",
        "3": "See Official Records, 2019, Supplement No. 8 (E/2019/28), chap. I, sect. B.",
        "4": "Resolution 70/1.",
    }
    assert refs(document) == {"1": ["pp1"], "2": ["pp1"], "3": ["pp1"], "4": ["pp2"]}
    assert [p.kind for p in document.paragraphs] == ["preambular", "preambular", "operative"]


def test_numbers_alone_that_are_not_the_notes_are_left_as_they_are() -> None:
    # Two numbers for one note: no guess, the lines stay as printed.
    from resolutions.load import Line
    from resolutions.readers.pdf_text import attach_note_numbers

    lines = [Line(n, text) for n, text in enumerate(["____", "1", "Resolution 70/1.", "7"], 1)]
    assert attach_note_numbers(lines) == lines


def test_a_mark_after_a_parenthesis_and_a_space() -> None:
    document = convert(
        "The General Assembly,\nRecalling the Bangkok Rules,1 the Standard Minimum Rules\n"
        "(the Tokyo Rules) 2 and the Nelson Mandela Rules (2015) 3,\n1. Decides to act.\n"
        "__________________\n1 Resolution 65/229.\n2 Resolution 45/110.\n"
        "50th plenary meeting\n19 December 2023\n"
    )
    assert refs(document) == {"1": ["pp1"], "2": ["pp1"]}
    assert "(2015) 3," in document.paragraphs[0].text


def test_a_layout_copy_opens_a_paragraph_only_where_a_line_is_set_in_further() -> None:
    # pdftotext -layout keeps the left margin: every line is indented.
    document = convert(
        "                     The General Assembly,\n"
        "                       Recalling the resolutions on the follow-up to the programme,\n"
        "                in particular its technical cooperation capacity,\n"
        "                     Noting the report,\n"
        "                1. Decides to act.\n"
        "                50th plenary meeting\n                19 December 2023\n"
    )
    assert [p.text for p in document.paragraphs] == [
        "Recalling the resolutions on the follow-up to the programme, in particular its "
        "technical cooperation capacity,",
        "Noting the report,",
        "Decides to act.",
    ]


def test_a_lead_after_a_semicolon_and_before_a_capital_goes_on_a_title() -> None:
    # A/RES/79/243 quotes the convention's title, "… Cybercrime; Strengthening
    # International Cooperation …", inside a preambular paragraph.
    document = convert(
        "The General Assembly,\nNoting that the United Nations Convention against Cybercrime;\n"
        "Strengthening International Cooperation for Combating Certain Crimes is open,\n"
        "Recalling also its resolutions;\nRecalling further the work,\n1. Decides to act.\n"
        "50th plenary meeting\n19 December 2023\n"
    )
    assert [p.text.split()[0] for p in document.paragraphs] == [
        "Noting",
        "Recalling",
        "Recalling",
        "Decides",
    ]


def test_a_mark_after_a_period_and_a_space_ends_a_block() -> None:
    document = convert(
        "The General Assembly,\nRecalling the Convention,\n1. Decides to act.\n"
        "2. Requests a report to the Assembly. 1\n__________________\n1 Resolution 70/1.\n"
        "50th plenary meeting\n19 December 2023\n"
    )
    assert refs(document) == {"1": ["op2"]}
    assert document.paragraphs[-1].text == "Requests a report to the Assembly."


def test_an_annex_paragraph_number_right_before_an_item_opens_both() -> None:
    # The annexed convention of A/RES/79/243: "3. (a) Each State Party may reserve …".
    document = convert(
        "The General Assembly,\nRecalling the work,\n1. Adopts the Convention annexed.\n"
        "50th plenary meeting\n19 December 2023\nAnnex\nConvention\nArticle 1\nScope\n"
        "1. This Convention applies to:\n(a) Offences; and\n(b) Evidence.\n"
        "2. (a) Each State Party may reserve the right;\n(b) Where a State Party cannot,\n"
        "it may restrict the measures.\n"
    )
    article = document.annexes[0].parts[-1]
    paragraphs = getattr(article, "articles", [article])[0].paragraphs
    assert [(p.number, [item.label for item in p.items]) for p in paragraphs] == [
        ("1", ["(a)", "(b)"]),
        ("2", ["(a)", "(b)"]),
    ]
