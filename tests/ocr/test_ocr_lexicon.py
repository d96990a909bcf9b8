"""Where the lexicon's spelling comes from: the word list ``pip install`` brings, never a
system package; another list only when one is named."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from resolutions.field_words import FIELD_WORDS
from resolutions.ocr_repair import (
    DEBIAN_WORD_LIST,
    WORD_LIST_VARIABLE,
    french_lexicon,
    packaged_spellings,
    repair,
)
from resolutions.pipeline import convert_file

from .documents import TIRANA, applied_corrections, precision_recall, true_errors
from .test_ocr_tirana import MIN_PRECISION, MIN_RECALL


def test_the_default_lexicon_opens_nothing_under_usr_share_dict():
    """Built in a fresh interpreter whose every ``open`` is audited: the packaged list is
    read, ``/usr/share/dict`` never, whether or not wfrench is installed."""
    script = textwrap.dedent(
        """
        import sys

        opened = []

        def audit(event, args):
            if event == "open" and isinstance(args[0], str):
                opened.append(args[0])

        sys.addaudithook(audit)
        from resolutions.ocr_repair import french_lexicon

        lexicon = french_lexicon()
        assert lexicon.knows("sûreté") and lexicon.knows("œuvre"), "a poor lexicon"
        assert not lexicon.knows("réle")
        print("\\n".join(opened))
        """
    )
    environment = {key: value for key, value in os.environ.items() if key != WORD_LIST_VARIABLE}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment
    )
    assert result.returncode == 0, result.stderr
    opened = result.stdout.splitlines()
    assert any(path.endswith("spellchecker/resources/fr.json.gz") for path in opened), opened
    assert not [path for path in opened if path.startswith("/usr/share/dict")]


def test_a_word_list_named_by_the_environment_replaces_the_packaged_one(tmp_path, monkeypatch):
    words = tmp_path / "mots.txt"
    words.write_text("zorglub\nsûreté\n", encoding="utf-8")
    monkeypatch.setenv(WORD_LIST_VARIABLE, str(words))
    lexicon = french_lexicon()
    assert lexicon.knows("zorglub") and lexicon.knows("Sûreté")
    assert not lexicon.knows("rôle")
    monkeypatch.delenv(WORD_LIST_VARIABLE)
    assert french_lexicon().knows("rôle") and not french_lexicon().knows("zorglub")


def test_a_missing_word_list_named_by_the_environment_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(WORD_LIST_VARIABLE, str(tmp_path / "absent"))
    with pytest.raises(FileNotFoundError, match=WORD_LIST_VARIABLE):
        french_lexicon()


@pytest.mark.skipif(not DEBIAN_WORD_LIST.is_file(), reason="wfrench is not installed")
def test_debian_wfrench_stays_a_source_as_good():
    """The optional source meets the same targets on the OCR seed, and the packaged list
    repairs the seed exactly as it does (the same 63 corrections, the same text)."""
    converted = convert_file(TIRANA, repair=False).documents[0]
    with_wfrench = repair(converted, french_lexicon(DEBIAN_WORD_LIST))
    precision, recall = precision_recall(applied_corrections(with_wfrench), true_errors())
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (precision, recall)
    assert repair(converted, french_lexicon()) == with_wfrench


def test_the_field_words_are_each_needed_and_known():
    """Each word of field_words.py is lower case, listed once, absent from the packaged
    list (else it is not needed) and known by the default lexicon."""
    packaged = set(packaged_spellings())
    assert len(set(FIELD_WORDS)) == len(FIELD_WORDS)
    for word in FIELD_WORDS:
        assert word == word.lower().strip() and " " not in word, word
        assert word not in packaged, word
        assert french_lexicon().knows(word), word
    assert french_lexicon().knows("Acétique") and not french_lexicon().knows("acetique")
