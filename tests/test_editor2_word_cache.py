"""The word-count cache (workbench.editor.word_cache): a second opening counts nothing."""

from __future__ import annotations

import os
from array import array
from collections.abc import Sequence
from pathlib import Path

import pytest

from workbench.editor import word_cache
from workbench.editor.word_cache import cached_catalog, cached_counts, cached_counts_elsewhere
from workbench.words import count

SOURCES = ["西藏自治區黨委書記在會上講話。", "他說：「我們要堅持新發展理念。」", "推動高質量發展。",
           "西藏自治區黨委書記在會上講話。"]


class Counter:
    """The real count, remembering what it was asked to count."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, sources: Sequence[str], lang: str) -> array[int]:
        self.asked.extend(sources)
        return array("I", (count(s, lang).words for s in sources))


def test_second_opening_counts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "words.sqlite"
    first = Counter()
    counts, counted = cached_counts(SOURCES, "zh-Hant", first, path)
    assert list(counts) == [count(s, "zh-Hant").words for s in SOURCES]
    assert counted == 3 and len(first.asked) == 3  # the repeated sentence once
    again = Counter()
    assert cached_counts(SOURCES, "zh-Hant", again, path) == (counts, 0)
    assert again.asked == []
    # a new sentence (the catalog was merged): only it is counted
    more = Counter()
    counts, counted = cached_counts([*SOURCES, "新的句子。"], "zh-Hant", more, path)
    assert more.asked == ["新的句子。"] and counted == 1 and len(counts) == 5


def test_another_language_or_measure_is_counted_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "words.sqlite"
    cached_counts(SOURCES, "zh-Hant", Counter(), path)
    assert cached_counts(SOURCES, "ja", Counter(), path)[1] == 3
    monkeypatch.setattr(word_cache, "MEASURE", "words 2")
    assert cached_counts(SOURCES, "zh-Hant", Counter(), path)[1] == 3


def test_default_place_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cached_counts(SOURCES, "zh-Hant", Counter())
    assert (tmp_path / "workbench" / "words.sqlite").is_file()


def test_a_damaged_or_unwritable_cache_still_counts(tmp_path: Path) -> None:
    damaged = tmp_path / "words.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    counts, counted = cached_counts(SOURCES, "zh-Hant", Counter(), damaged)
    assert counted == 3 and len(counts) == 4
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        counts, counted = cached_counts(SOURCES, "zh-Hant", Counter(), locked / "sub" / "w.sqlite")
    finally:
        os.chmod(locked, 0o700)
    assert counted == 3 and list(counts) == [count(s, "zh-Hant").words for s in SOURCES]


def test_counted_in_a_child_process_with_the_same_cache(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the editor does for a large catalog: the child process reads and fills the
    cache the editor's own process would."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = cached_counts_elsewhere(SOURCES, "zh-Hant")
    assert found is not None
    counts, counted = found
    assert list(counts) == [count(s, "zh-Hant").words for s in SOURCES] and counted == 3
    assert cached_counts_elsewhere(SOURCES, "zh-Hant") == (counts, 0)
    assert cached_counts(SOURCES, "zh-Hant", Counter()) == (counts, 0)


def test_a_catalog_as_last_time_is_one_lookup(tmp_path: Path) -> None:
    path = tmp_path / "words.sqlite"
    assert cached_catalog(SOURCES, "zh-Hant", path) is None
    counts, _ = cached_counts(SOURCES, "zh-Hant", Counter(), path)
    assert cached_catalog(SOURCES, "zh-Hant", path) == counts
    # one sentence changed: not the same catalog (its sentences still are, one by one)
    changed = [*SOURCES[:-1], "新的句子。"]
    assert cached_catalog(changed, "zh-Hant", path) is None
    assert cached_catalog(SOURCES, "ja", path) is None
    asked = Counter()
    cached_counts(changed, "zh-Hant", asked, path)
    assert asked.asked == ["新的句子。"]
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    assert cached_catalog(SOURCES, "zh-Hant", damaged) is None
