"""The search index, written as small scripts that the browser loads on demand.

Layout, under the site's ``search/`` folder:

- ``manifest.js``: ``__manifest({...})``, what the worker reads first: the stop words,
  the shard keys, the terms of at most ``SHORT_TERM`` letters, where each kind of page
  starts, the scoring constants.
- ``t/<n>.js``: ``__shard(n, JSON.parse("{term: [df, [page, entry, score, …]]}"))``,
  the terms whose first letters are the ``n``-th key of the manifest (two letters, more
  when a shard would exceed ``SHARD_BYTES``); postings by decreasing score, at most
  ``MAX_POSTINGS``. The data is a JSON string given to ``JSON.parse``, which Chromium
  reads about twice as fast as the same object written as a script (measured on the
  largest shard of the 1,000-text benchmark site: 8 ms against 15 ms).
- ``p/<n>.js``: ``__page(n, [[location, title, text], …])``, one page's entries (its own
  first), loaded for the pages a query lists. A location in the page is written from its
  ``#``: the page's own address, the first entry's, is not repeated (a tenth of the
  file at 1,000 texts was that address).

Scores are BM25 (``K1``, ``B``), computed here once: the page's own title counts
``TITLE_WEIGHT`` times. Each page has a kind, and pages are numbered texts first, then the
site's other pages, then the glossary, so that the browser tells a page's kind from its
number. A page's *keys* (a text's symbol in its usual forms, a glossary entry's acronym)
are posted on its own entry with ``KEY_SCORE`` added: an exact key puts it first.

Every file is a script, not JSON: ``importScripts`` loads it from disk as well as from a
server, where ``fetch`` is refused from ``file://``.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .tokens import ELISIONS, STOP_WORDS, fold, indexed_terms, query_terms, symbol_forms

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3
# Scores are written as integers: BM25 × SCALE.
SCALE = 1000
KEY_SCORE = 1_000_000_000
MAX_POSTINGS = 3000
SHARD_BYTES = 150_000
SHORT_TERM = 2
"""Terms this long or shorter are listed in the manifest: a word of that length is looked
up whole (the worker's MIN_PREFIX), often on the way to a longer one, and most such
words are no term at all; listed, they need no shard (at 10,000 texts « co » waited
205 ms for its 55-byte shard at load 12, the next keys behind it)."""
KINDS = ("text", "page", "glossary")
FORMAT = 1
UNDOCS = re.compile(
    r"https?://(?:www\.)?undocs\.org/(?:[a-z]{2}/)?([A-Za-z0-9./-]+/[A-Za-z0-9./-]+)$"
)


@dataclass(frozen=True)
class SearchPage:
    """One page of the site, as search shows it: its entries (``location``, ``title``,
    ``text``, the text HTML-escaped), the page's own entry first."""

    url: str
    entries: Sequence[dict[str, str]]
    kind: str = "page"
    keys: tuple[str, ...] = ()
    """Terms that put this page first when searched exactly."""
    index_block_titles: bool = True
    """False where a block's title is a label made by the site (``A/RES/62/176 — § 3``),
    which would otherwise match every block of the text."""


@dataclass
class SearchIndexStats:
    pages: int = 0
    entries: int = 0
    terms: int = 0
    shards: int = 0
    postings: int = 0
    index_bytes: int = 0
    largest_shard_bytes: int = 0
    largest_page_bytes: int = 0
    manifest_bytes: int = 0
    files: list[str] = field(default_factory=list)


def document_keys(symbol: str) -> tuple[str, ...]:
    """The terms a reader types for a text's symbol: ``A/RES/62/176`` is ``a/res/62/176``
    and ``62/176``; an OSCE decision ``PC.DEC/758`` is also ``758`` (« décision 758 »)."""
    if not symbol:
        return ()
    folded = fold(symbol)
    keys = symbol_forms(folded) if "/" in folded else query_terms(folded)
    decision = re.search(r"\.dec/(\d+(?:/\d+)?)$", folded)
    if decision:
        keys.append(decision.group(1))
    return tuple(dict.fromkeys(keys))


def glossary_keys(acronyms: Iterable[str], url: str = "") -> tuple[str, ...]:
    """A glossary entry's acronyms, each as the one term a reader types, and the symbol
    of the document it describes when its address names one (``undocs.org/fr/A/RES/
    S-20/2``): a text that is not in the corpus is found through its entry."""
    keys = []
    for acronym in acronyms:
        found = query_terms(acronym)
        if len(found) == 1:
            keys.append(found[0])
    symbol = UNDOCS.match(url)
    if symbol:
        keys.extend(document_keys(symbol.group(1)))
    return tuple(dict.fromkeys(keys))


def pages_from_entries(entries: Iterable[dict[str, str]], kind: str = "page") -> list[SearchPage]:
    """Entries of Material's own index (a page, then its sections) grouped by page."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for entry in entries:
        grouped.setdefault(entry["location"].split("#")[0], []).append(entry)
    pages = []
    for url, group in grouped.items():
        own = [entry for entry in group if entry["location"] == url]
        rest = [entry for entry in group if entry["location"] != url]
        if not own:  # a page is listed under its own entry (the theme expects one)
            own = [{"location": url, "title": group[0]["title"], "text": ""}]
        pages.append(SearchPage(url, [*own[:1], *rest], kind))
    return pages


def write_search_index(folder: Path, pages: Iterable[SearchPage]) -> SearchIndexStats:
    """Write the index of ``pages`` into ``folder`` (``manifest.js``, ``t/``, ``p/``),
    replacing what an earlier build left there.

    ``pages`` come in the order of ``KINDS`` (texts, other pages, glossary; ValueError
    otherwise), one at a time: each page's file is written as it comes and only the
    counts of its terms are kept, in arrays (at 10,000 texts, the entries and their
    occurrences held as lists of tuples were a gigabyte at the build's peak)."""
    stats = SearchIndexStats()
    folder.mkdir(parents=True, exist_ok=True)
    for sub in ("t", "p"):
        target = folder / sub
        if target.exists():
            for old in target.iterdir():
                old.unlink()
        target.mkdir(exist_ok=True)
    # term → its occurrences, two numbers each: entry slot, weighted term frequency. Slots
    # number the entries in the order of their pages and, within a page, of its entries:
    # ordering by slot is ordering by (page, entry).
    occurrences: dict[str, array[int]] = {}
    lengths = array("l")
    entry_pages = array("l")
    entry_numbers = array("l")
    first_slots = array("l")  # page → the slot of its own entry
    keyed: dict[str, list[int]] = defaultdict(list)  # key → the pages it leads to
    starts: dict[str, int] = {}
    page_number = -1
    for page_number, page in enumerate(pages):
        rank = KINDS.index(page.kind)
        if rank < len(starts) - 1:
            raise ValueError(
                f"search page {page.url} ({page.kind}) comes after a page of kind "
                f"{KINDS[len(starts) - 1]}: pages come in the order {', '.join(KINDS)}"
            )
        while len(starts) <= rank:
            starts[KINDS[len(starts)]] = page_number
        first_slots.append(len(lengths) if page.entries else -1)
        for entry_number, entry in enumerate(page.entries):
            counts = Counter(indexed_terms(entry["text"]))
            if entry_number == 0 or page.index_block_titles:
                counts.update(indexed_terms(entry["title"]) * TITLE_WEIGHT)
            slot = len(lengths)
            lengths.append(sum(counts.values()))
            entry_pages.append(page_number)
            entry_numbers.append(entry_number)
            for term, count in counts.items():
                found = occurrences.get(term)
                if found is None:
                    found = occurrences[term] = array("l")
                found.append(slot)
                found.append(count)
        for key in page.keys:
            keyed[key].append(page_number)
        rows = [
            [in_page(entry["location"], page.entries[0]["location"]), entry["title"], entry["text"]]
            for entry in page.entries
        ]
        size = write(folder / "p" / f"{page_number}.js", f"__page({page_number},{compact(rows)})")
        stats.largest_page_bytes = max(stats.largest_page_bytes, size)
        stats.index_bytes += size
    stats.pages = page_number + 1
    while len(starts) < len(KINDS):
        starts[KINDS[len(starts)]] = stats.pages
    stats.entries = len(lengths)
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    norms = [K1 * (1 - B + B * length / average) for length in lengths]
    slots = Slots(entry_pages, entry_numbers, first_slots)

    # Each term's "term":[df,[postings]] as the JSON its shard will hold, made once: its
    # length is what the shard's size is reckoned from, and a string is a fraction of
    # the memory of the same numbers in a list.
    encoded: dict[str, str] = {}
    for term in sorted(occurrences.keys() | keyed.keys()):
        found = occurrences.pop(term, array("l"))
        value = scored_postings(found, keyed.get(term, ()), stats.entries, norms, slots)
        stats.postings += len(value[1]) // 3
        encoded[term] = f"{compact(term)}:{compact(value)}"
    shards = split_shards(encoded)
    stats.terms = len(encoded)
    keys = sorted(shards)
    for number, key in enumerate(keys):
        members = "{" + ",".join(encoded[term] for term in shards[key]) + "}"
        size = write(
            folder / "t" / f"{number}.js", f"__shard({number},JSON.parse({compact(members)}))"
        )
        stats.largest_shard_bytes = max(stats.largest_shard_bytes, size)
        stats.index_bytes += size
    manifest = {
        "format": FORMAT,
        "keys": keys,
        "short": {"length": SHORT_TERM, "terms": [t for t in encoded if len(t) <= SHORT_TERM]},
        "stop": sorted(STOP_WORDS),
        "elisions": sorted(ELISIONS),
        "starts": starts,
        "pages": stats.pages,
        "keyScore": KEY_SCORE,
        "scale": SCALE,
    }
    stats.manifest_bytes = write(folder / "manifest.js", f"__manifest({compact(manifest)})")
    stats.index_bytes += stats.manifest_bytes
    stats.shards = len(keys)
    return stats


@dataclass(frozen=True)
class Slots:
    """Where each entry slot is: its page and its number in the page; and the slot of
    each page's own entry (-1 for a page without entries)."""

    pages: Sequence[int]
    numbers: Sequence[int]
    firsts: Sequence[int]


def scored_postings(
    found: Sequence[int],
    keyed_pages: Iterable[int],
    total: int,
    norms: Sequence[float],
    slots: Slots,
) -> list:
    """One term's ``[df, postings]``: BM25 of each entry holding it (``found``: slot,
    count, slot, count…), the own entry of each page it is a key of put first with
    ``KEY_SCORE`` added; by decreasing score, then by page and entry, at most
    ``MAX_POSTINGS``, flattened (page, entry, score, …).

    Each posting is sorted as one integer, ``slot - score × span`` (a slot's order is
    its page's and entry's): at 10,000 texts, millions of postings, tuples and a key
    function were most of the index's build time."""
    frequency = len(found) // 2
    idf = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    factor = SCALE * idf * (K1 + 1)
    held = found[0::2]
    span = len(norms) + 1
    keyed_slots = [slots.firsts[page] for page in keyed_pages]
    # A score is at least 1: "or 1" is max(1, …) for a rounded score, never negative.
    if keyed_slots:
        by_slot = {
            slot: round(factor * count / (count + norms[slot])) or 1
            for slot, count in zip(held, found[1::2], strict=True)
        }
        for slot in keyed_slots:
            # A page without entries (slot -1) has nothing to show: no posting.
            if slot >= 0:
                by_slot[slot] = KEY_SCORE + by_slot.get(slot, 0)
        order = [slot - score * span for slot, score in by_slot.items()]
    else:
        # The same, in one pass: most terms are keys of no page.
        order = [
            slot - (round(factor * count / (count + norms[slot])) or 1) * span
            for slot, count in zip(held, found[1::2], strict=True)
        ]
    order.sort()
    flat: list[int] = []
    pages, numbers = slots.pages, slots.numbers
    for key in order[:MAX_POSTINGS]:
        slot = key % span
        flat += (pages[slot], numbers[slot], (slot - key) // span)
    return [frequency or 1, flat]


def split_shards(encoded: Mapping[str, str]) -> dict[str, list[str]]:
    """Terms (each with its JSON in the shard, ``"term":[df,[…]]``) grouped by their first
    two letters, each group's terms in order; a group larger than ``SHARD_BYTES`` is
    split by one more letter (its terms no longer than the key stay in it)."""
    shards: dict[str, list[str]] = {}

    def place(key: str, members: list[str]) -> None:
        size = sum(len(encoded[term]) + 1 for term in members)
        longer = [term for term in members if len(term) > len(key)]
        if size <= SHARD_BYTES or not longer:
            shards[key] = sorted(members)
            return
        shorter = [term for term in members if len(term) <= len(key)]
        if shorter:
            shards[key] = sorted(shorter)
        groups: dict[str, list[str]] = defaultdict(list)
        for term in longer:
            groups[term[: len(key) + 1]].append(term)
        for sub, group in groups.items():
            place(sub, group)

    first: dict[str, list[str]] = defaultdict(list)
    for term in encoded:
        first[term[:2]].append(term)
    for key, members in first.items():
        place(key, members)
    return shards


def in_page(location: str, own: str) -> str:
    """``location`` from its ``#`` when it is in the page whose own address is ``own``
    (the worker adds the address back)."""
    return location[len(own) :] if location.startswith(own + "#") else location


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""One encoder for every value: ``json.dumps`` with options makes one at each call."""


def compact(value: object) -> str:
    """JSON with no spaces; ``</`` escaped, so that no text ends the script early."""
    return _COMPACT.encode(value).replace("</", "<\\/")


def write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)
