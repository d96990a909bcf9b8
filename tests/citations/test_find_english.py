"""``find_citations`` in English texts (``CitationContext.lang == "en"``): the forms
of the English originals, the same keys as their French versions, French labels."""

from __future__ import annotations

import pytest

from resolutions.citations import CitationContext, find_citations

AG = CitationContext("ag", "A/RES/78/284", "en")
CND = CitationContext("cnd", "62/2", "en")
PC = CitationContext("osce-cp", "PC.DEC/801", "en")
MC = CitationContext("osce-cm", None, "en")


def found(text: str, context: CitationContext) -> list[tuple[str, str, str]]:
    return [
        (citation.citation_kind, citation.key, text[citation.start : citation.end])
        for citation in find_citations(text, context)
    ]


CASES = [
    (
        "Recalling its resolution 62/176 of 18 December 2007,",
        AG,
        [("resolution", "A/RES/62/176", "resolution 62/176")],
    ),
    (
        "Recalling General Assembly resolution 62/176,",
        CND,
        [("resolution", "A/RES/62/176", "resolution 62/176")],
    ),
    (
        "Recalling its resolutions 61/183 and 62/176,",
        AG,
        [
            ("resolution", "A/RES/61/183", "resolutions 61/183"),
            ("resolution", "A/RES/62/176", "62/176"),
        ],
    ),
    (
        "resolutions 55/2, 58/4 and 60/1 of the General Assembly",
        CND,
        [
            ("resolution", "A/RES/55/2", "resolutions 55/2"),
            ("resolution", "A/RES/58/4", "58/4"),
            ("resolution", "A/RES/60/1", "60/1"),
        ],
    ),
    (
        "Recalling Commission on Narcotic Drugs resolution 58/9,",
        AG,
        [("resolution", "cnd:58/9", "resolution 58/9")],
    ),
    (
        "Recalling resolution 58/9 of the Commission on Narcotic Drugs,",
        AG,
        [("resolution", "cnd:58/9", "resolution 58/9")],
    ),
    (
        "Economic and Social Council resolution 2007/12 and Security Council resolution "
        "1373 (2001)",
        AG,
        [
            ("resolution", "E/RES/2007/12", "resolution 2007/12"),
            ("resolution", "S/RES/1373(2001)", "resolution 1373 (2001)"),
        ],
    ),
    (
        "Recalling paragraph 3 of its resolution 57/9,",
        CND,
        [("resolution", "cnd:57/9#op3", "paragraph 3 of its resolution 57/9")],
    ),
    (
        "in paragraph 6 (a) of General Assembly resolution 62/176,",
        CND,
        [
            (
                "resolution",
                "A/RES/62/176#op6-a",
                "paragraph 6 (a) of General Assembly resolution 62/176",
            )
        ],
    ),
    (
        "Recalling its decision No. 758 on enhancing international anti-drug co-operation,",
        PC,
        [("osce-decision", "PC.DEC/758", "decision No. 758")],
    ),
    (
        "Recalling Permanent Council Decision No. 758 and Ministerial Council Decision No. 5/05,",
        AG,
        [
            ("osce-decision", "PC.DEC/758", "Decision No. 758"),
            ("osce-decision", "MC.DEC/5/05", "Decision No. 5/05"),
        ],
    ),
    (
        "decision No. 3/05 of the Ministerial Council in Ljubljana",
        AG,
        [("osce-decision", "MC.DEC/3/05", "decision No. 3/05")],
    ),
    (
        "United Nations, Treaty Series, vol. 976, No. 14152.",
        AG,
        [("treaty-series", "unts:976/14152", "Treaty Series, vol. 976, No. 14152")],
    ),
    (
        "Ibid., vol. 1019, No. 14956.",
        AG,
        [("treaty-series", "unts:1019/14956", "Ibid., vol. 1019, No. 14956")],
    ),
    (
        "Supplement No. 8 (E/2007/28 and Corr.1), chap. I, sect. C, resolution 50/12.",
        AG,
        [
            ("document", "E/2007/28", "E/2007/28"),
            ("document", "E/2007/28/Corr.1", "Corr.1"),
            ("resolution", "cnd:50/12", "resolution 50/12"),
        ],
    ),
    # Not citations: a year, a volume, a record number; the text's own symbol.
    ("at its 85th plenary meeting on 4 June 2024 (A/RES/78/284),", AG, []),
]


@pytest.mark.parametrize(("text", "context", "expected"), CASES)
def test_english_forms(text: str, context: CitationContext, expected: list) -> None:
    assert found(text, context) == expected


def test_the_date_goes_into_the_french_label() -> None:
    (citation,) = find_citations("its resolution 62/176 of 18 December 2007,", AG)
    assert (
        citation.label == "Résolution 62/176 de l’Assemblée générale, en date du 18 décembre 2007"
    )


def test_english_words_read_nothing_in_a_french_text() -> None:
    french = CitationContext("ag", "A/RES/78/284")
    # In a French text, an English body name is not read: the citing body decides.
    assert found("Commission on Narcotic Drugs resolution 58/9", french) == [
        ("resolution", "A/RES/58/9", "resolution 58/9")
    ]
