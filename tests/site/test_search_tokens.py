"""Python (which wrote the index) and JavaScript (which reads the query) make the same
terms: the same words, elided forms and stop words dropped, the same folding and the
same stems, for every word of the seed texts and the glossary. The JavaScript side is
the site's own ra-search-tokens.js with lunr.fr's stemmer, run in Chromium."""

from __future__ import annotations

import json

from resolutions.search.tokens import query_terms, terms, words

from .build import ROOT
from .conftest import Site

SOURCES = [*sorted((ROOT / "source_texts").glob("*.txt")), ROOT / "source_texts/glossaire.yml"]


def test_python_and_javascript_make_the_same_terms(browser, site: Site) -> None:
    texts = {path.name: path.read_text(encoding="utf-8") for path in SOURCES}
    vocabulary = sorted({word for text in texts.values() for word in words(text)})
    # Every word as typed in the sources, accents and case kept, not only folded.
    typed = sorted({token for text in texts.values() for token in text.split()})
    assert len(vocabulary) > 2000, "too few words: the sources were not read"
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>terms</title>")
        page.evaluate("window.__manifest = data => { window.manifest = data }")
        scripts = site.root / "assets" / "javascripts"
        for script in (
            scripts / "workers" / "ra-search-tokens.js",
            scripts / "lunr" / "min" / "lunr.stemmer.support.min.js",
            scripts / "lunr" / "min" / "lunr.fr.min.js",
            site.root / "search" / "manifest.js",
        ):
            page.add_script_tag(path=str(script))
        page.evaluate("raSearchTokens.configure(window.manifest)")
        javascript = page.evaluate(
            """([vocabulary, typed, texts]) => ({
                words: vocabulary.map(word => raSearchTokens.terms(word)),
                typed: typed.map(token => raSearchTokens.terms(token)),
                texts: Object.fromEntries(Object.entries(texts).map(
                    ([name, text]) => [name, raSearchTokens.terms(text)])),
                queries: typed.map(token => raSearchTokens.queryTerms(token)),
            })""",
            [vocabulary, typed, texts],
        )
    finally:
        page.close()
    python_words = [terms(word) for word in vocabulary]
    different = [
        (word, ours, theirs)
        for word, ours, theirs in zip(vocabulary, python_words, javascript["words"], strict=True)
        if ours != theirs
    ]
    assert not different, f"{len(different)} of {len(vocabulary)} words differ: {different[:20]}"
    different = [
        (token, ours, theirs)
        for token, ours, theirs in zip(typed, map(terms, typed), javascript["typed"], strict=True)
        if ours != theirs
    ]
    assert not different, f"{len(different)} of {len(typed)} tokens differ: {different[:20]}"
    for name, text in texts.items():
        assert javascript["texts"][name] == terms(text), name
    assert javascript["queries"] == [query_terms(token) for token in typed]
    print(json.dumps({"words": len(vocabulary), "tokens": len(typed)}))
