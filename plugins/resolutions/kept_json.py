"""JSON of a dict whose big lists hold the same items from one preview rebuild to the
next (the citation graph's nodes and edges, the theme's search entries): each item's
text is kept while the item is the very same object, so a rebuild joins strings where
it encoded the whole corpus again (at 1,000 texts, the graph's and the search index's
JSON were a tenth of a rebuild)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from itertools import compress
from operator import is_not
from pathlib import Path
from typing import Any


class KeptJSON:
    """``json.dumps`` with the text of each item of some lists kept between calls.

    An item is known by its identity, and kept with it (so its id cannot be reused by
    another object while the text is kept): the items are frozen data that a memo hands
    back, never changed in place.  Only the items of the last call are kept."""

    def __init__(self) -> None:
        self.texts: dict[int, tuple[object, Any]] = {}
        """id(item or group) → (it, its text: str, or bytes from ``write``)."""
        self.joined: dict[tuple[str, bool], tuple[list, list]] = {}
        """(a key of ``groups``, as bytes) → (its groups in the last call, their texts):
        a call whose groups are mostly the very same objects, in the same places, finds
        the others at C speed (at 10,000 texts, looking up each text's group of search
        entries was a fortieth of a preview's rebuild)."""

    def dumps(
        self,
        value: dict[str, Any],
        lists: Sequence[str] = (),
        groups: Mapping[str, Sequence[Sequence[object]]] | None = None,
        **options: Any,
    ) -> str:
        """``json.dumps(value, **options)``, byte for byte (``options`` without
        ``indent``), the items of each list ``value[key]`` for ``key`` in ``lists``
        encoded one by one.  ``groups``: for a key, the list written is these groups
        one after the other (``value[key]`` is not read), and a group's text is kept as
        a whole while the group is the very same object (at 10,000 texts, the search
        index's half a million entries come in 10,000 texts' groups)."""
        return "".join(self._pieces(value, lists, groups or {}, options, as_bytes=False))

    def write(
        self,
        path: Path,
        value: dict[str, Any],
        lists: Sequence[str] = (),
        groups: Mapping[str, Sequence[Sequence[object]]] | None = None,
        **options: Any,
    ) -> None:
        """``dumps``'s text written into ``path`` as UTF-8, piece by piece, each item's
        and group's UTF-8 kept: the theme's search index of 10,000 texts is 90 MB, which
        joined into one string, encoded and written was a tenth of a preview's rebuild."""
        pieces = self._pieces(value, lists, groups or {}, options, as_bytes=True)
        with open(path, "wb") as file:
            file.writelines(pieces)

    def _pieces(
        self,
        value: dict[str, Any],
        lists: Sequence[str],
        groups: Mapping[str, Sequence[Sequence[object]]],
        options: dict[str, Any],
        *,
        as_bytes: bool,
    ) -> list[Any]:
        """The text of ``dumps``, in pieces: strings, or their UTF-8 (``as_bytes``)."""
        if options.get("indent") is not None:
            raise ValueError("KeptJSON encodes on one line: no indent")
        comma = (options.get("separators") or (", ", ": "))[0]
        marker = f"kept-json-{uuid.uuid4().hex}"
        placeholders = {
            key: json.dumps(f"{marker}-{number}") for number, key in enumerate([*lists, *groups])
        }
        text = json.dumps(
            {**value, **{key: json.loads(quoted) for key, quoted in placeholders.items()}},
            **options,
        )

        def piece(part: str) -> Any:
            return part.encode("utf-8") if as_bytes else part

        separator = piece(comma)
        kept: dict[int, tuple[object, Any]] = {}

        def known(thing: object, make: Callable[[], Any]) -> Any:
            found = self.texts.get(id(thing))
            if found is None or found[0] is not thing or isinstance(found[1], bytes) != as_bytes:
                found = (thing, make())
            kept[id(thing)] = found
            return found[1]

        def encoded(item: object) -> Any:
            return known(item, lambda: piece(json.dumps(item, **options)))

        def joined(group: Sequence[object]) -> Any:
            return known(group, lambda: separator.join([encoded(item) for item in group]))

        joined_now: dict[tuple[str, bool], tuple[list, list]] = {}
        spots = []
        for key, quoted in placeholders.items():
            if text.count(quoted) != 1:  # the marker is random: never seen
                raise AssertionError(f"KeptJSON: {quoted} found {text.count(quoted)} times")
            spots.append((text.index(quoted), key, quoted))
        pieces: list[Any] = []
        at = 0
        for start, key, quoted in sorted(spots):
            pieces.append(piece(text[at:start] + "["))
            if key in groups:
                now = list(filter(None, groups[key]))  # the groups that hold items
                before, texts = self.joined.get((key, as_bytes), ([], []))
                if len(before) == len(now):
                    parts = list(texts)
                    for number in compress(range(len(now)), map(is_not, now, before)):
                        parts[number] = joined(now[number])
                else:
                    parts = [joined(group) for group in now]
                joined_now[key, as_bytes] = (now, parts)
            else:
                parts = [encoded(item) for item in value[key]]
            if parts:
                between = [separator] * (2 * len(parts) - 1)
                between[::2] = parts
                pieces += between
            pieces.append(piece("]"))
            at = start + len(quoted)
        pieces.append(piece(text[at:]))
        self.texts = kept
        self.joined = joined_now
        return pieces
