"""Loading the glossary file: the real one is valid and complete, and each mistake an
editor can make is reported at ``file:line``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from resolutions.errors import SourceError
from resolutions.glossary import KINDS, Glossary, load_glossary

REQUIRED_IDS = (
    "onudc",
    "oics",
    "caricc",
    "oms",
    "osce",
    "onu",
    "assemblee-generale",
    "ecosoc",
    "commission-stupefiants",
    "osce-conseil-permanent",
    "osce-conseil-ministeriel",
    "onusida",
    "pacte-de-paris",
    "projet-prism",
    "projet-cohesion",
    "convention-1961",
    "protocole-1972",
    "convention-1971",
    "convention-1988",
    "convention-criminalite-organisee",
    "convention-corruption",
    "declaration-politique-2009",
    "declaration-ministerielle-2014",
    "declaration-ministerielle-2019",
    "document-final-2016",
)
"""Ids other components rely on."""

VALID_ENTRY = """\
  - id: exemple
    kind: organe
    names: [Organe d’exemple]
    english_name: Example Body
    description: Un organe d’exemple.
"""


def test_real_glossary_has_every_required_entry(glossary: Glossary) -> None:
    assert set(REQUIRED_IDS) <= {entry.id for entry in glossary}


def test_real_glossary_entries_are_complete(glossary: Glossary) -> None:
    for entry in glossary:
        assert entry.kind in KINDS
        assert entry.names and entry.english_name and entry.description.endswith(".")
        assert not entry.url or entry.url.startswith("https://"), entry.id


def test_english_names_and_acronyms_of_the_main_bodies(glossary: Glossary) -> None:
    assert (glossary["onudc"].english_acronym, glossary["oics"].english_acronym) == (
        "UNODC",
        "INCB",
    )
    assert glossary["onusida"].names == ("Programme commun des Nations Unies sur le VIH/sida",)
    assert glossary["caricc"].acronyms == ("CARICC",)


def test_treaty_series_references_sit_on_their_instrument(glossary: Glossary) -> None:
    # Vol. 976 no 14152 is the Single Convention as amended by the 1972 Protocol; the
    # Protocol itself is no 14151 of the same volume.
    assert "976/14152" in glossary["convention-1961"].unts
    assert glossary["protocole-1972"].unts == ("976/14151",)
    assert glossary["convention-1971"].unts == ("1019/14956",)
    assert glossary["convention-1988"].unts == ("1582/27627",)


def test_the_2019_declaration_is_a_corpus_document(glossary: Glossary) -> None:
    assert glossary["declaration-ministerielle-2019"].document == (
        "cnd-2019-declaration-ministerielle"
    )


def test_entry_line_is_where_the_entry_starts(glossary: Glossary) -> None:
    lines = Path(glossary.path).read_text(encoding="utf-8").splitlines()
    for entry in glossary:
        assert lines[entry.line - 1].strip() == f"- id: {entry.id}"


# --------------------------------------------------------------------------- errors


def error_of(write: Callable[[str], Path], text: str) -> SourceError:
    path = write(text)
    with pytest.raises(SourceError) as caught:
        load_glossary(path)
    error = caught.value
    assert error.path == str(path)
    assert str(error) == f"{path}:{error.line}: error: {error.message}"
    return error


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    nom: Exemple\n",
            7,
            "unknown field 'nom'",
            id="unknown-field",
        ),
        pytest.param(
            "entries:\n  - id: exemple\n    kind: organe\n    english_name: X\n"
            "    description: Un exemple.\n",
            2,
            "no 'names'",
            id="missing-names",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + VALID_ENTRY.replace("Organe d’exemple", "Autre"),
            7,
            "id 'exemple' is used twice (first on line 2)",
            id="duplicate-id",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + VALID_ENTRY.replace("id: exemple", "id: autre"),
            7,
            "also names 'exemple' (line 2)",
            id="name-of-two-entries",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY.replace("kind: organe", "kind: agence"),
            3,
            "kind 'agence' is not one of",
            id="bad-kind",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    acronyms:\n      - OE\n      - Onudc\n",
            9,
            "acronym 'Onudc' must be 2 or more capital letters",
            id="bad-acronym",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    unts: [976-14152]\n",
            7,
            "must be volume/number",
            id="bad-treaty-reference",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    url: javascript:alert(1)\n",
            7,
            "is not a web address",
            id="bad-url",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY.replace("Un organe d’exemple.", "Un organe"),
            6,
            "the description is one full sentence",
            id="description-not-a-sentence",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    kind: convention\n",
            7,
            "'kind' is given twice (first on line 3)",
            id="duplicate-key",
        ),
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    names: [a, : b\n",
            7,
            "not valid YAML",
            id="invalid-yaml",
        ),
        pytest.param("entries: onudc\n", 1, "'entries' must be a list", id="not-a-list"),
        pytest.param("", 1, "the glossary is empty", id="empty"),
        pytest.param(
            "entries:\n" + VALID_ENTRY + "    names: [l’]\n",
            7,
            "'names' is given twice",
            id="names-twice",
        ),
    ],
)
def test_mistakes_are_reported_at_their_line(
    write_glossary: Callable[[str], Path], text: str, line: int, words: str
) -> None:
    error = error_of(write_glossary, text)
    assert words in error.message
    assert error.line == line


def test_a_name_that_is_only_an_article_is_refused(write_glossary: Callable[[str], Path]) -> None:
    error = error_of(
        write_glossary, "entries:\n" + VALID_ENTRY.replace("[Organe d’exemple]", "[l’]")
    )
    assert "is not a name" in error.message
    assert error.line == 4


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        load_glossary(tmp_path / "absent.yml")
    assert caught.value.line == 1
    assert "cannot read the glossary" in caught.value.message
