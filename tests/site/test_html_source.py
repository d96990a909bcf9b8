"""A corpus of HTML sources (``format: html``) builds with ``mkdocs build --strict``, and a
hostile page's markup never reaches the site: the built page of a text whose source
carries scripts, event attributes and ``javascript:`` links has the same scripts and no
more active elements than the page of a plain one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .build import ROOT, build_site

FIXTURES = ROOT / "tests" / "converter" / "html"
HOSTILE = """---
symbol: A/RES/1/1
title: "Texte hostile"
body: ag
type: résolution
date: 2000-01-01
source: essai
---
<html><head><script>document.cookie</script><base href="https://example.org/"></head>
<body onload="alert(1)"><img src=x onerror="alert(2)">
<p><i onmouseover="alert(3)">L’Assemblée générale,</i></p>
<p><i>Rappelant</i> la <a href="javascript:alert(4)">résolution</a><sup>1</sup>,</p>
<p>1. <i>Décide</i> <script>alert(5)</script>de <iframe src="https://example.org">x</iframe>
<svg onload="alert(6)"><circle r="1"/></svg>rester saisie &lt;script&gt;alert(7)&lt;/script&gt;.</p>
<form action="javascript:alert(8)"><input value="envoyer"></form>
<p><sup>1</sup> <a href="data:text/html,x" onclick="alert(9)">Note</a>.</p>
</body></html>
"""
ACTIVE = "script iframe frame object embed img svg form input base style link meta".split()
BAD_URL = re.compile(r"^\s*(?:javascript|data|vbscript):", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("html-site")
    corpus = root / "source_texts"
    corpus.mkdir()
    shutil.copy(ROOT / "source_texts" / "glossaire.yml", corpus)
    for fixture in FIXTURES.glob("*.txt"):
        shutil.copy(fixture, corpus)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = build_site(root / "site", corpus)
    assert result.returncode == 0, result.stderr
    assert "3 texts converted" in result.stderr
    return root / "site"


def soup(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "textes" / f"{slug}.html").read_text(encoding="utf-8"), "lxml")


def test_html_sources_become_text_pages(site: Path) -> None:
    page = soup(site, "a-res-62-176").find("article")
    anchors = {tag["id"] for tag in page.find_all(id=True)}
    assert {"author", "pp1", "pp3", "sec-I", "op1", "op2-a", "op2-b", "closing", "fn-5"} <= anchors
    assert "page web (HTML)" in page.get_text()
    assert "window.dataLayer" not in str(page)


def test_a_hostile_page_has_no_more_active_markup_than_a_plain_one(site: Path) -> None:
    hostile, plain = soup(site, "a-res-1-1"), soup(site, "a-res-78-284")
    for tag in ACTIVE:
        assert len(hostile.find_all(tag)) == len(plain.find_all(tag)), tag
    assert [s.get("src") for s in hostile.find_all("script")] == [
        s.get("src") for s in plain.find_all("script")
    ]
    for tag in hostile.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            assert not name.lower().startswith("on"), (tag.name, name)
            assert not BAD_URL.match(value), (tag.name, name, value)
    article = hostile.find("article").get_text(" ")
    assert "Décide de rester saisie <script>alert(7)</script>." in " ".join(article.split())
    for number in "1234568":
        assert f"alert({number})" not in str(hostile)
