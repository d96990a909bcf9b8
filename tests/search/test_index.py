"""The index files: what the worker reads, written from a handful of pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resolutions.search import (
    SearchPage,
    document_keys,
    glossary_keys,
    pages_from_entries,
    write_search_index,
)
from resolutions.search import index as index_module
from resolutions.search.index import KEY_SCORE

CALL = re.compile(r"^__(\w+)\((?:(\d+),)?(.*)\)$", re.DOTALL)
PARSED = re.compile(r"^JSON\.parse\((.*)\)$", re.DOTALL)


def read_call(path: Path) -> tuple[str, int | None, object]:
    """A file's call, its number and its data (given as JSON, or as a JSON string to
    ``JSON.parse``)."""
    match = CALL.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} is not one call"
    number = int(match.group(2)) if match.group(2) else None
    data = match.group(3)
    parsed = PARSED.match(data)
    return match.group(1), number, json.loads(json.loads(parsed.group(1)) if parsed else data)


def shards(folder: Path) -> dict[str, dict]:
    """Every term's [df, postings], with the key of the shard that holds it."""
    _, _, manifest = read_call(folder / "manifest.js")
    found = {}
    for number, key in enumerate(manifest["keys"]):
        name, called, data = read_call(folder / "t" / f"{number}.js")
        assert (name, called) == ("shard", number)
        for term, value in data.items():
            assert term.startswith(key)
            found[term] = {"key": key, "df": value[0], "postings": value[1]}
    return found


def text_page(url: str, symbol: str, paragraphs: list[str]) -> SearchPage:
    entries = [{"location": url, "title": f"{symbol} — Un titre", "text": "Assemblée générale"}]
    entries += [
        {"location": f"{url}#op{n}", "title": f"{symbol} — § {n}", "text": text}
        for n, text in enumerate(paragraphs, 1)
    ]
    return SearchPage(url, entries, "text", document_keys(symbol), index_block_titles=False)


def test_pages_are_numbered_texts_first_and_keys_put_the_own_entry_first(tmp_path: Path) -> None:
    glossary = SearchPage(
        "glossaire/onudc.html",
        [{"location": "glossaire/onudc.html", "title": "Office (ONUDC)", "text": "Office"}],
        "glossary",
        glossary_keys(["ONUDC"]),
    )
    guide = pages_from_entries(
        [
            {"location": "guide.html#chercher", "title": "Chercher", "text": "précurseurs"},
            {"location": "guide.html", "title": "Guide", "text": ""},
        ]
    )
    texts = [
        text_page("textes/a.html", "A/RES/62/176", ["Les précurseurs et l’ONUDC."]),
        text_page("textes/b.html", "A/RES/61/183", ["Rappelant sa résolution 62/176."]),
    ]
    stats = write_search_index(tmp_path, [*texts, *guide, glossary])
    _, _, manifest = read_call(tmp_path / "manifest.js")
    assert manifest["starts"] == {"text": 0, "page": 2, "glossary": 3}
    assert manifest["pages"] == stats.pages == 4
    # The guide's own entry comes first in its page file, then its section, whose
    # location is written from its "#" (the worker adds the page's address back).
    _, number, rows = read_call(tmp_path / "p" / "2.js")
    assert number == 2 and [row[0] for row in rows] == ["guide.html", "#chercher"]

    terms = shards(tmp_path)
    postings = terms["62/176"]["postings"]
    triples = [tuple(postings[i : i + 3]) for i in range(0, len(postings), 3)]
    # Text a owns the symbol (its own entry, a key); text b cites it in § 1.
    assert triples[0][:2] == (0, 0) and triples[0][2] >= KEY_SCORE
    assert (1, 1) in [t[:2] for t in triples] and all(t[2] < KEY_SCORE for t in triples[1:])
    assert terms["onudc"]["postings"][:2] == [3, 0] and terms["onudc"]["postings"][2] >= KEY_SCORE
    # Block titles of a text are labels: "A/RES/62/176 — § 1" does not index § 1.
    assert (0, 1) not in [t[:2] for t in triples]


def test_pages_out_of_the_order_of_their_kinds_are_refused(tmp_path: Path) -> None:
    # Each page's file is written as it comes, under its number: a text after the
    # glossary would need a number already given.
    glossary = SearchPage("glossaire/onudc.html", [], "glossary")
    text = text_page("textes/a.html", "A/RES/62/176", [])
    with pytest.raises(ValueError, match=r"textes/a\.html \(text\) comes after .* glossary"):
        write_search_index(tmp_path, [glossary, text])


def test_a_large_shard_is_split_by_one_more_letter(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "SHARD_BYTES", 400)
    paragraphs = [f"prevention{n:03d} prevalence{n:03d} pr" for n in range(40)]
    write_search_index(tmp_path, [text_page("textes/a.html", "A/RES/1/1", paragraphs)])
    _, _, manifest = read_call(tmp_path / "manifest.js")
    terms = shards(tmp_path)
    keys = {value["key"] for term, value in terms.items() if term.startswith("pr")}
    assert len(keys) > 2 and "pr" in keys and terms["pr"]["key"] == "pr"
    for term, value in terms.items():
        # Where the worker looks for a term: the longest key that begins it.
        longest = max((key for key in manifest["keys"] if term.startswith(key)), key=len)
        assert value["key"] == longest, term


def test_postings_are_capped_by_score_but_df_is_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(index_module, "MAX_POSTINGS", 5)
    paragraphs = ["drogue " * (n % 3 + 1) + "autre mot" * n for n in range(12)]
    write_search_index(tmp_path, [text_page("textes/a.html", "A/RES/1/1", paragraphs)])
    drogue = shards(tmp_path)["drogu"]
    assert drogue["df"] == 12
    scores = drogue["postings"][2::3]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)


def test_a_text_cannot_end_the_script_early(tmp_path: Path) -> None:
    page = text_page("textes/a.html", "A/RES/1/1", ["&lt;/script&gt; </script><script>x"])
    write_search_index(tmp_path, [page])
    assert "</script" not in (tmp_path / "p" / "0.js").read_text(encoding="utf-8")
    assert read_call(tmp_path / "p" / "0.js")[2][1][2] == "&lt;/script&gt; </script><script>x"


def test_keys_of_symbols_and_glossary_entries() -> None:
    assert document_keys("A/RES/62/176") == ("a/res/62/176", "62/176")
    assert document_keys("PC.DEC/758") == ("pc.dec/758", "758")
    assert document_keys("MC.DEC/5/08") == ("mc.dec/5/08", "5/08")
    assert document_keys("") == ()
    assert glossary_keys(["ONUDC", "UNODC"], "https://undocs.org/fr/A/RES/S-20/2") == (
        "onudc",
        "unodc",
        "a/res/s-20/2",
        "s-20/2",
    )
    assert glossary_keys(["Programme mondial"]) == ()


def test_a_second_build_leaves_no_file_of_the_first(tmp_path: Path) -> None:
    write_search_index(tmp_path, [text_page(f"textes/{n}.html", "A/RES/1/1", []) for n in "ab"])
    write_search_index(tmp_path, [text_page("textes/a.html", "A/RES/1/1", [])])
    assert sorted(path.name for path in (tmp_path / "p").iterdir()) == ["0.js"]


def test_the_manifest_lists_every_term_of_two_letters_or_fewer(tmp_path: Path) -> None:
    """A word that short is looked up whole: listed, it needs no shard when it is no term."""
    paragraphs = ["Les pays du G8 et de l’UE ont adopté 10 mesures", "le programme 2030"]
    write_search_index(tmp_path, [text_page("textes/a.html", "A/RES/1/1", paragraphs)])
    _, _, manifest = read_call(tmp_path / "manifest.js")
    terms = shards(tmp_path)
    expected = sorted(term for term in terms if len(term) <= 2)
    # "g8", "ue", "10" (folded; "du", "et", "de", "le" are stop words, l’ an elision)
    assert {"g8", "ue", "10"} <= set(expected)
    assert manifest["short"] == {"length": 2, "terms": expected}
