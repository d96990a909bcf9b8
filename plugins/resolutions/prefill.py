"""The metadata of a raw text, as far as the text itself says it (``resolutions new``).

An editor pastes a text with no front matter; the converter reads it, and what its
heading prints becomes the metadata: the symbol and the date of adoption
(``Document.details``), the body (from the symbol, else from the author clause), the
type (from the symbol, else from the heading), the title (the heading's line that is
not the masthead), the language.  A field the text does not give, or gives two ways
that disagree, is never guessed: it is written as ``À COMPLÉTER`` with a French comment
saying what to write, and ``resolutions check`` refuses the text until it is filled in.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from .checks import AUTHORS, PLACEHOLDER, document_blocks
from .language import detect_language
from .load import BODIES, slugify
from .model import Document

SYMBOL_BODIES = (
    ("E/CN.7/", "cnd"),
    ("A/RES/", "ag"),
    ("A/DEC/", "ag"),
    ("E/RES/", "ecosoc"),
    ("E/DEC/", "ecosoc"),
    ("E/", "ecosoc"),
    ("PC.DEC/", "osce-cp"),
    ("MC.DEC/", "osce-cm"),
)
"""A symbol's prefix → the body (the first that matches: the CND's own symbols before
the Council's)."""

SYMBOL_TYPES = (
    (re.compile(r"^(?:A|E|E/CN\.7)/RES/"), "résolution"),
    (re.compile(r"^(?:A|E|E/CN\.7)/DEC/|^(?:PC|MC)\.DEC/"), "décision"),
)

HEADING_TYPES = (
    ("resolution", "résolution"),
    ("decision", "décision"),
    ("declaration", "déclaration"),
)
"""A heading line that opens with the word (accents and case folded) → the type."""

# Heading lines that are the masthead or the cover block, not the title.
MASTHEAD = re.compile(
    r"""(?ix)^(?:
        nations\s+unies | united\s+nations
      | assemblée\s+générale | general\s+assembly
      | conseil\s+économique\s+et\s+social | economic\s+and\s+social\s+council
      | commission\s+des\s+stupéfiants | commission\s+on\s+narcotic\s+drugs
      | organisation\s+pour\s+la\s+sécurité\s+et\s+la\s+coopération\s+en\s+europe
      | organization\s+for\s+security\s+and\s+co-?operation\s+in\s+europe
      | osce | conseil\s+permanent | permanent\s+council
      | conseil\s+ministériel | ministerial\s+council
      | distr\b.* | original\s*:.* | (?:pc\s+)?journal\b.* | \d{1,2}(?:er)?\s+\w+\s+\d{4}
      | .*\bsession | point\s+\S+\s+de\s+l['’]ordre\s+du\s+jour | agenda\s+item\s+\S+
      | (?:résolution|resolution|décision|decision|déclaration|declaration)\s
            (?:adoptée|adopted|de\s+l|of\s+the).*
      | (?:résolution|resolution|décision|decision|déclaration|declaration)
            (?:\s+(?:no|n°|nº|n\.?o)\.?)?\s*[\w./-]*\d[\w./-]*
      | \[.*\]
      | [A-Z]+(?:\.[A-Z]+)?/\S+
      | \d{2}-\d{5}.* | \*\d+\* | \d+(?:/\d+)?\.?
    )$""",
)
NUMBER_PREFIX = re.compile(
    r"""(?ix)^(?:
        \d+/\d+\.                                   # 78/284. Coopération…
      | [A-Z]+(?:\.[A-Z]+)?/\S+\.                     # A/RES/78/284. …
      | (?:résolution|resolution|décision|decision|déclaration|declaration)
        (?:\s+(?:no|n°|nº|n\.o)\.?)?\s*[\w./-]*\d[\w./-]*\.?   # DECISION No 758 RENFORCEMENT…
    )\s+"""
)
"""The text's number printed before its title, on the same line."""


PLAIN = re.compile(r"[a-zé][a-zé0-9-]*|[A-Z][A-Z0-9.]*/[A-Za-z0-9./-]+|\d{4}(?:-\d{2}){0,2}")
"""Values written without quotes (a code, a symbol, a date); the others as JSON strings,
which YAML reads as they are."""


@dataclass(frozen=True)
class Prefilled:
    """One metadata field: its value, or ``None`` when the editor must write it, and the
    French comment written beside it."""

    name: str
    value: str | None
    comment: str = ""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _one(candidates: dict[str, str]) -> tuple[str | None, str]:
    """The value that every source agrees on, else ``None`` and why (in French)."""
    values = set(candidates.values())
    if len(values) == 1:
        return values.pop(), ""
    if not values:
        return None, ""
    said = " ; ".join(f"{value} d’après {where}" for where, value in candidates.items())
    return None, f"le texte se contredit ({said})"


def body_of(document: Document, symbol: str | None) -> tuple[str | None, str]:
    candidates: dict[str, str] = {}
    if symbol:
        for prefix, body in SYMBOL_BODIES:
            if symbol.startswith(prefix):
                candidates["la cote"] = body
                break
    if document.author is not None:
        clause = _fold(document.author.text.strip())
        for body, clauses in AUTHORS.items():
            if clause in {_fold(text) for text in clauses.values()}:
                candidates["la formule d’ouverture"] = body
    return _one(candidates)


def type_of(document: Document, symbol: str | None) -> tuple[str | None, str]:
    candidates: dict[str, str] = {}
    if symbol:
        for pattern, kind in SYMBOL_TYPES:
            if pattern.match(symbol):
                candidates["la cote"] = kind
                break
    for block in document.heading:
        words = _fold(block.text).split()
        heading_kind = next((k for word, k in HEADING_TYPES if words and words[0] == word), None)
        if heading_kind is not None:
            candidates["le titre"] = heading_kind
            break
    return _one(candidates)


def title_of(document: Document) -> tuple[str | None, str]:
    """The heading's last run of lines that are not masthead nor cover block."""
    ignored = {_fold(value) for _, value in document.details}
    run: list[str] = []
    for block in document.heading:
        text = " ".join(block.text.split())
        if not text or MASTHEAD.match(text) or _fold(text) in ignored:
            if run and text:
                run = []  # a later title wins: a resolution's own comes last
            continue
        run.append(NUMBER_PREFIX.sub("", text))
    title = " ".join(run).strip()
    if not title:
        return None, ""
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        # Capitals lose their accents ("COOPERATION"): the editor writes the title.
        return None, f"titre imprimé en capitales : « {title} »"
    return title, ""


def prefill(document: Document, stem: str) -> list[Prefilled]:
    """The metadata fields of a raw text, in the order of the template."""
    details = dict(document.details)
    symbol = details.get("symbol") or None
    body, body_why = body_of(document, symbol)
    kind, kind_why = type_of(document, symbol)
    title, title_why = title_of(document)
    date = details.get("adoption_date") or None
    lang = detect_language(" ".join(block.text for block in document_blocks(document)))
    fields = [
        Prefilled(
            "symbol",
            symbol,
            ""
            if symbol
            else "la cote officielle (A/RES/79/123, PC.DEC/758…), non trouvée dans le texte",
        ),
        Prefilled("title", title, title_why or ("" if title else "le titre, avec ses accents")),
        Prefilled(
            "body",
            body,
            body_why or ("" if body else f"l’organe : {', '.join(sorted(BODIES))}"),
        ),
        Prefilled(
            "type",
            kind,
            kind_why or ("" if kind else "résolution, décision, déclaration, rapport ou document"),
        ),
        Prefilled(
            "date",
            date,
            "" if date else "la date d’adoption, AAAA-MM-JJ (ou AAAA-MM, ou AAAA)",
        ),
        Prefilled(
            "source",
            None,
            "d’où vient le texte : l’organe, la cote, et comment il a été copié (PDF, page web)",
        ),
        Prefilled("format", document.format, "reconnu d’après le texte"),
    ]
    if lang is not None:
        fields.append(Prefilled("lang", lang, "reconnue d’après le texte"))
    if symbol is None:
        fields.append(
            Prefilled(
                "slug",
                slugify(stem) or "texte",
                "le nom de la page ; supprimez cette ligne une fois la cote écrite",
            )
        )
    return fields


def slug_of(fields: list[Prefilled]) -> str:
    """The page's name, as ``load`` makes it: the slug given, else from the symbol."""
    values = {field.name: field.value for field in fields}
    return values.get("slug") or slugify(values.get("symbol") or "") or "texte"


def front_matter(fields: list[Prefilled]) -> str:
    """The front matter block, ``---`` lines included; a field to complete holds
    ``"À COMPLÉTER"`` with its comment."""
    lines = ["---"]
    for field in fields:
        if field.value is None:
            value = json.dumps(PLACEHOLDER, ensure_ascii=False)
            comment = f"# {PLACEHOLDER} : {field.comment}" if field.comment else f"# {PLACEHOLDER}"
        else:
            value = field.value
            if not PLAIN.fullmatch(value):
                value = json.dumps(value, ensure_ascii=False)
            comment = f"# {field.comment}" if field.comment else ""
        lines.append(f"{field.name}: {value}" + (f"  {comment}" if comment else ""))
    if not any(field.name == "lang" for field in fields):
        lines.append("# lang: la langue (fr ou en) n’a pas pu être reconnue ; écrivez-la si besoin")
    lines.append("---")
    return "\n".join(lines) + "\n"


def to_complete(fields: list[Prefilled]) -> list[str]:
    return [field.name for field in fields if field.value is None]
