"""Stage: find the citations of other texts in a block's words.

``find_citations(text, context)`` reads one block's text (a paragraph, an item, a note)
and returns ``model.Citation`` spans, each with its kind, the normalised ``key`` of the
cited text and a French ``label`` saying what it is.  Targets are left empty: resolving
a key needs the whole corpus, which is ``corpus.py``'s job.

What is found (informal grammar; ``NUMBER`` is defined below)::

    un-act      = [paragraph-ref] [possessive] ("résolution" | "décision") ["s"]
                  NUMBER {("," | "et") NUMBER} [date] [explicit-body]
    paragraph-ref = "paragraphe" INT [LETTER ")"] ("de sa" | "de la" | "de l'") ...
    NUMBER      = "S-20/2" | "ES-10/24"             (special session: the Assembly)
                | "2007/12"                         (year/number: the Council, ECOSOC)
                | "61/183"                          (session/number: Assembly or CND)
                | "217 A (III)"                     (number (session in roman): Assembly)
                | "1373 (2001)"                     (number (year): Security Council)
                  then an optional range "-4" and optional parts "E", "A-E", "A à E"
    osce        = ["sa"] "Décision" ["s"] ["du Conseil ministériel|permanent"]
                  ("No" | "n°") INT ["/" YY] ["du Conseil …" ["de" Place]]
                  {("," | "et") ("No" | "n°") INT ["/" YY]}     (plural lists only)
    symbol      = SERIES {"/" COMPONENT} {"et" ("Corr." | "Add." | "Rev.") INT}
                  e.g. A/62/117, E/2003/28/Rev.1, A/78/L.68, MC.DEC/5/05
    treaty      = ["Nations Unies,"] ("Recueil des Traités" | "Ibid.") ","
                  "vol." INT "," ("no" | "n°") INT

English texts (``CitationContext.lang == "en"``) are read with the same grammar and
their own words: "resolution(s)", "decision No. 758", lists joined by "and", a date
"of 18 December 2007", a body named before the keyword ("General Assembly resolution
62/176", "Commission on Narcotic Drugs resolution 58/9", "Permanent Council Decision
No. 758") or after the number ("of the Commission on Narcotic Drugs"), "paragraph 3 of
its resolution 57/9", "paragraph 6 (a) of …", "Treaty Series, vol. 976, No. 14152".
Keys are the same as for the French versions; labels stay French (the site is).

Spans cover the words a reader would click, and never a body's name (the glossary
marks those): "résolution 61/183", "paragraphe 3 de sa résolution 57/9",
"Décision No 5/05", "n° 3/05" (when the council's name stands before the number),
"E/2007/28", "Corr.1", "Recueil des Traités, vol. 976, no 14152".

Which body issued a UN act, first rule that applies:

1. an explicit body after the number ("de l'Assemblée générale", "du Conseil économique
   et social", "de la Commission des stupéfiants", "du Conseil de sécurité"), or in
   apposition before "sa" ("le Conseil économique et social, dans sa résolution …");
2. the shape of the number: ``S-20/2`` is the Assembly's, ``2007/12`` the Council's,
   ``217 (III)`` the Assembly's, ``1373 (2001)`` the Security Council's;
3. a report of the Commission just before it ("E/2007/28 et Corr.1, chap. I, sect. C,
   résolution 50/12": ``E/<year>/28`` is the Commission's annual report);
4. otherwise the citing text's own body when it numbers its acts session/number (the
   Assembly, the Commission: "sa résolution 57/9" in a Commission text, and a bare
   "résolution 50/12" there too, since the Commission names the Assembly when citing
   it), else the Assembly.  A UN decision cited bare in an OSCE text is not taken
   (nothing is guessed).

Key scheme (``Citation.key``), shared with ``corpus.document_key``:

=========================  ==========================================================
``A/RES/61/183``            Assembly resolution (``A/RES/S-20/2``, ``A/RES/217(III)``:
                            lettered parts such as ``217 A (III)`` or ``S-20/4 E`` are
                            parts of one document and stay in the label, not the key)
``E/RES/2007/12``           ECOSOC resolution
``S/RES/1373(2001)``        Security Council resolution
``cnd:57/9``                CND resolution (it has no document symbol of its own)
``cnd:dec/62/1``            CND decision; likewise ``ag:dec/…`` and ``ecosoc:dec/…``
                            (decisions of these bodies have no document symbol)
``PC.DEC/758``              OSCE Permanent Council decision
``MC.DEC/5/05``             OSCE Ministerial Council decision
``E/2007/28``               any document cited by its symbol, as printed (spaces
                            dropped); ``et Corr.1`` is a second citation,
                            ``E/2007/28/Corr.1``
``unts:976/14152``          United Nations Treaty Series, volume/number
``glossary:<id>``           an instrument named by title (from the glossary stage)
=========================  ==========================================================

A key may end with ``#op3`` or ``#op6-a`` when the citation names a paragraph
("paragraphe 3 de sa résolution 57/9").

A range ("Résolutions S-20/2-4 A-E") gives one citation per resolution, all over the
same span, in order; a renderer that can draw only one link per span links the first
and lists the others (``group_by_span`` groups them).  Parts after a range ("A-E")
belong to its last resolution.

Instruments named by title ("la Convention de 1988") are not matched here: the
glossary stage marks them as ``model.Mention`` spans, and ``instrument_citations``
turns the mentions of instrument kinds into citations keyed ``glossary:<id>``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from . import ids, model, months

__all__ = [
    "INSTRUMENT_KINDS",
    "CitationContext",
    "GlossaryEntry",
    "entries_by_id",
    "find_citations",
    "group_by_span",
    "instrument_citations",
    "key_for_symbol",
    "label_date",
    "symbol_key",
    "treaty_entries",
]

# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class CitationContext:
    """Who is citing: the citing text's body code and its symbol.

    ``body`` decides whose "sa résolution 57/9" is meant; ``symbol`` lets the finder
    drop a text's own number (the heading "DÉCISION No 758" of PC.DEC/758); ``lang``,
    the citing text's language, says in which language the labels are read."""

    body: str
    symbol: str | None = None
    lang: str = "fr"


class GlossaryEntry(Protocol):
    """What this stage reads from a glossary entry (the glossary stage owns the rest)."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def document(self) -> str | None:
        """Slug of the corpus document that *is* this instrument, if any."""
        ...

    @property
    def unts(self) -> Sequence[str]:
        """Treaty-series references of the instrument, as ``"976/14152"``."""
        ...


INSTRUMENT_KINDS = frozenset(
    {
        "accord",
        "charte",
        "concept",
        "convention",
        "declaration",
        "decision",
        "document",
        "instrument",
        "plan",
        "plan d'action",
        "programme d'action",
        "protocole",
        "resolution",
        "strategie",
        "traite",
    }
)
"""Glossary kinds that name a text (compared without accents or case); bodies,
programmes and projects are mentioned, not cited."""


# --------------------------------------------------------------------------- shared pieces


def _verbose(pattern: str, **pieces: str) -> re.Pattern[str]:
    """Compile a verbose pattern after replacing each ``<<name>>`` by a shared piece."""
    for name, piece in pieces.items():
        pattern = pattern.replace(f"<<{name}>>", piece)
    return re.compile("(?x)" + pattern)


_APOSTROPHE = "[’'ʼ]"
# French month names, also as typed without accents ("fevrier").
_MONTHS = {
    **months.numbers(months.FRENCH),
    **months.numbers(tuple(map(months.unaccented, months.FRENCH))),
}
_MONTH_NAMES = "|".join(_MONTHS)

DATE = _verbose(
    r"""
    (?:du|en\s+date\s+du)\s+
    (?P<day>\d{1,2})(?:er)?\s+
    (?P<month><<months>>)\s+
    (?P<year>(?:19|20)\d{2})\b
    """,
    months=_MONTH_NAMES,
)
"""A date as the texts print it after a cited act: "du 20 décembre 2006"."""

_BODY_NAMES = r"""
    (?P<ag>Assemblée\s+générale)
  | (?P<ecosoc>Conseil\s+économique\s+et\s+social)
  | (?P<cnd>Commission\s+des\s+stupéfiants)
  | (?P<sc>Conseil\s+de\s+sécurité)
"""

BODY_AFTER = _verbose(
    r"""
    \s*,?\s*
    (?:(?:du|en\s+date\s+du)\s+\d{1,2}(?:er)?\s+(?:<<months>>)\s+\d{4}\s*,?\s*)?
    (?:de\s+l<<apostrophe>>\s*|du\s+|de\s+la\s+)
    (?:<<bodies>>)
    """,
    months=_MONTH_NAMES,
    apostrophe=_APOSTROPHE,
    bodies=_BODY_NAMES,
)
"""An explicit issuing body right after the cited number (an optional date between)."""

APPOSITION_BEFORE = _verbose(
    r"""
    (?:<<bodies>>)
    \s*,?\s+(?:dans|par)\s+(?:sa|ses)\s+$
    """,
    bodies=_BODY_NAMES,
)
""""le Conseil économique et social, dans sa résolution …": "sa" is that body's."""

POSSESSIVE_BEFORE = re.compile(r"(?x) \b(?P<possessive>[Ss]a|[Ss]es|[Ll]eurs?|[Ii]ts|[Tt]heir)\s+$")

PARAGRAPH_BEFORE = _verbose(
    r"""
    \b(?P<lead>[Pp]aragraphe)\s+
    (?P<paragraph>\d{1,3})(?:\s?(?P<item>[a-z])\))?\s+
    (?:de\s+(?P<possessive>sa|leur)|de\s+la|de\s+l<<apostrophe>>)\s*$
    """,
    apostrophe=_APOSTROPHE,
)
""""paragraphe 3 de sa résolution …": the citation names one paragraph."""

CND_REPORT_BEFORE = _verbose(
    r"""
    \bE/(?:19|20)\d{2}/28(?:/(?:Rev|Add)\.\d{1,3})*\)?
    (?:\s+(?:et|and)\s+Corr\.\d{1,3})?\)?
    (?:\s*,\s*(?:chap\.|sect\.|annexe?|par\.|p\.)\s*[\w.]+)*
    \s*,\s*$
    """
)
"""The Commission's annual report (ECOSOC Supplement No. 8, ``E/<year>/28``) cited
just before a bare resolution number: the resolution is the Commission's."""

# English texts (``CitationContext.lang == "en"``): the same rules, the English words.

_EN_MONTHS = months.numbers(months.ENGLISH)
_ALL_MONTHS = {**_MONTHS, **_EN_MONTHS}

DATE_EN = _verbose(
    r"""
    of\s+
    (?P<day>\d{1,2})\s+
    (?P<month><<months>>)\s+
    (?P<year>(?:19|20)\d{2})\b
    """,
    months="|".join(_EN_MONTHS),
)
"""A date after a cited act in an English text: "of 18 December 2007"."""

_BODY_NAMES_EN = r"""
    (?P<ag>General\s+Assembly)
  | (?P<ecosoc>Economic\s+and\s+Social\s+Council)
  | (?P<cnd>Commission\s+on\s+Narcotic\s+Drugs)
  | (?P<sc>Security\s+Council)
"""

BODY_AFTER_EN = _verbose(
    r"""
    \s*,?\s*
    (?:of\s+\d{1,2}\s+(?:<<months>>)\s+\d{4}\s*,?\s*)?
    of\s+the\s+
    (?:<<bodies>>)
    """,
    months="|".join(_EN_MONTHS),
    bodies=_BODY_NAMES_EN,
)
""""resolution 58/9 of the Commission on Narcotic Drugs" (an optional date between)."""

BODY_BEFORE_EN = _verbose(
    r"""
    (?:<<bodies>>)
    (?:\s*,?\s+(?:in|by)\s+(?:its|their))?
    \s+$
    """,
    bodies=_BODY_NAMES_EN,
)
""""General Assembly resolution 62/176", "Commission on Narcotic Drugs resolution 58/9",
"the Economic and Social Council, in its resolution …": the body is named before."""

PARAGRAPH_BEFORE_EN = _verbose(
    r"""
    \b(?P<lead>[Pp]aragraph)\s+
    (?P<paragraph>\d{1,3})(?:\s?\((?P<item>[a-z])\))?\s+
    of\s+(?:(?P<possessive>its|their)\s+|the\s+)?
    (?:(?:<<bodies>>)\s+)?$
    """,
    bodies=_BODY_NAMES_EN,
)
""""paragraph 3 of its resolution …", "paragraph 6 (a) of General Assembly resolution …"."""


@dataclass(frozen=True)
class _Words:
    """The patterns that read the words around a number, in one language."""

    date: re.Pattern[str]
    body_after: re.Pattern[str]
    body_before: re.Pattern[str]
    paragraph_before: re.Pattern[str]


_LOOKBACK = 160
"""How far back the look-behind rules read (the longest is the report reference)."""


# --------------------------------------------------------------------------- UN acts

_NUMBER = r"""
    (?:
        (?P<special>E?S-\d{1,2})/(?P<special_serial>\d{1,4})
      | (?P<year>(?:19[4-9]|20\d)\d)/(?P<year_serial>\d{1,4})
      | (?P<session>\d{1,2})/(?P<session_serial>\d{1,4})
      | (?P<old>\d{1,4})\s?(?P<old_part>[A-H])?\s?\((?P<roman>(?:E?S-)?[IVXL]{1,7})\)
      | (?P<sc>\d{1,4})\s?\((?P<sc_year>(?:19|20)\d{2})\)
    )
    (?:-(?P<range_end>\d{1,4}))?
    (?:\s(?P<part>[A-H](?:\s?(?:-|à|et)\s?[A-H])?))?
    (?![\w/])
"""

UN_ACT = _verbose(
    r"""
    \b(?P<keyword>(?i:r[ée]solution|d[ée]cision)(?P<plural>s)?)
    \s+<<number>>
    """,
    number=_NUMBER,
)
"""A UN resolution or decision cited by its number."""

UN_ACT_CONTINUATION = _verbose(
    r"""
    (?:\s*,\s*(?:(?:et|and)\s+)?|\s+(?:et|and)\s+)<<number>>
    """,
    number=_NUMBER,
)
"""The next number of a list after a plural keyword: "résolutions 55/2, 58/4 et 60/1",
"resolutions 61/183 and 62/176"."""

_RANGE_LIMIT = 20
"""A range wider than this is a misreading, not a series of resolutions."""


@dataclass(frozen=True)
class _ActNumber:
    form: str
    """``special``, ``year``, ``session``, ``old`` or ``sc``."""
    prefix: str
    """Session ("61", "S-20"), year ("2007") or, for ``old`` and ``sc``, the roman
    session or the year in brackets."""
    serial: str
    part: str | None


def _numbers(match: re.Match[str]) -> list[_ActNumber]:
    part = match["part"]
    if match["special"]:
        form, prefix, serial = "special", match["special"], match["special_serial"]
    elif match["year"]:
        form, prefix, serial = "year", match["year"], match["year_serial"]
    elif match["session"]:
        form, prefix, serial = "session", match["session"], match["session_serial"]
    elif match["old"]:
        form, prefix, serial = "old", match["roman"], match["old"]
        part = match["old_part"] or part
    else:
        form, prefix, serial = "sc", match["sc_year"], match["sc"]
    if match["range_end"] and form in ("special", "year", "session"):
        first, last = int(serial), int(match["range_end"])
        if first < last <= first + _RANGE_LIMIT:
            serials = [str(number) for number in range(first, last + 1)]
            return [
                _ActNumber(form, prefix, number, part if number == serials[-1] else None)
                for number in serials
            ]
    return [_ActNumber(form, prefix, str(int(serial)), part)]


_BODY_PHRASES = {
    "ag": "de l’Assemblée générale",
    "cnd": "de la Commission des stupéfiants",
    "ecosoc": "du Conseil économique et social",
    "sc": "du Conseil de sécurité",
    "osce-cp": "du Conseil permanent de l’OSCE",
    "osce-cm": "du Conseil ministériel de l’OSCE",
}
_UN_ACT_BODIES = ("ag", "cnd")
"""Bodies whose acts are numbered session/serial: a bare "résolution 57/9" (or "sa
résolution 57/9") is the citing body's own only when it is one of these."""


def _explicit_body(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    for body in ("ag", "ecosoc", "cnd", "sc"):
        if match[body]:
            return body
    return None


def _issuing_body(
    number: _ActNumber, *, explicit: str | None, report: bool, context: CitationContext
) -> str:
    """Rules 1 to 4 of the module's docstring, in order."""
    if explicit:
        return explicit
    if number.form in ("special", "old"):
        return "ag"
    if number.form == "year":
        return "ecosoc"
    if number.form == "sc":
        return "sc"
    if report:
        return "cnd"
    return context.body if context.body in _UN_ACT_BODIES else "ag"


def _act_key(number: _ActNumber, body: str, decision: bool) -> str | None:
    """The key of a UN act, or None when that body has no such act."""
    if number.form == "sc":
        return None if decision else f"S/RES/{number.serial}({number.prefix})"
    if number.form == "old":
        return None if decision else f"A/RES/{number.serial}({number.prefix})"
    numbered = f"{number.prefix}/{number.serial}"
    if body == "ag":
        return f"ag:dec/{numbered}" if decision else f"A/RES/{numbered}"
    if body == "ecosoc":
        return f"ecosoc:dec/{numbered}" if decision else f"E/RES/{numbered}"
    if body == "cnd":
        return f"cnd:dec/{numbered}" if decision else f"cnd:{numbered}"
    return None


def _act_display(number: _ActNumber) -> str:
    if number.form == "old":
        part = f" {number.part}" if number.part else ""
        return f"{number.serial}{part} ({number.prefix})"
    if number.form == "sc":
        return f"{number.serial} ({number.prefix})"
    part = f" {number.part}" if number.part else ""
    return f"{number.prefix}/{number.serial}{part}"


def _iso_date(match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    return f"{match['year']}-{_ALL_MONTHS[match['month']]:02d}-{int(match['day']):02d}"


def _act_label(
    number: _ActNumber, body: str, decision: bool, date: str, paragraph: str | None
) -> str:
    noun = "décision" if decision else "résolution"
    text = f"{noun} {_act_display(number)} {_BODY_PHRASES[body]}"
    if date:
        text += f", en date du {months.french_date(date)}"
    if paragraph:
        return f"Paragraphe {paragraph} de la {text}"
    return text[0].upper() + text[1:]


LABEL_DATE = re.compile(
    r"(?x) \sdu\s(?P<day>1er|\d{1,2})\s(?P<month>" + _MONTH_NAMES + r")\s(?P<year>\d{4})\b"
)


def label_date(label: str) -> str:
    """The ISO date a label written by this module carries ("… du 20 décembre 2006")."""
    match = LABEL_DATE.search(label)
    if match is None:
        return ""
    day = 1 if match["day"] == "1er" else int(match["day"])
    return f"{match['year']}-{_MONTHS[match['month']]:02d}-{day:02d}"


def _anchor(paragraph: str, item: str | None) -> str:
    """The anchor of operative paragraph ``paragraph`` (its ``item`` letter, if any)."""
    anchor = ids.operative(paragraph)
    return ids.item(anchor, item) if item else anchor


def _un_acts(text: str, context: CitationContext) -> list[model.Citation]:
    words = _words(context)
    found: list[model.Citation] = []
    for match in UN_ACT.finditer(text):
        decision = match["keyword"][0] in "dD"
        keyword_start = match.start("keyword")
        base = max(0, keyword_start - _LOOKBACK)
        before = text[base:keyword_start]
        paragraph = words.paragraph_before.search(before)
        report = CND_REPORT_BEFORE.search(before) is not None

        # The numbers cited: the first, then, after a plural keyword, the rest of the list.
        first_start = base + paragraph.start("lead") if paragraph else keyword_start
        items = [(first_start, match.end(), _numbers(match))]
        end = match.end()
        date = _date_at(text, end, words)
        while match["plural"]:
            following = UN_ACT_CONTINUATION.match(text, date.end() if date else end)
            if following is None:
                break
            items.append((_number_start(following), following.end(), _numbers(following)))
            end = following.end()
            date = _date_at(text, end, words)
        body_after = words.body_after.match(text, end)
        if body_after is not None and date is None:
            # "… de l'Assemblée générale, en date du …"
            date = _date_at(text, body_after.end(), words)
        explicit = _explicit_body(body_after) or _explicit_body(words.body_before.search(before))
        if decision and context.body.startswith("osce") and explicit is None:
            continue  # "décision 5/05" bare in an OSCE text is no UN act: nothing guessed
        iso = _iso_date(date) if len(items) == 1 else ""

        for index, (start, stop, numbers) in enumerate(items):
            for number in numbers:
                body = _issuing_body(number, explicit=explicit, report=report, context=context)
                key = _act_key(number, body, decision)
                if key is None:
                    continue
                named = None
                if index == 0 and paragraph is not None:
                    key += "#" + _anchor(paragraph["paragraph"], paragraph["item"])
                    item = paragraph["item"]
                    named = paragraph["paragraph"] + (f" {item})" if item else "")
                found.append(
                    model.Citation(
                        start,
                        stop,
                        citation_kind="decision" if decision else "resolution",
                        key=key,
                        label=_act_label(number, body, decision, iso, named),
                    )
                )
    return found


_DATE_LEAD = re.compile(r"\s*,?\s*")


def _date_at(text: str, position: int, words: _Words | None = None) -> re.Match[str] | None:
    """The date printed right after a number, with or without a comma before it."""
    lead = _DATE_LEAD.match(text, position)
    return (words or _FRENCH).date.match(text, lead.end() if lead else position)


_FRENCH = _Words(DATE, BODY_AFTER, APPOSITION_BEFORE, PARAGRAPH_BEFORE)
_ENGLISH = _Words(DATE_EN, BODY_AFTER_EN, BODY_BEFORE_EN, PARAGRAPH_BEFORE_EN)


def _words(context: CitationContext) -> _Words:
    return _ENGLISH if context.lang == "en" else _FRENCH


def _number_start(match: re.Match[str]) -> int:
    for group in ("special", "year", "session", "old", "sc"):
        if match[group]:
            return match.start(group)
    return match.start()


# --------------------------------------------------------------------------- OSCE decisions

_COUNCIL = r"du\s+Conseil\s+(?P<<<name>>>ministériel|permanent)"

OSCE_DECISION = _verbose(
    r"""
    \b(?P<keyword>(?i:d[ée]cision)(?P<plural>s)?)
    (?:\s+<<council>>)?
    \s+(?P<marker>[Nn](?:[o°º]s?)\.?)\s*
    (?P<number>\d{1,4})(?:/(?P<year>\d{2}))?
    (?![\w/])
    """,
    council=_COUNCIL.replace("<<name>>", "council_before"),
)
"""An OSCE decision: "Décision No 758", "décisions du Conseil ministériel n° 3/05"."""

OSCE_COUNCIL_AFTER = _verbose(
    r"""
    \s+<<council>>
    (?:\s+(?:de\s+|d<<apostrophe>>\s*)(?P<place>[A-ZÉ][\w-]+))?
    """,
    council=_COUNCIL.replace("<<name>>", "council"),
    apostrophe=_APOSTROPHE,
)

OSCE_COUNCIL_BEFORE_EN = re.compile(r"\b(?P<council>Permanent|Ministerial)\s+Council\s+$")
""""Permanent Council decision No. 758" in an English text."""

OSCE_COUNCIL_AFTER_EN = re.compile(
    r"""(?x)
    \s+of\s+the\s+(?:OSCE\s+)?(?P<council>Permanent|Ministerial)\s+Council
    (?:\s+(?:in|at)\s+(?P<place>[A-Z][\w-]+))?
    """
)
""""decision No. 5/05 of the Ministerial Council in Ljubljana"."""

_ENGLISH_COUNCILS = {"Permanent": "permanent", "Ministerial": "ministériel"}

OSCE_CONTINUATION = re.compile(
    r"""(?x)
    (?:,|\bet|\band)\s+(?:(?:la|sa|the|its)\s+(?i:d[ée]cision)\s+)?
    (?P<marker>[Nn][o°º])\.?\s*(?P<number>\d{1,4})(?:/(?P<year>\d{2}))?
    (?![\w/])
    """
)
"""A further number of a plural list: "… n° 3/05 sur … et n° 5/06 sur …"."""

CLAUSE_END = re.compile(r";|\.\s+(?=[A-ZÉÈÀ])|\.$")
_CLAUSE_LIMIT = 400


def _osce_key(
    number: str, year: str | None, council: str | None, possessive: bool, context: CitationContext
) -> str | None:
    if council is None and context.body in ("osce-cp", "osce-cm"):
        if possessive:
            council = "permanent" if context.body == "osce-cp" else "ministériel"
        else:
            council = "ministériel" if year else "permanent"
    if council == "ministériel" and year:
        return f"MC.DEC/{int(number)}/{year}"
    if council == "permanent" and not year:
        return f"PC.DEC/{int(number)}"
    return None  # outside an OSCE text with no council named, or an unknown shape


def _osce_label(key: str, place: str | None, date: str = "") -> str:
    council = "ministériel" if key.startswith("MC.") else "permanent"
    number = key.split("/", 1)[1]
    where = f" ({place})" if place else ""
    when = f", en date du {months.french_date(date)}" if date else ""
    return f"Décision n° {number} du Conseil {council} de l’OSCE{where}{when} ({key})"


def _osce_decisions(text: str, context: CitationContext) -> list[model.Citation]:
    words = _words(context)
    english = context.lang == "en"
    found: list[model.Citation] = []
    for match in OSCE_DECISION.finditer(text):
        base = max(0, match.start() - _LOOKBACK)
        before = text[base : match.start()]
        paragraph = words.paragraph_before.search(before)
        possessive = POSSESSIVE_BEFORE.search(before) is not None or bool(
            paragraph and paragraph["possessive"]
        )
        after = (OSCE_COUNCIL_AFTER_EN if english else OSCE_COUNCIL_AFTER).match(text, match.end())
        council = match["council_before"] or (after["council"] if after else None)
        if english:
            named_before = OSCE_COUNCIL_BEFORE_EN.search(before)
            council = (named_before["council"] if named_before else None) or council
            council = _ENGLISH_COUNCILS.get(council or "", council)
        place = after["place"] if after else None
        date = _iso_date(_date_at(text, after.end() if after else match.end(), words))
        key = _osce_key(match["number"], match["year"], council, possessive, context)
        if key is not None:
            # With the council between keyword and number, the span starts at "n°" so
            # that it never overlaps the glossary's mention of the council.
            start = match.start("marker") if match["council_before"] else match.start("keyword")
            label = _osce_label(key, place, date)
            if paragraph is not None:
                start = base + paragraph.start("lead")
                key += "#" + _anchor(paragraph["paragraph"], paragraph["item"])
                item = f" {paragraph['item']})" if paragraph["item"] else ""
                label = (
                    f"Paragraphe {paragraph['paragraph']}{item} de la {label[0].lower()}{label[1:]}"
                )
            found.append(
                model.Citation(
                    start, match.end(), citation_kind="osce-decision", key=key, label=label
                )
            )
        if not match["plural"]:
            continue
        clause = CLAUSE_END.search(text, match.end(), match.end() + _CLAUSE_LIMIT)
        limit = clause.start() if clause else min(len(text), match.end() + _CLAUSE_LIMIT)
        position = match.end()
        while (following := OSCE_CONTINUATION.search(text, position, limit)) is not None:
            position = following.end()
            key = _osce_key(following["number"], following["year"], council, False, context)
            if key is None:
                continue
            found.append(
                model.Citation(
                    following.start("marker"),
                    following.end(),
                    citation_kind="osce-decision",
                    key=key,
                    label=_osce_label(key, None),
                )
            )
    return found


# --------------------------------------------------------------------------- symbols

SYMBOL = re.compile(
    r"""(?x)
    (?<![\w/.-])
    (?P<symbol>
        (?P<series>A|E|S|ST|MC\.DEC|MC\.DOC|PC\.DEC|PC\.DOC|PC\.JOUR|FSC\.DEC|MC\.JOUR)
        (?:/(?:
            \d{1,4}(?:\s?\((?:(?:E?S-)?[IVXL]{1,7}|(?:19|20)\d{2})\))?
          | E?S-\d{1,2}
          | (?:Rev|Add|Corr|Amend)\.\d{1,3}
          | [A-Z]{1,6}(?:\.\d{1,4})?
        ))+
    )
    (?![\w/])
    """
)
"""A UN or OSCE document symbol as printed: A/62/117, E/2003/28/Rev.1, A/78/L.68."""

SYMBOL_SUFFIX = re.compile(r"(?x) \s+(?:et|and)\s+(?P<suffix>(?:Corr|Add|Rev)\.\d{1,3})(?![\w/])")
""""E/2007/28 et Corr.1" ("and Corr.1"): the corrigendum is a document of its own."""


def symbol_key(symbol: str) -> str:
    """The key of a symbol: spaces dropped, a lettered part of an old Assembly
    resolution dropped (``A/RES/217 A (III)`` → ``A/RES/217(III)``)."""
    compact = re.sub(r"\s+", "", symbol)
    return re.sub(r"^(A/RES/\d{1,4})[A-H](?=\()", r"\1", compact)


def _symbols(text: str) -> list[model.Citation]:
    found: list[model.Citation] = []
    for match in SYMBOL.finditer(text):
        symbol = match["symbol"]
        if not any(character.isdigit() for character in symbol) or "/" not in symbol:
            continue
        key = symbol_key(symbol)
        found.append(
            model.Citation(
                match.start(),
                match.end(),
                citation_kind="document",
                key=key,
                label=f"Document {key}",
            )
        )
        position = match.end()
        while (suffix := SYMBOL_SUFFIX.match(text, position)) is not None:
            position = suffix.end()
            suffixed = f"{key}/{suffix['suffix']}"
            found.append(
                model.Citation(
                    suffix.start("suffix"),
                    suffix.end("suffix"),
                    citation_kind="document",
                    key=suffixed,
                    label=f"Document {suffixed}",
                )
            )
    return found


# --------------------------------------------------------------------------- treaty series

TREATY_SERIES = re.compile(
    r"""(?x)
    (?:Recueil\s+des\s+[Tt]raités(?:\s+des\s+Nations\s+Unies)?
      | Treaty\s+Series
      | Ibid\.)
    \s*,\s*vol\.\s*(?P<volume>\d{1,5})
    \s*,\s*[Nn](?:[o°º])\.?\s*(?P<number>\d{1,6})
    (?![\w/])
    """
)
"""A reference to the United Nations Treaty Series ("United Nations, Treaty Series,
vol. 976, No. 14152" in English texts).  "Ibid., vol. …, no …" is taken
too: in these texts "vol." and "no" after "Ibid." only ever continue a treaty list.
The span leaves out a leading "Nations Unies," which the glossary may mark."""


def _treaty_series(text: str) -> list[model.Citation]:
    return [
        model.Citation(
            match.start(),
            match.end(),
            citation_kind="treaty-series",
            key=f"unts:{match['volume']}/{match['number']}",
            label=f"Nations Unies, Recueil des Traités, vol. {match['volume']}, "
            f"n° {match['number']}",
        )
        for match in TREATY_SERIES.finditer(text)
    ]


# --------------------------------------------------------------------------- assembling


_BARE_NUMBER = _verbose(_NUMBER)
_BARE_OSCE_NUMBER = re.compile(r"(\d{1,4})(?:/(\d{2}))?")


def key_for_symbol(symbol: str, body: str, decision: bool = False) -> str:
    """The key of a text from its own metadata: the same key a citation of it gets.

    A full symbol is its own key (``A/RES/62/176``, ``PC.DEC/758``); a bare number is
    read with the body's numbering: ``62/1`` of the CND is ``cnd:62/1``, ``758`` of the
    Permanent Council ``PC.DEC/758``, ``2007/12`` of ECOSOC ``E/RES/2007/12``."""
    symbol = symbol.strip()
    if body in ("ag", "cnd", "ecosoc"):
        bare = _BARE_NUMBER.fullmatch(symbol)
        if bare is not None:
            key = _act_key(_numbers(bare)[0], body, decision)
            if key is not None:
                return key
    if body in ("osce-cp", "osce-cm"):
        bare_osce = _BARE_OSCE_NUMBER.fullmatch(symbol)
        if bare_osce is not None:
            council = "permanent" if body == "osce-cp" else "ministériel"
            key = _osce_key(bare_osce[1], bare_osce[2], council, True, CitationContext(body))
            if key is not None:
                return key
    return symbol_key(symbol)


def _own_keys(context: CitationContext) -> set[str]:
    """The keys under which the citing text would cite itself."""
    symbol = (context.symbol or "").strip()
    if not symbol:
        return set()
    return {key_for_symbol(symbol, context.body, decision) for decision in (False, True)}


def _without_overlaps(citations: list[model.Citation]) -> list[model.Citation]:
    """Keep the longest citation where two finders claim overlapping text; citations
    over the very same span (a range) are kept together."""
    ordered = sorted(citations, key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[model.Citation] = []
    for citation in ordered:
        if kept:
            last = kept[-1]
            same_span = (last.start, last.end) == (citation.start, citation.end)
            if not same_span and citation.start < max(c.end for c in kept[-4:]):
                continue
        kept.append(citation)
    return kept


def find_citations(text: str, context: CitationContext) -> list[model.Citation]:
    """Every citation in ``text``, in reading order, targets unresolved (``""``)."""
    # Most blocks cite nothing: a substring test is far cheaper than a regex scan.
    lowered = text.lower()
    has_decision = "cision" in lowered
    found: list[model.Citation] = []
    if has_decision or "solution" in lowered:
        found += _un_acts(text, context)
    if has_decision:
        found += _osce_decisions(text, context)
    if "/" in text:
        found += _symbols(text)
    if "vol." in text:
        found += _treaty_series(text)
    own = _own_keys(context)
    found = [citation for citation in found if citation.key.split("#")[0] not in own]
    return _without_overlaps(found)


def group_by_span(citations: Iterable[model.Citation]) -> list[list[model.Citation]]:
    """Citations sharing one span (a range) grouped, in order."""
    groups: list[list[model.Citation]] = []
    for citation in citations:
        if groups and (groups[-1][0].start, groups[-1][0].end) == (citation.start, citation.end):
            groups[-1].append(citation)
        else:
            groups.append([citation])
    return groups


# --------------------------------------------------------------------------- instruments


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def entries_by_id(
    glossary_entries: Mapping[str, GlossaryEntry] | Iterable[GlossaryEntry],
) -> Mapping[str, GlossaryEntry]:
    """Glossary entries by id, whether given as a mapping or as a sequence."""
    if isinstance(glossary_entries, Mapping):
        return glossary_entries
    return {entry.id: entry for entry in glossary_entries}


def instrument_citations(
    block: model.Block,
    glossary_entries: Mapping[str, GlossaryEntry] | Iterable[GlossaryEntry],
    kinds: frozenset[str] = INSTRUMENT_KINDS,
) -> list[model.Citation]:
    """Citations of the instruments the glossary stage found named in ``block``.

    Each ``Mention`` whose entry is of an instrument kind becomes a citation over the
    same span, keyed ``glossary:<id>`` and labelled with the words of the text."""
    entries = entries_by_id(glossary_entries)
    found = []
    for span in block.spans:
        if not isinstance(span, model.Mention):
            continue
        entry = entries.get(span.entry)
        if entry is None or _fold(entry.kind) not in kinds:
            continue
        found.append(
            model.Citation(
                span.start,
                span.end,
                citation_kind="instrument",
                key=f"glossary:{entry.id}",
                label=" ".join(block.text[span.start : span.end].split()),
            )
        )
    return found


def treaty_entries(
    glossary_entries: Mapping[str, GlossaryEntry] | Iterable[GlossaryEntry],
) -> dict[str, str]:
    """``unts:<volume>/<number>`` key → id of the glossary entry holding it."""
    index: dict[str, str] = {}
    for entry in entries_by_id(glossary_entries).values():
        for reference in entry.unts or ():
            volume, _, number = str(reference).replace(" ", "").partition("/")
            index[f"unts:{int(volume)}/{int(number)}"] = entry.id
    return index
