"""Text from a source is text: hostile input is rendered inert on the page.

Payloads go into every place a source can put text (heading, paragraphs, notes, items,
metadata); the rendered page is run through Python-Markdown with the site's extensions
and the HTML is inspected with beautifulsoup4.
"""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup

from resolutions.pipeline import convert_bytes
from resolutions.render.markdown import render_document

from ..xss import ACTIVE_TAGS, dangerous

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "![image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://example.org"></iframe>',
    '"><svg onload=alert(1)>',
    '{: onclick="alert(1)" }',
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<div onmouseover='alert(1)'>survol</div>",
    "[x]: javascript:alert(1)",
]
EXTENSIONS = ["attr_list", "toc", "md_in_html", "tables", "abbr", "def_list"]


def source(payload: str, source_format: str) -> bytes:
    quoted = payload.replace('"', '\\"')
    front = (
        f'---\ntitle: "Titre {quoted}"\nsymbol: "A/RES/1/1"\nbody: ag\ntype: résolution\n'
        f'date: 2000-01-01\nsource: "Source {quoted}"\nformat: {source_format}\n---\n'
    )
    if source_format == "markdown":
        body = (
            f"## TITRE {payload}\n\n*L'Assemblée générale,*\n\n*Rappelant* {payload}<sup>1</sup>,"
            f"\n\n1. *Décide* {payload} :\n\na) {payload} ;\n\n<sup>1</sup> Note {payload}.\n"
        )
    else:
        body = (
            f"TITRE {payload}\n\n L’Assemblée générale,\n\n Rappelant {payload}1,\n\n"
            f" 1. Décide {payload} :\n\n a) {payload} ;\n\n____\n\n 1  Note {payload}.\n"
        )
    return (front + body).encode("utf-8")


@pytest.mark.parametrize("source_format", ["markdown", "pdf-text", "ocr"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert(payload: str, source_format: str) -> None:
    result = convert_bytes(source(payload, source_format), "hostile.txt")
    page = render_document(result.documents[0])
    body = page.split("\n---\n", 1)[1]
    html = markdown.markdown(body, extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert dangerous(soup, ACTIVE_TAGS) == []
    # The words are still there, as text.
    longest = max(re.findall(r"[A-Za-z0-9]+", payload), key=len)
    assert longest in soup.get_text()


def test_front_matter_title_is_escaped() -> None:
    result = convert_bytes(source("<script>alert(1)</script>", "markdown"), "hostile.txt")
    page = render_document(result.documents[0])
    front = page.split("\n---\n", 1)[0]
    assert "<script>" not in front
    assert "&lt;script&gt;" in front
