"""JSON of a dict whose big lists hold the same items from one preview rebuild to the
next (the citation graph's nodes and edges, the theme's search entries): each item's
text is kept while the item is the very same object, so a rebuild joins strings where
it encoded the whole corpus again (at 1,000 texts, the graph's and the search index's
JSON were a tenth of a rebuild)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any


class KeptJSON:
    """``json.dumps`` with the text of each item of some lists kept between calls.

    An item is known by its identity, and kept with it (so its id cannot be reused by
    another object while the text is kept): the items are frozen data that a memo hands
    back, never changed in place.  Only the items of the last call are kept."""

    def __init__(self) -> None:
        self.texts: dict[int, tuple[object, str]] = {}

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
        if options.get("indent") is not None:
            raise ValueError("KeptJSON encodes on one line: no indent")
        comma = (options.get("separators") or (", ", ": "))[0]
        grouped = dict(groups or {})
        marker = f"kept-json-{uuid.uuid4().hex}"
        placeholders = {
            key: f"{marker}-{number}" for number, key in enumerate([*lists, *grouped])
        }
        text = json.dumps({**value, **placeholders}, **options)
        kept: dict[int, tuple[object, str]] = {}

        def encoded(item: object) -> str:
            found = self.texts.get(id(item))
            if found is None or found[0] is not item:
                found = (item, json.dumps(item, **options))
            kept[id(item)] = found
            return found[1]

        for key, placeholder in placeholders.items():
            if key in grouped:
                parts = []
                for group in grouped[key]:
                    found = self.texts.get(id(group))
                    if found is None or found[0] is not group:
                        found = (group, comma.join(encoded(item) for item in group))
                    kept[id(group)] = found
                    if group:
                        parts.append(found[1])
            else:
                parts = [encoded(item) for item in value[key]]
            quoted = json.dumps(placeholder)
            if text.count(quoted) != 1:  # the marker is random: never seen
                raise AssertionError(f"KeptJSON: {quoted} found {text.count(quoted)} times")
            text = text.replace(quoted, "[" + comma.join(parts) + "]", 1)
        self.texts = kept
        return text
