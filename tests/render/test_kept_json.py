"""KeptJSON writes what json.dumps writes, and encodes again only the items that changed."""

from __future__ import annotations

import json

import pytest

from resolutions.kept_json import KeptJSON

GRAPH = {
    "schema_version": 2,
    "nodes": [
        {"id": "doc:a-res-62-176", "label": "Coopération « internationale »", "date": "2008"},
        {"id": "ag:61/183", "label": 'guillemets "droits" et \\ barre', "url": None},
    ],
    "edges": [{"source": "doc:a-res-62-176", "target": "ag:61/183", "count": 2}],
    "empty": [],
}


@pytest.mark.parametrize(
    "options",
    [
        {"ensure_ascii": False, "sort_keys": True},
        {"ensure_ascii": False, "separators": (",", ":")},
        {},
    ],
)
def test_the_same_text_as_json_dumps(options: dict) -> None:
    kept = KeptJSON()
    expected = json.dumps(GRAPH, **options)
    assert kept.dumps(GRAPH, ["nodes", "edges", "empty"], **options) == expected
    assert kept.dumps(GRAPH, ["nodes", "edges", "empty"], **options) == expected


def test_an_item_replaced_is_encoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = KeptJSON()
    graph = {"nodes": [{"id": "a"}, {"id": "b"}]}
    kept.dumps(graph, ["nodes"])
    encoded: list[object] = []
    dumps = json.dumps

    def counting(value: object, **options: object) -> str:
        encoded.append(value)
        return dumps(value, **options)

    monkeypatch.setattr(json, "dumps", counting)
    changed = {"nodes": [graph["nodes"][0], {"id": "b, changed"}]}
    assert kept.dumps(changed, ["nodes"]) == dumps(changed)
    assert {"id": "b, changed"} in encoded
    assert {"id": "a"} not in encoded  # kept


def test_no_indent() -> None:
    with pytest.raises(ValueError, match="indent"):
        KeptJSON().dumps(GRAPH, ["nodes"], indent=2)


def test_groups_written_one_after_the_other() -> None:
    kept = KeptJSON()
    first, second, empty = [{"a": 1}, {"b": "é"}], [{"c": [1, 2]}], []
    index = {"config": {"lang": ["fr"]}, "docs": "not read"}
    flat = {"config": {"lang": ["fr"]}, "docs": [*first, *second]}
    options = {"ensure_ascii": False, "separators": (",", ":")}
    expected = json.dumps(flat, **options)
    assert kept.dumps(index, groups={"docs": [first, empty, second]}, **options) == expected
    assert kept.dumps(index, groups={"docs": [first, empty, second]}, **options) == expected
    assert kept.dumps(index, groups={"docs": [empty]}, **options) == json.dumps(
        {"config": {"lang": ["fr"]}, "docs": []}, **options
    )


def test_written_as_utf8_the_same_text(tmp_path) -> None:
    """``write``: the bytes of ``dumps``'s text, again when the groups are kept, and
    with a group replaced."""
    kept = KeptJSON()
    first, second = [{"a": "é"}, {"b": "’"}], [{"c": [1, 2]}]
    index = {"config": {"lang": ["fr"]}, "docs": "not read", "after": "œ"}
    options = {"ensure_ascii": False, "separators": (",", ":")}
    path = tmp_path / "index.json"
    for groups in ([first, [], second], [first, [], second], [first, [{"d": "x"}]], [[]]):
        kept.write(path, index, groups={"docs": groups}, **options)
        flat = {**index, "docs": [item for group in groups for item in group]}
        assert path.read_bytes() == json.dumps(flat, **options).encode("utf-8")
        assert kept.dumps(index, groups={"docs": groups}, **options) == json.dumps(flat, **options)


class CountedGets(dict):
    """A dict that counts its ``get`` calls."""

    gets = 0

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        CountedGets.gets += 1
        return super().get(key, default)


@pytest.mark.parametrize("as_bytes", [False, True])
def test_groups_in_their_places_are_not_looked_up_one_by_one(tmp_path, as_bytes: bool) -> None:
    """A call whose groups are the very same objects in the same places as the last
    call's, but one, looks up that one only (a preview's 10,000 texts' groups of search
    entries, one text edited); the text stays json.dumps's after a group is replaced,
    emptied, added or removed."""
    kept = KeptJSON()
    options = {"ensure_ascii": False, "separators": (",", ":")}
    groups = [[{"n": number, "t": "é"}] for number in range(1000)]
    index = {"config": {"lang": ["fr"]}, "docs": "not read"}
    path = tmp_path / "index.json"

    def made(groups: list[list[dict]]) -> str:
        if as_bytes:
            kept.write(path, index, groups={"docs": groups}, **options)
            return path.read_bytes().decode("utf-8")
        return kept.dumps(index, groups={"docs": groups}, **options)

    def expected(groups: list[list[dict]]) -> str:
        flat = {**index, "docs": [item for group in groups for item in group]}
        return json.dumps(flat, **options)

    assert made(groups) == expected(groups)
    kept.texts = CountedGets(kept.texts)
    CountedGets.gets = 0
    groups = [*groups[:500], [{"n": "changed"}], *groups[501:]]
    assert made(groups) == expected(groups)
    assert CountedGets.gets <= 2  # the replaced group, and its item
    for changed in (
        [*groups[:10], [], *groups[11:]],
        [*groups, [{"n": "new"}]],
        groups[1:],
        [[{"n": "other"}], *groups[1:]],
    ):
        assert made(changed) == expected(changed)
