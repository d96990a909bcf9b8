"""What a reader gets from the search box, on the seed site opened from disk (file://,
no request may leave it): the sharded index read by our worker, shown by the theme.
Expectations come from the texts themselves (their JSON, folded), not from the index."""

from __future__ import annotations

import json
import re
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .build import ROOT, build_site, copy_project, edit
from .conftest import Site, Tab
from .test_browser import fold, full_text, search

SYMBOL_QUERIES = [
    ("62/176", "textes/a-res-62-176.html"),
    ("A/RES/62/176", "textes/a-res-62-176.html"),
    ("résolution 62/176", "textes/a-res-62-176.html"),
    ("78/284", "textes/a-res-78-284.html"),
    ("PC.DEC/758", "textes/pc-dec-758.html"),
    ("Décision No 758", "textes/pc-dec-758.html"),
    ("décision 758", "textes/pc-dec-758.html"),
    # No text of the corpus is S-20/2: its glossary entry (undocs.org/fr/A/RES/S-20/2).
    ("S-20/2", "glossaire/declaration-politique-1998.html"),
]


def kind(page: str) -> str:
    return page.split("/")[0] if "/" in page else "page"


def texts_with(site: Site, pattern: str) -> set[str]:
    found = re.compile(pattern)
    return {d["slug"] for d in site.documents() if found.search(full_text(d))}


def slugs(pages: list[str]) -> list[str]:
    return [Path(page).stem for page in pages if page.startswith("textes/")]


@pytest.mark.parametrize(("query", "first"), SYMBOL_QUERIES)
def test_a_symbol_in_any_usual_form_puts_its_text_first(tab: Tab, query: str, first: str) -> None:
    assert search(tab, query)[0] == first


def test_a_cited_symbol_lists_the_texts_that_cite_it(tab: Tab, site: Site) -> None:
    """``61/183`` (in no text's symbol) lists the texts that cite it, before any page."""
    citing = texts_with(site, r"61/183(?!\d)")
    assert citing
    pages = search(tab, "61/183")
    assert set(slugs(pages)) == citing
    assert {Path(page).stem for page in pages[: len(citing)]} == citing


def test_elided_words_never_match_as_words(tab: Tab, site: Site) -> None:
    for query in ("d'", "l’", "qu'", "jusqu'", "lorsqu'"):
        assert search(tab, query) == [], query
    pages = search(tab, "blanchiment d'argent")
    with_both = texts_with(site, r"\bblanchiment\b") & texts_with(site, r"\bargent\b")
    with_phrase = texts_with(site, r"blanchiment d.argent")
    assert len(with_phrase) >= 2
    # The texts with the phrase come first, and nothing listed lacks both words.
    assert set(slugs(pages)[: len(with_phrase)]) == with_phrase
    assert set(slugs(pages)) <= with_both
    marks = {
        fold(m.text_content()) for m in tab.page.locator("li.md-search-result__item mark").all()
    }
    # Marked: the two words (and words of the same stem, « blanche »), never a « d… » word.
    assert marks and all(m.startswith("blanch") or m == "argent" for m in marks), marks


def test_a_quoted_phrase_matches_the_phrase(tab: Tab, site: Site) -> None:
    with_phrase = texts_with(site, r"blanchiment d.argent")
    pages = search(tab, '"blanchiment d\'argent"')
    assert set(slugs(pages)) == with_phrase
    sections = tab.page.locator("li.md-search-result__item a[href*='#'] article")
    assert sections.count() >= len(with_phrase)
    for section in sections.all():
        assert re.search(r"blanchiment d.argent", fold(section.text_content())), (
            section.text_content()
        )


def test_exact_words_rank_above_longer_words_they_begin(tab: Tab, site: Site) -> None:
    """« centre » finds « central » too (typed, it is a start), after every « centre »."""
    exact = texts_with(site, r"\bcentres?\b")
    longer_only = texts_with(site, r"\bcentral") - exact
    assert exact and longer_only
    found = slugs(search(tab, "centre"))
    assert set(found[: len(exact)]) == exact
    assert longer_only <= set(found[len(exact) :])


@pytest.mark.parametrize(
    ("typed", "word"),
    [("blanchim", "blanchiment"), ("stupéfian", "stupefiant"), ("coopératio", "cooperation")],
)
def test_a_word_being_typed_keeps_the_texts_that_hold_it(
    tab: Tab, site: Site, typed: str, word: str
) -> None:
    """On the way to a word whose stem is shorter than what is typed (« blanchiment » is
    blanch), its start still lists the texts holding the word (it found nothing)."""
    holders = texts_with(site, rf"\b{word}")
    assert holders
    assert set(slugs(search(tab, typed))) >= holders


def test_texts_rank_above_glossary_entries_for_words(tab: Tab, site: Site) -> None:
    holders = texts_with(site, r"\bprecurseurs?\b")
    pages = search(tab, "précurseur")
    kinds = [kind(page) for page in pages]
    assert set(slugs(pages)) >= holders and "glossaire" in kinds
    assert kinds.index("glossaire") > max(i for i, k in enumerate(kinds) if k == "textes")


def test_an_exact_acronym_puts_its_glossary_entry_first_and_texts_right_after(
    tab: Tab, site: Site
) -> None:
    holders = texts_with(site, r"\bonudc\b")
    pages = search(tab, "ONUDC")
    assert pages[0] == "glossaire/onudc.html"
    assert set(slugs(pages[1 : 1 + len(holders)])) == holders


def test_results_are_grouped_by_text_with_links_to_paragraphs(tab: Tab) -> None:
    pages = search(tab, "précurseurs")
    assert len(pages) == len(set(pages)), "a page listed twice"
    items = tab.page.locator("li.md-search-result__item")
    for number, page in enumerate(pages):
        if not page.startswith("textes/"):
            continue
        links = items.nth(number).locator("a.md-search-result__link")
        hrefs = [link.get_attribute("href") for link in links.all()]
        assert hrefs[0].endswith(page)
        assert len(hrefs) > 1, f"{page}: no paragraph listed"
        for href in hrefs[1:]:
            assert re.search(re.escape(page) + r"#[a-z]+[\w-]*$", href), href


def test_no_stem_is_shown_to_the_reader(tab: Tab) -> None:
    search(tab, "chimiques introuvablement")
    missing = {d.text_content() for d in tab.page.locator(".md-search-result__terms del").all()}
    assert missing == {"introuvablement"}
    marks = [m.text_content() for m in tab.page.locator("li.md-search-result__item mark").all()]
    assert marks and all(fold(mark).startswith("chimique") for mark in marks), marks


def test_search_loads_only_what_the_query_needs(tab: Tab, site: Site) -> None:
    tab.open("textes/a-res-62-176.html")
    search(tab, "précurseurs")
    loaded = [url for url in tab.requests if "/search/" in url]
    shards = [url for url in loaded if "/search/t/" in url]
    total = len(list((site.root / "search" / "t").iterdir()))
    assert shards and len(shards) < total / 4, (len(shards), total)
    assert not any(url.endswith("search_index.json") for url in loaded)


def test_shards_read_in_two_rounds_give_the_same_answer(tab: Tab, site: Site) -> None:
    """Five words put in at once, one query: their five shards (keys pr, bl, ar, st, co on
    the seed site) are more than the worker asks for in its first round, the last one
    comes in a second round (ra-search.js, loadShards). Typed key by key, each word's
    shard comes as it is typed: one round each. The answer is the same."""
    query = "précurseurs blanchiment argent stupéfiants coopération"
    events: list[tuple[str, str]] = []

    def record(name: str, request) -> None:
        if "/search/t/" in request.url:
            events.append((name, request.url))

    tab.page.on("request", partial(record, "asked"))
    tab.page.on("requestfinished", partial(record, "read"))
    pasted = search(tab, query, pasted=True)
    asked = [url for name, url in events if name == "asked"]
    assert len(asked) == len(set(asked)) == 5, asked
    # The fifth is asked for once the first four have been read.
    assert events.index(("asked", asked[4])) > max(events.index(("read", u)) for u in asked[:4])
    # Each word's stem (the last word's as a start, being typed): blanch, argent, cooper…
    stems = (r"precurseur", r"blanch", r"argents?\b", r"stupefi", r"cooper")
    holders = set.union(*(texts_with(site, rf"\b{stem}") for stem in stems))
    assert holders and set(slugs(pasted)) == holders
    assert pasted == search(tab, query)


def first_results(page, query: str) -> list[str]:
    """Type ``query`` in the search box of the open page; the pages listed first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    items = page.locator("li.md-search-result__item")
    items.first.wait_for(state="attached", timeout=15_000)
    page.wait_for_timeout(500)  # the last key's answer
    links = [item.locator("a.md-search-result__link").first for item in items.all()]
    return [link.get_attribute("href") for link in links]


def test_search_works_over_http(browser, site: Site) -> None:
    handler = partial(SimpleHTTPRequestHandler, directory=str(site.root))
    handler.log_message = lambda *args: None
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            port = server.server_address[1]
            page.goto(f"http://127.0.0.1:{port}/textes/pc-dec-758.html")
            found = first_results(page, "62/176")
        finally:
            page.close()
            server.shutdown()
    assert found[0] == f"http://127.0.0.1:{port}/textes/a-res-62-176.html"
    assert not errors


def test_the_offline_archive_holds_the_search(browser, site: Site, tmp_path: Path) -> None:
    """Unpacked anywhere, the archive's site finds a text, with no file of the build."""
    with zipfile.ZipFile(site.root / "resolutions-annotees.zip") as archive:
        archive.extractall(tmp_path)
    unpacked = tmp_path / "resolutions-annotees"
    built = {p.relative_to(site.root).as_posix() for p in (site.root / "search").rglob("*.js")}
    held = {p.relative_to(unpacked).as_posix() for p in (unpacked / "search").rglob("*.js")}
    assert len(built) > 100 and built == held
    assert (unpacked / "assets/javascripts/workers/ra-search.js").is_file()
    context = browser.new_context()
    context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((unpacked / "textes" / "a-res-62-176.html").as_uri())
        found = first_results(page, "PC.DEC/758")
    finally:
        context.close()
    assert found[0] == (unpacked / "textes" / "pc-dec-758.html").as_uri()
    assert all(url.startswith(unpacked.as_uri()) for url in requests), requests


@pytest.mark.parametrize(
    ("query", "must", "must_not"),
    [("précurseurs -chimiques", "precurseur", "chimique"), ("précurseurs +CARICC", "caricc", None)],
)
def test_plus_requires_a_word_and_minus_excludes_it(
    tab: Tab, query: str, must: str, must_not: str | None
) -> None:
    shown = "li.md-search-result__item a[href*='#'] article"
    if must_not is not None:  # without the minus, the word is there
        search(tab, query.split(" -")[0])
        texts = [fold(s.text_content()) for s in tab.page.locator(shown).all()]
        assert any(must_not in text for text in texts)
    assert search(tab, query)
    sections = tab.page.locator(shown).all()
    assert sections
    for section in sections:
        text = fold(section.text_content())
        assert must in text, text
        assert must_not is None or must_not not in text, text


# Our worker spoken to as the theme does (SETUP → READY, QUERY → RESULT), from a page of
# the site opened from disk, where Worker is the theme's iframe-worker shim.
# A fresh worker at ``url``, set up (SETUP, then READY awaited), its answers gathered in
# ``answers``: the first lines of the scripts below.
OPEN_WORKER = """
  const worker = new Worker(url)
  const answers = []
  const ready = new Promise(resolve => worker.addEventListener("message", event => {
    if (event.data.type === 1) resolve()
    if (event.data.type === 3) answers.push(event.data.data)
  }))
  worker.postMessage({type: 0, data: {}})
  await ready
"""
ASK_WORKER = (
    """async ([url, queries, pause]) => {"""
    + OPEN_WORKER
    + """  for (const query of queries) {
    worker.postMessage({type: 2, data: query})
    await new Promise(resolve => setTimeout(resolve, pause))
  }
  return answers
}"""
)


def ask_worker(tab: Tab, queries: list[str], flag: str = "") -> list[dict]:
    """Each query sent to a fresh worker (``flag``: what overrides/main.html adds to its
    address), each answered before the next; the answers it sent."""
    tab.open("index.html")
    url = (tab.site.root / "assets/javascripts/workers/ra-search.js").as_uri() + flag
    return tab.page.evaluate(ASK_WORKER, [url, queries, 1500])


def as_shown(answer: dict, words_in_links: bool = False) -> list:
    """What the theme shows of an answer: every field, but of each item's ``terms`` only
    the words not found (« Non trouvé »), unless the links carry the found ones."""
    return [
        [
            {
                **item,
                "terms": item["terms"]
                if words_in_links
                else sorted(word for word, found in item["terms"].items() if not found),
            }
            for item in group
        ]
        for group in answer["items"]
    ]


def test_an_answer_shown_as_the_last_one_is_not_sent(tab: Tab) -> None:
    """« blanchime », « blanchimen »: no term begins either, both find the stem they
    begin, blanch (« blanchiment »): the same blocks, the same marks, only the typed
    word in each item's ``terms`` differs, which the theme does not show: the second
    answer is not sent. « précurseurs -chimiques » differs, and is; so is every answer when
    the theme's links carry the found words (search.highlight, "?highlight")."""
    queries = ["blanchime", "blanchimen", "précurseurs -chimiques"]
    quiet = ask_worker(tab, queries)
    every = ask_worker(tab, queries, flag="?highlight")
    assert len(every) == 3 and all(answer["items"] for answer in every)
    assert as_shown(every[0]) == as_shown(every[1])
    assert every[0] != every[1]  # the found word each item names
    assert as_shown(every[1]) != as_shown(every[2])
    assert quiet == [every[0], every[2]]


def test_a_two_letter_word_that_is_no_term_reads_no_shard(tab: Tab, site: Site) -> None:
    """A word of two letters is looked up whole; the manifest lists every term that
    short, so one that is no term is answered without reading a shard, and one that is
    reads its shard and finds its texts."""
    manifest = json.loads(
        re.fullmatch(r"__manifest\((.*)\)", (site.root / "search/manifest.js").read_text()).group(1)
    )
    listed = manifest["short"]["terms"]
    assert manifest["short"]["length"] == 2
    # A word of two letters that no term is, though the shard of its letters is there
    dropped = set(listed) | set(manifest["stop"]) | set(manifest["elisions"])
    unlisted = next(k for k in manifest["keys"] if len(k) == 2 and k.isalpha() and k not in dropped)
    holders = {
        term: texts_with(site, rf"(?<![\w/]){term}(?![\w/])") for term in listed if term.isdigit()
    }
    word = next(term for term, texts in holders.items() if texts)
    answers = ask_worker(tab, [unlisted, "", word])
    shards = [url for url in tab.requests if "/search/t/" in url]
    assert len(shards) == 1, shards
    assert [bool(answer["items"]) for answer in answers] == [False, False, True]
    shown = {item["location"].split("#")[0] for group in answers[2]["items"] for item in group}
    assert shown & {f"textes/{slug}.html" for slug in holders[word]}


def worker_address(page: Path) -> str:
    """The search worker's address in a built page's theme configuration."""
    config = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>',
        page.read_text(encoding="utf-8"),
        re.S,
    )
    return json.loads(config.group(1))["search"]


def test_the_worker_is_told_when_links_carry_the_found_words(site: Site, tmp_path: Path) -> None:
    """overrides/main.html names the worker with "?highlight" when the theme's
    search.highlight feature is on (each result's link then holds the words found, and
    every answer must be sent), and without it otherwise."""
    assert worker_address(site.root / "index.html").endswith("workers/ra-search.js")
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    edit(project / "mkdocs.yml", "    - toc.follow\n", "    - toc.follow\n    - search.highlight\n")
    built = tmp_path / "site"
    result = build_site(built, ROOT / "source_texts", project=project)
    assert result.returncode == 0, result.stderr[-4000:]
    assert worker_address(built / "index.html").endswith("workers/ra-search.js?highlight")


FRAMES_AT_LOAD = """addEventListener("load", () => {
  window.__framesAtLoad = document.querySelectorAll("iframe").length
})"""


def test_the_page_s_load_event_does_not_wait_for_the_search_worker(tab: Tab) -> None:
    """From disk, the worker runs in a hidden frame (Material's iframe-worker shim), made
    when the theme's bundle starts, and the page's load event waited for that frame and
    its script. ra-search-frame.js makes the frame at the load event: none at the event,
    one right after (before the reader opens the search box, so that the worker's files
    are read by then), and a query typed at once is answered."""
    tab.page.add_init_script(FRAMES_AT_LOAD)
    tab.open("textes/pc-dec-758.html")
    assert tab.page.evaluate("window.__framesAtLoad") == 0
    tab.page.wait_for_function("document.querySelectorAll('iframe').length === 1")
    assert first_results(tab.page, "62/176")[0].endswith("textes/a-res-62-176.html")


HOLD_PAGE_FILE = """(() => {
  /* In the worker's frame: a <script> for the page file numbered window.top.__hold is
     not added (its file never arrives); every script asked for is listed */
  const add = Node.prototype.appendChild
  Node.prototype.appendChild = function (child) {
    const top = window.top
    if (child instanceof HTMLScriptElement && child.src) {
      (top.__asked = top.__asked || []).push(child.src)
      if (top.__hold !== undefined && child.src.endsWith(`/search/p/${top.__hold}.js`))
        return child
    }
    return add.call(this, child)
  }
})()"""

ASK_OVERTAKING = (
    """async ([url, first, second]) => {"""
    + OPEN_WORKER
    + """  worker.postMessage({type: 2, data: first})
  const held = `/search/p/${window.__hold}.js`
  for (let i = 0; i < 300 && !(window.__asked || []).some(src => src.endsWith(held)); i++)
    await new Promise(resolve => setTimeout(resolve, 10))
  worker.postMessage({type: 2, data: second})
  for (let i = 0; i < 300 && !answers.length; i++)
    await new Promise(resolve => setTimeout(resolve, 10))
  return answers
}"""
)


def page_files_read(browser, site: Site, query: str) -> tuple[list[str], list[dict]]:
    """The numbers of the page files a fresh worker reads to answer ``query`` alone, and
    its answers."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(HOLD_PAGE_FILE)
        page.goto((site.root / "index.html").as_uri())
        url = (site.root / "assets/javascripts/workers/ra-search.js").as_uri()
        answers = page.evaluate(ASK_WORKER, [url, [query], 1500])
        asked = page.evaluate("window.__asked || []")
    finally:
        context.close()
    numbers = [re.sub(r".*/search/p/(\d+)\.js$", r"\1", src) for src in asked]
    return [number for number in numbers if number.isdigit()], answers


def test_a_newer_query_does_not_wait_for_the_files_of_the_one_it_overtook(
    browser, site: Site
) -> None:
    """A query overtaken while its page files load gives them up at once: the newer
    query is answered although a file only the older one needs never arrives. (It used
    to start only once the older query's files had all arrived.)"""
    first, second = "précurseurs", "coopération"
    first_files, _ = page_files_read(browser, site, first)
    second_files, alone = page_files_read(browser, site, second)
    only_first = [n for n in first_files if n not in second_files]
    assert only_first and alone and alone[-1]["items"]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(HOLD_PAGE_FILE)
        page.goto((site.root / "index.html").as_uri())
        page.evaluate(f"window.__hold = {only_first[0]}")
        url = (site.root / "assets/javascripts/workers/ra-search.js").as_uri()
        answers = page.evaluate(ASK_OVERTAKING, [url, first, second])
        asked = page.evaluate("window.__asked")
    finally:
        context.close()
    assert any(src.endswith(f"/search/p/{only_first[0]}.js") for src in asked)
    assert answers == alone[-1:]


ASK_WITH_A_KEY_WAITING = (
    """async ([url, primers, first, second]) => {"""
    + OPEN_WORKER
    + """  /* Each query answered once, alone: every file it needs is read */
  for (const query of primers) {
    const count = answers.length
    worker.postMessage({type: 2, data: query})
    for (let i = 0; i < 300 && answers.length === count; i++)
      await new Promise(resolve => setTimeout(resolve, 10))
  }
  const before = answers.length
  /* `second` comes in a task queued before anything the worker queues for `first`, as
     a key typed while the page was busy: from file://, the theme hands `first` to the
     worker in this very task */
  const channel = new MessageChannel()
  channel.port1.onmessage = () => worker.postMessage({type: 2, data: second})
  channel.port2.postMessage(null)
  worker.postMessage({type: 2, data: first})
  for (let i = 0; i < 300 && answers.length === before; i++)
    await new Promise(resolve => setTimeout(resolve, 10))
  await new Promise(resolve => setTimeout(resolve, 300))
  return [answers.slice(0, before), answers.slice(before)]
}"""
)


def test_a_query_overtaken_by_a_key_already_waiting_is_not_answered(tab: Tab) -> None:
    """A query whose files were all read used to be answered within the task that
    brought it, and the theme rendered that answer though the next key was already
    waiting. The worker now searches one task later: the newer query, already there,
    is handled first, and the one it overtakes is neither searched nor answered. The
    newer one gets the answer it gets alone."""
    first, second, last = "précurseurs", "stupéfiants", "coopération"
    tab.open("index.html")
    url = (tab.site.root / "assets/javascripts/workers/ra-search.js").as_uri()
    primed, answered = tab.page.evaluate(
        ASK_WITH_A_KEY_WAITING, [url, [first, second, last], first, second]
    )
    # Three different answers, each sent: the first one asked again differs from the last shown.
    assert len(primed) == 3 and all(answer["items"] for answer in primed)
    assert primed[0] != primed[2] and primed[1] != primed[2]
    assert answered == [primed[1]]
