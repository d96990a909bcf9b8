"""Editors' decisions: validated from the front matter, and kept on every rebuild."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from resolutions.errors import SourceError
from resolutions.load import load_source
from resolutions.model import Correction
from resolutions.ocr_repair import Decision, parse_decisions, repair, review, review_report
from resolutions.pipeline import convert_file

from .documents import TIRANA, all_blocks

CND = TIRANA.with_name("cnd-2019-e-2019-28-extrait.txt")


def decisions(text: str) -> tuple[Decision, ...]:
    return parse_decisions(yaml.safe_load(text), "source_texts/x.txt", 9)


# --------------------------------------------------------------------------- the format


def test_a_full_list_is_read():
    read = decisions(
        """
        - {line: 23, original: réle, correction: rôle, decision: refuse}
        - {line: 35, original: réle, correction: rôle, decision: confirm}
        - {line: 70, original: a, correction: à, decision: confirm, occurrence: 2}
        - {line: 14, original: Etats, correction: États}
        """
    )
    assert read == (
        Decision(23, "réle", "rôle", "refuse"),
        Decision(35, "réle", "rôle", "confirm"),
        Decision(70, "a", "à", "confirm", 2),
        Decision(14, "Etats", "États", "editor"),
    )


def test_no_key_means_no_decision():
    assert parse_decisions(None, "x.txt", 3) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{line: 3}", "expected a list"),
        ("[réle]", "entry 1: expected a mapping"),
        ("[{line: 3, original: a, correction: à, why: x}]", "unknown key(s) why"),
        ("[{line: 3, original: a}]", "'correction' is missing"),
        ("[{original: a, correction: à}]", "'line' is missing"),
        ("[{line: zero, original: a, correction: à}]", "'line' must be a line number"),
        ("[{line: 0, original: a, correction: à}]", "'line' must be a line number"),
        ("[{line: true, original: a, correction: à}]", "'line' must be a line number"),
        ("[{line: 3, original: on, correction: à}]", "'original' must be non-empty text"),
        ("[{line: 3, original: '', correction: à}]", "'original' must be non-empty text"),
        ("[{line: 3, original: a, correction: 12}]", "'correction' must be non-empty text"),
        ("[{line: 3, original: a, correction: a}]", "the correction is the original"),
        ("[{line: 3, original: a, correction: à, decision: maybe}]", "confirm or refuse"),
        ("[{line: 3, original: a, correction: à, occurrence: 0}]", "'occurrence' must be"),
        (
            "[{line: 3, original: a, correction: à, decision: confirm},"
            " {line: 3, original: a, correction: à, decision: refuse}]",
            "entry 2: contradicts an earlier entry",
        ),
    ],
)
def test_bad_entries_name_the_file_and_line(text, message):
    with pytest.raises(SourceError) as caught:
        decisions(text)
    assert caught.value.path == "source_texts/x.txt"
    assert caught.value.line == 9
    assert message in caught.value.message
    assert str(caught.value).startswith("source_texts/x.txt:9: error: corrections")


# --------------------------------------------------------------------------- applying them


@pytest.fixture(scope="module")
def tirana():
    return convert_file(TIRANA, repair=False).documents[0]


def paragraph(document, anchor):
    return next(block for block_id, block in all_blocks(document) if block_id == anchor)


def test_a_refused_correction_is_not_applied(tirana, lexicon):
    refuse = decisions("[{line: 23, original: réle, correction: rôle, decision: refuse}]")
    repaired = repair(tirana, lexicon, refuse)
    assert "et le réle découlant" in paragraph(repaired, "op2").text
    assert "le rôle central" in paragraph(repaired, "op5").text  # other words still repaired
    assert (23, "réle") not in {(c.line, c.original) for c in repaired.corrections}
    (refused,) = [p for p in review(tirana, lexicon, refuse) if p.decision == "refuse"]
    assert (refused.line, refused.original, refused.applied) == (23, "réle", False)


def test_a_confirmed_doubtful_correction_is_applied(lexicon):
    """``le secteur privé a un rôle`` is proposed but doubtful; an editor may confirm it."""
    document = replace(convert_file(CND, repair=False).documents[1], format="ocr")
    (doubtful,) = [p for p in review(document, lexicon) if not p.applied]
    assert (doubtful.original, doubtful.replacement) == ("a", "à")
    confirm = decisions(
        f"[{{line: {doubtful.line}, original: a, correction: à, decision: confirm}}]"
    )
    repaired = repair(document, lexicon, confirm)
    assert "le secteur privé à un rôle" in paragraph(repaired, doubtful.block).text
    (made,) = repaired.corrections[len(document.corrections) :]
    assert (made.original, made.replacement, made.line) == ("a", "à", doubtful.line)


def test_an_editors_own_correction_is_applied_and_shown(tirana, lexicon):
    own = decisions("[{line: 14, original: Etats, correction: États}]")
    repaired = repair(tirana, lexicon, own)
    block = paragraph(repaired, "op1")
    assert "des États participants" in block.text
    (span,) = [span for span in block.spans_of(Correction) if span.original == "Etats"]
    assert (span.replacement, span.reason, span.line) == ("États", "editor", 14)
    assert block.text[span.start : span.end] == "États"
    assert span in repaired.corrections
    assert "étrangères" in block.text  # the stage's own corrections are still made


def test_an_editor_overrides_a_proposal_on_the_same_word(tirana, lexicon):
    own = decisions("[{line: 42, original: compléte, correction: complété}]")
    repaired = repair(tirana, lexicon, own)
    made = [c for c in repaired.corrections if c.line == 42 and c.original == "compléte"]
    assert [(c.replacement, c.reason) for c in made] == [("complété", "editor")]


def test_an_editors_correction_applies_to_any_format(lexicon):
    document = convert_file(TIRANA.with_name("pc-dec-758.txt"), repair=False).documents[0]
    own = decisions("[{line: 49, original: drogues à, correction: drogue à}]")
    repaired = repair(document, lexicon, own)
    assert [(c.original, c.replacement) for c in repaired.corrections[-1:]] == [
        ("drogues à", "drogue à")
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[{line: 23, original: réle, correction: rdle, decision: refuse}]", 23, "nothing"),
        ("[{line: 24, original: réle, correction: rôle, decision: confirm}]", 24, "nothing"),
        (
            "[{line: 23, original: réle, correction: rôle, decision: refuse, occurrence: 2}]",
            23,
            "nothing",
        ),
        ("[{line: 30, original: sireté, correction: sûreté}]", 30, "is not on this line"),
    ],
)
def test_a_stale_decision_stops_the_build(tirana, lexicon, text, line, message):
    with pytest.raises(SourceError) as caught:
        repair(tirana, lexicon, decisions(text))
    assert (caught.value.path, caught.value.line) == (tirana.source_path, line)
    assert message in caught.value.message


def test_decisions_for_another_text_of_the_file_are_left_to_it(tirana, lexicon):
    elsewhere = decisions("[{line: 400, original: réle, correction: rôle, decision: refuse}]")
    assert repair(tirana, lexicon, elsewhere) == repair(tirana, lexicon)


def test_a_refusal_in_the_front_matter_holds_on_every_rebuild(tmp_path: Path, lexicon):
    """The decision lives in the source file; each build reads it again."""
    raw = TIRANA.read_text(encoding="utf-8")
    front, body = raw.split("\n---\n", 1)
    added = "corrections:\n  - {line: 25, original: réle, correction: rôle, decision: refuse}"
    path = tmp_path / TIRANA.name
    path.write_text(f"{front}\n{added}\n---\n{body}", encoding="utf-8")
    assert "réle" in path.read_text(encoding="utf-8").split("\n")[25 - 1]

    def build():
        source = load_source(path, path.name)
        (entry,) = source.entries
        found = parse_decisions(entry["corrections"], source.path, 9)
        return repair(convert_file(path, repair=False).documents[0], lexicon, found)

    first, second = build(), build()
    assert first == second
    assert "et le réle découlant" in paragraph(first, "op2").text
    assert "le réle essentiel" not in paragraph(first, "op4").text  # line 37: still repaired


# --------------------------------------------------------------------------- the report


def test_the_report_lists_every_correction_and_what_became_of_it(tirana, lexicon):
    chosen = decisions(
        """
        - {line: 23, original: réle, correction: rôle, decision: refuse}
        - {line: 14, original: Etats, correction: États}
        """
    )
    proposals = review(tirana, lexicon, chosen)
    report = review_report(repair(tirana, lexicon, chosen), proposals)
    lines = [line.strip() for line in report.splitlines()]
    assert lines[0].startswith(f"{tirana.source_path} — {tirana.slug}: ")
    assert "1 refused" in lines[0] and "1 editor" in lines[0]
    assert "line   23  refused    réle → rôle  (shape; 1.00)" in lines
    assert "line   14  editor     Etats → États  (editor; 1.00)" in lines
    assert "line   33  applied    fagon → façon  (cedilla; 1.00)" in lines
    assert any("structure  S. → 5." in line for line in lines)
    listed = [line for line in lines if line.startswith("line")]
    assert len(listed) == len(proposals) + 2  # and the two made while reading the structure


def test_doubtful_proposals_are_reported(lexicon):
    document = replace(convert_file(CND, repair=False).documents[1], format="ocr")
    report = review_report(document, review(document, lexicon))
    assert "1 doubtful" in report.splitlines()[0]
    assert "doubtful   a → à  (a or à before a determiner" in report
