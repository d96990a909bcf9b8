"""Month names, in French and in English: the one table that the readers (cover blocks,
page furniture), the citations (dates in a citation) and the pages (dates shown) use."""

from __future__ import annotations

import unicodedata

FRENCH = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
ENGLISH = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def unaccented(name: str) -> str:
    """``février`` → ``fevrier``: as a month is sometimes typed."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def numbers(names: tuple[str, ...]) -> dict[str, int]:
    """Name → number (January is 1), as the names are written in ``names``."""
    return {name: number for number, name in enumerate(names, 1)}


def french_date(iso: str) -> str:
    """An ISO date (``2024-06-04``, ``2024-06`` or ``2024``) as French prints it:
    ``4 juin 2024``, ``1er juin 2024``, ``juin 2024``."""
    parts = iso.split("-")
    if len(parts) == 3:
        day = int(parts[2])
        return f"{'1er' if day == 1 else day} {FRENCH[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{FRENCH[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]
