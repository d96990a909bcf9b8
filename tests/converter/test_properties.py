"""Property tests: on generated inputs the converter never crashes and never drops a word.

Inputs are built from the pieces real sources are made of (numbered paragraphs, lettered
items, roman sections, page rules, note blocks, glued note numbers, Markdown marks),
shuffled and combined by hypothesis, in each of the three formats.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.errors import SourceError
from resolutions.pipeline import convert_bytes

from .wordstream import model_streams, source_tokens

WORDS = st.sampled_from(
    "la de les Assemblée générale Convention drogue États Membres prie instamment "
    "Réaffirmant Rappelant également coopération l’Office d'action stupéfiants 1988 2005 "
    "61/183 A/62/117 S-20/2 vol. no XXIe a) b) I II L’Assemblée Décision No 758 « » ; : , . "
    "<script>alert(1)</script> [lien](javascript:x) * _ # ` |".split()
)


def sentence(words: list[str], end: str) -> str:
    return " ".join(words) + end


@st.composite
def pdf_like(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["TITRE EN CAPITALES", "", " L’Assemblée générale,", ""]
    for index in range(draw(st.integers(0, 8))):
        words = draw(st.lists(WORDS, min_size=1, max_size=25))
        kind = draw(st.sampled_from(["pp", "op", "item", "rule", "section", "raw"]))
        if kind == "op":
            lines.append(f" {index + 1}. " + sentence(words, ";"))
        elif kind == "item":
            lines.append(" a) " + sentence(words, ";"))
        elif kind == "rule":
            lines += ["", "__________________", "", f" {index + 1}  " + sentence(words, ".")]
        elif kind == "section":
            lines += ["", "  II ", sentence(words, "")]
        elif kind == "raw":
            lines.append(sentence(words, draw(st.sampled_from(["", ",", "1", "2005"]))))
        else:
            lines.append(" " + sentence(words, ","))
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n"


@st.composite
def markdown_like(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for index in range(draw(st.integers(0, 8))):
        words = draw(st.lists(WORDS, min_size=1, max_size=20))
        kind = draw(st.sampled_from(["pp", "op", "note", "rule", "heading"]))
        if kind == "op":
            parts.append(f"{index + 1}. *{words[0]}* " + sentence(words[1:], " ;"))
        elif kind == "note":
            parts.append(f"<sup>{index + 1}</sup> " + sentence(words, "."))
        elif kind == "rule":
            parts.append("---")
        elif kind == "heading":
            parts.append("## **" + sentence(words, "") + "**")
        else:
            parts.append(f"*{words[0]}* " + sentence(words[1:], ","))
    return "\n\n".join(parts) + "\n"


def check_no_word_dropped(text: str, source_format: str) -> None:
    raw = "---\ntitle: t\nslug: t\nbody: ag\ntype: résolution\ndate: 2000\nsource: s\n"
    raw += f"format: {source_format}\n---\n{text}"
    try:
        result = convert_bytes(raw.encode("utf-8"), "gen.txt")
    except SourceError as error:
        # A clear error is an acceptable answer to a malformed input, never a crash.
        assert str(error).startswith("gen.txt:")
        return
    body, notes = model_streams(result.documents)
    words = [w for w in source_tokens(raw, source_format) if not w.isdigit()]
    model = [w for w in body + notes if not w.isdigit()]
    assert Counter(model) == Counter(words)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pdf_like())
def test_pdf_text_never_drops_a_word(text: str) -> None:
    check_no_word_dropped(text, "pdf-text")


@SETTINGS
@given(pdf_like())
def test_ocr_never_drops_a_word(text: str) -> None:
    check_no_word_dropped(text, "ocr")


@SETTINGS
@given(markdown_like())
def test_markdown_never_drops_a_word(text: str) -> None:
    check_no_word_dropped(text, "markdown")


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for source_format in ("pdf-text", "markdown", "ocr"):
        raw = "---\ntitle: t\nslug: t\nbody: ag\ntype: résolution\ndate: 2000\nsource: s\n"
        raw += f"format: {source_format}\n---\n{text}"
        try:
            convert_bytes(raw.encode("utf-8", "surrogatepass"), "gen.txt")
        except SourceError as error:
            assert str(error).startswith("gen.txt:")
