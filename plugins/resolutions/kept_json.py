"""JSON of a dict whose big lists hold the same items from one preview rebuild to the
next (the citation graph's nodes and edges, the theme's search entries): each item's
text is kept while the item is the very same object, so a rebuild joins strings where
it encoded the whole corpus again (at 1,000 texts, the graph's and the search index's
JSON were a tenth of a rebuild)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any


class KeptJSON:
    """``json.dumps`` with the text of each item of some lists kept between calls.

    An item is known by its identity, and kept with it (so its id cannot be reused by
    another object while the text is kept): the items are frozen data that a memo hands
    back, never changed in place.  Only the items of the last call are kept."""

    def __init__(self) -> None:
        self.texts: dict[int, tuple[object, str]] = {}

    def dumps(self, value: dict[str, Any], lists: Sequence[str], **options: Any) -> str:
        """``json.dumps(value, **options)``, byte for byte (``options`` without
        ``indent``), the items of each list ``value[key]`` for ``key`` in ``lists``
        encoded one by one."""
        if options.get("indent") is not None:
            raise ValueError("KeptJSON encodes on one line: no indent")
        separators = options.get("separators") or (", ", ": ")
        marker = f"kept-json-{uuid.uuid4().hex}"
        placeholders = {key: f"{marker}-{number}" for number, key in enumerate(lists)}
        text = json.dumps({**value, **placeholders}, **options)
        kept: dict[int, tuple[object, str]] = {}
        for key, placeholder in placeholders.items():
            encoded = []
            for item in value[key]:
                found = self.texts.get(id(item))
                if found is None or found[0] is not item:
                    found = (item, json.dumps(item, **options))
                kept[id(item)] = found
                encoded.append(found[1])
            quoted = json.dumps(placeholder)
            if text.count(quoted) != 1:  # the marker is random: never seen
                raise AssertionError(f"KeptJSON: {quoted} found {text.count(quoted)} times")
            text = text.replace(quoted, "[" + separators[0].join(encoded) + "]", 1)
        self.texts = kept
        return text
