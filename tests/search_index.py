"""The entries of a built site's search index, wherever the build put them: in the
sharded index's page files (``search/p/<n>.js``, each ``__page(n, [[location, title,
text], …])``), else in the theme's ``search/search_index.json``."""

from __future__ import annotations

import json
import re
from pathlib import Path

PAGE_CALL = re.compile(r"__page\((\d+),(.*)\)", re.DOTALL)


def index_entries(site: Path) -> list[dict[str, str]]:
    pages = site / "search" / "p"
    if not pages.is_dir():
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        return index["docs"]
    entries = []
    for path in sorted(pages.glob("*.js"), key=lambda path: int(path.stem)):
        call = PAGE_CALL.fullmatch(path.read_text(encoding="utf-8"))
        assert call and call.group(1) == path.stem, path
        rows = json.loads(call.group(2))
        # A location within the page is written from its "#" (the worker adds the page's
        # own address, its first entry's, back).
        own = rows[0][0] if rows else ""
        entries += [
            {
                "location": own + row[0] if row[0].startswith("#") else row[0],
                "title": row[1],
                "text": row[2],
            }
            for row in rows
        ]
    return entries
