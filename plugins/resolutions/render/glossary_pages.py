"""The glossary pages as Markdown: the index, and one page per entry.

Pure functions: they are given the glossary, the mention index and two callables that
say where pages live (``link_for(slug, anchor)`` for a paragraph of a text,
``entry_link(entry_id)`` for a glossary page), and return Markdown that Python-Markdown
renders — Markdown headings (so the table of contents sees them) and raw HTML blocks
for the rest.  Every piece of text comes from the glossary file or from the source
texts, which are not trusted: all of it goes through ``inline.escape`` (HTML-escaped, on one line).

The words on the page are French (the site's language).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from operator import is_not
from typing import Protocol, TypeVar

from .. import ids
from ..corpus import CitationIndex
from ..glossary import KINDS, Entry, Glossary, MentionIndex, group_by_text
from ..load import BODIES
from ..model import Document
from ..pipeline import Made
from .inline import attribute, escape
from .markdown import LANGUAGE_NAMES
from .pages import Folders, SitePage, display_symbol, excluded_from_search, plural

LinkFor = Callable[[str, str], str]
EntryLink = Callable[[str], str]


class SiteRow(Protocol):
    """A paragraph that names or cites an entry: ``glossary.MentionSite`` and the
    citations component's ``corpus.CitedBy`` both fit.  A row may also carry
    ``highlight`` (``(start, end)`` of the mention in ``excerpt``) and ``occurrences``."""

    @property
    def slug(self) -> str: ...

    @property
    def block_id(self) -> str: ...

    @property
    def excerpt(self) -> str: ...


KIND_LABELS: dict[str, tuple[str, str]] = {
    "organe": ("Organe", "Organes et organismes"),
    "convention": ("Convention", "Conventions"),
    "protocole": ("Protocole", "Protocoles"),
    "charte": ("Charte", "Chartes"),
    "déclaration": ("Déclaration", "Déclarations"),
    "plan": ("Plan d’action", "Plans d’action"),
    "programme": ("Programme", "Programmes"),
    "projet": ("Projet", "Projets"),
    "initiative": ("Initiative", "Initiatives"),
    "système": ("Système d’information", "Systèmes d’information"),
    "document": ("Document", "Autres documents"),
    "publication": ("Publication", "Publications"),
}
"""Singular (entry page) and plural (index heading) label of each kind."""

INDEX_TITLE = "Glossaire"
INDEX_INTRO = (
    "Les organes, instruments et programmes que nomment les textes du corpus. "
    "Chaque fiche les décrit et renvoie à chaque paragraphe qui les mentionne."
)

NO_MENTION = "aucune mention dans le corpus"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!<>|])")
"""Characters that could make Markdown of a heading's text (parentheses cannot, once
the brackets of a link are escaped)."""


def _text(value: str) -> str:
    """Text for an HTML element or attribute."""
    return attribute(value)


def _heading_text(value: str) -> str:
    """Text for a Markdown heading: HTML-escaped, and Markdown's own punctuation
    backslash-escaped so a name cannot become emphasis, a link or ``{: attributes}``."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(re.sub(r"[\r\n]+", " ", value)))


def _sort_key(value: str) -> str:
    """French alphabetical order, near enough: accents and case ignored."""
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def document_labels(documents: Iterable[Document]) -> dict[str, str]:
    """Slug → "symbol — title" (or the title alone), for the "Mentionné dans" lists;
    a text not in French says its language ("(texte anglais)"): its French version may
    be listed too."""
    labels: dict[str, str] = {}
    for document in documents:
        symbol = display_symbol(document.body, document.symbol)
        label = f"{symbol} — {document.title}" if symbol else document.title
        if document.lang != "fr":
            label += f" (texte {LANGUAGE_NAMES.get(document.lang, document.lang)})"
        labels[document.slug] = label
    return labels


def document_languages(documents: Iterable[Document]) -> dict[str, str]:
    """Slug → language, for the texts not in French (their excerpts carry ``lang``)."""
    return {document.slug: document.lang for document in documents if document.lang != "fr"}


def _excerpt_html(site: SiteRow) -> str:
    highlight = getattr(site, "highlight", None)
    if highlight is None:
        return _text(site.excerpt)
    start, end = highlight
    return (
        _text(site.excerpt[:start])
        + "<mark>"
        + _text(site.excerpt[start:end])
        + "</mark>"
        + _text(site.excerpt[end:])
    )


def _sites_html(
    sites: Sequence[SiteRow],
    link_for: LinkFor,
    labels: Mapping[str, str],
    css: str,
    languages: Mapping[str, str] | None = None,
) -> list[str]:
    """Sites grouped by document, in the order given (the corpus order); ``languages``
    (slug → language) marks the excerpts of texts not in French."""
    by_document: dict[str, list[SiteRow]] = {}
    for site in sites:
        by_document.setdefault(site.slug, []).append(site)
    lines = [f'<ul class="{css}">']
    for slug, found in by_document.items():
        label = labels.get(slug, slug)
        lines.append(
            f'<li class="ra-glossary-document"><a href="{_text(link_for(slug, ""))}">'
            f"{_text(label)}</a>"
        )
        lines.append("<ul>")
        lang = (languages or {}).get(slug)
        quote = f'<q lang="{_text(lang)}">' if lang else "<q>"
        lines.extend(_site_html(site, link_for(slug, site.block_id), quote) for site in found)
        lines.append("</ul></li>")
    lines.append("</ul>")
    return lines


def _site_html(site: SiteRow, href: str, quote: str) -> str:
    """One paragraph that names or cites the entry: its label as a link, how many
    times, and the words around the mention."""
    occurrences = getattr(site, "occurrences", 1)
    times = f" ({occurrences} fois)" if occurrences > 1 else ""
    return (
        f'<li><a href="{_text(href)}">{_text(ids.label(site.block_id))}</a>{times} : '
        f"{quote}{_excerpt_html(site)}</q></li>"
    )


def _summary(sites: Sequence[SiteRow]) -> str:
    documents = len({site.slug for site in sites})
    return f"{plural(documents, 'texte')}, {plural(len(sites), 'paragraphe')}"


def _treaty_reference(reference: str) -> str:
    volume, number = reference.split("/")
    return f"vol. {volume}, n° {number}"


def glossary_entry_page(
    entry: Entry,
    mentions: Sequence[SiteRow],
    link_for: LinkFor,
    labels: Mapping[str, str],
    cited_by: Sequence[SiteRow] = (),
    languages: Mapping[str, str] | None = None,
) -> str:
    """The page of one entry: what it is, its names, and every paragraph that names it
    (``mentions``, from ``MentionIndex``) or, for an instrument, cites it (``cited_by``,
    from the citations component, same shape).  ``labels`` maps document slugs to the
    label shown for them (see ``document_labels``), ``languages`` the language of the
    texts not in French (see ``document_languages``)."""
    singular, _ = KIND_LABELS[entry.kind]
    facts: list[str] = []
    if entry.acronyms:
        facts.append(
            "<dt>Sigle</dt><dd>"
            + ", ".join(f"<abbr>{_text(acronym)}</abbr>" for acronym in entry.acronyms)
            + "</dd>"
        )
    facts.append(
        "<dt>Appellations dans les textes</dt><dd>"
        + " ; ".join(_text(name) for name in entry.names)
        + "</dd>"
    )
    english = entry.english_name
    if entry.english_acronym:
        english += f" ({entry.english_acronym})"
    facts.append(f'<dt>En anglais</dt><dd lang="en">{_text(english)}</dd>')
    if entry.english_names:
        facts.append(
            '<dt>Autres appellations anglaises</dt><dd lang="en">'
            + " ; ".join(_text(name) for name in entry.english_names)
            + "</dd>"
        )
    if entry.url:
        shown = re.sub(r"^https?://", "", entry.url).rstrip("/")
        facts.append(
            f'<dt>Site officiel</dt><dd><a href="{_text(entry.url)}" rel="external noopener">'
            f"{_text(shown)}</a></dd>"
        )
    if entry.unts:
        references = " ; ".join(_text(_treaty_reference(ref)) for ref in entry.unts)
        facts.append(f"<dt>Recueil des Traités des Nations Unies</dt><dd>{references}</dd>")
    if entry.document:
        label = labels.get(entry.document, "le texte")
        facts.append(
            f'<dt>Dans le corpus</dt><dd><a href="{_text(link_for(entry.document, ""))}">'
            f"{_text(label)}</a></dd>"
        )

    lines = [
        f"# {_heading_text(entry.title)}",
        "",
        f'<div class="ra-glossary-entry" data-entry="{_text(entry.id)}">',
        f'<p class="ra-glossary-kind">{_text(singular)}</p>',
        f'<p class="ra-glossary-description">{_text(entry.description)}</p>',
        '<dl class="ra-glossary-facts">',
        *facts,
        "</dl>",
        "</div>",
        "",
        "## Mentionné dans",
        "",
    ]
    if mentions:
        lines.append(f'<p class="ra-glossary-summary">{_text(_summary(mentions))}</p>')
        lines.append("")
        lines.extend(_sites_html(mentions, link_for, labels, "ra-glossary-mentions", languages))
    else:
        lines.append(f'<p class="ra-glossary-none">{_text(NO_MENTION.capitalize())}.</p>')
    if cited_by:
        lines.extend(["", "## Cité par", ""])
        lines.append(f'<p class="ra-glossary-summary">{_text(_summary(cited_by))}</p>')
        lines.append("")
        lines.extend(_sites_html(cited_by, link_for, labels, "ra-glossary-citations", languages))
    return "\n".join(lines) + "\n"


def glossary_index_page(glossary: Glossary, index: MentionIndex, entry_link: EntryLink) -> str:
    """The glossary's index: every entry, grouped by kind, in alphabetical order of the
    label shown (the acronym when there is one), with its description and how many
    texts and paragraphs name it."""
    lines = [f"# {INDEX_TITLE}", "", f'<p class="ra-glossary-intro">{_text(INDEX_INTRO)}</p>']
    by_kind: dict[str, list[Entry]] = {}
    for entry in glossary:
        by_kind.setdefault(entry.kind, []).append(entry)
    for kind in KINDS:
        entries = by_kind.get(kind)
        if not entries:
            continue
        _, heading = KIND_LABELS[kind]
        lines.extend(["", f"## {_heading_text(heading)}", "", '<dl class="ra-glossary-index">'])
        for entry in sorted(entries, key=lambda entry: _sort_key(entry.short_label)):
            sites = index.sites(entry.id)
            summary = (
                f"mentionné dans {_summary(sites)}" if sites else "aucune mention dans le corpus"
            )
            label = (
                f"<abbr>{_text(entry.acronyms[0])}</abbr> — {_text(entry.names[0])}"
                if entry.acronyms
                else _text(entry.title)
            )
            link = _text(entry_link(entry.id))
            lines.append(f'<dt id="{_text(entry.id)}"><a href="{link}">{label}</a></dt>')
            lines.append(
                f"<dd>{_text(entry.description)} "
                f'<span class="ra-glossary-count">({_text(summary)})</span></dd>'
            )
        lines.append("</dl>")
    return "\n".join(lines) + "\n"


ENTRY_PART_BYTES = 26_000
"""Most bytes of each list (the mentions, the citations) on one part of an entry's
page: with the entry itself, the theme's frame (about 15 kB) and, on the first part,
each body's years (up to 12 kB for three bodies over 35 years) no part reaches 100 kB
(at 30,000 the largest first part of 1,000 generated texts was 88.8 kB); the ONUDC's
page listed 1 MB of mentions at 1,000 generated texts."""

Row = TypeVar("Row", bound=SiteRow)


def chunk_rows(
    rows: Iterable[Row], limit: int, weight: Callable[[Row], int] = lambda row: 1
) -> list[tuple[Row, ...]]:
    """``rows`` (those of one text together) cut into parts of at most ``limit``
    (``weight`` of each row: 1 counts rows), never between two rows of the same text
    unless that text alone is over ``limit``: then it fills parts of its own and goes
    on in the next."""
    texts: list[tuple[str, list[Row]]] = []
    for row in rows:
        if texts and texts[-1][0] == row.slug:
            texts[-1][1].append(row)
        else:
            texts.append((row.slug, [row]))

    def weigh(text: Sequence[Row]) -> tuple[int, list[int]]:
        weights = [weight(row) for row in text]
        return sum(weights), weights

    return cut_texts(texts, limit, weigh)[0]


def cut_texts(
    texts: Iterable[tuple[str, Sequence[Row]]],
    limit: int,
    weigh: Callable[[Sequence[Row]], tuple[int, Sequence[int]]],
) -> tuple[list[tuple[Row, ...]], list[list[str]]]:
    """``chunk_rows`` by text: ``texts`` (slug, its rows) in order, ``weigh`` giving the
    weight of a text's rows (their sum, and each row's); with the texts of each part.
    A text is weighed once, and its rows looked at one by one only when it alone is
    over ``limit`` (a preview cuts the 10,000 texts of an entry again after an edit)."""
    listed = list(texts)
    cut = _cut_from([slug for slug, _ in listed], [rows for _, rows in listed], 0, limit, weigh)
    return cut.parts, cut.part_texts


@dataclass
class Cut:
    """A list of rows cut into parts (``cut_texts``), with what cutting it again after
    a change needs (``cut_again``): the texts in order and their rows, the limit, and
    the texts that begin a part (the part empty before them): from such a text on, the
    cut depends on nothing before it."""

    order: list[str]
    rows: list[Sequence]
    limit: int
    parts: list[tuple]
    part_texts: list[list[str]]
    starts: dict[int, int]
    """A text's place in ``order`` → the part it begins."""


def _cut_from(
    order: list[str],
    rows_of: list[Sequence[Row]],
    first: int,
    limit: int,
    weigh: Callable[[Sequence[Row]], tuple[int, Sequence[int]]],
    earlier: Cut | None = None,
    after: int = -1,
) -> Cut:
    """The greedy cut of the texts from ``first`` on, ``first`` beginning a part (the
    parts before it are ``earlier``'s, and so are the parts from the first text past
    ``after`` that begins a part in both cuts: the texts from there on are
    ``earlier``'s)."""
    parts: list[list[Sequence[Row]]] = [[]]
    part_texts: list[list[str]] = [[]]
    starts: dict[int, int] = {}
    done = earlier.starts[first] if earlier is not None else 0
    tail: int | None = None  # the text from which ``earlier``'s parts are taken
    size = 0
    for index in range(first, len(order)):
        slug, rows = order[index], rows_of[index]
        total, weights = weigh(rows)
        if parts[-1] and size + total > limit:
            if earlier is not None and index > after and index in earlier.starts:
                tail = index
                break
            parts.append([])
            part_texts.append([])
            size = 0
        if not parts[-1]:
            starts[index] = done + len(parts) - 1
        if size + total <= limit:
            parts[-1].append(rows)
            part_texts[-1].append(slug)
            size += total
            continue
        # Alone over the limit (the part is empty): parts of its own, row by row.
        piece: list[Row] = []
        for row, row_weight in zip(rows, weights, strict=True):
            if (parts[-1] or piece) and size + row_weight > limit:
                if piece:
                    parts[-1].append(piece)
                    part_texts[-1].append(slug)
                parts.append([])
                part_texts.append([])
                size = 0
                piece = []
            piece.append(row)
            size += row_weight
        if piece:
            parts[-1].append(piece)
            part_texts[-1].append(slug)
    kept = [number for number, part in enumerate(parts) if part]
    made = [tuple(chain.from_iterable(parts[number])) for number in kept]
    made_texts = [part_texts[number] for number in kept]
    if earlier is None:
        return Cut(order, rows_of, limit, made, made_texts, starts)
    all_parts = earlier.parts[:done] + made
    all_texts = earlier.part_texts[:done] + made_texts
    all_starts = {index: part for index, part in earlier.starts.items() if index < first}
    all_starts.update(starts)
    if tail is not None:
        shift = len(all_parts) - earlier.starts[tail]
        all_parts += earlier.parts[earlier.starts[tail] :]
        all_texts += earlier.part_texts[earlier.starts[tail] :]
        all_starts.update(
            (index, part + shift) for index, part in earlier.starts.items() if index >= tail
        )
    return Cut(order, rows_of, limit, all_parts, all_texts, all_starts)


def cut_again(
    order: list[str],
    rows_of: list[Sequence[Row]],
    limit: int,
    weigh: Callable[[Sequence[Row]], tuple[int, Sequence[int]]],
    earlier: Cut | None,
    reweighed: Iterable[str] = (),
) -> Cut:
    """``cut_texts`` of the texts ``order`` (their rows ``rows_of``), from ``earlier``
    (the last cut of the same list) where it can: a preview's edit changes the rows or
    the weight of a few texts of an entry's list (10,000 texts for the ONUDC at 10,000
    texts, cut again at each rebuild), and the parts before the first changed text
    stay, as do those after the last one from a text that begins a part in both cuts.
    A text is known unchanged by its slug, in the same place, its rows (the very same
    object) and its weight, which changes with its label: ``reweighed`` are the texts
    whose label changed."""
    if (
        earlier is None
        or earlier.limit != limit
        or len(earlier.order) != len(order)
        or earlier.order != order
        or not order
    ):
        return _cut_from(order, rows_of, 0, limit, weigh)
    changed = list(compress(range(len(order)), map(is_not, earlier.rows, rows_of)))
    for slug in set(reweighed):
        if slug in order:  # (a few texts: list.index runs at C speed)
            changed.append(order.index(slug))
    if not changed:
        return Cut(order, rows_of, limit, earlier.parts, earlier.part_texts, earlier.starts)
    # From the last text before the first change that begins a part (whether a text
    # begins a part depends on its own weight too); the first text always does.
    first_changed = min(changed)
    first = max((index for index in earlier.starts if index < first_changed), default=0)
    return _cut_from(order, rows_of, first, limit, weigh, earlier, after=max(changed))


Where = Mapping[str, tuple[str, str]]
"""A text's slug → its body and date."""


def reading_rank(slugs: Iterable[str], where: Where) -> dict[str, int]:
    """Each text's place in reading order: by body (``load.BODIES``'s order), the most
    recent text first within a body.  Worked out once for the corpus, then each list's
    texts are sorted by it: at 10,000 texts, the 16 entries one edited text named held
    173,000 rows, sorted twice by key at each rebuild of a preview."""
    order = {body: index for index, body in enumerate(BODIES)}

    def body(slug: str) -> str:
        return where.get(slug, ("", ""))[0]

    # Two stable sorts, as the rows were sorted: the newest text first (ties by slug,
    # reversed), then by body.
    newest = sorted(slugs, key=lambda slug: (where.get(slug, ("", ""))[1], slug), reverse=True)
    texts = sorted(newest, key=lambda slug: (order.get(body(slug), len(order)), body(slug)))
    return {slug: rank for rank, slug in enumerate(texts)}


def in_reading_order(slugs: Iterable[str], rank: Mapping[str, int], where: Where) -> list[str]:
    """``slugs`` in reading order (see ``reading_rank``, of which ``rank`` is the
    corpus's)."""
    slugs = list(slugs)
    try:
        return sorted(slugs, key=rank.__getitem__)
    except KeyError:  # a text the corpus does not hold: ranked with the others
        return sorted(slugs, key=reading_rank(slugs, where).__getitem__)


def part_index(
    part_texts: Sequence[Sequence[str]], where: Where, link: Callable[[int], str], label: str
) -> str:
    """For a list cut in parts (in reading order; the texts of each part): each body's
    years, each a link to the part where that body's rows of that year begin; nothing
    for a list in one part."""
    if len(part_texts) < 2:
        return ""
    first: dict[str, dict[str, int]] = {}
    for number, slugs in enumerate(part_texts, 1):
        for slug in slugs:
            body, date = where.get(slug, ("", ""))
            first.setdefault(body, {}).setdefault(date[:4], number)
    bodies = []
    for body, years in first.items():
        links = "".join(
            f'<li><a href="{_text(link(number))}">{_text(year)}</a></li>'
            for year, number in years.items()
        )
        bodies.append(
            f'<dt>{_text(BODIES.get(body, body))}</dt><dd><ul class="ra-years">{links}</ul></dd>'
        )
    return (
        f'<nav class="ra-glossary-years" aria-label="{_text(label)} par organe et par année">'
        f"<p>{_text(label)} par organe et par année, les plus récentes d’abord :</p>"
        f"<dl>{''.join(bodies)}</dl></nav>"
    )


_ROW_TAGS = 200
"""Bytes of markup around a row and its text's line, over what ``_bounded`` counts:
``<li><a href="../../textes/….html#…">…</a> (12 fois) : <q>…<mark>…</mark>…</q></li>``
and ``<li class="ra-glossary-document"><a href="../../textes/….html">…</a><ul></ul></li>``
(about 160)."""


def _bounded(text: str) -> int:
    """At least the bytes ``attribute(text)`` takes: each character it escapes grows by
    five bytes at the most (``"`` → ``&quot;``, a line break → ``&#10;``)."""
    escaped = (
        text.count("&")
        + text.count("<")
        + text.count(">")
        + text.count('"')
        + text.count("'")
        + text.count("\n")
        + text.count("\r")
    )
    return len(text.encode("utf-8")) + 5 * escaped


def row_bytes(labels: Mapping[str, str], row: SiteRow, names: dict[str, int]) -> int:
    """At least what a row takes on an entry's page, as ``_sites_html`` writes it, with
    the line of its text (counted on each of the text's rows: a part may begin at any
    of them), from a part's folder (the longest addresses).  Counted, not written: a
    list is written once, and there are 200,000 rows at 10,000 texts (writing each row
    twice took 7 s); ``names`` keeps each block id's French name's length."""
    block = row.block_id
    if block not in names:
        names[block] = _bounded(ids.label(block))
    return (
        _bounded(row.excerpt)
        + _bounded(labels.get(row.slug, row.slug))
        + names[block]
        + 2 * (len(row.slug) + len(block))
        + _ROW_TAGS
    )


def glossary_pages(
    glossary: Glossary | None,
    mentions: MentionIndex,
    citations: CitationIndex,
    documents: Sequence[Document],
    folders: Folders,
    *,
    searched_after: bool = True,
    made: Made | None = None,
) -> list[SitePage]:
    """The glossary's index (``<glossary>/index.md``) and the pages of each entry
    (``<glossary>/<id>.md``, then ``<glossary>/<id>/<n>.md`` when the lists take more
    than ENTRY_PART_BYTES); the index is there even without a glossary, since the
    navigation names it.

    ``searched_after``: entries are indexed from the glossary after the build (see
    ``search.glossary_search_entry``), so the pages are kept out of the theme's search:
    their lists of mentions, and the index's list of every entry, would fill search
    results with excerpts.  ``made`` keeps pages between the rebuilds of a preview."""
    made = made or Made()
    folder = folders.glossary
    index = f"{folder}/index.md"
    if glossary is None:
        return [
            SitePage(
                index,
                "# Glossaire\n\nLe corpus n’a pas de glossaire "
                f"(fichier `{folders.sources}/glossaire.yml`).\n",
            )
        ]

    def searched(markdown: str) -> str:
        return excluded_from_search(markdown) if searched_after else markdown

    index_page = made.get(
        "glossary-index",
        # What the index shows: the entries, and how many texts and paragraphs name each.
        (glossary, [mentions.sites(entry.id) for entry in glossary]),
        lambda: glossary_index_page(glossary, mentions, lambda entry_id: f"{entry_id}.html"),
    )
    pages = [SitePage(index, searched(index_page))]
    labels = document_labels(documents)
    languages = document_languages(documents)
    where = {document.slug: (document.body, document.date) for document in documents}
    # A preview keeps what it made of each entry (see EntriesKept): an edit changes
    # the rows of one text, and the entries it names (the ONUDC's thousands of rows)
    # are cut again from the sizes of each text's rows, kept.
    kept = made.get("glossary-entries", (), EntriesKept) if made.remember else EntriesKept()
    changed = kept.texts_changed(where, labels, languages)
    limit = ENTRY_PART_BYTES
    settings = (limit, folders, searched_after)
    groups_now = 0

    def weigh(rows: Sequence[SiteRow]) -> tuple[int, list[int]]:
        """The weight of one text's rows (see row_bytes), kept while they are the same
        objects with the same label."""
        label = labels.get(rows[0].slug)
        found = kept.weights.get(id(rows))
        if found is None or found[0] is not rows or found[1] != label:
            weights = [row_bytes(labels, row, kept.names) for row in rows]
            found = kept.weights[id(rows)] = (rows, label, sum(weights), weights)
        return found[2], found[3]

    def cut(groups: Mapping[str, Sequence[SiteRow]], earlier: Cut | None) -> Cut:
        ordered = in_reading_order(groups, kept.rank, where)
        rows = list(map(groups.__getitem__, ordered))
        return cut_again(ordered, rows, limit, weigh, earlier, changed)

    for entry in glossary:
        named_groups = _by_text(mentions, entry.id)
        cited_groups = _by_text(citations, entry.id)
        groups_now += len(named_groups) + len(cited_groups)
        previous = kept.entries.get(entry.id)
        if (
            previous is not None
            and previous.named is named_groups
            and previous.cited is cited_groups
            and previous.entry == entry
            and previous.settings == settings
            and not _names_any(changed, named_groups, cited_groups, entry.document)
        ):
            pages += previous.pages
            continue
        named_cut = cut(named_groups, previous.named_cut if previous is not None else None)
        cited_cut = cut(cited_groups, previous.cited_cut if previous is not None else None)
        named, named_texts = named_cut.parts, named_cut.part_texts
        cited_by, cited_texts = cited_cut.parts, cited_cut.part_texts

        def link(number: int, entry_id: str = entry.id) -> str:
            """A part's address from the entry's page."""
            return f"{entry_id}.html" if number == 1 else f"{entry_id}/{number}.html"

        indexes = part_index(named_texts, where, link, "Mentions") + part_index(
            cited_texts, where, link, "Citations"
        )
        count = max(len(named), len(cited_by), 1)
        made_parts: dict[str, tuple[tuple, str]] = {}
        entry_pages = []
        for number in range(1, count + 1):
            # Part 1 is the entry's page; the others are pages of its folder.
            path = entry_part_path(folder, entry.id, number)
            part_mentions = named[number - 1] if number <= len(named) else ()
            part_cited_by = cited_by[number - 1] if number <= len(cited_by) else ()
            shown = dict.fromkeys(
                [
                    *(named_texts[number - 1] if number <= len(named) else ()),
                    *(cited_texts[number - 1] if number <= len(cited_by) else ()),
                ]
            )
            # What the page shows: the entry, its rows, the label of each text.
            inputs = (
                entry,
                part_mentions,
                part_cited_by,
                [
                    (labels.get(slug), languages.get(slug))
                    for slug in [*shown, entry.document or ""]
                ],
                count,
                folders.texts,
                indexes if number == 1 else "",
                searched_after,
            )
            found = previous.parts.get(path) if previous is not None else None
            if found is None or found[0] != inputs:
                content = entry_part_page(
                    entry,
                    part_mentions,
                    part_cited_by,
                    labels,
                    number,
                    count,
                    path,
                    folders,
                    languages,
                    indexes if number == 1 else "",
                )
                found = (inputs, searched(content))
            made_parts[path] = found
            entry_pages.append(SitePage(path, found[1]))
        kept.entries[entry.id] = EntryKept(
            entry, named_groups, cited_groups, settings, entry_pages, made_parts
        )
        if made.remember:  # a build cuts each list once
            kept.entries[entry.id].named_cut = named_cut
            kept.entries[entry.id].cited_cut = cited_cut
        pages += entry_pages
    kept.forget(glossary, groups_now)
    return pages


def _by_text(index: object, entry_id: str) -> Mapping[str, Sequence[SiteRow]]:
    """The rows of an entry by text (slug → its rows), from a MentionIndex or a
    CitationIndex, or from anything that lists an entry's rows (``sites`` or
    ``cited_by_entry``: the tests' stand-ins)."""
    if isinstance(index, MentionIndex):
        return index.by_text(entry_id)
    if isinstance(index, CitationIndex):
        return index.cited_by_entry_by_text(entry_id)
    sites = getattr(index, "sites", None) or index.cited_by_entry  # type: ignore[attr-defined]
    return group_by_text(sites(entry_id))


def _names_any(
    slugs: Iterable[str],
    named: Mapping[str, object],
    cited: Mapping[str, object],
    document: str | None,
) -> bool:
    """Whether an entry's page names any of ``slugs``."""
    return any(slug in named or slug in cited or slug == document for slug in slugs)


@dataclass
class EntryKept:
    """What a preview's last rebuild made of one entry: its pages, from the entry, its
    rows by text (the very objects the corpus gave), the settings of the cut."""

    entry: Entry
    named: Mapping[str, Sequence[SiteRow]]
    cited: Mapping[str, Sequence[SiteRow]]
    settings: tuple
    pages: list[SitePage]
    parts: dict[str, tuple[tuple, str]]
    """A part's path → (what its page was made from, the page)."""
    named_cut: Cut | None = None
    cited_cut: Cut | None = None
    """How its lists of mentions and of citations were cut (a preview's)."""


class EntriesKept:
    """A preview's glossary pages, kept from one rebuild to the next: each entry's
    pages are made again only when its rows (each text's, the very same objects while
    the text is equal), the entry, or the body, date, label or language of a text it
    names change; then each part only if what it shows changed."""

    def __init__(self) -> None:
        self.entries: dict[str, EntryKept] = {}
        self.texts: dict[str, tuple[tuple[str, str], str | None, str | None]] = {}
        """Slug → its body and date, label and language, as the last rebuild had them."""
        self.rank: dict[str, int] = {}
        """Each text's place in reading order (see reading_rank)."""
        self.weights: dict[int, tuple[Sequence[SiteRow], str | None, int, list[int]]] = {}
        """id(one text's rows) → (those rows, the text's label, their weight, each row's)."""
        self.names: dict[str, int] = {}
        """A block id → the bytes of its French name (see row_bytes)."""

    def texts_changed(
        self, where: Where, labels: Mapping[str, str], languages: Mapping[str, str]
    ) -> set[str]:
        """The texts whose body, date, label or language changed since the last call,
        or that came or went; the reading order is worked out again if one did."""
        now = {
            slug: (place, labels.get(slug), languages.get(slug)) for slug, place in where.items()
        }
        changed = {slug for slug, known in now.items() if self.texts.get(slug) != known}
        changed |= self.texts.keys() - now.keys()
        moved = self.texts.keys() != now.keys() or any(
            self.texts[slug][0] != now[slug][0] for slug in changed
        )
        if moved or not self.rank:
            self.rank = reading_rank(where, where)
        self.texts = now
        return changed

    def forget(self, glossary: Glossary, groups: int) -> None:
        """Drop what no entry of ``glossary`` uses any longer (an entry removed; the
        weights of rows of earlier rebuilds, once they outnumber those in use)."""
        ids = {entry.id for entry in glossary}
        for entry_id in self.entries.keys() - ids:
            del self.entries[entry_id]
        if len(self.weights) > 2 * groups:
            used = {
                id(rows)
                for kept in self.entries.values()
                for groups_of in (kept.named, kept.cited)
                for rows in groups_of.values()
            }
            self.weights = {key: value for key, value in self.weights.items() if key in used}


def entry_part_path(folder: str, entry_id: str, number: int) -> str:
    """The page of part ``number`` of an entry: part 1 is the entry's own page."""
    return f"{folder}/{entry_id}.md" if number == 1 else f"{folder}/{entry_id}/{number}.md"


def entry_part_page(
    entry: Entry,
    mentions: tuple[SiteRow, ...],
    cited_by: tuple[SiteRow, ...],
    labels: dict[str, str],
    number: int,
    count: int,
    path: str,
    folders: Folders,
    languages: dict[str, str] | None = None,
    indexes: str = "",
) -> str:
    """Part ``number`` of ``count`` of a glossary entry's page, at ``path``; with more
    than one, links to every part before the page's lists, and after; ``indexes``
    (on the first part: see ``part_index``) after the first links."""
    folder = posixpath.dirname(path)
    to_texts = posixpath.relpath(folders.texts, folder)

    def link_for(slug: str, anchor: str) -> str:
        return f"{to_texts}/{slug}.html" + (f"#{anchor}" if anchor else "")

    content = glossary_entry_page(
        entry, mentions, link_for, labels, cited_by=cited_by, languages=languages
    )
    if count == 1:
        return content
    to_glossary = posixpath.relpath(folders.glossary, folder)
    links = []
    # The first, the last and the parts around this one: a bounded list of links.
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    for previous, other in zip([0, *shown], shown, strict=False):
        if other > previous + 1:
            links.append("…")
        if other == number:
            links.append(f'<strong aria-current="page">{other}</strong>')
            continue
        target = f"{entry.id}.html" if other == 1 else f"{entry.id}/{other}.html"
        links.append(f'<a href="{attribute(to_glossary)}/{attribute(target)}">{other}</a>')
    nav = (
        f'<nav class="ra-pages" aria-label="Parties de la fiche"><p>'
        f"Mentions et citations, partie {number} sur {count} : {' · '.join(links)}</p></nav>"
    )
    head, heading, rest = content.partition("\n## ")
    top = f"{nav}\n{indexes}" if indexes else nav
    return f"{head}\n{top}\n{heading}{rest}\n{nav}\n" if heading else f"{content}\n{top}\n"
