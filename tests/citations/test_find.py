"""``find_citations`` on hand-written strings: every form the texts use, and none of
the numbers that are not citations (years, volumes, record and paragraph numbers,
dates)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolutions.citations import (
    CitationContext,
    find_citations,
    group_by_span,
    key_for_symbol,
    label_date,
    symbol_key,
)

AG = CitationContext("ag", "A/RES/62/176")
CND = CitationContext("cnd", "62/2")
PC = CitationContext("osce-cp", "PC.DEC/758")
MC = CitationContext("osce-cm", None)


def found(text: str, context: CitationContext) -> list[tuple[str, str, str]]:
    return [
        (citation.citation_kind, citation.key, text[citation.start : citation.end])
        for citation in find_citations(text, context)
    ]


CASES = [
    # --- UN resolutions
    (
        "sa résolution 61/183 du 20 décembre 2006 et ses résolutions antérieures pertinentes,",
        AG,
        [("resolution", "A/RES/61/183", "résolution 61/183")],
    ),
    ("Résolution S-20/2, annexe.", AG, [("resolution", "A/RES/S-20/2", "Résolution S-20/2")]),
    (
        "Résolutions S-20/2-4 A-E.",
        AG,
        [
            ("resolution", "A/RES/S-20/2", "Résolutions S-20/2-4 A-E"),
            ("resolution", "A/RES/S-20/3", "Résolutions S-20/2-4 A-E"),
            ("resolution", "A/RES/S-20/4", "Résolutions S-20/2-4 A-E"),
        ],
    ),
    (
        "Résolution 55/25, annexes I à III, et résolution 55/255, annexe.",
        AG,
        [
            ("resolution", "A/RES/55/25", "Résolution 55/25"),
            ("resolution", "A/RES/55/255", "résolution 55/255"),
        ],
    ),
    ("Résolution 217 A (III).", AG, [("resolution", "A/RES/217(III)", "Résolution 217 A (III)")]),
    ("Voir résolution S-20/4 C.", AG, [("resolution", "A/RES/S-20/4", "résolution S-20/4 C")]),
    (
        "Rappelant la résolution 59/162 de l'Assemblée générale, en date du 20 décembre 2004,",
        CND,
        [("resolution", "A/RES/59/162", "résolution 59/162")],
    ),
    (
        "Résolution S-30/1 de l'Assemblée générale, annexe.",
        CND,
        [("resolution", "A/RES/S-30/1", "Résolution S-30/1")],
    ),
    (
        "Rappelant sa résolution 57/9 du 21 mars 2014, dans laquelle elle",
        CND,
        [("resolution", "cnd:57/9", "résolution 57/9")],
    ),
    # The Commission's report just before: the resolution is the Commission's.
    (
        "E/2007/28 et Corr.1, chap. I, sect. C, résolution 50/12.",
        AG,
        [
            ("document", "E/2007/28", "E/2007/28"),
            ("document", "E/2007/28/Corr.1", "Corr.1"),
            ("resolution", "cnd:50/12", "résolution 50/12"),
        ],
    ),
    # A bare session/number in a Commission text is the Commission's; in the
    # Assembly's, the Assembly's.
    ("Voir résolution 50/12.", CND, [("resolution", "cnd:50/12", "résolution 50/12")]),
    ("Voir résolution 50/12.", AG, [("resolution", "A/RES/50/12", "résolution 50/12")]),
    # "sa résolution" after the Council in apposition, and by the number's shape.
    (
        "l’adoption par le Conseil économique et social, dans sa résolution 2007/12 du "
        "25 juillet 2007, de la stratégie de l’Office pour la période 2008-2011;",
        AG,
        [("resolution", "E/RES/2007/12", "résolution 2007/12")],
    ),
    ("Voir résolution 2007/12.", CND, [("resolution", "E/RES/2007/12", "résolution 2007/12")]),
    (
        "la résolution 57/9 de la Commission des stupéfiants",
        AG,
        [("resolution", "cnd:57/9", "résolution 57/9")],
    ),
    (
        "la résolution 1373 (2001) du Conseil de sécurité",
        AG,
        [("resolution", "S/RES/1373(2001)", "résolution 1373 (2001)")],
    ),
    (
        "Rappelant ses résolutions 55/2, 58/4 et 60/1,",
        AG,
        [
            ("resolution", "A/RES/55/2", "résolutions 55/2"),
            ("resolution", "A/RES/58/4", "58/4"),
            ("resolution", "A/RES/60/1", "60/1"),
        ],
    ),
    ("sa décision 62/545,", AG, [("decision", "ag:dec/62/545", "décision 62/545")]),
    # A citation that names a paragraph.
    (
        "Rappelant le paragraphe 3 de sa résolution 57/9,",
        CND,
        [("resolution", "cnd:57/9#op3", "paragraphe 3 de sa résolution 57/9")],
    ),
    (
        "le paragraphe 6 a) de la résolution 61/183 de l’Assemblée générale",
        CND,
        [("resolution", "A/RES/61/183#op6-a", "paragraphe 6 a) de la résolution 61/183")],
    ),
    # --- documents by symbol
    ("A/62/117.", AG, [("document", "A/62/117", "A/62/117")]),
    (
        "Voir Documents officiels du Conseil économique et social, 2003, Supplément no 8 "
        "(E/2003/28/Rev.1), chap. I, sect. C; voir également A/58/124, sect. II.A.",
        AG,
        [
            ("document", "E/2003/28/Rev.1", "E/2003/28/Rev.1"),
            ("document", "A/58/124", "A/58/124"),
        ],
    ),
    (
        "[sans renvoi à une grande commission (A/78/L.68)]",
        AG,
        [("document", "A/78/L.68", "A/78/L.68")],
    ),
    (
        "Ibid., 2014, Supplément n° 8 (E/2009/28), chap. I, sect. C.",
        AG,
        [("document", "E/2009/28", "E/2009/28")],
    ),
    ("le document E/CN.7/2019/L.2,", CND, [("document", "E/CN.7/2019/L.2", "E/CN.7/2019/L.2")]),
    # --- OSCE decisions
    (
        "la Décision No 5/05 du Conseil ministériel de Ljubljana sur la lutte contre la "
        "menace des drogues illicites (MC.DEC/5/05),",
        PC,
        [
            ("osce-decision", "MC.DEC/5/05", "Décision No 5/05"),
            ("document", "MC.DEC/5/05", "MC.DEC/5/05"),
        ],
    ),
    (
        "en particulier les décisions du Conseil ministériel n° 3/05 sur la lutte contre la "
        "criminalité transnationale organisée et n° 5/06 sur la criminalité organisée, et nous",
        MC,
        [
            ("osce-decision", "MC.DEC/3/05", "n° 3/05"),
            ("osce-decision", "MC.DEC/5/06", "n° 5/06"),
        ],
    ),
    (
        "Rappelant sa Décision No 758 du 5 décembre 2006,",
        CitationContext("osce-cp", "PC.DEC/9001"),
        [("osce-decision", "PC.DEC/758", "Décision No 758")],
    ),
    (
        "la mise en œuvre du paragraphe 4 de sa Décision No 758 ;",
        CitationContext("osce-cp", "PC.DEC/9001"),
        [("osce-decision", "PC.DEC/758#op4", "paragraphe 4 de sa Décision No 758")],
    ),
    (
        "la Décision No 758 du Conseil permanent",
        AG,
        [("osce-decision", "PC.DEC/758", "Décision No 758")],
    ),
    # --- treaty series
    (
        "Nations Unies, Recueil des Traités, vol. 976, no 14152.",
        AG,
        [("treaty-series", "unts:976/14152", "Recueil des Traités, vol. 976, no 14152")],
    ),
    (
        "Ibid., vol. 1019, n° 14956.",
        AG,
        [("treaty-series", "unts:1019/14956", "Ibid., vol. 1019, n° 14956")],
    ),
]


@pytest.mark.parametrize(("text", "context", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_citation_forms(text: str, context: CitationContext, expected: list) -> None:
    assert found(text, context) == expected


NOT_CITATIONS = [
    # years
    "la nécessité d’atteindre les objectifs fixés pour 2008,",
    "les dispositions du Document final du Sommet mondial de 2005 relatives au problème",
    "de la stratégie de l’Office pour la période 2008-2011;",
    "les progrès réalisés depuis 1998 en vue d’atteindre les buts",
    "la Charte de sécurité européenne (1999), le Plan d’action de Bucarest (2001)",
    "la Convention des Nations Unies contre le trafic illicite de stupéfiants de 1988,",
    "le Programme de développement durable à l'horizon 2030",
    # volume and record numbers outside a treaty-series reference
    "Voir Documents officiels du Conseil économique et social, 2003, Supplément no 8",
    "vol. 976, p. 105",
    "le dossier no 14152 de la série",
    # paragraph numbers and articles
    "conformément aux dispositions du paragraphe 10 a) de l'article 12 de la Convention de 1988",
    "en particulier son article 12, qui pose les principes",
    "un rapport sur l’application de la présente résolution.",
    "conformément à ses résolutions antérieures, celles du Conseil économique et social",
    # dates and meetings
    "tenue le 5 février 2021.",
    "(Moscou, 26-28 juin 2006)",
    "« Paris 2 – Moscou 1 »",
    "(Vienne, les 14 et 15 septembre 2006)",
    "85e séance plénière 4 juin 2024",
    "Résolution adoptée par l'Assemblée générale le 4 juin 2024",
    "Point 64 de l'ordre du jour",
    "la décision de la Commission des stupéfiants d’organiser, à sa cinquante-deuxième "
    "session, en 2009, un débat de haut niveau",
    # other numbers with slashes
    "sur le VIH/sida pour l’accès universel",
    "78/284. Coopération visant à aborder et combattre",
    # no guess: a UN-style decision in an OSCE text, an OSCE decision with no council
    # named outside an OSCE text
    "la décision 5/05,",
    "la Décision No 758,",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_a_citation(text: str) -> None:
    context = MC if text in ("la décision 5/05,",) else AG
    assert found(text, context) == []


def test_a_text_does_not_cite_itself() -> None:
    assert found("DECISION No 758 RENFORCEMENT DE LA COOPERATION", PC) == []
    assert found("Résolution 62/2", CND) == []
    assert found("Résolution 62/1", CND) == [("resolution", "cnd:62/1", "Résolution 62/1")]


def test_a_range_is_one_group_over_one_span() -> None:
    citations = find_citations("Résolutions S-20/2-4 A-E.", AG)
    groups = group_by_span(citations)
    assert [[c.key for c in group] for group in groups] == [
        ["A/RES/S-20/2", "A/RES/S-20/3", "A/RES/S-20/4"]
    ]
    # The parts A to E belong to the last resolution of the range.
    assert [c.label for c in citations] == [
        "Résolution S-20/2 de l’Assemblée générale",
        "Résolution S-20/3 de l’Assemblée générale",
        "Résolution S-20/4 A-E de l’Assemblée générale",
    ]


def test_labels_say_what_the_text_is() -> None:
    [resolution] = find_citations("sa résolution 61/183 du 20 décembre 2006", AG)
    assert resolution.label == (
        "Résolution 61/183 de l’Assemblée générale, en date du 20 décembre 2006"
    )
    assert label_date(resolution.label) == "2006-12-20"
    [decision] = find_citations("la Décision No 5/05 du Conseil ministériel de Ljubljana", PC)
    assert (
        decision.label
        == "Décision n° 5/05 du Conseil ministériel de l’OSCE (Ljubljana) (MC.DEC/5/05)"
    )
    [own] = find_citations("Rappelant sa résolution 57/9 du 21 mars 2014,", CND)
    assert own.label == (
        "Résolution 57/9 de la Commission des stupéfiants, en date du 21 mars 2014"
    )
    assert all(c.target == "" for c in find_citations("Voir résolution 55/2.", AG))


def test_line_breaks_and_curly_apostrophes() -> None:
    text = (
        "la résolution 59/162 de l’Assemblée\ngénérale et les décisions du Conseil\n"
        "ministériel n° 3/05"
    )
    # The council named in full makes it an OSCE decision whoever cites it.
    assert found(text, CND) == [
        ("resolution", "A/RES/59/162", "résolution 59/162"),
        ("osce-decision", "MC.DEC/3/05", "n° 3/05"),
    ]


@pytest.mark.parametrize(
    ("symbol", "body", "decision", "key"),
    [
        ("A/RES/62/176", "ag", False, "A/RES/62/176"),
        ("62/1", "cnd", False, "cnd:62/1"),
        ("62/1", "cnd", True, "cnd:dec/62/1"),
        ("2007/12", "ecosoc", False, "E/RES/2007/12"),
        ("PC.DEC/758", "osce-cp", True, "PC.DEC/758"),
        ("758", "osce-cp", True, "PC.DEC/758"),
        ("5/05", "osce-cm", True, "MC.DEC/5/05"),
        ("A/RES/217 A (III)", "ag", False, "A/RES/217(III)"),
    ],
)
def test_key_for_symbol(symbol: str, body: str, decision: bool, key: str) -> None:
    assert key_for_symbol(symbol, body, decision) == key


def test_symbol_key_drops_spaces_and_parts() -> None:
    assert symbol_key("A/RES/217 (III)") == "A/RES/217(III)"
    assert symbol_key("A/RES/217 A (III)") == "A/RES/217(III)"
    assert symbol_key("E/2003/28/Rev.1") == "E/2003/28/Rev.1"


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789/ -.,()AESRdnoé°Ncvl")) | st.characters(),
        max_size=200,
    ),
    st.sampled_from(["ag", "cnd", "ecosoc", "osce-cp", "osce-cm"]),
)
def test_never_crashes_and_spans_stay_in_the_text(text: str, body: str) -> None:
    kinds = {"resolution", "decision", "document", "osce-decision", "treaty-series"}
    for citation in find_citations(text, CitationContext(body, None)):
        assert 0 <= citation.start < citation.end <= len(text)
        assert citation.citation_kind in kinds
        assert citation.key and citation.label
