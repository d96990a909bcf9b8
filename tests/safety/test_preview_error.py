"""Issue 12, finding 11 (preview): while a text is broken, `mkdocs serve` keeps
answering, with the error at the top of every page; once fixed, the notice goes."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from resolutions.mkdocs.preview import with_preview_error
from tests.site.build import ROOT
from tests.site.test_serve import fetch as fetch_once
from tests.site.test_serve import serving, wait_for


def fetch(url: str) -> str:
    try:
        return fetch_once(url)
    except TimeoutError:  # a page requested during a rebuild waits for it
        return ""


def test_the_notice_is_escaped_text() -> None:
    page = with_preview_error("<html><body class='x'><p>Texte</p></body></html>", "<b onclick=x>\n")
    soup = BeautifulSoup(page, "html.parser")
    notice = soup.body.contents[0]
    assert notice["role"] == "alert"
    assert "<b onclick=x>" in notice.get_text()
    assert soup.find("b") is None


def test_the_preview_shows_the_error_and_keeps_answering(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "source_texts", sources)
    text = sources / "pc-dec-758.txt"
    original = text.read_text(encoding="utf-8")
    with serving(tmp_path, sources) as (port, log_path):
        url = f"http://127.0.0.1:{port}/textes/a-res-78-284.html"
        assert wait_for(lambda: "ra-para" in fetch(url), 90), log_path.read_text()
        text.write_text(original.replace("\ntitle:", "\ntitle: [broken\nx:", 1), "utf-8")
        assert wait_for(lambda: "ra-preview-error" in fetch(url), 60), log_path.read_text()
        page = fetch_once(url)
        assert "pc-dec-758.txt" in page and "front matter is not valid YAML" in page
        assert "ra-para" in page  # the texts as they last converted
        text.write_text(original, encoding="utf-8")
        assert wait_for(lambda: "ra-preview-error" not in fetch(url), 60), log_path.read_text()
        assert "ra-para" in fetch(url)
