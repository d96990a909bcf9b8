"""Issue 12, finding 1: metadata never reaches Markdown.

A line break in a front-matter value used to end the one-line raw HTML block it was
emitted in, and the rest of the value went through Python-Markdown (a live
``javascript:`` link, an ``onclick`` through ``attr_list``).  Two guards, both tested:

- the schema (``load.py``) refuses a line break wherever one line is meant, with a
  ``file:line`` error, and keeps strings as strings;
- the renderer escapes whatever a value holds, line breaks included, so even a value
  that skipped the schema stays text (hypothesis, on the renderer functions, then
  through the site's Markdown stage).

One real ``mkdocs build --strict`` checks every page, JSON export and the search index
of a site whose texts hold every hostile value the schema lets through.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from resolutions.corpus import CitedBy
from resolutions.errors import SourceError
from resolutions.load import parse_source
from resolutions.mkdocs.stash import stash_html_blocks, unstash_html_blocks
from resolutions.model import Correction
from resolutions.pipeline import convert_bytes
from resolutions.render.citation_graph import render_cited_by
from resolutions.render.inline import escape
from resolutions.render.markdown import render_document
from tests.site.build import ROOT, build_site

from ..search_index import index_entries
from ..xss import ACTIVE_TAGS, dangerous

FRAGMENTS = [
    "\n\n",
    "\r\n\r\n",
    "\n",
    "\r",
    "[clic](javascript:alert(1))",
    '## H {: onclick="alert(5)" }',
    "{: onclick=alert(1) }",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)">x</a>',
    "<script>alert(4)</script>",
    "[x]: javascript:alert(6)",
    "<javascript:alert(7)>",
    "{{ config }}",
    "{% raw %}",
    "yes",
    "~",
    "1.10",
    "&#10;",
    "<!--",
    "-->",
    "<p>ra-stash-0</p>",
    "ra-stash-1",
    "    ",
    "```",
    '--8<-- "mkdocs.yml"',
    "*[HTML]: javascript",
    '" onmouseover="alert(8)',
    "\u2028",
    "\u202e",
    "\u200b",
]
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), min_size=1, max_size=8
).map("".join)


def site_html(page_markdown: str) -> str:
    """The HTML the site makes of a generated page: the plugin's stash, Python-Markdown
    with the site's extensions, the stash put back."""
    page_markdown, _ = get_data(page_markdown)  # MkDocs takes the front matter off
    stashed, blocks = stash_html_blocks(page_markdown)
    body = markdown.markdown(
        stashed, extensions=["attr_list", "tables", "admonition", "toc", "fenced_code"]
    )
    return unstash_html_blocks(body, blocks, "test")


VALID = (
    "---\nsymbol: A/RES/1/1\ntitle: Un titre\nbody: ag\ntype: résolution\ndate: 2000-01-01\n"
    "source: essai\nformat: pdf-text\n---\n"
    " L’Assemblée générale,\n\n Rappelant sa résolution A/RES/1/2,\n\n"
    " 1. Décide de rester saisie de la question.\n"
)
DOCUMENT = convert_bytes(VALID.encode(), "a.txt").documents[0]


# ------------------------------------------------------------------ the renderer


def test_a_blank_line_in_a_value_stays_inside_its_html_block() -> None:
    """The reviewer's two payloads, given to the renderer directly (as if a value had
    skipped the schema)."""
    document = replace(
        DOCUMENT,
        source="x\n\n[clic](javascript:alert(1))",
        title='t\n\n## H {: onclick="alert(5)" }',
        symbol="S\n\n[clic](javascript:alert(1))",
    )
    soup = BeautifulSoup(site_html(render_document(document)), "html.parser")
    assert dangerous(soup) == []
    assert "[clic](javascript:alert(1))" in soup.get_text()


def test_escape_keeps_every_value_on_one_line() -> None:
    assert "\n" not in escape("a\n\nb\r\nc\rd")
    assert BeautifulSoup(escape("a\n\nb"), "html.parser").get_text() == "a\n\nb"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile, source=hostile, symbol=hostile, correction=hostile)
def test_any_metadata_value_renders_as_text(
    title: str, source: str, symbol: str, correction: str
) -> None:
    """Whatever the metadata and a correction hold, the page, the "Cité par" block that
    names the text and the glossary-style labels have no event handler and no script
    URL."""
    paragraph = DOCUMENT.paragraphs[-1]
    fix = Correction(0, 6, original=correction, replacement="Décide", reason=correction, line=12)
    paragraph = replace(paragraph, spans=(*paragraph.spans, fix))
    document = replace(
        DOCUMENT,
        title=title,
        source=source,
        symbol=symbol,
        paragraphs=(*DOCUMENT.paragraphs[:-1], paragraph),
        corrections=(fix,),
    )
    row = CitedBy("b", "op1", correction, "ag", "2001", symbol=symbol, title=title)
    cited_by = render_cited_by([row, replace(row, symbol="")], lambda slug: f"{slug}.html")
    page = site_html(render_document(document, extra=cited_by))
    soup = BeautifulSoup(page, "html.parser")
    assert dangerous(soup) == []
    for tag in ACTIVE_TAGS:
        assert soup.find_all(tag) == [], tag


# ------------------------------------------------------------------ the schema


def front(**fields: str) -> bytes:
    values = {
        "symbol": "A/RES/1/1",
        "title": "Un titre",
        "body": "ag",
        "type": "résolution",
        "date": "2000-01-01",
        "source": "essai",
        "format": "pdf-text",
        **fields,
    }
    head = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items()
    )
    return f"---\n{head}---\n L’Assemblée générale,\n\n 1. Décide de rester saisie.\n".encode()


@pytest.mark.parametrize("field", ["symbol", "title", "slug", "starts_with"])
def test_a_line_break_where_one_line_is_meant_is_an_error(field: str) -> None:
    value = "a-res-1\n\n[clic](javascript:alert(1))"
    with pytest.raises(SourceError) as raised:
        parse_source(front(**{field: value}), "t.txt")
    line = (
        list(front(**{field: value}).decode().split("\n")).index(
            next(x for x in front(**{field: value}).decode().split("\n") if x.startswith(field))
        )
        + 1
    )
    assert str(raised.value).startswith(f"t.txt:{line}: error: '{field}': must be on one line")


def test_a_correction_with_a_heading_and_an_onclick_is_refused() -> None:
    raw = (
        "---\nsymbol: A/RES/1/1\ntitle: Un titre\nbody: ag\ntype: résolution\n"
        "date: 2000-01-01\nsource: essai\nformat: pdf-text\ncorrections:\n"
        '  - {line: 13, original: "Décide",\n'
        '     correction: "q\\n\\n## H {: onclick=\\"alert(5)\\" }"}\n'
        "---\n L’Assemblée générale,\n\n 1. Décide de rester saisie.\n"
    )
    with pytest.raises(SourceError) as raised:
        parse_source(raw.encode(), "t.txt")
    assert str(raised.value).startswith("t.txt:9: error: corrections, entry 1: 'correction'")
    assert "one line" in str(raised.value)


def test_a_multi_line_source_is_accepted_and_kept() -> None:
    raw = (
        front()
        .decode()
        .replace(
            'source: "essai"\n', "source: |\n  Nations Unies,\n\n  [clic](javascript:alert(1))\n"
        )
    )
    entry = parse_source(raw.encode(), "t.txt").entries[0]
    assert entry["source"] == "Nations Unies,\n\n[clic](javascript:alert(1))"


@settings(max_examples=150, deadline=None)
@given(field=st.sampled_from(["symbol", "title", "source", "slug"]), value=hostile)
def test_any_value_is_refused_with_file_line_or_kept_as_a_string(field: str, value: str) -> None:
    try:
        source = parse_source(front(**{field: value}), "t.txt")
    except SourceError as error:
        assert re.match(r"^t\.txt:\d+: error: \S", str(error)), str(error)
        return
    kept = source.entries[0][field]
    assert isinstance(kept, str)
    assert "\r" not in kept
    if field != "source":
        assert "\n" not in kept


# ------------------------------------------------------------------ one real build

HOSTILE_SOURCE = "\n".join(
    [
        "source: |",
        "  Nations Unies, texte reçu",
        "",
        "  [clic](javascript:alert(1))",
        "",
        '  ## H {: onclick="alert(5)" }',
        "",
        '  <img src=x onerror="alert(2)"> {{ config }} --> <!--',
    ]
)


def hostile_text(number: int, cites: int | None) -> str:
    citing = f" Rappelant sa résolution A/RES/1/{cites},\n\n" if cites else ""
    return (
        f"---\nsymbol: A/RES/1/{number}\n"
        f'title: "Titre [clic](javascript:alert(1)) {{: onclick=\\"alert(5)\\" }} '
        f'<script>alert(3)</script> {number}"\n'
        f"body: ag\ntype: résolution\ndate: 2000-01-0{number}\n{HOSTILE_SOURCE}\n"
        "format: pdf-text\n"
        "corrections:\n"
        f'  - {{line: {23 if cites else 21}, original: "Décide", '
        'correction: "Décide [x](javascript:y) <b onclick=z>"}\n'
        "---\n"
        " L’Assemblée générale,\n\n"
        f"{citing}"
        " 1. Décide de rester saisie de la question des Nations Unies.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-metadata")
    corpus = root / "source_texts"
    corpus.mkdir()
    (corpus / "glossaire.yml").write_bytes((ROOT / "source_texts" / "glossaire.yml").read_bytes())
    (corpus / "a-res-1-1.txt").write_text(hostile_text(1, None), encoding="utf-8")
    (corpus / "a-res-1-2.txt").write_text(hostile_text(2, 1), encoding="utf-8")
    result = build_site(root / "site", corpus)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_built_site_has_no_live_markup_from_metadata(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert dangerous(soup) == [], page
    text_page = BeautifulSoup((site / "textes" / "a-res-1-1.html").read_text(), "lxml")
    shown = text_page.find("article").get_text()
    assert "[clic](javascript:alert(1))" in shown
    assert '## H {: onclick="alert(5)" }' in shown
    # The citing text's title reaches the cited text's "Cité par" as text.
    cited_by = text_page.find(id="cite-par")
    assert cited_by is not None
    assert "A/RES/1/2" in cited_by.parent.get_text()


def test_json_exports_and_search_index_hold_text_only(site: Path) -> None:
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    entries = index_entries(site)
    assert entries
    for entry in entries:
        for field in ("title", "text"):
            parsed = BeautifulSoup(entry[field], "html.parser")
            assert parsed.find_all(True) == [] or dangerous(parsed) == [], entry
            for tag in ACTIVE_TAGS:
                assert parsed.find_all(tag) == [], entry["location"]
    document = json.loads((site / "textes" / "a-res-1-1.json").read_text())["documents"][0]
    assert document["source"].startswith("Nations Unies, texte reçu\n\n[clic](javascript")


YAML_FORMS = [
    "!!python/object/apply:os.system ['true']",
    "&a x",
    "*a",
    "<<: {a: 1}",
    "? x",
    "- x",
    "[a, b]",
    "{a: b}",
    "|\n  x\n\n  [clic](javascript:alert(1))",
    ">\n  x",
    "'quoted'",
    '"dq"',
    "null",
    "2000-01-01",
    "0x1F",
    ".inf",
    "# comment",
    "%YAML 1.2",
]
any_value = st.one_of(hostile, st.sampled_from(YAML_FORMS), st.text(max_size=30))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(["symbol", "title", "source", "slug", "starts_with"]),
    value=any_value,
    quoted=st.booleans(),
)
def test_any_value_gives_a_file_line_error_or_a_safe_page(
    field: str, value: str, quoted: bool
) -> None:
    """From the front matter to the HTML of the page: a value typed as is or quoted
    either gives ``file:line: error:`` or a page with no event handler, no script URL
    and no active element."""
    raw = front().decode()
    written = json.dumps(value, ensure_ascii=False) if quoted else value
    if field in ("slug", "starts_with"):
        raw = raw.replace("---\n", f"---\n{field}: {written}\n", 1)
    else:
        raw = re.sub(rf"^{field}: .*$", lambda _: f"{field}: {written}", raw, count=1, flags=re.M)
    try:
        result = convert_bytes(raw.encode(), "t.txt")
    except SourceError as error:
        assert re.match(r"^t\.txt:\d+: error: \S", str(error)), str(error)
        return
    for document in result.documents:
        soup = BeautifulSoup(site_html(render_document(document)), "html.parser")
        assert dangerous(soup) == []
        for tag in ACTIVE_TAGS:
            assert soup.find_all(tag) == [], tag
