"""The glossary: which bodies, instruments and programmes a text names, and where.

``load_glossary`` reads ``source_texts/glossaire.yml`` (editors extend it) and checks
it; every error names ``file:line``.  The entries' names and acronyms are compiled once
into a single regular expression shaped like a trie, so ``Glossary.find_mentions``
makes one left-to-right pass over a text whatever the size of the glossary.

Matching rules
--------------
- The longest name wins: where "Office des Nations Unies contre la drogue et le crime"
  matches, "Nations Unies" inside it is not a mention of its own.  Among mentions that
  start at different places, the leftmost wins (a mention never overlaps another).
- A name is matched on its own words: "l’Office…", "de l'Office…", "à l’Office…" are
  all found from the base name "Office…", because the apostrophe ends the article.  A
  name written in the file *with* a leading article has it removed; inside a name,
  "X et le Y" also matches "X et du Y", "X et la Y", "X et Y"… (generated here, see
  ``_article_variants``), so editors list base names, not inflected forms.
- Straight, curly and modifier apostrophes are one character; so are all quotation
  marks (« » “ ” "), and the spaces next to a quotation mark are optional.  Any run of
  white space (line breaks, no-break spaces) matches a space in a name.
- Acronyms are case-sensitive.  A name may start with a capital or a small letter
  (and a capital may lose its accent, "Etats" for "États"); the rest is as written.
- Word boundaries: a match never starts or ends inside a word, and never touches a
  document symbol: a word glued to ``/``, ``.`` or ``-`` on that side (``A/RES/62``,
  ``PC.DEC/758``, ``Sous-Commission``) is not a mention.
- Languages: a French text is matched with the French names and acronyms only, an
  English text (``Document.lang``) with the English ones only (``english_name``,
  ``english_names``, ``english_acronym``), each set compiled into its own matcher.
  English names are matched as written, with a capital or small first letter; a
  leading "the" is dropped ("the United Nations Office…" is found from "United
  Nations Office…"), French article rules do not apply.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import pairwise, product
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, TypeVar

import yaml

from .errors import SourceError
from .load import SLUG
from .model import Block, Citation, Document, Mention

KINDS: tuple[str, ...] = (
    "organe",
    "convention",
    "protocole",
    "charte",
    "déclaration",
    "plan",
    "programme",
    "projet",
    "initiative",
    "système",
    "document",
    "publication",
)
"""Allowed ``kind`` values, in the order the glossary index groups them."""

ENTRY_FIELDS = frozenset(
    {
        "id",
        "kind",
        "acronyms",
        "names",
        "english_name",
        "english_names",
        "english_acronym",
        "description",
        "url",
        "unts",
        "document",
    }
)
REQUIRED_FIELDS = ("id", "kind", "names", "english_name", "description")

ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
UNTS_REFERENCE = re.compile(r"^[1-9][0-9]*/[1-9][0-9]*$")
WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>]+$")

HEADING_BLOCK = re.compile(r"^(?:title|sec)-")
"""Anchor ids of heading blocks (``ids.heading``, ``ids.section``), never tagged."""

MAX_COORDINATED = 2
"""Coordinated titles ("X et le Y") per name: each multiplies the name's variants by 10."""


# --------------------------------------------------------------------------- folding


APOSTROPHES = "'’ʼ‘´`′"
QUOTES = '"«»“”„‟'
HYPHENS = "-\u2010\u2011"


def _folding_table() -> dict[int, str]:
    """One character for another, never a change of length: offsets in the folded text
    are offsets in the original."""
    table = {code: " " for code in range(0x3001) if chr(code).isspace()}
    table.update({ord(mark): "'" for mark in APOSTROPHES})
    table.update({ord(mark): '"' for mark in QUOTES})
    table.update({ord(mark): "-" for mark in HYPHENS})
    return table


FOLD = _folding_table()

_SPACE_RUN = re.compile(r" +")
_SPACE_AT_QUOTE = re.compile(r' ?" ?')
_LEADING_ARTICLE = re.compile(
    r"^(?:(?:de|à)\s+)?(?:l['’ʼ]|la\s+|le\s+|les\s+)|^(?:du|des|au|aux)\s+|^d['’ʼ]",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"\bet (?P<article>(?:(?:de |à )?(?:l'|la |le |les ))|du |des |au |aux )?"
    r"(?P<word>[A-ZÀ-Þ])"
)
_ELIDED = ("l'", "de l'", "à l'")
_SINGULAR = ("le ", "du ", "au ", "la ", "de la ", "à la ")
_PLURAL = ("les ", "des ", "aux ")


def canonical(text: str) -> str:
    """The form names are compared in: folded, one space between words, none next to a
    quotation mark.  Applied alike to names in the file and to matched text."""
    folded = _SPACE_RUN.sub(" ", text.translate(FOLD).strip())
    return _SPACE_AT_QUOTE.sub('"', folded)


def display_name(name: str) -> str:
    """A name as the glossary shows it: one space between words, without a leading
    article or opening quotation mark (which would make a mention start before the
    name); apostrophes and quotation marks as the editor typed them."""
    name = " ".join(name.split()).lstrip('«“"„ ')
    return _LEADING_ARTICLE.sub("", name, count=1)


def base_name(name: str) -> str:
    """A name as the matcher stores it: the canonical form of its display name."""
    return canonical(display_name(name))


def _article_variants(name: str) -> list[str]:
    """``name`` with every article of a coordinated title: "X et le Y" gives "X et du
    Y", "X et la Y", "X et Y"… The reading of a title depends on the sentence around
    it ("de la Déclaration politique et du Plan d'action"), its identity does not."""
    pieces: list[list[str]] = []
    position = 0
    for match in _COORDINATED.finditer(name):
        pieces.append([name[position : match.start("word") - len(match["article"] or "")]])
        vowel = unicodedata.normalize("NFD", match["word"])[0].lower() in "aeiouyh"
        pieces.append(["", *(_ELIDED if vowel else _SINGULAR), *_PLURAL])
        position = match.start("word")
    pieces.append([name[position:]])
    variants = ["".join(choice) for choice in product(*pieces)]
    return variants


def _initial_variants(name: str) -> set[str]:
    """``name`` starting with a capital, a small letter, or an unaccented capital."""
    first, rest = name[0], name[1:]
    plain = unicodedata.normalize("NFD", first.upper())[0]
    return {first.upper() + rest, first.lower() + rest, plain + rest}


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """One body, instrument or programme of the glossary."""

    id: str
    kind: str
    names: tuple[str, ...]
    english_name: str
    description: str
    acronyms: tuple[str, ...] = ()
    english_acronym: str = ""
    english_names: tuple[str, ...] = ()
    """Other English names (variants, older titles), matched in English texts."""
    url: str = ""
    unts: tuple[str, ...] = ()
    document: str = ""
    line: int = 0
    """Where the entry starts in the glossary file."""

    @property
    def title(self) -> str:
        """The full French name, with the first acronym: "Organe … (OICS)"."""
        name = self.names[0]
        name = name[0].upper() + name[1:]
        return f"{name} ({self.acronyms[0]})" if self.acronyms else name

    @property
    def english_title(self) -> str:
        """The English name, with the English acronym: "United Nations Office on Drugs
        and Crime (UNODC)"."""
        if self.english_acronym and self.english_acronym != self.english_name:
            return f"{self.english_name} ({self.english_acronym})"
        return self.english_name

    @property
    def short_label(self) -> str:
        """The acronym when there is one, else the full name."""
        return self.acronyms[0] if self.acronyms else self.title


# --------------------------------------------------------------------------- matcher


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: bool = False


def _trie_pattern(keys: Iterable[str]) -> str:
    """A regular expression matching exactly the ``keys`` (canonical strings), built
    as a trie: alternatives share their prefixes, so the engine follows one branch
    per character, and the greedy optional tails make the longest key win."""
    root = _Node()
    for key in keys:
        node = root
        for char in key:
            node = node.children.setdefault(char, _Node())
        node.terminal = True
    return _branches(root)


_ATOMS = {
    " ": r"\s+",
    '"': r"\s*[" + re.escape(QUOTES) + "]",
    "'": "[" + re.escape(APOSTROPHES) + "]",
    "-": "[" + re.escape(HYPHENS) + "]",
}
"""The pattern of a canonical character that stands for several in a text (see
``FOLD``): the text is matched as printed, never copied to be folded."""
_AFTER_QUOTE = r"\s*"


def _atom(char: str, previous: str) -> str:
    atom = _ATOMS.get(char) or re.escape(char)
    return _AFTER_QUOTE + atom if previous == '"' else atom


def _branches(node: _Node) -> str:
    """The pattern of the non-empty continuations below ``node``."""
    alternatives = []
    for char, child in sorted(node.children.items()):
        # Follow single-child chains iteratively: names are long, recursion is not.
        atoms = [_atom(char, "")]
        last = char
        while len(child.children) == 1 and not child.terminal:
            ((following, child),) = child.children.items()
            atoms.append(_atom(following, last))
            last = following
        tail = ""
        if child.children:
            rest = (_AFTER_QUOTE if last == '"' else "") + _branches(child)
            tail = f"(?:{rest})?" if child.terminal else rest
        alternatives.append("".join(atoms) + tail)
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


_SYMBOL_JOINERS = "/." + HYPHENS
_RIGHT_BOUNDARY = r"(?!\w)(?![" + re.escape(_SYMBOL_JOINERS) + r"]\w)"


class _Matcher:
    """The compiled alternation of every key, and the table from key to entry."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self.entry_of = dict(keys)
        pattern = _trie_pattern(self.entry_of) if self.entry_of else r"(?!x)x"
        self.regex = re.compile(f"(?:{pattern}){_RIGHT_BOUNDARY}")

    def scan(self, text: str, start: int, end: int) -> Iterator[Mention]:
        """Mentions in ``text[start:end]``."""
        position = start
        search = self.regex.search
        while True:
            match = search(text, position, end)
            if match is None:
                return
            begin = match.start()
            if begin > start and _glued_before(text, begin):
                position = begin + 1
                continue
            yield Mention(begin, match.end(), entry=self.entry_of[canonical(match.group())])
            position = match.end()


def _glued_before(text: str, index: int) -> bool:
    """Whether ``text[index]`` continues a word or a symbol (``A/RES``, ``PC.DEC``)."""
    before = text[index - 1]
    if before.isalnum() or before == "_":
        return True
    return before in _SYMBOL_JOINERS and index >= 2 and text[index - 2].isalnum()


# --------------------------------------------------------------------------- glossary


class Glossary:
    """The entries, by id, with the matcher compiled once for all of them."""

    def __init__(
        self,
        entries: Iterable[Entry],
        ignored_acronyms: Iterable[str] = (),
        path: str = "",
    ) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.path = path
        self._by_id = {entry.id: entry for entry in self.entries}
        self.ignored_acronyms = frozenset(ignored_acronyms)
        self.acronyms = frozenset(acronym for entry in self.entries for acronym in entry.acronyms)
        # Each word of an English acronym: "PEN Online" makes "PEN" known.
        self.english_acronyms = frozenset(
            word for entry in self.entries for word in entry.english_acronym.split()
        )
        keys: dict[str, str] = {}
        english: dict[str, str] = {}
        for entry in self.entries:
            for key in _keys_of(entry):
                keys.setdefault(key, entry.id)
            for key in _english_keys_of(entry):
                english.setdefault(key, entry.id)
        self._matchers = {"fr": _Matcher(keys), "en": _Matcher(english)}

    def __getitem__(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def _matcher(self, lang: str) -> _Matcher:
        return self._matchers["en" if lang == "en" else "fr"]

    def find_mentions(self, text: str, lang: str = "fr") -> list[Mention]:
        """Every mention of an entry in ``text`` (a text in ``lang``), in order, never
        overlapping."""
        return list(self._matcher(lang).scan(text, 0, len(text)))

    def find_mentions_between(
        self, text: str, cuts: Iterable[int], lang: str = "fr"
    ) -> list[Mention]:
        """Like ``find_mentions``, but no mention spans one of the ``cuts`` (offsets of
        note marks): each stretch between two cuts is searched on its own."""
        bounds = sorted({0, len(text), *(cut for cut in cuts if 0 < cut < len(text))})
        matcher = self._matcher(lang)
        found: list[Mention] = []
        for start, end in pairwise(bounds):
            found.extend(matcher.scan(text, start, end))
        return found

    def knows_acronym(self, word: str, lang: str = "fr") -> bool:
        known = self.english_acronyms if lang == "en" else self.acronyms
        return word in known or word in self.ignored_acronyms


def _keys_of(entry: Entry) -> set[str]:
    """Every canonical string that names ``entry`` in a text."""
    keys = set(entry.acronyms)
    for name in entry.names:
        for variant in _article_variants(base_name(name)):
            keys |= _initial_variants(variant)
    return keys


_ENGLISH_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def english_base_name(name: str) -> str:
    """An English name as the matcher stores it: canonical, without a leading "the"."""
    return canonical(_ENGLISH_ARTICLE.sub("", " ".join(name.split()).lstrip('“"'), count=1))


def _english_keys_of(entry: Entry) -> set[str]:
    """Every canonical string that names ``entry`` in an English text."""
    keys = {entry.english_acronym} if entry.english_acronym else set()
    for name in (entry.english_name, *entry.english_names):
        base = english_base_name(name)
        if base:
            keys |= {base[0].upper() + base[1:], base[0].lower() + base[1:]}
    return keys


# --------------------------------------------------------------------------- loading


def load_glossary(path: str | Path, display_path: str | None = None) -> Glossary:
    """Read and check the glossary file; a problem raises ``SourceError`` at
    ``display_path`` (default: ``path`` as given) and the line to look at."""
    shown = display_path or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise SourceError(shown, 1, f"cannot read the glossary: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SourceError(shown, 1, "the glossary is not UTF-8 text") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError(shown, line, f"not valid YAML: {error.problem}") from None
    return _GlossaryReader(shown).read(root)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _GlossaryReader:
    """Walks the YAML node tree (not plain Python data) so every error has a line."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: yaml.Node | None, message: str, line: int = 1) -> SourceError:
        return SourceError(self.path, _line(node) if node is not None else line, message)

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping (key: value lines)")
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what}: keys must be plain words")
            if key.value in fields:
                first = _line(fields[key.value][0])
                raise self.fail(
                    key, f"{what}: '{key.value}' is given twice (first on line {first})"
                )
            fields[key.value] = (key, value)
        return fields

    def string(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
            raise self.fail(node, f"{what} must be a non-empty text")
        return " ".join(node.value.split())

    def strings(self, node: yaml.Node, what: str) -> list[tuple[str, int]]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list ([A, B] or '- ' lines)")
        return [(self.string(item, f"each of {what}"), _line(item)) for item in node.value]

    def read(self, root: yaml.Node | None) -> Glossary:
        if root is None:
            raise self.fail(None, "the glossary is empty")
        top = self.mapping(root, "the glossary")
        for key, (key_node, _) in top.items():
            if key not in ("entries", "ignored_acronyms"):
                raise self.fail(
                    key_node, f"unknown key '{key}' (expected 'entries' and 'ignored_acronyms')"
                )
        if "entries" not in top:
            raise self.fail(root, "the glossary has no 'entries' list")
        entries_node = top["entries"][1]
        if not isinstance(entries_node, yaml.SequenceNode):
            raise self.fail(entries_node, "'entries' must be a list of entries")
        ignored: list[str] = []
        if "ignored_acronyms" in top:
            for acronym, line in self.strings(top["ignored_acronyms"][1], "ignored_acronyms"):
                if not ACRONYM.match(acronym):
                    raise self.fail(None, f"'{acronym}' is not an acronym", line)
                ignored.append(acronym)
        entries = [self.entry(node) for node in entries_node.value]
        self.check_unique(entries, entries_node)
        return Glossary(entries, ignored, self.path)

    def entry(self, node: yaml.Node) -> Entry:
        fields = self.mapping(node, "an entry")
        for key, (key_node, _) in fields.items():
            if key not in ENTRY_FIELDS:
                allowed = ", ".join(sorted(ENTRY_FIELDS))
                raise self.fail(key_node, f"unknown field '{key}' (fields: {allowed})")
        for key in REQUIRED_FIELDS:
            if key not in fields:
                raise self.fail(node, f"the entry has no '{key}'")

        def text(key: str) -> str:
            return self.string(fields[key][1], f"'{key}'") if key in fields else ""

        def texts(key: str) -> list[tuple[str, int]]:
            return self.strings(fields[key][1], f"'{key}'") if key in fields else []

        entry_id = text("id")
        if not SLUG.fullmatch(entry_id):
            raise self.fail(
                fields["id"][1], f"id '{entry_id}' must be small letters, digits and hyphens"
            )
        where = f"entry '{entry_id}'"
        kind = text("kind")
        if kind not in KINDS:
            raise self.fail(
                fields["kind"][1], f"{where}: kind '{kind}' is not one of {', '.join(KINDS)}"
            )
        names = texts("names")
        if not names:
            raise self.fail(fields["names"][1], f"{where}: give at least one name")
        for name, line in names:
            if len(base_name(name)) < 2:
                raise self.fail(None, f"{where}: '{name}' is not a name", line)
            if len(_COORDINATED.findall(base_name(name))) > MAX_COORDINATED:
                raise self.fail(
                    None, f"{where}: '{name}' joins more than {MAX_COORDINATED + 1} titles", line
                )
        acronyms = texts("acronyms")
        for acronym, line in acronyms:
            if not ACRONYM.match(acronym) or sum(c.isupper() for c in acronym) < 2:
                raise self.fail(
                    None, f"{where}: acronym '{acronym}' must be 2 or more capital letters", line
                )
        english_names = texts("english_names")
        for name, line in english_names:
            if len(english_base_name(name)) < 2:
                raise self.fail(None, f"{where}: '{name}' is not a name", line)
        description = text("description")
        if description[-1] not in ".!?»)":
            raise self.fail(
                fields["description"][1], f"{where}: the description is one full sentence"
            )
        url = text("url")
        if url and not WEB_ADDRESS.match(url):
            raise self.fail(fields["url"][1], f"{where}: url '{url}' is not a web address")
        unts = texts("unts")
        for reference, line in unts:
            if not UNTS_REFERENCE.match(reference):
                raise self.fail(
                    None, f"{where}: unts '{reference}' must be volume/number (976/14152)", line
                )
        document = text("document")
        if document and not SLUG.fullmatch(document):
            raise self.fail(fields["document"][1], f"{where}: document '{document}' is not a slug")
        return Entry(
            id=entry_id,
            kind=kind,
            names=tuple(display_name(name) for name, _ in names),
            english_name=text("english_name"),
            description=description,
            acronyms=tuple(acronym for acronym, _ in acronyms),
            english_acronym=text("english_acronym"),
            english_names=tuple(" ".join(name.split()) for name, _ in english_names),
            url=url,
            unts=tuple(reference for reference, _ in unts),
            document=document,
            line=_line(node),
        )

    def check_unique(self, entries: list[Entry], entries_node: yaml.SequenceNode) -> None:
        """Ids, acronyms, names and UNTS references each belong to one entry: otherwise
        a mention (or a treaty reference) would not say which entry it is."""
        ids: dict[str, Entry] = {}
        owners: dict[str, Entry] = {}
        english_owners: dict[str, Entry] = {}
        treaties: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in ids:
                raise self.fail(
                    None,
                    f"id '{entry.id}' is used twice (first on line {ids[entry.id].line})",
                    entry.line,
                )
            ids[entry.id] = entry
            # Sorted: the name as written (capital first) is the one a message shows.
            for language, keys, taken in (
                ("", _keys_of(entry), owners),
                ("English ", sorted(_english_keys_of(entry)), english_owners),
            ):
                for key in keys:
                    self.claim(taken, key, entry, partial(_name_clash, f"{language}'{key}'"))
            for reference in entry.unts:
                self.claim(treaties, reference, entry, partial(_unts_clash, reference))

    def claim(
        self, owners: dict[str, Entry], key: str, entry: Entry, clash: Callable[[Entry], str]
    ) -> None:
        """Make ``entry`` the owner of ``key``, or fail, saying ``clash(owner)``, if
        another entry owns it."""
        other = owners.setdefault(key, entry)
        if other is not entry:
            raise self.fail(None, f"entry '{entry.id}': {clash(other)}", entry.line)


def _name_clash(name: str, other: Entry) -> str:
    return (
        f"{name} also names '{other.id}' (line {other.line}); a name or acronym belongs to "
        "one entry"
    )


def _unts_clash(reference: str, other: Entry) -> str:
    return f"unts {reference} is already '{other.id}' (line {other.line})"


# --------------------------------------------------------------------------- documents


def annotate(document: Document, glossary: Glossary) -> Document:
    """A copy of ``document`` with a ``Mention`` span for every mention, in every block
    but headings, found with the names of the document's language.  A mention never
    spans a note mark, and never overlaps a citation (a citation is a link, and a
    mention inside a link could not be followed).
    Earlier ``Mention`` spans are replaced, so annotating twice changes nothing."""

    def tag(block_id: str, block: Block) -> Block:
        kept = tuple(span for span in block.spans if not isinstance(span, Mention))
        if HEADING_BLOCK.match(block_id):
            return block if len(kept) == len(block.spans) else replace(block, spans=kept)
        # Citations keyed ``glossary:`` are this stage's own mentions, re-cast as
        # citations by the citations stage: not links that could hold a mention.
        links = [
            span
            for span in kept
            if isinstance(span, Citation) and not span.key.startswith("glossary:")
        ]
        mentions = [
            mention
            for mention in glossary.find_mentions_between(
                block.text, (note.offset for note in block.notes), document.lang
            )
            if not any(link.start < mention.end and mention.start < link.end for link in links)
        ]
        if not mentions and len(kept) == len(block.spans):
            return block  # nothing to change: the block is kept, not copied
        return replace(block, spans=kept + tuple(mentions))

    return document.map_blocks(tag)


_ACRONYM_WORD = re.compile(r"(?<![\w/.\-])[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*(?![\w/])(?![-.]\w)")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
"""An acronym has two capitals in a row: "ADAM-POLIS" is one, the annex range "A-E" is not."""
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


def unknown_acronyms(document: Document, glossary: Glossary) -> list[tuple[int, str]]:
    """``(source line, acronym)`` for each word with two capitals in a row that the
    glossary does not know, outside headings.  Document symbols (``A/RES/62/176``,
    ``PC.DEC/758``) and roman numerals are not acronyms.  Sorted by line, each pair once."""
    found: set[tuple[int, str]] = set()
    for block_id, block in document.all_blocks():
        if HEADING_BLOCK.match(block_id):
            continue
        for match in _ACRONYM_WORD.finditer(block.text):
            word = match.group()
            if not _TWO_CAPITALS.search(word) or _ROMAN.match(word):
                continue
            if not glossary.knows_acronym(word, document.lang):
                found.add((block.line_at(match.start()), word))
    return sorted(found)


# --------------------------------------------------------------------------- index


@dataclass(frozen=True)
class MentionSite:
    """A block of a document that names an entry (or, for the citations component, that
    cites an instrument): what an entry page lists.  ``highlight`` is the ``[start,
    end)`` of the mention within ``excerpt``; ``occurrences`` counts them in the block."""

    slug: str
    block_id: str
    excerpt: str
    highlight: tuple[int, int] | None = None
    occurrences: int = 1


EXCERPT_WIDTH = 200
_SENTENCE_END = re.compile(r"\.(?=\s+[A-ZÀ-Þ]|$)|[;!?](?=\s|$)")
"""A full stop before a capital (not "vol. 976"), or a semicolon, ends a sentence."""


def excerpt_around(
    text: str, start: int, end: int, width: int = EXCERPT_WIDTH
) -> tuple[str, int, int]:
    """The sentence of ``text`` holding ``text[start:end]``, or about ``width``
    characters around it cut at word boundaries with "…" where cut; with the position
    of the mention in what is returned."""
    sentence_start = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        sentence_start = match.end()
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.end() if following else len(text)
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    left, right = sentence_start, sentence_end
    room = max(width - (end - start), 0)
    if right - left > width + width // 5:
        before = min(start - left, max(room // 2, room - (right - end)))
        left = start - before
        right = min(right, end + room - before)
        if left > sentence_start and not text[left - 1].isspace():
            space = text.find(" ", left, start)
            left = space + 1 if space >= 0 else start
        if right < sentence_end:
            space = text.rfind(" ", end, right)
            right = space if space >= 0 else end
    prefix = "… " if left > sentence_start else ""
    suffix = " …" if right < sentence_end else ""
    excerpt = prefix + text[left:right].strip() + suffix
    shift = len(prefix) - left - (len(text[left:right]) - len(text[left:right].lstrip()))
    return excerpt, start + shift, end + shift


class MentionIndex:
    """Entry id → the blocks that mention it, in corpus order; filled in one pass over
    annotated documents, read when the glossary pages are written."""

    def __init__(
        self,
        sites: Mapping[str, tuple[MentionSite, ...]],
        by_text: Mapping[str, Mapping[str, tuple[MentionSite, ...]]] | None = None,
    ) -> None:
        self._sites = dict(sites)
        self._by_text: dict[str, Mapping[str, tuple[MentionSite, ...]]] = dict(by_text or {})
        """Entry id → {slug: that text's sites}, made when first asked for unless given
        (a preview gives them: it keeps each text's sites, and an entry's mapping, as
        the very same objects from one rebuild to the next while they are equal)."""

    @classmethod
    def build(cls, documents: Iterable[Document]) -> MentionIndex:
        sites: dict[str, list[MentionSite]] = {}
        for document in documents:
            for block_id, block in document.all_blocks():
                first: dict[str, Mention] = {}
                counts: dict[str, int] = {}
                for span in block.spans:
                    if not isinstance(span, Mention):
                        continue
                    counts[span.entry] = counts.get(span.entry, 0) + 1
                    if span.entry not in first or span.start < first[span.entry].start:
                        first[span.entry] = span
                for entry_id, span in sorted(first.items(), key=lambda item: item[1].start):
                    excerpt, start, end = excerpt_around(block.text, span.start, span.end)
                    sites.setdefault(entry_id, []).append(
                        MentionSite(
                            document.slug, block_id, excerpt, (start, end), counts[entry_id]
                        )
                    )
        return cls({entry_id: tuple(found) for entry_id, found in sites.items()})

    def sites(self, entry_id: str) -> tuple[MentionSite, ...]:
        return self._sites.get(entry_id, ())

    def by_text(self, entry_id: str) -> Mapping[str, tuple[MentionSite, ...]]:
        """The sites of an entry by text: slug → its sites, the texts in corpus order."""
        return rows_by_text(self._by_text, self._sites, entry_id)

    def __getitem__(self, entry_id: str) -> tuple[MentionSite, ...]:
        return self.sites(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._sites

    def entry_ids(self) -> tuple[str, ...]:
        return tuple(self._sites)

    def as_dict(self) -> dict[str, tuple[MentionSite, ...]]:
        return dict(self._sites)


Row = TypeVar("Row", bound="HasSlug")

NO_ROWS: Mapping[str, tuple] = MappingProxyType({})
"""The rows by text of an entry that has none: always this one object, which a preview
knows unchanged by its identity."""


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


def rows_by_text(
    memo: dict[str, Mapping[str, tuple[Row, ...]]],
    rows: Mapping[str, tuple[Row, ...]],
    entry_id: str,
) -> Mapping[str, tuple[Row, ...]]:
    """An entry's ``rows`` grouped by text (``group_by_text``), made once and kept in
    ``memo``; ``NO_ROWS`` for an entry with none."""
    found = memo.get(entry_id)
    if found is None:
        if entry_id not in rows:
            return NO_ROWS
        found = memo[entry_id] = group_by_text(rows[entry_id])
    return found


def group_by_text(rows: Iterable[Row]) -> dict[str, tuple[Row, ...]]:
    """``rows`` by the text they are in: slug → its rows in their order, the texts in
    the order of their first row."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        found = groups.get(row.slug)
        if found is None:
            groups[row.slug] = [row]
        else:
            found.append(row)
    return {slug: tuple(found) for slug, found in groups.items()}
