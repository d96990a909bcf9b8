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
  official address for a symbol, in French; ``/en/`` from an English text);
- ``""``: no known address (a CND resolution, which has no symbol of its own; an OSCE
  decision outside the corpus; a treaty-series reference no glossary entry claims).
  The citation's label says what the text is, and ``unresolved`` lists it for the check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from operator import attrgetter
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
from .glossary import group_by_text, rows_by_text
from .unaddressed import accepted_beside

__all__ = [
    "UN_DOCUMENT_URL",
    "CitationIndex",
    "CitedBy",
    "CorpusIndex",
    "Unresolved",
    "anchors_of",
    "annotate",
    "citation_graph",
    "document_key",
    "excerpt",
    "resolve_candidates",
    "short_label",
    "translations",
    "unresolved",
    "with_candidates",
    "year_of_key",
]

UN_DOCUMENT_URL = "https://docs.un.org/fr/{symbol}"
"""The UN's official address of a document by symbol (the Official Document System)."""
UN_DOCUMENT_URL_EN = "https://docs.un.org/en/{symbol}"
"""The same in English: where an English text's citations lead."""

_UN_SERIES = re.compile(r"^(?:A|E|S|ST)/")
"""Keys that are UN document symbols, hence have an official address."""

GRAPH_SCHEMA_VERSION = 1


def document_key(document: model.Document) -> str | None:
    """The key a citation of ``document`` carries (None for a text with no symbol,
    such as a declaration reached only through its glossary entry)."""
    return _document_key(document.symbol, document.body, document.type)


@lru_cache(maxsize=1 << 16)
def _document_key(symbol: str, body: str, kind: str) -> str | None:
    """``document_key`` of a text's metadata, worked out once for each text (a preview
    asks again for every text at each rebuild: the index, the text pages' versions)."""
    if not symbol.strip():
        return None
    decision = kind.startswith("décision") or kind.startswith("decision")
    return key_for_symbol(symbol, body, decision)


def translations(documents: Iterable[model.Document]) -> dict[str, dict[str, str]]:
    """The versions of one text in other languages: slug → {language: slug}.

    Two documents are versions of one text when they have the same body and the same
    symbol (compared by their citation key) and differ in language (the French text of
    A/RES/78/284 and its English text).  A text with no symbol is paired with nothing;
    a text with no other version is left out.  One pass over the documents."""
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for document in documents:
        key = document_key(document)
        if key is not None:
            # Uniqueness is checked before (cli, pipeline): one text per language.
            groups.setdefault((document.body, key), {}).setdefault(document.lang, document.slug)
    paired: dict[str, dict[str, str]] = {}
    for versions in groups.values():
        if len(versions) < 2:
            continue
        for lang, slug in versions.items():
            paired[slug] = {
                other: them for other, them in sorted(versions.items()) if other != lang
            }
    return paired


def anchors_of(document: model.Document) -> frozenset[str]:
    """Every anchor of a text's page that a citation may name (blocks and notes)."""
    return frozenset(block_id for block_id, _ in document.all_blocks())


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class CorpusIndex:
    """What the corpus holds: key → slug, each document's anchors, the glossary."""

    slugs_by_key: Mapping[str, str]
    """Key → the text a citation leads to by default: its French version if any."""
    anchors: Mapping[str, frozenset[str]]
    entries: Mapping[str, GlossaryEntry] = field(default_factory=dict)
    treaties: Mapping[str, str] = field(default_factory=dict)
    """``unts:<volume>/<number>`` → glossary id."""
    versions: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(key, language) → slug: a citation in an English text leads to the English
    version of the cited text when the corpus has one."""
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Slug → {language: slug} of its other versions (see ``translations``)."""

    @classmethod
    def build(
        cls,
        documents: Iterable[model.Document],
        glossary: Iterable[GlossaryEntry] | Mapping[str, GlossaryEntry] = (),
        anchors_of: Callable[[model.Document], frozenset[str]] = anchors_of,
    ) -> CorpusIndex:
        """The index of ``documents``; ``anchors_of`` gives a text's anchors (a preview
        keeps them while the text is the same object: finding them walks every block)."""
        documents = list(documents)
        slugs_by_key: dict[str, str] = {}
        versions: dict[tuple[str, str], str] = {}
        anchors: dict[str, frozenset[str]] = {}
        for document in documents:
            anchors[document.slug] = anchors_of(document)
            key = document_key(document)
            if key is not None:
                if document.lang == "fr" or key not in slugs_by_key:
                    slugs_by_key[key] = document.slug
                versions[(key, document.lang)] = document.slug
        entries = entries_by_id(glossary)
        return cls(
            slugs_by_key,
            anchors,
            entries,
            treaty_entries(entries),
            versions,
            translations(documents),
        )

    def _entry_target(self, entry_id: str | None, lang: str | None = None) -> str:
        entry = self.entries.get(entry_id) if entry_id else None
        if entry is None:
            return ""
        if entry.document and entry.document in self.anchors:
            slug = self.translations.get(entry.document, {}).get(lang or "", entry.document)
            return f"doc:{slug}"
        return f"glossary:{entry.id}"

    def entry_of(self, key: str) -> str | None:
        """The glossary id a key stands for (an instrument, or a treaty reference)."""
        base = key.partition("#")[0]
        if base.startswith("glossary:"):
            entry_id = base.removeprefix("glossary:")
            return entry_id if entry_id in self.entries else None
        return self.treaties.get(base)

    def target_for(self, key: str, lang: str | None = None) -> str:
        """Where ``key`` leads; ``lang``, the citing text's language, picks the
        version of a text the corpus holds in several languages."""
        base, _, anchor = key.partition("#")
        if base.startswith(("glossary:", "unts:")):
            return self._entry_target(self.entry_of(base), lang)
        slug = self.versions.get((base, lang or "")) or self.slugs_by_key.get(base)
        if slug is not None:
            if anchor and anchor in self.anchors[slug]:
                return f"doc:{slug}#{anchor}"
            return f"doc:{slug}"
        if _UN_SERIES.match(base):
            address = UN_DOCUMENT_URL_EN if lang == "en" else UN_DOCUMENT_URL
            return address.format(symbol=quote(base, safe="/().-"))
        return ""

    def resolve(self, citation: model.Citation, lang: str | None = None) -> model.Citation:
        # Made directly: ``dataclasses.replace`` cost three times as much, once for
        # every citation of the corpus.
        return model.Citation(
            citation.start,
            citation.end,
            citation.citation_kind,
            citation.key,
            citation.label,
            self.target_for(citation.key, lang),
        )

    def same_text(self, slug: str) -> frozenset[str]:
        """``slug`` and the slugs of its versions in other languages."""
        return frozenset({slug, *self.translations.get(slug, {}).values()})


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
    lang: str = "fr"
    """The citing text's language (its excerpt is in that language)."""


@dataclass(frozen=True)
class CitationIndex:
    """Backlinks: cited document slug, or glossary id, → the places that cite it,
    ordered by the citing text's date, then by reading order."""

    documents: Mapping[str, tuple[CitedBy, ...]] = field(default_factory=dict)
    entries: Mapping[str, tuple[CitedBy, ...]] = field(default_factory=dict)
    entries_by_text: dict[str, Mapping[str, tuple[CitedBy, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Glossary id → {citing slug: its rows}, made when first asked for unless given
    (a preview keeps them from one rebuild to the next while they are equal)."""

    def cited_by(self, slug: str) -> tuple[CitedBy, ...]:
        return self.documents.get(slug, ())

    def cited_by_entry(self, entry_id: str) -> tuple[CitedBy, ...]:
        return self.entries.get(entry_id, ())

    def cited_by_entry_by_text(self, entry_id: str) -> Mapping[str, tuple[CitedBy, ...]]:
        """The rows of ``cited_by_entry`` by citing text, in their order."""
        return rows_by_text(self.entries_by_text, self.entries, entry_id)


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


def _is_self(target: str, slugs: frozenset[str]) -> bool:
    """Whether ``target`` leads to one of ``slugs`` (a text and its other versions)."""
    return target.startswith("doc:") and target[4:].partition("#")[0] in slugs


class Backlinks:
    """Collects the backlink rows of one text while its blocks are annotated
    (``cite_document``), one row per citing block and cited text or entry; ``gather``
    puts those of every text together."""

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
            lang=citing.lang,
        )
        if cited.target.startswith("doc:"):
            slug = cited.target.removeprefix("doc:").partition("#")[0]
            self.documents.setdefault(slug, {}).setdefault((citing.slug, block_id), row)
        entry_id = self.index.entry_of(cited.key)
        if entry_id is not None:
            self.entries.setdefault(entry_id, {}).setdefault((citing.slug, block_id), row)


def _shown_rows(index: CorpusIndex, rows: Mapping[tuple[str, str], CitedBy]) -> tuple[CitedBy, ...]:
    """The rows, less those of a version in another language whose French version
    cites the same text from the same paragraph: one row per place of one text."""
    kept = []
    for (slug, block_id), row in rows.items():
        french = index.translations.get(slug, {}).get("fr")
        if row.lang != "fr" and french is not None and (french, block_id) in rows:
            continue
        kept.append(row)
    return tuple(kept)


_span_order = attrgetter("start", "end")
"""Spans in place in a block: by start, then end (a stable sort keeps the others' order)."""


def cite_document(
    document: model.Document, index: CorpusIndex, entries: Mapping[str, GlossaryEntry]
) -> tuple[model.Document, Backlinks]:
    """The per-text step of ``annotate``: ``document`` with its citations found and
    resolved against ``index`` (each block's previous citations replaced), and the
    backlinks it gives.  A text's citations of itself (its own number in its heading,
    a mention of the instrument it is), and of its versions in other languages, are
    dropped.  The two halves: ``with_candidates`` (the text and the glossary alone),
    then ``resolve_candidates`` (the corpus)."""
    return resolve_candidates(with_candidates(document, entries), index)


def with_candidates(
    document: model.Document, entries: Mapping[str, GlossaryEntry]
) -> model.Document:
    """``document`` with the citations each block makes, found but not resolved: what
    needs only the text and the glossary's entries (a conversion's worker does it, see
    ``pipeline.Preparation``).  Each block's previous citations are dropped, and the
    citations found follow its other spans, unresolved (``target`` empty), in the
    order they were found: ``resolve_candidates`` reads them there, and only there (a
    block has some exactly when its last span is a citation)."""
    context = CitationContext(document.body, document.symbol or None, document.lang)

    def change(block_id: str, block: model.Block) -> model.Block:
        kept = tuple(span for span in block.spans if not isinstance(span, model.Citation))
        # A block is copied only if its spans change: most blocks cite nothing, and a
        # dataclass copy was a third of this pass.
        bare = block if len(kept) == len(block.spans) else replace(block, spans=kept)
        found = find_citations(bare.text, context) + instrument_citations(bare, entries)
        if found:
            return replace(bare, spans=kept + tuple(found))
        # Cited or not, a block's spans end in place (by start, then end), as
        # ``resolve_candidates`` puts them: the glossary's mentions follow the others.
        ordered = tuple(sorted(kept, key=_span_order))
        return bare if ordered == kept else replace(bare, spans=ordered)

    return document.map_blocks(change)


def resolve_candidates(
    document: model.Document, index: CorpusIndex
) -> tuple[model.Document, Backlinks]:
    """``document`` as ``with_candidates`` made it, with its citations resolved against
    ``index`` and put in place among the block's spans (by start, then end), and the
    backlinks they give.  Only the blocks that cite something are copied."""
    own = index.same_text(document.slug)
    backlinks = Backlinks(index)
    citation = model.Citation

    def change(block_id: str, block: model.Block) -> model.Block:
        spans = block.spans
        if not spans or type(spans[-1]) is not citation:
            return block  # it cites nothing (see with_candidates)
        kept: list[model.Span] = []
        resolved: list[model.Span] = []
        for span in spans:
            if not isinstance(span, citation):
                kept.append(span)
                continue
            found = index.resolve(span, document.lang)
            # A text citing itself, or its own version in another language, is no
            # citation: neither a link nor a "Cité par" row.
            if _is_self(found.target, own):
                continue
            resolved.append(found)
            backlinks.add(document, block_id, block.text, found)
        ordered = tuple(sorted(kept + resolved, key=_span_order))
        return block if ordered == spans else replace(block, spans=ordered)

    return document.map_blocks(change), backlinks


def gather(index: CorpusIndex, cited: Iterable[tuple[model.Document, Backlinks]]) -> CitationIndex:
    """The backlinks of every text (each text with those ``cite_document`` gave it),
    gathered with the texts in date order: every backlink list comes out ordered."""
    return Gathering().gather(index, cited)


Contributions = dict[str, Mapping[tuple[str, str], CitedBy]]
"""Of one cited text or entry: citing slug → the rows its backlinks give, the citing
texts in date order."""


class Gathering:
    """``gather``, kept from one run to the next (a preview's rebuilds): the rows of
    each cited text and entry, by citing text.  A run in which some texts' backlinks
    changed (other objects) puts together again only the lists those texts are in, or
    were in; the others are the very same tuples as in the last run.  The whole is
    gathered again when the index changed, a text came, went or changed its date, or a
    text or entry is cited for the first time or no longer cited."""

    def __init__(self) -> None:
        self.index: CorpusIndex | None = None
        self.texts: dict[str, tuple[tuple[str, str], Backlinks]] = {}
        """Citing slug → (its date and slug: its place in the lists, its backlinks)."""
        self.documents: dict[str, Contributions] = {}
        self.entries: dict[str, Contributions] = {}
        self.result: CitationIndex | None = None

    def gather(
        self, index: CorpusIndex, cited: Iterable[tuple[model.Document, Backlinks]]
    ) -> CitationIndex:
        texts = {
            document.slug: ((document.date, document.slug), backlinks)
            for document, backlinks in cited
        }
        result = None
        if self.result is not None and index == self.index and texts.keys() == self.texts.keys():
            changed = [
                slug for slug, (_, found) in texts.items() if found is not self.texts[slug][1]
            ]
            if all(texts[slug][0] == self.texts[slug][0] for slug in changed):
                result = self._updated(index, texts, changed)
        if result is None:
            result = self._whole(index, texts)
        self.index, self.texts, self.result = index, texts, result
        return result

    def _whole(
        self, index: CorpusIndex, texts: dict[str, tuple[tuple[str, str], Backlinks]]
    ) -> CitationIndex:
        documents: dict[str, Contributions] = {}
        entries: dict[str, Contributions] = {}
        for slug in sorted(texts, key=lambda slug: texts[slug][0]):
            backlinks = texts[slug][1]
            for target, rows in backlinks.documents.items():
                documents.setdefault(target, {})[slug] = rows
            for entry_id, rows in backlinks.entries.items():
                entries.setdefault(entry_id, {})[slug] = rows
        self.documents, self.entries = documents, entries
        entry_rows = {entry_id: _joined(index, found) for entry_id, found in entries.items()}
        return CitationIndex(
            documents={target: _joined(index, found) for target, found in documents.items()},
            entries=entry_rows,
            entries_by_text={
                entry_id: group_by_text(rows) for entry_id, rows in entry_rows.items()
            },
        )

    def _updated(
        self,
        index: CorpusIndex,
        texts: dict[str, tuple[tuple[str, str], Backlinks]],
        changed: list[str],
    ) -> CitationIndex | None:
        """The last result with the rows of the ``changed`` texts in place of theirs;
        None when a list would appear or vanish (the whole is gathered again)."""
        assert self.result is not None
        if not changed:
            return self.result
        documents = self._lists(self.documents, texts, changed, lambda links: links.documents)
        entries = self._lists(self.entries, texts, changed, lambda links: links.entries)
        if documents is None or entries is None:
            return None
        result = self.result
        shown = dict(result.documents)
        shown.update((target, _joined(index, found)) for target, found in documents.items())
        entry_rows = dict(result.entries)
        by_text = dict(result.entries_by_text)
        # A text's shown rows depend on its own rows and on its French version's.
        again = set(changed)
        for slug in changed:
            again.update(index.translations.get(slug, {}).values())
        for entry_id, found in entries.items():
            entry_rows[entry_id], by_text[entry_id] = _joined_again(
                index, found, result.cited_by_entry_by_text(entry_id), again
            )
        self.documents = {**self.documents, **documents}
        self.entries = {**self.entries, **entries}
        return CitationIndex(shown, entry_rows, by_text)

    def _lists(
        self,
        known: dict[str, Contributions],
        texts: dict[str, tuple[tuple[str, str], Backlinks]],
        changed: list[str],
        lists: Callable[[Backlinks], Mapping[str, Mapping[tuple[str, str], CitedBy]]],
    ) -> dict[str, Contributions] | None:
        """The lists (cited text or entry → its contributions) that the ``changed``
        texts are in now or were in, made again; None if one is new or now empty."""
        touched: set[str] = set()
        for slug in changed:
            touched.update(lists(self.texts[slug][1]))
            touched.update(lists(texts[slug][1]))
        made: dict[str, Contributions] = {}
        for target in touched:
            before = known.get(target)
            if before is None:
                return None
            found = dict(before)
            moved = False
            for slug in changed:
                rows = lists(texts[slug][1]).get(target)
                if rows:
                    moved = moved or slug not in found
                    found[slug] = rows
                else:
                    found.pop(slug, None)
            if not found:
                return None
            if moved:  # a text citing it for the first time: in its place by date
                found = dict(sorted(found.items(), key=lambda item: texts[item[0]][0]))
            made[target] = found
        return made


def _joined_again(
    index: CorpusIndex,
    found: Contributions,
    before: Mapping[str, tuple[CitedBy, ...]],
    again: set[str],
) -> tuple[tuple[CitedBy, ...], dict[str, tuple[CitedBy, ...]]]:
    """``_joined`` of an entry's list, and its rows by text (``group_by_text``), from
    the last run's rows by text (``before``): each text's are those very rows unless
    it is in ``again`` (a text whose rows, or whose French version's rows, changed),
    or had none.  An entry that every text cites (10,000 texts) was joined, filtered
    and grouped again row by row when one of them changed."""
    by_text: dict[str, tuple[CitedBy, ...]] = {}
    for slug, rows in found.items():
        kept = before.get(slug) if slug not in again else None
        if kept is None:
            french = index.translations.get(slug, {}).get("fr")
            theirs = found.get(french, {}) if french is not None else {}
            shown = tuple(
                row
                for (_, block_id), row in rows.items()
                if row.lang == "fr" or (french, block_id) not in theirs
            )
            if not shown:
                continue
            # Equal to the last run's: those very rows (the glossary's pages keep
            # what they made of them, see render.glossary_pages).
            kept = earlier if (earlier := before.get(slug)) == shown else shown
        by_text[slug] = kept
    return tuple(chain.from_iterable(by_text.values())), by_text


def _joined(index: CorpusIndex, found: Contributions) -> tuple[CitedBy, ...]:
    """One list's rows: each citing text's, in date order (see ``_shown_rows``)."""
    return _shown_rows(index, {key: row for rows in found.values() for key, row in rows.items()})


def annotate(
    documents: Sequence[model.Document],
    glossary: Iterable[GlossaryEntry] | Mapping[str, GlossaryEntry] = (),
) -> tuple[tuple[model.Document, ...], CitationIndex]:
    """Find and resolve every citation of the corpus (``cite_document`` on each text,
    so running it twice changes nothing) and collect the backlinks (``gather``).
    Returns the documents in the order given."""
    entries = entries_by_id(glossary)
    index = CorpusIndex.build(documents, entries)
    cited = [cite_document(document, index, entries) for document in documents]
    backlinks = gather(index, zip(documents, (pair[1] for pair in cited), strict=True))
    return tuple(pair[0] for pair in cited), backlinks


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
        for _, block in document.all_blocks():
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
        caption = document.symbol or document.title
        if document.lang != "fr":
            # Beside its French version, which has the same symbol.
            caption += f" ({document.lang.upper()})"
        nodes[f"doc:{document.slug}"] = {
            "id": f"doc:{document.slug}",
            "in_corpus": True,
            "slug": document.slug,
            "symbol": document.symbol,
            "lang": document.lang,
            "short": caption,
            "label": caption,
            "title": document.title,
            "group": document.body,
            "date": document.date,
            "date_basis": "métadonnées",
            "url": "",
        }
    edges: dict[tuple[str, str], dict] = {}
    for document in documents:
        source = f"doc:{document.slug}"
        for block_id, block in document.all_blocks():
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
    return graph_of(nodes.values(), edges.values())


def graph_of(nodes: Iterable[dict], edges: Iterable[dict]) -> dict:
    """A citation graph of ``nodes`` and ``edges``, in the one order every graph has:
    nodes by group, date and id; edges by citing and cited node."""
    return {
        "schema_version": GRAPH_SCHEMA_VERSION,
        "nodes": sorted(nodes, key=lambda node: (node["group"], node["date"], node["id"])),
        "edges": sorted(edges, key=lambda edge: (edge["source"], edge["target"])),
    }


def merge_citation_graphs(graphs: Iterable[dict]) -> dict:
    """``citation_graph`` of several texts put together from the graph of each
    (``citation_graph([document])``, which a preview keeps while the text is equal):
    the same nodes (each text's own, then the outside texts as the texts first cite
    them) and the same edges (one per citing text and cited node)."""
    nodes: dict[str, dict] = {}
    outside: dict[str, dict] = {}
    edges: list[dict] = []
    for graph in graphs:
        for node in graph["nodes"]:
            if node["in_corpus"]:
                nodes[node["id"]] = node
            else:
                outside.setdefault(node["id"], node)
        edges += graph["edges"]
    for node_id, node in outside.items():
        nodes.setdefault(node_id, node)
    return graph_of(nodes.values(), edges)


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
