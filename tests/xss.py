"""What makes HTML live, looked for in a parsed page: the one test of "inert" that every
XSS test uses (the text pages, the metadata paths, the HTML reader, the Markdown stage)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
BAD_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
ACTIVE_TAGS = ("script", "iframe", "object", "embed", "style", "img", "svg", "form")


def dangerous(soup: BeautifulSoup, tags: Iterable[str] = ()) -> list[str]:
    """Event-handler attributes, script URLs (``srcset`` included) and, when ``tags`` are
    given, elements of those kinds, anywhere in ``soup``."""
    active = set(tags)
    found = []
    for tag in soup.find_all(True):
        if tag.name in active:
            found.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}>")
            if name.lower() in URL_ATTRIBUTES and BAD_URL.match(value):
                found.append(f"<{tag.name} {name}={value[:40]}>")
            if name.lower() == "srcset" and re.search(r"(?:javascript|data):", value, re.I):
                found.append(f"<{tag.name} srcset>")
    return found
