"""The official record of a text: where its body publishes it, in each language.

The United Nations publishes every document in its six official languages under one
address per symbol and language: ``https://docs.un.org/<language>/<symbol>`` (the
Official Document System's symbol access, successor of ``undocs.org``; the corpus
already leads outside citations there, ``corpus.UN_DOCUMENT_URL``).  The language codes
are ISO 639-1: ``ar``, ``zh``, ``en``, ``fr``, ``ru``, ``es``.

The OSCE publishes its decisions (``PC.DEC/758``, ``MC.DEC/5/06``) as files whose
address holds a number of its own, not the symbol: no address can be written from the
symbol, so none is shown rather than one that might be wrong.  A CND resolution
(``62/1``) has no document symbol of its own either (it is printed in the
Commission's report): nothing is shown.

Every link leaves the site: it is marked so (a visible sign, and words saying the
network is needed, in its name and title), as the site is meant to be read offline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from ..model import Document
from .inline import attribute, escape

UN_LANGUAGES = (
    ("ar", "arabe"),
    ("zh", "chinois"),
    ("en", "anglais"),
    ("fr", "français"),
    ("ru", "russe"),
    ("es", "espagnol"),
)
"""The UN's six official languages, in the UN's own order (alphabetical in English
names, as its documents list them), with their French names."""

UN_ADDRESS = "https://docs.un.org/{language}/{symbol}"

_UN_SYMBOL = re.compile(r"^(?:A|E|S|ST)/[A-Z0-9][A-Za-z0-9./()-]*$")
"""A UN document symbol (General Assembly, Economic and Social Council and its
commissions, Security Council, Secretariat): the series that have a symbol access."""

NETWORK_NOTE = "site des Nations Unies, connexion Internet nécessaire"
"""What an outside link says of itself, in its accessible name and its title."""


@dataclass(frozen=True)
class OfficialLink:
    language: str
    name: str
    url: str


def is_un_symbol(symbol: str) -> bool:
    return bool(_UN_SYMBOL.match(symbol))


def un_addresses(symbol: str) -> tuple[OfficialLink, ...]:
    """The official record of a UN document in each official language; none for a
    symbol that is not a UN document symbol."""
    if not is_un_symbol(symbol):
        return ()
    path = quote(symbol, safe="/().-")
    return tuple(
        OfficialLink(language, name, UN_ADDRESS.format(language=language, symbol=path))
        for language, name in UN_LANGUAGES
    )


def _external_link(link: OfficialLink, what: str, css: str) -> str:
    # The visible words (the language) begin the link's name, which goes on to say
    # where it leads: a screen reader and a voice command both find it by its words.
    return (
        f'<a class="{css} ra-external" href="{attribute(link.url)}" '
        f'hreflang="{link.language}" rel="external" '
        f'title="{attribute(f"{what} en {link.name} ({NETWORK_NOTE})")}">'
        f"{escape(link.name)}"
        f'<span class="ra-visually-hidden"> ({escape(NETWORK_NOTE)})</span>'
        '<span class="ra-external__mark" aria-hidden="true">↗</span></a>'
    )


def render_official_links(
    symbol: str, what: str = "Document officiel", languages: tuple[str, ...] = ()
) -> str:
    """The links to a UN symbol's record in the six languages (or in ``languages``),
    each marked as leaving the site; ``""`` when the symbol has no known address."""
    links = [link for link in un_addresses(symbol) if not languages or link.language in languages]
    if not links:
        return ""
    separator = '<span class="ra-official__sep" aria-hidden="true"> · </span>'
    items = separator.join(
        _external_link(link, f"{what} {symbol}", "ra-official-link") for link in links
    )
    return f'<span class="ra-official">{items}</span>'


def official_record(document: Document) -> str:
    """The header's links to the text's official record, in the six languages, with
    the words saying they need the network; ``""`` for an OSCE text or a CND
    resolution, which has no address by symbol (see above)."""
    links = render_official_links(document.symbol) if document.symbol else ""
    return f"{links} {_network_hint()}" if links else ""


def official_rows(document: Document) -> list[tuple[str, str]]:
    """The header's rows on how the text was adopted, as (label, HTML): its draft
    (linked in French when it is a UN symbol), the meeting and the adoption, as the
    cover block or the front matter print them."""
    details: Mapping[str, str] = dict(document.details)
    rows: list[tuple[str, str]] = []
    draft = details.get("draft_symbol")
    if draft:
        # The draft in the site's language only: the text's own record has all six.
        draft_links = render_official_links(draft, "Projet de texte", ("fr",))
        rows.append(("Projet", escape(draft) + (f" {draft_links}" if draft_links else "")))
    if details.get("meeting"):
        rows.append(("Séance", escape(details["meeting"])))
    if details.get("adoption"):
        rows.append(("Adoption", escape(details["adoption"])))
    return rows


def _network_hint() -> str:
    return '<span class="ra-official__hint">(sites externes, connexion nécessaire)</span>'
