"""The editor's parse cache: a hit is the same catalog, an edited file never hits, a broken
entry is parsed again. Files above the size threshold, since smaller ones are never cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats import po, po_cache


def _big_po(path: Path, units: int = 12000) -> bytes:
    lines = ['msgid ""', 'msgstr ""', '"Language: en\\n"', '"X-Source-Language: zh_CN\\n"', ""]
    for n in range(units):
        lines += [f"#: doc.txt:{n}", f'msgctxt "u{n}"', f'msgid "原文第{n}句，有一些字。"',
                  f'msgstr "{"" if n % 3 else f"Sentence {n}, with some words."}"', ""]
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) >= po._CACHE_MIN_BYTES
    path.write_bytes(data)
    return data


def _entries() -> list[Path]:
    return sorted(po_cache.cache_dir().glob("*.pickle"))


def test_a_hit_is_the_parsed_catalog_and_writes_back_byte_identical(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.po"
    data = _big_po(path)
    before = set(_entries())
    first = po.read_po(path, cache=True)  # parsed, then stored
    assert len(set(_entries()) - before) == 1
    with monkeypatch.context() as m:
        m.setattr(po, "parse_po_bytes", None)  # a hit does not parse
        second = po.read_po(path, cache=True)
    assert second is not first
    assert second.units == po.read_po(path).units
    assert second.header == first.header and second.path == path
    assert second.po_source is not None and second.po_source.text == first.po_source.text
    assert po.po_bytes(second) == data


def test_an_edited_file_never_hits(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    data = _big_po(path)
    po.read_po(path, cache=True)
    edited = data.replace(b'msgstr "Sentence 0,', b'msgstr "Changed 0,')
    path.write_bytes(edited)
    catalog = po.read_po(path, cache=True)
    assert catalog.units[0].target.startswith("Changed 0,")
    assert po.po_bytes(catalog) == edited


def test_a_corrupt_entry_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    data = _big_po(path)
    po.read_po(path, cache=True)
    entry = po_cache.cache_dir() / f"{po_cache.cache_key(data)}.pickle"
    entry.write_bytes(b"not a pickle")
    assert po.read_po(path, cache=True).units == po.read_po(path).units


def test_a_malformed_file_is_still_an_error(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    data = _big_po(path)
    path.write_bytes(data + b'msgid "x"\n')  # no msgstr
    with pytest.raises(InputError):
        po.read_po(path, cache=True)


def test_the_cache_keeps_the_most_recent_entries(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(po_cache, "KEEP", 2)
    for n in range(3):
        path = tmp_path / f"big{n}.po"
        _big_po(path, 12000 + n)
        po.read_po(path, cache=True)
    assert len(_entries()) == 2
