"""The matcher on hand-written strings: what is one mention, and what is none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from resolutions.glossary import Glossary


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    """(entry id, matched words) for each mention of ``text``."""
    return [(m.entry, text[m.start : m.end]) for m in glossary.find_mentions(text)]


# --------------------------------------------------------------------------- longest match


def test_longest_name_wins_over_names_inside_it(glossary: Glossary) -> None:
    text = "avec l’Office des Nations Unies contre la drogue et le crime et les Nations Unies"
    assert found(glossary, text) == [
        ("onudc", "Office des Nations Unies contre la drogue et le crime"),
        ("onu", "Nations Unies"),
    ]


def test_nations_unies_is_not_tagged_inside_any_longer_name(glossary: Glossary) -> None:
    text = (
        "la Charte des Nations Unies, le Programme commun des Nations Unies sur le VIH/sida, "
        "la Convention des Nations Unies contre la corruption et l’Organisation des Nations Unies"
    )
    assert [entry for entry, _ in found(glossary, text)] == [
        "charte-nations-unies",
        "onusida",
        "convention-corruption",
        "onu",
    ]
    assert found(glossary, text)[-1][1] == "Organisation des Nations Unies"


def test_a_name_that_stops_short_falls_back_to_the_shorter_one(glossary: Glossary) -> None:
    # "Office des Nations Unies contre …" does not go on as the glossary name does.
    assert found(glossary, "l’Office des Nations Unies contre le terrorisme") == [
        ("onu", "Nations Unies")
    ]


def test_longer_variant_with_year_is_one_mention(glossary: Glossary) -> None:
    text = (
        "la Convention des Nations Unies contre le trafic illicite de stupéfiants et de "
        "substances psychotropes de 1988, puis la Convention de 1988"
    )
    mentions = found(glossary, text)
    assert [entry for entry, _ in mentions] == ["convention-1988", "convention-1988"]
    assert mentions[0][1].endswith("psychotropes de 1988")


# --------------------------------------------------------------------------- articles, elision


def test_elision_and_articles_before_a_name(glossary: Glossary) -> None:
    for text in (
        "l’Organe international de contrôle des stupéfiants",
        "l'Organe international de contrôle des stupéfiants",
        "de l’Organe international de contrôle des stupéfiants",
        "à l'Organe international de contrôle des stupéfiants",
        "Organe international de contrôle des stupéfiants",
    ):
        assert found(glossary, text) == [
            ("oics", "Organe international de contrôle des stupéfiants")
        ], text


def test_acronym_after_an_elided_article_or_an_ocr_misreading(glossary: Glossary) -> None:
    assert found(
        glossary, "l’ONUDC, l'OSCE, I’OSCE, ’OSCE et 1’Organisation des Nations Unies"
    ) == [
        ("onudc", "ONUDC"),
        ("osce", "OSCE"),
        ("osce", "OSCE"),
        ("osce", "OSCE"),
        ("onu", "Organisation des Nations Unies"),
    ]


def test_curly_and_straight_apostrophes_inside_a_name(glossary: Glossary) -> None:
    # The file writes "Plan d’action de Bucarest" with a curly apostrophe.
    for apostrophe in ("’", "'", "ʼ"):
        text = f"le Plan d{apostrophe}action de Bucarest pour lutter contre le terrorisme"
        assert [entry for entry, _ in found(glossary, text)] == ["plan-action-bucarest"]


def test_article_inside_a_coordinated_title_varies(glossary: Glossary) -> None:
    for words in (
        "la Déclaration politique et le Plan d’action",
        "de la Déclaration politique et du Plan d'action",
        "la Déclaration politique et Plan d’action",
    ):
        mentions = found(glossary, words)
        assert [entry for entry, _ in mentions] == ["declaration-politique-2009"], words
        assert mentions[0][1].startswith("Déclaration politique et")


def test_leading_article_in_the_file_is_not_required_in_the_text(
    small_glossary: Glossary,
) -> None:
    # The file lists "l’Office central des résolutions".
    assert found(small_glossary, "au nom de l'Office central des résolutions") == [
        ("resolutions-bureau", "Office central des résolutions")
    ]
    assert small_glossary["resolutions-bureau"].names == ("Office central des résolutions",)


# --------------------------------------------------------------------------- white space, quotes


def test_names_broken_across_lines_and_runs_of_spaces(glossary: Glossary) -> None:
    for text in (
        "l’Office des \nNations Unies contre la drogue et le crime",
        "l’Office des Nations Unies contre\nla drogue et le crime",
        "l’Office des  Nations Unies  contre la drogue et le crime",
        "l’Office\u00a0des Nations Unies contre la drogue et le\tcrime",
    ):
        assert [entry for entry, _ in found(glossary, text)] == ["onudc"], repr(text)


def test_guillemets_straight_quotes_and_spacing(glossary: Glossary) -> None:
    for text in (
        "le Projet « Prism »",
        "le Projet «Prism»",
        "le Projet\u00a0«\u202fPrism\u202f»",
        'le Projet "Prism"',
        "le Projet “Prism”",
    ):
        mentions = found(glossary, text)
        assert [entry for entry, _ in mentions] == ["projet-prism"], text
        assert mentions[0][1].startswith("Projet") and mentions[0][1][-1] in '»"”', text


def test_a_mention_ends_before_the_following_space(glossary: Glossary) -> None:
    (mention,) = glossary.find_mentions("du Projet « Cohesion » et")
    assert "du Projet « Cohesion » et"[mention.end :] == " et"


# --------------------------------------------------------------------------- case


def test_names_tolerate_the_case_of_their_first_letter_only(glossary: Glossary) -> None:
    assert [
        e for e, _ in found(glossary, "l’office des Nations Unies contre la drogue et le crime")
    ] == ["onudc"]
    assert found(glossary, "OFFICE DES NATIONS UNIES CONTRE LA DROGUE ET LE CRIME") == []


def test_an_unaccented_capital_starts_a_name(small_glossary: Glossary) -> None:
    # "Réunion des États parties": the E of "Etats" lost its accent, as in many prints;
    # only the first letter of a name is tolerant.
    assert found(small_glossary, "la réunion des États parties") == [
        ("etats-parties", "réunion des États parties")
    ]


def test_acronyms_are_case_sensitive(glossary: Glossary) -> None:
    assert found(glossary, "l’Onudc, l’onudc et les oms") == []
    assert found(glossary, "l’OMS") == [("oms", "OMS")]


# --------------------------------------------------------------------------- no false tags


def test_acronym_inside_another_word_is_not_a_mention(glossary: Glossary) -> None:
    assert found(glossary, "les NOMS, OMSK, COMS, OMS2 et OSCEA") == []


def test_acronyms_inside_document_symbols_are_not_mentions(small_glossary: Glossary) -> None:
    # RES, DEC and PC are acronyms of this glossary, and parts of these symbols.
    text = "voir A/RES/62/176, PC.DEC/758, MC.DEC/5/05, RES/1, PC-2 et E/2009/28/DEC."
    assert found(small_glossary, text) == []
    assert found(small_glossary, "le PC a décidé, selon le DEC.") == [
        ("resolutions-bureau", "PC"),
        ("resolutions-bureau", "DEC"),
    ]


def test_acronym_glued_to_a_slash_is_not_a_mention(glossary: Glossary) -> None:
    assert found(glossary, "l’OSCE/BIDDH et ONUDC/2007/1") == []


def test_name_glued_to_a_hyphen_is_not_a_mention(glossary: Glossary) -> None:
    assert found(glossary, "la Sous-Commission des stupéfiants") == []


def test_name_followed_by_a_glued_digit_is_not_a_mention(glossary: Glossary) -> None:
    assert found(glossary, "la Convention de 19888") == []
    assert found(glossary, "la Convention de 1988") == [("convention-1988", "Convention de 1988")]


def test_generic_words_are_not_mentions(glossary: Glossary) -> None:
    text = "l’Office, la Commission, le Conseil, l’Assemblée et la Déclaration politique"
    assert found(glossary, text) == []


# --------------------------------------------------------------------------- note marks


def test_no_mention_spans_a_cut(glossary: Glossary) -> None:
    text = "la Commission des stupéfiants, la Commission des stupéfiants"
    inside = text.index("stupéfiants")  # a note mark between "des" and "stupéfiants"
    mentions = glossary.find_mentions_between(text, [inside])
    assert [text[m.start : m.end] for m in mentions] == ["Commission des stupéfiants"]
    assert mentions[0].start > inside


def test_a_cut_at_the_end_of_a_name_keeps_it(glossary: Glossary) -> None:
    text = "la Convention de 1988 et la suite"
    after = text.index(" et")
    assert [m.entry for m in glossary.find_mentions_between(text, [after])] == ["convention-1988"]


# --------------------------------------------------------------------------- property


FILLERS = ("zzz", "qqq,", "(xxx)", "wwww ;")


@st.composite
def spelled_names(draw: st.DrawFn, glossary: Glossary) -> tuple[str, str]:
    """A name or acronym of the real glossary, spelled as prints vary it."""
    entry = draw(st.sampled_from(glossary.entries))
    name = draw(st.sampled_from(entry.names + entry.acronyms))
    spaces = st.sampled_from([" ", "\n", "  ", "\u00a0", " \n"])
    words = name.split(" ")
    spelled = words[0]
    for word in words[1:]:
        spelled += draw(spaces) + word
    spelled = spelled.replace("’", draw(st.sampled_from(["’", "'"])))
    return entry.id, spelled


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_name_in_running_text_is_found_once(glossary: Glossary, data: st.DataObject) -> None:
    pieces = data.draw(st.lists(spelled_names(glossary), min_size=1, max_size=6))
    text = ""
    expected = []
    for entry_id, spelled in pieces:
        text += data.draw(st.sampled_from(FILLERS)) + " l’"
        start = len(text)
        text += spelled
        expected.append((entry_id, start, len(text)))
        text += " "
    mentions = glossary.find_mentions(text)
    assert [(m.entry, m.start, m.end) for m in mentions] == expected
