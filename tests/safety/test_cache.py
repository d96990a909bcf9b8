"""Issue 12, finding 2: the conversion cache is data, checked on reading.

It was pickle: a crafted entry ran code at the next build, a valid entry with another
text was published, and one flipped byte gave a traceback on every later build.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pytest

from resolutions.model import ConversionResult
from resolutions.pipeline import (
    CACHE_FORMAT,
    CACHE_MAGIC,
    ConversionCache,
    convert_file,
    convert_paths,
    decode_model,
    encode_model,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "source_texts").glob("*.txt"))
TEXT = (
    "---\nsymbol: A/RES/1/1\ntitle: Un titre\nbody: ag\ntype: résolution\ndate: 2000-01-01\n"
    "source: essai\nformat: pdf-text\n---\n L’Assemblée générale,\n\n"
    " 1. Décide de rester saisie de la question.\n"
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_every_seed_round_trips_through_json(path: Path) -> None:
    result = convert_file(path, ROOT)
    data = json.loads(json.dumps(encode_model(result)))
    assert decode_model(data) == result


def cached_build(tmp_path: Path) -> tuple[Path, Path, ConversionResult]:
    source = tmp_path / "source_texts" / "a.txt"
    source.parent.mkdir(exist_ok=True)
    source.write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    result = convert_paths([source], tmp_path, cache=cache)
    return source, cache, result


def entry_of(cache: Path) -> Path:
    (entry,) = cache.rglob("*.entry")
    return entry


def test_an_entry_is_reused(tmp_path: Path) -> None:
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    assert ConversionCache(cache).lookup(source.read_bytes(), "source_texts/a.txt") == (first, None)
    assert convert_paths([source], tmp_path, cache=cache) == first
    header, _, payload = entry.read_bytes().partition(b"\n")
    assert header.startswith(CACHE_MAGIC + b" ")
    assert decode_model(json.loads(payload)) == first


def written_with(entry: Path, payload: bytes, **header: bytes) -> None:
    """``entry`` rewritten with ``payload``, its header's checksum made to match it (a
    consistent entry, as an attacker or another program could write), and any header
    field replaced by ``header``."""
    magic, version, key, _digest = entry.read_bytes().partition(b"\n")[0].split(b" ")
    fields = {
        "magic": magic,
        "version": version,
        "key": key,
        "digest": hashlib.sha256(payload).hexdigest().encode(),
        **header,
    }
    entry.write_bytes(b" ".join(fields.values()) + b"\n" + payload)


def warnings_of(result: ConversionResult) -> list[str]:
    return [d.message for d in result.diagnostics if d.severity == "warning"]


def test_a_pickle_in_the_cache_runs_nothing(tmp_path: Path) -> None:
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (Path.touch, (marker,))

    entry.write_bytes(pickle.dumps(Exploit()))
    (entry.with_suffix(".pickle")).write_bytes(pickle.dumps(Exploit()))
    again = convert_paths([source], tmp_path, cache=cache)
    assert not marker.exists()
    assert again.documents == first.documents
    assert any("damaged cached conversion" in message for message in warnings_of(again))


def test_changed_text_with_a_stale_checksum_is_not_published(tmp_path: Path) -> None:
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    tampered = entry.read_text(encoding="utf-8").replace("rester saisie", "tout autre chose")
    assert tampered != entry.read_text(encoding="utf-8")
    entry.write_text(tampered, encoding="utf-8")
    again = convert_paths([source], tmp_path, cache=cache)
    assert again.documents == first.documents
    assert "tout autre chose" not in json.dumps(encode_model(again))
    assert any("checksum" in message for message in warnings_of(again))
    # The entry is written anew: the next build is quiet.
    assert warnings_of(convert_paths([source], tmp_path, cache=cache)) == []


@pytest.mark.parametrize("position", [0, 10, 100, -3, -1])
def test_a_flipped_byte_is_a_miss_with_a_warning(tmp_path: Path, position: int) -> None:
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    content = bytearray(entry.read_bytes())
    content[position] ^= 0x20
    entry.write_bytes(bytes(content))
    again = convert_paths([source], tmp_path, cache=cache)
    assert again.documents == first.documents
    assert len(warnings_of(again)) == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"@": "Path", "args": ["/"]},
        {"@": "ConversionResult", "documents": [], "diagnostics": [], "extra": 1},
        {"@": "Document"},
        ["not", "a", "result"],
        {"@": "Diagnostic", "path": "x", "line": 1, "severity": "error", "message": "m"},
    ],
)
def test_only_the_model_is_decoded(tmp_path: Path, payload: object) -> None:
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    written_with(entry, json.dumps(payload).encode())
    again = convert_paths([source], tmp_path, cache=cache)
    assert again.documents == first.documents
    assert len(warnings_of(again)) == 1


@pytest.mark.parametrize(
    "header",
    [
        {"version": str(CACHE_FORMAT - 1).encode()},
        {"version": str(CACHE_FORMAT + 1).encode()},
        {"magic": b"other-cache"},
        {"key": b"0" * 64},
    ],
    ids=["older format", "newer format", "another program", "another key"],
)
def test_a_foreign_entry_is_not_trusted(tmp_path: Path, header: dict[str, bytes]) -> None:
    """A well-formed entry whose checksum matches, but made for another source, another
    converter, another format or by another program, is a miss."""
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    other = json.dumps(encode_model(convert_paths([source], tmp_path))).replace(
        "rester saisie", "tout autre chose"
    )
    written_with(entry, other.encode(), **header)
    again = convert_paths([source], tmp_path, cache=cache)
    assert again.documents == first.documents
    assert "tout autre chose" not in json.dumps(encode_model(again))
    assert len(warnings_of(again)) == 1


def test_the_payload_as_written_is_what_is_checked(tmp_path: Path) -> None:
    """The checksum is of the bytes: the same data written otherwise (spaces, another
    order of keys) is a miss, never a second reading of the same entry."""
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    header, _, payload = entry.read_bytes().partition(b"\n")
    reordered = json.dumps(json.loads(payload), sort_keys=True, indent=1).encode()
    assert json.loads(reordered) == json.loads(payload)
    entry.write_bytes(header + b"\n" + reordered)
    again = convert_paths([source], tmp_path, cache=cache)
    assert again.documents == first.documents
    assert any("checksum" in message for message in warnings_of(again))


def test_an_entry_with_a_missing_or_extra_header_field_is_a_miss(tmp_path: Path) -> None:
    source, cache, first = cached_build(tmp_path)
    entry = entry_of(cache)
    header, _, payload = entry.read_bytes().partition(b"\n")
    for changed in (header.rsplit(b" ", 1)[0], header + b" more", b"", header.replace(b" ", b"")):
        entry.write_bytes(changed + b"\n" + payload)
        again = convert_paths([source], tmp_path, cache=cache)
        assert again.documents == first.documents
        assert len(warnings_of(again)) == 1
        entry = entry_of(cache)
        header, _, payload = entry.read_bytes().partition(b"\n")
