"""The corpus pass: citations resolved, backlinks collected, the citation graph built.

One registry, one pass (as mkdocs-autorefs does it): ``CorpusIndex.build`` reads every
document's key and anchors once; ``annotate`` then visits every block once, finds its
citations (``citations.find_citations`` and the glossary's instrument mentions),
resolves each against the index and records the backlink.  Nothing is searched page by
page: the cost is linear in the size of the corpus.

Where a citation leads (``Citation.target``):

- ``doc:<slug>`` or ``doc:<slug>#<anchor>``: a text of the corpus, at the paragraph the
  citation names when it names one that exists;
- ``doc:<slug>`` too for an instrument whose glossary entry says the instrument *is* a
  corpus document (``document: <slug>``); otherwise ``glossary:<id>``;
- ``https://docs.un.org/fr/<symbol>``: a UN document outside the corpus (the UN's
  official address for a symbol, in French);
- ``""``: no known address (a CND resolution, which has no symbol of its own; an OSCE
  decision outside the corpus; a treaty-series reference no glossary entry claims).
  The citation's label says what the text is, and ``unresolved`` lists it for the check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple
from urllib.parse import quote

from . import model
from .citations import (
    CitationContext,
    GlossaryEntry,
    entries_by_id,
    find_citations,
    instrument_citations,
    key_for_symbol,
    label_date,
    treaty_entries,
)
from .unaddressed import accepted_beside

__all__ = [
    "UN_DOCUMENT_URL",
    "CitationIndex",
    "CitedBy",
    "CorpusIndex",
    "Unresolved",
    "annotate",
    "citation_graph",
    "document_key",
    "excerpt",
    "short_label",
    "unresolved",
    "year_of_key",
]

UN_DOCUMENT_URL = "https://docs.un.org/fr/{symbol}"
"""The UN's official address of a document by symbol (the Official Document System)."""

_UN_SERIES = re.compile(r"^(?:A|E|S|ST)/")
"""Keys that are UN document symbols, hence have an official address."""

GRAPH_SCHEMA_VERSION = 1


def document_key(document: model.Document) -> str | None:
    """The key a citation of ``document`` carries (None for a text with no symbol,
    such as a declaration reached only through its glossary entry)."""
    if not document.symbol.strip():
        return None
    decision = document.type.startswith("décision") or document.type.startswith("decision")
    return key_for_symbol(document.symbol, document.body, decision)


def _anchors(document: model.Document) -> frozenset[str]:
    ids = {block_id for block_id, _ in document.blocks()}
    ids.update(f"fn-{note.number}" for note in document.footnotes)
    return frozenset(ids)


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class CorpusIndex:
    """What the corpus holds: key → slug, each document's anchors, the glossary."""

    slugs_by_key: Mapping[str, str]
    anchors: Mapping[str, frozenset[str]]
    entries: Mapping[str, GlossaryEntry] = field(default_factory=dict)
    treaties: Mapping[str, str] = field(default_factory=dict)
    """``unts:<volume>/<number>`` → glossary id."""

    @classmethod
    def build(
        cls,
        documents: Iterable[model.Document],
        glossary: Iterable[GlossaryEntry] | Mapping[str, GlossaryEntry] = (),
    ) -> CorpusIndex:
        slugs_by_key: dict[str, str] = {}
        anchors: dict[str, frozenset[str]] = {}
        for document in documents:
            anchors[document.slug] = _anchors(document)
            key = document_key(document)
            if key is not None:
                slugs_by_key[key] = document.slug
        entries = entries_by_id(glossary)
        return cls(slugs_by_key, anchors, entries, treaty_entries(entries))

    def _entry_target(self, entry_id: str | None) -> str:
        entry = self.entries.get(entry_id) if entry_id else None
        if entry is None:
            return ""
        if entry.document and entry.document in self.anchors:
            return f"doc:{entry.document}"
        return f"glossary:{entry.id}"

    def entry_of(self, key: str) -> str | None:
        """The glossary id a key stands for (an instrument, or a treaty reference)."""
        base = key.partition("#")[0]
        if base.startswith("glossary:"):
            entry_id = base.removeprefix("glossary:")
            return entry_id if entry_id in self.entries else None
        return self.treaties.get(base)

    def target_for(self, key: str) -> str:
        base, _, anchor = key.partition("#")
        if base.startswith(("glossary:", "unts:")):
            return self._entry_target(self.entry_of(base))
        slug = self.slugs_by_key.get(base)
        if slug is not None:
            if anchor and anchor in self.anchors[slug]:
                return f"doc:{slug}#{anchor}"
            return f"doc:{slug}"
        if _UN_SERIES.match(base):
            return UN_DOCUMENT_URL.format(symbol=quote(base, safe="/().-"))
        return ""

    def resolve(self, citation: model.Citation) -> model.Citation:
        return replace(citation, target=self.target_for(citation.key))


# --------------------------------------------------------------------------- backlinks


@dataclass(frozen=True)
class CitedBy:
    """One place of the corpus that cites a text: a row of its "Cité par" list."""

    slug: str
    block_id: str
    excerpt: str
    body: str
    date: str
    symbol: str = ""
    title: str = ""
    cited_anchor: str = ""
    """The paragraph of the cited text that the citation names, if any."""


@dataclass(frozen=True)
class CitationIndex:
    """Backlinks: cited document slug, or glossary id, → the places that cite it,
    ordered by the citing text's date, then by reading order."""

    documents: Mapping[str, tuple[CitedBy, ...]] = field(default_factory=dict)
    entries: Mapping[str, tuple[CitedBy, ...]] = field(default_factory=dict)

    def cited_by(self, slug: str) -> tuple[CitedBy, ...]:
        return self.documents.get(slug, ())

    def cited_by_entry(self, entry_id: str) -> tuple[CitedBy, ...]:
        return self.entries.get(entry_id, ())


_EXCERPT_WIDTH = 200


def excerpt(text: str, start: int, end: int, width: int = _EXCERPT_WIDTH) -> str:
    """The words around ``text[start:end]``, at most about ``width`` characters, cut
    at word boundaries and marked with "…" where cut."""
    room = max(0, width - (end - start)) // 2
    left = max(0, start - room)
    right = min(len(text), end + room)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    words = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + words + ("…" if right < len(text) else "")


def _text_blocks(document: model.Document) -> list[tuple[str, model.Block]]:
    return document.blocks() + [(f"fn-{note.number}", note.text) for note in document.footnotes]


def _is_self(target: str, slug: str) -> bool:
    return target == f"doc:{slug}" or target.startswith(f"doc:{slug}#")


class _Backlinks:
    """Collects backlink rows while blocks are annotated, one row per citing block
    and cited text."""

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index
        self.documents: dict[str, dict[tuple[str, str], CitedBy]] = {}
        self.entries: dict[str, dict[tuple[str, str], CitedBy]] = {}

    def add(self, citing: model.Document, block_id: str, text: str, cited: model.Citation) -> None:
        row = CitedBy(
            slug=citing.slug,
            block_id=block_id,
            excerpt=excerpt(text, cited.start, cited.end),
            body=citing.body,
            date=citing.date,
            symbol=citing.symbol,
            title=citing.title,
            cited_anchor=cited.target.partition("#")[2],
        )
        if cited.target.startswith("doc:"):
            slug = cited.target.removeprefix("doc:").partition("#")[0]
            self.documents.setdefault(slug, {}).setdefault((citing.slug, block_id), row)
        entry_id = self.index.entry_of(cited.key)
        if entry_id is not None:
            self.entries.setdefault(entry_id, {}).setdefault((citing.slug, block_id), row)

    def result(self) -> CitationIndex:
        return CitationIndex(
            documents={slug: tuple(rows.values()) for slug, rows in self.documents.items()},
            entries={entry: tuple(rows.values()) for entry, rows in self.entries.items()},
        )


def _annotate_document(
    document: model.Document,
    index: CorpusIndex,
    entries: Mapping[str, GlossaryEntry],
    backlinks: _Backlinks,
) -> model.Document:
    context = CitationContext(document.body, document.symbol or None)

    def change(block_id: str, block: model.Block) -> model.Block:
        kept = tuple(span for span in block.spans if not isinstance(span, model.Citation))
        bare = replace(block, spans=kept)
        found = find_citations(bare.text, context) + instrument_citations(bare, entries)
        resolved = []
        for citation in map(index.resolve, found):
            if _is_self(citation.target, document.slug):
                continue
            resolved.append(citation)
            backlinks.add(document, block_id, bare.text, citation)
        spans = sorted(kept + tuple(resolved), key=lambda span: (span.start, span.end))
        return replace(block, spans=tuple(spans))

    return document.map_blocks(change)


def annotate(
    documents: Sequence[model.Document],
    glossary: Iterable[GlossaryEntry] | Mapping[str, GlossaryEntry] = (),
) -> tuple[tuple[model.Document, ...], CitationIndex]:
    """Find and resolve every citation of the corpus and collect the backlinks.

    Each block's previous citations are replaced, so running it twice changes nothing.
    A text's citations of itself (its own number in its heading, a mention of the
    instrument it is) are dropped.  Returns the documents in the order given."""
    entries = entries_by_id(glossary)
    index = CorpusIndex.build(documents, entries)
    backlinks = _Backlinks(index)
    annotated: dict[str, model.Document] = {}
    # Visiting texts in date order makes every backlink list come out ordered.
    for document in sorted(documents, key=lambda d: (d.date, d.slug)):
        annotated[document.slug] = _annotate_document(document, index, entries, backlinks)
    return tuple(annotated[document.slug] for document in documents), backlinks.result()


def _citations(block: model.Block) -> list[model.Citation]:
    return [span for span in block.spans if isinstance(span, model.Citation)]


# --------------------------------------------------------------------------- the check


class Unresolved(NamedTuple):
    path: str
    line: int
    label: str


def unresolved(
    documents: Iterable[model.Document], accepted: Mapping[str, object] | None = None
) -> list[Unresolved]:
    """Every citation with no address, and every named paragraph not found, as
    ``(source path, line, what it is)`` in the order of the source file.  A citation
    with no address whose key is ``accepted`` is left out; by default, those editors
    accepted beside the source texts (``unaddressed.py``)."""
    found: list[Unresolved] = []
    for document in documents:
        keys = accepted_beside(document.source_path) if accepted is None else accepted
        for _, block in _text_blocks(document):
            for span in _citations(block):
                line = block.line_at(span.start)
                if not span.target and span.key.partition("#")[0] in keys:
                    continue
                if not span.target:
                    found.append(Unresolved(document.source_path, line, span.label))
                elif "#" in span.key and span.target.startswith("doc:") and "#" not in span.target:
                    anchor = span.key.partition("#")[2]
                    found.append(
                        Unresolved(
                            document.source_path,
                            line,
                            f"{span.label} : le texte du corpus n’a pas de paragraphe {anchor}",
                        )
                    )
    return sorted(found, key=lambda item: (item.path, item.line))


# --------------------------------------------------------------------------- the graph


def _outside_group(key: str, kind: str) -> str:
    if kind in ("instrument", "treaty-series") or key.startswith(("glossary:", "unts:")):
        return "instrument"
    prefixes = {
        "A/": "ag",
        "ag:": "ag",
        "E/": "ecosoc",
        "ecosoc:": "ecosoc",
        "cnd:": "cnd",
        "S/": "sc",
        "PC.": "osce-cp",
        "MC.": "osce-cm",
    }
    for prefix, group in prefixes.items():
        if key.startswith(prefix):
            return group
    return "other"


_SESSION_KEY = re.compile(r"^A/(?:RES/)?(?P<session>\d{1,2})/")
_YEAR_KEY = re.compile(r"^(?:E/(?:RES/)?|ecosoc:dec/)(?P<year>(?:19|20)\d{2})/")
_OSCE_YEAR_KEY = re.compile(r"^MC\.DEC/\d+/(?P<yy>\d{2})$")
_SC_YEAR_KEY = re.compile(r"^S/RES/\d+\((?P<year>\d{4})\)$")


def year_of_key(key: str) -> tuple[str, str]:
    """(year, basis) read from a key: the symbol's own year (``E/2007/28``,
    ``MC.DEC/5/05``, ``S/RES/1373(2001)``), or the year a regular session of the
    Assembly opened (session *n* opened in 1945 + *n*: ``A/62/117`` → 2007)."""
    for pattern in (_YEAR_KEY, _SC_YEAR_KEY):
        match = pattern.match(key)
        if match:
            return match["year"], "symbole"
    match = _OSCE_YEAR_KEY.match(key)
    if match:
        yy = int(match["yy"])
        return str(1900 + yy if yy >= 70 else 2000 + yy), "symbole"
    match = _SESSION_KEY.match(key)
    if match:
        return str(1945 + int(match["session"])), "session"
    return "", ""


def citation_graph(
    documents: Iterable[model.Document],
    titles: Callable[[str], str] | None = None,
) -> dict:
    """The citation graph of annotated documents, as plain data for JSON.

    Nodes: every corpus document (``doc:<slug>``) and every outside text a corpus
    document cites (id = its key without the paragraph), with ``short`` (a caption),
    ``label``, ``group`` (the body, or ``instrument``), ``date`` and where the date came
    from, ``url`` when the text has an address, ``entry`` (glossary id) for an
    instrument.  Edges: citing document → cited node, with the count of citations and
    the ids of the citing blocks.  ``titles`` may name glossary ids."""
    documents = list(documents)
    nodes: dict[str, dict] = {}
    for document in documents:
        nodes[f"doc:{document.slug}"] = {
            "id": f"doc:{document.slug}",
            "in_corpus": True,
            "slug": document.slug,
            "symbol": document.symbol,
            "short": document.symbol or document.title,
            "label": document.symbol or document.title,
            "title": document.title,
            "group": document.body,
            "date": document.date,
            "date_basis": "métadonnées",
            "url": "",
        }
    edges: dict[tuple[str, str], dict] = {}
    for document in documents:
        source = f"doc:{document.slug}"
        for block_id, block in _text_blocks(document):
            for span in _citations(block):
                if span.target.startswith("doc:"):
                    target = "doc:" + span.target.removeprefix("doc:").partition("#")[0]
                elif span.target.startswith("glossary:"):
                    target = span.target  # an instrument, however it was cited
                    if target not in nodes:
                        nodes[target] = _outside_node(target, span, titles)
                else:
                    target = span.key.partition("#")[0]
                    if target not in nodes:
                        nodes[target] = _outside_node(target, span, titles)
                edge = edges.setdefault(
                    (source, target), {"source": source, "target": target, "count": 0, "blocks": []}
                )
                edge["count"] += 1
                if block_id not in edge["blocks"]:
                    edge["blocks"].append(block_id)
    return {
        "schema_version": GRAPH_SCHEMA_VERSION,
        "nodes": sorted(nodes.values(), key=lambda node: (node["group"], node["date"], node["id"])),
        "edges": sorted(edges.values(), key=lambda edge: (edge["source"], edge["target"])),
    }


_SHORT_PREFIXES = (
    ("cnd:dec/", "CND, décision "),
    ("cnd:", "CND "),
    ("ag:dec/", "AG, décision "),
    ("ecosoc:dec/", "ECOSOC, décision "),
    ("unts:", "RTNU "),
    ("glossary:", ""),
)


def short_label(key: str) -> str:
    """A key as a short caption: ``cnd:57/9`` → "CND 57/9", ``unts:976/14152`` →
    "RTNU 976/14152" (Recueil des Traités des Nations Unies); a symbol as it is."""
    for prefix, shown in _SHORT_PREFIXES:
        if key.startswith(prefix):
            return shown + key.removeprefix(prefix)
    return key


def _outside_node(key: str, citation: model.Citation, titles: Callable[[str], str] | None) -> dict:
    date, basis = label_date(citation.label), "texte"
    if not date:
        date, basis = year_of_key(key)
    label = citation.label
    short = short_label(key)
    if key.startswith("glossary:") and titles is not None:
        label = titles(key.removeprefix("glossary:")) or label
        short = label
    return {
        "id": key,
        "in_corpus": False,
        "slug": "",
        "symbol": key if ":" not in key else "",
        "short": short,
        "label": label,
        "title": label,
        "group": _outside_group(key, citation.citation_kind),
        "date": date,
        "date_basis": basis,
        "url": citation.target if citation.target.startswith("https://") else "",
        "entry": key.removeprefix("glossary:") if key.startswith("glossary:") else "",
        "kind": citation.citation_kind,
    }
