"""Checks that a text was structured, and that its metadata agrees with it: each fails on
a bad text and passes on a good one, in French and in English.  Then the command line
(`resolutions check`) and the site's build (the real `mkdocs build --strict`) refuse a
text whose paragraphs all ran together.

Texts are small and hand-written, as an editor would paste them; the long genuine
paragraph is the seeds' own.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from resolutions import checks
from resolutions.cli import main
from resolutions.model import Document, Footnote
from resolutions.pipeline import convert_file

from ..site.build import build_site

ROOT = Path(__file__).resolve().parents[2]


def front(**fields: str | None) -> str:
    values: dict[str, str | None] = {
        "symbol": "A/RES/1/1",
        "title": "Essai",
        "body": "ag",
        "type": "résolution",
        "date": "2000-01-01",
        "source": "essai",
        "format": "pdf-text",
    }
    values.update(fields)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in values.items() if v is not None) + "---\n"


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


FRENCH = (
    " L’Assemblée générale,\n\n"
    " Rappelant sa résolution 60/1 du 16 septembre 2005 et ses résolutions antérieures sur "
    "la question,\n\n"
    " Préoccupée par l’usage croissant des envois postaux pour l’expédition de drogues,\n\n"
    " Notant avec satisfaction les progrès accomplis par les États Membres dans la lutte "
    "contre le trafic,\n\n"
    " Consciente que les services postaux et de messagerie express sont de plus en plus "
    "utilisés par les trafiquants pour l’expédition de petites quantités de drogues "
    "synthétiques commandées en ligne,\n\n"
    " Soulignant l’importance de la coopération entre les autorités douanières, les "
    "services de détection et de répression et les opérateurs postaux, dans le respect de "
    "la législation nationale,\n\n"
    " Réaffirmant le principe de la responsabilité commune et partagée face au problème "
    "mondial de la drogue, qui appelle une action concertée et soutenue aux niveaux "
    "national, régional et international,\n\n"
    " 1. Engage les États Membres à renforcer la coopération entre leurs services douaniers "
    "et les opérateurs postaux ;\n\n"
    " 2. Prie l’Office des Nations Unies contre la drogue et le crime de lui présenter un "
    "rapport sur la question à sa prochaine session ;\n\n"
    " 3. Décide de rester saisie de la question.\n"
)
ENGLISH = (
    " The General Assembly,\n\n"
    " Recalling its resolution 60/1 of 16 September 2005 and its previous resolutions on the "
    "question,\n\n"
    " Concerned by the growing use of postal consignments for the shipment of drugs,\n\n"
    " Noting with appreciation the progress made by Member States in the fight against "
    "trafficking,\n\n"
    " Aware that postal and express courier services are increasingly used by traffickers "
    "to ship small quantities of synthetic drugs ordered online,\n\n"
    " Stressing the importance of cooperation between customs authorities, law "
    "enforcement agencies and postal operators, in accordance with national legislation,"
    "\n\n"
    " Reaffirming the principle of common and shared responsibility in addressing and "
    "countering the world drug problem, which requires concerted and sustained action at "
    "the national, regional and international levels, in full conformity with the "
    "purposes and principles of the Charter of the United Nations,\n\n"
    " 1. Urges Member States to strengthen cooperation between their customs services and "
    "postal operators;\n\n"
    " 2. Requests the United Nations Office on Drugs and Crime to submit to it a report on "
    "the question at its next session;\n\n"
    " 3. Decides to remain seized of the matter.\n"
)


def flattened(text: str) -> str:
    """A flattened web copy that starts after the author clause: the whole text on one
    line.  With no author clause, nothing tells where the preamble's paragraphs end."""
    return " ".join(text.split("\n\n", 1)[1].split()) + "\n"


def convert(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return convert_file(path, tmp_path).documents[0]


def findings(tmp_path: Path, name: str, text: str) -> list[str]:
    document = convert(tmp_path, name, text)
    return [str(d) for d in checks.check_documents([document], checks.FrontMatter(tmp_path))]


# ------------------------------------------------------------------------ good texts


def test_a_well_structured_french_text_gives_no_finding(tmp_path: Path) -> None:
    assert findings(tmp_path, "fr.txt", front() + FRENCH) == []


def test_a_well_structured_english_text_gives_no_finding(tmp_path: Path) -> None:
    # Needs the structure's English author clause ("The General Assembly,").
    document = convert(tmp_path, "en.txt", front(lang="en") + ENGLISH)
    assert document.author is not None and document.author.text == "The General Assembly,"
    assert [p.kind for p in document.paragraphs] == ["preambular"] * 6 + ["operative"] * 3
    assert checks.check_documents([document], checks.FrontMatter(tmp_path)) == []


# ---------------------------------------------------------------------- author clause


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        ("ag", None, "L’Assemblée générale,"),
        ("osce-cp", None, "Le Conseil permanent,"),
        ("cnd", None, "La Commission des stupéfiants,"),
        ("ag", "en", "The General Assembly,"),
    ],
)
def test_a_resolution_with_no_author_clause(
    tmp_path: Path, body: str, lang: str | None, expected: str
) -> None:
    source = ENGLISH if lang == "en" else FRENCH
    text = front(body=body, lang=lang) + "Titre\n\n" + source.split("\n\n", 1)[1]
    document = convert(tmp_path, "sans.txt", text)
    assert document.author is None
    found = checks.author_clause(document)
    # A text declared English has its own slug by default (its French version may share
    # the symbol).
    slug = "a-res-1-1-en" if lang == "en" else "a-res-1-1"
    assert [str(d) for d in found] == [
        f"sans.txt:{line_of(text, 'Titre')}: error: {slug}: no author clause found: a "
        f"résolution opens with its author alone on a line, such as '{expected}', and its "
        "structure (preambular and operative paragraphs) could not be found; check that the "
        "author clause is there, on a line of its own, with a blank line before and after it"
    ]


def test_a_declaration_or_a_fragment_needs_no_author_clause(tmp_path: Path) -> None:
    body = FRENCH.split("\n\n", 1)[1]
    declaration = convert(tmp_path, "d.txt", front(type="déclaration") + body)
    assert declaration.author is None and checks.author_clause(declaration) == []
    fragment = convert(tmp_path, "f.txt", front() + "de la question,\n\n" + body)
    assert fragment.fragment and checks.author_clause(fragment) == []
    # The same text as a résolution is refused.
    assert len(checks.author_clause(convert(tmp_path, "r.txt", front() + body))) == 1


# --------------------------------------------------------------- paragraphs run together


@pytest.mark.parametrize(("source", "lead"), [(FRENCH, ", Préoccupée"), (ENGLISH, ", Concerned")])
def test_paragraphs_run_together_are_refused(tmp_path: Path, source: str, lead: str) -> None:
    text = front() + flattened(source)
    document = convert(tmp_path, "bloc.txt", text)
    block = document.paragraphs[0]
    assert block.kind == "other" and len(block.text.split()) > checks.RUN_TOGETHER_WORDS
    found = [str(d) for d in checks.run_together(document)]
    assert found == [
        f"bloc.txt:{block.line}: error: a-res-1-1: a block of {len(block.text.split())} words "
        "with no paragraph number, 5 places where a paragraph seems to end and the next to "
        f"begin, the first on line {block.line}: '{lead}': the paragraphs were not separated; "
        "put a blank line between paragraphs"
    ]


def test_a_preamble_run_together_after_the_author_clause(tmp_path: Path) -> None:
    """A preambular paragraph that holds the next ones (a reader that missed their
    leads): the check reads the converted model, whatever the reader did."""
    document = convert(tmp_path, "fr.txt", front() + FRENCH)
    preamble = [p for p in document.paragraphs if p.kind == "preambular"]
    merged = replace(preamble[0], text=" ".join(p.text for p in preamble))
    broken = replace(document, paragraphs=(merged, *document.paragraphs[len(preamble) :]))
    found = [str(d) for d in checks.run_together(broken)]
    assert found == [
        f"fr.txt:{merged.line}: error: a-res-1-1: a block of {len(merged.text.split())} words "
        "with no paragraph number, 5 places where a paragraph seems to end and the next to "
        f"begin, the first on line {merged.line}: ', Préoccupée': the paragraphs were not "
        "separated; put a blank line between paragraphs"
    ]
    assert checks.run_together(document) == []


def test_a_long_genuine_paragraph_is_accepted(tmp_path: Path) -> None:
    # The seeds' paragraph of 155 words (A/RES/78/284), and an English one of 150.
    seed = (ROOT / "source_texts" / "a-res-78-284.txt").read_text(encoding="utf-8")
    french = next(line for line in seed.split("\n") if "engagement indéfectible" in line)
    french = re.sub(r"<sup>\d+</sup>", "", french)  # its note is not part of the test
    english = (
        "Reaffirming its unwavering commitment to addressing and countering the world drug "
        "problem, which requires concerted and sustained action at the national and "
        "international levels, including by accelerating the implementation of existing "
        "commitments, and ensuring that all aspects of demand reduction, supply reduction and "
        "international cooperation are addressed in full conformity with the purposes and "
        "principles of the Charter of the United Nations, international law and the "
        "Universal Declaration of Human Rights, with full respect for the sovereignty and "
        "territorial integrity of States, the principle of non-intervention in the internal "
        "affairs of States, all human rights, fundamental freedoms, the inherent dignity of "
        "all individuals and the principles of equal rights and mutual respect among States, "
        "and recognizing, as reaffirmed by its previous resolutions on the question, that "
        "these efforts are complementary and mutually reinforcing, and that they are best "
        "pursued through international cooperation, in accordance with national legislation,"
    )
    for name, paragraph, source in (("fr", french, FRENCH), ("en", english, ENGLISH)):
        author, _, rest = source.partition("\n\n")
        text = front(format="markdown") + f"{author.strip()}\n\n{paragraph}\n\n{rest}"
        document = convert(tmp_path, f"{name}.txt", text)
        longest = max(len(p.text.split()) for p in document.paragraphs)
        assert longest > checks.RUN_TOGETHER_WORDS, (name, longest)
        assert checks.run_together(document) == [], name


@pytest.mark.parametrize(("source", "lead"), [(FRENCH, ", Préoccupée"), (ENGLISH, ", Concerned")])
def test_paragraphs_read_as_a_note_are_refused(tmp_path: Path, source: str, lead: str) -> None:
    """A page's notes read past the page's end (a flattened copy of a PDF): the next
    page's paragraphs are the last note's text.  A genuine note, even long, is not."""
    document = convert(tmp_path, "n.txt", front() + source)
    first, *rest = document.paragraphs
    swallowed = "Résolution 70/1. " + " ".join(p.text for p in rest)
    note_block = replace(first, text=swallowed, lines=())
    genuine = replace(first, text="Nations Unies, Recueil des Traités, vol. 976, n° 14152 " * 8)
    broken = replace(
        document,
        paragraphs=(first,),
        footnotes=(Footnote("1", genuine, ("pp1",)), Footnote("2", note_block, ("pp1",))),
    )
    words = len(swallowed.split())
    assert words > checks.RUN_TOGETHER_WORDS > len(genuine.text.split())
    (found,) = [str(d) for d in checks.body_in_notes(broken)]
    assert found.startswith(
        f"n.txt:{first.line}: error: a-res-1-1: note 2 holds {words} words and "
    )
    # Where the note printed ends and the next page's first paragraph begins.
    shown = lead.replace(",", ".")
    assert f"the first paragraph seemingly starting on line {first.line}: '{shown}'" in found
    assert found.endswith(
        "paragraphs of the text were read as the note (a copy whose line breaks were lost, "
        "where the notes at a page's foot run into the next page); paste the text again with "
        "its line breaks, one printed line per line"
    )
    assert checks.body_in_notes(replace(broken, footnotes=broken.footnotes[:1])) == []
    assert checks.body_in_notes(document) == []


def test_a_block_longer_than_any_paragraph_is_refused(tmp_path: Path) -> None:
    words = " et de la coopération internationale" * 220  # 1,100 words, no boundary
    text = front() + " L’Assemblée générale,\n\n Rappelant" + words + ",\n\n 1. Décide.\n"
    document = convert(tmp_path, "long.txt", text)
    found = [str(d) for d in checks.run_together(document)]
    assert found == [
        f"long.txt:{line_of(text, 'Rappelant')}: error: a-res-1-1: a block of 1101 words with "
        "no paragraph number, no paragraph of a resolution is that long (1000 words at most): "
        "the paragraphs were not separated; put a blank line between paragraphs"
    ]


# ----------------------------------------------------------------------------- notes

NOTES_FR = "\n____\n\n 1  Résolution S-20/2, annexe.\n\n 2  Résolution 60/1.\n"
NOTES_EN = "\n____\n\n 1  Resolution S-20/2, annex.\n\n 2  Resolution 60/1.\n"


@pytest.mark.parametrize(("source", "notes"), [(FRENCH, NOTES_FR), (ENGLISH, NOTES_EN)])
def test_notes_none_of_which_is_cited(tmp_path: Path, source: str, notes: str) -> None:
    text = front() + source + notes
    document = convert(tmp_path, "notes.txt", text)
    assert [note.refs for note in document.footnotes] == [(), ()]
    assert [str(d) for d in checks.notes(document)] == [
        f"notes.txt:{line_of(text, 'S-20/2')}: error: a-res-1-1: 2 notes are printed and the "
        "text cites none of them: the note marks were not recognised (in a copy from a PDF, "
        "the note's number glued to the word it follows, 'de 19881,'; in Markdown, "
        "'<sup>1</sup>'); check that the text and its notes come from the same document and "
        "that the marks were not removed"
    ]
    # With their marks (the numbers glued to the words), the same notes are cited.
    marked = source.replace("2005", "20051", 1).replace("question,", "question2,", 1)
    cited = convert(tmp_path, "cited.txt", front() + marked + notes)
    assert all(note.refs for note in cited.footnotes) and checks.notes(cited) == []


# --------------------------------------------------------------------------- language


def test_a_declared_language_that_the_text_contradicts(tmp_path: Path) -> None:
    text = front(lang="fr") + ENGLISH
    document = convert(tmp_path, "langue.txt", text)
    found = [str(d) for d in checks.language(document, checks.FrontMatter(tmp_path))]
    assert len(found) == 1
    assert re.fullmatch(
        rf"langue\.txt:{line_of(text, 'lang:')}: error: a-res-1-1: the metadata says "
        r"'lang: fr' but the text reads as English \(\d+ English function words against 0 "
        r"French\): correct 'lang', or check that the text pasted is the one the metadata "
        r"describes",
        found[0],
    ), found
    english = convert(tmp_path, "en.txt", front(lang="en") + ENGLISH)
    assert checks.language(english, checks.FrontMatter(tmp_path)) == []
    french = convert(tmp_path, "fr-en.txt", front(lang="en") + FRENCH)
    assert "the metadata says 'lang: en' but the text reads as French" in str(
        checks.language(french, checks.FrontMatter(tmp_path))[0]
    )


def test_an_undeclared_language_is_the_text_s(tmp_path: Path) -> None:
    english = convert(tmp_path, "en.txt", front() + ENGLISH)
    assert english.lang == "en"
    assert checks.language(english, checks.FrontMatter(tmp_path)) == []
    french = convert(tmp_path, "fr.txt", front() + FRENCH)
    assert french.lang == "fr"
    assert checks.language(french, checks.FrontMatter(tmp_path)) == []


def test_a_bilingual_text_is_a_warning(tmp_path: Path) -> None:
    french = FRENCH.split("\n\n")
    english = ENGLISH.split("\n\n")
    mixed = "\n\n".join(f"{fr}\n\n{en}" for fr, en in zip(french[:4], english[:4], strict=True))
    text = front() + mixed + "\n"
    document = convert(tmp_path, "bilingue.txt", text)
    found = [str(d) for d in checks.language(document, checks.FrontMatter(tmp_path))]
    assert len(found) == 1
    assert re.fullmatch(
        rf"bilingue\.txt:{document.line}: warning: a-res-1-1: cannot tell whether the text is "
        r"French or English \(\d+ French and \d+ English function words\): a bilingual copy\? "
        r"Keep one language, or declare it with 'lang: fr' or 'lang: en'",
        found[0],
    ), found
    # Declared, the language is the editor's choice.
    declared = convert(tmp_path, "declare.txt", front(lang="fr") + mixed + "\n")
    assert checks.language(declared, checks.FrontMatter(tmp_path)) == []


# ------------------------------------------------------- the metadata against the text


def printed(document: Document, details: dict[str, tuple[str, int]]) -> Document:
    """``document`` with the details a reader found in its cover block, and their lines."""
    return replace(
        document,
        details=tuple((name, value) for name, (value, _) in details.items()),
        detail_lines=tuple((name, line) for name, (_, line) in details.items()),
    )


def test_a_symbol_or_a_date_that_the_text_contradicts(tmp_path: Path) -> None:
    text = front(symbol="A/RES/79/191", date="2024-12-18") + FRENCH
    document = convert(tmp_path, "cote.txt", text)
    front_matter = checks.FrontMatter(tmp_path)
    wrong = printed(document, {"symbol": ("A/RES/79/190", 10), "adoption_date": ("2024-12-17", 14)})
    assert [str(d) for d in checks.printed_metadata(wrong, front_matter)] == [
        "cote.txt:2: warning: a-res-79-191: the metadata's symbol 'A/RES/79/191' (line 2) "
        "differs from the symbol printed in the text on line 10, 'A/RES/79/190': correct the "
        "metadata, or check that the text pasted is the one it describes",
        "cote.txt:6: warning: a-res-79-191: the metadata's date '2024-12-18' (line 6) differs "
        "from the date of adoption printed in the text on line 14, '2024-12-17': correct the "
        "metadata, or check that the text pasted is the one it describes",
    ]
    right = printed(document, {"symbol": ("A/RES/79/191", 10), "adoption_date": ("2024-12-18", 14)})
    assert checks.printed_metadata(right, front_matter) == []
    # A date known to the month agrees with the day printed.
    month = replace(right, date="2024-12")
    assert checks.printed_metadata(month, front_matter) == []
    # A warning: the text is published (check --strict refuses it).
    assert all(d.severity == "warning" for d in checks.printed_metadata(wrong, front_matter))


def test_the_line_of_a_field_in_a_file_of_several_texts(tmp_path: Path) -> None:
    text = (
        "---\nbody: cnd\ndate: 2019-03\nsource: essai\nformat: pdf-text\nlang: fr\n"
        "documents:\n  - symbol: 62/1\n    slug: cnd-res-62-1\n    title: Première\n"
        "  - symbol: 62/2\n    slug: cnd-res-62-2\n    title: Seconde\n    date: 2019-04\n"
        "    type: résolution\n---\nRésolution 62/1\n\n La Commission des stupéfiants,\n\n"
        " 1. Décide d’agir.\n\nRésolution 62/2\n\n La Commission des stupéfiants,\n\n"
        " 1. Décide d’agir encore.\n"
    ).replace("format: pdf-text\n", "format: pdf-text\ntype: résolution\n", 1)
    (tmp_path / "rapport.txt").write_text(text, encoding="utf-8")
    first, second = convert_file(tmp_path / "rapport.txt", tmp_path).documents
    front_matter = checks.FrontMatter(tmp_path)
    assert front_matter.field(first, "date") == checks.Field(3, "2019-03")
    assert front_matter.field(second, "date") == checks.Field(line_of(text, "2019-04"), "2019-04")
    assert front_matter.field(second, "title") == checks.Field(line_of(text, "Seconde"), "Seconde")
    assert front_matter.field(first, "lang") == checks.Field(line_of(text, "lang:"), "fr")
    assert front_matter.field(first, "slug") == checks.Field(
        line_of(text, "slug: cnd-res-62-1"), "cnd-res-62-1"
    )


# -------------------------------------------------- `resolutions check` and the build

ONE_BLOCK = front() + flattened(FRENCH)
"""A flattened web copy, from the first preambular paragraph on."""


def test_check_refuses_a_text_whose_paragraphs_ran_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "source_texts"
    folder.mkdir()
    (folder / "bloc.txt").write_text(ONE_BLOCK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "source_texts"]) == 1
    out = capsys.readouterr().out.splitlines()
    line = line_of(ONE_BLOCK, "Rappelant")
    errors = [finding for finding in out if ": error: " in finding]
    assert [e.split(": error: ")[0] for e in errors] == [f"source_texts/bloc.txt:{line}"] * 2
    assert "no author clause found" in " ".join(errors)
    assert "with no paragraph number" in " ".join(errors)
    assert "0 preambular, 3 operative, 1 other paragraphs" in out[-1]


def test_the_build_refuses_what_check_refuses(tmp_path: Path) -> None:
    source = tmp_path / "source_texts"
    source.mkdir()
    shutil.copy(ROOT / "source_texts" / "glossaire.yml", source)
    (source / "a-res-1-1.txt").write_text(front() + FRENCH, encoding="utf-8")
    good = build_site(tmp_path / "site", source)
    assert good.returncode == 0, good.stderr
    assert "1 texts converted" in good.stderr
    (source / "bloc.txt").write_text(ONE_BLOCK.replace("A/RES/1/1", "A/RES/1/2"), encoding="utf-8")
    refused = build_site(tmp_path / "site-2", source)
    assert refused.returncode != 0
    line = line_of(ONE_BLOCK, "Rappelant")
    shown = f"{source}/bloc.txt:{line}: error: a-res-1-2: "
    errors = [row for row in refused.stderr.splitlines() if row.startswith(shown)]
    assert len(errors) == 2, refused.stderr
    assert "2 errors in the source texts; `resolutions check` says the same" in refused.stderr
    assert not (tmp_path / "site-2" / "textes" / "a-res-1-2.html").exists()


def test_the_build_publishes_a_text_with_warnings_only(tmp_path: Path) -> None:
    source = tmp_path / "source_texts"
    source.mkdir()
    shutil.copy(ROOT / "source_texts" / "glossaire.yml", source)
    french = FRENCH.split("\n\n")
    english = ENGLISH.split("\n\n")
    mixed = "\n\n".join(f"{fr}\n\n{en}" for fr, en in zip(french[1:4], english[1:4], strict=True))
    text = front(title="Bilingue") + french[0] + "\n\n" + mixed + "\n\n" + french[4] + "\n"
    (source / "a-res-1-1.txt").write_text(text, encoding="utf-8")
    built = build_site(tmp_path / "site", source)
    assert built.returncode == 0, built.stderr
    assert "warning: a-res-1-1: cannot tell whether the text is French or English" in built.stderr
    assert (tmp_path / "site" / "textes" / "a-res-1-1.html").is_file()


def test_a_field_left_to_complete_is_refused_by_the_build_s_checks(tmp_path: Path) -> None:
    """`resolutions new` leaves 'À COMPLÉTER' where the text does not say: a title or a
    source so left converts, and the per-text checks (those of the build) refuse it."""
    text = front(title='"À COMPLÉTER"  # À COMPLÉTER : le titre', source='"À COMPLÉTER"')
    document = convert(tmp_path, "nouveau.txt", text + FRENCH)
    assert [str(d) for d in checks.placeholders(document, checks.FrontMatter(tmp_path))] == [
        f"nouveau.txt:{line_of(text, 'title:')}: error: 'title' is still to be completed "
        "('À COMPLÉTER'): write the title as printed, with its accents",
        f"nouveau.txt:{line_of(text, 'source:')}: error: 'source' is still to be completed "
        "('À COMPLÉTER'): say where the text comes from (the body, the symbol, and how it was "
        "copied: from the PDF, from a web page)",
    ]
    done = convert(tmp_path, "fait.txt", front() + FRENCH)
    assert checks.placeholders(done, checks.FrontMatter(tmp_path)) == []


@pytest.mark.parametrize("source", [FRENCH, ENGLISH], ids=["fr", "en"])
def test_a_paragraph_number_alone_is_refused(tmp_path: Path, source: str) -> None:
    """A PDF copy that puts each paragraph number on a line of its own, apart from its
    paragraph (as pdftotext does with the UN's PDFs): the numbering is lost."""
    text = front() + re.sub(r"(?m)^ (\d)\. ", r"\1.\n\n", source)
    document = convert(tmp_path, "numeros.txt", text)
    assert not any(p.kind == "operative" for p in document.paragraphs)
    found = [str(d) for d in checks.lone_labels(document)]
    assert found == [
        f"numeros.txt:{line_of(text, f'{n}.')}: error: a-res-1-1: '{n}.' stands alone: the "
        "paragraph it numbers was not attached to it, so the text's numbering was not found; "
        f"put '{n}.' at the start of its paragraph's first line"
        for n in (1, 2, 3)
    ]
    assert checks.lone_labels(convert(tmp_path, "bon.txt", front() + source)) == []
