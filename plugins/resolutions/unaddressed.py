"""Citations with no official address, reviewed and accepted by editors.

``citations-sans-adresse.yml`` sits beside the source texts (as ``glossaire.yml`` does)
and lists, by citation key, the texts that are cited but have no address the site can
give: each entry says why.  ``corpus.unresolved`` leaves them out, so ``resolutions
check --strict`` passes on a reviewed corpus and a new citation with no address still
fails it.  The file::

    acceptees:
      - cle: cnd:50/12        # the citation's key (``resolutions convert --json``)
        raison: >-            # why no address is given, in French
          ...

A malformed file stops the check with ``path:line: error: message``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import SourceError

__all__ = ["ACCEPTED_FILE", "Accepted", "accepted_beside", "load_accepted"]

ACCEPTED_FILE = "citations-sans-adresse.yml"
FIELDS = ("cle", "raison")


@dataclass(frozen=True)
class Accepted:
    """A cited text with no address, accepted: its key, why, and the file's line."""

    key: str
    reason: str
    line: int


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def load_accepted(path: Path, shown: str | None = None) -> dict[str, Accepted]:
    """The accepted citations of ``path``, by key; ``shown`` names it in errors."""
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(shown, 1, f"cannot read the file: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise SourceError(shown, line, f"not valid YAML: {error}") from None
    if root is None:
        return {}
    keys = [key.value for key, _ in root.value] if isinstance(root, yaml.MappingNode) else []
    if keys != ["acceptees"]:
        raise SourceError(shown, _line(root), "expected one key, 'acceptees:', and its list")
    entries = root.value[0][1]
    if not isinstance(entries, yaml.SequenceNode):
        raise SourceError(shown, _line(entries), "'acceptees' must be a list of entries")
    found: dict[str, Accepted] = {}
    for entry in entries.value:
        if not isinstance(entry, yaml.MappingNode):
            raise SourceError(shown, _line(entry), "an entry must have 'cle' and 'raison'")
        values: dict[str, str] = {}
        for key_node, value_node in entry.value:
            if key_node.value not in FIELDS:
                raise SourceError(
                    shown, _line(key_node), f"unknown field '{key_node.value}' (cle, raison)"
                )
            if not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
                raise SourceError(
                    shown, _line(value_node), f"'{key_node.value}' must be a non-empty text"
                )
            values[key_node.value] = str(value_node.value).strip()
        missing = [name for name in FIELDS if name not in values]
        if missing:
            raise SourceError(shown, _line(entry), f"entry without '{missing[0]}'")
        key = values["cle"]
        if key in found:
            raise SourceError(
                shown, _line(entry), f"'{key}' is already accepted on line {found[key].line}"
            )
        found[key] = Accepted(key, values["raison"], _line(entry))
    return found


@lru_cache(maxsize=16)
def _cached(path: str, mtime_ns: int) -> dict[str, Accepted]:
    return load_accepted(Path(path))


def accepted_beside(source_path: str) -> dict[str, Accepted]:
    """The accepted citations of the folder that holds ``source_path`` (a source text as
    the check shows it), or none when that folder has no such file."""
    path = Path(source_path).parent / ACCEPTED_FILE
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _cached(str(path), mtime)
